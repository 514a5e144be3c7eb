from __future__ import annotations

import datetime as dt
import json
import re

from life_git import commit_all, init
from petition.check import lifecycle
from petition.cli import main
from petition.settings import load_settings

TODAY = dt.date.today()


def run(repo, *argv: str) -> int:
    return main(["--root", str(repo.root), *argv])


def configure(repo, text: str) -> None:
    """Add lines to [tool.petition] in the repository's pyproject.toml."""
    pyproject = repo.root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace("[tool.petition]\n", f"[tool.petition]\n{text}\n"),
        encoding="utf-8",
    )


def test_closing_date_and_switch(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.petition]\ncloses_on = "2027-06-30"\n')
    settings = load_settings(tmp_path)
    assert lifecycle.closing_date(settings) == dt.date(2027, 6, 30)
    assert not lifecycle.is_closed(settings, dt.date(2027, 6, 30))  # the last day still accepts signatures
    assert lifecycle.is_closed(settings, dt.date(2027, 7, 1))
    (tmp_path / "pyproject.toml").write_text("[tool.petition]\ncloses_on = 2027-06-30\n")  # a TOML date, unquoted
    assert lifecycle.is_closed(load_settings(tmp_path), dt.date(2027, 7, 1))
    (tmp_path / "pyproject.toml").write_text("[tool.petition]\nclosed = true\n")
    assert lifecycle.is_closed(load_settings(tmp_path), dt.date(2000, 1, 1))
    (tmp_path / "pyproject.toml").write_text("[tool.petition]\n")
    assert not lifecycle.is_closed(load_settings(tmp_path), dt.date(2999, 1, 1))


def test_malformed_closing_date_is_refused(repo, capsys):
    configure(repo, 'closes_on = "30/06/2027"')
    assert run(repo, "check") == 1
    assert re.search(
        r"pyproject\.toml:\d+: closes_on must be the last day signatures are accepted, written YYYY-MM-DD",
        capsys.readouterr().out,
    )


def test_files_dated_after_the_close_are_refused(repo, capsys):
    last = TODAY - dt.timedelta(days=10)
    repo.sign("on-time", "On Time", signed=last.isoformat())
    late = repo.sign("too-late", "Too Late", signed=(last + dt.timedelta(days=1)).isoformat())
    init(repo.root)
    configure(repo, f'closes_on = "{last.isoformat()}"')
    assert run(repo, "check") == 1
    out = capsys.readouterr().out
    assert (
        f"signatures/too-late.yaml:3: “signed” is {(last + dt.timedelta(days=1)).isoformat()}, but "
        f"signatures closed on {lifecycle.long_date(last)}" in out
    )
    assert "on-time.yaml" not in out
    # The build refuses to publish it, like any invalid file.
    built = repo.build()
    assert built.returncode != 0 and "too-late.yaml" in built.stderr
    late.unlink()
    assert run(repo, "check") == 0


def test_manual_switch_refuses_new_files_whatever_their_date(repo, capsys):
    repo.sign("committed", "Committed Signer")
    init(repo.root)
    configure(repo, "closed = true")
    commit_all(repo.root, "Close the letter")
    new = repo.sign("newcomer", "New Comer")
    assert run(repo, "check", str(new)) == 1
    assert "signatures/newcomer.yaml:1: signatures to this letter are closed" in capsys.readouterr().out
    assert run(repo, "check", str(repo.signatures / "committed.yaml")) == 0
    commit_all(repo.root, "Someone merged it anyway")
    assert run(repo, "check", str(new)) == 0  # committed files are the record, not new endorsements


def test_closed_site_shows_final_counts_and_no_form(repo):
    repo.add_founding()
    last = TODAY - dt.timedelta(days=3)
    repo.sign("last-signer", "Last Signer", signed=last.isoformat())
    configure(repo, f'closes_on = "{last.isoformat()}"')
    built = repo.build()
    assert built.returncode == 0, built.stderr
    when = lifecycle.long_date(last)

    letter = (repo.site / "index.html").read_text(encoding="utf-8")
    counts = re.search(r'<p class="petition-counts petition-closed">(.*?)</p>', letter).group(1)
    assert f"Signatures closed on {when}." in counts
    assert "Final count: endorsed by 12 organisations and 5 individuals." in counts
    assert "Endorse this letter" not in counts

    sign = (repo.site / "sign" / "index.html").read_text(encoding="utf-8")
    notice = re.search(r'<div class="petition-closed" role="status">(.*?)</div>', sign).group(1)
    assert f"Signatures closed on {when}." in notice and "no longer accepts endorsements" in notice
    assert "petition:sign-form" not in sign
    assert "Other ways to sign" not in sign and "petition sign" not in sign  # no way to sign is offered at all

    badge = json.loads((repo.site / "badge.json").read_text(encoding="utf-8"))
    assert badge == {"schemaVersion": 1, "label": "signatories", "message": "17 (closed)", "color": "lightgrey"}


def test_open_site_keeps_the_invitation(repo):
    repo.add_founding()
    configure(repo, f'closes_on = "{(TODAY + dt.timedelta(days=30)).isoformat()}"')
    built = repo.build()
    assert built.returncode == 0, built.stderr
    assert "petition-closed" not in (repo.site / "index.html").read_text(encoding="utf-8")
    assert "petition-closed" not in (repo.site / "sign" / "index.html").read_text(encoding="utf-8")
    assert json.loads((repo.site / "badge.json").read_text(encoding="utf-8"))["message"] == "16"
