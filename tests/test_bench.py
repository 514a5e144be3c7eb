"""The benchmark script still runs and prints its figures (timings are for people, not asserted)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "bench.py"


def test_quick_benchmark_prints_every_figure():
    proc = subprocess.run([sys.executable, str(SCRIPT), "--quick"], capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "N = 200" in out
    number = r"\d+\.\d+ s"
    cpu = r"(?:cpu\s+\d+\.\d+ s\s+)?"
    assert re.search(rf"plain read \(floor\)\s+{number}\s+cpu\s+\d+\.\d+ s", out)
    assert re.search(rf"petition check \(empty folder\)\s+{number}\s+\d+ MB\s+{cpu}\s*fixed start-up cost", out)
    for label in (r"petition check --no-cache", r"petition check \(writes cache\)", r"petition check \(cache kept\)", r"  --format json", r"  one file \(as pre-commit\)", r"  the same, cache kept"):
        assert re.search(rf"{label}\s+{number}\s+\d+ MB\s+{cpu}[\d.]+× floor", out), label
    assert re.search(rf"petition check --base \(1 file\)\s+({number}\s+\d+ MB.*× whole check|n/a)", out)
    assert re.search(rf"petition import \(1,000 rows\)\s+{number}\s+\d+ MB", out)
    assert re.search(rf"mkdocs build --strict\s+{number}\s+\d+ MB", out)
    assert re.search(rf"mkdocs build \(nothing changed\)\s+{number}\s+\d+ MB", out)
    assert re.search(r"DOMContentLoaded\s+\d+ ms", out) and re.search(r"first contentful paint\s+\d+ ms", out)
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
