"""The schema's cheaper rules give exactly the answers of the rules as first written (kept here,
or beside them in the code, as the oracles): same value, or same error, message and context."""

from __future__ import annotations

import base64
import datetime as dt
import re
import sys
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from petition.model import charscan, crypto, freetext, rules
from petition.model.confusables import mixed_script_word, script_label
from petition.model.keys import KeyRing
from petition.model.versions import VERSION_RE
from petition.problems import show


def _outcome(rule, *args):
    """A rule's answer as comparable data: ("ok", value) or ("error", kind, message, context)."""
    try:
        return ("ok", rule(*args))
    except PydanticCustomError as exc:
        return ("error", exc.type, exc.message(), exc.context)
    except Exception as exc:  # noqa: BLE001 - compared as data: the same exception either way
        return ("raised", type(exc).__name__, str(exc))


# --- the rules as they were written before the shortcuts: the oracles ---------------------------


def check_text_reference(value: str, limit: int) -> str:
    err = freetext._err
    value = unicodedata.normalize("NFC", value)
    if not value:
        raise err("text_empty", "is empty: fill it in, or delete the line.")
    if not charscan.plain_text(value):
        for i, ch in enumerate(value):
            cat = unicodedata.category(ch)
            if ch in freetext.JOINERS:
                if (
                    0 < i < len(value) - 1
                    and freetext._non_latin_letter(value[i - 1])
                    and freetext._non_latin_letter(value[i + 1])
                ):
                    continue
                raise err(
                    "text_invisible",
                    "contains an invisible zero-width character (U+{cp}): delete it.",
                    cp=f"{ord(ch):04X}",
                )
            if ch in "\n\r\u2028\u2029\x85":
                raise err("text_line_break", "must be one line: remove the line break.")
            if cat == "Cf":
                raise err(
                    "text_invisible",
                    "contains an invisible formatting or text-direction character (U+{cp}): delete it; "
                    "the site sets the direction of every name itself.",
                    cp=f"{ord(ch):04X}",
                )
            if cat in ("Cc", "Cs", "Co", "Cn"):
                raise err(
                    "text_control",
                    "contains a control or unassigned character (U+{cp}): delete it.",
                    cp=f"{ord(ch):04X}",
                )
            if ch in "<>":
                raise err(
                    "text_markup",
                    "contains “<” or “>”: these are not allowed, because they could be read as web page "
                    "markup. Use parentheses instead.",
                )
    if not value.strip():
        raise err("text_no_letters", "is only spaces: write the name itself, or delete the line.")
    if value != value.strip() or value.strip(" \u3000\u00a0") != value:
        raise err("text_space", "starts or ends with a space: remove it.")
    if "  " in value:
        raise err("text_space", "contains two spaces in a row: use one.")
    if freetext.ENTITY_RE.search(value):
        raise err(
            "text_markup", "contains an HTML entity such as “&amp;”: write the character itself (for example “&”)."
        )
    if freetext.MD_LINK_RE.search(value):
        raise err(
            "text_markup",
            "contains link syntax such as “[text](address)”: write plain text, and put your web address in “website”.",
        )
    if value[0] in "=+-@":
        raise err(
            "text_formula",
            "starts with “{first}”, which spreadsheets run as a formula when the list is opened in one: "
            "start with a letter or digit.",
            first=value[0],
        )
    if not any(unicodedata.category(ch)[0] in "LN" for ch in value):
        raise err("text_no_letters", "has no letters or digits: write the name itself.")
    if len(value) > limit:
        raise err(
            "text_too_long", "is {length} characters long; at most {limit} are allowed.", length=len(value), limit=limit
        )
    mixed = mixed_script_word(value)
    if mixed is not None:
        word, odd, script, main = mixed
        raise err(
            "text_mixed_script",
            "mixes look-alike letters of two alphabets in one word ({word}: the {odd} is {script}, the "
            "rest is {main}), which makes it look like another name: retype it with one keyboard layout.",
            word=show(word),
            odd=show(odd),
            script=script_label(script),
            main=script_label(main),
        )
    if "@" in value and freetext.EMAIL_RE.search(value):
        raise err(
            "plaintext_email",
            "contains an email address: remove it. Addresses are never published; only the encrypted "
            "“contact” may hold one.",
        )
    return value


def country_reference(value: str) -> str:
    import pycountry

    err = freetext._err
    if re.fullmatch(r"[A-Z]{2}", value) and pycountry.countries.get(alpha_2=value) is not None:
        return value
    if re.fullmatch(r"[a-z]{2}", value) and pycountry.countries.get(alpha_2=value.upper()) is not None:
        raise err("country_case", "must be written in capital letters: {code}.", code=value.upper())
    guess = None
    if 2 < len(value) < 80:
        try:
            guess = pycountry.countries.lookup(value.strip())
        except LookupError:
            guess = None
    if guess is not None:
        raise err(
            "country_name",
            "must be a two-letter country code, not a name: write {code} for {name}.",
            code=guess.alpha_2,
            name=guess.name,
        )
    raise err(
        "country_unknown",
        "is not a known two-letter country code (ISO 3166-1, such as NO for Norway or KE for Kenya): "
        "check the code, or delete the line.",
    )


def date_reference(value: str) -> str:
    if not rules.DATE_RE.match(value):
        raise freetext._err("date_format", "must be a date written YYYY-MM-DD, such as 2026-11-28.")
    try:
        dt.date.fromisoformat(value)
        return value
    except ValueError:
        raise freetext._err("date_invalid", "is not a real date: check the month and the day.") from None


def version_reference(value: str) -> str:
    if not VERSION_RE.match(value):
        raise freetext._err("version_format", "must be the letter's version number, such as 1.")
    return value


def website_categories_reference(value: str) -> bool:
    return any(unicodedata.category(ch)[0] in "CZ" for ch in value)


# --- characters and values near every rule's edges ------------------------------------------------

TEXT_CHARS = (
    list("aAzZ09 .,'-&;#x[]()!=+@<>_")
    + list("éøΩЖжаеорсΑΡΟعבअ中한ไ\u0301\u0308\u064b")
    + list("\u00a0\u3000\u200b\u200c\u200d\u202e\u2028\x85\x00\x1b\ufeff\U000e0001\U0001f600\u0378\ue000")
)
TEXTS = st.text(st.sampled_from(TEXT_CHARS), max_size=14)


@settings(max_examples=3000, deadline=None)
@given(TEXTS, st.sampled_from([5, 200]))
@example("a &amp; b", 200)
@example("[a](b)", 200)
@example("a]", 200)
@example("![x", 200)
@example("[a] [b]", 200)
@example("&", 200)
@example("-a", 200)
@example("..a", 200)
@example("..", 200)
@example("Pаypal", 200)
@example("a" + "@" + "b.example", 200)
@example("\u0301a", 200)
def test_check_text_equals_the_reference(value, limit):
    assert _outcome(freetext.check_text, value, limit) == _outcome(check_text_reference, value, limit)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(TEXTS, st.sampled_from(["researcher", "Université de Genève", "dzień", " x", "x ", ""])))
def test_affiliation_memo_equals_the_rule(value):
    expected = _outcome(check_text_reference, value, freetext.AFFILIATION_MAX)
    assert _outcome(freetext.check_affiliation, value) == expected
    assert _outcome(freetext.check_affiliation, value) == expected  # the second time from the memo, if kept


@settings(max_examples=1000, deadline=None)
@given(
    st.one_of(
        st.text(st.sampled_from(list("NOKEnoxX0 ")), max_size=3),
        st.sampled_from(["NO", "no", "Norway", "NOR", "XK", "", "N", "ÑO", "NO\n"]),
    )
)
def test_country_memo_equals_the_rule(value):
    expected = _outcome(country_reference, value)
    assert _outcome(rules.check_country, value) == expected
    assert _outcome(rules.check_country, value) == expected  # the second time from the memo, if kept


DIGITS = list("0123456789") + ["-", "\n", "٣", "２", "T", " "]


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.text(st.sampled_from(DIGITS), min_size=8, max_size=12), st.dates().map(dt.date.isoformat)))
@example("2026-02-29")
@example("2024-02-29")
@example("2026-01-01\n")
@example("２０２６-01-01")
@example("0001-01-01")
def test_date_memo_equals_the_rule(value):
    expected = _outcome(date_reference, value)
    assert _outcome(rules.check_date, value) == expected
    assert _outcome(rules.check_date, value) == expected
    if value in rules._KNOWN_DATES:  # only plain ISO dates, whose order as strings is their order as dates
        assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) and expected[0] == "ok"


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.text(st.sampled_from(list("0123456789v \n")), max_size=6),
        st.sampled_from(["1", "12", "0", "01", "1\n", "10000"]),
    )
)
def test_version_memo_equals_the_rule(value):
    expected = _outcome(version_reference, value)
    assert _outcome(rules.check_version, value) == expected
    assert _outcome(rules.check_version, value) == expected


def test_website_printable_test_is_the_category_test_on_every_code_point():
    wrong = [
        hex(c)
        for c in range(sys.maxunicode + 1)
        if ((not chr(c).isprintable()) or chr(c) == " ") != website_categories_reference(chr(c))
    ]
    assert wrong == []


@settings(max_examples=1000, deadline=None)
@given(
    st.text(st.sampled_from(list("htps:/.exampl.org<>\"'`\\@ 1") + ["\u200b", "\xa0", "é", "\x00"]), max_size=30).map(
        lambda s: "https://" + s
    )
)
@example("https://example.org/")
@example("https://exa mple.org/")
@example("https://example.org/a\\b")
def test_website_equals_the_rule_as_written(value):
    def reference(value):
        if len(value) > rules.WEBSITE_MAX:
            raise freetext._err("website_too_long", "is too long: at most {limit} characters.", limit=rules.WEBSITE_MAX)
        if website_categories_reference(value):
            raise freetext._err("website_invalid", "must be a web address with no spaces or invisible characters.")
        return rules.check_website(value)  # the rest of the rule is unchanged but for a pattern in place of a generator

    assert _outcome(rules.check_website, value) == _outcome(reference, value)
    bad = any(c in value for c in "<>\"'`\\")
    assert (rules._URL_BAD.search(value) is not None) == bad


# --- contact -------------------------------------------------------------------------------------

BODY = base64.b64encode(bytes(range(256)) + bytes(range(128))).decode("ascii")
GOOD = "rsa-oaep-sha256:0123456789abcdef:" + BODY


@st.composite
def contacts(draw):
    value = GOOD
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["replace", "insert", "delete", "truncate"]))
        at = draw(st.integers(0, len(value)))
        if action == "replace" and at < len(value):
            value = value[:at] + draw(st.sampled_from(list("=:+/Aa0Fg \n\r\t\x00é!-"))) + value[at + 1 :]
        elif action == "insert":
            value = value[:at] + draw(st.sampled_from(list("=:A\n"))) + value[at:]
        elif action == "delete" and at < len(value):
            value = value[:at] + value[at + 1 :]
        else:
            value = value[:at]
    return value


@settings(max_examples=3000, deadline=None)
@given(contacts())
@example(GOOD)
@example(GOOD + "\n")
@example(GOOD[:-2] + "==")
@example(GOOD[:-4] + "A===")
@example(GOOD.replace("0123456789abcdef", "0123456789ABCDEF"))
@example(GOOD.replace("0123456789abcdef", "0123456789abcde:"))
@example(GOOD[:-1] + "é")
@example(GOOD.replace("rsa-oaep-sha256", "rsa-oaep-sha257"))
def test_split_contact_equals_the_pattern(value):
    assert crypto.split_contact(value) == crypto.split_contact_reference(value)


# --- cross-field rules ---------------------------------------------------------------------------


class _Key:
    def __init__(self, kid, retired):
        self.id, self.retired, self.modulus = kid, retired, 1 << 3072


RING = KeyRing(
    {
        "0123456789abcdef": _Key("0123456789abcdef", None),
        "fedcba9876543210": _Key("fedcba9876543210", dt.date(2026, 1, 1)),
    }
)
SIGNED = ["2026-06-01", "2026-06-02", "2026-06-03", "2025-12-31", "2026-01-01", "9999-12-31", "0001-01-01"]


def _ciphertext(value: str) -> int:
    return int.from_bytes(base64.b64decode(value.rsplit(":", 1)[1]), "big")


C = _ciphertext(GOOD)
# Moduli around the good contact's ciphertext: equal leading bytes (the tie the shortcut settles
# in full), one more or less, far away, and wider than the 384 bytes a ciphertext can fill.
MODULI = [
    C,
    C + 1,
    C - 1,
    C + (1 << 200),
    C - (1 << 200),
    C + (1 << 3060),
    C - (1 << 3060),
    1 << 3071,
    (1 << 3072) + 5,
    1 << 4095,
    3,
]


class _KeyWith:
    def __init__(self, kid, modulus):
        self.id, self.retired, self.modulus = kid, None, modulus


@settings(max_examples=3000, deadline=None)
@given(contacts(), st.sampled_from(MODULI + [None]), st.sampled_from(["0123456789abcdef", "fedcba9876543210"]))
@example(GOOD, C, "0123456789abcdef")
@example(GOOD, C + 1, "0123456789abcdef")
@example("someone" + "@" + "example.org", None, "0123456789abcdef")
@example("rsa-oaep-sha256:" + "someone" + "@" + "example.org", C, "0123456789abcdef")
def test_contact_value_equals_the_reference(value, modulus, kid):
    context = {"keyring": None if modulus is None else KeyRing({kid: _KeyWith(kid, modulus)})}
    assert _outcome(rules.contact_value, value, context) == _outcome(rules.contact_value_reference, value, context)


def test_the_shortcut_takes_the_usual_contact_and_settles_ties_in_full():
    assert rules._well_formed_body(GOOD) == GOOD[33:]
    for modulus in MODULI:
        assert rules._ciphertext_at_least(GOOD[33:], modulus) == (C >= modulus)


def test_isalpha_means_a_letter_category_on_every_code_point():
    """check_text skips its letters-or-digits scan when the first character isalpha: that must mean category L*."""
    wrong = [hex(c) for c in range(sys.maxunicode + 1) if chr(c).isalpha() and unicodedata.category(chr(c))[0] != "L"]
    assert wrong == []
