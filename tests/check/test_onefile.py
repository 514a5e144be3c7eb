"""One file checked: its entry when valid, else every problem on its line, the plaintext guard's first."""

from __future__ import annotations

import datetime as dt

from conftest import quoted_lines
from petition.check.onefile import Entry, check_one_data
from petition.model.keys import load_keyring

TODAY = dt.date(2026, 12, 1)


def _check(repo, name: str, data: bytes):
    path = repo.signatures / name
    path.write_bytes(data)
    keyring, _ = load_keyring(repo.keys)
    return check_one_data(path, f"signatures/{name}", data, repo.settings(), keyring, TODAY, ["1"])


def test_a_valid_file_gives_its_entry_and_the_line_of_each_field(repo):
    path = repo.sign("anna-de-vries", "Anna de Vries", country="NL", signed="2026-11-30")
    entry, problems = _check(repo, path.name, path.read_bytes())
    assert problems == [] and isinstance(entry, Entry)
    assert (entry.path, entry.slug, entry.signature.name, entry.signature.country) == (
        "signatures/anna-de-vries.yaml",
        "anna-de-vries",
        "Anna de Vries",
        "NL",
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    assert all(lines[entry.lines[field] - 1].startswith(field + ":") for field in entry.lines)


def test_every_problem_of_a_file_is_reported_in_one_run_by_line(repo):
    text = quoted_lines(type="individual", name="Anna", country="Norway", colour="blue", signed="2026-11-30")
    entry, problems = _check(repo, "anna.yaml", text.encode())
    assert entry is None
    # Each field's problem, and both missing fields, in one run, by line.
    assert [(p.line, p.code) for p in problems] == [
        (1, "missing"),
        (1, "missing"),
        (3, "country-name"),
        (4, "unknown-field"),
    ]
    assert {p.message.split("”")[0] for p in problems if p.code == "missing"} == {"“contact", "“version"}
    assert "“colour” is not a field of a signature" in next(p.message for p in problems if p.code == "unknown-field")


def test_the_guard_s_message_replaces_any_other_about_the_same_line(repo):
    address = "anna.private" + "@" + "mailprovider.net"
    text = quoted_lines(type="individual", name=f"Anna {address}", signed="2026-11-30", contact=repo.contact())
    entry, problems = _check(repo, "anna.yaml", text.encode())
    assert entry is None
    on_name = [p for p in problems if p.line == 2]
    assert [p.code for p in on_name] == ["plaintext-email"]  # the schema's message could hint at the value
    assert all(address not in p.message and "mailprovider" not in p.message for p in problems)


def test_a_value_that_is_not_text_is_refused_on_its_line(repo):
    entry, problems = _check(repo, "anna.yaml", b"type: individual\nname: [Anna\n")
    assert entry is None and [(p.path, p.line, p.code) for p in problems] == [("signatures/anna.yaml", 2, "not-text")]
