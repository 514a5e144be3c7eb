"""petition sign, keygen, contact and import, end to end on temp repositories."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import subprocess

import pytest
from cryptography.hazmat.primitives import serialization

from petition.cli import main
from petition.load.document import load
from petition.model.crypto import decrypt_contact, encrypt_contact
from petition.model.keys import key_id, load_keyring

PASSPHRASE = "correct horse battery staple"


def run(repo, capsys, *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--root", str(repo.root), *argv])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def fields_of(repo, name: str) -> dict[str, str]:
    doc, problems = load(repo.signatures / name, repo.settings())
    assert problems == []
    return doc.fields


@pytest.fixture
def passphrase_file(tmp_path):
    path = tmp_path / "passphrase"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


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
    )
    assert code == 1 and "not opened yet" in out and list(repo.signatures.iterdir()) == []


# --- petition keygen and rotation ----------------------------------------------------------------


def test_keygen_then_rotation(repo, tmp_path, passphrase_file, private_key, capsys):
    for pem in repo.keys.glob("*.pem"):
        pem.unlink()
    first = tmp_path / "secret" / "first.pem"
    code, out = run(repo, capsys, "keygen", "--private-key", str(first), "--passphrase-file", str(passphrase_file))
    assert code == 0, out
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    with pytest.raises(TypeError):  # encrypted: useless without the passphrase
        serialization.load_pem_private_key(first.read_bytes(), password=None)
    key1 = serialization.load_pem_private_key(first.read_bytes(), password=PASSPHRASE.encode())
    kid1 = key_id(key1.public_key())
    assert key1.key_size == 3072 and (repo.keys / f"{kid1}.pem").is_file() and "Warning" in out
    assert [k.id for k in load_keyring(repo.keys)[0].current] == [kid1]

    # Signed yesterday and today with the first key; then the key is rotated today.
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    assert (
        run(
            repo,
            capsys,
            "sign",
            "--no-input",
            "--yes",
            "--type",
            "individual",
            "--name",
            "Early Bird",
            "--email",
            "early@example.org",
        )[0]
        == 0
    )
    (repo.signatures / "early-bird.yaml").write_text(
        (repo.signatures / "early-bird.yaml").read_text().replace(dt.date.today().isoformat(), yesterday)
    )
    assert (
        run(
            repo,
            capsys,
            "sign",
            "--no-input",
            "--yes",
            "--type",
            "individual",
            "--name",
            "Late Comer",
            "--email",
            "late@example.org",
        )[0]
        == 0
    )

    second = tmp_path / "secret" / "second.pem"
    code, out = run(repo, capsys, "keygen", "--private-key", str(second), "--passphrase-file", str(passphrase_file))
    assert code == 0 and f"Retired key {kid1}" in out
    key2 = serialization.load_pem_private_key(second.read_bytes(), password=PASSPHRASE.encode())
    kid2 = key_id(key2.public_key())
    ring = load_keyring(repo.keys)[0]
    assert [k.id for k in ring.current] == [kid2] and ring.get(kid1).retired == dt.date.today()

    # The checker: the file signed before the retirement stays valid, today's is refused.
    code, out = run(repo, capsys, "check")
    assert code == 1 and "signatures/late-comer.yaml" in out and "retired" in out and "early-bird" not in out
    # New signatures go to the new key; the old private key still reads the old contacts.
    assert (
        run(
            repo,
            capsys,
            "sign",
            "--no-input",
            "--yes",
            "--type",
            "individual",
            "--name",
            "New Hope",
            "--email",
            "new@example.org",
        )[0]
        == 0
    )
    assert fields_of(repo, "new-hope.yaml")["contact"].split(":")[1] == kid2
    code, out = run(
        repo,
        capsys,
        "contact",
        "--key",
        str(first),
        "--passphrase-file",
        str(passphrase_file),
        str(repo.signatures / "early-bird.yaml"),
    )
    assert code == 0 and "early@example.org" in out


def test_keygen_refuses_a_private_key_inside_the_repository(repo, passphrase_file, capsys):
    before = sorted(repo.keys.iterdir())
    code, out = run(
        repo,
        capsys,
        "keygen",
        "--private-key",
        str(repo.root / "keys" / "mine.pem"),
        "--passphrase-file",
        str(passphrase_file),
    )
    assert code == 2 and "inside the repository" in out
    assert not (repo.root / "keys").exists() and sorted(repo.keys.iterdir()) == before


def test_keygen_refusals(repo, tmp_path, capsys):
    short = tmp_path / "short"
    short.write_text("tooshort\n")
    assert (
        run(repo, capsys, "keygen", "--private-key", str(tmp_path / "k.pem"), "--passphrase-file", str(short))[0] == 2
    )
    assert not (tmp_path / "k.pem").exists()
    existing = tmp_path / "existing.pem"
    existing.write_text("keep me")
    good = tmp_path / "good"
    good.write_text(PASSPHRASE)
    before = sorted(repo.keys.iterdir())
    code, out = run(repo, capsys, "keygen", "--private-key", str(existing), "--passphrase-file", str(good))
    assert (
        code == 1
        and "already exists" in out
        and existing.read_text() == "keep me"
        and sorted(repo.keys.iterdir()) == before
    )


# --- petition contact ------------------------------------------------------------------------------


def _git(repo, *argv: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@t.invalid",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@t.invalid",
    }
    return subprocess.run(["git", *argv], cwd=repo.root, check=True, capture_output=True, text=True, env=env).stdout


def _private_pem(key, tmp_path):
    path = tmp_path / "maintainer.pem"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(PASSPHRASE.encode()),
        )
    )
    return path


def test_contact_reads_the_files_a_pull_request_adds(repo, private_key, tmp_path, passphrase_file, capsys):
    repo.add_founding()
    repo.sign("old-friend", "Old Friend")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    _git(repo, "switch", "-q", "-c", "pr")
    for name, email in (("Ama Owusu", "ama@example.org"), ("李小龍", "li@china.example")):
        assert (
            run(repo, capsys, "sign", "--no-input", "--yes", "--type", "individual", "--name", name, "--email", email)[
                0
            ]
            == 0
        )
    (repo.signatures / "old-friend.yaml").write_text(
        (repo.signatures / "old-friend.yaml").read_text() + 'affiliation: "x"\n'
    )
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "sign")
    _git(repo, "switch", "-q", "main")  # the reviewer's working tree need not hold the branch
    key = _private_pem(private_key, tmp_path)
    code, out = run(
        repo, capsys, "contact", "--key", str(key), "--passphrase-file", str(passphrase_file), "--range", "main..pr"
    )
    assert code == 0, out
    assert out.splitlines() == [
        "signatures/ama-owusu.yaml: ama@example.org",
        "signatures/lixiaolong.yaml: li@china.example",
    ]


def test_contact_of_paths_and_its_refusals(repo, private_key, other_private_key, tmp_path, passphrase_file, capsys):
    repo.add_founding()
    repo.sign("ama", "Ama")
    (repo.signatures / "other.yaml").write_text(
        'type: individual\nname: Other\nsigned: "2025-01-01"\nversion: "1"\ncontact: '
        f'"{encrypt_contact("o@example.org", other_private_key.public_key())}"\n'
    )
    key = _private_pem(private_key, tmp_path)
    founding = sorted(repo.signatures.glob("deirdre*.yaml"))[0]
    code, out = run(
        repo,
        capsys,
        "contact",
        "--key",
        str(key),
        "--passphrase-file",
        str(passphrase_file),
        str(repo.signatures / "ama.yaml"),
        str(founding),
        str(repo.signatures / "other.yaml"),
    )
    assert code == 1
    assert "signatures/ama.yaml: signer@example.org" in out
    assert f"signatures/{founding.name}: no contact (a founding signatory)." in out
    assert "signatures/other.yaml: cannot decrypt the contact" in out and "o@example.org" not in out
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase\n")
    code, out = run(
        repo, capsys, "contact", "--key", str(key), "--passphrase-file", str(wrong), str(repo.signatures / "ama.yaml")
    )
    assert code == 2 and "wrong passphrase" in out and "signer@example.org" not in out


# --- petition import ---------------------------------------------------------------------------------

CSV = """name,type,email,signed,country,affiliation,slug
Jane Roe,individual,jane@example.org,2025-01-02,KE,University of Nairobi,
"Roe, Bad",individual,not-an-address,2025-01-02,,,
,,,,,,
Li Wei,organisation,li@example.org,2025-01-02,CN,,
Zoë Future,individual,zoe@example.org,2999-01-01,,,
Twice Over,individual,twice1@example.org,2025-01-02,NL,,
Twice Over,individual,twice2@example.org,2025-01-02,NL,,
Ola Nordmann,individual,ola@example.org,2025-01-02,NO,,ola
Too Many,individual,many@example.org,2025-01-02,,,,extra
No Mail,individual,,2025-01-02,,,
Mail In Name me@example.org,individual,m@example.org,2025-01-02,,,
Kwame Nkrumah,individual,kwame@example.org,2025-01-02,GH,,existing
Someone Else,individual,else@example.org,2025-01-02,,,
"""


def test_import_writes_valid_rows_and_reports_every_refused_row(repo, private_key, tmp_path, capsys):
    repo.sign("existing", "Someone Else")
    source = tmp_path / "endorsements.csv"
    source.write_text(CSV, encoding="utf-8")
    code, out = run(repo, capsys, "import", str(source))
    assert code == 1
    written = {p.name for p in repo.signatures.iterdir()} - {"existing.yaml"}
    assert written == {"jane-roe.yaml", "twice-over.yaml", "ola.yaml"}
    refused = {line.split(":")[0].strip(): line for line in out.splitlines() if line.startswith("  row ")}
    assert sorted(refused) == ["row 10", "row 11", "row 12", "row 13", "row 14", "row 3", "row 5", "row 6", "row 8"]
    assert "email" in refused["row 3"] and "type" in refused["row 5"] and "future" in refused["row 6"]
    assert "possible duplicate of row 7" in refused["row 8"]
    assert "8 values" in refused["row 10"]
    assert (
        "email is empty" in refused["row 11"]
        and "email address" in refused["row 12"]
        and "already exists" in refused["row 13"]
    )
    assert "possible duplicate of signatures/existing.yaml" in refused["row 14"]
    assert "Imported 3 of 12 rows (1 blank rows ignored)." in out
    for address in (
        "jane@",
        "not-an-address",
        "li@",
        "zoe@",
        "twice1@",
        "twice2@",
        "ola@",
        "many@",
        "m@example",
        "kwame@",
        "me@example.org",
        "else@",
    ):
        assert address not in out
    jane = fields_of(repo, "jane-roe.yaml")
    assert (jane["source"], jane["signed"], jane["version"], jane["affiliation"]) == (
        "imported",
        "2025-01-02",
        "1",
        "University of Nairobi",
    )
    assert decrypt_contact(jane["contact"], private_key) == "jane@example.org"
    assert fields_of(repo, "ola.yaml")["country"] == "NO"
    assert run(repo, capsys, "check")[0] == 0


@pytest.mark.parametrize(
    "data, message",
    [
        (b"name,type,mail,signed\nA,individual,a@example.org,2025-01-01\n", "unknown columns: mail"),
        (b"name,type,signed\nA,individual,2025-01-01\n", "missing columns: email"),
        ("name,type,email,signed\nZoë,individual,z@example.org,2025-01-01\n".encode("latin-1"), "not UTF-8"),
        (b"", "empty"),
    ],
)
def test_import_refuses_an_unreadable_csv_and_writes_nothing(repo, tmp_path, capsys, data, message):
    source = tmp_path / "in.csv"
    source.write_bytes(data)
    code, out = run(repo, capsys, "import", str(source))
    assert code == 2 and message in out and list(repo.signatures.iterdir()) == []


def test_the_readme_openssl_one_liner_reads_a_contact(repo, private_key, tmp_path, passphrase_file, capsys):
    """The README's alternative to `petition contact`, run as written (plus -passin for the test)."""
    assert (
        run(
            repo,
            capsys,
            "sign",
            "--no-input",
            "--yes",
            "--type",
            "individual",
            "--name",
            "Ama",
            "--email",
            "ama@example.org",
        )[0]
        == 0
    )
    key = _private_pem(private_key, tmp_path)
    pipeline = (
        "grep '^contact:' signatures/ama.yaml | tr -d '\"' | cut -d: -f4 | base64 -d"
        f" | openssl pkeyutl -decrypt -inkey {key} -passin file:{passphrase_file}"
        " -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256"
    )
    done = subprocess.run(["sh", "-c", pipeline], cwd=repo.root, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == "ama@example.org", done.stderr


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
