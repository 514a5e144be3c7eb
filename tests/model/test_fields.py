"""The fields' declaration is the one place a field lives: a new optional public field, declared in a
copy of the package and nowhere else, is asked, checked, written, refused when invalid and published
in the list, its search data and its exports, by the real commands, the real site build and the real
sign page."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from playwright.sync_api import sync_playwright

from browser import launch, serve
from conftest import REPO, make_repo
from petition.model import fields
from petition.model.signature import Signature

PRONOUNS = """    Field(
        "pronouns",
        "Optional, e.g. “she/her”.",
        rule=lambda value: check_text(value, 40),
        max_length=40,
        listed="aside",
        searched=True,
        ask=Ask("Pronouns (optional, e.g. she/her)", check="text"),
    ),
"""


def test_derived_lists_follow_the_declaration():
    assert tuple(Signature.model_fields) == fields.NAMES
    assert fields.ROW_FIELDS[0] == "slug" and "contact" not in fields.ROW_FIELDS
    assert fields.ROW_FIELDS.index("country_name") == fields.ROW_FIELDS.index("country") + 1
    assert set(fields.EXPORT_FIELDS) == set(fields.ROW_FIELDS) - {f.name for f in fields.FIELDS if not f.exported}
    for role in ("name", "link", "place", "version"):
        assert len(fields.listed(role)) == 1, role  # the list's entry has one of each


@pytest.fixture(scope="module")
def trial(tmp_path_factory, private_key):
    """A repository whose own copy of the package declares one more field, and how to run its commands."""
    repo = make_repo(tmp_path_factory.mktemp("fieldtrial") / "repo", private_key)
    shutil.copytree(
        REPO / "scripts" / "petition", repo.root / "scripts" / "petition", ignore=shutil.ignore_patterns("__pycache__")
    )
    declaration = repo.root / "scripts" / "petition" / "model" / "fields.py"
    text = declaration.read_text(encoding="utf-8")
    anchor = '    Field(\n        "country",'
    # The signature's country (the first one): a response declares one too, further down.
    assert text.index(anchor) < text.index("RESPONSE_FIELDS: tuple[Field, ...]")
    text = text.replace(anchor, PRONOUNS + anchor, 1).replace(
        "from __future__ import annotations\n",
        "from __future__ import annotations\n\nfrom petition.model.freetext import check_text\n",
        1,
    )
    declaration.write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(repo.root / "scripts"), "PYTHONDONTWRITEBYTECODE": "1"}

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, *args], cwd=repo.root, env=env, capture_output=True, text=True, timeout=600
        )
        assert not check or done.returncode == 0, done.stdout + done.stderr
        return done

    # The copy is the package these commands run, not the installed one.
    where = run("-c", "import petition.model.fields as f; print(f.__file__, 'pronouns' in f.NAMES)").stdout.split()
    assert where == [str(declaration), "True"]
    return repo, run


def test_a_declared_field_is_signed_checked_refused_imported_and_published(trial):
    repo, run = trial
    # petition sign asks for it (here: its option) and writes it in the declared place.
    run(
        "-m",
        "petition.cli",
        "sign",
        "--no-input",
        "--yes",
        "--type",
        "individual",
        "--name",
        "Anna de Vries",
        "--pronouns",
        "she/her",
        "--country",
        "NL",
        "--email",
        "anna@example.org",
        "--slug",
        "anna-de-vries",
    )
    written = (repo.signatures / "anna-de-vries.yaml").read_text(encoding="utf-8")
    assert re.match(r"type: individual\nname: Anna de Vries\npronouns: she/her\ncountry: NL\n", written), written
    # The fast validator knows it: a file with it is not sent the slow way.
    fast = run(
        "-c",
        "import datetime, petition.model.fastvalidate as v; print(v.validated_fields({'type': "
        "'individual', 'name': 'A', 'pronouns': 'she/her', 'source': 'founding'}, {'today': datetime.date.today()}))",
    )
    assert "'pronouns': 'she/her'" in fast.stdout
    # The check takes it; a wrong value is refused on its line, with the text rules' own message.
    assert run("-m", "petition.cli", "check").returncode == 0
    bad = repo.write("bad", written.replace("she/her", "<b>she</b>").replace("Anna de Vries", "Bea Bad"))
    refused = run("-m", "petition.cli", "check", check=False)
    assert refused.returncode == 1
    assert "signatures/bad.yaml:3: “pronouns” contains “<” or “>”" in refused.stdout
    bad.unlink()
    # petition import reads it as a column.
    table = repo.root / "received.csv"
    table.write_text(
        "type,name,pronouns,email,signed\nindividual,Chidi Okonkwo,he/him,chidi@example.org,2026-11-20\n",
        encoding="utf-8",
    )
    run("-m", "petition.cli", "import", str(table))
    assert "pronouns: he/him\n" in (repo.signatures / "chidi-okonkwo.yaml").read_text(encoding="utf-8")
    # The JSON Schema editors read has it, once regenerated (and the check says it is out of date before).
    assert run("-m", "petition.cli", "schema", "--check", check=False).returncode == 1
    run("-m", "petition.cli", "schema")
    schema = json.loads((repo.root / "docs" / "signature.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["pronouns"]["maxLength"] == 40
    # The site publishes it in the list's entry, the search data and both exports.
    run("-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(repo.site))
    page = (repo.site / "signatories" / "index.html").read_text(encoding="utf-8")
    assert '<bdi dir="auto">Anna de Vries</bdi>, Netherlands (<bdi dir="auto">she/her</bdi>)</li>' in page
    exported = json.loads((repo.site / "signatories.json").read_text(encoding="utf-8"))["signatories"]
    assert {s["slug"]: s["pronouns"] for s in exported} == {"anna-de-vries": "she/her", "chidi-okonkwo": "he/him"}
    rows = list(csv.DictReader(io.StringIO((repo.site / "signatories.csv").read_text(encoding="utf-8"))))
    assert [(r["name"], r["pronouns"]) for r in rows] == [("Anna de Vries", "she/her"), ("Chidi Okonkwo", "he/him")]
    search = json.loads((repo.site / "signatories-search.json").read_text(encoding="utf-8"))
    assert "pronouns" in search["fields"] and "pronouns" in search["asides"]
    assert all(row[search["fields"].index("pronouns")] in ("she/her", "he/him") for row in search["rows"])


def test_the_sign_page_asks_for_a_declared_field(trial):
    repo, run = trial
    run("-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(repo.site))
    with serve(repo.site) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        page.goto(url + "sign/")
        page.wait_for_selector("#ps-form:not([hidden])")
        page.check("#ps-type-individual")
        page.fill("#ps-name", "Zoë Field")
        page.fill("#ps-pronouns", "they/them")
        page.fill("#ps-email", "zoe@example.org")
        page.check("#ps-consent")
        page.click("#ps-submit")
        page.wait_for_selector("#ps-result:not([hidden])")
        made = page.text_content("#ps-yaml")
        page.fill("#ps-pronouns", "<i>they</i>")
        page.click("#ps-submit")
        page.wait_for_function("document.getElementById('ps-pronouns-error').textContent.length > 0")
        error = page.text_content("#ps-pronouns-error")
        browser.close()
    assert made.startswith("type: individual\nname: Zoë Field\npronouns: they/them\n"), made
    assert "“<”" in error
