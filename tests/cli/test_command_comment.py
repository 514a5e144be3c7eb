"""petition comment: an unusable report, or one for another commit, is refused in one line and hands nothing on."""

from __future__ import annotations

import json

import pytest

from petition.cli import main


@pytest.mark.parametrize(
    "data, args, message",
    [
        (b"{not json", [], "not valid JSON"),
        (b"[1, 2]", [], "not a pull-request report"),
        (json.dumps({"pull_request": {"head_sha": "a" * 40}}).encode(), [], "no pull request number"),
        (
            json.dumps({"pull_request": {"number": 3, "head_sha": "a" * 40}}).encode(),
            ["--head-sha", "b" * 40],
            "not for that commit",
        ),
        (
            json.dumps({"pull_request": {"number": 3, "head_sha": "a" * 40}}).encode(),
            ["--head-sha", "$(id)"],
            "40-digit",
        ),
    ],
)
def test_unusable_reports_are_refused_in_one_line(tmp_path, capsys, monkeypatch, data, args, message):
    output = tmp_path / "github-output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(output))
    path = tmp_path / "report.json"
    path.write_bytes(data)
    code = main(["comment", str(path), *args])
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err
    assert not output.exists()  # no number handed on to the posting step
