"""What a person reads in a terminal: a check's problems and verdict, a pull request's review. Nothing here decides."""

from __future__ import annotations

from petition.check.collection import CheckResult
from petition.problems import Problem
from petition.report import rowformat
from petition.review.pullrequest import Review


def location(problem: Problem) -> str:
    """“file:line”, or the place alone for problems outside any file (line 0: a commit, say)."""
    return f"{problem.path}:{problem.line}" if problem.line > 0 else problem.path


def text(result: CheckResult) -> str:
    lines = [f"{location(p)}: {p.message}" for p in result.problems]
    files = len(result.checked)
    if result.ok:
        lines.append(
            f"All {files} signature file{'s' if files != 1 else ''} are valid."
            if files != 1
            else "The signature file is valid."
        )
    else:
        checked = set(result.checked)
        bad = [path for path in result.invalid_files if path in checked]
        # Problems elsewhere (the settings, the namesakes list, a commit) are named, not counted as signature files.
        places = ([f"{len(bad)} of {files} file{'s' if files != 1 else ''}"] if bad else []) + [
            path for path in result.invalid_files if path not in checked
        ]
        lines.append(
            f"{len(result.problems)} problem{'s' if len(result.problems) != 1 else ''} in "
            f"{' and '.join(places)}. Fix them and run the check again."
        )
    return "\n".join(lines) + "\n"


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def review_text(review: Review) -> str:
    lines = [f"{location(p)}: {p.message}" for p in review.refused]
    lines += [f"{location(p)}: needs a maintainer: {p.message}" for p in review.needs_maintainer]
    for entry in review.added:
        lines.append(f"{entry.path}: adds “{rowformat.row_text(rowformat.to_row(entry))}”")
    for path in review.withdrawn:
        lines.append(f"{path}: withdraws this signature")
    if not review.identity_checked:
        lines.append(
            "The pull request's author is unknown (give --author LOGIN): the GitHub user names in "
            "signature files were not compared with it."
        )
    if review.refused:
        lines.append(
            f"Refused: {plural(len(review.refused), 'problem', 'problems')} to fix. Fix them and push "
            "again; the check runs again by itself."
        )
    else:
        todo = len(review.checklist) + len(review.needs_maintainer)
        note = f" A maintainer must still confirm {plural(todo, 'thing', 'things')}." if todo else ""
        lines.append(f"Nothing to fix in {plural(len(review.changes), 'changed file', 'changed files')}.{note}")
    return "\n".join(lines) + "\n"
