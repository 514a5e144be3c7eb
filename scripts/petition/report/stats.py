"""Counts of the valid signatures: by type, country, letter version and month. Data first; text and
JSON are two ways of printing it."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

from petition.model.rules import country_name
from petition.model.versions import endorsed_version

NO_COUNTRY = "none"  # no country given
UNDATED = "undated"  # founding signatories: their date was not recorded


def compute(entries: Iterable, withdrawn: int = 0) -> dict:
    by_type: Counter = Counter()
    by_country: Counter = Counter()
    by_version: Counter = Counter()
    by_month: Counter = Counter()
    total = 0
    for entry in entries:
        sig = entry.signature
        total += 1
        by_type[sig.type] += 1
        by_country[sig.country or NO_COUNTRY] += 1
        by_version[endorsed_version(sig)] += 1
        by_month[sig.signed[:7] if sig.signed else UNDATED] += 1
    return {
        "total": total,
        "by_type": {kind: by_type.get(kind, 0) for kind in ("organization", "individual")},
        # Largest first, then by code, so the terminal table and the JSON read the same way.
        "by_country": dict(sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_version": dict(sorted(by_version.items(), key=lambda kv: int(kv[0]))),
        "by_month": dict(sorted(by_month.items(), key=lambda kv: (kv[0] == UNDATED, kv[0]))),
        "withdrawn": withdrawn,
    }


def as_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_text(data: dict) -> str:
    def table(title: str, rows: list[tuple[str, int]]) -> list[str]:
        width = max([len(label) for label, _ in rows] + [8])
        return [f"\n{title}"] + [f"  {label:<{width}}  {count:>8,}" for label, count in rows]

    out = [f"{data['total']:,} valid signatures ({data['withdrawn']:,} withdrawn so far)."]
    out += table(
        "By type", [("organisations", data["by_type"]["organization"]), ("individuals", data["by_type"]["individual"])]
    )
    out += table(
        "By country",
        [
            (f"{code} {country_name(code)}" if code != NO_COUNTRY else "(no country given)", n)
            for code, n in data["by_country"].items()
        ],
    )
    out += table("By letter version", [(f"version {v}", n) for v, n in data["by_version"].items()])
    out += table(
        "By month signed", [(m if m != UNDATED else "(founding, undated)", n) for m, n in data["by_month"].items()]
    )
    return "\n".join(out) + "\n"
