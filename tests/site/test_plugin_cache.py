"""A rebuild takes the list's rows from the content cache: same bytes as a build from nothing, and
one changed file shows in every generated file it belongs to."""

from __future__ import annotations

import shutil

from cachefiles import read_records, write_records
from petition.check.cache import CACHE_DIR


def _site_bytes(site):
    # The sitemap's gzip carries a timestamp; everything else must be the same bytes.
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix != ".gz"
    }


def _build(repo):
    proc = repo.build()
    assert proc.returncode == 0, proc.stderr
    return _site_bytes(repo.site)


def _cache(repo):
    (path,) = (repo.root / CACHE_DIR).glob("checked-*")
    return path


def _stamps(repo):
    return {p.name: p.stat().st_mtime_ns for p in _cache(repo).iterdir()}


def test_rebuild_reuses_rows_and_a_changed_file_reaches_every_output(repo):
    with open(repo.root / "pyproject.toml", "a", encoding="utf-8") as handle:
        handle.write("list_block = 2\n")  # several block files from a few rows
    for i in range(7):
        repo.sign(f"p{i}", f"Person {i}", country="NO")
    first = _build(repo)
    stamp = _stamps(repo)
    assert _build(repo) == first  # nothing changed: same bytes, and the cache is not even rewritten
    assert _stamps(repo) == stamp

    # The cached pieces are what a rebuild publishes (proved by marking one in the cache).
    (path,) = _cache(repo).glob("*.shard")
    records = read_records(_cache(repo))
    for key, record in records.items():
        if record[0] == "p3":
            derived = record[4]
            records[key] = (
                *record[:4],
                (*derived[:4], derived[4].replace("Person 3", "Marked 3"), *derived[5:]),
            )  # its CSV line
    write_records(path, records)
    assert "Marked 3" in _build(repo)["signatories.csv"].decode()
    shutil.rmtree(repo.root / ".cache")
    assert _build(repo) == first

    # Rename one signer and move them to another country (and, by sort order, to the end of the list).
    repo.sign("p0", "Zed Renamed", country="SE")
    changed = _build(repo)
    outputs = [
        "signatories.json",
        "signatories.csv",
        "signatories-search.json",
        "signatories-by-country.csv",
        "signatories/index.html",
    ]
    outputs += [p for p in first if p.startswith("signatories-blocks/")]
    assert len(outputs) > 6
    for name in outputs:
        assert changed[name] != first[name], name
    for name in (
        "signatories.json",
        "signatories.csv",
        "signatories-search.json",
        "signatories-blocks/individual-4.html",
    ):
        assert "Zed Renamed" in changed[name].decode(), name

    # What the rebuild published is what a build from nothing publishes.
    shutil.rmtree(repo.root / ".cache")
    shutil.rmtree(repo.site)
    assert _build(repo) == changed


def test_damaged_cache_is_ignored(repo):
    for i in range(3):
        repo.sign(f"p{i}", f"Person {i}", country="NO")
    first = _build(repo)
    for name in ("manifest.json", "*.shard"):
        (path,) = _cache(repo).glob(name)
        text = path.read_bytes()
        path.write_bytes(text[: len(text) // 2])  # cut short
        assert _build(repo) == first
        (path,) = _cache(repo).glob(name)
        path.write_bytes(b"{not json")
        assert _build(repo) == first
