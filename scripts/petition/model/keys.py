"""The maintainers' public keys, against which encrypted contacts are checked.

Layout of the keys folder (``docs/keys`` by default, so the site publishes the public keys too):

* ``<key id>.pem``: one RSA public key (PEM, SubjectPublicKeyInfo); the key id is the first
  16 hex digits of SHA-256 over the key's DER encoding, and must match the file name;
* ``retired.yaml``: ``<key id>: YYYY-MM-DD`` for keys retired on that date. A retired key stays
  valid for signatures signed before that date and is refused for newer ones.

No private key ever lives in the repository.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from petition.problems import Problem

KEY_BITS = 3072
KEY_ID_RE = re.compile(r"^[0-9a-f]{16}$")
RETIRED_FILE = "retired.yaml"
# Beside the keys, in the same "<key id>: YYYY-MM-DD" lines: the day until which each key's contacts are
# kept (``petition keygen`` writes it from ``contacts_kept_until``), and the day each private key was destroyed.
KEPT_UNTIL_FILE = "kept-until.yaml"
DESTROYED_FILE = "destroyed.yaml"


def key_id(public_key: rsa.RSAPublicKey) -> str:
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()[:16]


@dataclasses.dataclass(frozen=True)
class PublicKey:
    id: str
    key: rsa.RSAPublicKey
    path: str
    retired: dt.date | None = None

    @functools.cached_property  # asked once per signature file: computing it each time costs seconds at 100k
    def modulus(self) -> int:
        return self.key.public_numbers().n

    def pem(self) -> str:
        return self.key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode("ascii")


@dataclasses.dataclass(frozen=True)
class KeyRing:
    keys: dict[str, PublicKey]

    @property
    def current(self) -> list[PublicKey]:
        return sorted((k for k in self.keys.values() if k.retired is None), key=lambda k: k.path)

    def get(self, kid: str) -> PublicKey | None:
        return self.keys.get(kid)


def load_public_key(data: bytes) -> rsa.RSAPublicKey:
    key = serialization.load_pem_public_key(data)
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("not an RSA public key")
    return key


def load_keyring(folder: Path, shown_root: Path | None = None) -> tuple[KeyRing, list[Problem]]:
    """Read every public key in the folder. Problems name the key files; a broken key is left out."""
    problems: list[Problem] = []
    keys: dict[str, PublicKey] = {}

    def shown(p: Path) -> str:
        try:
            return p.absolute().relative_to((shown_root or folder.parent).absolute()).as_posix()
        except ValueError:
            return p.as_posix()

    if not folder.is_dir():
        return KeyRing({}), []
    retired = load_key_dates(folder / RETIRED_FILE, shown(folder / RETIRED_FILE), problems)
    for path in sorted(folder.glob("*.pem")):
        try:
            key = load_public_key(path.read_bytes())
        except (OSError, ValueError, TypeError):
            problems.append(
                Problem(shown(path), 1, "this is not a readable RSA public key in PEM format.", "key-invalid")
            )
            continue
        kid = key_id(key)
        if key.key_size != KEY_BITS:
            problems.append(
                Problem(
                    shown(path),
                    1,
                    f"maintainer keys must be {KEY_BITS}-bit RSA; this one is {key.key_size}-bit.",
                    "key-invalid",
                )
            )
            continue
        if path.stem != kid:
            problems.append(
                Problem(
                    shown(path), 1, f"the key file must be named after its key id: rename it to {kid}.pem.", "key-name"
                )
            )
            continue
        keys[kid] = PublicKey(kid, key, shown(path), retired.get(kid))
    for kid in sorted(set(retired) - set(keys)):
        problems.append(
            Problem(shown(folder / RETIRED_FILE), 1, f"retired key {kid} has no {kid}.pem beside it.", "key-missing")
        )
    return KeyRing(keys), problems


def load_key_dates(path: Path, shown: str, problems: list[Problem]) -> dict[str, dt.date]:
    """A "<key id>: YYYY-MM-DD" file of the keys folder (retired, kept until, destroyed); {} when there is none."""
    if not path.is_file():
        return {}
    import yaml

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        problems.append(Problem(shown, 1, "this file must be YAML lines “<key id>: YYYY-MM-DD”.", "key-retired"))
        return {}
    out: dict[str, dt.date] = {}
    if not isinstance(data, dict):
        problems.append(Problem(shown, 1, "this file must be YAML lines “<key id>: YYYY-MM-DD”.", "key-retired"))
        return {}
    for kid, when in data.items():
        try:
            if not KEY_ID_RE.match(str(kid)):
                raise ValueError
            out[str(kid)] = dt.date.fromisoformat(str(when))
        except ValueError:
            problems.append(
                Problem(
                    shown,
                    1,
                    f"“{str(kid)[:20]}: {str(when)[:12]}” is not “<16 hex digit key id>: YYYY-MM-DD”.",
                    "key-retired",
                )
            )
    return out
