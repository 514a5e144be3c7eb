"""A cache of checked signature files, keyed by their content, so a rebuild redoes only what changed.

Each record maps sha256(shown path + file bytes) to the fields and lines of a file that passed
every per-file check. Only valid files are recorded (an invalid file is checked again every time,
so its messages are always fresh), and never the encrypted ``contact``: the cache feeds the site,
which does not publish it. The cache file is named after a fingerprint of everything else a
file's verdict depends on (this package's code, the maintainers' keys, the letter's versions, the
settings), so changing any of those starts a new cache rather than trusting an old verdict.
Checks across files (duplicates) are never cached: they always run over the whole collection.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .keys import KeyRing

CACHE_DIR = ".cache/petition"
FORMAT = 2
_PREFIX = "checked-"


def content_key(shown: str, data: bytes) -> str:
    return hashlib.sha256(shown.encode("utf-8") + b"\0" + data).hexdigest()


def fingerprint(settings, keyring: KeyRing, versions: list[str] | None) -> str:
    """Everything besides a file's own bytes that its verdict depends on."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for kid, key in sorted(keyring.keys.items()):
        digest.update(f"key {kid} {key.modulus:x} {key.retired}\n".encode())
    digest.update(f"versions {versions}\nmax {settings.max_file_bytes}\ndir {settings.signatures_dir}\n".encode())
    return digest.hexdigest()[:32]


class ResultCache:
    """Records of valid files for one fingerprint, read from and written to one JSON file."""

    def __init__(self, folder: Path, fingerprint: str):
        self.folder = Path(folder)
        self.fingerprint = fingerprint
        self.records: dict[str, list] = {}
        self.fresh: dict[str, list] = {}  # records of this run, hits and new ones: what save() keeps
        # Beside the records: each valid name's duplicate-check keys (collection.name_keys), by content key.
        self.name_keys: dict[str, list] = {}
        self.fresh_keys: dict[str, list] = {}
        self.loaded = 0
        self.loaded_keys = 0
        self.hits = 0
        self.misses = 0

    @property
    def path(self) -> Path:
        return self.folder / f"{_PREFIX}{self.fingerprint}.json"

    def load(self) -> "ResultCache":
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT and data.get("fingerprint") == self.fingerprint and isinstance(data.get("records"), dict):
                self.records = data["records"]
                keys = data.get("name_keys")
                self.name_keys = keys if isinstance(keys, dict) else {}
                self.loaded = len(self.records)
                self.loaded_keys = len(self.name_keys)
        except (OSError, ValueError, AttributeError):
            self.records = {}  # a missing or damaged cache is an empty one: everything is checked
            self.name_keys = {}
        return self

    def get(self, key: str) -> list | None:
        return self.records.get(key)

    def keep(self, key: str, record: list, hit: bool, name_keys: list | tuple | None = None) -> None:
        self.fresh[key] = record
        if name_keys is not None:
            self.fresh_keys[key] = name_keys
        if hit:
            self.hits += 1
        else:
            self.misses += 1

    def save(self) -> None:
        """Write this run's records atomically and drop caches of other fingerprints."""
        if self.misses == 0 and self.hits == self.loaded == self.loaded_keys == len(self.fresh) and self.fresh_keys.keys() == self.fresh.keys():
            return  # every record was read from this very file and each was used: it is already what it would be
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
            # dumps, not dump: only dumps uses json's C encoder.
            records = {k: [{f: v for f, v in fields.items() if v is not None}, lines] for k, (fields, lines) in self.fresh.items()}
            text = json.dumps({"format": FORMAT, "fingerprint": self.fingerprint, "records": records, "name_keys": self.fresh_keys}, ensure_ascii=False, separators=(",", ":"))
            del records
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temp, self.path)
            for old in self.folder.glob(f"{_PREFIX}*.json"):
                if old != self.path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only checkout still builds; it just does not get faster next time
