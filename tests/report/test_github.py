"""What GitHub Actions shows of a check: annotations that no message can break out of, and the step summary."""

from __future__ import annotations

from petition.check.collection import CheckResult
from petition.problems import Problem
from petition.report.github import github, github_annotation, step_summary, write_github_outputs


def test_an_annotation_names_file_and_line_and_escapes_workflow_command_characters():
    problem = Problem("signatures/a,b:c.yaml", 3, "100% wrong\r\n::error::injected")
    assert github_annotation(problem) == (
        "::error file=signatures/a%2Cb%3Ac.yaml,line=3,title=Signature check::100%25 wrong%0D%0A::error::injected"
    )
    # Whatever the message holds, the annotation stays one line: nothing after it starts a command.
    assert "\n" not in github_annotation(problem) and "\r" not in github_annotation(problem)


def test_a_problem_outside_any_file_annotates_the_run_with_its_place():
    problem = Problem("commit 0123456", 0, "the author's address is personal", "commit-email", "warning")
    assert github_annotation(problem) == (
        "::warning title=Signature check::commit 0123456: the author's address is personal"
    )


def test_the_annotations_of_a_check_are_one_line_each():
    result = CheckResult(["signatures/a.yaml"], [], [Problem("signatures/a.yaml", 1, "x"), Problem("b", 2, "y")])
    assert github(result).splitlines() == [
        "::error file=signatures/a.yaml,line=1,title=Signature check::x",
        "::error file=b,line=2,title=Signature check::y",
    ]
    assert github(CheckResult(["signatures/a.yaml"], [], [])) == ""


def test_the_step_summary_neutralises_markdown_in_messages(tmp_path, monkeypatch):
    ok = CheckResult(["signatures/a.yaml", "signatures/b.yaml"], [], [])
    assert step_summary(ok) == "## Signature check\n\nAll 2 checked signature files are valid.\n"
    bad = CheckResult(["signatures/a.yaml"], [], [Problem("signatures/a.yaml", 4, "“x|y” is *not* <b>[ok]</b>")])
    summary = step_summary(bad)
    assert "1 problem(s) to fix" in summary
    assert summary.endswith("| `signatures/a.yaml` | 4 | “x\\|y” is \\*not\\* \\<b\\>\\[ok\\]\\</b\\> |\n")
    # Under Actions: the annotations on standard output, the summary appended to GitHub's file.
    target = tmp_path / "summary.md"
    target.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    write_github_outputs(bad)
    assert target.read_text(encoding="utf-8") == "earlier step\n" + summary
