"""The list's generated files from the last build, reused when nothing they are made from changed.

At 100,000 signatures the exports, search data and list blocks take seconds to render, yet a
rebuild where no signature changed would render the very same bytes. They are kept in one JSON
file named in ``CACHE_DIR`` and keyed by a fingerprint of everything they are made from: every
field of every row, in published order, the settings passed in, and this package's code. Any
difference renders them again. A missing or damaged file is an empty cache.
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
import tempfile
from dataclasses import fields
from pathlib import Path

from .render import Row

OUTPUTS_FILE = "outputs.json"
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
    try:
        data = json.loads((Path(folder) / OUTPUTS_FILE).read_text(encoding="utf-8"))
        outputs = data["outputs"]
        if data.get("fingerprint") == key and isinstance(outputs, dict) and all(isinstance(v, str) for v in outputs.values()):
            return outputs
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return None


def save(folder: Path, key: str, outputs: dict[str, str]) -> None:
    try:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            # One output at a time: never a second copy of every output in one string.
            out.write('{"fingerprint":' + json.dumps(key) + ',"outputs":{')
            for n, (path, content) in enumerate(outputs.items()):
                out.write(("," if n else "") + json.dumps(path, ensure_ascii=False) + ":")
                out.write(json.dumps(content, ensure_ascii=False))
            out.write("}}")
        os.replace(temp, folder / OUTPUTS_FILE)
    except OSError:
        pass  # read-only checkout: the next build renders again
