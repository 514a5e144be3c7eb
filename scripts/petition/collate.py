"""Unicode collation keys as pyuca computes them, fast enough for 100,000 names.

pyuca walks its table character by character in Python (about 40 µs a name). Its keys are
built from a string's collation elements level by level, and those elements can be computed word
by word: no entry of the table spans a space, so a name's elements are its words' elements with
the space's in between. Each word's per-level weights are remembered (names share words), and a
word's elements are assembled character by character from a per-character memo wherever the
table says no character can combine with its neighbour; any other word goes through pyuca
itself. ``tests/test_collate.py`` checks the keys equal pyuca's on generated text.
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
        # The per-level weights of each character that can neither start a contraction nor be a
        # mark: a word made only of such characters has its characters' weights end to end, so
        # a word not seen before costs four joins, not a walk through the table.
        self.simple: dict[str, tuple[bytes, ...]] = {}
        self.words: dict[str, tuple[bytes, ...]] = {}
        self.space = self._levels(self.c.collation_elements(" "))

    @staticmethod
    def _levels(elements: list) -> tuple[bytes, ...]:
        # Every weight fits in 16 bits, so big-endian pairs of bytes compare as the integers do,
        # in a fraction of the memory of a tuple of ints (100,000 keys are held while sorting).
        return tuple(b"".join(e[level].to_bytes(2, "big") for e in elements if len(e) > level and e[level]) for level in range(LEVELS))

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
                if (node is None or node.children is None) and not combining(chr(code)):
                    self.simple[chr(code)] = self._levels(elements)
            out.extend(elements)
        return out

    def word(self, word: str) -> tuple[bytes, ...]:
        found = self.words.get(word)
        if found is None:
            simple = self.simple
            if word and all(map(simple.__contains__, word)):
                found = tuple(map(b"".join, zip(*map(simple.__getitem__, word))))
            else:
                found = self._levels(self._elements(word))
            self.words[word] = found
        return found

    def word_reference(self, word: str) -> tuple[bytes, ...]:
        """``word`` without the memos' shortcut (tests/test_collate.py: the shortcut must agree)."""
        return self._levels(self._elements(word))

    def key(self, text: str) -> bytes:
        parts = [self.word(w) for w in unicodedata.normalize("NFD", text).split(" ")]
        if len(parts) == 1:
            levels = parts[0]
        else:
            space = self.space
            levels = [space[level].join(part[level] for part in parts) for level in range(LEVELS)]
        return b"\x00\x00".join(levels)


@functools.lru_cache(maxsize=1)
def _keys() -> _Keys:
    return _Keys()


def sort_key(text: str) -> bytes:
    """pyuca's ``Collator().sort_key(text)``, computed word by word, as bytes that compare the same way."""
    return _keys().key(text)


def pack(key: tuple[int, ...]) -> bytes:
    """A pyuca key in the form ``sort_key`` returns: 16 bits a weight, big-endian."""
    return b"".join(w.to_bytes(2, "big") for w in key)
