"""`petition check`: the command signers, pre-commit and CI run."""

from __future__ import annotations

import json
from pathlib import Path

from petition.check import collection
from petition.cli import main
from prrepo import pr_repo  # noqa: F401 (pr_repo is a fixture)


def run(repo, capsys, *args):
    code = main(["--root", str(repo.root), "check", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_all_valid_exits_zero(repo, capsys):
    repo.add_founding()
    repo.sign("anna-de-vries", "Anna de Vries", country="NL", sort_as="Vries, Anna de")
    code, out, _ = run(repo, capsys)
    assert code == 0
    assert "All 17 signature files are valid." in out


def test_each_problem_is_one_line_with_file_and_line(repo, capsys):
    repo.sign("good", "Good Person")
    repo.write("bad", "type: individual\nname: Bad\ncountry: ZZ\nsigned: 2026-01-01\nversion: 1\ncontact: nope\n")
    code, out, _ = run(repo, capsys)
    assert code == 1
    lines = out.splitlines()
    assert "signatures/bad.yaml:3: “country” is not a known two-letter country code" in lines[0]
    assert lines[1].startswith("signatures/bad.yaml:6: “contact” is not an encrypted contact")
    assert lines[-1] == "2 problems in 1 of 2 files. Fix them and run the check again."
    assert "good.yaml" not in out


def test_one_bad_file_among_many(repo, capsys):
    for i in range(30):
        repo.sign(f"person-{i}", f"Person {i}")
    repo.write("broken", "type: individual\nname: [a\n")
    code, out, _ = run(repo, capsys, "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False
    assert {p["path"] for p in report["problems"]} == {"signatures/broken.yaml"}
    assert len(report["signatures"]) == 30


def test_given_paths_are_checked_against_the_whole_collection(repo, capsys):
    repo.sign("anna", "Anna Müller", country="DE")
    new = repo.sign("anna-2", "ANNA MULLER", country="DE")
    repo.write("unrelated-bad", "type: nobody\n")
    code, out, _ = run(repo, capsys, str(new))
    assert code == 1
    assert out.splitlines()[0].startswith("signatures/anna-2.yaml:2: possible duplicate of signatures/anna.yaml")
    assert "unrelated-bad" not in out


def test_the_json_report_of_some_files_lists_only_their_signatures(repo, capsys):
    for i in range(5):
        repo.sign(f"person-{i}", f"Person {i}")
    code, out, _ = run(
        repo, capsys, "--format", "json", str(repo.signatures / "person-3.yaml"), str(repo.signatures / "person-1.yaml")
    )
    report = json.loads(out)
    assert code == 0 and report["checked"] == ["signatures/person-1.yaml", "signatures/person-3.yaml"]
    assert [s["slug"] for s in report["signatures"]] == ["person-1", "person-3"]


def test_paths_outside_signatures_are_ignored(repo, capsys):
    code, out, _ = run(repo, capsys, str(repo.root / "mkdocs.yml"))
    assert code == 0 and "nothing to check" in out


def test_duplicate_github_login(repo, capsys):
    repo.sign("a", "Anna", github="octocat")
    repo.sign("b", "Bob", github="OctoCat")
    code, out, _ = run(repo, capsys)
    assert (
        code == 1 and "signatures/b.yaml:3: possible duplicate of signatures/a.yaml: the same GitHub user name" in out
    )


def test_no_plaintext_address_is_ever_echoed(repo, capsys):
    address = "hidden.person" + "@" + "example.org"
    repo.write(
        "leak",
        f"type: individual\nname: Leak\n# reach me at {address}\nsigned: 2026-01-01\nversion: 1\ncontact: {address}\n",
    )
    for fmt in ("text", "json", "github"):
        code, out, err = run(repo, capsys, "--format", fmt)
        assert code == 1
        assert address not in out + err
        assert "hidden.person" not in out + err
    code, out, _ = run(repo, capsys)
    assert "signatures/leak.yaml:3: this line contains a plain email address" in out
    assert "signatures/leak.yaml:6: the contact contains a plain email address" in out


def test_github_actions_annotations_and_step_summary(repo, capsys, monkeypatch, tmp_path):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    repo.write("bad", "type: individual\nname: A\nwebsite: javascript:alert(1)\n")
    code, out, _ = run(repo, capsys)
    assert code == 1
    assert "::error file=signatures/bad.yaml,line=3,title=Signature check::“website” must start with https://" in out
    assert "| `signatures/bad.yaml` | 3 |" in summary.read_text()


def test_usage_error_exits_two(repo, capsys):
    try:
        main(["--root", str(repo.root), "check", "--format", "xml"])
    except SystemExit as exc:
        assert exc.code == 2
    else:
        raise AssertionError("argparse should exit")
    assert "invalid choice" in capsys.readouterr().err


def test_empty_folder_is_valid(repo, capsys):
    code, out, _ = run(repo, capsys)
    assert code == 0 and "All 0 signature files are valid." in out


def test_the_check_reuses_what_it_found_valid_unless_told_not_to(repo, capsys):
    """The cache of valid files (shared with the site build) is read by default: a record marked in
    it shows in the next check; ``--no-cache`` checks every file again and writes nothing."""
    from cachefiles import read_records, write_records
    from petition.check.cache import CACHE_DIR

    repo.sign("anna", "Anna Smith", country="NO")  # a country: the same name there is refused, not only warned of
    repo.sign("bert", "Bert Jones", country="NO")
    assert run(repo, capsys, "--no-cache")[0] == 0 and not (repo.root / ".cache").exists()
    assert run(repo, capsys)[0] == 0
    (folder,) = (repo.root / CACHE_DIR).glob("checked-*")
    records = read_records(folder)
    keys = {record[0]: record[3] for record in records.values()}
    # Give Bert's record Anna's duplicate-check key, as if the two files named the same person.
    marked = {
        k: (r[0], r[1], r[2], (r[0], *keys["anna"][1:]), r[4]) if r[0] == "bert" else r for k, r in records.items()
    }
    write_records(next(folder.glob("*.shard")), marked)
    code, out, _ = run(repo, capsys)
    assert code == 1 and out.startswith("signatures/bert.yaml:2: possible duplicate of signatures/anna.yaml")
    assert run(repo, capsys, "--no-cache")[0] == 0
    # A changed file is checked again, whatever the cache holds.
    repo.write("bert", (repo.signatures / "bert.yaml").read_text() + "# edited\n")
    assert run(repo, capsys)[0] == 0


def test_a_relative_root_shows_the_same_paths(repo, capsys, monkeypatch):
    repo.write("bad", "type: individual\nname: Bad\ncountry: ZZ\n")
    monkeypatch.chdir(repo.root.parent)
    code = main(["--root", repo.root.name, "check", "--no-cache"])
    out = capsys.readouterr().out
    assert code == 1 and "signatures/bad.yaml:3: “country”" in out and "repo/" not in out


def test_the_command_in_its_own_process_prints_everything_and_exits_with_the_status(repo):
    """``petition`` ends its process without the usual teardown (petition.cli.entry): output is flushed first."""
    import subprocess
    import sys

    for i in range(40):
        repo.write(f"bad-{i:02d}", f"type: individual\nname: Bad {i}\ncountry: ZZ\n")
    for command in ([sys.executable, "-m", "petition.cli"], [str(Path(sys.executable).parent / "petition")]):
        proc = subprocess.run(
            [*command, "--root", str(repo.root), "check", "--no-cache"], capture_output=True, text=True
        )
        lines = proc.stdout.splitlines()
        assert (
            proc.returncode == 1 and len(lines) == 40 * 4 + 1 and lines[-1].startswith("160 problems in 40 of 40 files")
        )
        ok = subprocess.run(
            [*command, "--root", str(repo.root), "check", "--no-cache", str(repo.root / "mkdocs.yml")],
            capture_output=True,
            text=True,
        )
        assert ok.returncode == 0 and "nothing to check" in ok.stdout


def test_a_signature_may_be_dated_one_day_ahead_not_two(repo):
    """One day of grace for time zones (a signer east of the check's clock is already on the next day)."""
    import datetime as dt

    from conftest import line_of

    pass

    today = dt.date(2026, 3, 10)
    repo.sign("tomorrow", "Signed Tomorrow", signed="2026-03-11")
    later = repo.sign("day-after", "Signed The Day After", signed="2026-03-12")
    result = collection.check(repo.settings(), today=today)
    assert [e.slug for e in result.entries] == ["tomorrow"]
    assert [(p.path, p.line, p.code) for p in result.problems] == [
        ("signatures/day-after.yaml", line_of(later, "signed"), "date-future")
    ]
    # The day after, the same file is valid: the rule moves with the checker's today.
    assert collection.check(repo.settings(), today=today + dt.timedelta(days=1)).ok


def test_head_without_base_is_a_usage_error(repo, capsys):
    assert main(["--root", str(repo.root), "check", "--head", "HEAD"]) == 2
    assert "give --base too" in capsys.readouterr().err


def test_head_names_the_commit_judged_whatever_the_work_tree_holds(pr_repo, capsys):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("alice", "Alice Smith", github="alice")
    pr_repo.commit("Sign")
    pr_repo.git("checkout", "-q", "main")
    pr_repo.repo.signatures.mkdir(exist_ok=True)
    pr_repo.repo.write("junk", "not: [a signature\n")  # uncommitted, in the work tree only: never read
    code, report = pr_repo.check("--head", "pr", capsys=capsys)
    assert code == 0 and report["problems"] == [] and report["checked"] == ["signatures/alice.yaml"]
    assert main(["--root", str(pr_repo.root), "check", "--base", "main", "--head", "no-such-ref"]) == 2
    assert "cannot compare no-such-ref with main" in capsys.readouterr().err


def test_a_pull_request_file_holding_no_pull_request_is_a_usage_error(pr_repo, capsys, tmp_path):
    pr_repo.start_pull_request()
    pr_repo.repo.sign("alice", "Alice Smith", github="alice")
    pr_repo.commit("Sign")
    saved = tmp_path / "pr.json"
    saved.write_text("[]")  # an empty search: no open pull request has this head
    code = main(["--root", str(pr_repo.root), "check", "--base", "main", "--head", "pr", "--pull-request", str(saved)])
    assert code == 2 and "holds no pull request" in capsys.readouterr().err
