"""The content cache as shards written and read by the checker's workers: a shard that is missing,
damaged, cut short, foreign or left by an aborted run is an empty cache for its files (never a
wrong verdict or row), and a changed file is checked again. Serial and forked alike."""

from __future__ import annotations

import datetime as dt
import json
import marshal
import os
import shutil

import pytest

from cachefiles import read_records, write_records
from petition.check import collection, workers
from petition.check.cache import CACHE_DIR, MANIFEST, ResultCache
from petition.site import listing

BLOCK = 4
NAME = workers.VALUE_FIELDS.index("name")


@pytest.fixture(params=["serial", "forked"])
def mode(request, monkeypatch):
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 10**9 if request.param == "serial" else 0)
    monkeypatch.setattr(workers, "CHUNK", 4)  # several shards from a few files
    return request.param


def _folder(repo):
    (folder,) = (repo.root / CACHE_DIR).glob("checked-*")
    return folder


def _shards(repo):
    return sorted(_folder(repo).glob("*.shard"))


def _manifest(repo):
    return json.loads((_folder(repo) / MANIFEST).read_bytes())


def _sign(repo, n=10):
    for i in range(n):
        repo.sign(f"p{i:02d}", f"Person {i}", country="NO" if i % 2 else "SE")
    repo.write("zz-bad", "type: individual\nname: Broken\n")  # invalid: never cached, always reported


def _run(repo, today):
    result = collection.check(repo.settings(), today=today, cache=True, derive=listing.RowPieces(False))
    return result, listing.assemble(result.derived, BLOCK)[1]


def _expected(repo, today):
    """What a check and the list give without the cache (which such a check neither reads nor writes)."""
    result = collection.check(repo.settings(), today=today, derive=listing.RowPieces(False))
    return [p.message for p in result.problems], listing.assemble(result.derived, BLOCK)[1]


def _same(repo, today, expected):
    result, outputs = _run(repo, today)
    assert ([p.message for p in result.problems], outputs) == expected
    assert result.problems and {p.path for p in result.problems} == {"signatures/zz-bad.yaml"}
    return result


def _names(result):
    return [record[1][NAME] for _, record in result.records]


def _stored(path):
    data = path.read_bytes()
    return dict(marshal.loads(data[data.index(b"\n") + 1 :]))


def _mark(path, name):
    """Put ``name`` in every record of one shard (and drop its pieces, so rows are made from the records)."""
    write_records(
        path, {k: (r[0], (*r[1][:NAME], name, *r[1][NAME + 1 :]), *r[2:4], None) for k, r in _stored(path).items()}
    )


def test_one_shard_per_chunk_and_a_rebuild_writes_nothing(repo, mode):
    today = dt.date.today()
    _sign(repo)
    expected = _expected(repo, today)
    _same(repo, today, expected)
    manifest = _manifest(repo)
    assert [s[3] for s in manifest["shards"]] == [4, 4, 2]  # 11 files in chunks of 4; the invalid one is not recorded
    assert {s[0] for s in manifest["shards"]} == {p.name for p in _shards(repo)}
    stamps = {p.name: p.stat().st_mtime_ns for p in _folder(repo).iterdir()}
    result = _same(repo, today, expected)
    assert {p.name: p.stat().st_mtime_ns for p in _folder(repo).iterdir()} == stamps  # nothing rewritten
    assert len(result.records) == 10
    for path in _shards(repo):
        _mark(path, "MARKED")
    assert _names(_run(repo, today)[0]) == ["MARKED"] * 10  # every record came from the shards


def test_a_changed_file_rewrites_only_its_shard_and_shows(repo, mode):
    today = dt.date.today()
    _sign(repo)
    _run(repo, today)
    before = {s[1]: s[0] for s in _manifest(repo)["shards"]}
    repo.sign("p05", "Renamed Five", country="NO")
    result = _same(repo, today, _expected(repo, today))
    after = {s[1]: s[0] for s in _manifest(repo)["shards"]}
    assert [first for first in after if after[first] != before.get(first)] == [
        "signatures/p04.yaml"
    ]  # the chunk p04..p07 only
    assert sorted(p.name for p in _shards(repo)) == sorted(after.values())  # the old shard is gone
    assert "Renamed Five" in _names(result) and "Person 5" not in _names(result)


def _cached_and_marked(repo) -> tuple[dt.date, tuple]:
    """A signed collection, its plain outputs, and a cache whose every record is marked (so a record read shows)."""
    today = dt.date.today()
    _sign(repo)
    expected = _expected(repo, today)
    _run(repo, today)
    for path in _shards(repo):
        _mark(path, "MARKED")
    return today, expected


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.unlink(),
        lambda path: path.write_bytes(path.read_bytes()[:-7]),
        lambda path: path.write_bytes(path.read_bytes()[:-3] + b"\x00\x00\x00"),  # the digest no longer matches
        lambda path: path.write_bytes(
            path.read_bytes().replace(b"MARKED", b"MARKEE")
        ),  # still well-formed: only the digest tells
        lambda path: path.write_bytes(b""),
    ],
    ids=["missing", "cut-short", "damaged", "edited", "empty"],
)
def test_a_bad_shard_is_an_empty_cache_for_its_files(repo, mode, damage):
    today, expected = _cached_and_marked(repo)
    damage(_shards(repo)[1])
    names = _names(_run(repo, today)[0])
    assert names.count("MARKED") == 6 and names[4:8] == [
        "Person 4",
        "Person 5",
        "Person 6",
        "Person 7",
    ]  # only the bad shard's files are checked
    shutil.rmtree(repo.root / CACHE_DIR)
    _same(repo, today, expected)
    _same(repo, today, expected)


def test_a_foreign_shard_is_never_read(repo, mode):
    today, expected = _cached_and_marked(repo)
    first, second = _shards(repo)[:2]
    shutil.copyfile(second, first)  # a well-formed shard under another's name: its header names the other
    assert _names(_run(repo, today)[0])[:4] == ["Person 0", "Person 1", "Person 2", "Person 3"]
    # A well-formed shard of another fingerprint, put where this one's manifest points, is not read either.
    folder = _folder(repo)
    manifest = _manifest(repo)
    other = ResultCache(repo.root / CACHE_DIR, "0" * 32)
    records = [
        (k, (r[0], (*r[1][:NAME], "FOREIGN", *r[1][NAME + 1 :]), *r[2:]))
        for k, r in read_records(folder).items()
        if r[0] < "p04"
    ]
    entry = other.write_shard(0, manifest["shards"][0][1], manifest["shards"][0][2], records, listing.RowPieces(False))
    (other.path / entry[0]).replace(folder / manifest["shards"][0][0])
    assert _names(_run(repo, today)[0])[:4] == ["Person 0", "Person 1", "Person 2", "Person 3"]
    shutil.rmtree(repo.root / CACHE_DIR)
    _same(repo, today, expected)


def test_an_aborted_run_leaves_the_cache_as_it_was(repo, mode, monkeypatch):
    today = dt.date.today()
    _sign(repo)
    _run(repo, today)
    manifest = _manifest(repo)
    repo.sign("p05", "Renamed Five", country="NO")
    save = ResultCache.save

    def boom(self):
        raise KeyboardInterrupt  # the build stops after the workers wrote their shards, before the manifest

    monkeypatch.setattr(ResultCache, "save", boom)
    with pytest.raises(KeyboardInterrupt):
        _run(repo, today)
    monkeypatch.setattr(ResultCache, "save", save)
    assert _manifest(repo) == manifest and len(_shards(repo)) > len(
        manifest["shards"]
    )  # the new shards are listed nowhere
    result = _same(repo, today, _expected(repo, today))
    assert "Renamed Five" in _names(result)
    assert sorted(p.name for p in _shards(repo)) == sorted(
        s[0] for s in _manifest(repo)["shards"]
    )  # the unlisted ones are gone


def test_added_and_removed_files_shift_the_chunks_and_stay_right(repo, mode):
    today = dt.date.today()
    _sign(repo)
    _run(repo, today)
    repo.sign("p00a", "Inserted Early", country="NO")  # every later chunk now starts one file on
    (repo.signatures / "p09.yaml").unlink()
    result = _same(repo, today, _expected(repo, today))
    assert "Inserted Early" in _names(result) and "Person 9" not in _names(result)
    _same(repo, today, _expected(repo, today))


def test_temporary_files_of_a_killed_build_are_removed_later(repo, mode):
    today = dt.date.today()
    _sign(repo)
    _run(repo, today)
    folder = _folder(repo)
    old, recent = folder / ".tmp-killed", folder / ".tmp-running"
    old.write_bytes(b"half a shard")
    recent.write_bytes(b"half a shard")
    os.utime(old, (0, 0))
    repo.sign("p05", "Renamed Five", country="NO")  # something to save
    _run(repo, today)
    assert not old.exists() and recent.exists()  # a running build's file is left alone


def test_a_check_between_builds_keeps_their_shards(repo, mode):
    """``petition check`` (no row pieces wanted), for the folder or for one file as pre-commit runs it,
    reads the build's shards and keeps them, pieces and all: the next build remakes nothing."""
    today = dt.date.today()
    _sign(repo)
    expected = _expected(repo, today)
    _run(repo, today)
    stamps = {p.name: p.stat().st_mtime_ns for p in _folder(repo).iterdir()}
    for paths in (None, [repo.signatures / "p05.yaml"]):
        result = collection.check(repo.settings(), paths, today=today, cache=True)
        assert {p.path for p in result.problems} == ({"signatures/zz-bad.yaml"} if paths is None else set())
        assert {p.name: p.stat().st_mtime_ns for p in _folder(repo).iterdir()} == stamps
    _same(repo, today, expected)
    assert {p.name: p.stat().st_mtime_ns for p in _folder(repo).iterdir()} == stamps


def test_a_check_after_a_change_gives_the_next_build_the_rows_of_every_other_chunk(repo, mode):
    today = dt.date.today()
    _sign(repo)
    _run(repo, today)
    before = {s[1]: s for s in _manifest(repo)["shards"]}
    repo.sign("p05", "Renamed Five", country="NO")
    collection.check(repo.settings(), today=today, cache=True)
    after = {s[1]: s for s in _manifest(repo)["shards"]}
    changed = [first for first in after if after[first] != before[first]]
    assert (
        changed == ["signatures/p04.yaml"] and after[changed[0]][4] is None
    )  # the check wrote that chunk without pieces
    result = _same(repo, today, _expected(repo, today))  # the build makes that chunk's pieces again, and only those
    assert "Renamed Five" in _names(result)
    final = {s[1]: s for s in _manifest(repo)["shards"]}
    assert [first for first in final if final[first] != after[first]] == ["signatures/p04.yaml"]
    assert len({s[4] for s in final.values()}) == 1 and None not in {s[4] for s in final.values()}


def test_an_added_or_removed_file_rewrites_only_the_shard_it_falls_in(repo, mode):
    """Chunks follow the cache's shards: a file added near the start does not shift every later chunk."""
    today = dt.date.today()
    _sign(repo)
    _run(repo, today)
    before = {
        s[0]: s[1:3] for s in _manifest(repo)["shards"]
    }  # p00..p03, p04..p07, p08..zz-bad (whose file is not recorded)
    repo.sign("p00a", "Inserted Early", country="NO")
    (repo.signatures / "p05.yaml").unlink()
    result = _same(repo, today, _expected(repo, today))
    assert "Inserted Early" in _names(result) and "Person 5" not in _names(result)
    after = {s[0]: s[1:3] for s in _manifest(repo)["shards"]}
    assert [r for n, r in after.items() if n in before] == [
        ["signatures/p08.yaml", "signatures/zz-bad.yaml"]
    ]  # kept as it was
    assert sorted(r for n, r in after.items() if n not in before) == [
        ["signatures/p00.yaml", "signatures/p03.yaml"],
        ["signatures/p04.yaml", "signatures/p07.yaml"],
    ]
    assert [s[3] for s in _manifest(repo)["shards"]] == [5, 3, 2]


def test_a_range_grown_past_two_chunks_is_cut_again(repo, mode):
    today = dt.date.today()
    _sign(repo)
    _run(repo, today)
    for i in range(9):
        repo.sign(f"p00-{i}", f"Added {i}", country="NO")  # all within the first shard's range's reach
    _same(repo, today, _expected(repo, today))
    assert max(s[3] for s in _manifest(repo)["shards"]) <= 2 * 4
