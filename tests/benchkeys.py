"""A throwaway maintainer key written to a folder, its key ring and encrypted contacts, for tests of generated
signatures.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import bench  # noqa: E402  (realistic generated signatures)


def keyring_with_contacts(folder: Path, contacts: int):
    """(key ring, private key, that many contacts encrypted to it), the key written to ``folder``."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    from petition.model.keys import key_id, load_keyring

    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    (folder / f"{key_id(key.public_key())}.pem").write_bytes(pem)
    ring, problems = load_keyring(folder)
    assert not problems
    return ring, key, bench.contact_pool(key.public_key(), contacts)
