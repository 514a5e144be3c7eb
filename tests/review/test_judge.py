"""The judge, attacked: each way a pull request could change its own verdict, tried on a real git
repository as a stranger would, judged as judge.yml judges (the base branch's code and rules, the
pull request's head read as git objects), with what the comment then says. Then the legitimate
pull requests, which must pass cleanly.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from conftest import make_repo, signature_text
from petition.check import guard
from petition.cli import main
from petition.model.crypto import encrypt_contact
from petition.model.keys import key_id
from petition.model.signing import new_signature
from petition.model.versions import release
from prrepo import NOREPLY, pr_repo  # noqa: F401 (pr_repo is a fixture)

# Built at run time so that no address stands in this file (the plaintext guard scans it too).
PERSONAL = "mallory.private" + "@" + "mailprovider.net"
REFUSED = "### Something to fix"


def _setting(root: Path, key: str, value: str) -> None:
    """Set one key of [tool.petition] in the repository's pyproject.toml (TOML text for the value)."""
    path = root / "pyproject.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("[tool.petition]")
    for i in range(start + 1, len(lines)):
        if lines[i].split("=")[0].strip() == key:
            lines[i] = f"{key} = {value}"
            break
    else:
        lines.insert(start + 1, f"{key} = {value}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _signed_as_alice(pr_repo, slug="alice-smith", **fields) -> Path:
    return pr_repo.repo.sign(slug, "Alice Smith", github="alice", **fields)


def _commit_as_alice(pr_repo, message="Sign") -> str:
    return pr_repo.commit(message, author_email=NOREPLY.format(login="alice"))


def _refused(judged, *codes: str) -> None:
    """Refused for these reasons, and the comment says there is something to fix (never "nothing")."""
    assert judged.code == 1 and not judged.report["ok"]
    assert set(codes) <= set(judged.codes("error")), judged.report["problems"]
    assert REFUSED in judged.comment
    assert "Nothing to fix" not in judged.comment and "nothing more for you to do" not in judged.comment


# ---------------------------------------------------------------------------------------------
# The pull request's settings, keys and letter versions never judge it


def test_moving_signatures_dir_does_not_make_an_edit_of_someone_elses_file_a_mere_warning(pr_repo):
    pr_repo.repo.sign("bob", "Bob Jones", github="bob")
    pr_repo.start_pull_request()
    _setting(pr_repo.root, "signatures_dir", '"./signatures"')
    bob = pr_repo.repo.signatures / "bob.yaml"
    bob.write_text(bob.read_text().replace("Bob Jones", "Bob Jones Is Out"))
    _commit_as_alice(pr_repo, "Edit")
    judged = pr_repo.judge()
    _refused(judged, "edit-other")
    assert "settings-change" in judged.codes("warning")
    assert judged.report["pull_request"]["rules"] == judged.report["pull_request"]["base_tip"]
    assert "only once merged" in judged.comment


def test_ones_own_address_in_public_addresses_is_still_refused(pr_repo):
    pr_repo.start_pull_request()
    _setting(pr_repo.root, "public_addresses", json.dumps([PERSONAL]))
    (pr_repo.root / "docs" / "notes.md").write_text(f"Write to {PERSONAL}\n")
    _commit_as_alice(pr_repo, "Notes")
    judged = pr_repo.judge()
    _refused(judged, "plaintext-email")
    assert ("docs/notes.md", 1) in [(p["path"], p["line"]) for p in judged.report["problems"]]
    assert PERSONAL not in judged.everything


def test_reopening_a_closed_letter_does_not_let_a_signature_in(pr_repo):
    _setting(pr_repo.root, "closed", "true")
    pr_repo.start_pull_request()
    _setting(pr_repo.root, "closed", "false")
    _signed_as_alice(pr_repo)
    _commit_as_alice(pr_repo)
    judged = pr_repo.judge()
    _refused(judged, "signatures-closed")
    assert "settings-change" in judged.codes("warning")


def test_moving_closes_on_does_not_let_a_late_signature_in(pr_repo):
    _setting(pr_repo.root, "closes_on", '"2026-01-31"')
    pr_repo.start_pull_request()
    _setting(pr_repo.root, "closes_on", '"2999-12-31"')
    _signed_as_alice(pr_repo, signed=dt.date.today().isoformat())
    _commit_as_alice(pr_repo)
    _refused(pr_repo.judge(), "signatures-closed")


def test_setting_letter_version_back_does_not_let_an_old_version_in(pr_repo):
    index = pr_repo.root / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nA sentence added later.\n", encoding="utf-8")
    release(pr_repo.repo.settings())  # version 2 is now current on the base branch
    pr_repo.start_pull_request()
    _setting(pr_repo.root, "letter_version", '"1"')
    _signed_as_alice(pr_repo, version="1")
    _commit_as_alice(pr_repo)
    judged = pr_repo.judge()
    _refused(judged, "version-not-current")
    assert "settings-change" in judged.codes("warning")


def test_rolling_back_docs_versions_does_not_let_an_old_version_in(pr_repo):
    index = pr_repo.root / "docs" / "index.md"
    original = index.read_text(encoding="utf-8")
    lock = pr_repo.root / "docs" / "versions" / "versions.yaml"
    before = lock.read_text(encoding="utf-8")
    index.write_text(original + "\nA sentence added later.\n", encoding="utf-8")
    release(pr_repo.repo.settings())
    pr_repo.start_pull_request()
    # The pull request undoes the release: the text, the record, the snapshot and the setting.
    index.write_text(original, encoding="utf-8")
    lock.write_text(before, encoding="utf-8")
    (pr_repo.root / "docs" / "versions" / "2.md").unlink()
    _setting(pr_repo.root, "letter_version", '"1"')
    _signed_as_alice(pr_repo, version="1")
    _commit_as_alice(pr_repo)
    judged = pr_repo.judge()
    _refused(judged, "version-not-current")
    warned = {p["path"] for p in judged.report["problems"] if p["severity"] == "warning"}
    assert {"docs/versions/2.md", "docs/versions/versions.yaml", "docs/index.md", "pyproject.toml"} <= warned


def test_a_larger_max_file_bytes_does_not_let_a_large_file_in(pr_repo):
    pr_repo.start_pull_request()
    _setting(pr_repo.root, "max_file_bytes", "1000000")
    path = _signed_as_alice(pr_repo)
    path.write_text("# " + "x" * 9000 + "\n" + path.read_text())
    _commit_as_alice(pr_repo)
    _refused(pr_repo.judge(), "file-too-large")


def _own_key_signature(pr_repo, folder: Path) -> None:
    """Alice's own key pair, its public half in ``folder``, and her signature encrypted to it."""
    own = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    folder.mkdir(parents=True, exist_ok=True)
    pem = own.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    (folder / f"{key_id(own.public_key())}.pem").write_bytes(pem)
    text = signature_text(
        type="individual",
        name="Alice Smith",
        github="alice",
        signed=dt.date.today().isoformat(),
        version="1",
        contact=encrypt_contact("alice" + "@" + "example.org", own.public_key()),
    )
    pr_repo.repo.write("alice-smith", text)


def test_ones_own_key_in_docs_keys_and_a_signature_encrypted_to_it_are_refused(pr_repo):
    pr_repo.start_pull_request()
    _own_key_signature(pr_repo, pr_repo.repo.keys)
    _commit_as_alice(pr_repo)
    judged = pr_repo.judge()
    assert judged.code == 1 and REFUSED in judged.comment
    [problem] = [p for p in judged.report["problems"] if p["path"] == "signatures/alice-smith.yaml"]
    assert problem["severity"] == "error" and "contact" in problem["message"]
    assert any(p["path"].startswith("docs/keys/") and p["severity"] == "warning" for p in judged.report["problems"])


def test_another_keys_dir_with_ones_own_key_is_refused(pr_repo):
    pr_repo.start_pull_request()
    _setting(pr_repo.root, "keys_dir", '"docs/mykeys"')
    _own_key_signature(pr_repo, pr_repo.root / "docs" / "mykeys")
    _commit_as_alice(pr_repo)
    judged = pr_repo.judge()
    assert judged.code == 1 and REFUSED in judged.comment
    assert any(
        p["path"] == "signatures/alice-smith.yaml" and p["severity"] == "error" for p in judged.report["problems"]
    )


def test_raising_max_new_signatures_still_leaves_the_count_to_a_maintainer(pr_repo):
    pr_repo.start_pull_request()
    _setting(pr_repo.root, "max_new_signatures", "10")
    for slug, name in (("ann-one", "Ann One"), ("ben-two", "Ben Two"), ("cat-three", "Cat Three")):
        pr_repo.repo.sign(slug, name)
    _commit_as_alice(pr_repo)
    judged = pr_repo.judge()
    assert {"too-many-signatures", "settings-change"} <= set(judged.codes("warning"))
    assert "Waiting for a maintainer" in judged.comment and "more than the 1" in judged.comment


def test_a_maintainers_change_of_the_settings_takes_effect_in_their_own_pull_request(pr_repo):
    pr_repo.start_pull_request()
    _setting(pr_repo.root, "max_new_signatures", "10")
    for slug, name in (("ann-one", "Ann One"), ("ben-two", "Ben Two")):
        pr_repo.repo.sign(slug, name)
    pr_repo.commit()
    judged = pr_repo.judge(association="MEMBER", author="maintainer")
    assert judged.code == 0 and judged.report["problems"] == []
    assert judged.report["pull_request"]["rules"] == judged.report["pull_request"]["head"]


def test_a_namesake_list_in_the_pull_request_does_not_let_its_own_duplicate_in(pr_repo):
    pr_repo.repo.add_founding()
    pr_repo.start_pull_request()
    pr_repo.repo.sign("michael-geist-2", "Michael Geist", country="CA")
    (pr_repo.root / "namesakes.yaml").write_text("- [michael-geist, michael-geist-2]\n")
    _commit_as_alice(pr_repo)
    judged = pr_repo.judge()
    _refused(judged, "duplicate-name")
    assert "namesakes.yaml" in {p["path"] for p in judged.report["problems"] if p["severity"] == "warning"}


def test_any_other_folder_needs_a_maintainer_and_judges_nothing(pr_repo):
    pr_repo.start_pull_request()
    (pr_repo.root / "extras").mkdir()
    (pr_repo.root / "extras" / "wto.md").write_text("A reply.\n")
    _signed_as_alice(pr_repo)
    _commit_as_alice(pr_repo)
    judged = pr_repo.judge()
    assert judged.code == 0
    assert [(p["path"], p["code"]) for p in judged.report["problems"]] == [("extras/wto.md", "outside-signatures")]
    assert "Waiting for a maintainer" in judged.comment


def test_a_response_in_the_pull_request_is_checked_from_its_blob_and_needs_a_maintainer(pr_repo):
    pr_repo.start_pull_request()
    (pr_repo.root / "responses").mkdir()
    (pr_repo.root / "responses" / "wto.md").write_text("Not a response file.\n")
    _commit_as_alice(pr_repo, "A response")
    judged = pr_repo.judge()
    assert judged.code == 1 and "responses/wto.md" in judged.report["checked"]
    found = {(p["path"], p["severity"]) for p in judged.report["problems"]}
    assert ("responses/wto.md", "warning") in found and ("responses/wto.md", "error") in found


# ---------------------------------------------------------------------------------------------
# Nothing of the pull request runs


MARKER_CODE = "import pathlib; pathlib.Path({path!r}).write_text('ran')\n"


def test_install_time_code_and_a_rewritten_checker_never_run(pr_repo, tmp_path):
    """setup.py, a top-level pip/ and sitecustomize.py that would write a marker, and a checker of its
    own that would say "Nothing to fix": the judge, run as judge.yml runs it, runs none of them."""
    marker = tmp_path / "marker"
    pr_repo.repo.sign("bob", "Bob Jones", github="bob")
    pr_repo.start_pull_request()
    root = pr_repo.root
    (root / "setup.py").write_text(MARKER_CODE.format(path=str(marker)))
    (root / "pip").mkdir()
    (root / "pip" / "__init__.py").write_text(MARKER_CODE.format(path=str(marker)))
    (root / "sitecustomize.py").write_text(MARKER_CODE.format(path=str(marker)))
    fake = root / "scripts" / "petition" / "report"
    fake.mkdir(parents=True)
    (fake / "comment.py").write_text(MARKER_CODE.format(path=str(marker)) + "def render_comment(r): return 'Nothing'\n")
    bob = pr_repo.repo.signatures / "bob.yaml"
    bob.write_text(bob.read_text().replace("Bob Jones", "Bob Gone"))
    _commit_as_alice(pr_repo, "Edit")
    pr_repo.git("checkout", "-q", "main")
    head = pr_repo.git("rev-parse", "pr").strip()
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {
                "pull_request": {
                    "number": 3,
                    "user": {"login": "alice"},
                    "author_association": "NONE",
                    "head": {"sha": head},
                }
            }
        )
    )
    env = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_EVENT_PATH": str(event)}
    petition = Path(sys.executable).parent / "petition"
    report, comment = tmp_path / "report.json", tmp_path / "comment.md"
    # As judge.yml: from the checkout's root, the base branch's package installed, the head as data.
    check = subprocess.run(
        [str(petition), "check", "--base", "main", "--head", head, "--report", str(report)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    subprocess.run(
        [str(petition), "comment", str(report), "--head-sha", head, "--output", str(comment)],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )
    assert not marker.exists()
    assert check.returncode == 1 and "edit-other" in [p["code"] for p in json.loads(report.read_text())["problems"]]
    assert REFUSED in comment.read_text()
    warned = {p["path"] for p in json.loads(report.read_text())["problems"] if p["severity"] == "warning"}
    assert {"setup.py", "pip/__init__.py", "sitecustomize.py", "scripts/petition/report/comment.py"} <= warned


def test_a_forged_report_in_the_pull_request_does_not_change_the_comment(pr_repo):
    """What validate's run (the pull request's code) could write is never read: the comment is the
    judge's, from the report its own check wrote."""
    pr_repo.repo.sign("bob", "Bob Jones", github="bob")
    pr_repo.start_pull_request()
    forged = {"format": "petition-review/1", "ok": True, "problems": [], "pull_request": {"number": 7, "added": []}}
    for where in (pr_repo.root / "report", pr_repo.root.parent / "judge-run"):
        where.mkdir(exist_ok=True)
        (where / "report.json").write_text(json.dumps(forged))
    (pr_repo.repo.signatures / "bob.yaml").unlink()
    _commit_as_alice(pr_repo, "Remove")
    judged = pr_repo.judge()
    _refused(judged, "delete-other")
    assert judged.report["pull_request"]["number"] == 7 and judged.report["problems"] != []


# ---------------------------------------------------------------------------------------------
# Every commit, not just the net change


def _rewrite_advice(problem: dict) -> None:
    assert "one clean commit" in problem["message"] and "git reset --soft" in problem["message"]


def test_an_address_added_then_removed_in_a_later_commit_is_refused(pr_repo):
    (pr_repo.root / "docs" / "notes.md").write_text("one\n")
    pr_repo.start_pull_request()
    (pr_repo.root / "docs" / "notes.md").write_text(f"one\nwrite to {PERSONAL}\n")
    first = _commit_as_alice(pr_repo, "Notes")
    (pr_repo.root / "docs" / "notes.md").write_text("one\nwrite to us\n")
    _commit_as_alice(pr_repo, "Oops")
    judged = pr_repo.judge(association="MEMBER", author="maintainer")  # not even a maintainer
    _refused(judged, "history-email")
    [problem] = [p for p in judged.report["problems"] if p["code"] == "history-email"]
    assert problem["path"] == f"commit {first[:12]}" and "docs/notes.md, line 2" in problem["message"]
    _rewrite_advice(problem)
    assert PERSONAL not in judged.everything


def test_a_plaintext_contact_later_replaced_by_the_encrypted_one_is_refused(pr_repo):
    pr_repo.start_pull_request()
    path = _signed_as_alice(pr_repo)
    encrypted = path.read_text()
    lines = [f"contact: {PERSONAL}" if line.startswith("contact:") else line for line in encrypted.splitlines()]
    path.write_text("\n".join(lines) + "\n")
    first = _commit_as_alice(pr_repo, "Sign")
    path.write_text(encrypted)
    _commit_as_alice(pr_repo, "Encrypt")
    judged = pr_repo.judge()
    _refused(judged, "history-email")
    [problem] = [p for p in judged.report["problems"] if p["code"] == "history-email"]
    assert problem["path"] == f"commit {first[:12]}" and "signatures/alice-smith.yaml" in problem["message"]
    _rewrite_advice(problem)
    assert PERSONAL not in judged.everything


def test_an_address_as_a_commits_author_name_or_committer_is_refused(pr_repo):
    pr_repo.start_pull_request()
    _signed_as_alice(pr_repo)
    pr_repo.git("add", "-A")
    env = {"GIT_AUTHOR_NAME": f"Alice <{PERSONAL}>", "GIT_COMMITTER_EMAIL": PERSONAL}
    pr_repo.git("commit", "-q", "-m", "Sign", env=env)
    judged = pr_repo.judge()
    _refused(judged, "commit-email")
    messages = [p["message"] for p in judged.report["problems"] if p["code"] == "commit-email"]
    assert len(messages) == 2
    assert any("author name" in m for m in messages) and any("committer of commit" in m for m in messages)
    assert PERSONAL not in judged.everything


def test_a_merge_of_the_base_branch_into_the_pull_request_adds_nothing_of_its_own(pr_repo):
    pr_repo.start_pull_request()
    _signed_as_alice(pr_repo)
    _commit_as_alice(pr_repo)
    pr_repo.git("checkout", "-q", "main")
    (pr_repo.root / "docs" / "notes.md").write_text("A maintainer's note.\n")
    pr_repo.commit("Note")
    pr_repo.git("checkout", "-q", "pr")
    pr_repo.git("merge", "-q", "--no-edit", "main")
    judged = pr_repo.judge()
    assert judged.code == 0 and judged.report["problems"] == []


# ---------------------------------------------------------------------------------------------
# Duplicates against the base branch as it is now


def test_a_duplicate_of_a_signature_merged_after_the_fork_point_is_refused(pr_repo):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("michael-geist-2", "Michael Geist", country="CA")
    _commit_as_alice(pr_repo)
    pr_repo.git("checkout", "-q", "main")
    pr_repo.repo.signatures.mkdir(exist_ok=True)  # git keeps no empty folder
    pr_repo.repo.add_founding()  # michael-geist.yaml reaches main after the pull request forked
    pr_repo.commit("Founding signatories")
    judged = pr_repo.judge()
    _refused(judged, "duplicate-name")
    assert "signatures/michael-geist.yaml" in judged.report["problems"][0]["message"]


# ---------------------------------------------------------------------------------------------
# Legitimate pull requests pass cleanly


def test_a_new_signer_passes(pr_repo):
    pr_repo.start_pull_request()
    _signed_as_alice(pr_repo, country="KE")
    _commit_as_alice(pr_repo)
    judged = pr_repo.judge()
    assert judged.code == 0 and judged.report["problems"] == []
    assert "### Ready for a maintainer" in judged.comment and "nothing more for you to do" in judged.comment
    assert "Alice Smith" in judged.comment and "Waiting for a maintainer" not in judged.comment


def test_withdrawing_ones_own_file_passes(pr_repo):
    _signed_as_alice(pr_repo)
    pr_repo.start_pull_request()
    (pr_repo.repo.signatures / "alice-smith.yaml").unlink()
    _commit_as_alice(pr_repo, "Withdraw")
    judged = pr_repo.judge()
    assert judged.code == 0 and judged.report["problems"] == []
    assert judged.report["pull_request"]["withdrawn"] == ["signatures/alice-smith.yaml"]
    assert "Withdrawn by their signers" in judged.comment


def test_editing_ones_own_file_passes(pr_repo):
    path = _signed_as_alice(pr_repo)
    pr_repo.start_pull_request()
    path.write_text(path.read_text().replace("Alice Smith", "Alice M. Smith"))
    _commit_as_alice(pr_repo, "Edit")
    judged = pr_repo.judge()
    assert judged.code == 0 and judged.report["problems"] == []
    assert [e["name"] for e in judged.report["pull_request"]["edited"]] == ["Alice M. Smith"]
    assert "### Nothing to fix" in judged.comment and "change to the signature of" in judged.comment


def test_a_maintainers_bulk_import_passes(pr_repo):
    pr_repo.start_pull_request()
    for i, name in enumerate(("Ann One", "Ben Two", "Cat Three", "Dan Four")):
        pr_repo.repo.write(
            f"imported-{i}",
            new_signature(
                {"type": "individual", "name": name, "signed": "2026-01-0" + str(i + 1)},
                "x" + "@" + "example.org",
                pr_repo.repo.public_key(),
                "1",
            ).replace("contact:", "source: imported\ncontact:"),
        )
    pr_repo.commit("Import")
    judged = pr_repo.judge(association="OWNER", author="maintainer")
    assert judged.code == 0 and judged.report["problems"] == []
    assert len(judged.report["pull_request"]["added"]) == 4
    assert "### Ready for a maintainer" in judged.comment and "Waiting for a maintainer" not in judged.comment


def test_a_namesake_confirmed_on_main_after_the_pull_request_was_opened_passes(pr_repo):
    pr_repo.repo.add_founding()
    pr_repo.start_pull_request()
    pr_repo.repo.sign("michael-geist-2", "Michael Geist", country="CA")
    _commit_as_alice(pr_repo)
    assert pr_repo.judge().code == 1  # a possible duplicate, until a maintainer confirms
    pr_repo.git("checkout", "-q", "main")
    (pr_repo.root / "namesakes.yaml").write_text("- [michael-geist, michael-geist-2]\n")
    pr_repo.commit("Confirm the namesake")
    judged = pr_repo.judge()
    assert judged.code == 0 and judged.report["problems"] == []
    assert "### Ready for a maintainer" in judged.comment


def test_a_petition_in_a_sub_folder_of_its_git_repository_is_judged_the_same(pr_repo, private_key, tmp_path):
    """The settings' root may sit below the top of the work tree: paths are the petition's, and the
    rules, the collection and the history are read under that folder."""
    outer = pr_repo.root.parent / "outer"
    inner = make_repo(outer / "petition", private_key)
    inner.sign("bob", "Bob Jones", github="bob")
    (outer / "README.md").write_text("The outer project.\n")
    git = ["git", "-C", str(outer)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Base"], check=True)
    subprocess.run([*git, "checkout", "-q", "-b", "pr"], check=True)
    _setting(inner.root, "signatures_dir", '"./signatures"')
    bob = inner.signatures / "bob.yaml"
    bob.write_text(bob.read_text().replace("Bob Jones", "Bob Out"))
    subprocess.run([*git, "commit", "-q", "-am", "Edit"], check=True)
    subprocess.run([*git, "checkout", "-q", "main"], check=True)
    report = tmp_path / "report.json"
    args = ["--root", str(inner.root), "check", "--base", "main", "--head", "pr", "--author", "alice"]
    assert main([*args, "--report", str(report)]) == 1
    found = {(p["path"], p["code"]) for p in json.loads(report.read_text())["problems"]}
    assert found == {("signatures/bob.yaml", "edit-other"), ("pyproject.toml", "settings-change")}


def test_a_file_named_with_an_address_is_refused_by_its_redacted_name_alone(pr_repo):
    pr_repo.start_pull_request()
    (pr_repo.root / "docs" / f"from-{PERSONAL}.md").write_text("hello\n")
    _commit_as_alice(pr_repo, "Notes")
    judged = pr_repo.judge()
    _refused(judged, "plaintext-email")
    shown = guard.redacted(f"docs/from-{PERSONAL}.md", pr_repo.repo.settings())
    assert {(shown, "plaintext-email"), (shown, "outside-signatures")} <= {
        (p["path"], p["code"]) for p in judged.report["problems"]
    }
    assert [c["path"] for c in judged.report["pull_request"]["changes"]] == [shown]
    assert "history-email" not in judged.codes()  # one commit: the file's own problem says it all
    assert PERSONAL not in judged.everything


def test_deleting_a_file_named_with_an_address_is_no_address_added(pr_repo):
    (pr_repo.root / "docs" / f"from-{PERSONAL}.md").write_text("hello\n")
    pr_repo.start_pull_request()
    (pr_repo.root / "docs" / f"from-{PERSONAL}.md").unlink()
    pr_repo.commit("Remove it")
    judged = pr_repo.judge(association="MEMBER", author="maintainer")
    assert judged.code == 0 and judged.report["problems"] == []
    assert PERSONAL not in judged.everything
