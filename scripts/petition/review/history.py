"""Every commit of a pull request, scanned by the plaintext guard: not just the net change.

An address added in one commit and removed in a later one, or a plain contact later replaced by
the encrypted one, still lands in the public history with a merge or a rebase-merge. So each
commit's added lines (against each of its parents: a merge adds only what none of them had), its
message, and its author's and committer's names and addresses go through the guard's own
recognisers (petition.check.guard). Problems name the commit, the file and the line, never the
address, and tell the signer how to rewrite the history as one clean commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from petition.check import guard
from petition.problems import Problem
from petition.review.git import GITLINK_MODE, Change, Commit, added_lines, changes, empty_tree, read_blobs
from petition.settings import Settings


def rewrite_hint(base_branch: str) -> str:
    """How to replace a pull request's history by one clean commit, in words a signer can follow."""
    return (
        "Rewrite the pull request as one clean commit: on your branch run “git fetch origin”, then "
        f"“git reset --soft $(git merge-base origin/{base_branch} HEAD)”, make sure no file holds the "
        "address, then “git commit” and “git push --force”. If you used GitHub's web editor, close this "
        "pull request and open a new one with only your final file (a maintainer can help)."
    )


def commit_problems(found: Iterable[Commit], settings: Settings, base_branch: str) -> list[Problem]:
    """Personal addresses as a commit's author or committer (name or address), or in its message."""
    problems = []
    hint = rewrite_hint(base_branch)
    for commit in found:
        where, short = f"commit {commit.sha[:12]}", commit.sha[:12]
        for role, name, address in (
            ("author", commit.author_name, commit.author_email),
            ("committer", commit.committer_name, commit.committer_email),
        ):
            if guard.personal_addresses(address, settings):
                problems.append(
                    Problem(
                        where,
                        0,
                        f"the {role} of commit {short} is recorded with a personal email address, which would "
                        "become public in this repository's history. In GitHub, open Settings → Emails and turn "
                        "on “Keep my email addresses private”, and use the address it gives you for commits. " + hint,
                        "commit-email",
                    )
                )
            if guard.personal_addresses(name, settings):
                problems.append(
                    Problem(
                        where,
                        0,
                        f"the {role} name of commit {short} contains an email address, which would become public "
                        "in this repository's history: set your name without it (“git config user.name”). " + hint,
                        "commit-email",
                    )
                )
        for number, line in enumerate(guard.split_lines(commit.message), start=1):
            if guard.personal_addresses(line, settings):
                problems.append(
                    Problem(
                        where,
                        0,
                        f"line {number} of the message of commit {short} contains a plain email address, which "
                        "would become public in this repository's history: write the message without it. " + hint,
                        "commit-message-email",
                    )
                )
    return problems


def added_by(root: Path, commit: Commit, prefix: str) -> dict[str, list[tuple[int, str]]]:
    """The lines each file of a commit adds, relative to the settings' root; against every parent for a merge."""
    parents = commit.parents or (empty_tree(root),)
    per_parent: list[dict[str, Change]] = [
        {c.path: c for c in changes(root, parent, commit.sha) if c.path.startswith(prefix)} for parent in parents
    ]
    paths = set(per_parent[0]).intersection(*per_parent[1:])
    wanted = [
        b
        for found in per_parent
        for path in paths
        for b in (found[path].old_blob, found[path].new_blob)
        if b and GITLINK_MODE not in (found[path].old_mode, found[path].new_mode)
    ]
    blobs = read_blobs(root, wanted)
    out = {}
    for path in sorted(paths):
        new = blobs.get(per_parent[0][path].new_blob or "")
        if new is None:  # deleted, or a submodule
            continue
        lines: set[tuple[int, str]] | None = None
        for found in per_parent:
            these = set(added_lines(blobs.get(found[path].old_blob or ""), new))
            lines = these if lines is None else lines & these
        if lines or all(found[path].status == "A" for found in per_parent):  # a new file: its name too
            out[path[len(prefix) :]] = sorted(lines or ())
    return out


def history_problems(
    root: Path,
    found: list[Commit],
    settings: Settings,
    prefix: str,
    base_branch: str,
    at_head: set[tuple[str, str]],
) -> list[Problem]:
    """One problem per commit whose added lines ever held a personal address.

    ``at_head``: (path, line's text) of the lines the pull request's net change still adds with one
    (the text None for a file's name), which the file's own problem reports; a one-commit pull
    request is then told only that.
    """
    problems = []
    for commit in found:
        places = []
        for path, lines in added_by(root, commit, prefix).items():
            shown = guard.redacted(path, settings)  # a file's name may hold the address too
            for problem in guard.scan_lines(path, lines, settings):
                named = problem.path != path  # the guard reports a name under its redacted path
                text = None if named else dict(lines).get(problem.line)
                if len(found) == 1 and (problem.path, text) in at_head:
                    continue
                places.append(f"{shown}, its name" if named else f"{shown}, line {problem.line}")
        if places:
            short = commit.sha[:12]
            where = "; ".join(places[:5]) + ("; …" if len(places) > 5 else "")
            problems.append(
                Problem(
                    f"commit {short}",
                    0,
                    f"commit {short} adds a plain email address ({where}). Even if a later commit removes it, "
                    "it stays in this repository's public history once merged. " + rewrite_hint(base_branch),
                    "history-email",
                )
            )
    return problems
