"""The README is the document for signers, reviewers and maintainers: short, complete, with working links.

Markdown is read as GitHub reads it (CommonMark, with tables), so a command inside a code span
or block and a link in a table cell count exactly as a reader sees them.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from markdown_it import MarkdownIt

from petition.cli import COMMANDS


def _root() -> Path:
    here = Path(__file__).resolve().parent
    return next(folder for folder in (here, *here.parents) if (folder / "pyproject.toml").is_file())


ROOT = _root()
README = ROOT / "README.md"
DOCUMENTS = ("README.md", "CONTRIBUTING.md")
# The README once carried the contributors' material too (38 KB); that lives in CONTRIBUTING.md now.
README_MAX_BYTES = 16_000


def _tokens(path: Path) -> list:
    """Block tokens, with each inline token's children flattened in after it."""
    flat = []
    for token in MarkdownIt("commonmark").enable("table").parse(path.read_text(encoding="utf-8")):
        flat.append(token)
        flat.extend(token.children or ())
    return flat


def _code_texts(path: Path) -> list[str]:
    """The text of every code span and code block, in document order."""
    return [t.content for t in _tokens(path) if t.type in ("code_inline", "fence", "code_block")]


def _commands(block: str) -> list[str]:
    """A shell block's command lines: no blank lines, no comments."""
    return [line.strip() for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _makefile_targets(path: Path) -> set[str]:
    """The targets the Makefile has rules for. Not ``make -n``: a name only listed in .PHONY passes that."""
    rule = re.compile(r"^([^\s#.$=:][^#=:]*):(?!=)", re.MULTILINE)  # not .PHONY, $(VAR) or VAR := value
    return {name for match in rule.finditer(path.read_text(encoding="utf-8")) for name in match[1].split()}


def _relative_links(path: Path) -> list[str]:
    """Every link and image target that is not a URL with a scheme, a protocol-relative URL or an in-page anchor."""
    found = []
    for token in _tokens(path):
        target = (
            token.attrs.get("href")
            if token.type == "link_open"
            else token.attrs.get("src")
            if token.type == "image"
            else None
        )
        if target is None:
            continue
        parts = urlsplit(str(target))
        if parts.scheme or parts.netloc or not parts.path:
            continue
        found.append(unquote(parts.path))
    return found


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_petition_subcommand_is_documented_in_a_code_span_or_block(name):
    pattern = re.compile(rf"(?<![\w-])petition {re.escape(name)}(?![\w-])")
    assert any(pattern.search(text) for text in _code_texts(README)), f"README.md never shows `petition {name}` in code"


def test_the_readme_opens_with_the_two_set_up_commands_and_the_makefile_has_them():
    fences = [t.content for t in _tokens(README) if t.type in ("fence", "code_block")]
    first_two = [command for block in fences for command in _commands(block)][:2]
    assert first_two == ["make serve", "make test"]
    targets = _makefile_targets(ROOT / "Makefile")
    for command in first_two:
        assert command.split()[1] in targets, f"the Makefile has no rule for {command!r}"


def test_the_readme_is_under_16_kb():
    size = len(README.read_bytes())
    assert size < README_MAX_BYTES, (
        f"README.md is {size:,} bytes; keep it under {README_MAX_BYTES:,} "
        "(contributors' material goes in CONTRIBUTING.md)"
    )


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_relative_link_points_to_a_file_of_the_repository(document):
    path = ROOT / document
    for link in _relative_links(path):
        target = (path.parent / link).resolve()
        assert target.is_relative_to(ROOT), f"{document}: the link {link!r} leaves the repository"
        assert target.exists(), f"{document}: the link {link!r} points to nothing"
