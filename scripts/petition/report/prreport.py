"""Format a pull request's Review: terminal text, step summary, JSON report. Nothing here decides.

The JSON report is all the comment workflow gets (it never runs the pull request's code), so it
carries everything the comment shows: problems, each added signature's public fields, withdrawals,
and the reviewer's checklist.
"""

from __future__ import annotations

import json

pass
from petition.problems import Problem
from petition.report import rowformat
from petition.report.checkreport import _md, location, signatures
from petition.review.pullrequest import Review

REPORT_FORMAT = "petition-review/1"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def text(review: Review) -> str:
    lines = [f"{location(p)}: {p.message}" for p in review.refused]
    lines += [f"{location(p)}: needs a maintainer: {p.message}" for p in review.needs_maintainer]
    for entry in review.added:
        lines.append(f"{entry.path}: adds “{rowformat.row_text(rowformat.to_row(entry))}”")
    for path in review.withdrawn:
        lines.append(f"{path}: withdraws this signature")
    if not review.identity_checked:
        lines.append("The pull request's author is unknown (give --author LOGIN): the GitHub user names in signature files were not compared with it.")
    if review.refused:
        lines.append(f"Refused: {_plural(len(review.refused), 'problem', 'problems')} to fix. Fix them and push again; the check runs again by itself.")
    else:
        todo = len(review.checklist) + len(review.needs_maintainer)
        note = f" A maintainer must still confirm {_plural(todo, 'thing', 'things')}." if todo else ""
        lines.append(f"Nothing to fix in {_plural(len(review.changes), 'changed file', 'changed files')}.{note}")
    return "\n".join(lines) + "\n"


def _problem_rows(problems: list[Problem]) -> str:
    rows = "".join(f"| `{_md(location(p))}` | {_md(p.message)} |\n" for p in problems)
    return "| Where | What |\n|---|---|\n" + rows


def step_summary(review: Review) -> str:
    out = ["## Pull request check\n"]
    if review.refused:
        out.append(f"**Refused**: {_plural(len(review.refused), 'problem', 'problems')} for the author to fix.\n\n{_problem_rows(review.refused)}")
    else:
        out.append("Nothing refused.\n")
    if review.needs_maintainer:
        out.append(f"**Needs a maintainer**: {_plural(len(review.needs_maintainer), 'thing', 'things')}.\n\n{_problem_rows(review.needs_maintainer)}")
    if review.added:
        rows = [rowformat.to_row(e) for e in review.added]
        # An HTML block: Markdown never sees the signer's text, which row_html has escaped.
        out.append("### As the list of signatories will show it\n\n<ul>\n" + "\n".join(rowformat.row_html(r) for r in rows) + "\n</ul>\n")
        out.append("Plain text:\n\n" + "".join(f"- `{_md(r.slug)}`: {_md(rowformat.row_text(r))}\n" for r in rows))
    if review.withdrawn:
        out.append("### Withdrawn by their signers\n\n" + "".join(f"- `{_md(p)}`\n" for p in review.withdrawn))
    if review.checklist:
        also = " (and each thing under “Needs a maintainer” above)" if review.needs_maintainer else ""
        out.append(f"### The reviewer still confirms{also}\n\n" + "".join(f"- [ ] `{_md(i.path)}`: {_md(i.text)}\n" for i in review.checklist))
    elif not review.refused and not review.needs_maintainer:
        out.append("Nothing needs a human.\n")
    return "\n".join(out)


def signature_data(entry) -> dict[str, str]:
    row = rowformat.to_row(entry)
    data = {"path": entry.path, **{k: v for k, v in row.export().items() if v}}
    data["text"] = rowformat.row_text(row)
    data["html"] = rowformat.row_html(row)
    return data


def as_data(review: Review) -> dict:
    result = review.result
    ctx = review.context
    return {
        "format": REPORT_FORMAT,
        "ok": result.ok,
        "checked": result.checked,
        "problems": [p.as_dict() for p in result.problems],
        "signatures": signatures(result),
        "pull_request": {
            "number": ctx.number,
            "head_sha": ctx.head_sha or review.head,
            "base": review.base,
            "head": review.head,
            "author": ctx.author,
            "association": ctx.association,
            "maintainer": ctx.maintainer,
            "identity_checked": review.identity_checked,
            "signatures_only": review.signatures_only,
            "changes": [{"status": c.status, "path": c.path} for c in review.changes],
            "commits": review.commits,
            "added": [signature_data(e) for e in review.added],
            "edited": [signature_data(e) for e in review.edited],
            "withdrawn": review.withdrawn,
            "refused": len(review.refused),
            "needs_maintainer": len(review.needs_maintainer),
            "confirm": [{"path": i.path, "text": i.text} for i in review.checklist],
        },
    }


def as_json(review: Review) -> str:
    return json.dumps(as_data(review), ensure_ascii=False, indent=2) + "\n"
