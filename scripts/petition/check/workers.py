"""Per-file checks on every core, results in the order asked, optionally through the content cache.

Each file is checked on its own (load, plaintext guard, schema), so the work splits cleanly:
chunks of paths go to forked worker processes, which return compact records
(petition.check.records.Record: no pydantic objects, no dicts, never the encrypted contact)
holding what the parent needs and no more: a valid file's public field values, the lines of its
fields, its duplicate-check key (duplicates.duplicate_key) and, for the site build, the list's
pieces of its row (``derive``).
The parent keeps the records as they come and turns them into Entry objects only when a caller
asks for entries (``entry_of``). Small collections, and systems without ``fork``, are checked in
this process: same code, same records.

A record's ``values`` are in ``VALUE_FIELDS`` order (None when unset), its ``lines`` the line of
each field of ``FIELD_ORDER`` (0 when absent; bytes when every line fits in one, else a tuple),
its ``derived`` what ``derive(slug, fields)`` returned (None without ``derive``).
"""

from __future__ import annotations

import bisect
import concurrent.futures
import dataclasses
import datetime as dt
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from petition.check.cache import ResultCache, content_key
from petition.check.duplicates import duplicate_key
from petition.check.fastfile import check_data
from petition.check.onefile import FIELD_ORDER, Entry
from petition.check.records import Record
from petition.load.files import check_file_name, read_bytes, slug_of
from petition.model import fastvalidate
from petition.model.fields import PUBLIC
from petition.model.keys import KeyRing
from petition.problems import Problem
from petition.settings import Settings

# Below this many files a worker pool costs more than it saves.
PARALLEL_MIN_FILES = 2000
CHUNK = 1000

# The fields a record carries: the public ones (not the encrypted contact, which nothing reading a
# check's entries needs, ``petition contact`` reads the files itself, and which is most of a file).
VALUE_FIELDS = PUBLIC
_NAME_LINE = FIELD_ORDER.index("name")
_GITHUB_LINE = FIELD_ORDER.index("github")
_NO_LINES = (0,) * len(FIELD_ORDER)

# What a worker found of one file: refused, valid (checked now) or valid (found in the cache).
_INVALID, _VALID, _HIT = 0, 1, 2


# What a worker sends back for one file, as a plain tuple (a named one costs microseconds to send):
# (kind, shown path, the plain record of a valid file or a refused file's problems, the cache's key of
# its bytes or None).
_Outcome = tuple


# Re-exported: entry_of turns a record's values back into a Signature with it.
rebuild = fastvalidate.rebuild


@dataclasses.dataclass
class _Job:
    settings: Settings
    keyring: KeyRing | None
    today: dt.date
    versions: list[str] | None
    known: dict[str, tuple] | None  # the cache's records for the chunk at hand (read by the worker checking it)
    derive: Callable[[str, dict], tuple] | None = None
    cache: ResultCache | None = None


_JOB: _Job | None = None  # set in the parent just before forking; workers inherit it


def shower(settings: Settings):
    """A fast ``settings.display`` for the many paths under the repository."""
    root = str(settings.root.absolute())
    prefix = root if root.endswith(os.sep) else root + os.sep

    def shown(path: Path | str) -> str:
        text = str(path)
        if text.startswith(prefix) and os.sep + ".." not in text and "." + os.sep not in text:
            return text[len(prefix) :].replace(os.sep, "/")
        return settings.display(Path(path))

    return shown


def entry_of(shown: str, record: Record) -> Entry:
    """The Entry a valid file's record stands for (its signature without the contact)."""
    fields = _fields_of(record.values)
    return Entry(shown, record.slug, rebuild(fields), {k: n for k, n in zip(FIELD_ORDER, record.lines) if n})


def record_of(
    slug: str, fields: dict[str, str], lines: dict[str, int], keys: tuple, derive: Callable[[str, dict], tuple] | None
) -> tuple:
    """The plain record (check.records) of a valid file from its fields (no contact), lines and
    ``duplicates.name_keys`` of its name."""
    get = fields.get
    values = tuple(map(get, VALUE_FIELDS))
    numbers = tuple(map(lines.get, FIELD_ORDER, _NO_LINES))
    if max(numbers) < 256:
        numbers = bytes(numbers)  # one object to send rather than a tuple of eleven (entry_of reads both alike)
    key = duplicate_key(
        slug,
        get("name"),
        get("country"),
        get("github"),
        get("type"),
        numbers[_NAME_LINE] or 1,
        numbers[_GITHUB_LINE] or 1,
        keys,
        get("website"),
    )
    return (slug, values, numbers, key, derive(slug, fields) if derive is not None else None)


def _fields_of(values: tuple[str | None, ...]) -> dict[str, str]:
    return {k: v for k, v in zip(VALUE_FIELDS, values) if v is not None}


def _one(path: str, shown: str, job: _Job) -> _Outcome:
    """One file's verdict, compact (cheap to send between processes)."""
    data, read_problems = read_bytes(path, shown, job.settings.max_file_bytes)
    if data is None:
        return (_INVALID, shown, tuple(check_file_name(path, shown) + read_problems), None)
    key = None
    if job.known is not None:
        key = content_key(shown, data)
        record = job.known.get(key)
        if record is not None:
            slug, values, lines, duplicate, derived = record
            if job.derive is not None and derived is None:  # pieces made under another derive: made again
                return (_VALID, shown, (slug, values, lines, duplicate, job.derive(slug, _fields_of(values))), key)
            return (_HIT, shown, record, key)
    # The whole per-file verdict in one call (petition.check.fastfile: the checker's pipeline is its oracle).
    verdict = check_data(path, shown, data, job.settings, job.keyring, job.today, job.versions, public_only=True)
    if verdict.fields is None:
        return (_INVALID, shown, verdict.problems, None)
    record = record_of(slug_of(path), verdict.fields, verdict.lines, verdict.name_keys, job.derive)
    return (_VALID, shown, record, key)


def _chunk(part: tuple[int, list[str], list[str] | None]) -> tuple[list[tuple], list | None, int, int]:
    """One chunk's results as the parent yields them, the manifest entry (with a cache) of the shard holding its
    valid records, and how many of those came from the cache and how many were checked now."""
    assert _JOB is not None
    job = _JOB
    index, paths, shown = part
    if shown is None:  # the workers work out how the paths are shown, not the parent
        shown = list(map(shower(job.settings), paths))
    cache = job.cache
    if cache is None or not shown:
        return _sent([_one(path, s, job) for path, s in zip(paths, shown)], None)
    first, last = min(shown), max(shown)
    job.known, used = cache.load_range(first, last, job.derive)  # only this chunk's records: never the whole cache
    try:
        results = [_one(path, s, job) for path, s in zip(paths, shown)]
    finally:
        job.known = None
    kept = [(key, found) for kind, _, found, key in results if kind != _INVALID and key is not None]
    if len(used) == 1 and used[0][1:4] == [first, last, len(kept)] and all(kind != _VALID for kind, *_ in results):
        # Every record came from this one shard, as it is: keep it. A check without ``derive`` keeps
        # a build's shard too, pieces and all, so checking between two builds costs the next build nothing.
        if job.derive is None or used[0][4] == getattr(job.derive, "token", None):
            return _sent(results, used[0])
    if not kept:
        return _sent(results, None)
    return _sent(results, cache.write_shard(index, first, last, kept, job.derive))


def _sent(results: list[_Outcome], shard: list | None) -> tuple[list[tuple], list | None, int, int]:
    """What goes back to the parent: ``(shown, plain record or None, problems)`` per file, as the parent yields it
    (so it only passes them on), without the cache's keys (the parent has no use for them); the counts of hits and
    of files checked now."""
    hits = checked = 0
    sent = []
    add = sent.append
    for kind, shown, found, _ in results:
        if kind == _INVALID:
            add((shown, None, found))
        else:
            add((shown, found, ()))
            if kind == _HIT:
                hits += 1
            else:
                checked += 1
    return sent, shard, hits, checked


def _bounds(
    paths: list[str], shown: list[str] | None, settings: Settings, cache: ResultCache | None
) -> list[tuple[int, int]]:
    """Where each chunk of the (sorted) paths starts and ends.

    Chunks of CHUNK files; but with a cache, along its shards' ranges, so a file added or removed
    changes the one shard whose range it falls in rather than shifting, and so rewriting, every
    later shard. A range grown past two chunks is cut into chunks again. Chunking decides only
    what is read and written together: any chunking gives the same results.
    """
    total = len(paths)
    cuts: list[int] = []
    if cache is not None and cache.shards:
        # Paths under one folder sort as their shown paths do: bisect on either.
        seq, key = (shown, None) if shown is not None else (paths, shower(settings))
        for high in sorted({s[2] for s in cache.shards}):
            cut = bisect.bisect_right(seq, high, key=key)
            if 0 < cut < total and (not cuts or cut > cuts[-1]):
                cuts.append(cut)
    bounds = []
    start = 0
    for end in [*cuts, total]:
        if end - start > 2 * CHUNK or end == total:  # the files after the last shard, too, in whole chunks
            bounds.extend((i, min(i + CHUNK, end)) for i in range(start, end, CHUNK))
        else:
            bounds.append((start, end))
        start = end
    return bounds


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def check_files(
    paths: list[str] | list[Path],
    shown: list[str] | None,
    settings: Settings,
    keyring: KeyRing | None,
    today: dt.date,
    versions: list[str] | None,
    cache: ResultCache | None = None,
    derive: Callable[[str, dict], tuple] | None = None,
) -> Iterator[tuple[str, tuple | None, tuple[Problem, ...]]]:
    """``(shown, record, problems)`` per path, in order (record None when the file is refused; else the plain record,
    which check.records.named names), checked in parallel when that pays.

    ``shown``: how each path is shown in messages; None to let the workers work it out (``shower``).

    ``derive(slug, fields)``, when given, runs on each valid file in the workers; its result is the
    record's last part, and the cache keeps it (records made by another ``derive.token`` are
    derived again, not checked again).
    """
    global _JOB
    job = _Job(settings, keyring, today, versions, None, derive, cache)
    workers = _workers()
    fork = "fork" in multiprocessing.get_all_start_methods()
    paths = list(map(os.fspath, paths))
    chunks = [
        (n, paths[a:b], None if shown is None else shown[a:b])
        for n, (a, b) in enumerate(_bounds(paths, shown, settings, cache))
    ]
    _JOB = job
    if len(paths) < PARALLEL_MIN_FILES or workers < 2 or not fork:
        parts: Iterable[tuple] = map(_chunk, chunks)
        pool = None
    else:
        # No tables loaded here before forking: each worker loads what it needs (a rebuild from the
        # cache needs none), so the parent spends no time on them and holds none of them.
        # The parent may have paused the garbage collector (checker.check); the workers need theirs.
        pool = concurrent.futures.ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("fork"), initializer=gc.enable
        )
        # Results come back in order while later chunks are still being checked.
        parts = pool.map(_chunk, chunks)
    try:
        for results, shard, hits, misses in parts:
            if cache is not None:
                cache.add_shard(shard)
                cache.hits += hits
                cache.misses += misses
            # Passed on as they came: the parent does nothing per file here (the caller names the records it keeps).
            yield from results
            del results
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        _JOB = None
