"""The signature schema: one pydantic model, the public contract shared by the sign form, the
command line, the site and reviewers' tools. Its JSON Schema is published as
``docs/signature.schema.json``.

Every value arrives as a string (the loader keeps YAML scalars as text); the model parses them.
Validators raise errors whose messages are written for signers, not programmers.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Optional

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from petition.model.crypto import CONTACT_RE
from petition.model.freetext import AFFILIATION_MAX, NAME_MAX, Affiliation, Name, _err
from petition.model.keys import KeyRing
from petition.model.rules import (
    DATE_RE,
    GITHUB_RE,
    WEBSITE_MAX,
    _country,
    _date,
    _github,
    _version,
    _website,
    contact_value,
)
from petition.model.versions import VERSION_RE

Type = Literal["organization", "individual"]
Source = Literal["founding", "imported"]


# The cross-field rules, kept apart from the model so that validate() can report them all even when
# a field error stopped pydantic before its model validator (a bad country must not hide a missing contact).
CROSS_FIELD_KINDS = frozenset({"date_future", "missing", "version_unknown", "contact_key_retired"})


def cross_field_errors(values: dict[str, Any], context: dict[str, Any], present: frozenset[str] | set[str] = frozenset()) -> list[PydanticCustomError]:
    """Every cross-field error of ``values`` (each field's own rules already passed or left out).

    ``present`` names fields that are in the file but left out of ``values`` because their own
    value is wrong: they are not "missing".
    """
    errors = []
    today: dt.date = context.get("today") or dt.date.today()
    signed = values.get("signed")
    if signed is not None and dt.date.fromisoformat(signed) > today + dt.timedelta(days=1):
        errors.append(_err("date_future", "is in the future: use the date you sign on.", field="signed"))
    if values.get("source") != "founding":
        for field, hint in (("signed", "the date you sign, YYYY-MM-DD"), ("contact", "your encrypted contact email, from the sign page or “petition sign”"), ("version", "the version of the letter you endorse, from the sign page")):
            if values.get(field) is None and field not in present:
                errors.append(_err("missing", "is missing: add “{field}:” with {hint}.", field=field, hint=hint))
    versions = context.get("versions")
    version = values.get("version")
    if versions is not None and version is not None and version not in versions:
        errors.append(_err("version_unknown", "is not a version of the letter (the versions are {known}): use the version shown on the sign page.", field="version", known=", ".join(versions)))
    keyring: KeyRing | None = context.get("keyring")
    contact = values.get("contact")
    if keyring is not None and contact is not None:
        key = keyring.get(contact.split(":")[1])
        if key is not None and key.retired is not None and (signed is None or dt.date.fromisoformat(signed) >= key.retired):
            errors.append(_err("contact_key_retired", "is encrypted to key {kid}, which was retired on {date}: sign again from the sign page to use the current key.", field="contact", kid=key.id, date=key.retired.isoformat()))
    return errors


class Signature(BaseModel):
    """One endorsement of the letter, as written in ``signatures/<slug>.yaml``."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="Signature",
        json_schema_extra={
            "description": "One endorsement of the open letter: signatures/<slug>.yaml, where <slug> is lowercase letters, digits and single hyphens.",
        },
    )

    type: Type = Field(description="Whether an organisation or an individual endorses.")
    name: Name = Field(json_schema_extra={"minLength": 1, "maxLength": NAME_MAX}, description="Display name, in any script, one line, no “<” or “>”.")
    affiliation: Optional[Affiliation] = Field(default=None, json_schema_extra={"maxLength": AFFILIATION_MAX}, description="Optional, e.g. “law professor at the University of Ottawa”.")
    country: Optional[Annotated[str, AfterValidator(_country)]] = Field(default=None, json_schema_extra={"pattern": "^[A-Z]{2}$"}, description="ISO 3166-1 alpha-2 country code, e.g. NO for Norway.")
    website: Optional[Annotated[str, AfterValidator(_website)]] = Field(default=None, json_schema_extra={"maxLength": WEBSITE_MAX, "pattern": "^https?://"}, description="http(s) address of the signatory's website.")
    github: Optional[Annotated[str, AfterValidator(_github)]] = Field(default=None, json_schema_extra={"pattern": GITHUB_RE.pattern}, description="GitHub user name (without @) of the person who opens the pull request.")
    signed: Optional[Annotated[str, AfterValidator(_date)]] = Field(default=None, json_schema_extra={"pattern": DATE_RE.pattern, "format": "date"}, description="Date of the endorsement, YYYY-MM-DD. Required unless source is founding.")
    contact: Optional[str] = Field(default=None, json_schema_extra={"pattern": CONTACT_RE.pattern}, description="Contact email encrypted to a maintainer key: rsa-oaep-sha256:<key id>:<base64>. Required unless source is founding. Never a plain address.")
    version: Optional[Annotated[str, AfterValidator(_version)]] = Field(default=None, json_schema_extra={"pattern": VERSION_RE.pattern}, description="The version of the letter's text this signature endorses (the sign page and “petition sign” fill it in). Required unless source is founding.")
    sort_as: Optional[Name] = Field(default=None, json_schema_extra={"maxLength": NAME_MAX}, description="Optional sort key, e.g. “Vries, Anna de”.")
    source: Optional[Source] = Field(default=None, description="Maintainers only: founding (recorded from the original endorsement form) or imported (received by email or on paper).")

    @field_validator("contact")
    @classmethod
    def _contact(cls, value: str, info: ValidationInfo) -> str:
        return contact_value(value, info.context)

    @model_validator(mode="after")
    def _whole(self, info: ValidationInfo) -> "Signature":
        errors = cross_field_errors(self.model_dump(), info.context or {})
        if errors:
            raise errors[0]  # validate.validate() reports all of them
        return self

    def public(self) -> dict[str, str]:
        """The fields that may be published: everything but ``contact``."""
        return {k: v for k, v in self.model_dump(exclude={"contact"}).items() if v is not None}


