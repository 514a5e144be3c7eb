"""What a person reads in a terminal: each problem as “file:line: message”, then one verdict line; a pull request's
review in words."""

from __future__ import annotations

from petition.check.collection import CheckResult
from petition.problems import WARNING, Problem
from petition.report.terminal import location, plural, text
from prrepo import NOREPLY, pr_repo  # noqa: F401 (pr_repo is a fixture)

FILES = ["signatures/a.yaml", "signatures/b.yaml", "signatures/c.yaml"]


def test_a_valid_check_says_how_many_files_are_valid():
    assert text(CheckResult(FILES, [], [])) == "All 3 signature files are valid.\n"
    assert text(CheckResult(FILES[:1], [], [])) == "The signature file is valid.\n"
    assert text(CheckResult([], [], [])) == "All 0 signature files are valid.\n"


def test_problems_come_one_a_line_then_the_count_of_files_to_fix():
    result = CheckResult(
        FILES, [], [Problem("signatures/a.yaml", 2, "fix the name."), Problem("signatures/a.yaml", 5, "fix the date.")]
    )
    assert text(result).splitlines() == [
        "signatures/a.yaml:2: fix the name.",
        "signatures/a.yaml:5: fix the date.",
        "2 problems in 1 of 3 files. Fix them and run the check again.",
    ]


def test_problems_outside_the_checked_files_are_named_not_counted():
    result = CheckResult(FILES[:1], [], [Problem("pyproject.toml", 7, "closes_on is not a date.")])
    assert text(result).splitlines()[-1] == "1 problem in pyproject.toml. Fix them and run the check again."


def test_a_warning_alone_leaves_the_check_valid():
    result = CheckResult(FILES[:2], [], [Problem("signatures/a.yaml", 2, "a namesake?", "namesake", WARNING)])
    assert text(result).splitlines() == ["signatures/a.yaml:2: a namesake?", "All 2 signature files are valid."]


def test_location_and_plural():
    assert location(Problem("signatures/a.yaml", 3, "m")) == "signatures/a.yaml:3"
    assert location(Problem("commit 0123456", 0, "m")) == "commit 0123456"
    assert (plural(1, "file", "files"), plural(0, "file", "files"), plural(2, "file", "files")) == (
        "1 file",
        "0 files",
        "2 files",
    )


def test_a_pull_request_s_review_in_words(pr_repo, capsys):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("alice-smith", "Alice Smith", github="alice", country="KE")
    pr_repo.commit("Sign", author_email=NOREPLY.format(login="alice"))
    code, out = pr_repo.check("--format", "text", capsys=capsys)
    assert code == 0 and out.splitlines() == [
        "signatures/alice-smith.yaml: adds “Alice Smith, Kenya”",
        "Nothing to fix in 1 changed file. A maintainer must still confirm 1 thing.",
    ]
    code, out = pr_repo.check("--format", "text", author=None, capsys=capsys)
    assert "The pull request's author is unknown (give --author LOGIN)" in out


def test_a_refused_pull_request_says_what_to_do(pr_repo, capsys):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("bob-jones", "Bob Jones", github="bob")
    pr_repo.commit("Sign", author_email=NOREPLY.format(login="alice"))
    code, out = pr_repo.check("--format", "text", capsys=capsys)
    lines = out.splitlines()
    assert code == 1 and len(lines) == 2
    assert lines[0].startswith("signatures/bob-jones.yaml:3: “github” names the GitHub account “bob”, but this pull")
    assert lines[-1] == "Refused: 1 problem to fix. Fix them and push again; the check runs again by itself."
