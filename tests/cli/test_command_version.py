"""petition version: the status of the letter's versions, and a release's report of what to commit."""

from __future__ import annotations

import pytest

from letterversions import change_letter, run
from life_git import init


def _out(capsys) -> list[str]:
    return capsys.readouterr().out.splitlines()


def test_status_lists_the_versions_and_marks_the_current_one(repo, capsys):
    capsys.readouterr()
    assert run(repo, "version", "status") == 0
    assert _out(capsys) == ["version 1  released 2026-11-28  (current)", "The letter's text is version 1 as released."]


def test_status_and_check_fail_on_an_unreleased_change_then_a_release_says_what_to_commit(repo, capsys):
    init(repo.root)
    line = change_letter(repo)
    capsys.readouterr()
    assert run(repo, "version", "status") == 1
    out = _out(capsys)
    assert out[0] == "version 1  released 2026-11-28  (current)"
    assert out[1].startswith(f"docs/index.md:{line}: the letter's text differs from version 1")
    assert run(repo, "version", "release", "--date", "2027-01-15") == 0
    released = "\n".join(_out(capsys))
    assert "Released version 2 of the letter (docs/versions/2.md, recorded in docs/versions/versions.yaml)" in released
    assert "letter_version is now “2” in pyproject.toml" in released and "/versions/2/" in released
    assert run(repo, "version", "status") == 0
    assert _out(capsys) == [
        "version 1  released 2026-11-28",
        "version 2  released 2027-01-15  (current)",
        "The letter's text is version 2 as released.",
    ]


def test_a_release_of_an_unchanged_text_is_refused(repo, capsys):
    init(repo.root)
    capsys.readouterr()
    assert run(repo, "version", "release") == 1
    (line,) = _out(capsys)
    assert line.startswith("Not released: ") and "nothing to release" in line
    assert not (repo.root / "docs" / "versions" / "2.md").exists()


@pytest.mark.parametrize("argv", [["version"], ["version", "publish"], ["version", "release", "--date", "soon"]])
def test_usage_errors(repo, capsys, argv):
    with pytest.raises(SystemExit) as done:
        run(repo, *argv)
    assert done.value.code == 2 and "usage: petition version" in capsys.readouterr().err
