"""Per-character rules at C speed, for the common case, with exactly the results of the loops.

At 100,000 names, Python loops over every character (the schema's text rules, the duplicate
check's name folding) cost seconds. ``tests/model/test_charscan.py`` checks every code point
against the loops these shortcuts stand in for.
"""

from __future__ import annotations

import unicodedata


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
