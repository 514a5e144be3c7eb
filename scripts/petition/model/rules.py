"""The rules of the fields that are not free text: country, GitHub login, date, letter version, encrypted contact
(the website's: petition.model.websites).

Each takes the field's text and returns it, or raises an error whose message is written for the signer."""

from __future__ import annotations

import binascii
import datetime as dt
import functools
import re
from typing import Any

import pycountry
from pydantic_core import PydanticCustomError

from petition.model.crypto import CIPHERTEXT_BYTES, split_contact
from petition.model.freetext import _KNOWN_MAX, _err
from petition.model.keys import KeyRing
from petition.model.versions import VERSION_RE

WEBSITE_MAX = 2000  # the website's rule is petition.model.websites

GITHUB_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")


DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# Codes accepted beside ISO 3166-1's assigned ones: Kosovo's XK is a user-assigned code, but the
# one the EU, CLDR and most software use (pycountry follows ISO and lacks it).
EXTRA_COUNTRIES = {"XK": "Kosovo"}
# Every accepted code, sorted: the sign page's list and its name shards are made from it.
COUNTRY_CODES: tuple[str, ...] = tuple(sorted([c.alpha_2 for c in pycountry.countries] + list(EXTRA_COUNTRIES)))


def _known_code(code: str) -> bool:
    return code in EXTRA_COUNTRIES or pycountry.countries.get(alpha_2=code) is not None


@functools.cache  # a few hundred codes, asked for by 100,000 rows
def country_name(code: str) -> str:
    if code in EXTRA_COUNTRIES:
        return EXTRA_COUNTRIES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


# Values a rule has accepted, for the rules whose values real signatures share (a few hundred
# countries, a few thousand dates): a set lookup instead of the rule. Only accepted values are
# kept, so a refused value always goes through the rule and gets its message.
_KNOWN_COUNTRIES: set[str] = set()


_KNOWN_DATES: set[str] = set()


_KNOWN_VERSIONS: set[str] = set()


def check_country(value: str) -> str:
    if value in _KNOWN_COUNTRIES:
        return value
    if re.fullmatch(r"[A-Z]{2}", value) and _known_code(value):
        _KNOWN_COUNTRIES.add(value)  # at most the ~250 codes accepted
        return value
    if re.fullmatch(r"[a-z]{2}", value) and _known_code(value.upper()):
        raise _err("country_case", "must be written in capital letters: {code}.", code=value.upper())
    guess = None
    if 2 < len(value) < 80:
        stripped = value.strip()
        guess = next(((c, n) for c, n in EXTRA_COUNTRIES.items() if n.casefold() == stripped.casefold()), None)
        if guess is None:
            try:
                found = pycountry.countries.lookup(stripped)
                guess = (found.alpha_2, found.name)
            except LookupError:
                guess = None
    if guess is not None:
        raise _err(
            "country_name",
            "must be a two-letter country code, not a name: write {code} for {name}.",
            code=guess[0],
            name=guess[1],
        )
    raise _err(
        "country_unknown",
        "is not a known two-letter country code (ISO 3166-1, such as NO for Norway or KE for Kenya): "
        "check the code, or delete the line.",
    )


def check_github(value: str) -> str:
    if value.startswith("@") and GITHUB_RE.match(value[1:]):
        raise _err("github_at", "is written without “@”: {login}.", login=value[1:])
    if value.startswith(("http://", "https://")):
        raise _err(
            "github_url", "is your GitHub user name only (for example “octocat”), not the address of your profile."
        )
    if not GITHUB_RE.match(value):
        raise _err(
            "github_invalid",
            "is not a GitHub user name: up to 39 letters, digits and single hyphens, not starting or "
            "ending with a hyphen.",
        )
    return value


def check_version(value: str) -> str:
    if value in _KNOWN_VERSIONS:
        return value
    if not VERSION_RE.match(value):
        raise _err("version_format", "must be the letter's version number, such as 1.")
    if len(_KNOWN_VERSIONS) < _KNOWN_MAX:
        _KNOWN_VERSIONS.add(value)
    return value


def check_date(value: str) -> str:
    if value in _KNOWN_DATES:
        return value
    if not DATE_RE.match(value):
        raise _err("date_format", "must be a date written YYYY-MM-DD, such as 2026-11-28.")
    try:
        dt.date.fromisoformat(value)
        if len(value) == 10 and value.isascii() and len(_KNOWN_DATES) < _KNOWN_MAX:
            _KNOWN_DATES.add(value)
        return value
    except ValueError:
        raise _err("date_invalid", "is not a real date: check the month and the day.") from None


def check_response_date(value: str, context: dict[str, Any] | None) -> str:
    """A response's date: a real date, not before the letter was released (``context["released"]``,
    YYYY-MM-DD) and not after ``context["today"]``."""
    value = check_date(value)
    context = context or {}
    released = context.get("released")
    if released and value < released:
        raise _err(
            "date_before_letter",
            "is before the letter was released ({released}): a response answers the letter, so it comes after.",
            released=released,
        )
    today: dt.date = context.get("today") or dt.date.today()
    if dt.date.fromisoformat(value) > today:
        raise _err("date_future", "is in the future: use the date the response was given.")
    return value


# A delivery's record (petition.model.fields: DELIVERY_FIELDS): what the pack was a snapshot of.
_COMMIT_RE = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64}|none)$")
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
_COUNT_RE = re.compile(r"^(?:0|[1-9][0-9]{0,8})$")
WHOLE_LETTER = "all"


def check_delivered(value: str) -> str:
    """What was delivered: a country's code, or ``all`` for the whole letter."""
    return value if value == WHOLE_LETTER else check_country(value)


def check_commit(value: str) -> str:
    if not _COMMIT_RE.match(value):
        raise _err("commit_invalid", "must be a git commit id, 40 lowercase hex digits (or “none”).")
    return value


def check_count(value: str) -> str:
    if not _COUNT_RE.match(value):
        raise _err("count_invalid", "must be a whole number written in digits, such as 120.")
    return value


def check_sha256(value: str) -> str:
    if not _SHA256_RE.match(value):
        raise _err("sha256_invalid", "must be a SHA-256 digest, 64 lowercase hex digits.")
    return value


def _contact_shape_error(value: str) -> PydanticCustomError:
    """Why a contact is not ``rsa-oaep-sha256:<key id>:<512 base64 characters>``, in words a signer can act on."""
    scheme, _, rest = value.partition(":")
    kid, _, body = rest.partition(":")
    again = "copy it again, whole and on one line, from the sign page or “petition sign”"
    if scheme != "rsa-oaep-sha256" or not re.fullmatch(r"[0-9a-f]{16}", kid):
        return _err(
            "contact_format",
            "is not an encrypted contact (“rsa-oaep-sha256:<key id>:<512 characters>”): never write your address here; "
            + again
            + ", which encrypt it for you.",
        )
    if not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", body):
        return _err(
            "contact_base64",
            "contains characters that an encrypted contact never has (only letters, digits, “+” and “/”): "
            + again
            + ".",
        )
    return _err(
        "contact_length",
        "has {length} characters after the key id where 512 are expected, so part of it is missing or extra: "
        + again
        + ".",
        length=len(body),
    )


def contact_value(value: str, context: dict[str, Any] | None) -> str:
    """The contact field's rules (the model's ``contact`` validator).

    A contact of the usual length is checked without decoding all of it: its shape by C-speed
    byte tests, its ciphertext against the key's modulus by the leading bytes (the rest only on
    a tie). Any other value goes the way ``contact_value_reference`` goes, with its messages.
    """
    if "@" in value and not value.startswith("rsa-oaep-sha256:"):
        raise _err(
            "plaintext_email",
            "looks like a plain email address: it must be encrypted. Use the sign page or “petition "
            "sign”, which encrypt it for you.",
        )
    body = _well_formed_body(value)
    if body is None:
        return contact_value_reference(value, context)
    keyring: KeyRing | None = (context or {}).get("keyring")
    if keyring is not None:
        kid = value[16:32]
        key = keyring.get(kid)
        if key is None:
            raise _err(
                "contact_key_unknown",
                "is encrypted to key {kid}, which is not one of the maintainers' keys: sign again from the sign page.",
                kid=kid,
            )
        if _ciphertext_at_least(body, key.modulus):
            raise _err(
                "contact_format",
                "is not a valid ciphertext for key {kid}: copy it again, whole, from the sign page.",
                kid=kid,
            )
    return value


def contact_value_reference(value: str, context: dict[str, Any] | None) -> str:
    """``contact_value`` by splitting and decoding the whole value: the reference, and the way for unusual values."""
    if "@" in value and not value.startswith("rsa-oaep-sha256:"):
        raise _err(
            "plaintext_email",
            "looks like a plain email address: it must be encrypted. Use the sign page or “petition "
            "sign”, which encrypt it for you.",
        )
    parts = split_contact(value)
    if parts is None:
        raise _contact_shape_error(value)
    kid, ciphertext = parts
    keyring: KeyRing | None = (context or {}).get("keyring")
    if keyring is not None:
        key = keyring.get(kid)
        if key is None:
            raise _err(
                "contact_key_unknown",
                "is encrypted to key {kid}, which is not one of the maintainers' keys: sign again from the sign page.",
                kid=kid,
            )
        if int.from_bytes(ciphertext, "big") >= key.modulus:
            raise _err(
                "contact_format",
                "is not a valid ciphertext for key {kid}: copy it again, whole, from the sign page.",
                kid=kid,
            )
    return value


_CONTACT_PREFIX = "rsa-oaep-sha256:"


_CONTACT_LEN = len(_CONTACT_PREFIX) + 16 + 1 + 512


_KEY_ID_RE = re.compile(r"[0-9a-f]{16}")


_KEY_IDS: set[str] = set()  # well-formed key ids seen: every signer of a key shares its id


_TOP_SHIFT = 8 * (CIPHERTEXT_BYTES - 6)  # the ciphertext's first 6 bytes are its first 8 base64 characters


def _well_formed_body(value: str) -> str | None:
    """The 512 base64 characters of a well-formed contact of the usual length; None for any other value.

    Not None exactly when ``split_contact(value)`` is not None and the value has that length:
    the scheme and the colons by position, the key id by pattern, and the body by bytes.isalnum
    (ASCII letters and digits) once "+" and "/" are replaced, at C speed.
    """
    if len(value) != _CONTACT_LEN or not value.startswith(_CONTACT_PREFIX) or value[32] != ":":
        return None
    kid = value[16:32]
    if kid not in _KEY_IDS:
        if _KEY_ID_RE.fullmatch(kid) is None:
            return None
        if len(_KEY_IDS) < 64:
            _KEY_IDS.add(kid)
    body = value[33:]
    if not body.isascii() or not body.encode("ascii").replace(b"+", b"A").replace(b"/", b"A").isalnum():
        return None
    return body


def _ciphertext_at_least(body: str, modulus: int) -> bool:
    """``int.from_bytes(b64decode(body), "big") >= modulus``, mostly from the leading bytes.

    With S = _TOP_SHIFT, c = top·2^S + rest and m = m_top·2^S + m_rest, both rests below 2^S:
    top > m_top gives c > m, top < m_top gives c < m; only equal tops need the whole numbers.
    """
    top = int.from_bytes(binascii.a2b_base64(body[:8]), "big")
    m_top = modulus >> _TOP_SHIFT
    if top != m_top:
        return top > m_top
    return int.from_bytes(binascii.a2b_base64(body), "big") >= modulus
