"""What a person reads in a terminal: each problem as “file:line: message”, then one verdict line."""

from __future__ import annotations

from petition.check.collection import CheckResult
from petition.problems import WARNING, Problem
from petition.report.terminal import location, plural, text

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
