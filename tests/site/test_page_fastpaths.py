"""The build's shortcuts outside the list give exactly what the code they replace gave.

Each reference below is the previous implementation, kept here as the oracle: the feed's newest
entries, the letter page's recent signers, its status line and final counts. (The sign form's slug
shards' oracle is in test_signfiles.py, the theme-script loader's tests in test_themescript.py.)
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from petition.check import lifecycle
from petition.report.rowformat import Row
from petition.settings import load_settings
from petition.site import feeds, listing, signform

ROOT = Path(__file__).resolve().parents[2]

# Few dates and versions, so ties (the hard part of "newest first") are common.
dates = st.sampled_from(["", "2024-01-01", "2024-01-02", "2024-02-29", "2025-12-31"])
slugs = st.from_regex(r"[a-z0-9]{1,4}(-[a-z0-9]{1,3})?", fullmatch=True)


@st.composite
def row_lists(draw, max_size=60):
    names = draw(st.lists(slugs, unique=True, max_size=max_size))
    return [
        Row(
            slug=slug,
            type=draw(st.sampled_from(["organization", "individual"])),
            name=draw(
                st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), min_size=1, max_size=8)
            ),  # as the schema admits
            country=draw(st.sampled_from(["", "NO", "FR"])),
            country_name="",
            signed=draw(dates),
            version=draw(st.sampled_from(["", "1", "2"])),
        )
        for slug in names
    ]


def reference_newest(rows, size=feeds.FEED_SIZE):
    return sorted((r for r in rows if r.signed), key=lambda r: (r.signed, r.slug), reverse=True)[:size]


@settings(max_examples=300, deadline=None)
@given(row_lists(), st.integers(min_value=0, max_value=12))
def test_feed_newest_is_the_sorted_prefix(rows, size):
    assert feeds.newest(rows, size) == reference_newest(rows, size)
    assert feeds.newest(rows) == reference_newest(rows)


@settings(max_examples=100, deadline=None)
@given(row_lists())
def test_feed_entries_in_order(rows):
    body = feeds.atom_feed(rows, title="T", repo_url="https://github.com/o/r", since="2017")
    ids = [e.text for e in ET.fromstring(body.split("\n", 1)[1]).iter(f"{{{feeds.ATOM}}}id")][1:]
    assert ids == [feeds.entry_id(r.slug, ("github.com", "o/r"), "2017") for r in reference_newest(rows)]


@settings(max_examples=300, deadline=None)
@given(row_lists(), st.integers(min_value=0, max_value=12))
def test_recent_rows_pick_what_listing_recent_picks(rows, n):
    chosen = lifecycle.recent_rows(rows, n)
    assert listing.recent(chosen, n) == listing.recent(rows, n)
    # in list order, so the letter page's block is the same HTML
    positions = [rows.index(r) for r in chosen]
    assert positions == sorted(positions)
    assert listing.recent_html(lifecycle.recent_rows(rows, listing.RECENT), "s/") == listing.recent_html(rows, "s/")


def reference_status(rows, current):
    rows = list(rows)
    on_current = sum(1 for r in rows if (r.version or "1") == current)
    return len(rows), on_current


def reference_final_counts(rows):
    tally = {"organization": 0, "individual": 0}
    for row in rows:
        tally[row.type] = tally.get(row.type, 0) + 1
    return tally


@settings(max_examples=200, deadline=None)
@given(row_lists(max_size=30), st.sampled_from(["1", "2"]))
def test_status_and_final_counts_match_the_loops(rows, current):
    settings_ = dataclasses.replace(load_settings(ROOT), letter_version=current)
    text = html.unescape(re.sub(r"<[^>]+>", "", lifecycle.status_html(rows, settings_, "v/", "f")))
    total, on_current = reference_status(rows, current)
    if total == on_current:
        assert f"{total:,} signator" in text and "earlier version" not in text
    else:
        assert f"{on_current:,} signator" in text and f"; {total - on_current:,} endorsed an earlier version." in text
    tally = reference_final_counts(rows)
    counts = html.unescape(lifecycle.final_counts_html(rows, settings_, "s/"))
    assert f"endorsed by {tally['organization']:,} organisation" in counts
    assert f"and {tally['individual']:,} individual" in counts


def test_sign_form_countries_from_the_cache_are_the_sorted_ones(tmp_path):
    assert signform.cached_countries(None) == signform.countries()
    first = signform.cached_countries(tmp_path)  # sorts, then keeps
    assert first == signform.countries() and (tmp_path / signform.COUNTRIES_FILE).exists()
    assert signform.cached_countries(tmp_path) == first  # from the file
    # A stale or damaged file is never believed.
    saved = json.loads((tmp_path / signform.COUNTRIES_FILE).read_text())
    (tmp_path / signform.COUNTRIES_FILE).write_text(json.dumps({"key": saved["key"], "countries": first[::-1][:-1]}))
    assert signform.cached_countries(tmp_path) == first
    (tmp_path / signform.COUNTRIES_FILE).write_text("{not json")
    assert signform.cached_countries(tmp_path) == first


def test_a_rebuild_from_the_caches_gives_the_same_pages(repo):
    repo.sign("ada-lovelace", "Ada Lovelace", country="GB")
    assert repo.build().returncode == 0
    first = {p.relative_to(repo.site): p.read_bytes() for p in repo.site.rglob("*.html")}
    assert any((repo.root / ".cache" / "petition" / "jinja").iterdir())
    assert repo.build().returncode == 0
    assert {p.relative_to(repo.site): p.read_bytes() for p in repo.site.rglob("*.html")} == first
