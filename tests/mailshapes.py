"""Messages as people's mail programs send them, carrying a signature file: built with Python's email
package, and raw ones written by hand the way Outlook, Gmail and Thunderbird write them.

Imported by the tests of petition receive: ``from mailshapes import SENTENCE, plain, outlook_html, ...``.
"""

from __future__ import annotations

import email
import email.policy
import quopri
import textwrap
from email.message import EmailMessage

SENTENCE = (
    "Please add my endorsement of the open letter. My signature file, prepared on the sign page, is below "
    "(my contact email is encrypted in it)."
)
TO = "wto-ic@justnetcoalition.org"
SUBJECT = "Endorsement of the open letter"


def plain(file: str, sender: str | None, cte: str | None = None, charset: str = "utf-8") -> bytes:
    """What a mail program opened by the sign page's mailto: link sends: the sentence and the file."""
    message = EmailMessage()
    if sender is not None:
        message["From"] = sender
    message["To"] = TO
    message["Subject"] = SUBJECT
    message["Message-ID"] = "<1@mail.example.org>"
    message.set_content(f"{SENTENCE}\n\n{file}", cte=cte, charset=charset)
    return bytes(message)


def attached(file: str, sender: str, filename: str = "ngozi-okafor.yaml", body: str = "My signature.") -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = TO
    message["Subject"] = SUBJECT
    message.set_content(body)
    kind = ("text", "plain") if filename.endswith(".txt") else ("application", "x-yaml")
    message.add_attachment(file.encode("utf-8"), maintype=kind[0], subtype=kind[1], filename=filename)
    return bytes(message)


def forwarded_as_attachment(inner: bytes, forwarder: str) -> bytes:
    message = EmailMessage()
    message["From"] = forwarder
    message["To"] = TO
    message["Subject"] = "Fwd: " + SUBJECT
    message.set_content("Forwarding a signature that reached me.")
    message.add_attachment(email.message_from_bytes(inner, policy=email.policy.default))
    return bytes(message)


def _qp(text: str) -> str:
    return quopri.encodestring(text.replace("\n", "\r\n").encode("utf-8")).decode("ascii")


def outlook_html(file: str, sender: str) -> bytes:
    """Outlook: an HTML-only body in quoted-printable, one <p class=MsoNormal> per line, &nbsp; for blank ones."""
    paragraphs = "".join(
        f"<p class=MsoNormal>{line.replace('&', '&amp;').replace('<', '&lt;') or '<o:p>&nbsp;</o:p>'}<o:p></o:p></p>\n"
        for line in f"{SENTENCE}\n\n{file}".splitlines()
    )
    html = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        "<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt;} --></style></head>"
        f'<body lang=EN-GB link="#0563C1"><div class=WordSection1>\n{paragraphs}</div></body></html>'
    )
    head = (
        f'From: "Okafor, Ngozi" <{sender}>\r\nTo: "{TO}" <{TO}>\r\nSubject: {SUBJECT}\r\n'
        "Thread-Topic: Endorsement of the open letter\r\nDate: Tue, 1 Dec 2026 09:12:44 +0000\r\n"
        "Message-ID: <AM0PR01MB12345@eurprd01.prod.exchangelabs.example>\r\n"
        "Accept-Language: en-GB, en-US\r\nContent-Language: en-GB\r\nX-MS-Has-Attach: \r\n"
        'Content-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n'
        "MIME-Version: 1.0\r\n\r\n"
    )
    return (head + _qp(html)).encode("ascii")


def gmail_forward(file: str, forwarder: str, signer: str) -> bytes:
    """Gmail: multipart/alternative, the forwarded message's text quoted with "> " in the plain part."""
    inner = f"{SENTENCE}\n\n{file}"
    plain_part = (
        "Here is one more endorsement.\n\n---------- Forwarded message ---------\n"
        f"From: Ngozi Okafor <{signer}>\nDate: Tue, 1 Dec 2026 at 10:03\nSubject: {SUBJECT}\nTo: <{TO}>\n\n"
        + "\n".join(f"> {line}" if line else ">" for line in inner.splitlines())
        + "\n"
    )
    html_part = (
        '<div dir="ltr">Here is one more endorsement.<br><br><div class="gmail_quote"><div dir="ltr" '
        'class="gmail_attr">---------- Forwarded message ---------<br>From: <strong class="gmail_sendername" '
        f'dir="auto">Ngozi Okafor</strong> <span dir="auto">&lt;{signer}&gt;</span><br>Date: Tue, 1 Dec 2026 at '
        '10:03<br></div><br><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid '
        'rgb(204,204,204);padding-left:1ex"><div>'
        + "<br>".join(line.replace("&", "&amp;").replace("<", "&lt;") for line in inner.splitlines())
        + "</div></blockquote></div></div>\n"
    )
    boundary = "000000000000b3c9a105f2e1d6a7"
    raw = (
        f"MIME-Version: 1.0\r\nFrom: Coalition Member <{forwarder}>\r\nDate: Tue, 1 Dec 2026 11:20:07 +0100\r\n"
        "Message-ID: <CAF=abc123@mail.gmail.example>\r\n"
        f"Subject: Fwd: {SUBJECT}\r\nTo: {TO}\r\n"
        f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n\r\n'
        f'--{boundary}\r\nContent-Type: text/plain; charset="UTF-8"\r\nContent-Transfer-Encoding: quoted-printable'
        f"\r\n\r\n{_qp(plain_part)}\r\n"
        f'--{boundary}\r\nContent-Type: text/html; charset="UTF-8"\r\nContent-Transfer-Encoding: quoted-printable'
        f"\r\n\r\n{_qp(html_part)}\r\n--{boundary}--\r\n"
    )
    return raw.encode("ascii")


def thunderbird_flowed(file: str, sender: str) -> bytes:
    """Thunderbird: format=flowed, 8bit UTF-8: long lines broken at spaces, each soft break a trailing space."""
    lines = []
    for line in f"{SENTENCE}\n\n{file}-- \nNgozi Okafor\nUniversity of Lagos".splitlines():
        pieces = textwrap.wrap(line, 72, break_long_words=False, break_on_hyphens=False, drop_whitespace=False) or [""]
        lines.extend(pieces)
    body = "\r\n".join((" " + line) if line.startswith((" ", ">", "From ")) else line for line in lines)
    raw = (
        f"From: Ngozi Okafor <{sender}>\r\nTo: {TO}\r\nSubject: {SUBJECT}\r\n"
        "Message-ID: <5d1e8a3c-7a2b-4c5e-9f00-1a2b3c4d5e6f@example.org>\r\nDate: Tue, 1 Dec 2026 10:44:51 +0100\r\n"
        "MIME-Version: 1.0\r\nUser-Agent: Mozilla Thunderbird\r\nContent-Language: en-GB\r\n"
        "Content-Type: text/plain; charset=UTF-8; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + body
        + "\r\n"
    )
    return raw.encode("utf-8")
