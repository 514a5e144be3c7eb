"""Site data from valid entries: the sorted list, counts, exports and the list's HTML.

All signer text is HTML-escaped and wrapped in ``<bdi>`` so right-to-left names never reorder
the punctuation around them. Markdown never sees signer text.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import operator
from collections import Counter
from collections.abc import Iterable

from .collate import sort_key
from .schema import country_name
from .validate import Entry

SECTIONS = (("organization", "Organisations", "_organisations"), ("individual", "Individuals", "_individuals"))
EXPORT_FIELDS = ("slug", "type", "name", "affiliation", "country", "country_name", "website", "github", "signed", "version", "source")


def collation_key(text: str) -> bytes:
    # pyuca's key, computed word by word and packed in bytes that compare the same way
    # (petition.collate: the same order, several times faster, a fraction of the memory).
    return sort_key(text.casefold())


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


class Rows(list):
    """Rows in published order that remember what is worked out from all of them (``tally``), so the
    pages and exports asking for counts, sections and countries walk 100,000 rows once, not each time.
    Changing the list forgets what it remembered."""

    def __init__(self, rows: Iterable[Row] = ()):
        super().__init__(rows)
        self.memo: dict[str, object] = {}


def _forgetting(name: str):
    method = getattr(list, name)

    def changed(self, *args):
        self.memo.clear()
        return method(self, *args)

    changed.__name__ = name
    return changed


for _name in ("append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse", "__setitem__", "__delitem__", "__iadd__", "__imul__"):
    setattr(Rows, _name, _forgetting(_name))


@dataclasses.dataclass
class Tally:
    """What the list's pages and exports need from every row, found in one pass (see ``tally``)."""

    members: dict[str, list[Row]]  # each section's rows, in order
    by_country: dict[str, Counter]  # each section's rows with a country, counted by country
    country_names: dict[str, str]  # every country with a signatory, in order of first appearance
    without_country: dict[str, int]  # each section's rows without a country
    without_country_total: int


def _tally(rows: Iterable[Row]) -> Tally:
    members: dict[str, list[Row]] = {kind: [] for kind, _, _ in SECTIONS}
    by_country: dict[str, Counter] = {kind: Counter() for kind in members}
    without: Counter = Counter()
    names: dict[str, str] = {}
    total = 0
    for r in rows:
        kind, country = r.type, r.country
        group = members.get(kind)
        if group is not None:
            group.append(r)
        if country:
            names[country] = r.country_name
            if group is not None:
                by_country[kind][country] += 1
        else:
            total += 1
            without[kind] += 1
    return Tally(members, by_country, names, {kind: without.get(kind, 0) for kind in members}, total)


def tally(rows: Iterable[Row]) -> Tally:
    memo = getattr(rows, "memo", None)
    if memo is None:
        return _tally(rows)
    found = memo.get("tally")
    if found is None:
        found = memo["tally"] = _tally(rows)
    return found  # type: ignore[return-value]


def counts(rows: Iterable[Row]) -> dict[str, int]:
    if isinstance(rows, Rows):
        return {kind: len(group) for kind, group in tally(rows).members.items()}
    tally_ = Counter(r.type for r in rows)
    return {kind: tally_.get(kind, 0) for kind, _, _ in SECTIONS}


def plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def counts_sentence(tally: dict[str, int]) -> str:
    return f"Endorsed by {plural(tally['organization'], 'organisation', 'organisations')} and {plural(tally['individual'], 'individual', 'individuals')}."


def counts_html(tally: dict[str, int], signatories_url: str, sign_url: str) -> str:
    esc = html.escape
    return (
        f'<p class="petition-counts"><strong>{esc(counts_sentence(tally))}</strong> '
        f'<a href="{esc(signatories_url)}">See who has signed</a> · <a href="{esc(sign_url)}">Endorse this letter</a></p>'
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


