"""Helpers for the command-line tests: run ``petition`` in a temp repository, read back what it wrote.

Imported by the tests of the commands: ``from clirun import PASSPHRASE, fields_of, passphrase_file, run, sign``.
"""

from __future__ import annotations

import pytest

from petition.cli import main
from petition.load.document import load

PASSPHRASE = "correct horse battery staple"


def run(repo, capsys, *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--root", str(repo.root), *argv])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def sign(repo, capsys, name: str, email: str) -> tuple[int, str]:
    """``petition sign`` as an individual with no questions asked: the run most command tests start from."""
    return run(repo, capsys, "sign", "--no-input", "--yes", "--type", "individual", "--name", name, "--email", email)


def fields_of(repo, name: str) -> dict[str, str]:
    doc, problems = load(repo.signatures / name, repo.settings())
    assert problems == []
    return doc.fields


@pytest.fixture
def passphrase_file(tmp_path):
    path = tmp_path / "passphrase"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path
