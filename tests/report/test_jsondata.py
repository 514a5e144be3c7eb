"""The JSON report of a check, for tools: the verdict, the files checked, each problem, the public fields only."""

from __future__ import annotations

import json

from conftest import signature_text
from petition.check.collection import check
from petition.report.jsondata import as_json, signatures


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
