"""The check's content cache as stored: read and rewrite its shards (tests that prove the cache is what is read)."""

from __future__ import annotations

import hashlib
import json
import marshal
from pathlib import Path

from petition.check.cache import _SHARD


def read_records(folder: Path) -> dict[str, tuple]:
    """Every record of the cache in ``folder`` (one fingerprint's), as stored: for tests and inspection."""
    records: dict[str, tuple] = {}
    for path in sorted(Path(folder).glob(f"*{_SHARD}")):
        data = path.read_bytes()
        records.update(marshal.loads(data[data.index(b"\n") + 1 :]))
    return records


def write_records(path: Path, records: dict[str, tuple]) -> None:
    """Rewrite one shard with other records, as a well-formed shard: for tests that prove the cache is what is read."""
    data = path.read_bytes()
    head = json.loads(data[: data.index(b"\n")])
    body = marshal.dumps(list(records.items()))
    head.update(records=len(records), sha256=hashlib.sha256(body).hexdigest())
    path.write_bytes(json.dumps(head).encode() + b"\n" + body)
