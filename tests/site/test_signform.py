"""The sign page in real Chromium: the files it makes pass `petition check` and decrypt with the
maintainers' key; invalid answers are refused field by field; the page's policy holds."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import sync_playwright

from petition.cli import main
from petition.load.document import load
from petition.model.crypto import decrypt_contact
from petition.model.freetext import NAME_MAX, check_text
from petition.model.signing import email_problem, field_problems, slugify
from petition.review import context
from signhelpers import launch, make_repo, serve

pytestmark = pytest.mark.browser

NEW_FILE = "/justnetcoalition/wto-letter/new/main"


@pytest.fixture(scope="module")
def site(tmp_path_factory, private_key):
    """The real site, built with a maintainer key, the founding signatories and one signer."""
    repo = make_repo(tmp_path_factory.mktemp("signsite") / "repo", private_key)
    repo.sign("jane-doe", "Jane Doe", country="KE")
    built = repo.build()
    assert built.returncode == 0, built.stderr
    with serve(repo.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1000, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.console = []
    page.on("console", lambda message: page.console.append((message.type, message.text)))
    page.goto(site + "sign/")
    page.wait_for_selector("#ps-form:not([hidden])")
    yield page
    context.close()


def fill(page, type=None, name="", affiliation="", country="", website="", github="", email="", consent=True):
    if type:
        page.check(f"#ps-type-{type}")
    page.fill("#ps-name", name)
    page.fill("#ps-affiliation", affiliation)
    page.select_option("#ps-country", country)
    page.fill("#ps-website", website)
    page.fill("#ps-github", github)
    page.fill("#ps-email", email)
    if consent:
        page.check("#ps-consent")
    page.click("#ps-submit")


def result(page) -> tuple[str, str, str]:
    page.wait_for_selector("#ps-result:not([hidden])")
    return page.text_content("#ps-filename"), page.text_content("#ps-yaml"), page.get_attribute("#ps-propose", "href")


def accepted(repo, private_key, path: str, text: str, email: str, capsys):
    """Write the page's file into a fresh repository: `petition check` accepts it and the key reads it."""
    assert path.startswith("signatures/") and path.endswith(".yaml")
    written = repo.write(path.removeprefix("signatures/"), text)
    capsys.readouterr()
    assert main(["--root", str(repo.root), "check"]) == 0, capsys.readouterr().out
    doc, problems = load(written, repo.settings())
    assert problems == []
    assert decrypt_contact(doc.fields["contact"], private_key) == email
    assert email not in text
    return doc.fields


def test_individual_signs_and_the_file_passes_the_check(page, repo, private_key, capsys):
    name = 'Ana "Nan" O\'Brien \\ de Vries'
    email = "ana.obrien+letter@example.org"
    fill(
        page,
        "individual",
        name,
        "law professor at the University of Ottawa",
        "NO",
        "https://example.org/ana?x=1&y=2",
        "ana-obrien",
        email,
    )
    path, text, href = result(page)
    # Focus moves to the result, and the GitHub email warning is shown with it.
    assert page.evaluate("document.activeElement.id") == "ps-result-title"
    assert path == "signatures/ana-nan-o-brien-de-vries.yaml" == f"signatures/{slugify(name)}.yaml"
    fields = accepted(repo, private_key, path, text, email, capsys)
    assert fields == {
        "type": "individual",
        "name": name,
        "affiliation": "law professor at the University of Ottawa",
        "country": "NO",
        "website": "https://example.org/ana?x=1&y=2",
        "github": "ana-obrien",
        "signed": dt.date.today().isoformat(),
        "version": "1",
        "contact": fields["contact"],
    }
    # "Propose on GitHub" carries exactly this file, at exactly this path.
    link = urlsplit(href)
    assert (link.scheme, link.netloc, link.path) == ("https", "github.com", NEW_FILE)
    assert parse_qs(link.query, keep_blank_values=True, strict_parsing=True) == {"filename": [path], "value": [text]}
    # Download gives the same file, under its file name.
    with page.expect_download() as info:
        page.click("#ps-download")
    download = info.value
    assert download.suggested_filename == path.split("/")[-1]
    assert open(download.path(), encoding="utf-8").read() == text
    assert page.is_visible("#ps-github-warning") and "Keep my email addresses private" in page.text_content(
        "#ps-github-warning"
    )
    assert not [m for m in page.console if m[0] == "error"]


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Общество «Открытый Интернет»", "obshchestvo-otkrytyy-internet"),
        ("开放互联网联盟", None),
        ("جمعية الإنترنت المفتوح", None),
    ],
)
def test_organisation_with_a_non_latin_name(page, repo, private_key, capsys, name, slug):
    email = "contact" + "@" + "例え.jp"  # made here: the guard refuses an address stored in the repository
    fill(page, "organization", name, country="EG", email=email)
    path, text, href = result(page)
    expected = slug or slugify(name)
    assert path == f"signatures/{expected}.yaml" and expected != "signatory"
    fields = accepted(repo, private_key, path, text, email, capsys)
    assert (fields["type"], fields["name"], fields["country"]) == ("organization", name, "EG")
    assert parse_qs(urlsplit(href).query) == {"filename": [path], "value": [text]}


def test_a_taken_file_name_is_avoided(page, repo, private_key, capsys):
    fill(page, "individual", "Jane Doe", country="FR", email="jane@example.net")
    path, text, _ = result(page)
    assert path == "signatures/jane-doe-2.yaml"  # the site already lists signatures/jane-doe.yaml
    repo.sign("jane-doe", "Jane Doe", country="KE")
    accepted(repo, private_key, path, text, "jane@example.net", capsys)


def test_invalid_answers_show_field_errors_and_make_no_file(page):
    fill(
        page,
        None,
        "<b>Bold</b>",
        "see [my page](https://x.org)",
        "",
        "ftp://example.org",
        "@octocat",
        "not-an-address",
        consent=False,
    )
    page.wait_for_selector("#ps-name-error:not(:empty)")
    for field in ("type", "name", "affiliation", "website", "github", "email", "consent"):
        assert page.text_content(f"#ps-{field}-error").strip(), field
    for selector in (
        "#ps-type-individual",
        "#ps-name",
        "#ps-affiliation",
        "#ps-website",
        "#ps-github",
        "#ps-email",
        "#ps-consent",
    ):
        assert page.get_attribute(selector, "aria-invalid") == "true", selector
        assert re.search(r"ps-\w+-error", page.get_attribute(selector, "aria-describedby"))
    assert page.get_attribute("#ps-country", "aria-invalid") is None
    assert "octocat" in page.text_content("#ps-github-error")  # says what to write instead
    assert page.evaluate("document.activeElement.id") == "ps-type-individual"  # the first error has the focus
    assert page.is_hidden("#ps-result") and page.text_content("#ps-yaml") == ""
    assert "7" in page.text_content("#ps-summary")
    # Fixing one field clears its error only.
    fill(page, None, "Bold", "see my page", "", "ftp://example.org", "@octocat", "not-an-address", consent=False)
    page.wait_for_function("document.getElementById('ps-name-error').textContent === ''")
    assert (
        page.get_attribute("#ps-name", "aria-invalid") is None
        and page.get_attribute("#ps-website", "aria-invalid") == "true"
    )
    assert page.is_hidden("#ps-result")


def test_an_email_address_outside_the_contact_is_refused(page):
    fill(page, "individual", "Reach me at me@example.org", email="me@example.org")
    page.wait_for_selector("#ps-name-error:not(:empty)")
    assert "email address" in page.text_content("#ps-name-error")
    assert page.is_hidden("#ps-result")


def test_changing_an_answer_hides_the_finished_file(page):
    fill(page, "individual", "Kim Lee", email="kim@example.org")
    result(page)
    page.fill("#ps-name", "Kim Leigh")
    assert page.is_hidden("#ps-result")


def test_keyboard_only(page, repo, private_key, capsys):
    page.focus("#ps-type-individual")
    page.keyboard.press("Space")
    for key, text in (
        ("Tab", "Ngozi Okafor"),
        ("Tab", None),
        ("Tab", None),
        ("Tab", None),
        ("Tab", None),
        ("Tab", "ngozi@example.org"),
    ):
        page.keyboard.press(key)
        if text:
            page.keyboard.type(text)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "ps-consent"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "ps-submit"
    page.keyboard.press("Enter")
    path, text, _ = result(page)
    assert path == "signatures/ngozi-okafor.yaml"
    accepted(repo, private_key, path, text, "ngozi@example.org", capsys)


def test_every_field_has_a_label(page):
    for label, selector in (
        ("Name *", "#ps-name"),
        ("Contact email *", "#ps-email"),
        ("Country (optional)", "#ps-country"),
        ("Website (optional)", "#ps-website"),
    ):
        assert page.get_by_label(label, exact=True).evaluate("e => '#' + e.id") == selector


def test_phone_width(browser, site):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site + "sign/")
    page.wait_for_selector("#ps-form:not([hidden])")
    fill(
        page,
        "organization",
        "Asociación Civil AlterMundi Córdoba y Sierras Grandes de la Provincia",
        country="AR",
        email="info\u0040example.org.ar",
    )
    result(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for selector in ("#ps-propose", "#ps-copy", "#ps-download", "#ps-name"):
        box = page.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, selector
    context.close()


def test_content_security_policy(page):
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe" not in policy
    # The theme's own inline code is allowed by hash: nothing on the page was refused.
    assert not [m for m in page.console if m[0] == "error"], page.console
    # An injected script does not run, and nothing can be sent to another host.
    refused = page.evaluate(
        """() => new Promise(resolve => {
            const seen = [];
            document.addEventListener('securitypolicyviolation', e => seen.push(e.effectiveDirective));
            const s = document.createElement('script');
            s.textContent = 'window.injected = 1';
            document.body.appendChild(s);
            fetch('https://example.org/collect').catch(() => {});
            setTimeout(() => resolve([seen, window.injected === 1]), 500);
        })"""
    )
    assert sorted(refused[0]) == ["connect-src", "script-src-elem"] and refused[1] is False


def test_closed_without_a_maintainer_key(browser, tmp_path, private_key):
    repo = make_repo(tmp_path / "repo", private_key, with_key=False)
    built = repo.build()
    assert built.returncode == 0, built.stderr
    with serve(repo.site) as url:
        page = browser.new_page()
        page.goto(url + "sign/")
        assert page.is_visible("text=Signing has not opened yet")
        assert page.locator("#ps-form").count() == 0 and page.locator("#ps-email").count() == 0
        page.close()


# --- The browser and Python apply the same rules ------------------------------------------------

TEXTS = [
    "Anna de Vries",
    "李小龍",
    "محمد\u200cرضا",
    "a\u200cb",
    "x\u200by",
    "Anna\u202eseirV",
    "two  spaces",
    "tab\there",
    "<b>",
    "AT&amp;T",
    "AT&T",
    "[a](b)",
    "![x]",
    "=SUM(A1)",
    "-dash",
    "+plus",
    "@home",
    "...",
    "١٢٣",
    "a" * NAME_MAX,
    "a" * (NAME_MAX + 1),
    "𝔸" * NAME_MAX,
    "me@example.org",
    "Zoë",
    "e\u0301",
    "\ue000private",
    "line\u2028break",
    'O\'Brien "Nan" \\',
]
WEBSITES = [
    "https://example.org",
    "http://example.org/a?b=c#d",
    "ftp://example.org",
    "HTTPS://example.org",
    "https://user@example.org",
    "https://localhost",
    "https://example.org:8080/",
    "https://example.org:99999/",
    "https://example.org:/",
    "https://exa mple.org",
    "https://example.org/<x>",
    "https://.org",
    "https://例え.jp/",
    "https://[::1]/",
    "https://example.org/a\u0040b.co",
    "javascript:alert(1)",
]
GITHUBS = ["octocat", "@octocat", "https://github.com/octocat", "-bad", "bad-", "a--b", "a" * 39, "a" * 40, "x_y"]
EMAILS = [
    "a\u0040example.org",
    "a.b+c\u0040example.co.uk",
    "no-at-sign",
    "\u0040example.org",
    "a\u0040",
    "a\u0040example",
    "a\u0040example.123",
    "a..b\u0040example.org",
    ".a\u0040example.org",
    "a\u0040localhost",
    "a\u0040example.local",
    "a b\u0040example.org",
    "jörg\u0040bücher.de",
    "a\u0040-example.org",
    "a\u0040example.org.",
    "x" * 65 + "@example.org",
]


def test_text_rules_agree_with_the_schema(page):
    for text in TEXTS:
        js = page.evaluate(f"t => window.petitionSign.checkText(t.normalize('NFC'), {NAME_MAX})", text)
        try:
            check_text(text, NAME_MAX)
            python = None
        except Exception as exc:  # noqa: BLE001 - pydantic's custom error
            python = str(exc)
        assert (js is None) == (python is None), (text, js, python)


@pytest.mark.parametrize("field, values", [("website", WEBSITES), ("github", GITHUBS)])
def test_field_rules_agree_with_the_schema(page, field, values):
    check = {"website": "checkWebsite", "github": "checkGithub"}[field]
    for value in values:
        js = page.evaluate(f"v => window.petitionSign.{check}(v)", value)
        python = field_problems({"type": "individual", "name": "N", field: value}).get(field)
        assert (js is None) == (python is None), (value, js, python)


def test_email_rules_agree_with_email_validator(page):
    for value in EMAILS:
        js = page.evaluate("v => window.petitionSign.checkEmail(v)", value)
        assert (js is None) == (email_problem(value) is None), (value, js)


def test_slugs_agree_with_python(page):
    names = [
        "Anna de Vries",
        "Zoë Ångström",
        "李小龍",
        "Общество",
        "جمعية الإنترنت",
        "Ελληνικά",
        "日本語のテキスト",
        "한국어",
        "हिन्दी",
        "ქართული",
        "🙂🙂",
        "Ⅻ ﬁ",
        "a" * 80,
        "x " * 50,
    ]
    for name in names:
        assert page.evaluate("n => window.petitionSign.slugify(n)", name) == slugify(name), name


def test_a_name_already_listed_for_the_country_is_pointed_out(page, site):
    # The site lists "Jane Doe" in Kenya: the same name, however it is typed, with the same country.
    fill(page, "individual", "JANE  doe".replace("  ", " "), country="KE", email="jane@example.net")
    result(page)
    assert page.is_visible("#ps-already")
    assert "A signatory named “JANE doe”, from the same country, is already on the list" in page.text_content(
        "#ps-already-text"
    )
    assert page.get_attribute("#ps-already-link", "href") == "../signatories/#jane-doe"
    page.click("#ps-already-link")
    page.wait_for_url(site + "signatories/#jane-doe")
    assert page.evaluate("document.getElementById('jane-doe').getBoundingClientRect().top") < 900


def test_the_same_name_in_another_country_is_not_pointed_out(page):
    fill(page, "individual", "Jane Doe", country="FR", email="jane@example.net")
    result(page)
    assert not page.is_visible("#ps-already")
    fill(page, "individual", "Jane Doe", country="", email="jane@example.net")
    result(page)
    assert not page.is_visible("#ps-already")


def test_names_are_normalised_as_python_does(page):
    from petition.check.duplicates import normalise_name

    names = [
        "Zoë Ångström",
        "ZOE ANGSTROM",
        "Straße",
        "STRASSE",
        "Ὀδυσσεύς",
        "ΟΔΥΣΣΕΥΣ",
        "İstanbul Üniversitesi",
        "Ａｎｎａ ｄｅ Ｖｒｉｅｓ",
        "O'Brien-Smith, Jr.",
        "Anna (de) Vries",
        "李小龍",
        "Общество «Открытый Интернет»",
        "جمعية الإنترنت",
        "ﬁne ﬂow",
        "Ⅻ",
        "d’Artagnan",
    ]
    for name in names:
        assert page.evaluate("n => window.petitionSign.normaliseName(n)", name) == normalise_name(name), name


# --- The page writes the bytes Python writes ------------------------------------------------------

ANSWER_SETS = [
    # Values YAML readers would take for a boolean, a number or Norway's "no": quoted.
    {"type": "individual", "name": "NO", "affiliation": "1", "country": "NO", "github": "yes"},
    {"type": "individual", "name": "yes", "affiliation": "2026-11-28 workshop", "github": "null"},
    # A comment, a nested mapping, a leading quote: quoted; a "#" inside a word and ":" without a space: plain.
    {
        "type": "organization",
        "name": "Open Net: the #1 coalition",
        "affiliation": "'Quoted' research",
        "website": "https://example.org/a?b=c#d",
    },
    {
        "type": "individual",
        "name": 'Ana "Nan" O\'Brien \\ de Vries',
        "affiliation": '"Leading quote" institute',
        "github": "ana-obrien",
    },
    {"type": "individual", "name": "C# users, a:b", "affiliation": "back\\slash"},
    # Non-Latin scripts, plain.
    {"type": "organization", "name": "Общество «Открытый Интернет»", "affiliation": "开放互联网联盟", "country": "EG"},
    {"type": "individual", "name": "محمد\u200cرضا", "affiliation": "जवाहरलाल नेहरू विश्वविद्यालय", "country": "IN"},
]


@pytest.mark.parametrize("answers", ANSWER_SETS, ids=lambda a: a["name"])
def test_the_page_writes_the_bytes_python_writes(page, private_key, answers):
    import yaml

    from petition.model.writer import file_text

    email = "signer@example.org"
    fill(
        page,
        answers["type"],
        answers["name"],
        answers.get("affiliation", ""),
        answers.get("country", ""),
        answers.get("website", ""),
        answers.get("github", ""),
        email,
    )
    _, text, _ = result(page)
    # The contact is encrypted afresh each time: the page's own, once it is shown to decrypt to the address.
    contact = yaml.load(text, Loader=yaml.BaseLoader)["contact"]
    assert decrypt_contact(contact, private_key) == email
    python = file_text(
        {
            **{k: v for k, v in answers.items() if v},
            "signed": dt.date.today().isoformat(),
            "version": "1",
            "contact": contact,
        }
    )
    assert text == python


def test_the_page_chooses_each_value_s_style_as_python_does(page):
    from petition.model.writer import scalar
    from yamlvalues import PLAIN, QUOTED

    values = (
        QUOTED
        + PLAIN
        + [
            "a" * 300,
            "x" + "\U0001f600" * 3,
            "\U0001f600:",
            "1 000",
            "0x",
            "Y es",
            "\u2028",
            "a\x85b",
            "\x7f",
            "\ufeffx",
            "a\tb",
            "e\u0301",
        ]
    )
    assert page.evaluate("vs => vs.map(window.petitionSign.scalar)", values) == [scalar(v) for v in values]
