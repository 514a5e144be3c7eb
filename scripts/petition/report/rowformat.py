"""Site data from valid entries: the sorted list, counts, exports and the list's HTML.

All signer text is HTML-escaped and wrapped in ``<bdi>`` so right-to-left names never reorder
the punctuation around them. Markdown never sees signer text.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import operator

from petition.check.onefile import Entry
from petition.model.rules import country_name

EXPORT_FIELDS = ("slug", "type", "name", "affiliation", "country", "country_name", "website", "github", "signed", "version", "source")


@dataclasses.dataclass(frozen=True, slots=True)  # slots: 100,000 rows are held at once
class Row:
    """One signatory as the site and the exports publish it (never the contact)."""

    slug: str
    type: str
    name: str
    affiliation: str = ""
    country: str = ""
    country_name: str = ""
    website: str = ""
    github: str = ""
    signed: str = ""
    version: str = ""
    source: str = ""
    sort_as: str = ""

    def export(self) -> dict[str, str]:
        return dict(zip(EXPORT_FIELDS, _export_values(self)))


_export_values = operator.attrgetter(*EXPORT_FIELDS)  # a row's exported values, in order, in one C call


def to_row(entry: Entry) -> Row:
    return row_of(entry.slug, entry.signature.__dict__)  # the model's own attributes are its fields


def row_of(slug: str, fields: dict[str, str | None]) -> Row:
    """The row of a valid signature's fields (unset ones absent or None)."""
    get = fields.get
    country = get("country") or ""
    return Row(
        slug=slug,
        type=fields["type"],
        name=fields["name"],
        affiliation=get("affiliation") or "",
        country=country,
        country_name=country_name(country) if country else "",
        website=get("website") or "",
        github=get("github") or "",
        signed=get("signed") or "",
        version=get("version") or "",
        source=get("source") or "",
        sort_as=get("sort_as") or "",
    )


def row_html(row: Row, show_version: bool = False) -> str:
    esc = functools.partial(html.escape, quote=True)
    name = f'<bdi dir="auto">{esc(row.name)}</bdi>'
    if row.website:
        name = f'<a href="{esc(row.website)}" rel="nofollow noopener ugc">{name}</a>'
    parts = [name]
    if row.country:
        parts.append(f", {esc(row.country_name)}")
    if row.affiliation:
        parts.append(f' (<bdi dir="auto">{esc(row.affiliation)}</bdi>)')
    if show_version and row.version:  # only once the letter has more than one version
        parts.append(f' <span class="petition-version">(version {esc(row.version)})</span>')
    return f'<li id="{esc(row.slug)}" data-type="{esc(row.type)}" data-country="{esc(row.country)}" data-version="{esc(row.version)}">{"".join(parts)}</li>'


def row_text(row: Row) -> str:
    """The list entry as plain text, in the site's order: "Name, Country (affiliation) – website"."""
    text = row.name
    if row.country:
        text += f", {row.country_name}"
    if row.affiliation:
        text += f" ({row.affiliation})"
    if row.website:
        text += f" – {row.website}"
    return text


