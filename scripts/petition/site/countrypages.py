"""A page per country (``/countries/<code>/``): the letter's call, the country's signatories and the
government's responses, printable as it is (the page a delivery pack's PDF is made from).

The page's Markdown holds only the maintainers' text (the call, from the letter) and a marker; the
signatories and responses are written as HTML by ``country_html`` (rows by ``rowformat.row_html``,
every value escaped), so Markdown never sees signer text. The print styles
(``assets/petition/country.css``) hide the navigation, start each section on a new page and, with
``print_style``, put the site's address and the date on every page.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from petition.check.responses import RecordEntry
from petition.model.rules import WHOLE_LETTER, country_name
from petition.model.versions import letter_path
from petition.report.rowformat import Row, row_html
from petition.settings import Settings
from petition.site.listdata import SECTIONS, countries, plural

COUNTRIES_DIR = "countries"
MARKER_RE = re.compile(r"<!-- petition:country ([A-Z]{2}|all) -->")
STYLE_FILE = "country.css"
esc = html.escape


@dataclasses.dataclass(frozen=True)
class CountryPage:
    code: str
    src_uri: str  # countries/<code>.md: published at countries/<code>/
    markdown: str


def page_path(code: str) -> str:
    """The page's address from the site's root: ``countries/no/``."""
    return f"{COUNTRIES_DIR}/{code.lower()}/"


def letter_call(settings: Settings) -> str:
    """The letter's call (the paragraphs of its "Call for action" section, or else its first paragraph), as
    Markdown: the maintainers' text, released with the letter."""
    text = current_text_markdown(settings)
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    for n, block in enumerate(blocks):
        if block.startswith("#") and "call" in block.lower():
            call = []
            for after in blocks[n + 1 :]:
                if after.startswith(("#", "<!--")):
                    break
                call.append(after)
            if call:
                return "\n\n".join(call)
    return next((b for b in blocks if not b.startswith(("#", "<!--", "---"))), "")


def current_text_markdown(settings: Settings) -> str:
    try:
        text = letter_path(settings).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    return re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)  # the front matter is not the letter


def countries_of(rows: Iterable[Row], responses: Iterable[RecordEntry]) -> list[str]:
    """Every country with a signatory or a response, by code."""
    return sorted({r.country for r in rows if r.country} | {r.country for r in responses})


def pages(rows: Iterable[Row], responses: list[RecordEntry], settings: Settings) -> list[CountryPage]:
    """A page per country with a signatory or a response, and the whole letter's (``countries/all/``)."""
    call = letter_call(settings)
    quoted = "\n".join(f"> {line}" if line else ">" for line in call.splitlines())
    out = []
    for code in [*countries_of(rows, responses), WHOLE_LETTER]:
        title = f"The letter in {country_name(code)}" if code != WHOLE_LETTER else "The letter and its endorsements"
        markdown = (
            "---\n"
            f'title: "{title}"\n'
            "search:\n  exclude: true\n"
            "---\n\n"
            f"# {title}\n\n"
            '<section class="petition-country-call" markdown="1">\n\n'
            "## The letter's call\n\n"
            f"{quoted}\n\n"
            "From *A Call for Openness and Transparency in Rulemaking for the Internet*: "
            "[read the whole letter](../index.md).\n\n"
            "</section>\n\n"
            f"<!-- petition:country {code} -->\n"
        )
        out.append(CountryPage(code, f"{COUNTRIES_DIR}/{code.lower()}.md", markdown))
    return out


def by_country(rows: Iterable[Row]) -> dict[str, list[Row]]:
    """The rows of each country, in the list's order, in one pass."""
    out: dict[str, list[Row]] = {}
    for row in rows:
        if row.country:
            out.setdefault(row.country, []).append(row)
    return out


def response_html(response: RecordEntry, country_url: str | None = None) -> str:
    """One response: who, when, the summary, the quote, the source; all of it escaped."""
    name = esc(country_name(response.country))
    where = f'<a href="{esc(country_url)}">{name}</a>' if country_url else name
    quote = f'<blockquote><p dir="auto">{esc(response.quote)}</p></blockquote>' if response.quote else ""
    return (
        f'<li class="petition-response" id="response-{esc(response.slug)}"><p><strong>{where}</strong>: '
        f'<bdi dir="auto">{esc(response.body)}</bdi>, <time datetime="{esc(response.date)}">{esc(response.date)}</time>'
        f'</p><p dir="auto">{esc(response.summary)}</p>{quote}'
        f'<p><a href="{esc(response.link)}" rel="nofollow noopener">Source</a></p></li>'
    )


def responses_html(responses: list[RecordEntry], base: str) -> str:
    """The letter page's "Governments that answered" (nothing while none has)."""
    if not responses:
        return ""
    items = "".join(response_html(r, base + page_path(r.country)) for r in responses)
    return (
        '<section class="petition-responses" aria-labelledby="governments-that-answered">'
        f'<h2 id="governments-that-answered">Governments that answered</h2><ul>{items}</ul></section>'
    )


def country_html(code: str, rows: list[Row], responses: list[RecordEntry], base: str, show_version: bool) -> str:
    """The country page's signatories and responses: ``rows`` and ``responses`` are this country's (``code``
    "all": the whole letter's)."""
    whole = code == WHOLE_LETTER
    name = esc(country_name(code))
    members = {kind: [r for r in rows if r.type == kind] for kind, _, _ in SECTIONS}
    counts = (
        f"{plural(len(members['organization']), 'organisation', 'organisations')} and "
        f"{plural(len(members['individual']), 'individual', 'individuals')}"
    )
    search = f"signatories/?country={esc(code)}" if not whole else "signatories/"
    out = [f'<div class="petition-country" data-country="{esc(code)}">']
    out.append(
        '<section class="petition-country-counts" aria-labelledby="signatories-in">'
        f'<h2 id="signatories-in">{"Signatories" if whole else f"Signatories in {name}"}</h2>'
        f'<p class="petition-counts">Endorsed{"" if whole else f" in {name}"} by {esc(counts)}.</p>'
        f'<p class="petition-country-more"><a href="{esc(base)}{search}">Search the whole '
        f'list</a> · <a href="{esc(base)}sign/">Endorse this letter</a></p></section>'
    )
    if whole:
        # The whole letter's page counts by country and links to each country's list: printing every name
        # would make a page of all 100,000 (the list is the signatories page and its CSV).
        out.append(_countries_section(rows, base))
    for kind, title, anchor in () if whole else SECTIONS:
        group = members[kind]
        empty = (
            "" if group else " petition-section-empty"
        )  # printed under the previous section, not on a page of its own
        out.append(f'<section class="petition-section{empty}" aria-labelledby="{anchor}" data-type="{kind}">')
        out.append(f'<h2 id="{anchor}">{title} <span class="petition-count">({len(group):,})</span></h2>')
        if group:
            out.append('<ol class="petition-list">' + "".join(row_html(r, show_version) for r in group) + "</ol>")
        else:
            out.append("<p>None yet.</p>")
        out.append("</section>")
    out.append('<section class="petition-responses" aria-labelledby="responses">')
    heading = "Governments that answered" if whole else "The government's responses"
    out.append(f'<h2 id="responses">{heading} <span class="petition-count">({len(responses)})</span></h2>')
    if responses:
        out.append("<ul>" + "".join(response_html(r) for r in responses) + "</ul>")
    else:
        out.append(f"<p>No response from {'any government' if whole else f'the government of {name}'} yet.</p>")
    out.append("</section></div>")
    out.append(f'<link rel="stylesheet" href="{esc(base)}assets/petition/{STYLE_FILE}">')
    return "\n".join(out) + "\n"


def _countries_section(rows: list[Row], base: str) -> str:
    data = countries(rows)
    unplaced = len(rows) - sum(o + i for _, _, o, i in data)
    body = "".join(
        f'<tr><td><a href="{esc(base + page_path(code))}">{esc(name)}</a></td><td>{o:,}</td><td>{i:,}</td>'
        f"<td>{o + i:,}</td></tr>"
        for code, name, o, i in data
    )
    if unplaced:
        body += f'<tr><td>No country given</td><td colspan="2"></td><td>{unplaced:,}</td></tr>'
    return (
        '<section class="petition-country-table" aria-labelledby="by-country"><h2 id="by-country">By country</h2>'
        "<table><thead><tr><th>Country</th><th>Organisations</th><th>Individuals</th><th>Total</th></tr></thead>"
        f'<tbody>{body}</tbody></table><p>Every name: the <a href="{esc(base)}signatories/">list of '
        f'signatories</a> and its export, <a href="{esc(base)}signatories.csv">signatories.csv</a>.</p></section>'
    )


def site_address(site_url: str | None, repo_url: str | None) -> str:
    """The site's public address: ``site_url``, or else GitHub Pages' address of ``repo_url``'s repository."""
    if site_url:
        return site_url if site_url.endswith("/") else site_url + "/"
    parts = urlsplit(repo_url or "")
    owner_name = parts.path.strip("/").split("/")
    if parts.hostname == "github.com" and len(owner_name) == 2:
        return f"https://{owner_name[0].lower()}.github.io/{owner_name[1]}/"
    return ""


def _css_string(text: str) -> str:
    return '"' + "".join(ch if ch.isalnum() or ch in " .:/-_,·" else f"\\{ord(ch):x} " for ch in text) + '"'


def print_style(address: str, day: str) -> str:
    """The page's print margins: its address at the foot of every page, and the date it was printed from."""
    return (
        "<style>@page{margin:18mm 16mm 20mm;"
        f"@bottom-left{{content:{_css_string(address)};font-size:8pt}}"
        f"@bottom-right{{content:{_css_string('As published on ' + day + ' · page ')} counter(page) "
        f"{_css_string(' of ')} counter(pages);font-size:8pt}}}}</style>"
    )
