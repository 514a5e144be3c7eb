"""The hostile and valid corpus (tests/corpus/): every hostile file refused with its own file, line
and kind of message, every valid one published exactly as written.

Files that cannot sensibly live in the repository as text (other encodings, NUL bytes, oversized
files, symlinks, folders, FIFOs, odd file names) are made here from tables at run time.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import html.parser
import json
import os
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from petition import cli
from petition.check.collection import check
from petition.model.crypto import encrypt_contact
from petition.model.rules import country_name

CORPUS = Path(__file__).parent / "corpus"
MANIFEST = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
HOSTILE: dict[str, list[list]] = MANIFEST["hostile"]
VALID: dict[str, dict] = MANIFEST["valid"]
WARNED: dict[str, list[list]] = MANIFEST["warned"]
RETIRED_ON = dt.date(2026, 1, 1)  # the corpus signs on 2026-01-15, after this key was retired
EMAIL_SHAPE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# Made at run time only: no address is ever stored in the repository.
ADDRESS = "anna.example" + "@" + "example.org"

# A signature for the generated cases: valid in itself, so only the hostile part is reported.
PLAIN = 'type: individual\nname: Bjørn Example\nsigned: 2026-01-15\nversion: "1"\ncontact: {{contact}}\n'

# Bytes that are not UTF-8 text, or text YAML cannot take: name -> (bytes from the filled-in PLAIN, [[line, code]]).
GENERATED = {
    "utf-16-le-with-bom": (lambda t: ("\ufeff" + t).encode("utf-16-le"), [[1, "encoding"]]),
    "utf-16-be-with-bom": (lambda t: ("\ufeff" + t).encode("utf-16-be"), [[1, "encoding"]]),
    "utf-16-without-bom": (lambda t: t.encode("utf-16-le"), [[1, "encoding"]]),
    "utf-32-with-bom": (lambda t: ("\ufeff" + t).encode("utf-32-le"), [[1, "encoding"]]),
    "nul-byte": (lambda t: t.replace("Bjørn", "Bj\x00rn").encode("utf-8"), [[2, "encoding"]]),
    "latin-1": (lambda t: t.encode("latin-1"), [[2, "encoding"]]),
    "windows-1252-quotes": (lambda t: t.replace("Bjørn Example", "“Bjorn”").encode("cp1252"), [[2, "encoding"]]),
    "truncated-utf-8": (lambda t: t.encode("utf-8") + b"# \xe2\x82", [[6, "encoding"]]),
    "empty": (lambda t: b"", [[1, "empty"]]),
    "blank-lines-only": (lambda t: b"  \n\n \r\n", [[1, "empty"]]),
    "byte-order-mark-only": (lambda t: b"\xef\xbb\xbf", [[1, "empty"]]),
    "raw-bidi-override": (
        lambda t: t.replace("Bjørn Example", "Bjørn \u202eelpmaxE").encode("utf-8"),
        [[2, "text-invisible"]],
    ),
    "raw-control-character": (
        lambda t: t.replace("Bjørn Example", "Bjørn\x1b[31m Example").encode("utf-8"),
        [[2, "yaml-syntax"]],
    ),
    "raw-line-separator": (
        lambda t: t.replace("Bjørn Example", "Bjørn\u2028Example").encode("utf-8"),
        [[2, "line-separator"]],
    ),
    "raw-next-line": (
        lambda t: t.replace("Bjørn Example", "Bjørn\x85Example").encode("utf-8"),
        [[2, "line-separator"]],
    ),
    # International addresses (never stored in the repository: made here).
    "name-international-email": (
        lambda t: t.replace("Bjørn Example", "Bjørn kontakt" + "@" + "bücher.de").encode("utf-8"),
        [[2, "plaintext-email"]],
    ),
    "utf-16-with-email": (
        lambda t: ("\ufeff" + t + "# kontakt" + "@" + "bücher.de\n").encode("utf-16-le"),
        [[1, "encoding"], [6, "plaintext-email"]],
    ),
    "comment-international-email": (
        lambda t: (t + "# 用户" + "@" + "例子.广告\n").encode("utf-8"),
        [[6, "plaintext-email"]],
    ),
    "over-size-cap": (lambda t: (t + "# " + "x" * 8200 + "\n").encode("utf-8"), [[1, "file-too-large"]]),
}

# Names outside signatures/'s rule: lowercase a-z, digits, single hyphens, ".yaml".
BAD_FILE_NAMES = [
    "Bjorn-Example.yaml",
    "bjorn example.yaml",
    "bjørn.yaml",
    "bjorn.yml",
    "bjorn.YAML",
    "bjorn.txt",
    "bjorn.json",
    "bjorn",
    "bjorn--example.yaml",
    "-bjorn.yaml",
    ".bjorn.yaml",
    "bjorn.yaml.bak",
]


def _contact_variants(repo, retired_key) -> dict[str, str]:
    good = repo.contact(ADDRESS)
    scheme, kid, body = good.split(":")
    other_kid = "f" * 16 if kid != "f" * 16 else "e" * 16
    all_ones = base64.b64encode(bytes([0xFF]) * 384).decode("ascii")  # 2**3072 - 1: above any modulus
    return {
        "{{contact}}": good,
        "{{email}}": ADDRESS,
        "{{contact-not-base64}}": f"{scheme}:{kid}:{body[:200]}!{body[201:]}",
        "{{contact-cut-short}}": f"{scheme}:{kid}:{body[:400]}",
        "{{contact-unknown-key}}": f"{scheme}:{other_kid}:{body}",
        "{{contact-retired-key}}": encrypt_contact(ADDRESS, retired_key.public_key()),
        "{{contact-above-modulus}}": f"{scheme}:{kid}:{all_ones}",
    }


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(key, value)
    assert "{{" not in text, "unknown placeholder in the corpus"
    return text


def _transform(text: str, how: str | None) -> bytes:
    if how == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if how == "bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if how == "strip-final-newline":
        return text.rstrip("\n").encode("utf-8")
    assert how is None
    return text.encode("utf-8")


@pytest.fixture
def corpus_repo(repo, other_private_key):
    """The test repository with a retired second key and every valid corpus file in signatures/."""
    repo.add_key(other_private_key.public_key(), retired=RETIRED_ON)
    repo.values = _contact_variants(repo, other_private_key)
    repo.valid_texts = {}
    for case, options in VALID.items():
        text = _fill((CORPUS / "valid" / f"{case}.yaml").read_text(encoding="utf-8"), repo.values)
        repo.valid_texts[case] = text
        repo.write(f"{case}.yaml", _transform(text, options.get("transform")))
    return repo


def _hostile_case(repo, case: str) -> tuple[str, list[list]]:
    """Write one hostile case into the repository; returns its path as messages show it, and its expected problems."""
    if case in HOSTILE:
        repo.write(
            f"{case}.yaml",
            _fill((CORPUS / "hostile" / f"{case}.yaml").read_text(encoding="utf-8"), repo.values).encode("utf-8"),
        )
        return f"signatures/{case}.yaml", HOSTILE[case]
    if case in GENERATED:
        make, expected = GENERATED[case]
        repo.write(f"{case}.yaml", make(_fill(PLAIN, repo.values)))
        return f"signatures/{case}.yaml", expected
    if case.startswith("file-name:"):
        name = case.split(":", 1)[1]
        (repo.signatures / name).write_text(_fill(PLAIN, repo.values), encoding="utf-8")
        return f"signatures/{name}", [[1, "file-name"]]
    return _filesystem_case(repo, case)


def _filesystem_case(repo, case: str) -> tuple[str, list[list]]:
    path = repo.signatures / f"{case}.yaml"
    outside = repo.root.parent / "outside.yaml"
    outside.write_text(_fill(PLAIN, repo.values), encoding="utf-8")
    if case == "folder":
        path.mkdir()
        (path / "inner.yaml").write_text(_fill(PLAIN, repo.values), encoding="utf-8")
        return f"signatures/{case}.yaml", [[1, "file-directory"]]
    if case == "fifo":
        os.mkfifo(path)  # opening it would block: it must never be opened
        return f"signatures/{case}.yaml", [[1, "file-special"]]
    targets = {
        "symlink-to-valid-signature": repo.signatures / "latin-diacritics.yaml",
        "symlink-outside": outside,
        "symlink-dangling": repo.root / "nowhere.yaml",
        "symlink-to-device": Path("/dev/zero"),
        "symlink-to-folder": repo.signatures,
        "symlink-to-private-file": Path("/etc/shadow"),
    }
    path.symlink_to(targets[case])
    return f"signatures/{case}.yaml", [[1, "file-symlink"]]


FILESYSTEM = [
    "folder",
    "fifo",
    "symlink-to-valid-signature",
    "symlink-outside",
    "symlink-dangling",
    "symlink-to-device",
    "symlink-to-folder",
    "symlink-to-private-file",
]
ALL_HOSTILE = sorted(HOSTILE) + sorted(GENERATED) + FILESYSTEM + [f"file-name:{n}" for n in BAD_FILE_NAMES]


def _valid_paths() -> set[str]:
    return {f"signatures/{case}.yaml" for case in VALID}


def test_corpus_is_complete_and_consistent():
    stored_hostile = {p.stem for p in (CORPUS / "hostile").glob("*.yaml")}
    stored_valid = {p.stem for p in (CORPUS / "valid").glob("*.yaml")}
    assert stored_hostile == set(HOSTILE), "every hostile file has its expectation, and every expectation its file"
    assert stored_valid == set(VALID)
    assert {p.stem for p in (CORPUS / "warned").glob("*.yaml")} == set(WARNED)
    assert not (set(HOSTILE) | set(GENERATED) | set(FILESYSTEM)) & set(VALID)
    for path in CORPUS.rglob("*"):
        if path.is_file():
            assert not EMAIL_SHAPE.search(path.read_text(encoding="utf-8")), (
                f"{path} holds an address: generate it in the test"
            )
    # A repeat is blamed on the later file (path order): the valid originals must sort first.
    for case in [*HOSTILE, *WARNED]:
        if case.startswith("repeat-"):
            originals = (
                "alice-martin",
                "coco-open-lab",
                "github-login",
                "latin-diacritics",
                "maxim",
                "farrokh-farrokhnia",
            )
            assert all(v < case for v in originals)


@pytest.mark.parametrize("case", ALL_HOSTILE)
def test_hostile_file_refused_and_nothing_else_lost(corpus_repo, case):
    """Each hostile file among all the valid ones: exactly its problems, and every valid file still accepted."""
    shown, expected = _hostile_case(corpus_repo, case)
    result = check(corpus_repo.settings(), today=dt.date(2026, 11, 28))
    assert not result.ok
    got = sorted([p.line, p.code] for p in result.problems)
    assert {p.path for p in result.problems} == {shown}, got
    assert got == sorted(expected)
    # A repeat is a valid file in itself: refused by the collection check, not by the schema.
    assert {e.path for e in result.entries} == _valid_paths() | ({shown} if case.startswith("repeat-") else set())
    for problem in result.problems:
        assert problem.message and problem.line >= 1
        assert not EMAIL_SHAPE.search(problem.message), "a message must never echo an address"
        assert not any(unicodedata.category(ch) in ("Cc", "Cf") for ch in problem.message)


@pytest.mark.parametrize("case", sorted(WARNED))
def test_a_possible_duplicate_on_a_shared_name_only_is_published_with_a_warning(corpus_repo, case):
    """Only a shared name (or the same name in another script): a maintainer looks, nobody is refused."""
    shown = f"signatures/{case}.yaml"
    corpus_repo.write(
        f"{case}.yaml",
        _fill((CORPUS / "warned" / f"{case}.yaml").read_text(encoding="utf-8"), corpus_repo.values).encode("utf-8"),
    )
    result = check(corpus_repo.settings(), today=dt.date(2026, 11, 28))
    assert result.ok
    assert sorted([p.path, p.line, p.code, p.severity] for p in result.problems) == sorted(
        [shown, line, code, "warning"] for line, code in WARNED[case]
    )
    assert {e.path for e in result.entries} == _valid_paths() | {shown}
    assert "possible duplicate of signatures/" in result.problems[0].message


@pytest.mark.parametrize("case", sorted(HOSTILE) + sorted(GENERATED) + ["fifo", "symlink-outside"])
def test_hostile_file_refused_when_checked_alone_as_a_pull_request_does(corpus_repo, case):
    shown, expected = _hostile_case(corpus_repo, case)
    result = check(corpus_repo.settings(), [corpus_repo.root / shown], today=dt.date(2026, 11, 28))
    assert result.checked == [shown]
    assert sorted([p.path, p.line, p.code] for p in result.problems) == sorted([shown, *e] for e in expected)


def test_command_line_reports_every_hostile_file_in_one_run(corpus_repo, capsys):
    """One run over all of them: each file's problems exactly, the valid files untouched, no traceback."""
    expected = {}
    for case in ALL_HOSTILE:
        shown, problems = _hostile_case(corpus_repo, case)
        expected[shown] = sorted(problems)
    code = cli.main(["--root", str(corpus_repo.root), "check", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out + err and err == ""
    report = json.loads(out)
    got: dict[str, list] = {}
    for problem in report["problems"]:
        got.setdefault(problem["path"], []).append([problem["line"], problem["code"]])
    assert {k: sorted(v) for k, v in got.items()} == expected
    repeats = {f"signatures/{case}.yaml" for case in HOSTILE if case.startswith("repeat-")}
    assert {s["path"] for s in report["signatures"]} == _valid_paths() | repeats  # valid files, refused as repeats
    assert not EMAIL_SHAPE.search(out)
    assert "contact" not in json.dumps(report["signatures"])


def test_command_line_text_output_names_file_and_line(corpus_repo, capsys):
    _hostile_case(corpus_repo, "name-script-tag")
    _hostile_case(corpus_repo, "many-problems-in-one-file")
    code = cli.main(["--root", str(corpus_repo.root), "check"])
    out, err = capsys.readouterr()
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert (
        "signatures/name-script-tag.yaml:2: “name” contains “<” or “>”: these are not allowed, because "
        "they could be read as web page markup. Use parentheses instead." in lines
    )
    many = [line for line in lines if line.startswith("signatures/many-problems-in-one-file.yaml:")]
    assert [line.split(":")[1] for line in many] == ["1", "3", "4", "5"]
    assert lines[-1] == f"5 problems in 2 of {len(VALID) + 2} files. Fix them and run the check again."


def test_file_names_differing_only_in_case(corpus_repo):
    (corpus_repo.signatures / "Cyrillic.yaml").write_text(corpus_repo.valid_texts["cyrillic"], encoding="utf-8")
    result = check(corpus_repo.settings())
    assert [(p.path, p.line, p.code) for p in result.problems] == [("signatures/Cyrillic.yaml", 1, "file-name")]
    assert {e.path for e in result.entries} == _valid_paths()


def test_size_cap_boundary(corpus_repo):
    text = _fill(PLAIN, corpus_repo.values)
    cap = corpus_repo.settings().max_file_bytes
    padding = cap - len(text.encode("utf-8")) - len("#\n")
    corpus_repo.write("at-the-cap.yaml", (text + "#" + "x" * padding + "\n").encode("utf-8"))
    assert (corpus_repo.signatures / "at-the-cap.yaml").stat().st_size == cap
    result = check(corpus_repo.settings())
    assert result.ok and "signatures/at-the-cap.yaml" in {e.path for e in result.entries}


def test_a_reused_github_login_is_reported_whatever_its_case(corpus_repo):
    corpus_repo.sign("maria-example", "Maria Example", github="ANNA-K")
    result = check(corpus_repo.settings())
    assert [(p.path, p.line, p.code) for p in result.problems] == [
        ("signatures/maria-example.yaml", 3, "duplicate-github")
    ]
    assert "possible duplicate of signatures/github-login.yaml" in result.problems[0].message


# --- valid files: accepted and published exactly as written ------------------------------------


class _ListText(html.parser.HTMLParser):
    """textContent of every <li id=…> in the signatories list, and the text of each <bdi> inside."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: dict[str, str] = {}
        self.bdis: dict[str, list[str]] = {}
        self.tags: dict[str, list[str]] = {}
        self.hrefs: dict[str, list[str]] = {}
        self._li: str | None = None
        self._bdi: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "li" and dict(attrs).get("id"):
            self._li = dict(attrs)["id"]
            self.items[self._li], self.bdis[self._li], self.tags[self._li] = "", [], []
            self.hrefs[self._li] = []
        elif self._li is not None:
            self.tags[self._li].append(tag)
            if tag == "a":
                self.hrefs[self._li].append(dict(attrs)["href"])
            if tag == "bdi":
                self._bdi = []

    def handle_endtag(self, tag):
        if tag == "li":
            self._li = None
        elif tag == "bdi" and self._li is not None and self._bdi is not None:
            self.bdis[self._li].append("".join(self._bdi))
            self._bdi = None

    def handle_data(self, data):
        if self._li is not None:
            self.items[self._li] += data
            if self._bdi is not None:
                self._bdi.append(data)


def _oracle(text: str) -> dict[str, str]:
    """What the file says, read by PyYAML's all-strings loader (independent of petition's loader), NFC."""
    return {k: unicodedata.normalize("NFC", v) for k, v in yaml.load(text, Loader=yaml.BaseLoader).items()}


def test_valid_corpus_is_published_exactly_as_written(corpus_repo):
    result = check(corpus_repo.settings())
    assert result.ok, result.problems
    assert {e.path for e in result.entries} == _valid_paths()

    built = corpus_repo.build()
    assert built.returncode == 0, built.stderr

    page = _ListText()
    page.feed((corpus_repo.site / "signatories" / "index.html").read_text(encoding="utf-8"))
    exported = {
        row["slug"]: row
        for row in json.loads((corpus_repo.site / "signatories.json").read_text(encoding="utf-8"))["signatories"]
    }
    with open(corpus_repo.site / "signatories.csv", encoding="utf-8", newline="") as handle:
        spreadsheet = {row["slug"]: row for row in csv.DictReader(handle)}
    assert set(page.items) == set(exported) == set(spreadsheet) == set(VALID)

    for case, text in corpus_repo.valid_texts.items():
        want = _oracle(text)
        name, affiliation, country = want["name"], want.get("affiliation", ""), want.get("country", "")
        shown = name + (f", {country_name(country)}" if country else "") + (f" ({affiliation})" if affiliation else "")
        assert page.items[case] == shown
        assert page.bdis[case] == [name] + ([affiliation] if affiliation else [])
        assert set(page.tags[case]) <= {"a", "bdi"}
        # The name is the link's text; the link goes to the website as written, or to the form of an
        # international name that shows what it is (the manifest's ``href``).
        assert page.hrefs[case] == ([VALID[case].get("href", want["website"])] if "website" in want else [])
        for row in (exported[case], spreadsheet[case]):
            assert (row["name"], row["affiliation"], row["country"], row["type"]) == (
                name,
                affiliation,
                country,
                want["type"],
            )
    assert (
        exported["country-no-unquoted"]["country"] == "NO"
        and exported["country-no-unquoted"]["country_name"] == "Norway"
    )
    assert exported["surname-null-yes"]["affiliation"] == "Yes"
    everything = "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in corpus_repo.site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".csv", ".xml", ".js")
    )
    assert corpus_repo.values["{{contact}}"].split(":")[2][:64] not in everything
    assert ADDRESS not in everything


def test_a_hostile_file_stops_the_site_build(corpus_repo):
    _hostile_case(corpus_repo, "name-script-tag")
    built = corpus_repo.build()
    assert built.returncode != 0
    assert "signatures/name-script-tag.yaml:2:" in built.stderr + built.stdout
    assert not (corpus_repo.site / "signatories.json").exists()


def test_transforms_really_change_the_bytes(corpus_repo):
    """The line-ending, BOM and final-newline cases are what they say on disk."""
    assert b"\r\n" in (corpus_repo.signatures / "windows-line-endings.yaml").read_bytes()
    assert (corpus_repo.signatures / "byte-order-mark.yaml").read_bytes().startswith(b"\xef\xbb\xbf")
    assert not (corpus_repo.signatures / "no-final-newline.yaml").read_bytes().endswith(b"\n")
    assert "\u200c" in _oracle(corpus_repo.valid_texts["persian-zero-width-non-joiner"])["name"]


NAME_SHAPES = yaml.safe_load((Path(__file__).parent / "data" / "name-shapes.yaml").read_text(encoding="utf-8"))


def test_real_world_shapes_of_names_all_pass_and_are_published_verbatim(repo):
    """Parentheses, nicknames in quotes, initials, particles, titles, digits, every major script, long
    names: written by the product's writer, each accepted with no warning, and shown as typed."""
    for number, (name, country) in enumerate(NAME_SHAPES):
        repo.sign(f"shape-{number:03d}", name, **({"country": country} if country else {}))
    result = check(repo.settings())
    assert result.ok and result.problems == [], result.problems
    built = repo.build()
    assert built.returncode == 0, built.stderr
    page = _ListText()
    page.feed((repo.site / "signatories" / "index.html").read_text(encoding="utf-8"))
    for number, (name, country) in enumerate(NAME_SHAPES):
        slug = f"shape-{number:03d}"
        want = unicodedata.normalize("NFC", name)
        assert page.bdis[slug] == [want]
        assert page.items[slug] == want + (f", {country_name(country)}" if country else "")
