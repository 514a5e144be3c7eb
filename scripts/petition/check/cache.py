"""A cache of checked signature files, keyed by their content, so a rebuild redoes only what changed.

Each record maps sha256(shown path + file bytes) to the record (petition.check.workers) of a file that
passed every per-file check: its public values, lines, duplicate-check key and, for the site, the
list's pieces of its row (``derive``; tagged with ``derive.token``, and derived again under
another). Only valid files are recorded (an invalid file is checked again every time, so its
messages are always fresh), and never the encrypted ``contact``: the cache feeds the site, which
does not publish it. The cache's folder is named after a fingerprint of everything else a file's
verdict depends on (this package's code, the libraries it checks and sorts with, the Unicode
version, the maintainers' keys, the letter's versions, the settings), so changing any of those
starts a new cache rather than trusting an old verdict. The one input that moves by itself is
the date ("signed" may not be in the future): time only turns such a file valid, so a valid
record stays valid, unless the clock goes back; a cache last written on a later day than today is
not read. Checks across files (duplicates) are never cached: they always run over the whole
collection.

The folder holds shards and a manifest. Each chunk of files the checker's workers check is one
shard, written by the worker that checked it (the parent never encodes 100,000 records) and read
back by whichever worker checks an overlapping range of shown paths next time (the parent never
decodes them either). A shard is written to a temporary name and renamed, under a name unique to
its run; only once every worker is done does the parent rename a new manifest (the shards' names,
ranges, counts) into place and remove the shards it no longer lists. So an aborted or concurrent
build never leaves a cache that is trusted half-written: a shard that is missing, damaged, cut
short or from another fingerprint or run is an empty cache for its files, which are then checked.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import marshal
import os
import shutil
import sys
import tempfile
import time
import unicodedata
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from petition.check.duplicates import DuplicateKey
from petition.model.keys import KeyRing

CACHE_DIR = ".cache/petition"
FORMAT = 6  # 6: records' fields in the declaration's order (petition.model.fields)
_PREFIX = "checked-"
MANIFEST = "manifest.json"
_SHARD = ".shard"
_STALE_SECONDS = 3600
# Libraries whose answers are part of a verdict or of a derived row (countries, collation, look-alikes, YAML).
_LIBRARIES = (
    "pycountry",
    "pyuca",
    "confusable-homoglyphs",
    "anyascii",
    "pydantic",
    "email-validator",
    "PyYAML",
    "cryptography",
)
_ERRORS = (OSError, EOFError, ValueError, StopIteration, AttributeError, TypeError, IndexError, KeyError)


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
    package = Path(__file__).resolve().parents[1]  # the whole petition package
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(
        f"python {sys.version_info[:2]} unicode {unicodedata.unidata_version} {_library_versions()}\n".encode()
    )
    for kid, key in sorted(keyring.keys.items()):
        digest.update(f"key {kid} {key.modulus:x} {key.retired}\n".encode())
    digest.update(f"versions {versions}\nmax {settings.max_file_bytes}\ndir {settings.signatures_dir}\n".encode())
    return digest.hexdigest()[:32]


def _records(body: bytes, count: int, derive) -> dict[str, tuple]:
    """A shard's records, checked for shape; derived parts kept only for ``derive`` (None: made again)."""
    items = marshal.loads(body)
    if not (isinstance(items, list) and len(items) == count):
        raise ValueError("not a shard")
    records = dict(items)
    width = len(DuplicateKey._fields)
    for key, record in records.items():
        # The plain form of a check.records.Record.
        if not (
            isinstance(key, str)
            and type(record) is tuple
            and len(record) == 5
            and type(record[1]) is tuple
            and type(record[3]) is tuple
            and len(record[3]) == width
        ):
            raise ValueError("not a record")
        if derive is None and record[4] is not None:
            records[key] = (*record[:4], None)
    if len(records) != count:
        raise ValueError("a key twice")
    return records


class ResultCache:
    """Records of valid files for one fingerprint: a folder of shards and the manifest listing them.

    The parent reads the manifest (``load``) and, after the check, writes the new one (``save``);
    the workers read the shards they need (``load_range``) and write their own (``write_shard``).
    """

    def __init__(self, folder: Path, fingerprint: str, today: dt.date | None = None):
        self.folder = Path(folder)
        self.fingerprint = fingerprint
        self.today = (today or dt.date.today()).isoformat()
        self.shards: list[list] = []  # the manifest's: [name, first shown path, last shown path, records, derive token]
        self.new_shards: list[list] | None = []  # this run's; None once a chunk could not be written
        self.run = os.urandom(6).hex()  # this run's shard names: concurrent builds never write the same file
        self.hits = 0
        self.misses = 0

    @property
    def path(self) -> Path:
        return self.folder / f"{_PREFIX}{self.fingerprint}"

    def load(self) -> ResultCache:
        """Read the manifest (a few hundred bytes a shard): what exists, not the records."""
        try:
            head = json.loads((self.path / MANIFEST).read_bytes())
            if not (
                isinstance(head, dict) and head.get("format") == FORMAT and head.get("fingerprint") == self.fingerprint
            ):
                return self
            if not (isinstance(head.get("today"), str) and head["today"] <= self.today):
                return self  # written on a later day: the clock went back, and a file valid then may be dated in the
                # future now
            shards = head["shards"]
            if not all(
                isinstance(s, list) and len(s) == 5 and all(isinstance(v, str) for v in s[:3]) and isinstance(s[3], int)
                for s in shards
            ):
                raise ValueError("not a manifest")
            self.shards = shards
        except _ERRORS:
            self.shards = []  # a missing or damaged manifest is an empty cache: everything is checked
        return self

    # -- in the workers -----------------------------------------------------------------------

    def load_range(self, first: str, last: str, derive) -> tuple[dict[str, tuple], list[list]]:
        """The records of every listed shard whose range meets [first, last], and those shards.

        A shard's derived parts are kept only when its token is ``derive``'s (else None: made again).
        """
        token = getattr(derive, "token", None)
        known: dict[str, tuple] = {}
        used = []
        for shard in self.shards:
            name, low, high, count, shard_token = shard
            if high < first or low > last:
                continue
            try:
                data = (self.path / name).read_bytes()
                end = data.index(b"\n")
                head = json.loads(data[:end])
                body = data[end + 1 :]
                # The body's digest: a shard cut short, damaged or not the one the manifest means is never read.
                if head != {
                    "format": FORMAT,
                    "fingerprint": self.fingerprint,
                    "name": name,
                    "records": count,
                    "sha256": hashlib.sha256(body).hexdigest(),
                }:
                    continue
                part = _records(body, count, derive if derive is not None and shard_token == token else None)
            except _ERRORS:
                continue  # damaged: its files are checked again
            if len(part) == count:
                known.update(part)
                used.append(shard)
        return known, used

    def write_shard(self, index: int, first: str, last: str, records: list[tuple[str, tuple]], derive) -> list | None:
        """Write one chunk's records as a shard; its manifest entry, or None when it cannot be written."""
        name = f"{self.run}-{index:06d}{_SHARD}"
        token = getattr(derive, "token", None) if derive is not None else None
        # marshal: the records as they are (tuples, bytes, strings shared between a row's values and
        # its record's), written and read many times faster than JSON. It is this Python's own
        # format (its version is in the fingerprint) and is read only after the digest matches.
        body = marshal.dumps([(key, record if derive is not None else (*record[:4], None)) for key, record in records])
        head = {
            "format": FORMAT,
            "fingerprint": self.fingerprint,
            "name": name,
            "records": len(records),
            "sha256": hashlib.sha256(body).hexdigest(),
        }
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=self.path)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(json.dumps(head).encode() + b"\n" + body)
                os.replace(temp, self.path / name)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError:
            return None  # a read-only checkout still builds; it just does not get faster next time
        return [name, first, last, len(records), token]

    # -- in the parent ------------------------------------------------------------------------

    def add_shard(self, entry: list | None) -> None:
        if self.new_shards is not None and entry is not None:
            self.new_shards.append(entry)

    def save(self) -> None:
        """Put this run's manifest in place, then drop the shards it does not list and caches of other fingerprints."""
        shards = self.new_shards
        if shards is None or shards == self.shards:
            return  # nothing new (every chunk kept the shard it read)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=self.path)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(
                        json.dumps(
                            {"format": FORMAT, "fingerprint": self.fingerprint, "today": self.today, "shards": shards}
                        ).encode()
                        + b"\n"
                    )
                os.replace(temp, self.path / MANIFEST)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
            listed = {s[0] for s in shards}
            for old in self.path.glob(f"*{_SHARD}"):
                if old.name not in listed:
                    old.unlink(missing_ok=True)
            stale = time.time() - _STALE_SECONDS
            for old in self.path.glob(".tmp-*"):
                with contextlib.suppress(OSError):
                    if old.stat().st_mtime < stale:  # left by a killed build (a running one's are recent)
                        old.unlink()
            for old in self.folder.glob(f"{_PREFIX}*"):
                if old != self.path:
                    shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
        except OSError:
            pass
