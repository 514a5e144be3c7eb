"""A delivery's record: the third kind of record, its model made from its fields' declaration
(petition.model.fields: ``DELIVERY_FIELDS``) by the same ``model_of`` as the signature's."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from petition.model.fields import DELIVERY_FIELDS
from petition.model.signature import model_of


class _DeliveryBase(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="Delivery",
        json_schema_extra={
            "description": "One delivery of the letter to a government (or of the whole letter): "
            "delivered/<slug>.yaml, written by “petition deliver”.",
        },
    )


Delivery = model_of(
    DELIVERY_FIELDS,
    base=_DeliveryBase,
    name="Delivery",
    doc="One delivery's record, as written in ``delivered/<slug>.yaml``.",
)


def record_text(values: dict[str, str]) -> str:
    """A delivery record's file: its fields in the declared order, each value double-quoted (all are plain text)."""
    return "".join(f'{f.name}: "{values[f.name]}"\n' for f in DELIVERY_FIELDS if values.get(f.name))
