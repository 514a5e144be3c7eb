"""The country chart: the countries with the most as bars (most first), the rest in a table it links to."""

from __future__ import annotations

import re

from petition.report.rowformat import Row
from petition.site import chart


def _rows(counts: dict[str, tuple[str, int, int]]) -> list[Row]:
    rows = []
    for code, (name, orgs, people) in counts.items():
        rows += [
            Row(slug=f"{code}-o{i}", type="organization", name="O", country=code, country_name=name)
            for i in range(orgs)
        ]
        rows += [
            Row(slug=f"{code}-i{i}", type="individual", name="I", country=code, country_name=name)
            for i in range(people)
        ]
    return rows


def test_bars_most_first_with_their_split_in_words():
    html = chart.chart_html(_rows({"NO": ("Norway", 3, 0), "KE": ("Kenya", 1, 5), "FR": ("France", 0, 1)}))
    labels = re.findall(r'class="petition-chart-label"><bdi dir="auto">([^<]*)<', html)
    assert labels == ["Kenya", "Norway", "France"]
    assert '6<span class="petition-chart-split"> (1 organisation, 5 individuals)</span>' in html
    # The longest bar is the whole width; the others in proportion.
    assert 'style="width: 16.7%"></span><span class="petition-chart-ind" style="width: 83.3%"' in html
    assert 'class="petition-chart-org" style="width: 50.0%"' in html
    assert (
        '<a href="#all-countries">All 3 countries</a>' in html
        and '<details class="petition-countries" id="all-countries">' in html
    )
    assert chart.chart_html([]) == ""


def test_only_the_top_countries_are_bars_and_every_one_is_in_the_table():
    many = {f"C{i:02d}": (f"Country {i:02d}", 0, 100 - i) for i in range(chart.TOP + 5)}
    html = chart.chart_html(_rows(many))
    assert html.count("<li>") == chart.TOP
    assert html.count("<tr><td>") == chart.TOP + 5
    assert f"the {chart.TOP} with the most" in html
    # A page of every country, when the site has one, is linked instead of the table.
    assert '<a href="../countries/">All 20 countries</a>' in chart.chart_html(_rows(many), "../countries/")
