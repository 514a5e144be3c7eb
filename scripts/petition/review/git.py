"""Reading a pull request out of git: plumbing commands only (``git diff --raw -z``, ``git cat-file --batch``, ``git log
-z``), nothing that calls GitHub.
"""

from __future__ import annotations

import dataclasses
import difflib
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from petition.check import guard
from petition.problems import show


class GitError(Exception):
    """Git could not answer: the message says what to do, in one line."""


@dataclasses.dataclass(frozen=True)
class Change:
    status: str  # A added, M modified, D deleted, T type changed (git's letters; no renames)
    path: str  # relative to the repository root, forward slashes
    old_blob: str | None
    new_blob: str | None
    old_mode: str
    new_mode: str


@dataclasses.dataclass(frozen=True)
class Commit:
    sha: str
    author_email: str
    committer_email: str
    message: str
    author_name: str = ""
    committer_name: str = ""
    parents: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class TreeEntry:
    path: str  # relative to the top of the commit's tree, forward slashes
    mode: str  # git's: 100644, 100755 a file, 120000 a symlink, 160000 a submodule
    blob: str


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    command = ["git", "-c", "core.quotepath=false", "-c", "log.showSignature=false", *args]
    try:
        proc = subprocess.run(command, cwd=root, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed: install git to check a pull request.") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(detail[-1] if detail else f"git {args[0]} failed")
    return proc.stdout


def resolve(root: Path, ref: str) -> str:
    """The commit a ref names, or GitError with what to do."""
    if ref.startswith("-"):
        raise GitError(f"{show(ref)} is not a branch or commit name.")
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(
            f"{show(ref)} is not a branch or commit in this repository: fetch it first (for example “git "
            "fetch origin main”) or name another."
        ) from None


def merge_base(root: Path, base: str, head: str) -> str:
    try:
        return _git(root, "merge-base", base, head).decode().strip()
    except GitError:
        raise GitError(
            "the base and HEAD share no history: check that you named the branch the pull request goes into."
        ) from None


def changes(root: Path, base: str, head: str) -> list[Change]:
    """Every changed path between two commits, renames split into a deletion and an addition."""
    return _raw_changes(_git(root, "diff", *_RAW_DIFF, base, head, "--"))


def worktree_changes(root: Path, commit: str, under: str) -> list[Change] | None:
    """Every path under a folder (from the top of the tree) where the work tree differs from a commit (the
    commit's side is ``old``); None when there is no work tree to compare."""
    try:
        return _raw_changes(_git(root, "diff", *_RAW_DIFF, commit, "--", ":(top)" + under.rstrip("/") + "/"))
    except GitError:
        return None


_RAW_DIFF = (
    "--raw",
    "-z",
    "--no-renames",
    "--no-abbrev",
    "--no-ext-diff",
    "--no-textconv",
    "--ignore-submodules=none",
)


def _raw_changes(out: bytes) -> list[Change]:
    fields = out.split(b"\0")
    found: list[Change] = []
    i = 0
    while i + 1 < len(fields) and fields[i]:
        meta = fields[i].decode("ascii").lstrip(":").split()
        path = fields[i + 1].decode("utf-8", "surrogateescape")
        old_mode, new_mode, old_blob, new_blob, status = meta[0], meta[1], meta[2], meta[3], meta[4][0]
        null = "0" * len(old_blob)
        found.append(
            Change(
                status=status,
                path=path,
                old_blob=None if old_blob == null or old_mode == EMPTY_MODE else old_blob,
                new_blob=None if new_blob == null or new_mode == EMPTY_MODE else new_blob,
                old_mode=old_mode,
                new_mode=new_mode,
            )
        )
        i += 2
    return found


def commits(root: Path, base: str, head: str) -> list[Commit]:
    """The commits the pull request brings (reachable from head, not from base), oldest first."""
    out = _git(
        root,
        "log",
        "-z",
        "--reverse",
        "--no-color",
        "--format=%H%x1f%ae%x1f%ce%x1f%an%x1f%cn%x1f%P%x1f%B",
        f"{base}..{head}",
        "--",
    )
    found = []
    for record in out.split(b"\0"):
        if not record.strip():
            continue
        fields = record.decode("utf-8", "replace").lstrip("\n").split("\x1f", 6)
        sha, author, committer, author_name, committer_name, parents, message = fields
        found.append(Commit(sha, author, committer, message, author_name, committer_name, tuple(parents.split())))
    return found


def tree_entries(root: Path, commit: str, under: str = "", skip: str = "") -> list[TreeEntry]:
    """Every file, symlink and submodule of a commit's tree (under a folder, if given), by ``git ls-tree``.

    ``skip``: a folder (from the top of the tree) whose files are not listed, nor even read: the rules
    of a pull request are everything but the 100,000 signature files.
    """
    if not skip.strip("/"):
        return _ls_tree(root, commit, under, True)
    skip = skip.strip("/")
    found: list[TreeEntry] = []
    pending = [under.rstrip("/")]
    while pending:
        for entry in _ls_tree(root, commit, pending.pop(), False):
            if entry.mode != TREE_MODE:
                found.append(entry)
            elif skip.startswith(entry.path + "/"):
                pending.append(entry.path)  # the skipped folder is further down: one level at a time
            elif entry.path != skip:
                found.extend(_ls_tree(root, commit, entry.path, True))
    return found


def _ls_tree(root: Path, commit: str, under: str, recursive: bool) -> list[TreeEntry]:
    spec = [under.rstrip("/") + "/"] if under else []
    out = _git(root, "ls-tree", *(["-r"] if recursive else []), "-z", "--full-tree", commit, "--", *spec)
    found = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, _kind, blob = meta.decode("ascii").split()
        found.append(TreeEntry(path.decode("utf-8", "surrogateescape"), mode, blob))
    return found


TREE_MODE = "040000"


def tree_names(root: Path, commit: str, under: str) -> list[str]:
    """The paths of a commit's files under a folder, relative to the top of its tree (``ls-tree --name-only``)."""
    out = _git(root, "ls-tree", "-r", "-z", "--name-only", "--full-tree", commit, "--", under.rstrip("/") + "/")
    return out.decode("utf-8", "surrogateescape").split("\0")[:-1] if out else []


def blob_stream(root: Path, blobs: list[str]) -> Iterator[tuple[str, int, IO[bytes]]]:
    """(id, size, stream) for each blob, in order, from one ``git cat-file --batch``; read exactly size bytes of it.

    Streamed, so 100,000 files never sit in memory together; the ids go through a file, so git never
    waits on a pipe this process is not reading yet.
    """
    with tempfile.TemporaryFile() as ids:
        ids.write("".join(f"{b}\n" for b in blobs).encode("ascii"))
        ids.seek(0)
        command = ["git", "cat-file", "--batch"]
        with subprocess.Popen(command, cwd=root, stdin=ids, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as proc:
            out = proc.stdout
            assert out is not None
            for blob in blobs:
                header = out.readline().decode("ascii", "replace").split()
                if len(header) != 3:
                    raise GitError(f"git has no object {blob}: fetch the pull request's commits first.")
                yield blob, int(header[2]), out
                out.read(1)  # the newline after the contents
            if proc.wait() != 0:
                raise GitError("git cat-file failed")


def read_blobs(root: Path, blobs: list[str]) -> dict[str, bytes]:
    """The contents of blobs, by id, in one git process."""
    wanted = list(dict.fromkeys(blobs))
    if not wanted:
        return {}
    out = _git(root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in wanted).encode("ascii"))
    found: dict[str, bytes] = {}
    pos = 0
    for blob in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].decode("ascii", "replace").split()
        pos = end + 1
        if len(header) != 3:  # "<id> missing"
            continue
        size = int(header[2])
        found[blob] = out[pos : pos + size]
        pos += size + 1
    return found


def empty_tree(root: Path) -> str:
    """The id of the empty tree, what a commit without parents is compared with."""
    return _git(root, "hash-object", "-t", "tree", "--stdin", stdin=b"").decode().strip()


def _git_prefix(root: Path) -> str:
    """Where the settings' root sits inside the git work tree ("" at its top)."""
    return _git(root, "rev-parse", "--show-prefix").decode("utf-8", "surrogateescape").strip()


def added_lines(old: bytes | None, new: bytes) -> list[tuple[int, str]]:
    """The lines of ``new`` that are not in ``old``, numbered from 1, as a diff shows them."""
    new_lines = guard.split_lines(new.decode("utf-8", "replace"))
    if old is None or len(old) + len(new) > DIFF_LIMIT:
        return list(enumerate(new_lines, start=1))
    old_lines = guard.split_lines(old.decode("utf-8", "replace"))
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    out = []
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            out.extend((j + 1, new_lines[j]) for j in range(j1, j2))
    return out


# Above this size a file is not diffed line by line: every line of it is scanned as added.
DIFF_LIMIT = 256 << 10


GITLINK_MODE = "160000"


EMPTY_MODE = "000000"


def uncommitted(root: Path, *paths: str) -> bool:
    """Whether the working tree differs from HEAD under these paths (changed, staged or untracked files)."""
    return bool(_git(root, "status", "--porcelain", "--untracked-files=all", "--", *paths).strip())
