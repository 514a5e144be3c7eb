"""The plaintext guard: which addresses count as personal, and how a file's lines are scanned."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from petition.check import guard
from petition.settings import load_settings

AT = "@"


@pytest.mark.parametrize(
    "address, public",
    [
        ("jane.doe" + AT + "mailprovider.net", False),
        ("Jane" + AT + "University.EDU", False),
        ("12345678+octocat" + AT + "users.noreply.github.com", True),
        ("octocat" + AT + "users.noreply.github.com", True),  # GitHub's older no-reply form
        ("noreply" + AT + "github.com", True),  # the committer of web-editor commits
        ("someone" + AT + "github.com", False),
        ("someone" + AT + "example.org", True),
        ("someone" + AT + "mail.example.com", True),
        ("someone" + AT + "example.org.evil.net", False),
        ("someone" + AT + "notexample.org", False),  # a real domain that merely ends like a reserved one
        ("someone" + AT + "myhost.test", True),
        ("someone" + AT + "host.test", True),
        ("wto-ic" + AT + "justnetcoalition.org", True),  # public_addresses in pyproject.toml
        ("WTO-IC" + AT + "JustNetCoalition.org", True),
        ("other" + AT + "justnetcoalition.org", False),
    ],
)
def test_personal_or_not(repo, address, public):
    assert guard.is_public_address(address, repo.settings()) is public


def test_in_signatures_every_address_counts(repo):
    settings = repo.settings()
    line = [(1, "# someone" + AT + "example.org")]
    assert list(guard.scan_lines("docs/x.md", line, settings)) == []
    assert [p.code for p in guard.scan_lines("signatures/x.yaml", line, settings)] == ["plaintext-email"]


def test_lines_are_numbered_as_editors_number_them():
    assert guard.split_lines("a\r\nb\u2028c\n\nd") == ["a", "b\u2028c", "", "d"]


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=200)
    | st.text(st.sampled_from(list("ab.@-\n\r\xe9x")), max_size=80).map(lambda t: t.encode("utf-8"))
)
def test_a_file_is_scanned_as_its_lines_are_even_with_the_shortcut(tmp_path_factory, data):
    # scan_file skips the lines of a file without an "@" byte: it must find exactly what scanning every line finds.
    settings = load_settings(tmp_path_factory.getbasetemp())
    path = tmp_path_factory.mktemp("guard") / "file.txt"
    path.write_bytes(data + b" jane" + AT.encode() + b"mail.net\n" if data.endswith(b"x") else data)
    text = path.read_bytes().decode("utf-8", errors="replace")
    every_line = list(
        guard.scan_lines(
            settings.display(path), enumerate(guard.split_lines(text), start=1), settings, guard.FILE_LINE_MESSAGE
        )
    )
    assert guard.scan_file(path, settings) == every_line


# --- international addresses, in every encoding and place the guard looks -------------------------

INTERNATIONAL = ["kontakt" + AT + "bücher.de", "用户" + AT + "例子.广告", "δοκιμή" + AT + "παράδειγμα.δοκιμή"]


@pytest.mark.parametrize("address", INTERNATIONAL)
def test_an_international_address_is_personal_like_any_other(repo, address):
    settings = repo.settings()
    assert guard.personal_addresses(f"write to {address} please", settings) == [address]
    assert guard.personal_addresses("Köln " + AT + " Bonn.de, Müller", settings) == []  # an "@" between words


@pytest.mark.parametrize(
    "codec, bom", [("utf-8", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b"")]
)
@pytest.mark.parametrize("address", INTERNATIONAL[:2] + ["jane" + AT + "mail.net"])
def test_a_text_file_in_utf_16_is_read_as_such(repo, codec, bom, address):
    settings = repo.settings()
    path = repo.root / "docs" / "notes.txt"
    path.write_bytes(bom + f"first line\nsecond, {address}\n".encode(codec))
    problems = guard.scan_file(path, settings)
    assert [(p.path, p.line, p.code) for p in problems] == [("docs/notes.txt", 2, "plaintext-email")]
    assert address not in problems[0].message


@pytest.mark.parametrize("address", INTERNATIONAL[:2] + ["jane" + AT + "mail.net"])
def test_a_file_name_holding_an_address_is_reported_without_it(repo, address):
    settings = repo.settings()
    path = repo.root / "docs" / f"from {address} notes.txt"
    path.write_text("nothing here\n", encoding="utf-8")
    problems = guard.scan_file(path, settings)
    assert [(p.path, p.line, p.code) for p in problems] == [("docs/from … notes.txt", 1, "plaintext-email")]
    assert "rename the file" in problems[0].message
    # The same for a file a pull request adds (its lines scanned by scan_lines).
    added = list(guard.scan_lines(f"docs/{address}/a.md", [(1, "fine")], settings))
    assert [(p.path, p.line) for p in added] == [("docs/…/a.md", 1)]
    assert not any(address in p.path + p.message for p in problems + added)


def test_the_signatures_address_is_public_too(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.petition]\nsignatures_address = "sign' + AT + 'coalition.net"\n', encoding="utf-8"
    )
    settings = load_settings(tmp_path)
    assert guard.is_public_address("Sign" + AT + "Coalition.net", settings)
    assert not guard.is_public_address("other" + AT + "coalition.net", settings)
