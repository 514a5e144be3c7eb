"""The same person in another script: a coarse key of how a name sounds once written in Latin letters.

"فرخ فرخنیا" and "Farrokh Farrokhnia" share no character, so neither the normalised name nor the
look-alike keys of petition.check.duplicates bring them together. ``sound_keys`` transliterates a
name with anyascii (``frkh frkhny``; a Latin name's accents are dropped as for the other duplicate keys),
lowercases it, writes the digraphs transliterations disagree
on as one letter (kh, gh, ch as k; sh, zh as s; th, dh as t; ph as f), folds the consonants they
swap (c, q, g as k; d as t; b as p; v, w as f; z as s), keeps the consonants only (Arabic, Persian
and Hebrew writing leaves most vowels out; y and w double as vowels there) and collapses doubled
letters: ``frk frkn`` for both. Chinese, Japanese and Korean are transliterated syllable by syllable
with their vowels, so for them the key keeps the vowels and drops the spaces (``张伟`` and ``Zhang
Wei``: ``sankwei``); a Latin name carries both keys, to meet either.

Such a key is coarse on purpose, so the duplicate check only compares names of the same country
written in different scripts (``script_tag``), and only reports a match as a possible duplicate for
a maintainer to look at, never as a refusal. tests/check/test_transliterate.py measures its false
alarms (the figures are in CONTRIBUTING.md). Every match has a name beyond Latin on one side, so only
those carry their keys in the duplicate check's records; a Latin name's keys are made in the duplicate
pass, and only when a name beyond Latin of its country could share them (``SoundIndex``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from anyascii import anyascii

from petition.model.confusables import scripts_of

# Keys of fewer letters say too little (two short given names): never compared.
MIN_KEY = 4
# Digraphs as one letter (kh, gh, ch: k; sh, zh: s; th, dh: t; ph: f), by C-speed replaces.
_DIGRAPHS = (("kh", "k"), ("gh", "k"), ("ch", "k"), ("sh", "s"), ("zh", "s"), ("dh", "t"), ("th", "t"), ("ph", "f"))
_CONSONANTS = str.maketrans("cqgdbvwz", "kkktpffs", "aeiouyw")  # digits stay: "Studio 54" is not "Studio 45"
_SYLLABLES = str.maketrans("gbd", "kpt", " ")  # Korean voicing (Gim, Kim); pinyin as written
_DOUBLES = tuple(c + c for c in "fhjklmnprst0123456789")  # what a consonant key can hold twice in a row
_DOUBLED = re.compile("(?:" + "|".join(_DOUBLES) + ")").search  # any of them
_NOT_LETTERS = re.compile(r"[^a-z0-9 ]+")
_SYLLABIC = frozenset({"CJK"})  # confusables.script_of's name for Han, kana, Hangul and Bopomofo


@functools.lru_cache(maxsize=1 << 15)  # the words of names repeat
def _word_parts(word: str) -> tuple[str, str]:
    """One word's part of the consonant key and of the syllable key (the word: normalised, one of its words)."""
    letters = word if word.isascii() else _NOT_LETTERS.sub("", anyascii(word).lower())
    if "h" in letters:
        for digraph, letter in _DIGRAPHS:
            letters = letters.replace(digraph, letter)
    return _collapsed(letters.translate(_CONSONANTS)), letters.translate(_SYLLABLES)


@functools.lru_cache(maxsize=256)  # a handful of script sets: one string each
def _tag(scripts: frozenset[str]) -> str:
    others = scripts - {"LATIN"}
    return ",".join(sorted(others)) if others else "LATIN"


def script_tag(name: str) -> str:
    """Which script a name is written in, for telling a transliteration from a respelling: "LATIN"
    for Latin letters only, else the other scripts it uses."""
    return "LATIN" if name.isascii() else _tag(scripts_of(name))


def _collapsed(key: str) -> str:
    if _DOUBLED(key) is None:  # most words hold no doubled consonant: one C-speed search says so
        return key
    for double in _DOUBLES:
        while double in key:
            key = key.replace(double, double[0])
    return key


def name_script(name: str, normalised: str) -> str:
    """The script_tag the sound keys of a name are made and compared under (``normalised``:
    duplicates.normalise_name of it): "LATIN" when that is ASCII (no other script folds to ASCII)."""
    return "LATIN" if normalised.isascii() else script_tag(name)


def sound_keys(normalised: str, script: str) -> tuple[str, ...]:
    """The keys a name is compared by in another script ("c:" consonants, "s:" syllables; none when too
    short). ``normalised``: duplicates.normalise_name of the name (case folded, accents and punctuation
    dropped), which is the name's Latin letters already when it is ASCII; ``script``: its name_script.
    Made word by word (each word's parts memoised): no step reaches across a space."""
    if normalised.isascii():  # Latin letters only: the common case, without the general path's lists
        consonants, syllables = zip(*map(_word_parts, normalised.split(" ")))
        consonants = " ".join(filter(None, consonants))
        syllables = "".join(syllables)
        if len(consonants) - consonants.count(" ") >= MIN_KEY:
            return ("c:" + consonants, "s:" + syllables) if len(syllables) >= MIN_KEY + 2 else ("c:" + consonants,)
        return ("s:" + syllables,) if len(syllables) >= MIN_KEY + 2 else ()
    parts = list(map(_word_parts, normalised.split(" ")))
    syllabic = script != "LATIN" and set(script.split(",")) <= _SYLLABIC
    keys = []
    if not syllabic:
        consonants = " ".join([c for c, _ in parts if c])
        if len(consonants) - consonants.count(" ") >= MIN_KEY:
            keys.append("c:" + consonants)
    if syllabic or script == "LATIN":
        syllables = "".join([y for _, y in parts])  # both sides spell a doubled letter alike (GimMin, Kim Min)
        if len(syllables) >= MIN_KEY + 2:  # syllables carry their vowels: two more letters
            keys.append("s:" + syllables)
    return tuple(keys)


class SoundIndex:
    """The sound keys of a collection's names beyond Latin, for matching Latin names against them.

    A name is only ever reported against one of another script, so every match has a name beyond Latin
    on at least one side. Those names are few, and their keys come made (the checker's workers make
    them, as duplicates.duplicate_key). A Latin name matters only by the keys it shares with them
    (``latin_keys``), and most share none: the parts of its first and last words (memoised) rule it out
    first, since its consonant key starts with the first word's part and ends with the last one's (when
    they have one) and its syllable key likewise, so its whole keys are made only when both words could
    start and end one of theirs.

    Keys are "<country>\0<key>", and names their identity "<country>\0<normalised name>", as the
    duplicate check joins them (petition.check.duplicates).
    """

    def __init__(self, foreign: Iterable[tuple[str, ...]]):
        """``foreign``: the keys of each name with a country, beyond Latin."""
        self.keys: set[str] = set()
        # Per country: the first words of its consonant keys, the starts of its syllable keys, the last
        # words and the ends.
        self.parts: dict[str, tuple[set[str], set[str], set[str], set[str]]] = {}
        for keys in foreign:
            for key in keys:
                if key in self.keys:
                    continue
                self.keys.add(key)
                country, _, body = key.partition("\0")
                if country not in self.parts:
                    self.parts[country] = (set(), set(), set(), set())
                first_c, first_s, last_c, last_s = self.parts[country]
                kind, body = body[:2], body[2:]
                if kind == "c:":
                    first_c.add(body.partition(" ")[0])
                    last_c.add(body.rpartition(" ")[2])
                else:
                    first_s.update([body[:i] for i in range(len(body) + 1)])
                    last_s.update([body[i:] for i in range(len(body) + 1)])

    def __bool__(self) -> bool:
        return bool(self.keys)

    def latin_keys(self, identity: str) -> tuple[str, ...]:
        """The keys of a Latin name (its identity) that a name beyond Latin also has (its others matter not)."""
        country, _, normalised = identity.partition("\0")
        parts = self.parts.get(country)
        if parts is None:
            return ()
        first_c, first_s, last_c, last_s = parts
        consonants, syllables = _word_parts(normalised.partition(" ")[0])
        if consonants and consonants not in first_c and syllables not in first_s:
            return ()
        if " " in normalised:
            consonants, syllables = _word_parts(normalised.rpartition(" ")[2])
            if consonants and consonants not in last_c and syllables not in last_s:
                return ()
        where, known = country + "\0", self.keys
        return tuple([where + key for key in sound_keys(normalised, "LATIN") if where + key in known])
