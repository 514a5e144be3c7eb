"""The package's shape: the pipeline's layers in order, no import cycles, the core free of MkDocs."""

import ast
import subprocess
import sys
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "scripts" / "petition"
# The pipeline, lowest first: a module imports only from its own layer or a lower one.
LAYERS = ("base", "load", "model", "check", "review", "report", "site", "cli")
MAX_LINES = 420


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else "base"


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported petition module, line, whether the import is inside a function or class)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nested = {
        id(n)
        for top in tree.body
        if not isinstance(top, (ast.Import, ast.ImportFrom))
        for n in ast.walk(top)
        if isinstance(n, (ast.Import, ast.ImportFrom))
    }
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("petition"):
            assert node.level == 0, (
                f"{path}:{node.lineno}: relative import; the package imports itself by absolute names"
            )
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                out.append((full if full in MODULES else node.module, node.lineno, id(node) in nested))
        elif isinstance(node, ast.Import):
            out += [(a.name, node.lineno, id(node) in nested) for a in node.names if a.name.startswith("petition")]
    return out


def test_every_import_goes_down_the_pipeline():
    wrong = []
    for module, path in MODULES.items():
        for target, line, _ in _imports(path):
            if LAYERS.index(_layer(target)) > LAYERS.index(_layer(module)):
                wrong.append(
                    f"{path.relative_to(REPO)}:{line}: {module} ({_layer(module)}) imports {target} ({_layer(target)})"
                )
    assert not wrong, "\n".join(wrong)


def test_no_import_hides_in_a_function():
    hidden = [
        f"{path.relative_to(REPO)}:{line}: imports {target} inside a function"
        for module, path in MODULES.items()
        for target, line, nested in _imports(path)
        if nested
    ]
    assert not hidden, "\n".join(hidden)


def test_no_import_cycle():
    graph = {m: {t for t, _, _ in _imports(p) if t in MODULES and t != m} for m, p in MODULES.items()}
    # A package's __init__ importing its own modules is not a cycle of theirs.
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*stack[stack.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(cycles)


def _test_file(module: str) -> Path:
    """Where a module's tests live: the tests mirror the packages."""
    parts = module.split(".")[1:]
    if not parts:
        return REPO / "tests" / "test_petition.py"
    if len(parts) == 1:  # the base layer, or a package's own __init__ (the command line's)
        return REPO / "tests" / (f"{parts[0]}/test_{parts[0]}.py" if parts[0] in LAYERS else f"test_{parts[0]}.py")
    layer, name = parts
    # A subcommand has the name of the core module it adapts: its tests are test_command_<name>.py.
    return REPO / "tests" / layer / (f"test_command_{name}.py" if layer == "cli" else f"test_{name}.py")


def _has_code(module: str) -> bool:
    """A module of its own: not a package's empty __init__ (the command line's holds the command), not __main__."""
    return module == "petition.cli" or MODULES[module].name not in ("__init__.py", "__main__.py")


def test_every_module_has_its_test_file():
    tested = [m for m in MODULES if _has_code(m)]
    missing = [f"{m}: {_test_file(m).relative_to(REPO)}" for m in tested if not _test_file(m).is_file()]
    assert not missing, "\n".join(missing)


def test_modules_stay_small():
    long = [
        f"{p.relative_to(REPO)}: {n} lines"
        for p in MODULES.values()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert not long, "\n".join(long)


def test_core_imports_no_mkdocs():
    code = (
        "import sys, pkgutil, importlib, petition\n"
        "for m in pkgutil.walk_packages(petition.__path__, 'petition.'):\n"
        "    if m.name != 'petition.site.plugin' and not m.name.endswith('.__main__'):\n"
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
