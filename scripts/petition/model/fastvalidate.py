"""The schema's verdict on a valid signature without pydantic's machinery, for the common case.

``Signature.model_validate`` spends most of its time (tens of µs a file, seconds at 100,000) in
the glue around the field rules: the rules themselves are this package's plain functions. For a
file whose fields are all known, ``validated_fields`` calls those same functions, field by field,
then the cross-field rules, exactly as the model does; the moment anything fails (an unknown or
missing field, a wrong literal, any rule's error), it returns None and the caller asks pydantic,
whose errors are the ones signers see. So a valid file gets the model's values, and every other
file goes through the model. ``tests/model/test_fastvalidate.py`` holds this to the model's result on
generated fields, valid and not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from petition.model.fields import FIELDS
from petition.model.signature import Signature, cross_field_errors

# Each field's own rule, as the model applies it (petition.model.fields): the rules that read the
# validation context get it, the others are called directly.
_PLAIN: dict[str, Callable[[str], str]] = {f.name: f.rule for f in FIELDS if f.rule is not None and not f.rule_context}
_WITH_CONTEXT: dict[str, Callable[[str, dict[str, Any]], str]] = {
    f.name: f.rule for f in FIELDS if f.rule is not None and f.rule_context
}
LITERALS: dict[str, frozenset[str]] = {f.name: frozenset(f.choices) for f in FIELDS if f.choices}
_REQUIRED = tuple(f.name for f in FIELDS if f.required)
_UNSET = dict.fromkeys(Signature.model_fields)


def validated_fields(fields: dict[str, str], context: dict[str, Any]) -> dict[str, str] | None:
    """The values ``Signature.model_validate(fields, context=context)`` keeps, or None to ask pydantic."""
    for required in _REQUIRED:
        if required not in fields:
            return None
    out: dict[str, str] = {}
    try:
        for key, value in fields.items():
            if type(value) is not str:
                return None
            rule = _PLAIN.get(key)
            if rule is not None:
                out[key] = rule(value)
            elif key in _WITH_CONTEXT:
                out[key] = _WITH_CONTEXT[key](value, context)
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
