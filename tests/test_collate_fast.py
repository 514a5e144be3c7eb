"""The collation memo's shortcut for words of plain characters gives pyuca's weights."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from petition.collate import _Keys, collator, pack
from test_collate import ALPHABET


@settings(max_examples=1500, deadline=None)
@given(st.text(ALPHABET, max_size=12), st.text(ALPHABET, max_size=12))
@example("ab", "ba")
@example("l·", "·l")
@example("", "a")
def test_words_of_seen_characters_weigh_as_pyuca_weighs_them(first, second):
    keys = _Keys()  # fresh memos: the first text teaches characters, the second may take the shortcut
    for text in (first, second, first + second, second + first):
        word = unicodedata.normalize("NFD", text)
        assert keys.word(word) == keys.word_reference(word)
        assert keys.key(text) == pack(collator().sort_key(text))


def test_the_shortcut_is_taken_for_new_words_of_plain_characters():
    keys = _Keys()
    keys.word("abc")
    assert set("abc") <= set(keys.simple)
    assert "cab" not in keys.words
    assert keys.word("cab") == keys.word_reference("cab") == keys.word("cab")
    keys.word("l·l")  # "l" may start a contraction (Catalan l·l): never a shortcut character
    assert "l" not in keys.simple and "\u0301" not in keys.simple
