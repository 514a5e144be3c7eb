"""petition version status|check|release: the letter's released texts (maintainers)."""

from __future__ import annotations

import argparse
import datetime as dt

from petition.model import versions
from petition.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        choices=("status", "check", "release"),
        help="status: the versions and whether the letter matches the current one; "
        "check: fail when the letter's text changed without a release; "
        "release: record the current text as the next version and make it current",
    )
    parser.add_argument(
        "--date", type=dt.date.fromisoformat, default=None, help="release date, YYYY-MM-DD (default: today)"
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "release":
        try:
            made = versions.release(settings, args.date)
        except versions.VersionError as exc:
            print(f"Not released: {exc}")
            return 1
        print(
            f"Released version {made.version} of the letter ({versions.VERSIONS_DIR}/{made.version}.md, "
            f"recorded in {versions.LOCK_FILE}); "
            f"letter_version is now “{made.version}” in pyproject.toml, so new signatures endorse it."
        )
        print(
            f"Commit {versions.VERSIONS_DIR}/ and pyproject.toml together; the site will publish "
            f"/versions/{made.version}/ with what changed."
        )
        return 0
    problems = versions.problems(settings)
    if args.action == "status":
        releases, _ = versions.load_releases(settings)
        current = versions.current_version(settings)
        for r in releases:
            print(f"version {r.version}  released {r.released}{'  (current)' if r.version == current else ''}")
        if not releases:
            print("No version of the letter is recorded yet.")
    for p in problems:
        print(f"{p.path}:{p.line}: {p.message}")
    if not problems:
        print(f"The letter's text is version {versions.current_version(settings)} as released.")
    return 1 if problems else 0
