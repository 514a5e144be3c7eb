"""A ready reply to each message ``petition receive`` read: to its sender, saying what was published
or what to fix, so that no signer waits without an answer. Formats petition.check.mailed's outcomes;
decides nothing. The reply never holds the contact address (the sender may not be its owner)."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from petition.check.mailed import REFUSED, VERIFIED, Outcome

THANKS = "Thank you for endorsing the letter."
PUBLISHED = (
    "We received your signature file and recorded it as {path}: your name, {name}, appears on the list of "
    "signatories when the site is next published. Only the file is published; your email address stays "
    "encrypted in it."
)
TO_CONFIRM = (
    "We received your signature file ({path}). The contact address in it is not the address you wrote from, "
    "so before we publish it we write to the contact address to confirm that it is yours."
)
TO_FIX = "We could not record the signature in your message: {reason}"
AGAIN = "Once it is fixed, send it again in a new message."


def reply(outcome: Outcome, from_address: str) -> EmailMessage | None:
    """The reply to one message, or None when there is no one to write to or nothing for them to do."""
    if not outcome.sender or not outcome.reply:
        return None
    if outcome.verdict == REFUSED:
        reason = outcome.reason[:1].upper() + outcome.reason[1:]
        body = [THANKS, TO_FIX.format(reason=reason), AGAIN]
    elif outcome.verdict == VERIFIED:
        body = [THANKS, PUBLISHED.format(path=outcome.path, name=outcome.name)]
    else:
        body = [THANKS, TO_CONFIRM.format(path=outcome.path)]
    message = EmailMessage()
    if from_address:
        message["From"] = from_address
    message["To"] = outcome.sender
    subject = " ".join(outcome.subject.split())[:200] or "Your endorsement of the letter"
    message["Subject"] = subject if subject.lower().startswith("re:") else f"Re: {subject}"
    if outcome.message_id:
        message["In-Reply-To"] = outcome.message_id
        message["References"] = outcome.message_id
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=from_address.rpartition("@")[2] or None)
    message["X-Unsent"] = "1"  # Outlook opens the file as a draft to send, not as a message received
    message.set_content("\n\n".join(body) + "\n")
    return message
