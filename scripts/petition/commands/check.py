"""petition check [PATH ...]: every problem in signature files, one ``file:line: message`` each."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import lifecycle, reporters
from ..checker import check
from ..settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="signature files to check (default: every file in signatures/)")
    parser.add_argument("--format", choices=("text", "json", "github"), default=None, help="output format (default: text; under GitHub Actions, text plus annotations and a step summary)")


def run(args: argparse.Namespace, settings: Settings) -> int:
    paths = [p for p in args.paths if _is_signature_path(p, settings)] if args.paths else None
    if args.paths and not paths:
        print("No signature files among the given paths: nothing to check.")
        return 0
    result = check(settings, paths)
    if paths:
        # Files not yet committed (pre-commit passes staged ones) must endorse the current text, and the letter be open.
        result.problems = sorted(set(result.problems) | set(lifecycle.problems_for_new_files(result, settings)))
    fmt = args.format or "text"
    if fmt == "json":
        sys.stdout.write(reporters.as_json(result))
    elif fmt == "github":
        sys.stdout.write(reporters.github(result))
    else:
        sys.stdout.write(reporters.text(result))
        if os.environ.get("GITHUB_ACTIONS") == "true":
            reporters.write_github_outputs(result)
    return 0 if result.ok else 1


def _is_signature_path(path: Path, settings: Settings) -> bool:
    """pre-commit and shells may pass any file; only those in the signatures folder are ours."""
    full = path if path.is_absolute() else Path.cwd() / path
    try:
        full.absolute().relative_to(settings.signatures_path.absolute())
    except ValueError:
        return False
    return True
