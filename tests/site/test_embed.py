"""The partners' counter: its page loads nothing, and embedded in a page of another origin under a strict
Content-Security-Policy it shows the count and a "Sign" link in real Chromium."""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import html
import http.server
import re
import threading

import pytest
from playwright.sync_api import sync_playwright

from browser import launch, serve
from conftest import make_repo
from petition.site import embed


@pytest.fixture(scope="module")
def built(tmp_path_factory, private_key):
    repo = make_repo(tmp_path_factory.mktemp("embed") / "repo", private_key)
    repo.add_founding()
    repo.sign("ola", "Ola Nordmann", country="NO")
    result = repo.build()
    assert result.returncode == 0, result.stderr
    return repo


def test_the_counter_page_holds_the_count_and_loads_nothing(built):
    page = (built.site / "embed" / "counter" / "index.html").read_text(encoding="utf-8")
    assert '<span class="n">17</span> signatures' in page and 'href="../../sign/"' in page
    # Nothing to fetch: no src, no stylesheet, no script; the one inline style allowed by its hash.
    assert not re.search(r"<(script|link|img|iframe)\b|\bsrc=|url\(", page)
    style = re.search(r"<style>(.*?)</style>", page).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1))
    assert policy.startswith("default-src 'none'; ") and f"style-src 'sha256-{digest}'" in policy
    closed = embed.counter_html(1, closed=True)
    assert "1</span> signature<" in closed and "sign/" not in closed and "Signatures are closed." in closed


def test_the_sign_page_documents_the_snippet(built):
    page = (built.site / "sign" / "index.html").read_text(encoding="utf-8")
    assert "&lt;iframe src=&quot;https://justnetcoalition.github.io/wto-letter/embed/counter/&quot;" in page
    assert "frame-src https://justnetcoalition.github.io" in page


class _PartnerHandler(http.server.SimpleHTTPRequestHandler):
    """A partner's site: its own strict policy, which lets in frames from the letter's site only."""

    frame_source = ""

    def end_headers(self):
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'none'; frame-src {self.frame_source}; style-src 'none'; script-src 'none'; img-src 'none'",
        )
        super().end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def partner(folder, frame_source: str):
    handler = type("Handler", (_PartnerHandler,), {"frame_source": frame_source})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_embedded_on_another_origin_under_a_strict_policy(built, tmp_path):
    with serve(built.site) as site:
        origin = site.rstrip("/")
        (tmp_path / "index.html").write_text(
            "<!doctype html><meta charset=utf-8><title>A partner</title><h1>Our partners</h1>"
            + embed.snippet(site).replace(' loading="lazy"', ""),
            encoding="utf-8",
        )
        with partner(tmp_path, origin) as page_url, sync_playwright() as p:
            assert page_url.rsplit(":", 1)[1] != site.rsplit(":", 1)[1]  # two origins: two ports
            browser = launch(p)
            tab = browser.new_page()
            messages, requests = [], []
            tab.on("console", lambda m: messages.append(m.text))
            tab.on("request", lambda r: requests.append(r.url))
            tab.goto(page_url)
            frame = tab.frame_locator("iframe")
            assert frame.locator(".n").inner_text() == "17"
            link = frame.get_by_role("link", name="Sign the letter")
            assert link.get_attribute("target") == "_blank"
            assert frame.locator("a").evaluate("a => a.href") == f"{site}sign/"
            # Its own style applied (allowed by hash), nothing blocked, nothing else fetched.
            assert frame.locator(".n").evaluate("e => getComputedStyle(e).fontWeight") == "700"
            assert messages == []
            assert requests == [page_url, f"{site}embed/counter/"]
            browser.close()


@pytest.mark.browser
def test_a_partner_policy_without_this_site_blocks_it(built, tmp_path):
    """The test's policy is real: without this site as a frame source, the counter does not load."""
    with serve(built.site) as site:
        (tmp_path / "index.html").write_text(
            "<!doctype html><meta charset=utf-8><title>A partner</title>" + embed.snippet(site), encoding="utf-8"
        )
        with partner(tmp_path, "'none'") as page_url, sync_playwright() as p:
            browser = launch(p)
            tab = browser.new_page()
            with tab.expect_console_message(lambda m: "frame-src" in m.text):
                tab.goto(page_url)
            assert all(frame.locator(".n").count() == 0 for frame in tab.frames)
            browser.close()
