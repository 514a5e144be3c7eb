"""petition schema [--check]: the JSON Schema of a signature file, and of a government's response, generated from
their pydantic models (both made from petition.model.fields)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pydantic import BaseModel

from petition.model.response import Response
from petition.model.signature import Signature
from petition.settings import Settings

SCHEMA_FILE = "docs/signature.schema.json"
RESPONSE_SCHEMA_FILE = "docs/response.schema.json"


def model_schema(model: type[BaseModel]) -> dict:
    """The model's JSON Schema as editors use it: an optional field is a line left out, never null."""
    schema = model.model_json_schema(mode="validation")
    for prop in schema["properties"].values():
        # Optional means "leave the line out": an empty value is refused, so null is not offered.
        options = prop.pop("anyOf", None)
        if options:
            prop.update(next(o for o in options if o.get("type") != "null"))
        prop.pop("default", None)
    return schema


def response_schema_text() -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model_schema(Response)}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_text() -> str:
    schema = model_schema(Signature)
    # Signers' files need a date and an encrypted contact; founding entries recorded by the maintainers do not.
    schema["if"] = {"not": {"properties": {"source": {"const": "founding"}}, "required": ["source"]}}
    schema["then"] = {"required": ["signed", "contact", "version"]}
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help=f"fail if {SCHEMA_FILE} differs from the model")
    parser.add_argument("--output", type=Path, default=None, help=f"where to write it (default: {SCHEMA_FILE})")


def run(args: argparse.Namespace, settings: Settings) -> int:
    schemas = [(SCHEMA_FILE, args.output or settings.root / SCHEMA_FILE, schema_text())]
    if args.output is None:  # --output names the signature's schema only
        schemas.append((RESPONSE_SCHEMA_FILE, settings.root / RESPONSE_SCHEMA_FILE, response_schema_text()))
    stale = 0
    for name, target, wanted in schemas:
        if args.check:
            current = target.read_text(encoding="utf-8") if target.is_file() else ""
            if current != wanted:
                print(f"{name} is out of date with the schema: run “petition schema” and commit the result.")
                stale += 1
            else:
                print(f"{name} is up to date.")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(wanted, encoding="utf-8")
        print(f"Wrote {target}.")
    return 1 if stale else 0
