"""The governments' responses: checked by the signature's pipeline, each bad input refused on its line."""

from __future__ import annotations

import copy
import datetime as dt
import pickle

import pytest

from conftest import make_repo
from petition.check.collection import check
from petition.check.responses import check_responses
from petition.cli import main

TODAY = dt.date(2026, 12, 10)  # the letter was released on 2026-11-28 (docs/versions/versions.yaml)

GOOD = {
    "country": '"NO"',
    "body": "Ministry of Trade, Industry and Fisheries",
    "date": '"2026-12-02"',
    "link": "https://www.regjeringen.no/en/answer",
    "summary": "The ministry will ask for the negotiations to be open to observers.",
    "quote": "Transparency serves everyone.",
}


def write(repo, slug: str, **changes: str | None) -> str:
    fields = {**GOOD, **changes}
    folder = repo.root / "responses"
    folder.mkdir(exist_ok=True)
    text = "".join(f"{k}: {v}\n" for k, v in fields.items() if v is not None)
    (folder / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return f"responses/{slug}.yaml"


def line(field: str) -> int:
    return list(GOOD).index(field) + 1


def test_a_valid_response_is_kept_verbatim(repo):
    write(repo, "no-ministry")
    entries, problems = check_responses(repo.settings(), TODAY)
    assert problems == []
    [entry] = entries
    assert entry.path == "responses/no-ministry.yaml" and entry.slug == "no-ministry"
    assert entry.fields == {k: v.strip('"') for k, v in GOOD.items()}
    assert entry.lines["summary"] == line("summary")


def test_the_quote_is_optional_and_responses_come_newest_first(repo):
    write(repo, "a-older", quote=None, date='"2026-11-29"')
    write(repo, "b-newer")
    entries, problems = check_responses(repo.settings(), TODAY)
    assert problems == []
    assert [e.slug for e in entries] == ["b-newer", "a-older"]
    assert entries[1].quote == "" and "quote" not in entries[1].fields


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("country", "XX", "country-unknown"),
        ("country", "Norway", "country-name"),  # its code is suggested
        ("date", '"2026-11-27"', "date-before-letter"),  # the day before the letter's release
        ("date", '"2026-12-11"', "date-future"),  # the day after TODAY
        ("date", '"2026-02-30"', "date-invalid"),
        ("link", "ftp://example.org/answer", "website-scheme"),
        ("link", "javascript:alert(1)", "website-scheme"),
        ("body", "<b>Ministry</b>", "text-markup"),
        ("summary", "See [the answer](https://example.org/)", "text-markup"),
        ("quote", '"Read &lt;this&gt;"', "text-markup"),
        ("summary", "Write to minister@example.org for more", "plaintext-email"),
    ],
)
def test_each_bad_input_is_refused_on_its_line(repo, field, value, code):
    path = write(repo, "bad", **{field: value})
    entries, problems = check_responses(repo.settings(), TODAY)
    assert entries == []
    assert [(p.path, p.line, p.code) for p in problems] == [(path, line(field), code)]
    if code == "plaintext-email":
        assert "minister@" not in problems[0].message  # never echoed back


def test_a_missing_field_and_an_unknown_one_are_named(repo):
    path = write(repo, "bad", summary=None, colour="red")
    _, problems = check_responses(repo.settings(), TODAY)
    assert {(p.path, p.code) for p in problems} == {(path, "missing"), (path, "unknown-field")}
    unknown = next(p for p in problems if p.code == "unknown-field")
    assert "not a field of a response" in unknown.message and "country, body, date, link, summary, quote" in (
        unknown.message
    )


def test_the_safe_loader_refuses_what_it_refuses_in_a_signature(repo):
    folder = repo.root / "responses"
    folder.mkdir()
    (folder / "alias.yaml").write_text("country: &c NO\nbody: *c\n", encoding="utf-8")
    (folder / "Bad Name.yaml").write_text("country: NO\n", encoding="utf-8")
    _, problems = check_responses(repo.settings(), TODAY)
    assert {(p.path, p.code) for p in problems} >= {("responses/alias.yaml", "yaml-alias")}
    assert any(p.path == "responses/Bad Name.yaml" and p.code == "file-name" for p in problems)


def test_the_check_of_the_collection_reports_responses_and_fails(repo, capsys):
    write(repo, "bad", link="ftp://example.org/")
    result = check(repo.settings(), today=TODAY)
    assert not result.ok and result.invalid_files == ["responses/bad.yaml"]
    assert main(["--root", str(repo.root), "check"]) == 1
    assert f"responses/bad.yaml:{line('link')}:" in capsys.readouterr().out
    # Given paths: only the responses among them are checked; a signature's check reads none.
    assert check(repo.settings(), [repo.root / "responses" / "bad.yaml"], today=TODAY).invalid_files == [
        "responses/bad.yaml"
    ]
    repo.sign("ola", "Ola Nordmann", country="NO")
    assert check(repo.settings(), [repo.signatures / "ola.yaml"], today=TODAY).ok


def test_an_invalid_response_stops_the_build(tmp_path, private_key):
    repo = make_repo(tmp_path / "repo", private_key)
    repo.sign("ola", "Ola Nordmann", country="NO")
    path = write(repo, "bad", country="XX", date=f'"{dt.date.today().isoformat()}"')
    built = repo.build()
    assert built.returncode != 0
    assert f"{path}:{line('country')}:" in built.stderr
    assert not (repo.site / "index.html").exists()


def test_a_response_reads_its_fields_as_attributes_and_survives_a_copy(repo):
    write(repo, "no-ministry", quote=None)
    [entry] = check_responses(repo.settings(), TODAY)[0]
    assert (entry.country, entry.quote) == ("NO", "")
    with pytest.raises(AttributeError):
        entry.colour  # noqa: B018 - not a field of a response
    assert pickle.loads(pickle.dumps(entry)) == entry == copy.deepcopy(entry)
