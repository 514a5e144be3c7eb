"""The check of the governments' responses (``responses/``): the second kind of record, through the same
pipeline as a signature: the safe loader (petition.load.document), the plaintext guard, the model made
from the fields' declaration (petition.model.response), problems on the file's lines. ``check_records``
does the same for any kind (the delivery records: petition.check.deliveries).

Responses are few (one per government that answered): they are checked in full on every run, never cached.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

from pydantic import BaseModel

from petition.check.onefile import plaintext_problems, validate_record
from petition.load.document import load
from petition.model.fields import RESPONSE, Kind
from petition.model.response import Response, context
from petition.problems import Problem
from petition.settings import Settings


@dataclasses.dataclass(frozen=True)
class RecordEntry:
    """A valid record of a kind other than a signature (a response, a delivery) and where it came from."""

    kind: Kind
    path: str
    slug: str
    fields: dict[str, str]  # the declared fields it sets, verbatim
    lines: dict[str, int]

    def __getattr__(self, name: str) -> str:
        # Read a field as an attribute (entry.country); an optional field left out reads as "". Only
        # called for names the instance lacks: "kind" itself is missing only while copy or pickle builds one.
        kind = self.__dict__.get("kind")
        if kind is not None and name in kind.by_name:
            return self.fields.get(name, "")
        raise AttributeError(name)


def record_paths(settings: Settings, kind: Kind) -> list[str]:
    """Everything in the kind's folder, sorted (no folder: no records)."""
    try:
        with os.scandir(settings.root / getattr(settings, kind.folder)) as it:
            return sorted(e.path for e in it)
    except (FileNotFoundError, NotADirectoryError):
        return []


def check_record(
    path: Path | str, settings: Settings, kind: Kind, model: type[BaseModel], rules: dict
) -> tuple[RecordEntry | None, list[Problem]]:
    """One file's verdict as a record of ``kind``: ``rules`` is its validation context."""
    path = Path(path)
    doc, problems = load(path, settings)
    if doc is None:
        return None, problems
    guard = plaintext_problems(doc)
    record, schema_problems = validate_record(doc, kind, model, rules)
    if guard:  # as for a signature: the guard's message replaces any other about the same line
        guarded = {p.line for p in guard}
        schema_problems = [p for p in schema_problems if p.line not in guarded]
    problems = problems + guard + schema_problems
    if problems or record is None:
        return None, problems
    fields = {k: v for k, v in record.model_dump().items() if v is not None}
    return RecordEntry(kind, doc.path, doc.slug, fields, doc.lines), []


def check_records(
    settings: Settings, kind: Kind, model: type[BaseModel], rules: dict, paths: list[str] | None = None
) -> tuple[list[RecordEntry], list[Problem]]:
    """Every record of the kind (or those of ``paths``), newest first by ``date``, and every problem found."""
    entries: list[RecordEntry] = []
    problems: list[Problem] = []
    for path in record_paths(settings, kind) if paths is None else paths:
        entry, found = check_record(path, settings, kind, model, rules)
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    entries.sort(key=lambda e: (e.fields["date"], e.slug), reverse=True)
    return entries, problems


def check_responses(
    settings: Settings, today: dt.date | None = None, paths: list[str] | None = None
) -> tuple[list[RecordEntry], list[Problem]]:
    """Every response (or those of ``paths``), newest first, and every problem found in them."""
    return check_records(settings, RESPONSE, Response, context(settings, today), paths)
