"""The signatories page in real Chromium on a list of thousands (entry numbers of four digits):
numbers drawn in full, a shared ``?q=`` link, and search results in place of the list."""

from __future__ import annotations

import functools
import json
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import bench  # noqa: E402
from browser import ink_columns  # noqa: E402

pytestmark = pytest.mark.browser

N = 8_000  # about 7,000 individuals: entry 6,786 exists
ENTRY = 6_786


@pytest.fixture(scope="module")
def site(tmp_path_factory, private_key):
    from generated_site import build_generated

    root = tmp_path_factory.mktemp("scale") / "repo"
    built = build_generated(root, private_key, N, 300)
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


@pytest.fixture(params=[1280, 375], ids=["desktop", "phone"])
def page(request, browser, site):
    base, _ = site
    page = browser.new_page(viewport={"width": request.param, "height": 800})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    assert errors == []
    page.close()


def _rows(site):
    return json.loads((site[1] / "signatories-search.json").read_text())["rows"]


def _theme_started(page):
    """Material's bundle has run (it publishes its observables on window) and settled."""
    page.wait_for_function("window.component$ !== undefined", timeout=30_000)
    page.wait_for_timeout(300)


def test_four_digit_entry_numbers_are_drawn_whole(page, site):
    """The marker "6786." sits left of its entry, outside the <li>, and a block's content-visibility
    clips what is drawn outside it: every column of the number is inked as with no clipping at all."""
    base, _ = site
    individuals = [r for r in _rows(site) if r[1] == "i"]
    slug = individuals[ENTRY - 1][0]
    page.goto(base + f"signatories/#{slug}")
    page.wait_for_selector(f"#{slug}.petition-target", timeout=60_000)
    number = page.evaluate(
        f"() => {{ const li = document.getElementById('{slug}'); "
        "return li.parentNode.start + [...li.parentNode.children].indexOf(li); }"
    )
    assert number == ENTRY
    page.evaluate(f"document.getElementById('{slug}').classList.remove('petition-target')")
    # From a little left of the block's edge (where the clip is) to the entry's text: the number.
    box = page.evaluate(
        f"""() => {{ const li = document.getElementById('{slug}'), r = li.getBoundingClientRect();
        const x = Math.floor(li.closest('.petition-block').getBoundingClientRect().left) - 24;
        return {{x, y: Math.floor(r.top), width: Math.ceil(r.left) - x, height: Math.ceil(r.height)}}; }}"""
    )
    drawn = ink_columns(page.screenshot(clip=box, animations="disabled"))
    # The same block, on screen and laid out, without the containment that clips (its size is its content's).
    page.evaluate(f"document.getElementById('{slug}').closest('.petition-block').style.contentVisibility = 'visible'")
    page.wait_for_timeout(100)
    whole = ink_columns(page.screenshot(clip=box, animations="disabled"))
    assert len(whole) > 20  # four digits and a full stop
    assert min(drawn) == min(whole) and len(drawn) >= len(whole) - 2  # the same, to antialiasing


def test_a_shared_q_link_opens_the_list_search_and_not_the_site_search(page, site):
    base, _ = site
    word = next(r[2] for r in _rows(site) if r[1] == "i").split(" ")[0]
    page.goto(base + f"signatories/?q={word}")
    page.wait_for_function("/match/.test(document.querySelector('.petition-result').textContent)", timeout=30_000)
    _theme_started(page)
    assert page.evaluate("document.querySelector('[data-md-toggle=search]').checked") is False
    assert not page.locator(".md-search__output").is_visible()
    assert page.input_value('.petition-search input[name="q"]') == word
    assert f"q={word}" in page.url  # the link still says what it searches
    # The site search still works when asked for.
    page.locator("label[for=__search], input.md-search__input").locator("visible=true").first.click()
    assert page.evaluate("document.querySelector('[data-md-toggle=search]').checked") is True


def test_search_results_take_the_list_place(page, site):
    base, _ = site
    rows = _rows(site)
    page.goto(base + "signatories/")
    page.wait_for_function("!document.querySelector('.petition-block[data-block]')", timeout=60_000)
    listed = "document.querySelector('.petition-all li').checkVisibility()"
    assert page.evaluate(listed) is True
    box = page.locator('.petition-search input[name="q"]')
    box.fill("qxzvj-nobody")
    page.wait_for_function("document.querySelector('.petition-result').textContent === 'No signatory matches.'")
    # Not the whole list under "no match" (hidden once the keystroke's frame is painted).
    page.wait_for_function(f"!{listed}")
    assert page.locator(".petition-results li").count() == 0
    target = rows[len(rows) // 3]
    box.fill(target[2])
    page.wait_for_function("/match/.test(document.querySelector('.petition-result').textContent)")
    assert page.text_content(".petition-result").startswith("1 signatory matches")
    assert page.eval_on_selector_all(".petition-results li a", "els => els.map(e => e.getAttribute('href'))") == [
        f"#{target[0]}"
    ]
    assert page.evaluate(listed) is False
    box.fill("")
    page.wait_for_function(listed)
    assert page.text_content(".petition-result") == ""
