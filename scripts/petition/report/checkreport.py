"""Format a CheckResult: terminal text, GitHub annotations and step summary, JSON. Nothing here decides."""

from __future__ import annotations

import json
import os

from petition.check.collection import CheckResult
from petition.problems import Problem


def location(problem: Problem) -> str:
    """“file:line”, or the place alone for problems outside any file (line 0: a commit, say)."""
    return f"{problem.path}:{problem.line}" if problem.line > 0 else problem.path


def text(result: CheckResult) -> str:
    lines = [f"{location(p)}: {p.message}" for p in result.problems]
    files = len(result.checked)
    if result.ok:
        lines.append(f"All {files} signature file{'s' if files != 1 else ''} are valid." if files != 1 else "The signature file is valid.")
    else:
        checked = set(result.checked)
        bad = [path for path in result.invalid_files if path in checked]
        # Problems elsewhere (the settings, the namesakes list, a commit) are named, not counted as signature files.
        places = ([f"{len(bad)} of {files} file{'s' if files != 1 else ''}"] if bad else []) + [path for path in result.invalid_files if path not in checked]
        lines.append(f"{len(result.problems)} problem{'s' if len(result.problems) != 1 else ''} in {' and '.join(places)}. Fix them and run the check again.")
    return "\n".join(lines) + "\n"


def _escape_data(value: str) -> str:
    # GitHub workflow-command escaping: a message can never start a new command.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    if problem.line <= 0:  # not in a file: an annotation on the run itself, the place in the message
        return f"::{problem.severity} title={_escape_property('Signature check')}::{_escape_data(location(problem) + ': ' + problem.message)}"
    return f"::{problem.severity} file={_escape_property(problem.path)},line={problem.line},title={_escape_property('Signature check')}::{_escape_data(problem.message)}"


def github(result: CheckResult) -> str:
    return "".join(github_annotation(p) + "\n" for p in result.problems)


def _md(value: str) -> str:
    """Text for a Markdown table cell: markup neutralised."""
    out = value.replace("\\", "\\\\")
    for ch in "|*_`[]<>#!&":
        out = out.replace(ch, "\\" + ch)
    return out


def step_summary(result: CheckResult) -> str:
    head = "## Signature check\n\n"
    if result.ok:
        return head + f"All {len(result.checked)} checked signature files are valid.\n"
    rows = "".join(f"| `{_md(p.path)}` | {p.line} | {_md(p.message)} |\n" for p in result.problems)
    return head + f"{len(result.problems)} problem(s) to fix:\n\n| File | Line | What to do |\n|---|---|---|\n" + rows


def signatures(result: CheckResult) -> list[dict]:
    """The public fields of the checked files' valid signatures, for the JSON reports.

    Only the checked files' (a check of some files holds the whole collection's), built only for them.
    """
    return [{"path": e.path, "slug": e.slug, **e.signature.public()} for e in result.entries_of(set(result.checked))]


def as_json(result: CheckResult) -> str:
    data = {
        "ok": result.ok,
        "checked": result.checked,
        "problems": [p.as_dict() for p in result.problems],
        "signatures": signatures(result),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_github_outputs(result: CheckResult) -> None:
    """Under GitHub Actions: annotations on stdout, and the step summary file."""
    print(github(result), end="")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(step_summary(result))
