"""The privacy promise end to end: no page asks a third-party host for anything, no plaintext
address reaches the site, the exports or the output of `petition check`."""

from __future__ import annotations

import json
import re
import shutil
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from petition.check import collection
from petition.cli import main
from petition.load.document import load
from petition.site import listing
from signhelpers import launch, make_repo, serve

SIGNERS = [
    ("Ama Owusu", "ama.owusu@example.org", "GH"),
    ("Общество «Открытый Интернет»", "info" + "@" + "открытый.рф", "RU"),
    ("李小龍", "li.xiaolong+letter@china.example", ""),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory, private_key):
    repo = make_repo(tmp_path_factory.mktemp("privacy") / "repo", private_key)
    with open(repo.root / "pyproject.toml", "a", encoding="utf-8") as handle:
        handle.write("list_block = 2\n")  # block files too, from a few rows
    for name, email, country in SIGNERS:
        argv = [
            "--root",
            str(repo.root),
            "sign",
            "--no-input",
            "--yes",
            "--type",
            "individual",
            "--name",
            name,
            "--email",
            email,
        ]
        assert main(argv + (["--country", country] if country else [])) == 0
    # A cold build first: with no cache, every row's pieces are made from the checked files
    # themselves (a warm cache would hand the build the public values it stored instead).
    shutil.rmtree(repo.root / ".cache", ignore_errors=True)
    result = repo.build()
    assert result.returncode == 0, result.stderr
    shutil.copytree(repo.site, repo.root / "site-cold")
    # Then a build after a check has warmed the cache without the pieces (what `petition sign` leaves).
    shutil.rmtree(repo.root / ".cache")
    assert main(["--root", str(repo.root), "check"]) == 0
    result = repo.build()
    assert result.returncode == 0, result.stderr
    return repo


def contacts(repo) -> list[str]:
    """The encrypted contacts of the repository's signature files, as the loader reads them."""
    found = []
    for path in sorted(repo.signatures.glob("*.yaml")):
        doc, problems = load(path, repo.settings())
        assert problems == [], problems
        if "contact" in doc.fields:
            found.append(doc.fields["contact"])
    return found


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
    outside = [
        (p, r) for p, r in requests if urlsplit(r).scheme not in ("data", "blob") and urlsplit(r).netloc != local
    ]
    assert outside == []


def test_the_repository_link_stays_without_asking_github_for_facts(built):
    html = (built.site / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/justnetcoalition/wto-letter"' in html and 'class="md-source"' in html
    assert 'data-md-component="source"' not in html  # Material's script would call api.github.com for it


@pytest.mark.parametrize("site", ["site-cold", "site"])
def test_no_address_and_no_contact_in_the_site_or_the_exports(built, site):
    folder = built.root / site
    outputs = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    # The files that carry signer data are all among those read below.
    assert {
        "signatories.json",
        "signatories.csv",
        "signatories-search.json",
        "signatories-by-country.csv",
        "signatures.atom",
        "badge.json",
        "index.html",
        "signatories/index.html",
    } <= set(outputs)
    assert any(name.startswith("signatories-blocks/") for name in outputs)
    assert len(json.loads(outputs["signatories.json"])["signatories"]) == len(SIGNERS) + 16
    ciphertexts = contacts(built)
    assert len(ciphertexts) == len(SIGNERS)
    needles = [email.encode() for _, email, _ in SIGNERS] + [
        email.split("@")[0].encode() + b"@" for _, email, _ in SIGNERS
    ]
    for contact in ciphertexts:
        body = contact.rsplit(":", 1)[1]
        needles += [contact.encode(), body.encode(), body[:24].encode(), body[-24:].encode()]
    for name, data in sorted(outputs.items()):
        for needle in needles:
            assert needle not in data, (name, needle[:30])
        assert not re.search(rb"rsa-oaep-sha256:[0-9a-f]{16}:[A-Za-z0-9+/]{16}", data), name  # nor any other ciphertext


def test_the_build_path_never_carries_the_contact(built):
    """What the site is made from (each row's fields, the check's records) never holds the contact."""
    seen = []
    pieces = listing.RowPieces(False)

    def derive(slug, fields):
        seen.append(dict(fields))
        return pieces(slug, fields)

    result = collection.check(built.settings(), derive=derive)  # no cache: every file read and checked
    assert result.ok and len(seen) == len(SIGNERS) + 16
    assert not [f for f in seen if "contact" in f]
    stored = repr(result.records)
    assert not [c for c in contacts(built) if c.rsplit(":", 1)[1][:24] in stored]


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
