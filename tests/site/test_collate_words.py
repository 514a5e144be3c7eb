"""The collation memo's shortcut for new words of plain characters gives pyuca's weights."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_collate import ALPHABET

from oracles import pack
from petition.site.collate import _Keys, collator


@settings(max_examples=1500, deadline=None)
@given(st.text(ALPHABET, max_size=12), st.text(ALPHABET, max_size=12))
@example("ab", "ba")
@example("l·", "·l")
@example("García", "Dženan Müller")
@example("a\u07fd\u0301", "\u07fd\u0301")  # a mark the table lacks, then one it has: pyuca puts the second first
@example("", "a")
def test_words_with_and_without_the_shortcut_weigh_as_pyuca_weighs_them(first, second):
    keys = _Keys()  # fresh memos: the first text teaches characters, later words may take the shortcut
    for text in (first, second, first + second, second + first):
        word = unicodedata.normalize("NFD", text)
        assert keys.word(word) == keys.word_reference(word)
        assert keys.key(text) == pack(collator().sort_key(text))


def test_the_shortcut_is_taken_for_plain_words_only():
    keys = _Keys()
    keys.key("Dženan García lla")  # letters, marks after them (NFD), a letter that starts contractions
    assert set(unicodedata.normalize("NFD", "DženanGarcíal")) <= set(keys.plain)
    assert keys._plain_word("nanež") == keys.word_reference("nanež")
    assert keys._plain_word("l·l") is None and "·" in keys.followers  # Catalan: "·" continues a contraction of "l"
    assert keys._plain_word("a\u07fd") is None and "\u07fd" in keys.not_plain  # a mark the table lacks
