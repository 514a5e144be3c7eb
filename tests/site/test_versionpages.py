"""The letter's version pages: each released version published with its diff from the previous one."""

from __future__ import annotations

import re

from letterversions import change_letter, run, sign_version
from life_git import init
from petition.site import versionpages


def test_diff_marks_words_and_escapes_everything():
    old = "# T\n\nKeep this.\n\nThe WTO is closed.\n\nGone paragraph.\n"
    new = "# T\n\nKeep this.\n\nThe WTO is <script>alert(1)</script> & closed.\n\nNew paragraph.\n"
    out = versionpages.diff_html(old, new)
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "&amp;" in out
    assert "Keep this." not in out  # unchanged paragraphs are not repeated
    assert "<del>Gone</del>" in out and "<ins>New</ins>" in out
    assert "2 paragraph(s) changed, 0 added, 0 removed" in out
    assert versionpages.diff_html(old, old).count("No change") == 1


def test_site_publishes_every_version_with_its_diff(repo):
    repo.add_founding()
    sign_version(repo, "early-signer", "Early Signer", "1")
    init(repo.root)
    change_letter(repo)
    assert run(repo, "version", "release", "--date", "2027-01-15") == 0
    sign_version(repo, "late-signer", "Late Signer", "2")
    built = repo.build()
    assert built.returncode == 0, built.stderr

    first = (repo.site / "versions" / "1" / "index.html").read_text(encoding="utf-8")
    second = (repo.site / "versions" / "2" / "index.html").read_text(encoding="utf-8")
    assert "This is the first version of the letter." in first and "R&amp;D" not in first
    assert (
        "This is not the current text" in first and "Version 1</strong> of the letter, released on 2026-11-28" in first
    )
    assert "Version 2</strong> of the letter, released on 2027-01-15" in second and "This is the current text" in second
    diff = second[second.index('<div class="petition-diff">') :]
    assert "<ins>We also call for the publication of every draft text, R&amp;D included, within a week.</ins>" in diff
    assert "1 added" in diff
    # The letter's own links still work from /versions/<n>/.
    assert 'href="../../signatories/"' in second

    letter = (repo.site / "index.html").read_text(encoding="utf-8")
    status = re.search(r'<p class="petition-status">(.*?)</p>', letter).group(1)
    assert 'href="versions/2/"' in status and "version 2" in status
    assert "1 signatory endorsed this text; 17 endorsed an earlier version." in status

    listing = (repo.site / "signatories" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<li id="late-signer"[^>]*data-version="2"[^>]*>.*?\(version 2\)</span></li>', listing)
    assert re.search(r'<li id="early-signer"[^>]*data-version="1"[^>]*>.*?\(version 1\)</span></li>', listing)
