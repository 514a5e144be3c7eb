"""The judged folder: written from git objects, the rules from one commit, the collection as it will be once merged."""

from __future__ import annotations

import os
import subprocess

from petition.check.collection import check
from petition.review import git, tree
from prrepo import pr_repo  # noqa: F401 (pr_repo is a fixture)


def _rules_and_collection(pr_repo):
    """A base with a signature and settings, a pull request that changes both, and main moved on since."""
    root = pr_repo.root
    (root / ".gitattributes").write_text("* text eol=crlf\n")  # never applied: blobs are written as they are
    pr_repo.repo.sign("bob", "Bob Jones", github="bob")
    pr_repo.repo.sign("carol", "Carol Diaz")
    pr_repo.start_pull_request()
    (root / "pyproject.toml").write_text((root / "pyproject.toml").read_text() + "list_block = 7\n")
    (pr_repo.repo.signatures / "carol.yaml").unlink()
    pr_repo.repo.sign("alice", "Alice Smith", github="alice")
    (root / "docs" / "pr-only.md").write_text("the pull request's\n")
    pr_repo.commit("Pull request")
    pr_repo.git("checkout", "-q", "main")
    pr_repo.repo.signatures.mkdir(exist_ok=True)
    pr_repo.repo.sign("dan", "Dan Fox")
    pr_repo.commit("Main moves on")
    base_tip, head = git.resolve(root, "main"), git.resolve(root, "pr")
    found = git.changes(root, git.merge_base(root, base_tip, head), head)
    return base_tip, head, found


def test_the_base_tips_rules_and_signatures_with_the_pull_requests_changes(pr_repo):
    base_tip, head, found = _rules_and_collection(pr_repo)
    rules = {e.path for e in tree.rules_entries(pr_repo.root, base_tip, "", "signatures")}
    assert "pyproject.toml" in rules and "docs/pr-only.md" not in rules  # the base tip's
    assert not any(p.startswith("signatures/") for p in rules)
    assert "docs/pr-only.md" in {e.path for e in tree.rules_entries(pr_repo.root, head, "", "signatures")}
    write, in_place = tree.signature_sources(pr_repo.root, base_tip, "", "signatures", found)
    # The work tree is main's checkout: its files are read where they are; the pull request's are written.
    assert [e.path for e in write] == ["signatures/alice.yaml"]
    assert in_place == {p: str(pr_repo.root / p) for p in ("signatures/bob.yaml", "signatures/dan.yaml")}


def test_files_the_work_tree_does_not_hold_as_the_base_tip_has_them_are_written_from_blobs(pr_repo):
    base_tip, head, found = _rules_and_collection(pr_repo)
    bob = pr_repo.repo.signatures / "bob.yaml"
    bob.write_text("edited in the work tree, never committed\n")
    (pr_repo.repo.signatures / "dan.yaml").unlink()
    write, in_place = tree.signature_sources(pr_repo.root, base_tip, "", "signatures", found)
    assert sorted(e.path for e in write) == ["signatures/alice.yaml", "signatures/bob.yaml", "signatures/dan.yaml"]
    assert in_place == {}
    with tree.judged_folder(pr_repo.root, base_tip, base_tip, "", found) as judged:
        assert b"never committed" not in (judged.root / "signatures" / "bob.yaml").read_bytes()
        assert judged.collection["signatures/bob.yaml"] == str(judged.root / "signatures" / "bob.yaml")


def test_without_a_work_tree_every_file_comes_from_its_blob(pr_repo, tmp_path):
    base_tip, head, found = _rules_and_collection(pr_repo)
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(pr_repo.root), str(bare)], check=True)
    write, in_place = tree.signature_sources(bare, base_tip, "", "signatures", found)
    assert sorted(e.path for e in write) == ["signatures/alice.yaml", "signatures/bob.yaml", "signatures/dan.yaml"]
    assert in_place == {}


def test_the_folder_holds_the_blobs_bytes_and_the_rules_commits_settings(pr_repo):
    base_tip, head, found = _rules_and_collection(pr_repo)
    [alice] = [e for e in git.tree_entries(pr_repo.root, head, "signatures") if e.path == "signatures/alice.yaml"]
    with tree.judged_folder(pr_repo.root, base_tip, base_tip, "", found) as judged:
        assert judged.settings.root == judged.root and judged.settings.list_block == 300  # not the head's 7
        written = (judged.root / "signatures" / "alice.yaml").read_bytes()
        assert written == git.read_blobs(pr_repo.root, [alice.blob])[alice.blob] and b"\r\n" not in written
        assert sorted(judged.collection) == ["signatures/alice.yaml", "signatures/bob.yaml", "signatures/dan.yaml"]
        assert not (judged.root / "docs" / "pr-only.md").exists() and (judged.root / "pyproject.toml").is_file()
        result = check(judged.settings, [judged.root / "signatures" / "alice.yaml"], collection=judged.collection)
        assert result.ok and result.checked == ["signatures/alice.yaml"]
    assert not judged.root.exists()
    with tree.judged_folder(pr_repo.root, head, base_tip, "", found) as judged:
        assert judged.settings.list_block == 7


def test_a_symlink_a_submodule_and_an_oversized_file_are_written_for_the_checker_to_refuse(pr_repo, tmp_path):
    pr_repo.start_pull_request()
    secret = tmp_path / "secret.yaml"
    secret.write_text("type: individual\nname: Not Here\n")
    os.symlink(secret, pr_repo.repo.signatures / "linked.yaml")
    (pr_repo.repo.signatures / "big.yaml").write_bytes(b"# " + b"x" * 20000 + b"\n")
    pr_repo.commit("Odd files")
    sub = pr_repo.git("rev-parse", "HEAD").strip()
    pr_repo.git("update-index", "--add", "--cacheinfo", f"160000,{sub},signatures/sub.yaml")
    pr_repo.git("commit", "-q", "-m", "A submodule")
    base_tip, head = git.resolve(pr_repo.root, "main"), git.resolve(pr_repo.root, "pr")
    found = git.changes(pr_repo.root, base_tip, head)
    with tree.judged_folder(pr_repo.root, base_tip, base_tip, "", found) as judged:
        folder = judged.root / "signatures"
        assert os.readlink(folder / "linked.yaml") == str(secret)
        assert (folder / "big.yaml").stat().st_size == 20003 and (folder / "sub.yaml").is_dir()
        targets = [folder / name for name in ("big.yaml", "linked.yaml", "sub.yaml")]
        codes = {(p.path, p.code) for p in check(judged.settings, targets, collection=judged.collection).problems}
    assert {("signatures/big.yaml", "file-too-large")} <= codes
    assert {p for p, _ in codes} >= {"signatures/linked.yaml", "signatures/sub.yaml"}


def test_paths_that_could_leave_the_folder_are_never_written():
    assert not tree._safe("../x") and not tree._safe("/etc/x") and not tree._safe("a/./b")
    assert not tree._safe(".git/hooks/pre-commit") and tree._safe("signatures/a.yaml")


def test_a_commit_without_pyproject_gives_the_default_settings(pr_repo, tmp_path):
    (pr_repo.root / "pyproject.toml").unlink()
    pr_repo.start_pull_request()
    settings = tree.rules_settings(pr_repo.root, "main", "", tmp_path)
    assert settings.root == tmp_path and settings.signatures_dir == "signatures" and settings.public_addresses == ()


def test_a_change_outside_signatures_judges_nothing_and_names_the_settings_when_they_change():
    old = b'[project]\nname = "x"\n\n[tool.petition]\nclosed = true\n'
    blobs = {"o": old, "p": old.replace(b'"x"', b'"y"'), "s": old.replace(b"true", b"false")}
    project = tree.outside_problem(git.Change("M", "pyproject.toml", "o", "p", "100644", "100644"), blobs)
    settings = tree.outside_problem(git.Change("M", "pyproject.toml", "o", "s", "100644", "100644"), blobs)
    keys = tree.outside_problem(git.Change("A", "docs/keys/k.pem", None, "p", "000000", "100644"), blobs)
    assert (project.code, settings.code, keys.code) == ("outside-signatures", "settings-change", "outside-signatures")
    assert {project.severity, settings.severity, keys.severity} == {"warning"}
    assert "only once merged" in settings.message and "base branch's version" in keys.message


def test_nothing_is_ever_written_through_a_symlink(pr_repo, tmp_path):
    pr_repo.start_pull_request()
    outside = tmp_path / "outside"
    outside.mkdir()
    target = (
        subprocess.run(
            ["git", "hash-object", "-w", "--stdin"], cwd=pr_repo.root, input=str(outside).encode(), capture_output=True
        )
        .stdout.decode()
        .strip()
    )
    commit = git.resolve(pr_repo.root, "main")
    entries = [
        git.TreeEntry("signatures/a", tree.SYMLINK_MODE, target),
        git.TreeEntry("signatures/a/b", git.GITLINK_MODE, commit),
        git.TreeEntry("signatures/c", tree.SYMLINK_MODE, target),
        git.TreeEntry("signatures/c/d/e", tree.SYMLINK_MODE, target),
    ]
    dest = tmp_path / "judged"
    tree.write_entries(pr_repo.root, entries, dest, 8192)
    assert list(outside.iterdir()) == []
    assert (dest / "signatures" / "a" / "b").is_dir() and not (dest / "signatures" / "a").is_symlink()
    assert (dest / "signatures" / "c" / "d" / "e").is_symlink()


def test_files_in_a_sub_folder_of_signatures_belong_to_no_collection(pr_repo):
    pr_repo.start_pull_request()
    (pr_repo.repo.signatures / "more").mkdir()
    pr_repo.repo.sign("more/alice", "Alice Smith")
    pr_repo.repo.sign("bob", "Bob Jones")
    pr_repo.commit("Two files")
    base_tip, head = git.resolve(pr_repo.root, "main"), git.resolve(pr_repo.root, "pr")
    with tree.judged_folder(pr_repo.root, base_tip, base_tip, "", git.changes(pr_repo.root, base_tip, head)) as judged:
        assert sorted(judged.collection) == ["signatures/bob.yaml"]
        assert (judged.root / "signatures" / "more" / "alice.yaml").is_file()
