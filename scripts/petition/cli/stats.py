"""petition stats [--format json]: counts of the valid signatures by type, country, version and month."""

from __future__ import annotations

import argparse
import sys

from petition.check.collection import check
from petition.model.withdrawals import WithdrawError, load_record
from petition.report import stats, terminal
from petition.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def run(args: argparse.Namespace, settings: Settings) -> int:
    result = check(settings, cache=True)  # the cache the site build and petition check keep (petition.check.cache)
    if not result.ok:
        # Counting only the valid files would print figures the site would never publish.
        sys.stdout.write(terminal.text(result))
        print("No statistics while files are invalid: fix them first.")
        return 1
    try:
        withdrawn = load_record(settings).count
    except WithdrawError as exc:
        print(f"petition stats: {exc}", file=sys.stderr)
        return 1
    data = stats.compute(result.entries, withdrawn)
    sys.stdout.write(stats.as_json(data) if args.format == "json" else stats.as_text(data))
    return 0
