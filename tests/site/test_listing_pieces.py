"""The build's list pipeline (row pieces made by the checker's workers, cached, joined in order)
publishes exactly what the straightforward rendering of the sorted rows publishes."""

from __future__ import annotations

import datetime as dt

import pytest

from oracles import (
    block_files,
    export_csv,
    export_json,
    recent_reference,
    search_json,
    sorted_rows,
)
from petition.check import collection, workers
from petition.report.rowformat import Row
from petition.site import chart, listdata, listing

BLOCK = 3

# Varied on purpose: scripts and directions, sort_as, characters CSV, JSON and HTML escape, no
# country, both types, founding entries without a date, ties in the date.
PEOPLE = [
    (
        "zoe",
        "Zoë “Z” O'Brien-Ólafsdóttir",
        {
            "sort_as": "O'Brien, Zoë",
            "affiliation": 'Université "de" Genève, CH',
            "website": "https://example.org/z?a=1&b=2",
            "country": "CH",
        },
    ),
    ("anna", "Anna de Vries", {"country": "NL", "github": "anna-dv", "signed": "2026-01-02"}),
    ("emile", "Émile Zola", {"country": "FR", "signed": "2026-01-02"}),
    ("muhammad", "محمد عبد الله", {"country": "EG", "affiliation": "جامعة القاهرة"}),
    ("yael", "יעל כהן", {"country": "IL"}),
    ("li", "李小龍", {"country": "CN", "signed": "2026-01-05"}),
    ("olga", "Ольга Иванова", {"country": "NO"}),
    ("nobody", "Nobody Anywhere", {}),
    ("kim", 'Kim, Lee; and "others"', {"affiliation": "A & B (C)"}),
    ("aaron", "Aaron", {"country": "NO", "sort_as": "Zzz"}),
    ("aaron-2", "Aaron", {"country": "SE"}),
]
ORGS = [
    ("fsf", "Free Software Foundation", {"country": "US", "website": "https://fsf.org/"}),
    ("ccc", "Chaos Computer Club", {"country": "DE"}),
    ("mozilla", "Mozilla", {"country": "US", "signed": "2026-01-03"}),
    ("eff", "Electronic Frontier Foundation", {}),
    ("arabic-org", "مؤسسة", {"country": "EG"}),
    ("kenya-org", "KICTANet", {"country": "KE", "affiliation": "Nairobi, Kenya"}),
    ("ooo", "Ö Ö Ö", {"country": "AT"}),
]


def _collection(repo):
    repo.add_founding()
    for slug, name, fields in PEOPLE:
        repo.sign(slug, name, **fields)
    for slug, name, fields in ORGS:
        repo.sign(slug, name, type="organization", **fields)


def _reference(rows: list[Row], show_version: bool) -> dict[str, str]:
    rows = list(rows)  # a plain list: every function computes afresh
    out = {
        "signatories.json": export_json(rows),
        "signatories.csv": export_csv(rows),
        listing.BY_COUNTRY_FILE: listdata.by_country_csv(rows),
        listing.SEARCH_FILE: search_json(rows, BLOCK),
    }
    out.update(block_files(rows, BLOCK, show_version))
    return out


@pytest.mark.parametrize("forked", [False, True])
@pytest.mark.parametrize("show_version", [False, True])
def test_pieces_give_the_reference_bytes(repo, monkeypatch, forked, show_version):
    _collection(repo)
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 0 if forked else 10**9)
    monkeypatch.setattr(workers, "CHUNK", 5)
    settings_ = repo.settings()
    today = dt.date.today()
    expected_rows = sorted_rows(collection.check(settings_, today=today).entries)
    assert len(expected_rows) > 3 * BLOCK and {r.type for r in expected_rows} == {"individual", "organization"}
    for run in ("cold", "cached"):  # the second run takes every row's pieces from the content cache
        result = collection.check(settings_, today=today, cache=True, derive=listing.RowPieces(show_version))
        assert result.ok, result.problems
        rows, outputs = listing.assemble(result.derived, BLOCK)
        assert rows == expected_rows, run
        assert outputs == _reference(expected_rows, show_version), run
        assert list(outputs)[:2] == ["signatories.json", "signatories.csv"]
        for base in ("../", "../../"):
            assert listing.signatories_html(rows, base, BLOCK, show_version) == listing.signatories_html(
                list(expected_rows), base, BLOCK, show_version
            )
        assert chart.chart_html(rows) == chart.chart_html(list(expected_rows))
        assert listing.recent(rows) == recent_reference(expected_rows) and listing.recent_html(
            rows, "s/"
        ) == listing.recent_html(list(expected_rows), "s/")
        assert listdata.counts(rows) == listdata.counts(list(expected_rows))


def test_cached_pieces_made_for_another_setting_are_made_again(repo):
    _collection(repo)
    settings_ = repo.settings()
    collection.check(settings_, cache=True, derive=listing.RowPieces(False))
    result = collection.check(settings_, cache=True, derive=listing.RowPieces(True))
    rows, outputs = listing.assemble(result.derived, BLOCK)
    # The cached pieces (made without versions) are not reused: every row shows its version now.
    assert (
        outputs == _reference(rows, True) and 'class="petition-version"' in outputs[listing.block_name("individual", 2)]
    )
    assert outputs != _reference(rows, False)
    # A check without pieces keeps the cached ones, and the next build still gets the same bytes.
    collection.check(settings_, cache=True)
    again = collection.check(settings_, cache=True, derive=listing.RowPieces(True))
    assert listing.assemble(again.derived, BLOCK)[1] == outputs
