"""The loader's shortcuts give what the code they replaced gives: the read without an lstat, the
empty-file test without a copy, the file-name test without a second basename."""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from petition.load import files
from petition.load.document import decode
from petition.load.files import check_file_name, read_bytes, read_bytes_lstat, slug_of

CAP = 100


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "plain.yaml").write_bytes(b"type: individual\nname: A\n")
    (tmp_path / "empty.yaml").write_bytes(b"")
    (tmp_path / "at-cap.yaml").write_bytes(b"x" * CAP)
    (tmp_path / "over-cap.yaml").write_bytes(b"x" * (CAP + 1))
    (tmp_path / "far-over-cap.yaml").write_bytes(b"x" * (CAP * 50))
    (tmp_path / "dir.yaml").mkdir()
    (tmp_path / "link.yaml").symlink_to(tmp_path / "plain.yaml")
    (tmp_path / "dir-link.yaml").symlink_to(tmp_path / "dir.yaml")
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    os.mkfifo(tmp_path / "fifo.yaml")
    locked = tmp_path / "locked.yaml"
    locked.write_bytes(b"type: individual\n")
    locked.chmod(0)
    yield tmp_path
    locked.chmod(0o644)


CASES = [
    "plain",
    "empty",
    "at-cap",
    "over-cap",
    "far-over-cap",
    "dir",
    "link",
    "dir-link",
    "dangling",
    "loop",
    "fifo",
    "locked",
    "missing",
]


@pytest.mark.parametrize("case", CASES)
def test_read_gives_what_the_lstat_read_gives(folder, case):
    path = folder / f"{case}.yaml"
    shown = f"signatures/{case}.yaml"
    fast = read_bytes(str(path), shown, CAP)
    assert fast == read_bytes_lstat(str(path), shown, CAP)
    assert read_bytes(path, shown, CAP) == fast  # a Path too


def test_read_refusals_keep_their_kinds(folder):
    codes = {case: [p.code for p in read_bytes(str(folder / f"{case}.yaml"), case, CAP)[1]] for case in CASES}
    assert codes["plain"] == codes["empty"] == codes["at-cap"] == []
    assert codes["over-cap"] == codes["far-over-cap"] == ["file-too-large"]
    assert codes["dir"] == ["file-directory"]
    assert codes["link"] == codes["dir-link"] == codes["dangling"] == codes["loop"] == ["file-symlink"]
    assert codes["fifo"] == ["file-special"]
    assert codes["missing"] == ["file-unreadable"]
    assert read_bytes(str(folder / "plain.yaml"), "x", CAP)[0] == b"type: individual\nname: A\n"


def test_read_on_a_file_that_grows_past_the_cap_after_the_size_check(folder, monkeypatch):
    """The size from fstat is not trusted for the read: the read itself stops at the cap."""
    path = folder / "plain.yaml"
    real_fstat = os.fstat

    class Small:
        def __init__(self, info):
            self.st_mode, self.st_size = info.st_mode, 1

    monkeypatch.setattr(files.os, "fstat", lambda fd: Small(real_fstat(fd)))
    path.write_bytes(b"x" * (CAP + 5))
    data, problems = read_bytes(str(path), "x", CAP)
    assert data is None and [p.code for p in problems] == ["file-too-large"]


def test_empty_test_is_strip_on_every_code_point():
    """``not text or text.isspace()`` is ``not text.strip()``: the same characters count as space."""
    wrong = [hex(c) for c in range(sys.maxunicode + 1) if (not chr(c).strip()) != chr(c).isspace()]
    assert wrong == []


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000\ufeffab")), max_size=8))
def test_decode_refuses_the_same_empty_files(text):
    data = text.encode("utf-8")
    text_out, problems = decode(data, "x")
    stripped = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    assert (text_out is None and [p.code for p in problems] == ["empty"]) == (not stripped.decode("utf-8").strip())


@pytest.mark.parametrize(
    "name",
    [
        "anna.yaml",
        "a-b-c.yaml",
        "A.yaml",
        "anna.yml",
        "anna.YAML",
        "a--b.yaml",
        "-a.yaml",
        ".yaml",
        "anna",
        "anna.yaml.bak",
        "ann a.yaml",
        "annä.yaml",
        "sig-000001.yaml",
    ],
)
def test_file_name_check_accepts_what_it_accepted(name):
    path = "/repo/signatures/" + name
    accepted = (
        os.path.basename(path).endswith(".yaml") and files.SLUG_RE.match(slug_of(path)) is not None
    )  # the check as it was written
    problems = check_file_name(path, "signatures/" + name)
    assert (problems == []) == accepted
    assert all(p.code == "file-name" and p.line == 1 for p in problems)
