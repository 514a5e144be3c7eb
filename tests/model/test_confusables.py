"""Look-alike names: UTS #39 skeletons for repeats across files, mixed-script words within one name."""

from __future__ import annotations

import pytest

from duplicates import checked_duplicates
from petition.check.onefile import Entry
from petition.model.confusables import lookalike_keys, mixed_script_word, skeleton
from petition.model.signature import Signature


def entry(
    slug: str, name: str, country: str | None = None, github: str | None = None, type: str = "individual"
) -> Entry:
    fields = {"type": type, "name": name, "source": "founding"}
    if country:
        fields["country"] = country
    if github:
        fields["github"] = github
    return Entry(f"signatures/{slug}.yaml", slug, Signature.model_validate(fields), {"type": 1, "name": 2, "github": 3})


@pytest.mark.parametrize(
    "a, b",
    [
        ("Paypal", "P\u0430ypal"),  # Cyrillic а
        ("Coco Open Lab", "\u0421\u043e\u0441\u043e Open Lab"),  # a whole word in Cyrillic
        ("Alice Martin", "AIice Martin"),  # capital I for l
        ("PAYPAL", "P\u0410YPAL"),  # capital Cyrillic А
        ("Modern", "Rnodern"),  # rn for m (after case folding)
    ],
)
def test_lookalikes_share_a_key(a, b):
    assert set(lookalike_keys(a)) & set(lookalike_keys(b))


@pytest.mark.parametrize(
    "a, b", [("Ian Smith", "Lan Smith"), ("Anna", "Anne"), ("Иван", "Ivan"), ("Müller", "Mueller")]
)
def test_different_names_do_not(a, b):
    assert not set(lookalike_keys(a)) & set(lookalike_keys(b))


def test_skeleton_is_the_same_for_canonically_equivalent_text():
    assert skeleton("Zoe\u0308") == skeleton("Zoë")


@pytest.mark.parametrize(
    "name",
    [
        "Zoë Écoute",
        "Nguyễn Thị Minh Khai",
        "İsmail Şahin",
        "Straße",
        "Иван Петров",
        "Иван Smith",
        "Μαρία Παπαδοπούλου",
        "東京インターネット研究会",
        "ひらがなカタカナ漢字",
        "김민준",
        "สมชาย ใจดี",
        "अनन्या शर्मा",
        "محمد عبد الله",
        "שרה לוי",
        "\u0627\u0646\u062c\u0645\u0646 \u0641\u0646\u200c\u0622\u0648\u0631\u06cc",
        "Δ-Lab",
        "π Foundation",
    ],
)
def test_real_names_do_not_mix_scripts_in_a_word(name):
    assert mixed_script_word(name) is None


@pytest.mark.parametrize(
    "name, odd, script",
    [
        ("P\u0430ypal Foundation", "\u0430", "CYRILLIC"),
        ("G\u043e\u043egle", "\u043e", "CYRILLIC"),  # two odd letters: still the minority script
        ("\u03b1lpha Lab", "\u03b1", "GREEK"),
        ("\u0418\u0432\u0430\u043d Pe\u0442rov", "\u0442", "CYRILLIC"),  # the second word is the mixed one
        # A look-alike with a diacritic is judged by its base letter: "ё" as "е", "ά" as "α", "ї" as "і".
        ("Tom\u0451k", "\u0451", "CYRILLIC"),
        ("Tom\u0435\u0308k", "\u0451", "CYRILLIC"),  # typed decomposed: the schema composes it first
        ("K\u03acrl", "\u03ac", "GREEK"),
        ("Ma\u0457a", "\u0457", "CYRILLIC"),
        ("\u041f\u0435\u0442\u0440\u00f3\u0432", "\u00f3", "LATIN"),  # a Latin "ó" in a Cyrillic word
    ],
)
def test_mixed_script_words_are_found(name, odd, script):
    import unicodedata

    found = mixed_script_word(unicodedata.normalize("NFC", name))
    assert found is not None and found[1] == odd and found[2] == script


def test_a_mixed_script_name_is_refused_by_the_schema_with_an_actionable_message():
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as caught:
        Signature.model_validate({"type": "organization", "name": "P\u0430ypal", "source": "founding"})
    message = caught.value.errors()[0]["msg"]
    assert "Cyrillic" in message and "Latin" in message and "retype it with one keyboard layout" in message


def test_lookalike_repeat_is_reported_against_the_earlier_file():
    # A word wholly in Cyrillic passes the schema (one script per word), so the collection must catch it.
    problems = checked_duplicates(
        [
            entry("a-coco", "Coco Open Lab", "NL", type="organization"),
            entry("b-coco", "\u0421\u043e\u0441\u043e Open Lab", "NL", type="organization"),
        ]
    )
    assert [(p.path, p.line, p.code) for p in problems] == [("signatures/b-coco.yaml", 2, "duplicate-lookalike")]
    assert problems[0].message.startswith("possible duplicate of signatures/a-coco.yaml:")


def test_lookalike_in_another_country_is_a_different_signatory():
    assert checked_duplicates([entry("a", "Alice Martin", "CA"), entry("b", "AIice Martin", "FR")]) == []


def test_an_exact_repeat_is_reported_once_not_also_as_a_lookalike():
    problems = checked_duplicates([entry("a", "Zoë Écoute", "FR"), entry("b", "ZOE ECOUTE", "FR")])
    assert [p.code for p in problems] == ["duplicate-name"]


def test_a_pull_request_file_is_blamed_even_when_it_sorts_first():
    problems = checked_duplicates(
        [entry("a-new", "AIice Martin", "CA"), entry("z-old", "Alice Martin", "CA")],
        report_on={"signatures/a-new.yaml"},
    )
    assert [(p.path, p.code) for p in problems] == [("signatures/a-new.yaml", "duplicate-lookalike")]
    assert "signatures/z-old.yaml" in problems[0].message


def test_many_entries_each_compared_by_lookup():
    # 20,000 distinct names and one look-alike at the end: exactly one problem, naming the original.
    entries = [entry(f"person-{i:05d}", f"Coco {i:05d} Example", "NO") for i in range(20000)]
    entries.append(entry("zz-copy", "\u0421\u043e\u0441\u043e 01234 Example", "NO"))
    problems = checked_duplicates(entries)
    assert [(p.path, p.code) for p in problems] == [("signatures/zz-copy.yaml", "duplicate-lookalike")]
    assert "signatures/person-01234.yaml" in problems[0].message
