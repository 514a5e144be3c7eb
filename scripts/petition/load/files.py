"""Reading a signature file's bytes safely: its name checked, never a symlink followed, a FIFO or a device waited on,
nothing read past the size cap.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from petition.problems import Problem
from petition.settings import SIGNATURE_SUFFIX

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def slug_of(path: Path | str) -> str:
    name = os.path.basename(path)  # a str path too: the checker keeps 100,000 paths as strings
    return name[: -len(SIGNATURE_SUFFIX)] if name.endswith(SIGNATURE_SUFFIX) else name


def check_file_name(path: Path | str, shown: str) -> list[Problem]:
    name = os.path.basename(path)
    if name.endswith(SIGNATURE_SUFFIX) and SLUG_RE.match(name[: -len(SIGNATURE_SUFFIX)]):  # slug_of(path)
        return []
    if name.lower().endswith((".yml", ".yaml")) and SLUG_RE.match(name.rsplit(".", 1)[0]):
        return [Problem(shown, 1, "signature files end in “.yaml”: rename the file to end in .yaml.", "file-name")]
    return [
        Problem(
            shown,
            1,
            "the file name must be lowercase letters a-z, digits and single hyphens, ending in .yaml "
            "(for example “anna-de-vries.yaml”): rename the file.",
            "file-name",
        )
    ]


# Open flags for the fast read: never follow a symlink; never wait on a FIFO or a device, nor
# make a terminal this process's own.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


_FAST_OPEN = hasattr(os, "O_NOFOLLOW")


def read_bytes(path: Path | str, shown: str, max_bytes: int) -> tuple[bytes | None, list[Problem]]:
    """Read a regular file without following a symlink, refusing anything over the size cap.

    One open and one fstat instead of an lstat before the open: the open refuses a symlink
    itself (O_NOFOLLOW). Anything but a readable regular file within the cap (a failed open, a
    folder, a special file, a large file) goes to ``read_bytes_lstat``, whose problems and
    messages are the ones reported.
    """
    if not _FAST_OPEN:  # pragma: no cover - not POSIX
        return read_bytes_lstat(path, shown, max_bytes)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        return read_bytes_lstat(path, shown, max_bytes)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            data = None
        else:
            # os.read on the descriptor: a buffered file object costs more than the read itself.
            data = os.read(fd, max_bytes + 1)
            if len(data) != info.st_size:  # a short read, or a file that changed since fstat: read to the end
                while len(data) <= max_bytes:
                    more = os.read(fd, max_bytes + 1 - len(data))
                    if not more:
                        break
                    data += more
    except OSError:
        data = None
    finally:
        os.close(fd)
    if data is None or len(data) > max_bytes:
        return read_bytes_lstat(path, shown, max_bytes)
    return data, []


def read_bytes_lstat(path: Path | str, shown: str, max_bytes: int) -> tuple[bytes | None, list[Problem]]:
    """``read_bytes`` with a separate lstat first: the reference, and the way every refused file goes."""
    try:
        info = os.lstat(path)
    except OSError:
        return None, [Problem(shown, 1, "the file could not be read: check that it exists.", "file-unreadable")]
    if stat.S_ISLNK(info.st_mode):
        return None, [
            Problem(
                shown, 1, "this is a symbolic link, not a file: replace it with a real signature file.", "file-symlink"
            )
        ]
    if stat.S_ISDIR(info.st_mode):
        return None, [
            Problem(
                shown, 1, "this is a folder, not a file: signature files sit directly in signatures/.", "file-directory"
            )
        ]
    if not stat.S_ISREG(info.st_mode):
        return None, [
            Problem(
                shown, 1, "this is not a regular file: replace it with a plain text signature file.", "file-special"
            )
        ]
    if info.st_size > max_bytes:
        return None, [
            Problem(
                shown,
                1,
                f"the file is {info.st_size} bytes, more than the {max_bytes} allowed: a signature needs "
                "only a few lines.",
                "file-too-large",
            )
        ]
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            # os.read on the descriptor: a buffered file object costs more than the read itself.
            parts = []
            left = max_bytes + 1
            while left > 0:
                part = os.read(fd, left)
                if not part:
                    break
                parts.append(part)
                left -= len(part)
            data = parts[0] if len(parts) == 1 else b"".join(parts)
        finally:
            os.close(fd)
    except OSError:
        return None, [Problem(shown, 1, "the file could not be read: check its permissions.", "file-unreadable")]
    if len(data) > max_bytes:
        return None, [
            Problem(
                shown,
                1,
                f"the file is more than the {max_bytes} bytes allowed: a signature needs only a few lines.",
                "file-too-large",
            )
        ]
    return data, []
