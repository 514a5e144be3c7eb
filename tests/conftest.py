"""Shared fixtures: temp repositories shaped like this one, real keys, real site builds."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from petition.model.crypto import encrypt_contact
from petition.model.keys import PublicKey, key_id
from petition.model.signing import new_signature
from petition.model.writer import file_text
from petition.settings import load_settings

REPO = Path(__file__).resolve().parents[1]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def signature_text(**fields: str | None) -> str:
    """A signature file's text from fields, as the product writes one (petition.model.signing.file_text:
    its field order and its quoting, whatever style that is); None or "" leaves a field out."""
    return file_text(fields)


def line_of(path: Path, field: str) -> int:
    """The line of ``field`` in a signature file (the writer decides the order fields come in)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(field + ":"))


def quoted_lines(**fields: str | None) -> str:
    """A hand-written signature file: fields in the order given, every value double-quoted.
    For tests about files people write themselves, not the ones the product writes."""
    out = []
    for key, value in fields.items():
        if value is None:
            continue
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        out.append(f'{key}: "{escaped}"')
    return "\n".join(out) + "\n"


@dataclasses.dataclass
class Repo:
    """A throw-away copy of this repository's site and settings, with its own signatures and keys."""

    root: Path
    key: rsa.RSAPrivateKey

    @property
    def signatures(self) -> Path:
        return self.root / "signatures"

    @property
    def keys(self) -> Path:
        return self.root / "docs" / "keys"

    def settings(self):
        return load_settings(self.root)

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.signatures / (name if "." in name else f"{name}.yaml")
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        return path

    def contact(self, address: str = "signer@example.org") -> str:
        return encrypt_contact(address, self.key.public_key())

    def public_key(self) -> PublicKey:
        public = self.key.public_key()
        return PublicKey(key_id(public), public, f"docs/keys/{key_id(public)}.pem")

    def sign(
        self,
        slug: str,
        name: str,
        type: str = "individual",
        signed: str | None = None,
        email: str = "signer@example.org",
        **fields: str,
    ) -> Path:
        """Write a valid signer's file with extra fields, as ``petition sign`` and the sign page make
        one (petition.model.signing.new_signature: today's date unless ``signed``, the letter version
        "1" unless ``version``, the address encrypted to this repository's key)."""
        version = fields.pop("version", "1")
        values = {"type": type, "name": name, **fields, "signed": signed}
        return self.write(slug, new_signature(values, email, self.public_key(), version))

    def add_founding(self) -> None:
        for path in sorted((REPO / "signatures").glob("*.yaml")):
            shutil.copy(path, self.signatures / path.name)

    def add_key(self, public_key: rsa.RSAPublicKey, retired: dt.date | None = None) -> str:
        kid = key_id(public_key)
        self.keys.mkdir(parents=True, exist_ok=True)
        pem = public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        (self.keys / f"{kid}.pem").write_bytes(pem)
        if retired is not None:
            with open(self.keys / "retired.yaml", "a", encoding="utf-8") as handle:
                handle.write(f"{kid}: {retired.isoformat()}\n")
        return kid

    def build(self, *extra: str) -> subprocess.CompletedProcess:
        """A real `mkdocs build --strict` of this repository, into <root>/site."""
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "--quiet",
                "--site-dir",
                str(self.root / "site"),
                *extra,
            ],
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=600,
        )

    @property
    def site(self) -> Path:
        return self.root / "site"


@pytest.fixture(scope="session")
def private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=3072)


@pytest.fixture(scope="session")
def other_private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=3072)


def make_repo(root: Path, key: rsa.RSAPrivateKey, with_key: bool = True) -> Repo:
    """An empty petition repository at root (site, settings, one current maintainer key, no signatures)."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copy(
        REPO / ".gitignore", root / ".gitignore"
    )  # as a real checkout: builds and checks leave .cache/ and site/ uncommitted
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("keys"))
    (root / "signatures").mkdir()
    made = Repo(root, key)
    if with_key:
        made.add_key(key.public_key())
    return made


@pytest.fixture
def repo(tmp_path: Path, private_key: rsa.RSAPrivateKey) -> Repo:
    return make_repo(tmp_path / "repo", private_key)
