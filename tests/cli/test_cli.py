"""The ``petition`` command itself: its subcommands, its version, its usage errors, the root found from the folder."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO
from petition import __version__
from petition.cli import COMMANDS, main


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out == f"petition {__version__}\n"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_its_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0 and out.startswith(f"usage: petition {command}") and COMMANDS[command][:30] in out


def test_the_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)


@pytest.mark.parametrize("argv", [[], ["nosuchcommand"], ["check", "--nosuchoption"]])
def test_usage_errors_exit_two_with_the_usage(argv, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2 and "usage: petition" in capsys.readouterr().err


def test_without_root_the_repository_is_found_from_the_current_folder(repo, capsys, monkeypatch):
    repo.sign("anna", "Anna")
    repo.write("broken", "type: individual\n")
    monkeypatch.chdir(repo.signatures)
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "signatures/broken.yaml:1:" in out and "1 of 2 files" in out


def test_the_module_runs_as_the_command():
    done = subprocess.run(
        [sys.executable, "-m", "petition.cli", "--version"], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert done.returncode == 0 and done.stdout == f"petition {__version__}\n"
    done = subprocess.run([sys.executable, "-m", "petition.cli"], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 2 and "usage: petition" in done.stderr and "Traceback" not in done.stderr
