"""A response's model is made from its fields' declaration, like a signature's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from petition.model.fields import KINDS, RESPONSE, RESPONSE_FIELDS, SIGNATURE
from petition.model.response import Response, context, released
from petition.settings import load_settings

VALID = {
    "country": "KE",
    "body": "Ministry of Investments, Trade and Industry",
    "date": "2026-12-01",
    "link": "https://example.org/answer",
    "summary": "The ministry acknowledged the letter.",
}


def test_the_model_has_the_declared_fields_in_order():
    assert tuple(Response.model_fields) == RESPONSE.names == tuple(f.name for f in RESPONSE_FIELDS)
    assert [n for n, f in Response.model_fields.items() if f.is_required()] == [
        f.name for f in RESPONSE_FIELDS if f.required
    ]
    assert KINDS[:2] == (SIGNATURE, RESPONSE) and RESPONSE.maintainers_only and not SIGNATURE.maintainers_only
    settings = load_settings(Path("/nonexistent"))
    assert [getattr(settings, k.folder) for k in KINDS] == ["signatures", "responses", "delivered"]
    schema = Response.model_json_schema()
    assert schema["title"] == "Response" and schema["additionalProperties"] is False
    assert schema["properties"]["link"]["pattern"] == "^https?://"


def test_the_date_is_bounded_by_the_release_and_today():
    rules = {"released": "2026-11-28", "today": dt.date(2026, 12, 1)}
    assert Response.model_validate(VALID, context=rules).date == "2026-12-01"
    assert Response.model_validate({**VALID, "date": "2026-11-28"}, context=rules).date == "2026-11-28"
    for day, kind in (("2026-11-27", "date_before_letter"), ("2026-12-02", "date_future")):
        with pytest.raises(ValidationError) as caught:
            Response.model_validate({**VALID, "date": day}, context=rules)
        assert [e["type"] for e in caught.value.errors()] == [kind]


def test_the_context_reads_the_letters_release(repo):
    assert released(repo.settings()) == "2026-11-28"
    assert context(repo.settings(), dt.date(2027, 1, 1)) == {"released": "2026-11-28", "today": dt.date(2027, 1, 1)}
