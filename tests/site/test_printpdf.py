"""Printing a page to PDF in the machine's Chromium, and the clear refusal when there is none."""

from __future__ import annotations

import pypdf
import pytest

from petition.site.printpdf import PrintError, print_pdf


def test_no_chromium_is_a_clear_error(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<p>Hello</p>", encoding="utf-8")
    with pytest.raises(PrintError, match="Chromium is not at .*apt-get install chromium"):
        print_pdf(page, tmp_path / "out.pdf", str(tmp_path / "no-chromium"))
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.browser
def test_a_page_is_printed_with_its_print_styles(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><meta charset=utf-8><style>@media print{.screen{display:none}}"
        "section+section{break-before:page}@page{margin:2cm;@bottom-left{content:'the foot'}}</style>"
        "<p class=screen>Only on screen</p><section>First part</section><section>Second part</section>",
        encoding="utf-8",
    )
    print_pdf(page, tmp_path / "out.pdf")
    texts = [p.extract_text() for p in pypdf.PdfReader(tmp_path / "out.pdf").pages]
    assert len(texts) == 2 and "First part" in texts[0] and "Second part" in texts[1]
    assert all("the foot" in t for t in texts) and not any("Only on screen" in t for t in texts)
