"""Finding a signature file in the text of an email, and undoing only what mail programs do to it.

A sign page's file is one ``field: value`` line per field, the encrypted contact last. On its way
through a mail program it may come back with its lines quoted (``> ``), long lines wrapped (the
contact's 555 characters above all, broken anywhere, or after ``contact:``), Windows line breaks,
blank lines between paragraphs of an HTML body, non-breaking spaces around the values, and the
sender's signature block or a reply's text around it. ``find_files`` reverses exactly these:

* line breaks become ``\\n``; a line's quote marks and the spaces at its ends go (a file's line
  starts with its field and never ends in a space, the writer quoting such a value);
* a field's separator is ``": "`` (spaces, tabs or non-breaking spaces in the mail);
* the contact's pieces are joined without spaces (a contact value has none, and a fixed length
  says where it ends); another wrapped value's next line is joined with a space (mail programs
  wrap at spaces);
* a blank line inside the file is dropped when a field follows it;
* a link's address repeated after it in angle brackets (``https://x.org/<https://x.org/>``, as
  Outlook writes the plain text of an HTML message) is dropped: no value may hold a ``<``;
* the file ends where its lines do: at the first line that is neither ``key: value`` nor the rest
  of a wrapped value, at a blank line not followed by a field of a signature, or at a ``-- ``
  signature separator. A ``key: value`` line that touches the file is part of it (the check then
  refuses an unknown field, or an address outside the contact); a field the file already has
  starts the next file.

Values are never otherwise changed: the checker then judges the file found, as it judges any file.
"""

from __future__ import annotations

import re

from petition.model.crypto import SCHEME
from petition.model.fields import NAMES

CONTACT = "contact"
# rsa-oaep-sha256:<16 hex digits>:<512 base64 characters>
CONTACT_LENGTH = len(SCHEME) + 1 + 16 + 1 + 512
_QUOTE = re.compile(r"^[ \t\u00a0]*(?:>[ \t\u00a0]?)+")
_EDGES = " \t\u00a0"
# A field's line: the key, its colon, the separator, the value (empty when the mail wrapped it away).
_FIELD = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ \t\u00a0]*:(?:[ \t\u00a0]+(.*))?$")
_CONTACT_PIECE = re.compile(r'^"?[A-Za-z0-9+/:"-]+$')
_LINK_REPEATED = re.compile(r"(\S+) ?<\1>$")
_SEPARATOR = "--"  # "-- " once the line's end spaces are gone
_KNOWN = frozenset(NAMES)


def _lines(text: str) -> tuple[list[str], list[bool]]:
    """The text's lines without quote marks or end spaces, and whether each was quoted."""
    out, quoted = [], []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        bare = _QUOTE.sub("", line)
        out.append(bare.strip(_EDGES))
        quoted.append(len(bare) != len(line))
    return out, quoted


def _contact_length(value: str) -> int:
    return len(value.strip('"'))


def _field(line: str) -> tuple[str, str] | None:
    match = _FIELD.match(line)
    if match is None:
        return None
    return match.group(1), (match.group(2) or "").strip(_EDGES)


def _known(line: str) -> bool:
    parsed = _field(line)
    return parsed is not None and parsed[0] in _KNOWN


def _unlinked(value: str) -> str:
    return _LINK_REPEATED.sub(lambda m: m.group(1), value)


def find_files(text: str) -> list[str]:
    """The text of every signature file in ``text``, repaired, in the order they come.

    A quoted file counts only when no file stands unquoted: a signer sending a corrected file in
    reply quotes the first one below it."""
    lines, quoted = _lines(text)
    found: list[tuple[str, bool]] = []
    i = 0
    while i < len(lines):
        if not _known(lines[i]):
            i += 1
            continue
        start = i
        fields, i = _block(lines, i)
        text = "".join(f"{key}: {_unlinked(value)}\n" for key, value in fields)
        found.append((text, quoted[start]))
    unquoted = [text for text, was_quoted in found if not was_quoted]
    return unquoted or [text for text, _ in found]


def _block(lines: list[str], i: int) -> tuple[list[tuple[str, str]], int]:
    """The fields of the file starting at line ``i``, and the line after it."""
    fields: list[list[str]] = []
    complete = False  # the contact is whole: its pieces end

    while i < len(lines):
        line = lines[i]
        if line == _SEPARATOR:
            break
        if not line:
            # A blank line the mail put between two lines of the file: dropped; otherwise the file ends.
            nxt = next((n for n in range(i + 1, len(lines)) if lines[n]), None)
            if nxt is None or not (_continues(fields, lines[nxt], complete) or _known(lines[nxt])):
                break
            i += 1
            continue
        if _continues(fields, line, complete):
            key, value = fields[-1]
            if key == CONTACT:
                fields[-1][1] = value + re.sub(r"[\s\u00a0]+", "", line)
                complete = _contact_length(fields[-1][1]) >= CONTACT_LENGTH
            else:
                fields[-1][1] = f"{value} {line}" if value else line
            i += 1
            continue
        parsed = _field(line)
        if parsed is None or (parsed[0] in _KNOWN and any(k == parsed[0] for k, _ in fields)):
            break  # not a field; or a field the file has already, so the start of another file
        # Any other field's line goes on with the file, so that the check refuses what does not belong
        # there (an "email:" line after the contact, say) rather than the file going out without it.
        key, value = parsed
        if key == CONTACT:
            value = re.sub(r"[\s\u00a0]+", "", value)
            complete = _contact_length(value) >= CONTACT_LENGTH
        fields.append([key, value])
        i += 1
    return [(k, v) for k, v in fields], i


def _continues(fields: list[list[str]], line: str, complete: bool) -> bool:
    """Whether ``line`` is the rest of the last field's value, wrapped by the mail program."""
    if not fields or complete:
        return False
    key, value = fields[-1]
    if key == CONTACT:
        return _CONTACT_PIECE.match(line) is not None
    # Another field's value goes on only on a line that cannot start a field of its own, and only
    # before the contact (which a sign page's file has last).
    return _field(line) is None and not any(k == CONTACT for k, _ in fields)
