"""The .github files: valid against GitHub's schemas (offline), and safe by construction."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from petition.check.cache import CACHE_DIR
from petition.report.comment import MARKER

REPO = Path(__file__).resolve().parents[1]
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key "on" as true
        data["on"] = data.pop(True)
    return data


def workflow(name: str) -> dict:
    return load(GITHUB / "workflows" / f"{name}.yml")


def steps(data: dict):
    for job in data["jobs"].values():
        yield from job.get("steps", [])


@pytest.mark.parametrize(
    "schema, files",
    [
        ("vendor.github-workflows", [str(p) for p in WORKFLOWS]),
        ("vendor.dependabot", [str(GITHUB / "dependabot.yml")]),
        (
            "vendor.github-issue-forms",
            [str(p) for p in sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml")) if p.name != "config.yml"],
        ),
        ("vendor.github-issue-config", [str(GITHUB / "ISSUE_TEMPLATE" / "config.yml")]),
    ],
)
def test_files_validate_against_githubs_schemas_offline(schema, files):
    assert files
    proc = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *files], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_check_jsonschema_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("name: bad\non: {pull_request: {}}\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n")
    proc = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1


def test_the_three_workflows_exist():
    assert {p.stem for p in WORKFLOWS} == {"validate", "comment", "publish"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_untrusted_code_with_privileges(path):
    text = path.read_text(encoding="utf-8")
    data = load(path)
    assert "pull_request_target" not in text
    assert "permissions" in data, "every workflow sets its token's permissions explicitly"
    for step in steps(data):
        # Values reach shell scripts through env:, never pasted into the script by ${{ }}.
        assert "${{" not in step.get("run", ""), step
        if "uses" in step:
            assert PINNED.match(step["uses"]), f"{step['uses']} is not pinned to a full commit"
    for line in text.splitlines():
        if "uses:" in line:
            assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), f"pin without a version comment: {line.strip()}"


def test_validate_reads_only_and_sees_no_secret():
    data = workflow("validate")
    text = (GITHUB / "workflows" / "validate.yml").read_text()
    assert set(data["on"]) == {"pull_request"}
    assert data["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in data["jobs"].values())
    assert "secrets." not in text and "GITHUB_TOKEN" not in text and "github.token" not in text
    runs = [s.get("run", "") for s in steps(data)]
    assert any(r.startswith('petition check --base "origin/$BASE_REF" --report report/report.json') for r in runs)
    assert any(r.startswith('pre-commit run --from-ref "origin/$BASE_REF" --to-ref HEAD') for r in runs)
    assert any("mkdocs build --strict" in r for r in runs)
    checkout = next(s for s in steps(data) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0 and checkout["with"]["persist-credentials"] is False
    upload = next(s for s in steps(data) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "pr-report"


def test_comment_never_touches_the_pull_requests_code():
    data = workflow("comment")
    assert data["on"] == {"workflow_run": {"workflows": [workflow("validate")["name"]], "types": ["completed"]}}
    assert data["permissions"] == {}
    [job] = data["jobs"].values()
    assert job["permissions"] == {"contents": "read", "actions": "read", "pull-requests": "write"}
    assert "github.event.workflow_run.event == 'pull_request'" in job["if"]
    for step in steps(data):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert "ref" not in step.get("with", {}) and "repository" not in step.get("with", {})
    download = next(s for s in steps(data) if s.get("uses", "").startswith("actions/download-artifact@"))
    assert download["with"]["name"] == "pr-report"
    assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
    assert download["with"]["path"].startswith("${{ runner.temp }}/")  # never into the checked-out code
    names = [s.get("uses", "").split("@")[0] or s.get("run", "") for s in steps(data)]
    assert names.index("actions/download-artifact") > max(i for i, n in enumerate(names) if "pip install" in n)
    post = next(s for s in steps(data) if "gh api" in s.get("run", ""))
    assert post["env"]["MARKER"] == MARKER
    assert post["env"]["HEAD_SHA"] == "${{ github.event.workflow_run.head_sha }}"
    # The head commit is verified before anything is posted.
    run = post["run"]
    assert run.index(".head.sha") < run.index("--method")


def test_publish_deploys_with_pages_rights_only_in_the_deploy_job():
    data = workflow("publish")
    assert data["on"] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    assert data["permissions"] == {"contents": "read"}
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    jobs = data["jobs"]
    assert set(jobs) == {"build", "deploy"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert "write" not in str(jobs["build"].get("permissions", {}))
    build = [s.get("uses", "").split("@")[0] or s.get("run", "") for s in jobs["build"]["steps"]]
    assert build.index("mkdocs build --strict --site-dir site") < build.index("actions/upload-pages-artifact")
    assert "actions/configure-pages" in build
    assert [s["uses"].split("@")[0] for s in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]


@pytest.mark.parametrize(
    "name, action, first_use",
    [
        ("publish", "actions/cache", "mkdocs build --strict --site-dir site"),
        ("validate", "actions/cache/restore", 'petition check --base "origin/$BASE_REF"'),
    ],
)
def test_only_publish_saves_the_cache_and_none_trusts_a_committed_one(name, action, first_use):
    found = [s.get("uses", "").split("@")[0] or s.get("run", "") for s in steps(workflow(name))]
    restore = found.index(action)
    assert found.index("rm -rf .cache") < restore < next(i for i, n in enumerate(found) if n.startswith(first_use))
    [step] = [s for s in steps(workflow(name)) if s.get("uses", "").startswith(action + "@")]
    assert step["with"]["path"] == CACHE_DIR
    assert not [n for n in found if n in ("actions/cache", "actions/cache/save") and n != action]


def test_dependabot_keeps_the_actions_up_to_date():
    data = load(GITHUB / "dependabot.yml")
    assert {u["package-ecosystem"] for u in data["updates"]} >= {"github-actions", "pip"}


def test_codeowners_protect_keys_workflows_letter_and_code():
    owned = {
        line.split()[0]
        for line in (GITHUB / "CODEOWNERS").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {"/docs/keys/", "/.github/", "/docs/index.md", "/scripts/", "/pyproject.toml", "/namesakes.yaml"} <= owned
    assert not any(path.startswith("/signatures") for path in owned)


def test_the_help_form_asks_for_no_email():
    form = load(GITHUB / "ISSUE_TEMPLATE" / "help-me-sign.yml")
    labels = " ".join(str(item.get("attributes", {}).get("label", "")) for item in form["body"]).lower()
    assert "email" not in labels and "e-mail" not in labels
    intro = form["body"][0]["attributes"]["value"]
    assert "/sign/" in intro and "Do not write your email address here" in intro
