"""Who opened a pull request and how GitHub relates them to the repository: from the Actions event, or from the command
line (``--author``, ``--author-association``). Nothing here calls GitHub.
"""

from __future__ import annotations

import dataclasses
import json
import os

# The author associations GitHub reports for people with write access to the repository.
MAINTAINER_ASSOCIATIONS = frozenset({"OWNER", "MEMBER", "COLLABORATOR"})


ASSOCIATIONS = (
    "OWNER",
    "MEMBER",
    "COLLABORATOR",
    "CONTRIBUTOR",
    "FIRST_TIME_CONTRIBUTOR",
    "FIRST_TIMER",
    "MANNEQUIN",
    "NONE",
)


@dataclasses.dataclass(frozen=True)
class Context:
    """The pull request as GitHub describes it. All optional: a local run knows none of it."""

    author: str | None = None
    association: str = "NONE"
    number: int | None = None
    head_sha: str | None = None

    @property
    def maintainer(self) -> bool:
        return self.association in MAINTAINER_ASSOCIATIONS


def _read_json(path: str) -> object:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def context_of_pull_request(pr: object) -> Context:
    """Author, association, number and head commit of a pull request as GitHub describes it (the event's
    ``pull_request``, or ``GET /repos/{repo}/pulls/{number}``: the same object)."""
    if not isinstance(pr, dict):
        return Context()
    user = pr.get("user") if isinstance(pr.get("user"), dict) else {}
    head = pr.get("head") if isinstance(pr.get("head"), dict) else {}
    login = user.get("login")
    association = pr.get("author_association")
    number = pr.get("number")
    sha = head.get("sha")
    return Context(
        author=login if isinstance(login, str) and login else None,
        association=association if association in ASSOCIATIONS else "NONE",
        number=number if isinstance(number, int) and not isinstance(number, bool) and number > 0 else None,
        head_sha=sha if isinstance(sha, str) else None,
    )


def context_from_event(path: str | None) -> Context:
    """The pull request of a ``pull_request`` event payload, if any."""
    event = _read_json(path) if path else None
    return context_of_pull_request(event.get("pull_request") if isinstance(event, dict) else None)


def context_from_pull_request_file(path: str) -> Context | None:
    """The pull request as GitHub's API gave it, saved to ``path`` (the judge asks GitHub, never the
    validated run); None when the file holds no pull request."""
    context = context_of_pull_request(_read_json(path))
    return context if context.number is not None else None


def with_options(context: Context, author: str | None, association: str | None) -> Context:
    """The options (``--author``, ``--author-association``) over what GitHub said."""
    return dataclasses.replace(
        context,
        author=author if author is not None else context.author,
        association=association if association is not None else context.association,
    )


def context_from_environment(
    author: str | None, association: str | None, environ: dict[str, str] | None = None
) -> Context:
    """Options first; under GitHub Actions the event fills in what they leave out."""
    env = os.environ if environ is None else environ
    event = context_from_event(env.get("GITHUB_EVENT_PATH")) if env.get("GITHUB_ACTIONS") == "true" else Context()
    return with_options(event, author, association)
