from __future__ import annotations

import pytest

from petition.load.document import load


def _load(repo, name, data):
    path = repo.write(name, data)
    return load(path, repo.settings())


def test_every_scalar_stays_a_string(repo):
    doc, problems = _load(repo, "ola", "type: individual\nname: Ola\ncountry: NO\nsigned: 2026-01-02\nyes: on\n")
    assert problems == []
    assert doc.fields == {"type": "individual", "name": "Ola", "country": "NO", "signed": "2026-01-02", "yes": "on"}
    assert doc.lines == {"type": 1, "name": 2, "country": 3, "signed": 4, "yes": 5}


def test_lines_count_comments_and_windows_line_endings(repo):
    doc, problems = _load(repo, "a", b"# comment\r\n\r\ntype: individual\r\nname: A\r\n")
    assert problems == []
    assert doc.lines["type"] == 3 and doc.lines["name"] == 4


def test_utf8_byte_order_mark_is_accepted(repo):
    doc, problems = _load(repo, "a", "\ufefftype: individual\nname: Zoë\n".encode("utf-8"))
    assert problems == [] and doc.fields["type"] == "individual" and doc.fields["name"] == "Zoë"


@pytest.mark.parametrize(
    "data, code, line",
    [
        (b"", "empty", 1),
        (b"# only a comment\n", "empty", 1),
        (b"\xff\xfet\x00y\x00", "encoding", 1),
        (b"type: individual\nname: \xe9\n", "encoding", 2),
        (b"type: individual\n\x00name: x\n", "encoding", 2),
        (b"a: &x 1\nb: *x\n", "yaml-alias", 1),
        (b"type: individual\nname: &a Anna\n", "yaml-alias", 2),  # an anchor alone, no alias to use it
        (b'type: individual\nname: &a "Anna"\n', "yaml-alias", 2),
        (b"type: individual\n&k name: Anna\n", "yaml-alias", 2),
        (b"type: individual\nname: !!python/object:os.system x\n", "yaml-tag", 2),
        (b"type: individual\nname: !custom x\n", "yaml-tag", 2),
        (b"type: individual\nname: a\nname: b\n", "duplicate-key", 3),
        (b"<<: {type: individual}\nname: a\n", "yaml-merge", 1),
        (b"type: individual\nname:\n  first: a\n", "not-text", 3),
        (b"type: individual\nname: [a, b]\n", "not-text", 2),
        (b"- type: individual\n", "not-mapping", 1),
        (b"just a string\n", "not-mapping", 1),
        (b"type: individual\n---\ntype: individual\n", "yaml-documents", 2),
        (b"type: individual\n\tname: x\n", "yaml-tab", 2),
        (b'type: individual\nname: "unclosed\n', "yaml-syntax", 2),
        (b"{type: individual, name: a}\n", "yaml-flow", 1),
    ],
)
def test_refused_with_line(repo, data, code, line):
    doc, problems = _load(repo, "x", data)
    assert doc is None
    assert [(p.code, p.line, p.path) for p in problems] == [(code, line, "signatures/x.yaml")]


def test_billion_laughs_is_refused_at_the_first_anchor(repo):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    doc, problems = _load(repo, "laughs", "\n".join(lines) + "\n")
    assert doc is None and problems[0].code == "yaml-alias" and problems[0].line == 1


def test_symlink_is_never_followed(repo, tmp_path):
    target = tmp_path / "secret.yaml"
    target.write_text("type: individual\nname: Hidden\n")
    link = repo.signatures / "link.yaml"
    link.symlink_to(target)
    doc, problems = load(link, repo.settings())
    assert doc is None and [p.code for p in problems] == ["file-symlink"]


def test_size_cap(repo):
    doc, problems = _load(repo, "big", "type: individual\nname: A\n# " + "x" * 9000 + "\n")
    assert doc is None and problems[0].code == "file-too-large"


@pytest.mark.parametrize(
    "name", ["Anna.yaml", "anna de vries.yaml", "anna.yml", "zoë.yaml", "anna--b.yaml", "-a.yaml", "anna.txt"]
)
def test_file_names_outside_the_rule(repo, name):
    doc, problems = _load(repo, name, "type: individual\nname: A\n")
    assert "file-name" in [p.code for p in problems]


def test_an_anchor_without_an_alias_is_refused_by_the_check(repo, capsys):
    """A valid file but for an anchor on its name: refused on that line, never published as "Anna"."""
    import datetime as dt
    import json

    from petition.cli import main

    repo.write(
        "anna",
        f"type: individual\nname: &a Anna\nsigned: {dt.date.today().isoformat()}\nversion: 1\ncontact: "
        f"{repo.contact()}\n",
    )
    capsys.readouterr()
    assert main(["--root", str(repo.root), "check", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [(p["path"], p["line"], p["code"]) for p in report["problems"]] == [
        ("signatures/anna.yaml", 2, "yaml-alias")
    ]
    assert report["signatures"] == []
