"""Encrypting and reading contact addresses: RSA-OAEP with SHA-256 to a maintainer key.

A contact value is ``rsa-oaep-sha256:<key id>:<base64 of the 384-byte ciphertext>``.
"""

from __future__ import annotations

import base64
import binascii
import re

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from petition.model.keys import KEY_BITS, key_id

SCHEME = "rsa-oaep-sha256"
CIPHERTEXT_BYTES = KEY_BITS // 8  # 384
CONTACT_RE = re.compile(r"^rsa-oaep-sha256:([0-9a-f]{16}):([A-Za-z0-9+/]{512})$")
_OAEP = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


def encrypt_contact(address: str, public_key: rsa.RSAPublicKey) -> str:
    ciphertext = public_key.encrypt(address.encode("utf-8"), _OAEP)
    return f"{SCHEME}:{key_id(public_key)}:{base64.b64encode(ciphertext).decode('ascii')}"


_PREFIX = SCHEME + ":"
_CONTACT_LEN = len(_PREFIX) + 16 + 1 + 512
_KEY_ID_RE = re.compile(r"[0-9a-f]{16}")
_KEY_IDS: set[str] = set()  # well-formed key ids seen


def split_contact(value: str) -> tuple[str, bytes] | None:
    """The key id and ciphertext of a well-formed contact value, or None.

    A value of exactly the contact's length is checked by position, its 512 characters by a
    strict base64 decode in C, rather than by CONTACT_RE character by character; every other
    value goes to ``split_contact_reference`` (a test holds the two to the same answers).
    """
    if len(value) != _CONTACT_LEN or not value.startswith(_PREFIX) or value[32] != ":":
        return split_contact_reference(value)
    kid = value[16:32]
    if kid not in _KEY_IDS:
        if _KEY_ID_RE.fullmatch(kid) is None:
            return None
        if len(_KEY_IDS) < 64:  # every signer of a key shares its id: a handful of maintainer keys
            _KEY_IDS.add(kid)
    body = value[33:]
    if "=" in body:  # padding: not one of the 64 characters CONTACT_RE allows
        return None
    try:
        # strict_mode refuses any character outside the 64, so this decodes exactly the bodies
        # CONTACT_RE allows; 512 of them always make 384 bytes.
        ciphertext = binascii.a2b_base64(body, strict_mode=True)
    except ValueError:  # binascii.Error, or a character beyond ASCII
        return None
    if len(ciphertext) != CIPHERTEXT_BYTES:
        return None
    return kid, ciphertext


def split_contact_reference(value: str) -> tuple[str, bytes] | None:
    """``split_contact`` by the pattern: the reference, and the way for values of other lengths."""
    match = CONTACT_RE.match(value)
    if not match:
        return None
    try:
        ciphertext = base64.b64decode(match.group(2), validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(ciphertext) != CIPHERTEXT_BYTES:
        return None
    return match.group(1), ciphertext


def decrypt_contact(value: str, private_key: rsa.RSAPrivateKey) -> str:
    parts = split_contact(value)
    if parts is None:
        raise ValueError("not a well-formed contact value")
    kid, ciphertext = parts
    if kid != key_id(private_key.public_key()):
        raise ValueError(f"encrypted to key {kid}, not to this private key")
    return private_key.decrypt(ciphertext, _OAEP).decode("utf-8")
