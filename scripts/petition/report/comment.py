"""The one comment on a pull request, rendered from the JSON report alone.

The judge (judge.yml) renders it from the report its own check just wrote; still, the report is
treated as untrusted, as it was when another run's artifact carried it: every
value is type-checked, cut to a length, stripped of control characters and escaped for Markdown
(or rebuilt as HTML by ``rowformat.row_html`` from checked fields, never copied as HTML); ``@``
mentions are broken so that a name cannot notify anyone. The hidden marker lets the workflow find
and update its own comment instead of adding another.
"""

from __future__ import annotations

import json
import re
import unicodedata

from petition.check import namesakes
from petition.load.files import SLUG_RE
from petition.model.fields import BY_NAME
from petition.model.rules import country_name
from petition.report import rowformat

MARKER = "<!-- petition-review -->"
MAX_REPORT_BYTES = 4 << 20
MAX_ITEMS = 30
MAX_TEXT = 500
MAX_COMMENT = 60000  # GitHub refuses comments over 65,536 characters
_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~^=:])")
_SHA_RE = re.compile(r"^[0-9a-f]{40}$")
_WEBSITE_RE = re.compile(r"^https?://[^\s\"'<>`\\]{1,300}$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
WORD_JOINER = "\u2060"


class ReportError(Exception):
    """The report cannot be used: the message says why, in one line."""


def load_report(data: bytes) -> dict:
    if len(data) > MAX_REPORT_BYTES:
        raise ReportError(f"the report is larger than {MAX_REPORT_BYTES} bytes.")
    try:
        report = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ReportError("the report is not valid JSON.") from None
    if not isinstance(report, dict) or not isinstance(report.get("pull_request"), dict):
        raise ReportError("the report is not a pull-request report (made by “petition check --base … --report FILE”).")
    return report


def number(report: dict) -> int | None:
    value = report["pull_request"].get("number")
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10**9 else None


def head_sha(report: dict) -> str | None:
    value = report["pull_request"].get("head_sha")
    return value if _is_sha(value) else None


def _is_sha(value: object) -> bool:
    return isinstance(value, str) and bool(_SHA_RE.match(value))


# ---------------------------------------------------------------------------------------------
# Untrusted values made safe


def clean(value: object, limit: int = MAX_TEXT) -> str:
    """A string from the report: one line, no control or invisible characters, mentions broken, cut."""
    if not isinstance(value, str):
        return ""
    value = value[: limit * 2]
    out = []
    for ch in value:
        cat = unicodedata.category(ch)
        if ch == WORD_JOINER:  # ours, from an earlier pass: added again after every "@" below
            continue
        if cat[0] == "C" and ch not in "\u200c\u200d":
            out.append(" ")
        elif cat in ("Zl", "Zp"):
            out.append(" ")
        else:
            out.append(ch)
    text = "".join(out).replace("@", "@" + WORD_JOINER)
    return text if len(text) <= limit else text[:limit] + "…"


def md(value: object, limit: int = MAX_TEXT) -> str:
    """Text for Markdown: every character with a meaning in Markdown is escaped."""
    return _MD_SPECIALS.sub(r"\\\1", clean(value, limit))


def _row(item: object) -> rowformat.Row | None:
    """A signature's public fields from the report, checked, as the site's Row."""
    if not isinstance(item, dict) or item.get("type") not in BY_NAME["type"].choices:
        return None
    name = clean(item.get("name"), BY_NAME["name"].max_length)
    if not name:
        return None
    slug = (
        item.get("slug")
        if isinstance(item.get("slug"), str) and SLUG_RE.match(item["slug"]) and len(item["slug"]) <= 200
        else ""
    )
    country = item.get("country") if isinstance(item.get("country"), str) and _COUNTRY_RE.match(item["country"]) else ""
    website = item.get("website") if isinstance(item.get("website"), str) and _WEBSITE_RE.match(item["website"]) else ""
    return rowformat.Row(
        slug=slug,
        type=item["type"],
        name=name,
        **{aside: clean(item.get(aside), BY_NAME[aside].max_length or MAX_TEXT) for aside in rowformat.ASIDES},
        country=country,
        country_name=country_name(country) if country else "",
        website=website,
    )


def _list(report: dict, key: str) -> list:
    value = report["pull_request"].get(key)
    return value if isinstance(value, list) else []


def _problems(report: dict) -> tuple[list[dict], list[dict]]:
    problems = report.get("problems")
    if not isinstance(problems, list):
        return [], []
    refused, warnings = [], []
    for p in problems:
        if isinstance(p, dict):
            (warnings if p.get("severity") == "warning" else refused).append(p)
    return refused, warnings


def _where(problem: dict) -> str:
    line = problem.get("line")
    where = md(problem.get("path"), 200) or "the pull request"
    if isinstance(line, int) and not isinstance(line, bool) and line > 0:
        where += f", line {line}"
    return where


def _capped(items: list, render_item) -> list[str]:
    out = [render_item(i) for i in items[:MAX_ITEMS]]
    if len(items) > MAX_ITEMS:
        out.append(f"- … and {len(items) - MAX_ITEMS} more: see the check's log.\n")
    return out


# ---------------------------------------------------------------------------------------------
# The comment


def render_comment(report: dict) -> str:
    refused, warnings = _problems(report)
    rows = [r for r in (_row(i) for i in _list(report, "added")[:MAX_ITEMS]) if r is not None]
    withdrawn = [p for p in _list(report, "withdrawn") if isinstance(p, str)]
    confirm = [i for i in _list(report, "confirm") if isinstance(i, dict)]
    out = [MARKER + "\n"]

    if refused:
        out.append("### Something to fix\n\n")
        out.append(
            "Thank you for signing. The automatic check found what is listed below. Fix it by editing your file "
            "in this pull request: the check runs again each time you change it. If you are stuck, ask in a comment "
            "here and a maintainer will help.\n\n"
        )
        out += _capped(refused, lambda p: f"- **{_where(p)}**: {md(p.get('message'))}\n")
        out.append("\n")
        if any(
            isinstance(p.get("code"), str) and p["code"] in namesakes.CODES for p in refused
        ):  # untrusted: a code may be anything
            out.append(
                "<details><summary>For the reviewer: a possible namesake</summary>\n\n"
                "If the signer says they are a different person or organisation from the one already "
                "listed, confirm it "
                "with both signers (through the encrypted contacts), add the two files as one group to "
                "`namesakes.yaml` on "
                "the default branch (for example `- [maria-garcia-madrid, maria-garcia-valencia]`), and "
                "run this check again.\n\n</details>\n\n"
            )
    elif rows:
        out.append("### Ready for a maintainer\n\n")
        out.append(
            "Thank you for signing. This is how "
            + ("your entry" if len(rows) == 1 else "these entries")
            + " will appear on the list of signatories:\n\n"
        )
    elif withdrawn:
        out.append("### Ready for a maintainer\n\n")
    else:
        out.append("### Nothing to fix\n\n")

    if rows and not refused:
        # HTML rebuilt from checked fields by the site's own renderer, which escapes all of them.
        out.append("<ul>\n" + "\n".join(rowformat.row_html(r) for r in rows) + "\n</ul>\n\n")
        out.append("In plain text:\n\n" + "".join(f"- {md(rowformat.row_text(r), 900)}\n" for r in rows) + "\n")
        out.append(
            "A maintainer will now confirm the signature and merge this pull request; the list is updated "
            "a few minutes later. There is nothing more for you to do.\n\n"
        )
    if withdrawn and not refused:
        out.append(
            "Withdrawn by their signers:\n\n" + "".join(_capped(withdrawn, lambda p: f"- {md(p, 200)}\n")) + "\n"
        )

    if warnings:
        out.append("**Waiting for a maintainer**, who must look at:\n\n")
        out += _capped(warnings, lambda p: f"- **{_where(p)}**: {md(p.get('message'))}\n")
        out.append("\n")
    if confirm and not refused:
        out.append(
            f"<details><summary>For the reviewer: {len(confirm)} thing{'s' if len(confirm) != 1 else ''} "
            "to confirm</summary>\n\n"
        )
        out += _capped(confirm, lambda i: f"- [ ] **{md(i.get('path'), 200)}**: {md(i.get('text'))}\n")
        out.append("\n</details>\n\n")

    sha = head_sha(report)
    rules = report["pull_request"].get("rules")
    if sha:
        by = f" under the settings, keys and letter versions of {rules[:12]}" if _is_sha(rules) else ""
        out.append(f"<sub>Checked commit {sha[:12]}{by}.</sub>\n")
    text = "".join(out)
    if len(text) > MAX_COMMENT:
        text = text[:MAX_COMMENT] + "\n\n… (cut: see the check's log for the rest)\n"
    return text
