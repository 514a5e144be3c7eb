"""petition import: one signature file per row of a CSV of endorsements, end to end on temp repositories."""

from __future__ import annotations

import pytest

from clirun import fields_of, run
from petition.model.crypto import decrypt_contact

CSV = """name,type,email,signed,country,affiliation,slug
Jane Roe,individual,jane@example.org,2025-01-02,KE,University of Nairobi,
"Roe, Bad",individual,not-an-address,2025-01-02,,,
,,,,,,
Li Wei,organisation,li@example.org,2025-01-02,CN,,
Zoë Future,individual,zoe@example.org,2999-01-01,,,
Twice Over,individual,twice1@example.org,2025-01-02,NL,,
Twice Over,individual,twice2@example.org,2025-01-02,NL,,
Ola Nordmann,individual,ola@example.org,2025-01-02,NO,,ola
Too Many,individual,many@example.org,2025-01-02,,,,extra
No Mail,individual,,2025-01-02,,,
Mail In Name me@example.org,individual,m@example.org,2025-01-02,,,
Kwame Nkrumah,individual,kwame@example.org,2025-01-02,GH,,existing
Someone Else,individual,else@example.org,2025-01-02,,,
"""


def test_import_writes_valid_rows_and_reports_every_refused_row(repo, private_key, tmp_path, capsys):
    repo.sign("existing", "Someone Else")
    source = tmp_path / "endorsements.csv"
    source.write_text(CSV, encoding="utf-8")
    code, out = run(repo, capsys, "import", str(source))
    assert code == 1
    written = {p.name for p in repo.signatures.iterdir()} - {"existing.yaml"}
    assert written == {"jane-roe.yaml", "twice-over.yaml", "ola.yaml", "someone-else.yaml"}
    refused = {line.split(":")[0].strip(): line for line in out.splitlines() if line.startswith("  row ")}
    assert sorted(refused) == ["row 10", "row 11", "row 12", "row 13", "row 3", "row 5", "row 6", "row 8"]
    assert "email" in refused["row 3"] and "type" in refused["row 5"] and "future" in refused["row 6"]
    assert "possible duplicate of signatures/twice-over.yaml (row 7): the same name and country" in refused["row 8"]
    assert "8 values" in refused["row 10"]
    assert (
        "email is empty" in refused["row 11"]
        and "email address" in refused["row 12"]
        and "already exists" in refused["row 13"]
    )
    # Only the name in common, and no country on either side: imported, for a maintainer to look at.
    lines = out.splitlines()
    at = lines.index("row 14: wrote signatures/someone-else.yaml")
    assert lines[at + 1].startswith(
        "  needs a maintainer: possible duplicate of signatures/existing.yaml: the same name"
    )
    assert "no country on either file" in lines[at + 1]
    assert "Imported 4 of 12 rows (1 blank rows ignored)." in out
    for address in (
        "jane@",
        "not-an-address",
        "li@",
        "zoe@",
        "twice1@",
        "twice2@",
        "ola@",
        "many@",
        "m@example",
        "kwame@",
        "me@example.org",
        "else@",
    ):
        assert address not in out
    jane = fields_of(repo, "jane-roe.yaml")
    assert (jane["source"], jane["signed"], jane["version"], jane["affiliation"]) == (
        "imported",
        "2025-01-02",
        "1",
        "University of Nairobi",
    )
    assert decrypt_contact(jane["contact"], private_key) == "jane@example.org"
    assert fields_of(repo, "ola.yaml")["country"] == "NO"
    assert run(repo, capsys, "check")[0] == 0


@pytest.mark.parametrize(
    "data, message",
    [
        (b"name,type,mail,signed\nA,individual,a@example.org,2025-01-01\n", "unknown columns: mail"),
        (b"name,type,signed\nA,individual,2025-01-01\n", "missing columns: email"),
        ("name,type,email,signed\nZoë,individual,z@example.org,2025-01-01\n".encode("latin-1"), "not UTF-8"),
        (b"", "empty"),
    ],
)
def test_import_refuses_an_unreadable_csv_and_writes_nothing(repo, tmp_path, capsys, data, message):
    source = tmp_path / "in.csv"
    source.write_bytes(data)
    code, out = run(repo, capsys, "import", str(source))
    assert code == 2 and message in out and list(repo.signatures.iterdir()) == []


def test_repeats_within_the_csv_follow_the_namesakes_and_say_what_matched(repo, tmp_path, capsys):
    (repo.root / "namesakes.yaml").write_text("- [maria-garcia, maria-garcia-2]\n", encoding="utf-8")
    source = tmp_path / "endorsements.csv"
    source.write_text(
        "name,type,email,signed,country,website\n"
        "María García,individual,m1@example.org,2025-01-02,ES,\n"
        "Maria Garcia,individual,m2@example.org,2025-01-02,ES,\n"  # confirmed namesakes: both imported
        "MARIA GARCIA,individual,m3@example.org,2025-01-02,ES,\n"  # a third is not
        "Alexander,individual,a1@example.org,2025-01-02,,https://a.example.org/\n"
        "Alexander,individual,a2@example.org,2025-01-02,,https://b.example.org/\n"  # a name only: imported
        "Alexander,individual,a3@example.org,2025-01-02,,https://a.example.org\n",  # the same name and website
        encoding="utf-8",
    )
    code, out = run(repo, capsys, "import", str(source))
    assert code == 1
    assert {p.name for p in repo.signatures.iterdir()} == {
        "maria-garcia.yaml",
        "maria-garcia-2.yaml",
        "alexander.yaml",
        "alexander-2.yaml",
    }
    refused = {line.split(":")[0].strip(): line for line in out.splitlines() if line.startswith("  row ")}
    assert sorted(refused) == ["row 4", "row 7"]
    assert "possible duplicate of signatures/maria-garcia.yaml (row 2): the same name and country" in refused["row 4"]
    assert "the same name and the same website" in refused["row 7"] and "(row 5)" in refused["row 7"]
    assert "country" not in refused["row 7"]
    assert "needs a maintainer: possible duplicate of signatures/alexander.yaml (row 5)" in out
    assert run(repo, capsys, "check")[0] == 0  # the warning stays a warning
