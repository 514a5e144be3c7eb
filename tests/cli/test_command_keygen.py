"""petition keygen: the maintainer key pair, its rotation and its refusals, end to end on temp repositories."""

from __future__ import annotations

import datetime as dt
import io
import stat

import pytest
from cryptography.hazmat.primitives import serialization

from clirun import PASSPHRASE, fields_of, passphrase_file, run, sign  # noqa: F401 (passphrase_file is a fixture)
from petition.model.keys import DESTROYED_FILE, KEPT_UNTIL_FILE, key_id, load_key_dates, load_keyring


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


def _configure_kept_until(repo, day: str) -> None:
    pyproject = repo.root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8").replace(
        "[tool.petition]\n", f'[tool.petition]\ncontacts_kept_until = "{day}"\n'
    )
    pyproject.write_text(text, encoding="utf-8")


def test_keygen_writes_the_day_contacts_are_kept_and_rotation_keeps_working(repo, tmp_path, passphrase_file, capsys):
    later = (dt.date.today() + dt.timedelta(days=200)).isoformat()
    _configure_kept_until(repo, later)
    made = []
    for name in ("first.pem", "second.pem"):
        target = tmp_path / "secret" / name
        code, out = run(repo, capsys, "keygen", "--private-key", str(target), "--passphrase-file", str(passphrase_file))
        assert code == 0 and f"kept until {later}" in out, out
        made.append(key_id(serialization.load_pem_private_key(target.read_bytes(), PASSPHRASE.encode()).public_key()))
    record = load_key_dates(repo.keys / KEPT_UNTIL_FILE, "kept-until.yaml", problems := [])
    assert problems == [] and record == {kid: dt.date.fromisoformat(later) for kid in made}
    assert [k.id for k in load_keyring(repo.keys)[0].current] == [made[1]]  # rotated as before
    assert sign(repo, capsys, "After Rotation", "after@example.org")[0] == 0


def test_keygen_destroy_overwrites_deletes_and_records(repo, tmp_path, passphrase_file, capsys, monkeypatch):
    _configure_kept_until(repo, (dt.date.today() - dt.timedelta(days=1)).isoformat())
    target = tmp_path / "secret" / "key.pem"
    assert run(repo, capsys, "keygen", "--private-key", str(target), "--passphrase-file", str(passphrase_file))[0] == 0
    kid = key_id(serialization.load_pem_private_key(target.read_bytes(), PASSPHRASE.encode()).public_key())
    code, out = run(repo, capsys, "check")
    assert code == 0 and f"docs/keys/{kid}.pem" in out and "must now be destroyed" in out

    # A wrong confirmation destroys nothing.
    monkeypatch.setattr("sys.stdin", io.StringIO("no\n"))  # what the maintainer types
    argv = ("keygen", "--destroy", "--private-key", str(target), "--passphrase-file", str(passphrase_file))
    code, out = run(repo, capsys, *argv)
    assert code == 1 and "nothing destroyed" in out and target.is_file()
    assert not (repo.keys / DESTROYED_FILE).exists()

    monkeypatch.setattr("sys.stdin", io.StringIO(f"{kid}\n"))
    code, out = run(repo, capsys, *argv)
    assert code == 0 and "Destroy every other copy" in out, out
    assert not target.exists()
    assert load_key_dates(repo.keys / DESTROYED_FILE, "destroyed.yaml", []) == {kid: dt.date.today()}
    code, out = run(repo, capsys, "check")
    assert code == 0 and f"docs/keys/{kid}.pem" not in out  # the repository's earlier key is still warned about


def test_keygen_destroy_refuses_a_key_it_cannot_open_or_that_is_not_ours(repo, tmp_path, passphrase_file, capsys):
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase at all\n")
    target = tmp_path / "secret" / "key.pem"
    assert run(repo, capsys, "keygen", "--private-key", str(target), "--passphrase-file", str(passphrase_file))[0] == 0
    before = target.read_bytes()
    code, out = run(
        repo, capsys, "keygen", "--destroy", "--yes", "--private-key", str(target), "--passphrase-file", str(wrong)
    )
    assert code == 1 and "Cannot open" in out and target.read_bytes() == before
    for pem in repo.keys.glob("*.pem"):
        pem.unlink()  # no longer one of this repository's keys
    (repo.keys / "retired.yaml").unlink(missing_ok=True)
    code, out = run(
        repo,
        capsys,
        "keygen",
        "--destroy",
        "--yes",
        "--private-key",
        str(target),
        "--passphrase-file",
        str(passphrase_file),
    )
    assert code == 1 and "not one of this repository's keys" in out and target.read_bytes() == before
