"""The JSON reports, for tools: a check's (``petition check --format json``) and a pull request's, from which the judge
renders the comment (``petition comment``), so it carries everything the comment shows: problems, each added
signature's public fields, withdrawals, the reviewer's checklist, the commit whose rules judged. Nothing here decides.
"""

from __future__ import annotations

import json

from petition.check.collection import CheckResult
from petition.report import rowformat
from petition.review.pullrequest import Review


def signatures(result: CheckResult) -> list[dict]:
    """The public fields of the checked files' valid signatures, for the JSON reports.

    Only the checked files' (a check of some files holds the whole collection's), built only for them.
    """
    return [{"path": e.path, "slug": e.slug, **e.signature.public()} for e in result.entries_of(set(result.checked))]


def as_json(result: CheckResult) -> str:
    data = {
        "ok": result.ok,
        "checked": result.checked,
        "problems": [p.as_dict() for p in result.problems],
        "signatures": signatures(result),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


REPORT_FORMAT = "petition-review/1"


def signature_data(entry) -> dict[str, str]:
    row = rowformat.to_row(entry)
    data = {"path": entry.path, **{k: v for k, v in row.export().items() if v}}
    data["text"] = rowformat.row_text(row)
    data["html"] = rowformat.row_html(row)
    return data


def review_data(review: Review) -> dict:
    result = review.result
    ctx = review.context
    return {
        "format": REPORT_FORMAT,
        "ok": result.ok,
        "checked": result.checked,
        "problems": [p.as_dict() for p in result.problems],
        "signatures": signatures(result),
        "pull_request": {
            "number": ctx.number,
            "head_sha": ctx.head_sha or review.head,
            "base": review.base,
            "base_tip": review.base_tip,
            "head": review.head,
            "rules": review.rules,
            "author": ctx.author,
            "association": ctx.association,
            "maintainer": ctx.maintainer,
            "identity_checked": review.identity_checked,
            "signatures_only": review.signatures_only,
            "changes": [{"status": c.status, "path": c.path} for c in review.changes],
            "commits": review.commits,
            "added": [signature_data(e) for e in review.added],
            "edited": [signature_data(e) for e in review.edited],
            "withdrawn": review.withdrawn,
            "refused": len(review.refused),
            "needs_maintainer": len(review.needs_maintainer),
            "confirm": [{"path": i.path, "text": i.text} for i in review.checklist],
        },
    }


def review_json(review: Review) -> str:
    return json.dumps(review_data(review), ensure_ascii=False, indent=2) + "\n"
