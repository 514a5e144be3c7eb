"""Check a pull request: the change between a base and HEAD, not just the files in it.

Git is read through plumbing commands (``git diff --raw -z``, ``git cat-file --batch``, ``git log -z``);
nothing here calls GitHub. Who opened the pull request, and how GitHub relates them to the
repository, come from the caller (``--author``, ``--author-association``, or the Actions event).

Two kinds of result, so that a reviewer sees only what needs them:

* refused (severity ``error``): the signer must fix it; CI fails;
* needs a maintainer (severity ``warning``): nothing to fix, but a human must look before merging.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from petition.check import guard, lifecycle
from petition.check.cache import CACHE_DIR
from petition.check.collection import CheckResult, check
from petition.check.onefile import Entry
from petition.load.document import decode, parse
from petition.model.fields import MAINTAINERS_ONLY
from petition.problems import ERROR, WARNING, Problem, show
from petition.review.context import Context
from petition.review.git import (
    GITLINK_MODE,
    Change,
    _git_prefix,
    added_lines,
    changes,
    commits,
    merge_base,
    read_blobs,
    resolve,
)
from petition.review.history import commit_problems, history_problems
from petition.review.tree import Judged, judged_folder, outside_problem, overlay
from petition.settings import Settings


@dataclasses.dataclass(frozen=True)
class ChecklistItem:
    path: str
    text: str


@dataclasses.dataclass
class Review:
    """Everything a pull request's check found, as data for the reporters and the comment."""

    context: Context
    signatures_dir: str
    base: str  # the merge base the change is measured from
    head: str
    changes: list[Change]
    commits: list[str]
    result: CheckResult  # file checks and pull-request rules together
    added: list[Entry]
    edited: list[Entry]
    withdrawn: list[str]
    checklist: list[ChecklistItem]
    base_tip: str = ""  # the base branch as it is now: the collection the duplicates are found in
    rules: str = ""  # the commit whose settings, keys, letter versions and namesakes judged: the base tip's,
    # or the head's for a maintainer

    @property
    def ok(self) -> bool:
        return self.result.ok

    @property
    def refused(self) -> list[Problem]:
        return [p for p in self.result.problems if p.severity == ERROR]

    @property
    def needs_maintainer(self) -> list[Problem]:
        return [p for p in self.result.problems if p.severity == WARNING]

    @property
    def identity_checked(self) -> bool:
        return self.context.author is not None or self.context.maintainer

    @property
    def signatures_only(self) -> bool:
        """Whether the change touches nothing but signature files (CI then skips the code's tests)."""
        return all(c.path.startswith(self.signatures_dir + "/") for c in self.changes)


# ---------------------------------------------------------------------------------------------
# Git plumbing


# ---------------------------------------------------------------------------------------------
# The rules


def _fields(data: bytes | None, shown: str) -> tuple[dict[str, str], dict[str, int]]:
    """A signature file's raw fields and their lines, or nothing when it does not parse."""
    if data is None:
        return {}, {}
    text, _ = decode(data, shown)
    if text is None:
        return {}, {}
    parsed, _ = parse(text, shown)
    return parsed if parsed is not None else ({}, {})


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def _record_folders(settings: Settings) -> set[str]:
    return {settings.responses_dir.rstrip("/"), settings.delivered_dir.rstrip("/")}


def _is_signature_file(path: str, settings: Settings) -> bool:
    """Directly in the signatures folder (the site reads no sub-folder)."""
    return guard.in_signatures(path, settings) and "/" not in path[len(settings.signatures_dir.rstrip("/")) + 1 :]


def signature_rules(change: Change, blobs: dict[str, bytes], ctx: Context, first_added: int) -> list[Problem]:
    """Identity binding and the maintainer-only ``source`` for one change in signatures/."""
    if ctx.maintainer:
        return []
    path = change.path
    old, _ = _fields(blobs.get(change.old_blob or ""), path) if change.status != "A" else ({}, {})
    new, new_lines = _fields(blobs.get(change.new_blob or ""), path) if change.status != "D" else ({}, {})
    owner = old.get("github")
    login = new.get("github")
    author = ctx.author
    problems: list[Problem] = []

    if change.status != "A":
        verb = "remove" if change.status == "D" else "change"
        if not owner:
            problems.append(
                Problem(
                    path,
                    first_added if change.status != "D" else 1,
                    "this signature names no GitHub account, so nothing shows that it is yours: a "
                    "maintainer must confirm with its signer before this "
                    f"{'withdrawal' if change.status == 'D' else 'change'} is merged.",
                    "unowned",
                    WARNING,
                )
            )
        elif author is not None and not _same(owner, author):
            problems.append(
                Problem(
                    path,
                    first_added if change.status != "D" else 1,
                    f"this signature belongs to the GitHub account {show(owner)}, and this pull request "
                    f"comes from {show(author)}: only its signer or a maintainer may {verb} it. "
                    + (
                        "To ask for a signature to be withdrawn, open a “Withdraw a signature” issue."
                        if change.status == "D"
                        else "If it is yours, open the pull request from that account; otherwise leave "
                        "the file as it was."
                    ),
                    "delete-other" if change.status == "D" else "edit-other",
                )
            )
            return problems  # the file is not theirs: the finer rules below would only repeat it
    if change.status == "D":
        return problems

    if login and author is not None and not _same(login, author):
        problems.append(
            Problem(
                path,
                new_lines.get("github", 1),
                f"“github” names the GitHub account {show(login)}, but this pull request comes from "
                f"{show(author)}: a signer may only name their own account. Put your own GitHub user name "
                "here, or delete the line.",
                "identity",
            )
        )
    for declared in MAINTAINERS_ONLY:  # source: founding, imported, email...
        value = new.get(declared.name)
        if value is not None and value != old.get(declared.name):
            problems.append(
                Problem(
                    path,
                    new_lines.get(declared.name, 1),
                    f"“{declared.name}” is set by the maintainers only, for signatures they record themselves: "
                    "delete this line.",
                    f"{declared.name}-maintainers",
                )
            )
    return problems


def checklist(added: list[Entry], edited: list[Entry], ctx: Context) -> list[ChecklistItem]:
    """What CI cannot judge about the signatures and the reviewer must still confirm.

    The "needs a maintainer" problems come on top of it; reporters show them apart."""
    items = []
    for entry in added:
        sig = entry.signature
        name = show(sig.name, 80)
        if sig.type == "organization":
            text = f"{name} is a real organisation that endorses the letter, and whoever signed may speak for it"
        else:
            text = f"{name} is a real person who endorses the letter"
        if sig.github and ctx.author and _same(sig.github, ctx.author):
            text += (
                " (the file names the GitHub account that opened this pull request, "
                f"{show(sig.github)}: its profile may help)"
            )
        elif sig.website:
            text += " (the website given may help)"
        else:
            text += (
                " (nothing in the file ties it to the pull request's author: if in doubt, write to "
                "the signer through the encrypted contact)"
            )
        items.append(ChecklistItem(entry.path, text + "."))
    for entry in edited:
        items.append(
            ChecklistItem(
                entry.path,
                f"the change to the signature of {show(entry.signature.name, 80)} is one its signer wants "
                "(compare the name with the file's history).",
            )
        )
    return items


# ---------------------------------------------------------------------------------------------
# The whole check


def review(
    settings: Settings,
    base_ref: str,
    ctx: Context,
    today: dt.date | None = None,
    cache: bool = False,
    head_ref: str = "HEAD",
) -> Review:
    """Judge the change from ``base_ref`` to ``head_ref`` in the git repository at ``settings.root``.

    The pull request is read as git objects and nothing of it runs: its files are data, checked in a
    folder written from blobs (petition.review.tree) under the rules of the base branch's tip
    (``[tool.petition]``, keys, letter versions, namesakes), or of the head for a maintainer; the
    work tree is read only where git vouches that it holds the base tip's blobs. ``cache``: reuse
    (and update) the content cache of ``settings.root``.
    """
    repo = settings.root
    head = resolve(repo, head_ref)
    base_tip = resolve(repo, base_ref)
    base = merge_base(repo, base_tip, head)
    prefix = _git_prefix(repo)
    found = [
        dataclasses.replace(c, path=c.path[len(prefix) :])
        for c in changes(repo, base, head)
        if c.path.startswith(prefix)
    ]
    found.sort(key=lambda c: c.path)
    rules = head if ctx.maintainer else base_tip
    with judged_folder(repo, rules, base_tip, prefix, found) as judged:
        return _judge(repo, judged, ctx, today, cache, base_ref, Commits(base, base_tip, head, rules), prefix, found)


@dataclasses.dataclass(frozen=True)
class Commits:
    base: str  # where the pull request started (the merge base)
    base_tip: str
    head: str
    rules: str


def _judge(
    repo: Path,
    judged: Judged,
    ctx: Context,
    today: dt.date | None,
    cache: bool,
    base_ref: str,
    at: Commits,
    prefix: str,
    found: list[Change],
) -> Review:
    """The rules of a change, judged in the folder written for it (the repository's git objects at ``repo``)."""
    settings = judged.settings
    root = settings.root  # the judged folder
    history = commits(repo, at.base, at.head)
    blobs = read_blobs(
        repo, [b for c in found for b in (c.old_blob, c.new_blob) if b and GITLINK_MODE not in (c.old_mode, c.new_mode)]
    )

    problems: list[Problem] = []
    new_lines: dict[str, list[tuple[int, str]]] = {}
    for change in found:
        if change.new_blob is not None and change.new_blob in blobs:
            new_lines[change.path] = added_lines(blobs.get(change.old_blob or ""), blobs[change.new_blob])
        if change.new_blob is not None:  # a deletion adds nothing, its name included
            problems.extend(guard.scan_lines(change.path, new_lines.get(change.path, []), settings))
    # (path, text) of each line still holding an address; a file's name is reported under its redacted
    # path, with no text.
    at_head = {(p.path, dict(new_lines.get(p.path, [])).get(p.line)) for p in problems if p.code == "plaintext-email"}

    sig_changes = [c for c in found if guard.in_signatures(c.path, settings)]
    caches = CACHE_DIR.split("/")[0] + "/"
    for change in found:
        if change.path.startswith(caches) and change.status != "D":
            # The build trusts what it finds there: a committed cache could publish a file no check has passed.
            problems.append(
                Problem(
                    change.path,
                    1,
                    f"this file belongs to the build's cache ({caches}), which every machine makes for "
                    "itself and which is never committed: remove it from the pull request.",
                    "cache-committed",
                )
            )
        if change not in sig_changes and not ctx.maintainer:
            problems.append(outside_problem(change, blobs))
    for change in sig_changes:
        if not _is_signature_file(change.path, settings):
            if change.status != "D":
                problems.append(
                    Problem(
                        change.path,
                        1,
                        f"signature files sit directly in {settings.signatures_dir}/, not in a "
                        f"sub-folder: move it to {settings.signatures_dir}/{Path(change.path).name}.",
                        "file-location",
                    )
                )
            continue
        first = new_lines.get(change.path, [(1, "")])
        problems.extend(signature_rules(change, blobs, ctx, first[0][0] if first else 1))

    new_files = sorted(c.path for c in sig_changes if c.status == "A" and _is_signature_file(c.path, settings))
    if not ctx.maintainer and len(new_files) > settings.max_new_signatures:
        limit = settings.max_new_signatures
        problems.append(
            Problem(
                new_files[limit],
                1,
                f"this pull request adds {len(new_files)} signatures, more than the {limit} that a pull "
                "request from someone who is not a maintainer may add (each person signs for "
                "themselves): a maintainer must confirm every one of them.",
                "too-many-signatures",
                WARNING,
            )
        )
    branch = base_ref.removeprefix("origin/")
    problems.extend(commit_problems(history, settings, branch))
    problems.extend(history_problems(repo, history, settings, prefix, branch, at_head))

    # The file checks: the pull request's signature files against the whole collection as it will be
    # once merged (the base branch's tip, not where the pull request started), with the namesakes
    # of the rules' commit: a maintainer confirms namesakes on the base branch, then re-runs the check.
    targets = [c for c in sig_changes if c.status != "D" and _is_signature_file(c.path, settings)]
    # The other kinds' files it adds or changes (responses, delivery records): checked as every check does.
    records = [c for c in found if c.status != "D" and str(Path(c.path).parent) in _record_folders(settings)]
    overlay(repo, records, root, settings.max_file_bytes)  # the judged folder holds the rules' version
    if targets or records:
        paths = [root / c.path for c in targets + records]
        files = check(settings, paths, today, cache=cache, cache_dir=repo / CACHE_DIR, collection=judged.collection)
    else:
        files = CheckResult([], [], [])
    # New files must endorse the current text of the letter, and the letter must still be open.
    status = {c.path: c.status for c in targets}
    # Only the pull request's own entries: the collection's other 100,000 would cost seconds to build for nothing.
    entries = files.entries_of(status)
    for entry in entries:
        if status.get(entry.path) == "A":
            problems.extend(lifecycle.new_file_problems(entry, settings, today))
    guarded = {(p.path, p.line) for p in files.problems if p.code == "plaintext-email"}
    problems = [p for p in problems if not (p.code == "plaintext-email" and (p.path, p.line) in guarded)]
    all_problems = sorted(
        set(files.problems + problems), key=lambda p: (p.severity != ERROR, p.path, p.line, p.message)
    )
    result = CheckResult(files.checked, entries, all_problems)

    bad = {p.path for p in all_problems if p.severity == ERROR}
    added = [e for e in entries if status.get(e.path) == "A" and e.path not in bad]
    edited = [e for e in entries if status.get(e.path) in ("M", "T") and e.path not in bad]
    withdrawn = [
        c.path for c in sig_changes if c.status == "D" and _is_signature_file(c.path, settings) and c.path not in bad
    ]
    # Paths are shown in logs and the comment: an address in a file's name is shown as "…" everywhere.
    result.problems = sorted(
        {dataclasses.replace(p, path=guard.redacted(p.path, settings)) for p in all_problems},
        key=lambda p: (p.severity != ERROR, p.path, p.line, p.message),
    )
    return Review(
        ctx,
        settings.signatures_dir.rstrip("/"),
        at.base,
        at.head,
        [dataclasses.replace(c, path=guard.redacted(c.path, settings)) for c in found],
        [c.sha for c in history],
        result,
        added,
        edited,
        [guard.redacted(path, settings) for path in withdrawn],
        checklist(added, edited, ctx),
        at.base_tip,
        at.rules,
    )


# ---------------------------------------------------------------------------------------------
# The pull request's context from GitHub Actions
