"""petition receive, end to end: a maintainer's mail (message files, an mbox, a Maildir) in, one line
per message out, the valid files written, no address printed unless asked, ready replies."""

from __future__ import annotations

import email
import email.policy
import mailbox
import re

from cryptography.hazmat.primitives import serialization

import mailshapes
from clirun import PASSPHRASE, passphrase_file, run  # noqa: F401 (passphrase_file is a fixture)
from petition.load.mail import MAIL_MAX_BYTES
from petition.model.signing import new_signature

EMAIL = "ngozi.okafor@example.org"
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def private_pem(key, tmp_path):
    path = tmp_path / "maintainer.pem"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(PASSPHRASE.encode()),
        )
    )
    return path


def signer_file(repo, name: str = "Ngozi Okafor", email_address: str = EMAIL) -> str:
    return new_signature({"type": "individual", "name": name, "country": "NG"}, email_address, repo.public_key(), "1")


def mail(repo, tmp_path):
    """A morning's mail: two message files, an mbox and a Maildir."""
    (tmp_path / "verified.eml").write_bytes(mailshapes.outlook_html(signer_file(repo), EMAIL))
    (tmp_path / "forwarded.eml").write_bytes(
        mailshapes.gmail_forward(
            signer_file(repo, "Ada Obi", "ada@example.org"), "member@example.net", "ada@example.org"
        )
    )
    box = mailbox.mbox(tmp_path / "inbox.mbox")
    box.add(mailshapes.plain("I want to sign, please add me.\n", "kofi@example.org"))
    box.add(b"Subject: big\r\n\r\n" + b"x" * (MAIL_MAX_BYTES + 1))
    box.flush()
    folder = mailbox.Maildir(tmp_path / "Maildir", create=True)
    folder.add(
        mailshapes.thunderbird_flowed(signer_file(repo, "Amina Diallo", "amina@example.org"), "amina@example.org")
    )
    return [str(tmp_path / n) for n in ("verified.eml", "forwarded.eml", "inbox.mbox", "Maildir")]


def test_receive_prints_one_line_per_message_and_no_address(repo, private_key, tmp_path, passphrase_file, capsys):
    key = private_pem(private_key, tmp_path)
    code, out = run(
        repo, capsys, "receive", "--key", str(key), "--passphrase-file", str(passphrase_file), *mail(repo, tmp_path)
    )
    assert code == 1  # some were refused
    lines = out.splitlines()
    assert len(lines) == 6
    assert lines[0] == f"{tmp_path}/verified.eml: verified: wrote signatures/ngozi-okafor.yaml"
    assert lines[1].startswith(
        f"{tmp_path}/forwarded.eml: unverified (the message comes from another address than the file's contact): "
        "wrote signatures/ada-obi.yaml; confirm with the signer by writing to the contact (petition contact --key "
    )
    assert lines[2].startswith(f"{tmp_path}/inbox.mbox#1: refused: no signature file was found in the message")
    assert lines[3].startswith(f"{tmp_path}/inbox.mbox#2: refused: the message is too big to be a signature")
    assert re.match(rf"{tmp_path}/Maildir#\S+: verified: wrote signatures/amina-diallo.yaml$", lines[4])
    assert lines[5] == (
        "Received 5 messages: 2 verified, 1 unverified, 2 refused (nothing written for them). "
        "Commit the new files in a pull request."
    )
    assert not ADDRESS.search(out)
    assert sorted(p.name for p in repo.signatures.glob("*.yaml")) == [
        "ada-obi.yaml",
        "amina-diallo.yaml",
        "ngozi-okafor.yaml",
    ]
    # The same check as a pull request's: the files written pass it.
    assert run(repo, capsys, "check")[0] == 0


def test_show_addresses_prints_the_sender_and_the_contact(repo, private_key, tmp_path, passphrase_file, capsys):
    key = private_pem(private_key, tmp_path)
    (tmp_path / "1.eml").write_bytes(mailshapes.plain(signer_file(repo), "other@example.net"))
    code, out = run(
        repo,
        capsys,
        "receive",
        "--key",
        str(key),
        "--passphrase-file",
        str(passphrase_file),
        "--show-addresses",
        str(tmp_path / "1.eml"),
    )
    assert code == 0
    assert out.splitlines()[0].endswith(f" [from: “other@example.net”; contact: “{EMAIL}”]")


def test_replies_are_written_for_each_sender(repo, private_key, tmp_path, passphrase_file, capsys):
    key = private_pem(private_key, tmp_path)
    replies = tmp_path / "replies"
    code, out = run(
        repo,
        capsys,
        "receive",
        "--key",
        str(key),
        "--passphrase-file",
        str(passphrase_file),
        "--replies",
        str(replies),
        *mail(repo, tmp_path),
    )
    written = sorted(p.name for p in replies.iterdir())
    assert written == ["0001-verified.eml", "0002-unverified.eml", "0003-refused.eml", "0005-verified.eml"]
    assert "(no reply: no sender address)" in out.splitlines()[3]  # the huge one was never read
    first = email.message_from_bytes((replies / "0001-verified.eml").read_bytes(), policy=email.policy.default)
    assert (str(first["To"]), str(first["From"])) == (EMAIL, "wto-ic@justnetcoalition.org")
    assert "signatures/ngozi-okafor.yaml" in first.get_content()
    second = (replies / "0002-unverified.eml").read_text()
    assert "To: member@example.net" in second and "ada@" not in second  # the contact is never in a reply
    # A second run records nothing twice, and writes no reply over the first's.
    (tmp_path / "new.eml").write_bytes(mailshapes.plain("Please sign me up.\n", EMAIL))
    (replies / "0002-refused.eml").write_text("kept")
    code, out = run(
        repo,
        capsys,
        "receive",
        "--key",
        str(key),
        "--passphrase-file",
        str(passphrase_file),
        "--replies",
        str(replies),
        str(tmp_path / "verified.eml"),
        str(tmp_path / "new.eml"),
    )
    first, second = out.splitlines()[:2]
    assert first.endswith(
        "refused: this very file was received before: signatures/ngozi-okafor.yaml holds it. "
        "(no reply: nothing for the signer to do)"
    )
    assert "refused: no signature file was found" in second and "(no reply written:" in second
    assert (replies / "0002-refused.eml").read_text() == "kept"


def test_a_key_that_cannot_be_opened_is_a_usage_error(repo, tmp_path, capsys):
    (tmp_path / "bad.pem").write_text("not a key")
    (tmp_path / "1.eml").write_bytes(mailshapes.plain(signer_file(repo), EMAIL))
    code, out = run(repo, capsys, "receive", "--key", str(tmp_path / "bad.pem"), str(tmp_path / "1.eml"))
    assert code == 2 and "Cannot open the private key" in out
    assert list(repo.signatures.glob("*.yaml")) == []


def test_a_possible_duplicate_is_written_and_said_on_its_line(repo, private_key, tmp_path, passphrase_file, capsys):
    repo.sign("ngozi-okafor", "Ngozi Okafor")  # no country on either: a shared name only
    text = new_signature({"type": "individual", "name": "Ngozi Okafor"}, EMAIL, repo.public_key(), "1")
    (tmp_path / "1.eml").write_bytes(mailshapes.plain(text, EMAIL))
    key = private_pem(private_key, tmp_path)
    code, out = run(
        repo, capsys, "receive", "--key", str(key), "--passphrase-file", str(passphrase_file), str(tmp_path / "1.eml")
    )
    line = out.splitlines()[0]
    assert code == 0 and line.startswith(
        f"{tmp_path}/1.eml: verified: wrote signatures/ngozi-okafor-2.yaml; needs a maintainer: "
    )
    assert "signatures/ngozi-okafor.yaml" in line
