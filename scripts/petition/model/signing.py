"""Making a new signer's file: the slug, the YAML text, the checks of each answer, the key to
encrypt to. Shared by ``petition sign``, ``petition import`` and the sign page (whose JavaScript
receives the same rules as data from petition.site.signform)."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path
from urllib.parse import quote, urlsplit

from anyascii import anyascii
from pydantic import ValidationError

from petition.load.files import SLUG_RE
from petition.model.crypto import encrypt_contact
from petition.model.fields import BY_NAME
from petition.model.freetext import EMAIL_RE, find_addresses
from petition.model.keys import KeyRing, PublicKey
from petition.model.signature import Signature
from petition.model.writer import file_text

SLUG_MAX = 60
FALLBACK_SLUG = "signatory"
EMAIL_MAX = 254


def signing_key(keyring: KeyRing) -> PublicKey | None:
    """The key new contacts are encrypted to (the sign page and the command line agree on it)."""
    current = keyring.current
    return current[0] if current else None


def slugify(name: str) -> str:
    """A file name for a signatory: ASCII transliteration, lowercase words joined by hyphens.

    The sign page's JavaScript does the same with a table generated from anyascii; keep them in step.
    """
    ascii_text = anyascii(unicodedata.normalize("NFC", name)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0] if "-" in slug[:SLUG_MAX] else slug[:SLUG_MAX]
    return slug or FALLBACK_SLUG


def free_slug(base: str, taken: AbstractSet[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is not taken (case-insensitively).

    ``taken``: the taken slugs casefolded, as ``taken_slugs`` gives them; used as it is, since an
    import asks once per row and the collection holds 100,000.
    """
    if base.casefold() not in taken:
        return base
    n = 2
    while f"{base}-{n}".casefold() in taken:
        n += 1
    return f"{base}-{n}"


def taken_slugs(signatures: Path) -> set[str]:
    """The slugs of every file in the folder, casefolded (two names differing only in case are one on some systems)."""
    try:
        with os.scandir(signatures) as it:  # names only: no Path object for each of 100,000 files
            return {e.name.rsplit(".", 1)[0].casefold() for e in it}
    except FileNotFoundError:
        return set()


def email_problem(address: str) -> str | None:
    """None when the address is a syntactically valid email address, else what is wrong with it.

    Syntax only: no DNS lookup (signing works offline, and a lookup would leak the domain). The
    reason never repeats the address.
    """
    from email_validator import EmailNotValidError, validate_email

    if not address:
        return "is empty: an email address is required (it is encrypted, never published)."
    if len(address) > EMAIL_MAX:
        return f"is too long for an email address (at most {EMAIL_MAX} characters)."
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        reason = EMAIL_RE.sub("…", str(exc))
        if address in reason or EMAIL_RE.search(str(exc)):
            reason = "The address is not valid."
        return f"is not a valid email address: {reason}"
    return None


def field_problems(
    fields: Mapping[str, str | None],
    keyring: KeyRing | None = None,
    versions: list[str] | None = None,
    today: dt.date | None = None,
) -> dict[str, str]:
    """Field name -> what is wrong with it, by the schema's own rules (empty when all are valid)."""
    values = {k: v for k, v in fields.items() if v not in (None, "")}
    context = {"keyring": keyring, "today": today or dt.date.today(), "versions": versions}
    problems: dict[str, str] = {}
    for key, value in values.items():
        # The file-level guard refuses email-shaped text in any line; say so per field, before writing.
        if key != "contact" and find_addresses(value):
            problems[key] = (
                "contains an email address: remove it. Only the contact address may hold one, and it is encrypted."
            )
    try:
        Signature.model_validate(values, context=context)
    except ValidationError as exc:
        for error in exc.errors(include_url=False, include_input=False):
            loc = error.get("loc") or ()
            field = str(loc[0]) if loc else str((error.get("ctx") or {}).get("field", ""))
            if error["type"] == "missing":
                message = "is required."
            elif error["type"] == "literal_error" and field == "type":
                message = f"must be {' or '.join(f'“{c}”' for c in BY_NAME['type'].choices)}."
            else:
                message = error.get("msg", "is not valid.")
            problems.setdefault(field or "file", message)
    # Date, version and contact are added by the caller when the file is made: no complaint before then.
    return {k: v for k, v in problems.items() if k in values or k in ("type", "name")}


def new_signature(
    fields: Mapping[str, str | None], email: str, key: PublicKey, version: str, today: dt.date | None = None
) -> str:
    """The file text for a new signature: today's date, the letter version, the encrypted contact."""
    values = {k: v for k, v in fields.items() if v not in (None, "")}
    values.setdefault("signed", (today or dt.date.today()).isoformat())
    values["version"] = version
    values["contact"] = encrypt_contact(email, key.key)
    return file_text(values)


def write_new(path: Path, text: str) -> bool:
    """Create the file; False (and nothing written) when it already exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return True


def github_new_file_url(repo_url: str | None, branch: str) -> str | None:
    """``https://github.com/OWNER/REPO/new/BRANCH`` for a GitHub repository URL, else None.

    GitHub offers to fork for people without write access; the page adds ``?filename=…&value=…``.
    """
    if not repo_url:
        return None
    parts = urlsplit(repo_url.strip())
    if parts.scheme != "https" or (parts.hostname or "").lower() not in ("github.com", "www.github.com"):
        return None
    path = [p for p in parts.path.split("/") if p]
    if len(path) < 2:
        return None
    owner, repo = path[0], path[1].removesuffix(".git")
    if not all(re.fullmatch(r"[A-Za-z0-9_.-]+", p) for p in (owner, repo)):
        return None
    return f"https://github.com/{owner}/{repo}/new/{quote(branch, safe='/')}"


def valid_slug(slug: str) -> bool:
    return bool(SLUG_RE.match(slug))
