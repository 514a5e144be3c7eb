"""petition schema [--check]: the JSON Schema of a signature file, generated from the pydantic model."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from petition.model.signature import Signature
from petition.settings import Settings

SCHEMA_FILE = "docs/signature.schema.json"


def schema_text() -> str:
    schema = Signature.model_json_schema(mode="validation")
    for prop in schema["properties"].values():
        # Optional means "leave the line out": an empty value is refused, so null is not offered.
        options = prop.pop("anyOf", None)
        if options:
            prop.update(next(o for o in options if o.get("type") != "null"))
        prop.pop("default", None)
    # Signers' files need a date and an encrypted contact; founding entries recorded by the maintainers do not.
    schema["if"] = {"not": {"properties": {"source": {"const": "founding"}}, "required": ["source"]}}
    schema["then"] = {"required": ["signed", "contact", "version"]}
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help=f"fail if {SCHEMA_FILE} differs from the model")
    parser.add_argument("--output", type=Path, default=None, help=f"where to write it (default: {SCHEMA_FILE})")


def run(args: argparse.Namespace, settings: Settings) -> int:
    target = args.output or settings.root / SCHEMA_FILE
    wanted = schema_text()
    if args.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != wanted:
            print(f"{SCHEMA_FILE} is out of date with the schema: run “petition schema” and commit the result.")
            return 1
        print(f"{SCHEMA_FILE} is up to date.")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(wanted, encoding="utf-8")
    print(f"Wrote {target}.")
    return 0
