"""What git tells the pull-request review: a real repository's changes, commits, blobs and added lines."""

from __future__ import annotations

import pytest

from petition.review import git
from prrepo import NOREPLY, pr_repo  # noqa: F401 (pr_repo is a fixture)


def test_changes_and_commits_of_a_two_commit_branch(pr_repo):
    root = pr_repo.root
    (root / "kept.txt").write_text("one\n")
    (root / "edited.txt").write_text("a\nb\n")
    (root / "removed.txt").write_text("gone\n")
    pr_repo.start_pull_request()
    (root / "edited.txt").write_text("a\nnew\nb\n")
    (root / "removed.txt").unlink()
    first = pr_repo.commit("Edit and remove", author_email=NOREPLY.format(login="alice"))
    (root / "added.txt").write_text("hello\n")
    second = pr_repo.commit("Add a file\n\nwith a body", committer_email="bot@example.org")

    found = {c.path: c for c in git.changes(root, "main", "pr")}
    assert {p: c.status for p, c in found.items()} == {"added.txt": "A", "edited.txt": "M", "removed.txt": "D"}
    assert found["added.txt"].old_blob is None and found["removed.txt"].new_blob is None
    assert found["edited.txt"].old_blob and found["edited.txt"].new_blob and found["edited.txt"].new_mode == "100644"

    blobs = git.read_blobs(root, [found["edited.txt"].old_blob, found["edited.txt"].new_blob, "f" * 40])
    assert blobs == {found["edited.txt"].old_blob: b"a\nb\n", found["edited.txt"].new_blob: b"a\nnew\nb\n"}

    made = git.commits(root, "main", "pr")
    assert [c.sha for c in made] == [first, second]  # oldest first, the base's own commit left out
    assert made[0].author_email == NOREPLY.format(login="alice") and made[0].message.strip() == "Edit and remove"
    assert made[1].committer_email == "bot@example.org" and made[1].message.strip() == "Add a file\n\nwith a body"
    assert git.resolve(root, "pr") == second and git.merge_base(root, "main", "pr") == git.resolve(root, "main")


def test_a_rename_is_a_deletion_and_an_addition(pr_repo):
    (pr_repo.root / "old.txt").write_text("same\n")
    pr_repo.start_pull_request()
    (pr_repo.root / "old.txt").rename(pr_repo.root / "new.txt")
    pr_repo.commit("Rename")
    assert sorted((c.status, c.path) for c in git.changes(pr_repo.root, "main", "pr")) == [
        ("A", "new.txt"),
        ("D", "old.txt"),
    ]


@pytest.mark.parametrize("ref", ["nosuchbranch", "--output=x"])
def test_an_unknown_ref_is_a_one_line_error(pr_repo, ref):
    pr_repo.start_pull_request()
    with pytest.raises(git.GitError) as raised:
        git.resolve(pr_repo.root, ref)
    assert "is not a branch or commit" in str(raised.value) and "\n" not in str(raised.value)


def test_added_lines_are_the_new_lines_numbered_as_in_the_new_file():
    assert git.added_lines(b"a\nb\nc\n", b"a\nx\nb\nc\ny\n") == [(2, "x"), (5, "y")]
    assert git.added_lines(b"a\nb\n", b"a\nB\n") == [(2, "B")]
    assert git.added_lines(None, b"one\ntwo\n") == [(1, "one"), (2, "two")]  # a new file: every line
    big = b"x\n" * (git.DIFF_LIMIT // 2)
    assert len(git.added_lines(big, big)) == len(big) // 2  # too big to diff: every line scanned


def test_commits_carry_names_and_parents(pr_repo):
    pr_repo.start_pull_request()
    (pr_repo.root / "a.txt").write_text("a\n")
    pr_repo.git("add", "-A")
    pr_repo.git("commit", "-q", "-m", "A", env={"GIT_AUTHOR_NAME": "Ann Author", "GIT_COMMITTER_NAME": "Cy Committer"})
    [made] = git.commits(pr_repo.root, "main", "pr")
    assert (made.author_name, made.committer_name) == ("Ann Author", "Cy Committer")
    assert made.parents == (git.resolve(pr_repo.root, "main"),)


def test_tree_entries_and_streamed_blobs(pr_repo):
    (pr_repo.root / "signatures" / "a.yaml").write_text("one\n")
    (pr_repo.root / "signatures" / "b.yaml").write_bytes(b"\x00two\r\n")
    pr_repo.start_pull_request()
    entries = git.tree_entries(pr_repo.root, "main", "signatures")
    assert [(e.path, e.mode) for e in entries] == [("signatures/a.yaml", "100644"), ("signatures/b.yaml", "100644")]
    assert len(git.tree_entries(pr_repo.root, "main")) > len(entries)  # the whole tree without a folder
    read = [
        (blob, size, stream.read(size))
        for blob, size, stream in git.blob_stream(pr_repo.root, [e.blob for e in entries])
    ]
    assert [(size, data) for _, size, data in read] == [(4, b"one\n"), (6, b"\x00two\r\n")]
    with pytest.raises(git.GitError):
        list(git.blob_stream(pr_repo.root, ["f" * 40]))


def test_tree_entries_can_leave_out_a_folder_without_reading_it(pr_repo):
    (pr_repo.root / "signatures" / "a.yaml").write_text("one\n")
    (pr_repo.root / "data" / "signatures").mkdir(parents=True)
    (pr_repo.root / "data" / "signatures" / "b.yaml").write_text("two\n")
    (pr_repo.root / "data" / "kept.txt").write_text("kept\n")
    pr_repo.start_pull_request()
    every = {e.path for e in git.tree_entries(pr_repo.root, "main")}
    assert {e.path for e in git.tree_entries(pr_repo.root, "main", skip="signatures")} == {
        p for p in every if not p.startswith("signatures/")
    }
    nested = {e.path for e in git.tree_entries(pr_repo.root, "main", skip="data/signatures")}
    assert "data/kept.txt" in nested and "data/signatures/b.yaml" not in nested and "signatures/a.yaml" in nested
    assert git.tree_names(pr_repo.root, "main", "data/signatures") == ["data/signatures/b.yaml"]
