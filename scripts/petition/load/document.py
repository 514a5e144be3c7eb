"""Load one signature file safely, keeping the line of every field.

The file is never handed to a YAML constructor: the parser's event stream is read directly, so
anchors, aliases, tags, merge keys, nested values and several documents are refused before anything
is expanded, in time and memory bounded by the size cap. Every scalar stays a string (``NO`` is
Norway, not false); the schema parses the strings.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

from petition.load.files import check_file_name, read_bytes, slug_of
from petition.load.plainyaml import parse_simple
from petition.problems import Problem, show
from petition.settings import Settings

try:  # The C parser is much faster; the pure-Python one gives the same events.
    from yaml import CBaseLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import BaseLoader as _Loader  # type: ignore[assignment]

UTF8_BOM = b"\xef\xbb\xbf"
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
_ODD_LINE_BREAK = re.compile("[\x85\u2028\u2029]")


@dataclasses.dataclass(frozen=True)
class Document:
    """The raw content of one signature file: field name -> string value, with lines."""

    path: str  # as messages show it, e.g. "signatures/anna-de-vries.yaml"
    slug: str
    fields: dict[str, str]
    lines: dict[str, int]  # field name -> 1-based line of its key
    text: str

    def line_of(self, field: str) -> int:
        return self.lines.get(field, 1)


def decode(data: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 only. A UTF-8 byte order mark is accepted and dropped (Windows editors add it)."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return None, [Problem(shown, 1, "the file is saved as UTF-32: save it again as UTF-8.", "encoding")]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(shown, 1, "the file is saved as UTF-16: save it again as UTF-8.", "encoding")]
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return None, [
            Problem(
                shown,
                line,
                "the file contains NUL bytes, so it is not a text file: save it again as plain UTF-8 text.",
                "encoding",
            )
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Problem(shown, line, "the file is not valid UTF-8 text: save it again with the UTF-8 encoding.", "encoding")
        ]
    if not text or text.isspace():  # what ``not text.strip()`` says, without copying the text
        return None, [
            Problem(shown, 1, "the file is empty: it must contain at least “type:” and “name:” lines.", "empty")
        ]
    return text, []


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark is not None else 1


_QUOTED_VALUE = re.compile(r"""^[^\s#'"][^:#]*:[ ]+(["'])(.*)$""")


def _unclosed_quote_line(text: str, before: int) -> int | None:
    """The first line before ``before`` whose value opens a quote it does not close.

    A quoted YAML value may run on over the next lines, so the parser only stumbles later, at a
    line that looks fine; the line where the quote opened is the one to fix.
    """
    for number, line in enumerate(text.splitlines()[: before - 1], start=1):
        match = _QUOTED_VALUE.match(line.rstrip())
        if match is None:
            continue
        quote, rest = match.groups()
        if quote == '"':
            closed = re.search(r'(?<!\\)(?:\\\\)*"', rest)
        else:
            closed = "'" in rest.replace("''", "")
        if not closed:
            return number
    return None


def _comment_follows(text: str, end: int) -> bool:
    """Whether a "#" comment follows, on the same line, a plain (or empty) value that ends at ``end``."""
    at = end
    while at < len(text) and text[at] in " \t":  # libyaml takes a tab before "#" too
        at += 1
    return at > end and at < len(text) and text[at] == "#"


def comment_after_value(shown: str, line: int, key: str) -> Problem:
    """A plain value followed by a comment: YAML drops the comment, and with it what the signer may take for the
    rest of the value (``name: Bar #2 Collective`` is read as “Bar”)."""
    return Problem(
        shown,
        line,
        f"YAML reads the “#” on the line of {show(key, 30)} as the start of a comment, so everything from it on "
        "is not part of the value: if it belongs to the value, put the whole value in double quotes "
        f'({show(key, 30)[1:-1]}: "…"); if it is a note, move it to a line of its own starting with “#”.',
        "yaml-comment",
    )


def parse(text: str, shown: str) -> tuple[tuple[dict[str, str], dict[str, int]] | None, list[Problem]]:
    """Text to a flat mapping of strings, refusing every YAML feature a signature has no use for."""
    # Three substring tests are much faster than the pattern, which runs only when one succeeds.
    match = _ODD_LINE_BREAK.search(text) if "\x85" in text or "\u2028" in text or "\u2029" in text else None
    if match:
        # YAML ends a line at these, most editors do not: the lines would not match what the signer sees.
        line = text.count("\n", 0, match.start()) + 1
        return None, [
            Problem(
                shown,
                line,
                f"this line contains an invisible line-separator character (U+{ord(match.group()):04X}): delete it.",
                "line-separator",
            )
        ]
    simple = parse_simple(text)
    if (
        simple is not None
    ):  # the common file of one-line "key: value" pairs (plain or double-quoted), read exactly as PyYAML would
        return simple, []
    parsed, problems = parse_events(text, shown)
    # The parser may point just past the last line (an empty document after "---", say): name a real line.
    last = max(1, len(text.splitlines()))
    return parsed, [p if p.line <= last else dataclasses.replace(p, line=last) for p in problems]


def parse_events(text: str, shown: str) -> tuple[tuple[dict[str, str], dict[str, int]] | None, list[Problem]]:
    """``parse`` through PyYAML's event stream: every file the fast path does not take."""
    match = _TAB_INDENT.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        return None, [
            Problem(
                shown,
                line,
                "a line is indented with a tab: YAML needs spaces, and signature lines need no indentation at all.",
                "yaml-tab",
            )
        ]

    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    expect_key = True
    key = ""
    depth = 0
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = _line(event)
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent) or anchor is not None:
                return None, [
                    Problem(
                        shown,
                        line,
                        "YAML anchors and aliases (“&name”, “*name”) are not allowed: write each value out in full.",
                        "yaml-alias",
                    )
                ]
            tag = getattr(event, "tag", None)
            if tag is not None and not isinstance(event, (yaml.DocumentStartEvent,)):
                return None, [
                    Problem(
                        shown,
                        line,
                        f"YAML tags such as {show(tag.replace('tag:yaml.org,2002:', '!!'), 30)} are not "
                        "allowed: write plain text values.",
                        "yaml-tag",
                    )
                ]
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    return None, [
                        Problem(
                            shown,
                            line,
                            "the file holds more than one YAML document (a second “---”): keep one signature per file.",
                            "yaml-documents",
                        )
                    ]
                if event.tags:
                    return None, [Problem(shown, line, "YAML “%TAG” directives are not allowed.", "yaml-tag")]
            elif isinstance(event, yaml.MappingStartEvent):
                if depth == 0:
                    depth = 1
                    if event.flow_style:
                        return None, [
                            Problem(
                                shown,
                                line,
                                "write the signature as one “field: value” per line, not inside { }.",
                                "yaml-flow",
                            )
                        ]
                    continue
                return None, [
                    Problem(
                        shown,
                        line,
                        f"{show(key, 30)} must be a single line of text, not a set of fields: write it as "
                        "one “field: value” line.",
                        "not-text",
                    )
                ]
            elif isinstance(event, yaml.SequenceStartEvent):
                if depth == 0:
                    return None, [
                        Problem(
                            shown,
                            line,
                            "the file must be a list of “field: value” lines, not a YAML list.",
                            "not-mapping",
                        )
                    ]
                return None, [
                    Problem(
                        shown,
                        line,
                        f"{show(key, 30)} must be a single line of text, not a list: write it as one "
                        "“field: value” line.",
                        "not-text",
                    )
                ]
            elif isinstance(event, yaml.ScalarEvent):
                if depth == 0:
                    if event.value == "" and not event.style:  # "---" and nothing else
                        return None, [
                            Problem(
                                shown,
                                1,
                                "the file holds no fields: it must contain at least “type:” and “name:” lines.",
                                "empty",
                            )
                        ]
                    return None, [
                        Problem(
                            shown,
                            line,
                            "the file must be “field: value” lines (such as “type: individual”), not a single value.",
                            "not-mapping",
                        )
                    ]
                if expect_key:
                    key = event.value
                    if key == "<<":
                        return None, [
                            Problem(
                                shown,
                                line,
                                "YAML merge keys (“<<”) are not allowed: write each field out.",
                                "yaml-merge",
                            )
                        ]
                    if key in fields or key in lines:
                        return None, [
                            Problem(
                                shown,
                                line,
                                f"the field {show(key, 30)} appears twice (first on line {lines[key]}): keep one.",
                                "duplicate-key",
                            )
                        ]
                    lines[key] = line
                    expect_key = False
                else:
                    if event.end_mark is not None and event.end_mark.line + 1 > line:
                        # A quote left open swallows the next lines, field names included; a value
                        # continued on the next line is joined silently. Signature values are one line.
                        return None, [
                            Problem(
                                shown,
                                line,
                                f"the value of {show(key, 30)} runs over several lines: write it whole on "
                                "this line, with any quote closed on it and without “|” or “>”.",
                                "yaml-multiline",
                            )
                        ]
                    if not event.style and event.end_mark is not None and _comment_follows(text, event.end_mark.index):
                        problems.append(comment_after_value(shown, line, key))
                    fields[key] = event.value
                    expect_key = True
            elif isinstance(event, yaml.MappingEndEvent):
                depth = 0
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and mark is not None and mark.index >= len(text.rstrip()):
            # Hit the end of the file (an unclosed quote, say): the line where the value began is the useful one.
            mark = exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        opened = _unclosed_quote_line(text, line)
        if opened is not None:
            return None, [
                Problem(
                    shown,
                    opened,
                    "the quote that opens the value on this line is not closed on the same line: add the "
                    "closing quote, or remove the opening one.",
                    "yaml-syntax",
                )
            ]
        what = (exc.problem or "").strip()
        return None, [
            Problem(
                shown,
                line,
                f"this is not valid YAML ({what}): check the quotes and the “field: value” layout of this line.",
                "yaml-syntax",
            )
        ]
    except yaml.YAMLError as exc:  # reader errors: characters YAML does not allow in a stream
        character = getattr(exc, "character", None)
        # The C reader counts bytes, the Python one characters: find the character itself instead.
        where = text.find(chr(character)) if isinstance(character, int) else -1
        line = text.count("\n", 0, where) + 1 if where >= 0 else 1
        code = f" (U+{character:04X})" if isinstance(character, int) else ""
        return None, [
            Problem(
                shown,
                line,
                f"the file contains a control character{code} that YAML does not allow: delete it.",
                "yaml-syntax",
            )
        ]
    if documents == 0 or not lines:
        return None, [
            Problem(
                shown,
                1,
                "the file holds no fields (only comments or blank lines): it must contain at least "
                "“type:” and “name:” lines.",
                "empty",
            )
        ]
    if problems:  # each comment after a plain value, all in one run
        return None, problems
    return (fields, lines), problems


def load(path: Path, settings: Settings, shown: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Load one signature file. Returns the document, or None and the reasons it was refused."""
    shown = shown or settings.display(path)
    data, read_problems = read_bytes(path, shown, settings.max_file_bytes)
    if data is None:
        return None, check_file_name(path, shown) + read_problems
    return load_data(path, shown, data)


def load_data(path: Path | str, shown: str, data: bytes) -> tuple[Document | None, list[Problem]]:
    """The rest of ``load`` once the bytes are read (the checker's cache looks at them first)."""
    problems = check_file_name(path, shown)
    text, decode_problems = decode(data, shown)
    if text is None:
        return None, problems + decode_problems
    parsed, parse_problems = parse(text, shown)
    if parsed is None:
        return None, problems + parse_problems
    fields, lines = parsed
    return Document(shown, slug_of(path), fields, lines, text), problems
