"""Property tests: whatever bytes a file holds, loading and validating it ends in a valid signature or
a clean list of problems (each with the file and a line), never an exception, in bounded time."""

from __future__ import annotations

import datetime as dt
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import quoted_lines, signature_text
from petition.check.onefile import validate
from petition.load.document import load
from petition.model.fields import NAMES
from petition.model.keys import load_keyring
from petition.model.versions import known_versions
from petition.settings import load_settings

# Generous: a file is at most 8 KiB; real ones take well under a millisecond.
BOUND_SECONDS = 2.0
TODAY = dt.date(2026, 11, 28)
PROFILE = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
FIELDS = list(NAMES)  # petition.model.fields: every field, in the written order


class Target:
    """One signature file in a throw-away repository, loaded and validated as `petition check` does."""

    def __init__(self, root: Path, contact: str):
        self.settings = load_settings(root)
        self.keyring, _ = load_keyring(self.settings.keys_path, root)
        self.versions = known_versions(self.settings)
        self.path = self.settings.signatures_path / "subject.yaml"
        self.contact = contact
        self.worst = 0.0

    def run(self, data: bytes):
        self.path.write_bytes(data)
        start = time.perf_counter()
        doc, problems = load(self.path, self.settings)
        entry = None
        if doc is not None:
            entry, more = validate(doc, self.keyring, TODAY, self.versions)
            problems = problems + more
        elapsed = time.perf_counter() - start
        self.worst = max(self.worst, elapsed)
        assert elapsed < BOUND_SECONDS, f"{elapsed:.2f} s for one file"
        lines = max(1, data.count(b"\n") + data.count(b"\r") + 1)
        if problems:
            for p in problems:
                assert p.path == "signatures/subject.yaml"
                assert isinstance(p.line, int) and 1 <= p.line <= lines, (p, lines)
                assert isinstance(p.message, str) and p.message.strip() and p.code
        else:
            assert entry is not None and doc is not None
        return doc, entry, problems


@pytest.fixture(scope="module")
def target(tmp_path_factory, private_key):
    import shutil

    from conftest import REPO, Repo

    root = tmp_path_factory.mktemp("properties") / "repo"
    root.mkdir()
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("keys"))
    (root / "signatures").mkdir()
    repo = Repo(root, private_key)
    repo.add_key(private_key.public_key())
    made = Target(root, repo.contact())
    yield made
    print(f"\nworst time for one file: {made.worst * 1000:.1f} ms")


# --- arbitrary bytes -----------------------------------------------------------------------------

VALID_TEXT = 'type: individual\nname: Anna Example\nsigned: 2026-01-15\nversion: "1"\ncontact: CONTACT\n'


@PROFILE
@given(data=st.binary(max_size=9000))
def test_arbitrary_bytes(target, data):
    target.run(data)


@PROFILE
@given(junk=st.binary(min_size=1, max_size=64), where=st.floats(0, 1), bom=st.booleans())
def test_valid_file_with_bytes_spliced_in(target, junk, where, bom):
    text = VALID_TEXT.replace("CONTACT", target.contact).encode("utf-8")
    at = int(len(text) * where)
    target.run((b"\xef\xbb\xbf" if bom else b"") + text[:at] + junk + text[at:])


# --- arbitrary YAML-shaped text ------------------------------------------------------------------

# Characters that matter to YAML, HTML, Markdown, spreadsheets, terminals and the bidi algorithm.
SPECIAL = list(":-?[]{},#&*!|>'\"%@`<>=+;/\\ \t.()$") + [
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200c",
    "\u200d",
    "\ufeff",
    "\x85",
    "\u2028",
    "\x00",
    "\x07",
    "\x1b",
    "é",
    "а",
    "ß",
    "ﬁ",
    "𝐚",
    "م",
    "ש",
    "\u0301",
]
char = st.one_of(st.sampled_from(SPECIAL), st.characters(codec="utf-8"), st.sampled_from("abcxyzAB019"))
word = st.text(char, min_size=0, max_size=12)


def _double_quoted(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _single_quoted(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


scalar = st.one_of(
    word,
    word.map(_double_quoted),
    word.map(_single_quoted),
    st.sampled_from(
        [
            "individual",
            "organization",
            "NO",
            "no",
            "yes",
            "null",
            "~",
            "2026-01-15",
            "2999-01-01",
            "2026-02-30",
            '"1"',
            "1",
            "founding",
            "imported",
            "https://example.org/",
            "javascript:alert(1)",
            "octocat",
            "-x-",
        ]
    ),
    st.builds(lambda a, w: f"&{a} {w}", st.sampled_from(["a", "b", "x1"]), word),
    st.sampled_from(["*a", "*b", "*x1"]),
    st.builds(
        lambda t, w: f"{t} {w}",
        st.sampled_from(
            ["!!str", "!!binary", "!!python/object:os.system", "!x", "!<tag:yaml.org,2002:str>", "!!map", "!!int"]
        ),
        word,
    ),
    st.lists(word, max_size=4).map(lambda ws: "[" + ", ".join(ws) + "]"),
    st.lists(st.tuples(word, word), max_size=3).map(lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"),
    st.builds(lambda s, w: f"{s}\n  {w}\n", st.sampled_from(["|", ">", "|-", ">+", "|2"]), word),
    st.just("CONTACT"),
)
key = st.one_of(st.sampled_from(FIELDS), st.sampled_from(["<<", "? name", "- name", "", "Name", "e-mail"]), word)
line = st.builds(
    lambda indent, k, sep, v, comment: f"{indent}{k}{sep}{v}{comment}",
    st.sampled_from(["", "", "", " ", "  ", "\t", "- "]),
    key,
    st.sampled_from([": ", ": ", ":", " : ", ":\t", ": &a ", ": !!str "]),
    scalar,
    st.one_of(st.just(""), st.just(""), word.map(lambda w: f"  # {w}")),
)
extra_line = st.one_of(
    line, st.sampled_from(["---", "...", "%YAML 1.1", "%TAG ! tag:x,2026:", "# comment", "", "  ", "-", "? ", "|"])
)
document = st.builds(
    lambda bom, head, body, eol, final: ("\ufeff" if bom else "") + eol.join(head + body) + (eol if final else ""),
    st.booleans(),
    st.lists(st.sampled_from(["---", "%YAML 1.1\n---", "# header"]), max_size=1),
    st.lists(st.one_of(line, line, extra_line), min_size=0, max_size=14),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.booleans(),
)


@PROFILE
@given(text=document)
def test_arbitrary_yaml_shaped_text(target, text):
    target.run(text.replace("CONTACT", target.contact).encode("utf-8", errors="surrogatepass"))


# --- valid signatures in any script: accepted, the name exactly as written -----------------------

SCRIPTS = [
    (0x41, 0x24F),
    (0x410, 0x44F),
    (0x391, 0x3C9),
    (0x621, 0x64A),
    (0x5D0, 0x5EA),
    (0x905, 0x939),
    (0x4E00, 0x4FFF),
    (0xAC00, 0xACFF),
    (0xE01, 0xE2E),
]


@st.composite
def names(draw):
    low, high = draw(st.sampled_from(SCRIPTS))
    letters = st.characters(min_codepoint=low, max_codepoint=high, categories=("Lu", "Ll", "Lo"))
    words = draw(st.lists(st.text(letters, min_size=1, max_size=10), min_size=1, max_size=4))
    joins = draw(
        st.lists(
            st.sampled_from([" ", " ", "-", "'", " & ", ", ", ". "]), min_size=len(words) - 1, max_size=len(words) - 1
        )
    )
    out = words[0]
    for sep, w in zip(joins, words[1:]):
        out += sep + w
    return out


@PROFILE
@given(
    name=names(),
    affiliation=st.one_of(st.none(), names()),
    country=st.sampled_from([None, "NO", "IL", "EG", "IN", "CN", "JP", "KR", "TH", "GR", "RU"]),
)
def test_valid_names_in_any_script_are_kept_exactly(target, name, affiliation, country):
    fields = {
        "type": "individual",
        "name": name,
        "affiliation": affiliation,
        "country": country,
        "signed": "2026-01-15",
        "version": "1",
        "contact": target.contact,
    }
    # As the product writes the file, and as a person writes one by hand with every value quoted.
    for text in (signature_text(**fields), quoted_lines(**fields)):
        doc, entry, problems = target.run(text.encode("utf-8"))
        assert problems == [], (name, problems)
        assert entry.signature.name == unicodedata.normalize("NFC", name)
        assert entry.signature.affiliation == (unicodedata.normalize("NFC", affiliation) if affiliation else None)


# --- the worst cases we know of, each within the bound -------------------------------------------

PATHOLOGICAL = {
    "brackets": "type: individual\nname: '" + "[" * 8000 + "'\n",
    "dotted-words": "type: individual\nname: Anna\n# " + "a." * 4000 + "\n",
    "at-signs": "type: individual\nname: Anna\n# " + "a@b" + ".b" * 3990 + "\n",
    "deep-flow-nesting": "type: individual\nname: " + "[" * 4000 + "]" * 4000 + "\n",
    "deep-block-nesting": "".join(" " * i + f"k{i}:\n" for i in range(120)),
    "many-keys": "".join(f"k{i}: v\n" for i in range(1000)),
    "long-name": "type: individual\nname: " + "Anna " * 1600 + "\n",
    "entities": "type: individual\nname: " + "&a" * 3900 + "\n",
    "billion-laughs": 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10)),
    "mixed-scripts": "type: individual\nname: " + " ".join(["Pаypal"] * 1000) + "\n",
    "quotes-swallowing-lines": 'type: individual\nname: "' + "x\n" * 3000 + '"\n',
}


@pytest.mark.parametrize("case", sorted(PATHOLOGICAL))
def test_known_worst_cases_stay_bounded(target, case):
    data = PATHOLOGICAL[case].encode("utf-8")
    assert len(data) <= target.settings.max_file_bytes
    doc, entry, problems = target.run(data)
    assert entry is None and problems
