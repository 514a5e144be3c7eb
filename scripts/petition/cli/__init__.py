"""The ``petition`` command: a thin adapter over the core. ``main(argv) -> int`` is what tests call."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from petition import __version__
from petition.settings import load_settings

# Each command is a module in petition.cli with add_arguments(parser) and run(args, settings) -> int.
COMMANDS = {
    "check": "check signature files (default: all of signatures/) and report every problem",
    "schema": "write or verify the published JSON Schema of a signature file",
    "version": "the letter's versions: status, check, or release the current text as a new version",
    "withdraw": "remove a signature file and count the withdrawal (no name is recorded)",
    "stats": "counts of signatures by type, country, letter version and month",
    "guard": "refuse files that hold a plain email address (the plaintext guard)",
    "comment": "render a pull request's comment from the JSON report of “petition check --base”",
    "sign": "endorse the letter: write your signature file, with your email encrypted",
    "keygen": "maintainers: create the maintainer key pair (and retire the previous key)",
    "contact": "maintainers: decrypt the contact address of signature files",
    "import": "maintainers: one signature file per row of a CSV of endorsements received by email or on paper",
    "namesakes": "maintainers: list signature files confirmed to be different signatories with the same name",
    "receive": "maintainers: the signature files signers sent by email, checked, compared with their sender, written",
    "deliver": "maintainers: a delivery pack (PDF, CSV, cover note) for a country's government, and its record",
}
# Commands whose module name differs from the command (``import`` is a Python keyword).
MODULES = {"import": "import_csv"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="petition", description="Tools for the open letter's signatures.")
    parser.add_argument("--version", action="version", version=f"petition {__version__}")
    parser.add_argument("--root", type=Path, help="the repository folder (default: found from the current folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, help_text in COMMANDS.items():
        module = importlib.import_module(f"petition.cli.{MODULES.get(name, name)}")
        command = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 with a usage message on bad arguments
    settings = load_settings(args.root)
    try:
        return int(args._run(args, settings))
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # a bug of ours: say so in one line rather than show a traceback to a signer
        print(
            f"petition: internal error ({type(exc).__name__}). Please report it to the maintainers with "
            "the command you ran.",
            file=sys.stderr,
        )
        if os.environ.get("PETITION_DEBUG"):
            raise
        return 3


def entry() -> None:
    """The ``petition`` command as a process of its own (``main`` is for callers that go on).

    A check holds 100,000 small records, none of them part of a cycle. So, as mypy does for the
    same reason, the cyclic collector stays off (its passes over them would find nothing, about
    0.25 s) and, once the output is flushed, the process ends without freeing them one by one.
    """
    gc.disable()
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        code = code or 1
    os._exit(code)
