"""The check's cache keeps each valid file's duplicate key, and is not rewritten when nothing changed."""

from __future__ import annotations

from cachefiles import read_records
from petition.check import collection
from petition.check.cache import CACHE_DIR
from petition.check.duplicates import duplicate_key


def _records(repo):
    (path,) = (repo.root / CACHE_DIR).glob("checked-*")
    return path / "manifest.json", read_records(path)


def test_cache_keeps_duplicate_keys_and_is_not_rewritten_when_nothing_changed(repo):
    repo.sign("anna", "Ánna de Vries", country="NO")
    repo.sign("kim", "Kim Lee")
    settings_ = repo.settings()
    collection.check(settings_, cache=True)
    path, records = _records(repo)
    expected = [
        duplicate_key("anna", "Ánna de Vries", "NO", None, "individual", 2, 1),
        duplicate_key("kim", "Kim Lee", None, None, "individual", 2, 1),
    ]
    assert sorted(r[3] for r in records.values()) == sorted(expected)
    before = path.stat().st_mtime_ns
    again = collection.check(settings_, cache=True)
    assert path.stat().st_mtime_ns == before and again.ok and len(again.entries) == 2
    repo.sign("kim", "Kim Leé")  # a changed file: the cache is written again, and the change is seen
    changed = collection.check(settings_, cache=True)
    assert [e.signature.name for e in changed.entries] == ["Ánna de Vries", "Kim Leé"]
    _, records = _records(repo)
    assert duplicate_key("kim", "Kim Leé", None, None, "individual", 2, 1) in [r[3] for r in records.values()]


def test_a_collection_read_from_elsewhere_and_a_cache_in_another_folder(repo, tmp_path):
    """As a pull request's judge checks: the targets in one folder, the rest of the collection read
    where it is, shown under the repository's paths, and the cache kept outside the judged folder."""
    repo.sign("kim", "Kim Lee", country="KR")
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_bytes((repo.signatures / "kim.yaml").read_bytes())
    (repo.signatures / "kim.yaml").unlink()
    new = repo.sign("kim-2", "Kim Lee", country="KR")
    cache = tmp_path / "cache"
    result = collection.check(
        repo.settings(), [new], cache=True, cache_dir=cache, collection={"signatures/kim.yaml": str(elsewhere)}
    )
    assert [(p.path, p.code) for p in result.problems] == [("signatures/kim-2.yaml", "duplicate-name")]
    assert "signatures/kim.yaml" in result.problems[0].message and result.checked == ["signatures/kim-2.yaml"]
    assert list(cache.glob("checked-*")) and not (repo.root / CACHE_DIR).exists()
