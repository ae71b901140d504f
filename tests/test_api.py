"""The one-call API on real data: every function for Cumbria LEP, Wigan and the Arc."""

from __future__ import annotations

import pandas as pd
import pytest

import lis_analytics as la
from lis_analytics.present.record import figure_decimals

pytestmark = pytest.mark.integration

AREAS = ("LEP:Cumbria", "Wigan", "oxford_cambridge_arc")
CODES = {"LEP:Cumbria": "E37000007", "Wigan": "E08000010",
         "oxford_cambridge_arc": "oxford_cambridge_arc"}


@pytest.fixture(scope="module")
def golden() -> pd.DataFrame:
    from tests.golden.make_golden import GOLDEN_AREAS, golden_path

    return pd.concat([pd.read_csv(golden_path(c), dtype={"period": str}) for c in GOLDEN_AREAS])


def _golden_value(golden, code, indicator_id, period):
    row = golden[(golden["area_code"] == code) & (golden["indicator_id"] == indicator_id)
                 & (golden["chapter"] == "productivity")
                 & (golden["period"] == period)]
    assert len(row) == 1
    return float(row["value"].iloc[0])


@pytest.mark.parametrize("name", AREAS)
def test_every_function_takes_a_name_a_code_or_an_area(name):
    area = la.get_area(name)
    assert area.code == CODES[name]
    for call in (la.productivity, la.indicators, la.comparators, la.location_quotients,
                 la.self_containment):
        by_name, by_area = call(name), call(area)
        pd.testing.assert_frame_equal(by_name, by_area)
        assert set(by_name["area_code"]) <= {area.code}


def test_productivity_matches_the_pack(golden):
    for code in ("E08000010", "oxford_cambridge_arc"):
        t = la.productivity(code)
        row = t[(t["period"] == "2023") & (t["measure"] == "gva_per_hour")]
        # the pack records the figure at its unit's precision (figure_decimals)
        assert round(float(row["value"].iloc[0]), figure_decimals("GBP per hour worked")) == (
            _golden_value(golden, code, "gva_per_hour", "2023"))
    cumbria = la.productivity("LEP:Cumbria")
    assert set(cumbria["measure"]) == {"gva_per_hour", "gva_per_hour_index", "hours", "gva",
                                       "gva_per_job", "gva_per_job_index", "jobs"}
    assert cumbria["complete"].all() and (cumbria["n_lads"] == 2).all()


def test_location_quotients_shares_and_benchmark():
    for measure in ("gva", "jobs"):
        lq = la.location_quotients("LEP:Cumbria", measure=measure)
        assert lq["share"].sum() == pytest.approx(1.0)
        assert lq["england_share"].sum() == pytest.approx(1.0)
        expected = lq["share"] / lq["england_share"]
        pd.testing.assert_series_equal(lq["lq"], expected, check_names=False)
    jobs = la.location_quotients("LEP:Cumbria", measure="jobs")
    top = jobs.sort_values("lq", ascending=False).iloc[0]
    assert top["industry_code"] == "38"  # waste and materials recovery (Sellafield's site work)
    with pytest.raises(ValueError, match="Census 2021 only"):
        la.location_quotients("LEP:Cumbria", year=2019, measure="jobs")
    with pytest.raises(ValueError, match="years 1998-2023"):
        la.location_quotients("LEP:Cumbria", year=1990)


def test_shift_share_start_and_end_are_the_deflated_gva():
    ss = la.shift_share("E37000007", start=2013, end=2023)
    lq_end = la.location_quotients("E37000007", year=2023).set_index("industry_code")["value"]
    deflators = la.load_table("sectors_gva_deflators").set_index("period")
    expected_end = lq_end / (deflators.loc["2023", lq_end.index].astype(float) / 100)
    pd.testing.assert_series_equal(ss.set_index("industry_code")["end"], expected_end,
                                   check_names=False)
    assert (ss["start_period"] == "2013").all() and (ss["end_period"] == "2023").all()


def test_self_containment_equals_the_all_area_table():
    table = la.load_table("commuting_area_summaries")
    for name in ("LEP:Cumbria", "Wigan"):
        for year in (2011, 2021):
            mine = la.self_containment(name, year=year).iloc[0]
            row = table[(table["area_code"] == CODES[name]) & (table["year"] == year)].iloc[0]
            for col in ("employed_residents", "workplace_jobs", "self_containment"):
                assert mine[col] == row[col]
    with pytest.raises(ValueError, match="2011, 2021"):
        la.self_containment("LEP:Cumbria", year=2001)


def test_ttwas_are_the_pinned_run():
    from lis_analytics.commuting import MSOA_2011_AREAS

    zones = la.ttwas(2011)
    assert len(zones) == 7201 and zones["ttwa"].nunique() == MSOA_2011_AREAS
    with pytest.raises(ValueError, match="lockdown"):
        la.ttwas(2021)


def test_indicators_and_comparators_of_the_arc():
    ind = la.indicators("oxford_cambridge_arc")
    assert {"People", "Ideas", "Infrastructure", "Business Environment", "Places"} <= \
        set(ind["theme"])
    missing = ind[ind["status"] == "missing"]
    assert (missing["value"].isna()).all() and (missing["reason"] != "").all()
    comp = la.comparators("oxford_cambridge_arc")
    assert list(comp["rank"]) == [1, 2, 3, 4, 5] and (comp["pool_type"] == "LEP").all()
    assert "oxford_cambridge_arc" not in set(comp["comparator_code"])


def test_modules_stay_modules_when_called_as_functions():
    from lis_analytics import productivity as prod

    assert prod is la.productivity and callable(prod)
    assert hasattr(prod, "aggregate_productivity") and hasattr(la.indicators, "load_framework")
    assert prod.__api_function__ is la.api.productivity


def test_tutorial_notebook_runs(tmp_path):
    import papermill as pm

    from lis_analytics.report.batch import KERNEL_NAME, notebooks_dir

    out = tmp_path / "explore.ipynb"
    pm.execute_notebook(str(notebooks_dir() / "explore.ipynb"), str(out),
                        kernel_name=KERNEL_NAME, cwd=str(notebooks_dir()), progress_bar=False)
    import nbformat

    nb = nbformat.read(out, as_version=4)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert not errors
