"""The privacy promise end to end: no page asks a third-party host for anything, no plaintext
address reaches the site, the exports or the output of `petition check`."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from petition.cli import main
from playwright.sync_api import sync_playwright
from signhelpers import launch, make_repo, serve

SIGNERS = [
    ("Ama Owusu", "ama.owusu@example.org", "GH"),
    ("Общество «Открытый Интернет»", "info@открытый.рф", "RU"),
    ("李小龍", "li.xiaolong+letter@china.example", ""),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory, private_key):
    repo = make_repo(tmp_path_factory.mktemp("privacy") / "repo", private_key)
    for name, email, country in SIGNERS:
        argv = ["--root", str(repo.root), "sign", "--no-input", "--yes", "--type", "individual", "--name", name, "--email", email]
        assert main(argv + (["--country", country] if country else [])) == 0
    result = repo.build()
    assert result.returncode == 0, result.stderr
    return repo


def site_pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.mark.browser
def test_no_page_requests_anything_from_another_host(built):
    pages = site_pages(built.site)
    assert {"index.html", "sign/index.html", "signatories/index.html", "privacy/index.html", "404.html"} <= set(pages)
    with serve(built.site) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context()
        requests: list[tuple[str, str]] = []
        context.on("request", lambda request: requests.append((current[0], request.url)))
        current = [""]
        for path in pages:
            current[0] = path
            page = context.new_page()
            page.goto(url + path.removesuffix("index.html"), wait_until="networkidle")
            page.close()
        browser.close()
    local = urlsplit(url).netloc
    assert len({p for p, _ in requests}) == len(pages)  # every page was loaded and recorded
    assert any(r.endswith("/search/search_index.json") for _, r in requests)  # scripts ran and fetched
    outside = [(p, r) for p, r in requests if urlsplit(r).scheme not in ("data", "blob") and urlsplit(r).netloc != local]
    assert outside == []


def test_the_repository_link_stays_without_asking_github_for_facts(built):
    html = (built.site / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/justnetcoalition/wto-letter"' in html and 'class="md-source"' in html
    assert 'data-md-component="source"' not in html  # Material's script would call api.github.com for it


def test_no_plaintext_address_in_the_site_or_the_exports(built):
    assert len(json.loads((built.site / "signatories.json").read_text(encoding="utf-8"))["signatories"]) == len(SIGNERS) + 16
    for path in built.site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for _, email, _ in SIGNERS:
                assert email.encode() not in data, path
                assert email.split("@")[0].encode() + b"@" not in data, path
            assert not re.search(rb"rsa-oaep-sha256:[0-9a-f]{16}:[A-Za-z0-9+/]{16}", data), path  # nor a ciphertext


@pytest.mark.parametrize(
    "text",
    [
        'type: "individual"\nname: "Ama jane.doe@example.org"\n',
        'type: "individual"\nname: "Ama"\naffiliation: "write to jane.doe@example.org"\n',
        'type: "individual"\nname: "Ama"\nwebsite: "https://example.org/jane.doe@example.org"\n',
        'type: "individual"\nname: "Ama"\ncontact: "jane.doe@example.org"\n',
        'type: "individual"\nname: "Ama"\n# jane.doe@example.org\n',
        'type: "individual"\nname: "Ama"\njane.doe@example.org: "x"\n',
        'type: "individual"\nname: "Ama"\nsort_as: jane.doe@example.org\nsigned: "2025-01-01"\n',
    ],
)
@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_check_never_prints_the_address(repo, capsys, text, fmt):
    repo.write("ama", text)
    capsys.readouterr()
    assert main(["--root", str(repo.root), "check", "--format", fmt]) == 1
    out = capsys.readouterr()
    shown = out.out + out.err
    assert "signatures/ama.yaml" in shown
    assert "jane.doe" not in shown and not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", shown.replace("@-sign", ""))
