"""Checking on every core gives exactly the serial result, in the same order."""

from __future__ import annotations

import datetime as dt

from petition.check import collection, onefile, workers
from petition.load.document import load
from petition.model.signature import Signature


def _collection(repo, n=40):
    for i in range(n):
        repo.sign(f"person-{i:03d}", f"Person Number {i}", country="NO" if i % 2 else "KE", github=f"user-{i}")
    repo.sign("dup-of-three", "Person Number 3", country="NO")  # same name and country as person-003
    repo.sign("github-twin", "Someone Else", github="USER-7")
    repo.write("broken", "type: individual\nname: [a]\n")
    repo.write("Bad Name", "type: individual\nname: A\n")
    repo.write("mail", "type: individual\nname: A\ncontact: someone@example.org\n")
    repo.sign(
        "fancy",
        "Zoë “Z” O'Brien-Ólafsdóttir",
        sort_as="O'Brien, Zoë",
        affiliation="Université de Genève",
        website="https://example.org/z",
    )


def test_parallel_result_equals_serial(repo, monkeypatch):
    _collection(repo)
    settings = repo.settings()
    today = dt.date.today()
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 10**9)
    serial = collection.check(settings, today=today)
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 0)
    monkeypatch.setattr(workers, "CHUNK", 7)  # several chunks, unevenly split
    forked = collection.check(settings, today=today)
    assert not serial.ok
    assert forked.problems == serial.problems
    assert forked.checked == serial.checked
    assert [(e.path, e.slug, e.lines, e.signature) for e in forked.entries] == [
        (e.path, e.slug, e.lines, e.signature) for e in serial.entries
    ]
    codes = {p.code for p in serial.problems}
    assert {"duplicate-name", "duplicate-github", "not-text", "file-name", "plaintext-email"} <= codes


def test_given_paths_are_compared_with_everything_in_parallel(repo, monkeypatch):
    _collection(repo)
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 0)
    result = collection.check(repo.settings(), [repo.signatures / "dup-of-three.yaml"])
    assert result.checked == ["signatures/dup-of-three.yaml"]
    assert [p.code for p in result.problems] == ["duplicate-name"]


def test_rebuilt_signature_equals_the_validated_one(repo):
    path = repo.sign(
        "zoe", "Zoë", country="NO", affiliation="A & B", website="https://example.org/", github="zoe", sort_as="Zoe"
    )
    doc, _ = load(path, repo.settings())
    from petition.model.keys import load_keyring

    keyring, _ = load_keyring(repo.keys)
    validated = Signature.model_validate(
        doc.fields, context={"keyring": keyring, "today": dt.date.today(), "versions": ["1"]}
    )
    fields = {k: v for k, v in validated.model_dump().items() if v is not None}
    rebuilt = workers.rebuild(fields)
    assert rebuilt == validated
    assert rebuilt.model_dump() == validated.model_dump() and rebuilt.public() == validated.public()
    assert rebuilt.model_fields_set == validated.model_fields_set


def test_entries_built_from_records_equal_the_validated_ones_without_contact(repo, monkeypatch):
    _collection(repo)
    settings = repo.settings()
    today = dt.date.today()
    from petition.model.keys import load_keyring
    from petition.model.versions import known_versions

    keyring, _ = load_keyring(repo.keys)
    direct = {}
    for path in sorted(repo.signatures.iterdir()):
        shown = settings.display(path)
        entry, _ = onefile.check_one_data(
            path, shown, path.read_bytes(), settings, keyring, today, known_versions(settings)
        )
        if entry is not None:
            fields = {k: v for k, v in entry.signature.__dict__.items() if v is not None and k != "contact"}
            direct[shown] = (entry.path, entry.slug, entry.lines, workers.rebuild(fields))
    for minimum in (10**9, 0):
        monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", minimum)
        result = collection.check(settings, today=today)
        got = {e.path: (e.path, e.slug, e.lines, e.signature) for e in result.entries}
        # The duplicates are entries too (a duplicate is a problem across files, not a refused file).
        assert got == direct
        assert all(
            e.signature.contact is None and "contact" not in e.signature.model_fields_set for e in result.entries
        )
        assert all(e.signature.public() == direct[e.path][3].public() for e in result.entries)


def test_entries_of_some_paths_are_those_entries_built_alone(repo):
    _collection(repo)
    result = collection.check(repo.settings())
    wanted = {e.path for e in result.entries[::3]} | {"signatures/not-there.yaml"}
    fresh = collection.check(repo.settings())  # its entries not built yet: built for the wanted paths only
    assert fresh.entries_of(wanted) == [e for e in result.entries if e.path in wanted]
    assert result.entries_of(wanted) == fresh.entries_of(wanted) and len(fresh.entries_of(wanted)) == len(wanted) - 1
