"""A fast path for the common signature file: plain ``key: value`` lines, nothing else.

At 100,000 files the YAML event parser is most of a check's time, yet nearly every file is a
handful of unquoted one-line values. This parser accepts only that narrow, unambiguous subset and
returns ``None`` for anything else, which the loader then hands to PyYAML as before. On every text
it accepts it gives exactly what the event-level loader gives (a differential property test,
``tests/test_fastyaml.py``, holds it to that), so it changes speed and nothing else.
"""

from __future__ import annotations

import functools
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


@functools.lru_cache(maxsize=1)  # only the reference uses it: compiled when first asked for
def _file_pattern() -> re.Pattern[str]:
    """The whole file at once, one C-speed match: lines of pairs, comments and nothing, split by \n."""
    return re.compile(rf"(?:(?:{_PAIR}|{_COMMENT})?\n)*(?:{_PAIR}|{_COMMENT})?")


# One line alone. Neither a pair nor a comment can hold a \n, so the whole file matches _file_pattern()
# exactly when each of its \n-separated lines matches this; the lookahead after "-", "?" or ":"
# sees the line's end here where it saw "\n" or the text's end there, and refuses both alike.
_LINE = re.compile(rf"(?:{_PAIR}|{_COMMENT})?")
_KEY = re.compile(r"[a-z_]{1,40}")
_KEYS: set[str] = set()  # keys seen to match _KEY: real files use a dozen
# Characters a plain value may not start with (besides the ones a printable line cannot hold).
_FIRST = frozenset(" '\"!&*|>%@`#,")
# The characters of _BAD an ASCII line can hold ("\t" among them): bytes.translate deletes them
# in C far faster than str.isprintable looks up each of the contact line's 540 characters.
_CONTROL = bytes(range(0x20)) + b"\x7f"


def parse_simple(text: str) -> tuple[dict[str, str], dict[str, int]] | None:
    """(fields, lines) of a file made only of ``key: plain value`` lines, comments and blank lines; else None.

    Each line is first tried with C-speed string tests that accept only lines _LINE accepts (a
    printable line has no character of _BAD and no space but " "); any other line is matched by
    _LINE itself. So the result is ``parse_simple_whole``'s, without running a pattern over every
    character of the long contact line.
    """
    if "\r" in text or "\t" in text or ("#" in text and " #" in text):
        # " #" anywhere (a comment after a value, or inside a comment line) is left to PyYAML.
        return None
    brackets = "[" in text or "]" in text or "{" in text or "}" in text
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), 1):
        if not line:
            continue
        # Printable: no character of _BAD, and no space but " " (so \s below means " ").
        if len(line) > 80 and line.isascii():  # the contact line: bytes.translate beats a lookup per character
            printable = len(line.encode().translate(None, _CONTROL)) == len(line)
        else:
            printable = line.isprintable()
        if line[0] == "#":
            if not printable and _LINE.fullmatch(line) is None:
                return None
            if ": " in line:  # left to PyYAML (parse_simple_whole counts ": " in the whole text)
                return None
            continue
        key, _, value = line.partition(": ")  # keys are [a-z_]: the first ": " ends the key
        if not (
            value
            and printable
            and not brackets
            and (key in _KEYS or _known_key(key))
            and value[0] not in _FIRST
            and value[-1] not in " :"
            and not (value[0] in "-?:" and (len(value) == 1 or value[1] == " "))
        ) and _LINE.fullmatch(line) is None:
            return None
        # One ": " per pair, after its key; another (a nested mapping) is left to PyYAML.
        if key in fields or ": " in value:
            return None
        fields[key] = value
        lines[key] = number
    if not fields:
        return None
    return fields, lines


def _known_key(key: str) -> bool:
    if _KEY.fullmatch(key) is None:
        return False
    if len(_KEYS) < 256:
        _KEYS.add(key)
    return True


def parse_simple_whole(text: str) -> tuple[dict[str, str], dict[str, int]] | None:
    """``parse_simple`` by one match of the whole file: the reference the line-by-line version is tested against."""
    if "\r" in text or "\t" in text or " #" in text or _file_pattern().fullmatch(text) is None:
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
