"""The writer of signature files: plain YAML where plain is safe, quoted where a reader could misread it, read back
the same by every reader."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from petition.load.document import parse
from petition.model.freetext import NAME_MAX, check_text
from petition.model.writer import file_text, scalar, yaml_quote
from yamlvalues import PLAIN, QUOTED


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60))
def test_any_accepted_text_survives_the_yaml_round_trip(value):
    try:
        value = check_text(value, NAME_MAX)
    except Exception:  # noqa: BLE001 - refused by the schema: the form would not write it
        return
    parsed, problems = parse(file_text({"type": "individual", "name": value}), "signatures/x.yaml")
    assert problems == [] and parsed[0]["name"] == value


def test_yaml_quote_escapes_quotes_and_backslashes():
    assert yaml_quote('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    with pytest.raises(ValueError):
        file_text({"email": "x"})


def test_a_written_file_is_plain_where_plain_is_safe():
    contact = "rsa-oaep-sha256:0123456789abcdef:" + "AB+/" * 128
    text = file_text(
        {
            "type": "individual",
            "name": "Anna de Vries",
            "sort_as": "Vries, Anna de",
            "affiliation": "law professor at the University of Ottawa",
            "country": "NO",
            "website": "https://example.org/a?b=c#d",
            "github": "anna-dev",
            "signed": "2026-11-28",
            "version": "1",
            "contact": contact,
        }
    )
    assert text == (
        "type: individual\nname: Anna de Vries\nsort_as: Vries, Anna de\naffiliation: law professor at "
        "the University of Ottawa\n"
        'country: "NO"\nwebsite: https://example.org/a?b=c#d\ngithub: anna-dev\nsigned: "2026-11-28"\nversion: "1"\n'
        f"contact: {contact}\n"
    )


@pytest.mark.parametrize("value", QUOTED)
def test_values_a_reader_could_misread_are_quoted(value):
    assert scalar(value) == yaml_quote(value)


@pytest.mark.parametrize("value", PLAIN)
def test_plain_text_stays_plain(value):
    assert scalar(value) == value


def _readers():
    """The three ways a written line is read: PyYAML's event-level loader (the checker), its
    safe_load (YAML 1.1 resolvers), and a YAML 1.2 core-schema reader (what editors validate with)."""
    import yaml
    from ruamel.yaml import YAML

    ruamel = YAML(typ="safe", pure=True)  # pure: the version setting applies to its resolvers
    ruamel.version = (1, 2)
    return {
        "BaseLoader": lambda text: yaml.load(text, Loader=yaml.BaseLoader),
        "safe_load (1.1)": yaml.safe_load,
        "ruamel (1.2)": ruamel.load,
    }


READERS = _readers()


# Characters YAML cannot hold literally in a stream (controls, C1, its 1.1 line breaks, the byte
# order mark, surrogates, noncharacters): the schema refuses each of them, so no writer meets one.
UNHOLDABLE = set(map(chr, [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF]))


YAML_CHARS = (
    list(":#-?,[]{}'\"!&*|>%@`~=<. \\_+/")
    + list("aAeEfFlLnNoOsStTuUxXyYbBzZ019")
    + list("éЖΩعבअ中한\u00a0\u3000\u200c\U0001f600")
)


WORDS = st.sampled_from(QUOTED + PLAIN + ["true ", " null", "0x", "1e", "1:3a", "2026-11-28 later", "-", "?", ":"])


VALUES = st.one_of(
    WORDS,
    st.text(st.sampled_from(YAML_CHARS), min_size=1, max_size=12),
    st.builds(
        lambda a, b, c: a + b + c,
        st.text(st.sampled_from(YAML_CHARS), max_size=3),
        WORDS,
        st.text(st.sampled_from(YAML_CHARS), max_size=3),
    ),
    st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="".join(UNHOLDABLE)), min_size=1, max_size=20
    ),
)


@settings(max_examples=1500, deadline=None)
@given(VALUES)
def test_every_reader_reads_the_written_value_back(value):
    from petition.load.plainyaml import parse_simple

    text = f"name: {scalar(value)}\n"
    for reader, read in READERS.items():
        assert read(text) == {"name": value}, (reader, text)
    # The checker's fast reader takes every line a writer makes.
    assert parse_simple(text) == ({"name": value}, {"name": 1}), text


def _accepted_text(limit):
    return VALUES.map(lambda v: unicodedata.normalize("NFC", v)).filter(lambda v: _passes(check_text, v, limit))


def _passes(check, *args):
    try:
        check(*args)
    except Exception:  # noqa: BLE001 - pydantic's custom error: the schema refuses it
        return False
    return True


@st.composite
def signatures(draw):
    """Field values the schema accepts, any subset of the optional ones, as a writer gets them."""
    import datetime as dt

    import pycountry

    from petition.model.crypto import CONTACT_RE
    from petition.model.freetext import AFFILIATION_MAX
    from petition.model.rules import GITHUB_RE
    from petition.model.versions import VERSION_RE

    fields = {"type": draw(st.sampled_from(["individual", "organization"])), "name": draw(_accepted_text(NAME_MAX))}
    optional = {
        "sort_as": _accepted_text(NAME_MAX),
        "affiliation": _accepted_text(AFFILIATION_MAX),
        "country": st.sampled_from(sorted(c.alpha_2 for c in pycountry.countries)),
        "website": st.builds(
            lambda host, path: f"https://{host}.org/{path}",
            st.from_regex(r"[a-z0-9-]{1,10}", fullmatch=True),
            st.text(st.sampled_from(list("aZ09-._~:/?#[]@!$&()*+,;=%")), max_size=12),
        ),
        "github": st.from_regex(GITHUB_RE.pattern.strip("^$"), fullmatch=True),
        "signed": st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat),
        "version": st.from_regex(VERSION_RE.pattern.strip("^$"), fullmatch=True),
        "contact": st.from_regex(CONTACT_RE.pattern.strip("^$"), fullmatch=True),
        "source": st.sampled_from(["founding", "imported"]),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            fields[key] = draw(strategy)
    return fields


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(signatures())
def test_a_written_file_reads_back_the_same_in_every_reader(fields):
    from petition.load.plainyaml import parse_simple

    text = file_text(fields)
    for reader, read in READERS.items():
        assert read(text) == fields, (reader, text)
    parsed = parse_simple(text)
    assert parsed is not None and parsed[0] == fields, text
    assert parse(text, "signatures/x.yaml") == (parsed, [])
