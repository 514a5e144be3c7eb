"""The folder a pull request is judged in: written from git objects, never a checkout of the pull request.

The checker reads folders (the signatures, ``[tool.petition]``, the keys, the letter's versions, the
namesakes). For a pull request it is given a temporary folder written from blobs
(``git ls-tree``, ``git cat-file --batch``):

* the rules, that is everything outside the signatures folder, from one trusted commit: the base
  branch's tip, or the head when a maintainer opened the pull request (petition.review.pullrequest);
* the signatures folder of the base branch's tip with the pull request's changes to it applied: the
  collection as it will be once merged, so duplicates are found against the base as it is now.

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
from petition.review.git import GITLINK_MODE, Change, TreeEntry, blob_stream, read_blobs, tree_entries
from petition.settings import Settings, settings_from_pyproject

SYMLINK_MODE = "120000"
PYPROJECT = "pyproject.toml"


@dataclasses.dataclass(frozen=True)
class Judged:
    """The written folder and the settings read from it (their ``root`` is the folder)."""

    root: Path
    settings: Settings


def rules_settings(repo: Path, commit: str, prefix: str, root: Path) -> Settings:
    """``[tool.petition]`` of a commit's pyproject.toml (defaults if it has none), rooted at ``root``."""
    name = f"{commit}:{prefix}{PYPROJECT}"
    return settings_from_pyproject(read_blobs(repo, [name]).get(name), root)


def _safe(path: str) -> bool:
    parts = path.split("/")
    return bool(path) and not path.startswith("/") and all(p not in ("", ".", "..", ".git") for p in parts)


def collection_entries(
    repo: Path, rules: str, base_tip: str, prefix: str, signatures_dir: str, changes: list[Change]
) -> list[TreeEntry]:
    """What to write, relative to ``prefix``: the rules commit's files outside the signatures folder, and
    the base tip's signatures with the pull request's ``changes`` (merge base to head) applied."""
    folder = signatures_dir.strip("/") + "/"
    caches = CACHE_DIR.split("/")[0] + "/"
    out: dict[str, TreeEntry] = {}
    for entry in tree_entries(repo, rules, prefix):
        path = entry.path[len(prefix) :]
        if entry.path.startswith(prefix) and not path.startswith((folder, caches)):
            out[path] = dataclasses.replace(entry, path=path)
    for entry in tree_entries(repo, base_tip, prefix + folder):
        out[entry.path[len(prefix) :]] = dataclasses.replace(entry, path=entry.path[len(prefix) :])
    for change in changes:
        if not change.path.startswith(folder):
            continue
        if change.status == "D" or change.new_blob is None:
            out.pop(change.path, None)
        else:
            out[change.path] = TreeEntry(change.path, change.new_mode, change.new_blob)
    return [e for e in out.values() if _safe(e.path)]


def write_entries(repo: Path, entries: list[TreeEntry], dest: Path, signatures_dir: str, max_bytes: int) -> None:
    """Write the entries under ``dest``: regular files first, then the signatures folder's symlinks and
    submodules, so that no folder is ever made or written through a symlink.

    A blob over ``max_bytes`` in the signatures folder becomes a sparse file of its size: the checker
    refuses it by size before reading it, and no pull request fills the disk.
    """
    folder = signatures_dir.strip("/") + "/"
    files = [e for e in entries if e.mode not in (SYMLINK_MODE, GITLINK_MODE)]
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    made: set[str] = set()
    for entry, (_, size, stream) in zip(files, blob_stream(repo, [e.blob for e in files])):
        sparse = size > max_bytes and entry.path.startswith(folder)
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
    specials = [e for e in entries if e.mode in (SYMLINK_MODE, GITLINK_MODE) and e.path.startswith(folder)]
    targets = read_blobs(repo, [e.blob for e in specials if e.mode == SYMLINK_MODE])
    for entry in specials:
        with contextlib.suppress(OSError):  # the path is taken: the checker sees what holds it
            os.makedirs(dest / os.path.dirname(entry.path), exist_ok=True)
            if entry.mode == GITLINK_MODE:
                os.mkdir(dest / entry.path)
            else:
                os.symlink(targets.get(entry.blob, b"missing"), dest / entry.path)


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
        entries = collection_entries(repo, rules, base_tip, prefix, settings.signatures_dir, changes)
        write_entries(repo, entries, root, settings.signatures_dir, settings.max_file_bytes)
        os.makedirs(settings.signatures_path, exist_ok=True)
        yield Judged(root, settings)
