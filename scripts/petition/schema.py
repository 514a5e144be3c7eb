"""The signature schema: one pydantic model, the public contract shared by the sign form, the
command line, the site and reviewers' tools. Its JSON Schema is published as
``docs/signature.schema.json``.

Every value arrives as a string (the loader keeps YAML scalars as text); the model parses them.
Validators raise errors whose messages are written for signers, not programmers.
"""

from __future__ import annotations

import binascii
import datetime as dt
import functools
import re
import unicodedata
from typing import Annotated, Any, Literal, Optional
from urllib.parse import urlsplit

import pycountry
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from . import charclass
from .confusables import mixed_script_word, script_label
from .crypto import CIPHERTEXT_BYTES, CONTACT_RE, split_contact
from .keys import KeyRing
from .problems import show
from .versions import VERSION_RE

NAME_MAX = 200
AFFILIATION_MAX = 300
WEBSITE_MAX = 2000
GITHUB_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
MD_LINK_RE = re.compile(r"\]\s*\(|!\[|\[[^\]]*\]\s*\[")
# Zero-width joiner and non-joiner spell words correctly in Persian, Indic scripts and emoji
# sequences; they are allowed only between two letters or marks of a script beyond Latin.
JOINERS = {"\u200c", "\u200d"}

Type = Literal["organization", "individual"]
Source = Literal["founding", "imported"]


def _err(kind: str, message: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, ctx or None)


def _non_latin_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM" and ord(ch) >= 0x0370 and not 0x1E00 <= ord(ch) <= 0x1EFF


def check_text(value: str, limit: int) -> str:
    """Rules shared by every free-text field: any script, one line, nothing that renders or hides."""
    value = unicodedata.normalize("NFC", value)
    if not value:
        raise _err("text_empty", "is empty: fill it in, or delete the line.")
    # Most text has no character the loop below would stop at: one C-speed match says so (petition.charclass).
    if not charclass.plain_text(value):
        for i, ch in enumerate(value):
            cat = unicodedata.category(ch)
            if ch in JOINERS:
                if 0 < i < len(value) - 1 and _non_latin_letter(value[i - 1]) and _non_latin_letter(value[i + 1]):
                    continue
                raise _err("text_invisible", "contains an invisible zero-width character (U+{cp}): delete it.", cp=f"{ord(ch):04X}")
            if ch in "\n\r\u2028\u2029\x85":
                raise _err("text_line_break", "must be one line: remove the line break.")
            if cat == "Cf":
                raise _err("text_invisible", "contains an invisible formatting or text-direction character (U+{cp}): delete it; the site sets the direction of every name itself.", cp=f"{ord(ch):04X}")
            if cat in ("Cc", "Cs", "Co", "Cn"):
                raise _err("text_control", "contains a control or unassigned character (U+{cp}): delete it.", cp=f"{ord(ch):04X}")
            if ch in "<>":
                raise _err("text_markup", "contains “<” or “>”: these are not allowed, because they could be read as web page markup. Use parentheses instead.")
    stripped = value.strip()
    if not stripped:
        raise _err("text_no_letters", "is only spaces: write the name itself, or delete the line.")
    if value != stripped or value.strip(" \u3000\u00a0") != value:
        raise _err("text_space", "starts or ends with a space: remove it.")
    if "  " in value:
        raise _err("text_space", "contains two spaces in a row: use one.")
    if "&" in value and ENTITY_RE.search(value):  # an entity starts with "&"
        raise _err("text_markup", "contains an HTML entity such as “&amp;”: write the character itself (for example “&”).")
    if ("[" in value or "]" in value) and MD_LINK_RE.search(value):  # each of its forms holds a bracket
        raise _err("text_markup", "contains link syntax such as “[text](address)”: write plain text, and put your web address in “website”.")
    if value[0] in "=+-@":
        raise _err("text_formula", "starts with “{first}”, which spreadsheets run as a formula when the list is opened in one: start with a letter or digit.", first=value[0])
    # The first character is nearly always a letter (isalpha: categories L*), so no generator.
    if not value[0].isalpha() and not any(unicodedata.category(ch)[0] in "LN" for ch in value):
        raise _err("text_no_letters", "has no letters or digits: write the name itself.")
    if len(value) > limit:
        raise _err("text_too_long", "is {length} characters long; at most {limit} are allowed.", length=len(value), limit=limit)
    mixed = mixed_script_word(value)
    if mixed is not None:
        word, odd, script, main = mixed
        raise _err("text_mixed_script", "mixes look-alike letters of two alphabets in one word ({word}: the {odd} is {script}, the rest is {main}), which makes it look like another name: retype it with one keyboard layout.", word=show(word), odd=show(odd), script=script_label(script), main=script_label(main))
    if "@" in value and EMAIL_RE.search(value):
        raise _err("plaintext_email", "contains an email address: remove it. Addresses are never published; only the encrypted “contact” may hold one.")
    return value


def _name(value: str) -> str:
    return check_text(value, NAME_MAX)


_KNOWN_AFFILIATIONS: dict[str, str] = {}  # affiliations repeat (universities, "researcher"): value -> checked value


def _affiliation(value: str) -> str:
    known = _KNOWN_AFFILIATIONS.get(value)
    if known is not None:
        return known
    checked = check_text(value, AFFILIATION_MAX)  # raises on a refused value: nothing kept
    if len(_KNOWN_AFFILIATIONS) < _KNOWN_MAX:
        _KNOWN_AFFILIATIONS[value] = checked
    return checked


Name = Annotated[str, AfterValidator(_name)]
Affiliation = Annotated[str, AfterValidator(_affiliation)]


@functools.lru_cache(maxsize=None)  # a few hundred codes, asked for by 100,000 rows
def country_name(code: str) -> str:
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
_KNOWN_MAX = 20_000


def _country(value: str) -> str:
    if value in _KNOWN_COUNTRIES:
        return value
    if re.fullmatch(r"[A-Z]{2}", value) and pycountry.countries.get(alpha_2=value) is not None:
        _KNOWN_COUNTRIES.add(value)  # at most the ~250 codes pycountry knows
        return value
    if re.fullmatch(r"[a-z]{2}", value) and pycountry.countries.get(alpha_2=value.upper()) is not None:
        raise _err("country_case", "must be written in capital letters: {code}.", code=value.upper())
    guess = None
    if 2 < len(value) < 80:
        try:
            guess = pycountry.countries.lookup(value.strip())
        except LookupError:
            guess = None
    if guess is not None:
        raise _err("country_name", "must be a two-letter country code, not a name: write {code} for {name}.", code=guess.alpha_2, name=guess.name)
    raise _err("country_unknown", "is not a known two-letter country code (ISO 3166-1, such as NO for Norway or KE for Kenya): check the code, or delete the line.")


_URL_BAD = re.compile(r"[<>\"'`\\]")


def _website(value: str) -> str:
    if len(value) > WEBSITE_MAX:
        raise _err("website_too_long", "is too long: at most {limit} characters.", limit=WEBSITE_MAX)
    # No control, format, unassigned or separator character (categories C*, Z*): str.isprintable
    # refuses all of them but the plain space (tests/test_schema_fast.py checks every code point).
    if not value.isprintable() or " " in value:
        raise _err("website_invalid", "must be a web address with no spaces or invisible characters.")
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        _ = parts.port
    except ValueError:
        raise _err("website_invalid", "is not a valid web address: write it as https://example.org/.") from None
    if parts.scheme not in ("http", "https") or not value.startswith(("http://", "https://")):
        raise _err("website_scheme", "must start with https:// (or http://); other kinds of address are not allowed.")
    if "@" in parts.netloc:
        raise _err("website_userinfo", "must not contain a user name or “@” before the host: write it as https://example.org/.")
    if not host or "." not in host.strip(".") or _URL_BAD.search(host):
        raise _err("website_invalid", "is not a valid web address: write it as https://example.org/.")
    if _URL_BAD.search(value):
        raise _err("website_invalid", "contains quotes, backslashes or “<” “>”, which a web address does not need.")
    return value


def _github(value: str) -> str:
    if value.startswith("@") and GITHUB_RE.match(value[1:]):
        raise _err("github_at", "is written without “@”: {login}.", login=value[1:])
    if value.startswith(("http://", "https://")):
        raise _err("github_url", "is your GitHub user name only (for example “octocat”), not the address of your profile.")
    if not GITHUB_RE.match(value):
        raise _err("github_invalid", "is not a GitHub user name: up to 39 letters, digits and single hyphens, not starting or ending with a hyphen.")
    return value


def _version(value: str) -> str:
    if value in _KNOWN_VERSIONS:
        return value
    if not VERSION_RE.match(value):
        raise _err("version_format", "must be the letter's version number, such as 1.")
    if len(_KNOWN_VERSIONS) < _KNOWN_MAX:
        _KNOWN_VERSIONS.add(value)
    return value


def _date(value: str) -> str:
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


def _contact_shape_error(value: str) -> PydanticCustomError:
    """Why a contact is not ``rsa-oaep-sha256:<key id>:<512 base64 characters>``, in words a signer can act on."""
    scheme, _, rest = value.partition(":")
    kid, _, body = rest.partition(":")
    again = "copy it again, whole and on one line, from the sign page or “petition sign”"
    if scheme != "rsa-oaep-sha256" or not re.fullmatch(r"[0-9a-f]{16}", kid):
        return _err("contact_format", "is not an encrypted contact (“rsa-oaep-sha256:<key id>:<512 characters>”): never write your address here; " + again + ", which encrypt it for you.")
    if not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", body):
        return _err("contact_base64", "contains characters that an encrypted contact never has (only letters, digits, “+” and “/”): " + again + ".")
    return _err("contact_length", "has {length} characters after the key id where 512 are expected, so part of it is missing or extra: " + again + ".", length=len(body))


# The cross-field rules, kept apart from the model so that validate() can report them all even when
# a field error stopped pydantic before its model validator (a bad country must not hide a missing contact).
CROSS_FIELD_KINDS = frozenset({"date_future", "missing", "version_unknown", "contact_key_retired"})


def cross_field_errors(values: dict[str, Any], context: dict[str, Any], present: frozenset[str] | set[str] = frozenset()) -> list[PydanticCustomError]:
    """Every cross-field error of ``values`` (each field's own rules already passed or left out).

    ``present`` names fields that are in the file but left out of ``values`` because their own
    value is wrong: they are not "missing".
    """
    errors = []
    today: dt.date = context.get("today") or dt.date.today()
    signed = values.get("signed")
    if signed is not None and dt.date.fromisoformat(signed) > today + dt.timedelta(days=1):
        errors.append(_err("date_future", "is in the future: use the date you sign on.", field="signed"))
    if values.get("source") != "founding":
        for field, hint in (("signed", "the date you sign, YYYY-MM-DD"), ("contact", "your encrypted contact email, from the sign page or “petition sign”"), ("version", "the version of the letter you endorse, from the sign page")):
            if values.get(field) is None and field not in present:
                errors.append(_err("missing", "is missing: add “{field}:” with {hint}.", field=field, hint=hint))
    versions = context.get("versions")
    version = values.get("version")
    if versions is not None and version is not None and version not in versions:
        errors.append(_err("version_unknown", "is not a version of the letter (the versions are {known}): use the version shown on the sign page.", field="version", known=", ".join(versions)))
    keyring: KeyRing | None = context.get("keyring")
    contact = values.get("contact")
    if keyring is not None and contact is not None:
        key = keyring.get(contact.split(":")[1])
        if key is not None and key.retired is not None and (signed is None or dt.date.fromisoformat(signed) >= key.retired):
            errors.append(_err("contact_key_retired", "is encrypted to key {kid}, which was retired on {date}: sign again from the sign page to use the current key.", field="contact", kid=key.id, date=key.retired.isoformat()))
    return errors


class Signature(BaseModel):
    """One endorsement of the letter, as written in ``signatures/<slug>.yaml``."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="Signature",
        json_schema_extra={
            "description": "One endorsement of the open letter: signatures/<slug>.yaml, where <slug> is lowercase letters, digits and single hyphens.",
        },
    )

    type: Type = Field(description="Whether an organisation or an individual endorses.")
    name: Name = Field(json_schema_extra={"minLength": 1, "maxLength": NAME_MAX}, description="Display name, in any script, one line, no “<” or “>”.")
    affiliation: Optional[Affiliation] = Field(default=None, json_schema_extra={"maxLength": AFFILIATION_MAX}, description="Optional, e.g. “law professor at the University of Ottawa”.")
    country: Optional[Annotated[str, AfterValidator(_country)]] = Field(default=None, json_schema_extra={"pattern": "^[A-Z]{2}$"}, description="ISO 3166-1 alpha-2 country code, e.g. NO for Norway.")
    website: Optional[Annotated[str, AfterValidator(_website)]] = Field(default=None, json_schema_extra={"maxLength": WEBSITE_MAX, "pattern": "^https?://"}, description="http(s) address of the signatory's website.")
    github: Optional[Annotated[str, AfterValidator(_github)]] = Field(default=None, json_schema_extra={"pattern": GITHUB_RE.pattern}, description="GitHub user name (without @) of the person who opens the pull request.")
    signed: Optional[Annotated[str, AfterValidator(_date)]] = Field(default=None, json_schema_extra={"pattern": DATE_RE.pattern, "format": "date"}, description="Date of the endorsement, YYYY-MM-DD. Required unless source is founding.")
    contact: Optional[str] = Field(default=None, json_schema_extra={"pattern": CONTACT_RE.pattern}, description="Contact email encrypted to a maintainer key: rsa-oaep-sha256:<key id>:<base64>. Required unless source is founding. Never a plain address.")
    version: Optional[Annotated[str, AfterValidator(_version)]] = Field(default=None, json_schema_extra={"pattern": VERSION_RE.pattern}, description="The version of the letter's text this signature endorses (the sign page and “petition sign” fill it in). Required unless source is founding.")
    sort_as: Optional[Name] = Field(default=None, json_schema_extra={"maxLength": NAME_MAX}, description="Optional sort key, e.g. “Vries, Anna de”.")
    source: Optional[Source] = Field(default=None, description="Maintainers only: founding (recorded from the original endorsement form) or imported (received by email or on paper).")

    @field_validator("contact")
    @classmethod
    def _contact(cls, value: str, info: ValidationInfo) -> str:
        return contact_value(value, info.context)

    @model_validator(mode="after")
    def _whole(self, info: ValidationInfo) -> "Signature":
        errors = cross_field_errors(self.model_dump(), info.context or {})
        if errors:
            raise errors[0]  # validate.validate() reports all of them
        return self

    def public(self) -> dict[str, str]:
        """The fields that may be published: everything but ``contact``."""
        return {k: v for k, v in self.model_dump(exclude={"contact"}).items() if v is not None}


def contact_value(value: str, context: dict[str, Any] | None) -> str:
    """The contact field's rules (the model's ``contact`` validator).

    A contact of the usual length is checked without decoding all of it: its shape by C-speed
    byte tests, its ciphertext against the key's modulus by the leading bytes (the rest only on
    a tie). Any other value goes the way ``contact_value_reference`` goes, with its messages.
    """
    if "@" in value and not value.startswith("rsa-oaep-sha256:"):
        raise _err("plaintext_email", "looks like a plain email address: it must be encrypted. Use the sign page or “petition sign”, which encrypt it for you.")
    body = _well_formed_body(value)
    if body is None:
        return contact_value_reference(value, context)
    keyring: KeyRing | None = (context or {}).get("keyring")
    if keyring is not None:
        kid = value[16:32]
        key = keyring.get(kid)
        if key is None:
            raise _err("contact_key_unknown", "is encrypted to key {kid}, which is not one of the maintainers' keys: sign again from the sign page.", kid=kid)
        if _ciphertext_at_least(body, key.modulus):
            raise _err("contact_format", "is not a valid ciphertext for key {kid}: copy it again, whole, from the sign page.", kid=kid)
    return value


def contact_value_reference(value: str, context: dict[str, Any] | None) -> str:
    """``contact_value`` by splitting and decoding the whole value: the reference, and the way for unusual values."""
    if "@" in value and not value.startswith("rsa-oaep-sha256:"):
        raise _err("plaintext_email", "looks like a plain email address: it must be encrypted. Use the sign page or “petition sign”, which encrypt it for you.")
    parts = split_contact(value)
    if parts is None:
        raise _contact_shape_error(value)
    kid, ciphertext = parts
    keyring: KeyRing | None = (context or {}).get("keyring")
    if keyring is not None:
        key = keyring.get(kid)
        if key is None:
            raise _err("contact_key_unknown", "is encrypted to key {kid}, which is not one of the maintainers' keys: sign again from the sign page.", kid=kid)
        if int.from_bytes(ciphertext, "big") >= key.modulus:
            raise _err("contact_format", "is not a valid ciphertext for key {kid}: copy it again, whole, from the sign page.", kid=kid)
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
