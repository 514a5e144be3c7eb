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
alarms (the figures are in CONTRIBUTING.md).
"""

from __future__ import annotations

import functools
import re

from anyascii import anyascii

from petition.model.confusables import scripts_of

# Keys of fewer letters say too little (two short given names): never compared.
MIN_KEY = 4
# Digraphs as one letter (kh, gh, ch: k; sh, zh: s; th, dh: t; ph: f), by C-speed replaces.
_DIGRAPHS = (("kh", "k"), ("gh", "k"), ("ch", "k"), ("sh", "s"), ("zh", "s"), ("dh", "t"), ("th", "t"), ("ph", "f"))
_CONSONANTS = str.maketrans("cqgdbvwz", "kkktpffs", "aeiouyw")  # digits stay: "Studio 54" is not "Studio 45"
_SYLLABLES = str.maketrans("gbd", "kpt", " ")  # Korean voicing (Gim, Kim); pinyin as written
_DOUBLES = tuple(c + c for c in "fhjklmnprst0123456789")  # what a consonant key can hold twice in a row
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
    for double in _DOUBLES:
        while double in key:
            key = key.replace(double, double[0])
    return key


def sound_keys(name: str, normalised: str) -> tuple[tuple[str, ...], str]:
    """The keys a name is compared by in another script ("c:" consonants, "s:" syllables; none when too
    short) and its script_tag. ``normalised``: duplicates.normalise_name of it (case folded, accents and
    punctuation dropped), which is the name's Latin letters already when it is ASCII. Made word by word
    (each word's parts memoised): no step reaches across a space."""
    if normalised.isascii():  # Latin letters only (no other script folds to ASCII): the common case
        consonants, syllables = zip(*map(_word_parts, normalised.split(" ")))
        consonants = " ".join(filter(None, consonants))
        syllables = "".join(syllables)
        if len(consonants) - consonants.count(" ") >= MIN_KEY:
            return (
                ("c:" + consonants, "s:" + syllables) if len(syllables) >= MIN_KEY + 2 else ("c:" + consonants,)
            ), "LATIN"
        return (("s:" + syllables,) if len(syllables) >= MIN_KEY + 2 else ()), "LATIN"
    tag = script_tag(name)
    parts = list(map(_word_parts, normalised.split(" ")))
    syllabic = tag != "LATIN" and set(tag.split(",")) <= _SYLLABIC
    keys = []
    if not syllabic:
        consonants = " ".join([c for c, _ in parts if c])
        if len(consonants) - consonants.count(" ") >= MIN_KEY:
            keys.append("c:" + consonants)
    if syllabic or tag == "LATIN":
        syllables = "".join([y for _, y in parts])  # both sides spell a doubled letter alike (GimMin, Kim Min)
        if len(syllables) >= MIN_KEY + 2:  # syllables carry their vowels: two more letters
            keys.append("s:" + syllables)
    return tuple(keys), tag
