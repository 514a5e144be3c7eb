"""The build's content cache: reused when nothing changed, never trusted for a changed file."""

from __future__ import annotations

import datetime as dt
import json

from cachefiles import read_records, write_records
from petition.check import collection
from petition.check.cache import CACHE_DIR
from petition.check.workers import VALUE_FIELDS

NAME = VALUE_FIELDS.index("name")


def _cache_files(repo):
    return sorted((repo.root / CACHE_DIR).glob("checked-*"))


def _shards(folder):
    return sorted(folder.glob("*.shard"))


def test_check_reuses_valid_results_and_rechecks_changed_files(repo):
    for i in range(5):
        repo.sign(f"p{i}", f"Person {i}", country="NO")
    first = collection.check(repo.settings(), cache=True)
    assert first.ok and len(_cache_files(repo)) == 1
    records = read_records(_cache_files(repo)[0])
    assert len(records) == 5
    assert all(
        len(values) == len(VALUE_FIELDS) and "contact" not in VALUE_FIELDS for _, values, *_ in records.values()
    )  # the site never needs it
    assert not any(value.startswith("rsa-oaep") for _, values, *_ in records.values() for value in values if value)
    assert not any(b"rsa-oaep" in shard.read_bytes() for shard in _shards(_cache_files(repo)[0]))

    again = collection.check(repo.settings(), cache=True)
    assert [e.signature.public() for e in again.entries] == [e.signature.public() for e in first.entries]

    # Prove the records are what a second run uses: mark one, and see the mark come back...
    (path,) = _shards(_cache_files(repo)[0])
    records = read_records(_cache_files(repo)[0])
    for key, (slug, values, *rest) in records.items():
        if values[NAME] == "Person 1":
            records[key] = (slug, (*values[:NAME], "Marked in the cache", *values[NAME + 1 :]), *rest)
    write_records(path, records)
    names = [e.signature.name for e in collection.check(repo.settings(), cache=True).entries]
    assert "Marked in the cache" in names
    # ...until the file's content changes: then the file is checked again.
    repo.write("p1", (repo.signatures / "p1.yaml").read_text() + "# edited\n")
    names = [e.signature.name for e in collection.check(repo.settings(), cache=True).entries]
    assert "Person 1" in names and "Marked in the cache" not in names

    # Same bytes under a new name are a new key (the name is part of what is checked).
    (repo.signatures / "p0.yaml").rename(repo.signatures / "P0.yaml")
    renamed = collection.check(repo.settings(), cache=True)
    assert [p.code for p in renamed.problems] == ["file-name"]


def test_an_invalid_change_is_never_hidden_by_the_cache(repo):
    repo.sign("anna", "Anna", country="NO")
    assert collection.check(repo.settings(), cache=True).ok
    repo.write("anna", (repo.signatures / "anna.yaml").read_text().replace('"NO"', '"XX"'))
    result = collection.check(repo.settings(), cache=True)
    assert [(p.path, p.code) for p in result.problems] == [("signatures/anna.yaml", "country-unknown")]


def test_a_new_key_starts_a_new_cache(repo, other_private_key):
    repo.sign("anna", "Anna")
    collection.check(repo.settings(), cache=True)
    before = _cache_files(repo)
    repo.add_key(other_private_key.public_key())
    collection.check(repo.settings(), cache=True)
    after = _cache_files(repo)
    assert len(after) == 1 and after != before


def test_a_damaged_cache_is_ignored(repo):
    repo.sign("anna", "Anna")
    collection.check(repo.settings(), cache=True)
    for damage in (lambda p: p.write_text("{not json"), lambda p: p.write_bytes(p.read_bytes()[:-9])):
        for which in (lambda folder: folder / "manifest.json", lambda folder: _shards(folder)[0]):
            damage(which(_cache_files(repo)[0]))
            result = collection.check(repo.settings(), cache=True)
            assert result.ok and [e.signature.name for e in result.entries] == ["Anna"]


def test_second_build_reuses_the_cache_and_sees_a_changed_file(repo):
    for i in range(4):
        repo.sign(f"p{i}", f"Person {i}", country="NO")
    assert repo.build().returncode == 0
    cache = _cache_files(repo)
    assert len(cache) == 1
    stamp = cache[0].stat().st_mtime_ns

    built = repo.build()
    assert built.returncode == 0, built.stderr
    page = (repo.site / "signatories" / "index.html").read_text()
    assert "Person 2" in page

    repo.write("p2", (repo.signatures / "p2.yaml").read_text().replace("Person 2", "Persona Renamed"))
    built = repo.build()
    assert built.returncode == 0, built.stderr
    page = (repo.site / "signatories" / "index.html").read_text()
    assert "Persona Renamed" in page and "Person 2<" not in page
    exported = json.loads((repo.site / "signatories.json").read_text())
    assert "Persona Renamed" in [s["name"] for s in exported["signatories"]]
    assert _cache_files(repo)[0].stat().st_mtime_ns >= stamp


def test_a_cache_written_on_a_later_day_is_not_read(repo):
    """Time only turns a future date valid; if the clock goes back, the records of a later day are not trusted."""
    repo.sign("anna", "Anna", signed="2026-06-10")
    later, earlier = dt.date(2026, 6, 10), dt.date(2026, 6, 1)
    assert collection.check(repo.settings(), today=later, cache=True).ok
    result = collection.check(repo.settings(), today=earlier, cache=True)
    assert [(p.path, p.code) for p in result.problems] == [("signatures/anna.yaml", "date-future")]
    assert collection.check(repo.settings(), today=later, cache=True).ok


def _mark_in_cache(repo, slug, change):
    """Rewrite the cached record of ``slug`` with ``change(record)``: what a command then reports came from
    the cache."""
    (shard,) = _shards(_cache_files(repo)[0])
    records = read_records(_cache_files(repo)[0])
    write_records(shard, {k: change(r) if r[0] == slug else r for k, r in records.items()})


def test_stats_and_import_read_the_cache_the_check_keeps(repo, capsys, tmp_path):
    from petition.cli import main

    repo.sign("ola", "Ola Nordmann", country="NO")
    repo.sign("kari", "Kari Nordmann", country="NO")
    assert main(["--root", str(repo.root), "check"]) == 0
    country = VALUE_FIELDS.index("country")
    _mark_in_cache(repo, "kari", lambda r: (r[0], (*r[1][:country], "SE", *r[1][country + 1 :]), *r[2:]))
    capsys.readouterr()
    assert main(["--root", str(repo.root), "stats", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["by_country"] == {"NO": 1, "SE": 1}

    # Give Kari's cached record the duplicate-check key an imported "Ola Nordmann" would have: the import's check sees
    # it.
    table = tmp_path / "import.csv"
    table.write_text(
        "type,name,email,signed,country\nindividual,Kari Nordmann Two," + "kari2" + "@example.org,2026-05-01,NO\n",
        encoding="utf-8",
    )
    assert main(["--root", str(repo.root), "import", str(table)]) == 0
    key = next(r[3] for r in read_records(_cache_files(repo)[0]).values() if r[0] == "kari-nordmann-two")
    (repo.signatures / "kari-nordmann-two.yaml").unlink()
    _mark_in_cache(repo, "kari", lambda r: (*r[:3], ("kari", *key[1:]), r[4]))
    capsys.readouterr()
    assert main(["--root", str(repo.root), "import", str(table)]) == 1
    assert "possible duplicate" in capsys.readouterr().err and not (repo.signatures / "kari-nordmann-two.yaml").exists()
