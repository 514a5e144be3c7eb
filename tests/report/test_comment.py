"""petition comment: the pull request's comment, from the JSON report alone, read as CommonMark renders it."""

from __future__ import annotations

import json
import re

from markdown_it import MarkdownIt

from conftest import line_of
from petition.cli import main
from petition.report.comment import MARKER, MAX_COMMENT, WORD_JOINER
from prrepo import NOREPLY, pr_repo  # noqa: F401 (pr_repo is a fixture)

# GitHub renders comments as CommonMark with GFM extensions, raw HTML allowed (then sanitised).
_MD = MarkdownIt("gfm-like", {"linkify": False, "html": True})


def rendered(markdown: str) -> str:
    return _MD.render(markdown)


def visible(markdown: str) -> str:
    """The text a reader sees: the rendered HTML without tags, entities decoded."""
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", rendered(markdown)))


def _report(pr_repo, capsys, tmp_path, monkeypatch, number=12) -> tuple[dict, str]:
    head = pr_repo.git("rev-parse", "HEAD").strip()
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {
                "pull_request": {
                    "number": number,
                    "user": {"login": "carol"},
                    "author_association": "NONE",
                    "head": {"sha": head},
                }
            }
        )
    )
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    path = tmp_path / "report.json"
    main(["--root", str(pr_repo.root), "check", "--base", "main", "--format", "json", "--report", str(path)])
    capsys.readouterr()
    monkeypatch.delenv("GITHUB_ACTIONS")
    return json.loads(path.read_text()), head


def _comment(report: dict, tmp_path, *extra: str) -> tuple[int, str]:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(report))
    out = tmp_path / "comment.md"
    code = main(["comment", str(path), "--output", str(out), *extra])
    return code, out.read_text() if out.exists() else ""


def test_a_valid_signature_gets_its_preview(pr_repo, capsys, tmp_path, monkeypatch):
    pr_repo.start_pull_request()
    pr_repo.repo.sign(
        "carol",
        "Carol Díaz",
        github="carol",
        country="MX",
        affiliation="Universidad Nacional",
        website="https://example.org/carol",
    )
    pr_repo.commit("Sign", author_email=NOREPLY.format(login="carol"))
    report, head = _report(pr_repo, capsys, tmp_path, monkeypatch)
    output = tmp_path / "github-output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(output))
    code, text = _comment(report, tmp_path, "--head-sha", head)
    assert code == 0 and output.read_text() == "number=12\n"
    assert text.startswith(MARKER)
    html_out = rendered(text)
    # Exactly the site's list entry.
    assert (
        '<li id="carol" data-type="individual" data-country="MX" data-version=""><a '
        'href="https://example.org/carol" rel="nofollow noopener ugc">'
        '<bdi dir="auto">Carol Díaz</bdi></a>, Mexico (<bdi dir="auto">Universidad Nacional</bdi>)</li>'
    ) in html_out
    seen = visible(text)
    assert "Ready for a maintainer" in seen
    assert "Carol Díaz, Mexico (Universidad Nacional) – https://example.org/carol" in seen
    assert "nothing more for you to do" in seen
    assert (
        "For the reviewer: 1 thing to confirm" in seen
        and "“Carol Díaz” is a real person who endorses the letter" in seen
    )
    assert "Something to fix" not in seen
    base = pr_repo.git("rev-parse", "main").strip()
    assert f"Checked commit {head[:12]} under the settings, keys and letter versions of {base[:12]}." in seen


def test_a_broken_signature_gets_fixes_in_plain_words(pr_repo, capsys, tmp_path, monkeypatch):
    pr_repo.start_pull_request()
    carol = pr_repo.repo.sign("carol", "Carol Díaz", github="carol", country="Norway")
    pr_repo.repo.sign("dan", "Dan Brown")
    pr_repo.commit()
    report, head = _report(pr_repo, capsys, tmp_path, monkeypatch)
    code, text = _comment(report, tmp_path, "--head-sha", head)
    assert code == 0
    seen = visible(text)
    assert "Something to fix" in seen and "Fix it by editing your file in this pull request" in seen
    message = next(p["message"] for p in report["problems"] if p["path"] == "signatures/carol.yaml")
    assert (
        f"signatures/carol.yaml, line {line_of(carol, 'country')}: {message}" in seen
    )  # the checker's words, intact once rendered
    assert (
        "Waiting for a maintainer" in seen
        and "signatures/dan.yaml, line 1: this pull request adds 2 signatures" in seen
    )
    assert "<li id=" not in rendered(text)  # no preview while something must be fixed
    assert "For the reviewer" not in seen
    assert "Traceback" not in text


def test_a_possible_namesake_tells_the_reviewer_how_to_confirm_it(pr_repo, capsys, tmp_path, monkeypatch):
    pr_repo.repo.sign("carol-diaz", "Carol Díaz", country="NO")
    pr_repo.start_pull_request()
    pr_repo.repo.sign("carol-diaz-oslo", "CAROL DIAZ", github="carol", country="NO")
    pr_repo.commit()
    report, head = _report(pr_repo, capsys, tmp_path, monkeypatch)
    code, text = _comment(report, tmp_path, "--head-sha", head)
    seen = visible(text)
    assert code == 0 and "possible duplicate of signatures/carol-diaz.yaml" in seen
    assert "For the reviewer: a possible namesake" in seen and "namesakes.yaml" in seen
    # Any other refusal says nothing of namesakes.
    report["problems"] = [dict(p, code="country-unknown") for p in report["problems"]]
    code, text = _comment(report, tmp_path, "--head-sha", head)
    assert code == 0 and "For the reviewer" not in visible(text)
    # Nor does a code that is not text (the report is untrusted).
    report["problems"] = [dict(p, code=["duplicate-name"]) for p in report["problems"]]
    code, text = _comment(report, tmp_path, "--head-sha", head)
    assert code == 0 and "For the reviewer" not in visible(text) and "Something to fix" in visible(text)


def test_a_withdrawal(pr_repo, capsys, tmp_path, monkeypatch):
    pr_repo.repo.sign("carol", "Carol Díaz", github="carol")
    pr_repo.start_pull_request()
    (pr_repo.repo.signatures / "carol.yaml").unlink()
    pr_repo.commit()
    report, head = _report(pr_repo, capsys, tmp_path, monkeypatch)
    code, text = _comment(report, tmp_path)
    seen = visible(text)
    assert code == 0 and "Withdrawn by their signers" in seen and "signatures/carol.yaml" in seen


def _hostile_report() -> dict:
    evil = (
        "Eve <img src=x onerror=alert(1)> [click](javascript:alert(1)) @everyone **bold** `code` "
        "</details><script>x</script>\n# heading"
    )
    return {
        "ok": False,
        "problems": [{"path": "signatures/`x`.yaml", "line": 2, "message": evil, "severity": "error"}]
        + [
            {"path": f"signatures/p{i}.yaml", "line": i, "message": "m " * 400, "severity": "warning"}
            for i in range(1000)
        ],
        "pull_request": {
            "number": 5,
            "head_sha": "a" * 40,
            "added": [
                {
                    "slug": "eve",
                    "type": "individual",
                    "name": evil,
                    "affiliation": evil,
                    "country": "<b>",
                    "website": "javascript:alert(1)",
                    "html": "<script>alert(1)</script><img src=x>",
                }
            ],
            "confirm": [{"path": "x", "text": evil}],
            "withdrawn": [evil],
        },
    }


def test_a_hostile_report_is_rendered_harmless(tmp_path):
    code, text = _comment(_hostile_report(), tmp_path)
    assert code == 0
    html_out = rendered(text)
    for bad in ("<script", "<img", 'href="javascript', "<a ", "<strong>bold", "<code>code", "<h1", "</details><script"):
        assert bad not in html_out, bad
    assert "@everyone" not in visible(text)  # a mention would notify people
    assert "@" + WORD_JOINER + "everyone" in visible(text)
    assert len(text) <= MAX_COMMENT + 100
    assert "and 970 more" in visible(text)


def test_a_hostile_preview_keeps_only_checked_fields(tmp_path):
    report = _hostile_report()
    report["problems"] = []  # nothing refused: the preview is shown
    code, text = _comment(report, tmp_path)
    html_out = rendered(text)
    assert code == 0
    assert '<li id="eve" data-type="individual" data-country="" data-version="">' in html_out  # "<b>" is no country
    assert "href" not in html_out.split('<li id="eve"')[1].split("</li>")[0]  # no javascript: link
    assert "&lt;img src=x onerror=alert(1)&gt;" in html_out
