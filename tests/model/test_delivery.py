"""A delivery record's model is made from its fields' declaration; the record's text reads back as written."""

from __future__ import annotations

from petition.check.onefile import validate_record
from petition.load.document import load_data
from petition.model.delivery import Delivery, record_text
from petition.model.fields import DELIVERY, DELIVERY_FIELDS

VALUES = {
    "delivered": "NO",
    "date": "2026-12-01",
    "commit": "0123456789abcdef0123456789abcdef01234567",
    "signatures": "1200",
    "csv_sha256": "ab" * 32,
}


def test_the_model_has_the_declared_fields():
    assert tuple(Delivery.model_fields) == DELIVERY.names == tuple(f.name for f in DELIVERY_FIELDS)
    assert Delivery.model_json_schema()["title"] == "Delivery"


def test_the_record_text_is_read_back_by_the_safe_loader_as_written():
    text = record_text(VALUES)
    assert text.splitlines()[0] == 'delivered: "NO"'  # quoted: NO is false to YAML 1.1
    doc, problems = load_data("delivered/2026-12-01-no.yaml", "delivered/2026-12-01-no.yaml", text.encode())
    assert problems == [] and doc.fields == VALUES
    model, problems = validate_record(doc, DELIVERY, Delivery, {})
    assert problems == [] and model.model_dump() == VALUES
    assert validate_record(doc, DELIVERY, Delivery, {})[0].delivered == "NO"
    whole = record_text({**VALUES, "delivered": "all"})
    doc, _ = load_data("delivered/x.yaml", "delivered/x.yaml", whole.encode())
    assert validate_record(doc, DELIVERY, Delivery, {})[1] == []
