"""The benchmark script still runs and prints its figures (timings are for people, not asserted)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "bench.py"


def test_quick_benchmark_prints_every_figure():
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "N = 200" in out
    assert re.search(
        r"workload: real \(\d+ % sign page / petition sign writer, \d+ % petition import \(CSV\), \d+ % "
        r"by hand in plain style; \d+ % non-Latin names\)",
        out,
    )
    number = r"\d+\.\d+ s"
    cpu = r"(?:cpu\s+\d+\.\d+ s\s+)?"
    assert re.search(rf"plain read \(floor\)\s+{number}\s+cpu\s+\d+\.\d+ s", out)
    assert re.search(rf"petition check \(empty folder\)\s+{number}\s+\d+ MB\s+{cpu}\s*fixed start-up cost", out)
    for label in (
        r"petition check --no-cache",
        r"petition check \(writes cache\)",
        r"petition check \(cache kept\)",
        r"  --format json",
        r"  one file \(as pre-commit\)",
        r"  the same, cache kept",
    ):
        assert re.search(rf"{label}\s+{number}\s+\d+ MB\s+{cpu}[\d.]+× floor", out), label
    assert re.search(rf"petition check --base \(1 file\)\s+({number}\s+\d+ MB.*× whole check|n/a)", out)
    assert re.search(rf"petition import \(1,000 rows\)\s+{number}\s+\d+ MB", out)
    assert re.search(rf"mkdocs build --strict\s+{number}\s+\d+ MB", out)
    assert re.search(rf"mkdocs build \(nothing changed\)\s+{number}\s+\d+ MB", out)
    # Each target beside its figure (stated only: N = 200 is not the size the targets are for).
    for label, wanted in (
        ("petition check --no-cache", "≤ 4× floor"),
        (r"petition check \(cache kept\)", "≤ 1.5× floor"),
        ("mkdocs build --strict", "< 15 s"),
        (r"mkdocs build \(nothing changed\)", "< 6 s"),
    ):
        assert re.search(
            rf"{label}\s+{number}.*\(target at 100,000 on 2 cores: {wanted}, peak < 512 MB\)$", out, re.M
        ), label
    assert re.search(r"DOMContentLoaded\s+\d+ ms", out) and re.search(r"first contentful paint\s+\d+ ms", out)
    assert re.search(r"search, 15 keystrokes 200 ms apart once every block has loaded:", out)
    assert re.search(r"keystroke -> next frame\s+\d+ ms median\s+\d+ ms worst\s+\(target at 100,000: < 50 ms\)", out)
    assert re.search(r"keystroke -> results shown\s+\d+ ms median\s+\d+ ms worst$", out, re.M)  # every query shown
    assert re.search(r"worst event duration \(INP\)\s+\d+ ms", out)
    assert "exit" not in out  # every measured command succeeded


def test_reuse_refreshes_the_site_sources_and_keeps_the_keys(tmp_path):
    sys.path.insert(0, str(SCRIPT.parent))
    import bench

    root = tmp_path / "n10"
    (root / "docs" / "keys").mkdir(parents=True)
    (root / "docs" / "keys" / "0123456789abcdef.pem").write_text("the collection's key")
    (root / "docs" / "dropped.md").write_text("# A page the repository no longer has")
    (root / "docs" / "index.md").write_text("# An old letter")
    (root / "mkdocs.yml").write_text("site_name: old")
    bench.refresh_site_files(root)
    repo = SCRIPT.parents[1]
    assert (root / "docs" / "keys" / "0123456789abcdef.pem").read_text() == "the collection's key"
    assert not (root / "docs" / "dropped.md").exists()
    assert (root / "docs" / "index.md").read_bytes() == (repo / "docs" / "index.md").read_bytes()
    assert (root / "mkdocs.yml").read_bytes() == (repo / "mkdocs.yml").read_bytes()
    assert (root / "pyproject.toml").read_bytes() == (repo / "pyproject.toml").read_bytes()
    shipped = sorted(p.relative_to(repo / "docs") for p in (repo / "docs").rglob("*") if "keys" not in p.parts)
    assert sorted(p.relative_to(root / "docs") for p in (root / "docs").rglob("*") if "keys" not in p.parts) == shipped


def test_real_workload_is_written_by_the_products_writers(tmp_path):
    sys.path.insert(0, str(SCRIPT.parent))
    import yaml

    import bench
    from petition.model.writer import file_text

    made: dict[str, int] = {}
    root = tmp_path / "real"
    bench.make_repo(root, 300, workload="real", made=made)
    assert made["sign"] + made["import"] + made["hand"] == 300
    assert 0.1 * 300 < made["hand"] < 0.3 * 300 and 0.05 * 300 < made["import"] < 0.25 * 300
    assert 0.15 * 300 < made["non-Latin"] < 0.25 * 300
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "signatures").glob("*.yaml"))]
    assert len(texts) == 300 and not (root / ".cache").exists()
    fields = [yaml.load(t.lstrip("\ufeff"), Loader=yaml.BaseLoader) for t in texts]
    # The sign page's and the import's files are exactly what the product's writer writes for their fields.
    assert sum(file_text(f) == t for f, t in zip(fields, texts)) >= made["sign"] + made["import"]
    assert sum(f.get("source") == "imported" for f in fields) == made["import"]
    hand = [t for f, t in zip(fields, texts) if file_text(f) != t]
    assert any(t.startswith("#") for t in hand)  # a comment line
    assert any(": '" in t for t in hand)  # a single-quoted value
    assert any(not t.startswith("type: ") and not t.startswith("#") for t in hand)  # fields in another order
    assert any(bench.README_COMMENTS["name"] + "\nname: " in t for t in hand)  # the README's example, with its notes
    proc = subprocess.run(
        [sys.executable, "-m", "petition.cli", "check", "--no-cache"], cwd=root, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
