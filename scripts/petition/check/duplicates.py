"""Checks across the whole collection: the same file, person, organisation or GitHub login twice."""

from __future__ import annotations

import functools
import operator
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from petition.check.namesakes import NONE as NO_NAMESAKES
from petition.check.namesakes import Namesakes
from petition.check.transliterate import SoundIndex, name_script, sound_keys
from petition.model import charscan
from petition.model.confusables import _fold_table, fold, skeleton
from petition.problems import WARNING, Problem

NAME_REPEAT = (
    "possible duplicate of {found}: the same name and country. If this is a different {who}, "
    "say so in the pull request: a maintainer who confirms it lists the two as namesakes, and "
    "the check then passes."
)
NAME_WEBSITE_REPEAT = (
    "possible duplicate of {found}: the same name and the same website. If this is a different {who}, "
    "say so in the pull request: a maintainer who confirms it lists the two as namesakes, and "
    "the check then passes."
)
# Only a shared name: many different people sign with one given name, or without a country.
NAME_ONLY = (
    "possible duplicate of {found}: the same name ({why}), and nothing else in common. A maintainer "
    "decides: if they are different people, “petition namesakes add {slugs}” lists them as namesakes."
)
LOOKALIKE_ONLY = (
    "possible duplicate of {found}: the name looks the same as that one's ({why}), and nothing else in "
    "common. A maintainer decides: if they are different people, “petition namesakes add {slugs}” lists "
    "them as namesakes."
)
TRANSLITERATED = (
    "possible duplicate of {found}: the same country, and the name, written in another script, reads "
    "the same once transliterated. A maintainer decides: if they are different people, “petition "
    "namesakes add {slugs}” lists them as namesakes."
)
LOOKALIKE_REPEAT = (
    "possible duplicate of {found}: the name looks the same as that one's (some letters are look-alikes "
    "from another alphabet, or digits standing for letters) "
    "and the country is the same. Retype the name with your usual keyboard; if this really is a "
    "different {who}, say so in the pull request: "
    "a maintainer who confirms it lists the two as namesakes, and the check then passes."
)


def _who(kind: str) -> str:
    return "organisation" if kind == "organization" else "person"


def normalise_name(name: str) -> str:
    """Case-folded, accent-stripped, punctuation-free form of a name, for finding repeats."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    # The loop below, in C (petition.model.charscan; a test compares them on every code point).
    return " ".join(decomposed.translate(charscan.FOLD).split())


@functools.lru_cache(maxsize=1)
def _ascii_tables() -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """For each ASCII character, what normalise_name and the two look-alike keys make of it before their last step
    (split and join).

    On ASCII text every step works character by character: case folding is lowering, NFD and NFKD
    leave ASCII alone, and the prototypes of ASCII characters ("l" for "I", "O" for "0", "rn"
    for "m", ...) hold no combining mark that could reorder or compose with a neighbour, so a
    name's text before that last step is its characters' texts put together. A test compares
    the tables' answers with the whole computation on every string of one and two ASCII characters.
    """
    folding = _fold_table()
    norm = {c: unicodedata.normalize("NFKD", chr(c).casefold()).translate(charscan.FOLD) for c in range(128)}
    first = {c: unicodedata.normalize("NFKD", skeleton(chr(c))).translate(folding) for c in range(128)}
    second = {c: unicodedata.normalize("NFKD", skeleton(chr(c).casefold())).translate(folding) for c in range(128)}
    return norm, first, second


def _ascii_keys(text: str) -> tuple[str, str, str]:
    """normalise_name and the two look-alike keys of ASCII text, from the per-character tables."""
    norm, first, second = _ascii_tables()
    return (
        " ".join(text.translate(norm).split()),
        " ".join(text.translate(first).split()),
        " ".join(text.translate(second).split()),
    )


def _word_keys(word: str) -> tuple[str, str, str]:
    """normalise_name and the two look-alike keys of one space-free piece of a name."""
    if word.isascii():  # cheap from the tables: not worth a place in the memo
        return _ascii_keys(word)
    return _unicode_word_keys(word)


@functools.lru_cache(maxsize=1 << 14)  # the words of names repeat (given names, family names, "Université")
def _unicode_word_keys(word: str) -> tuple[str, str, str]:
    return normalise_name(word), fold(skeleton(word)), fold(skeleton(word.casefold()))


def _joined(parts: Iterable[str]) -> str:
    return " ".join(filter(None, parts))  # the non-empty parts


def name_keys(name: str) -> tuple[str, tuple[str, ...]]:
    """What the duplicate check compares a name by: its normalised form and its look-alike keys.

    Computed word by word (split at each plain space), each word's keys memoised: every step of
    both keys (case folding, NFD/NFKD, the prototype and fold tables) maps a plain space to
    itself and never reaches across it (a space is a starter, so no mark reorders past it), and
    the last step splits at spaces and joins the non-empty pieces with one, so the keys of a
    name are its words' keys joined that way. ``name_keys_reference`` (tests/oracles.py) is the oracle
    (tests/check/test_duplicates_name_keys.py).
    """
    if name.isascii():  # no memo needed: three table lookups per character
        normalised_key, first_key, second_key = _ascii_keys(name)
    else:
        normalised, first, second = zip(*map(_word_keys, name.split(" ")))
        normalised_key, first_key, second_key = _joined(normalised), _joined(first), _joined(second)
    return normalised_key, ((first_key, second_key) if first_key != second_key else (first_key,))


def _first_unconfirmed(holders: Iterable, path: str, namesakes: Namesakes, path_of=lambda held: held):
    """The first of ``holders`` that is not a confirmed namesake of the file at ``path`` (None if each is one)."""
    return next((held for held in holders if not namesakes.confirmed(path_of(held), path)), None)


# The same check on compact keys, for 100,000 files: the checker's workers compute each valid file's
# duplicate_key on every core, and the parent compares plain tuples, not Entry objects.
# The Entry-based ``duplicate_problems`` is the reference (tests/oracles.py; tests/check/test_duplicates.py compares
# them).


class DuplicateKey(NamedTuple):
    """What the duplicate checks compare one valid file by."""

    slug: str  # casefolded: two names differing in case are one file on some systems
    identity: str  # "<country>\0<normalised name>"
    lookalikes: tuple[str, ...]  # "<country>\0<look-alike key>" for each key of the name
    github: str  # casefolded, "" when none
    type: str
    name_line: int
    github_line: int
    website: str  # website_key of the website, "" when none
    sounds: tuple[str, ...]  # "<country>\0<sound key>" for each sound key (petition.check.transliterate) of a name
    # beyond Latin; none for a Latin name (the duplicate pass makes those where they can matter: SoundIndex)
    # or without a country
    script: str  # transliterate.name_script of the name, "" without a country


def website_key(website: str | None) -> str:
    """A website as the duplicate check compares it: the scheme, "www.", the host's case and a final "/" aside."""
    if not website:
        return ""
    host, _, path = website.partition("://")[2].partition("/")
    path = path.rstrip("/")
    return host.casefold().removeprefix("www.") + ("/" + path if path else "")


def weak(where_key: str) -> bool:
    """Whether sharing this "<country>\0<name key>" is only a shared name: no country, or a name of one word."""
    country, _, name = where_key.partition("\0")
    return not country or " " not in name


def _why(where_key: str) -> str:
    return "and no country on either file" if not where_key.partition("\0")[0] else "a single word"


def _slugs(*paths: str) -> str:
    return " ".join(p.rpartition("/")[2].removesuffix(".yaml") for p in paths)


def duplicate_key(
    slug: str,
    name: str,
    country: str | None,
    github: str | None,
    type: str,
    name_line: int,
    github_line: int,
    keys: tuple | None = None,
    website: str | None = None,
) -> tuple:
    """What ``duplicate_problems_of`` compares a valid file by (``name_line``/``github_line``: 1 when unknown;
    ``keys``: ``name_keys(name)`` when already known): a DuplicateKey's parts as the plain tuple the workers
    send (check.records.named names it on receipt).

    The name's keys are joined to the country in one string each ("NO\0anna"), so the parent looks
    up strings rather than building tuples; a country code never holds "\0", so the join is unambiguous.
    """
    normalised, lookalikes = keys if keys is not None else name_keys(name)
    where = (country or "") + "\0"
    folded = slug.casefold()
    script = name_script(name, normalised) if country else ""  # sound keys are compared within a country only
    sounds = () if script == "LATIN" or not script else tuple([where + key for key in sound_keys(normalised, script)])
    return (
        slug if folded == slug else folded,
        where + normalised,
        tuple([where + key for key in lookalikes]),  # a list first: a generator costs more than its one or two keys
        github.casefold() if github else "",
        type,
        name_line,
        github_line,
        website_key(website),
        sounds,
        script,
    )


def _after_report_on(report_on: set[str]):
    return lambda item: (item[0] in report_on, item[0])


def duplicate_problems_of(
    items: Iterable[tuple[str, tuple]],
    report_on: set[str] | None = None,
    namesakes: Namesakes = NO_NAMESAKES,
    in_order: bool = False,
) -> list[Problem]:
    """``duplicate_problems`` for (path, ``duplicate_key``) pairs: the same problems, in the same order.

    Each key's first holder is kept in a dict; the later holders (confirmed namesakes of an
    earlier one) only when there are namesakes, so the common case stays one lookup per key.
    Refused: the same name and country (a name of two words or more), the same name and website,
    a look-alike name of the same country, the same GitHub login. Only a warning, for a maintainer:
    the same name when that is all (one word, or no country: ``weak``), and a name that reads the
    same in another script (petition.check.transliterate). ``in_order``: the items are compared in
    the order given, not by path (``petition import`` blames the later row of its CSV).
    """
    problems: list[Problem] = []
    ordered = (
        list(items)
        if in_order
        else sorted(items, key=operator.itemgetter(0))
        if report_on is None
        else sorted(items, key=_after_report_on(report_on))
    )
    by_slug: dict[str, str] = {}
    by_identity: dict[str, str] = {}
    by_github: dict[str, str] = {}
    by_lookalike: dict[str, str] = {}
    by_site: dict[str, str] = {}  # identity + "\0" + website key -> its first holder
    by_sound: dict[str, list[tuple[str, str]]] = {}  # sound key -> its holders (path, script tag)
    add = problems.append
    more_identity: dict[str, list[str]] = {}
    more_lookalike: dict[str, list[str]] = {}
    # The sound keys of the names beyond Latin; a Latin name's only where one of those could share them.
    sounds_of = SoundIndex([key[8] for _, key in ordered if key[8]])
    latin_keys = sounds_of.latin_keys if sounds_of else None  # no name beyond Latin: no Latin name's keys
    for path, key in ordered:
        slug, identity, lookalikes, github, kind, name_line, github_line, website, sounds, script = key
        found = by_slug.setdefault(slug, path)
        if found is not path:
            add(
                Problem(
                    path,
                    1,
                    f"the file name differs from {found} only in case: one signature per person; rename or remove one.",
                    "duplicate-file",
                )
            )
        found = by_identity.setdefault(identity, path)
        if found is not path and namesakes and namesakes.confirmed(found, path):
            later = more_identity.setdefault(identity, [])
            found = _first_unconfirmed(later, path, namesakes)
            if found is None:
                later.append(path)
                found = path
        flagged = found is not path
        if flagged:
            if not weak(identity):
                add(Problem(path, name_line, NAME_REPEAT.format(found=found, who=_who(kind)), "duplicate-name"))
            else:
                same_site = by_site.get(identity + "\0" + website) if website else None
                if same_site is not None and not (namesakes and namesakes.confirmed(same_site, path)):
                    add(
                        Problem(
                            path,
                            name_line,
                            NAME_WEBSITE_REPEAT.format(found=same_site, who=_who(kind)),
                            "duplicate-name-website",
                        )
                    )
                else:
                    message = NAME_ONLY.format(found=found, why=_why(identity), slugs=_slugs(found, path))
                    add(Problem(path, name_line, message, "duplicate-name-only", WARNING))
        else:
            # One pass: the first key already held by another file (what a lookup of each before adding any finds).
            found = matched = None
            for lookalike in lookalikes:
                held = by_lookalike.setdefault(lookalike, path)
                if held is not path:
                    if namesakes:
                        later = more_lookalike.setdefault(lookalike, [])
                        if namesakes.confirmed(held, path):
                            held = _first_unconfirmed(later, path, namesakes)
                        later.append(path)
                    if found is None:
                        found, matched = held, lookalike
            if found is not None:
                flagged = True
                if not weak(matched):
                    message = LOOKALIKE_REPEAT.format(found=found, who=_who(kind))
                    add(Problem(path, name_line, message, "duplicate-lookalike"))
                else:
                    message = LOOKALIKE_ONLY.format(found=found, why=_why(matched), slugs=_slugs(found, path))
                    add(Problem(path, name_line, message, "duplicate-lookalike-only", WARNING))
        if website:
            by_site.setdefault(identity + "\0" + website, path)
        if script == "LATIN" and latin_keys is not None:
            sounds = latin_keys(identity)
        for sound in sounds:
            holders = by_sound.get(sound)
            if holders is None:
                by_sound[sound] = [(path, script)]
                continue
            if not flagged:
                found = next(
                    (
                        held
                        for held, tag in holders
                        if tag != script and not (namesakes and namesakes.confirmed(held, path))
                    ),
                    None,
                )
                if found is not None:
                    flagged = True
                    message = TRANSLITERATED.format(found=found, slugs=_slugs(found, path))
                    add(Problem(path, name_line, message, "duplicate-transliteration", WARNING))
            # In path order; without namesakes the first of each script is all a later file can be reported against.
            if namesakes or all(tag != script for _, tag in holders):
                holders.append((path, script))
        if github:
            found = by_github.setdefault(github, path)
            if found is not path:
                add(
                    Problem(
                        path,
                        github_line,
                        f"possible duplicate of {found}: the same GitHub user name. Each GitHub account signs once.",
                        "duplicate-github",
                    )
                )
    if report_on is not None:
        problems = [p for p in problems if p.path in report_on]
    return problems
