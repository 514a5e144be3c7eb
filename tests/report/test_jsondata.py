"""The JSON reports, for tools: a check's (the verdict, the files checked, each problem, the public fields only) and a
pull request's."""

from __future__ import annotations

import json

from conftest import signature_text
from petition.check.collection import check
from petition.report import jsondata
from petition.report.jsondata import as_json, signatures
from petition.review.context import Context
from petition.review.pullrequest import review
from prrepo import pr_repo  # noqa: F401 (pr_repo is a fixture)


def test_the_report_of_a_check_holds_problems_and_public_fields(repo):
    repo.sign("anna-de-vries", "Anna de Vries", country="NL")
    repo.write("broken", signature_text(type="individual", name="Broken"))
    result = check(repo.settings())
    data = json.loads(as_json(result))
    assert data["ok"] is False
    assert data["checked"] == ["signatures/anna-de-vries.yaml", "signatures/broken.yaml"]
    assert {(p["path"], p["code"], p["severity"]) for p in data["problems"]} == {
        ("signatures/broken.yaml", "missing", "error")
    }
    assert set(data["problems"][0]) == {"path", "line", "message", "code", "severity"}
    (anna,) = data["signatures"]
    assert (anna["path"], anna["slug"], anna["name"], anna["country"]) == (
        "signatures/anna-de-vries.yaml",
        "anna-de-vries",
        "Anna de Vries",
        "NL",
    )
    assert "contact" not in anna and "rsa-oaep" not in as_json(result)


def test_a_check_of_some_files_lists_only_their_signatures(repo):
    repo.sign("anna", "Anna")
    repo.sign("kofi", "Kofi")
    result = check(repo.settings(), [repo.signatures / "kofi.yaml"])
    assert [s["slug"] for s in signatures(result)] == ["kofi"]
    assert json.loads(as_json(result))["checked"] == ["signatures/kofi.yaml"]


def test_a_pull_requests_report_names_the_base_as_it_is_now_and_the_rules_commit(pr_repo):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("alice", "Alice Smith", github="alice")
    pr_repo.commit("Sign")
    pr_repo.git("checkout", "-q", "main")
    (pr_repo.root / "docs" / "notes.md").write_text("Main moves on.\n")
    pr_repo.commit("Note")
    fork, tip, head = (pr_repo.git("rev-parse", ref).strip() for ref in ("main~1", "main", "pr"))
    found = review(pr_repo.repo.settings(), "main", Context(author="alice"), head_ref="pr")
    data = jsondata.review_data(found)["pull_request"]
    assert (data["base"], data["base_tip"], data["head"], data["rules"]) == (fork, tip, head, tip)
    member = jsondata.review_data(review(pr_repo.repo.settings(), "main", Context(association="MEMBER"), head_ref="pr"))
    assert member["pull_request"]["rules"] == head
