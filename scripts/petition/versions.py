"""The letter's versions. Every signer's file records the version of the text it endorsed."""

from __future__ import annotations

import re

from .settings import Settings

VERSION_RE = re.compile(r"^[1-9][0-9]{0,3}$")


def current_version(settings: Settings) -> str:
    """The version of the letter that new signatures endorse."""
    return str(settings.letter_version)


def known_versions(settings: Settings) -> list[str]:
    """Every published version, oldest first."""
    return [str(n) for n in range(1, int(current_version(settings)) + 1)]
