"""The signatories page opens before the theme's script runs.

Material ends every page with its bundle (about 114 KB of script) as a parser-blocking ``<script>``:
Chromium evaluates it, and it lays out the whole page, before DOMContentLoaded. On the signatories
page at 100,000 names that is a third of the main thread's work before the event (measured with a
Chromium trace: 250-450 ms on the 2-core bench machine). Here the bundle is fetched one task after
the event instead, then started the way it starts itself: Material waits for DOMContentLoaded
(``fromEvent(document, "DOMContentLoaded")``, no ``readyState`` check), so the loader dispatches
that event again once the bundle has run. The header, search and "back to top" work as before,
a moment after the list is on screen (tests/site/test_signatories_page.py drives Material's search).
"""

from __future__ import annotations

import json
import re

# Material's own script tag, as its base.html writes it (a content-hashed file name).
_THEME_SCRIPT = re.compile(r'<script src="([^"<>]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')

_LOADER = (
    "<script>"
    'document.addEventListener("DOMContentLoaded",function(){setTimeout(function(){'
    # The list's own search reads ?q= (shared links); Material's site search reads it too, as its
    # bundle runs, and would open its overlay over the list: the bundle runs on a URL without it,
    # which is put back once it has (unless the list's search has written a newer one since).
    'var h=location.href,u=new URL(h);u.searchParams.delete("q");var w=u.href;'
    'if(w!==h)history.replaceState(history.state,"",w);'
    'var s=document.createElement("script");s.src=%s;'
    's.onload=function(){if(location.href===w)history.replaceState(history.state,"",h);'
    'document.dispatchEvent(new Event("DOMContentLoaded"))};'
    "document.body.appendChild(s)},0)},{once:true})"
    "</script>"
)


def defer_theme_script(page_html: str) -> str:
    """The page with the theme's bundle started after DOMContentLoaded; unchanged when it has none."""
    found = _THEME_SCRIPT.search(page_html)
    if found is None:
        return page_html  # another theme, or a Material that loads its script differently
    # json.dumps: the URL as a JavaScript string; "</" cannot occur in it (the pattern excludes < and >).
    loader = _LOADER % json.dumps(found.group(1))
    return page_html[: found.start()] + loader + page_html[found.end() :]
