"""The check of the governments' responses (``responses/``): the second kind of record, through the same
pipeline as a signature: the safe loader (petition.load.document), the plaintext guard, the model made
from the fields' declaration (petition.model.response), problems on the file's lines.

Responses are few (one per government that answered): they are checked in full on every run, never cached.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

from petition.check.onefile import plaintext_problems, validate_record
from petition.load.document import load
from petition.model.fields import RESPONSE
from petition.model.response import Response, context
from petition.problems import Problem
from petition.settings import Settings


@dataclasses.dataclass(frozen=True)
class ResponseEntry:
    """A valid response and where it came from."""

    path: str
    slug: str
    fields: dict[str, str]  # the declared fields it sets, verbatim
    lines: dict[str, int]

    def __getattr__(self, name: str) -> str:
        # Read a field as an attribute (entry.country); an optional field left out reads as "".
        if name in RESPONSE.by_name:
            return self.fields.get(name, "")
        raise AttributeError(name)


def response_paths(settings: Settings) -> list[str]:
    """Everything in the responses folder, sorted (no folder: no responses)."""
    try:
        with os.scandir(settings.responses_path) as it:
            return sorted(e.path for e in it)
    except (FileNotFoundError, NotADirectoryError):
        return []


def check_response(path: Path | str, settings: Settings, rules: dict) -> tuple[ResponseEntry | None, list[Problem]]:
    """One response file's verdict: ``rules`` is petition.model.response.context."""
    path = Path(path)
    doc, problems = load(path, settings)
    if doc is None:
        return None, problems
    guard = plaintext_problems(doc)
    model, schema_problems = validate_record(doc, RESPONSE, Response, rules)
    if guard:  # as for a signature: the guard's message replaces any other about the same line
        guarded = {p.line for p in guard}
        schema_problems = [p for p in schema_problems if p.line not in guarded]
    problems = problems + guard + schema_problems
    if problems or model is None:
        return None, problems
    fields = {k: v for k, v in model.model_dump().items() if v is not None}
    return ResponseEntry(doc.path, doc.slug, fields, doc.lines), []


def check_responses(
    settings: Settings, today: dt.date | None = None, paths: list[str] | None = None
) -> tuple[list[ResponseEntry], list[Problem]]:
    """Every response (or those of ``paths``), newest first, and every problem found in them."""
    rules = context(settings, today)
    entries: list[ResponseEntry] = []
    problems: list[Problem] = []
    for path in response_paths(settings) if paths is None else paths:
        entry, found = check_response(path, settings, rules)
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    entries.sort(key=lambda e: (e.fields["date"], e.slug), reverse=True)
    return entries, problems
