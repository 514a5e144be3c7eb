"""petition sign, end to end on temp repositories."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from clirun import fields_of, run, sign
from petition.model.crypto import decrypt_contact

# --- petition sign ------------------------------------------------------------------------------


def test_sign_with_options_writes_a_file_that_passes_the_check(repo, private_key, capsys):
    email = "ana@example.org"
    code, out = run(
        repo,
        capsys,
        "sign",
        "--no-input",
        "--yes",
        "--type",
        "individual",
        "--name",
        "Ana María Pérez",
        "--country",
        "AR",
        "--website",
        "https://example.org",
        "--email",
        email,
    )
    assert code == 0, out
    assert "signatures/ana-maria-perez.yaml" in out and "git add signatures/ana-maria-perez.yaml" in out
    assert email not in out
    fields = fields_of(repo, "ana-maria-perez.yaml")
    assert (
        fields["name"] == "Ana María Pérez"
        and fields["signed"] == dt.date.today().isoformat()
        and fields["version"] == "1"
    )
    assert decrypt_contact(fields["contact"], private_key) == email
    assert email not in (repo.signatures / "ana-maria-perez.yaml").read_text(encoding="utf-8")
    assert run(repo, capsys, "check")[0] == 0


def test_sign_asks_the_questions_and_asks_again_after_a_wrong_answer(repo, private_key, capsys, monkeypatch):
    answers = [
        "person",
        "individual",
        "<Kofi>",
        "Kofi Mensah",
        "",
        "Ghana",
        "GH",
        "",
        "",
        "kofi@",
        "kofi@ghana.example",
        "y",
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(answers) + "\n"))
    code, out = run(repo, capsys, "sign")
    assert code == 0, out
    assert "“<” or “>”" in out and "two-letter country code" in out and "not a valid email address" in out
    assert "kofi@ghana.example" not in out
    fields = fields_of(repo, "kofi-mensah.yaml")
    assert (fields["type"], fields["name"], fields["country"]) == ("individual", "Kofi Mensah", "GH")
    assert "affiliation" not in fields and "website" not in fields
    assert decrypt_contact(fields["contact"], private_key) == "kofi@ghana.example"


def test_sign_refuses_to_overwrite(repo, capsys):
    repo.sign("kim-lee", "Kim Lee", country="KR")
    before = (repo.signatures / "kim-lee.yaml").read_bytes()
    code, out = run(
        repo,
        capsys,
        "sign",
        "--no-input",
        "--yes",
        "--type",
        "individual",
        "--name",
        "Kim Lee",
        "--email",
        "kim@example.org",
        "--slug",
        "kim-lee",
    )
    assert code == 1 and "already exists" in out
    assert (repo.signatures / "kim-lee.yaml").read_bytes() == before
    # Without --slug a free name is chosen, and the check then judges the entry itself (same person twice).
    code, out = run(
        repo,
        capsys,
        "sign",
        "--no-input",
        "--yes",
        "--type",
        "individual",
        "--name",
        "Kim Lee",
        "--country",
        "KR",
        "--email",
        "kim@example.org",
    )
    assert code == 1 and "possible duplicate of signatures/kim-lee.yaml" in out and "again with --namesake" in out
    assert sorted(p.name for p in repo.signatures.iterdir()) == ["kim-lee.yaml"]
    code, out = run(
        repo,
        capsys,
        "sign",
        "--no-input",
        "--yes",
        "--type",
        "individual",
        "--name",
        "Kim Lee",
        "--country",
        "CA",
        "--email",
        "kim2@example.org",
    )
    assert code == 0 and (repo.signatures / "kim-lee-2.yaml").is_file()


@pytest.mark.parametrize(
    "options, message",
    [
        (["--email", "kim at example.org"], "not a valid email address"),
        (["--email", "kim@"], "not a valid email address"),
        (["--name", "write to kim@example.org"], "email address"),
        (["--website", "ftp://example.org"], "https://"),
        (["--country", "Korea"], "two-letter country code"),
        (["--slug", "Kim Lee"], "lowercase letters"),
        ([], "--yes"),
    ],
)
def test_sign_refuses_bad_answers_and_writes_nothing(repo, capsys, options, message):
    base = {"--type": "individual", "--name": "Kim Lee", "--email": "kim@example.org"}
    argv = ["sign", "--no-input"]
    given = dict(zip(options[::2], options[1::2]))
    for option, value in {**base, **given}.items():
        argv += [option, value]
    if options:
        argv.append("--yes")
    code, out = run(repo, capsys, *argv)
    assert code == 1 and message in out, out
    assert "example.org" not in out.replace("https://example.org/", "")  # never the address back
    assert list(repo.signatures.iterdir()) == []


def test_sign_before_any_key_says_signing_has_not_opened(repo, capsys):
    for pem in repo.keys.glob("*.pem"):
        pem.unlink()
    code, out = sign(repo, capsys, "Kim Lee", "kim@example.org")
    assert code == 1 and "not opened yet" in out and list(repo.signatures.iterdir()) == []


def test_a_namesake_writes_the_file_when_they_say_they_are_someone_else(repo, capsys, monkeypatch):
    repo.sign("kim-lee", "Kim Lee", country="KR")
    common = (
        "sign",
        "--yes",
        "--type",
        "individual",
        "--name",
        "KIM LEE",
        "--country",
        "KR",
        "--email",
        "kim.b@example.org",
    )
    # Asked, and answering no: nothing written.
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, out = run(repo, capsys, *common, "--affiliation", "x", "--website", "", "--github", "")
    assert code == 1 and "Are you a different person" in out and not (repo.signatures / "kim-lee-2.yaml").exists()
    # Asked, and answering yes: written, with what to say in the pull request.
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    code, out = run(repo, capsys, *common, "--affiliation", "x", "--website", "", "--github", "")
    assert code == 0 and "say in the pull request that you are someone else" in out
    assert fields_of(repo, "kim-lee-2.yaml")["name"] == "KIM LEE"
    # Without questions, --namesake says it; a shared GitHub login is never a namesake.
    code, out = run(repo, capsys, *common, "--no-input", "--namesake")
    assert code == 0 and (repo.signatures / "kim-lee-3.yaml").is_file()
    repo.sign("ana", "Ana Silva", country="BR", github="ana-s")
    code, out = run(
        repo,
        capsys,
        "sign",
        "--no-input",
        "--yes",
        "--namesake",
        "--type",
        "individual",
        "--name",
        "Ana Silva",
        "--country",
        "BR",
        "--github",
        "ana-s",
        "--email",
        "a@example.org",
    )
    assert code == 1 and "same GitHub user name" in out and not (repo.signatures / "ana-silva.yaml").exists()


def test_a_shared_name_only_is_written_and_left_to_a_maintainer(repo, capsys):
    assert sign(repo, capsys, "Maxim", "maxim1@example.org")[0] == 0
    code, out = sign(repo, capsys, "Maxim", "maxim2@example.org")
    assert code == 0, out
    assert "A maintainer will look at this before merging: possible duplicate of signatures/maxim.yaml" in out
    assert "the same name (and no country on either file), and nothing else in common" in out
    assert {p.name for p in repo.signatures.iterdir()} >= {"maxim.yaml", "maxim-2.yaml"}
