"""The folder a pull request is judged in: written from git objects, never a checkout of the pull request.

The checker reads folders (the signatures, ``[tool.petition]``, the keys, the letter's versions, the
namesakes). For a pull request it is given a temporary folder written from blobs
(``git ls-tree``, ``git cat-file --batch``):

* the rules, that is everything outside the signatures folder, from one trusted commit: the base
  branch's tip, or the head when a maintainer opened the pull request (petition.review.pullrequest);
* the signatures folder of the base branch's tip with the pull request's changes to it applied: the
  collection as it will be once merged, so duplicates are found against the base as it is now.
  Only the pull request's files, and those of the base tip that the work tree does not hold as they
  are, are written; the others are read where they are, in the work tree, which git reports
  identical to the base tip's blobs (in judge.yml the work tree is the default branch's checkout).

Blobs are written as bytes: no ``.gitattributes``, filter, hook or checkout runs, and nothing
written is ever imported or run. In the signatures folder a symlink is written as a symlink
(the checker refuses it, never following it) and a submodule as an empty folder (refused as a
folder); outside it only regular files are written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from petition.check.cache import CACHE_DIR
from petition.problems import WARNING, Problem
from petition.review.git import (
    EMPTY_MODE,
    GITLINK_MODE,
    Change,
    TreeEntry,
    blob_stream,
    read_blobs,
    tree_entries,
    tree_names,
    worktree_changes,
)
from petition.settings import Settings, petition_section, settings_from_pyproject

SYMLINK_MODE = "120000"
PYPROJECT = "pyproject.toml"


@dataclasses.dataclass(frozen=True)
class Judged:
    """The written folder, the settings read from it (their ``root`` is the folder), and where to read
    each file of the collection: shown path (as in the repository) to the path of its bytes."""

    root: Path
    settings: Settings
    collection: dict[str, str]


def rules_settings(repo: Path, commit: str, prefix: str, root: Path) -> Settings:
    """``[tool.petition]`` of a commit's pyproject.toml (defaults if it has none), rooted at ``root``."""
    name = f"{commit}:{prefix}{PYPROJECT}"
    return settings_from_pyproject(read_blobs(repo, [name]).get(name), root)


def _safe(path: str) -> bool:
    parts = path.split("/")
    return bool(path) and not path.startswith("/") and all(p not in ("", ".", "..", ".git") for p in parts)


def rules_entries(repo: Path, rules: str, prefix: str, signatures_dir: str) -> list[TreeEntry]:
    """The rules commit's files outside the signatures folder (and the cache), relative to ``prefix``."""
    folder = signatures_dir.strip("/") + "/"
    caches = CACHE_DIR.split("/")[0] + "/"
    out = []
    for entry in tree_entries(repo, rules, prefix, skip=prefix + folder):
        path = entry.path[len(prefix) :]
        if entry.path.startswith(prefix) and not path.startswith((folder, caches)) and _safe(path):
            out.append(dataclasses.replace(entry, path=path))
    return out


def signature_sources(
    repo: Path, base_tip: str, prefix: str, signatures_dir: str, changes: list[Change]
) -> tuple[list[TreeEntry], dict[str, str]]:
    """The collection as it will be once merged: the base tip's signatures with the pull request's
    ``changes`` (merge base to head) applied, relative to ``prefix``.

    Returned as the entries to write from blobs (the pull request's files, and the base tip's that
    the work tree does not hold as they are) and, for the rest, their paths in the work tree, which
    git reports identical to the base tip's blobs: 100,000 files are not written again.
    """
    folder = signatures_dir.strip("/") + "/"
    changed = {c.path: c for c in changes if c.path.startswith(folder)}
    names = [n[len(prefix) :] for n in tree_names(repo, base_tip, prefix + folder) if n.startswith(prefix)]
    differing = worktree_changes(repo, base_tip, prefix + folder)
    if differing is None:  # no work tree: every file from its blob
        differing = [
            Change("M", e.path, e.blob, None, e.mode, EMPTY_MODE) for e in tree_entries(repo, base_tip, prefix + folder)
        ]
    from_blobs = {c.path[len(prefix) :]: c for c in differing if c.path.startswith(prefix) and c.old_blob}
    write: list[TreeEntry] = []
    in_place: dict[str, str] = {}
    here = str(repo.absolute()) + os.sep  # a string join: 100,000 Path objects cost seconds
    for name in names:
        if name in changed or not _safe(name):
            continue
        if name in from_blobs:
            write.append(TreeEntry(name, from_blobs[name].old_mode, from_blobs[name].old_blob or ""))
        else:
            in_place[name] = here + name if os.sep == "/" else here + name.replace("/", os.sep)
    for path, change in changed.items():
        if change.status != "D" and change.new_blob is not None and _safe(path):
            write.append(TreeEntry(path, change.new_mode, change.new_blob))
    return write, in_place


def write_entries(repo: Path, entries: list[TreeEntry], dest: Path, max_bytes: int | None = None) -> None:
    """Write the entries' blobs under ``dest``: regular files first, then symlinks and submodules, so that
    no folder is ever made or written through a symlink.

    ``max_bytes`` is given for signature files: a symlink is then written as a symlink and a submodule
    as an empty folder, for the checker to refuse, and a blob over ``max_bytes`` becomes a sparse file
    of its size (refused by size before it is read; no pull request fills the disk). Otherwise only
    regular files are written.
    """
    files = [e for e in entries if e.mode not in (SYMLINK_MODE, GITLINK_MODE)]
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    made: set[str] = set()
    for entry, (_, size, stream) in zip(files, blob_stream(repo, [e.blob for e in files])):
        sparse = max_bytes is not None and size > max_bytes
        data = b"" if sparse else stream.read(size)
        if sparse:
            _skip(stream, size)
        parent = os.path.dirname(entry.path)
        try:
            if parent not in made:
                os.makedirs(dest / parent, exist_ok=True)
                made.add(parent)
            fd = os.open(dest / entry.path, flags, 0o644)
        except OSError:  # a path a file already holds (a maintainer's head turning a folder into a file)
            continue
        try:
            if sparse:
                os.ftruncate(fd, size)
            else:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    if max_bytes is None:
        return
    # Deepest first, and never below a symlink: "a/b" is made before "a" could become a link.
    specials = sorted(
        (e for e in entries if e.mode in (SYMLINK_MODE, GITLINK_MODE)), key=lambda e: e.path, reverse=True
    )
    targets = read_blobs(repo, [e.blob for e in specials if e.mode == SYMLINK_MODE])
    top = os.path.realpath(dest)
    for entry in specials:
        parent = os.path.dirname(entry.path)
        if os.path.realpath(dest / parent) != os.path.join(top, *parent.split("/")):
            continue
        with contextlib.suppress(OSError):  # the path is taken: the checker sees what holds it
            os.makedirs(dest / parent, exist_ok=True)
            if entry.mode == GITLINK_MODE:
                os.mkdir(dest / entry.path)
            else:
                os.symlink(targets.get(entry.blob, b"missing"), dest / entry.path)


def overlay(repo: Path, changes: list[Change], dest: Path, max_bytes: int) -> None:
    """Write these changes' head blobs over what the folder holds at their paths: a pull request's data
    files the checker is to check (responses, delivery records), never its rules."""
    entries = [TreeEntry(c.path, c.new_mode, c.new_blob) for c in changes if c.new_blob is not None and _safe(c.path)]
    for entry in entries:
        with contextlib.suppress(FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
            os.unlink(dest / entry.path)
    write_entries(repo, entries, dest, max_bytes)


def _skip(stream, size: int) -> None:
    while size > 0:
        chunk = stream.read(min(size, 1 << 20))
        if not chunk:
            return
        size -= len(chunk)


@contextlib.contextmanager
def judged_folder(repo: Path, rules: str, base_tip: str, prefix: str, changes: list[Change]) -> Iterator[Judged]:
    """The folder to judge a pull request in, removed afterwards (see the module's docstring)."""
    with tempfile.TemporaryDirectory(prefix="petition-judge-") as tmp:
        root = Path(tmp)
        settings = rules_settings(repo, rules, prefix, root)
        signatures, in_place = signature_sources(repo, base_tip, prefix, settings.signatures_dir, changes)
        write_entries(repo, rules_entries(repo, rules, prefix, settings.signatures_dir), root)
        write_entries(repo, signatures, root, settings.max_file_bytes)
        os.makedirs(settings.signatures_path, exist_ok=True)
        collection = {**in_place, **{e.path: str(root / e.path) for e in signatures}}
        # The site reads no sub-folder: files further down belong to no collection (a pull request's
        # own are refused by their place).
        depth = settings.signatures_dir.strip("/").count("/") + 1
        collection = {shown: path for shown, path in collection.items() if shown.count("/") == depth}
        yield Judged(root, settings, collection)


def outside_problem(change: Change, blobs: dict[str, bytes]) -> Problem:
    """A non-maintainer's change outside the signatures folder: it needs a maintainer, and judges nothing.

    Whatever the file (the settings, the keys, the letter's versions, the namesakes, the code, any
    other folder), the pull request is judged by the base branch's version of it until merged."""
    if change.path == PYPROJECT and petition_section(blobs.get(change.old_blob or "", b"")) != petition_section(
        blobs.get(change.new_blob or "", b"")
    ):
        return Problem(
            change.path,
            1,
            "this pull request changes the petition's settings ([tool.petition]): a maintainer must review "
            "that change. It takes effect only once merged; until then this pull request is judged by the "
            "base branch's settings.",
            "settings-change",
            WARNING,
        )
    return Problem(
        change.path,
        1,
        "this pull request changes a file outside signatures/: a maintainer must review that change, which "
        "takes effect only once merged (this pull request is judged by the base branch's version of it). "
        "(To sign, a pull request needs only your own file in signatures/.)",
        "outside-signatures",
        WARNING,
    )
