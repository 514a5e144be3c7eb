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
NAMES = st.text(st.sampled_from(list("aаαoо0Ol1 .-É")), min_size=1, max_size=4)
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
        for field, strategy in (("country", COUNTRY), ("github", GITHUB)):
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
            rebuild({"type": "individual", "name": "Anna", "country": "NO", "github": "kim"}),
            {"name": 2, "github": 4},
        ),
        Entry("signatures/b.yaml", "A", rebuild({"type": "individual", "name": "ANNA", "country": "NO"}), {"name": 2}),
        Entry(
            "signatures/c.yaml",
            "c",
            rebuild({"type": "organization", "name": "Аnna", "country": "NO", "github": "KIM"}),
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
    rows = [("a", "Anna"), ("b", "ANNA"), ("c", "\u0410nna"), ("d", "anna"), ("e", "Аnnа")]
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
