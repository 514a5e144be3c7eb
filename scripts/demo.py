#!/usr/bin/env python3
"""make demo: the whole petition, to try, in a throwaway copy.

    python scripts/demo.py [--signatures 3000] [--dir DIR] [--no-serve] [--port 8000]

Makes, in a new temporary folder (or DIR, which must not exist yet):

* ``repository/``: a copy of this repository's site (its docs, mkdocs.yml, pyproject.toml and
  namesakes) with its own maintainer key in ``docs/keys/`` and a few thousand signatures in the
  shapes real signers write (the benchmark's real workload: the sign page's writer, ``petition
  import`` and files written by hand), committed in a git repository of its own; every page says
  it is a demo, and "Propose on GitHub" opens a repository that does not exist;
* ``demo-private-key.pem``: the demo key's private half, beside the repository, unencrypted (it
  protects nothing but generated addresses), for ``petition contact`` on what you sign there;

then serves the demo at http://127.0.0.1:8000/ (``mkdocs serve``). It never reads or writes this
repository's own ``signatures/`` or ``docs/keys/``.
"""

from __future__ import annotations

import argparse
import html
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (the real workload's generator)

REPO = Path(__file__).resolve().parents[1]
SIGNATURES = 3000
PRIVATE_KEY = "demo-private-key.pem"
DEMO_REPO_URL = "https://github.com/example/petition-demo"
BANNER = (
    "A demo: {n:,} generated signatures and a demo key, in {folder}. Sign, search the list, then try "
    "<code>petition contact --key ../{key}</code> on the file you made there."
)


def _mark_as_demo(root: Path, n: int, folder: Path) -> None:
    """Every page says it is a demo (Material's announcement bar, from a template of the copy's own)."""
    overrides = root / "overrides"
    overrides.mkdir()
    banner = BANNER.format(n=n, folder=html.escape(str(folder)), key=PRIVATE_KEY)
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}{% raw %}<p class="petition-demo">'
        + banner
        + "</p>{% endraw %}{% endblock %}\n",
        encoding="utf-8",
    )
    config_path = root / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["site_name"] = f"{config['site_name']} (demo)"
    config["repo_url"] = DEMO_REPO_URL
    config.setdefault("theme", {})["custom_dir"] = "overrides"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def build(folder: Path, n: int = SIGNATURES, repo: Path = REPO) -> Path:
    """The demo in ``folder`` (new): returns its repository. Nothing outside ``folder`` is written."""
    from cryptography.hazmat.primitives import serialization

    folder.mkdir(parents=True)
    root = folder / "repository"
    # A fresh key: its public half in the copy's docs/keys/, the private one beside the copy.
    key = bench.make_repo(root, n, workload="real", repo=repo)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    (folder / PRIVATE_KEY).write_bytes(pem)
    os.chmod(folder / PRIVATE_KEY, 0o600)
    if (repo / "namesakes.yaml").is_file():
        (root / "namesakes.yaml").write_bytes((repo / "namesakes.yaml").read_bytes())
    _mark_as_demo(root, n, folder)
    (root / ".gitignore").write_text(".cache/\nsite/\n", encoding="utf-8")
    bench.git(root, "init", "-q", "-b", "main")
    bench.git(root, "add", "--all")
    bench.git(root, "commit", "-q", "-m", f"Demo: {n:,} generated signatures")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--signatures", type=int, default=SIGNATURES, help=f"how many (default {SIGNATURES:,})")
    parser.add_argument("--dir", type=Path, help="make the demo in this new folder (default: a temporary one)")
    parser.add_argument("--no-serve", action="store_true", help="make the demo, print where, and stop")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    folder = args.dir or Path(tempfile.mkdtemp(prefix="petition-demo-")) / "demo"
    if folder.exists():
        parser.error(f"{folder} exists: give a new folder")
    print(f"Making the demo in {folder} ({args.signatures:,} signatures) …", flush=True)
    root = build(folder, args.signatures)
    petition = Path(sys.executable).with_name("petition")
    print(
        f"\nThe demo repository: {root}\nIts private key:     {folder / PRIVATE_KEY}\n\n"
        f"After signing on the demo's sign page, put the file in {root / 'signatures'} and try:\n"
        f"  cd {root}\n  {petition} check\n  {petition} contact --key ../{PRIVATE_KEY} signatures/<your file>.yaml\n"
        f"Delete {folder.parent if args.dir is None else folder} when you are done.\n",
        flush=True,
    )
    if args.no_serve:
        return 0
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{args.port}"]
    return subprocess.call(cmd, cwd=root, env=env)


if __name__ == "__main__":
    sys.exit(main())
