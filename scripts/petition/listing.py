"""The signatory list as readers get it at any size: blocks, search data, per-country chart, recent signers.

The page itself carries the counts, the search form, the chart and the first block of each
section, so it opens at once even at 100,000 names; every other block of ``BLOCK`` rows is its own
small HTML file (``signatories-blocks/``), linked from a placeholder in its place, that the page's
script (``assets/signatories.js``) loads in the background, so all names end up in the page for the
browser's find, and that a reader without JavaScript can open directly. Rows are rendered by
``render.row_html`` (escaped, ``<bdi>``-isolated, one ``id`` per signatory) wherever they appear.
The search box works from ``signatories-search.json``, a compact copy of the public fields.
"""

from __future__ import annotations

import csv
import heapq
import html
import io
import itertools
import json
import operator
from pathlib import Path

from .render import EXPORT_FIELDS, SECTIONS, Row, Rows, collation_key, counts, counts_sentence, plural, row_html, tally
from .rowtext import csv_line, escape, json_string
from .schema import country_name

BLOCK = 300  # the default of Settings.list_block
RECENT = 10
BLOCKS_DIR = "signatories-blocks"
SEARCH_FILE = "signatories-search.json"
BY_COUNTRY_FILE = "signatories-by-country.csv"
ASSETS = Path(__file__).parent / "assets"
ASSET_FILES = ("signatories.js", "signatories.css")
ASSETS_DIR = "assets/petition"
CHART_TOP = 20

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
        f'<title>{esc(caption)}</title><h1>{esc(caption)}</h1>\n<ol class="petition-list" start="{start}">{items}</ol>\n</html>\n'
    )


def _placeholder(kind: str, title: str, number: int, part: list[Row], first: int, base: str) -> str:
    href = esc(base + block_name(kind, number))
    span = f"{first + 1:,}–{first + len(part):,}"
    return (
        f'<div class="petition-block" data-block="{href}" data-rows="{len(part)}">'
        f'<p class="petition-block-link"><a href="{href}">{esc(title)} {span}</a>: '
        f'<bdi dir="auto">{esc(part[0].name)}</bdi> … <bdi dir="auto">{esc(part[-1].name)}</bdi></p></div>'
    )


def countries(rows: list[Row]) -> list[tuple[str, str, int, int]]:
    """(code, name, organisations, individuals) for every country with a signatory, most first."""
    t = tally(rows)
    orgs, people, names = t.by_country["organization"], t.by_country["individual"], t.country_names
    return sorted(((c, names[c], orgs[c], people[c]) for c in names), key=lambda t: (-(t[2] + t[3]), t[1], t[0]))


def by_country(rows: list[Row]) -> list[dict[str, object]]:
    """Per-country counts for the JSON export; signatories without a country are counted under ""."""
    out = [{"country": c, "country_name": n, "organization": o, "individual": i, "total": o + i} for c, n, o, i in countries(rows)]
    t = tally(rows)
    if t.without_country_total:
        out.append({"country": "", "country_name": "", **t.without_country, "total": t.without_country_total})
    return out


def by_country_csv(rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=("country", "country_name", "organization", "individual", "total"), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(by_country(rows))
    return buffer.getvalue()


def chart_html(rows: list[Row]) -> str:
    """Endorsements per country as an inline SVG bar chart (most first), drawn at build time."""
    data = countries(rows)
    if not data:
        return ""
    shown = data[:CHART_TOP]
    top = max(o + i for _, _, o, i in shown)
    bar_h, gap, label_w, bar_w = 18, 6, 190, 360
    height = len(shown) * (bar_h + gap)
    parts = [
        f'<figure class="petition-chart"><figcaption>Endorsements by country'
        f'{f" (the {len(shown)} with the most)" if len(data) > len(shown) else ""}</figcaption>',
        f'<svg role="img" aria-label="Endorsements by country" viewBox="0 0 {label_w + bar_w + 70} {height}" width="100%">',
    ]
    for n, (code, name, orgs, people) in enumerate(shown):
        y = n * (bar_h + gap)
        w_o = round(bar_w * orgs / top, 1)
        w_i = round(bar_w * people / top, 1)
        parts.append(
            f'<g><title>{esc(name)}: {plural(orgs, "organisation", "organisations")}, {plural(people, "individual", "individuals")}</title>'
            f'<text x="{label_w - 8}" y="{y + bar_h - 4}" text-anchor="end" class="petition-chart-label">{esc(name)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w_o}" height="{bar_h}" class="petition-chart-org"/>'
            f'<rect x="{label_w + w_o}" y="{y}" width="{w_i}" height="{bar_h}" class="petition-chart-ind"/>'
            f'<text x="{label_w + w_o + w_i + 6}" y="{y + bar_h - 4}" class="petition-chart-value">{orgs + people:,}</text></g>'
        )
    parts.append("</svg>")
    parts.append('<p class="petition-chart-key"><span class="petition-chart-org-key"></span> organisations <span class="petition-chart-ind-key"></span> individuals</p>')
    table = "".join(f"<tr><td>{esc(name)}</td><td>{o:,}</td><td>{i:,}</td><td>{o + i:,}</td></tr>" for _, name, o, i in data)
    parts.append(
        f'<details><summary>All {len(data)} countries</summary><table class="petition-country-table"><thead><tr><th>Country</th>'
        f"<th>Organisations</th><th>Individuals</th><th>Total</th></tr></thead><tbody>{table}</tbody></table></details></figure>"
    )
    return "".join(parts)


def _tools(rows: list[Row]) -> str:
    options = "".join(f'<option value="{esc(c)}">{esc(n)} ({o + i:,})</option>' for c, n, o, i in sorted(countries(rows), key=lambda t: t[1]))
    return (
        f'<form class="petition-search" role="search" hidden>'
        f'<label>Search names, affiliations and countries <input type="search" name="q" autocomplete="off" spellcheck="false"></label> '
        f'<label>Country <select name="country"><option value="">All countries</option>{options}</select></label>'
        f'<p class="petition-result" aria-live="polite"></p><ol class="petition-results"></ol>'
        f'<p class="petition-more" hidden><button type="button">Show more</button></p></form>'
    )


def signatories_html(rows: list[Row], base: str = "../", block: int = BLOCK, show_version: bool = False) -> str:
    """The signatories page's list: ``base`` is the site root relative to the page; ``show_version``
    adds the letter version each signatory endorsed (once the letter has more than one)."""
    tally = counts(rows)
    out = [f'<div class="petition-signatories" data-search="{esc(base + SEARCH_FILE)}" data-total="{len(rows)}">']
    out.append(f'<p class="petition-counts">{esc(counts_sentence(tally))}</p>')
    out.append(_tools(rows))
    out.append('<div class="petition-all">')
    for kind, title, anchor, members in sections(rows):
        out.append(f'<section class="petition-section" aria-labelledby="{anchor}" data-type="{kind}">')
        out.append(f'<h2 id="{anchor}">{title} <span class="petition-count">({len(members):,})</span></h2>')
        if not members:
            out.append("<p>None yet.</p>")
        else:
            out.append(f'<div class="petition-block" data-rows="{min(block, len(members))}">{_ol(members[:block], 1, show_version)}</div>')
            for number, first in enumerate(range(block, len(members), block), start=2):
                out.append(_placeholder(kind, title, number, members[first : first + block], first, base))
        out.append("</section>")
    out.append("</div>")
    out.append(chart_html(rows))
    out.append(
        f'<p class="petition-downloads">Download the list: <a href="{esc(base)}signatories.csv">CSV</a> · '
        f'<a href="{esc(base)}signatories.json">JSON</a> · <a href="{esc(base + BY_COUNTRY_FILE)}">counts by country (CSV)</a></p>'
    )
    out.append("</div>")
    out.append(f'<link rel="stylesheet" href="{esc(base + ASSETS_DIR)}/signatories.css">')
    out.append(f'<script src="{esc(base + ASSETS_DIR)}/signatories.js" defer></script>')
    return "\n".join(out) + "\n"


def recent(rows: list[Row], n: int = RECENT) -> list[Row]:
    """The n most recent signatories by ``signed``, newest first (founding ones have no date); the list's order breaks ties."""
    # heapq.nlargest is sorted(..., reverse=True)[:n] without sorting every row.
    dated = heapq.nlargest(n, ((r.signed, -i, r) for i, r in enumerate(rows) if r.signed), key=operator.itemgetter(0, 1))
    return [r for _, _, r in dated]


def recent_html(rows: list[Row], signatories_url: str) -> str:
    latest = recent(rows)
    if not latest:
        return ""
    items = []
    for r in latest:
        where = f", {esc(r.country_name)}" if r.country else ""
        items.append(f'<li><a href="{esc(signatories_url)}#{esc(r.slug)}"><bdi dir="auto">{esc(r.name)}</bdi></a>{where} <span class="petition-date">{esc(r.signed)}</span></li>')
    return f'<section class="petition-recent" aria-labelledby="recently-signed"><h2 id="recently-signed">Recently signed</h2><ul>{"".join(items)}</ul></section>'


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
# (tests/oracles.py; tests/test_pipeline.py compares them on varied collections, forked and not).

class RowPieces:
    """What the list needs from one valid file (its slug and fields, as ``render.row_of`` takes them): ``(sort key, row values, <li>, JSON line, CSV line, search entry)``.

    The sort key is ``render.collation_key`` (bytes); with the slug (the row values' first) it is
    the sorted rows' order (tests/oracles.py ``sorted_rows``). The row values are ``render.Row``'s fields in order; the texts
    are what ``render.row_html``, ``json.dumps`` of ``Row.export()``, the CSV export and the search
    data write for the row, written directly from the fields (petition.rowtext), with no Row, dict
    or list made on the way: tests/test_rowtext.py holds the plain composition as their reference.
    """

    def __init__(self, show_version: bool = False):
        self.show_version = show_version
        # The code and the libraries are in the cache's fingerprint; this says which pieces these are.
        self.token = f"row-pieces show_version={bool(show_version)}"
        # Texts of values many rows share (a few hundred countries, the letter's versions, two types).
        self._countries: dict[str, tuple[str, str, str, str]] = {}
        self._versions: dict[str, tuple[str, str, str]] = {}
        self._types: dict[str, tuple[str, str, str]] = {}

    # Called when a shared value is not remembered yet (__call__ looks the memos up itself).
    def _country(self, country: str) -> tuple[str, str, str, str]:
        name = country_name(country) if country else ""
        return _remember(self._countries, country, (name, escape(country), f", {escape(name)}" if country else "", f'"country": {json_string(country)}, "country_name": {json_string(name)}'))

    def _version(self, version: str) -> tuple[str, str, str]:
        shown = escape(version)
        return _remember(self._versions, version, (shown, f' <span class="petition-version">(version {shown})</span>' if self.show_version and version else "", json_string(version)))

    def _type(self, kind: str) -> tuple[str, str, str]:
        return _remember(self._types, kind, (escape(kind), json_string(kind), '"o"' if kind == "organization" else '"i"'))

    def __call__(self, slug: str, fields: dict) -> tuple:
        get = fields.get
        kind = fields["type"]
        name = fields["name"]
        affiliation = get("affiliation") or ""
        country = get("country") or ""
        website = get("website") or ""
        github = get("github") or ""
        signed = get("signed") or ""
        version = get("version") or ""
        source = get("source") or ""
        sort_as = get("sort_as") or ""
        # The memos looked up here, not in a method call: three calls a row are a tenth of its time.
        cname, html_country, html_country_part, json_country = self._countries.get(country) or self._country(country)
        html_version, html_version_part, json_version = self._versions.get(version) or self._version(version)
        html_type, json_type, search_type = self._types.get(kind) or self._type(kind)
        json_slug = json_string(slug)
        json_name = json_string(name)
        json_affiliation = json_string(affiliation) if affiliation else '""'
        json_website = json_string(website) if website else '""'
        json_github = json_string(github) if github else '""'
        json_source = json_string(source) if source else '""'
        label = f'<bdi dir="auto">{escape(name)}</bdi>'
        html_affiliation = f' (<bdi dir="auto">{escape(affiliation)}</bdi>)' if affiliation else ""
        if website:
            label = f'<a href="{escape(website)}" rel="nofollow noopener ugc">{label}</a>'
        return (
            collation_key(sort_as or name),
            (slug, kind, name, affiliation, country, cname, website, github, signed, version, source, sort_as),
            f'<li id="{escape(slug)}" data-type="{html_type}" data-country="{html_country}" data-version="{html_version}">{label}{html_country_part}'
            f'{html_affiliation}{html_version_part}</li>',
            f'{{"slug": {json_slug}, "type": {json_type}, "name": {json_name}, "affiliation": {json_affiliation}, {json_country}, '
            f'"website": {json_website}, "github": {json_github}, "signed": {json_string(signed)}, "version": {json_version}, "source": {json_source}}}',
            csv_line((slug, kind, name, affiliation, country, cname, website, github, signed, version, source)),
            f"[{json_slug},{search_type},{json_name},{json_affiliation},{json_string(country)}]",
        )


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
    tests/test_rowtext.py compares it with the plain sort."""
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
    members: dict[str, list] = {kind: list(itertools.compress(pieces, map(kind.__eq__, types))) for kind, _, _ in SECTIONS}
    del types
    pieces.clear()
    search_head = json.dumps({"block": block, "fields": ["slug", "type", "name", "affiliation", "country"], "countries": {c: n for c, n, _, _ in data_countries}}, ensure_ascii=False, separators=(",", ":"))[:-1]
    outputs[SEARCH_FILE] = search_head + ',"rows":[' + ",".join(itertools.chain.from_iterable(map(_SEARCH, members[kind]) for kind, _, _ in SECTIONS)) + "]}"
    for kind, title, _ in SECTIONS:
        part_pieces = members[kind]
        for number, first in enumerate(range(block, len(part_pieces), block), start=2):
            part = part_pieces[first : first + block]
            caption = f"{title} {first + 1:,}–{first + len(part):,}"
            outputs[block_name(kind, number)] = _block_page(caption, first + 1, "".join(map(_HTML, part)))
        members[kind] = []
    return rows, outputs
