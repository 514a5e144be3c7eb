"""A fast path for the common signature file: ``key: value`` lines, nothing else.

At 100,000 files the YAML event parser is most of a check's time, yet nearly every file is a
handful of one-line values, plain or double-quoted as the writers (petition.model.writer.scalar and the
sign page) make them. This parser accepts only that narrow, unambiguous subset and
returns ``None`` for anything else, which the loader then hands to PyYAML as before. On every text
it accepts it gives exactly what the event-level loader gives (a differential property test,
``tests/load/test_plainyaml.py``, holds it to that), so it changes speed and nothing else.
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
# A double-quoted value on one line, ending the line, whose only escapes are the two the writers
# make (\\ and \"): inside the quotes every other printable character is text (" #", ": ", "[").
# Any other escape, a comment or a space after the closing quote: left to PyYAML.
_QUOTED = rf'"(?:[^"\\{_BAD}]|\\["\\])*"'
_QUOTED_PAIR = rf"[a-z_]{{1,40}}: {_QUOTED}"


# One line alone. Neither a pair nor a comment can hold a \n, so the whole file matches the whole-file pattern
# (tests/oracles.py)
# exactly when each of its \n-separated lines matches this; the lookahead after "-", "?" or ":"
# sees the line's end here where it saw "\n" or the text's end there, and refuses both alike.
_LINE = re.compile(rf"(?:{_PAIR}|{_COMMENT})?")
_QUOTED_VALUE = re.compile(_QUOTED)  # the part of a line after "key: "
_ESCAPE = re.compile(r'\\(["\\])')
_KEY = re.compile(r"[a-z_]{1,40}")
_KEYS: set[str] = set()  # keys seen to match _KEY: real files use a dozen
# Characters a plain value may not start with (besides the ones a printable line cannot hold).
_FIRST = frozenset(" '\"!&*|>%@`#,")
# The characters of _BAD an ASCII line can hold ("\t" among them): bytes.translate deletes them
# in C far faster than str.isprintable looks up each of the contact line's 540 characters.
_CONTROL = bytes(range(0x20)) + b"\x7f"


def parse_simple(text: str) -> tuple[dict[str, str], dict[str, int]] | None:
    """(fields, lines) of a file made only of ``key: value`` lines (plain, or double-quoted with
    only ``\\\\`` and ``\\"`` escapes), comments and blank lines; else None.

    Each plain line is first tried with C-speed string tests that accept only lines _LINE accepts
    (a printable line has no character of _BAD and no space but " "); any other line is matched by
    _LINE itself. So the result is that of parse_simple_whole (tests/oracles.py), without running a pattern over every
    character of the long contact line.
    """
    if "\r" in text or "\t" in text:
        return None
    # Outside quotes, " #" (a comment after a value, or inside a comment line) and flow brackets
    # are left to PyYAML: the lines are looked at for them only when the text holds one.
    hashes = "#" in text and " #" in text
    brackets = "[" in text or "]" in text or "{" in text or "}" in text
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), 1):
        if not line:
            continue
        if line[0] == "#":
            if not line.isprintable() and _LINE.fullmatch(line) is None:
                return None
            if ": " in line or (
                hashes and " #" in line
            ):  # left to PyYAML, as tests/oracles.py's parse_simple_whole does
                return None
            continue
        key, _, value = line.partition(": ")  # keys are [a-z_]: the first ": " ends the key
        if value[:1] == '"':
            inner = value[1:-1]
            if not (len(value) > 1 and value[-1] == '"' and (key in _KEYS or _known_key(key))):
                return None
            # No quote or backslash inside and printable (so no character of _BAD): what
            # _QUOTED_VALUE accepts, told by C-speed tests; anything else is matched by it.
            if '"' in inner or "\\" in inner or not _printable(inner):
                if _QUOTED_VALUE.fullmatch(value) is None:
                    return None
                if "\\" in inner:
                    inner = _ESCAPE.sub(r"\1", inner)
            value = inner
        else:
            # Printable: no character of _BAD, and no space but " " (so \s below means " ").
            printable = _printable(line)
            if (
                not (
                    value
                    and printable
                    and not (brackets and ("[" in value or "]" in value or "{" in value or "}" in value))
                    and (key in _KEYS or _known_key(key))
                    and value[0] not in _FIRST
                    and value[-1] not in " :"
                    and not (value[0] in "-?:" and (len(value) == 1 or value[1] == " "))
                )
                and _LINE.fullmatch(line) is None
            ):
                return None
            # One ": " per pair, after its key; another (a nested mapping) is left to PyYAML.
            if ": " in value or (hashes and " #" in value):
                return None
        if key in fields:
            return None
        fields[key] = value
        lines[key] = number
    if not fields:
        return None
    return fields, lines


def _printable(text: str) -> bool:
    if len(text) > 80 and text.isascii():  # the contact line: bytes.translate beats a lookup per character
        return len(text.encode().translate(None, _CONTROL)) == len(text)
    return text.isprintable()


def _known_key(key: str) -> bool:
    if _KEY.fullmatch(key) is None:
        return False
    if len(_KEYS) < 256:
        _KEYS.add(key)
    return True


# A single-quoted value on one line: any character but a quote, which is written twice.
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'")
_COMMENT_TEXT = re.compile(_COMMENT)


def _comment(text: str) -> bool:
    """Whether ``text`` (from its "#" on) is a comment parse_simple takes: no character of _BAD."""
    return text.isprintable() or _COMMENT_TEXT.fullmatch(text) is not None


def parse_commented(text: str) -> tuple[dict[str, str], dict[str, int]] | None:
    """``parse_simple`` of a hand-written file: the same, but a comment may follow a quoted value
    (``country: "NO"   # optional``), a comment line may hold anything printable, and a value may
    be single-quoted (``'O''Brien'``) or followed by spaces; else None. A comment after a plain
    value is the loader's to refuse (the signer may take it for part of the value): None.

    Each line is rewritten to one that YAML reads the same way and ``parse_simple`` may take: a
    comment line emptied, a comment after a closing quote dropped with the spaces before it, a
    plain value's trailing spaces dropped (YAML drops them), a single-quoted value written
    double-quoted with only the escapes parse_simple reads. The lines keep their numbers, and
    parse_simple judges everything else. ``tests/load/test_plainyaml.py`` holds the result to
    PyYAML's on every text it accepts.
    """
    if "\r" in text or "\t" in text:
        return None
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if not line:
            continue
        if line[0] == "#":
            if not _comment(line):  # YAML's reader refuses some characters even in a comment: left to PyYAML
                return None
            lines[number] = ""
            continue
        key, colon, value = line.partition(": ")
        if not colon:
            continue  # parse_simple refuses it
        first = value[:1]
        if first == "'":
            match = _SINGLE_QUOTED.match(value)
            if match is None:
                return None
            inner = match.group(1).replace("''", "'")
            written = '"' + inner.replace("\\", "\\\\").replace('"', '\\"') + '"'
        elif first == '"':
            match = _QUOTED_VALUE.match(value)
            if match is None:
                return None
            written = match.group()
        else:
            if " #" in value:
                return None  # a comment after a plain value: refused by the loader (petition.load.document)
            written = value.rstrip(" ")
            if not written:
                return None  # no value: YAML's null, left to PyYAML
            if written != value:
                lines[number] = key + ": " + written
            continue
        tail = value[match.end() :]
        rest = tail.lstrip(" ")
        if rest and not (rest[0] == "#" and len(rest) < len(tail) and _comment(rest)):
            return None  # anything but spaces or a comment after the closing quote: left to PyYAML
        lines[number] = key + ": " + written
    return parse_simple("\n".join(lines))
