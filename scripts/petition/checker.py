"""The pipeline: load every file, validate it, check the collection. Results are data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
import os
import re
from pathlib import Path

from . import gcpause, lifecycle
from .cache import CACHE_DIR, ResultCache, fingerprint
from .collection import duplicate_problems
from .keys import KeyRing, load_keyring
from .loader import Document, load_data
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
    if "@" not in doc.text:  # the pattern needs one; skipping the scan saves most of a check's time
        return problems
    for number, line in enumerate(doc.text.splitlines(), start=1):
        if "@" in line and _EMAIL_SHAPE.search(line):  # the cheap test first: most lines have no "@"
            where = "the contact" if number == doc.lines.get("contact") else "this line"
            problems.append(Problem(doc.path, number, f"{where} contains a plain email address: remove it. Addresses are never published; only the encrypted “contact” may carry one (the sign page and “petition sign” encrypt it for you).", "plaintext-email"))
    return problems


def signature_paths(settings: Settings) -> list[str]:
    """Everything in the signatures folder, sorted, as strings (100,000 Path objects cost a second)."""
    folder = settings.signatures_path
    try:
        with os.scandir(folder) as it:
            return sorted(e.path for e in it)
    except FileNotFoundError:
        return []


def check_one_data(path: Path, shown: str, data: bytes, settings: Settings, keyring: KeyRing | None, today: dt.date, versions: list[str] | None = None) -> tuple[Entry | None, list[Problem]]:
    """Load and check one file whose bytes are already read (files with wrong names are refused too)."""
    doc, problems = load_data(path, shown, data)
    return _check_doc(doc, problems, keyring, today, versions)


def _check_doc(doc: Document | None, problems: list[Problem], keyring: KeyRing | None, today: dt.date, versions: list[str] | None) -> tuple[Entry | None, list[Problem]]:
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


def check(settings: Settings, paths: list[Path] | None = None, today: dt.date | None = None, cache: bool = False) -> CheckResult:
    """Check the given signature files (default: the whole folder) against the whole collection.

    Files are checked on every core (petition.parallel). With ``cache``, files already found valid
    with the same content are not checked again (petition.cache; the site build uses it).
    """
    with gcpause.paused():
        return _check(settings, paths, today, cache)


def _check(settings: Settings, paths: list[Path] | None, today: dt.date | None, cache: bool) -> CheckResult:
    from . import parallel  # it builds on check_one_data, below

    today = today or dt.date.today()
    keyring, problems = load_keyring(settings.keys_path, settings.root)
    versions = known_versions(settings)
    everything = signature_paths(settings)
    display = parallel.shower(settings)
    if paths is None:
        order: list[str] = everything  # scandir names are unique
        order_shown = [display(p) for p in everything]
        target_shown = set(order_shown)
    else:
        targets = [str(p if Path(p).is_absolute() else settings.root / p) for p in paths]
        target_shown = {display(p) for p in targets}
        order, order_shown = [], []
        seen: set[str] = set()
        for path in targets + everything:
            shown = display(path)
            if shown not in seen:
                seen.add(shown)
                order.append(path)
                order_shown.append(shown)
    entries: list[Entry] = []
    keys: dict[str, tuple] = {}
    store = ResultCache(settings.root / CACHE_DIR, fingerprint(settings, keyring, versions)).load() if cache else None
    for outcome in parallel.check_files(order, order_shown, settings, keyring, today, versions, store):
        if outcome.entry is not None:
            entries.append(outcome.entry)
            if outcome.name_keys is not None:
                keys[outcome.shown] = outcome.name_keys
        if outcome.problems and outcome.shown in target_shown:
            problems.extend(outcome.problems)
    if store is not None:
        store.save()
    # Closing: a file dated after the last day of signing is invalid, so it is never published.
    problems.extend(lifecycle.config_problems(settings))
    late = lifecycle.closing_problems(settings, entries)
    late_paths = {p.path for p in late}
    entries = [e for e in entries if e.path not in late_paths]
    problems.extend(p for p in late if p.path in target_shown)
    problems.extend(duplicate_problems(entries, report_on=None if paths is None else target_shown, keys=keys))
    return CheckResult(sorted(target_shown), sorted(entries, key=operator.attrgetter("path")), sorted(set(problems)))
