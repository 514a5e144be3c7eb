"""The row texts written directly (petition.site.encoders, listing.RowPieces) equal what the general
functions they stand in for write, on any text: lone surrogates, control characters, U+2028,
quotes, backslashes, commas, line breaks, markup."""

from __future__ import annotations

import csv
import html
import io
import json

from hypothesis import example, given, settings
from hypothesis import strategies as st

from oracles import pieces_sort_key
from petition.model.fields import FIELDS
from petition.report import rowformat
from petition.site import collate, encoders, listing

# Any code point, surrogates included, with the characters each format treats specially made likely.
ANY_CHAR = st.characters(blacklist_categories=())
SPECIAL = st.sampled_from(
    list(",\"'\\\r\n\t\x00\x1f\x7f&<>;: ")
    + ["\u2028", "\u2029", "\ud800", "\udfff", "\ufeff", "é", "\u0301", "王", "\U0001f600"]
)
TEXT = st.text(st.one_of(ANY_CHAR, SPECIAL), max_size=20)


@settings(max_examples=3000, deadline=None)
@given(TEXT)
@example("\ud800\udc00")
@example('"\\/\b\f\n\r\t\x00\x1f\x7f\u2028\u2029')
def test_json_string_is_what_json_dumps_writes(text):
    assert encoders.json_string(text) == json.dumps(text, ensure_ascii=False)


@settings(max_examples=3000, deadline=None)
@given(TEXT)
@example('Tom & Jerry\'s <b>"x"</b>')
def test_escape_is_html_escape(text):
    assert encoders.escape(text) == html.escape(text, quote=True)


def _csv_reference(values) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()


@settings(max_examples=3000, deadline=None)
@given(st.lists(TEXT, min_size=2, max_size=12))
@example(["", ""])
@example(["a,b", "c"])
@example(["a\rb", 'q"'])
@example(["\x00", " lead", "trail "])
def test_csv_line_is_what_csv_writer_writes(values):
    assert encoders.csv_line(tuple(values)) == _csv_reference(values)


def _pieces_reference(slug: str, fields: dict, show_version: bool) -> tuple:
    """RowPieces as the plain composition of the general functions (what it was first written as)."""
    row = rowformat.row_of(slug, fields)
    search = [row.slug, "o" if row.type == "organization" else "i", row.name, row.affiliation, row.country]
    return (
        collate.collation_key(row.sort_as or row.name),
        tuple(getattr(row, f) for f in rowformat.Row.__dataclass_fields__),
        rowformat.row_html(row, show_version),
        json.dumps(row.export(), ensure_ascii=False),
        _csv_reference([getattr(row, f) for f in rowformat.EXPORT_FIELDS]),
        json.dumps(search, ensure_ascii=False, separators=(",", ":")),
    )


# Every public field but the two every file has (petition.model.fields), each drawn present or not.
OPTIONAL = tuple(f.name for f in FIELDS if f.public and not f.required)
# Real codes (named by pycountry) and text that is not one (shown as itself).
COUNTRY = st.one_of(st.sampled_from(["NO", "DE", "CI", "TW", "KR", "PS", "GB"]), TEXT)


@st.composite
def signatures(draw):
    fields = {"type": draw(st.sampled_from(["individual", "organization"]) | TEXT), "name": draw(TEXT)}
    for field in OPTIONAL:
        value = draw(st.none() | st.just("") | (COUNTRY if field == "country" else TEXT) | st.just("absent"))
        if value != "absent":
            fields[field] = value
    return draw(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True) | TEXT), fields


@settings(max_examples=1500, deadline=None)
@given(st.lists(signatures(), min_size=1, max_size=6), st.booleans())
@example(
    [
        (
            "anna",
            {
                "type": "individual",
                "name": 'Anna & "Bo"',
                "website": "https://x.org/?a=1&b='2'",
                "country": "NO",
                "affiliation": "A, B\r\nC",
                "version": "2",
                "signed": "2026-01-02",
            },
        )
    ],
    True,
)
def test_row_pieces_are_the_plain_composition(rows, show_version):
    pieces = listing.RowPieces(show_version)  # one for all rows: its memos of shared values are in play
    for slug, fields in rows + rows:
        assert pieces(slug, fields) == _pieces_reference(slug, fields, show_version)


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([b"", b"a", b"a\x00", b"b", b"\x00\x00"]), st.sampled_from(["a", "a-b", "b", "c", "a-0"])
        ),
        max_size=14,
        unique=True,
    )
)
@example([(b"a", "c"), (b"a", "b"), (b"a", "a"), (b"", "b"), (b"b", "z"), (b"b", "y")])
def test_sorting_pieces_is_the_plain_sort(keyed):
    pieces = [(key, (slug, "individual")) for key, slug in keyed]  # runs of equal keys, anywhere
    expected = sorted(pieces, key=pieces_sort_key)
    listing.sort_pieces(pieces)
    assert pieces == expected
