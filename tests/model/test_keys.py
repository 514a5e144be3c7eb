"""The maintainers' public keys: read from docs/keys/, named by key id, retired by date; a broken one is named."""

from __future__ import annotations

import datetime as dt

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from petition.model.keys import KEY_ID_RE, key_id, load_keyring


def _codes(problems) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in problems]


def test_current_and_retired_keys_are_read(repo, private_key, other_private_key):
    current = key_id(private_key.public_key())
    old = repo.add_key(other_private_key.public_key(), retired=dt.date(2026, 3, 1))
    ring, problems = load_keyring(repo.keys)
    assert problems == [] and KEY_ID_RE.match(current) and current != old
    assert [k.id for k in ring.current] == [current]
    assert ring.get(old).retired == dt.date(2026, 3, 1) and ring.get(current).retired is None
    assert ring.get(current).path == f"keys/{current}.pem"  # shown from the folder's parent unless told
    assert load_keyring(repo.keys, repo.root)[0].get(current).path == f"docs/keys/{current}.pem"
    assert ring.get(current).modulus == private_key.public_key().public_numbers().n
    assert ring.get("0123456789abcdef") is None


def test_a_missing_folder_is_an_empty_ring(tmp_path):
    ring, problems = load_keyring(tmp_path / "none")
    assert ring.current == [] and problems == []


def test_broken_keys_are_named_and_left_out(repo, private_key):
    current = key_id(private_key.public_key())
    (repo.keys / "garbage.pem").write_text("not a key\n")
    small = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    small_id = key_id(small)
    (repo.keys / f"{small_id}.pem").write_bytes(
        small.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    (repo.keys / f"{current}.pem").rename(repo.keys / "mine.pem")
    ring, problems = load_keyring(repo.keys, repo.root)
    assert ring.keys == {}
    assert sorted(_codes(problems)) == [
        (f"docs/keys/{small_id}.pem", "key-invalid"),
        ("docs/keys/garbage.pem", "key-invalid"),
        ("docs/keys/mine.pem", "key-name"),
    ]
    messages = {p.path: p.message for p in problems}
    assert "3072-bit" in messages[f"docs/keys/{small_id}.pem"] and "2048-bit" in messages[f"docs/keys/{small_id}.pem"]
    assert f"rename it to {current}.pem" in messages["docs/keys/mine.pem"]


def test_a_bad_retirement_record_is_named(repo, private_key):
    current = key_id(private_key.public_key())
    retired = repo.keys / "retired.yaml"
    retired.write_text(f"{current}: soon\n")
    ring, problems = load_keyring(repo.keys, repo.root)
    assert _codes(problems) == [("docs/keys/retired.yaml", "key-retired")] and ring.get(current).retired is None
    retired.write_text("fedcba9876543210: 2026-01-01\n")
    ring, problems = load_keyring(repo.keys, repo.root)
    assert _codes(problems) == [("docs/keys/retired.yaml", "key-missing")] and "fedcba9876543210" in problems[0].message
    retired.write_text("- a list\n")
    assert _codes(load_keyring(repo.keys, repo.root)[1]) == [("docs/keys/retired.yaml", "key-retired")]
