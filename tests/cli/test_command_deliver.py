"""petition deliver: a pack built from a generated collection in a real git repository, its PDF printed by
Chromium and read back, its CSV's digest equal to the recorded one; the refusals, with nothing written."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re

import pypdf
import pytest
from playwright.sync_api import sync_playwright

from browser import launch
from clirun import run
from conftest import make_repo
from countrysigners import PRINTABLE_FIRST_NAMES, generated
from life_git import commit_all, init
from petition.check.collection import check
from petition.cli import main
from petition.load.document import load

TODAY = dt.date.today().isoformat()
ADDRESS = "https://justnetcoalition.github.io/wto-letter/"


@pytest.fixture(scope="module")
def delivered(tmp_path_factory, private_key):
    """A committed collection, a pack for Norway and one for the whole letter, and the site as then published."""
    root = tmp_path_factory.mktemp("deliver")
    repo = make_repo(root / "repo", private_key)
    generated(repo, first_names=PRINTABLE_FIRST_NAMES)
    (repo.root / "responses").mkdir()
    (repo.root / "responses" / "no-ministry.yaml").write_text(
        f'country: "NO"\nbody: Ministry of Trade\ndate: "{TODAY}"\nlink: https://example.org/answer\n'
        "summary: The ministry will ask for observers.\n",
        encoding="utf-8",
    )
    init(repo.root)
    outputs = {}
    for code in ("NO", None):
        out = root / f"pack-{code or 'all'}"
        argv = ["deliver", "--out", str(out), *(["--country", code] if code else [])]
        outputs[code] = (out, main(["--root", str(repo.root), *argv]))  # no capsys in a module fixture
        commit_all(repo.root, f"Delivered {code or 'the whole letter'}")
    built = repo.build()
    assert built.returncode == 0, built.stderr
    return repo, outputs


def record(repo, slug: str) -> dict[str, str]:
    doc, problems = load(repo.root / "delivered" / f"{slug}.yaml", repo.settings())
    assert problems == []
    return doc.fields


def test_the_pack_holds_the_pdf_the_csv_a_cover_note_and_a_statement(delivered):
    repo, outputs = delivered
    out, code = outputs["NO"]
    assert code == 0
    slug = f"{TODAY}-no"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{slug}.pdf", f"{slug}.csv", f"{slug}-cover-note.md", f"{slug}-statement.txt"]
    )
    data = (out / f"{slug}.csv").read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    entries = [e for e in check(repo.settings()).entries if e.signature.country == "NO"]
    fields = record(repo, slug)
    assert fields["csv_sha256"] == digest and fields["delivered"] == "NO" and fields["date"] == TODAY
    assert fields["signatures"] == str(len(entries))
    statement = (out / f"{slug}-statement.txt").read_text(encoding="utf-8")
    assert digest in statement and fields["commit"] in statement and f"Signatures:  {len(entries)} " in statement
    assert f"{ADDRESS}countries/no/" in statement
    # The CSV is the published export's rows for Norway, in the published order, byte for byte.
    published = (repo.site / "signatories.csv").read_bytes().decode("utf-8").splitlines(keepends=True)
    at = next(csv.reader([published[0]])).index("country")
    mine = [line for line in published[1:] if next(csv.reader([line]))[at] == "NO"]
    assert data.decode("utf-8") == published[0] + "".join(mine)
    cover = (out / f"{slug}-cover-note.md").read_text(encoding="utf-8")
    assert f"{len(entries)} endorsements from Norway" in cover and "[Name of the ministry" in cover


def test_the_whole_letters_csv_is_the_published_file(delivered):
    repo, outputs = delivered
    out, code = outputs[None]
    assert code == 0
    slug = f"{TODAY}-all"
    data = (out / f"{slug}.csv").read_bytes()
    assert data == (repo.site / "signatories.csv").read_bytes()
    assert record(repo, slug)["csv_sha256"] == hashlib.sha256(data).hexdigest()


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.browser
def test_the_pdf_says_what_the_page_says_with_the_address_and_date_on_every_page(delivered):
    repo, outputs = delivered
    out, _ = outputs["NO"]
    reader = pypdf.PdfReader(out / f"{TODAY}-no.pdf")
    pages = [p.extract_text() for p in reader.pages]
    # A page per section: the call and the counts (Norway has no organisation: that empty section follows on the
    # same page), the individuals, the government's responses.
    assert len(pages) == 3
    assert "Signatories in Norway" in pages[0] and "Organisations (0)" in pages[0]
    assert "Individuals (10)" in pages[1] and "The government's responses (1)" in pages[2]
    margin = re.compile(rf"As published on {TODAY} · page (\d+) of {len(pages)}" + re.escape(f"{ADDRESS}countries/no/"))
    body = []
    for number, text in enumerate(pages, start=1):
        found = margin.search(text)
        assert found is not None and found.group(1) == str(number), text[:200]
        text = margin.sub(" ", text)
        body.append(re.sub(r"(?m)^\d+\. ", "", text))  # the list's numbers are markers, not the page's text
    with sync_playwright() as p:
        browser = launch(p)
        tab = browser.new_page()
        tab.goto((repo.site / "countries" / "no" / "index.html").as_uri())
        tab.emulate_media(media="print")
        page_text = tab.locator("article").inner_text()
        browser.close()
    assert _words(" ".join(body)) == _words(page_text)
    assert "Ministry of Trade" in page_text and "Governments" not in page_text


def test_the_delivery_page_lists_each_record(delivered):
    repo, outputs = delivered
    page = (repo.site / "delivery" / "index.html").read_text(encoding="utf-8")
    for slug, what, href in (
        (f"{TODAY}-no", "Norway", "../countries/no/"),
        (f"{TODAY}-all", "The whole letter", "../countries/all/"),
    ):
        fields = record(repo, slug)
        assert f'<a href="{href}">{what}</a>' in page
        assert f"<code>{fields['csv_sha256']}</code>" in page and f"<code>{fields['commit'][:12]}</code>" in page


def test_a_country_with_no_signatories_gets_nothing(delivered, tmp_path, capsys):
    repo, _ = delivered
    before = sorted(p.name for p in (repo.root / "delivered").iterdir())
    code, out = run(repo, capsys, "deliver", "--country", "FR", "--out", str(tmp_path / "pack"))
    assert code == 1 and "No signatories in France" in out and "nothing was written" in out
    assert not (tmp_path / "pack").exists()
    assert sorted(p.name for p in (repo.root / "delivered").iterdir()) == before


def test_refusals_write_nothing(tmp_path, private_key, capsys):
    repo = make_repo(tmp_path / "repo", private_key)
    generated(repo, n=4)
    out = tmp_path / "pack"
    code, text = run(repo, capsys, "deliver", "--country", "XX", "--out", str(out))
    assert code == 2 and "--country" in text and "not a known two-letter country code" in text
    # Not a git repository, then uncommitted signatures: the pack could not name its commit.
    code, text = run(repo, capsys, "deliver", "--country", "NO", "--out", str(out))
    assert code == 1 and "git" in text
    init(repo.root)
    repo.sign("late", "Late Signer", country="NO")
    code, text = run(repo, capsys, "deliver", "--country", "NO", "--out", str(out))
    assert code == 1 and "not committed" in text
    commit_all(repo.root, "The late signer")
    code, text = run(
        repo, capsys, "deliver", "--country", "NO", "--out", str(out), "--chromium", str(tmp_path / "none")
    )
    assert code == 1 and "Chromium is not at" in text and "apt-get install chromium" in text
    assert not out.exists() or not any(out.iterdir())
    assert not (repo.root / "delivered").exists()


def test_a_hand_edited_record_stops_the_build(tmp_path, private_key):
    repo = make_repo(tmp_path / "repo", private_key)
    generated(repo, n=2)
    (repo.root / "delivered").mkdir()
    (repo.root / "delivered" / "2026-12-01-no.yaml").write_text(
        f'delivered: "NO"\ndate: "2026-12-01"\ncommit: "{"a" * 40}"\nsignatures: "2"\ncsv_sha256: "not-a-digest"\n',
        encoding="utf-8",
    )
    built = repo.build()
    assert built.returncode != 0 and "delivered/2026-12-01-no.yaml:5:" in built.stderr
