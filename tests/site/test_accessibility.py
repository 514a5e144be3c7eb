"""Every page the site publishes, checked by axe-core in real Chromium at a desktop's and a phone's
width (axe-playwright-python bundles axe-core: nothing is fetched), and what axe cannot see: Tab
stops in the phone's closed navigation drawer, and the error summary under the theme's buttons."""

from __future__ import annotations

import functools
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import bench  # noqa: E402

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1280, "phone": 375}


@pytest.fixture(scope="module")
def site(tmp_path_factory, private_key):
    """A real build of 300 generated signatures in blocks of 40 (so block pages exist), signing open."""
    from generated_site import build_generated

    root = tmp_path_factory.mktemp("a11y") / "repo"
    built = build_generated(root, private_key, 300, 40)
    server = bench.Server(("127.0.0.1", 0), functools.partial(bench._Quiet, directory=str(built)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/", built
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=bench.CHROMIUM, args=bench.CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def page(request, browser, site):
    base, _ = site
    page = browser.new_page(viewport={"width": WIDTHS[request.param], "height": 800})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    assert errors == []
    page.close()


def _settled(page):
    """The theme's script has run (it publishes its observables on window) and the page has settled."""
    page.wait_for_function("window.component$ !== undefined", timeout=30_000)
    page.wait_for_timeout(300)


def _sign_empty(page):
    page.wait_for_selector("#ps-form:not([hidden])")


def _sign_errors(page):
    _sign_empty(page)
    page.click("#ps-submit")
    page.wait_for_function("document.getElementById('ps-summary').textContent !== ''")


def _sign_ready(page):
    _sign_empty(page)
    page.check("#ps-type-individual")
    page.fill("#ps-name", "Ada Lovelace Accessible")
    page.select_option("#ps-country", "GB")
    page.fill("#ps-email", "ada@example.net")
    page.check("#ps-consent")
    page.click("#ps-submit")
    page.wait_for_selector("#ps-result:not([hidden])")


def _sign_namesake(page):
    """A file ready for a name already listed: the question before the ways to send it."""
    _sign_empty(page)
    name, country = page.evaluate(
        """async () => { const data = await (await fetch('../signatories-search.json')).json();
        const at = (f) => data.fields.indexOf(f);
        const row = data.rows.find(r => r[1] === 'i' && r[at('country')]);
        return [row[at('name')], row[at('country')]]; }"""
    )
    page.check("#ps-type-individual")
    page.fill("#ps-name", name)
    page.select_option("#ps-country", country)
    page.fill("#ps-email", "namesake@example.net")
    page.check("#ps-consent")
    page.click("#ps-submit")
    page.wait_for_selector("#ps-already:not([hidden])")


def _first_country(page):
    """From the page of all countries to the first country's own page."""
    page.click(".petition-country-table tbody a")
    page.wait_for_url("**/countries/*/")
    _settled(page)


def _searched(page):
    page.fill('.petition-search input[name="q"]', "a")
    page.wait_for_function("/match/.test(document.querySelector('.petition-result').textContent)")


PAGES = {
    "letter": ("", None),
    "signatories": ("signatories/", None),
    "signatories, searching": ("signatories/", _searched),
    "a block page": ("signatories-blocks/individual-2.html", None),
    "sign, empty": ("sign/", _sign_empty),
    "sign, with errors": ("sign/", _sign_errors),
    "sign, a file ready": ("sign/", _sign_ready),
    "sign, a name already listed": ("sign/", _sign_namesake),
    "privacy": ("privacy/", None),
    "a version page": ("versions/1/", None),
    "all countries": ("countries/all/", None),
    "a country page": ("countries/all/", _first_country),
    "delivery": ("delivery/", None),
    "the partners' counter": ("embed/counter/", None),
}
# Pages without the theme (and its script): plain HTML.
UNTHEMED = ("signatories-blocks/individual-2.html", "embed/counter/")


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_nothing(page, site, name):
    from axe_playwright_python.sync_playwright import Axe

    base, _ = site
    path, prepare = PAGES[name]
    page.goto(base + path)
    if path not in UNTHEMED:
        _settled(page)
    if prepare:
        prepare(page)
    found = Axe().run(page).response["violations"]
    assert [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}" for v in found] == []


@pytest.mark.parametrize("path", ["", "signatories/", "sign/"])
def test_tab_never_stops_in_the_closed_drawer_on_a_phone(browser, site, path):
    base, _ = site
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(base + path)
    _settled(page)
    stops = []
    for _ in range(25):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate(
                """() => { const e = document.activeElement;
                return [e.closest('.md-sidebar--primary') !== null, e.outerHTML.slice(0, 80)]; }"""
            )
        )
    assert [html for in_drawer, html in stops if in_drawer] == []
    # Opened, the drawer's links are reached (the fix hides it only while closed). Focus leaves the
    # last stop first: the theme's "Skip to content" link, once focused, lies over the menu button.
    page.evaluate("document.activeElement.blur()")
    page.click(".md-header label[for=__drawer]")
    page.wait_for_timeout(400)
    page.keyboard.press("Tab")
    inside = page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
    links = page.evaluate(
        "[...document.querySelectorAll('.md-sidebar--primary a')].filter(a => a.checkVisibility()).length"
    )
    assert inside or links > 0
    page.close()


def test_the_error_summary_is_not_under_the_theme_buttons_on_a_phone(browser, site):
    base, _ = site
    page = browser.new_page(viewport={"width": 375, "height": 667})
    page.goto(base + "sign/")
    _settled(page)
    _sign_empty(page)
    page.check("#ps-type-individual")  # the first field to correct is the name, just below the summary
    page.locator("#ps-submit").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.click("#ps-submit")
    page.wait_for_timeout(600)  # the theme shows "back to top" as the page scrolls up
    boxes = page.evaluate(
        """() => {
        const box = (e) => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right]; };
        const shown = (e) => e && !e.hidden && getComputedStyle(e).display !== 'none'
          && getComputedStyle(e).visibility !== 'hidden' && Number(getComputedStyle(e).opacity) > 0;
        const covers = [...document.querySelectorAll('.md-header, .md-top')].filter(shown).map(box);
        return {summary: box(document.getElementById('ps-summary')), focused: box(document.activeElement),
                focusedId: document.activeElement.id, covers, height: innerHeight};
        }"""
    )
    assert boxes["focusedId"] == "ps-name"

    def overlaps(a, b):
        return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]

    for what in ("summary", "focused"):
        box = boxes[what]
        assert 0 <= box[0] and box[1] <= boxes["height"], what
        assert not any(overlaps(box, cover) for cover in boxes["covers"]), (what, box, boxes["covers"])
    page.close()
