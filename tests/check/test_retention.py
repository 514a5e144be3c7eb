"""Contacts forgotten on schedule: the check warns from the day after contacts_kept_until, not before, until
every private key is recorded as destroyed."""

from __future__ import annotations

import datetime as dt

from petition.check.collection import check
from petition.check.retention import kept_until, kept_until_sentence, retention_problems
from petition.model.keys import DESTROYED_FILE, key_id
from petition.problems import WARNING

LAST = dt.date(2027, 12, 31)


def configure(repo, line: str) -> None:
    pyproject = repo.root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8").replace("[tool.petition]\n", f"[tool.petition]\n{line}\n", 1)
    pyproject.write_text(text, encoding="utf-8")


def test_the_warning_comes_the_day_after_and_not_the_day_before(repo, private_key):
    configure(repo, f'contacts_kept_until = "{LAST.isoformat()}"')
    repo.sign("ola", "Ola Nordmann", signed="2026-12-01")
    settings = repo.settings()
    kid = key_id(private_key.public_key())
    assert retention_problems(settings, LAST - dt.timedelta(days=1)) == []
    assert retention_problems(settings, LAST) == []  # the last day itself: still kept
    [warning] = retention_problems(settings, LAST + dt.timedelta(days=1))
    assert (warning.path, warning.severity, warning.code) == (f"docs/keys/{kid}.pem", WARNING, "key-retention")
    assert "petition keygen --destroy" in warning.message and kid in warning.message
    # Every run of the check says it, and still passes: a warning, not a refusal.
    after = check(settings, today=LAST + dt.timedelta(days=1))
    assert after.ok and warning in after.problems
    before = check(settings, today=LAST - dt.timedelta(days=1))
    assert not [p for p in before.problems if p.code == "key-retention"]


def test_a_destroyed_key_is_no_longer_warned_about(repo, private_key, other_private_key):
    configure(repo, f"contacts_kept_until = {LAST.isoformat()}")  # a TOML date, unquoted, works too
    other = repo.add_key(other_private_key.public_key(), retired=dt.date(2026, 12, 1))
    kid = key_id(private_key.public_key())
    (repo.keys / DESTROYED_FILE).write_text(f'{kid}: "2028-01-02"\n', encoding="utf-8")
    found = retention_problems(repo.settings(), LAST + dt.timedelta(days=2))
    assert [p.path for p in found] == [f"docs/keys/{other}.pem"]


def test_a_malformed_setting_is_an_error_and_none_set_says_nothing(repo):
    assert kept_until(repo.settings()) is None and retention_problems(repo.settings(), dt.date(2100, 1, 1)) == []
    assert "not yet set" in kept_until_sentence(repo.settings())
    configure(repo, 'contacts_kept_until = "31/12/2027"')
    [problem] = retention_problems(repo.settings())
    assert problem.path == "pyproject.toml" and problem.severity == "error" and problem.line > 1
    assert not check(repo.settings()).ok


def test_the_privacy_page_states_the_day(repo):
    configure(repo, f'contacts_kept_until = "{LAST.isoformat()}"')
    assert "until 31 December 2027" in kept_until_sentence(repo.settings())
    built = repo.build()
    assert built.returncode == 0, built.stderr
    page = (repo.site / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "The maintainers keep the contacts readable until 31 December 2027." in page
