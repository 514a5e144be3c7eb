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
import gc
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from . import fastschema
from .cache import ResultCache, content_key
from .checker import check_one_data
from .collection import name_keys
from .keys import KeyRing
from .loader import check_file_name, read_bytes
from .problems import Problem
from .schema import Signature
from .settings import SIGNATURE_SUFFIX, Settings
from .validate import Entry

# Below this many files a worker pool costs more than it saves.
PARALLEL_MIN_FILES = 2000
CHUNK = 1000


class Outcome(NamedTuple):  # a tuple: 100,000 of them are made in the parent, one process
    """The verdict on one file: its entry (None when refused) and its problems."""

    shown: str
    slug: str
    entry: Entry | None
    problems: tuple[Problem, ...]
    key: str | None = None  # content key, when the bytes were read
    cached: bool = False
    name_keys: tuple | None = None  # collection.name_keys of a valid entry's name


# Re-exported: the parent turns the workers' fields back into Signatures with it.
rebuild = fastschema.rebuild


@dataclasses.dataclass
class _Job:
    settings: Settings
    keyring: KeyRing | None
    today: dt.date
    versions: list[str] | None
    records: dict[str, list] | None  # the cache's records, read before forking
    name_keys: dict[str, list] | None = None  # and its duplicate-check keys
    public_only: bool = False  # leave the encrypted contact out of the results


_JOB: _Job | None = None  # set in the parent just before forking; workers inherit it


def shower(settings: Settings):
    """A fast ``settings.display`` for the many paths under the repository."""
    root = str(settings.root.absolute())
    prefix = root if root.endswith(os.sep) else root + os.sep

    def shown(path: Path | str) -> str:
        text = str(path)
        if text.startswith(prefix) and os.sep + ".." not in text and "." + os.sep not in text:
            return text[len(prefix):].replace(os.sep, "/")
        return settings.display(Path(path))

    return shown


def _one(path: str, shown: str, job: _Job) -> tuple:
    """One file's verdict as a plain tuple (cheap to send between processes): see Outcome.

    A valid file's tuple also carries its name's duplicate-check keys (collection.name_keys),
    computed here, on every core, rather than in the parent.
    """
    data, read_problems = read_bytes(path, shown, job.settings.max_file_bytes)
    if data is None:
        return (shown, None, None, tuple(check_file_name(path, shown) + read_problems), None, False, None)
    key = content_key(shown, data) if job.records is not None else None
    if key is not None:
        record = job.records.get(key)
        if record is not None:
            known = job.name_keys.get(key) if job.name_keys is not None else None
            keys = (known[0], tuple(known[1])) if known is not None else name_keys(record[0]["name"])
            return (shown, record[0], record[1], (), key, True, keys)
    entry, problems = check_one_data(path, shown, data, job.settings, job.keyring, job.today, job.versions)
    if entry is None:
        return (shown, None, None, tuple(problems), key, False, None)
    # The model's own attributes are its fields, all plain strings: no need for model_dump.
    fields = {k: v for k, v in entry.signature.__dict__.items() if v is not None and not (job.public_only and k == "contact")}
    return (shown, fields, entry.lines, tuple(problems), key, False, name_keys(fields["name"]))


def _outcome(item: tuple) -> Outcome:
    shown, fields, lines, problems, key, cached, keys = item
    name = shown.rsplit("/", 1)[-1]  # what slug_of(path) reads, without building a Path
    slug = name[: -len(SIGNATURE_SUFFIX)] if name.endswith(SIGNATURE_SUFFIX) else name
    entry = None if fields is None else Entry(shown, slug, rebuild(fields), lines)
    return Outcome(shown, slug, entry, problems, key, cached, keys)


def _chunk(items: list[tuple[str, str]]) -> list[tuple]:
    assert _JOB is not None
    job = _JOB
    return [_one(path, shown, job) for path, shown in items]


def _warm() -> None:
    """Load the tables every file needs once, here, so forked workers share them instead of each loading its own."""
    from .schema import country_name

    name_keys("Warm Άλφα")  # look-alike prototypes and the folding table
    country_name("NO")  # pycountry's database


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def check_files(
    paths: list[str] | list[Path],
    shown: list[str],
    settings: Settings,
    keyring: KeyRing | None,
    today: dt.date,
    versions: list[str] | None,
    cache: ResultCache | None = None,
) -> Iterator[Outcome]:
    """One Outcome per path, in order, checked in parallel when that pays.

    With a cache (the site build), entries never carry the encrypted contact, cached or not.
    """
    global _JOB
    job = _Job(settings, keyring, today, versions, cache.records if cache is not None else None, name_keys=cache.name_keys if cache is not None else None, public_only=cache is not None)
    workers = _workers()
    fork = "fork" in multiprocessing.get_all_start_methods()
    if len(paths) < PARALLEL_MIN_FILES or workers < 2 or not fork:
        results: Iterable[tuple] = (_one(str(p), s, job) for p, s in zip(paths, shown))
        pool = None
    else:
        items = [(os.fspath(p), s) for p, s in zip(paths, shown)]
        chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
        _JOB = job
        _warm()
        # The parent may have paused the garbage collector (checker.check); the workers need theirs.
        pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=gc.enable)
        # Results come back in order while later chunks are still being checked.
        results = (item for part in pool.map(_chunk, chunks) for item in part)
        if cache is not None:
            cache.records = {}  # the forked workers have their copy; free the parent's
            cache.name_keys = {}
    try:
        for item in results:
            outcome = _outcome(item)
            if cache is not None and outcome.key is not None and outcome.entry is not None and not outcome.problems:
                # The signature's own attribute dict: shared, not copied (save() leaves out the unset fields).
                cache.keep(outcome.key, [outcome.entry.signature.__dict__, outcome.entry.lines], outcome.cached, outcome.name_keys)
            yield outcome
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
            _JOB = None
