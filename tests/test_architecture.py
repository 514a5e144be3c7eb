"""The core must outlive MkDocs 1.x: nothing but the plugin imports it."""

import subprocess
import sys

from conftest import REPO


def test_core_imports_no_mkdocs():
    code = (
        "import sys, pkgutil, importlib, petition\n"
        "for m in pkgutil.walk_packages(petition.__path__, 'petition.'):\n"
        "    if m.name != 'petition.mkdocs_plugin':\n"
        "        importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n == 'mkdocs' or n.startswith('mkdocs.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO).stdout
    assert out.strip() == "[]"


def test_no_private_key_is_tracked():
    tracked = subprocess.run(["git", "ls-files", "-z"], capture_output=True, cwd=REPO, check=True).stdout.split(b"\0")
    for name in filter(None, tracked):
        path = REPO / name.decode()
        if path.is_file() and not path.is_symlink():
            assert b"PRIVATE KEY-----" not in path.read_bytes() or path.suffix == ".py", name
