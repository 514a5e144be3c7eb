"""Per-character rules at C speed, for the common case, with exactly the results of the loops.

At 100,000 names, Python loops over every character (the schema's text rules, the duplicate
check's name folding) cost seconds. ``tests/model/test_charscan.py`` checks every code point
against the loops these shortcuts stand in for.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# The most combining marks one letter may carry, counted on the decomposed text (NFD). Unicode's
# stream-safe format (UAX #15) allows 30 in a row, a bound for buffers, not for writing. Real
# orthographies stack at most three: polytonic Greek (ᾯ: breathing, accent, iota subscript), pointed
# Hebrew (שָּׁ: dagesh, shin dot, vowel), Tibetan (སྒྲུ: two subjoined letters and a vowel); Vietnamese
# stacks two. Four leaves one spare; five or more is a pile ("Zalgo" text) that overflows its line.
MAX_MARKS = 4
# Non-spacing and enclosing marks (Mn, Me) are all below U+20000 but the variation selectors
# supplement (tests/model/test_charscan.py checks every code point); spacing marks (Mc) take room
# of their own on the line.
_MARK_PLANES = (range(0x300, 0x20000), range(0xE0100, 0xE01F0))


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


@functools.lru_cache(maxsize=1)
def _mark_run() -> re.Pattern[str]:
    """More than MAX_MARKS non-spacing or enclosing marks in a row (built on first use, in a few ms)."""
    ranges: list[str] = []
    start = previous = -2
    for code in (c for plane in _MARK_PLANES for c in plane):
        if unicodedata.category(chr(code)) in ("Mn", "Me"):
            if code != previous + 1:
                if start >= 0:
                    ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(previous))}")
                start = code
            previous = code
    ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(previous))}")
    return re.compile(f"[{''.join(ranges)}]{{{MAX_MARKS + 1},}}")


def mark_pile(value: str) -> tuple[str, int] | None:
    """(the letter, how many marks) of the first letter carrying more than MAX_MARKS combining marks, or None."""
    decomposed = unicodedata.normalize("NFD", value)
    found = _mark_run().search(decomposed)
    if found is None:
        return None
    base = decomposed[found.start() - 1] if found.start() else ""
    return unicodedata.normalize("NFC", base), found.end() - found.start()
