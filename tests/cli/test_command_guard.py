"""petition guard: files holding a plain email address are named by file and line only."""

from __future__ import annotations

from petition.cli import main

AT = "@"


def test_the_guard_command_names_file_and_line_only(repo, capsys):
    personal = "jane.doe" + AT + "mailprovider.net"
    good = repo.root / "docs" / "good.md"
    good.write_text("nothing here\nsomeone" + AT + "example.org\n")
    bad = repo.root / "docs" / "bad.md"
    bad.write_bytes(b"line one\r\nline two\r\ncontact: " + personal.encode() + b"\r\n")
    binary = repo.root / "docs" / "blob.bin"
    binary.write_bytes(b"\x89PNG\x00\xff\n\x00" + personal.encode())
    code = main(["--root", str(repo.root), "guard", str(good), str(bad), str(binary)])
    out = capsys.readouterr().out
    assert code == 1
    assert "docs/bad.md:3: this line contains a plain email address" in out
    assert "docs/blob.bin:2:" in out
    assert "docs/good.md" not in out and personal not in out


def test_the_guard_command_passes_clean_files(repo, capsys):
    path = repo.root / "docs" / "index.md"
    assert main(["--root", str(repo.root), "guard", str(path)]) == 0
    assert capsys.readouterr().out == ""
