"""pre-commit, for real and offline, on a copy of this repository; and the published hooks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from petition.cli import COMMANDS

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tracked_files() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout
    return [name for name in out.decode().split("\0") if name and (REPO / name).is_file()]


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """This repository's files in a fresh git repository (no history: pre-commit needs only the index)."""
    root = tmp_path_factory.mktemp("precommit") / "repo"
    for name in _tracked_files():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    return root


def _git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=" + "1+t@users.noreply.github.com", *args],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )


def _pre_commit(root: Path, home: Path, *which: str) -> subprocess.CompletedProcess:
    """``pre-commit run`` on ``which`` files (default: all of them), as a developer or CI runs it."""
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "NO_MKDOCS_2_WARNING": "1",
    }
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [str(BIN / "pre-commit"), "run", *(which or ("--all-files",)), "--color", "never"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_pre_commit_passes_on_the_repository_and_fails_on_a_bad_signature(copy, tmp_path):
    _git(copy, "init", "-q")
    _git(copy, "add", "-A")
    run = _pre_commit(copy, tmp_path / "home")
    assert run.returncode == 0, run.stdout + run.stderr
    for hook in (
        "check signature files",
        "letter text changed only with a release",
        "no plain email addresses",
        "workflows match GitHub's schema",
        "workflows pass zizmor's audits (offline)",
        "issue forms match GitHub's schema",
    ):
        assert f"{hook}." in run.stdout and "Passed" in run.stdout.split(f"{hook}.")[1].splitlines()[0]

    (copy / "signatures" / "bad-entry.yaml").write_text(
        "type: individual\nname: Bad <b>Entry</b>\nsigned: 2026-01-01\n", encoding="utf-8"
    )
    (copy / "docs" / "notes.md").write_text("write to " + "jane.doe" + "@" + "mailprovider.net\n", encoding="utf-8")
    letter = copy / "docs" / "index.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace("We call on", "We quietly call on"), encoding="utf-8")
    workflow = copy / ".github" / "workflows" / "validate.yml"
    workflow.write_text(workflow.read_text().replace("runs-on:", "runs_on:"), encoding="utf-8")
    # As validate.yml runs it on a pull request: the files changed since the base branch.
    _git(copy, "commit", "-q", "-m", "Base")
    _git(copy, "branch", "-M", "main")
    _git(copy, "checkout", "-q", "-b", "pr")
    _git(copy, "add", "-A")
    _git(copy, "commit", "-q", "-m", "Change")
    run = _pre_commit(copy, tmp_path / "home", "--from-ref", "main", "--to-ref", "HEAD")
    assert run.returncode == 1
    assert "signatures/bad-entry.yaml:2:" in run.stdout
    assert "docs/notes.md:1: this line contains a plain email address" in run.stdout
    assert "mailprovider" not in run.stdout
    assert "docs/index.md:" in run.stdout and "differs from version 1" in run.stdout
    assert "workflows match GitHub's schema" in run.stdout and "validate.yml" in run.stdout


def test_published_hooks_call_real_commands():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"petition-check", "petition-guard"}
    for hook in hooks:
        program, command = hook["entry"].split()[:2]
        assert program == "petition" and command in COMMANDS
        assert hook["language"] == "python"  # pre-commit installs this package for the other repository


def test_local_hooks_run_offline_from_the_projects_environment():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    assert [r["repo"] for r in config["repos"]] == ["local"]
    for hook in config["repos"][0]["hooks"]:
        assert hook["language"] == "system"
        program = hook["entry"].split()[0]
        assert (BIN / program).exists(), program
