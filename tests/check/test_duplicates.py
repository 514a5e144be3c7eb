"""The duplicate check on compact keys (what the checker runs) finds exactly what the Entry-based one finds."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from duplicates import entry_key
from oracles import duplicate_problems
from petition.check.duplicates import duplicate_problems_of
from petition.check.namesakes import Namesakes
from petition.check.onefile import Entry
from petition.model.fastvalidate import rebuild

# Few letters, look-alikes among them (Latin, Cyrillic, Greek; digits for letters), so repeats are common.
NAMES = st.one_of(
    st.text(st.sampled_from(list("aаαoо0Ol1 .-É")), min_size=1, max_size=4),
    # Names that read the same in two scripts (the transliteration warning), and a respelling.
    st.sampled_from(["Ivan Petrov", "Иван Петров", "IVAN PETROV", "Ivan Pietrov", "Іван Петров", "Ivan"]),
)
WEBSITE = st.one_of(
    st.none(), st.sampled_from(["https://a.org/", "http://www.A.org", "https://a.org/x/", "https://b.org"])
)
SLUGS = st.sampled_from(["a", "A", "b", "b-c", "B-c", "d"])
GITHUB = st.one_of(st.none(), st.sampled_from(["kim", "KIM", "lee", ""]))
COUNTRY = st.one_of(st.none(), st.sampled_from(["NO", "KE", ""]))


@st.composite
def collections(draw):
    n = draw(st.integers(0, 12))
    paths = draw(
        st.lists(
            st.sampled_from([f"signatures/{c}{i}.yaml" for c in "pqr" for i in range(6)]),
            min_size=n,
            max_size=n,
            unique=True,
        )
    )
    entries = []
    for path in paths:
        fields = {"type": draw(st.sampled_from(["individual", "organization"])), "name": draw(NAMES)}
        for field, strategy in (("country", COUNTRY), ("github", GITHUB), ("website", WEBSITE)):
            value = draw(strategy)
            if value is not None:
                fields[field] = value
        lines = {"type": 1, "name": draw(st.integers(1, 3))}
        if "github" in fields and draw(st.booleans()):
            lines["github"] = draw(st.integers(2, 9))
        entries.append(Entry(path, draw(SLUGS), rebuild(fields), lines))
    report_on = draw(st.one_of(st.none(), st.sets(st.sampled_from(paths)) if paths else st.none()))
    # Confirmed namesakes: a few groups of the paths, overlapping or not (so chains occur too).
    groups = (
        draw(st.lists(st.lists(st.sampled_from(paths), min_size=2, max_size=4, unique=True), max_size=3))
        if len(paths) > 1
        else []
    )
    confirmed = Namesakes(frozenset(frozenset(pair) for group in groups for pair in itertools.combinations(group, 2)))
    return entries, report_on, confirmed


@settings(max_examples=600, deadline=None)
@given(collections())
def test_compact_duplicate_check_equals_the_entry_based_one(case):
    entries, report_on, confirmed = case
    expected = duplicate_problems(entries, report_on=report_on)
    assert duplicate_problems_of([(e.path, entry_key(e)) for e in entries], report_on=report_on) == expected
    expected = duplicate_problems(entries, report_on=report_on, namesakes=confirmed)
    assert (
        duplicate_problems_of([(e.path, entry_key(e)) for e in entries], report_on=report_on, namesakes=confirmed)
        == expected
    )


def test_the_generated_collections_do_repeat():
    # The property above is only worth something if repeats of every kind occur: check it here on a fixed case.
    entries = [
        Entry(
            "signatures/a.yaml",
            "a",
            rebuild({"type": "individual", "name": "Anna Berg", "country": "NO", "github": "kim"}),
            {"name": 2, "github": 4},
        ),
        Entry(
            "signatures/b.yaml", "A", rebuild({"type": "individual", "name": "ANNA BERG", "country": "NO"}), {"name": 2}
        ),
        Entry(
            "signatures/c.yaml",
            "c",
            rebuild({"type": "organization", "name": "Аnna Berg", "country": "NO", "github": "KIM"}),
            {"name": 3, "github": 5},
        ),
    ]
    problems = duplicate_problems_of([(e.path, entry_key(e)) for e in entries])
    assert [(p.path, p.line, p.code) for p in problems] == [
        ("signatures/b.yaml", 1, "duplicate-file"),
        ("signatures/b.yaml", 2, "duplicate-name"),
        ("signatures/c.yaml", 3, "duplicate-lookalike"),
        ("signatures/c.yaml", 5, "duplicate-github"),
    ]
    assert problems == duplicate_problems(entries)


def test_namesakes_change_the_generated_cases_the_same_way_in_both():
    # Same name, look-alike names and a chain of confirmations: both checks let through exactly the confirmed pairs.
    rows = [("a", "Anna Berg"), ("b", "ANNA BERG"), ("c", "\u0410nna Berg"), ("d", "anna berg"), ("e", "Аnnа Berg")]
    entries = [
        Entry(
            f"signatures/{slug}.yaml", slug, rebuild({"type": "individual", "name": name, "country": "NO"}), {"name": 2}
        )
        for slug, name in rows
    ]
    confirmed = Namesakes(
        frozenset(
            frozenset(pair)
            for pair in [
                ("signatures/a.yaml", "signatures/b.yaml"),
                ("signatures/a.yaml", "signatures/c.yaml"),
                ("signatures/b.yaml", "signatures/c.yaml"),
                ("signatures/a.yaml", "signatures/d.yaml"),
            ]
        )
    )
    before = duplicate_problems_of([(e.path, entry_key(e)) for e in entries])
    after = duplicate_problems_of([(e.path, entry_key(e)) for e in entries], namesakes=confirmed)
    assert [(p.path, p.code) for p in before] == [
        ("signatures/b.yaml", "duplicate-name"),
        ("signatures/c.yaml", "duplicate-lookalike"),
        ("signatures/d.yaml", "duplicate-name"),
        ("signatures/e.yaml", "duplicate-lookalike"),
    ]
    # d is confirmed only against a, so it is reported against b; e against a, its first holder.
    assert [(p.path, p.code, p.message.split(":")[0]) for p in after] == [
        ("signatures/d.yaml", "duplicate-name", "possible duplicate of signatures/b.yaml"),
        ("signatures/e.yaml", "duplicate-lookalike", "possible duplicate of signatures/a.yaml"),
    ]
    assert after == duplicate_problems(entries, namesakes=confirmed)


def _entries(*rows: tuple) -> list[Entry]:
    return [
        Entry(f"signatures/{slug}.yaml", slug, rebuild({"type": "individual", **fields}), {"name": 2})
        for slug, fields in rows
    ]


def _codes(entries: list[Entry]) -> list[tuple[str, str, str]]:
    problems = duplicate_problems_of([(e.path, entry_key(e)) for e in entries])
    assert problems == duplicate_problems(entries)
    return [(p.path.split("/")[1], p.code, p.severity) for p in problems]


def test_only_a_shared_name_needs_a_maintainer_and_what_else_matches_is_refused():
    entries = _entries(
        ("alexander-1", {"name": "Alexander", "country": "RU", "website": "https://a.example/"}),
        ("alexander-2", {"name": "Alexander", "country": "RU", "website": "https://b.example/"}),  # one word only
        ("alexander-3", {"name": "alexander", "country": "RU", "website": "http://www.A.example"}),  # and the site
        ("kim-lee-1", {"name": "Kim Lee"}),
        ("kim-lee-2", {"name": "Kim Lée"}),  # no country on either side
        ("maria-garcia-1", {"name": "María García", "country": "ES"}),
        ("maria-garcia-2", {"name": "Maria Garcia", "country": "ES"}),  # name and country: refused as before
    )
    assert _codes(entries) == [
        ("alexander-2.yaml", "duplicate-name-only", "warning"),
        ("alexander-3.yaml", "duplicate-name-website", "error"),
        ("kim-lee-2.yaml", "duplicate-name-only", "warning"),
        ("maria-garcia-2.yaml", "duplicate-name", "error"),
    ]
    messages = {p.path: p.message for p in duplicate_problems_of([(e.path, entry_key(e)) for e in entries])}
    assert "the same name (a single word), and nothing else in common" in messages["signatures/alexander-2.yaml"]
    assert "petition namesakes add alexander-1 alexander-2" in messages["signatures/alexander-2.yaml"]
    assert "the same name and the same website" in messages["signatures/alexander-3.yaml"]
    assert "the same name (and no country on either file)" in messages["signatures/kim-lee-2.yaml"]
    assert "the same name and country" in messages["signatures/maria-garcia-2.yaml"]


def test_the_same_name_in_another_script_of_the_same_country_needs_a_maintainer():
    entries = _entries(
        ("farrokh-farrokhnia", {"name": "Farrokh Farrokhnia", "country": "IR"}),
        ("farrokh-farrokhnia-fa", {"name": "فرخ فرخنیا", "country": "IR"}),
        ("ivan-petrov", {"name": "Иван Петров", "country": "RU"}),
        ("ivan-petrov-de", {"name": "Ivan Petrov", "country": "DE"}),  # another country: nothing
        ("ivan-petrova", {"name": "Ivan Petrov", "country": "RU"}),
        ("anna-berg", {"name": "Anna Berg", "country": "SE"}),
        ("anne-berg", {"name": "Anne Berg", "country": "SE"}),  # the same key, but one script: two spellings
    )
    assert _codes(entries) == [
        ("farrokh-farrokhnia.yaml", "duplicate-transliteration", "warning"),
        ("ivan-petrova.yaml", "duplicate-transliteration", "warning"),
    ]
    confirmed = Namesakes(
        frozenset({frozenset({"signatures/farrokh-farrokhnia.yaml", "signatures/farrokh-farrokhnia-fa.yaml"})})
    )
    keys = [(e.path, entry_key(e)) for e in entries]
    assert [p.path for p in duplicate_problems_of(keys, namesakes=confirmed)] == ["signatures/ivan-petrova.yaml"]
