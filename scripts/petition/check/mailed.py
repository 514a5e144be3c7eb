"""Signatures received by email (``petition receive``): the verdict on each message.

Each message must hold exactly one signature file (petition.model.mailedfile finds it), which gets
the checks a pull request's file gets: the file's own (loading, schema, plaintext guard), the rules
of a file added now (the current version, closing), and, once written, the collection's
(duplicates). Its contact must be encrypted to a current maintainers' key and decrypt with the
maintainer's private key; the address is then compared with the message's sender:

* ``verified``: the sender is the contact address: the signer showed they control it (as far as
  the From header shows it: a message whose receiving server found it forged, DMARC failing, is
  unverified);
* ``unverified``: another sender, or none: the file is written all the same, and a maintainer
  confirms by writing to the contact;
* ``refused``: nothing is written, and ``reason`` says why in words a maintainer can paste into
  a reply to the signer.

A valid file is written to the signatures folder with ``source: email`` (maintainers only), never
over another file, and only once: a second message with the same signatory's file, or a message
already received in an earlier run (its file, with its very contact, is there), is refused
without a reply. Results are data: ``petition.cli.receive`` prints them and
``petition.report.mailreply`` writes the replies.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import rsa

from petition.check import lifecycle
from petition.check.collection import check
from petition.check.duplicates import duplicate_key, duplicate_problems_of
from petition.check.namesakes import load as load_namesakes
from petition.check.onefile import Entry, check_one_data
from petition.load.document import load_data
from petition.load.mail import Message, messages, read_message
from petition.model.crypto import decrypt_contact, split_contact
from petition.model.fields import MAINTAINERS_ONLY
from petition.model.keys import KeyRing, key_id, load_keyring
from petition.model.mailedfile import find_files
from petition.model.signing import FALLBACK_SLUG, email_problem, free_slug, slugify, taken_slugs, write_new
from petition.model.versions import known_versions
from petition.model.writer import file_text
from petition.problems import ERROR, Problem
from petition.settings import SIGNATURE_SUFFIX, Settings

VERIFIED, UNVERIFIED, REFUSED = "verified", "unverified", "refused"
SOURCE = "email"
_DMARC_FAILED = re.compile(r"\bdmarc\s*=\s*fail\b", re.IGNORECASE)
SIGN_AGAIN = "prepare your signature again on the sign page and send it with its “Send by email” button, unchanged"


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What became of one message."""

    label: str  # where the message is: "mail.eml", "inbox.mbox#3", "Maildir#<key>"
    verdict: str  # VERIFIED, UNVERIFIED or REFUSED
    reason: str = ""  # refused: what to fix, for the signer; unverified: why the sender does not count
    path: str = ""  # the file written, as messages show it
    name: str = ""  # the signatory's name, as the list shows it
    sender: str | None = None  # the From address (shown only when asked)
    contact: str | None = None  # the decrypted contact (idem)
    subject: str = ""
    message_id: str = ""
    # False when the signer has nothing to fix (the maintainer's key, a repeat of an earlier message): no reply.
    reply: bool = True
    notes: tuple[str, ...] = ()  # written, but a maintainer must look (a possible duplicate, say)


@dataclasses.dataclass
class _Context:
    settings: Settings
    keyring: KeyRing
    private_key: rsa.RSAPrivateKey
    today: dt.date
    versions: list[str] | None


def receive(
    settings: Settings,
    sources: Iterable[tuple[Path, str]],
    private_key: rsa.RSAPrivateKey,
    today: dt.date | None = None,
) -> list[Outcome]:
    """The outcome of every message at each (path, shown) source, in order; valid files are written."""
    keyring, _ = load_keyring(settings.keys_path, settings.root)
    ctx = _Context(settings, keyring, private_key, today or dt.date.today(), known_versions(settings))
    outcomes: list[Outcome] = []
    texts: dict[int, str] = {}  # outcome's index -> the file to write
    for path, shown in sources:
        for message in messages(path, shown):
            outcome, text = _judge(message, ctx)
            if text is not None:
                texts[len(outcomes)] = text
            outcomes.append(outcome)
    return _write(ctx, outcomes, texts)


def _refused(label: str, reason: str, **more) -> tuple[Outcome, None]:
    return Outcome(label, REFUSED, reason, **more), None


def _judge(message: Message, ctx: _Context) -> tuple[Outcome, str | None]:
    """The verdict on one message before the collection's checks, and the file to write if it passes."""
    label = message.label
    if message.data is None:
        return _refused(label, f"the message {message.problem}")
    mail = read_message(message.data)
    about = {"sender": mail.sender, "subject": mail.subject, "message_id": mail.message_id}
    files = list(dict.fromkeys(_files(mail.texts)))
    if not files:
        why = f" ({mail.problems[0].rstrip('.')})" if mail.problems else ""
        return _refused(label, f"no signature file was found in the message{why}: {SIGN_AGAIN}.", **about)
    if len(files) > 1:
        return _refused(
            label,
            f"the message holds {len(files)} different signature files: send one message for each signatory, "
            "each with its own file.",
            **about,
        )
    entry, fields, problems = _file_verdict(files[0], ctx)
    if entry is None:
        return _refused(label, "the signature file " + _said(problems) + f"; or {SIGN_AGAIN}.", **about)
    about["name"] = entry.signature.name
    contact = entry.signature.contact or ""
    kid = (split_contact(contact) or ("", b""))[0]
    if kid not in {k.id for k in ctx.keyring.current}:
        return _refused(
            label, f"the file's contact is encrypted to a key the maintainers no longer use: {SIGN_AGAIN}.", **about
        )
    if kid != key_id(ctx.private_key.public_key()):
        return _refused(
            label,
            f"the file's contact is encrypted to the maintainers' key {kid}, not to the private key given: run "
            "“petition receive” again with that key's private key.",
            reply=False,
            **about,
        )
    try:
        address = decrypt_contact(contact, ctx.private_key)
    except (ValueError, UnicodeDecodeError):
        return _refused(
            label, f"the file's contact cannot be decrypted (it changed on the way): {SIGN_AGAIN}.", **about
        )
    if email_problem(address):
        return _refused(label, f"the file's contact is not a valid email address: {SIGN_AGAIN}.", **about)
    verdict, why = _compared(mail.sender, address, mail.authentication)
    written = file_text({**fields, "source": SOURCE})  # the values as received, in the writer's order
    return Outcome(label, verdict, why, contact=address, **about), written


def _files(texts) -> list[str]:
    """The files found in a message's texts; of the renderings of one content, the first that holds any."""
    found: list[str] = []
    done: set[int] = set()
    for text in texts:
        if text.group and text.group in done:
            continue
        files = find_files(text.text)
        if files and text.group:
            done.add(text.group)
        found.extend(files)
    return found


def _said(problems: list[Problem]) -> str:
    """Problems as one sentence for the signer, each with its line of the file."""
    return "has problems: " + " ".join(
        f"line {p.line}: {p.message}" for p in sorted(problems) if p.severity == ERROR
    ).removesuffix(".")


def _file_verdict(text: str, ctx: _Context) -> tuple[Entry | None, dict[str, str], list[Problem]]:
    """A signer's file, as a pull request would add it: its own checks and the rules of a new file.
    The entry and the file's fields when it passes, else the problems."""
    settings = ctx.settings
    # Any valid name will do here (the file's own is chosen when it is written): no message names the file.
    path = settings.signatures_path / f"{FALLBACK_SLUG}{SIGNATURE_SUFFIX}"
    shown = settings.display(path)
    data = text.encode("utf-8")
    entry, problems = check_one_data(path, shown, data, settings, ctx.keyring, ctx.today, ctx.versions)
    doc, _ = load_data(path, shown, data)
    if entry is None or doc is None:
        return None, {}, problems
    own = [
        (
            declared.name,
            f"“{declared.name}” is set by the maintainers only: delete this line (the sign page never writes it)",
        )
        for declared in MAINTAINERS_ONLY
        if declared.name in doc.fields
    ]
    if "github" in doc.fields:  # a pull request binds it to its author; a message cannot show who holds the account
        own.append(
            (
                "github",
                "“github” names a GitHub account, which only a pull request from that account can confirm: "
                "delete this line, or propose your file on GitHub instead",
            )
        )
    if own:
        return None, {}, [Problem(shown, doc.line_of(name), message) for name, message in own]
    late = lifecycle.new_file_problems(entry, settings, ctx.today) + lifecycle.closing_problems(settings, [entry])
    return (None, {}, late) if late else (entry, doc.fields, [])


def _normalised(address: str | None) -> str | None:
    """The address as email-validator normalises it, its domain in lower case; None when it is not valid."""
    from email_validator import EmailNotValidError, validate_email

    if not address:
        return None
    try:
        normal = validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        return None
    local, _, domain = normal.rpartition("@")
    return f"{local}@{domain.casefold()}"


def _compared(sender: str | None, contact: str, authentication: str) -> tuple[str, str]:
    if sender is None:
        return UNVERIFIED, "the message has no single sender address"
    normal = _normalised(sender)
    if normal is None:
        return UNVERIFIED, "the message's sender address is not valid"
    if normal != _normalised(contact):
        return UNVERIFIED, "the message comes from another address than the file's contact"
    # Anyone can write any From: the receiving server's DMARC check says whether the domain vouches for it.
    if _DMARC_FAILED.search(authentication):
        return UNVERIFIED, "the receiving mail server found the sender's address forged (DMARC failed)"
    return VERIFIED, ""


def _fields_of(text: str) -> dict[str, str]:
    doc, _ = load_data(FALLBACK_SLUG + SIGNATURE_SUFFIX, "", text.encode("utf-8"))
    return doc.fields if doc is not None else {}


def _received_before(settings: Settings, base: str, taken: set[str], contact: str) -> str | None:
    """The file already holding this contact, among those named after the same name (a mailbox read
    again): a contact is encrypted afresh for every file, so the same one means the same file."""
    line = f"contact: {contact}\n"
    n = 1
    while True:
        slug = base if n == 1 else f"{base}-{n}"
        if slug.casefold() not in taken:
            return None
        path = settings.signatures_path / f"{slug}{SIGNATURE_SUFFIX}"
        try:
            if line in path.read_text(encoding="utf-8"):
                return settings.display(path)
        except (OSError, UnicodeDecodeError):
            pass
        n += 1


def _write(ctx: _Context, outcomes: list[Outcome], texts: dict[int, str]) -> list[Outcome]:
    """Write the files that passed, check them with the whole collection, and take back those it refuses."""
    settings = ctx.settings
    taken = taken_slugs(settings.signatures_path)
    planned: dict[str, tuple[int, Path, str]] = {}  # shown path -> (outcome's index, path, text)
    for index, text in texts.items():
        fields = _fields_of(text)
        base = slugify(outcomes[index].name)
        before = _received_before(settings, base, taken, fields.get("contact", ""))
        if before is not None:
            outcomes[index] = _refusal(outcomes[index], f"this very file was received before: {before} holds it.")
            continue
        slug = free_slug(base, taken)
        taken.add(slug.casefold())
        path = settings.signatures_path / f"{slug}{SIGNATURE_SUFFIX}"
        planned[settings.display(path)] = (index, path, text)
    # Repeats among the messages (a signer sending twice) by the duplicate check itself, in the
    # messages' order: the earlier one is kept (the collection's check blames the later file name).
    label_of = {shown: outcomes[index].label for shown, (index, _, _) in planned.items()}
    namesakes, _ = load_namesakes(settings)  # a broken list is reported by the check below
    keys = [(shown, _duplicate_key(text, path)) for shown, (_, path, text) in planned.items()]
    notes: dict[str, list[str]] = {}
    for problem in duplicate_problems_of(keys, namesakes=namesakes, in_order=True):
        if problem.path not in planned:
            continue
        message = _named(problem.message, label_of)
        if problem.severity == ERROR:
            index = planned.pop(problem.path)[0]
            outcomes[index] = _refusal(outcomes[index], message)
            notes.pop(problem.path, None)
        else:
            notes.setdefault(problem.path, []).append(message)
    written: dict[str, Path] = {}
    for shown, (index, path, text) in planned.items():
        if not write_new(path, text):  # made by someone else since the folder was read
            outcomes[index] = _refusal(outcomes[index], f"{shown} appeared meanwhile: receive this message again.")
            continue
        written[shown] = path
        outcomes[index] = dataclasses.replace(outcomes[index], path=shown)
    if not written:
        return outcomes
    result = check(settings, list(written.values()), ctx.today, cache=True)
    refused: dict[str, list[Problem]] = {}
    for problem in result.problems:
        if problem.path not in written:
            continue
        if problem.severity == ERROR:
            refused.setdefault(problem.path, []).append(problem)
        elif not any(other in problem.message for other in written):  # among the messages: said above
            notes.setdefault(problem.path, []).append(problem.message)
    for shown, path in written.items():
        index = planned[shown][0]
        if shown in refused:
            path.unlink()
            outcomes[index] = dataclasses.replace(
                outcomes[index], verdict=REFUSED, path="", reason="the signature file " + _said(refused[shown]) + "."
            )
        elif shown in notes:
            outcomes[index] = dataclasses.replace(outcomes[index], notes=tuple(notes[shown]))
    return outcomes


def _refusal(outcome: Outcome, reason: str) -> Outcome:
    """Refused with nothing for the signer to do: a repeat, or the maintainer's business."""
    return dataclasses.replace(outcome, verdict=REFUSED, reason=reason, path="", reply=False)


def _named(message: str, label_of: dict[str, str]) -> str:
    """A check's message, each file of this run named by the message it came in (it is not written)."""
    for shown, label in label_of.items():
        message = message.replace(shown, f"the file of the message {label}")
    return message


def _duplicate_key(text: str, path: Path) -> tuple:
    fields = _fields_of(text)
    get = fields.get
    return duplicate_key(
        path.stem, get("name") or "", get("country"), get("github"), get("type") or "", 1, 1, None, get("website")
    )
