"""Per-character rules at C speed, for the common case, with exactly the results of the loops.

At 100,000 names, Python loops over every character (the schema's text rules, the duplicate
check's name folding) cost seconds. ``tests/model/test_charscan.py`` checks every code point
against the loops these shortcuts stand in for.
"""

from __future__ import annotations

import re
import unicodedata

# The most combining marks one letter may carry, counted on the decomposed text (NFD). Unicode's
# stream-safe format (UAX #15) allows 30 in a row, a bound for buffers, not for writing. Real
# orthographies stack at most three: polytonic Greek (ᾯ: breathing, accent, iota subscript), pointed
# Hebrew (שָּׁ: dagesh, shin dot, vowel), Tibetan (སྒྲུ: two subjoined letters and a vowel); Vietnamese
# stacks two. Four leaves one spare; five or more is a pile ("Zalgo" text) that overflows its line.
MAX_MARKS = 4
_MARK = "\x01"  # what a non-spacing or enclosing mark becomes in _Marks: a control character, refused before


def plain_text(value: str) -> bool:
    """True when schema.check_text's per-character loop would pass every character of ``value``.

    ``str.isprintable`` is false for every category the loop refuses (Cc, Cf, Cs, Co, Cn: controls,
    invisible formatting and direction marks, joiners, unassigned) and for line and paragraph
    separators; only “<” and “>” remain to look for. Other text goes through the loop.
    """
    return value.isprintable() and "<" not in value and ">" not in value


class _Fold(dict):
    """``str.translate`` table of collection.normalise_name's per-character step, filled as characters appear."""

    def __missing__(self, code: int) -> str | None:
        cat = unicodedata.category(chr(code))
        value = None if cat == "Mn" else " " if cat[0] in "PZS" else chr(code)
        self[code] = value
        return value


FOLD = _Fold()


class _Marks(dict):
    """``str.translate`` table: each non-spacing or enclosing mark (Mn, Me) to _MARK, filled as characters
    appear (spacing marks, Mc, take room of their own on the line)."""

    def __missing__(self, code: int) -> str:
        value = _MARK if unicodedata.category(chr(code)) in ("Mn", "Me") else chr(code)
        self[code] = value
        return value


MARKS = _Marks({ord(_MARK): "\x02"})  # the stand-in itself is no mark
_PILE = _MARK * (MAX_MARKS + 1)
# Every Mn and Me character is outside regex's \w (a test checks each): text without this many
# non-word characters in a row holds no pile, which one C-speed search tells.
_MAYBE_PILE = re.compile(rf"\W{{{MAX_MARKS + 1}}}")


def mark_pile(value: str) -> tuple[str, int] | None:
    """(the letter, how many marks) of the first letter carrying more than MAX_MARKS combining marks, or None."""
    decomposed = unicodedata.normalize("NFD", value)
    if _MAYBE_PILE.search(decomposed) is None:  # nearly every name: a pile is also a run of non-word characters
        return None
    marked = decomposed.translate(MARKS)
    start = marked.find(_PILE)
    if start < 0:
        return None
    end = start + len(_PILE)
    while end < len(marked) and marked[end] == _MARK:
        end += 1
    base = decomposed[start - 1] if start else ""
    return unicodedata.normalize("NFC", base), end - start
