"""Shortcuts taken for 100,000 signatures give what the plain code gives."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

pass
from cachefiles import read_records
from petition.check import collection
from petition.check.cache import CACHE_DIR
from petition.check.duplicates import duplicate_key
from petition.report.rowformat import EXPORT_FIELDS, Row
from petition.site.listdata import export_csv

TEXT = st.text(st.sampled_from(list('aZé,;"\'\n\r =-+@ محمد')), max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.builds(Row, slug=TEXT, type=st.sampled_from(["individual", "organization"]), name=TEXT, affiliation=TEXT, country=TEXT, country_name=TEXT, website=TEXT), max_size=5))
def test_csv_export_equals_the_dict_writer(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: getattr(row, k) for k in EXPORT_FIELDS})
    assert export_csv(rows) == buffer.getvalue()
    assert [row.export() for row in rows] == [{k: getattr(row, k) for k in EXPORT_FIELDS} for row in rows]


def _records(repo):
    (path,) = (repo.root / CACHE_DIR).glob("checked-*")
    return path / "manifest.json", read_records(path)


def test_cache_keeps_duplicate_keys_and_is_not_rewritten_when_nothing_changed(repo):
    repo.sign("anna", "Ánna de Vries", country="NO")
    repo.sign("kim", "Kim Lee")
    settings_ = repo.settings()
    collection.check(settings_, cache=True)
    path, records = _records(repo)
    expected = [duplicate_key("anna", "Ánna de Vries", "NO", None, "individual", 2, 1), duplicate_key("kim", "Kim Lee", None, None, "individual", 2, 1)]
    assert sorted(r[3] for r in records.values()) == sorted(expected)
    before = path.stat().st_mtime_ns
    again = collection.check(settings_, cache=True)
    assert path.stat().st_mtime_ns == before and again.ok and len(again.entries) == 2
    repo.sign("kim", "Kim Leé")  # a changed file: the cache is written again, and the change is seen
    changed = collection.check(settings_, cache=True)
    assert [e.signature.name for e in changed.entries] == ["Ánna de Vries", "Kim Leé"]
    _, records = _records(repo)
    assert duplicate_key("kim", "Kim Leé", None, None, "individual", 2, 1) in [r[3] for r in records.values()]
