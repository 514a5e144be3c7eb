"""Oracles: the plain implementations the fast production code is tested against.

Each one is the code as first written (or the obvious composition of the general functions),
kept here, not in the package, because only the tests call it: the package's fast paths must
give exactly these answers (tests/load/test_plainyaml.py, model/test_charscan.py, model/test_rules.py,
model/test_freetext.py, check/test_duplicates.py, check/test_duplicates_name_keys.py, site/test_collate.py,
site/test_collate_words.py, site/test_encoders.py, site/test_listing_pieces.py, site/test_listdata.py).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from pydantic_core import PydanticCustomError

from petition.check.duplicates import (
    LOOKALIKE_ONLY,
    LOOKALIKE_REPEAT,
    NAME_ONLY,
    NAME_REPEAT,
    NAME_WEBSITE_REPEAT,
    TRANSLITERATED,
    _first_unconfirmed,
    _slugs,
    _who,
    name_keys,
    normalise_name,
    website_key,
)
from petition.check.namesakes import NONE as NO_NAMESAKES
from petition.check.namesakes import Namesakes
from petition.check.onefile import Entry
from petition.check.transliterate import name_script, script_tag, sound_keys
from petition.load.plainyaml import _COMMENT, _PAIR, _QUOTED_PAIR
from petition.model.confusables import lookalike_keys
from petition.model.fields import SEARCH_FIELDS
from petition.problems import WARNING, Problem
from petition.report.rowformat import (
    ASIDES,
    EXPORT_FIELDS,
    Row,
    _export_values,
    row_html,
    to_row,
)
from petition.site.collate import collation_key
from petition.site.listdata import countries, counts
from petition.site.listing import BLOCK, RECENT, _block_page, block_name, sections

# --- petition.load.plainyaml: parse_simple by one match of the whole file ------------------------------


@functools.lru_cache(maxsize=1)  # compiled when first asked for
def _file_pattern() -> re.Pattern[str]:
    """The whole file at once, one C-speed match: lines of pairs, comments and nothing, split by \n."""
    return re.compile(rf"(?:(?:{_PAIR}|{_QUOTED_PAIR}|{_COMMENT})?\n)*(?:{_PAIR}|{_QUOTED_PAIR}|{_COMMENT})?")


def parse_simple_whole(text: str) -> tuple[dict[str, str], dict[str, int]] | None:
    """``parse_simple`` by one match of the whole file: the reference the line-by-line version is tested against."""
    if "\r" in text or "\t" in text or _file_pattern().fullmatch(text) is None:
        return None
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    number = 0
    for line in text.split("\n"):
        number += 1
        if not line:
            continue
        # Outside quotes, " #" (a comment after a value, or inside a comment line) and any ": "
        # but the one after a key (a nested mapping, or in a comment) are left to PyYAML.
        if line[0] == "#":
            if " #" in line or ": " in line:
                return None
            continue
        key, _, value = line.partition(": ")  # keys are [a-z_]: the first ": " ends the key
        if value[:1] == '"':  # matched as a quoted pair: a plain value cannot start with a quote
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        elif " #" in value or ": " in value:
            return None
        if key in fields:
            return None
        fields[key] = value
        lines[key] = number
    if not fields:
        return None
    return fields, lines


# --- petition.check.duplicates: name keys and the duplicate check ----------------------------------


def normalise_name_loop(name: str) -> str:
    """normalise_name written out character by character: what the fast version must equal."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    kept = []
    for ch in decomposed:
        cat = unicodedata.category(ch)
        if cat == "Mn":
            continue
        kept.append(" " if cat[0] in "PZS" else ch)
    return " ".join("".join(kept).split())


def name_keys_reference(name: str) -> tuple[str, tuple[str, ...]]:
    """``name_keys`` computed on the whole name at once: the reference it is tested against."""
    return normalise_name(name), lookalike_keys(name)


_path = operator.attrgetter("path")


def _sound_keys(name: str) -> tuple[str, ...]:
    """A name's sound keys, made on their own (the duplicate pass makes them only where they can matter)."""
    normalised = normalise_name(name)
    return sound_keys(normalised, name_script(name, normalised))


def duplicate_problems(
    entries: Iterable[Entry],
    report_on: set[str] | None = None,
    keys: dict[str, tuple] | None = None,
    namesakes: Namesakes = NO_NAMESAKES,
) -> list[Problem]:
    """One problem for each entry that repeats an earlier one (by path order).

    With ``report_on``, only problems about those paths are kept (a pull request's new files are
    compared with everything, but only they are blamed). ``keys`` maps an entry's path to
    ``name_keys`` of its name, already computed (the checker's workers do it on every core).
    A name (or look-alike) repeat is reported against the first earlier holder of it that is not
    a confirmed namesake (petition.check.namesakes) of the entry. Only a shared name (no country,
    or a name of one word) is a warning, unless the website is the same too; so is a name of the
    same country that reads the same in another script.
    """
    problems: list[Problem] = []
    if report_on is None:
        ordered = sorted(entries, key=_path)
    else:
        ordered = sorted(entries, key=lambda e: (e.path in report_on, e.path))
    by_slug: dict[str, Entry] = {}
    by_identity: dict[tuple[str, str], list[Entry]] = {}
    by_github: dict[str, Entry] = {}
    by_lookalike: dict[tuple[str, str], list[Entry]] = {}
    earlier: list[Entry] = []

    def only_a_name(name_key: str, country: str) -> bool:
        return not country or " " not in name_key

    def why(country: str) -> str:
        return "and no country on either file" if not country else "a single word"

    for entry in ordered:
        sig = entry.signature
        country = sig.country or ""
        line = entry.lines.get("name", 1)
        found = by_slug.get(entry.slug.casefold())
        if found is not None:
            problems.append(
                Problem(
                    entry.path,
                    1,
                    f"the file name differs from {found.path} only in case: one signature per person; "
                    "rename or remove one.",
                    "duplicate-file",
                )
            )
        else:
            by_slug[entry.slug.casefold()] = entry
        known = keys.get(entry.path) if keys is not None else None
        normalised, lookalikes = known if known is not None else name_keys(sig.name)
        holders = by_identity.setdefault((normalised, country), [])
        found = _first_unconfirmed(holders, entry.path, namesakes, _path)
        flagged = found is not None
        if found is not None:
            site = website_key(sig.website)
            same_site = next(  # any earlier file of the same name, flagged or not
                (
                    e
                    for e in earlier
                    if site
                    and (name_keys(e.signature.name)[0], e.signature.country or "") == (normalised, country)
                    and website_key(e.signature.website) == site
                    and not namesakes.confirmed(e.path, entry.path)
                ),
                None,
            )
            if not only_a_name(normalised, country):
                problems.append(
                    Problem(
                        entry.path, line, NAME_REPEAT.format(found=found.path, who=_who(sig.type)), "duplicate-name"
                    )
                )
            elif same_site is not None:
                message = NAME_WEBSITE_REPEAT.format(found=same_site.path, who=_who(sig.type))
                problems.append(Problem(entry.path, line, message, "duplicate-name-website"))
            else:
                message = NAME_ONLY.format(found=found.path, why=why(country), slugs=_slugs(found.path, entry.path))
                problems.append(Problem(entry.path, line, message, "duplicate-name-only", WARNING))
        else:
            holders.append(entry)
            looks = [(key, country) for key in lookalikes]
            hit = next(
                (
                    (held, key)
                    for held, key in (
                        (_first_unconfirmed(by_lookalike.get(k, ()), entry.path, namesakes, _path), k[0]) for k in looks
                    )
                    if held is not None
                ),
                None,
            )
            if hit is not None:
                flagged = True
                held, key = hit
                if not only_a_name(key, country):
                    message = LOOKALIKE_REPEAT.format(found=held.path, who=_who(sig.type))
                    problems.append(Problem(entry.path, line, message, "duplicate-lookalike"))
                else:
                    message = LOOKALIKE_ONLY.format(
                        found=held.path, why=why(country), slugs=_slugs(held.path, entry.path)
                    )
                    problems.append(Problem(entry.path, line, message, "duplicate-lookalike-only", WARNING))
            for key in looks:
                by_lookalike.setdefault(key, []).append(entry)
        sounds = _sound_keys(sig.name) if country else ()
        if sounds and not flagged:
            script = script_tag(sig.name)
            found = next(  # the first key, then the first earlier file of another script that has it
                (
                    e
                    for key in sounds
                    for e in earlier
                    if e.signature.country == country
                    and key in _sound_keys(e.signature.name)
                    and script_tag(e.signature.name) != script
                    and not namesakes.confirmed(e.path, entry.path)
                ),
                None,
            )
            if found is not None:
                message = TRANSLITERATED.format(found=found.path, slugs=_slugs(found.path, entry.path))
                problems.append(Problem(entry.path, line, message, "duplicate-transliteration", WARNING))
        earlier.append(entry)
        if sig.github:
            found = by_github.get(sig.github.casefold())
            if found is not None:
                problems.append(
                    Problem(
                        entry.path,
                        entry.lines.get("github", 1),
                        f"possible duplicate of {found.path}: the same GitHub user name. Each GitHub "
                        "account signs once.",
                        "duplicate-github",
                    )
                )
            else:
                by_github[sig.github.casefold()] = entry
    if report_on is not None:
        problems = [p for p in problems if p.path in report_on]
    return problems


# --- petition.model.confusables: the fold table built over every code point ---------------------------


def fold_table_reference() -> dict[int, str | None]:
    """Marks and invisible format characters dropped; punctuation, symbols and spaces made spaces.

    The whole table, built over 200,000 code points (a tenth of a second): ``_Fold`` fills the
    same entries as characters appear, and a test compares the two on every code point.
    """
    table: dict[int, str | None] = {}
    for cp in (*range(0x30000), *range(0xE0000, 0xE01F0)):
        cat = unicodedata.category(chr(cp))
        if cat in ("Mn", "Cf"):
            table[cp] = None
        elif cat[0] in "PZS" and cp != 0x20:
            table[cp] = " "
    return table


# --- petition.report.rowformat / petition.site.listing: the list's files from the sorted rows ------------------


def sorted_rows(entries: Iterable[Entry]) -> list[Row]:
    """Rows in Unicode collation order of ``sort_as`` (or the name); the slug breaks ties."""
    rows = [to_row(e) for e in entries]
    return sorted(rows, key=lambda r: (collation_key(r.sort_as or r.name), r.slug))


def export_json(rows: list[Row]) -> str:
    from petition.site.listdata import by_country

    head = {"counts": counts(rows), "by_country": by_country(rows)}
    # One signatory a line, each encoded by json's C encoder (indent= would use the slow Python one).
    body = ",\n".join(json.dumps(r.export(), ensure_ascii=False) for r in rows)
    return json.dumps(head, ensure_ascii=False)[:-1] + ',\n"signatories": [\n' + body + "\n]}\n"


def export_csv(rows: list[Row]) -> str:
    buffer = io.StringIO()
    # A plain writer on tuples writes what DictWriter writes for the same fields, without a dict a row.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_FIELDS)
    writer.writerows(map(_export_values, rows))
    return buffer.getvalue()


def block_files(rows: list[Row], block: int = BLOCK, show_version: bool = False) -> dict[str, str]:
    """Every block after the first of each section, as a small stand-alone HTML file."""
    out = {}
    for kind, title, _, members in sections(rows):
        for number, first in enumerate(range(block, len(members), block), start=2):
            part = members[first : first + block]
            caption = f"{title} {first + 1:,}–{first + len(part):,}"
            out[block_name(kind, number)] = _block_page(
                caption, first + 1, "".join(row_html(r, show_version) for r in part)
            )
    return out


def countries_reference(rows: list[Row]) -> list[tuple[str, str, int, int]]:
    """``countries`` in three plain passes: what the one-pass tally must give (tests/site/test_listing.py)."""
    orgs = Counter(r.country for r in rows if r.country and r.type == "organization")
    people = Counter(r.country for r in rows if r.country and r.type == "individual")
    names = {r.country: r.country_name for r in rows if r.country}
    return sorted(((c, names[c], orgs[c], people[c]) for c in names), key=lambda t: (-(t[2] + t[3]), t[1], t[0]))


def search_json(rows: list[Row], block: int = BLOCK) -> str:
    """The search box's data: one short array per signatory, in page order, and the country names."""
    searched = SEARCH_FIELDS[2:]  # after the slug and the type
    data = {
        "block": block,
        "fields": list(SEARCH_FIELDS),
        "asides": [n for n in ASIDES if n in SEARCH_FIELDS],
        "countries": {c: n for c, n, _, _ in countries(rows)},
        # Page order (section by section), which the script relies on to find a row's block.
        "rows": [
            [r.slug, "o" if kind == "organization" else "i", *(getattr(r, n) for n in searched)]
            for kind, _, _, members in sections(rows)
            for r in members
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def pieces_sort_key(pieces: tuple) -> tuple:
    return (pieces[0], pieces[1][0])  # the collation key, then the slug


# --- petition.site.collate: pyuca's key in the form sort_key returns ---------------------------------


def pack(key: tuple[int, ...]) -> bytes:
    """A pyuca key in the form ``sort_key`` returns: 16 bits a weight, big-endian."""
    return b"".join(w.to_bytes(2, "big") for w in key)


# --- petition.model's rules: an answer compared as data (tests/model/test_rules.py, test_freetext.py) -------------


def outcome(rule, *args):
    """A rule's answer as comparable data: ("ok", value) or ("error", kind, message, context)."""
    try:
        return ("ok", rule(*args))
    except PydanticCustomError as exc:
        return ("error", exc.type, exc.message(), exc.context)
    except Exception as exc:  # noqa: BLE001 - compared as data: the same exception either way
        return ("raised", type(exc).__name__, str(exc))


# --- petition.site.listing: the newest signers, by a full sort (tests/site/test_listing_pieces.py, test_listdata.py) --


def recent_reference(rows: list[Row], n: int = RECENT) -> list[Row]:
    dated = [(r.signed, i, r) for i, r in enumerate(rows) if r.signed]
    dated.sort(key=lambda t: (t[0], -t[1]), reverse=True)
    return [r for _, _, r in dated[:n]]
