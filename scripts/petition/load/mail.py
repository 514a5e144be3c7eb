"""Email as people send it, read safely: single message files, mbox files and Maildir folders; each
message's sender, subject and the texts that may hold a signature file (plain and HTML bodies,
``.yaml`` and ``.txt`` attachments, forwarded messages).

Text is decoded strictly, in the charset its part declares (UTF-8 when an 8-bit part declares none):
a part that is not in its encoding is reported, never read with replacement characters, which would
alter a name without a word. ``petition.model.mailedfile`` then finds the file in the texts.
"""

from __future__ import annotations

import dataclasses
import email
import email.policy
import html.parser
import mailbox
import re
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

from petition.problems import show

# A sign page's message is about 2 KB; a mail program's HTML and a logo make it a few hundred.
MAIL_MAX_BYTES = 10 * 1024 * 1024
PARTS_MAX = 200
ATTACHMENT_SUFFIXES = (".yaml", ".yml", ".txt")
YAML_TYPES = ("text/yaml", "text/x-yaml", "application/yaml", "application/x-yaml")
# What a sender chose (a file name, a charset) is quoted in messages a CI log or a reply may show:
# never an address, never a control character (petition.problems.show).
_ADDRESS_SHAPE = re.compile(r"[^\s@]*@[^\s@]*")
_BASE64_DEFECTS = ("InvalidBase64PaddingDefect", "InvalidBase64CharactersDefect", "InvalidBase64LengthDefect")


@dataclasses.dataclass(frozen=True)
class Message:
    """One message as stored: where it is (``label``) and its bytes, or why it cannot be read."""

    label: str
    data: bytes | None
    problem: str = ""


@dataclasses.dataclass(frozen=True)
class Text:
    """A text of a message that may hold a signature file.

    ``group``: texts of one multipart/alternative share it (the same content, rendered twice), in
    the sender's order of preference; 0 for a text that is alone."""

    where: str
    text: str
    group: int = 0


@dataclasses.dataclass(frozen=True)
class Mail:
    """What a message holds: its sender (the From address, None when there is not exactly one),
    subject, Message-ID, texts, and the problems met reading them. ``authentication``: the topmost
    Authentication-Results header, the one the receiving mail server added (the sender can forge
    only the ones below it)."""

    sender: str | None
    subject: str
    message_id: str
    texts: tuple[Text, ...]
    problems: tuple[str, ...] = ()
    authentication: str = ""


def messages(path: Path, shown: str) -> Iterator[Message]:
    """Every message at ``path``: a Maildir folder, an mbox file, or one message file (``.eml``)."""
    try:
        if path.is_dir():
            if not any((path / sub).is_dir() for sub in ("cur", "new")):
                yield Message(shown, None, "is a folder but not a Maildir (it has no cur/ or new/ folder).")
                return
            box = mailbox.Maildir(path, factory=None, create=False)
            # Maildir's names start with the time of delivery: sorted, they come in that order.
            for key in sorted(box.iterkeys()):
                yield _stored(box, key, f"{shown}#{key}")
            return
        size = path.stat().st_size
        with open(path, "rb") as handle:
            start = handle.read(5)
        if start == b"From ":  # the mbox format: each message follows a "From " line
            box = mailbox.mbox(path, factory=None, create=False)
            for number, key in enumerate(box.iterkeys(), start=1):
                yield _stored(box, key, f"{shown}#{number}")
            return
        if size > MAIL_MAX_BYTES:
            yield Message(shown, None, _too_big(size))
            return
        yield Message(shown, path.read_bytes())
    except (OSError, mailbox.Error) as exc:
        yield Message(shown, None, _unreadable(exc))


def _unreadable(exc: Exception) -> str:
    return f"cannot be read ({getattr(exc, 'strerror', None) or type(exc).__name__})."


def _stored(box: mailbox.Mailbox, key: str, label: str) -> Message:
    """One message of a mailbox; one that cannot be read (gone meanwhile, say) loses only itself."""
    try:
        data = box.get_bytes(key)
    except (OSError, KeyError, mailbox.Error) as exc:
        return Message(label, None, _unreadable(exc))
    return Message(label, None, _too_big(len(data))) if len(data) > MAIL_MAX_BYTES else Message(label, data)


def _quoted(value: str) -> str:
    return show(_ADDRESS_SHAPE.sub("(an address)", value), 40)


def _too_big(size: int) -> str:
    return (
        f"is too big to be a signature ({size // 1024:,} KiB, at most {MAIL_MAX_BYTES // 1024 // 1024} MiB): "
        "send the signature file alone, in the body of the message."
    )


def read_message(data: bytes) -> Mail:
    """The sender, subject and texts of a message's bytes.

    Python's email package reads almost anything, but some hostile headers make it raise errors of
    many kinds deep inside: any of them makes this one message unreadable, never the whole run.
    """
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        reader = _Reader()
        reader.collect(message, forwarded=False)
    except Exception as exc:  # noqa: BLE001 - see the docstring
        return Mail(None, "", "", (), (f"the message is malformed and cannot be read ({type(exc).__name__}).",))
    return Mail(
        _sender(message),
        _header(message, "Subject"),
        _header(message, "Message-ID"),
        tuple(reader.texts),
        tuple(dict.fromkeys(reader.problems)),
        _header(message, "Authentication-Results"),
    )


def _header(message: EmailMessage, name: str) -> str:
    """A header's text, "" when it is missing or too broken to read (``Message-ID: <`` raises IndexError)."""
    try:
        return str(message.get(name, "") or "").strip()
    except Exception:  # noqa: BLE001 - see read_message
        return ""


def _sender(message: EmailMessage) -> str | None:
    try:
        header = message.get("From")
        addresses = getattr(header, "addresses", ()) if header is not None else ()
        specs = [a.addr_spec for a in addresses if a.addr_spec and a.addr_spec != "<>"]
    except Exception:  # noqa: BLE001 - see read_message; no sender then
        return None
    return specs[0] if len(specs) == 1 else None


class _Reader:
    """Walks a message's parts, keeping the texts that may hold a signature file."""

    def __init__(self) -> None:
        self.texts: list[Text] = []
        self.problems: list[str] = []
        self.parts = 0
        self.groups = 0

    def collect(self, part: EmailMessage, forwarded: bool, group: int = 0) -> None:
        self.parts += 1
        if self.parts > PARTS_MAX:
            if self.parts == PARTS_MAX + 1:
                self.problems.append(f"the message has more than {PARTS_MAX} parts; the others were not read.")
            return
        kind = part.get_content_type()
        if kind == "message/rfc822" or (part.is_multipart() and kind.startswith("message/")):
            for inner in part.get_payload() or ():
                if isinstance(inner, EmailMessage):
                    self.collect(inner, forwarded=True)
            return
        if part.is_multipart():
            subparts = [p for p in part.get_payload() or () if isinstance(p, EmailMessage)]
            if kind == "multipart/alternative":
                self.groups += 1
                # The plainest rendering first: it is the one a mail program changes least.
                ordered = sorted(subparts, key=lambda p: p.get_content_type() != "text/plain")
                for sub in ordered:
                    self.collect(sub, forwarded, self.groups)
            else:
                for sub in subparts:
                    self.collect(sub, forwarded, group)
            return
        where = "the forwarded message" if forwarded else "the message"
        filename = _filename(part)
        if filename is not None and (filename.lower().endswith(ATTACHMENT_SUFFIXES) or kind in YAML_TYPES):
            where = f"the attachment {_quoted(filename)}"
            text = self._decode(part, where)
            if text is not None:
                self.texts.append(Text(where, text.removeprefix("\ufeff"), group))
        elif filename is None and kind in ("text/plain", "text/html", *YAML_TYPES):
            text = self._decode(part, where)
            if text is None:
                return
            if kind == "text/html":
                text = html_text(text)
            elif str(part.get_param("format", "")).lower() == "flowed":
                text = unflow(text, str(part.get_param("delsp", "")).lower() == "yes")
            self.texts.append(Text(where, text, group))

    def _decode(self, part: EmailMessage, where: str) -> str | None:
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes):
            return None
        if any(type(d).__name__ in _BASE64_DEFECTS for d in part.defects):
            self.problems.append(f"the base64 encoding of {where} is damaged.")
            return None
        declared = part.get_content_charset()
        try:
            # No charset: ASCII by the standard; 8-bit text declaring none is read as UTF-8 only if it is UTF-8.
            return data.decode(declared or "utf-8")
        except LookupError:
            self.problems.append(f"{where} is in an encoding this program does not know ({_quoted(declared)}).")
        except UnicodeDecodeError:
            said = _quoted(declared) if declared else "none, and not UTF-8"
            self.problems.append(
                f"{where} is not in the encoding it declares ({said}), so its text cannot be read without changing it."
            )
        return None


def _filename(part: EmailMessage) -> str | None:
    """The part's file name when it is an attachment or names a file, else None."""
    name = part.get_filename()
    if name:
        return str(name)
    return "" if part.get_content_disposition() == "attachment" else None


# --- Format=flowed (RFC 3676) -------------------------------------------------------------------


_QUOTES = re.compile(r"^>+")


def unflow(text: str, delsp: bool) -> str:
    """A format=flowed text as its writer typed it: soft line breaks (a line ending in a space)
    joined, space-stuffing removed; quoted lines keep their depth of ">"."""
    out: list[str] = []
    current: str | None = None
    depth_of_current = 0
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        depth = len(_QUOTES.match(raw).group(0)) if raw.startswith(">") else 0
        line = raw[depth:]
        if line.startswith(" "):
            line = line[1:]  # space-stuffed
        if current is not None and depth != depth_of_current:
            out.append(">" * depth_of_current + current)
            current = None
        soft = line.endswith(" ") and line != "-- "
        if soft and delsp:
            line = line[:-1]
        current = line if current is None else current + line
        depth_of_current = depth
        if not soft:
            out.append((">" * depth + " " if depth else "") + current)
            current = None
    if current is not None:
        out.append((">" * depth_of_current + " " if depth_of_current else "") + current)
    return "\n".join(out)


# --- HTML bodies -------------------------------------------------------------------------------


_BLOCKS = frozenset(
    "address article blockquote br dd div dl dt footer h1 h2 h3 h4 h5 h6 header hr li ol p pre section table "
    "td th tr ul".split()
)
_SKIPPED = frozenset(("head", "style", "script", "title", "template"))


class _HtmlText(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skipping = 0
        self.pre = 0

    def _break(self) -> None:
        if self.lines[-1]:
            self.lines.append("")

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.lines.append("")
        elif tag in _BLOCKS:
            self._break()
            self.pre += tag == "pre"

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.lines.append("")
        elif tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self._break()
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data):
        if self.skipping:
            return
        if self.pre:
            first, *rest = data.replace("\r\n", "\n").split("\n")
            self.lines[-1] += first
            self.lines.extend(rest)
            return
        # Outside <pre>, a line break in the source is a space, as a browser shows it.
        self.lines[-1] += re.sub(r"[ \t\r\n\f]+", " ", data)


def html_text(markup: str) -> str:
    """An HTML body's text, one line per paragraph, line break or table row, as a reader sees it."""
    parser = _HtmlText()
    parser.feed(markup)
    parser.close()
    return "\n".join(line.strip(" ") for line in parser.lines)
