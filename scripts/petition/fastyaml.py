"""A fast path for the common signature file: plain ``key: value`` lines, nothing else.

At 100,000 files the YAML event parser is most of a check's time, yet nearly every file is a
handful of unquoted one-line values. This parser accepts only that narrow, unambiguous subset and
returns ``None`` for anything else, which the loader then hands to PyYAML as before. On every text
it accepts it gives exactly what the event-level loader gives (a differential property test,
``tests/test_fastyaml.py``, holds it to that), so it changes speed and nothing else.
"""

from __future__ import annotations

import re

# One mapping line: a lowercase key at the start of the line, ": ", and a plain scalar that YAML
# can read in only one way. The value must not start with an indicator (quotes, anchors, aliases,
# tags, block scalars, flow collections, directives, reserved characters, "- ", "? ", ": "),
# must not contain ": " or " #" (a nested mapping, a comment), nor flow brackets, nor end in a
# space or ":". Only characters PyYAML reads as printable, and no YAML line break other than \n.
_BAD = r"\ufeff\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff"
_PAIR = (
    r"[a-z_]{1,40}: "
    r"(?![-?:](?:[ ]|\n|\Z))"
    rf"[^\s'\"!&*|>%@`#\[\]{{}},{_BAD}]"
    rf"(?:[^\t\n\r\[\]{{}}{_BAD}]*"
    rf"[^\s:\[\]{{}}{_BAD}])?"
)
_COMMENT = rf"#[^{_BAD}]*"  # \n is among the bad characters: a comment ends at its line's end
# The whole file at once, one C-speed match: lines of pairs, comments and nothing, split by \n.
_FILE = re.compile(rf"(?:(?:{_PAIR}|{_COMMENT})?\n)*(?:{_PAIR}|{_COMMENT})?")


def parse_simple(text: str) -> tuple[dict[str, str], dict[str, int]] | None:
    """(fields, lines) of a file made only of ``key: plain value`` lines, comments and blank lines; else None."""
    if "\r" in text or "\t" in text or " #" in text or _FILE.fullmatch(text) is None:
        # " #" anywhere (a comment after a value, or inside a comment line) is left to PyYAML.
        return None
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    number = 0
    pairs = 0
    for line in text.split("\n"):
        number += 1
        if not line or line[0] == "#":
            continue
        key, _, value = line.partition(": ")  # keys are [a-z_]: the first ": " ends the key
        if key in fields:
            return None
        fields[key] = value
        lines[key] = number
        pairs += 1
    # Each pair holds one ": " after its key; any other (in a value: a nested mapping, or in a
    # comment) is left to PyYAML.
    if not fields or text.count(": ") != pairs:
        return None
    return fields, lines
