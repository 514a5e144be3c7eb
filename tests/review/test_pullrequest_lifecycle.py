"""petition check --base with the letter's life: versions and closing apply to a pull request's new files."""

from __future__ import annotations

from petition.model.versions import release
from prrepo import NOREPLY, pr_repo, problems  # noqa: F401 (pr_repo is a fixture)


def _sign_as_alice(pr_repo, **fields):
    pr_repo.repo.sign("alice-smith", "Alice Smith", github="alice", **fields)
    pr_repo.commit("Sign", author_email=NOREPLY.format(login="alice"))


def test_a_new_signature_must_endorse_the_current_version(pr_repo, capsys):
    index = pr_repo.root / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nA sentence added later.\n", encoding="utf-8")
    release(pr_repo.repo.settings())  # version 2 is now current
    pr_repo.start_pull_request()
    _sign_as_alice(pr_repo, version="1")
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1
    assert [(p, c) for p, _, c in problems(report)] == [("signatures/alice-smith.yaml", "version-not-current")]


def test_a_new_signature_on_the_current_version_passes(pr_repo, capsys):
    pr_repo.start_pull_request()
    _sign_as_alice(pr_repo)
    code, report = pr_repo.check(capsys=capsys)
    assert code == 0, report


def test_no_new_signature_once_closed(pr_repo, capsys):
    pyproject = pr_repo.root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace("[tool.petition]\n", "[tool.petition]\nclosed = true\n"),
        encoding="utf-8",
    )
    pr_repo.start_pull_request()
    _sign_as_alice(pr_repo)
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1
    assert ("signatures/alice-smith.yaml", 1, "signatures-closed") in problems(report)
