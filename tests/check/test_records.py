"""A check's records: plain tuples from the workers and the cache, named on receipt with the same values."""

from __future__ import annotations

from petition.check.duplicates import DuplicateKey, duplicate_key
from petition.check.records import Record, named


def _plain() -> tuple:
    key = duplicate_key("anna-de-vries", "Anna de Vries", "NL", "AnnaDV", "individual", 2, 5)
    return ("anna-de-vries", ("individual", "Anna de Vries", "NL"), (1, 2, 0, 5), tuple(key), None)


def test_named_gives_named_access_equal_to_the_plain_tuple():
    plain = _plain()
    record = named(plain)
    assert isinstance(record, Record) and record == plain and tuple(record) == plain
    assert record.slug == "anna-de-vries" and record.values == plain[1] and record.lines == plain[2]
    assert record.derived is None
    assert isinstance(record.key, DuplicateKey) and record.key == plain[3]
    assert record.key.github == "annadv" and record.key.type == "individual" and record.key.name_line == 2
