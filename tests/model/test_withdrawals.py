from __future__ import annotations

import datetime as dt

import pytest

from life_git import init, tracked
from petition.cli import main
from petition.model.withdrawals import RECORD_FILE, load_record


def run(repo, *argv: str) -> int:
    return main(["--root", str(repo.root), *argv])


def test_withdrawal_removes_the_file_and_counts_only(repo, capsys):
    repo.add_founding()
    repo.sign("anna-de-vries", "Anna de Vries", country="NL", github="annadv")
    repo.sign("kofi-mensah", "Kofi Mensah")
    init(repo.root)
    assert run(repo, "withdraw", "anna-de-vries") == 0
    out = capsys.readouterr().out
    assert "Removed signatures/anna-de-vries.yaml" in out and "1 so far" in out
    assert not (repo.signatures / "anna-de-vries.yaml").exists()
    files = tracked(repo.root)  # git rm staged the removal, and the record is staged too
    assert "signatures/anna-de-vries.yaml" not in files and RECORD_FILE in files

    record_text = (repo.root / RECORD_FILE).read_text(encoding="utf-8")
    for personal in ("anna", "Anna", "Vries", "annadv", "NL"):
        assert personal not in record_text
    month = dt.date.today().strftime("%Y-%m")
    record = load_record(repo.settings())
    assert (record.count, record.by_month, record.by_reason) == (1, {month: 1}, {"request": 1})

    assert run(repo, "withdraw", "kofi-mensah", "--reason-code", "text-changed") == 0
    record = load_record(repo.settings())
    assert (record.count, record.by_month, record.by_reason) == (2, {month: 2}, {"request": 1, "text-changed": 1})
    # What is left is still a valid collection, and the site no longer lists them.
    assert run(repo, "check") == 0
    built = repo.build()
    assert built.returncode == 0, built.stderr
    listing = (repo.site / "signatories" / "index.html").read_text(encoding="utf-8")
    assert "Anna de Vries" not in listing and "Kofi Mensah" not in listing


def test_unknown_slug_is_refused_and_nothing_changes(repo, capsys):
    repo.sign("anna-de-vries", "Anna de Vries")
    init(repo.root)
    assert run(repo, "withdraw", "anna-de-vreis") == 1
    out = capsys.readouterr().out
    assert (
        "there is no signature file signatures/anna-de-vreis.yaml: nothing was removed. Did you mean anna-de-vries?"
        in out
    )
    assert (repo.signatures / "anna-de-vries.yaml").exists()
    assert not (repo.root / RECORD_FILE).exists()


@pytest.mark.parametrize("slug", ["../pyproject", "Anna", "anna.yaml", ""])
def test_a_non_slug_is_refused(repo, capsys, slug):
    assert run(repo, "withdraw", slug) == 1
    assert "is not a signature's slug" in capsys.readouterr().out
    assert (repo.root / "pyproject.toml").exists()


def test_outside_git_the_file_is_deleted(repo):
    repo.sign("anna", "Anna")
    assert run(repo, "withdraw", "anna") == 0
    assert not (repo.signatures / "anna.yaml").exists()
    assert load_record(repo.settings()).count == 1


def test_a_broken_record_stops_the_withdrawal_before_anything_is_removed(repo, capsys):
    repo.sign("anna", "Anna")
    (repo.root / RECORD_FILE).write_text("count: many\n", encoding="utf-8")
    assert run(repo, "withdraw", "anna") == 1
    assert "is not a withdrawal record" in capsys.readouterr().out
    assert (repo.signatures / "anna.yaml").exists()


def test_count_only_after_a_signers_own_pull_request(repo, capsys):
    init(repo.root)
    assert run(repo, "withdraw", "--count-only", "--reason-code", "request") == 0
    assert load_record(repo.settings()).count == 1
    assert run(repo, "withdraw") == 2  # neither a slug nor --count-only
    assert run(repo, "withdraw", "anna", "--count-only") == 2
