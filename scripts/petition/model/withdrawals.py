"""Withdrawal: remove a signature file and count the withdrawal, recording nothing about the person.

The record, ``docs/withdrawals.yaml``, holds a total, a count per month and a count per reason code:
no name, no slug, no date finer than the month. It is published with the site.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import os
import re
import subprocess
from pathlib import Path

from petition.load.files import SLUG_RE
from petition.settings import SIGNATURE_SUFFIX, Settings

RECORD_FILE = "docs/withdrawals.yaml"
# Why an endorsement was withdrawn, in categories broad enough to say nothing about who.
REASONS = {
    "request": "the signatory asked to be removed",
    "text-changed": "the signatory did not endorse a later version of the text",
    "not-authorised": "the endorsement was made without the authority to make it",
    "other": "any other reason",
}
_MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class WithdrawError(Exception):
    """The withdrawal cannot go ahead; nothing was changed. The message says what to do."""


@dataclasses.dataclass
class Record:
    count: int = 0
    by_month: dict[str, int] = dataclasses.field(default_factory=dict)
    by_reason: dict[str, int] = dataclasses.field(default_factory=dict)

    def add(self, month: str, reason: str) -> None:
        self.count += 1
        self.by_month[month] = self.by_month.get(month, 0) + 1
        self.by_reason[reason] = self.by_reason.get(reason, 0) + 1

    def text(self) -> str:
        lines = [
            "# Withdrawn endorsements: counts only. Written by “petition withdraw”.",
            "# Who withdrew is not recorded here (see the Privacy page for what git history keeps).",
            f"count: {self.count}",
        ]
        for title, values in (("by_month", self.by_month), ("by_reason", self.by_reason)):
            lines.append(f"{title}:" + ("" if values else " {}"))
            lines.extend(f'  "{key}": {values[key]}' for key in sorted(values))
        return "\n".join(lines) + "\n"


def load_record(settings: Settings) -> Record:
    path = settings.root / RECORD_FILE
    if not path.is_file():
        return Record()
    import yaml

    bad = WithdrawError(
        f"{RECORD_FILE} is not a withdrawal record (count, by_month, by_reason): restore it from git, then try again."
    )
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        raise bad from None
    if not isinstance(data, dict) or set(data) - {"count", "by_month", "by_reason"}:
        raise bad
    try:
        record = Record(
            int(data.get("count", "0")), _counts(data.get("by_month", {})), _counts(data.get("by_reason", {}))
        )
    except (TypeError, ValueError):
        raise bad from None
    if (
        record.count < 0
        or any(not _MONTH_RE.match(m) for m in record.by_month)
        or any(r not in REASONS for r in record.by_reason)
    ):
        raise bad
    return record


def _counts(value) -> dict[str, int]:
    if value in ("", "{}"):
        return {}
    if not isinstance(value, dict):
        raise ValueError
    out = {str(k): int(v) for k, v in value.items()}
    if any(v < 0 for v in out.values()):
        raise ValueError
    return out


def _git(settings: Settings, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=settings.root, capture_output=True, text=True)


def in_git(settings: Settings) -> bool:
    done = _git(settings, "rev-parse", "--is-inside-work-tree")
    return done.returncode == 0 and done.stdout.strip() == "true"


def signature_path(settings: Settings, slug: str) -> Path:
    """The file of a slug, refusing anything that is not an existing signature file."""
    if not SLUG_RE.match(slug):
        raise WithdrawError(
            f"“{slug[:60]}” is not a signature's slug: a slug is the file name without “.yaml”, lowercase "
            "letters, digits and single hyphens (the anchor of the signatory on the list, such as anna-de-vries)."
        )
    path = settings.signatures_path / f"{slug}{SIGNATURE_SUFFIX}"
    if path.is_symlink() or not path.is_file():
        known = (
            [p.name[: -len(SIGNATURE_SUFFIX)] for p in settings.signatures_path.glob(f"*{SIGNATURE_SUFFIX}")]
            if settings.signatures_path.is_dir()
            else []
        )
        close = difflib.get_close_matches(slug, known, n=3, cutoff=0.7)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise WithdrawError(f"there is no signature file {settings.display(path)}: nothing was removed.{hint}")
    return path


def withdraw(
    settings: Settings, slug: str | None, reason: str = "request", today: dt.date | None = None
) -> tuple[Record, bool]:
    """Remove the slug's file (``git rm`` in a git work tree) and count the withdrawal.

    With ``slug=None`` only the count is added (the file was already removed, for example by the
    signer's own pull request). Returns the new record and whether git staged the changes.
    """
    if reason not in REASONS:
        raise WithdrawError(f"“{reason[:40]}” is not a reason code: use one of {', '.join(REASONS)}.")
    try:
        record = load_record(settings)  # refuse a broken record before touching anything
    except WithdrawError as exc:
        raise WithdrawError(f"{exc} Nothing was removed.") from None
    path = signature_path(settings, slug) if slug is not None else None
    git = in_git(settings)
    if path is not None:
        tracked = git and _git(settings, "ls-files", "--error-unmatch", "--", settings.display(path)).returncode == 0
        if tracked:
            removed = _git(settings, "rm", "--quiet", "--force", "--", settings.display(path))
            if removed.returncode != 0:
                raise WithdrawError(
                    f"git could not remove {settings.display(path)} ({removed.stderr.strip()[:200]}): "
                    "nothing was recorded."
                )
        else:
            path.unlink()
    record.add((today or dt.date.today()).strftime("%Y-%m"), reason)
    target = settings.root / RECORD_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.tmp")
    temp.write_text(record.text(), encoding="utf-8", newline="\n")
    os.replace(temp, target)
    staged = False
    if git:
        staged = _git(settings, "add", "--", RECORD_FILE).returncode == 0
    return record, staged
