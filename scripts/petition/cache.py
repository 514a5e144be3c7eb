"""A cache of checked signature files, keyed by their content, so a rebuild redoes only what changed.

Each record maps sha256(shown path + file bytes) to the record (petition.parallel) of a file that
passed every per-file check: its public values, lines, duplicate-check key and, for the site, the
list's pieces of its row (``derive``; tagged with ``derive_token``, and derived again under
another). Only valid files are recorded (an invalid file is checked again every time, so its
messages are always fresh), and never the encrypted ``contact``: the cache feeds the site, which
does not publish it. The cache file is named after a fingerprint of everything else a file's
verdict depends on (this package's code, the libraries it checks and sorts with, the Unicode
version, the maintainers' keys, the letter's versions, the settings), so changing any of those
starts a new cache rather than trusting an old verdict. Checks across files (duplicates) are
never cached: they always run over the whole collection.

The file is JSON lines: a header, then the records in slices of ``SLICE``, so neither writing nor
reading it ever holds one string of every record.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import unicodedata
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .keys import KeyRing

CACHE_DIR = ".cache/petition"
FORMAT = 3
SLICE = 2000
_PREFIX = "checked-"
# Libraries whose answers are part of a verdict or of a derived row (countries, collation, look-alikes, YAML).
_LIBRARIES = ("pycountry", "pyuca", "confusable-homoglyphs", "anyascii", "pydantic", "email-validator", "PyYAML", "cryptography")


def content_key(shown: str, data: bytes) -> str:
    return hashlib.sha256(shown.encode("utf-8") + b"\0" + data).hexdigest()


def _library_versions() -> str:
    found = []
    for name in _LIBRARIES:
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=-")
    return " ".join(found)


def fingerprint(settings, keyring: KeyRing, versions: list[str] | None) -> str:
    """Everything besides a file's own bytes that its verdict depends on."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(f"python {sys.version_info[:2]} unicode {unicodedata.unidata_version} {_library_versions()}\n".encode())
    for kid, key in sorted(keyring.keys.items()):
        digest.update(f"key {kid} {key.modulus:x} {key.retired}\n".encode())
    digest.update(f"versions {versions}\nmax {settings.max_file_bytes}\ndir {settings.signatures_dir}\n".encode())
    return digest.hexdigest()[:32]


class ResultCache:
    """Records of valid files for one fingerprint, read from and written to one file."""

    def __init__(self, folder: Path, fingerprint: str):
        self.folder = Path(folder)
        self.fingerprint = fingerprint
        self.records: dict[str, list] = {}
        self.fresh: dict[str, list | tuple] = {}  # records of this run, hits and new ones: what save() keeps
        self.derive_token: str | None = None  # what made the records' derived parts
        self.loaded_token: str | None = None
        self.loaded = 0
        self.hits = 0
        self.misses = 0

    @property
    def path(self) -> Path:
        return self.folder / f"{_PREFIX}{self.fingerprint}.jsonl"

    def load(self) -> "ResultCache":
        try:
            with open(self.path, "rb") as lines:  # split on b"\n" only: JSON escapes every line break in a string
                head = json.loads(next(lines))
                if not (isinstance(head, dict) and head.get("format") == FORMAT and head.get("fingerprint") == self.fingerprint):
                    return self
                token = head.get("derive")
                records: dict[str, list] = {}
                for line in lines:
                    part = json.loads(line)
                    if not isinstance(part, dict):
                        raise ValueError("not a slice of records")
                    records.update(part)
                if len(records) != head.get("records") or not all(isinstance(r, list) and len(r) == 5 for r in records.values()):
                    raise ValueError("incomplete")
            self.records = records
            self.derive_token = self.loaded_token = token if isinstance(token, str) else None
            self.loaded = len(records)
        except (OSError, ValueError, StopIteration, AttributeError, TypeError):
            self.records = {}  # a missing or damaged cache is an empty one: everything is checked
        return self

    def get(self, key: str) -> list | None:
        return self.records.get(key)

    def keep(self, key: str, record: list | tuple, hit: bool) -> None:
        self.fresh[key] = record
        if hit:
            self.hits += 1
        else:
            self.misses += 1

    def save(self) -> None:
        """Write this run's records atomically and drop caches of other fingerprints."""
        if self.misses == 0 and self.hits == self.loaded == len(self.fresh) and self.derive_token == self.loaded_token:
            return  # every record was read from this very file and each was used: it is already what it would be
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
            try:
                with os.fdopen(handle, "wb") as out:
                    head = {"format": FORMAT, "fingerprint": self.fingerprint, "derive": self.derive_token, "records": len(self.fresh)}
                    out.write(json.dumps(head).encode() + b"\n")
                    items = list(self.fresh.items())
                    for start in range(0, len(items), SLICE):
                        # dumps, not dump: only dumps uses json's C encoder. default=list: lines kept as bytes.
                        out.write(json.dumps(dict(items[start : start + SLICE]), ensure_ascii=False, separators=(",", ":"), default=list).encode("utf-8") + b"\n")
                os.replace(temp, self.path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
            for old in self.folder.glob(f"{_PREFIX}*"):
                if old != self.path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only checkout still builds; it just does not get faster next time
