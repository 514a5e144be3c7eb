"""The schema's cheaper rules give exactly the answers of the rules as first written (kept here,
or beside them in the code, as the oracles): same value, or same error, message and context."""

from __future__ import annotations

import base64
import datetime as dt
import re
import sys
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from contactvalues import GOOD, contacts
from oracles import outcome
from petition.model import freetext, rules
from petition.model.keys import KeyRing
from petition.model.versions import VERSION_RE

# --- the rules as they were written before the shortcuts: the oracles ---------------------------


def country_reference(value: str) -> str:
    import pycountry

    err = freetext._err
    known = {c.alpha_2 for c in pycountry.countries} | {"XK"}
    if re.fullmatch(r"[A-Z]{2}", value) and value in known:
        return value
    if re.fullmatch(r"[a-z]{2}", value) and value.upper() in known:
        raise err("country_case", "must be written in capital letters: {code}.", code=value.upper())
    guess = ("XK", "Kosovo") if value.strip().casefold() == "kosovo" else None
    if 2 < len(value) < 80 and guess is None:
        try:
            found = pycountry.countries.lookup(value.strip())
            guess = (found.alpha_2, found.name)
        except LookupError:
            guess = None
    if guess is not None:
        raise err(
            "country_name",
            "must be a two-letter country code, not a name: write {code} for {name}.",
            code=guess[0],
            name=guess[1],
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


@settings(max_examples=1000, deadline=None)
@given(
    st.one_of(
        st.text(st.sampled_from(list("NOKEnoxX0 ")), max_size=3),
        st.sampled_from(["NO", "no", "Norway", "NOR", "XK", "", "N", "ÑO", "NO\n"]),
    )
)
def test_country_memo_equals_the_rule(value):
    expected = outcome(country_reference, value)
    assert outcome(rules.check_country, value) == expected
    assert outcome(rules.check_country, value) == expected  # the second time from the memo, if kept


DIGITS = list("0123456789") + ["-", "\n", "٣", "２", "T", " "]


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.text(st.sampled_from(DIGITS), min_size=8, max_size=12), st.dates().map(dt.date.isoformat)))
@example("2026-02-29")
@example("2024-02-29")
@example("2026-01-01\n")
@example("２０２６-01-01")
@example("0001-01-01")
def test_date_memo_equals_the_rule(value):
    expected = outcome(date_reference, value)
    assert outcome(rules.check_date, value) == expected
    assert outcome(rules.check_date, value) == expected
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
    expected = outcome(version_reference, value)
    assert outcome(rules.check_version, value) == expected
    assert outcome(rules.check_version, value) == expected


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

    assert outcome(rules.check_website, value) == outcome(reference, value)
    bad = any(c in value for c in "<>\"'`\\")
    assert (rules._URL_BAD.search(value) is not None) == bad


# --- contact -------------------------------------------------------------------------------------


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
    assert outcome(rules.contact_value, value, context) == outcome(rules.contact_value_reference, value, context)


def test_the_shortcut_takes_the_usual_contact_and_settles_ties_in_full():
    assert rules._well_formed_body(GOOD) == GOOD[33:]
    for modulus in MODULI:
        assert rules._ciphertext_at_least(GOOD[33:], modulus) == (C >= modulus)


# --- websites: each way an address misleads or cannot be opened, with its own message ----------------


@pytest.mark.parametrize(
    "value, kind, said",
    [
        ("https://user:secret@example.org/", "website_userinfo", "never publish a password"),
        ("https://user@example.org/", "website_userinfo", "user name"),
        ("https://8.8.8.8/", "website_ip", "is an IP address"),
        ("https://2130706433/", "website_ip", "is an IP address"),  # a browser reads 127.0.0.1
        ("https://0x7f.1/", "website_ip", "is an IP address"),
        ("https://127.0.0.1/", "website_private", "(127.0.0.1)"),
        ("https://10.1.2.3/x", "website_private", "private or reserved"),
        ("https://192.168.0.1/", "website_private", "private or reserved"),
        ("https://169.254.0.1/", "website_private", "private or reserved"),
        ("http://[::1]:8000/", "website_private", "(::1)"),
        ("http://[fd00::1]/", "website_private", "private or reserved"),
        ("https://printer.local/", "website_private", "(.local)"),
        ("https://nas.home.arpa/", "website_private", "(.home.arpa)"),
        ("https://localhost/", "website_localhost", "“localhost”"),
        ("http://app.localhost:3000/", "website_localhost", "“localhost”"),
        ("https://intranet/", "website_single_label", "one word"),
        ("https://p\u0430ypal.com/", "website_mixed_script", "Cyrillic letters among Latin ones"),
        (
            "https://xn--pypal-4ve.com/",
            "website_mixed_script",
            "Cyrillic letters among Latin ones",
        ),  # the same, encoded
        ("https://\u03b1pple.com/", "website_mixed_script", "Greek letters among Latin ones"),
        ("https://xn--zz.de/", "website_idn_invalid", "not a valid international domain name"),
    ],
)
def test_a_misleading_or_unreachable_website_is_refused_with_its_own_message(value, kind, said):
    result = outcome(rules.check_website, value)
    assert result[:2] == ("error", kind) and said in result[2], result


@pytest.mark.parametrize(
    "value",
    [
        "https://example.org/",
        "https://bücher.de/",
        "https://xn--bcher-kva.de/",
        "https://例子.广告/",
        "https://東京abc.jp/",  # Latin with Han: UTS #39's highly restrictive profile allows it
        "https://пример.рф/",
        "https://a.b.example.org:8443/path?q=1#top",
    ],
)
def test_real_websites_pass(value):
    assert rules.check_website(value) == value


@pytest.mark.parametrize(
    "value, href",
    [
        ("https://example.org/a", "https://example.org/a"),
        ("https://xn--bcher-kva.de/x?y#z", "https://bücher.de/x?y#z"),
        ("https://Bücher.DE:8443/", "https://bücher.de:8443/"),
        ("https://пример.рф/", "https://пример.рф/"),
        # Every letter a look-alike of a Latin one, under an ASCII top-level domain: the ASCII form.
        ("https://сахар.com/", "https://xn--80aa2cbv.com/"),
        ("https://xn--80aa2cbv.com/", "https://xn--80aa2cbv.com/"),
    ],
)
def test_website_href_shows_what_an_international_name_is(value, href):
    assert rules.check_website(value) == value
    assert rules.website_href(value) == href


def test_kosovo_is_accepted_and_named():
    assert rules.check_country("XK") == "XK" and rules.country_name("XK") == "Kosovo"
    assert "XK" in rules.COUNTRY_CODES
    assert outcome(rules.check_country, "Kosovo")[1:2] == ("country_name",)
    assert "write XK for Kosovo" in outcome(rules.check_country, "Kosovo")[2]
