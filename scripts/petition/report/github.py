"""What GitHub Actions shows: annotations on the files' lines and the step summary, of a check and of a pull request's
review. Nothing here decides.
"""

from __future__ import annotations

import os

from petition.check.collection import CheckResult
from petition.problems import Problem
from petition.report import rowformat
from petition.report.terminal import location, plural
from petition.review.pullrequest import Review


def _escape_data(value: str) -> str:
    # GitHub workflow-command escaping: a message can never start a new command.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    if problem.line <= 0:  # not in a file: an annotation on the run itself, the place in the message
        return (
            f"::{problem.severity} title={_escape_property('Signature check')}"
            f"::{_escape_data(location(problem) + ': ' + problem.message)}"
        )
    return (
        f"::{problem.severity} file={_escape_property(problem.path)},line={problem.line},"
        f"title={_escape_property('Signature check')}::{_escape_data(problem.message)}"
    )


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


def write_github_outputs(result: CheckResult) -> None:
    """Under GitHub Actions: annotations on stdout, and the step summary file."""
    print(github(result), end="")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(step_summary(result))


def _problem_rows(problems: list[Problem]) -> str:
    rows = "".join(f"| `{_md(location(p))}` | {_md(p.message)} |\n" for p in problems)
    return "| Where | What |\n|---|---|\n" + rows


def review_step_summary(review: Review) -> str:
    out = ["## Pull request check\n"]
    if review.refused:
        out.append(
            f"**Refused**: {plural(len(review.refused), 'problem', 'problems')} for the author to "
            f"fix.\n\n{_problem_rows(review.refused)}"
        )
    else:
        out.append("Nothing refused.\n")
    if review.needs_maintainer:
        out.append(
            f"**Needs a maintainer**: {plural(len(review.needs_maintainer), 'thing', 'things')}"
            f".\n\n{_problem_rows(review.needs_maintainer)}"
        )
    if review.added:
        rows = [rowformat.to_row(e) for e in review.added]
        # An HTML block: Markdown never sees the signer's text, which row_html has escaped.
        out.append(
            "### As the list of signatories will show it\n\n<ul>\n"
            + "\n".join(rowformat.row_html(r) for r in rows)
            + "\n</ul>\n"
        )
        out.append("Plain text:\n\n" + "".join(f"- `{_md(r.slug)}`: {_md(rowformat.row_text(r))}\n" for r in rows))
    if review.withdrawn:
        out.append("### Withdrawn by their signers\n\n" + "".join(f"- `{_md(p)}`\n" for p in review.withdrawn))
    if review.checklist:
        also = " (and each thing under “Needs a maintainer” above)" if review.needs_maintainer else ""
        out.append(
            f"### The reviewer still confirms{also}\n\n"
            + "".join(f"- [ ] `{_md(i.path)}`: {_md(i.text)}\n" for i in review.checklist)
        )
    elif not review.refused and not review.needs_maintainer:
        out.append("Nothing needs a human.\n")
    return "\n".join(out)
