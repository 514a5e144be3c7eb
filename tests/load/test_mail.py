"""Reading email as people send it: message files, mbox and Maildir; plain, HTML-only,
quoted-printable, base64, flowed; attachments and forwarded messages; strict decoding."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage

import pytest

import mailshapes
from petition.load.mail import MAIL_MAX_BYTES, PARTS_MAX, html_text, messages, read_message, unflow
from petition.model.mailedfile import find_files

FILE = (
    'type: individual\nname: José Núñez\ncountry: NG\nsigned: "2026-12-01"\nversion: "1"\n'
    "contact: rsa-oaep-sha256:0123456789abcdef:" + "Ab+/" * 128 + "\n"
)
SENDER = "ngozi.okafor@example.org"


def found(data: bytes) -> list[str]:
    return [f for t in read_message(data).texts for f in find_files(t.text)]


@pytest.mark.parametrize(
    "shape",
    [
        lambda: mailshapes.plain(FILE, SENDER),
        lambda: mailshapes.plain(FILE, SENDER, cte="quoted-printable"),
        lambda: mailshapes.plain(FILE, SENDER, cte="base64"),
        lambda: mailshapes.plain(FILE, SENDER, cte="8bit"),
        lambda: mailshapes.outlook_html(FILE, SENDER),
        lambda: mailshapes.thunderbird_flowed(FILE, SENDER),
        lambda: mailshapes.attached(FILE, SENDER),
        lambda: mailshapes.attached(FILE, SENDER, "signature.txt"),
    ],
    ids=["plain", "quoted-printable", "base64", "8bit", "outlook-html", "thunderbird-flowed", "yaml", "txt"],
)
def test_the_file_comes_back_from_every_shape(shape):
    data = shape()
    mail = read_message(data)
    assert mail.sender == SENDER and mail.problems == ()
    assert set(found(data)) == {FILE}


def test_the_raw_shapes_really_are_what_they_claim():
    outlook = mailshapes.outlook_html(FILE, SENDER)
    assert b"Content-Type: text/html" in outlook and b"=\r\n" in outlook and b"text/plain" not in outlook
    flowed = mailshapes.thunderbird_flowed(FILE, SENDER)
    assert b"format=flowed" in flowed and b"contact: \r\nrsa-oaep" in flowed  # Thunderbird broke it at the space
    gmail = mailshapes.gmail_forward(FILE, "member@example.net", SENDER)
    assert b"multipart/alternative" in gmail and b"> type: individual" in gmail


def test_a_gmail_forward_gives_the_file_once_from_the_plain_rendering():
    mail = read_message(mailshapes.gmail_forward(FILE, "member@example.net", SENDER))
    assert mail.sender == "member@example.net" and mail.message_id == "<CAF=abc123@mail.gmail.example>"
    assert [t.group for t in mail.texts] == [1, 1]  # one content, two renderings, the plain one first
    assert [find_files(t.text) for t in mail.texts] == [[FILE], [FILE]]


def test_a_message_forwarded_as_an_attachment_is_read_inside():
    mail = read_message(mailshapes.forwarded_as_attachment(mailshapes.plain(FILE, SENDER), "member@example.net"))
    assert mail.sender == "member@example.net"
    assert [t.where for t in mail.texts if find_files(t.text)] == ["the forwarded message"]


def test_a_legacy_encoding_it_declares_is_read_as_it_says():
    data = mailshapes.plain(FILE, SENDER, charset="iso-8859-1")
    assert b'charset="iso-8859-1"' in data and "José".encode("latin-1") in data.replace(b"=E9", b"\xe9")
    assert found(data) == [FILE]


@pytest.mark.parametrize(
    "charset, body, problem",
    [
        ("utf-8", "José".encode("latin-1"), "is not in the encoding it declares (“utf-8”)"),
        (None, "José".encode("cp1252"), "is not in the encoding it declares (none, and not UTF-8)"),
        ("x-klingon", b"Jose", "is in an encoding this program does not know (“x-klingon”)"),
    ],
)
def test_text_is_never_guessed_or_replaced(charset, body, problem):
    declared = f"; charset={charset}" if charset else ""
    data = (
        f"From: {SENDER}\r\nContent-Type: text/plain{declared}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n".encode()
        + b"name: "
        + body
        + b"\r\n"
    )
    mail = read_message(data)
    assert mail.texts == () and len(mail.problems) == 1 and problem in mail.problems[0]


def test_8bit_utf8_without_a_charset_is_read():
    data = f"From: {SENDER}\r\nContent-Type: text/plain\r\n\r\n{FILE}".encode()
    assert found(data) == [FILE]


def test_damaged_base64_is_said():
    data = f"From: {SENDER}\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nab$c=d\r\n"
    mail = read_message(data.encode())
    assert mail.texts == () and mail.problems == ("the base64 encoding of the message is damaged.",)


def test_what_the_sender_chose_is_quoted_without_addresses_or_controls():
    data = (
        f"From: {SENDER}\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
        'Content-Type: text/plain; charset="x-ngozi@example.org"\r\n\r\nJose\r\n--b\r\n'
        "Content-Type: application/x-yaml\r\n"
        "Content-Disposition: attachment; filename*=utf-8''%E2%80%AEsig%20ngozi%40example.org.yaml\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n%%%\r\n--b--\r\n"
    ).encode("ascii")
    problems = read_message(data).problems
    assert problems == (
        "the message is in an encoding this program does not know (“(an address)”).",
        "the base64 encoding of the attachment “\\u202esig (an address)” is damaged.",
    )


def test_a_broken_header_loses_only_itself():
    # "From: <" makes Python's email package raise IndexError when the header is read.
    data = b"From: <\r\nMessage-ID: <\r\nSubject: x\r\n\r\n" + FILE.encode()
    mail = read_message(data)
    assert mail.sender is None and mail.message_id == "" and found(data) == [FILE]


def test_garbage_reads_as_a_message_without_a_file():
    mail = read_message(bytes(range(256)) * 40)
    assert [f for t in mail.texts for f in find_files(t.text)] == []


def test_a_message_of_too_many_parts_is_cut_and_said():
    message = EmailMessage()
    message["From"] = SENDER
    message.set_content("x")
    for n in range(PARTS_MAX + 5):
        message.add_attachment(b"x", maintype="application", subtype="octet-stream", filename=f"{n}.bin")
    mail = read_message(bytes(message))
    assert mail.problems == (f"the message has more than {PARTS_MAX} parts; the others were not read.",)


def test_unflow_joins_soft_breaks_and_keeps_quotes():
    assert unflow("contact: \r\nrsa-oaep \r\nend\r\n-- \r\nsig", delsp=False) == "contact: rsa-oaep end\n-- \nsig"
    assert unflow("ab \r\ncd", delsp=True) == "abcd"
    assert unflow(" From here\r\n>> quoted \r\n>> on\r\nafter", delsp=False) == "From here\n>> quoted on\nafter"


def test_html_text_is_what_a_reader_sees():
    markup = (
        "<html><head><style>p {x:y}</style><title>t</title></head><body><p class=MsoNormal>type:&nbsp;individual"
        "<o:p></o:p></p><div>name: A&amp;B\n  Ltd</div>one<br>two<br/><pre>a\n b</pre><script>no()</script></body>"
    )
    assert html_text(markup).split("\n") == ["type:\u00a0individual", "name: A&B Ltd", "one", "two", "a", "b", ""]


# --- Where messages are stored ------------------------------------------------------------------


def _message(n: int) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"signer{n}@example.org"
    message["Subject"] = f"number {n}"
    message.set_content(f"From the start of a line, {n}.\n")  # mbox escapes it; the message must not change
    return message


def test_an_mbox_gives_each_message_in_order(tmp_path):
    path = tmp_path / "inbox.mbox"
    box = mailbox.mbox(path)
    for n in range(3):
        box.add(_message(n))
    box.flush()
    got = list(messages(path, "inbox.mbox"))
    assert [m.label for m in got] == ["inbox.mbox#1", "inbox.mbox#2", "inbox.mbox#3"]
    assert [read_message(m.data).subject for m in got] == ["number 0", "number 1", "number 2"]


def test_a_maildir_gives_each_message(tmp_path):
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    keys = [box.add(_message(n)) for n in range(3)]
    got = list(messages(tmp_path / "Maildir", "Maildir"))
    assert [m.label for m in got] == [f"Maildir#{k}" for k in sorted(keys)]
    assert sorted(read_message(m.data).sender for m in got) == [f"signer{n}@example.org" for n in range(3)]


def test_a_single_message_file(tmp_path):
    path = tmp_path / "one.eml"
    path.write_bytes(bytes(_message(7)))
    assert [(m.label, read_message(m.data).sender) for m in messages(path, "one.eml")] == [
        ("one.eml", "signer7@example.org")
    ]


def test_what_is_not_a_mailbox_is_one_problem(tmp_path):
    (tmp_path / "folder").mkdir()
    huge = tmp_path / "huge.eml"
    huge.write_bytes(b"Subject: x\n\n" + b"a" * MAIL_MAX_BYTES)
    assert [m.problem for m in messages(tmp_path / "folder", "folder")] == [
        "is a folder but not a Maildir (it has no cur/ or new/ folder)."
    ]
    assert [m.problem for m in messages(tmp_path / "missing.eml", "missing.eml")] == [
        "cannot be read (No such file or directory)."
    ]
    [too_big] = messages(huge, "huge.eml")
    assert too_big.data is None and too_big.problem.startswith("is too big to be a signature (10,240 KiB")


def test_a_huge_message_in_an_mbox_loses_only_itself(tmp_path):
    path = tmp_path / "inbox.mbox"
    box = mailbox.mbox(path)
    box.add(_message(1))
    big = _message(2)
    big.add_attachment(b"x" * MAIL_MAX_BYTES, maintype="application", subtype="octet-stream", filename="big.bin")
    box.add(big)
    box.add(_message(3))
    box.flush()
    got = list(messages(path, "inbox.mbox"))
    assert [m.data is None for m in got] == [False, True, False]


def test_a_maildir_message_gone_meanwhile_loses_only_itself(tmp_path):
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    keys = sorted(box.add(_message(n)) for n in range(3))
    got = messages(tmp_path / "Maildir", "Maildir")
    first = next(got)
    for found in (tmp_path / "Maildir" / "new").iterdir():  # the mail program moves the second away
        if found.name.startswith(keys[1]):
            found.unlink()
    rest = list(got)
    assert first.data is not None and [m.data is None for m in rest] == [True, False]
    assert rest[0].label == f"Maildir#{keys[1]}" and rest[0].problem.startswith("cannot be read")
