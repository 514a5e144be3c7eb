"""The schema's verdict on a valid signature without pydantic's machinery, for the common case.

``Signature.model_validate`` spends most of its time (tens of µs a file, seconds at 100,000) in
the glue around the field rules: the rules themselves are this package's plain functions. For a
file whose fields are all known, ``validated_fields`` calls those same functions, field by field,
then the cross-field rules, exactly as the model does; the moment anything fails (an unknown or
missing field, a wrong literal, any rule's error), it returns None and the caller asks pydantic,
whose errors are the ones signers see. So a valid file gets the model's values, and every other
file goes through the model. ``tests/test_fastschema.py`` holds this to the model's result on
generated fields, valid and not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .schema import (
    Signature,
    _affiliation,
    _country,
    _date,
    _github,
    _name,
    _version,
    _website,
    contact_value,
    cross_field_errors,
)

TYPES = frozenset({"organization", "individual"})
SOURCES = frozenset({"founding", "imported"})

LITERALS = {"type": TYPES, "source": SOURCES}
_UNSET = dict.fromkeys(Signature.model_fields)
# Each field's own rule, as the model applies it (the Annotated validators of schema.Signature);
# contact, whose rule reads the context, is called by name.
_PLAIN: dict[str, Callable[[str], str]] = {
    "name": _name,
    "affiliation": _affiliation,
    "country": _country,
    "website": _website,
    "github": _github,
    "signed": _date,
    "version": _version,
    "sort_as": _name,
}


def validated_fields(fields: dict[str, str], context: dict[str, Any]) -> dict[str, str] | None:
    """The values ``Signature.model_validate(fields, context=context)`` keeps, or None to ask pydantic."""
    if "type" not in fields or "name" not in fields:
        return None
    out: dict[str, str] = {}
    try:
        for key, value in fields.items():
            if type(value) is not str:
                return None
            rule = _PLAIN.get(key)
            if rule is not None:
                out[key] = rule(value)
            elif key == "contact":
                out[key] = contact_value(value, context)
            else:
                allowed = LITERALS.get(key)
                if allowed is None or value not in allowed:  # not a field of a signature, or a wrong literal
                    return None
                out[key] = value
        if cross_field_errors(out, context):
            return None
    except Exception:  # noqa: BLE001 - whatever a rule raises, pydantic reports it
        return None
    return out


def rebuild(fields: dict[str, str]) -> Signature:
    """The Signature these already-validated fields came from, without validating them again.

    What ``Signature.model_construct`` does, minus its generic work, which costs seconds at
    100,000 entries; a test holds the result equal to the validated model.
    """
    signature = Signature.__new__(Signature)
    object.__setattr__(signature, "__dict__", {**_UNSET, **fields})
    object.__setattr__(signature, "__pydantic_fields_set__", set(fields))
    object.__setattr__(signature, "__pydantic_extra__", None)
    object.__setattr__(signature, "__pydantic_private__", None)
    return signature
