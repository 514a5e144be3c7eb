"""Validate one loaded document against the schema, turning pydantic's errors into signer-facing
problems on the line of the field concerned."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ValidationError

from petition.check import guard
from petition.load.document import Document, load_data
from petition.model.fastvalidate import rebuild, validated_fields
from petition.model.fields import BY_NAME, NAMES, SIGNATURE, Kind
from petition.model.freetext import find_addresses
from petition.model.keys import KeyRing
from petition.model.signature import CROSS_FIELD_KINDS, Signature, cross_field_errors
from petition.problems import Problem, show
from petition.settings import Settings

FIELD_ORDER = NAMES


@dataclasses.dataclass(frozen=True, slots=True)
class Entry:
    """A valid signature and where it came from."""

    path: str
    slug: str
    signature: Signature
    lines: dict[str, int]


def validate(
    doc: Document, keyring: KeyRing | None, today: dt.date | None = None, versions: list[str] | None = None
) -> tuple[Entry | None, list[Problem]]:
    context = {"keyring": keyring, "today": today or dt.date.today(), "versions": versions}
    fields = validated_fields(doc.fields, context)  # the same rules without pydantic's glue, for a valid file
    if fields is not None:
        return Entry(doc.path, doc.slug, rebuild(fields), doc.lines), []
    try:
        signature = Signature.model_validate(doc.fields, context=context)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False)
        # A field error stops pydantic before the cross-field rules, and those stop at their first
        # error: run them all here on the fields that are valid, so one run reports every problem.
        field_errors = [e for e in errors if e.get("loc") or e["type"] not in CROSS_FIELD_KINDS]
        bad = {str(e["loc"][0]) for e in field_errors if e.get("loc")}
        valid = {k: v for k, v in doc.fields.items() if k in Signature.model_fields and k not in bad}
        cross = [
            {"type": e.type, "loc": (), "msg": e.message(), "ctx": e.context or {}}
            for e in cross_field_errors(valid, context, present=bad)
        ]
        problems = [_problem(doc, error) for error in field_errors + cross]
        return None, sorted(set(problems), key=lambda p: (p.line, p.message))
    return Entry(doc.path, doc.slug, signature, doc.lines), []


def validate_record(
    doc: Document, kind: Kind, model: type[BaseModel], context: dict
) -> tuple[BaseModel | None, list[Problem]]:
    """Another kind of record's verdict (a response: petition.check.responses), its problems made as a signature's."""
    try:
        return model.model_validate(doc.fields, context=context), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False)
        problems = {_problem(doc, error, kind) for error in errors}
        return None, sorted(problems, key=lambda p: (p.line, p.message))


def _problem(doc: Document, error: dict, kind: Kind = SIGNATURE) -> Problem:
    loc = error.get("loc") or ()
    ctx = error.get("ctx") or {}
    kind_type = error["type"]
    declared_fields = kind.by_name if kind is not SIGNATURE else BY_NAME
    field = str(loc[0]) if loc else str(ctx.get("field", ""))
    line = doc.line_of(field) if field else 1
    if kind_type == "missing":
        hint = ctx.get("hint") or (declared_fields[field].missing_hint if field in declared_fields else "") or "a value"
        return Problem(doc.path, 1, f"“{field}” is missing: add a line “{field}: …” with {hint}.", "missing")
    if kind_type == "extra_forbidden":
        fields = ", ".join(FIELD_ORDER if kind is SIGNATURE else kind.names)
        return Problem(
            doc.path,
            line,
            f"{show(field, 30)} is not a field of a {kind.name} (the fields are {fields}): check the "
            "spelling, or delete the line.",
            "unknown-field",
        )
    if kind_type == "literal_error" and field in declared_fields:
        declared = declared_fields[field]
        if declared.maintainers_only:
            return Problem(
                doc.path,
                line,
                f"“{field}” is set by the maintainers only ({' or '.join(declared.choices)}): delete this line.",
                field,
            )
        return Problem(doc.path, line, f"“{field}” must be {' or '.join(f'“{c}”' for c in declared.choices)}.", field)
    message = error.get("msg", "is not valid.")
    return Problem(doc.path, line, f"“{field}” {message}", kind_type.replace("_", "-"))


_ADDRESS_MESSAGE = (
    "{where} contains a plain email address: remove it. Addresses are never published; only the encrypted "
    "“contact” may carry one (the sign page and “petition sign” encrypt it for you)."
)


def plaintext_problems(doc: Document) -> list[Problem]:
    """Refuse email-shaped text outside an encrypted contact, by location only: never echo it."""
    problems = []
    if "@" not in doc.text:  # the pattern needs one; skipping the scan saves most of a check's time
        return problems
    for number, line in enumerate(doc.text.splitlines(), start=1):
        # Anything shaped like an address, international ones too, wherever it stands (a comment too).
        if "@" in line and find_addresses(line):  # the cheap test first: most lines have no "@"
            where = "the contact" if number == doc.lines.get("contact") else "this line"
            problems.append(Problem(doc.path, number, _ADDRESS_MESSAGE.format(where=where), "plaintext-email"))
    return problems


def check_one_data(
    path: Path,
    shown: str,
    data: bytes,
    settings: Settings,
    keyring: KeyRing | None,
    today: dt.date,
    versions: list[str] | None = None,
) -> tuple[Entry | None, list[Problem]]:
    """Load and check one file whose bytes are already read (files with wrong names are refused too)."""
    doc, problems = load_data(path, shown, data)
    if doc is None and b"@" in data and any(p.code == "encoding" for p in problems):
        problems = problems + undecoded_address_problems(shown, data)
    return _check_doc(doc, problems, keyring, today, versions)


def undecoded_address_problems(shown: str, data: bytes) -> list[Problem]:
    """Addresses in a file refused for its encoding (UTF-16, say), by line: the guard reads it as what it is."""
    found: dict[int, Problem] = {}
    for text in guard.decoded_texts(data):
        for number, line in enumerate(guard.split_lines(text), start=1):
            if "@" in line and find_addresses(line):
                found.setdefault(
                    number, Problem(shown, number, _ADDRESS_MESSAGE.format(where="this line"), "plaintext-email")
                )
    return [found[n] for n in sorted(found)]


def _check_doc(
    doc: Document | None, problems: list[Problem], keyring: KeyRing | None, today: dt.date, versions: list[str] | None
) -> tuple[Entry | None, list[Problem]]:
    if doc is None:
        return None, problems
    guard = plaintext_problems(doc)
    entry, schema_problems = validate(doc, keyring, today, versions)
    if guard:
        # The guard's message replaces any schema message about the same line, which could hint at the value.
        guarded = {p.line for p in guard}
        schema_problems = [p for p in schema_problems if p.line not in guarded]
    problems = problems + guard + schema_problems
    return (entry if not problems else None), problems
