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


def test_kosovo_is_accepted_and_named():
    assert rules.check_country("XK") == "XK" and rules.country_name("XK") == "Kosovo"
    assert "XK" in rules.COUNTRY_CODES
    assert outcome(rules.check_country, "Kosovo")[1:2] == ("country_name",)
    assert "write XK for Kosovo" in outcome(rules.check_country, "Kosovo")[2]
