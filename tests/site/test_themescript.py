"""The signatories page's theme-script loader: Material's bundle starts after DOMContentLoaded."""

from __future__ import annotations

import re
from pathlib import Path

from petition.site import themescript


def test_theme_script_starts_after_dom_content_loaded():
    page = (
        '<main>list</main>\n<script id="__config" type="application/json">{}</script>\n<script '
        'src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>\n</body>'
    )
    out = themescript.defer_theme_script(page)
    assert '<script src="../assets' not in out and '<script id="__config"' in out
    loader = re.search(r"<script>(.*?)</script>", out).group(1)
    assert '"../assets/javascripts/bundle.a5f9d56c.min.js"' in loader
    assert loader.startswith('document.addEventListener("DOMContentLoaded"')
    assert 'dispatchEvent(new Event("DOMContentLoaded"))' in loader
    # Any other page (or a theme without that script) is left alone.
    assert themescript.defer_theme_script("<p>no theme script</p>") == "<p>no theme script</p>"


def test_material_still_waits_for_dom_content_loaded():
    """The loader restarts Material by dispatching the event it waits for: if a Material update
    checks readyState instead (or stops listening), this says so before readers lose the header."""
    import material

    bundle = next((Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.min.js"))
    text = bundle.read_text(encoding="utf-8")
    assert re.search(r'\(document,"DOMContentLoaded",\{once:!0\}\)', text)
    assert themescript._THEME_SCRIPT.pattern  # and base.html writes the tag the pattern expects:
    base = (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    assert re.search(
        r'<script src="\{\{ \'assets/javascripts/bundle\.[0-9a-f]+\.min\.js\' \| url \}\}"></script>', base
    )
