"""The counter partner organisations embed (``embed/counter/``, in an ``<iframe>``): the current count and a
"Sign" link, on a page of its own that loads nothing at all (its one style is inline, allowed by hash, and
its policy allows nothing else), so it fits under any embedding site's Content-Security-Policy: the
partner allows this site as a frame source (``frame-src``) and nothing more.

Being framed is allowed: the site sends no ``X-Frame-Options``, and a policy's ``frame-ancestors`` is
not one a ``<meta>`` can set (browsers ignore it there); a host that sends headers sends
``FRAME_HEADER``. The page is rebuilt with the site, so the count is the published list's.
"""

from __future__ import annotations

import base64
import hashlib
import html

COUNTER_FILE = "embed/counter/index.html"
COUNTER_PATH = "embed/counter/"
FRAME_HEADER = "Content-Security-Policy: frame-ancestors *"
TITLE = "A Call for Openness and Transparency in Rulemaking for the Internet"
esc = html.escape

_STYLE = (
    "html{font:16px/1.35 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a;background:#fff}"
    "body{margin:0;padding:.6em .8em}p{margin:0 0 .4em}.n{font-size:1.8em;font-weight:700;color:#303f9f}"
    "a{display:inline-block;padding:.3em .9em;border-radius:4px;background:#303f9f;color:#fff;"
    "text-decoration:none;font-weight:600}a:focus,a:hover{background:#1a237e;outline:2px solid #1a237e;"
    "outline-offset:2px}.t{font-size:.85em;font-weight:400;color:#444;margin:0 0 .4em}"
)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy() -> str:
    """The counter's own policy: its one inline style, nothing else; links open outside the frame."""
    return "; ".join(
        ["default-src 'none'", f"style-src {_hash(_STYLE)}", "img-src 'none'", "base-uri 'none'", "form-action 'none'"]
    )


def counter_html(total: int, closed: bool = False) -> str:
    """The counter page: ``total`` endorsements; a "Sign" link while signing is open (the letter's link after)."""
    count = f'<p><span class="n">{total:,}</span> {"signature" if total == 1 else "signatures"}</p>'
    if closed:
        action = '<p><a href="../../" target="_blank" rel="noopener">Read the letter</a></p>'
        note = "Signatures are closed."
    else:
        action = '<p><a href="../../sign/" target="_blank" rel="noopener">Sign the letter</a></p>'
        note = "Endorse the open letter too."
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(policy())}">'
        '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">'
        f"<title>{esc(TITLE)}: {total:,} signatures</title><style>{_STYLE}</style></head>"
        f'<body><main><h1 class="t">{esc(TITLE)}</h1>{count}<p class="t">{note}</p>{action}</main></body></html>\n'
    )


def snippet(site_address: str) -> str:
    """The HTML a partner copies onto its page."""
    src = (site_address or "https://YOUR-SITE/") + COUNTER_PATH
    return (
        f'<iframe src="{esc(src)}" title="Signatures of the open letter" width="300" height="170" '
        'loading="lazy"></iframe>'
    )


def snippet_html(site_address: str) -> str:
    """The Sign page's section for partners: the snippet to copy, and what their policy needs."""
    src = (site_address or "https://YOUR-SITE/") + COUNTER_PATH
    origin = src.split("/", 3)[:3]
    return (
        '<div class="petition-embed"><p>Partner organisations can show the current count and a “Sign” link on '
        "their own site with this snippet:</p>"
        f"<pre><code>{esc(snippet(site_address))}</code></pre>"
        "<p>The counter loads nothing from anywhere (not even from this site beyond its own page) and runs no "
        "script. If your site has a Content-Security-Policy, allow this site as a frame source: "
        f"<code>frame-src {esc('/'.join(origin))}</code>. The count is updated each time the site is "
        "published.</p></div>"
    )
