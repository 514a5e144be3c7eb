"""Per-file checks on every core, results in the order asked, optionally through the content cache.

Each file is checked on its own (load, plaintext guard, schema), so the work splits cleanly:
chunks of paths go to forked worker processes, which return small plain records (no pydantic
objects cross the process boundary); the parent turns them back into entries in the same order.
Small collections, and systems without ``fork``, are checked in this process: same code, same
results.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime as dt
import multiprocessing
import os
from pathlib import Path

from .cache import ResultCache, content_key
from .checker import check_one_data
from .keys import KeyRing
from .loader import check_file_name, read_bytes
from .problems import Problem
from .schema import Signature
from .settings import Settings
from .validate import Entry

# Below this many files a worker pool costs more than it saves.
PARALLEL_MIN_FILES = 2000
CHUNK = 1000


@dataclasses.dataclass(frozen=True)
class Outcome:
    """The verdict on one file: its valid fields (None when refused), their lines, its problems."""

    shown: str
    slug: str
    fields: dict[str, str] | None
    lines: dict[str, int]
    problems: tuple[Problem, ...]
    key: str | None = None  # content key, when the bytes were read
    cached: bool = False

    def entry(self) -> Entry | None:
        if self.fields is None:
            return None
        return Entry(self.shown, self.slug, rebuild(self.fields), self.lines)


_UNSET = dict.fromkeys(Signature.model_fields)


def rebuild(fields: dict[str, str]) -> Signature:
    """The Signature these already-validated fields came from, without validating them again.

    What ``Signature.model_construct`` does, minus its generic work, which costs seconds at
    100,000 entries; a test holds the result equal to the validated model.
    """
    signature = Signature.__new__(Signature)
    object.__setattr__(signature, "__dict__", {**_UNSET, **fields})
    object.__setattr__(signature, "__pydantic_fields_set__", set(fields))
    object.__setattr__(signature, "__pydantic_extra__", None)
    object.__setattr__(signature, "__pydantic_private__", None)
    return signature


@dataclasses.dataclass
class _Job:
    settings: Settings
    keyring: KeyRing | None
    today: dt.date
    versions: list[str] | None
    records: dict[str, list] | None  # the cache's records, read before forking


_JOB: _Job | None = None  # set in the parent just before forking; workers inherit it


def shower(settings: Settings):
    """A fast ``settings.display`` for the many paths under the repository."""
    root = str(settings.root.absolute())
    prefix = root if root.endswith(os.sep) else root + os.sep

    def shown(path: Path) -> str:
        text = str(path)
        if text.startswith(prefix) and os.sep + ".." not in text and "." + os.sep not in text:
            return text[len(prefix):].replace(os.sep, "/")
        return settings.display(path)

    return shown


def _one(path: Path, shown: str, job: _Job) -> Outcome:
    from .loader import slug_of

    slug = slug_of(path)
    data, read_problems = read_bytes(path, shown, job.settings.max_file_bytes)
    if data is None:
        return Outcome(shown, slug, None, {}, tuple(check_file_name(path, shown) + read_problems))
    key = content_key(shown, data) if job.records is not None else None
    if key is not None:
        record = job.records.get(key)
        if record is not None:
            return Outcome(shown, slug, record[0], record[1], (), key, True)
    entry, problems = check_one_data(path, shown, data, job.settings, job.keyring, job.today, job.versions)
    if entry is None:
        return Outcome(shown, slug, None, {}, tuple(problems))
    fields = {k: v for k, v in entry.signature.model_dump().items() if v is not None}
    return Outcome(shown, slug, fields, dict(entry.lines), tuple(problems), key)


def _chunk(items: list[tuple[str, str]]) -> list[Outcome]:
    assert _JOB is not None
    return [_one(Path(path), shown, _JOB) for path, shown in items]


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def check_files(
    paths: list[Path],
    shown: list[str],
    settings: Settings,
    keyring: KeyRing | None,
    today: dt.date,
    versions: list[str] | None,
    cache: ResultCache | None = None,
) -> list[Outcome]:
    """One Outcome per path, in order, checked in parallel when that pays."""
    global _JOB
    job = _Job(settings, keyring, today, versions, cache.records if cache is not None else None)
    items = [(str(p), s) for p, s in zip(paths, shown)]
    workers = _workers()
    fork = "fork" in multiprocessing.get_all_start_methods()
    if len(items) < PARALLEL_MIN_FILES or workers < 2 or not fork:
        outcomes = [_one(Path(p), s, job) for p, s in items]
    else:
        _JOB = job
        try:
            chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
            with concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                outcomes = [o for part in pool.map(_chunk, chunks) for o in part]
        finally:
            _JOB = None
    if cache is not None:
        for o in outcomes:
            if o.key is not None and o.fields is not None and not o.problems:
                public = {k: v for k, v in o.fields.items() if k != "contact"}
                cache.keep(o.key, [public, o.lines], o.cached)
    return outcomes
