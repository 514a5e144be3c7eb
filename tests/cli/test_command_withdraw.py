"""petition withdraw: what the maintainer is told (never the signer's name), and the usage it refuses."""

from __future__ import annotations

import pytest

from life_git import init
from petition.cli import main
from petition.model.withdrawals import RECORD_FILE, load_record


def run(repo, *argv: str) -> int:
    return main(["--root", str(repo.root), *argv])


def test_in_git_the_removal_is_staged_and_the_commit_message_names_no_one(repo, capsys):
    repo.sign("anna-de-vries", "Anna de Vries", country="NL")
    init(repo.root)
    capsys.readouterr()
    assert run(repo, "withdraw", "anna-de-vries") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"Removed signatures/anna-de-vries.yaml and counted the withdrawal in {RECORD_FILE} (1 so far; no name is"
        " recorded)."
    )
    assert out[1].startswith("Both changes are staged.") and 'git commit -m "Withdraw an endorsement"' in out[1]
    assert "Anna" not in out[1]


def test_outside_git_nothing_is_said_about_staging(repo, capsys):
    repo.sign("anna", "Anna")
    capsys.readouterr()
    assert run(repo, "withdraw", "anna", "--reason-code", "text-changed") == 0
    out = capsys.readouterr().out
    assert out.startswith("Removed signatures/anna.yaml and counted") and "staged" not in out


def test_count_only_says_counted(repo, capsys):
    init(repo.root)
    capsys.readouterr()
    assert run(repo, "withdraw", "--count-only") == 0
    assert capsys.readouterr().out.startswith(f"Counted the withdrawal in {RECORD_FILE} (1 so far;")


@pytest.mark.parametrize("argv", [[], ["anna", "--count-only"]])
def test_a_slug_or_count_only_exactly_one_of_them(repo, capsys, argv):
    repo.sign("anna", "Anna")
    capsys.readouterr()
    assert run(repo, "withdraw", *argv) == 2
    assert "Give the SLUG of the signature to remove, or --count-only" in capsys.readouterr().out
    assert (repo.signatures / "anna.yaml").exists() and load_record(repo.settings()).count == 0


def test_an_unknown_reason_is_a_usage_error(repo, capsys):
    repo.sign("anna", "Anna")
    with pytest.raises(SystemExit) as done:
        run(repo, "withdraw", "anna", "--reason-code", "because")
    assert done.value.code == 2 and "invalid choice" in capsys.readouterr().err
    assert (repo.signatures / "anna.yaml").exists()
