"""One file's whole per-file verdict in one call, cheap for the common valid file.

``check_data`` answers what ``checker.check_one_data`` answers (then reduced to plain values, as
``parallel._one`` sends them between processes), without building the Document, the Entry and
the Signature a valid file's plain values come from. A file the short way cannot settle (a
refused file name, anything but one-line ``key: value`` pairs (plain or quoted, with or without a comment), an "@"
for the plaintext guard to look at, any schema error) is checked by ``check_data_reference``,
the long way, so every message, line and order is the checker's own. ``tests/check/test_fastfile.py`` holds the two
equal.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import NamedTuple

from petition.check.duplicates import name_keys
from petition.check.onefile import check_one_data
from petition.load.files import SLUG_RE
from petition.load.plainyaml import parse_commented, parse_simple
from petition.model.fastvalidate import validated_fields
from petition.model.keys import KeyRing
from petition.model.signature import Signature
from petition.problems import Problem
from petition.settings import SIGNATURE_SUFFIX, Settings

_FIELD_ORDER = tuple(Signature.model_fields)
_SUFFIX = len(SIGNATURE_SUFFIX)
_UTF16_32 = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_POSIX = os.sep == "/" and os.altsep is None
_IN_ORDER: dict[tuple[str, ...], bool] = {}  # the fields of a file, in its order -> whether that is the model's order


class Verdict(NamedTuple):
    """One file's per-file verdict: for a valid file its fields, their lines and its name's keys; else its problems."""

    fields: dict[str, str] | None
    lines: dict[str, int] | None
    problems: tuple[Problem, ...]
    name_keys: tuple | None


def check_data_reference(
    path: str,
    shown: str,
    data: bytes,
    settings: Settings,
    keyring: KeyRing | None,
    today: dt.date,
    versions: list[str] | None,
    public_only: bool = False,
) -> Verdict:
    """The verdict by the checker's own pipeline: the oracle, and the way for every file ``check_data`` does not
    settle."""
    entry, problems = check_one_data(path, shown, data, settings, keyring, today, versions)
    if entry is None:
        return Verdict(None, None, tuple(problems), None)
    # The model's own attributes are its fields, all plain strings.
    fields = {
        k: v for k, v in entry.signature.__dict__.items() if v is not None and not (public_only and k == "contact")
    }
    return Verdict(fields, entry.lines, tuple(problems), name_keys(fields["name"]))


def check_data(
    path: str,
    shown: str,
    data: bytes,
    settings: Settings,
    keyring: KeyRing | None,
    today: dt.date,
    versions: list[str] | None,
    public_only: bool = False,
) -> Verdict:
    """The verdict on one file whose bytes are read: (fields, lines, problems, name keys).

    For a valid file: its fields (the Signature's values that are set, in the model's field
    order; without ``contact`` when ``public_only``), the line of each field, no problems, and
    ``collection.name_keys`` of its name. For any other file: (None, None, its problems, None).
    Exactly ``check_data_reference``'s answer.
    """
    name = path[path.rfind("/") + 1 :] if _POSIX and type(path) is str else os.path.basename(path)
    if (
        not name.endswith(SIGNATURE_SUFFIX)
        or SLUG_RE.match(name[:-_SUFFIX]) is None
        or data.startswith(_UTF16_32)
        or b"\x00" in data
        or b"@" in data  # the plaintext guard's business
    ):
        return check_data_reference(path, shown, data, settings, keyring, today, versions, public_only)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return check_data_reference(path, shown, data, settings, keyring, today, versions, public_only)
    if text.startswith("\ufeff"):  # the byte order mark decode() drops
        text = text[1:]
    if not text or text.isspace() or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return check_data_reference(path, shown, data, settings, keyring, today, versions, public_only)
    parsed = parse_simple(text)
    if parsed is None:
        parsed = parse_commented(text)  # a file written by hand: comments, single quotes
    if parsed is None:
        return check_data_reference(path, shown, data, settings, keyring, today, versions, public_only)
    fields, lines = parsed
    values = validated_fields(fields, {"keyring": keyring, "today": today, "versions": versions})
    if values is None:
        return check_data_reference(path, shown, data, settings, keyring, today, versions, public_only)
    layout = tuple(values)
    in_order = _IN_ORDER.get(layout)
    if in_order is None:
        in_order = list(layout) == [k for k in _FIELD_ORDER if k in values]
        if len(_IN_ORDER) < 4096:  # files share a handful of layouts (the sign form writes one)
            _IN_ORDER[layout] = in_order
    # The Signature's attributes are in the model's field order: so are the fields sent on.
    kept = values if in_order else {k: values[k] for k in _FIELD_ORDER if k in values}
    if public_only:
        kept.pop("contact", None)
    return tuple.__new__(Verdict, (kept, lines, (), name_keys(kept["name"])))  # made in C: once per file
