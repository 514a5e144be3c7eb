"""Signers in a few countries for the country pages and the delivery packs: signers in a few countries, in several
scripts, some organisations, some with an affiliation or a website, written as ``petition sign`` writes them."""

from __future__ import annotations

import random

COUNTRIES = ("NO", "KE", "BR", "IN")
NAMES = {"NO": "Norway", "KE": "Kenya", "BR": "Brazil", "IN": "India"}
FIRST_NAMES = ("Åsa", "Иван", "Amina", "Zoë", "李")
# Names whose PDF text reads back word for word: scripts the machine's fonts print (Debian's DejaVu has no CJK,
# so a Chinese name prints as boxes, though the page and the CSV carry it), left to right (a PDF text
# extractor gives right-to-left words in visual order).
PRINTABLE_FIRST_NAMES = ("Åsa", "Иван", "Amina", "Zoë", "Ελένη")


def generated(
    repo,
    n: int = 40,
    seed: int = 18,
    countries: tuple[str, ...] = COUNTRIES,
    first_names: tuple[str, ...] = FIRST_NAMES,
) -> None:
    rng = random.Random(seed)
    for i in range(n):
        extra = {}
        if rng.random() < 0.3:
            extra["affiliation"] = f"Université numéro {i}"
        if rng.random() < 0.3:
            extra["website"] = f"https://example.org/{i}?x=1&y=2"
        repo.sign(
            f"signer-{i}",
            rng.choice(first_names) + f" Signer {i}",
            type=rng.choice(["individual", "individual", "organization"]),
            country=countries[i % len(countries)],
            **extra,
        )
