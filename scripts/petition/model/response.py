"""A government's response to the letter: the second kind of record, its model made from its fields'
declaration (petition.model.fields: ``RESPONSE_FIELDS``) by the same ``model_of`` as the signature's.

A response has no cross-field rule: its date's bounds (the letter's release, today) come with the
validation context, as a signature's keys do (``context``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict

from petition.model.fields import RESPONSE_FIELDS
from petition.model.signature import model_of
from petition.model.versions import load_releases
from petition.settings import Settings


class _ResponseBase(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="Response",
        json_schema_extra={
            "description": "One government's or delegation's response to the open letter: responses/<slug>.yaml, "
            "added by the maintainers.",
        },
    )


Response = model_of(
    RESPONSE_FIELDS,
    base=_ResponseBase,
    name="Response",
    doc="One response to the letter, as written in ``responses/<slug>.yaml``.",
)


def released(settings: Settings) -> str:
    """The day the letter's first version was released (YYYY-MM-DD), or "" when none is recorded."""
    releases, _ = load_releases(settings)
    return min((r.released for r in releases), default="")


def context(settings: Settings, today: dt.date | None = None) -> dict[str, Any]:
    """What a response's rules read besides its text: the letter's release day and today."""
    return {"released": released(settings), "today": today or dt.date.today()}
