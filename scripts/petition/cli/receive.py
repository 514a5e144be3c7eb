"""petition receive: signatures sent by email with the sign page's "Send by email", for a maintainer
holding the private key. Reads message files (``.eml``), mbox files and Maildir folders; writes each
valid signature to the signatures folder with ``source: email`` and prints one line per message:
verified, unverified (confirm by writing to the contact) or refused, with the reason
(petition.check.mailed). No address is printed unless ``--show-addresses``; ``--replies DIR``
writes a ready reply to each sender (petition.report.mailreply).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from petition.check.mailed import REFUSED, UNVERIFIED, VERIFIED, Outcome, receive
from petition.cli.contact import load_private_key
from petition.model.signing import write_new
from petition.problems import show
from petition.report.mailreply import reply
from petition.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "mail", nargs="+", type=Path, metavar="MAIL", help="message files (.eml), mbox files or Maildir folders"
    )
    parser.add_argument("--key", type=Path, required=True, help="the maintainer private key (PEM)")
    parser.add_argument(
        "--passphrase-file", type=Path, help="read the key's passphrase from the first line of this file (default: ask)"
    )
    parser.add_argument(
        "--show-addresses",
        action="store_true",
        help="print each message's sender and decrypted contact (default: no address is printed)",
    )
    parser.add_argument(
        "--replies", type=Path, metavar="DIR", help="write a ready reply to each sender here, one .eml per message"
    )


def _line(outcome: Outcome, show_addresses: bool, key: Path) -> str:
    if outcome.verdict == VERIFIED:
        text = f"verified: wrote {outcome.path}"
    elif outcome.verdict == UNVERIFIED:
        text = (
            f"unverified ({outcome.reason}): wrote {outcome.path}; confirm with the signer by writing to the "
            f"contact (petition contact --key {key} {outcome.path}) before publishing"
        )
    else:
        text = f"refused: {outcome.reason}"
    for note in outcome.notes:
        text += f"; needs a maintainer: {note}"
    if show_addresses:  # as petition.problems.show quotes a value: no control character reaches the terminal
        sender = show(outcome.sender, 254) if outcome.sender else "none"
        text += f" [from: {sender}; contact: {show(outcome.contact, 254) if outcome.contact else 'not read'}]"
    return f"{outcome.label}: {text}"


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        key = load_private_key(args.key, args.passphrase_file)
    except (OSError, ValueError, TypeError, UnicodeDecodeError):
        print(
            f"Cannot open the private key {args.key}: wrong passphrase, or not an RSA private key in PEM format.",
            file=sys.stderr,
        )
        return 2
    if args.replies is not None:
        try:
            args.replies.mkdir(parents=True, exist_ok=True)
        except OSError:
            print(f"Cannot make the folder {args.replies} for the replies.", file=sys.stderr)
            return 2
    sources = [(path, str(path)) for path in args.mail]
    outcomes = receive(settings, sources, key)
    for number, outcome in enumerate(outcomes, start=1):
        line = _line(outcome, args.show_addresses, args.key)
        if args.replies is not None:
            line += _write_reply(args.replies, number, outcome, settings)
        print(line)  # in the messages' order, refused ones too: one list to work through
    counts = {v: sum(o.verdict == v for o in outcomes) for v in (VERIFIED, UNVERIFIED, REFUSED)}
    plural = "" if len(outcomes) == 1 else "s"
    print(
        f"Received {len(outcomes)} message{plural}: {counts[VERIFIED]} verified, {counts[UNVERIFIED]} unverified, "
        f"{counts[REFUSED]} refused (nothing written for them)."
        + (" Commit the new files in a pull request." if counts[VERIFIED] + counts[UNVERIFIED] else "")
    )
    return 1 if counts[REFUSED] else 0


def _write_reply(folder: Path, number: int, outcome: Outcome, settings: Settings) -> str:
    """Writes the reply; what the message's line says of it."""
    message = reply(outcome, settings.signatures_address)
    if message is None:
        return " (no reply: " + ("no sender address)" if not outcome.sender else "nothing for the signer to do)")
    path = folder / f"{number:04d}-{outcome.verdict}.eml"
    if not write_new(path, message.as_string()):
        return f" (no reply written: {path} exists)"
    return f" (reply: {path})"
