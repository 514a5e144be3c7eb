"""The sign page shows what will be published before the file: a website typed without https://
completed (and said so), the entry as the list will show it, the file folded, and a signer whose
name is already listed stopped before the ways to send it."""

from __future__ import annotations

import pytest
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
