"""The fast loader gives exactly what the event-level PyYAML loader gives, on every file it accepts."""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from petition.load.document import parse_events
from petition.load.plainyaml import parse_commented, parse_simple

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import bench  # noqa: E402  (the benchmark's generator makes realistic files)

# Characters that matter to YAML, plus letters of several scripts, spaces of several kinds and
# characters YAML refuses: the generator builds lines from them so borderline cases are common.
TRICKY = list(":#-?,[]{}'\"!&*|>%@`~ \t\r\x85\u2028\u2029\ufeff\x00\x07\x7f\x9f\xa0\u3000\u200b\u0301") + [
    "\ud800",
    "\U0001f600",
]
LETTERS = list("aAzZ09_.+/=") + list("éøÇЖжΩعבअ中한ไ")
CHARS = st.sampled_from(TRICKY + LETTERS)
KEYS = st.sampled_from(
    ["type", "name", "country", "signed", "contact", "yes", "no", "<<", "a b", "Name", "x-y", "", "_"]
)


@st.composite
def lines(draw):
    kind = draw(st.sampled_from(["pair", "pair", "pair", "comment", "blank", "raw", "indented"]))
    value = draw(st.text(CHARS, max_size=12))
    if kind == "pair":
        sep = draw(st.sampled_from([": ", ":", ":  ", " : ", ": \t"]))
        return draw(KEYS) + sep + value
    if kind == "comment":
        return "#" + value
    if kind == "blank":
        return draw(st.sampled_from(["", " ", "  "]))
    if kind == "indented":
        return " " + draw(KEYS) + ": " + value
    return value


# Mostly-plain files where a line now and then carries one tricky character: the cases the fast
# path must get right (about half of these are accepted, so the comparison below really runs).
@st.composite
def near_plain_value(draw):
    value = draw(st.text(st.sampled_from(LETTERS + [" "]), min_size=1, max_size=14))
    if draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(0, len(value)))
        value = value[:at] + draw(st.sampled_from(TRICKY)) + value[at:]
    return value


SIMPLE_KEYS = st.sampled_from(["type", "name", "country", "signed", "contact", "on", "no", "sort_as"])
NEAR_SIMPLE = st.builds(
    lambda pairs, comment, end: (
        ("# " + comment + "\n" if comment else "") + "\n".join(f"{k}: {v}" for k, v in pairs) + end
    ),
    st.lists(st.tuples(SIMPLE_KEYS, near_plain_value()), min_size=1, max_size=4, unique_by=lambda kv: kv[0]),
    near_plain_value(),
    st.sampled_from(["", "\n", "\n\n"]),
)

TEXTS = st.builds(
    lambda ls, end: "\n".join(ls) + end,
    st.lists(lines(), min_size=1, max_size=6),
    st.sampled_from(["", "\n", "\r\n", "\n\n"]),
)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXTS, NEAR_SIMPLE))
@example("type: individual\nname: Vries, Anna de\ncountry: NO\n")
@example("name: -b\n")
@example("name: :b\n")
@example("name: b:\n")
@example("name: a\u00a0\n")
@example("name: b -c\n")
def test_fast_path_agrees_with_pyyaml(text):
    fast = parse_simple(text)
    if fast is not None:
        assert parse_events(text, "x.yaml") == (fast, [])


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_generated_signatures_take_the_fast_path_and_agree(seed):
    contacts = ["rsa-oaep-sha256:0123456789abcdef:" + "A" * 512]
    for _, text in bench.signature_texts(3, contacts, seed=seed):
        fast = parse_simple(text)
        assert fast is not None, text
        assert parse_events(text, "x.yaml") == (fast, [])


def test_anything_unusual_falls_back():
    for text in [
        "type: 'individual'\n",
        "name: a # comment\n",
        "name: &a x\n",
        "name: [a]\n",
        "type: individual\r\n",
        "name: a\n  b\n",
        "---\ntype: individual\n",
        "name:\n",
        "name: a\nname: b\n",
        "# only a comment\n",
    ]:
        assert parse_simple(text) is None, text


# The line-by-line parse_simple against the whole-file match it replaced (parse_simple_whole):
# the same answer on every text, accepted or not. Lines long enough to be contacts, ASCII and
# not, with one odd character now and then, are where the C-speed tests stand in for the pattern.
ODD = list(
    ":#-?,[]{}'\"!&*|>%@` \t\r\x00\x01\x1b\x1f\x7f\x80\x85\x9f\xa0\xad\u200b\u200d\u2028\ufeff\ufffe\uffff\u3000"
) + ["\ud800", "\U000e0001", "\U0010ffff"]
BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


@st.composite
def long_value(draw):
    body = draw(st.text(st.sampled_from(list(BASE64) + LETTERS), min_size=1, max_size=600))
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(body)))
        body = body[:at] + draw(st.sampled_from(ODD + TRICKY)) + body[at:]
    return body


@st.composite
def mixed_lines(draw):
    kind = draw(st.sampled_from(["pair", "pair", "long", "comment", "blank", "odd-key"]))
    if kind == "pair":
        return draw(SIMPLE_KEYS) + ": " + draw(near_plain_value())
    if kind == "long":
        return draw(SIMPLE_KEYS) + ": " + draw(long_value())
    if kind == "comment":
        return "#" + draw(st.text(st.sampled_from(LETTERS + ODD + [" "]), max_size=20))
    if kind == "odd-key":
        return (
            draw(st.sampled_from(["_", "a" * 40, "a" * 41, "Key", "k9", "k-y", "é", ""]))
            + ": "
            + draw(near_plain_value())
        )
    return ""


MIXED = st.builds(
    lambda ls, end: "\n".join(ls) + end,
    st.lists(mixed_lines(), min_size=1, max_size=8),
    st.sampled_from(["", "\n", "\n\n"]),
)


@settings(max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXTS, NEAR_SIMPLE, MIXED))
@example("name: -\n")
@example("name: ?")
@example("name: : x\n")
@example("# a: b\nname: x\n")
@example("name: x: y\n")
@example("name: a\x7fb\n")
@example("name: a\x85b\n")
@example("name: a\u00a0b\n")
@example("_: x\n")
@example("a" * 41 + ": x\n")
@example("name: [x\n# ]\n")
@example("# [\nname: x\n")
@example("name: x\nname: y\n")
@example("#\n\n")
def test_line_by_line_equals_the_whole_file_match(text):
    from oracles import parse_simple_whole

    assert parse_simple(text) == parse_simple_whole(text)


def test_line_by_line_takes_the_signature_files_the_whole_match_takes():
    contacts = ["rsa-oaep-sha256:0123456789abcdef:" + (BASE64 * 8)]
    from oracles import parse_simple_whole

    texts = [text for _, text in bench.signature_texts(500, contacts, seed=11)]
    assert all(parse_simple(t) is not None and parse_simple(t) == parse_simple_whole(t) for t in texts)


# parse_commented: the lines people write by hand (a comment after a value, single quotes, spaces
# after a value, comment lines holding anything), each read as PyYAML reads it, or left to PyYAML.
HAND_VALUE = st.one_of(
    near_plain_value(),
    near_plain_value().map(lambda v: "'" + v.replace("'", "''") + "'"),
    near_plain_value().map(lambda v: "'" + v + "'"),  # a lone quote inside: a value cut short, or the line refused
    near_plain_value().map(lambda v: '"' + v + '"'),
    near_plain_value().map(lambda v: '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'),
)
TAILS = st.sampled_from(
    ["", " ", "   ", " #", " # c", "  # or: x", "#c", " #'", ' # "', " # [", " # {", "\t# x", " # \x85", " # \u200b"]
    + ["'", " x", " '", ' "', " # a\u00a0b", "  #  # x"]
)


@st.composite
def hand_lines(draw):
    kind = draw(st.sampled_from(["pair", "pair", "pair", "comment", "blank", "empty value"]))
    if kind == "pair":
        return draw(SIMPLE_KEYS) + ": " + draw(HAND_VALUE) + draw(TAILS)
    if kind == "comment":
        return "#" + draw(st.text(st.sampled_from(LETTERS + TRICKY + [" "]), max_size=12))
    if kind == "empty value":
        return draw(SIMPLE_KEYS) + ":" + draw(TAILS)
    return ""


HAND = st.builds(
    lambda ls, end: "\n".join(ls) + end,
    st.lists(hand_lines(), min_size=1, max_size=6),
    st.sampled_from(["", "\n", "\n\n"]),
)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(HAND, HAND, TEXTS, NEAR_SIMPLE, MIXED))
@example("name: 'it''s'\n")
@example("name: ''\n")
@example("name: 'a'''\n")
@example("name: 'a''\n")
@example("name: 'a' 'b'\n")
@example("name: 'a \\ \"b\"' # c\n")
@example("name: 'a # b: [c]'\n")
@example('name: "a" # c\n')
@example('name: "a"#c\n')
@example("name: a#b # c\n")
@example("name: a   \n")
@example("name:  # c\n")
@example("name: # c\n")
@example("name: a: # c\n")
@example("name: a: b # c\n")
@example("name: [a] # c\n")
@example("name: a # c [\n")
@example("# a: b # c\nname: x\n")
@example("# only a comment\n")
@example("name: a # c\x85\n")
def test_hand_written_lines_read_as_pyyaml_reads_them(text):
    fast = parse_commented(text)
    if fast is not None:
        assert parse_events(text, "x.yaml") == (fast, [])
    simple = parse_simple(text)
    if simple is not None:  # every file the narrow way takes, read the same
        assert fast == simple


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_hand_written_signatures_take_the_commented_path_and_agree(seed):
    rnd = random.Random(seed)
    values = bench.endorsement(rnd, seed, dt.date(2026, 6, 1))
    values |= {"version": "1", "contact": "rsa-oaep-sha256:0123456789abcdef:" + "A" * 512}
    text = bench.hand_text(rnd, values).removeprefix("\ufeff")  # the byte order mark is the decoder's business
    fast = parse_commented(text)
    assert fast is not None, text
    assert parse_events(text, "x.yaml") == (fast, [])


# What the author sees: the loader (fast path or PyYAML's events) publishes a value only when it is
# what PyYAML's own loader reads and what the file shows in an editor, the rest of the key's line
# (a quoted value: the text between its quotes). A "#" after a plain value would make them differ:
# YAML drops it and what follows as a comment, so the loader refuses it (code yaml-comment).
def _as_the_editor_shows(rest: str) -> str:
    """The value as the line shows it: a quoted one up to its closing quote, a plain one whole."""
    quote = rest[:1]
    if quote not in ("'", '"'):
        return rest.rstrip(" \t")
    out, at = [], 1
    while rest[at] != quote or (quote == "'" and rest[at : at + 2] == "''"):
        if quote == '"' and rest[at] == "\\" or quote == "'" and rest[at] == "'":
            at += 1
        out.append(rest[at])
        at += 1
    return "".join(out)


EDITOR_TAILS = st.sampled_from(["", " ", " # note", "  # or: x", " #2 Collective", " #", "#x", " ## a", "\t# x", " \t"])


@st.composite
def commented_lines(draw):
    value = draw(HAND_VALUE)
    if value[:1] == '"' and "\\" in value[1:-1].replace("\\\\", "").replace('\\"', ""):
        value = '"x"'  # YAML's other escapes are shown as escapes: not what this test is about
    return draw(SIMPLE_KEYS) + ": " + value + draw(EDITOR_TAILS)


COMMENTED = st.builds(
    lambda ls, end: "\n".join(ls) + end,
    st.lists(st.one_of(commented_lines(), hand_lines()), min_size=1, max_size=5),
    st.sampled_from(["", "\n"]),
)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(COMMENTED, HAND))
@example("name: Bar #2 Collective\n")
@example('name: "Bar" # note\n')
@example("name: 'Bar #2' # note\n")
@example("name: Bar#2\n")
@example("country: NL   # optional\n")
@example("#\r#\ntype: :0")  # a lone CR ends a line for YAML, as for editors
def test_every_value_read_is_what_pyyaml_reads_and_the_editor_shows(text):
    import yaml

    from petition.load.document import parse

    if any("\ud800" <= ch <= "\udfff" for ch in text):
        return  # no file decodes to a lone surrogate
    parsed, problems = parse(text, "x.yaml")
    if parsed is None:
        return
    fields, lines = parsed
    assert yaml.load(text, Loader=yaml.CBaseLoader) == fields  # the parser the loader reads events from
    rows = re.split("\r\n|[\r\n\x85\u2028\u2029]", text)  # the line breaks YAML counts lines by
    for key, value in fields.items():
        rest = rows[lines[key] - 1][len(key) + 1 :].lstrip(" \t")  # the space after the colon is no part of it
        assert value == _as_the_editor_shows(rest), text


def test_a_comment_after_a_plain_value_is_refused_on_every_path():
    from petition.load.document import parse

    for text in ["type: individual\nname: Bar #2 Collective\n", "name: Anna   # my name\n", "country: NL # optional\n"]:
        assert parse_simple(text) is None and parse_commented(text) is None
        parsed, problems = parse(text, "x.yaml")
        assert parsed is None and [p.code for p in problems] == ["yaml-comment"]
        assert problems[0].line == text.count("\n", 0, text.index(" #")) + 1
        assert "double quotes" in problems[0].message
    # After a closing quote the note is plainly outside the value: allowed, on the fast path too.
    assert parse_commented('name: "Bar #2" # note\n') == ({"name": "Bar #2"}, {"name": 1})
    two = parse("name: a # x\ncountry: NL # y\n", "x.yaml")[1]
    assert [p.line for p in two] == [1, 2]  # every such line in one run
