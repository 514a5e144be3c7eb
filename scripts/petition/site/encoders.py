"""One row's text in each generated file, written directly: the site build makes 100,000 of them.

Each function here stands in for a general one the list's plain rendering uses, and gives the
same text (tests/site/test_encoders.py compares them on any text):

- ``json_string``: how ``json.dumps(..., ensure_ascii=False)`` writes a string (its own C function);
- ``csv_line``: the line ``csv.writer`` (excel dialect, ``lineterminator="\\r\\n"``) writes for a row;
- ``escape``: ``html.escape(text, quote=True)``, skipping the five replacements when none applies.
"""

from __future__ import annotations

import csv
import html
import io
import re
from json.encoder import encode_basestring as json_string  # noqa: F401  (the one json.dumps calls per string)

_SPECIAL = re.compile("[&<>\"']").search


def escape(text: str) -> str:
    # Most names have none of the five characters: one scan instead of five.
    return html.escape(text, True) if _SPECIAL(text) else text


class _Writer:
    """One CSV line at a time, as csv.writer writes it within a whole file (the reference of ``csv_line``)."""

    def __init__(self):
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\r\n")

    def line(self, values) -> str:
        self.buffer.seek(0)
        self.buffer.truncate()
        self.writer.writerow(values)
        return self.buffer.getvalue()


_WRITER = _Writer()


def csv_line(values: tuple[str, ...]) -> str:
    """``values`` (two or more strings) as csv.writer writes them."""
    line = ",".join(values)
    # The writer quotes only a field holding the delimiter, the quote or a line break; a lone
    # empty field is the one other case, and rows have several.
    if line.count(",") == len(values) - 1 and '"' not in line and "\r" not in line and "\n" not in line:
        return line + "\r\n"
    return _WRITER.line(values)
