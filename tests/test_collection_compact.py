"""The duplicate check on compact keys (what the checker runs) finds exactly what the Entry-based one finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from petition.collection import duplicate_key, duplicate_problems, duplicate_problems_of
from petition.fastschema import rebuild
from petition.validate import Entry

# Few letters, look-alikes among them (Latin, Cyrillic, Greek; digits for letters), so repeats are common.
NAMES = st.text(st.sampled_from(list("aаαoо0Ol1 .-É")), min_size=1, max_size=4)
SLUGS = st.sampled_from(["a", "A", "b", "b-c", "B-c", "d"])
GITHUB = st.one_of(st.none(), st.sampled_from(["kim", "KIM", "lee", ""]))
COUNTRY = st.one_of(st.none(), st.sampled_from(["NO", "KE", ""]))


@st.composite
def collections(draw):
    n = draw(st.integers(0, 12))
    paths = draw(st.lists(st.sampled_from([f"signatures/{c}{i}.yaml" for c in "pqr" for i in range(6)]), min_size=n, max_size=n, unique=True))
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
    return entries, report_on


def _key(entry: Entry) -> tuple:
    sig = entry.signature
    return duplicate_key(entry.slug, sig.name, sig.country, sig.github, sig.type, entry.lines.get("name", 1), entry.lines.get("github", 1))


@settings(max_examples=600, deadline=None)
@given(collections())
def test_compact_duplicate_check_equals_the_entry_based_one(case):
    entries, report_on = case
    expected = duplicate_problems(entries, report_on=report_on)
    assert duplicate_problems_of([(e.path, _key(e)) for e in entries], report_on=report_on) == expected


def test_the_generated_collections_do_repeat():
    # The property above is only worth something if repeats of every kind occur: check it here on a fixed case.
    entries = [
        Entry("signatures/a.yaml", "a", rebuild({"type": "individual", "name": "Anna", "country": "NO", "github": "kim"}), {"name": 2, "github": 4}),
        Entry("signatures/b.yaml", "A", rebuild({"type": "individual", "name": "ANNA", "country": "NO"}), {"name": 2}),
        Entry("signatures/c.yaml", "c", rebuild({"type": "organization", "name": "Аnna", "country": "NO", "github": "KIM"}), {"name": 3, "github": 5}),
    ]
    problems = duplicate_problems_of([(e.path, _key(e)) for e in entries])
    assert [(p.path, p.line, p.code) for p in problems] == [("signatures/b.yaml", 1, "duplicate-file"), ("signatures/b.yaml", 2, "duplicate-name"), ("signatures/c.yaml", 3, "duplicate-lookalike"), ("signatures/c.yaml", 5, "duplicate-github")]
    assert problems == duplicate_problems(entries)
