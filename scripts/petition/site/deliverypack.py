"""A delivery pack (``petition deliver``): the country's (or the whole letter's) printable page as a PDF,
the CSV of its signatories' public fields, a cover note to adapt, and a statement of what it is a
snapshot of (the day, the git commit, the number of signatures, the SHA-256 of the CSV), which the
repository keeps as a delivery record (``delivered/<slug>.yaml``, petition.model.delivery) listed on
the Delivery page.

The CSV is the published export's format (``signatories.csv``: the same columns, the same writer), so
the whole letter's pack carries exactly the published file, and anyone can recompute its digest.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
from collections.abc import Iterable

from petition.check.responses import RecordEntry
from petition.model.fields import EXPORT_FIELDS
from petition.model.rules import WHOLE_LETTER, country_name
from petition.report.rowformat import Row
from petition.site.countrypages import page_path
from petition.site.encoders import csv_line
from petition.site.listdata import counts, plural

esc = html.escape


def csv_of(rows: Iterable[Row]) -> str:
    """The rows' public fields as the published ``signatories.csv`` writes them."""
    return csv_line(EXPORT_FIELDS) + "".join(csv_line(tuple(r.export().values())) for r in rows)


@dataclasses.dataclass(frozen=True)
class Pack:
    delivered: str  # a country's code, or "all"
    day: str  # YYYY-MM-DD
    commit: str
    rows: list[Row]
    csv: str
    slug: str  # names its files and its record: <day>-<code>, or with -2, -3... for a second one that day

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.csv.encode("utf-8")).hexdigest()

    @property
    def what(self) -> str:
        return "the whole letter" if self.delivered == WHOLE_LETTER else country_name(self.delivered)

    def record(self) -> dict[str, str]:
        """The delivery record's fields (petition.model.fields: DELIVERY_FIELDS)."""
        return {
            "delivered": self.delivered,
            "date": self.day,
            "commit": self.commit,
            "signatures": str(len(self.rows)),
            "csv_sha256": self.sha256,
        }

    def counted(self) -> str:
        """``"3 organisations and 1 individual"``."""
        tally = counts(self.rows)
        return (
            f"{plural(tally['organization'], 'organisation', 'organisations')} and "
            f"{plural(tally['individual'], 'individual', 'individuals')}"
        )

    def statement(self, site: str, files: dict[str, str]) -> str:
        """What the pack is a snapshot of, and how to check it."""
        lines = [
            f"Delivery pack: A Call for Openness and Transparency in Rulemaking for the Internet, {self.what}",
            "",
            f"Made on:     {self.day}",
            f"Git commit:  {self.commit}",
            f"Signatures:  {len(self.rows)} ({self.counted()})",
            f"CSV SHA-256: {self.sha256}  {files['csv']}",
            "",
            "Files:",
            *(f"  {files[key]}: {what}" for key, what in _FILES.items()),
            "",
            *([f"The page as published: {site}{page_path(self.delivered)}"] if site else []),
            "To check that the list delivered is the list published: check out the commit above in the letter's",
            "repository, rebuild the list and compare its CSV's SHA-256 (sha256sum, or certutil -hashfile FILE",
            f"SHA256) with this one; the repository records this delivery in delivered/{self.slug}.yaml.",
        ]
        return "\n".join(lines) + "\n"

    def cover_note(self, site: str) -> str:
        """A short cover note for the coalition to adapt (Markdown, with [brackets] to fill in)."""
        where = "" if self.delivered == WHOLE_LETTER else f" from {country_name(self.delivered)}"
        return (
            "[Name of the ministry or delegation]\n[Address]\n\n"
            f"{self.day}\n\n"
            "Subject: A Call for Openness and Transparency in Rulemaking for the Internet\n\n"
            "Dear [Minister / Ambassador],\n\n"
            "On behalf of the Internet community, we send you the open letter *A Call for Openness and "
            "Transparency in Rulemaking for the Internet*, with its "
            f"{len(self.rows)} endorsements{where} ({self.counted()}).\n\n"
            "The letter calls on governments to refrain from discussing Internet-related matters in the World "
            "Trade Organization, or in other trade negotiations, until these negotiations are fully transparent "
            "and inclusive. [One or two sentences on why it matters to your country now.]\n\n"
            "We would welcome your government's response, which we will publish with the letter"
            f"{f' at {site}' if site else ''}.\n\n"
            "Yours sincerely,\n\n[Name]\n[Organisation, on behalf of the coalition]\n\n"
            f"Enclosed: the letter and its signatories (PDF), the list as data (CSV, SHA-256 {self.sha256}).\n"
        )


# The files of a pack, by what they are (the names: ``file_names``).
_FILES = {
    "pdf": "the printable page, as published",
    "csv": "the signatories' public fields (the columns of signatories.csv)",
    "cover": "a cover note to adapt",
    "statement": "this statement",
}


def file_names(pack: Pack) -> dict[str, str]:
    return {
        "pdf": f"{pack.slug}.pdf",
        "csv": f"{pack.slug}.csv",
        "cover": f"{pack.slug}-cover-note.md",
        "statement": f"{pack.slug}-statement.txt",
    }


def pack_of(rows: Iterable[Row], delivered: str, day: str, commit: str, taken: Iterable[str] = ()) -> Pack:
    """The pack of a country (or of ``all``), from the published rows, in the published order; its slug is
    the first of ``<day>-<code>``, ``<day>-<code>-2``... not in ``taken``."""
    mine = [r for r in rows if delivered == WHOLE_LETTER or r.country == delivered]
    taken = set(taken)
    slug = f"{day}-{delivered.lower()}"
    n = 1
    while (slug if n == 1 else f"{slug}-{n}") in taken:
        n += 1
    return Pack(delivered, day, commit, mine, csv_of(mine), slug if n == 1 else f"{slug}-{n}")


def deliveries_html(records: list[RecordEntry], base: str) -> str:
    """The Delivery page's table: one row per delivery record, newest first."""
    if not records:
        return "<p>The letter has not been delivered yet.</p>"
    rows = []
    for r in records:
        what = "The whole letter" if r.delivered == WHOLE_LETTER else country_name(r.delivered)
        rows.append(
            f'<tr><td><time datetime="{esc(r.date)}">{esc(r.date)}</time></td>'
            f'<td><a href="{esc(base + page_path(r.delivered))}">{esc(what)}</a></td>'
            f"<td>{int(r.signatures):,}</td><td><code>{esc(r.commit[:12])}</code></td>"
            f"<td><code>{esc(r.csv_sha256)}</code></td></tr>"
        )
    return (
        '<table class="petition-deliveries"><thead><tr><th>Date</th><th>Delivered</th><th>Signatures</th>'
        f"<th>Git commit</th><th>SHA-256 of the CSV</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
