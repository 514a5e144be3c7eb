"""The plaintext guard: no personal email address enters the repository, in any file or commit.

Problems name the place (file and line, or commit) and never the address itself, so that a CI log
or a pull-request comment cannot leak what it refuses.

Addresses that are not anyone's personal address are let through outside ``signatures/``:

* GitHub's own: ``noreply@github.com`` (the committer of every commit made in GitHub's web editor)
  and ``12345678+login@users.noreply.github.com`` (the address GitHub gives a user who keeps theirs
  private; it names a GitHub account, which a signer publishes anyway with ``github:``);
* the reserved example domains of RFC 2606 / RFC 6761 (``example.org``, ``*.test``, ...), used by
  documentation and tests;
* the addresses listed in ``public_addresses`` in ``[tool.petition]`` (the coalition's contact), and
  ``signatures_address``, where signers send their files by email.

A signature file may carry none of them: only the encrypted ``contact`` holds an address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from petition.model.freetext import find_addresses
from petition.problems import Problem
from petition.settings import Settings

GITHUB_NOREPLY_RE = re.compile(
    r"^(?:[0-9]+\+)?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?@users\.noreply\.github\.com$", re.IGNORECASE
)
GITHUB_ADDRESSES = frozenset({"noreply@github.com"})
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost")

ADDED_LINE_MESSAGE = (
    "this line adds a plain email address: remove it. Everything in this repository is public; "
    "a signer's address belongs only in “contact”, encrypted (the sign page and “petition sign” do it for you)."
)
FILE_LINE_MESSAGE = ADDED_LINE_MESSAGE.replace("this line adds", "this line contains")
FILE_NAME_MESSAGE = (
    "the name of this file holds a plain email address (shown here as “…”): rename the file. Everything in "
    "this repository is public, file names too."
)


def is_public_address(address: str, settings: Settings) -> bool:
    """Whether an email-shaped string is not a personal address (see the module's docstring)."""
    folded = address.casefold()
    if folded in GITHUB_ADDRESSES or GITHUB_NOREPLY_RE.match(address):
        return True
    domain = folded.rsplit("@", 1)[-1]
    if (
        domain in RESERVED_DOMAINS
        or domain.endswith(tuple("." + d for d in RESERVED_DOMAINS))
        or domain.endswith(RESERVED_SUFFIXES)
    ):
        return True
    return folded in {a.casefold() for a in (*settings.public_addresses, settings.signatures_address) if a}


def personal_addresses(text: str, settings: Settings, strict: bool = False) -> list[str]:
    """The addresses in text (ASCII or international: freetext.find_addresses) that may be personal (all of
    them when ``strict``)."""
    return [a for a in find_addresses(text) if strict or not is_public_address(a, settings)]


def redacted(path: str, settings: Settings) -> str:
    """A path with each address in it shown as "…", so that a problem about it names the place only."""
    for address in personal_addresses(path, settings, strict=True):
        path = path.replace(address, "…")
    return path


def name_problems(path: str, settings: Settings) -> list[Problem]:
    """A file whose name (or folder's name) holds a personal address: reported under its redacted path."""
    if "@" not in path or not personal_addresses(path, settings, in_signatures(path, settings)):
        return []
    return [Problem(redacted(path, settings), 1, FILE_NAME_MESSAGE, "plaintext-email")]


def decoded_texts(data: bytes) -> list[str]:
    """The texts a file's bytes may hold: UTF-16 or UTF-32 by their byte order mark; bytes with NULs (UTF-16
    without one, or binary) as UTF-16 both ways besides UTF-8, unreadable bytes replaced, so no address hides."""
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            return [data[len(bom) :].decode(codec, errors="replace")]
    texts = [data.decode("utf-8", errors="replace")]
    if b"\x00" in data:
        texts += [data.decode("utf-16-le", errors="replace"), data[1:].decode("utf-16-le", errors="replace")]
    return texts


def split_lines(text: str) -> list[str]:
    """Lines as git and editors number them: split on LF only, a trailing CR dropped."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def in_signatures(path: str, settings: Settings) -> bool:
    """Whether a repository-relative path is inside the signatures folder."""
    return path.startswith(settings.signatures_dir.rstrip("/") + "/")


def scan_lines(
    path: str, lines: Iterable[tuple[int, str]], settings: Settings, message: str = ADDED_LINE_MESSAGE
) -> Iterator[Problem]:
    """One problem per numbered line holding a personal address (and one for the file's name, if it holds
    one). In signatures/, every address counts."""
    strict = in_signatures(path, settings)
    yield from name_problems(path, settings)
    for number, line in lines:
        if personal_addresses(line, settings, strict):
            yield Problem(path, number, message, "plaintext-email")


def scan_file(path: Path, settings: Settings) -> list[Problem]:
    """Every line of one file, and its name. Unreadable bytes are replaced, so an address in a binary file is
    still found; a UTF-16 or UTF-32 text is read as such."""
    shown = settings.display(path)
    try:
        data = path.read_bytes()
    except OSError:
        return name_problems(shown, settings)
    # An address needs an "@": in UTF-8 no byte sequence decodes to it but that byte itself, and in
    # UTF-16 and UTF-32 its code unit holds that byte too.
    if b"@" not in data:
        return name_problems(shown, settings)
    found: dict[int, Problem] = {}
    for text in decoded_texts(data):
        for problem in scan_lines(shown, enumerate(split_lines(text), start=1), settings, FILE_LINE_MESSAGE):
            found.setdefault(problem.line if problem.message == FILE_LINE_MESSAGE else 0, problem)
    return [found[k] for k in sorted(found)]
