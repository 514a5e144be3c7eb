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


def test_the_pull_request_as_githubs_api_gives_it(tmp_path):
    from petition.review.context import context_from_pull_request_file, with_options

    saved = tmp_path / "pr.json"
    saved.write_text(
        '{"number": 12, "user": {"login": "octocat"}, "author_association": "CONTRIBUTOR", "head": {"sha": "ab"}}'
    )
    given = context_from_pull_request_file(str(saved))
    assert (given.author, given.association, given.number, given.head_sha) == ("octocat", "CONTRIBUTOR", 12, "ab")
    assert with_options(given, None, "OWNER").association == "OWNER" and with_options(given, "x", None).author == "x"
    for bad in ("", "[]", '{"number": 0}', '{"user": {"login": "octocat"}}'):
        saved.write_text(bad)
        assert context_from_pull_request_file(str(saved)) is None
    assert context_from_pull_request_file(str(tmp_path / "missing.json")) is None
