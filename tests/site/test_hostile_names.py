"""In real Chromium: signatories whose text looks hostile but is valid are shown as plain text.

No script runs (dialogs, page errors and the console are watched), no element is injected, each
entry's text equals its file's text, and right-to-left names are isolated so that the ", Country"
after them stays after them.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

import pytest
import yaml

from browser import launch, serve
from petition.model.rules import country_name
from test_corpus import CORPUS, VALID, _contact_variants, _fill, _transform

# Valid text that a careless page would turn into markup, script or a broken attribute.
LOOKS_HOSTILE = {
    "quotes-and-alert": ("organization", 'Ben & Jerry\'s "Foundation" (alert(1))', "javascript:alert('x')", "US"),
    "attribute-break": ("individual", "Anna' onmouseover='alert(1)' \"Example", 'x" autofocus onfocus="alert(2)', "SE"),
    "template-syntax": ("organization", "Anna {{7*7}} ${alert(3)} Lab", "%3Cscript%3Ealert(4)%3C/script%3E", None),
    "markdown-look": ("individual", "Anna *bold* _em_ `code` # Example", "Lab | table | row", "DE"),
    "arabic-with-latin": ("individual", "ليلى حداد", "American University of Beirut (AUB)", "LB"),
    "hebrew-with-latin": ("individual", "דוד כהן", "Hebrew University, Jerusalem", "IL"),
    # Digits after a right-to-left name: without isolation the " (" would join the name's run and jump left of it.
    "hebrew-then-digits": ("individual", "דנה לוי", "12", None),
}


@pytest.fixture
def hostile_site(repo, other_private_key):
    values = _contact_variants(repo, other_private_key)
    expected: dict[str, tuple[str, str, str]] = {}
    for case, options in VALID.items():
        text = _fill((CORPUS / "valid" / f"{case}.yaml").read_text(encoding="utf-8"), values)
        repo.write(f"{case}.yaml", _transform(text, options.get("transform")))
        fields = yaml.load(text, Loader=yaml.BaseLoader)
        expected[case] = (fields["name"], fields.get("affiliation", ""), fields.get("country", ""))
    for slug, (kind, name, affiliation, country) in LOOKS_HOSTILE.items():
        extra = {"affiliation": affiliation} if affiliation else {}
        if country:
            extra["country"] = country
        repo.sign(slug, name, type=kind, **extra)
        expected[slug] = (name, affiliation or "", country or "")
    built = repo.build()
    assert built.returncode == 0, built.stderr
    with serve(repo.site) as base:
        yield base, expected


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.mark.browser
def test_hostile_looking_names_are_plain_text_in_chromium(hostile_site):
    from playwright.sync_api import sync_playwright

    base, expected = hostile_site
    dialogs, errors, console, foreign = [], [], [], []

    def route(route):
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:  # nothing may come from elsewhere, and nothing may hang waiting for it
            foreign.append(route.request.url)
            route.abort()

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            page.route("**/*", route)
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: console.append((m.type, m.text)))
            page.goto(base + "signatories/", wait_until="load")
            page.wait_for_timeout(300)  # let any injected handler (onfocus, autofocus) fire if one existed

            items = page.eval_on_selector_all(
                "ol.petition-list > li",
                """els => els.map(li => ({
                    id: li.id,
                    text: li.textContent,
                    tags: [...li.querySelectorAll('*')].map(e => e.tagName.toLowerCase()),
                    attrs: [...li.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name)),
                    bdi: [...li.querySelectorAll('bdi')].map(b =>
                        [b.textContent, b.getAttribute('dir'), getComputedStyle(b).unicodeBidi]),
                }))""",
            )
            injected = page.eval_on_selector_all(
                ".petition-section img, .petition-section script, .petition-section iframe, "
                ".petition-section object, .petition-section embed, .petition-section svg, "
                ".petition-section form, .petition-section input, .petition-section style",
                "els => els.length",
            )
            rtl = {
                slug: page.evaluate(
                    """slug => {
                        const li = document.getElementById(slug);
                        const name = li.firstElementChild;
                        const after = name.nextSibling;  // ", Country" or " (": plain text right after the name
                        const range = document.createRange();
                        range.selectNodeContents(after);
                        return {
                            nameRight: name.getBoundingClientRect().right,
                            afterLeft: range.getBoundingClientRect().left,
                            after: after.textContent,
                        };
                    }""",
                    slug,
                )
                for slug in (
                    "arabic-with-latin",
                    "hebrew-with-latin",
                    "hebrew-then-digits",
                    "hebrew",
                    "arabic",
                    "persian-zero-width-non-joiner",
                )
            }
        finally:
            browser.close()

    assert dialogs == [] and errors == []
    # The only console errors allowed are the requests to other hosts this test aborted (Material's
    # repository widget asks api.github.com for star counts: a site-configuration matter, not signer text).
    assert [m for m in console if m[0] == "error" and not m[1].startswith("Failed to load resource")] == []
    assert foreign == []  # the theme override keeps Material from asking api.github.com
    assert [m for m in console if m[0] == "error"] == []
    assert injected == 0
    for slug, box in rtl.items():
        # In a left-to-right page the ", Country" or " (" after a right-to-left name is drawn to its right.
        assert box["after"].startswith((", ", " (")) and box["afterLeft"] >= box["nameRight"] - 0.5, (slug, box)
    assert sorted(i["id"] for i in items) == sorted(expected)
    for item in items:
        name, affiliation, country = (_nfc(v) for v in expected[item["id"]])
        assert item["text"] == name + (f", {country_name(country)}" if country else "") + (
            f" ({affiliation})" if affiliation else ""
        )
        assert set(item["tags"]) <= {"a", "bdi"}
        assert set(item["attrs"]) <= {"dir", "href", "rel"}
        assert [b[0] for b in item["bdi"]] == [name] + ([affiliation] if affiliation else [])
        assert all(b[1] == "auto" and b[2] == "isolate" for b in item["bdi"])
