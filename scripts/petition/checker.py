"""The pipeline: load every file, validate it, check the collection. Results are data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from pathlib import Path

from . import lifecycle
from .collection import duplicate_problems
from .keys import KeyRing, load_keyring
from .loader import Document, load
from .problems import ERROR, Problem
from .settings import Settings
from .versions import known_versions
from .validate import Entry, validate

# Anything shaped like an address, wherever it stands in a file (a comment too).
_EMAIL_SHAPE = re.compile(r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")


@dataclasses.dataclass
class CheckResult:
    checked: list[str]
    entries: list[Entry]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)

    @property
    def invalid_files(self) -> list[str]:
        return sorted({p.path for p in self.problems if p.severity == ERROR})


def plaintext_problems(doc: Document) -> list[Problem]:
    """Refuse email-shaped text outside an encrypted contact, by location only: never echo it."""
    problems = []
    for number, line in enumerate(doc.text.splitlines(), start=1):
        if "@" in line and _EMAIL_SHAPE.search(line):  # the cheap test first: most lines have no "@"
            where = "the contact" if number == doc.lines.get("contact") else "this line"
            problems.append(Problem(doc.path, number, f"{where} contains a plain email address: remove it. Addresses are never published; only the encrypted “contact” may carry one (the sign page and “petition sign” encrypt it for you).", "plaintext-email"))
    return problems


def signature_files(settings: Settings) -> list[Path]:
    """Everything in the signatures folder, sorted: files with wrong names are checked (and refused) too."""
    folder = settings.signatures_path
    try:
        with os.scandir(folder) as it:
            return sorted(Path(e.path) for e in it)
    except FileNotFoundError:
        return []


def check_one(path: Path, settings: Settings, keyring: KeyRing | None, today: dt.date, versions: list[str] | None = None) -> tuple[Entry | None, list[Problem]]:
    doc, problems = load(path, settings)
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


def check(settings: Settings, paths: list[Path] | None = None, today: dt.date | None = None) -> CheckResult:
    """Check the given signature files (default: the whole folder) against the whole collection."""
    today = today or dt.date.today()
    keyring, problems = load_keyring(settings.keys_path, settings.root)
    versions = known_versions(settings)
    everything = signature_files(settings)
    targets = everything if paths is None else [Path(p) if Path(p).is_absolute() else settings.root / p for p in paths]
    target_shown = {settings.display(p) for p in targets}
    entries: list[Entry] = []
    seen: set[str] = set()
    for path in targets + [p for p in everything if settings.display(p) not in target_shown]:
        shown = settings.display(path)
        if shown in seen:
            continue
        seen.add(shown)
        entry, file_problems = check_one(path, settings, keyring, today, versions)
        if entry is not None:
            entries.append(entry)
        if shown in target_shown:
            problems.extend(file_problems)
    # Closing: a file dated after the last day of signing is invalid, so it is never published.
    problems.extend(lifecycle.config_problems(settings))
    late = lifecycle.closing_problems(settings, entries)
    late_paths = {p.path for p in late}
    entries = [e for e in entries if e.path not in late_paths]
    problems.extend(p for p in late if p.path in target_shown)
    problems.extend(duplicate_problems(entries, report_on=None if paths is None else target_shown))
    return CheckResult(sorted(target_shown), sorted(entries, key=lambda e: e.path), sorted(set(problems)))
