"""The core of making a signature file: slugs, YAML text, answers' checks, the sign form's data."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from petition.load.document import parse
from petition.model.freetext import NAME_MAX, check_text
from petition.model.signing import (
    email_problem,
    file_text,
    free_slug,
    github_new_file_url,
    slugify,
    taken_slugs,
    yaml_quote,
)
from petition.site import signform


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Anna de Vries", "anna-de-vries"),
        ("Zoë  Ångström-Łukasz", "zoe-angstrom-lukasz"),
        ("Общество «Открытый Интернет»", "obshchestvo-otkrytyy-internet"),
        ("李小龍", "lixiaolong"),
        ("!!!", "signatory"),
        ("a" * 70, "a" * 60),
        ("word " * 20, "-".join(["word"] * 12)),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slugify(name))


def test_free_slug(tmp_path):
    assert free_slug("anna", set()) == "anna"
    for name in ("anna", "anna-2", "ANNA-3"):
        (tmp_path / f"{name}.yaml").write_text("")
    assert free_slug("anna", taken_slugs(tmp_path)) == "anna-4"  # case-insensitively
    assert free_slug("Bo", {"bo"}) == "Bo-2"


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60))
def test_any_accepted_text_survives_the_yaml_round_trip(value):
    try:
        value = check_text(value, NAME_MAX)
    except Exception:  # noqa: BLE001 - refused by the schema: the form would not write it
        return
    parsed, problems = parse(file_text({"type": "individual", "name": value}), "signatures/x.yaml")
    assert problems == [] and parsed[0]["name"] == value


def test_yaml_quote_escapes_quotes_and_backslashes():
    assert yaml_quote('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    with pytest.raises(ValueError):
        file_text({"email": "x"})


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://github.com/justnetcoalition/wto-letter", "https://github.com/justnetcoalition/wto-letter/new/main"),
        ("https://github.com/owner/repo.git/", "https://github.com/owner/repo/new/main"),
        ("https://gitlab.com/owner/repo", None),
        ("http://github.com/owner/repo", None),
        ("https://github.com/owner", None),
        (None, None),
    ],
)
def test_github_new_file_url(url, expected):
    assert github_new_file_url(url, "main") == expected


@pytest.mark.parametrize("address", ["jane.doe@", "jane.doe@example", "jane doe@example.org", "jane.doe@@example.org", "jane.doe@exa_mple.org", ""])
def test_email_problem_never_repeats_the_address(address):
    message = email_problem(address)
    assert message
    assert "jane" not in message


def test_email_problem_accepts_international_addresses():
    assert email_problem("jörg@bücher.de") is None and email_problem("info@открытый.рф") is None


def test_every_message_the_form_can_show_exists():
    script = (signform.ASSETS / "sign.js").read_text(encoding="utf-8")
    codes = set(re.findall(r'problem\("(\w+)"', script))
    strings = signform.strings("en")
    assert codes and codes <= set(strings["errors"])
    used = set(re.findall(r"\bS\.(\w+)", script)) | set(re.findall(r't\["(\w+)"\]', (signform.ASSETS.parent / "signform.py").read_text()))
    assert used - {"errors"} <= set(strings)


def test_unknown_language_falls_back_to_english():
    assert signform.strings("xx") == signform.strings("en")


def test_form_html_escapes_and_embeds_data_safely(private_key):
    from petition.model.keys import PublicKey, key_id

    key = PublicKey(key_id(private_key.public_key()), private_key.public_key(), "docs/keys/x.pem")
    config = signform.form_config(key, "1", "https://github.com/o/r/new/main", "signatures", "../assets/petition/")
    config["strings"] = {**config["strings"], "submit": "</script><script>alert(1)</script>"}
    html = signform.form_html(config)
    data = re.search(r'<script type="application/json" id="petition-sign-config">(.*?)</script>', html, re.S).group(1)
    assert json.loads(data)["key"]["id"] == key.id
    assert "<script>alert" not in html
    assert html.count("<option") == len(signform.countries()) + 1


def test_content_security_policy_allows_inline_code_by_hash_only():
    page = '<html><head><meta charset="utf-8"><script>var a=1</script></head><body><script type="application/json">{}</script><script src="x.js"></script></body></html>'
    secured = signform.secure_page(page, "../assets/petition/sign.css")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', secured).group(1).replace("&#x27;", "'")
    assert "'sha256-" in policy and policy.count("'sha256-") == 1 and "unsafe-inline" not in policy
    assert secured.index("Content-Security-Policy") < secured.index("<script>")
    assert '<link rel="stylesheet" href="../assets/petition/sign.css"></head>' in secured


def test_translit_table_matches_anyascii():
    from anyascii import anyascii

    chunks = {name: json.loads(text) for name, text in signform.translit_chunks().items()}
    for ch in "ÅŁжΩش中한अ🙂":
        cp = ord(ch)
        block = chunks[f"translit/{cp >> 12:x}.json"][f"{cp >> 8:x}"].split("\t")
        assert block[cp & 0xFF] == anyascii(ch)
