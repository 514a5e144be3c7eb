"""petition namesakes add: confirmed namesakes written to namesakes.yaml, then honoured by the check."""

from __future__ import annotations

from clirun import run
from petition.check.collection import check


def _two_alexanders(repo):
    repo.sign("alexander-ivanov", "Alexander Ivanov", country="RU")
    repo.sign("alexander-ivanov-2", "Alexander Ivanov", country="RU")


def test_add_creates_the_list_and_the_check_then_passes(repo, capsys):
    _two_alexanders(repo)
    assert [p.code for p in check(repo.settings()).problems] == ["duplicate-name"]
    target = repo.root / "namesakes.yaml"
    target.unlink(missing_ok=True)
    code, out = run(repo, capsys, "namesakes", "add", "alexander-ivanov", "signatures/alexander-ivanov-2.yaml")
    assert code == 0, out
    assert "Added - [alexander-ivanov, alexander-ivanov-2] to namesakes.yaml" in out
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Namesakes:") and text.endswith("- [alexander-ivanov, alexander-ivanov-2]\n")
    assert check(repo.settings()).problems == []
    code, out = run(repo, capsys, "namesakes", "add", "alexander-ivanov-2", "alexander-ivanov")
    assert code == 0 and "already lists these files" in out
    assert target.read_text(encoding="utf-8") == text  # nothing added twice


def test_add_keeps_the_comments_and_order_of_the_list(repo, capsys):
    _two_alexanders(repo)
    repo.sign("maria-garcia", "María García", country="ES")
    repo.sign("maria-garcia-2", "Maria Garcia", country="ES")
    target = repo.root / "namesakes.yaml"
    before = "# Confirmed by the maintainers.\n\n- [maria-garcia, maria-garcia-2]  # by email, 2026-11-02\n# end"
    target.write_text(before, encoding="utf-8")
    code, out = run(repo, capsys, "namesakes", "add", "alexander-ivanov", "alexander-ivanov-2")
    assert code == 0, out
    assert target.read_text(encoding="utf-8") == before + "\n- [alexander-ivanov, alexander-ivanov-2]\n"
    assert check(repo.settings()).problems == []


def test_add_refuses_unknown_or_malformed_files_and_writes_nothing(repo, capsys):
    _two_alexanders(repo)
    target = repo.root / "namesakes.yaml"
    before = target.read_bytes() if target.exists() else None
    code, out = run(repo, capsys, "namesakes", "add", "alexander-ivanov", "alexander-ivanova", "Bad Name")
    assert code == 1
    assert "signatures/alexander-ivanova.yaml does not exist" in out
    assert "“Bad Name” is not a signature file's name" in out and "Nothing written." in out
    assert (target.read_bytes() if target.exists() else None) == before
    code, out = run(repo, capsys, "namesakes", "add", "alexander-ivanov", "alexander-ivanov")
    assert code == 2 and "two or more different signature files" in out


def test_add_refuses_a_list_it_cannot_append_to(repo, capsys):
    _two_alexanders(repo)
    target = repo.root / "namesakes.yaml"
    target.write_text("[]\n", encoding="utf-8")  # a flow list: a "- [a, b]" line after it is not YAML
    code, out = run(repo, capsys, "namesakes", "add", "alexander-ivanov", "alexander-ivanov-2")
    assert code == 1 and "add “- [alexander-ivanov, alexander-ivanov-2]” by hand" in out
    assert target.read_text(encoding="utf-8") == "[]\n"
    target.write_text("- [alexander-ivanov]\n", encoding="utf-8")  # a broken list: fixed first
    code, out = run(repo, capsys, "namesakes", "add", "alexander-ivanov", "alexander-ivanov-2")
    assert code == 1 and "namesakes.yaml:1:" in out and "Fix the list first" in out
