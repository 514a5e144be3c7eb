"""The files the sign page fetches, made at build time: the transliteration tables (anyascii's own), the file names
already taken and the names already listed, each in small shards.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Iterable
from importlib import resources

from petition.model.rules import COUNTRY_CODES
from petition.site.signform import NAMES_NONE

TRANSLIT_CHUNK_BITS = 12  # one file per 4,096 code points: a name needs one or two small files


@functools.lru_cache(maxsize=1)
def translit_chunks() -> dict[str, str]:
    """``translit/<chunk>.json`` -> {block hex: tab-joined transliterations}: anyascii's own table.

    anyascii maps each code point on its own through these per-256 block tables (a test checks
    the browser's result against anyascii's), so the browser reproduces it exactly.
    """
    from zlib import MAX_WBITS, decompress

    chunks: dict[int, dict[str, str]] = {}
    for resource in resources.files("anyascii._data").iterdir():
        if not re.fullmatch(r"[0-9a-f]{3}", resource.name):
            continue
        block = int(resource.name, 16)
        values = decompress(resource.read_bytes(), -MAX_WBITS).decode("ascii").split("\t")
        if block == 0:
            values[:0x80] = [""] * min(0x80, len(values))  # ASCII passes through unchanged
        joined = "\t".join(values).rstrip("\t")
        if joined:
            chunks.setdefault(block >> (TRANSLIT_CHUNK_BITS - 8), {})[f"{block:x}"] = joined
    return {
        f"translit/{chunk:x}.json": json.dumps(table, separators=(",", ":")) for chunk, table in sorted(chunks.items())
    }


SLUG_SHARD_KEYS = "0123456789abcdefghijklmnopqrstuvwxyz"


def slug_shards(slugs: Iterable[str]) -> dict[str, str]:
    """``slugs/<first character>.json``: the file names already taken, so the form picks a free one."""
    # One sort in C, then each shard is a slice (the slugs starting with k sort between k and the
    # next character): no Python step per slug at 100,000 (tests/site/test_signform.py keeps the loop as oracle).
    ordered = sorted(map(str.casefold, slugs))
    out = {}
    for k in SLUG_SHARD_KEYS:
        first, end = bisect.bisect_left(ordered, k), bisect.bisect_left(ordered, chr(ord(k) + 1))
        out[f"slugs/{k}.json"] = json.dumps(ordered[first:end], separators=(",", ":"))
    return out


def name_shards(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    """``names/<country code or "none">.json``: who is already on the list, by normalised name, for each country.

    ``items``: (slug, ``collection.duplicate_key`` identity: country + NUL + normalised name), in
    path order; the first holder of a name is the one linked. The form looks up the signer's name
    (normalised in the browser as ``collection.normalise_name`` does) in the shard of their
    country only, and says so before they propose a file the duplicate check would refuse.
    """
    # Every country's shard, empty ones too: the form then never asks for a file that is not there.
    shards: dict[str, dict[str, str]] = {code: {} for code in COUNTRY_CODES}
    shards[NAMES_NONE] = {}
    for slug, identity in items:
        country, _, normalised = identity.partition("\0")
        shards[country or NAMES_NONE].setdefault(normalised, slug)
    return {
        f"names/{country}.json": json.dumps(found, ensure_ascii=False, separators=(",", ":"))
        for country, found in shards.items()
    }
