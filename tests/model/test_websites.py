"""The website's rule: each way an address misleads or cannot be opened refused with its own message,
and the form an international name is linked in."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from oracles import outcome
from petition.model import freetext, rules, websites


def website_categories_reference(value: str) -> bool:
    return any(unicodedata.category(ch)[0] in "CZ" for ch in value)


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
        return websites.check_website(
            value
        )  # the rest of the rule is unchanged but for a pattern in place of a generator

    assert outcome(websites.check_website, value) == outcome(reference, value)
    bad = any(c in value for c in "<>\"'`\\")
    assert (websites._URL_BAD.search(value) is not None) == bad


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
        ("https://example.123/", "website_invalid", "not a valid web address"),  # no top-level domain is a number
    ],
)
def test_a_misleading_or_unreachable_website_is_refused_with_its_own_message(value, kind, said):
    result = outcome(websites.check_website, value)
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
    assert websites.check_website(value) == value


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
    assert websites.check_website(value) == value
    assert websites.website_href(value) == href
