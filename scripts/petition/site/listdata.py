"""The signatory list's data from every row at once: the published order, the counts, per-country figures and the
exports.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
from collections import Counter
from collections.abc import Iterable

from petition.report.rowformat import Row

SECTIONS = (("organization", "Organisations", "_organisations"), ("individual", "Individuals", "_individuals"))


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


for _name in (
    "append",
    "extend",
    "insert",
    "remove",
    "pop",
    "clear",
    "sort",
    "reverse",
    "__setitem__",
    "__delitem__",
    "__iadd__",
    "__imul__",
):
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
    return (
        f"Endorsed by {plural(tally['organization'], 'organisation', 'organisations')} and "
        f"{plural(tally['individual'], 'individual', 'individuals')}."
    )


def counts_html(tally: dict[str, int], signatories_url: str, sign_url: str) -> str:
    esc = html.escape
    return (
        f'<p class="petition-counts"><strong>{esc(counts_sentence(tally))}</strong> '
        f'<a href="{esc(signatories_url)}">See who has signed</a> · <a href="{esc(sign_url)}">Endorse '
        "this letter</a></p>"
    )


def countries(rows: list[Row]) -> list[tuple[str, str, int, int]]:
    """(code, name, organisations, individuals) for every country with a signatory, most first."""
    t = tally(rows)
    orgs, people, names = t.by_country["organization"], t.by_country["individual"], t.country_names
    return sorted(((c, names[c], orgs[c], people[c]) for c in names), key=lambda t: (-(t[2] + t[3]), t[1], t[0]))


def by_country(rows: list[Row]) -> list[dict[str, object]]:
    """Per-country counts for the JSON export; signatories without a country are counted under ""."""
    out = [
        {"country": c, "country_name": n, "organization": o, "individual": i, "total": o + i}
        for c, n, o, i in countries(rows)
    ]
    t = tally(rows)
    if t.without_country_total:
        out.append({"country": "", "country_name": "", **t.without_country, "total": t.without_country_total})
    return out


def by_country_csv(rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=("country", "country_name", "organization", "individual", "total"), lineterminator="\r\n"
    )
    writer.writeheader()
    writer.writerows(by_country(rows))
    return buffer.getvalue()
