"""Names that look alike: Unicode confusables (UTS #39) from the confusable-homoglyphs package's data.

Two uses:

* ``lookalike_keys(name)``: keys under which two names that a reader cannot tell apart collide
  (``Paypal`` with a Cyrillic ``а``, ``AIice`` with a capital I): the collection check looks them
  up in dicts, so a new name is compared with 100,000 others in constant time;
* ``mixed_script_word(text)``: the first word whose letters mix scripts in a confusable way
  (Latin with Cyrillic or Greek look-alike letters). The schema refuses such a word outright: no
  real name needs it, and a signer who typed it by accident fixes it by retyping on one keyboard.
"""

from __future__ import annotations

import functools
import unicodedata


# The package's tables are read from JSON on import (a tenth of a second): only when first needed,
# so a command that never compares names (or an empty folder) does not pay for them.
@functools.lru_cache(maxsize=1)
def _confusables_data() -> dict:
    from confusable_homoglyphs.confusables import confusables_data

    return confusables_data


def _script_alias(ch: str) -> str:
    from confusable_homoglyphs.categories import alias

    return alias(ch)


# The package wraps right-to-left characters in left-to-right marks for display; they are not data.
_LRM = "\u200e"
# Scripts that one word legitimately mixes (Japanese, Korean, Chinese with phonetic annotation).
_CJK = {"HAN", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO"}
_NEUTRAL = {"COMMON", "INHERITED", "Unknown"}
_LATIN = frozenset({"LATIN"})


def _clean(text: str) -> str:
    return text.replace(_LRM, "")


@functools.lru_cache(maxsize=1)
def _prototypes() -> dict[int, str]:
    """Character -> prototype string, as str.translate wants it.

    The package stores confusables.txt as an undirected graph (each source beside its target and
    each target beside all its sources). In confusables.txt a source maps to exactly one target and
    targets are never sources, so a single character with one neighbour is a source, unless that
    neighbour also has only it (then the smaller one stands for the pair: either way both get one
    skeleton, which is all that matters here).
    """
    graph: dict[str, list[str]] = {}
    for key, entries in _confusables_data().items():
        graph[_clean(key)] = [_clean(e["c"]) for e in entries]
    table: dict[int, str] = {}
    for key, neighbours in graph.items():
        if len(key) != 1 or len(neighbours) != 1:
            continue
        target = neighbours[0]
        if not target or target == key:
            continue
        back = graph.get(target, [])
        if len(target) == 1 and len(back) == 1 and target > key:
            continue  # a pair of single neighbours: ``key`` is the prototype
        table[ord(key)] = target
    return table


def skeleton(text: str) -> str:
    """The UTS #39 skeleton: NFD, each character replaced by its prototype, NFD again."""
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).translate(_prototypes()))


class _Fold(dict):
    """``fold_table_reference`` (tests/oracles.py) as a ``str.translate`` table filled on demand (a character it leaves
    alone maps to itself).
    """

    def __missing__(self, cp: int) -> str | None:
        value: str | None = chr(cp)
        if cp < 0x30000 or 0xE0000 <= cp < 0xE01F0:
            cat = unicodedata.category(value)
            if cat in ("Mn", "Cf"):
                value = None
            elif cat[0] in "PZS" and cp != 0x20:
                value = " "
        self[cp] = value
        return value


_FOLD = _Fold()


def _fold_table() -> dict[int, str | None]:
    return _FOLD


def fold(text: str) -> str:
    """Compatibility-decomposed, accents and punctuation dropped, spaces collapsed (case kept)."""
    return " ".join(unicodedata.normalize("NFKD", text).translate(_fold_table()).split())


def lookalike_keys(name: str) -> tuple[str, ...]:
    """Keys equal for names a reader cannot tell apart.

    Two keys, because case folding and skeletons do not commute: folding first catches ``PАYPAL``
    against ``Paypal``; the skeleton first catches a capital ``I`` standing for an ``l``.
    """
    keys = (fold(skeleton(name)), fold(skeleton(name.casefold())))
    return keys if keys[0] != keys[1] else keys[:1]


@functools.lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    name = _script_alias(ch)
    return "CJK" if name in _CJK else name


class _Scripts(dict):
    """Character -> ``script_of(character)``, filled as characters appear: a plain dict lookup, from C."""

    def __missing__(self, ch: str) -> str:
        value = self[ch] = script_of(ch)
        return value


_SCRIPTS = _Scripts()


def _homoglyph_scripts(ch: str) -> set[str]:
    scripts = set()
    for entry in _confusables_data().get(ch, ()):
        glyph = _clean(entry["c"])
        if len(glyph) == 1:
            scripts.add(script_of(glyph))
    return scripts - _NEUTRAL


def _words(text: str) -> list[str]:
    words, current = [], []
    for ch in text:
        if unicodedata.category(ch)[0] in "LM":
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def mixed_script_word(text: str) -> tuple[str, str, str, str] | None:
    """The first word mixing scripts with look-alike letters: (word, odd letter, its script, main script).

    A word may mix scripts (Japanese does), but not when a letter of one script could pass for a
    letter of another script in the same word: that is how ``Pаypal`` fools a reader.
    """
    if text.isascii():  # the common case, and ASCII is one script
        return None
    # Most names use one script. The scripts of a text are those of its space-separated pieces
    # (a space is COMMON, neutral), and the pieces of names repeat: memoised piece by piece.
    scripts: frozenset[str] = frozenset()
    for piece in text.split(" "):
        if piece.isascii():  # ASCII letters are Latin, the rest of ASCII is neutral
            if piece.lower() != piece.upper():  # holds a letter
                scripts = scripts | _LATIN
        else:
            scripts = scripts | _piece_scripts(piece)
    if len(scripts) < 2:
        return None
    for word in _words(text):
        if word.isascii():
            continue
        found = _mixed_word(word)
        if found is not None:
            return found
    return None


def scripts_of(text: str) -> frozenset[str]:
    """The scripts a text's letters are written in (neutral characters aside)."""
    return frozenset().union(*map(_piece_scripts, text.split(" ")))


@functools.lru_cache(maxsize=1 << 14)  # words of names repeat
def _piece_scripts(piece: str) -> frozenset[str]:
    """The scripts of a piece of text, but the neutral ones."""
    return frozenset(map(_SCRIPTS.__getitem__, set(piece))) - _NEUTRAL


@functools.lru_cache(maxsize=16384)  # words of names repeat
def _mixed_word(word: str) -> tuple[str, str, str, str] | None:
    """mixed_script_word's verdict on one word (a word depends on nothing else)."""
    by_script: dict[str, list[str]] = {}
    for ch in word:
        script = script_of(ch)
        if script not in _NEUTRAL:
            by_script.setdefault(script, []).append(ch)
    if len(by_script) < 2:
        return None
    # Blame the script with the fewest letters in the word: the odd one out.
    ranked = sorted(by_script, key=lambda s: (len(by_script[s]), s))
    for odd in ranked[:-1]:
        others = set(by_script) - {odd}
        for ch in by_script[odd]:
            # A letter with a diacritic is judged by its base letter too: Cyrillic "ё" is "е" with a
            # diaeresis, as much a look-alike of Latin "e" as "е" itself (confusables.txt lists only "е").
            base = unicodedata.normalize("NFD", ch)[0]
            if (_homoglyph_scripts(ch) | _homoglyph_scripts(base)) & others:
                main = max(others, key=lambda s: len(by_script[s]))
                return word, ch, odd, main
    return None


def script_label(script: str) -> str:
    return "Chinese/Japanese/Korean" if script == "CJK" else script.capitalize()
