from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from petition.model.keys import load_keyring
from petition.model.rules import country_name
from petition.model.signature import Signature

TODAY = dt.date(2026, 11, 28)


def base(**fields):
    return {"type": "individual", "name": "Ola Nordmann", "source": "founding", **fields}


def validate(data, **context):
    return Signature.model_validate(data, context={"today": TODAY, **context})


def errors(data, **context):
    with pytest.raises(ValidationError) as exc:
        validate(data, **context)
    return [(e["loc"][0] if e["loc"] else e["ctx"]["field"], e["type"]) for e in exc.value.errors()]


def test_norway_is_a_country_not_false():
    sig = validate(base(country="NO"))
    assert sig.country == "NO" and country_name("NO") == "Norway"


@pytest.mark.parametrize(
    "name",
    [
        "Анна Каренина",
        "Ελένη Παπαδοπούλου",
        "محمد الأحمد",
        "דוד לוי",
        "राम कुमार",
        "王小明",
        "山田 太郎",
        "김민준",
        "สมชาย ใจดี",
        "Zoë O'Brien-Ünal",
        "Tom & Jerry's (Lab), Inc.",
        "فرخ فرخ\u200cنیا",  # a zero-width non-joiner inside a Persian name
    ],
)
def test_names_in_any_script_are_kept_as_written(name):
    assert validate(base(name=name)).name == name


def test_names_are_normalised_to_nfc():
    assert validate(base(name="Zoe\u0308")).name == "Zoë"


@pytest.mark.parametrize(
    "name, kind",
    [
        ("<script>", "text_markup"),
        ("Anna &amp; Co", "text_markup"),
        ("[click](https://evil.example)", "text_markup"),
        ("Anna\u202eevil", "text_invisible"),
        ("An\u200bna", "text_invisible"),
        ("Anna\x07", "text_control"),
        ("Anna\nBob", "text_line_break"),
        ("...", "text_no_letters"),
        (" Anna", "text_space"),
        ("=HYPERLINK(1)", "text_formula"),
        ("x" * 201, "text_too_long"),
        ("", "text_empty"),
    ],
)
def test_names_that_would_fool_a_reader_are_refused(name, kind):
    assert ("name", kind) in errors(base(name=name))


@pytest.mark.parametrize(
    "field, value, kind",
    [
        ("type", "person", "literal_error"),
        ("country", "XX", "country_unknown"),
        ("country", "Norway", "country_name"),
        ("country", "no", "country_case"),
        ("website", "javascript:alert(1)", "website_scheme"),
        ("website", "data:text/html,hi", "website_scheme"),
        ("website", "https://user@evil.example", "website_userinfo"),
        ("website", "https://exa mple.org", "website_invalid"),
        ("github", "-bad-", "github_invalid"),
        ("github", "@octocat", "github_at"),
        ("github", "a" * 40, "github_invalid"),
        ("signed", "2026-02-30", "date_invalid"),
        ("signed", "28/11/2026", "date_format"),
        ("source", "friend", "literal_error"),
        ("version", "v1", "version_format"),
        ("favourite_colour", "blue", "extra_forbidden"),
    ],
)
def test_wrong_values_are_refused(field, value, kind):
    assert (field, kind) in errors(base(**{field: value}))


def test_future_date_is_refused():
    assert ("signed", "date_future") in errors(base(signed="2027-01-05"))


def test_signers_need_a_date_a_contact_and_a_version():
    data = {"type": "individual", "name": "Anna"}
    # The model stops at the first, in the fields' order (check.onefile.validate reports them all).
    assert errors(data) == [("signed", "missing")]
    assert errors({**data, "signed": "2026-01-01"}) == [("version", "missing")]
    assert errors({**data, "signed": "2026-01-01", "version": "1"}) == [("contact", "missing")]


def test_contact_must_be_encrypted_to_a_known_current_key(repo, other_private_key):
    keyring, problems = load_keyring(repo.keys)
    assert problems == []
    good = {"type": "individual", "name": "Anna", "signed": "2026-11-01", "version": "1", "contact": repo.contact()}
    assert validate(good, keyring=keyring).contact == good["contact"]
    from petition.model.crypto import encrypt_contact

    stranger = encrypt_contact("someone@example.org", other_private_key.public_key())
    assert ("contact", "contact_key_unknown") in errors({**good, "contact": stranger}, keyring=keyring)
    assert ("contact", "plaintext_email") in errors({**good, "contact": "anna@example.org"}, keyring=keyring)
    assert ("contact", "contact_length") in errors({**good, "contact": good["contact"][:-4]}, keyring=keyring)
    above_modulus = good["contact"].rsplit(":", 1)[0] + ":" + "/" * 512
    assert ("contact", "contact_format") in errors({**good, "contact": above_modulus}, keyring=keyring)


def test_retired_key_is_valid_only_for_earlier_signatures(repo, other_private_key):
    from petition.model.crypto import encrypt_contact

    repo.add_key(other_private_key.public_key(), retired=dt.date(2026, 6, 1))
    keyring, problems = load_keyring(repo.keys)
    assert problems == []
    contact = encrypt_contact("someone@example.org", other_private_key.public_key())
    old = {"type": "individual", "name": "Anna", "signed": "2026-05-31", "version": "1", "contact": contact}
    assert validate(old, keyring=keyring).signed == "2026-05-31"
    assert ("contact", "contact_key_retired") in errors({**old, "signed": "2026-06-01"}, keyring=keyring)


def test_public_fields_never_include_the_contact(repo):
    sig = validate(
        {"type": "individual", "name": "Anna", "signed": "2026-11-01", "version": "1", "contact": repo.contact()}
    )
    assert "contact" not in sig.public() and sig.public()["name"] == "Anna"
