"""The life of the letter: open or closed, the rules for files added now, and what the pages say.

Closing is configured in ``[tool.petition]``: ``closes_on = "YYYY-MM-DD"`` is the last day
signatures are accepted (files dated after it are refused, and the site goes into archive mode the
day after); ``closed = true`` is the manual switch (archive mode now, and no new signer's file is
accepted, whatever its date).
"""

from __future__ import annotations

import datetime as dt
import heapq
import html
import subprocess
from collections import Counter
from collections.abc import Iterable
from operator import attrgetter

from petition.model import versions
from petition.problems import Problem
from petition.settings import Settings, setting_date


def closing_date(settings: Settings) -> dt.date | None:
    """The configured last day of signing, or None (none set, or malformed: config_problems says so)."""
    return setting_date(settings.closes_on)


def config_problems(settings: Settings) -> list[Problem]:
    out = []
    if settings.closes_on not in ("", None) and closing_date(settings) is None:
        out.append(
            Problem(
                "pyproject.toml",
                versions.toml_line(settings, "closes_on"),
                "closes_on must be the last day signatures are accepted, written YYYY-MM-DD (for example "
                'closes_on = "2027-06-30"), or left out.',
                "closes-on",
            )
        )
    if not isinstance(settings.closed, bool):
        out.append(
            Problem(
                "pyproject.toml",
                versions.toml_line(settings, "closed"),
                "closed must be true or false (without quotes).",
                "closed",
            )
        )
    return out


def is_closed(settings: Settings, today: dt.date | None = None) -> bool:
    """Archive mode: the manual switch is on, or the last day of signing has passed."""
    if settings.closed is True:
        return True
    last = closing_date(settings)
    return last is not None and (today or dt.date.today()) > last


def closing_problems(settings: Settings, entries: Iterable, report_on: set[str] | None = None) -> list[Problem]:
    """Refuse every file dated after the last day of signing (the checker runs this on all files)."""
    last = closing_date(settings)
    if last is None:
        return []
    out = []
    for entry in entries:
        signed = entry.signature.signed
        if (
            signed is None
            or dt.date.fromisoformat(signed) <= last
            or (report_on is not None and entry.path not in report_on)
        ):
            continue
        out.append(
            Problem(
                entry.path,
                entry.lines.get("signed", 1),
                f"“signed” is {signed}, but signatures closed on {long_date(last)}: the letter accepts no "
                "endorsement dated after that. Thank you for your support all the same.",
                "signatures-closed",
            )
        )
    return out


def problems_for_new_file(entry, settings: Settings, today: dt.date | None = None) -> list[Problem]:
    """A signer's file added while the manual switch is on is refused whatever its date."""
    if settings.closed is not True or entry.signature.source is not None:
        return []
    return [
        Problem(
            entry.path,
            1,
            "signatures to this letter are closed: it accepts no new endorsement. Thank you for your "
            "support all the same.",
            "signatures-closed",
        )
    ]


def new_file_problems(entry, settings: Settings, today: dt.date | None = None) -> list[Problem]:
    """Every rule for a file that is new (relative to a git base): the current version, closing."""
    return versions.problems_for_new_file(entry, settings) + problems_for_new_file(entry, settings, today)


def problems_for_new_files(result, settings: Settings, today: dt.date | None = None) -> list[Problem]:
    """The new-file rules for the checked files of a CheckResult that git's HEAD does not hold yet.

    Outside a git work tree nothing can be told new, so nothing is refused here.
    """
    checked = set(result.checked)
    committed = committed_paths(settings, checked)
    if committed is None:
        return []
    out = []
    for entry in result.entries_of(checked):  # not the whole collection's 100,000 entries
        if entry.path not in committed:
            out.extend(new_file_problems(entry, settings, today))
    return out


def committed_paths(settings: Settings, shown_paths: Iterable[str]) -> set[str] | None:
    """Which of these repository paths exist in git's HEAD; None when the folder is not a git work tree.

    pre-commit passes staged files: those not in HEAD are the new ones.
    """
    shown = sorted(set(shown_paths))
    inside = subprocess.run(
        ["git", "rev-parse", "--is-inside-work-tree"], cwd=settings.root, capture_output=True, text=True
    )
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return None
    head = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", "HEAD"], cwd=settings.root, capture_output=True, text=True
    )
    if head.returncode != 0 or not shown:
        return set()  # no commit yet: everything is new
    listed = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "-z", "HEAD", "--", *shown], cwd=settings.root, capture_output=True
    )
    if listed.returncode != 0:
        return set()
    return {p for p in listed.stdout.decode("utf-8", "replace").split("\0") if p}


# --- what the pages say ------------------------------------------------------------------------


def long_date(day: dt.date) -> str:
    months = (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    )
    return f"{day.day} {months[day.month - 1]} {day.year}"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _closed_sentence(settings: Settings, today: dt.date | None) -> str:
    last = closing_date(settings)
    if last is not None and last <= (today or dt.date.today()):
        return f"Signatures closed on {long_date(last)}."
    return "Signatures are closed."


def closed_notice_html(
    settings: Settings, signatories_url: str = "../signatories/", letter_url: str = "../", today: dt.date | None = None
) -> str:
    """Shown on the sign page in archive mode, in place of the sign form."""
    esc = html.escape
    return (
        '<div class="petition-closed" role="status">'
        f"<p><strong>{esc(_closed_sentence(settings, today))}</strong> This letter no longer accepts endorsements. "
        f'Thank you for your interest. <a href="{esc(signatories_url)}">The list of signatories</a> and '
        f'<a href="{esc(letter_url)}">the letter</a> stay published.</p></div>'
    )


def final_counts_html(rows: Iterable, settings: Settings, signatories_url: str, today: dt.date | None = None) -> str:
    """The letter page's counts in archive mode: final, with the closing date, and no invitation to sign."""
    tally = Counter(map(attrgetter("type"), rows))  # one C loop over 100,000 rows
    when = _closed_sentence(settings, today)
    counts = (
        f"Final count: endorsed by {_plural(tally['organization'], 'organisation', 'organisations')} "
        f"and {_plural(tally['individual'], 'individual', 'individuals')}."
    )
    return (
        f'<p class="petition-counts petition-closed"><strong>{html.escape(when)}</strong> {html.escape(counts)} '
        f'<a href="{html.escape(signatories_url)}">See who signed</a></p>'
    )


def status_html(rows: Iterable, settings: Settings, version_url: str, feed_url: str) -> str:
    """The letter page's line about its version: which one this is, and how many endorsed it."""
    current = versions.current_version(settings)
    endorsed = Counter(map(attrgetter("version"), rows))  # one C loop over 100,000 rows
    total = endorsed.total()
    # Founding signatories carry no version: they endorsed the original text, version 1.
    on_current = endorsed[current] + (endorsed[""] + endorsed[None] if current == "1" else 0)
    esc = html.escape
    if total == on_current:
        who = f"{'All ' if total > 1 else ''}{_plural(total, 'signatory', 'signatories')} endorsed this text."
    else:
        who = (
            f"{_plural(on_current, 'signatory', 'signatories')} endorsed this text; "
            f"{total - on_current:,} endorsed an earlier version."
        )
    return (
        f'<p class="petition-status">This is <a href="{esc(version_url)}">version {esc(current)}</a> of the letter. '
        f'{esc(who)} <a href="{esc(feed_url)}" type="application/atom+xml">Follow new endorsements (Atom feed)</a></p>'
    )


def recent_rows(rows: list, n: int) -> list:
    """The n rows with the newest ``signed`` (the earlier in the list first among equal dates), in list order.

    ``listing.recent`` sorts every row to show ten; given only these, in list order, it picks the
    same ten in the same order, so the letter page's block costs one pass instead of a sort of
    100,000 rows (tests/check/test_lifecycle.py compares the two).
    """
    top = heapq.nlargest(n, ((r.signed, -i) for i, r in enumerate(rows) if r.signed))
    return [rows[i] for i in sorted(-negative for _, negative in top)]
