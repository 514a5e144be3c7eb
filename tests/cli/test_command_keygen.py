"""petition keygen: the maintainer key pair, its rotation and its refusals, end to end on temp repositories."""

from __future__ import annotations

import datetime as dt
import stat

import pytest
from cryptography.hazmat.primitives import serialization

from clirun import PASSPHRASE, fields_of, passphrase_file, run, sign  # noqa: F401 (passphrase_file is a fixture)
from petition.model.keys import key_id, load_keyring


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
    assert sign(repo, capsys, "Early Bird", "early@example.org")[0] == 0
    (repo.signatures / "early-bird.yaml").write_text(
        (repo.signatures / "early-bird.yaml").read_text().replace(dt.date.today().isoformat(), yesterday)
    )
    assert sign(repo, capsys, "Late Comer", "late@example.org")[0] == 0

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
    assert sign(repo, capsys, "New Hope", "new@example.org")[0] == 0
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
