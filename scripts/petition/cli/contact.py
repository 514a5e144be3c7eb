"""petition contact: for a reviewer holding a maintainer private key, the decrypted contact
address of each given signature file, or of every file a pull request adds (``--range``).

This is the one place a plaintext address is printed, on purpose, to the maintainer's terminal.
"""

from __future__ import annotations

import argparse
import getpass
import subprocess
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from petition.cli.keygen import read_passphrase_file
from petition.load.document import decode, parse
from petition.model.crypto import decrypt_contact
from petition.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="signature files")
    parser.add_argument(
        "--range",
        dest="git_range",
        metavar="BASE..HEAD",
        help="instead of paths: the signature files added by the commits in this git range (a pull "
        "request: main..pr-branch)",
    )
    parser.add_argument("--key", type=Path, required=True, help="the maintainer private key (PEM)")
    parser.add_argument(
        "--passphrase-file", type=Path, help="read the key's passphrase from the first line of this file (default: ask)"
    )


def load_private_key(path: Path, passphrase_file: Path | None) -> rsa.RSAPrivateKey:
    data = path.read_bytes()
    password = read_passphrase_file(passphrase_file).encode("utf-8") if passphrase_file else None
    try:
        key = serialization.load_pem_private_key(data, password=password)
    except TypeError:
        # Encrypted and no passphrase given (or given for an unencrypted key): ask, or retry without.
        if password is None:
            key = serialization.load_pem_private_key(
                data, password=getpass.getpass(f"Passphrase for {path}: ").encode("utf-8")
            )
        else:
            key = serialization.load_pem_private_key(data, password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("not an RSA private key")
    return key


def _added_files(settings: Settings, git_range: str) -> list[tuple[str, bytes]]:
    """(path, content at the range's end) of each signature file the range adds."""
    separator = "..." if "..." in git_range else ".."
    base, _, head = git_range.partition(separator)
    if not base or not head:
        raise ValueError("the range must be BASE..HEAD, such as main..my-branch")

    def git(*argv: str) -> bytes:
        return subprocess.run(["git", *argv], cwd=settings.root, capture_output=True, check=True).stdout

    # Compared with where the branch left BASE, as a pull request is.
    names = git(
        "diff",
        "--name-only",
        "--no-renames",
        "--diff-filter=A",
        "-z",
        f"{base}...{head}",
        "--",
        settings.signatures_dir,
    )
    files = []
    for name in sorted(n for n in names.decode("utf-8").split("\0") if n):
        files.append((name, git("show", f"{head}:{name}")))
    return files


def run(args: argparse.Namespace, settings: Settings) -> int:
    if bool(args.paths) == bool(args.git_range):
        print("Give either signature files or --range BASE..HEAD.", file=sys.stderr)
        return 2
    try:
        key = load_private_key(args.key, args.passphrase_file)
    except (OSError, ValueError, TypeError):
        print(
            f"Cannot open the private key {args.key}: wrong passphrase, or not an RSA private key in PEM format.",
            file=sys.stderr,
        )
        return 2
    if args.git_range:
        try:
            files = _added_files(settings, args.git_range)
        except subprocess.CalledProcessError as exc:
            reason = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
            print(
                f"git could not list the range {args.git_range}: {reason[0] if reason else 'unknown error'}",
                file=sys.stderr,
            )
            return 2
        except ValueError as exc:
            print(f"{exc}.", file=sys.stderr)
            return 2
        if not files:
            print(f"The range {args.git_range} adds no signature files.")
            return 0
    else:
        files = []
        for path in args.paths:
            try:
                files.append((settings.display(path if path.is_absolute() else Path.cwd() / path), path.read_bytes()))
            except OSError:
                files.append((str(path), b""))
    failures = 0
    for shown, data in files:
        message = _contact_of(shown, data, key)
        if message.startswith("!"):
            failures += 1
            print(f"{shown}: {message[1:]}", file=sys.stderr)
        else:
            print(f"{shown}: {message}")
    return 1 if failures else 0


def _contact_of(shown: str, data: bytes, key: rsa.RSAPrivateKey) -> str:
    """The address, or "!" and why there is none."""
    if not data:
        return "!cannot read this file."
    text, _ = decode(data, shown)
    parsed = parse(text, shown)[0] if text is not None else None
    if parsed is None:
        return "!not a readable signature file (run “petition check” on it)."
    fields = parsed[0]
    if "contact" not in fields:
        return "!no contact" + (" (a founding signatory)." if fields.get("source") == "founding" else ".")
    try:
        return decrypt_contact(fields["contact"], key)
    except ValueError as exc:
        return f"!cannot decrypt the contact: {exc}."
