"""The duplicate check's name keys, computed word by word with a memo, equal the keys of the whole
name (oracles.name_keys_reference); the fold table filled on demand equals the one built over
every code point; the mixed-script test with its script and word memos equals the loop it was."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from oracles import fold_table_reference, name_keys_reference
from petition.check.duplicates import name_keys
from petition.model import confusables

# Letters of many scripts, look-alikes (Cyrillic а/о/р/с/е, Greek Α/Ο, I and l, 0 and O, rn and m),
# combining marks (some that reorder, some whose decomposition starts with a non-starter: U+0F73,
# U+0344), compatibility characters (ﬁ, ①, full-width letters), punctuation, symbols, invisible
# format characters and spaces of several kinds, the plain space among them several times over.
CHARS = (
    list("aAlIiO0rnmMPpYy1|`'\"-.,&()")
    + list("аоросеАОРСЕΑΟΡαορ")
    + list("éøßẞİıΣσςǅ")
    + list("ЖжΩعבअ中한ไ")
    + list("\u0301\u0308\u0323\u0345\u0f73\u0f71\u0f72\u0344\u064b\u093c")
    + list("ﬁ①ｆＡ㎏ℌ")
    + list("!?¿«»—·•♥€$")
    + list("\u200b\u200d\u00ad\u2060\ufeff")
    + list("\u00a0\u2000\u2002\u3000\t")
    + [" "] * 6
)


@settings(max_examples=2000, deadline=None)
@given(st.text(st.sampled_from(CHARS), max_size=24))
@example("")
@example(" ")
@example("  a  b  ")
@example("AIice  Martin")
@example("Dženan García 0")
@example("ཀ ཱི")
@example("a \u0301b")
@example("a \u0344")
@example("\u2000a")
@example("Rnodern Lab")
@example("Ǆemal ǅemal")
def test_word_by_word_keys_equal_the_whole_names_keys(name):
    expected = name_keys_reference(name)
    assert name_keys(name) == expected
    assert name_keys(name) == expected  # the words from the memo this time


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Anna",
                "Ánna",
                "АННА",
                "de",
                "Vries",
                "Paypal",
                "Pаypal",
                "O'Brien",
                "0'Brien",
                "Université",
                "ﬁn",
                "AIice",
                "Alice",
                "中国",
                "",
                "·",
            ]
        ),
        max_size=5,
    )
)
def test_names_built_of_shared_words(words):
    name = " ".join(words)
    assert name_keys(name) == name_keys_reference(name)


def test_fold_table_filled_on_demand_equals_the_whole_table_on_every_code_point():
    whole = fold_table_reference()
    lazy = confusables._fold_table()
    wrong = [hex(c) for c in range(sys.maxunicode + 1) if chr(c).translate(lazy) != chr(c).translate(whole)]
    assert wrong == []


def mixed_script_word_reference(text: str):
    """confusables.mixed_script_word as first written: one function, no memo."""
    script_of, neutral = confusables.script_of, confusables._NEUTRAL
    if text.isascii():
        return None
    if len({script_of(ch) for ch in set(text)} - neutral) < 2:
        return None
    for word in confusables._words(text):
        if word.isascii():
            continue
        by_script: dict[str, list[str]] = {}
        for ch in word:
            script = script_of(ch)
            if script not in neutral:
                by_script.setdefault(script, []).append(ch)
        if len(by_script) < 2:
            continue
        ranked = sorted(by_script, key=lambda s: (len(by_script[s]), s))
        for odd in ranked[:-1]:
            others = set(by_script) - {odd}
            for ch in by_script[odd]:
                base = unicodedata.normalize("NFD", ch)[0]  # a letter with a diacritic, by its base letter too
                if (confusables._homoglyph_scripts(ch) | confusables._homoglyph_scripts(base)) & others:
                    main = max(others, key=lambda s: len(by_script[s]))
                    return word, ch, odd, main
    return None


@settings(max_examples=1500, deadline=None)
@given(st.text(st.sampled_from(CHARS + list("ひらカタ")), max_size=16))
@example("Pаypal")
@example("Zoë 王伟")
@example("Ρaypal Раураl")
@example("日本ひらがな")
@example("Tomёk")
@example("éАА")
def test_mixed_script_word_equals_the_reference(text):
    expected = mixed_script_word_reference(text)
    assert confusables.mixed_script_word(text) == expected
    assert confusables.mixed_script_word(text) == expected


def test_ascii_tables_equal_the_whole_computation_on_every_one_and_two_character_string():
    ascii_chars = [chr(c) for c in range(128)]
    strings = ascii_chars + [a + b for a in ascii_chars for b in ascii_chars]
    wrong = [s for s in strings if name_keys(s) != name_keys_reference(s)]
    assert wrong == []


@settings(max_examples=1500, deadline=None)
@given(st.text(st.characters(max_codepoint=127), max_size=30))
@example("Free Software Foundation 1")
@example("AIice  Rnodern 100%")
def test_ascii_names_equal_the_reference(name):
    assert name_keys(name) == name_keys_reference(name)


def test_ascii_letters_are_latin_and_the_rest_of_ascii_neutral():
    """What mixed_script_word assumes of an ASCII piece of a name, checked on every ASCII character."""
    for c in range(128):
        ch = chr(c)
        expected = confusables._LATIN if ch.lower() != ch.upper() else frozenset()
        assert confusables._piece_scripts(ch) == expected, hex(c)
