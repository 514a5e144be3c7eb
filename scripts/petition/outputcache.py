"""The list's generated files from the last build, reused when nothing they are made from changed.

At 100,000 signatures the exports, search data and list blocks take seconds to render, yet a
rebuild where no signature changed would render the very same bytes. They are kept in ``CACHE_DIR``/outputs/, one
file each beside a manifest, and keyed by a fingerprint of everything they are made from: every
field of every row, in published order, the settings passed in, and this package's code. Any
difference renders them again. A missing or damaged file is an empty cache.
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
import shutil
import tempfile
from dataclasses import fields
from pathlib import Path

from .render import Row

OUTPUTS_DIR = "outputs"
MANIFEST = "manifest.json"
_ROW_FIELDS = operator.attrgetter(*(f.name for f in fields(Row)))


def _package_digest() -> bytes:
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".js", ".css", ".html", ".json"):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def fingerprint(rows: list[Row], *settings: object) -> str:
    """Rows (every field, in order), the given settings and the package's code, as one hex digest."""
    digest = hashlib.sha256(_package_digest())
    digest.update(json.dumps([repr(s) for s in settings], ensure_ascii=False).encode())
    # Separators no valid field holds (control characters are refused by the schema); lengths make it unambiguous anyway.
    for start in range(0, len(rows), 10000):  # in slices: no one string of every row
        digest.update(json.dumps(list(map(_ROW_FIELDS, rows[start : start + 10000])), ensure_ascii=False).encode())
    return digest.hexdigest()


def load(folder: Path, key: str) -> dict[str, str] | None:
    """The saved outputs when they were saved under ``key``; else None."""
    where = Path(folder) / OUTPUTS_DIR
    try:
        manifest = json.loads((where / MANIFEST).read_text(encoding="utf-8"))
        paths = manifest["paths"]
        if manifest.get("fingerprint") != key or not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            return None
        # Bytes, decoded: no newline translation (the CSV exports end lines with CR LF).
        return {path: (where / str(n)).read_bytes().decode("utf-8") for n, path in enumerate(paths)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def save(folder: Path, key: str, outputs: dict[str, str]) -> None:
    """One file an output (numbered, so no site path becomes a file system path) and a manifest, swapped in whole."""
    folder = Path(folder)
    where = folder / OUTPUTS_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=".tmp-outputs-", dir=folder))
        for n, content in enumerate(outputs.values()):
            (temp / str(n)).write_bytes(content.encode("utf-8"))
        (temp / MANIFEST).write_text(json.dumps({"fingerprint": key, "paths": list(outputs)}, ensure_ascii=False), encoding="utf-8")
        shutil.rmtree(where, ignore_errors=True)
        os.replace(temp, where)
    except OSError:
        shutil.rmtree(where, ignore_errors=True)  # never half of one build's outputs under another's manifest
        # read-only checkout: the next build renders again
