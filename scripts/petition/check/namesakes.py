"""Namesakes: different signatories who share a name and country, as the maintainers confirmed them.

The duplicate check refuses a file whose name and country (or whose name's look-alike) repeat
another file's: nearly always the same person signing twice. At tens of thousands of signatures
real namesakes appear too (two people called Maria García in Spain), and nothing the signer can
change in their file proves it. So a maintainer, once they have confirmed it with the signers,
lists the files in ``namesakes.yaml`` at the repository's root (``namesakes_file`` in
``[tool.petition]``)::

    - [maria-garcia-madrid, maria-garcia-valencia]

Every two files of one group are then not duplicates of each other, and of nothing else: a third
"Maria García" in Spain is still refused until a maintainer adds it. A pull request from anyone
but a maintainer is judged by the base branch's list, never by its own (petition.review.pullrequest).
"""

from __future__ import annotations

import dataclasses
import itertools

import yaml

from petition.load.files import SLUG_RE
from petition.problems import Problem, show
from petition.settings import SIGNATURE_SUFFIX, Settings

EXAMPLE = "- [maria-garcia-madrid, maria-garcia-valencia]"
# The duplicate check's refusals and warnings that confirming namesakes lifts (a shared GitHub login is never one).
CODES = frozenset(
    {
        "duplicate-name",
        "duplicate-name-website",
        "duplicate-lookalike",
        "duplicate-name-only",
        "duplicate-lookalike-only",
        "duplicate-transliteration",
    }
)


@dataclasses.dataclass(frozen=True)
class Namesakes:
    """The confirmed pairs, as pairs of paths shown the way the checker shows them ("signatures/x.yaml")."""

    pairs: frozenset[frozenset[str]] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.pairs)

    def confirmed(self, a: str, b: str) -> bool:
        """Whether the files at these two paths are different signatories, as a maintainer confirmed."""
        return frozenset((a, b)) in self.pairs


NONE = Namesakes()


def _problem(shown: str, line: int, message: str) -> Problem:
    return Problem(shown, line, message, "namesakes")


def parse(text: str, shown: str, signatures_dir: str) -> tuple[Namesakes, list[Problem]]:
    """The list in ``text`` (the namesakes file, shown as ``shown``) and what is wrong with it.

    Any problem makes the whole list count for nothing: a half-read list must not let a
    duplicate through, and the check fails until the file is fixed.
    """
    how = (
        "list groups of signature files that are different signatories with the same name, one group "
        f"per line, for example “{EXAMPLE}”"
    )
    try:
        # Composed, never constructed: no tag or alias can make it more than nested lists of text.
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        return NONE, [_problem(shown, mark.line + 1 if mark is not None else 1, f"this is not valid YAML: {how}.")]
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == "tag:yaml.org,2002:null"):
        return NONE, []  # only comments: nobody confirmed yet
    if not isinstance(root, yaml.SequenceNode):
        return NONE, [_problem(shown, root.start_mark.line + 1, f"the file must be a list: {how}.")]
    prefix = signatures_dir.rstrip("/") + "/"
    pairs: set[frozenset[str]] = set()
    problems: list[Problem] = []
    for group in root.value:
        line = group.start_mark.line + 1
        if not isinstance(group, yaml.SequenceNode):
            problems.append(
                _problem(shown, line, f"each entry must be a group of two or more file names in brackets: {how}.")
            )
            continue
        slugs: list[str] = []
        for item in group.value:
            where = item.start_mark.line + 1
            value = item.value if isinstance(item, yaml.ScalarNode) else None
            if value is None or not isinstance(value, str):
                problems.append(_problem(shown, where, f"each member of a group is a signature's file name: {how}."))
                continue
            slug = value[len(prefix) :] if value.startswith(prefix) else value
            slug = slug[: -len(SIGNATURE_SUFFIX)] if slug.endswith(SIGNATURE_SUFFIX) else slug
            if not SLUG_RE.match(slug):
                quoted = "this" if "@" in value else show(value)  # never echo anything address-shaped into a log
                problems.append(
                    _problem(
                        shown,
                        where,
                        f"{quoted} is not the name of a signature file (lowercase letters, digits and "
                        "single hyphens, as in “maria-garcia” for signatures/maria-garcia.yaml).",
                    )
                )
                continue
            if slug in slugs:
                problems.append(_problem(shown, where, f"{show(slug)} is twice in this group: list each file once."))
                continue
            slugs.append(slug)
        if len(group.value) < 2:
            problems.append(
                _problem(
                    shown,
                    line,
                    f"a group needs at least two files, the namesakes that are different signatories: {how}.",
                )
            )
        paths = [f"{prefix}{slug}{SIGNATURE_SUFFIX}" for slug in slugs]
        pairs.update(frozenset(pair) for pair in itertools.combinations(paths, 2))
    if problems:
        return NONE, problems
    return Namesakes(frozenset(pairs)), []


def decoded(data: bytes, shown: str, signatures_dir: str) -> tuple[Namesakes, list[Problem]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return NONE, [_problem(shown, 1, "the file is not UTF-8 text: save it as UTF-8.")]
    return parse(text, shown, signatures_dir)


def load(settings: Settings) -> tuple[Namesakes, list[Problem]]:
    """The working tree's list (no file: nobody confirmed yet)."""
    path = settings.root / settings.namesakes_file
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return NONE, []
    except OSError:
        return NONE, [
            _problem(settings.namesakes_file, 1, "the file could not be read: check that it is a plain text file.")
        ]
    return decoded(data, settings.namesakes_file, settings.signatures_dir)
