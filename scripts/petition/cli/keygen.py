"""petition keygen: the maintainers' launch step, and key rotation.

Creates a 3072-bit RSA key pair. The private key is written outside the repository, encrypted
with a passphrase; the public key goes to ``docs/keys/<key id>.pem``, where the site, the sign
page and the checker read it. Every key that was current is retired today (``retired.yaml``):
contacts already encrypted to it stay readable and valid, new ones are refused. With
``contacts_kept_until`` set, the day is written beside the key (``kept-until.yaml``).

``petition keygen --destroy --private-key FILE``: after that day, the maintainers' way to forget every
contact for good: it opens the private key (so it is one of this repository's keys), asks to confirm,
overwrites the file and deletes it, and records the destruction in ``destroyed.yaml``.
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

from petition.check.retention import destroyed, kept_until
from petition.model.keys import DESTROYED_FILE, KEPT_UNTIL_FILE, KEY_BITS, RETIRED_FILE, key_id, load_keyring
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
    parser.add_argument(
        "--destroy",
        action="store_true",
        help="destroy the private key given with --private-key (after contacts_kept_until): overwrite and delete "
        f"it, and record it in the keys folder's {DESTROYED_FILE}. No contact encrypted to it can be read again.",
    )
    parser.add_argument("--yes", action="store_true", help="with --destroy: do not ask to type the key id")


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


def _append_dates(path: Path, header: str, kid: str, day: str) -> None:
    """Add "<kid>: <day>" to a dates file of the keys folder (petition.model.keys.load_key_dates reads it)."""
    existing = path.read_text(encoding="utf-8") if path.is_file() else header
    if existing and not existing.endswith("\n"):
        existing += "\n"
    path.write_text(existing + f'{kid}: "{day}"\n', encoding="utf-8")


def _overwrite_and_delete(path: Path) -> None:
    """Random bytes over the key's bytes, flushed to the disk, then the file removed: what is left of it is noise."""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.write(os.urandom(max(size, 1)))
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()


def destroy(args: argparse.Namespace, settings: Settings) -> int:
    target = args.private_key
    if target is None or not target.is_file():
        print("petition keygen --destroy needs --private-key FILE, the private key file to destroy.", file=sys.stderr)
        return 2
    passphrase = (
        read_passphrase_file(args.passphrase_file)
        if args.passphrase_file
        else getpass.getpass("Passphrase of the private key to destroy: ")
    )
    try:
        private = serialization.load_pem_private_key(target.read_bytes(), password=passphrase.encode("utf-8"))
    except (ValueError, TypeError, OSError):
        print(f"Cannot open {target} with this passphrase: nothing destroyed.", file=sys.stderr)
        return 1
    kid = key_id(private.public_key())
    keyring, _ = load_keyring(settings.keys_path, settings.root)
    if keyring.get(kid) is None:
        print(
            f"{target} holds key {kid}, which is not one of this repository's keys ({settings.keys_dir}/): "
            "nothing destroyed.",
            file=sys.stderr,
        )
        return 1
    last = kept_until(settings)
    if last is None or dt.date.today() <= last:
        until = f"until {last.isoformat()}" if last else "until a day that is not set yet (contacts_kept_until)"
        print(f"Note: the contacts are to be kept {until}; destroying this key now makes them unreadable before then.")
    print(
        f"This overwrites and deletes {target}: no contact encrypted to key {kid} can ever be read again, "
        "by anyone (unless another copy of the private key exists)."
    )
    if not args.yes and input(f"Type the key id {kid} to destroy it: ").strip() != kid:
        print("Not confirmed: nothing destroyed.", file=sys.stderr)
        return 1
    _overwrite_and_delete(target)
    if kid not in destroyed(settings):
        _append_dates(
            settings.keys_path / DESTROYED_FILE,
            "# Maintainer keys whose private key was destroyed: <key id>: <date>. Written by “petition keygen "
            "--destroy”.\n",
            kid,
            dt.date.today().isoformat(),
        )
    print(f"Destroyed the private key of {kid} ({target}).")
    print("Now, to finish:")
    print("  1. Destroy every other copy: backups, other maintainers' machines (run this command on each copy).")
    print("  2. Destroy the passphrase wherever it is written down.")
    print(f"  3. Commit {settings.keys_dir}/{DESTROYED_FILE}: the check stops warning once every key is recorded.")
    return 0


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.destroy:
        return destroy(args, settings)
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

    last = kept_until(settings)
    if last is not None:
        _append_dates(
            settings.keys_path / KEPT_UNTIL_FILE,
            "# The last day each maintainer key's contacts are kept (contacts_kept_until when it was made): "
            "<key id>: <date>.\n",
            kid,
            last.isoformat(),
        )

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
    if last is not None:
        print(
            f"  Its contacts are kept until {last.isoformat()} (contacts_kept_until): after that day, destroy the "
            "private key with “petition keygen --destroy”."
        )
    print(f"Next: commit {settings.keys_dir}/ and publish the site; the sign page then encrypts to this key.")
    return 0
