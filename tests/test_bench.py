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
    assert re.search(rf"plain read \(floor\)\s+{number}", out)
    assert re.search(rf"petition check\s+{number}\s+\d+ MB\s+{cpu}[\d.]+× floor", out)
    assert re.search(rf"petition check --base \(1 file\)\s+({number}\s+\d+ MB.*× whole check|n/a)", out)
    assert re.search(rf"mkdocs build --strict\s+{number}\s+\d+ MB", out)
    assert re.search(rf"mkdocs build \(nothing changed\)\s+{number}\s+\d+ MB", out)
    assert re.search(r"DOMContentLoaded\s+\d+ ms", out) and re.search(r"first contentful paint\s+\d+ ms", out)
    assert "exit" not in out  # every measured command succeeded
