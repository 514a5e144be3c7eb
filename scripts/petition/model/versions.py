"""The letter's versions. Every signer's file records the version of the text it endorsed.

Each released text is kept as ``docs/versions/<n>.md`` (the letter's Markdown, normalised: no front
matter, no ``<!-- petition:... -->`` markers) and recorded in ``docs/versions/versions.yaml`` with its
SHA-256 and release date. The current text, ``docs/index.md``, must hash to the current version's
record: a change to the letter without ``petition version release`` is caught by ``problems()``
(run by ``petition version check`` and by the site build).

The site publishes every version at ``/versions/<n>/`` with a diff against the one before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
import sys
import unicodedata
from pathlib import Path

from petition.problems import Problem
from petition.settings import Settings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

VERSION_RE = re.compile(r"^[1-9][0-9]{0,3}$")
LETTER_FILE = "docs/index.md"
VERSIONS_DIR = "docs/versions"
LOCK_FILE = "docs/versions/versions.yaml"
_MARKER_RE = re.compile(r"<!--\s*petition:[a-z0-9-]+(?:\s[^>]*)?-->")
_HASH_RE = re.compile(r"^[0-9a-f]{64}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class VersionError(Exception):
    """A maintainer's command that cannot go ahead; the message says why and what to do."""


@dataclasses.dataclass(frozen=True)
class Release:
    version: str
    released: str  # YYYY-MM-DD: when this text was released in this repository
    sha256: str


# --- the letter's text -------------------------------------------------------------------------


def normalise(markdown: str) -> tuple[str, list[int]]:
    """The letter's text as it is hashed, and the source line of each of its lines.

    Front matter and plugin markers are not part of the text; line endings, trailing spaces and runs
    of blank lines are not changes of meaning.
    """
    text = unicodedata.normalize("NFC", markdown.lstrip("\ufeff")).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    start = 0
    if lines and lines[0].rstrip() == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip() in ("---", "..."):
                start = i + 1
                break
    out: list[str] = []
    where: list[int] = []
    for number in range(start, len(lines)):
        line = _MARKER_RE.sub("", lines[number]).rstrip()
        if not line and lines[number].strip():
            continue  # a line holding only a marker
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
        where.append(number + 1)
    while out and not out[-1]:
        out.pop()
        where.pop()
    return "\n".join(out) + "\n", where


def digest(normalised_text: str) -> str:
    return hashlib.sha256(normalised_text.encode("utf-8")).hexdigest()


def letter_path(settings: Settings) -> Path:
    return settings.root / LETTER_FILE


def snapshot_path(settings: Settings, version: str) -> Path:
    return settings.root / VERSIONS_DIR / f"{version}.md"


def current_text(settings: Settings) -> tuple[str, list[int]]:
    return normalise(letter_path(settings).read_text(encoding="utf-8"))


def snapshot_text(settings: Settings, version: str) -> str:
    return normalise(snapshot_path(settings, version).read_text(encoding="utf-8"))[0]


# --- the record of releases --------------------------------------------------------------------


def load_releases(settings: Settings) -> tuple[list[Release], list[Problem]]:
    """Every release in the lock file, oldest first, and any problem with the file itself."""
    path = settings.root / LOCK_FILE
    if not path.is_file():
        return [], []
    import yaml

    bad = Problem(
        LOCK_FILE,
        1,
        "this file must map each version to its “released” date and “sha256”; it is written by “petition "
        "version release”: restore it from git.",
        "versions-file",
    )
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return [], [bad]
    if not isinstance(data, dict):
        return [], [bad]
    releases = []
    for version, record in data.items():
        if not (
            isinstance(record, dict)
            and VERSION_RE.match(str(version))
            and _HASH_RE.match(str(record.get("sha256", "")))
            and _DATE_RE.match(str(record.get("released", "")))
        ):
            return [], [bad]
        releases.append(Release(str(version), str(record["released"]), str(record["sha256"])))
    releases.sort(key=lambda r: int(r.version))
    if [r.version for r in releases] != [str(n) for n in range(1, len(releases) + 1)]:
        return [], [
            dataclasses.replace(
                bad,
                message="the versions in this file must be 1, 2, 3, … with none missing; it is written "
                "by “petition version release”: restore it from git.",
            )
        ]
    return releases, []


def write_releases(settings: Settings, releases: list[Release]) -> None:
    lines = [
        "# The released texts of the letter: version -> release date and SHA-256 of docs/versions/<version>.md.",
        "# Written by “petition version release”; do not edit by hand.",
    ]
    for r in releases:
        lines += [f'"{r.version}":', f'  released: "{r.released}"', f'  sha256: "{r.sha256}"']
    _write_atomic(settings.root / LOCK_FILE, "\n".join(lines) + "\n")


def current_version(settings: Settings) -> str:
    """The version of the letter that new signatures endorse."""
    return str(settings.letter_version)


def known_versions(settings: Settings) -> list[str]:
    """Every published version, oldest first."""
    releases, _ = load_releases(settings)
    if releases:
        return [r.version for r in releases]
    # No record yet (a new repository): every number up to the configured one.
    return (
        [str(n) for n in range(1, int(current_version(settings)) + 1)]
        if VERSION_RE.match(current_version(settings))
        else []
    )


def endorsed_version(signature) -> str:
    """The version a signature endorsed: founding signatories endorsed the original text, version 1."""
    return signature.version or "1"


# --- checks ------------------------------------------------------------------------------------


def problems(settings: Settings) -> list[Problem]:
    """Everything wrong with the letter's versions: the record, the snapshots, the current text."""
    releases, found = load_releases(settings)
    if found:
        return found
    current = current_version(settings)
    if not releases:
        return [
            Problem(
                LOCK_FILE,
                1,
                "no version of the letter is recorded: run “petition version release” to record the "
                "current text as version 1.",
                "versions-missing",
            )
        ]
    last = releases[-1]
    if current != last.version:
        return [
            Problem(
                "pyproject.toml",
                toml_line(settings, "letter_version"),
                f"letter_version is “{current}”, but the last released version is {last.version}: set "
                f'letter_version = "{last.version}" (“petition version release” does it for you).',
                "version-setting",
            )
        ]
    out: list[Problem] = []
    for r in releases:
        path = snapshot_path(settings, r.version)
        shown = settings.display(path)
        try:
            text = snapshot_text(settings, r.version)
        except (OSError, UnicodeDecodeError):
            out.append(
                Problem(
                    shown,
                    1,
                    f"the text of version {r.version} is missing or unreadable: restore it from git. "
                    "Released texts are never removed.",
                    "version-text-missing",
                )
            )
            continue
        if digest(text) != r.sha256:
            out.append(
                Problem(
                    shown,
                    1,
                    f"the text of version {r.version} was changed after its release: restore it from git. "
                    "Signatories endorsed the text as released; a new text is a new version (“petition "
                    "version release”).",
                    "version-text-changed",
                )
            )
    try:
        text, where = current_text(settings)
    except (OSError, UnicodeDecodeError):
        return out + [Problem(LETTER_FILE, 1, "the letter page is missing or is not UTF-8.", "letter-missing")]
    if digest(text) != last.sha256:
        line = _first_difference(text, where, settings, last.version)
        out.append(
            Problem(
                LETTER_FILE,
                line,
                f"the letter's text differs from version {last.version} as released. Signatories endorsed "
                f"that text: undo the change, or release the new text as version {int(last.version) + 1} "
                "with “petition version release” (the site then shows what changed).",
                "version-not-released",
            )
        )
    return out


def _first_difference(text: str, where: list[int], settings: Settings, version: str) -> int:
    try:
        old = snapshot_text(settings, version).split("\n")
    except (OSError, UnicodeDecodeError):
        return 1
    new = text.split("\n")
    for i, line in enumerate(new):
        if i >= len(old) or line != old[i]:
            return where[min(i, len(where) - 1)] if where else 1
    return where[-1] if where else 1


def problems_for_new_file(entry, settings: Settings) -> list[Problem]:
    """A signature file added now must endorse the current text.

    Founding entries carry no version; imported ones (paper or email, recorded by the maintainers)
    keep the version the person actually signed.
    """
    sig = entry.signature
    current = current_version(settings)
    if sig.source is not None or sig.version is None or sig.version == current:
        return []
    return [
        Problem(
            entry.path,
            entry.lines.get("version", 1),
            f"“version” is {sig.version}, but new signatures endorse the current text, version {current}: "
            f"read it, then change the line to “version: {current}” (the sign page fills it in).",
            "version-not-current",
        )
    ]


# --- release -----------------------------------------------------------------------------------


def release(settings: Settings, today: dt.date | None = None) -> Release:
    """Record the current text as the next version (version 1 when nothing is recorded yet)."""
    today = today or dt.date.today()
    releases, found = load_releases(settings)
    if found:
        raise VersionError(f"{found[0].path}: {found[0].message}")
    try:
        text, _ = current_text(settings)
    except (OSError, UnicodeDecodeError):
        raise VersionError(f"{LETTER_FILE} is missing or is not UTF-8: nothing to release.") from None
    if releases:
        last = releases[-1]
        if current_version(settings) != last.version:
            raise VersionError(
                f"pyproject.toml says letter_version = “{current_version(settings)}”, but the last "
                f"release is {last.version}: fix letter_version first."
            )
        if digest(text) == last.sha256:
            raise VersionError(f"the letter's text is the same as version {last.version}: nothing to release.")
        new = str(int(last.version) + 1)
    else:
        new = "1"
    snapshot = snapshot_path(settings, new)
    if snapshot.exists() and digest(snapshot_text(settings, new)) != digest(text):
        raise VersionError(
            f"{settings.display(snapshot)} already exists with another text: remove it (or restore the "
            "record from git) first."
        )
    made = Release(new, today.isoformat(), digest(text))
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(snapshot, text)
    write_releases(settings, releases + [made])
    set_letter_version(settings.root / "pyproject.toml", new)  # written out even for 1, so maintainers see it
    return made


def set_letter_version(pyproject: Path, version: str) -> None:
    """Set ``letter_version`` in ``[tool.petition]``, keeping the rest of the file as written."""
    text = pyproject.read_text(encoding="utf-8") if pyproject.is_file() else ""
    setting = f'letter_version = "{version}"'
    header = re.search(r"^\[tool\.petition\][ \t]*(?:#.*)?$", text, re.MULTILINE)
    if header is None:
        new_text = text + ("" if text.endswith("\n") or not text else "\n") + f"\n[tool.petition]\n{setting}\n"
    else:
        following = re.search(r"^\[", text[header.end() :], re.MULTILINE)
        end = header.end() + following.start() if following else len(text)
        section = text[header.end() : end]
        existing = re.search(r"^letter_version[ \t]*=.*$", section, re.MULTILINE)
        if existing:
            section = section[: existing.start()] + setting + section[existing.end() :]
        else:
            section = f"\n{setting}" + section
        new_text = text[: header.end()] + section + text[end:]
    parsed = tomllib.loads(new_text).get("tool", {}).get("petition", {})
    if str(parsed.get("letter_version")) != version:  # pragma: no cover - a layout we did not foresee
        raise VersionError(
            f'could not set letter_version in {pyproject.name}: set letter_version = "{version}" under '
            "[tool.petition] by hand."
        )
    _write_atomic(pyproject, new_text)


def toml_line(settings: Settings, key: str) -> int:
    try:
        for number, line in enumerate(
            (settings.root / "pyproject.toml").read_text(encoding="utf-8").splitlines(), start=1
        ):
            if re.match(rf"^{key}\s*=", line):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def _write_atomic(path: Path, text: str) -> None:
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(temp, path)


# --- the site's version pages ------------------------------------------------------------------
