"""How one signatory reads wherever it is shown: the site's row, its list entry, its plain text.

A row holds the public fields (petition.model.fields) of one valid file. All signer text is
HTML-escaped and wrapped in ``<bdi>`` so right-to-left names never reorder the punctuation around
them. Markdown never sees signer text. The site's list (petition.site.listing) writes 100,000
entries with ``entry_html``, the same function ``row_html`` uses.
"""

from __future__ import annotations

import dataclasses
import html
import operator

from petition.check.onefile import Entry
from petition.model.fields import EXPORT_FIELDS, ROW_FIELDS, listed
from petition.model.rules import country_name
from petition.model.websites import website_href


def _export(self) -> dict[str, str]:
    return dict(zip(EXPORT_FIELDS, _export_values(self)))


# One signatory as the site and the exports publish it (never the contact): the fields of
# ROW_FIELDS, in order, "" where unset. slots: 100,000 rows are held at once.
Row = dataclasses.make_dataclass(
    "Row",
    [ROW_FIELDS[0], *((n, str, dataclasses.field(default="")) for n in ROW_FIELDS[1:])],
    frozen=True,
    slots=True,
    namespace={
        "export": _export,
        "__doc__": "One signatory as the site and the exports publish it (never the contact).",
    },
)
_export_values = operator.attrgetter(*EXPORT_FIELDS)  # a row's exported values, in order, in one C call
# The fields shown in an entry after the name and country, " (value)" each, in the declaration's order.
ASIDES = listed("aside")
_ASIDE_AT = tuple(ROW_FIELDS.index(n) for n in ASIDES)
# The parts one field each plays in an entry (petition.model.fields: ``listed``); the place's
# code is shown by its name (country_name), which the row carries beside it.
(NAME,), (LINK,), (PLACE,), (VERSION,) = listed("name"), listed("link"), listed("place"), listed("version")
PLACE_NAME = f"{PLACE}_name"
_FROM_FIELDS = tuple(n for n in ROW_FIELDS[1:] if n != PLACE_NAME)
_NAME_AT, _WEBSITE_AT = ROW_FIELDS.index(NAME), ROW_FIELDS.index(LINK)
_place, _place_name, _version, _link = (operator.attrgetter(n) for n in (PLACE, PLACE_NAME, VERSION, LINK))
values_of = operator.attrgetter(*ROW_FIELDS)  # a row's values, in ROW_FIELDS order


def to_row(entry: Entry) -> Row:
    return row_of(entry.slug, entry.signature.__dict__)  # the model's own attributes are its fields


def row_values(slug: str, fields: dict[str, str | None], country: str | None = None) -> tuple[str, ...]:
    """A row's values, in ROW_FIELDS order, from a valid signature's fields (unset ones absent or
    None). ``country``: the country's name when the caller already has it."""
    get = fields.get
    values = [slug, *((get(n) or "") for n in _FROM_FIELDS)]
    code = get(PLACE) or ""
    values.insert(ROW_FIELDS.index(PLACE_NAME), (country_name(code) if code else "") if country is None else country)
    return tuple(values)


def row_of(slug: str, fields: dict[str, str | None]) -> Row:
    """The row of a valid signature's fields (unset ones absent or None)."""
    return Row(*row_values(slug, fields))


def entry_html(
    values: tuple[str, ...], escape, type_attr: str, country_attr: str, version_attr: str, place: str, version: str
) -> str:
    """The list's ``<li>`` for a row's values: the name (a link to the website, if any), the place,
    the asides, the version. The attributes and the place and version parts come already escaped,
    so the list can reuse those of the few values many rows share."""
    label = f'<bdi dir="auto">{escape(values[_NAME_AT])}</bdi>'
    if values[_WEBSITE_AT]:
        label = f'<a href="{escape(website_href(values[_WEBSITE_AT]))}" rel="nofollow noopener ugc">{label}</a>'
    asides = "".join([f' (<bdi dir="auto">{escape(values[i])}</bdi>)' for i in _ASIDE_AT if values[i]])
    return (
        f'<li id="{escape(values[0])}" data-type="{type_attr}" data-country="{country_attr}" '
        f'data-version="{version_attr}">{label}{place}{asides}{version}</li>'
    )


def row_html(row: Row, show_version: bool = False) -> str:
    esc = html.escape
    place = f", {esc(_place_name(row))}" if _place(row) else ""
    shown = show_version and _version(row)
    version = f' <span class="petition-version">(version {esc(_version(row))})</span>' if shown else ""
    return entry_html(values_of(row), esc, esc(row.type), esc(_place(row)), esc(_version(row)), place, version)


def row_text(row: Row) -> str:
    """The list entry as plain text, in the site's order: "Name, Country (asides) – website"."""
    text = getattr(row, NAME)
    if _place(row):
        text += f", {_place_name(row)}"
    for name in ASIDES:
        if getattr(row, name):
            text += f" ({getattr(row, name)})"
    if _link(row):
        text += f" – {_link(row)}"
    return text
