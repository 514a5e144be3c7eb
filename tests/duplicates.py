"""The duplicate check as the checker runs it, for tests that hold Entry objects: each valid
file's ``collection.duplicate_key``, compared by ``collection.duplicate_problems_of``."""

from __future__ import annotations

from collections.abc import Iterable

from petition.check.duplicates import duplicate_key, duplicate_problems_of
from petition.check.namesakes import NONE as NO_NAMESAKES
from petition.check.namesakes import Namesakes
from petition.check.onefile import Entry
from petition.problems import Problem


def entry_key(entry: Entry) -> tuple:
    """The key the checker's workers compute for this entry (parallel.record_of)."""
    sig = entry.signature
    return duplicate_key(
        entry.slug,
        sig.name,
        sig.country,
        sig.github,
        sig.type,
        entry.lines.get("name", 1),
        entry.lines.get("github", 1),
        website=sig.website,
    )


def checked_duplicates(
    entries: Iterable[Entry], report_on: set[str] | None = None, namesakes: Namesakes = NO_NAMESAKES
) -> list[Problem]:
    return duplicate_problems_of([(e.path, entry_key(e)) for e in entries], report_on=report_on, namesakes=namesakes)
