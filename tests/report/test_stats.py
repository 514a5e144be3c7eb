from __future__ import annotations

import json

from petition.cli import main


def run(repo, *argv: str) -> int:
    return main(["--root", str(repo.root), *argv])


def test_stats_count_by_type_country_version_and_month(repo, capsys):
    repo.add_founding()
    repo.sign("ola", "Ola Nordmann", country="NO", signed="2026-02-03")
    repo.sign("kari", "Kari Nordmann", country="NO", signed="2026-02-20")
    repo.sign("acme", "Acme Rights", type="organization", signed="2026-03-01")
    (repo.root / "docs" / "withdrawals.yaml").write_text(
        'count: 2\nby_month:\n  "2026-02": 2\nby_reason:\n  request: 2\n', encoding="utf-8"
    )
    assert run(repo, "stats", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 19 and data["withdrawn"] == 2
    assert data["by_type"] == {"organization": 13, "individual": 6}
    assert data["by_version"] == {"1": 19}  # founding signatories endorsed the original text
    assert data["by_month"] == {"2026-02": 2, "2026-03": 1, "undated": 16}
    founding = [
        p.read_text(encoding="utf-8")
        for p in repo.signatures.glob("*.yaml")
        if "source: founding" in p.read_text(encoding="utf-8")
    ]
    assert len(founding) == 16
    assert data["by_country"]["NO"] == 2 + sum("country: NO" in t for t in founding)
    assert data["by_country"]["none"] == 1 + sum("country:" not in t for t in founding)
    assert sum(data["by_country"].values()) == 19

    assert run(repo, "stats") == 0
    out = capsys.readouterr().out
    assert out.startswith("19 valid signatures (2 withdrawn so far).")
    assert "By country" in out and "NO Norway" in out and "version 1" in out and "2026-02" in out
