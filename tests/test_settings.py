"""Settings: ``[tool.petition]`` of the repository's pyproject.toml, defaults for the rest, the root found upwards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from petition.settings import (
    Settings,
    find_root,
    load_settings,
    petition_section,
    setting_date,
    settings_from_pyproject,
)


def _project(root: Path, section: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n[tool.petition]\n{section}', encoding="utf-8")
    return root


def test_the_section_s_values_are_read(tmp_path):
    root = _project(
        tmp_path / "repo",
        'signatures_dir = "entries"\nletter_version = "3"\nmax_new_signatures = 5\nclosed = true\n'
        'public_addresses = ["info@example.org", "press@example.org"]\n',
    )
    settings = load_settings(root)
    assert settings.root == root.absolute()
    assert (settings.signatures_dir, settings.letter_version, settings.max_new_signatures, settings.closed) == (
        "entries",
        "3",
        5,
        True,
    )
    assert settings.public_addresses == ("info@example.org", "press@example.org")  # a tuple: Settings is hashable
    assert settings.signatures_path == root.absolute() / "entries"
    assert hash(settings) == hash(load_settings(root))
    # What the section leaves out keeps its default.
    assert settings.keys_dir == Settings.keys_dir and settings.max_file_bytes == 8192


def test_overrides_win_and_none_leaves_the_file_s_value(tmp_path):
    root = _project(tmp_path / "repo", 'letter_version = "3"\n')
    assert load_settings(root, letter_version="4").letter_version == "4"
    assert load_settings(root, letter_version=None).letter_version == "3"


def test_the_root_is_the_nearest_folder_with_a_project_file(tmp_path):
    root = _project(tmp_path / "repo", "")
    inner = root / "signatures" / "deep"
    inner.mkdir(parents=True)
    assert find_root(inner) == root.absolute()
    site_only = tmp_path / "site"
    (site_only / "docs").mkdir(parents=True)
    (site_only / "mkdocs.yml").write_text("site_name: x\n")
    assert find_root(site_only / "docs") == site_only.absolute()


def test_paths_are_shown_relative_to_the_root_with_forward_slashes(tmp_path):
    root = _project(tmp_path / "repo", "")
    settings = load_settings(root)
    assert settings.display(root / "signatures" / "anna.yaml") == "signatures/anna.yaml"
    outside = tmp_path / "elsewhere.yaml"
    assert settings.display(outside) == outside.as_posix()
    # A symlink is shown under its own name, never as the file it points to.
    (root / "signatures").mkdir()
    (root / "signatures" / "link.yaml").symlink_to(outside)
    assert settings.display(root / "signatures" / "link.yaml") == "signatures/link.yaml"


def test_the_signatures_address_defaults_to_the_first_public_address(tmp_path):
    both = _project(tmp_path / "a", 'public_addresses = ["info@example.org", "press@example.org"]\n')
    assert load_settings(both).signatures_address == "info@example.org"
    own = _project(tmp_path / "b", 'public_addresses = ["info@example.org"]\nsignatures_address = "sign@example.org"\n')
    assert load_settings(own).signatures_address == "sign@example.org"
    assert load_settings(_project(tmp_path / "c", "")).signatures_address == ""  # no email route


def test_settings_from_a_pyproject_s_text_as_a_git_blob_gives_it():
    data = b'[project]\nname = "x"\n\n[tool.petition]\nletter_version = "2"\nfuture_setting = 3\n'
    settings = settings_from_pyproject(data, Path("/tmp/judged"))
    assert settings.root == Path("/tmp/judged") and settings.letter_version == "2"
    # Every key of the section, known or not: a change to any of them needs a maintainer.
    assert petition_section(data) == {"letter_version": "2", "future_setting": 3}
    assert petition_section(b"not = [toml") == {} and petition_section(b"\xff") == {}
    assert settings_from_pyproject(None, Path("/tmp/judged")) == Settings(root=Path("/tmp/judged"))


def test_a_date_setting_is_read_from_toml_dates_and_iso_strings_only():
    assert setting_date(dt.date(2027, 6, 1)) == dt.date(2027, 6, 1)
    assert setting_date(dt.datetime(2027, 6, 1, 12, 0)) == dt.date(2027, 6, 1)
    assert setting_date("2027-06-01") == dt.date(2027, 6, 1)
    for bad in ("", None, "2027-6-1", "2027-02-30", "1 June 2027", 20270601):
        assert setting_date(bad) is None
