"""The country pages, built by MkDocs from a generated collection: the call, the counts, the list, the
government's responses; linked from the chart, the filter, the letter page and the feed; printable."""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import sync_playwright

from browser import launch, serve
from conftest import make_repo
from countrysigners import COUNTRIES, NAMES, generated
from petition.check.collection import check
from petition.check.responses import RecordEntry
from petition.model.fields import RESPONSE
from petition.report.rowformat import row_html, to_row
from petition.site import countrypages

TODAY = dt.date.today().isoformat()
RESPONSE_FILE = (
    'country: "NO"\nbody: Ministry of Trade, Industry and Fisheries\ndate: "{date}"\n'
    "link: https://www.regjeringen.no/en/answer?a=1&b=2\nsummary: The ministry will ask for observers.\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory, private_key):
    repo = make_repo(tmp_path_factory.mktemp("countries") / "repo", private_key)
    generated(repo)
    (repo.root / "responses").mkdir()
    (repo.root / "responses" / "no-ministry.yaml").write_text(RESPONSE_FILE.format(date=TODAY), encoding="utf-8")
    result = repo.build()
    assert result.returncode == 0, result.stderr
    return repo


def page(repo, code: str) -> str:
    return (repo.site / "countries" / code.lower() / "index.html").read_text(encoding="utf-8")


def test_each_country_page_lists_its_signatories_and_only_them(built):
    entries = check(built.settings()).entries
    for code in COUNTRIES:
        text = page(built, code)
        mine = [e for e in entries if e.signature.country == code]
        # Each of the country's rows exactly as the list renders it, in the list's order, and no one else.
        rendered = re.findall(r'<li id="([a-z0-9-]+)" data-type', text)
        assert sorted(rendered) == sorted(e.slug for e in mine) and len(rendered) == len(set(rendered))
        for entry in mine:
            assert row_html(to_row(entry)) in text
        orgs = sum(e.signature.type == "organization" for e in mine)
        name = NAMES[code]
        people = len(mine) - orgs
        counted = f"{orgs} organisation{'s' * (orgs != 1)} and {people} individual{'s' * (people != 1)}"
        assert f"Endorsed in {name} by {counted}." in text
        # The letter's call, from the letter itself.
        assert "We call on the Internet community to invite national governments" in text
        assert "<title>The letter in " + name in text


def test_the_governments_responses_are_on_the_country_page_and_the_letter(built):
    norway, kenya = page(built, "NO"), page(built, "KE")
    assert "Ministry of Trade, Industry and Fisheries" in norway
    assert 'href="https://www.regjeringen.no/en/answer?a=1&amp;b=2"' in norway
    assert "No response from the government of Kenya yet." in kenya
    letter = (built.site / "index.html").read_text(encoding="utf-8")
    assert "Governments that answered" in letter
    assert '<a href="countries/no/">Norway</a>' in letter


def test_the_chart_table_and_the_filter_link_to_the_country_pages(built):
    signatories = (built.site / "signatories" / "index.html").read_text(encoding="utf-8")
    for code in COUNTRIES:
        assert f'href="../countries/{code.lower()}/"' in signatories
    assert 'data-countries="../countries/"' in signatories


def test_the_feed_carries_the_response(built):
    feed = ET.parse(built.site / "signatures.atom").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    responses = [e for e in feed.iter(f"{atom}entry") if e.find(f"{atom}category").get("term") == "response"]
    assert len(responses) == 1
    [entry] = responses
    assert entry.find(f"{atom}title").text == "Response from Ministry of Trade, Industry and Fisheries (Norway)"
    assert entry.find(f"{atom}link").get("href").endswith("countries/no/#response-no-ministry")
    assert entry.find(f"{atom}id").text.endswith(":justnetcoalition/wto-letter/responses/no-ministry")


def test_the_print_styles_state_the_address_and_the_date_on_every_page(built):
    norway = page(built, "NO")
    assert '@bottom-left{content:"https://justnetcoalition.github.io/wto-letter/countries/no/"' in norway
    assert f"As published on {TODAY}" in norway
    css = (built.site / "assets" / "petition" / "country.css").read_text(encoding="utf-8")
    assert "@media print" in css and "break-before: page" in css and ".md-header" in css


@pytest.mark.browser
def test_printed_the_page_has_no_navigation_and_a_page_per_section(built):
    with sync_playwright() as p:
        browser = launch(p)
        tab = browser.new_page()
        tab.goto((built.site / "countries" / "ke" / "index.html").as_uri())  # organisations and individuals
        tab.emulate_media(media="print")
        assert not tab.locator(".md-header").is_visible()
        assert not tab.locator(".md-sidebar--primary").is_visible()
        breaks = tab.eval_on_selector_all(
            ".petition-country > section", "els => els.map(e => getComputedStyle(e).breakBefore)"
        )
        assert breaks == ["auto", "page", "page", "page"]
        browser.close()


def test_the_call_is_the_letters_call_for_action(repo):
    call = countrypages.letter_call(repo.settings())
    assert call.startswith("We call on the Internet community") and "\n" not in call
    (repo.root / "docs" / "index.md").write_text("# A letter\n\nFirst paragraph.\n\nSecond.\n", encoding="utf-8")
    assert countrypages.letter_call(repo.settings()) == "First paragraph."


def test_the_site_address():
    assert countrypages.site_address("https://example.org/letter", None) == "https://example.org/letter/"
    assert countrypages.site_address(None, "https://github.com/Org/repo") == "https://org.github.io/repo/"
    assert countrypages.site_address(None, "https://gitlab.com/org/repo") == ""


def test_a_response_is_escaped_everywhere(repo):
    entry = RecordEntry(
        RESPONSE,
        "responses/x.yaml",
        "x",
        {
            "country": "NO",
            "body": "A & B",
            "date": TODAY,
            "link": "https://example.org/?a=1&b=2",
            "summary": "S",
            "quote": "Q",
        },
        {},
    )
    out = countrypages.response_html(entry, "countries/no/")
    assert "A &amp; B" in out and "a=1&amp;b=2" in out and html.unescape(out).count("A & B") == 1


@pytest.mark.browser
def test_the_country_filter_links_to_the_countrys_page(built):
    with serve(built.site) as base, sync_playwright() as p:
        browser = launch(p)
        tab = browser.new_page()
        tab.goto(base + "signatories/?country=NO")
        link = tab.locator(".petition-country-page a")
        link.wait_for(state="visible")
        assert link.inner_text().startswith("The page of Norway: ")
        tab.select_option('select[name="country"]', "KE")
        assert link.inner_text().startswith("The page of Kenya: ")
        link.click()
        tab.wait_for_url(base + "countries/ke/")
        assert tab.title().startswith("The letter in Kenya")
        tab.go_back()
        tab.select_option('select[name="country"]', "")
        assert tab.locator(".petition-country-page").is_hidden()
        browser.close()


def test_the_whole_letters_page_counts_by_country_and_links_each(built):
    text = page(built, "all")
    entries = check(built.settings()).entries
    assert "<title>The letter and its endorsements" in text
    assert f"Endorsed by {sum(e.signature.type == 'organization' for e in entries)} organisation" in text
    for code in COUNTRIES:
        mine = [e for e in entries if e.signature.country == code]
        assert re.search(
            rf'<a href="../../countries/{code.lower()}/">{NAMES[code]}</a></td><td>\d+</td><td>\d+</td>'
            rf"<td>{len(mine)}</td>",
            text,
        )
    assert '<li id="' not in text  # no names: each country's page and the list carry them
    assert "Ministry of Trade, Industry and Fisheries" in text and "Governments that answered" in text


def test_a_country_that_answered_without_signatories_has_its_page(repo):
    answer = RecordEntry(
        RESPONSE,
        "responses/fr.yaml",
        "fr",
        {"country": "FR", "body": "Ministère", "date": TODAY, "link": "https://example.org/", "summary": "Noted."},
        {},
    )
    made = countrypages.pages([], [answer], repo.settings())
    assert [p.code for p in made] == ["FR", "all"] and made[0].src_uri == "countries/fr.md"
    html_fr = countrypages.country_html("FR", [], [answer], "../../", False)
    assert html_fr.count("<p>None yet.</p>") == 2 and "Ministère" in html_fr


@pytest.mark.browser
def test_an_empty_section_is_printed_under_the_one_before(tmp_path, private_key):
    repo = make_repo(tmp_path / "repo", private_key)
    repo.sign("ola", "Ola Nordmann", country="NO")  # an individual: no organisation in Norway
    assert repo.build().returncode == 0
    with sync_playwright() as p:
        browser = launch(p)
        tab = browser.new_page()
        tab.goto((repo.site / "countries" / "no" / "index.html").as_uri())
        tab.emulate_media(media="print")
        breaks = tab.eval_on_selector_all(
            ".petition-country > section",
            "els => els.map(e => e.id || e.className + ':' + getComputedStyle(e).breakBefore)",
        )
        browser.close()
    assert breaks == [
        "petition-country-counts:auto",
        "petition-section petition-section-empty:auto",
        "petition-section:page",
        "petition-responses:page",
    ]
