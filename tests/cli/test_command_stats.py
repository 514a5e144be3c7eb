"""petition stats: no figures while a file is invalid."""

from __future__ import annotations

from conftest import signature_text
from petition.cli import main


def run(repo, *argv: str) -> int:
    return main(["--root", str(repo.root), *argv])


def test_stats_refuse_to_count_an_invalid_collection(repo, capsys):
    repo.sign("ola", "Ola")
    repo.write("broken", signature_text(type="individual", name="Broken"))
    assert run(repo, "stats", "--format", "json") == 1
    out = capsys.readouterr().out
    assert "signatures/broken.yaml:1:" in out and "No statistics while files are invalid" in out
