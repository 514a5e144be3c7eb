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
ZIZMOR = Path(sys.executable).parent / "zizmor"
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
    assert {p.stem for p in WORKFLOWS} == {"validate", "judge", "publish"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_untrusted_code_with_privileges(path):
    text = path.read_text(encoding="utf-8")
    data = load(path)
    assert "permissions" in data, "every workflow sets its token's permissions explicitly"
    # The verdict never comes from another run: of the run a workflow_run follows, only what GitHub
    # itself says (its event and head) is read, never its artifacts or outputs.
    assert "download-artifact" not in text and "artifacts" not in text
    used = set(re.findall(r"github\.event\.workflow_run\.([\w.]+)", text))
    assert used <= {"event", "head_sha", "head_branch", "head_repository.owner.login"}, used
    for step in steps(data):
        # Values reach shell scripts through env:, never pasted into the script by ${{ }}.
        assert "${{" not in step.get("run", ""), step
        if "uses" in step:
            assert PINNED.match(step["uses"]), f"{step['uses']} is not pinned to a full commit"
    for line in text.splitlines():
        if re.match(r"\s*(- )?uses:", line):
            assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), f"pin without a version comment: {line.strip()}"


def test_validate_runs_the_pull_requests_code_read_only_and_decides_nothing():
    data = workflow("validate")
    text = (GITHUB / "workflows" / "validate.yml").read_text()
    assert set(data["on"]) == {"pull_request"}
    assert data["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in data["jobs"].values())
    assert "secrets." not in text and "GITHUB_TOKEN" not in text and "github.token" not in text
    runs = [s.get("run", "") for s in steps(data)]
    assert not any("petition check" in r for r in runs)  # the verdict is the judge's
    assert not any(s.get("uses", "").startswith("actions/upload-artifact@") for s in steps(data))
    assert any(r.startswith('pre-commit run --from-ref "origin/$BASE_REF" --to-ref HEAD') for r in runs)
    assert any(r.endswith("|| .ci/run") and ":(exclude)signatures/" in r for r in runs)
    assert any("mkdocs build --strict" in r for r in runs)
    checkout = next(s for s in steps(data) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0 and checkout["with"]["persist-credentials"] is False


def test_the_judge_runs_the_default_branchs_code_over_the_pull_request_read_as_data():
    data = workflow("judge")
    text = (GITHUB / "workflows" / "judge.yml").read_text()
    # After validate, from the default branch (GitHub runs a workflow_run workflow's default-branch copy).
    assert data["on"] == {"workflow_run": {"workflows": ["validate"], "types": ["completed"]}}
    # The one trigger zizmor flags is audited where it stands, with its reason.
    [trigger] = [line for line in text.splitlines() if line.strip() == "workflow_run:"]
    before = text.splitlines()[text.splitlines().index(trigger) - 1]
    assert "zizmor: ignore[dangerous-triggers]" in before and "nothing of the run it follows is read" in before
    assert data["permissions"] == {}
    [job] = data["jobs"].values()
    assert job["if"] == "github.event.workflow_run.event == 'pull_request'"
    assert job["permissions"] == {"contents": "read", "pull-requests": "write", "statuses": "write"}
    assert job["env"]["HEAD_SHA"] == "${{ github.event.workflow_run.head_sha }}"
    assert "secrets." not in text
    checkout = next(s for s in steps(data) if s.get("uses", "").startswith("actions/checkout@"))
    assert set(checkout["with"]) == {"fetch-depth", "persist-credentials"}  # no ref: the default branch
    assert checkout["with"]["persist-credentials"] is False
    found = list(steps(data))
    names = [s.get("uses", "").split("@")[0] or s.get("run", "") for s in found]
    install = names.index("python -m pip install .")
    ask = next(i for i, n in enumerate(names) if 'gh api -X GET "repos/$REPO/pulls"' in n)
    fetch = next(i for i, n in enumerate(names) if n.startswith("git fetch"))
    judge = next(i for i, n in enumerate(names) if n.startswith("petition check"))
    status = next(i for i, n in enumerate(names) if "/statuses/$HEAD_SHA" in n)
    render = next(i for i, n in enumerate(names) if n.startswith("petition comment"))
    assert install < ask < fetch < judge < status < render
    # Which pull request: GitHub's answer for this head commit, never anything the validated run wrote.
    assert "select(.head.sha == env.HEAD_SHA)" in names[ask] and '> "$RUNNER_TEMP/pr.json"' in names[ask]
    assert "refs/pull/$NUMBER/head" in names[fetch] and "--no-recurse-submodules" in names[fetch]
    # Nothing of the pull request is installed, imported or run: pip and python see only the checkout.
    assert sum("pip install" in n for n in names) == 1
    assert names[judge] == (
        'petition check --base "origin/$BASE_REF" --head "$HEAD_SHA" --pull-request "$RUNNER_TEMP/pr.json" '
        '--report "$RUNNER_TEMP/report.json"'
    )
    # The verdict is the status, from this job's check; the comment from the report it just wrote.
    assert found[judge]["continue-on-error"] is True
    assert found[status]["env"]["OUTCOME"] == "${{ steps.check.outcome }}"
    assert "context=judge" in names[status]
    assert names[render].startswith('petition comment "$RUNNER_TEMP/report.json" --head-sha "$HEAD_SHA"')
    post = next(s for s in steps(data) if "issues/$NUMBER/comments" in s.get("run", ""))
    assert post["env"]["MARKER"] == MARKER
    assert post["env"]["NUMBER"] == "${{ steps.pr.outputs.number }}"


def test_zizmor_finds_nothing_left_unexplained_in_the_workflows():
    proc = subprocess.run(
        [str(ZIZMOR), "--offline", str(GITHUB / "workflows")], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_flags_the_judges_trigger_without_its_audited_ignore(tmp_path):
    judge = (GITHUB / "workflows" / "judge.yml").read_text()
    unexplained = "\n".join(line for line in judge.splitlines() if "zizmor: ignore" not in line) + "\n"
    (tmp_path / "judge.yml").write_text(unexplained)
    proc = subprocess.run(
        [str(ZIZMOR), "--offline", str(tmp_path / "judge.yml")], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode != 0 and "dangerous-triggers" in proc.stdout + proc.stderr


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
        ("validate", "actions/cache/restore", 'pre-commit run --from-ref "origin/$BASE_REF"'),
        ("judge", "actions/cache/restore", 'petition check --base "origin/$BASE_REF"'),
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


def test_codeowners_own_everything_but_signatures():
    lines = [
        line.split()
        for line in (GITHUB / "CODEOWNERS").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[0] == ["*", "@justnetcoalition/maintainers"]  # the catch-all, first: the last match wins
    assert lines[-1] == ["/signatures/"]  # the one exception, last, with no owner
    owned = {line[0] for line in lines if len(line) > 1}
    assert {"/docs/keys/", "/docs/versions/", "/.github/", "/docs/index.md", "/scripts/", "/pyproject.toml"} <= owned
    assert {"/namesakes.yaml", "/docs/sign.md", "/docs/privacy.md"} <= owned
    assert [line for line in lines if line[0].startswith("/signatures")] == [["/signatures/"]]


def test_the_help_form_asks_for_no_email():
    form = load(GITHUB / "ISSUE_TEMPLATE" / "help-me-sign.yml")
    labels = " ".join(str(item.get("attributes", {}).get("label", "")) for item in form["body"]).lower()
    assert "email" not in labels and "e-mail" not in labels
    intro = form["body"][0]["attributes"]["value"]
    assert "/sign/" in intro and "Do not write your email address here" in intro
