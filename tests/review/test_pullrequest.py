"""petition check --base: each pull-request rule on a real git repository with a base and a head commit."""

from __future__ import annotations

import json

import pytest

from conftest import line_of, signature_text
from petition.cli import main
from prrepo import NOREPLY, pr_repo, problems  # noqa: F401 (pr_repo is a fixture)

# Built at run time so that no address stands in this file (the plaintext guard scans it too).
PERSONAL = "jane.doe" + "@" + "mailprovider.net"
EXAMPLE = "someone" + "@" + "example.org"


def test_signer_adds_own_signature(pr_repo, capsys):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("alice-smith", "Alice Smith", github="alice", country="KE")
    pr_repo.commit("Sign", author_email=NOREPLY.format(login="alice"), committer_email="noreply" + "@github.com")
    code, report = pr_repo.check(capsys=capsys)
    assert code == 0 and report["ok"] and report["problems"] == []
    pr = report["pull_request"]
    assert pr["author"] == "alice" and pr["signatures_only"] is True and pr["identity_checked"] is True
    assert [c["path"] for c in pr["changes"]] == ["signatures/alice-smith.yaml"]
    [added] = pr["added"]
    assert added["name"] == "Alice Smith" and added["country_name"] == "Kenya"
    assert added["text"] == "Alice Smith, Kenya"
    assert '<li id="alice-smith"' in added["html"] and ">Alice Smith</bdi>, Kenya" in added["html"]
    [item] = pr["confirm"]
    assert (
        item["path"] == "signatures/alice-smith.yaml"
        and "real person" in item["text"]
        and "opened this pull request" in item["text"]
    )


def test_signature_without_github_asks_the_reviewer_to_confirm_the_person(pr_repo, capsys):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("acme", "Acme Rights Network", type="organization")
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 0 and report["problems"] == []
    [item] = report["pull_request"]["confirm"]
    assert "real organisation" in item["text"] and "nothing in the file ties it" in item["text"]


def test_github_login_of_someone_else_is_refused_on_its_line(pr_repo, capsys):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("bob", "Bob Jones", github="bob")  # type, name, github: line 3
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1
    assert problems(report) == [("signatures/bob.yaml", 3, "identity")]
    assert report["pull_request"]["added"] == []  # a refused file gets no preview


def test_login_comparison_ignores_case(pr_repo, capsys):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("alice", "Alice Smith", github="Alice")
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 0 and report["problems"] == []


@pytest.mark.parametrize("association", ["OWNER", "MEMBER", "COLLABORATOR"])
def test_maintainer_may_add_for_someone_else_and_several_at_once(pr_repo, capsys, association):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("bob", "Bob Jones", github="bob")
    pr_repo.repo.sign("carol", "Carol Diaz", source="imported")
    (pr_repo.root / "docs" / "notes.md").write_text("A maintainer's note.\n")
    pr_repo.commit()
    code, report = pr_repo.check(association=association, capsys=capsys)
    assert code == 0 and report["problems"] == []
    assert report["pull_request"]["maintainer"] is True
    assert report["pull_request"]["signatures_only"] is False


def test_editing_someone_elses_signature_is_refused_at_the_changed_line(pr_repo, capsys):
    pr_repo.repo.sign("bob", "Bob Jones", github="bob")
    pr_repo.start_pull_request()
    path = pr_repo.repo.signatures / "bob.yaml"
    path.write_text(path.read_text().replace("Bob Jones", "Robert Jones"))
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1 and problems(report) == [("signatures/bob.yaml", 2, "edit-other")]
    assert "bob" in report["problems"][0]["message"] and "alice" in report["problems"][0]["message"]


def test_editing_your_own_signature_is_allowed(pr_repo, capsys):
    pr_repo.repo.sign("alice", "Alice Smith", github="alice")
    pr_repo.start_pull_request()
    path = pr_repo.repo.signatures / "alice.yaml"
    path.write_text(path.read_text().replace("Alice Smith", "Alice M. Smith"))
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 0 and report["problems"] == []
    [edited] = report["pull_request"]["edited"]
    assert edited["name"] == "Alice M. Smith"
    assert "change to the signature" in report["pull_request"]["confirm"][0]["text"]


def test_handing_your_file_to_another_login_is_refused(pr_repo, capsys):
    pr_repo.repo.sign("alice", "Alice Smith", github="alice")
    pr_repo.start_pull_request()
    path = pr_repo.repo.signatures / "alice.yaml"
    text = path.read_text()
    assert "\ngithub: alice\n" in text
    path.write_text(text.replace("\ngithub: alice\n", "\ngithub: mallory\n"))
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1 and problems(report) == [("signatures/alice.yaml", 3, "identity")]


def test_withdrawing_your_own_signature_is_allowed(pr_repo, capsys):
    pr_repo.repo.sign("alice", "Alice Smith", github="alice")
    pr_repo.start_pull_request()
    (pr_repo.repo.signatures / "alice.yaml").unlink()
    pr_repo.commit("Withdraw")
    code, report = pr_repo.check(capsys=capsys)
    assert code == 0 and report["problems"] == []
    assert report["pull_request"]["withdrawn"] == ["signatures/alice.yaml"]
    assert report["pull_request"]["confirm"] == []


def test_deleting_someone_elses_signature_is_refused(pr_repo, capsys):
    pr_repo.repo.sign("bob", "Bob Jones", github="bob")
    pr_repo.start_pull_request()
    (pr_repo.repo.signatures / "bob.yaml").unlink()
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1 and problems(report) == [("signatures/bob.yaml", 1, "delete-other")]
    assert report["pull_request"]["withdrawn"] == []


def test_renaming_someone_elses_file_is_a_deletion_and_is_refused(pr_repo, capsys):
    pr_repo.repo.sign("bob", "Bob Jones", github="bob")
    pr_repo.start_pull_request()
    pr_repo.git("mv", "signatures/bob.yaml", "signatures/bob-jones.yaml")
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1
    assert ("signatures/bob.yaml", 1, "delete-other") in problems(report)
    assert ("signatures/bob-jones.yaml", 3, "identity") in problems(report)


def test_deleting_a_file_with_no_github_needs_a_maintainer(pr_repo, capsys):
    pr_repo.repo.add_founding()
    pr_repo.start_pull_request()
    (pr_repo.repo.signatures / "michael-geist.yaml").unlink()
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 0  # nothing for the author to fix
    assert problems(report) == [("signatures/michael-geist.yaml", 1, "unowned")]
    assert report["problems"][0]["severity"] == "warning"
    assert report["pull_request"]["needs_maintainer"] == 1
    assert "maintainer must confirm" in report["problems"][0]["message"]
    assert report["pull_request"]["confirm"] == []  # the warning is the reviewer's item; no checklist repeat


def test_maintainer_may_delete_anything(pr_repo, capsys):
    pr_repo.repo.add_founding()
    pr_repo.repo.sign("bob", "Bob Jones", github="bob")
    pr_repo.start_pull_request()
    (pr_repo.repo.signatures / "michael-geist.yaml").unlink()
    (pr_repo.repo.signatures / "bob.yaml").unlink()
    pr_repo.commit()
    code, report = pr_repo.check(association="OWNER", capsys=capsys)
    assert code == 0 and report["problems"] == []
    assert report["pull_request"]["withdrawn"] == ["signatures/bob.yaml", "signatures/michael-geist.yaml"]


@pytest.mark.parametrize("value", ["founding", "imported", "email"])
def test_source_is_refused_from_a_signer(pr_repo, capsys, value):
    pr_repo.start_pull_request()
    path = pr_repo.repo.write(
        "alice",
        signature_text(
            type="individual",
            name="Alice Smith",
            source=value,
            signed="2025-01-02",
            version="1",
            contact=pr_repo.repo.contact(),
        ),
    )
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1 and problems(report) == [("signatures/alice.yaml", line_of(path, "source"), "source-maintainers")]


def test_more_signatures_than_allowed_need_a_maintainer(pr_repo, capsys):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("alice", "Alice Smith", github="alice")
    pr_repo.repo.sign("zed", "Zed Zimmer")
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 0
    assert problems(report) == [("signatures/zed.yaml", 1, "too-many-signatures")]
    assert report["problems"][0]["severity"] == "warning"
    # Both previews are still shown: the maintainer confirms each.
    assert [a["slug"] for a in report["pull_request"]["added"]] == ["alice", "zed"]


def test_the_limit_comes_from_the_settings(pr_repo, capsys):
    pyproject = pr_repo.root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "max_new_signatures = 2\n")
    pr_repo.start_pull_request()
    pr_repo.repo.sign("alice", "Alice Smith", github="alice")
    pr_repo.repo.sign("zed", "Zed Zimmer")
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 0 and report["problems"] == []


def test_files_outside_signatures_need_a_maintainer(pr_repo, capsys):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("alice", "Alice Smith", github="alice")
    (pr_repo.root / "docs" / "index.md").write_text("Changed letter.\n")
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 0
    assert problems(report) == [("docs/index.md", 1, "outside-signatures")]
    assert report["pull_request"]["signatures_only"] is False


@pytest.mark.parametrize("association", ["NONE", "OWNER"])
def test_a_committed_build_cache_is_refused_even_from_a_maintainer(pr_repo, capsys, association):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("alice", "Alice Smith", github="alice")
    shard = pr_repo.root / ".cache" / "petition" / "checked-0" / "x.shard"
    shard.parent.mkdir(parents=True)
    shard.write_bytes(b"{}\n")
    pr_repo.git("add", "-f", ".cache")  # ignored: only a deliberate add commits it
    pr_repo.commit()
    code, report = pr_repo.check(association=association, capsys=capsys)
    assert code == 1
    assert problems(report, "error") == [(".cache/petition/checked-0/x.shard", 1, "cache-committed")]
    assert "never committed" in report["problems"][0]["message"]


def test_a_signature_in_a_sub_folder_is_refused(pr_repo, capsys):
    pr_repo.start_pull_request()
    (pr_repo.repo.signatures / "more").mkdir()
    pr_repo.repo.write("more/alice.yaml", signature_text(type="individual", name="Alice"))
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1 and problems(report) == [("signatures/more/alice.yaml", 1, "file-location")]


def test_an_invalid_signature_is_refused_with_its_line(pr_repo, capsys):
    pr_repo.start_pull_request()
    path = pr_repo.repo.sign("alice", "Alice Smith", github="alice", country="Norway")
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1 and problems(report) == [("signatures/alice.yaml", line_of(path, "country"), "country-name")]
    assert "NO" in report["problems"][0]["message"]


def test_duplicates_are_found_against_the_whole_collection_and_blame_only_the_new_file(pr_repo, capsys):
    pr_repo.repo.add_founding()
    pr_repo.start_pull_request()
    pr_repo.repo.sign("michael-geist-2", "Michael Geist", country="CA")
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1
    assert problems(report) == [("signatures/michael-geist-2.yaml", 2, "duplicate-name")]
    assert "signatures/michael-geist.yaml" in report["problems"][0]["message"]


def test_same_github_login_twice_is_a_duplicate(pr_repo, capsys):
    pr_repo.repo.sign("alice", "Alice Smith", github="alice")
    pr_repo.start_pull_request()
    pr_repo.repo.sign("alice-again", "A. Smith", github="alice")
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1 and problems(report) == [("signatures/alice-again.yaml", 3, "duplicate-github")]


# ---------------------------------------------------------------------------------------------
# Plaintext addresses: refused by location, never echoed


def _everything(capsys, pr_repo, *extra) -> str:
    """The text output, the JSON report and the GitHub annotations of one check, together."""
    outputs = []
    for fmt in ("text", "json", "github"):
        main(["--root", str(pr_repo.root), "check", "--base", "main", "--author", "alice", "--format", fmt, *extra])
        outputs.append(capsys.readouterr().out)
    return "\n".join(outputs)


def test_an_address_in_an_added_line_is_refused_by_line_only(pr_repo, capsys):
    (pr_repo.root / "docs" / "notes.md").write_text("one\ntwo\nthree\n")
    pr_repo.start_pull_request()
    (pr_repo.root / "docs" / "notes.md").write_text(f"one\ntwo\nwrite to {PERSONAL}\nthree\n")
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1
    assert ("docs/notes.md", 3, "plaintext-email") in problems(report, "error")
    assert PERSONAL not in _everything(capsys, pr_repo)


def test_only_added_lines_are_judged(pr_repo, capsys):
    (pr_repo.root / "docs" / "notes.md").write_text(f"old {PERSONAL}\nkeep\n")
    pr_repo.start_pull_request()
    (pr_repo.root / "docs" / "notes.md").write_text(f"old {PERSONAL}\nkeep\nnew line\n")
    pr_repo.commit()
    code, report = pr_repo.check(association="MEMBER", capsys=capsys)
    assert code == 0 and report["problems"] == []


def test_addresses_that_are_not_personal_are_allowed_outside_signatures(pr_repo, capsys):
    pr_repo.start_pull_request()
    public = "wto-ic" + "@" + "justnetcoalition.org"  # listed in public_addresses
    (pr_repo.root / "docs" / "notes.md").write_text(f"{EXAMPLE}\n{NOREPLY.format(login='alice')}\n{public}\n")
    pr_repo.commit()
    code, report = pr_repo.check(association="MEMBER", capsys=capsys)
    assert code == 0 and report["problems"] == []


def test_an_address_in_a_signature_comment_is_refused_once(pr_repo, capsys):
    pr_repo.start_pull_request()
    path = pr_repo.repo.sign("alice", "Alice Smith", github="alice")
    path.write_text(f"# {EXAMPLE}\n" + path.read_text())  # even an example address: never in a signature
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1 and problems(report) == [("signatures/alice.yaml", 1, "plaintext-email")]


def test_a_personal_commit_author_address_is_refused_by_commit(pr_repo, capsys):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("alice", "Alice Smith", github="alice")
    sha = pr_repo.commit("Sign", author_email=PERSONAL)
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1
    assert problems(report) == [(f"commit {sha[:12]}", 0, "commit-email")]
    assert "Keep my email addresses private" in report["problems"][0]["message"]
    everything = _everything(capsys, pr_repo)
    assert PERSONAL not in everything
    # Not in a file: an annotation on the run, with the commit in its text.
    assert f"::error title=Signature check::commit {sha[:12]}: the author of commit" in everything


def test_a_personal_committer_address_is_refused(pr_repo, capsys):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("alice", "Alice Smith", github="alice")
    sha = pr_repo.commit("Sign", committer_email=PERSONAL)
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1 and problems(report) == [(f"commit {sha[:12]}", 0, "commit-email")]
    assert "committer" in report["problems"][0]["message"]


def test_an_address_in_a_commit_message_is_refused_with_its_line(pr_repo, capsys):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("alice", "Alice Smith", github="alice")
    sha = pr_repo.commit(
        f"Sign the letter\n\nReach me at {PERSONAL}\n\nCo-authored-by: Bob <{NOREPLY.format(login='bob')}>"
    )
    code, report = pr_repo.check(capsys=capsys)
    assert code == 1 and problems(report) == [(f"commit {sha[:12]}", 0, "commit-message-email")]
    assert "line 3 of the message" in report["problems"][0]["message"]
    assert PERSONAL not in _everything(capsys, pr_repo)


def test_only_the_pull_requests_commits_are_judged(pr_repo, capsys):
    pr_repo.repo.sign("bob", "Bob Jones", github="bob")
    pr_repo.commit("Old commit", author_email=PERSONAL)
    pr_repo.start_pull_request()
    pr_repo.repo.sign("alice", "Alice Smith", github="alice")
    pr_repo.commit()
    code, report = pr_repo.check(capsys=capsys)
    assert code == 0 and report["problems"] == []


# ---------------------------------------------------------------------------------------------
# The command's adapter


def test_unknown_base_is_a_usage_error_without_traceback(pr_repo, capsys):
    pr_repo.start_pull_request()
    code = main(["--root", str(pr_repo.root), "check", "--base", "no-such-branch"])
    err = capsys.readouterr().err
    assert code == 2 and "no-such-branch" in err and "Traceback" not in err


def test_paths_and_base_together_are_a_usage_error(pr_repo, capsys):
    pr_repo.start_pull_request()
    code = main(["--root", str(pr_repo.root), "check", "--base", "main", "signatures/x.yaml"])
    assert code == 2 and "no paths" in capsys.readouterr().err


def test_without_author_identity_is_not_checked_and_says_so(pr_repo, capsys):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("bob", "Bob Jones", github="bob")
    pr_repo.commit()
    code = main(["--root", str(pr_repo.root), "check", "--base", "main"])
    out = capsys.readouterr().out
    assert code == 0 and "author is unknown" in out and "signatures/bob.yaml: adds “Bob Jones”" in out


def test_under_github_actions_the_event_gives_the_author_and_outputs_are_written(
    pr_repo, capsys, monkeypatch, tmp_path
):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("bob", "Bob <b> Jones", github="bob")  # invalid name: markup
    pr_repo.repo.sign("carol", "Carol Diaz", github="carol", website="https://example.org/carol")
    pr_repo.commit()
    head = pr_repo.git("rev-parse", "HEAD").strip()
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {
                "pull_request": {
                    "number": 42,
                    "user": {"login": "carol"},
                    "author_association": "CONTRIBUTOR",
                    "head": {"sha": head},
                }
            }
        )
    )
    summary, output, report_file = tmp_path / "summary.md", tmp_path / "output", tmp_path / "out" / "report.json"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_OUTPUT", str(output))
    code = main(["--root", str(pr_repo.root), "check", "--base", "main", "--report", str(report_file)])
    out = capsys.readouterr().out
    assert code == 1
    assert "::error file=signatures/bob.yaml,line=2," in out  # the markup in the name
    assert "::error file=signatures/bob.yaml,line=3," in out  # bob's login, carol's pull request
    assert "::warning file=signatures/carol.yaml,line=1," in out  # two signatures from a non-maintainer
    report = json.loads(report_file.read_text())
    assert report["pull_request"]["number"] == 42 and report["pull_request"]["head_sha"] == head
    assert report["pull_request"]["author"] == "carol" and report["pull_request"]["association"] == "CONTRIBUTOR"
    text = summary.read_text()
    assert (
        '<a href="https://example.org/carol" rel="nofollow noopener ugc"><bdi dir="auto">Carol Diaz</bdi></a>' in text
    )
    assert "The reviewer still confirms" in text and "- [ ] `signatures/carol.yaml`" in text
    assert "Bob" not in text.split("### As the list")[1]  # a refused file is not previewed
    assert output.read_text() == "signatures_only=true\n"


def test_report_file_without_base(repo, capsys, tmp_path):
    repo.sign("alice", "Alice Smith")
    target = tmp_path / "r" / "report.json"
    assert main(["--root", str(repo.root), "check", "--report", str(target)]) == 0
    data = json.loads(target.read_text())
    assert data["ok"] is True and [s["slug"] for s in data["signatures"]] == ["alice"]


def test_a_response_in_a_pull_request_is_checked_with_its_lines(pr_repo, capsys):
    pr_repo.start_pull_request()
    folder = pr_repo.root / "responses"
    folder.mkdir()
    (folder / "no-ministry.yaml").write_text(
        'country: "NO"\nbody: Ministry\ndate: "2026-12-01"\nlink: ftp://example.org/\nsummary: Noted.\n',
        encoding="utf-8",
    )
    pr_repo.commit()
    code, report = pr_repo.check(association="MEMBER", capsys=capsys)
    assert code == 1 and problems(report) == [("responses/no-ministry.yaml", 4, "website-scheme")]
    (folder / "no-ministry.yaml").write_text(
        'country: "NO"\nbody: Ministry\ndate: "2026-12-01"\nlink: https://example.org/\nsummary: Noted.\n',
        encoding="utf-8",
    )
    pr_repo.commit()
    assert pr_repo.check(association="MEMBER", capsys=capsys)[0] == 0
    # From someone who is not a maintainer: a file outside signatures/, for a maintainer to review.
    code, report = pr_repo.check(capsys=capsys)
    assert code == 0 and problems(report) == [("responses/no-ministry.yaml", 1, "outside-signatures")]
