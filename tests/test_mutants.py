"""The mutation check's list stays in step with the code: every snippet is in its module exactly
once and every named test file exists (the mutants themselves run on demand: make mutants)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "mutants.py"


def test_every_mutant_is_found_in_its_module():
    proc = subprocess.run([sys.executable, str(SCRIPT), "--list"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    listed = proc.stdout.splitlines()
    assert len(listed) >= 14 and all(line.split()[1].startswith("petition.") for line in listed)


def test_a_stale_snippet_is_reported_and_stops_the_run(monkeypatch, capsys):
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import mutants
    finally:
        sys.path.remove(str(SCRIPT.parent))
    first = mutants.MUTANTS[0]
    gone = mutants.Mutant("gone", first.module, "a snippet no module holds", "", first.tests)
    monkeypatch.setattr(mutants, "MUTANTS", [*mutants.MUTANTS, gone])
    assert mutants.main(["--only", "gone"]) == 2
    assert "stale mutant gone" in capsys.readouterr().err
