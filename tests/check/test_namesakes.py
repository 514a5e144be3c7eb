"""Namesakes: the maintainers' list of different signatories who share a name and country."""

from __future__ import annotations

import json

import pytest

from duplicates import checked_duplicates
from petition.check import namesakes
from petition.check.namesakes import Namesakes, parse
from petition.check.onefile import Entry
from petition.cli import main
from petition.model.fastvalidate import rebuild
from prrepo import NOREPLY, pr_repo, problems  # noqa: F401 (pr_repo is a fixture)


def pairs(*groups: list[str]) -> Namesakes:
    found, trouble = parse("\n".join(f"- [{', '.join(g)}]" for g in groups), "namesakes.yaml", "signatures")
    assert trouble == []
    return found


def entry(slug: str, name: str = "Maria García", country: str = "ES") -> Entry:
    return Entry(
        f"signatures/{slug}.yaml",
        slug,
        rebuild({"type": "individual", "name": name, "country": country}),
        {"type": 1, "name": 2},
    )


# --- the file --------------------------------------------------------------------------------


def test_groups_become_pairs_of_paths_in_either_style():
    text = (
        "# confirmed by the maintainers\n- [maria-garcia, maria-garcia-2, "
        "signatures/maria-garcia-3.yaml]\n-\n  - li-wei\n  - li-wei-beijing.yaml\n"
    )
    found, trouble = parse(text, "namesakes.yaml", "signatures")
    assert trouble == []
    assert found.confirmed("signatures/maria-garcia.yaml", "signatures/maria-garcia-3.yaml")
    assert found.confirmed("signatures/maria-garcia-3.yaml", "signatures/maria-garcia-2.yaml")
    assert found.confirmed("signatures/li-wei-beijing.yaml", "signatures/li-wei.yaml")
    assert not found.confirmed("signatures/maria-garcia.yaml", "signatures/li-wei.yaml")
    assert len(found.pairs) == 4


@pytest.mark.parametrize("text", ["", "# nobody yet\n", "~\n", "[]\n"])
def test_an_empty_list_confirms_nobody(text):
    found, trouble = parse(text, "namesakes.yaml", "signatures")
    assert trouble == [] and not found


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("maria-garcia: maria-garcia-2\n", 1, "must be a list"),
        ("# list\n- maria-garcia\n", 2, "group of two or more"),
        ("- [maria-garcia]\n", 1, "at least two files"),
        ("- [maria-garcia, Maria García]\n", 1, "not the name of a signature file"),
        ("- [a, b]\n- [maria-garcia,\n   maria-garcia]\n", 3, "twice in this group"),
        ("- [a, [b, c]]\n", 1, "a signature's file name"),
        ("- [a, b\n- [c, d]\n", 2, "not valid YAML"),
        ("- [a, b]\n---\n- [c, d]\n", 2, "not valid YAML"),
    ],
)
def test_a_broken_list_is_refused_on_its_line_and_confirms_nobody(text, line, words):
    found, trouble = parse(text, "namesakes.yaml", "signatures")
    assert not found
    assert [(p.path, p.line, p.code) for p in trouble][:1] == [("namesakes.yaml", line, "namesakes")]
    assert words in trouble[0].message


def test_an_address_in_the_list_is_never_quoted_back():
    address = "zq.private" + "@" + "example.org"
    _, trouble = parse(f"- [maria-garcia, {address}]\n", "namesakes.yaml", "signatures")
    assert len(trouble) == 1 and "zq" not in trouble[0].message and "example" not in trouble[0].message


def test_a_list_that_is_not_utf8_is_refused():
    found, trouble = namesakes.decoded("- [a, b]  # Garc\xeda\n".encode("latin-1"), "namesakes.yaml", "signatures")
    assert not found and "UTF-8" in trouble[0].message


# --- the duplicate check ------------------------------------------------------------------------


def test_confirmed_namesakes_pass_and_an_unconfirmed_third_is_still_refused():
    entries = [entry("maria-garcia-madrid"), entry("maria-garcia-toledo"), entry("maria-garcia-valencia")]
    before = checked_duplicates(entries)
    assert [(p.path, p.code) for p in before] == [
        ("signatures/maria-garcia-toledo.yaml", "duplicate-name"),
        ("signatures/maria-garcia-valencia.yaml", "duplicate-name"),
    ]
    assert "lists the two as namesakes" in before[0].message
    after = checked_duplicates(entries, namesakes=pairs(["maria-garcia-madrid", "maria-garcia-valencia"]))
    assert [(p.path, p.code) for p in after] == [("signatures/maria-garcia-toledo.yaml", "duplicate-name")]
    assert "possible duplicate of signatures/maria-garcia-madrid.yaml" in after[0].message


def test_each_pair_must_be_confirmed_not_just_a_chain():
    # a–b and a–c are confirmed, b–c is not: c is reported as a possible duplicate of b.
    entries = [entry("a"), entry("b"), entry("c")]
    found = checked_duplicates(entries, namesakes=pairs(["a", "b"], ["a", "c"]))
    assert [(p.path, p.code) for p in found] == [("signatures/c.yaml", "duplicate-name")]
    assert "possible duplicate of signatures/b.yaml" in found[0].message
    assert checked_duplicates(entries, namesakes=pairs(["a", "b", "c"])) == []


def test_look_alike_namesakes_are_let_through_too_but_never_a_shared_github_login():
    cyrillic = "\u041c\u0430ria Garc\u00eda"  # Cyrillic М and а
    entries = [
        entry("maria-garcia"),
        Entry(
            "signatures/maria-garcia-2.yaml",
            "maria-garcia-2",
            rebuild({"type": "individual", "name": cyrillic, "country": "ES"}),
            {"name": 2},
        ),
    ]
    assert [p.code for p in checked_duplicates(entries)] == ["duplicate-lookalike"]
    assert checked_duplicates(entries, namesakes=pairs(["maria-garcia", "maria-garcia-2"])) == []
    same_login = [
        Entry(
            f"signatures/{s}.yaml",
            s,
            rebuild({"type": "individual", "name": "Maria García", "country": "ES", "github": "mgarcia"}),
            {"name": 2, "github": 3},
        )
        for s in ("m1", "m2")
    ]
    assert [p.code for p in checked_duplicates(same_login, namesakes=pairs(["m1", "m2"]))] == ["duplicate-github"]


# --- the checker, the pull request and the site ---------------------------------------------------


def _check_json(root, capsys) -> tuple[int, dict]:
    code = main(["--root", str(root), "check", "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_the_check_reads_the_list_and_refuses_a_broken_one(repo, capsys):
    repo.sign("maria-garcia-madrid", "Maria García", country="ES")
    repo.sign("maria-garcia-valencia", "Maria García", country="ES", affiliation="Universitat de València")
    code, report = _check_json(repo.root, capsys)
    assert code == 1 and problems(report) == [("signatures/maria-garcia-valencia.yaml", 2, "duplicate-name")]
    (repo.root / "namesakes.yaml").write_text(
        "# Confirmed with both signers.\n- [maria-garcia-madrid, maria-garcia-valencia]\n", encoding="utf-8"
    )
    code, report = _check_json(repo.root, capsys)
    assert code == 0 and report["problems"] == []
    (repo.root / "namesakes.yaml").write_text(
        "- [maria-garcia-madrid, maria-garcia-valencia]\n- [maria-garcia-madrid]\n", encoding="utf-8"
    )
    code, report = _check_json(repo.root, capsys)
    assert code == 1
    assert problems(report) == [
        ("namesakes.yaml", 2, "namesakes"),
        ("signatures/maria-garcia-valencia.yaml", 2, "duplicate-name"),
    ]
    assert main(["--root", str(repo.root), "check"]) == 1
    assert (
        capsys.readouterr().out.splitlines()[-1]
        == "2 problems in 1 of 2 files and namesakes.yaml. Fix them and run the check again."
    )
    (repo.root / "signatures" / "maria-garcia-valencia.yaml").unlink()
    assert main(["--root", str(repo.root), "check"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "1 problem in namesakes.yaml. Fix them and run the check again."


def test_the_site_lists_both_confirmed_namesakes(repo):
    repo.sign("maria-garcia-madrid", "Maria García", country="ES")
    repo.sign("maria-garcia-valencia", "Maria García", country="ES")
    refused = repo.build()  # a duplicate is never published
    assert refused.returncode != 0 and "possible duplicate of signatures/maria-garcia-madrid.yaml" in refused.stderr
    assert "the check found problems in 1 file(s), so the site is not built" in refused.stderr
    (repo.root / "namesakes.yaml").write_text("- [maria-garcia-madrid, maria-garcia-valencia]\n", encoding="utf-8")
    built = repo.build()
    assert built.returncode == 0, built.stderr
    data = json.loads((repo.root / "site" / "signatories.json").read_text(encoding="utf-8"))
    assert sorted(s["slug"] for s in data["signatories"]) == ["maria-garcia-madrid", "maria-garcia-valencia"]


def _namesake_pull_request(pr_repo, list_on_base: bool, list_in_pr: bool):
    pr_repo.repo.sign("maria-garcia-madrid", "Maria García", country="ES")
    if list_on_base:
        (pr_repo.root / "namesakes.yaml").write_text(
            "- [maria-garcia-madrid, maria-garcia-valencia]\n", encoding="utf-8"
        )
    pr_repo.start_pull_request()
    pr_repo.repo.sign("maria-garcia-valencia", "Maria García", country="ES", github="alice")
    if list_in_pr:
        (pr_repo.root / "namesakes.yaml").write_text(
            "- [maria-garcia-madrid, maria-garcia-valencia]\n", encoding="utf-8"
        )
    pr_repo.commit("Sign", author_email=NOREPLY.format(login="alice"))


def test_a_signer_cannot_confirm_their_own_namesake(pr_repo, capsys):
    _namesake_pull_request(pr_repo, list_on_base=False, list_in_pr=True)
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1
    assert ("signatures/maria-garcia-valencia.yaml", 2, "duplicate-name") in problems(report, "error")
    assert problems(report, "warning") == [("namesakes.yaml", 1, "outside-signatures")]


def test_a_pull_request_is_judged_by_the_base_branchs_list(pr_repo, capsys):
    _namesake_pull_request(pr_repo, list_on_base=True, list_in_pr=False)
    code, report = pr_repo.check(capsys=capsys)
    assert code == 0 and report["problems"] == []
    assert [a["slug"] for a in report["pull_request"]["added"]] == ["maria-garcia-valencia"]


def test_a_namesake_confirmed_on_the_base_branch_after_the_pull_request_opened_counts(pr_repo, capsys):
    # The documented flow: the check refuses, a maintainer adds the pair on main, the check is run again.
    _namesake_pull_request(pr_repo, list_on_base=False, list_in_pr=False)
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1 and problems(report, "error") == [("signatures/maria-garcia-valencia.yaml", 2, "duplicate-name")]
    pr_repo.git("checkout", "-q", "main")
    (pr_repo.root / "namesakes.yaml").write_text("- [maria-garcia-madrid, maria-garcia-valencia]\n", encoding="utf-8")
    pr_repo.commit("Confirm the namesakes")
    pr_repo.git("checkout", "-q", "pr")
    assert not (pr_repo.root / "namesakes.yaml").exists()  # the pull request's own tree has no list
    code, report = pr_repo.check(capsys=capsys)
    assert code == 0 and report["problems"] == []


def test_a_maintainers_pull_request_brings_its_own_list(pr_repo, capsys):
    _namesake_pull_request(pr_repo, list_on_base=False, list_in_pr=True)
    code, report = pr_repo.check(association="MEMBER", capsys=capsys)
    assert code == 0 and report["problems"] == []
