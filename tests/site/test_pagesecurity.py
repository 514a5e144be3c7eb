"""The sign page's security: its Content-Security-Policy allows inline code by hash only."""

from __future__ import annotations

import re

from petition.site import pagesecurity


def test_content_security_policy_allows_inline_code_by_hash_only():
    page = (
        '<html><head><meta charset="utf-8"><script>var a=1</script></head><body><script '
        'type="application/json">{}</script><script src="x.js"></script></body></html>'
    )
    secured = pagesecurity.secure_page(page, "../assets/petition/sign.css")
    policy = (
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', secured).group(1).replace("&#x27;", "'")
    )
    assert "'sha256-" in policy and policy.count("'sha256-") == 1 and "unsafe-inline" not in policy
    assert secured.index("Content-Security-Policy") < secured.index("<script>")
    assert '<link rel="stylesheet" href="../assets/petition/sign.css"></head>' in secured
