"""The verdict on signatures received by email: verified, unverified or refused; the file written is
the sign page's plus ``source: email``, however it arrived; bad messages write nothing and stop
nothing else."""

from __future__ import annotations

import datetime as dt
import mailbox

import pytest

import mailshapes
from petition.check.mailed import REFUSED, UNVERIFIED, VERIFIED, receive
from petition.model.keys import PublicKey, key_id
from petition.model.signing import new_signature
from petition.settings import load_settings

EMAIL = "Ngozi.Okafor@example.org"
FIELDS = {"type": "individual", "name": "Ngozi Okafor", "affiliation": "University of Lagos", "country": "NG"}


def signer_file(repo, email: str = EMAIL, key=None, signed: str | None = None, **fields: str) -> str:
    """The file the sign page makes for these answers (the one writer)."""
    public = (key or repo.key).public_key()
    values = {**FIELDS, **fields, "signed": signed}
    return new_signature(values, email, PublicKey(key_id(public), public, "x"), "1")


def received(repo, tmp_path, *messages: bytes, settings=None):
    sources = []
    for n, data in enumerate(messages, start=1):
        path = tmp_path / f"{n}.eml"
        path.write_bytes(data)
        sources.append((path, f"{n}.eml"))
    return receive(settings or repo.settings(), sources, repo.key)


def written(repo) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(repo.signatures.glob("*.yaml"))}


def test_from_the_contact_address_is_verified_and_written_with_its_source(repo, tmp_path):
    text = signer_file(repo)
    # The domain's case does not matter.
    [outcome] = received(repo, tmp_path, mailshapes.plain(text, "Ngozi <Ngozi.Okafor@EXAMPLE.ORG>"))
    assert (outcome.verdict, outcome.reason, outcome.path) == (VERIFIED, "", "signatures/ngozi-okafor.yaml")
    assert (outcome.sender, outcome.contact, outcome.name) == ("Ngozi.Okafor@EXAMPLE.ORG", EMAIL, "Ngozi Okafor")
    assert outcome.subject == mailshapes.SUBJECT and outcome.message_id == "<1@mail.example.org>"
    assert written(repo) == {"ngozi-okafor.yaml": text + "source: email\n"}


@pytest.mark.parametrize(
    "sender, why",
    [
        ("ngozi.okafor@example.org", "the message comes from another address than the file's contact"),
        ("someone.else@example.org", "the message comes from another address than the file's contact"),
        (None, "the message has no single sender address"),
        ("a@b.example, c@d.example", "the message has no single sender address"),
        ("not an address", "the message's sender address is not valid"),
    ],
)
def test_another_sender_or_none_is_unverified_but_written(repo, tmp_path, sender, why):
    text = signer_file(repo)
    [outcome] = received(repo, tmp_path, mailshapes.plain(text, sender))
    assert (outcome.verdict, outcome.reason) == (UNVERIFIED, why)
    assert written(repo) == {"ngozi-okafor.yaml": text + "source: email\n"}


def test_a_forged_sender_is_unverified(repo, tmp_path):
    text = signer_file(repo)
    data = mailshapes.plain(text, EMAIL)
    # The receiving server's verdict comes first; one the sender wrote below it does not count.
    header = (
        b"Authentication-Results: mx.coalition.example; spf=fail smtp.mailfrom=example.org; dmarc=fail (p=REJECT)\r\n"
    )
    [outcome] = received(repo, tmp_path, header + b"Authentication-Results: x; dmarc=pass\r\n" + data)
    assert (outcome.verdict, outcome.reason) == (
        UNVERIFIED,
        "the receiving mail server found the sender's address forged (DMARC failed)",
    )
    passed = b"Authentication-Results: mx.coalition.example; dkim=pass; dmarc=pass header.from=example.org\r\n"
    (tmp_path / "1.eml").unlink()
    (repo.signatures / "ngozi-okafor.yaml").unlink()
    assert received(repo, tmp_path, passed + header + data)[0].verdict == VERIFIED


SHAPES = {
    "plain": lambda t: mailshapes.plain(t, EMAIL),
    "base64": lambda t: mailshapes.plain(t, EMAIL, cte="base64"),
    "Outlook HTML": lambda t: mailshapes.outlook_html(t, EMAIL),
    "Gmail forward": lambda t: mailshapes.gmail_forward(t, "member@example.net", EMAIL),
    "Thunderbird": lambda t: mailshapes.thunderbird_flowed(t, EMAIL),
    "attached": lambda t: mailshapes.attached(t, EMAIL),
    "attached as text": lambda t: mailshapes.attached(t, EMAIL, "signature.txt"),
    "forwarded as an attachment": lambda t: mailshapes.forwarded_as_attachment(
        mailshapes.plain(t, EMAIL), "member@example.net"
    ),
}


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_one_file_however_it_arrives(repo, tmp_path, shape):
    text = signer_file(repo, name="Ngozi Okafor-Adébáyọ̀", affiliation="professor of law at the University " * 4 + "X")
    [outcome] = received(repo, tmp_path, SHAPES[shape](text))
    assert outcome.verdict == (UNVERIFIED if "forward" in shape else VERIFIED), outcome.reason
    assert written(repo) == {"ngozi-okafor-adebayo.yaml": text + "source: email\n"}


def refused(repo, tmp_path, data: bytes, settings=None) -> str:
    before = written(repo)
    [outcome] = received(repo, tmp_path, data, settings=settings)
    assert outcome.verdict == REFUSED and outcome.path == ""
    assert written(repo) == before  # nothing written for it
    assert "@" not in outcome.reason  # never an address
    return outcome.reason


def test_no_signature(repo, tmp_path):
    assert refused(repo, tmp_path, mailshapes.plain("I would like to sign, please.\n", EMAIL)).startswith(
        "no signature file was found in the message: prepare your signature again on the sign page"
    )


def test_two_signatures(repo, tmp_path):
    two = signer_file(repo) + "\nAnd my colleague's:\n\n" + signer_file(repo, name="Ada Obi")
    assert refused(repo, tmp_path, mailshapes.plain(two, EMAIL)).startswith(
        "the message holds 2 different signature files: send one message for each signatory"
    )


def test_the_same_file_twice_is_one(repo, tmp_path):
    text = signer_file(repo)
    [outcome] = received(repo, tmp_path, mailshapes.attached(text, EMAIL, body=f"{text}\nAttached too."))
    assert outcome.verdict == VERIFIED


def test_a_file_that_fails_the_check(repo, tmp_path):
    reason = refused(repo, tmp_path, mailshapes.plain(signer_file(repo, name="Ngozi <b>Okafor</b>"), EMAIL))
    assert reason == (
        "the signature file has problems: line 2: “name” contains “<” or “>”: these are not allowed, because "
        "they could be read as web page markup. Use parentheses instead; or prepare your signature again on "
        "the sign page and send it with its “Send by email” button, unchanged."
    )


@pytest.mark.parametrize(
    "extra",
    ["affiliation: write to ngozi@example.org\n", "email: ngozi@example.org\n"],
    ids=["in a field", "on a line of its own"],
)
def test_an_address_outside_the_contact(repo, tmp_path, extra):
    text = signer_file(repo)
    text = text.replace("affiliation: University of Lagos\n", extra) if "affiliation" in extra else text + extra
    reason = refused(repo, tmp_path, mailshapes.plain(text, EMAIL))
    assert "contains a plain email address: remove it" in reason


def test_a_source_line_is_refused(repo, tmp_path):
    reason = refused(repo, tmp_path, mailshapes.plain(signer_file(repo) + "source: email\n", EMAIL))
    assert "“source” is set by the maintainers only: delete this line" in reason


def test_a_github_account_cannot_be_confirmed_by_email(repo, tmp_path):
    reason = refused(repo, tmp_path, mailshapes.plain(signer_file(repo, github="ngozi-okafor"), EMAIL))
    assert reason.startswith(
        "the signature file has problems: line 5: “github” names a GitHub account, which only a pull request "
        "from that account can confirm: delete this line, or propose your file on GitHub instead; or prepare"
    )


def test_a_contact_for_a_retired_key(repo, tmp_path, other_private_key):
    repo.add_key(other_private_key.public_key(), retired=dt.date(2026, 6, 1))
    # Valid for the check (dated before the key was retired), but no signer writes to that key any more.
    text = signer_file(repo, key=other_private_key, signed="2026-05-01")
    assert refused(repo, tmp_path, mailshapes.plain(text, EMAIL)).startswith(
        "the file's contact is encrypted to a key the maintainers no longer use"
    )


def test_a_contact_for_an_unknown_key(repo, tmp_path, other_private_key):
    reason = refused(repo, tmp_path, mailshapes.plain(signer_file(repo, key=other_private_key), EMAIL))
    assert reason.startswith("the signature file has problems: line ") and "contact" in reason


def test_a_contact_for_another_current_key_asks_the_maintainer_for_it(repo, tmp_path, other_private_key):
    other = repo.add_key(other_private_key.public_key())
    [outcome] = received(repo, tmp_path, mailshapes.plain(signer_file(repo, key=other_private_key), EMAIL))
    assert outcome.verdict == REFUSED and outcome.reply is False and other in outcome.reason
    assert written(repo) == {}


def test_a_duplicate_of_a_listed_signatory(repo, tmp_path):
    repo.sign("ngozi-okafor", "Ngozi Okafor", country="NG")
    reason = refused(repo, tmp_path, mailshapes.plain(signer_file(repo), EMAIL))
    assert "possible duplicate of signatures/ngozi-okafor.yaml" in reason


def test_a_possible_duplicate_for_a_maintainer_is_written_and_said(repo, tmp_path):
    repo.sign("ngozi-okafor", "Ngozi Okafor")  # no country on either: only a shared name, for a maintainer to look at
    [outcome] = received(repo, tmp_path, mailshapes.plain(signer_file(repo, country=""), EMAIL))
    assert (outcome.verdict, outcome.path) == (VERIFIED, "signatures/ngozi-okafor-2.yaml")
    assert len(outcome.notes) == 1 and "signatures/ngozi-okafor.yaml" in outcome.notes[0]


def test_closed_signatures_are_refused(repo, tmp_path):
    reason = refused(
        repo, tmp_path, mailshapes.plain(signer_file(repo), EMAIL), settings=load_settings(repo.root, closed=True)
    )
    assert "signatures to this letter are closed" in reason


def test_a_malformed_or_legacy_message_is_one_refusal(repo, tmp_path):
    text = signer_file(repo)
    damaged = b"From: " + EMAIL.encode() + b"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b"%%%" * 20
    assert refused(repo, tmp_path, damaged).startswith(
        "no signature file was found in the message (the base64 encoding of the message is damaged)"
    )
    mislabeled = (
        f"From: {EMAIL}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n".encode()
        + text.replace("Ngozi", "Ngózi").encode("cp1252")
    )
    assert "is not in the encoding it declares (“utf-8”)" in refused(repo, tmp_path, mislabeled)


def test_a_legacy_encoding_declared_right_is_read(repo, tmp_path):
    text = signer_file(repo, name="Ngózi Okafor")
    [outcome] = received(repo, tmp_path, mailshapes.plain(text, EMAIL, charset="iso-8859-1"))
    assert outcome.verdict == VERIFIED and written(repo) == {"ngozi-okafor.yaml": text + "source: email\n"}


def test_bad_messages_stop_nothing_else_and_the_first_of_two_wins(repo, tmp_path):
    repo.sign("ngozi-okafor", "Ngozi Okafor", country="KE")  # a namesake elsewhere: the file name is taken
    text = signer_file(repo)
    box = mailbox.mbox(tmp_path / "inbox.mbox")
    for data in (
        b"From: <\r\n\r\n" + b"\xff" * 100,
        mailshapes.plain(text, "other@example.org"),
        mailshapes.plain(text, EMAIL),  # the same signer again, this time from their own address
        mailshapes.plain(signer_file(repo, name="Ada Obi", email="ada@example.org"), "ada@example.org"),
    ):
        box.add(data)
    box.flush()
    outcomes = receive(repo.settings(), [(tmp_path / "inbox.mbox", "inbox.mbox")], repo.key)
    assert [(o.label, o.verdict) for o in outcomes] == [
        ("inbox.mbox#1", REFUSED),
        ("inbox.mbox#2", UNVERIFIED),
        ("inbox.mbox#3", REFUSED),
        ("inbox.mbox#4", VERIFIED),
    ]
    assert outcomes[2].reason.startswith(
        "possible duplicate of the file of the message inbox.mbox#2: the same name and country."
    )
    assert outcomes[2].reply is False  # the earlier message gets the answer
    assert outcomes[1].path == "signatures/ngozi-okafor-2.yaml"  # never over another file
    assert set(written(repo)) == {"ngozi-okafor.yaml", "ngozi-okafor-2.yaml", "ada-obi.yaml"}
    assert written(repo)["ngozi-okafor-2.yaml"] == text + "source: email\n"


def test_a_mailbox_read_again_records_nothing_twice(repo, tmp_path):
    repo.sign("ngozi-okafor", "Ngozi Okafor", country="KE")  # a namesake: the file goes to ngozi-okafor-2
    data = mailshapes.plain(signer_file(repo), EMAIL)
    assert received(repo, tmp_path, data)[0].path == "signatures/ngozi-okafor-2.yaml"
    [again] = received(repo, tmp_path, data)
    assert (again.verdict, again.reason, again.reply) == (
        REFUSED,
        "this very file was received before: signatures/ngozi-okafor-2.yaml holds it.",
        False,
    )
    assert set(written(repo)) == {"ngozi-okafor.yaml", "ngozi-okafor-2.yaml"}


def test_a_maildir(repo, tmp_path):
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    box.add(mailshapes.thunderbird_flowed(signer_file(repo), EMAIL))
    outcomes = receive(repo.settings(), [(tmp_path / "Maildir", "Maildir")], repo.key)
    assert [o.verdict for o in outcomes] == [VERIFIED] and outcomes[0].label.startswith("Maildir#")
