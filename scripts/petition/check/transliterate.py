"""The same person in another script: a coarse key of how a name sounds once written in Latin letters.

"فرخ فرخنیا" and "Farrokh Farrokhnia" share no character, so neither the normalised name nor the
look-alike keys of petition.check.duplicates bring them together. ``sound_keys`` transliterates a
name with anyascii (``frkh frkhny``), lowercases it, writes the digraphs transliterations disagree
on as one letter (kh, gh, ch as k; sh, zh as s; th, dh as t; ph as f), folds the consonants they
swap (c, q, g as k; d as t; b as p; v, w as f; z as s), keeps the consonants only (Arabic, Persian
and Hebrew writing leaves most vowels out; y and w double as vowels there) and collapses doubled
letters: ``frk frkn`` for both. Chinese, Japanese and Korean are transliterated syllable by syllable
with their vowels, so for them the key keeps the vowels and drops the spaces (``张伟`` and ``Zhang
Wei``: ``zhangwei``); a Latin name carries both keys, to meet either.

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
_DIGRAPHS = re.compile(r"([kgcszdtp])h")
_DIGRAPH_OF = {"k": "k", "g": "k", "c": "k", "s": "s", "z": "s", "d": "t", "t": "t", "p": "f"}
_CONSONANTS = str.maketrans("cqgdbvwz", "kkktpffs", "aeiouyw")
_SYLLABLES = str.maketrans("gbd", "kpt")  # Korean voicing (Gim, Kim); pinyin as written
_NOT_LETTERS = re.compile(r"[^a-z]+")
_DOUBLED = re.compile(r"(.)\1+")
_SYLLABIC = frozenset({"CJK"})  # confusables.script_of's name for Han, kana, Hangul and Bopomofo


@functools.lru_cache(maxsize=1 << 14)  # the words of names repeat
def _latin(word: str) -> str:
    """A word in lowercase Latin letters, its digraphs written as one letter."""
    latin = _NOT_LETTERS.sub("", (word if word.isascii() else anyascii(word)).lower())
    return _DIGRAPHS.sub(lambda m: _DIGRAPH_OF[m.group(1)], latin) if "h" in latin else latin


def _consonant_key(words: list[str]) -> str:
    key = " ".join(filter(None, (_DOUBLED.sub(r"\1", w.translate(_CONSONANTS)) for w in words)))
    return key if len(key) - key.count(" ") >= MIN_KEY else ""


def _syllable_key(words: list[str]) -> str:
    key = _DOUBLED.sub(r"\1", "".join(words).translate(_SYLLABLES))
    return key if len(key) >= MIN_KEY + 2 else ""  # syllables carry their vowels: two more letters


def script_tag(name: str) -> str:
    """Which script a name is written in, for telling a transliteration from a respelling: "LATIN"
    for Latin letters only, else the other scripts it uses."""
    if name.isascii():
        return "LATIN"
    scripts = scripts_of(name) - {"LATIN"}
    return ",".join(sorted(scripts)) if scripts else "LATIN"


def sound_keys(name: str) -> tuple[str, ...]:
    """The keys a name is compared by in another script ("c:" consonants, "s:" syllables); none when too short."""
    words = [_latin(w) for w in name.split(" ")]
    tag = script_tag(name)
    if tag == "LATIN":
        keys = ("c:" + _consonant_key(words), "s:" + _syllable_key(words))
    elif set(tag.split(",")) <= _SYLLABIC:
        keys = ("s:" + _syllable_key(words),)
    else:
        keys = ("c:" + _consonant_key(words),)
    return tuple(k for k in keys if len(k) > 2)
