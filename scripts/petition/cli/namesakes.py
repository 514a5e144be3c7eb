"""petition namesakes add SLUG SLUG...: list signature files a maintainer confirmed are different signatories.

The group is appended to ``namesakes.yaml`` (``namesakes_file`` in ``[tool.petition]``) as one
``- [a, b]`` line, so the file's comments and order stay as they are; the file is created when
missing. Unknown files are refused, and nothing is written unless the file, read again as the
checker reads it (petition.check.namesakes), holds the new group and no problem.
"""

from __future__ import annotations

import argparse
import itertools

from petition.check import namesakes
from petition.load.files import SLUG_RE
from petition.problems import show
from petition.settings import SIGNATURE_SUFFIX, Settings

HEADER = (
    "# Namesakes: different signatories who share a name, as a maintainer confirmed them.\n"
    "# One group per line; “petition namesakes add SLUG SLUG...” adds one. See “Namesakes” in the README.\n"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("add",), help="add: list the files as one group of namesakes")
    parser.add_argument(
        "slugs",
        nargs="+",
        metavar="SLUG",
        help="two or more signature files, by slug (maria-garcia) or path (signatures/maria-garcia.yaml)",
    )


def _slug(value: str, signatures_dir: str) -> str:
    prefix = signatures_dir.rstrip("/") + "/"
    slug = value.removeprefix(prefix)
    return slug.removesuffix(SIGNATURE_SUFFIX)


def run(args: argparse.Namespace, settings: Settings) -> int:
    slugs = list(dict.fromkeys(_slug(s, settings.signatures_dir) for s in args.slugs))
    if len(slugs) < 2:
        print("Name two or more different signature files: a group of namesakes has at least two.")
        return 2
    bad = [s for s in slugs if not SLUG_RE.match(s)]
    unknown = [s for s in slugs if s not in bad and not (settings.signatures_path / f"{s}{SIGNATURE_SUFFIX}").is_file()]
    for slug in bad:
        shown = "this name" if "@" in slug else show(slug)
        print(f"{shown} is not a signature file's name (lowercase letters, digits and single hyphens).")
    for slug in unknown:
        print(f"{settings.signatures_dir}/{slug}{SIGNATURE_SUFFIX} does not exist: check the name.")
    if bad or unknown:
        print("Nothing written.")
        return 1
    path = settings.root / settings.namesakes_file
    try:
        before = path.read_bytes().decode("utf-8-sig") if path.exists() else None
    except (OSError, UnicodeDecodeError):
        print(f"{settings.namesakes_file} could not be read as UTF-8 text: fix it first. Nothing written.")
        return 1
    current, problems = namesakes.parse(before or "", settings.namesakes_file, settings.signatures_dir)
    if problems:
        for p in problems:
            print(f"{p.path}:{p.line}: {p.message}")
        print("Fix the list first. Nothing written.")
        return 1
    paths = [f"{settings.signatures_dir.rstrip('/')}/{s}{SIGNATURE_SUFFIX}" for s in slugs]
    wanted = {frozenset(pair) for pair in itertools.combinations(paths, 2)}
    if wanted <= current.pairs:
        print(f"{settings.namesakes_file} already lists these files as namesakes: nothing to add.")
        return 0
    line = f"- [{', '.join(slugs)}]\n"
    text = (before if before is not None else HEADER) or ""
    after = text + ("" if not text or text.endswith("\n") else "\n") + line
    read, problems = namesakes.parse(after, settings.namesakes_file, settings.signatures_dir)
    if problems or not wanted <= read.pairs or not current.pairs <= read.pairs:
        print(
            f"{settings.namesakes_file} is not a list of “- [a, b]” lines that a line can be added to: add "
            f"“{line.strip()}” by hand. Nothing written."
        )
        return 1
    path.write_text(after, encoding="utf-8")
    print(
        f"Added {line.strip()} to {settings.namesakes_file}. Commit it to the default branch, then run the "
        "pull request's check again."
    )
    return 0
