"""A real git repository holding a petition, with a base branch and a pull request's branch.

Imported by the pull-request tests: ``from prrepo import pr_repo``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess

import pytest

from petition.cli import main

BASE = "main"
NOREPLY = "1234567+{login}@users.noreply.github.com"


@dataclasses.dataclass
class Judgement:
    """What the judge run gave: its exit status, its JSON report and the comment rendered from it."""

    code: int
    report: dict
    comment: str

    def codes(self, severity: str | None = None) -> list[str]:
        return [p["code"] for p in self.report["problems"] if severity is None or p["severity"] == severity]

    @property
    def everything(self) -> str:
        """The report and the comment together: what a CI log and the pull request would show."""
        return json.dumps(self.report, ensure_ascii=False) + self.comment


@dataclasses.dataclass
class PrRepo:
    repo: object  # conftest.Repo
    author: str = "alice"
    monkeypatch: object = None

    @property
    def root(self):
        return self.repo.root

    def git(self, *args: str, env: dict | None = None) -> str:
        full_env = {**os.environ, **(env or {})}
        proc = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True, env=full_env, check=True)
        return proc.stdout

    def commit(
        self, message: str = "Change", author_email: str | None = None, committer_email: str | None = None
    ) -> str:
        self.git("add", "-A")
        env = {}
        if author_email is not None:
            env["GIT_AUTHOR_EMAIL"] = author_email
        if committer_email is not None:
            env["GIT_COMMITTER_EMAIL"] = committer_email
        self.git("commit", "-q", "--allow-empty", "-m", message, env=env)
        return self.git("rev-parse", "HEAD").strip()

    def start_pull_request(self) -> None:
        """Commit everything so far as the base branch, and branch off it."""
        self.commit("Base")
        self.git("branch", "-M", BASE)
        self.git("checkout", "-q", "-b", "pr")

    def check(self, *extra: str, author: str | None = "", association: str = "NONE", capsys=None) -> tuple[int, object]:
        """Run ``petition check --base main`` as the CLI does; return the exit status and the parsed JSON."""
        args = [
            "--root",
            str(self.root),
            "check",
            "--base",
            BASE,
            "--format",
            "json",
            "--author-association",
            association,
        ]
        who = self.author if author == "" else author
        if who is not None:
            args += ["--author", who]
        code = main(args + list(extra))
        out = capsys.readouterr().out if capsys is not None else ""
        return code, (json.loads(out) if out.strip().startswith("{") else out)

    def judge(self, association: str = "NONE", author: str | None = None, number: int = 7) -> Judgement:
        """Judge the branch ``pr`` as judge.yml does: the base branch checked out, the pull request's
        head read as git objects (``--head``), the author, association and number from GitHub's API
        (``--pull-request``) under a workflow_run event, and the comment rendered from the report that
        run wrote."""
        self.git("checkout", "-q", BASE)  # the default branch's files: nothing of the pull request's
        head = self.git("rev-parse", "pr").strip()
        work = self.root.parent / "judge-run"
        work.mkdir(exist_ok=True)
        pull = work / "pr.json"  # GET /repos/{repo}/pulls/{number}, as the judge saves it
        pull.write_text(
            json.dumps(
                {
                    "number": number,
                    "user": {"login": author or self.author},
                    "author_association": association,
                    "head": {"sha": head},
                    "base": {"ref": BASE},
                }
            )
        )
        event = work / "event.json"  # what the judge runs under: it names no pull request
        event.write_text(json.dumps({"workflow_run": {"event": "pull_request", "head_sha": head}}))
        self.monkeypatch.setenv("GITHUB_ACTIONS", "true")
        self.monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
        report_file, comment_file = work / "report.json", work / "comment.md"
        try:
            code = main(
                ["--root", str(self.root), "check", "--base", BASE, "--head", head]
                + ["--pull-request", str(pull), "--report", str(report_file)]
            )
            rendered = main(["comment", str(report_file), "--head-sha", head, "--output", str(comment_file)])
        finally:
            self.monkeypatch.delenv("GITHUB_ACTIONS")
            self.monkeypatch.delenv("GITHUB_EVENT_PATH")
        assert rendered == 0
        return Judgement(code, json.loads(report_file.read_text()), comment_file.read_text())


def problems(report: dict, severity: str | None = None) -> list[tuple[str, int, str]]:
    """(path, line, code) of each problem in a JSON report."""
    return [
        (p["path"], p["line"], p["code"]) for p in report["problems"] if severity is None or p["severity"] == severity
    ]


@pytest.fixture
def pr_repo(repo, tmp_path, monkeypatch) -> PrRepo:
    """The conftest ``repo`` made a git repository, isolated from the user's git settings."""
    config = tmp_path / "gitconfig"
    config.write_text(
        "[user]\n\tname = Test\n\temail = "
        + NOREPLY.format(login="maintainer")
        + "\n[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n"
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in (
        "GITHUB_ACTIONS",
        "GITHUB_EVENT_PATH",
        "GITHUB_STEP_SUMMARY",
        "GITHUB_OUTPUT",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_EMAIL",
    ):
        monkeypatch.delenv(name, raising=False)
    made = PrRepo(repo, monkeypatch=monkeypatch)
    made.git("init", "-q")
    return made
