"""The list's data: Rows remembers its one-pass tally and forgets it when changed; counts and countries by country."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from oracles import countries_reference, recent_reference
from petition.report.rowformat import Row
from petition.site import listdata, listing
from petition.site.listdata import Rows

ROWS = st.lists(
    st.builds(
        Row,
        slug=st.text("abc", min_size=1, max_size=3),
        type=st.sampled_from(["individual", "organization"]),
        name=st.text("aZ é", max_size=3),
        country=st.sampled_from(["", "NO", "KE", "CH"]),
        signed=st.sampled_from(["", "2026-01-01", "2026-01-02"]),
    ),
    max_size=12,
).map(
    lambda rows: [
        dataclasses.replace(r, country_name={"NO": "Norway", "KE": "Kenya", "CH": "Switzerland", "": ""}[r.country])
        for r in rows
    ]
)


@settings(max_examples=300, deadline=None)
@given(ROWS)
def test_one_pass_tally_equals_the_plain_functions(rows):
    remembered = Rows(rows)
    assert listdata.countries(remembered) == countries_reference(rows) == listdata.countries(rows)
    assert listdata.by_country(remembered) == listdata.by_country(rows)
    assert listing.sections(remembered) == [
        (k, t, a, [r for r in rows if r.type == k]) for k, t, a in listdata.SECTIONS
    ]
    assert listdata.counts(remembered) == listdata.counts(iter(rows))
    assert listing.recent(remembered, 3) == recent_reference(rows, 3)
    # Changing the list forgets what it remembered.
    if rows:
        remembered.append(dataclasses.replace(rows[0], country="SE", country_name="Sweden"))
        assert listdata.countries(remembered) == countries_reference(list(remembered))
