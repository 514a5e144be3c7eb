"""petition withdraw SLUG: remove a signature and count the withdrawal (maintainers, on a withdrawal request)."""

from __future__ import annotations

import argparse

from petition.model import withdrawals
from petition.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "slug",
        nargs="?",
        metavar="SLUG",
        help="the signature to remove: its file name without .yaml (signatures/SLUG.yaml)",
    )
    parser.add_argument(
        "--reason-code",
        choices=sorted(withdrawals.REASONS),
        default="request",
        help="why, in a broad category that says nothing about the person: "
        + "; ".join(f"{k}: {v}" for k, v in withdrawals.REASONS.items())
        + " (default: request)",
    )
    parser.add_argument(
        "--count-only",
        action="store_true",
        help="only count a withdrawal whose file was already removed (for example by the signer's own pull request)",
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    if (args.slug is None) != args.count_only:
        print(
            "Give the SLUG of the signature to remove, or --count-only (and no SLUG) to count a "
            "withdrawal already made."
        )
        return 2
    try:
        record, staged = withdrawals.withdraw(settings, args.slug, args.reason_code)
    except withdrawals.WithdrawError as exc:
        print(f"Not withdrawn: {exc}")
        return 1
    done = f"Removed {settings.signatures_dir}/{args.slug}.yaml and counted" if args.slug else "Counted"
    print(f"{done} the withdrawal in {withdrawals.RECORD_FILE} ({record.count:,} so far; no name is recorded).")
    if staged:
        print(
            "Both changes are staged. Commit them with a message that names no one, for example: git "
            'commit -m "Withdraw an endorsement"'
        )
    return 0
