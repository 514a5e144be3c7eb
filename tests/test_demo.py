"""make demo: a throwaway copy with its own key and generated signatures, never the real tree."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from petition.cli import main
from petition.model.crypto import decrypt_contact
from petition.model.keys import key_id

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
REPO = SCRIPTS.parent
sys.path.insert(0, str(SCRIPTS))
import demo  # noqa: E402


def _tree(folder: Path) -> dict[str, str]:
    """Every file under folder (names and bytes), to see that nothing changed."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


def test_the_demo_is_built_in_its_folder_and_the_real_tree_is_untouched(tmp_path, capsys):
    real = {name: _tree(REPO / name) for name in ("signatures", "docs/keys")}
    folder = tmp_path / "demo"
    root = demo.build(folder, n=120)
    assert {name: _tree(REPO / name) for name in real} == real
    assert root == folder / "repository" and not root.is_relative_to(REPO)

    # Its own key: the private half beside the copy, the public half in the copy's docs/keys/.
    private = serialization.load_pem_private_key((folder / demo.PRIVATE_KEY).read_bytes(), password=None)
    keys = sorted((root / "docs" / "keys").glob("*.pem"))
    assert [k.name for k in keys] == [f"{key_id(private.public_key())}.pem"]
    assert keys[0].name not in _tree(REPO / "docs" / "keys")
    files = sorted((root / "signatures").glob("*.yaml"))
    assert len(files) == 120
    contact = next(line for line in files[0].read_text().splitlines() if line.startswith("contact:"))
    assert "@example.org" in decrypt_contact(contact.split(":", 1)[1].strip().strip('"'), private)
    capsys.readouterr()
    assert main(["--root", str(root), "check"]) == 0, capsys.readouterr().out
    assert subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout == ""

    # It builds; every page says it is a demo; signing is open; proposing never opens the real repository.
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert built.returncode == 0, built.stderr
    for page in ("index.html", "signatories/index.html", "sign/index.html", "privacy/index.html"):
        assert 'class="petition-demo">A demo: 120 generated signatures' in (root / "site" / page).read_text()
    sign = (root / "site" / "sign" / "index.html").read_text()
    assert 'id="ps-form"' in sign and "petition-sign-closed" not in sign
    assert demo.DEMO_REPO_URL.removeprefix("https://github.com") in sign
    assert "justnetcoalition/wto-letter/new" not in sign
