"""The free-text rule (names, affiliations): check_text gives exactly the answers of the rule as first written
(kept here as the oracle)."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from oracles import outcome
from petition.model import charscan, freetext
from petition.model.confusables import mixed_script_word, script_label
from petition.problems import show


def check_text_reference(value: str, limit: int) -> str:
    err = freetext._err
    value = unicodedata.normalize("NFC", value)
    if not value:
        raise err("text_empty", "is empty: fill it in, or delete the line.")
    if not charscan.plain_text(value):
        for i, ch in enumerate(value):
            cat = unicodedata.category(ch)
            if ch in freetext.JOINERS:
                if (
                    0 < i < len(value) - 1
                    and freetext._non_latin_letter(value[i - 1])
                    and freetext._non_latin_letter(value[i + 1])
                ):
                    continue
                raise err(
                    "text_invisible",
                    "contains an invisible zero-width character (U+{cp}): delete it.",
                    cp=f"{ord(ch):04X}",
                )
            if ch in "\n\r\u2028\u2029\x85":
                raise err("text_line_break", "must be one line: remove the line break.")
            if cat == "Cf":
                raise err(
                    "text_invisible",
                    "contains an invisible formatting or text-direction character (U+{cp}): delete it; "
                    "the site sets the direction of every name itself.",
                    cp=f"{ord(ch):04X}",
                )
            if cat in ("Cc", "Cs", "Co", "Cn"):
                raise err(
                    "text_control",
                    "contains a control or unassigned character (U+{cp}): delete it.",
                    cp=f"{ord(ch):04X}",
                )
            if ch in "<>":
                raise err(
                    "text_markup",
                    "contains “<” or “>”: these are not allowed, because they could be read as web page "
                    "markup. Use parentheses instead.",
                )
    if not value.strip():
        raise err("text_no_letters", "is only spaces: write the name itself, or delete the line.")
    if value != value.strip() or value.strip(" \u3000\u00a0") != value:
        raise err("text_space", "starts or ends with a space: remove it.")
    if "  " in value:
        raise err("text_space", "contains two spaces in a row: use one.")
    if freetext.ENTITY_RE.search(value):
        raise err(
            "text_markup", "contains an HTML entity such as “&amp;”: write the character itself (for example “&”)."
        )
    if freetext.MD_LINK_RE.search(value):
        raise err(
            "text_markup",
            "contains link syntax such as “[text](address)”: write plain text, and put your web address in “website”.",
        )
    if value[0] in "=+-@":
        raise err(
            "text_formula",
            "starts with “{first}”, which spreadsheets run as a formula when the list is opened in one: "
            "start with a letter or digit.",
            first=value[0],
        )
    if not any(unicodedata.category(ch)[0] in "LN" for ch in value):
        raise err("text_no_letters", "has no letters or digits: write the name itself.")
    if len(value) > limit:
        raise err(
            "text_too_long", "is {length} characters long; at most {limit} are allowed.", length=len(value), limit=limit
        )
    run, base = 0, ""
    for ch in unicodedata.normalize("NFD", value) + "x":  # the marks on each letter, counted one by one
        if unicodedata.category(ch) in ("Mn", "Me"):
            run += 1
            continue
        if run > charscan.MAX_MARKS:
            raise err(
                "text_combining_marks",
                "puts {count} accents or other combining marks on one letter ({base}); at most {limit} are "
                "allowed (no writing system stacks more than three), because a pile of them spills over the "
                "lines around it on the page. Keep the marks the name really has.",
                count=run,
                base=show(unicodedata.normalize("NFC", base)),
                limit=charscan.MAX_MARKS,
            )
        run, base = 0, ch
    mixed = mixed_script_word(value)
    if mixed is not None:
        word, odd, script, main = mixed
        raise err(
            "text_mixed_script",
            "mixes look-alike letters of two alphabets in one word ({word}: the {odd} is {script}, the "
            "rest is {main}), which makes it look like another name: retype it with one keyboard layout.",
            word=show(word),
            odd=show(odd),
            script=script_label(script),
            main=script_label(main),
        )
    if "@" in value and freetext.EMAIL_RE.search(value):
        raise err(
            "plaintext_email",
            "contains an email address: remove it. Addresses are never published; only the encrypted "
            "“contact” may hold one.",
        )
    return value


TEXT_CHARS = (
    list("aAzZ09 .,'-&;#x[]()!=+@<>_")
    + list("éøΩЖжаеорсΑΡΟعבअ中한ไ\u0301\u0308\u064b")
    + list("\u00a0\u3000\u200b\u200c\u200d\u202e\u2028\x85\x00\x1b\ufeff\U000e0001\U0001f600\u0378\ue000")
)


TEXTS = st.text(st.sampled_from(TEXT_CHARS), max_size=14)


@settings(max_examples=3000, deadline=None)
@given(TEXTS, st.sampled_from([5, 200]))
@example("a &amp; b", 200)
@example("[a](b)", 200)
@example("a]", 200)
@example("![x", 200)
@example("[a] [b]", 200)
@example("&", 200)
@example("-a", 200)
@example("..a", 200)
@example("..", 200)
@example("Pаypal", 200)
@example("a" + "@" + "b.example", 200)
@example("\u0301a", 200)
@example("a\u0301\u0308\u0301\u0308\u0301", 200)
@example("a\u0301\u0308\u0301\u0308", 200)
@example("\u0301\u0308\u0301\u0308\u0301\u0301a", 200)
def test_check_text_equals_the_reference(value, limit):
    assert outcome(freetext.check_text, value, limit) == outcome(check_text_reference, value, limit)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(TEXTS, st.sampled_from(["researcher", "Université de Genève", "dzień", " x", "x ", ""])))
def test_affiliation_memo_equals_the_rule(value):
    expected = outcome(check_text_reference, value, freetext.AFFILIATION_MAX)
    assert outcome(freetext.check_affiliation, value) == expected
    assert outcome(freetext.check_affiliation, value) == expected  # the second time from the memo, if kept


def test_isalpha_means_a_letter_category_on_every_code_point():
    """check_text skips its letters-or-digits scan when the first character isalpha: that must mean category L*."""
    wrong = [hex(c) for c in range(sys.maxunicode + 1) if chr(c).isalpha() and unicodedata.category(chr(c))[0] != "L"]
    assert wrong == []


@pytest.mark.parametrize(
    "name",
    [
        "Nguyễn Thị Ngọc Ánh",  # Vietnamese: two marks on a letter
        "Nguye\u0302\u0303n Thi\u0323",  # the same, typed decomposed
        "ᾯ Ἀλέξανδρος",  # polytonic Greek: three
        "שָּׁלוֹם",  # pointed Hebrew: three
        "བསྒྲུབས",  # Tibetan: two subjoined letters and a vowel
        "a\u0301\u0308\u0323\u0330",  # four: one spare
    ],
)
def test_real_orthographies_keep_their_marks(name):
    assert freetext.check_name(name) == unicodedata.normalize("NFC", name)


def test_a_pile_of_combining_marks_is_refused_naming_the_letter():
    zalgo = "Z" + "\u0337\u0322\u031b\u0353\u0326\u0359\u036d\u0342" + "algo"
    _, kind, message, _ = outcome(freetext.check_name, zalgo)
    assert kind == "text_combining_marks"
    assert "puts 8 accents or other combining marks on one letter (“Z”)" in message and "at most 4" in message
    assert outcome(freetext.check_name, "a" + "\u0301" * 5)[1] == "text_combining_marks"
    assert outcome(freetext.check_name, "a" + "\u20dd" * 5)[1] == "text_combining_marks"  # enclosing marks too
