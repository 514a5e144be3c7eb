"""petition keygen: the maintainers' launch step, and key rotation.

Creates a 3072-bit RSA key pair. The private key is written outside the repository, encrypted
with a passphrase; the public key goes to ``docs/keys/<key id>.pem``, where the site, the sign
page and the checker read it. Every key that was current is retired today (``retired.yaml``):
contacts already encrypted to it stay readable and valid, new ones are refused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from petition.model.keys import KEY_BITS, RETIRED_FILE, key_id, load_keyring
from petition.settings import Settings

MIN_PASSPHRASE = 12


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--private-key",
        type=Path,
        help="where to write the private key, outside the repository (default: ~/.petition/<key id>.pem)",
    )
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        help="read the passphrase from the first line of this file (for scripts; default: ask twice)",
    )


def read_passphrase_file(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[0] if lines else ""


def _passphrase(args: argparse.Namespace) -> str | None:
    if args.passphrase_file:
        try:
            return read_passphrase_file(args.passphrase_file)
        except (OSError, UnicodeDecodeError):
            print(f"Cannot read the passphrase file {args.passphrase_file}.", file=sys.stderr)
            return None
    first = getpass.getpass("Passphrase for the new private key: ")
    if getpass.getpass("The same passphrase again: ") != first:
        print("The two passphrases differ: nothing created.", file=sys.stderr)
        return None
    return first


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.private_key is not None and _inside(args.private_key, settings.root):
        print(
            f"Refused: {args.private_key} is inside the repository, where it could be committed and "
            f"published. Choose a path outside {settings.root}.",
            file=sys.stderr,
        )
        return 2
    keyring, problems = load_keyring(settings.keys_path, settings.root)
    if problems:
        for p in problems:
            print(f"{p.path}:{p.line}: {p.message}", file=sys.stderr)
        print("Fix the keys folder first: nothing created.", file=sys.stderr)
        return 1
    passphrase = _passphrase(args)
    if passphrase is None:
        return 2
    if len(passphrase) < MIN_PASSPHRASE:
        print(f"The passphrase must be at least {MIN_PASSPHRASE} characters long: nothing created.", file=sys.stderr)
        return 2

    private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    kid = key_id(private.public_key())
    target = args.private_key or Path.home() / ".petition" / f"{kid}.pem"
    if _inside(target, settings.root):
        print(f"Refused: {target} is inside the repository. Use --private-key with a path outside it.", file=sys.stderr)
        return 2
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        print(
            f"Refused: {target} already exists; a key is never overwritten. Choose another --private-key.",
            file=sys.stderr,
        )
        return 1
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)

    settings.keys_path.mkdir(parents=True, exist_ok=True)
    public_path = settings.keys_path / f"{kid}.pem"
    public_path.write_bytes(
        private.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    retiring = [k.id for k in keyring.current]
    if retiring:
        retired_path = settings.keys_path / RETIRED_FILE
        today = dt.date.today().isoformat()
        existing = (
            retired_path.read_text(encoding="utf-8")
            if retired_path.is_file()
            else "# Retired maintainer keys: <key id>: <date retired>. See the README, “Maintainers: "
            "keys and contacts”.\n"
        )
        if existing and not existing.endswith("\n"):
            existing += "\n"
        retired_path.write_text(existing + "".join(f"{k}: {today}\n" for k in retiring), encoding="utf-8")

    print(f"Created maintainer key {kid}.")
    print(f"  Private key: {target} (encrypted with your passphrase).")
    print(f"  Public key:  {settings.display(public_path)}")
    for old in retiring:
        print(
            f"  Retired key {old} from today: contacts signed before today stay valid and readable with "
            "its private key; new ones are refused."
        )
    print("Warning: keep the private key file and its passphrase safe and backed up offline, and never commit them.")
    print("Without them no contact can be read; with both, anyone can read every contact.")
    print(f"Next: commit {settings.keys_dir}/ and publish the site; the sign page then encrypts to this key.")
    return 0
