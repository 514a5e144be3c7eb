"""The delivery pack's parts: the CSV in the published export's format, the slug, the statement, the page."""

from __future__ import annotations

import csv
import hashlib
import io

from petition.check.responses import RecordEntry
from petition.model.fields import DELIVERY, EXPORT_FIELDS
from petition.report.rowformat import row_of
from petition.site import deliverypack
from petition.site.listing import RowPieces, assemble

FIELDS = [
    ("anna", {"type": "individual", "name": 'Anna "A" de Vries', "country": "NL", "signed": "2026-12-01"}),
    ("org", {"type": "organization", "name": "Org, Inc.", "country": "NO", "website": "https://example.org/"}),
    ("olav", {"type": "individual", "name": "Olav", "country": "NO", "affiliation": "line\u2028break?"}),
]


def test_the_csv_is_the_published_exports_format():
    pieces = RowPieces()
    rows, outputs = assemble([pieces(slug, fields) for slug, fields in FIELDS])
    assert deliverypack.csv_of(rows) == outputs["signatories.csv"]
    parsed = list(csv.reader(io.StringIO(deliverypack.csv_of(rows), newline="")))
    assert parsed[0] == list(EXPORT_FIELDS) and len(parsed) == 4


def test_a_pack_is_its_countrys_rows_and_never_reuses_a_name():
    rows = [row_of(slug, fields) for slug, fields in FIELDS]
    pack = deliverypack.pack_of(rows, "NO", "2026-12-01", "a" * 40)
    assert [r.slug for r in pack.rows] == ["org", "olav"] and pack.slug == "2026-12-01-no"
    assert pack.sha256 == hashlib.sha256(pack.csv.encode()).hexdigest()
    assert pack.record()["signatures"] == "2" and pack.record()["csv_sha256"] == pack.sha256
    again = deliverypack.pack_of(rows, "NO", "2026-12-01", "a" * 40, taken={"2026-12-01-no", "2026-12-01-no-2"})
    assert again.slug == "2026-12-01-no-3"
    assert len(deliverypack.pack_of(rows, "all", "2026-12-01", "a" * 40).rows) == 3
    statement = pack.statement("https://example.org/letter/", deliverypack.file_names(pack))
    assert "1 organisation and 1 individual" in statement and "https://example.org/letter/countries/no/" in statement


def test_the_delivery_page_escapes_and_links():
    entry = RecordEntry(
        DELIVERY,
        "delivered/2026-12-01-no.yaml",
        "2026-12-01-no",
        {"delivered": "NO", "date": "2026-12-01", "commit": "b" * 40, "signatures": "1200", "csv_sha256": "c" * 64},
        {},
    )
    out = deliverypack.deliveries_html([entry], "../")
    assert '<a href="../countries/no/">Norway</a>' in out and "<td>1,200</td>" in out
    assert deliverypack.deliveries_html([], "../") == "<p>The letter has not been delivered yet.</p>"
