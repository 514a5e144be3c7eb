"""Fast collation keys equal pyuca's."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from oracles import pack
from petition.site.collate import collator, sort_key

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import bench  # noqa: E402

# Letters of many scripts, combining marks, contraction-prone pairs (Catalan l·l, Thai, Cyrillic
# with breve), spaces and punctuation, so words that need pyuca's full treatment come up often.
ALPHABET = st.sampled_from(
    list("aAlL·ıiİçÇéeñ  -,.'0123")
    + [
        "\u0301",
        "\u0308",
        "\u0327",
        "\u0306",
        "\u0e40",
        "\u0e01",
        "\u0e35",
        "ж",
        "и",
        "й",
        "ё",
        "王",
        "伟",
        "\u3400",
        "민",
        "ا",
        "ل",
        "ह",
        "\u094d",
        "\U00020000",
        "\U0001f600",
        "\u0378",
    ]
)


@settings(max_examples=2000, deadline=None)
@given(st.text(ALPHABET, max_size=12))
@example("Anna de Vries")
@example("l·l ll")
@example("  double  spaces ")
@example("")
def test_sort_key_equals_pyuca(text):
    assert sort_key(text) == pack(collator().sort_key(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=10))
def test_sort_key_equals_pyuca_on_any_text(text):
    assert sort_key(text) == pack(collator().sort_key(text))


def test_generated_names_sort_as_pyuca_sorts_them():
    names = [line.split("name: ", 1)[1].split("\n", 1)[0].strip('"') for _, line in bench.signature_texts(500, ["x"])]
    assert [sort_key(n.casefold()) for n in names] == [pack(collator().sort_key(n.casefold())) for n in names]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(ALPHABET, max_size=8), min_size=2, max_size=6))
def test_sort_keys_order_texts_as_pyuca_orders_them(texts):
    assert sorted(texts, key=sort_key) == sorted(texts, key=collator().sort_key)
