"""The one writer of signature files: the sign page (sign.js, which receives the patterns below as data),
``petition sign`` and ``petition import`` write the same bytes for the same answers.

Fields come in the declaration's order (petition.model.fields). A value is written plain wherever every
common YAML reader (YAML 1.1 and 1.2, as editors read the files against the published JSON Schema)
reads the same string, and double-quoted otherwise."""

from __future__ import annotations

import re
from collections.abc import Mapping

from petition.model.fields import NAMES

WRITE_ORDER = NAMES  # petition.model.fields: what a reviewer reads first comes first


# The style of a written value (petition.site.signform sends both patterns to the sign page, which
# applies them the same way: one rule, as data). A value is written plain only when it is a one-line
# plain scalar every YAML reader reads back as that very text, and no implicit type of YAML 1.1
# (PyYAML's safe_load) or YAML 1.2 (editors checking docs/signature.schema.json) claims it;
# anything else is double-quoted. Both patterns err towards quoting.
#
# PLAIN_SCALAR, matched against the whole value: no character YAML cannot hold in a plain scalar
# (controls, DEL and C1, the YAML 1.1 line breaks, the byte order mark, surrogates, noncharacters),
# no flow brackets (the fast reader leaves them to PyYAML); not starting with an indicator or a
# space, not ending in a space or ":"; no ": " (a nested mapping) and no " #" (a comment).
_NEVER = r"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff\[\]\{\}"


_SPACES = r" \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"  # Unicode's space separators: never at an end


_INDICATORS = r"\-?:,#&*!|>'%@`" + '"'  # no backslash before the quote: JavaScript's "u" flag refuses it


PLAIN_SCALAR = (
    r"(?!.*: )(?!.* #)[^" + _NEVER + _SPACES + _INDICATORS + "](?:[^" + _NEVER + "]*[^" + _NEVER + _SPACES + ":])?"
)


# TYPED_SCALAR, matched at the value's start: what some resolver reads as another type. The whole
# value is a boolean of YAML 1.1 (y, yes, n, no, true, false, on, off) or a null (null, ~) in any
# mix of case, the merge key "<<" or the value key "="; or it looks like a number: an optional
# sign, a digit or ".", then only letters, digits and "_.,:+-" (every int and float of both
# versions, in every base, sexagesimal, .inf and .nan, and timestamps without spaces); or it
# starts with a date (a YAML 1.1 timestamp may go on after a space).
TYPED_SCALAR = (
    r"(?:[yY]|[yY][eE][sS]|[nN]|[nN][oO]|[tT][rR][uU][eE]|[fF][aA][lL][sS][eE]|[oO][nN]|[oO][fF][fF]"
    r"|[nN][uU][lL][lL]|~|<<|=|[-+]?[.0-9][0-9A-Za-z_.,:+\-]*)$"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
)


_PLAIN = re.compile(PLAIN_SCALAR)


_TYPED = re.compile(TYPED_SCALAR)


def yaml_quote(value: str) -> str:
    """A YAML double-quoted scalar. Values have passed the schema (one line, no control
    characters), so only the backslash and the double quote need escaping."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scalar(value: str) -> str:
    """The value as written in a file: plain where every YAML reader sees the same string, else double-quoted."""
    if _PLAIN.fullmatch(value) is not None and _TYPED.match(value) is None:
        return value
    return yaml_quote(value)


def file_text(fields: Mapping[str, str | None]) -> str:
    """The text of a signature file: one ``field: value`` line per field that has a value (``scalar``'s style)."""
    unknown = set(fields) - set(WRITE_ORDER)
    if unknown:
        raise ValueError(f"not signature fields: {sorted(unknown)}")
    return "".join(f"{k}: {scalar(fields[k])}\n" for k in WRITE_ORDER if fields.get(k) not in (None, ""))
