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
import hashlib
import html
import io
import json
import os
import tempfile
from collections import Counter
from pathlib import Path

from .render import SECTIONS, Row, counts, counts_sentence, plural, row_html, sorted_rows, to_row

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
    return [(kind, title, anchor, [r for r in rows if r.type == kind]) for kind, title, anchor in SECTIONS]


def block_name(kind: str, number: int) -> str:
    return f"{BLOCKS_DIR}/{kind}-{number}.html"


def _ol(rows: list[Row], start: int, show_version: bool = False) -> str:
    return f'<ol class="petition-list" start="{start}">' + "".join(row_html(r, show_version) for r in rows) + "</ol>"


def block_files(rows: list[Row], block: int = BLOCK, show_version: bool = False) -> dict[str, str]:
    """Every block after the first of each section, as a small stand-alone HTML file."""
    out = {}
    for kind, title, _, members in sections(rows):
        for number, first in enumerate(range(block, len(members), block), start=2):
            part = members[first : first + block]
            caption = f"{title} {first + 1:,}–{first + len(part):,}"
            out[block_name(kind, number)] = (
                f'<!doctype html>\n<html lang="en"><meta charset="utf-8"><meta name="robots" content="noindex">'
                f"<title>{esc(caption)}</title><h1>{esc(caption)}</h1>\n{_ol(part, first + 1, show_version)}\n</html>\n"
            )
    return out


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
    orgs = Counter(r.country for r in rows if r.country and r.type == "organization")
    people = Counter(r.country for r in rows if r.country and r.type == "individual")
    names = {r.country: r.country_name for r in rows if r.country}
    return sorted(((c, names[c], orgs[c], people[c]) for c in names), key=lambda t: (-(t[2] + t[3]), t[1], t[0]))


def by_country(rows: list[Row]) -> list[dict[str, object]]:
    """Per-country counts for the JSON export; signatories without a country are counted under ""."""
    out = [{"country": c, "country_name": n, "organization": o, "individual": i, "total": o + i} for c, n, o, i in countries(rows)]
    unknown = [r for r in rows if not r.country]
    if unknown:
        tally = counts(unknown)
        out.append({"country": "", "country_name": "", **tally, "total": len(unknown)})
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


def search_json(rows: list[Row], block: int = BLOCK) -> str:
    """The search box's data: one short array per signatory, in page order, and the country names."""
    data = {
        "block": block,
        "fields": ["slug", "type", "name", "affiliation", "country"],
        "countries": {c: n for c, n, _, _ in countries(rows)},
        # Page order (section by section), which the script relies on to find a row's block.
        "rows": [[r.slug, "o" if kind == "organization" else "i", r.name, r.affiliation, r.country] for kind, _, _, members in sections(rows) for r in members],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def recent(rows: list[Row], n: int = RECENT) -> list[Row]:
    """The n most recent signatories by ``signed``, newest first (founding ones have no date)."""
    dated = [(r.signed, i, r) for i, r in enumerate(rows) if r.signed]
    dated.sort(key=lambda t: (t[0], -t[1]), reverse=True)
    return [r for _, _, r in dated[:n]]


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


ORDER_FILE = "order.json"


def _order_fingerprint(rows: list[Row]) -> str:
    """What the collation order depends on: the sort texts and slugs, and the code that compares them."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256()
    for module in ("collate.py", "render.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    try:
        digest.update(version("pyuca").encode())
    except PackageNotFoundError:  # pragma: no cover
        pass
    for r in sorted(rows, key=lambda r: r.slug):
        digest.update(f"\0{r.slug}\0{r.sort_as or r.name}".encode())
    return digest.hexdigest()


def ordered_rows(entries, cache_folder: Path | None = None) -> list[Row]:
    """``render.sorted_rows``, reusing the order of the last build when no name or slug changed.

    Collation keys cost seconds at 100,000 names (and loading pyuca's table about half a second);
    a rebuild where no signature's name, sort_as or slug changed gets the same order from the cache.
    """
    if cache_folder is None:
        return sorted_rows(entries)
    rows = [to_row(e) for e in entries]
    fingerprint = _order_fingerprint(rows)
    path = Path(cache_folder) / ORDER_FILE
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if saved.get("fingerprint") == fingerprint:
            position = {slug: n for n, slug in enumerate(saved["order"])}
            if len(position) == len(rows) and all(r.slug in position for r in rows):
                return sorted(rows, key=lambda r: position[r.slug])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    result = sorted_rows(entries)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps({"fingerprint": fingerprint, "order": [r.slug for r in result]}, ensure_ascii=False))
        os.replace(temp, path)
    except OSError:
        pass  # read-only: the next build sorts again
    return result
