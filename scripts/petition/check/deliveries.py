"""The delivery records (``delivered/``): checked as records of their kind by the responses' pipeline
(petition.check.responses: ``check_records``), so a hand-edited record stops the build as a signature would."""

from __future__ import annotations

from petition.check.responses import RecordEntry, check_records
from petition.model.delivery import Delivery
from petition.model.fields import DELIVERY
from petition.problems import Problem
from petition.settings import Settings


def check_deliveries(settings: Settings, paths: list[str] | None = None) -> tuple[list[RecordEntry], list[Problem]]:
    """Every delivery record (or those of ``paths``), newest first, and every problem found in them."""
    return check_records(settings, DELIVERY, Delivery, {}, paths)
