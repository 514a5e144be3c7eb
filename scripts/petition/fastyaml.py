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
_LINE = re.compile(
    r"([a-z_]{1,40}): "
    r"(?![-?:](?:[ ]|$))"
    r"([^\s'\"!&*|>%@`#\[\]{},\ufeff\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
    r"(?:[^\t\n\r\[\]{}\ufeff\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]*"
    r"[^\s:\[\]{}\ufeff\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff])?)"
)
_COMMENT = re.compile(r"#[^\ufeff\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]*")


def parse_simple(text: str) -> tuple[dict[str, str], dict[str, int]] | None:
    """(fields, lines) of a file made only of ``key: plain value`` lines, comments and blank lines; else None."""
    if "\r" in text or "\t" in text:
        return None
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    number = 0
    for line in text.split("\n"):
        number += 1
        if not line:
            continue
        if line[0] == "#":
            if _COMMENT.fullmatch(line) is None:
                return None
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            return None
        key, value = match.groups()
        if key in fields or ": " in value or " #" in value:
            return None
        fields[key] = value
        lines[key] = number
    if not fields:
        return None
    return fields, lines
