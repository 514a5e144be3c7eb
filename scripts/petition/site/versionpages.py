"""The letter's versions as pages of the site: each released text at /versions/<n>/, with a diff against the
one before."""

from __future__ import annotations

import dataclasses
import difflib
import html
import re

from petition.model.versions import (
    current_version,
    load_releases,
    snapshot_text,
)
from petition.settings import Settings


@dataclasses.dataclass(frozen=True)
class VersionPage:
    """A generated page of the site: one released text, published at ``/versions/<n>/``."""

    version: str
    # At the top of the docs folder so that the letter's own relative links (signatories.md, ...)
    # resolve exactly as on the letter page; dest_uri puts it at versions/<n>/.
    src_uri: str
    dest_uri: str
    markdown: str


def page_src_uri(version: str) -> str:
    return f"letter-version-{version}.md"


def pages(settings: Settings) -> list[VersionPage]:
    """One page per released version that has a readable text (problems() reports the others)."""
    releases, _ = load_releases(settings)
    current = current_version(settings)
    out = []
    for r in releases:
        try:
            text = snapshot_text(settings, r.version)
        except (OSError, UnicodeDecodeError):
            continue
        n = int(r.version)
        if r.version == current:
            status = "This is the current text: new signatures endorse it."
        else:
            status = f"This is not the current text: new signatures endorse [version {current}](index.md)."
        changes = (
            f"[What changed from version {n - 1}](#changes)" if n > 1 else "This is the first version of the letter."
        )
        head = (
            "---\n"
            f'title: "Version {r.version} of the letter"\n'
            "search:\n  exclude: true\n"
            "---\n\n"
            f'<p class="petition-version-note" markdown="1">**Version {r.version}** of the letter, '
            f"released on {r.released}. {status} {changes}</p>\n\n"
        )
        tail = ""
        if n > 1:
            tail = f"\n## Changes from version {n - 1} {{ #changes }}\n\n<!-- petition:version-diff {r.version} -->\n"
        out.append(
            VersionPage(r.version, page_src_uri(r.version), f"versions/{r.version}/index.html", head + text + tail)
        )
    return out


def fill_diffs(page_html: str, settings: Settings) -> str:
    """Replace each ``<!-- petition:version-diff N -->`` with the diff of version N-1 to N."""

    def one(match: re.Match) -> str:
        n = int(match.group(1))
        try:
            return diff_html(snapshot_text(settings, str(n - 1)), snapshot_text(settings, str(n)))
        except (OSError, UnicodeDecodeError):
            return "<p>The earlier text is missing from the repository.</p>"

    return DIFF_MARKER_RE.sub(one, page_html)


def _words(old: str, new: str) -> str:
    a, b = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(html.escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{html.escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{html.escape(''.join(b[j1:j2]))}</ins>")
    return "".join(out)


def diff_html(old_text: str, new_text: str) -> str:
    """What changed between two texts, paragraph by paragraph, words marked with <del>/<ins>.

    The texts are the letter's Markdown source; every character is HTML-escaped.
    """
    old = [line for line in old_text.split("\n") if line]
    new = [line for line in new_text.split("\n") if line]
    blocks: list[str] = []
    tally = {"changed": 0, "added": 0, "removed": 0}

    def block(kind: str, label: str, body: str) -> None:
        tally[kind] += 1
        blocks.append(
            f'<div class="petition-diff-{kind}"><p class="petition-diff-label"><strong>{label}</strong>'
            f"</p><p>{body}</p></div>"
        )

    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):
            block("changed", "Changed", _words(old[i1 + k], new[j1 + k]))
        for line in old[i1 + pairs : i2]:
            block("removed", "Removed", f"<del>{html.escape(line)}</del>")
        for line in new[j1 + pairs : j2]:
            block("added", "Added", f"<ins>{html.escape(line)}</ins>")
    if not blocks:
        return '<div class="petition-diff"><p>No change in the text.</p></div>'
    summary = (
        f"{tally['changed']} paragraph(s) changed, {tally['added']} added, {tally['removed']} "
        "removed. Removed words are struck through; added words are underlined."
    )
    return (
        '<div class="petition-diff">\n<p class="petition-diff-summary">'
        + html.escape(summary)
        + "</p>\n"
        + "\n".join(blocks)
        + "\n</div>"
    )


DIFF_MARKER_RE = re.compile(r"<!-- petition:version-diff ([1-9][0-9]{0,3}) -->")


_TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]")
