"""The real site, built by MkDocs from signature files."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest

from conftest import make_repo
from petition.check.collection import check
from petition.load.document import load


@pytest.fixture(scope="module")
def built(tmp_path_factory, private_key):
    repo = make_repo(tmp_path_factory.mktemp("built") / "repo", private_key)
    repo.add_founding()
    repo.sign("anna-karenina", "Анна Каренина", country="RU", affiliation="Московский университет")
    repo.sign("ola-nordmann", "Ola Nordmann", country="NO", website="https://example.org/ola?a=1&b=2")
    result = repo.build()
    assert result.returncode == 0, result.stderr
    return repo


def _entries(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<li id="([a-z0-9-]+)" data-type="(organization|individual)"', page)


def test_every_signatory_renders_once_in_its_section(built):
    page = (built.site / "signatories" / "index.html").read_text(encoding="utf-8")
    result = check(built.settings())
    expected = {(e.slug, e.signature.type) for e in result.entries}
    rendered = _entries(page)
    assert len(rendered) == len(set(rendered)) == len(expected) == 18
    assert set(rendered) == expected
    orgs = page.index('id="_organisations"')
    people = page.index('id="_individuals"')
    for slug, kind in rendered:
        at = page.index(f'<li id="{slug}"')
        assert (orgs < at < people) if kind == "organization" else (at > people)
    assert 'Organisations <span class="petition-count">(12)</span>' in page
    assert 'Individuals <span class="petition-count">(6)</span>' in page


def test_letter_page_has_counts_and_footnotes(built):
    page = (built.site / "index.html").read_text(encoding="utf-8")
    assert "Endorsed by 12 organisations and 6 individuals." in page
    assert 'href="signatories/"' in page and 'href="sign/"' in page
    assert page.count('class="footnote-ref"') == 9
    assert '<a href="https://en.wikipedia.org/wiki/TRIPS_Agreement#Criticism">' in page
    assert "Richard Hill" in page and "Just Net Coalition" in page


def test_exports_match_the_files_one_to_one(built):
    result = check(built.settings())
    by_slug = {e.slug: e.signature.public() for e in result.entries}
    data = json.loads((built.site / "signatories.json").read_text(encoding="utf-8"))
    assert data["counts"] == {"organization": 12, "individual": 6}
    exported = {
        row["slug"]: {k: v for k, v in row.items() if v and k not in ("slug", "country_name")}
        for row in data["signatories"]
    }
    assert exported == {slug: {k: v for k, v in pub.items() if k != "sort_as"} for slug, pub in by_slug.items()}
    rows = list(csv.DictReader(io.StringIO((built.site / "signatories.csv").read_text(encoding="utf-8"))))
    assert [r["slug"] for r in rows] == [r["slug"] for r in data["signatories"]]
    assert {r["slug"]: r["name"] for r in rows} == {s: p["name"] for s, p in by_slug.items()}


def test_no_contact_value_anywhere_in_the_site(built):
    contacts = [load(p, built.settings())[0].fields.get("contact") for p in built.signatures.glob("*.yaml")]
    contacts = [c for c in contacts if c]
    assert len(contacts) == 2
    for path in built.site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for contact in contacts:
                assert contact.encode() not in data, path
                assert contact.split(":")[2][:40].encode() not in data, path
            assert not re.search(rb"rsa-oaep-sha256:[0-9a-f]{16}:[A-Za-z0-9+/]{64}", data), path


def test_non_latin_name_and_norway_round_trip(built):
    page = (built.site / "signatories" / "index.html").read_text(encoding="utf-8")
    assert (
        '<bdi dir="auto">Анна Каренина</bdi>, Russian Federation (<bdi dir="auto">Московский университет</bdi>)' in page
    )
    ola = re.search(r'<li id="ola-nordmann"[^>]*>(.*?)</li>', page).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", ola)) == "Ola Nordmann, Norway"
    assert 'href="https://example.org/ola?a=1&amp;b=2"' in ola


def test_sorted_by_collation_respecting_sort_as(repo):
    repo.sign("anna-de-vries", "Anna de Vries", sort_as="Vries, Anna de")
    repo.sign("zoe", "Zoë Adams")
    repo.sign("emile", "Émile Bernard")
    repo.sign("bob", "bob Young")
    assert repo.build().returncode == 0
    page = (repo.site / "signatories" / "index.html").read_text(encoding="utf-8")
    assert [slug for slug, _ in _entries(page)] == ["bob", "emile", "anna-de-vries", "zoe"]


def test_an_invalid_file_stops_the_build(repo):
    repo.sign("good", "Good Person")
    repo.write("bad", "type: individual\nname: Bad\ncountry: ZZ\n")
    result = repo.build()
    assert result.returncode != 0
    assert "signatures/bad.yaml:3:" in result.stderr
    assert "a partial list is never published" in result.stderr
    assert not (repo.site / "signatories" / "index.html").exists()


def test_signatories_page_is_not_in_the_search_index(built):
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(doc["location"].startswith("signatories/") for doc in index["docs"])
    assert any(doc["location"] == "" for doc in index["docs"])
