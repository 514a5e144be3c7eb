"""The sign page's email route in real Chromium: "Send by email" opens a message to the coalition's
address holding the page's file exactly, "Copy the message" copies the same, the address is on the
page with JavaScript off too; and the round trip through ``petition receive``."""

from __future__ import annotations

import json
import re
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from cryptography.hazmat.primitives import serialization
from playwright.sync_api import expect, sync_playwright

import mailshapes
from petition.cli import main
from petition.model.keys import PublicKey, key_id
from petition.site import signform
from signhelpers import launch, make_repo, serve

ADDRESS = "wto-ic@justnetcoalition.org"  # public_addresses[0] in pyproject.toml: the default signatures_address
EMAIL = "ngozi.okafor@example.org"


@pytest.fixture(scope="module")
def built(tmp_path_factory, private_key):
    """The real site of a repository with the founding signatories, served; and that repository."""
    repo = make_repo(tmp_path_factory.mktemp("emailsite") / "repo", private_key)
    done = repo.build()
    assert done.returncode == 0, done.stderr
    with serve(repo.site) as url:
        yield repo, url


@pytest.fixture(scope="module")
def site(built):
    return built[1]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    made = browser.new_context(viewport={"width": 1000, "height": 900})
    yield made
    made.close()


def open_form(context, site):
    page = context.new_page()
    page.console = []
    page.on("console", lambda message: page.console.append((message.type, message.text)))
    page.goto(site + "sign/")
    page.wait_for_selector("#ps-form:not([hidden])")
    return page


def prepare(page, name="Ngozi Okafor", country="NG", affiliation="", email=EMAIL):
    page.check("#ps-type-individual")
    page.fill("#ps-name", name)
    page.fill("#ps-affiliation", affiliation)
    page.select_option("#ps-country", country)
    page.fill("#ps-email", email)
    page.check("#ps-consent")
    page.click("#ps-submit")
    page.wait_for_selector("#ps-result:not([hidden])")
    return page.text_content("#ps-yaml")


def strings() -> dict:
    return signform.strings()


def mailto_parts(href: str) -> tuple[str, dict[str, list[str]]]:
    link = urlsplit(href)
    assert link.scheme == "mailto"
    return unquote(link.path), parse_qs(link.query, keep_blank_values=True, strict_parsing=True)


@pytest.mark.browser
def test_send_by_email_opens_a_message_holding_the_file_exactly(context, site):
    page = open_form(context, site)
    text = prepare(page)
    href = page.get_attribute("#ps-mailto", "href")
    to, query = mailto_parts(href)
    assert to == ADDRESS
    # RFC 6068: the body's line breaks are CRLF; the file comes whole after the sentence.
    assert query == {
        "subject": [strings()["by_email_subject"]],
        "body": [(strings()["by_email_sentence"] + "\n\n" + text).replace("\n", "\r\n")],
    }
    assert "contact: rsa-oaep-sha256:" in text
    # The plain address is nowhere in the link, as typed or percent-encoded.
    assert EMAIL not in unquote(href) and "ngozi.okafor" not in href
    # A sign page's file makes a link far below the 2,000 characters mail programs take.
    assert len(href) < 1300, len(href)
    assert page.is_visible("#ps-mailto") and not page.is_visible("#ps-by-email-long")
    hint = page.text_content("#ps-by-email-hint")
    assert ADDRESS in hint and "Needs no account" in hint and "only the file is published" in hint
    assert page.get_attribute("#ps-by-email-hint a", "href") == f"mailto:{ADDRESS}"
    # "Propose on GitHub" says it needs an account.
    assert "Needs a GitHub account" in page.text_content("#ps-propose-hint")
    assert not [m for m in page.console if m[0] == "error"], page.console


@pytest.mark.browser
def test_opening_the_mail_program_breaks_no_policy(context, site):
    page = open_form(context, site)
    prepare(page)
    opened = []
    page.on("request", lambda request: opened.append(request.url))
    violations = page.evaluate(
        """() => new Promise(resolve => {
            const seen = [];
            document.addEventListener('securitypolicyviolation', e => seen.push(e.effectiveDirective));
            document.getElementById('ps-mailto').click();
            setTimeout(() => resolve(seen), 500);
        })"""
    )
    assert violations == []
    # The click hands the mailto: URL to the browser, and nothing else leaves the page.
    assert [url for url in opened if not url.startswith(site)] == [page.get_attribute("#ps-mailto", "href")]


@pytest.mark.browser
def test_copy_the_message_copies_the_sentence_and_the_file(browser, site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = open_form(context, site)
    text = prepare(page)
    page.bring_to_front()  # the clipboard answers the focused page only
    page.click("#ps-copy-message")
    expect(page.locator("#ps-status")).to_contain_text("Message copied")  # a locator: no eval, which the policy forbids
    assert page.evaluate("navigator.clipboard.readText()") == strings()["by_email_sentence"] + "\n\n" + text
    assert ADDRESS in page.text_content("#ps-status")
    context.close()


@pytest.mark.browser
def test_a_file_too_long_for_a_mailto_link_asks_to_copy_the_message(context, site):
    page = open_form(context, site)
    # 200 Chinese characters and a 292-character Greek affiliation: over 4,000 characters percent-encoded.
    prepare(page, name="李" * 199 + "龍", country="", affiliation="Πανεπιστήμιο " * 22 + "Αθηνών")
    assert not page.is_visible("#ps-mailto")
    long = page.text_content("#ps-by-email-long")
    assert page.is_visible("#ps-by-email-long") and ADDRESS in long and "copy the message" in long
    assert page.is_visible("#ps-copy-message")


@pytest.mark.browser
def test_a_file_naming_a_github_account_is_not_offered_by_email(context, site):
    # petition receive refuses it: only a pull request from the account can confirm it.
    page = open_form(context, site)
    page.fill("#ps-github", "ngozi-okafor")
    prepare(page)
    assert not page.is_visible("#ps-mailto") and not page.is_visible("#ps-copy-message")
    assert page.is_visible("#ps-by-email-github") and page.is_visible("#ps-propose")
    page.fill("#ps-github", "")
    page.click("#ps-submit")
    page.wait_for_selector("#ps-mailto:visible")
    assert not page.is_visible("#ps-by-email-github")


@pytest.mark.browser
def test_without_javascript_the_page_gives_the_address_and_what_to_write(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "sign/")
    note = page.locator("#ps-noscript-by-email")
    assert note.is_visible()
    assert ADDRESS in note.text_content() and "your name" in note.text_content()
    assert note.locator("a").get_attribute("href") == f"mailto:{ADDRESS}"
    context.close()


def _html(private_key, address: str) -> str:
    key = PublicKey(key_id(private_key.public_key()), private_key.public_key(), "docs/keys/x.pem")
    config = signform.form_config(key, "1", None, "signatures", "../assets/petition/", signatures_address=address)
    return signform.form_html(config, country_list=[])


def test_without_an_address_there_is_no_email_route(private_key):
    html = _html(private_key, "")
    data = re.search(r'id="petition-sign-config">(.*?)</script>', html, re.S).group(1)
    assert json.loads(data)["by_email"] is None
    assert 'id="ps-by-email"' not in html and 'id="ps-noscript-by-email"' not in html and "mailto:" not in html


def test_the_address_is_escaped_in_the_page(private_key):
    html = _html(private_key, 'sign"<b>@example.org')
    assert "<b>" not in html and 'href="mailto:sign&quot;&lt;b&gt;@example.org"' in html
    data = re.search(r'id="petition-sign-config">(.*?)</script>', html, re.S).group(1)
    assert json.loads(data)["by_email"] == {"address": 'sign"<b>@example.org', "max": signform.MAILTO_MAX}


def sent(href: str, sender: str) -> bytes:
    """The message a mail program sends from a mailto: link: its To, Subject and body, from the signer."""
    to, query = mailto_parts(href)
    message = EmailMessage()
    message["From"] = f"Ngozi Okafor <{sender}>"
    message["To"] = to
    message["Subject"] = query["subject"][0]
    message.set_content(query["body"][0].replace("\r\n", "\n"))
    return bytes(message)


@pytest.mark.browser
@pytest.mark.parametrize("program", ["plain", "Outlook"])
def test_the_round_trip_through_petition_receive(built, context, private_key, tmp_path, capsys, program):
    repo, site = built
    page = open_form(context, site)
    text = prepare(page, name="Ngozi Okafor-Adébáyọ̀", affiliation="professor of law at the University of Lagos")
    filename = page.text_content("#ps-filename")
    with page.expect_request(lambda request: request.url.startswith("mailto:")) as opened:
        page.click("#ps-mailto")
    href = opened.value.url  # the URL the page hands the mail program
    data = sent(href, EMAIL)
    if program == "Outlook":  # the same body, as Outlook's HTML-only quoted-printable
        body = mailto_parts(href)[1]["body"][0].replace("\r\n", "\n")
        data = mailshapes.outlook_html(body.removeprefix(strings()["by_email_sentence"] + "\n\n"), EMAIL)
    (tmp_path / "sent.eml").write_bytes(data)
    key = tmp_path / "maintainer.pem"
    key.write_bytes(
        private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    capsys.readouterr()
    code = main(["--root", str(repo.root), "receive", "--key", str(key), str(tmp_path / "sent.eml")])
    out = capsys.readouterr().out
    assert code == 0 and f"verified: wrote {filename}" in out, out
    written = repo.root / filename
    try:
        # Byte for byte the file the page showed, and its source line.
        assert written.read_bytes() == (text + "source: email\n").encode("utf-8")
    finally:
        written.unlink()
