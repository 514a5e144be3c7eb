"""The signatory list as readers get it at any size: blocks, search data, per-country chart, recent signers.

The page itself carries the counts, the search form, the chart and the first block of each
section, so it opens at once even at 100,000 names; every other block of ``BLOCK`` rows is its own
small HTML file (``signatories-blocks/``), linked from a placeholder in its place, that the page's
script (``assets/signatories.js``) loads in the background, so all names end up in the page for the
browser's find, and that a reader without JavaScript can open directly. Rows are rendered by
``rowformat.row_html`` (escaped, ``<bdi>``-isolated, one ``id`` per signatory) wherever they appear.
The search box works from ``signatories-search.json``, a compact copy of the public fields.
"""

from __future__ import annotations

import heapq
import html
import itertools
import json
import operator
from pathlib import Path

from petition.model.fields import EXPORT_FIELDS, ROW_FIELDS, SEARCH_FIELDS
from petition.model.rules import country_name
from petition.report.rowformat import ASIDES, PLACE, VERSION, Row, entry_html, row_html, row_values
from petition.site.chart import chart_html
from petition.site.collate import collation_key
from petition.site.countrypages import COUNTRIES_DIR
from petition.site.encoders import csv_line, escape, json_string
from petition.site.listdata import (
    SECTIONS,
    Rows,
    by_country,
    by_country_csv,
    countries,
    counts,
    counts_sentence,
    tally,
)

BLOCK = 300  # the default of Settings.list_block
RECENT = 10
BLOCKS_DIR = "signatories-blocks"
SEARCH_FILE = "signatories-search.json"
BY_COUNTRY_FILE = "signatories-by-country.csv"
ASSETS = Path(__file__).parent / "assets"
ASSET_FILES = ("signatories.js", "signatories-search.js", "signatories.css")
SITE_CSS = "site.css"  # on every page, after the theme's styles
ASSETS_DIR = "assets/petition"

esc = html.escape


def sections(rows: list[Row]) -> list[tuple[str, str, str, list[Row]]]:
    members = tally(rows).members
    return [(kind, title, anchor, members[kind]) for kind, title, anchor in SECTIONS]


def block_name(kind: str, number: int) -> str:
    return f"{BLOCKS_DIR}/{kind}-{number}.html"


def _ol(rows: list[Row], start: int, show_version: bool = False) -> str:
    return f'<ol class="petition-list" start="{start}">' + "".join(row_html(r, show_version) for r in rows) + "</ol>"


def _block_page(caption: str, start: int, items: str) -> str:
    """One block's stand-alone page around its rows' <li> elements."""
    return (
        f'<!doctype html>\n<html lang="en"><meta charset="utf-8"><meta name="robots" content="noindex">'
        f'<title>{esc(caption)}</title><main><h1>{esc(caption)}</h1>\n<ol class="petition-list" start="{start}">'
        f"{items}</ol></main>\n</html>\n"
    )


def _placeholder(kind: str, title: str, number: int, part: list[Row], first: int, base: str) -> str:
    href = esc(base + block_name(kind, number))
    span = f"{first + 1:,}–{first + len(part):,}"
    return (
        f'<div class="petition-block" data-block="{href}" data-rows="{len(part)}">'
        f'<p class="petition-block-link"><a href="{href}">{esc(title)} {span}</a>: '
        f'<bdi dir="auto">{esc(part[0].name)}</bdi> … <bdi dir="auto">{esc(part[-1].name)}</bdi></p></div>'
    )


def _tools(rows: list[Row], base: str = "") -> str:
    options = "".join(
        f'<option value="{esc(c)}">{esc(n)} ({o + i:,})</option>'
        for c, n, o, i in sorted(countries(rows), key=lambda t: t[1])
    )
    return (
        f'<form class="petition-search" role="search" aria-label="Search the signatories" '
        f'data-countries="{esc(base + COUNTRIES_DIR)}/" hidden>'
        '<label>Search names, affiliations and countries <input type="search" name="q" '
        'autocomplete="off" spellcheck="false"></label> '
        f'<label>Country <select name="country"><option value="">All countries</option>{options}</select></label>'
        '<p class="petition-country-page" hidden><a></a></p>'
        f'<p class="petition-result" aria-live="polite"></p><ol class="petition-results"></ol>'
        f'<p class="petition-more" hidden><button type="button">Show more</button></p></form>'
    )


def signatories_html(rows: list[Row], base: str = "../", block: int = BLOCK, show_version: bool = False) -> str:
    """The signatories page's list: ``base`` is the site root relative to the page; ``show_version``
    adds the letter version each signatory endorsed (once the letter has more than one)."""
    tally = counts(rows)
    out = [f'<div class="petition-signatories" data-search="{esc(base + SEARCH_FILE)}" data-total="{len(rows)}">']
    out.append(f'<p class="petition-counts">{esc(counts_sentence(tally))}</p>')
    out.append(_tools(rows, base))
    widest = max((len(m) for *_, m in sections(rows)), default=0)
    # The widest entry number's digits, which signatories.css indents every entry by.
    out.append(f'<div class="petition-all" style="--petition-digits: {len(str(widest))}">')
    for kind, title, anchor, members in sections(rows):
        out.append(f'<section class="petition-section" aria-labelledby="{anchor}" data-type="{kind}">')
        out.append(f'<h2 id="{anchor}">{title} <span class="petition-count">({len(members):,})</span></h2>')
        if not members:
            out.append("<p>None yet.</p>")
        else:
            out.append(
                f'<div class="petition-block" data-rows="{min(block, len(members))}">'
                f"{_ol(members[:block], 1, show_version)}</div>"
            )
            for number, first in enumerate(range(block, len(members), block), start=2):
                out.append(_placeholder(kind, title, number, members[first : first + block], first, base))
        out.append("</section>")
    out.append("</div>")
    out.append(chart_html(rows, base=base))
    out.append(
        f'<p class="petition-downloads">Download the list: <a href="{esc(base)}signatories.csv">CSV</a> · '
        f'<a href="{esc(base)}signatories.json">JSON</a> · <a href="{esc(base + BY_COUNTRY_FILE)}">counts '
        "by country (CSV)</a></p>"
    )
    out.append("</div>")
    out.append(f'<link rel="stylesheet" href="{esc(base + ASSETS_DIR)}/signatories.css">')
    out.append(f'<script src="{esc(base + ASSETS_DIR)}/signatories.js" defer></script>')
    return "\n".join(out) + "\n"


def _search_head(block: int) -> dict:
    """What the search data says of itself: the block size, each row's fields, the ones shown in brackets."""
    return {"block": block, "fields": list(SEARCH_FIELDS), "asides": [n for n in ASIDES if n in SEARCH_FIELDS]}


def recent(rows: list[Row], n: int = RECENT) -> list[Row]:
    """The n most recent signatories by ``signed``, newest first (founding ones have no date); the list's order breaks
    ties.
    """
    # heapq.nlargest is sorted(..., reverse=True)[:n] without sorting every row.
    dated = heapq.nlargest(
        n, ((r.signed, -i, r) for i, r in enumerate(rows) if r.signed), key=operator.itemgetter(0, 1)
    )
    return [r for _, _, r in dated]


def recent_html(rows: list[Row], signatories_url: str) -> str:
    latest = recent(rows)
    if not latest:
        return ""
    items = []
    for r in latest:
        where = f", {esc(r.country_name)}" if r.country else ""
        items.append(
            f'<li><a href="{esc(signatories_url)}#{esc(r.slug)}"><bdi '
            f'dir="auto">{esc(r.name)}</bdi></a>{where} <span class="petition-date">{esc(r.signed)}</span></li>'
        )
    return (
        '<section class="petition-recent" aria-labelledby="recently-signed"><h2 '
        f'id="recently-signed">Recently signed</h2><ul>{"".join(items)}</ul></section>'
    )


def asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# The list at 100,000: each row's pieces made once, on every core, then joined in order.
#
# The site build passes a RowPieces to the checker (``check(derive=...)``): for every valid file the
# workers make its row, its collation key and the row's piece of each generated file (its <li> for
# the blocks, its line of the JSON and CSV exports, its entry in the search data), and the content
# cache keeps them, so a rebuild remakes only changed rows. ``assemble`` then sorts by the
# precomputed keys and joins pieces: the same bytes as the plain rendering of the sorted rows
# (tests/oracles.py; tests/site/test_listing_pieces.py compares them on varied collections, forked and not).


class RowPieces:
    """What the list needs from one valid file (its slug and fields, as ``rowformat.row_of`` takes them): ``(sort key,
    row values, <li>, JSON line, CSV line, search entry)``.

    The sort key is ``collate.collation_key`` (bytes); with the slug (the row values' first) it is
    the sorted rows' order (tests/oracles.py ``sorted_rows``). The row values are ``rowformat.Row``'s fields in order;
    the texts
    are what ``rowformat.row_html``, ``json.dumps`` of ``Row.export()``, the CSV export and the search
    data write for the row, written from the values (``rowformat.entry_html`` and
    petition.site.encoders) with no Row, dict or list made on the way: tests/site/test_encoders.py
    holds the plain composition as their reference.
    """

    def __init__(self, show_version: bool = False):
        self.show_version = show_version
        # The code and the libraries are in the cache's fingerprint; this says which pieces these are.
        self.token = f"row-pieces show_version={bool(show_version)}"
        # Texts of values many rows share (a few hundred countries, the letter's versions, two types).
        self._countries: dict[str, tuple[str, str, str]] = {}
        self._versions: dict[str, tuple[str, str]] = {}
        self._types: dict[str, tuple[str, str]] = {}

    # Called when a shared value is not remembered yet (__call__ looks the memos up itself).
    def _country(self, country: str) -> tuple[str, str, str]:
        name = country_name(country) if country else ""
        return _remember(self._countries, country, (name, escape(country), f", {escape(name)}" if country else ""))

    def _version(self, version: str) -> tuple[str, str]:
        shown = escape(version)
        return _remember(
            self._versions,
            version,
            (
                shown,
                f' <span class="petition-version">(version {shown})</span>' if self.show_version and version else "",
            ),
        )

    def _type(self, kind: str) -> tuple[str, str]:
        return _remember(self._types, kind, (escape(kind), '"o"' if kind == "organization" else '"i"'))

    def __call__(self, slug: str, fields: dict) -> tuple:
        country = fields.get(PLACE) or ""
        version = fields.get(VERSION) or ""
        kind = fields["type"]
        # The memos looked up here, not in a method call: three calls a row are a tenth of its time.
        cname, html_country, html_place = self._countries.get(country) or self._country(country)
        html_version, html_version_part = self._versions.get(version) or self._version(version)
        html_type, search_type = self._types.get(kind) or self._type(kind)
        values = row_values(slug, fields, cname)
        texts = [json_string(v) if v else '""' for v in values]
        return (
            collation_key(values[_SORT_AS_AT] or values[_NAME_AT]),
            values,
            entry_html(values, escape, html_type, html_country, html_version, html_place, html_version_part),
            "{" + ", ".join(map(operator.add, _JSON_KEYS, _EXPORTED(texts))) + "}",
            csv_line(_EXPORTED(values)),
            f"[{texts[0]},{search_type},{','.join(_SEARCHED(texts))}]",
        )


# Where RowPieces finds each text in a row's values (petition.model.fields: ROW_FIELDS order).
_EXPORTED = operator.itemgetter(*(ROW_FIELDS.index(n) for n in EXPORT_FIELDS))
_SEARCH_AT = tuple(ROW_FIELDS.index(n) for n in SEARCH_FIELDS[2:])
_SEARCHED = operator.itemgetter(*_SEARCH_AT) if len(_SEARCH_AT) > 1 else (lambda texts: (texts[_SEARCH_AT[0]],))
_JSON_KEYS = tuple(f"{json_string(n)}: " for n in EXPORT_FIELDS)
_NAME_AT, _SORT_AS_AT = ROW_FIELDS.index("name"), ROW_FIELDS.index("sort_as")


_SHARED_MAX = 4096  # shared values memoised per kind: far more than real data has, a bound for any other


def _remember(table: dict, value: str, texts: tuple) -> tuple:
    """A shared value's texts, kept in its kind's memo while that holds fewer than _SHARED_MAX."""
    if len(table) < _SHARED_MAX:
        table[value] = texts
    return texts


_KEY, _VALUES, _HTML, _JSON, _CSV, _SEARCH = map(operator.itemgetter, range(6))


def _by_slug(pieces: tuple) -> str:
    return pieces[1][0]


def sort_pieces(pieces: list) -> None:
    """Sorts RowPieces' results in place by collation key, then slug, with no Python
    call per row: by the key alone, then each run of equal keys (rare: the same name) by slug.
    tests/site/test_encoders.py compares it with the plain sort."""
    pieces.sort(key=_KEY)
    keys = list(map(_KEY, pieces))
    tied = itertools.compress(range(1, len(keys)), map(operator.eq, keys[1:], keys))  # i: the same key as i - 1
    del keys
    first = last = -1
    for i in itertools.chain(tied, [-1]):
        if i != last + 1:  # a run ends (or the end): order it, start the next
            if first >= 0:
                pieces[first : last + 1] = sorted(pieces[first : last + 1], key=_by_slug)
            first = i - 1
        last = i


def assemble(pieces: list, block: int = BLOCK) -> tuple[Rows, dict[str, str]]:
    """The rows in published order and the list's generated files, from RowPieces' results (any order).

    ``pieces`` is sorted in place and emptied as the files are made, so its pieces are freed as
    soon as they are joined. Walks over all rows are C calls (map, compress, join), not Python loops.
    """
    sort_pieces(pieces)
    rows = Rows(itertools.starmap(Row, map(_VALUES, pieces)))
    data_countries = countries(rows)
    outputs: dict[str, str] = {}
    head = json.dumps({"counts": counts(rows), "by_country": by_country(rows)}, ensure_ascii=False)[:-1]
    outputs["signatories.json"] = head + ',\n"signatories": [\n' + ",\n".join(map(_JSON, pieces)) + "\n]}\n"
    header = csv_line(EXPORT_FIELDS)
    outputs["signatories.csv"] = header + "".join(map(_CSV, pieces))
    outputs[BY_COUNTRY_FILE] = by_country_csv(rows)
    # Each section's pieces, in page order (a row's values start with its slug and type).
    types = list(map(operator.itemgetter(1), map(_VALUES, pieces)))
    members: dict[str, list] = {
        kind: list(itertools.compress(pieces, map(kind.__eq__, types))) for kind, _, _ in SECTIONS
    }
    del types
    pieces.clear()
    search_head = json.dumps(
        {**_search_head(block), "countries": {c: n for c, n, _, _ in data_countries}},
        ensure_ascii=False,
        separators=(",", ":"),
    )[:-1]
    outputs[SEARCH_FILE] = (
        search_head
        + ',"rows":['
        + ",".join(itertools.chain.from_iterable(map(_SEARCH, members[kind]) for kind, _, _ in SECTIONS))
        + "]}"
    )
    for kind, title, _ in SECTIONS:
        part_pieces = members[kind]
        for number, first in enumerate(range(block, len(part_pieces), block), start=2):
            part = part_pieces[first : first + block]
            caption = f"{title} {first + 1:,}–{first + len(part):,}"
            outputs[block_name(kind, number)] = _block_page(caption, first + 1, "".join(map(_HTML, part)))
        members[kind] = []
    return rows, outputs
