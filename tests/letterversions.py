"""Helpers for the tests of the letter's versions: change the letter, sign a given version, run a command.

Imported by the versions' tests: ``from letterversions import ADDED, change_letter, run, sign_version``.
"""

from __future__ import annotations

import datetime as dt

from conftest import signature_text
from petition.cli import main

ADDED = "We also call for the publication of every draft text, R&D included, within a week."


def run(repo, *argv: str) -> int:
    return main(["--root", str(repo.root), *argv])


def change_letter(repo, sentence: str = ADDED) -> int:
    """Add a paragraph after the call for action; returns its line in docs/index.md."""
    letter = repo.root / "docs" / "index.md"
    lines = letter.read_text(encoding="utf-8").split("\n")
    at = lines.index("## Background")
    lines[at:at] = [sentence, ""]
    letter.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


def sign_version(repo, slug: str, name: str, version: str, signed: str | None = None):
    fields = {
        "type": "individual",
        "name": name,
        "signed": signed or dt.date.today().isoformat(),
        "version": version,
        "contact": repo.contact(),
    }
    return repo.write(slug, signature_text(**fields))
