"""A built page printed to PDF by Chromium, as a reader's browser prints it: the page's own print styles
(petition.site.countrypages), its margins, the site's address and the date on every page.

Playwright drives the Chromium the machine already has (``/usr/bin/chromium``; it never downloads
one). It is the ``deliver`` extra (``pip install -e '.[deliver]'``), imported only when a PDF is made,
so no other command pays for loading it.
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"


class PrintError(Exception):
    """The PDF cannot be made: the message says what to install or fix, in one line."""


def print_pdf(page: Path, out: Path, chromium: str = CHROMIUM) -> None:
    """Print the built page at ``page`` (an HTML file of the site) to ``out``."""
    if not Path(chromium).is_file():
        raise PrintError(
            f"Chromium is not at {chromium}: install it (Debian: apt-get install chromium) or give its path "
            "with --chromium."
        )
    try:
        from playwright.sync_api import Error, sync_playwright  # the deliver extra, loaded only here
    except ImportError:
        raise PrintError(
            "the PDF needs Playwright: install the deliver extra (.venv/bin/pip install -e '.[deliver]')."
        ) from None
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium)
            try:
                tab = browser.new_page()
                tab.goto(page.absolute().as_uri(), wait_until="load")
                tab.pdf(path=str(out), format="A4", print_background=True, prefer_css_page_size=True)
            finally:
                browser.close()
    except Error as exc:
        raise PrintError(f"Chromium could not print {page.name}: {str(exc).splitlines()[0]}") from None
