"""petition check [PATH ...]: every problem in signature files, one ``file:line: message`` each.

``petition check --base REF [--head REF]`` checks a pull request: the change from REF to HEAD, read from git as
data (petition.review.pullrequest).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from petition.check import lifecycle
from petition.check.cache import CACHE_DIR
from petition.check.collection import check
from petition.report import github, jsondata, terminal
from petition.review import pullrequest
from petition.review.context import (
    ASSOCIATIONS,
    context_from_environment,
    context_from_pull_request_file,
    with_options,
)
from petition.review.git import GitError
from petition.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="signature or response files to check (default: every file in signatures/ and responses/)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default=None,
        help="output format (default: text; under GitHub Actions, text plus annotations and a step summary)",
    )
    parser.add_argument(
        "--report",
        type=Path,
        default=None,
        metavar="FILE",
        help="also write the JSON report to FILE (the judge renders its comment from it)",
    )
    parser.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="check every file again: neither read nor write the cache of files found valid before "
        f"({CACHE_DIR}/, shared with the site build)",
    )
    pr = parser.add_argument_group(
        "pull request",
        "check the change from a base to HEAD, not just the files (see “Reviewing pull requests” in the README)",
    )
    pr.add_argument(
        "--base", metavar="REF", default=None, help="the branch or commit the pull request goes into, e.g. origin/main"
    )
    pr.add_argument(
        "--head",
        metavar="REF",
        default=None,
        help="with --base: the pull request's head commit, read from git as data, never checked out (default: HEAD)",
    )
    pr.add_argument(
        "--pull-request",
        metavar="FILE",
        type=Path,
        default=None,
        help="the pull request as GitHub's API gives it (GET /repos/OWNER/REPO/pulls/N, saved as JSON): its "
        "author, association, number and head, for a judge run by another event than pull_request",
    )
    pr.add_argument(
        "--author",
        metavar="LOGIN",
        default=None,
        help="the pull request's author (default under GitHub Actions: from the event)",
    )
    pr.add_argument(
        "--author-association",
        choices=ASSOCIATIONS,
        default=None,
        help="how GitHub relates the author to the repository; OWNER, MEMBER and COLLABORATOR are "
        "maintainers (default: from the event, else NONE)",
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.base is not None:
        return _run_pull_request(args, settings)
    if args.head is not None:
        print("petition check: --head names a pull request's head: give --base too.", file=sys.stderr)
        return 2
    paths = [p for p in args.paths if _is_signature_path(p, settings)] if args.paths else None
    if args.paths and not paths:
        print("No signature, response or delivery files among the given paths: nothing to check.")
        return 0
    result = check(settings, paths, cache=args.cache)
    if paths:
        # Files not yet committed (pre-commit passes staged ones) must endorse the current text, and the letter be open.
        result.problems = sorted(set(result.problems) | set(lifecycle.problems_for_new_files(result, settings)))
    _emit(
        args,
        lambda: jsondata.as_json(result),
        lambda: github.github(result),
        lambda: terminal.text(result),
        lambda: github.write_github_outputs(result),
    )
    return 0 if result.ok else 1


def _run_pull_request(args: argparse.Namespace, settings: Settings) -> int:
    if args.paths:
        print(
            "petition check: --base checks the files the pull request changes; give no paths with it.", file=sys.stderr
        )
        return 2
    if args.pull_request is None:
        ctx = context_from_environment(args.author, args.author_association)
    else:
        given = context_from_pull_request_file(str(args.pull_request))
        if given is None:
            print(f"petition check: {args.pull_request} holds no pull request (GitHub's API's JSON).", file=sys.stderr)
            return 2
        ctx = with_options(given, args.author, args.author_association)
    try:
        found = pullrequest.review(settings, args.base, ctx, cache=args.cache, head_ref=args.head or "HEAD")
    except GitError as exc:
        print(f"petition check: cannot compare {args.head or 'HEAD'} with {args.base}: {exc}", file=sys.stderr)
        return 2

    def on_actions() -> None:
        sys.stdout.write(github.github(found.result))
        _append_env_file("GITHUB_STEP_SUMMARY", github.review_step_summary(found))
        _append_env_file("GITHUB_OUTPUT", f"signatures_only={'true' if found.signatures_only else 'false'}\n")

    _emit(
        args,
        lambda: jsondata.review_json(found),
        lambda: github.github(found.result),
        lambda: terminal.review_text(found),
        on_actions,
    )
    return 0 if found.ok else 1


def _emit(args: argparse.Namespace, as_json, annotations, text, on_actions) -> None:
    """Write the report file and the chosen format; under GitHub Actions, text plus annotations and summaries."""
    if args.report is not None:
        _write(args.report, as_json())
    fmt = args.format or "text"
    if fmt == "json":
        sys.stdout.write(as_json())
    elif fmt == "github":
        sys.stdout.write(annotations())
    else:
        sys.stdout.write(text())
        if os.environ.get("GITHUB_ACTIONS") == "true":
            on_actions()


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _append_env_file(name: str, text: str) -> None:
    target = os.environ.get(name)
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(text)


def _is_signature_path(path: Path, settings: Settings) -> bool:
    """pre-commit and shells may pass any file; ours are those of the signatures, responses and delivered folders."""
    full = (path if path.is_absolute() else Path.cwd() / path).absolute()
    for folder in (settings.signatures_path, settings.responses_path, settings.delivered_path):
        try:
            full.relative_to(folder.absolute())
        except ValueError:
            continue
        return True
    return False
