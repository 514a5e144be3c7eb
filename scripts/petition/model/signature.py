"""The signature schema: one pydantic model, made from the fields' declaration (petition.model.fields),
the public contract shared by the sign form, the command line, the site and reviewers' tools. Its
JSON Schema is published as ``docs/signature.schema.json``.

Every value arrives as a string (the loader keeps YAML scalars as text); the model parses them.
Validators raise errors whose messages are written for signers, not programmers.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    ValidationInfo,
    create_model,
    model_validator,
)
from pydantic import Field as PydanticField
from pydantic_core import PydanticCustomError

from petition.model.fields import FIELDS, Field
from petition.model.freetext import _err
from petition.model.keys import KeyRing

_UNLESS_FOUNDING = tuple(f for f in FIELDS if f.required_unless_founding)


# The cross-field rules, kept apart from the model so that validate() can report them all even when
# a field error stopped pydantic before its model validator (a bad country must not hide a missing contact).
CROSS_FIELD_KINDS = frozenset({"date_future", "missing", "version_unknown", "contact_key_retired"})
_ONE_DAY = dt.timedelta(days=1)  # made once: building a timedelta costs most of a file's date rule


def cross_field_errors(
    values: dict[str, Any], context: dict[str, Any], present: frozenset[str] | set[str] = frozenset()
) -> list[PydanticCustomError]:
    """Every cross-field error of ``values`` (each field's own rules already passed or left out).

    ``present`` names fields that are in the file but left out of ``values`` because their own
    value is wrong: they are not "missing".
    """
    errors = []
    today: dt.date = context.get("today") or dt.date.today()
    signed = values.get("signed")
    if signed is not None and dt.date.fromisoformat(signed) > today + _ONE_DAY:
        errors.append(_err("date_future", "is in the future: use the date you sign on.", field="signed"))
    if values.get("source") != "founding":
        for field in _UNLESS_FOUNDING:
            if values.get(field.name) is None and field.name not in present:
                errors.append(
                    _err(
                        "missing", "is missing: add “{field}:” with {hint}.", field=field.name, hint=field.missing_hint
                    )
                )
    versions = context.get("versions")
    version = values.get("version")
    if versions is not None and version is not None and version not in versions:
        errors.append(
            _err(
                "version_unknown",
                "is not a version of the letter (the versions are {known}): use the version shown on the sign page.",
                field="version",
                known=", ".join(versions),
            )
        )
    keyring: KeyRing | None = context.get("keyring")
    contact = values.get("contact")
    if keyring is not None and contact is not None:
        key = keyring.get(contact.split(":", 2)[1])  # the key id, without splitting the ciphertext off
        if (
            key is not None
            and key.retired is not None
            and (signed is None or dt.date.fromisoformat(signed) >= key.retired)
        ):
            errors.append(
                _err(
                    "contact_key_retired",
                    "is encrypted to key {kid}, which was retired on {date}: sign again from the sign "
                    "page to use the current key.",
                    field="contact",
                    kid=key.id,
                    date=key.retired.isoformat(),
                )
            )
    return errors


class _SignatureBase(BaseModel):
    """What every signature model has besides its fields: strictness, the cross-field rules, ``public``."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="Signature",
        json_schema_extra={
            "description": "One endorsement of the open letter: signatures/<slug>.yaml, where <slug> is "
            "lowercase letters, digits and single hyphens.",
        },
    )

    @model_validator(mode="after")
    def _whole(self, info: ValidationInfo) -> _SignatureBase:
        errors = cross_field_errors(self.model_dump(), info.context or {})
        if errors:
            raise errors[0]  # check.onefile.validate reports all of them
        return self

    def public(self) -> dict[str, str]:
        """The fields that may be published: everything but ``contact``."""
        return {k: v for k, v in self.model_dump(exclude={"contact"}).items() if v is not None}


def _with_context(rule):
    return lambda value, info: rule(value, info.context)


def _annotation(field: Field) -> Any:
    if field.choices:
        kind: Any = Literal[field.choices]
    elif field.rule is None:
        kind = str
    else:
        kind = Annotated[str, AfterValidator(_with_context(field.rule) if field.rule_context else field.rule)]
    return kind if field.required else kind | None


def _schema_extra(field: Field) -> dict[str, Any]:
    extra = dict(field.schema)
    if field.max_length is not None:
        extra["maxLength"] = field.max_length
    return extra


def model_of(
    fields: tuple[Field, ...],
    base: type[BaseModel] = _SignatureBase,
    name: str = "Signature",
    doc: str = "One endorsement of the letter, as written in ``signatures/<slug>.yaml``.",
) -> type[BaseModel]:
    """The pydantic model of a record with these fields, each with its rule (FIELDS: ``Signature``;
    a response's: petition.model.response). ``base`` carries the kind's settings and cross-field rules."""
    return create_model(
        name,
        __base__=base,
        __doc__=doc,
        **{
            f.name: (
                _annotation(f),
                PydanticField(
                    ... if f.required else None, description=f.description, json_schema_extra=_schema_extra(f) or None
                ),
            )
            for f in fields
        },
    )


Signature = model_of(FIELDS)
