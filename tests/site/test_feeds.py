from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET

from petition.site import embed, feeds

A = "{http://www.w3.org/2005/Atom}"


def test_feed_lists_dated_endorsements_newest_first_with_public_fields_only(repo):
    repo.add_founding()
    repo.sign("older", "Older Signer", signed="2026-01-05")
    repo.sign(
        "ampersand-co",
        'Smith & "Sons" Ltd',
        type="organization",
        signed="2026-03-01",
        country="NO",
        affiliation="R&D (lab)",
        website="https://example.org/?a=1&b=2",
    )
    repo.sign("zhang-wei", "张伟", signed="2026-02-10")
    built = repo.build()
    assert built.returncode == 0, built.stderr

    text = (repo.site / feeds.FEED_FILE).read_text(encoding="utf-8")
    root = ET.fromstring(text.encode("utf-8"))  # well-formed XML, or this raises
    assert root.tag == f"{A}feed"
    assert root.find(f"{A}updated").text == "2026-03-01T00:00:00Z"
    entries = root.findall(f"{A}entry")
    # Founding signatories have no date: the feed is of new endorsements only.
    assert [e.find(f"{A}title").text for e in entries] == ['Smith & "Sons" Ltd', "张伟", "Older Signer"]
    first = entries[0]
    assert first.find(f"{A}id").text == "tag:github.com,2026-11-28:justnetcoalition/wto-letter/signatures/ampersand-co"
    assert first.find(f"{A}link").get("href") == "signatories/#ampersand-co"
    assert first.find(f"{A}category").get("term") == "organization"
    assert (
        first.find(f"{A}summary").text
        == "Organisation from Norway (R&D (lab)), endorsing version 1 of the letter. Website: https://example.org/?a=1&b=2."
    )
    assert '<title>Smith &amp; "Sons" Ltd</title>' in text  # escaped in the XML itself
    ids = [e.find(f"{A}id").text for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("tag:") for i in ids)
    assert "rsa-oaep-sha256" not in text and "contact" not in text

    # Every entry's link points at the signatory's anchor on the published list.
    listing = (repo.site / "signatories" / "index.html").read_text(encoding="utf-8")
    for entry in entries:
        assert f'id="{entry.find(f"{A}link").get("href").split("#")[1]}"' in listing


def test_feed_is_limited_and_stable():
    from petition.report.rowformat import Row

    rows = [
        Row(slug=f"s{i:03d}", type="individual", name=f"N{i}", signed=f"2026-01-{1 + i % 28:02d}") for i in range(150)
    ]
    one = feeds.atom_feed(rows, title="T", repo_url="https://github.com/o/r", since="2026")
    assert one == feeds.atom_feed(list(reversed(rows)), title="T", repo_url="https://github.com/o/r", since="2026")
    assert len(ET.fromstring(one).findall(f"{A}entry")) == feeds.FEED_SIZE
    empty = ET.fromstring(feeds.atom_feed([], title="T", since="2026", fallback_updated="2026-11-28"))
    assert empty.find(f"{A}updated").text == "2026-11-28T00:00:00Z" and empty.findall(f"{A}entry") == []


def test_badge_and_head_links_in_the_built_site(repo):
    repo.add_founding()
    repo.sign("anna", "Anna")
    built = repo.build()
    assert built.returncode == 0, built.stderr
    assert json.loads((repo.site / feeds.BADGE_FILE).read_text(encoding="utf-8")) == {
        "schemaVersion": 1,
        "label": "signatories",
        "message": "17",
        "color": "blue",
    }
    # Every page a reader opens; the partners' counter is a frame that links to nothing but the letter's pages.
    pages = sorted(p for p in repo.site.rglob("index.html") if p != repo.site / embed.COUNTER_FILE)
    assert {p.parent.relative_to(repo.site).as_posix() for p in pages} >= {
        ".",
        "signatories",
        "sign",
        "privacy",
        "versions/1",
    }
    for page in pages:
        html = page.read_text(encoding="utf-8")
        tag = '<link rel="alternate" type="application/atom+xml" title="New endorsements" href="'
        assert html.count(tag) == 1, page
        href = html.split(tag, 1)[1].split('"', 1)[0]
        target = posixpath.normpath(posixpath.join(page.parent.relative_to(repo.site).as_posix(), href))
        assert (repo.site / target).is_file(), (page, href)


def test_badge_message_groups_thousands():
    assert json.loads(feeds.badge_json(1234)) == {
        "schemaVersion": 1,
        "label": "signatories",
        "message": "1,234",
        "color": "blue",
    }
