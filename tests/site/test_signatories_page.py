"""The signatories page and the letter page in real Chromium, on a built site of a few hundred names."""

from __future__ import annotations

import functools
import http.server
import json
import sys
import threading
from pathlib import Path
from urllib.parse import quote

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import bench  # noqa: E402

pytestmark = pytest.mark.browser

N = 300
BLOCK = 40


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory, private_key):
    """A real build of N generated signatures, blocks of BLOCK rows, served on localhost."""
    from generated_site import build_generated

    root = tmp_path_factory.mktemp("site") / "repo"
    site = build_generated(root, private_key, N, BLOCK)
    server = bench.Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/", site
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=bench.CHROMIUM, args=bench.CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, site):
    base, _ = site
    page = browser.new_page()
    foreign: list[str] = []

    def route(r):
        if r.request.url.startswith(base):
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    assert errors == []
    # Nothing from other hosts, but for Material's own fetch of the repository's star count (a
    # theme feature set by repo_url, outside this page's code).
    assert foreign == []
    page.close()


def _data(site):
    return json.loads((site[1] / "signatories-search.json").read_text())


def test_all_blocks_load_and_every_name_is_in_the_page(page, site):
    base, _ = site
    page.goto(base + "signatories/")
    page.wait_for_function(f"document.querySelectorAll('.petition-all li[id]').length === {N}", timeout=30_000)
    assert page.locator(".petition-block[data-block]").count() == 0
    ids = page.eval_on_selector_all(".petition-all li[id]", "els => els.map(e => e.id)")
    assert ids == [r[0] for r in _data(site)["rows"]]  # page order = data order, each once


def test_search_filters_as_you_type_with_counts_and_shareable_url(page, site, browser):
    base, _ = site
    rows = _data(site)["rows"]
    target = next(r for r in rows if r[1] == "i" and not r[2].isascii())
    word = target[2].split(" ")[0]
    expected = [r for r in rows if word.casefold() in (r[2] + " " + r[3]).casefold()]
    page.goto(base + "signatories/")
    page.fill('input[name="q"]', word)
    page.wait_for_function("document.querySelector('.petition-result').textContent.includes('match')")
    text = page.text_content(".petition-result")
    orgs = sum(1 for r in expected if r[1] == "o")
    assert text.startswith(f"{len(expected):,} signator")
    assert f"{orgs:,} organisation" in text and f"{len(expected) - orgs:,} individual" in text
    shown = page.eval_on_selector_all(".petition-results li bdi:first-child", "els => els.map(e => e.textContent)")
    assert shown == [r[2] for r in expected][:100]
    # The address says what is searched once typing pauses.
    page.wait_for_function("w => new URL(location.href).searchParams.get('q') === w", arg=word)
    assert f"q={quote(word)}" in page.url or "q=" + word in page.url

    # The URL reopens the same search.
    other = browser.new_page()
    other.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
    other.goto(page.url)
    other.wait_for_function("document.querySelector('.petition-result').textContent.includes('match')")
    assert other.input_value('input[name="q"]') == word
    assert other.text_content(".petition-result") == text
    other.close()


def test_country_filter_and_url(page, site):
    base, _ = site
    data = _data(site)
    code = max(data["countries"], key=lambda c: sum(1 for r in data["rows"] if r[4] == c))
    count = sum(1 for r in data["rows"] if r[4] == code)
    page.goto(base + f"signatories/?country={code}")
    page.wait_for_function("document.querySelector('.petition-result').textContent.includes('match')")
    assert page.input_value('select[name="country"]') == code
    assert page.text_content(".petition-result").startswith(f"{count:,} signator")
    # narrowing by text within the country
    page.fill('input[name="q"]', "zzzz-nobody")
    page.wait_for_function("document.querySelector('.petition-result').textContent === 'No signatory matches.'")
    page.wait_for_function("new URL(location.href).searchParams.get('q') === 'zzzz-nobody'")
    assert "country=" + code in page.url and "q=zzzz-nobody" in page.url
    page.fill('input[name="q"]', "")
    page.select_option('select[name="country"]', "")
    page.wait_for_function("document.querySelector('.petition-result').textContent === ''")
    page.wait_for_function("!location.search")
    assert "country=" not in page.url and "q=" not in page.url


def test_anchor_reaches_a_signatory_in_a_later_block(page, site):
    base, _ = site
    rows = _data(site)["rows"]
    slug = rows[-1][0]  # the very last individual: in the last block, not in the page's HTML
    html = (site[1] / "signatories" / "index.html").read_text()
    assert f'id="{slug}"' not in html
    page.goto(base + f"signatories/#{slug}")
    page.wait_for_selector(f"#{slug}.petition-target", timeout=30_000)
    box = page.evaluate(
        f"() => {{ const r = document.getElementById('{slug}').getBoundingClientRect(); return [r.top, "
        f"r.bottom, innerHeight]; }}"
    )
    assert 0 <= box[0] and box[1] <= box[2]  # scrolled into view


def test_search_result_links_to_the_row(page, site):
    base, _ = site
    rows = _data(site)["rows"]
    target = rows[len(rows) // 2]
    page.goto(base + "signatories/")
    page.fill('input[name="q"]', target[2])
    page.wait_for_function("document.querySelector('.petition-results li a')")
    page.click(".petition-results li a")
    page.wait_for_selector(f"#{target[0]}.petition-target", timeout=30_000)


def test_recent_block_on_the_letter_page(page, site):
    base, root = site
    rows = _data(site)["rows"]
    page.goto(base)
    items = page.eval_on_selector_all(
        ".petition-recent li",
        "els => els.map(e => [e.querySelector('a').getAttribute('href'), "
        "e.querySelector('.petition-date').textContent])",
    )
    assert len(items) == 10
    dates = [d for _, d in items]
    assert dates == sorted(dates, reverse=True)
    exported = json.loads((root / "signatories.json").read_text())["signatories"]
    newest = max(s["signed"] for s in exported if s["signed"])
    assert dates[0] == newest
    # Totals on the letter page match the list.
    orgs = sum(1 for r in rows if r[1] == "o")
    assert f"Endorsed by {orgs:,} organisations and {len(rows) - orgs:,} individuals" in page.text_content(
        ".petition-counts"
    )
    page.click(".petition-recent li a")
    slug = items[0][0].split("#", 1)[1]
    page.wait_for_selector(f"#{slug}.petition-target", timeout=30_000)


@pytest.mark.parametrize("width", [1280, 375])
def test_chart_is_readable_most_first_and_links_to_every_country(page, site, width):
    base, _ = site
    data = _data(site)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base + "signatories/")
    totals = {c: sum(1 for r in data["rows"] if r[4] == c) for c in data["countries"]}
    bars = page.eval_on_selector_all(
        ".petition-chart-bars li",
        "els => els.map(e => [e.querySelector('.petition-chart-label').textContent, "
        "parseInt(e.querySelector('.petition-chart-value').textContent.replace(/,/g, ''))])",
    )
    assert len(bars) == min(len(totals), 15)
    assert [n for _, n in bars] == sorted(totals.values(), reverse=True)[: len(bars)]
    assert bars[0][0] == data["countries"][max(totals, key=totals.get)]
    # Labels and counts at the size of the body's text, at a phone's width too.
    sizes = page.evaluate(
        """() => [getComputedStyle(document.querySelector('.md-typeset p')).fontSize,
        ...[...document.querySelectorAll('.petition-chart-label, .petition-chart-value')]
          .map(e => getComputedStyle(e).fontSize)]"""
    )
    assert set(sizes) == {sizes[0]}
    page.click(f"text=All {len(totals)} countries")
    page.wait_for_function("document.getElementById('all-countries').open")
    assert page.locator("#all-countries tbody tr").count() == len(totals)
    assert page.locator("#all-countries tbody tr").first.is_visible()


def test_list_is_kept_out_of_the_site_search_index(site):
    index = json.loads((site[1] / "search" / "search_index.json").read_text())
    assert not any(doc["location"].startswith("signatories/") for doc in index["docs"])
    rows = _data(site)["rows"]
    assert rows[0][2] not in json.dumps(index, ensure_ascii=False)


def test_theme_script_starts_after_the_list_opens_and_still_works(page, site):
    """Material's bundle is fetched after DOMContentLoaded (petition.site.themescript), and its search runs."""
    base, _ = site
    page.goto(base + "signatories/")
    page.wait_for_function(
        "performance.getEntriesByType('resource').some(e => /bundle\\.[0-9a-f]+\\.min\\.js$/.test(e.name))"
    )
    started, opened = page.evaluate(
        "() => [performance.getEntriesByType('resource').find(e => "
        "/bundle\\.[0-9a-f]+\\.min\\.js$/.test(e.name)).startTime,"
        " performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd]"
    )
    assert started >= opened
    # The theme's own search (the letter's text, not the list) answers as on any other page.
    page.click("input.md-search__input")
    page.keyboard.type("transparency", delay=20)  # Material searches on key events
    page.wait_for_function(
        "(document.querySelector('.md-search-result__meta') || {}).textContent?.includes('matching document')",
        timeout=30_000,
    )
    assert page.locator(".md-search-result__item").count() >= 1
