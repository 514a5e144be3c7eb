"""The ready replies of petition receive: to the sender, saying what was published or what to fix,
threaded under the signer's message, never holding the contact address."""

from __future__ import annotations

import email
import email.policy

import pytest

from petition.check.mailed import REFUSED, UNVERIFIED, VERIFIED, Outcome
from petition.report.mailreply import reply

FROM = "wto-ic@justnetcoalition.org"


def outcome(verdict: str, **more) -> Outcome:
    values = {
        "label": "1.eml",
        "verdict": verdict,
        "path": "signatures/ngozi-okafor.yaml" if verdict != REFUSED else "",
        "name": "Ngozi Okafor",
        "sender": "ngozi@example.org",
        "contact": "ngozi.okafor@example.org",
        "subject": "Endorsement of the open letter",
        "message_id": "<1@mail.example.org>",
        **more,
    }
    return Outcome(**values)


def read(message) -> tuple[dict[str, str], str]:
    parsed = email.message_from_bytes(bytes(message), policy=email.policy.default)
    return {k: str(v) for k, v in parsed.items()}, parsed.get_content()


def test_a_verified_signer_is_told_what_is_published():
    headers, body = read(reply(outcome(VERIFIED, contact="ngozi@example.org"), FROM))
    assert (headers["From"], headers["To"], headers["Subject"]) == (
        FROM,
        "ngozi@example.org",
        "Re: Endorsement of the open letter",
    )
    assert headers["In-Reply-To"] == headers["References"] == "<1@mail.example.org>"
    assert headers["X-Unsent"] == "1"  # a draft to send
    assert "recorded it as signatures/ngozi-okafor.yaml: your name, Ngozi Okafor, appears on the list" in body


def test_an_unverified_sender_is_told_the_contact_is_asked_without_being_shown_it():
    headers, body = read(reply(outcome(UNVERIFIED, reason="the message comes from another address"), FROM))
    assert headers["To"] == "ngozi@example.org"
    assert "we write to the contact address to confirm" in body and "ngozi.okafor" not in body + str(headers)


def test_a_refused_signer_is_told_what_to_fix():
    _, body = read(reply(outcome(REFUSED, reason="no signature file was found in the message: do this."), FROM))
    assert "We could not record the signature in your message: No signature file was found" in body
    assert "send it again in a new message" in body


@pytest.mark.parametrize("subject, expected", [("Re: x", "Re: x"), ("", "Re: Your endorsement of the letter")])
def test_the_subject(subject, expected):
    assert read(reply(outcome(VERIFIED, subject=subject), FROM))[0]["Subject"] == expected


def test_no_reply_without_a_sender_or_anything_to_do():
    assert reply(outcome(VERIFIED, sender=None), FROM) is None
    assert reply(outcome(REFUSED, reply=False, reason="the maintainer's key"), FROM) is None
