"""A pull request's context (its author, association, number and head) from the options and GitHub's event file."""

from __future__ import annotations

import json


def test_the_event_is_read_defensively(tmp_path):
    from petition.review.context import Context, context_from_environment, context_from_event

    event = tmp_path / "event.json"
    assert context_from_event(str(tmp_path / "missing.json")) == Context()
    event.write_text("{not json")
    assert context_from_event(str(event)) == Context()
    event.write_text(
        json.dumps({"pull_request": {"number": True, "user": {"login": 5}, "author_association": "ADMIN", "head": "x"}})
    )
    assert context_from_event(str(event)) == Context()
    event.write_text(
        json.dumps(
            {
                "pull_request": {
                    "number": 9,
                    "user": {"login": "dora"},
                    "author_association": "MEMBER",
                    "head": {"sha": "f" * 40},
                }
            }
        )
    )
    env = {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_PATH": str(event)}
    assert context_from_environment(None, None, env) == Context("dora", "MEMBER", 9, "f" * 40)
    assert context_from_environment("eve", "NONE", env).maintainer is False  # options win over the event
    assert context_from_environment(None, None, {"GITHUB_EVENT_PATH": str(event)}) == Context()  # only under Actions
