"""What the checker keeps of a valid file, with named parts: made in the workers, kept by the
parent and the content cache (which stores them as plain tuples: ``plain`` and ``from_plain``)."""

from __future__ import annotations

from typing import NamedTuple

from petition.check.duplicates import DuplicateKey


class Record(NamedTuple):
    """A valid file, compactly: no pydantic object, no dict, never the encrypted contact."""

    slug: str
    values: tuple[str | None, ...]  # the public fields' values, in check.workers.VALUE_FIELDS order, None when unset
    lines: bytes | tuple[int, ...]  # the line of each field, in the declaration's order, 0 when absent
    key: DuplicateKey  # what the duplicate checks compare it by
    derived: tuple | None  # what the site build's ``derive`` made of it (site.listing.RowPieces), or None


def plain(record: Record, derived: bool = True) -> tuple:
    """The record as nested plain tuples (marshal writes nothing else); without its derived part unless ``derived``."""
    return (record.slug, record.values, record.lines, tuple(record.key), record.derived if derived else None)


def from_plain(item: object) -> Record:
    """The record ``plain`` made this from; ValueError when it is not shaped like one."""
    if not (type(item) is tuple and len(item) == 5 and type(item[1]) is tuple and type(item[3]) is tuple and len(item[3]) == len(DuplicateKey._fields)):
        raise ValueError("not a record")
    slug, values, lines, key, derived = item
    return Record(slug, values, lines, DuplicateKey._make(key), derived)
