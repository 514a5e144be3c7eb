"""petition contact: a maintainer decrypts the contact addresses of signature files, end to end on temp repositories."""

from __future__ import annotations

import os
import subprocess

from cryptography.hazmat.primitives import serialization

from clirun import PASSPHRASE, passphrase_file, run, sign  # noqa: F401 (passphrase_file is a fixture)
from petition.model.crypto import encrypt_contact


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


def test_the_readme_openssl_one_liner_reads_a_contact(repo, private_key, tmp_path, passphrase_file, capsys):
    """The README's alternative to `petition contact`, run as written (plus -passin for the test)."""
    assert sign(repo, capsys, "Ama", "ama@example.org")[0] == 0
    key = _private_pem(private_key, tmp_path)
    pipeline = (
        "grep '^contact:' signatures/ama.yaml | tr -d '\"' | cut -d: -f4 | base64 -d"
        f" | openssl pkeyutl -decrypt -inkey {key} -passin file:{passphrase_file}"
        " -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256"
    )
    done = subprocess.run(["sh", "-c", pipeline], cwd=repo.root, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == "ama@example.org", done.stderr
