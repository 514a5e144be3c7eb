"""Contacts forgotten on schedule: after ``contacts_kept_until`` every check warns that the private keys
must be destroyed, until ``petition keygen --destroy`` has recorded each one in ``docs/keys/destroyed.yaml``.

Git never forgets a file; destroying the private key makes every copy of every contact unreadable for
good, which is the only erasure a public repository allows.
"""

from __future__ import annotations

import datetime as dt

from petition.check.lifecycle import long_date
from petition.model import versions
from petition.model.keys import DESTROYED_FILE, load_key_dates, load_keyring
from petition.problems import WARNING, Problem
from petition.settings import Settings, setting_date


def kept_until(settings: Settings) -> dt.date | None:
    """The last day contacts are kept readable, or None (none set, or malformed: config_problems says so)."""
    return setting_date(settings.contacts_kept_until)


def config_problems(settings: Settings) -> list[Problem]:
    if settings.contacts_kept_until in ("", None) or kept_until(settings) is not None:
        return []
    return [
        Problem(
            "pyproject.toml",
            versions.toml_line(settings, "contacts_kept_until"),
            "contacts_kept_until must be the last day the contacts are kept, written YYYY-MM-DD (for example "
            'contacts_kept_until = "2027-12-31", six months after closes_on), or left out.',
            "contacts-kept-until",
        )
    ]


def destroyed(settings: Settings, problems: list[Problem] | None = None) -> dict[str, dt.date]:
    """The keys whose private key the maintainers recorded as destroyed, and when."""
    path = settings.keys_path / DESTROYED_FILE
    return load_key_dates(path, settings.display(path), problems if problems is not None else [])


def retention_problems(settings: Settings, today: dt.date | None = None) -> list[Problem]:
    """The setting's own problem, or, from the day after ``contacts_kept_until``, a warning for each key
    whose private key is not recorded as destroyed."""
    problems = config_problems(settings)
    last = kept_until(settings)
    if last is None or (today or dt.date.today()) <= last:
        return problems
    keyring, _ = load_keyring(settings.keys_path, settings.root)  # the check reports the keyring's own problems
    gone = destroyed(settings, problems)
    for key in sorted(keyring.keys.values(), key=lambda k: k.id):
        if key.id in gone:
            continue
        problems.append(
            Problem(
                key.path,
                1,
                f"the contacts were to be kept until {last.isoformat()} (contacts_kept_until): the private key of "
                f"{key.id} must now be destroyed, with every copy and its passphrase. Run “petition keygen "
                f"--destroy PRIVATE_KEY_FILE” and commit {settings.keys_dir}/{DESTROYED_FILE}.",
                "key-retention",
                WARNING,
            )
        )
    return problems


def kept_until_sentence(settings: Settings) -> str:
    """What the privacy page says of it."""
    last = kept_until(settings)
    if last is None:
        return (
            "The maintainers have not yet set the day until which they keep the contacts; it will be stated here "
            "before signatures close."
        )
    return (
        f"The maintainers keep the contacts readable until {long_date(last)}. After that day they destroy the "
        "private key, every copy of it and its passphrase: from then on no one can read any contact, in this "
        "repository, its history or any copy of it. The day is recorded beside each key, in the keys folder, "
        "and so is the destruction."
    )
