"""Unicode collation keys as pyuca computes them, fast enough for 100,000 names.

pyuca walks its table character by character in Python (about 40 µs a name). Its keys are
built from a string's collation elements level by level, and those elements can be computed word
by word: no entry of the table spans a space, so a name's elements are its words' elements with
the space's in between. Each word's per-level weights are remembered (names share words), and a
word's elements are assembled character by character from a per-character memo wherever the
table says no character can combine with its neighbour; any other word goes through pyuca
itself. A new word of "plain" characters (none can continue a contraction, each is in the
table on its own or gets an implicit weight and is not a mark) needs no walk at all: its
elements are its characters' own, end to end. ``tests/site/test_collate.py`` and
``tests/site/test_collate_words.py`` check the keys equal pyuca's on generated text.
"""

from __future__ import annotations

import functools
import unicodedata

LEVELS = 4  # pyuca's sort keys have four levels, separated by a 0 weight


@functools.lru_cache(maxsize=1)
def collator():
    import pyuca

    return pyuca.Collator()


class _Keys:
    def __init__(self):
        self.c = collator()
        self.root = self.c.table.root.children
        self.chars: dict[int, list] = {}
        self.words: dict[str, tuple[bytes, ...]] = {}
        self.space = self._levels(self.c.collation_elements(" "))
        # The characters that can continue a contraction (the second of some table entry): in a
        # word without any, no contraction starts and no mark joins what precedes it, so pyuca's
        # elements are each character's own, end to end, when every character is "plain": in the
        # table on its own, or not in it at all and not a mark (an implicit weight). A word not
        # seen before then costs four joins, not a walk through the table.
        self.followers = frozenset(chr(code) for node in self.root.values() if node.children for code in node.children)
        self.plain: dict[str, tuple[bytes, ...]] = {}  # a plain character's per-level weights
        self.not_plain: set[str] = set()

    @staticmethod
    def _levels(elements: list) -> tuple[bytes, ...]:
        # Every weight fits in 16 bits, so big-endian pairs of bytes compare as the integers do,
        # in a fraction of the memory of a tuple of ints (100,000 keys are held while sorting).
        return tuple(
            b"".join(e[level].to_bytes(2, "big") for e in elements if len(e) > level and e[level])
            for level in range(LEVELS)
        )

    def _elements(self, word: str) -> list:
        codes = [ord(ch) for ch in word]
        out: list = []
        root = self.root
        combining = unicodedata.combining
        for i, code in enumerate(codes):
            node = root.get(code)
            if node is None or not node.value:
                # Not in the table on its own: an implicit weight, unless pyuca's handling of
                # marks after it could apply.
                if combining(chr(code)) or (node is not None and node.children):
                    return self.c.collation_elements(word)
            elif node.children is not None and i + 1 < len(codes):
                following = codes[i + 1]
                if following in node.children or combining(chr(following)):
                    return self.c.collation_elements(word)  # a contraction may start here
            if combining(chr(code)) and i:
                return self.c.collation_elements(word)  # a mark: it may belong to what precedes
            elements = self.chars.get(code)
            if elements is None:
                elements = self.chars[code] = self.c.collation_elements(chr(code))
            out.extend(elements)
        return out

    def word(self, word: str) -> tuple[bytes, ...]:
        found = self.words.get(word)
        if found is None:
            found = self.words[word] = self._plain_word(word) or self.word_reference(word)
        return found

    def word_reference(self, word: str) -> tuple[bytes, ...]:
        """A word's weights through the table (what ``_plain_word`` must agree with:
        tests/site/test_collate_words.py)."""
        return self._levels(self._elements(word))

    def _plain_word(self, word: str) -> tuple[bytes, ...] | None:
        """A word's weights as its characters' own end to end, when it is plain text; else None."""
        if not word or not self.followers.isdisjoint(word):
            return None
        plain = self.plain
        try:
            return tuple(map(b"".join, zip(*map(plain.__getitem__, word))))  # zip: each level's parts
        except KeyError:  # a character not met yet, or not plain
            if self._learn(word):
                return tuple(map(b"".join, zip(*map(plain.__getitem__, word))))
        return None

    def _learn(self, text: str) -> bool:
        """Adds the text's characters to ``plain`` or ``not_plain``; whether all of them are plain."""
        for ch in set(text).difference(self.plain):
            if ch in self.not_plain:
                return False
            node = self.root.get(ord(ch))
            if (node is not None and node.value) or (node is None and not unicodedata.combining(ch)):
                self.plain[ch] = self._levels(self.c.collation_elements(ch))
            else:
                self.not_plain.add(ch)
                return False
        return True

    def key(self, text: str) -> bytes:
        words = self.words
        parts = [words.get(w) or self.word(w) for w in unicodedata.normalize("NFD", text).split(" ")]
        if len(parts) == 1:
            return b"\x00\x00".join(parts[0])
        # Level by level, the words' weights with the space's between them (zip: each level's parts).
        return b"\x00\x00".join(map(bytes.join, self.space, zip(*parts)))


@functools.lru_cache(maxsize=1)
def _keys() -> _Keys:
    return _Keys()


def sort_key(text: str) -> bytes:
    """pyuca's ``Collator().sort_key(text)``, computed word by word, as bytes that compare the same way."""
    return _keys().key(text)


def collation_key(text: str) -> bytes:
    # pyuca's key, computed word by word and packed in bytes that compare the same way
    # (petition.site.collate: the same order, several times faster, a fraction of the memory).
    return sort_key(text.casefold())
