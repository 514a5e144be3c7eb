"""petition guard [PATH ...]: refuse files holding a plain email address, by file and line only.

No path: every file git tracks in the repository. The addresses that are not personal (GitHub's
no-reply addresses, reserved example domains, ``public_addresses``) are allowed outside
``signatures/``; see petition.check.guard.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from petition.check import guard
from petition.report import terminal
from petition.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="files to scan (default: every file git tracks)"
    )


def _tracked(settings: Settings) -> list[Path] | None:
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=settings.root, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return [settings.root / name for name in out.decode("utf-8", "surrogateescape").split("\0") if name]


def run(args: argparse.Namespace, settings: Settings) -> int:
    paths = list(args.paths) or _tracked(settings)
    if paths is None:
        print("petition guard: not a git repository: name the files to scan.", file=sys.stderr)
        return 2
    problems = []
    for path in paths:
        full = path if path.is_absolute() else Path.cwd() / path
        if full.is_file() and not full.is_symlink():
            problems.extend(guard.scan_file(full, settings))
    for problem in problems:
        print(f"{terminal.location(problem)}: {problem.message}")
    if problems:
        print(
            f"{len(problems)} line{'s' if len(problems) != 1 else ''} with a plain email address. Remove "
            "them and try again."
        )
        return 1
    return 0
