"""The rules every free-text field shares (name, affiliation, sort key): any script, one line, nothing that renders or
hides.

Validators raise errors whose messages are written for signers, not programmers."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
)
from pydantic_core import PydanticCustomError

from petition.model import charscan
from petition.model.confusables import mixed_script_word, script_label
from petition.problems import show

NAME_MAX = 200


AFFILIATION_MAX = 300


EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# An internationalised address (RFC 6531: "kontakt" at "bücher.de", "用户" at "例子.广告"): letters of
# any script in the local part and the domain. EMAIL_RE misses it; what this finds that holds more than
# ASCII is then confirmed by email-validator, so a stray "@" between words is not taken for one.
_INTERNATIONAL_RE = re.compile(r"[\w.%+\-]{1,64}@[\w\-]+(?:\.[\w\-]+)*\.(?:[^\W\d_]{2,}|xn--[\w\-]+)")


# email-validator compiles its grammar on import (about 80 ms): only when an international candidate needs it.
@functools.lru_cache(maxsize=1)
def _validator():
    from email_validator import EmailNotValidError, validate_email

    return validate_email, EmailNotValidError


def find_addresses(text: str) -> list[str]:
    """Every email address in ``text``: ASCII ones by shape (EMAIL_RE), international ones confirmed by
    email-validator."""
    if "@" not in text:
        return []
    found = EMAIL_RE.findall(text)
    if not text.isascii():
        for candidate in _INTERNATIONAL_RE.findall(text):
            if candidate.isascii():
                continue  # EMAIL_RE's business
            validate_email, not_valid = _validator()
            try:
                validate_email(candidate, check_deliverability=False, test_environment=True)
            except not_valid:
                continue
            found.append(candidate)
    return found


ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


MD_LINK_RE = re.compile(r"\]\s*\(|!\[|\[[^\]]*\]\s*\[")


# Zero-width joiner and non-joiner spell words correctly in Persian, Indic scripts and emoji
# sequences; they are allowed only between two letters or marks of a script beyond Latin.
JOINERS = {"\u200c", "\u200d"}


def _err(kind: str, message: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, ctx or None)


def _non_latin_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM" and ord(ch) >= 0x0370 and not 0x1E00 <= ord(ch) <= 0x1EFF


def check_text(value: str, limit: int) -> str:
    """Rules shared by every free-text field: any script, one line, nothing that renders or hides."""
    value = unicodedata.normalize("NFC", value)
    if not value:
        raise _err("text_empty", "is empty: fill it in, or delete the line.")
    # Most text has no character the loop below would stop at: one C-speed match says so (petition.model.charscan).
    if not charscan.plain_text(value):
        for i, ch in enumerate(value):
            cat = unicodedata.category(ch)
            if ch in JOINERS:
                if 0 < i < len(value) - 1 and _non_latin_letter(value[i - 1]) and _non_latin_letter(value[i + 1]):
                    continue
                raise _err(
                    "text_invisible",
                    "contains an invisible zero-width character (U+{cp}): delete it.",
                    cp=f"{ord(ch):04X}",
                )
            if ch in "\n\r\u2028\u2029\x85":
                raise _err("text_line_break", "must be one line: remove the line break.")
            if cat == "Cf":
                raise _err(
                    "text_invisible",
                    "contains an invisible formatting or text-direction character (U+{cp}): delete it; "
                    "the site sets the direction of every name itself.",
                    cp=f"{ord(ch):04X}",
                )
            if cat in ("Cc", "Cs", "Co", "Cn"):
                raise _err(
                    "text_control",
                    "contains a control or unassigned character (U+{cp}): delete it.",
                    cp=f"{ord(ch):04X}",
                )
            if ch in "<>":
                raise _err(
                    "text_markup",
                    "contains “<” or “>”: these are not allowed, because they could be read as web page "
                    "markup. Use parentheses instead.",
                )
    stripped = value.strip()
    if not stripped:
        raise _err("text_no_letters", "is only spaces: write the name itself, or delete the line.")
    if value != stripped or value.strip(" \u3000\u00a0") != value:
        raise _err("text_space", "starts or ends with a space: remove it.")
    if "  " in value:
        raise _err("text_space", "contains two spaces in a row: use one.")
    if "&" in value and ENTITY_RE.search(value):  # an entity starts with "&"
        raise _err(
            "text_markup", "contains an HTML entity such as “&amp;”: write the character itself (for example “&”)."
        )
    if ("[" in value or "]" in value) and MD_LINK_RE.search(value):  # each of its forms holds a bracket
        raise _err(
            "text_markup",
            "contains link syntax such as “[text](address)”: write plain text, and put your web address in “website”.",
        )
    if value[0] in "=+-@":
        raise _err(
            "text_formula",
            "starts with “{first}”, which spreadsheets run as a formula when the list is opened in one: "
            "start with a letter or digit.",
            first=value[0],
        )
    # The first character is nearly always a letter (isalpha: categories L*), so no generator.
    if not value[0].isalpha() and not any(unicodedata.category(ch)[0] in "LN" for ch in value):
        raise _err("text_no_letters", "has no letters or digits: write the name itself.")
    if len(value) > limit:
        raise _err(
            "text_too_long", "is {length} characters long; at most {limit} are allowed.", length=len(value), limit=limit
        )
    if not value.isascii():
        piled = charscan.mark_pile(value)
        if piled is not None:
            base, count = piled
            raise _err(
                "text_combining_marks",
                "puts {count} accents or other combining marks on one letter ({base}); at most {limit} are "
                "allowed (no writing system stacks more than three), because a pile of them spills over the "
                "lines around it on the page. Keep the marks the name really has.",
                count=count,
                base=show(base),
                limit=charscan.MAX_MARKS,
            )
    mixed = mixed_script_word(value)
    if mixed is not None:
        word, odd, script, main = mixed
        raise _err(
            "text_mixed_script",
            "mixes look-alike letters of two alphabets in one word ({word}: the {odd} is {script}, the "
            "rest is {main}), which makes it look like another name: retype it with one keyboard layout.",
            word=show(word),
            odd=show(odd),
            script=script_label(script),
            main=script_label(main),
        )
    if "@" in value and find_addresses(value):
        raise _err(
            "plaintext_email",
            "contains an email address: remove it. Addresses are never published; only the encrypted "
            "“contact” may hold one.",
        )
    return value


def check_name(value: str) -> str:
    return check_text(value, NAME_MAX)


_KNOWN_AFFILIATIONS: dict[str, str] = {}  # affiliations repeat (universities, "researcher"): value -> checked value


def check_affiliation(value: str) -> str:
    known = _KNOWN_AFFILIATIONS.get(value)
    if known is not None:
        return known
    checked = check_text(value, AFFILIATION_MAX)  # raises on a refused value: nothing kept
    if len(_KNOWN_AFFILIATIONS) < _KNOWN_MAX:
        _KNOWN_AFFILIATIONS[value] = checked
    return checked


# The free text of a government's response (petition.model.fields: RESPONSE_FIELDS), by the same rules.
BODY_MAX = 200
SUMMARY_MAX = 600
QUOTE_MAX = 1000


def check_body(value: str) -> str:
    return check_text(value, BODY_MAX)


def check_summary(value: str) -> str:
    return check_text(value, SUMMARY_MAX)


def check_quote(value: str) -> str:
    return check_text(value, QUOTE_MAX)


Name = Annotated[str, AfterValidator(check_name)]


Affiliation = Annotated[str, AfterValidator(check_affiliation)]


_KNOWN_MAX = 20_000
