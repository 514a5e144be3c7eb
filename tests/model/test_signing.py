"""The core of making a signature file: slugs, answers' checks, the sign form's data (the YAML text: test_writer.py)."""

from __future__ import annotations

import json
import re

import pytest

from petition.model.fields import ASKED
from petition.model.signing import (
    email_problem,
    free_slug,
    github_new_file_url,
    slugify,
    taken_slugs,
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


@pytest.mark.parametrize(
    "address",
    ["jane.doe@", "jane.doe@example", "jane doe@example.org", "jane.doe@@example.org", "jane.doe@exa_mple.org", ""],
)
def test_email_problem_never_repeats_the_address(address):
    message = email_problem(address)
    assert message
    assert "jane" not in message


def test_email_problem_accepts_international_addresses():
    assert email_problem("jörg" + "@" + "bücher.de") is None and email_problem("info" + "@" + "открытый.рф") is None


def test_every_message_the_form_can_show_exists():
    script = (signform.ASSETS / "sign.js").read_text(encoding="utf-8")
    codes = set(re.findall(r'problem\("(\w+)"\)', script)) | set(re.findall(r'problem\("(\w+)", ', script))
    codes |= {f"required_{f.name}" for f in ASKED if f.required}  # problem("required_" + f.name)
    strings = signform.strings("en")
    assert codes and codes <= set(strings["errors"])
    used = set(re.findall(r"\bS\.(\w+)", script)) | set(
        re.findall(r't\["(\w+)"\]', (signform.ASSETS.parent / "signform.py").read_text())
    )
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
