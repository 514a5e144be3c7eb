"""How one signatory reads: the list's entry with all signer text escaped, the plain text, the export; never the
contact."""

from __future__ import annotations

from petition.check.collection import check
from petition.report.rowformat import row_html, row_of, row_text, to_row

FIELDS = {
    "type": "individual",
    "name": "Zoë <b>&",
    "country": "NO",
    "affiliation": 'Uni "x"',
    "website": "https://example.org/?a=1&b=2",
    "version": "2",
    "contact": "rsa-oaep-sha256:never-shown",
}


def test_the_entry_escapes_signer_text_and_links_the_name_to_the_website():
    row = row_of("zoe", FIELDS)
    assert row_html(row, show_version=True) == (
        '<li id="zoe" data-type="individual" data-country="NO" data-version="2">'
        '<a href="https://example.org/?a=1&amp;b=2" rel="nofollow noopener ugc">'
        '<bdi dir="auto">Zoë &lt;b&gt;&amp;</bdi></a>, Norway (<bdi dir="auto">Uni &quot;x&quot;</bdi>)'
        ' <span class="petition-version">(version 2)</span></li>'
    )
    plain = row_of("ola", {"type": "organization", "name": "Ola"})
    assert row_html(plain) == (
        '<li id="ola" data-type="organization" data-country="" data-version=""><bdi dir="auto">Ola</bdi></li>'
    )
    assert "petition-version" not in row_html(row)  # shown only when the site has more than one version


def test_the_plain_text_and_the_export_carry_the_public_fields_only():
    row = row_of("zoe", FIELDS)
    assert row_text(row) == 'Zoë <b>&, Norway (Uni "x") – https://example.org/?a=1&b=2'
    export = row.export()
    assert export["country_name"] == "Norway" and export["name"] == "Zoë <b>&" and "contact" not in export
    assert "never-shown" not in row_html(row) + row_text(row) + repr(row)


def test_a_checked_entry_becomes_its_row(repo):
    repo.sign("anna-de-vries", "Anna de Vries", country="NL", affiliation="TU Delft")
    (entry,) = check(repo.settings()).entries
    row = to_row(entry)
    assert (row.slug, row.name, row.country_name, row.affiliation) == (
        "anna-de-vries",
        "Anna de Vries",
        "Netherlands",
        "TU Delft",
    )
    assert row_text(row) == "Anna de Vries, Netherlands (TU Delft)" and not hasattr(row, "contact")
