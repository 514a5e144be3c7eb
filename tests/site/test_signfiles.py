"""The sign page's data files: the slug shards, the name shards and the transliteration table."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from petition.site import signfiles

# As the fast-path tests draw them (tests/site/test_page_fastpaths.py).
slugs = st.from_regex(r"[a-z0-9]{1,4}(-[a-z0-9]{1,3})?", fullmatch=True)


def reference_slug_shards(slugs):
    shards = {k: [] for k in signfiles.SLUG_SHARD_KEYS}
    for slug in slugs:
        slug = slug.casefold()
        if slug[:1] in shards:
            shards[slug[:1]].append(slug)
    return {f"slugs/{k}.json": json.dumps(sorted(v), separators=(",", ":")) for k, v in shards.items()}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(slugs, st.text(max_size=6))))
def test_slug_shards_match_the_loop(names):
    assert signfiles.slug_shards(names) == reference_slug_shards(names)


def test_translit_table_matches_anyascii():
    from anyascii import anyascii

    chunks = {name: json.loads(text) for name, text in signfiles.translit_chunks().items()}
    for ch in "ÅŁжΩش中한अ🙂":
        cp = ord(ch)
        block = chunks[f"translit/{cp >> 12:x}.json"][f"{cp >> 8:x}"].split("\t")
        assert block[cp & 0xFF] == anyascii(ch)


def test_name_shards_hold_the_first_holder_of_each_name_by_country():
    from petition.check.duplicates import duplicate_key
    from petition.site import signform

    rows = [
        ("anna-de-vries", "Anna de Vries", "NL"),
        ("anna-de-vries-2", "ANNA DE VRIES", "NL"),
        ("anna", "Anna", ""),
        ("zoe", "Zoë", "FR"),
    ]
    shards = signfiles.name_shards(
        (slug, duplicate_key(slug, name, country or None, None, "individual", 1, 1)[1]) for slug, name, country in rows
    )
    assert shards["names/NL.json"] == '{"anna de vries":"anna-de-vries"}'
    assert shards["names/none.json"] == '{"anna":"anna"}'
    assert shards["names/FR.json"] == '{"zoe":"zoe"}'
    assert shards["names/KE.json"] == "{}" and len(shards) == len(signform.countries()) + 1
