"""What the checker keeps of a valid file, with named parts.

The workers make and send, and the content cache stores, the plain form (nested tuples: marshal
writes nothing else, and a plain tuple crosses between processes a hundred times faster than a
named one); the parent names them on receipt (``named``), so everything that reads a check's
records reads them by name.
"""

from __future__ import annotations

from typing import NamedTuple

from petition.check.duplicates import DuplicateKey


class Record(NamedTuple):
    """A valid file, compactly: no pydantic object, no dict, never the encrypted contact."""

    slug: str
    values: tuple[str | None, ...]  # the public fields' values, in check.workers.VALUE_FIELDS order; None when unset
    lines: bytes | tuple[int, ...]  # the line of each field, in the declaration's order; 0 when absent
    key: DuplicateKey  # what the duplicate checks compare it by
    derived: tuple | None  # what the site build's ``derive`` made of it (site.listing.RowPieces), or None


def named(item: tuple) -> Record:
    """The Record of a plain one from the workers (made by them: its shape is known)."""
    slug, values, lines, key, derived = item
    return tuple.__new__(Record, (slug, values, lines, tuple.__new__(DuplicateKey, key), derived))
