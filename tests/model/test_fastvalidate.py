"""The schema's fast path gives the model's result on every valid signature and steps aside on anything else."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from benchkeys import bench, keyring_with_contacts
from petition.load.plainyaml import parse_simple
from petition.model import fastvalidate
from petition.model.fields import BY_NAME, NAMES
from petition.model.keys import KeyRing
from petition.model.signature import Signature

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def keyring(tmp_path_factory):
    ring, key, contacts = keyring_with_contacts(tmp_path_factory.mktemp("keys"), 1)
    return ring, key, contacts[0]


def _agree(fields: dict[str, str], context: dict) -> bool:
    """The fast path's verdict against the model's; True when the fast path took the file."""
    fast = fastvalidate.validated_fields(fields, context)
    try:
        model = Signature.model_validate(fields, context=context)
    except ValidationError:
        model = None
    if fast is None:
        return False
    assert model is not None, fields  # the fast path never accepts what the model refuses
    rebuilt = fastvalidate.rebuild(fast)
    assert rebuilt == model and rebuilt.model_dump() == model.model_dump()
    assert rebuilt.model_fields_set == model.model_fields_set
    return True


def test_a_file_with_every_field_takes_the_fast_path(keyring):
    ring, _, contact = keyring
    fields = {
        "type": "individual",
        "name": "Anna de Vries",
        "affiliation": "researcher",
        "country": "NO",
        "website": "https://example.org/",
        "github": "octocat",
        "signed": "2026-05-31",
        "contact": contact,
        "version": "1",
        "sort_as": "Vries, Anna de",
        "source": "imported",
    }
    assert set(fields) == set(
        Signature.model_fields
    )  # every field: one the fast path does not know would send every such file to pydantic
    assert _agree(fields, {"keyring": ring, "today": TODAY, "versions": ["1"]})


def test_generated_signatures_take_the_fast_path(keyring):
    ring, key, _ = keyring
    context = {"keyring": ring, "today": TODAY, "versions": ["1"]}
    contacts = bench.contact_pool(key.public_key(), 5)
    taken = 0
    for _, text in bench.signature_texts(300, contacts, seed=3, today=TODAY):
        fields, _ = parse_simple(text)
        taken += _agree(fields, context)
    assert taken == 300


# Values near the rules' edges: each field gets valid values and ones a rule refuses.
VALUES = {
    "type": ["individual", "organization", "Individual", "person", ""],
    "name": [
        "Anna de Vries",
        "Zoë",
        "Ана",
        "Pаypal",
        "  ",
        "a  b",
        "=SUM(1)",
        "<b>",
        "x\u200by",
        "a &amp; b",
        "[a](b)",
        "e\u0301",
        "محمد",
        "a" + "@" + "b.example",
        "",
        "x" * 201,
        "—",
    ],
    "affiliation": ["researcher", "Université de Genève", "", " lead", "x" * 301],
    "country": ["NO", "no", "XX", "Norway", "", "N0"],
    "website": [
        "https://example.org/",
        "ftp://x.org",
        "https://user" + "@" + "x.org",
        "https://x",
        "http://exa mple.org",
        "https://x.org/\u200b",
    ],
    "github": ["octocat", "@octocat", "-bad", "https://github.com/x", "a" * 40],
    "signed": ["2026-05-31", "2026-06-02", "2026-06-03", "2026-02-30", "31/05/2026", "2999-01-01"],
    "version": ["1", "2", "v1", ""],
    "sort_as": ["Vries, Anna de", "", " x"],
    "source": ["founding", "imported", "other"],
    "unknown": ["x"],
}


@settings(
    max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_fast_path_equals_the_model(keyring, data):
    ring, _, contact = keyring
    contact_values = [
        contact,
        "rsa-oaep-sha256:0123456789abcdef:" + "A" * 512,
        "someone" + "@" + "example.org",
        "rsa-oaep-sha256:zz:abc",
    ]
    fields = {}
    # Every declared field (petition.model.fields) and one that is not; a field without edge values
    # above gets any text.
    for field in [*NAMES, "unknown"]:
        declared = BY_NAME.get(field)
        usual = declared is not None and (declared.required or declared.required_unless_founding)
        present = data.draw(st.sampled_from([True, True, True, False]) if usual else st.booleans())
        if present:
            values = contact_values if field == "contact" else VALUES.get(field)
            fields[field] = data.draw(st.sampled_from(values) if values else st.text(max_size=60))
    versions = data.draw(st.sampled_from([["1"], ["1", "2"], None]))
    context = {"keyring": data.draw(st.sampled_from([ring, None, KeyRing({})])), "today": TODAY, "versions": versions}
    _agree(fields, context)
