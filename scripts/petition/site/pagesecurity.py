"""The sign page's Content-Security-Policy: every inline script and style the page holds, hashed, and nothing else
allowed.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser


def _e(text: str) -> str:
    return html.escape(text, quote=True)


class _InlineCode(HTMLParser):
    """Collects the exact text of inline scripts and style elements, to allow them by hash."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._open: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if (
            tag == "script"
            and "src" not in attrs
            and (attrs.get("type") or "text/javascript") in ("text/javascript", "module", "application/javascript")
        ):
            self._open, self._buffer = "script", []
        elif tag == "style":
            self._open, self._buffer = "style", []
        else:
            self._open = None if tag in ("script",) else self._open

    def handle_data(self, data):
        if self._open:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open:
            (self.scripts if tag == "script" else self.styles).append("".join(self._buffer))
            self._open = None


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(page_html: str) -> str:
    """A policy for the sign page: this site only, and only the theme's own inline code (by hash).

    The page handles an email address before it is encrypted: nothing may load from elsewhere,
    and no injected script could run or send it anywhere.
    """
    found = _InlineCode()
    found.feed(page_html)
    scripts = " ".join(sorted({_hash(s) for s in found.scripts}))
    styles = " ".join(sorted({_hash(s) for s in found.styles}))
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src 'self' {scripts}".strip(),
            f"style-src 'self' {styles}".strip(),
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "object-src 'none'",
        ]
    )


def secure_page(page_html: str, css_href: str) -> str:
    """The built sign page with its policy first in <head> and the form's stylesheet."""
    policy = content_security_policy(page_html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{_e(policy)}">'
    link = f'<link rel="stylesheet" href="{_e(css_href)}">'
    page_html, n = re.subn(r"(<meta charset=[^>]*>)", lambda m: m.group(1) + meta, page_html, count=1)
    if n == 0:
        page_html = page_html.replace("<head>", "<head>" + meta, 1)
    return page_html.replace("</head>", link + "</head>", 1)
