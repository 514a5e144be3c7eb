"""The C-speed shortcuts for per-character rules agree with the loops they stand in for."""

from __future__ import annotations

import re
import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from oracles import normalise_name_loop
from petition.check.duplicates import normalise_name
from petition.model import charscan
from petition.model.freetext import JOINERS


def _loop_passes(ch: str) -> bool:
    """schema.check_text's per-character refusals, for one character standing alone."""
    return not (
        ch in JOINERS
        or ch in "\n\r\u2028\u2029\x85"
        or unicodedata.category(ch) in ("Cf", "Cc", "Cs", "Co", "Cn")
        or ch in "<>"
    )


def test_plain_text_is_never_wrong_on_any_code_point():
    wrong = [hex(c) for c in range(sys.maxunicode + 1) if charscan.plain_text(chr(c)) and not _loop_passes(chr(c))]
    assert wrong == []
    # and it does take the common case: letters of many scripts
    assert charscan.plain_text("Zoë Ólafsdóttir, 王伟 Анна محمد אברהם अनिल 민준 สมชาย")


def test_fold_matches_the_loop_on_every_code_point():
    wrong = [
        hex(c)
        for c in range(0, sys.maxunicode + 1, 1)
        if normalise_name("a" + chr(c) + "b") != normalise_name_loop("a" + chr(c) + "b")
    ]
    assert wrong == []


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=30))
def test_fold_matches_the_loop_on_text(name):
    assert normalise_name(name) == normalise_name_loop(name)


def test_the_mark_table_is_the_category_test_on_every_code_point():
    wrong = [
        code
        for code in range(sys.maxunicode + 1)
        if (chr(code).translate(charscan.MARKS) == charscan._MARK) != (unicodedata.category(chr(code)) in ("Mn", "Me"))
    ]
    assert wrong == []


def test_mark_pile_finds_the_first_run_beyond_the_limit():
    assert charscan.mark_pile("Nguyễn ᾯ") is None
    assert charscan.mark_pile("a" + "\u0301" * charscan.MAX_MARKS) is None
    assert charscan.mark_pile("x e" + "\u0301" * 6 + " o" + "\u0301" * 9) == ("e", 6)
    assert charscan.mark_pile("\u0301" * 5) == ("", 5)


def test_every_combining_mark_is_a_non_word_character_for_the_pile_precheck():
    pattern = re.compile(r"\W")
    wrong = [
        code
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Mn", "Me") and not pattern.fullmatch(chr(code))
    ]
    assert wrong == []


def mark_pile_loop(value: str):
    """mark_pile as a loop over the decomposed text, with no shortcut."""
    decomposed = unicodedata.normalize("NFD", value)
    i = 0
    while i < len(decomposed):
        end = i
        while end < len(decomposed) and unicodedata.category(decomposed[end]) in ("Mn", "Me"):
            end += 1
        if end - i > charscan.MAX_MARKS:
            return unicodedata.normalize("NFC", decomposed[i - 1] if i else ""), end - i
        i = end + 1
    return None


# Letters that decompose into marks (ᾯ: three), marks, spacing marks, punctuation and spaces.
_PILE_TEXT = st.text(
    st.sampled_from("aeᾯễq ,.-()\u0301\u0300\u0323\u0345\u20dd\u093f\u094d\u0e31\u05bc\u1dc0") | st.characters(),
    max_size=24,
)


@settings(max_examples=1000, deadline=None)
@given(_PILE_TEXT)
def test_mark_pile_equals_the_loop(value):
    assert charscan.mark_pile(value) == mark_pile_loop(value)
