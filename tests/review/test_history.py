"""Every commit scanned: each commit's added lines (a merge's against all its parents), its message,
its author's and committer's names and addresses; never the address in a message."""

from __future__ import annotations

from petition.check import guard
from petition.review import git, history
from prrepo import NOREPLY, pr_repo  # noqa: F401 (pr_repo is a fixture)

PERSONAL = "jane.doe" + "@" + "mailprovider.net"


def _history(pr_repo):
    return git.commits(pr_repo.root, "main", "pr")


def test_each_commit_is_scanned_and_named_without_the_address(pr_repo):
    notes = pr_repo.root / "docs" / "notes.md"
    notes.write_text("one\n")
    pr_repo.start_pull_request()
    notes.write_text(f"one\n{PERSONAL}\n")
    first = pr_repo.commit("Add")
    notes.write_text("one\n")
    pr_repo.commit("Remove")
    found = _history(pr_repo)
    assert history.added_by(pr_repo.root, found[0], "") == {"docs/notes.md": [(2, PERSONAL)]}
    assert history.added_by(pr_repo.root, found[1], "") == {}  # a removal adds nothing
    [problem] = history.history_problems(pr_repo.root, found, pr_repo.repo.settings(), "", "main", set())
    assert (problem.path, problem.line, problem.code) == (f"commit {first[:12]}", 0, "history-email")
    assert "docs/notes.md, line 2" in problem.message and PERSONAL not in problem.message
    assert "git merge-base origin/main HEAD" in problem.message


def test_a_one_commit_pull_request_is_told_only_of_the_files_line(pr_repo):
    pr_repo.start_pull_request()
    (pr_repo.root / "docs" / "notes.md").write_text(f"{PERSONAL}\n")
    pr_repo.commit("Add")
    found = _history(pr_repo)
    settings = pr_repo.repo.settings()
    at_head = {("docs/notes.md", PERSONAL)}
    assert history.history_problems(pr_repo.root, found, settings, "", "main", at_head) == []
    assert len(history.history_problems(pr_repo.root, found, settings, "", "main", set())) == 1


def test_a_merge_adds_only_what_none_of_its_parents_had(pr_repo):
    pr_repo.start_pull_request()
    (pr_repo.root / "pr.md").write_text("the pull request's line\n")
    pr_repo.commit("PR")
    pr_repo.git("checkout", "-q", "main")
    (pr_repo.root / "main.md").write_text(f"main's line {PERSONAL}\n")
    pr_repo.commit("Main")
    pr_repo.git("checkout", "-q", "pr")
    pr_repo.git("merge", "-q", "--no-edit", "main")
    merge = _history(pr_repo)[-1]
    assert len(merge.parents) == 2
    assert history.added_by(pr_repo.root, merge, "") == {}


def test_a_commit_without_parents_is_compared_with_the_empty_tree(pr_repo):
    (pr_repo.root / "a.md").write_text(f"{PERSONAL}\n")
    root_commit = git.Commit(pr_repo.commit("First"), "", "", "")
    added = history.added_by(pr_repo.root, root_commit, "")
    assert added["a.md"] == [(1, PERSONAL)] and "pyproject.toml" in added  # every line of every file is new


def test_names_addresses_and_messages_of_commits(pr_repo):
    settings = pr_repo.repo.settings()
    clean = git.Commit("a" * 40, NOREPLY.format(login="alice"), "noreply" + "@github.com", "Sign\n", "Alice", "GitHub")
    assert history.commit_problems([clean], settings, "main") == []
    named = git.Commit("b" * 40, NOREPLY.format(login="alice"), PERSONAL, f"Sign\n\nby {PERSONAL}\n", f"A <{PERSONAL}>")
    found = history.commit_problems([named], settings, "main")
    assert [(p.code, p.path) for p in found] == [
        ("commit-email", "commit bbbbbbbbbbbb"),
        ("commit-email", "commit bbbbbbbbbbbb"),
        ("commit-message-email", "commit bbbbbbbbbbbb"),
    ]
    assert "author name" in found[0].message and "committer of commit" in found[1].message
    assert "line 3 of the message" in found[2].message
    assert all(PERSONAL not in p.message and "one clean commit" in p.message for p in found)


def test_a_file_named_with_an_address_then_renamed_is_refused_by_its_redacted_name(pr_repo):
    pr_repo.start_pull_request()
    named = pr_repo.root / "docs" / f"notes-{PERSONAL}.md"
    named.write_text("a note\n")
    first = pr_repo.commit("Add")
    named.rename(pr_repo.root / "docs" / "notes.md")
    pr_repo.commit("Rename")
    found = _history(pr_repo)
    [problem] = history.history_problems(pr_repo.root, found, pr_repo.repo.settings(), "", "main", set())
    shown = f"{guard.redacted('docs/notes-' + PERSONAL + '.md', pr_repo.repo.settings())}, its name"
    assert problem.path == f"commit {first[:12]}" and shown in problem.message and "…" in shown
    assert PERSONAL not in problem.message
