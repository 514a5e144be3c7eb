"""The delivery records: checked as records of their kind, each bad value refused on its line."""

from __future__ import annotations

import pytest

from petition.check.collection import check
from petition.check.deliveries import check_deliveries
from petition.model.delivery import record_text

VALUES = {
    "delivered": "KE",
    "date": "2026-12-01",
    "commit": "0123456789abcdef0123456789abcdef01234567",
    "signatures": "12",
    "csv_sha256": "0f" * 32,
}


def write(repo, slug: str, text: str) -> None:
    folder = repo.root / "delivered"
    folder.mkdir(exist_ok=True)
    (folder / f"{slug}.yaml").write_text(text, encoding="utf-8")


def test_valid_records_come_newest_first(repo):
    write(repo, "2026-12-01-ke", record_text(VALUES))
    write(repo, "2026-12-03-all", record_text({**VALUES, "delivered": "all", "date": "2026-12-03"}))
    entries, problems = check_deliveries(repo.settings())
    assert problems == [] and [e.slug for e in entries] == ["2026-12-03-all", "2026-12-01-ke"]
    assert check(repo.settings()).deliveries == entries


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("delivered", "XX", "country-unknown"),
        ("date", "2026-13-01", "date-invalid"),
        ("commit", "HEAD", "commit-invalid"),
        ("signatures", "twelve", "count-invalid"),
        ("csv_sha256", "0f" * 31, "sha256-invalid"),
    ],
)
def test_each_bad_value_is_refused_on_its_line(repo, field, value, code):
    write(repo, "bad", record_text({**VALUES, field: value}))
    entries, problems = check_deliveries(repo.settings())
    line = list(VALUES).index(field) + 1
    assert entries == [] and [(p.path, p.line, p.code) for p in problems] == [("delivered/bad.yaml", line, code)]
    assert not check(repo.settings()).ok
