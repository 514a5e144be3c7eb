"""The sign page shows what will be published before the file: a website typed without https://
completed (and said so), the entry as the list will show it, the file folded, and a signer whose
name is already listed stopped before the ways to send it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from playwright.sync_api import sync_playwright

from petition.cli import main
from signhelpers import launch, make_repo, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def repo(tmp_path_factory, private_key):
    made = make_repo(tmp_path_factory.mktemp("preview") / "repo", private_key)
    made.sign("jane-doe", "Jane Doe", country="KE")
    built = made.build()
    assert built.returncode == 0, built.stderr
    return made


@pytest.fixture(scope="module")
def site(repo):
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
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site + "sign/")
    page.wait_for_selector("#ps-form:not([hidden])")
    yield page
    assert errors == []
    context.close()


def _prepare(page, name="Ada Preview", country="", website="", affiliation=""):
    page.check("#ps-type-individual")
    page.fill("#ps-name", name)
    page.fill("#ps-affiliation", affiliation)
    page.select_option("#ps-country", country)
    page.fill("#ps-website", website)
    page.fill("#ps-email", "ada@example.net")
    page.check("#ps-consent")
    page.click("#ps-submit")
    page.wait_for_selector("#ps-result:not([hidden])")
    return page.text_content("#ps-filename"), page.text_content("#ps-yaml")


@pytest.mark.parametrize(
    ("typed", "completed"),
    [
        ("example.org", "https://example.org/"),
        ("www.example.org/about/us", "https://www.example.org/about/us"),
        ("example.org:8080", "https://example.org:8080/"),
        ("bücher.example", "https://bücher.example/"),
    ],
)
def test_a_website_typed_without_https_is_completed_and_shown(page, repo, capsys, typed, completed):
    path, text = _prepare(page, website=typed)
    assert f"website: {completed}\n" in text
    assert page.input_value("#ps-website") == completed
    assert page.text_content("#ps-website-note") == f"Completed to {completed}: check it is right."
    assert page.is_visible("#ps-website-note")
    written = repo.write(path.removeprefix("signatures/"), text)
    try:
        capsys.readouterr()
        assert main(["--root", str(repo.root), "check", str(written)]) == 0, capsys.readouterr().out
    finally:
        written.unlink()


def test_only_a_bare_host_is_completed(page):
    unchanged = ["ftp://example.org/", "mailto:ada@example.org", "example", "http://example.org", "ex ample.org", ""]
    assert [page.evaluate("v => window.petitionSign.completeWebsite(v)", v) for v in unchanged] == unchanged
    # A complete address is not touched, and nothing is said about it.
    _prepare(page, website="https://example.org/x")
    assert page.input_value("#ps-website") == "https://example.org/x"
    assert page.text_content("#ps-website-note") == ""


def _published(path: str, text: str) -> str:
    """The list's entry for the page's file, as the site build writes it (rowformat.row_html)."""
    from petition.report.rowformat import row_html, row_of

    fields = yaml.safe_load(text)
    slug = path.removeprefix("signatures/").removesuffix(".yaml")
    return row_html(row_of(slug, {k: str(v) for k, v in fields.items()}))


@pytest.mark.parametrize(
    "answers",
    [
        {"name": "Ada Preview"},
        {
            "name": "Zoë “Z” O'Neil & Co",
            "country": "NO",
            "affiliation": "Universitetet i Oslo",
            "website": "example.org/zoe?a=1&b=2",
        },
        {"name": "محمد الأمين", "country": "EG", "affiliation": "جامعة القاهرة"},
    ],
)
def test_what_will_be_published_is_shown_first_as_the_list_shows_it(page, answers):
    path, text = _prepare(page, **answers)
    # The same nodes as the list's entry (compared as the browser reads both).
    as_read = page.evaluate(
        "h => { const t = document.createElement('template'); t.innerHTML = h; return t.innerHTML; }",
        _published(path, text),
    )
    assert page.inner_html("#ps-preview") == as_read
    # First the entry, then the file, folded.
    order = page.evaluate(
        "['ps-preview', 'ps-yaml'].map(id => document.getElementById(id).getBoundingClientRect().top)"
    )
    assert order[0] < order[1] or not page.is_visible("#ps-yaml")
    assert page.evaluate("document.querySelector('details.ps-file').open") is False
    assert not page.is_visible("#ps-yaml")
    page.click("details.ps-file summary")
    assert page.is_visible("#ps-yaml")


def test_a_name_already_listed_stops_the_signer_until_they_say_who_they_are(page, site):
    path, text = _prepare(page, name="Jane Doe", country="KE")
    assert page.is_visible("#ps-already")
    assert "A signatory named “Jane Doe”, from the same country, is already on the list" in page.text_content(
        "#ps-already-text"
    )
    # Nothing to send yet: their entry, or "I am a different person".
    assert (
        not page.is_visible("#ps-propose") and not page.is_visible("#ps-download") and not page.is_visible("#ps-copy")
    )
    assert not page.is_visible("#ps-mailto") and not page.is_visible("#ps-copy-message")
    assert page.get_attribute("#ps-already-link", "href") == "../signatories/#jane-doe"
    assert page.is_visible("#ps-already-link") and page.is_visible("#ps-already-other")
    page.click("#ps-already-other")
    assert page.is_visible("#ps-propose") and page.is_visible("#ps-already-confirmed")
    assert not page.is_visible("#ps-already-other")
    query = parse_qs(urlsplit(page.get_attribute("#ps-propose", "href")).query)
    assert query["value"] == [text] and query["filename"] == [path]
    assert query["message"] == ["Endorsement by Jane Doe, a different person from the signatory of the same name"]
    note = "I am a different person from the signatory of the same name already listed (signatures/jane-doe.yaml)."
    assert query["description"] == [note]
    # The email says it too, before the file.
    body = parse_qs(urlsplit(page.get_attribute("#ps-mailto", "href")).query)["body"][0].replace("\r\n", "\n")
    assert body.endswith(f"\n\n{note}\n\n{text}")
    # A new file for someone not listed: no question, and the pull request says nothing of namesakes.
    page.fill("#ps-name", "Jane Doe Other")
    _prepare(page, name="Jane Doe Other", country="KE")
    assert not page.is_visible("#ps-already") and page.is_visible("#ps-propose")
    assert "message" not in parse_qs(urlsplit(page.get_attribute("#ps-propose", "href")).query)


def test_following_the_link_to_the_listed_entry(page, site):
    _prepare(page, name="Jane Doe", country="KE")
    page.click("#ps-already-link")
    page.wait_for_url(site + "signatories/#jane-doe")
    page.wait_for_selector("#jane-doe.petition-target")
