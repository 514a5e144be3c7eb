"""Endorsements per country on the signatories page: a bar chart of the countries with the most,
drawn at build time in HTML and CSS (no library, no script), labels in the body's text, then every
country in a table the chart links to."""

from __future__ import annotations

import html

from petition.report.rowformat import Row
from petition.site.countrypages import page_path
from petition.site.listdata import countries, plural

TOP = 15  # countries drawn as bars, most first
TABLE_ID = "all-countries"

esc = html.escape


def _bar(name: str, orgs: int, people: int, top: int) -> str:
    # Widths as a share of the longest bar; the split is said in words beside it for screen readers.
    o, i = 100 * orgs / top, 100 * people / top
    split = f"{plural(orgs, 'organisation', 'organisations')}, {plural(people, 'individual', 'individuals')}"
    return (
        f'<li><span class="petition-chart-label"><bdi dir="auto">{esc(name)}</bdi></span>'
        '<span class="petition-chart-bar" aria-hidden="true">'
        f'<span class="petition-chart-org" style="width: {o:.1f}%"></span>'
        f'<span class="petition-chart-ind" style="width: {i:.1f}%"></span></span>'
        f'<span class="petition-chart-value">{orgs + people:,}<span class="petition-chart-split"> ({split})</span>'
        "</span></li>"
    )


def chart_html(rows: list[Row], countries_url: str | None = None, base: str = "") -> str:
    """The chart and the table of every country, each linked to its country page (``base``: the site's
    root relative to the page); ``countries_url``: a page of all countries to link to instead of the
    table (the table is then still there, below)."""
    data = countries(rows)
    if not data:
        return ""
    shown = data[:TOP]
    top = max(o + i for _, _, o, i in shown)
    heading = "Endorsements by country" + (f": the {len(shown)} with the most" if len(data) > len(shown) else "")
    every = f"All {len(data)} countries" if len(data) > 1 else "The country"
    table = "".join(
        f'<tr><td><a href="{esc(base + page_path(code))}"><bdi dir="auto">{esc(name)}</bdi></a></td>'
        f"<td>{o:,}</td><td>{i:,}</td><td>{o + i:,}</td></tr>"
        for code, name, o, i in data
    )
    return (
        '<figure class="petition-chart" aria-labelledby="petition-chart-title">'
        f'<figcaption id="petition-chart-title">{esc(heading)}</figcaption>'
        f'<ol class="petition-chart-bars">{"".join(_bar(n, o, i, top) for _, n, o, i in shown)}</ol>'
        '<p class="petition-chart-key"><span class="petition-chart-org-key"></span> organisations '
        '<span class="petition-chart-ind-key"></span> individuals · '
        f'<a href="{esc(countries_url or "#" + TABLE_ID)}">{every}</a></p></figure>'
        f'<details class="petition-countries" id="{TABLE_ID}"><summary>{every}, with their counts</summary>'
        '<table class="petition-country-table"><thead><tr><th>Country</th><th>Organisations</th>'
        f"<th>Individuals</th><th>Total</th></tr></thead><tbody>{table}</tbody></table></details>"
    )
