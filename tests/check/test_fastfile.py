"""fastfile.check_data gives the checker's own verdict (check_data_reference) on every file:
the same fields in the same order, lines, problems and name keys; valid files take the short way."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from benchkeys import bench, keyring_with_contacts
from petition.check import fastfile

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    ring, _, contacts = keyring_with_contacts(tmp_path_factory.mktemp("keys"), 3)
    texts = [text for _, text in bench.signature_texts(60, contacts, seed=5, today=TODAY)]
    return ring, contacts, texts


def _both(path, data, ring, versions=("1",), public_only=False, today=TODAY):
    versions = list(versions) if versions is not None else None
    args = (path, "signatures/" + path.rsplit("/", 1)[-1], data, None, ring, today, versions, public_only)
    return fastfile.check_data(*args), fastfile.check_data_reference(*args)


def test_generated_signatures_take_the_short_way_and_agree(world, monkeypatch):
    ring, contacts, texts = world
    long_way = []
    real = fastfile.check_data_reference
    monkeypatch.setattr(fastfile, "check_data_reference", lambda *a: long_way.append(a) or real(*a))
    for i, text in enumerate(texts):
        for public_only in (False, True):
            fast, reference = _both(
                f"/r/signatures/sig-{i:06d}.yaml", text.encode("utf-8"), ring, public_only=public_only
            )
            assert fast == reference
            assert list(fast[0]) == list(reference[0])  # the fields in the same order
            assert fast[2] == () and fast[0] is not None
    assert len(long_way) == len(texts) * 2  # only the reference calls above: none from check_data


def test_hand_written_signatures_take_the_short_way_and_agree(world, monkeypatch):
    import random

    ring, contacts, _ = world
    long_way = []
    real = fastfile.check_data_reference
    monkeypatch.setattr(fastfile, "check_data_reference", lambda *a: long_way.append(a) or real(*a))
    rnd = random.Random(3)
    for i in range(60):
        values = bench.endorsement(rnd, i, TODAY) | {"version": "1", "contact": contacts[i % len(contacts)]}
        text = bench.hand_text(rnd, values)  # comments, single quotes, a byte order mark now and then
        fast, reference = _both(f"/r/signatures/sig-{i:06d}.yaml", text.encode("utf-8"), ring, public_only=True)
        assert fast == reference and list(fast[0]) == list(reference[0])
    assert len(long_way) == 60  # only the reference calls above: none from check_data


# Edits that make a valid file anything from still valid to refused in every way.
EDITS = [
    ("name: ", "name: Pаypal "),
    ("name: ", "name: =1"),
    ("name: ", "name: 'quoted' "),
    ("name: ", 'name: "'),
    ("name: ", "name: "),
    ("type: individual", "type: person"),
    ("type: ", "type:  "),
    ("version: 1", "version: 2"),
    ("version: 1", "version: v1"),
    ("signed: ", "signed: 2999-"),
    ("signed: 2", "signed: 3"),
    ("contact: rsa", "contact: someone" + "@" + "example.org rsa"),
    ("contact: rsa-oaep-sha256:", "contact: rsa-oaep-sha256:f"),
    ("contact: ", "contact: "),
    ("\n", "\r\n"),
    ("\n", "\n# a comment\n"),
    ("\n", "\nextra: field\n"),
    ("\n", "\nsource: founding\n"),
    ("\n", "\ncountry: no\n"),
    ("\n", "\nwebsite: ftp://x\n"),
    ("\n", "\ngithub: @x\n"),
    ("\n", "\naffiliation: a  b\n"),
    ("\n", "\nsort_as: Vries, Anna\n"),
    ("\n", "\n---\n"),
    ("\n", "\u2028"),
    ("\n", "\n\x00"),
    ("a", "\x1b"),
    ("e", "\u200b"),
    ("\n", "\n  indented: x\n"),
    ("type: individual\n", ""),
    ("contact: ", "# "),
    ("name: ", "name: x @ y "),
    ("country: ", "country: \u00a0"),
    # An address outside the contact, in lines the fast path would take: the plaintext guard's to refuse.
    ("\n", "\n# write to anna" + "@" + "example.org\n"),
    ("\n", "\nwebsite: https://example.org/?to=anna" + "@" + "example.org\n"),
]


@settings(
    max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_every_file_gets_the_checkers_verdict(world, data):
    ring, _, texts = world
    text = data.draw(st.sampled_from(texts))
    for _ in range(data.draw(st.integers(0, 3))):
        old, new = data.draw(st.sampled_from(EDITS))
        if old in text:
            nth = data.draw(st.integers(0, text.count(old) - 1))
            at = -1
            for _ in range(nth + 1):
                at = text.index(old, at + 1)
            text = text[:at] + new + text[at + len(old) :]
    encoding = data.draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        raw = text.encode("utf-8")
    name = data.draw(st.sampled_from(["anna-de-vries.yaml", "anna.yml", "Anna.yaml", "a--b.yaml", "anna"]))
    ring_used = data.draw(st.sampled_from([ring, None]))
    versions = data.draw(st.sampled_from([("1",), ("1", "2"), None]))
    public_only = data.draw(st.booleans())
    fast, reference = _both("/r/signatures/" + name, raw, ring_used, versions, public_only)
    assert fast == reference
    if fast[0] is not None:
        assert list(fast[0]) == list(reference[0])


@example(b"\xef\xbb\xbftype: individual\nname: A\n")
@example(b"\xef\xbb\xbf\xef\xbb\xbftype: individual\nname: A\n")
@example(b"  \n")
@example(b"\xef\xbb\xbf")
@example(b"")
@example(b"\xff\xfe\x00\x00t\x00\x00\x00")
@given(st.binary(max_size=40))
@settings(max_examples=300, deadline=None)
def test_odd_bytes_get_the_checkers_verdict(raw):
    fast, reference = _both("/r/signatures/a.yaml", raw, None)
    assert fast == reference


# Hand-written plain-style files (no quotes: the fast path's own kind of file) with an address
# outside the contact: in a comment line, in a website's query string. The plaintext guard must
# see them, whichever way the file is read.
ADDRESS = "anna.private" + "@" + "example.org"
PLAIN_WITH_ADDRESS = {
    "comment": (
        "type: individual\nname: Anna de Vries\n# write to "
        + ADDRESS
        + "\nsigned: {signed}\nversion: 1\ncontact: {contact}\n",
        3,
    ),
    "query-string": (
        "type: individual\nname: Anna de Vries\nwebsite: https://example.org/?contact="
        + ADDRESS
        + "\nsigned: {signed}\nversion: 1\ncontact: {contact}\n",
        3,
    ),
}


@pytest.mark.parametrize("case", sorted(PLAIN_WITH_ADDRESS))
def test_an_address_in_a_plain_style_file_goes_to_the_plaintext_guard(world, case):
    from petition.load.plainyaml import parse_simple
    from petition.model.fastvalidate import validated_fields

    ring, contacts, _ = world
    template, line = PLAIN_WITH_ADDRESS[case]
    text = template.format(signed=TODAY.isoformat(), contact=contacts[0])
    # Everything but the address would take the short way: plain lines, every field valid.
    fields, _ = parse_simple(text)
    assert validated_fields(fields, {"keyring": ring, "today": TODAY, "versions": ["1"]}) is not None
    for public_only in (False, True):
        fast, reference = _both("/r/signatures/anna-de-vries.yaml", text.encode("utf-8"), ring, public_only=public_only)
        assert fast == reference
        assert fast[0] is None and [(p.code, p.line) for p in fast[2]] == [("plaintext-email", line)]
        assert "anna.private" not in fast[2][0].message


@pytest.mark.parametrize("case", sorted(PLAIN_WITH_ADDRESS))
def test_petition_check_refuses_an_address_in_a_plain_style_file(repo, capsys, case):
    import json

    from petition.cli import main

    template, line = PLAIN_WITH_ADDRESS[case]
    repo.write("anna-de-vries", template.format(signed=dt.date.today().isoformat(), contact=repo.contact()))
    capsys.readouterr()
    assert main(["--root", str(repo.root), "check", "--format", "json"]) == 1
    out = capsys.readouterr().out
    report = json.loads(out)
    assert [(p["path"], p["line"], p["code"]) for p in report["problems"]] == [
        ("signatures/anna-de-vries.yaml", line, "plaintext-email")
    ]
    assert report["signatures"] == [] and "anna.private" not in out
