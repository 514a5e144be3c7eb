"""The fields of a signature, declared once.

Everything that knows a signature's fields reads them here: the pydantic model and its JSON Schema
(petition.model.signature), the fast validator (petition.model.fastvalidate), the writer's order
(petition.model.writer), the records the checker's workers send (petition.check.workers), the site's
rows, list entries and exports (petition.report.rowformat, petition.site.listing), the sign page's
questions (petition.site.signform), ``petition sign``'s questions and options and ``petition
import``'s columns. Adding an optional public field is one ``Field`` below (with its rule, if it is
a new kind of value), the docs and one corpus example; tests/model/test_fields.py adds one in a
copy of the repository and follows it to the published list.

A signature is one kind of record; a government's response (``responses/``) is another, declared
below with the same ``Field`` (``RESPONSE_FIELDS``); each ``Kind`` names its fields and folder, and the
model, the check's messages and the JSON Schema are made from it the same way (petition.model.signature:
``model_of``; petition.check.responses).

The order of ``FIELDS`` is the order a file is written in (what a reviewer reads first comes
first), the order of the model's fields, of the exports' columns and of the messages that list them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from petition.model.crypto import CONTACT_RE
from petition.model.freetext import (
    AFFILIATION_MAX,
    BODY_MAX,
    NAME_MAX,
    QUOTE_MAX,
    SUMMARY_MAX,
    check_affiliation,
    check_body,
    check_name,
    check_quote,
    check_summary,
)
from petition.model.rules import (
    DATE_RE,
    GITHUB_RE,
    WEBSITE_MAX,
    check_commit,
    check_count,
    check_country,
    check_date,
    check_delivered,
    check_github,
    check_response_date,
    check_sha256,
    check_version,
    contact_value,
)
from petition.model.versions import VERSION_RE
from petition.model.websites import check_website


@dataclasses.dataclass(frozen=True)
class Ask:
    """How a signer is asked for a field: on the sign page, by ``petition sign``, in an import's CSV."""

    question: str  # petition sign's question, in English (the page's texts are in assets/i18n)
    input: str = "text"  # the sign page's control: "text", "url", "choice" (radio buttons), "country" (a list)
    attrs: str = ""  # the page's extra input attributes (autocomplete, spellcheck, ...)
    check: str = ""  # the sign page's rule for it (sign.js): "text", "website", "github"; "" for none


@dataclasses.dataclass(frozen=True)
class Field:
    """One field of a signature file."""

    name: str
    description: str  # for the JSON Schema and editors
    # The field's own rule: its text in, the same text out, or a signer-facing error raised.
    # ``rule_context``: the rule also takes the validation context (the maintainers' keys).
    rule: Callable[..., str] | None = None
    rule_context: bool = False
    choices: tuple[str, ...] = ()  # the only values allowed, instead of a rule
    required: bool = False  # every file has it
    required_unless_founding: bool = False  # every file but a founding signatory's has it
    missing_hint: str = ""  # what to write when it is missing
    max_length: int | None = None  # the rule's limit, told to the sign page and the JSON Schema
    schema: Mapping[str, Any] = dataclasses.field(default_factory=dict)  # more JSON Schema keywords
    public: bool = True  # published on the site and in the exports (the contact never is)
    exported: bool = True  # a column of the exports (the sort key orders the list instead)
    # The part it plays in the list's entry: "name", "link" (the name links to it), "place" (after
    # the name: ", <country name>"), "aside" (then " (<value>)", in this order), "version" (shown
    # once the letter has several versions); None: not shown in the entry.
    listed: str | None = None
    searched: bool = False  # in the list's search data
    ask: Ask | None = None  # asked of the signer (None: made by the writer, or not asked)
    option: str | None = None  # help of ``petition sign``'s --option for it (asked fields have one anyway)
    maintainers_only: bool = False  # only maintainers may set it (CI says so to anyone else)


FIELDS: tuple[Field, ...] = (
    Field(
        "type",
        "Whether an organisation or an individual endorses.",
        choices=("individual", "organization"),
        required=True,
        missing_hint="“type: individual” or “type: organization”",
        ask=Ask("Do you sign as an individual or as an organization? [individual/organization]", input="choice"),
    ),
    Field(
        "name",
        "Display name, in any script, one line, no “<” or “>”.",
        rule=check_name,
        required=True,
        missing_hint="your name or your organisation's name",
        max_length=NAME_MAX,
        schema={"minLength": 1},
        listed="name",
        searched=True,
        ask=Ask(
            "Name (yours, or your organisation's, as it should be listed)",
            attrs='autocomplete="name" required aria-required="true" spellcheck="false"',
            check="text",
        ),
    ),
    Field(
        "sort_as",
        "Optional sort key, e.g. “Vries, Anna de”.",
        rule=check_name,
        max_length=NAME_MAX,
        exported=False,
        option="sort key, e.g. “Vries, Anna de”",
    ),
    Field(
        "affiliation",
        "Optional, e.g. “law professor at the University of Ottawa”.",
        rule=check_affiliation,
        max_length=AFFILIATION_MAX,
        listed="aside",
        searched=True,
        ask=Ask(
            "Affiliation (optional, e.g. law professor at the University of Ottawa)",
            attrs='autocomplete="organization-title"',
            check="text",
        ),
    ),
    Field(
        "country",
        "ISO 3166-1 alpha-2 country code, e.g. NO for Norway.",
        rule=check_country,
        schema={"pattern": "^[A-Z]{2}$"},
        listed="place",
        searched=True,
        ask=Ask("Country (optional, two-letter code such as KE or NO)", input="country"),
        option="two-letter code, e.g. KE",
    ),
    Field(
        "website",
        "http(s) address of the signatory's website.",
        rule=check_website,
        max_length=WEBSITE_MAX,
        schema={"pattern": "^https?://"},
        listed="link",
        ask=Ask(
            "Website (optional, https://…)",
            input="url",
            attrs='autocomplete="url" inputmode="url" spellcheck="false"',
            check="website",
        ),
        option="https://…",
    ),
    Field(
        "github",
        "GitHub user name (without @) of the person who opens the pull request.",
        rule=check_github,
        schema={"pattern": GITHUB_RE.pattern},
        ask=Ask(
            "GitHub user name (optional, without @)",
            attrs='autocomplete="username" autocapitalize="none" spellcheck="false"',
            check="github",
        ),
        option="GitHub user name, without @",
    ),
    Field(
        "signed",
        "Date of the endorsement, YYYY-MM-DD. Required unless source is founding.",
        rule=check_date,
        required_unless_founding=True,
        missing_hint="the date you sign, YYYY-MM-DD",
        schema={"pattern": DATE_RE.pattern, "format": "date"},
    ),
    Field(
        "version",
        "The version of the letter's text this signature endorses (the sign page and “petition sign” "
        "fill it in). Required unless source is founding.",
        rule=check_version,
        required_unless_founding=True,
        missing_hint="the version of the letter you endorse, from the sign page",
        schema={"pattern": VERSION_RE.pattern},
        listed="version",
    ),
    Field(
        "contact",
        "Contact email encrypted to a maintainer key: rsa-oaep-sha256:<key id>:<base64>. Required unless "
        "source is founding. Never a plain address.",
        rule=contact_value,
        rule_context=True,
        required_unless_founding=True,
        missing_hint="your encrypted contact email, from the sign page or “petition sign”",
        schema={"pattern": CONTACT_RE.pattern},
        public=False,
        exported=False,
    ),
    Field(
        "source",
        "Maintainers only: founding (recorded from the original endorsement form), imported (from a CSV "
        "of endorsements received by email or on paper) or email (a sign page's file sent by email, "
        "read by “petition receive”).",
        choices=("founding", "imported", "email"),
        maintainers_only=True,
    ),
)

BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
NAMES: tuple[str, ...] = tuple(BY_NAME)
PUBLIC: tuple[str, ...] = tuple(f.name for f in FIELDS if f.public)
# A row of the site: the file's slug, its public fields, and the country's name after its code.
ROW_FIELDS: tuple[str, ...] = (
    "slug",
    *(n for f in FIELDS if f.public for n in ((f.name, f"{f.name}_name") if f.listed == "place" else (f.name,))),
)
EXPORT_FIELDS: tuple[str, ...] = tuple(n for n in ROW_FIELDS if n not in BY_NAME or BY_NAME[n].exported)
SEARCH_FIELDS: tuple[str, ...] = ("slug", "type", *(f.name for f in FIELDS if f.searched))
ASKED: tuple[Field, ...] = tuple(f for f in FIELDS if f.ask is not None)
MAINTAINERS_ONLY: tuple[Field, ...] = tuple(f for f in FIELDS if f.maintainers_only)
# The fields ``petition sign`` takes as --options: the asked ones and any other with an option's help.
OPTIONS: tuple[Field, ...] = tuple(f for f in FIELDS if f.ask is not None or f.option is not None)


def listed(role: str) -> tuple[str, ...]:
    """The fields that play this part in the list's entry, in order."""
    return tuple(f.name for f in FIELDS if f.listed == role)


# ---------------------------------------------------------------------------------------------
# A government's or delegation's response to the letter: ``responses/<slug>.yaml``, added by the
# maintainers, checked by the same loader, guard and model machinery as a signature.

RESPONSE_FIELDS: tuple[Field, ...] = (
    Field(
        "country",
        "ISO 3166-1 alpha-2 code of the country whose government or delegation answered, e.g. NO.",
        rule=check_country,
        required=True,
        missing_hint="the two-letter code of the country that answered, such as NO",
        schema={"pattern": "^[A-Z]{2}$"},
    ),
    Field(
        "body",
        "Who answered, e.g. “Ministry of Trade, Industry and Fisheries”.",
        rule=check_body,
        required=True,
        missing_hint="the ministry, office or delegation that answered",
        max_length=BODY_MAX,
        schema={"minLength": 1},
    ),
    Field(
        "date",
        "The date of the response, YYYY-MM-DD: not before the letter was released, not in the future.",
        rule=check_response_date,
        rule_context=True,
        required=True,
        missing_hint="the date of the response, YYYY-MM-DD",
        schema={"pattern": DATE_RE.pattern, "format": "date"},
    ),
    Field(
        "link",
        "http(s) address of the response's source (the letter, statement or record).",
        rule=check_website,
        required=True,
        missing_hint="the https:// address where the response can be read",
        max_length=WEBSITE_MAX,
        schema={"pattern": "^https?://"},
    ),
    Field(
        "summary",
        "A short summary of the response, one line, plain text.",
        rule=check_summary,
        required=True,
        missing_hint="a one-line summary of what the government said",
        max_length=SUMMARY_MAX,
        schema={"minLength": 1},
    ),
    Field(
        "quote",
        "Optional: a short quotation from the response, one line, plain text.",
        rule=check_quote,
        max_length=QUOTE_MAX,
        schema={"minLength": 1},
    ),
)


# A delivery of the letter (``delivered/<slug>.yaml``, written by ``petition deliver``): what its pack was a
# snapshot of, so anyone can check later that the list delivered was the list published.
DELIVERY_FIELDS: tuple[Field, ...] = (
    Field(
        "delivered",
        "What was delivered: a country's two-letter code, or “all” for the whole letter.",
        rule=check_delivered,
        required=True,
        missing_hint="the country's code, or all",
    ),
    Field(
        "date",
        "The day the pack was made, YYYY-MM-DD.",
        rule=check_date,
        required=True,
        missing_hint="the day the pack was made, YYYY-MM-DD",
        schema={"pattern": DATE_RE.pattern, "format": "date"},
    ),
    Field(
        "commit",
        "The git commit the pack was made from.",
        rule=check_commit,
        required=True,
        missing_hint="the commit id petition deliver printed",
    ),
    Field(
        "signatures",
        "How many signatures the pack lists.",
        rule=check_count,
        required=True,
        missing_hint="the number of signatures in the pack",
    ),
    Field(
        "csv_sha256",
        "The SHA-256 of the pack's CSV of public fields.",
        rule=check_sha256,
        required=True,
        missing_hint="the SHA-256 petition deliver printed",
    ),
)


@dataclasses.dataclass(frozen=True)
class Kind:
    """A kind of record: one YAML file each, in one folder, with its fields declared above."""

    name: str  # what messages call one ("is not a field of a response")
    folder: str  # the Settings attribute that names its folder
    fields: tuple[Field, ...]
    maintainers_only: bool = False  # only maintainers add or change its files

    @property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


SIGNATURE = Kind("signature", "signatures_dir", FIELDS)
RESPONSE = Kind("response", "responses_dir", RESPONSE_FIELDS, maintainers_only=True)
DELIVERY = Kind("delivery record", "delivered_dir", DELIVERY_FIELDS, maintainers_only=True)
KINDS: tuple[Kind, ...] = (SIGNATURE, RESPONSE, DELIVERY)
