from __future__ import annotations

import re
import sys

from conftest import signature_text
from letterversions import ADDED, change_letter, run, sign_version
from life_git import commit_all, init
from petition.check.collection import check
from petition.check.lifecycle import new_file_problems
from petition.model import versions

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def letter_version(repo) -> str:
    return tomllib.loads((repo.root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["petition"][
        "letter_version"
    ]


def test_normalised_text_ignores_front_matter_markers_and_spacing():
    a, _ = versions.normalise("---\ntitle: x\n---\n# T\n\nText.\n<!-- petition:counts -->\n\n\nMore.  \n")
    b, _ = versions.normalise("# T\r\n\r\nText.\r\n\r\nMore.\r\n<!-- petition:status -->\r\n")
    assert a == b == "# T\n\nText.\n\nMore.\n"
    c, _ = versions.normalise("# T\n\nText!\n\nMore.\n")
    assert versions.digest(c) != versions.digest(a)


def test_the_repository_letter_is_its_released_version(repo):
    assert versions.problems(repo.settings()) == []
    assert run(repo, "version", "check") == 0


def test_changed_text_without_release_is_caught_then_release_passes(repo, capsys):
    init(repo.root)
    line = change_letter(repo)
    assert run(repo, "version", "check") == 1
    out = capsys.readouterr().out
    assert f"docs/index.md:{line}: the letter's text differs from version 1" in out
    assert "petition version release" in out
    # The site build refuses too, so a text nobody released is never published as version 1.
    built = repo.build()
    assert built.returncode != 0 and "differs from version 1" in built.stderr

    assert run(repo, "version", "release", "--date", "2027-01-15") == 0
    assert letter_version(repo) == "2"
    assert (repo.root / "docs" / "versions" / "2.md").read_text(encoding="utf-8").count(ADDED) == 1
    assert versions.known_versions(repo.settings()) == ["1", "2"]
    assert [(r.version, r.released) for r in versions.load_releases(repo.settings())[0]] == [
        ("1", "2026-11-28"),
        ("2", "2027-01-15"),
    ]
    capsys.readouterr()
    assert run(repo, "version", "check") == 0
    commit_all(repo.root, "Release version 2")
    assert run(repo, "version", "release") == 1
    assert "nothing to release" in capsys.readouterr().out


def test_editing_a_released_text_is_caught(repo, capsys):
    old = repo.root / "docs" / "versions" / "1.md"
    old.write_text(old.read_text(encoding="utf-8").replace("Call for action", "Call to action"), encoding="utf-8")
    assert run(repo, "version", "check") == 1
    assert "docs/versions/1.md:1: the text of version 1 was changed after its release" in capsys.readouterr().out


def test_letter_version_out_of_step_with_the_record_is_caught(repo, capsys):
    versions.set_letter_version(repo.root / "pyproject.toml", "3")
    assert run(repo, "version", "check") == 1
    assert "letter_version is “3”, but the last released version is 1" in capsys.readouterr().out


def test_set_letter_version_keeps_the_rest_of_the_file(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\n\n[tool.petition]\nsignatures_dir = '
        '"signatures"\n\n[tool.other]\nletter_version = "9"\n'
    )
    versions.set_letter_version(pyproject, "2")
    data = tomllib.loads(pyproject.read_text())
    assert data["tool"]["petition"] == {"letter_version": "2", "signatures_dir": "signatures"}
    assert data["tool"]["other"] == {"letter_version": "9"}
    versions.set_letter_version(pyproject, "3")
    assert tomllib.loads(pyproject.read_text())["tool"]["petition"]["letter_version"] == "3"
    bare = tmp_path / "bare.toml"
    versions.set_letter_version(bare, "1")
    assert tomllib.loads(bare.read_text())["tool"]["petition"]["letter_version"] == "1"


def test_unknown_version_is_refused_on_its_line(repo, capsys):
    sign_version(repo, "anna", "Anna", "2")
    assert run(repo, "check") == 1
    out = capsys.readouterr().out
    assert re.search(r"signatures/anna\.yaml:4: “version” is not a version of the letter \(the versions are 1\)", out)


def test_new_file_must_endorse_the_current_version(repo, capsys):
    sign_version(repo, "old-signer", "Old Signer", "1")
    init(repo.root)
    change_letter(repo)
    assert run(repo, "version", "release") == 0
    commit_all(repo.root, "Release version 2")
    new = sign_version(repo, "new-signer", "New Signer", "1")
    settings = repo.settings()
    result = check(settings)
    assert result.ok  # version 1 exists: the file is valid on its own
    entry = next(e for e in result.entries if e.slug == "new-signer")
    problems = new_file_problems(entry, settings)
    assert [(p.path, p.line, p.code) for p in problems] == [("signatures/new-signer.yaml", 4, "version-not-current")]
    assert "change the line to “version: 2”" in problems[0].message
    assert versions.problems_for_new_file(
        next(e for e in result.entries if e.slug == "old-signer"), settings
    )  # the rule itself knows no history

    # pre-commit passes staged files: the one not yet in HEAD is new and refused; the committed one is not.
    capsys.readouterr()
    assert run(repo, "check", str(new), str(repo.signatures / "old-signer.yaml")) == 1
    out = capsys.readouterr().out
    assert "signatures/new-signer.yaml:4: “version” is 1, but new signatures endorse the current text, version 2" in out
    assert "old-signer.yaml" not in out
    assert run(repo, "check", str(repo.signatures / "old-signer.yaml")) == 0
    sign_version(repo, "new-signer", "New Signer", "2")
    assert run(repo, "check", str(new)) == 0


def test_imported_and_founding_files_are_not_held_to_the_current_version(repo):
    init(repo.root)
    change_letter(repo)
    assert run(repo, "version", "release") == 0
    fields = {
        "type": "individual",
        "name": "Paper Signer",
        "signed": "2026-01-02",
        "version": "1",
        "contact": repo.contact(),
        "source": "imported",
    }
    repo.write("paper-signer", signature_text(**fields))
    repo.add_founding()
    result = check(repo.settings())
    assert result.ok
    assert all(new_file_problems(e, repo.settings()) == [] for e in result.entries)


def test_single_version_list_shows_no_version_suffix(repo):
    sign_version(repo, "anna", "Anna", "1")
    built = repo.build()
    assert built.returncode == 0, built.stderr
    listing = (repo.site / "signatories" / "index.html").read_text(encoding="utf-8")
    assert 'data-version="1"' in listing and "(version 1)" not in listing
    letter = (repo.site / "index.html").read_text(encoding="utf-8")
    assert "1 signatory endorsed this text." in letter
