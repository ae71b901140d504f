"""The June 2025 productivity tables against published ONS figures (tests/reference).

Integration tests: they read the real tables through the data layer.
"""

from __future__ import annotations

import pytest

from lis_analytics.data import load_table
from lis_analytics.geography import get_area
from lis_analytics.productivity import aggregate_productivity, pivot_measure
from tests.reference import productivity_jun2025 as ref

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(("code", "period"), list(ref.LadWorkbookA3.values))
def test_lad_workbook_values_as_published(code, period):
    table = load_table(ref.LadWorkbookA3.dataset_id)
    got = pivot_measure(table, ref.LadWorkbookA3.measure).loc[code, period]
    assert got == pytest.approx(ref.LadWorkbookA3.values[(code, period)],
                                abs=ref.LadWorkbookA3.tolerance)


def test_uk_aggregate_of_districts_is_the_published_uk_figure():
    lads = load_table("productivity_lad")
    uk = aggregate_productivity(lads, "UKX")
    published = ref.LadWorkbookA3.values[("UKX", "2023")]
    assert uk.loc["2023", "gva_per_hour"] == pytest.approx(published,
                                                         abs=ref.LadWorkbookA3.tolerance)


@pytest.mark.parametrize(("code", "measure", "period"), list(ref.CombinedAuthorityA3.values))
def test_combined_authority_published_and_aggregated(code, measure, period):
    published = ref.CombinedAuthorityA3.values[(code, measure, period)]
    ca = load_table(ref.CombinedAuthorityA3.dataset_id)
    assert pivot_measure(ca, measure).loc[code, period] == pytest.approx(published, abs=0.5)
    per = measure.removeprefix("gva_per_")
    ours = aggregate_productivity(load_table("productivity_lad"), get_area(code), per=per)
    assert bool(ours.loc[period, "complete"])
    assert ours.loc[period, measure] == pytest.approx(
        published, rel=ref.CombinedAuthorityA3.relative_tolerance_of_aggregate)
