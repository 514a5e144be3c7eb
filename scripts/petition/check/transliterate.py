"""The same person in another script: a coarse key of how a name sounds once written in Latin letters.

"فرخ فرخنیا" and "Farrokh Farrokhnia" share no character, so neither the normalised name nor the
look-alike keys of petition.check.duplicates bring them together. ``sound_key`` transliterates a
name with anyascii (``frkh frkhny``), lowercases it, keeps its consonants only (Arabic, Persian and
Hebrew writing leaves most vowels out), folds the consonants that transliterations swap (c, q, g
into k; d into t; b into p; v into f; z into s; h dropped, so "kh" and "k" meet; w and y dropped
with the vowels, as the letters abjads also write vowels with) and collapses doubled letters, word
by word and once joined: ``frkfrkn`` for both.

Such a key is coarse on purpose, so the duplicate check only compares names of the same country
written in different scripts (``script_tag``), and only reports a match as a possible duplicate for
a maintainer to look at, never as a refusal. tests/check/test_transliterate.py measures its false
alarms on tests/data/name-shapes.yaml (the figure is in CONTRIBUTING.md).
"""

from __future__ import annotations

import functools
import re

from anyascii import anyascii

from petition.model.confusables import scripts_of

# Keys shorter than this say too little (two short given names, "Li Na"): never compared.
MIN_KEY = 4
_FOLD = str.maketrans("cqgdbvz", "kkktpfs", "aeiouywh")
_NOT_LETTERS = re.compile(r"[^a-z]+")
_DOUBLED = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=1 << 14)  # the words of names repeat
def _word_key(word: str) -> str:
    latin = (word if word.isascii() else anyascii(word)).lower()
    return _DOUBLED.sub(r"\1", _NOT_LETTERS.sub("", latin).translate(_FOLD))


def sound_key(name: str) -> str:
    """The name's consonants as its transliteration sounds, or "" when too short to compare."""
    key = _DOUBLED.sub(r"\1", "".join(map(_word_key, name.split(" "))))
    return key if len(key) >= MIN_KEY else ""


def script_tag(name: str) -> str:
    """Which script a name is written in, for telling a transliteration from a respelling: "LATIN"
    for Latin letters only, else the other scripts it uses."""
    if name.isascii():
        return "LATIN"
    scripts = scripts_of(name) - {"LATIN"}
    return ",".join(sorted(scripts)) if scripts else "LATIN"
