"""Helpers for the browser tests: a built site served on 127.0.0.1, and Debian's Chromium."""

from __future__ import annotations

from pathlib import Path

import conftest
from browser import CHROMIUM_ARGS, launch, serve  # noqa: F401 (re-exported for the sign-page tests)
from conftest import Repo


def make_repo(root: Path, key, founding: bool = True, with_key: bool = True) -> Repo:
    """Like the ``repo`` fixture, for fixtures wider than one test."""
    made = conftest.make_repo(root, key, with_key=with_key)
    if founding:
        made.add_founding()
    return made
