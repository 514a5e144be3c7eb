"""The list's rendered files are reused only when no row changed: one changed file shows in every output."""

from __future__ import annotations

import shutil

from petition import outputcache
from petition.cache import CACHE_DIR


def _site_bytes(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _build(repo):
    proc = repo.build()
    assert proc.returncode == 0, proc.stderr
    return _site_bytes(repo.site)


def test_rebuild_reuses_outputs_and_a_changed_file_reaches_every_one(repo):
    with open(repo.root / "pyproject.toml", "a", encoding="utf-8") as handle:
        handle.write("list_block = 2\n")  # several block files from a few rows
    for i in range(7):
        repo.sign(f"p{i}", f"Person {i}", country="NO")
    first = _build(repo)
    saved = repo.root / CACHE_DIR / outputcache.OUTPUTS_DIR / outputcache.MANIFEST
    assert saved.is_file()
    assert _build(repo) == first  # nothing changed: same bytes, from the cache

    # Rename one signer and move them to another country (and, by sort order, to the end of the list).
    repo.sign("p0", "Zed Renamed", country="SE")
    changed = _build(repo)
    cached_outputs = [p for p in outputcache.load(saved.parent.parent, _key_of(saved)) if "/slugs/" not in p]
    assert len(cached_outputs) >= 5  # json, csv, by-country, search, and block files
    for path in cached_outputs:
        assert changed[path] != first[path], path
    for path in ("signatories.json", "signatories.csv", "signatories-search.json"):
        assert "Zed Renamed" in changed[path].decode()

    # What the rebuild published is what a build from nothing publishes.
    shutil.rmtree(repo.root / ".cache")
    shutil.rmtree(repo.site)
    assert _build(repo) == changed


def test_damaged_outputs_file_is_rendered_again(repo):
    repo.sign("p0", "Person 0", country="NO")
    first = _build(repo)
    saved = repo.root / CACHE_DIR / outputcache.OUTPUTS_DIR
    (saved / "0").unlink()  # one output missing
    assert _build(repo) == first
    (saved / outputcache.MANIFEST).write_text("{not json", encoding="utf-8")
    assert _build(repo) == first


def test_fingerprint_covers_every_row_field_order_and_settings():
    from petition.render import Row

    a, b = Row("a", "individual", "A"), Row("b", "individual", "B")
    base = outputcache.fingerprint([a, b], 300, False)
    assert outputcache.fingerprint([b, a], 300, False) != base
    assert outputcache.fingerprint([a, b], 301, False) != base
    assert outputcache.fingerprint([a, b], 300, True) != base
    assert outputcache.fingerprint([a, Row("b", "individual", "B", github="bee")], 300, False) != base
    assert outputcache.fingerprint([a, b], 300, False) == base


def _key_of(path):
    import json

    return json.loads(path.read_text(encoding="utf-8"))["fingerprint"]
