"""The list's HTML, blocks, search data, chart, per-country exports and recent signers."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re

from petition.report.rowformat import Row
from petition.site import listdata, listing


def _rows(n_org=3, n_ind=7):
    rows = [
        Row(
            slug=f"org-{i}",
            type="organization",
            name=f"Org & Co “{i}”",
            country="NO",
            country_name="Norway",
            signed=f"2026-01-{i + 1:02d}",
        )
        for i in range(n_org)
    ]
    rows += [
        Row(
            slug=f"ind-{i}",
            type="individual",
            name=f"محمد {i}",
            affiliation='Uni "A"',
            country="KE" if i % 2 else "",
            country_name="Kenya" if i % 2 else "",
            signed=f"2026-02-{i + 1:02d}",
        )
        for i in range(n_ind)
    ]
    return rows


def _built(rows, block=2):
    """The rows in published order and the list's generated files, made as the build makes them:
    each row's pieces (listing.RowPieces, from its fields) joined by listing.assemble."""
    pieces = listing.RowPieces(False)
    fields = [{k: v for k, v in dataclasses.asdict(r).items() if v and k not in ("slug", "country_name")} for r in rows]
    return listing.assemble([pieces(r.slug, f) for r, f in zip(rows, fields)], block)


def test_first_block_inline_and_others_as_files():
    rows, outputs = _built(_rows())
    assert [r.slug for r in rows] == [r.slug for r in _rows()]  # the names sort in the order they were made
    page = listing.signatories_html(rows, "../", block=2)
    files = {name: text for name, text in outputs.items() if name.startswith(listing.BLOCKS_DIR + "/")}
    # organisations: 2 inline + 1 in a file; individuals: 2 inline + 3 files (2, 2, 1)
    assert sorted(files) == [f"{listing.BLOCKS_DIR}/individual-{n}.html" for n in (2, 3, 4)] + [
        f"{listing.BLOCKS_DIR}/organization-2.html"
    ]
    ids_page = re.findall(r'<li id="([^"]+)"', page)
    ids_files = [i for text in files.values() for i in re.findall(r'<li id="([^"]+)"', text)]
    assert sorted(ids_page + ids_files) == sorted(r.slug for r in rows)  # every signatory exactly once
    assert ids_page == ["org-0", "org-1", "ind-0", "ind-1"]
    assert 'href="../signatories-blocks/individual-3.html"' in page
    assert '<ol class="petition-list" start="5">' in files[f"{listing.BLOCKS_DIR}/individual-3.html"]
    # escaped and isolated, in the page and in the block files alike
    assert "Org &amp; Co “0”" in page and '<bdi dir="auto">Uni &quot;A&quot;</bdi>' in page
    assert '<bdi dir="auto">محمد 6</bdi>' in files[f"{listing.BLOCKS_DIR}/individual-4.html"]
    # no inline script: the page's script is a file
    assert re.findall(r"<script[^>]*>", page) == ['<script src="../assets/petition/signatories.js" defer>']


def test_search_data_is_compact_and_public():
    rows, outputs = _built(_rows())
    data = json.loads(outputs[listing.SEARCH_FILE])
    assert data["block"] == 2 and data["countries"] == {"KE": "Kenya", "NO": "Norway"}
    assert [r[0] for r in data["rows"]] == [r.slug for r in rows if r.type == "organization"] + [
        r.slug for r in rows if r.type == "individual"
    ]
    assert data["rows"][3] == ["ind-0", "i", "محمد 0", 'Uni "A"', ""]


def test_counts_by_country_in_both_exports():
    rows, outputs = _built(_rows())
    assert outputs[listing.BY_COUNTRY_FILE] == listdata.by_country_csv(rows)
    table = list(csv.DictReader(io.StringIO(outputs[listing.BY_COUNTRY_FILE])))
    assert table == [
        {
            "country": "KE",
            "country_name": "Kenya",
            "organization": "0",
            "individual": "3",
            "total": "3",
        },  # ties: by name
        {"country": "NO", "country_name": "Norway", "organization": "3", "individual": "0", "total": "3"},
        {"country": "", "country_name": "", "organization": "0", "individual": "4", "total": "4"},
    ]
    exported = json.loads(outputs["signatories.json"])
    assert exported["by_country"][1] == {
        "country": "NO",
        "country_name": "Norway",
        "organization": 3,
        "individual": 0,
        "total": 3,
    }
    assert sum(c["total"] for c in exported["by_country"]) == len(exported["signatories"]) == len(rows)


def test_recent_is_newest_first_and_skips_undated():
    rows = _rows() + [Row(slug="founding", type="organization", name="Founder")]
    latest = listing.recent(rows, 4)
    assert [r.slug for r in latest] == ["ind-6", "ind-5", "ind-4", "ind-3"]
    block = listing.recent_html(rows, "signatories/")
    assert 'href="signatories/#ind-6"' in block and "founding" not in block
