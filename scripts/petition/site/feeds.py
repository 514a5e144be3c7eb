"""Records published with the site: an Atom feed of new endorsements and governments' responses, and a
badge endpoint.

Public fields only (never ``contact``). Both are built from the rows the site publishes, so the feed
and the badge always agree with the list. Output depends only on the data (no build time), so a
rebuild of the same repository gives the same files.
"""

from __future__ import annotations

import heapq
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from urllib.parse import urlsplit

from petition.model.rules import country_name
from petition.report.rowformat import ASIDES
from petition.site.countrypages import page_path

FEED_FILE = "signatures.atom"
BADGE_FILE = "badge.json"
FEED_SIZE = 100  # the newest endorsements only: readers poll, they do not need the whole list
ATOM = "http://www.w3.org/2005/Atom"
_TYPE_WORD = {"organization": "Organisation", "individual": "Individual"}


def tag_authority(site_url: str | None, repo_url: str | None) -> tuple[str, str]:
    """(host, path) naming this letter in ``tag:`` ids: from repo_url first, which moves less than the site."""
    for url in (repo_url, site_url):
        if url:
            parts = urlsplit(url)
            if parts.hostname:
                return parts.hostname.lower(), parts.path.strip("/")
    return "petition.invalid", ""


def entry_id(slug: str, authority: tuple[str, str], since: str, folder: str = "signatures") -> str:
    """A stable id per endorsement or response (RFC 4151 tag URI): the slug never changes while the file exists."""
    host, path = authority
    specific = f"{path}/{folder}/{slug}" if path else f"{folder}/{slug}"
    return f"tag:{host},{since}:{specific}"


def _description(row) -> str:
    parts = [_TYPE_WORD.get(row.type, row.type)]
    if row.country_name:
        parts.append(f"from {row.country_name}")
    text = " ".join(parts)
    for aside in ASIDES:
        if getattr(row, aside):
            text += f" ({getattr(row, aside)})"
    if row.version:
        text += f", endorsing version {row.version} of the letter"
    if row.website:
        text += f". Website: {row.website}"
    return text + "."


def _newest_key(row) -> tuple[str, str]:
    return row.signed, row.slug


def newest(rows: Iterable, size: int = FEED_SIZE) -> list:
    """The ``size`` newest dated rows, newest first (slug breaks ties): the feed's entries.

    ``heapq.nlargest`` is ``sorted(..., reverse=True)[:size]`` without sorting 100,000 rows
    for the hundred a feed shows (tests/site/test_feeds.py compares the two).
    """
    return heapq.nlargest(size, (r for r in rows if r.signed), key=_newest_key)


def atom_feed(
    rows: Iterable,
    *,
    title: str,
    site_url: str | None = None,
    repo_url: str | None = None,
    since: str = "2017",
    fallback_updated: str = "2017-01-01",
    responses: Iterable = (),
) -> str:
    """The Atom feed of the newest dated endorsements and of every government's response, newest first.

    Founding signatories carry no date and are not "new": the feed lists dated signatures only.
    ``since`` is the date part of the tag ids (a date the authority held its name); it must not change.
    """
    dated = newest(rows)
    base = (site_url.rstrip("/") + "/") if site_url else ""
    authority = tag_authority(site_url, repo_url)
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "title", f"New endorsements: {title}")
    sub(feed, "subtitle", "Organisations and individuals who endorsed the open letter, newest first.")
    sub(feed, "id", f"tag:{authority[0]},{since}:{authority[1] + '/' if authority[1] else ''}signatures")
    answers = list(responses)
    latest = max([*([dated[0].signed] if dated else []), *(r.date for r in answers)], default=fallback_updated)
    sub(feed, "updated", f"{latest}T00:00:00Z")
    sub(feed, "link", rel="self", type="application/atom+xml", href=f"{base}{FEED_FILE}")
    sub(feed, "link", rel="alternate", type="text/html", href=f"{base}signatories/")
    author = sub(feed, "author")
    sub(author, "name", "The letter's maintainers")
    for row in dated:
        entry = sub(feed, "entry")
        sub(entry, "id", entry_id(row.slug, authority, since))
        sub(entry, "title", row.name)
        sub(entry, "updated", f"{row.signed}T00:00:00Z")
        sub(entry, "published", f"{row.signed}T00:00:00Z")
        sub(entry, "link", rel="alternate", type="text/html", href=f"{base}signatories/#{row.slug}")
        sub(entry, "category", term=row.type, label=_TYPE_WORD.get(row.type, row.type))
        sub(entry, "summary", _description(row), type="text")
    # The responses after the endorsements: feed readers order entries by date themselves.
    for response in sorted(answers, key=lambda r: (r.date, r.slug), reverse=True):
        entry = sub(feed, "entry")
        sub(entry, "id", entry_id(response.slug, authority, since, "responses"))
        sub(entry, "title", f"Response from {response.body} ({country_name(response.country)})")
        sub(entry, "updated", f"{response.date}T00:00:00Z")
        sub(entry, "published", f"{response.date}T00:00:00Z")
        href = f"{base}{page_path(response.country)}#response-{response.slug}"
        sub(entry, "link", rel="alternate", type="text/html", href=href)
        sub(entry, "category", term="response", label="Government response")
        sub(entry, "summary", response.summary, type="text")
    body = ET.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"


def badge_json(total: int, closed: bool = False) -> str:
    """A shields.io endpoint: https://img.shields.io/endpoint?url=<site>/badge.json"""
    data = {
        "schemaVersion": 1,
        "label": "signatories",
        "message": f"{total:,}" + (" (closed)" if closed else ""),
        "color": "lightgrey" if closed else "blue",
    }
    return json.dumps(data) + "\n"


def feed_href(page_url: str) -> str:
    """The feed's address relative to a page at ``page_url`` ("", "sign/", "versions/2/", "404.html")."""
    segments = page_url.split("#")[0].split("/")[:-1]  # drop the file name, or the empty part after "/"
    return "../" * len([s for s in segments if s]) + FEED_FILE


def alternate_link_tag(page_url: str) -> str:
    """The <head> link that points feed readers at the feed."""
    return f'<link rel="alternate" type="application/atom+xml" title="New endorsements" href="{feed_href(page_url)}">'
