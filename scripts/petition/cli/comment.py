"""petition comment REPORT.json: the pull request's comment, in Markdown, from the check's report alone."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from petition.report.comment import (
    ReportError,
    head_sha,
    load_report,
    number,
    render_comment,
)
from petition.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "report", type=Path, metavar="REPORT", help="the JSON report written by “petition check --base … --report FILE”"
    )
    parser.add_argument(
        "--head-sha",
        metavar="SHA",
        default=None,
        help="refuse the report unless it is for this commit (the judge passes the head commit GitHub reports)",
    )
    parser.add_argument(
        "--output", type=Path, default=None, metavar="FILE", help="write the comment to FILE (default: standard output)"
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        data = args.report.read_bytes()
        report = load_report(data)
    except OSError:
        print(f"petition comment: cannot read {args.report}.", file=sys.stderr)
        return 2
    except ReportError as exc:
        print(f"petition comment: {exc}", file=sys.stderr)
        return 2
    if args.head_sha is not None:
        if not re.fullmatch(r"[0-9a-f]{40}", args.head_sha):
            print("petition comment: --head-sha must be a full 40-digit commit id.", file=sys.stderr)
            return 2
        if head_sha(report) != args.head_sha:
            print("petition comment: the report is not for that commit: nothing to post.", file=sys.stderr)
            return 2
    pr = number(report)
    if pr is None:
        print("petition comment: the report names no pull request number.", file=sys.stderr)
        return 2
    text = render_comment(report)
    if args.output is not None:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    output = os.environ.get("GITHUB_OUTPUT")
    if output:  # the number, checked to be a positive integer, for the next step's API calls
        with open(output, "a", encoding="utf-8") as handle:
            handle.write(f"number={pr}\n")
    return 0
