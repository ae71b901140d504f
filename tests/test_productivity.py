"""Tests for lis_analytics.productivity (and its key findings, now in present.findings).

Unit tests use tiny hand-made tables with answers worked out by hand. Integration tests
(marked ``integration``) use the real ONS tables through ``lis_analytics.data.load_table``
and are skipped when the data layer or the data mirror is not available.

Reference values used in the integration tests (all ONS, "Subregional productivity:
labour productivity indices"):

* UK less extra-regio GVA per hour worked, 2022: GBP 40.97 in the June 2025 LAD workbook
  (``productivity_lad``) and GBP 39.7 in the June 2024 ITL workbook (``productivity_itl``),
  Table A3, row ``UKX`` (2022 was revised between the releases).
* Greater Manchester Combined Authority (E47000001) GVA per hour worked: GBP 22.85 (2004)
  and GBP 39.77 (2023) (June 2025 CA workbook, Table A3; more in tests/reference).
* London (TLI) has the highest GVA per hour worked of the 12 ITL1 regions (ITL
  workbook, Table A3).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from lis_analytics import productivity as prod
from lis_analytics.geography import Area
from lis_analytics.present.findings.productivity import key_findings
from lis_analytics.present.text import format_gbp, format_pct
from lis_analytics.productivity import (
    UK_CODE,
    GrowthWindow,
    IncompleteDataError,
    ProductivityError,
    UnknownAreaError,
    UnknownMeasureError,
    aggregate_areas,
    aggregate_each,
    aggregate_productivity,
    cagr,
    check_area_codes,
    cvm_growth,
    decompose_gva_per_head,
    growth_table,
    gva_per_head_inputs,
    implied_gva,
    lad_codes,
    lad_variation,
    pivot_measure,
    productivity_gap_gbp,
    rank_areas,
    real_productivity_lad,
    standard_windows,
    to_tidy,
    trend_gap,
)

GM_LADS = tuple(f"E080000{i:02d}" for i in range(1, 11))
WMCA_LADS = tuple(f"E080000{i:02d}" for i in range(25, 32))
WEST_OF_ENGLAND_LADS = ("E06000022", "E06000023", "E06000025")


def custom(name: str, codes) -> Area:
    """A geography Area made of ``codes`` (what ``la.get_area`` returns for a custom area)."""
    return Area(name.lower().replace(" ", "_"), name, "CUSTOM", tuple(codes))


# ------------------------------------------------------------------------------------------
# Hand-made tables
# ------------------------------------------------------------------------------------------


def make_table(
    rates: dict[str, list[float]],
    hours: dict[str, list[float]],
    periods: tuple[str, ...] = ("2021", "2022"),
    jobs: dict[str, list[float]] | None = None,
    job_rates: dict[str, list[float]] | None = None,
) -> pd.DataFrame:
    """Build a productivity_lad-style tidy table from {code: [value per period]}."""

    def wide(d: dict[str, list[float]]) -> pd.DataFrame:
        return pd.DataFrame.from_dict(d, orient="index", columns=list(periods))

    parts = [
        to_tidy(wide(rates), "gva_per_hour", unit="GBP", dataset_id="toy"),
        to_tidy(wide(hours), "hours_per_week", unit="hours", dataset_id="toy"),
    ]
    if jobs is not None:
        parts.append(to_tidy(wide(jobs), "filled_jobs", dataset_id="toy"))
    if job_rates is not None:
        parts.append(to_tidy(wide(job_rates), "gva_per_job", unit="GBP", dataset_id="toy"))
    return pd.concat(parts, ignore_index=True)


@pytest.fixture
def toy() -> pd.DataFrame:
    # Area = A + B. A: 30 GBP/h, 100 h/week; B: 10 GBP/h, 300 h/week. C outside the area.
    # UKX: 20 GBP/h (2021), 25 GBP/h (2022).
    return make_table(
        rates={"A": [30.0, 33.0], "B": [10.0, 12.0], "C": [25.0, 30.0], "UKX": [20.0, 25.0]},
        hours={"A": [100.0, 100.0], "B": [300.0, 300.0], "C": [600.0, 600.0], "UKX": [1e3, 1e3]},
        jobs={"A": [10.0, 10.0], "B": [40.0, 40.0], "C": [50.0, 50.0], "UKX": [100.0, 100.0]},
        job_rates={
            "A": [15600.0, 17160.0],
            "B": [3900.0, 4680.0],
            "C": [15600.0, 18720.0],
            "UKX": [10400.0, 13000.0],
        },
    )


# ------------------------------------------------------------------------------------------
# Tidy helpers and validation
# ------------------------------------------------------------------------------------------


def test_pivot_measure_wide_layout(toy):
    w = pivot_measure(toy, "gva_per_hour", areas=["B", "A"])
    assert list(w.index) == ["B", "A"]
    assert list(w.columns) == ["2021", "2022"]
    assert w.loc["A", "2022"] == 33.0
    assert w.index.name == "area_code" and w.columns.name == "period"


def test_pivot_measure_sorts_periods_as_years():
    t = to_tidy(pd.DataFrame({"2010": [1.0], "2004": [2.0], "2009": [3.0]}, index=["A"]), "m")
    assert list(pivot_measure(t, "m").columns) == ["2004", "2009", "2010"]


def test_unknown_measure_suggests_close_match(toy):
    with pytest.raises(UnknownMeasureError, match="gva_per_hour"):
        pivot_measure(toy, "gva_per_hours")


def test_unknown_area_names_codes_and_suggests(toy):
    lads = make_table({"E08000003": [30.0, 31.0]}, {"E08000003": [1.0, 1.0]})
    with pytest.raises(UnknownAreaError) as err:
        check_area_codes(lads, ["E08000003", "E0800003", "X99"])
    msg = str(err.value)
    assert "'E0800003'" in msg and "'X99'" in msg and "2 area codes" in msg
    assert "did you mean E08000003" in msg
    with pytest.raises(UnknownAreaError):
        aggregate_productivity(toy, ["A", "Z"])


def test_unknown_area_matches_names():
    t = to_tidy(
        pd.DataFrame({"2022": [1.0]}, index=["E08000003"]),
        "gva_per_hour",
        names={"E08000003": "Manchester"},
    )
    with pytest.raises(UnknownAreaError, match="E08000003 Manchester"):
        check_area_codes(t, "Manchestr")


def test_bad_inputs(toy):
    with pytest.raises(ProductivityError):
        aggregate_productivity(toy, [])
    with pytest.raises(ProductivityError):
        aggregate_productivity(toy, ["A"], per="week")  # type: ignore[arg-type]
    with pytest.raises(ProductivityError):
        aggregate_productivity(toy, ["A"], on_missing="drop")  # type: ignore[arg-type]
    with pytest.raises(ProductivityError, match="column"):
        aggregate_productivity(toy.drop(columns="measure"), ["A"])
    with pytest.raises(ProductivityError):
        aggregate_productivity(toy, [1, 2])  # type: ignore[list-item]


def test_duplicate_rows_are_rejected(toy):
    with pytest.raises(ProductivityError, match="several rows"):
        pivot_measure(pd.concat([toy, toy]), "gva_per_hour")


def test_pivot_measure_industry_filter():
    total = to_tidy(pd.DataFrame({"2022": [10.0]}, index=["A"]), "gva_cvm")
    manuf = to_tidy(pd.DataFrame({"2022": [3.0]}, index=["A"]), "gva_cvm")
    t = pd.concat([total.assign(industry_code="Total"), manuf.assign(industry_code="C")])
    assert pivot_measure(t, "gva_cvm").loc["A", "2022"] == 10.0
    assert pivot_measure(t, "gva_cvm", industry_code="C").loc["A", "2022"] == 3.0
    with pytest.raises(ProductivityError, match="several rows"):
        pivot_measure(t, "gva_cvm", industry_code=None)
    with pytest.raises(ProductivityError, match="industry_code"):
        pivot_measure(t, "gva_cvm", industry_code="Q")


def test_area_normalisation(toy):
    assert check_area_codes(toy, ["A", " A ", "B"]) == ("A", "B")
    assert check_area_codes(toy, custom("x", ["A", " A ", "B"])) == ("A", "B")
    assert check_area_codes(toy, "A") == ("A",)
    assert (aggregate_productivity(toy, "A")["area"] == "A").all()
    assert (aggregate_productivity(toy, custom("x", ["A"]), name="y")["area"] == "y").all()
    assert (aggregate_productivity(toy, UK_CODE)["area"] == "UK").all()
    assert (aggregate_productivity(toy, ["A", "B"])["area"] == "Area").all()
    with pytest.raises(ProductivityError, match="non-empty name"):
        aggregate_productivity(toy, ["A"], name=" ")
    with pytest.raises(ProductivityError, match="geography Area, a code"):
        aggregate_productivity(toy, 7)  # type: ignore[arg-type]


def test_lad_codes_england_prefix():
    t = to_tidy(
        pd.DataFrame(
            {"2022": [1.0, 1.0, 1.0, 1.0]}, index=["E06000001", "W06000001", "UKX", "E08000001"]
        ),
        "gva_per_hour",
    )
    assert lad_codes(t) == ("E06000001", "E08000001", "W06000001")
    assert lad_codes(t, "E") == ("E06000001", "E08000001")


# ------------------------------------------------------------------------------------------
# Levels: ratio of sums
# ------------------------------------------------------------------------------------------


def test_implied_gva_uses_weekly_hours_times_52(toy):
    g = implied_gva(toy, areas=["A"])
    assert g.loc["A", "2021"] == pytest.approx(30.0 * 100 * 52)
    gj = implied_gva(toy, per="job", areas=["A"])
    assert gj.loc["A", "2021"] == pytest.approx(15600.0 * 10)


def test_ratio_of_sums_not_mean_of_ratios(toy):
    r = aggregate_productivity(toy, custom("AB", ["A", "B"]))
    # (30*100 + 10*300) / 400 = 15, while the mean of the two rates would be 20
    assert r.loc["2021", "gva_per_hour"] == pytest.approx(15.0)
    mean_of_ratios = (30.0 + 10.0) / 2
    assert not math.isclose(r.loc["2021", "gva_per_hour"], mean_of_ratios)
    # 2022: (33*100 + 12*300) / 400 = 17.25
    assert r.loc["2022", "gva_per_hour"] == pytest.approx(17.25)
    assert r.loc["2021", "gva"] == pytest.approx((3000 + 3000) * 52)
    assert r.loc["2021", "hours"] == pytest.approx(400 * 52)
    assert r["complete"].all()
    assert r.loc["2021", "missing"] == ()
    assert (r["area"] == "AB").all()


def test_index_uk_equals_100(toy):
    r = aggregate_productivity(toy, ["A", "B"])
    assert r.loc["2021", "gva_per_hour_index"] == pytest.approx(15.0 / 20.0 * 100)
    assert r.loc["2022", "gva_per_hour_index"] == pytest.approx(17.25 / 25.0 * 100)
    uk = aggregate_productivity(toy, UK_CODE)
    assert uk["gva_per_hour_index"].tolist() == pytest.approx([100.0, 100.0])
    assert uk.loc["2022", "gva_per_hour"] == pytest.approx(25.0)


def test_index_against_other_benchmark(toy):
    r = aggregate_productivity(toy, ["A"], index_base=["B", "C"])
    # base 2021: (10*300 + 25*600) / 900 = 20
    assert r.loc["2021", "gva_per_hour_index"] == pytest.approx(30.0 / 20.0 * 100)
    no_index = aggregate_productivity(toy, ["A"], index_base=None)
    assert "gva_per_hour_index" not in no_index.columns


def test_per_job_is_jobs_weighted(toy):
    r = aggregate_productivity(toy, ["A", "B"], per="job")
    expected = (15600.0 * 10 + 3900.0 * 40) / 50
    assert r.loc["2021", "gva_per_job"] == pytest.approx(expected)
    assert r.loc["2021", "jobs"] == 50
    assert r.loc["2021", "gva_per_job_index"] == pytest.approx(expected / 10400.0 * 100)
    assert not math.isclose(expected, (15600.0 + 3900.0) / 2)


def test_missing_lad_is_flagged_not_dropped(toy):
    t = toy.copy()
    mask = (t["area_code"] == "B") & (t["period"] == "2022") & (t["measure"] == "hours_per_week")
    t.loc[mask, "value"] = np.nan
    r = aggregate_productivity(t, ["A", "B"])
    assert bool(r.loc["2021", "complete"]) is True
    assert bool(r.loc["2022", "complete"]) is False
    assert r.loc["2022", "missing"] == ("B",)
    assert r.loc["2022", "n_missing"] == 1
    # B is left out of both sums, so 2022 is A alone
    assert r.loc["2022", "gva_per_hour"] == pytest.approx(33.0)
    assert r.loc["2022", "hours"] == pytest.approx(100 * 52)
    nan = aggregate_productivity(t, ["A", "B"], on_missing="nan")
    assert math.isnan(nan.loc["2022", "gva_per_hour"])
    assert math.isnan(nan.loc["2022", "gva_per_hour_index"])
    assert nan.loc["2021", "gva_per_hour"] == pytest.approx(15.0)
    with pytest.raises(IncompleteDataError, match="2022: B"):
        aggregate_productivity(t, ["A", "B"], on_missing="raise")


def test_lad_absent_from_measure_is_missing():
    t = make_table({"A": [30.0], "UKX": [20.0]}, {"A": [1.0], "B": [2.0], "UKX": [3.0]}, ("2022",))
    r = aggregate_productivity(t, ["A", "B"])
    assert r.loc["2022", "missing"] == ("B",)
    assert not r.loc["2022", "complete"]


def test_missing_in_benchmark_is_reported(toy):
    t = toy.copy()
    t.loc[(t["area_code"] == "UKX") & (t["period"] == "2021"), "value"] = np.nan
    r = aggregate_productivity(t, ["A"])
    assert r.loc["2021", "base_missing"] == ("UKX",)
    assert not r.loc["2021", "complete"]
    assert math.isnan(r.loc["2021", "gva_per_hour_index"])
    assert r.loc["2022", "complete"]


def test_aggregate_areas_long(toy):
    r = aggregate_areas(toy, {"AB": ["A", "B"], "UK": "UKX"})
    assert list(r.columns[:2]) == ["area", "period"]
    assert len(r) == 4
    got = r.set_index(["area", "period"])["gva_per_hour"]
    assert got[("AB", "2021")] == pytest.approx(15.0)
    assert got[("UK", "2022")] == pytest.approx(25.0)


def test_aggregate_each_matches_one_area_at_a_time(toy):
    areas = {"AB": ["A", "B"], "C": ["C"], "UK": "UKX"}
    for per in ("hour", "job"):
        got = aggregate_each(toy, areas, per=per)
        assert list(got) == list(areas)
        for name, codes in areas.items():
            expected = aggregate_productivity(toy, codes, per=per, name=name)
            pd.testing.assert_frame_equal(got[name], expected)


def test_aggregate_each_rejects_repeated_names(toy):
    with pytest.raises(ProductivityError, match="names must differ"):
        aggregate_each(toy, [custom("X", ["A"]), custom("X", ["B"])])


def test_rank_areas(toy):
    r = rank_areas(toy, "gva_per_hour", "2022")
    assert r["area_code"].tolist() == ["A", "C", "B"]  # UKX excluded
    assert r["rank"].tolist() == [1, 2, 3]
    latest = rank_areas(toy, "gva_per_hour")
    assert (latest["period"] == "2022").all()
    with pytest.raises(ProductivityError):
        rank_areas(toy, "gva_per_hour", "1999")


# ------------------------------------------------------------------------------------------
# Growth and trend
# ------------------------------------------------------------------------------------------


def test_cagr_known_answers():
    assert cagr(100, 121, 2) == pytest.approx(0.10)
    assert cagr(100, 100, 5) == 0.0
    assert cagr(200, 100, 1) == pytest.approx(-0.5)
    assert math.isnan(cagr(np.nan, 100, 3))
    assert math.isnan(cagr(0, 100, 3))
    with pytest.raises(ProductivityError):
        cagr(1, 2, 0)


def test_standard_windows():
    labels = [w.label for w in standard_windows([str(y) for y in range(2004, 2023)])]
    assert labels == ["2004-2008", "2010-2019", "2019-2022"]
    assert [w.label for w in standard_windows(range(2002, 2020))] == ["2004-2008", "2010-2019"]
    assert [w.label for w in standard_windows(range(2009, 2024))] == ["2010-2019", "2019-2023"]
    assert [w.label for w in standard_windows(range(2004, 2024), latest="2021")][-1] == "2019-2021"
    assert GrowthWindow("x", "2010", "2019").years == 9


def test_growth_table_known_answer():
    years = range(2004, 2023)
    wide = pd.DataFrame(
        {str(y): [100 * 1.03 ** (y - 2004), 50 * 0.99 ** (y - 2004)] for y in years},
        index=["P", "Q"],
    )
    g = growth_table(wide)
    assert len(g) == 6
    assert g.loc[g["area_code"] == "P", "cagr_pct"].tolist() == pytest.approx([3.0] * 3)
    assert g.loc[g["area_code"] == "Q", "cagr_pct"].tolist() == pytest.approx([-1.0] * 3)
    s = pd.Series({"2010": 100.0, "2019": np.nan}, name="R")
    g2 = growth_table(s, [GrowthWindow("w", "2010", "2019")])
    assert math.isnan(g2.loc[0, "cagr_pct"])  # kept, not dropped


def test_cvm_growth_from_index():
    wide = pd.DataFrame(
        {str(y): [100 * 1.01 ** (y - 2019)] for y in range(2004, 2023)}, index=["TLD"]
    )
    t = to_tidy(wide, "gva_per_hour_cvm_index", names={"TLD": "North West"}, geography="ITL1")
    g = cvm_growth(t, "TLD")
    assert g["cagr_pct"].tolist() == pytest.approx([1.0, 1.0, 1.0])
    assert (g["area_name"] == "North West").all()
    with pytest.raises(UnknownMeasureError):
        cvm_growth(t, "TLD", per="job")


def test_trend_gap_known_answer():
    s = pd.Series(
        {"2004": 100.0, "2006": 104.0, "2008": 100 * 1.02**4, "2010": 100.0, "2022": 120.0}
    )
    tg = trend_gap(s)
    assert tg.index.tolist() == ["2004", "2006", "2008", "2010", "2022"]
    assert tg["trend_cagr_pct"].iloc[0] == pytest.approx(2.0)
    assert tg.loc["2004", "trend"] == pytest.approx(100.0)
    assert tg.loc["2008", "gap_pct"] == pytest.approx(0.0)
    trend_2022 = 100 * 1.02**18
    assert tg.loc["2022", "trend"] == pytest.approx(trend_2022)
    assert tg.loc["2022", "shortfall_pct"] == pytest.approx((1 - 120.0 / trend_2022) * 100)
    assert tg.loc["2010", "gap_pct"] == pytest.approx((100.0 / (100 * 1.02**6) - 1) * 100)
    with pytest.raises(ProductivityError):
        trend_gap(s.drop("2004"))


# ------------------------------------------------------------------------------------------
# Gap in pounds
# ------------------------------------------------------------------------------------------


def test_productivity_gap_gbp_known_answer(toy):
    area = aggregate_productivity(toy, ["A", "B"])
    uk = aggregate_productivity(toy, UK_CODE)
    gap = productivity_gap_gbp(area, uk)
    # 2021: (20 - 15) GBP/h x 400 h/week x 52
    assert gap.loc["2021", "gap_gbp"] == pytest.approx(5.0 * 400 * 52)
    assert gap.loc["2021", "gap_per_hour"] == pytest.approx(5.0)
    assert gap.loc["2021", "gap_pct_of_gva"] == pytest.approx(5.0 / 15.0 * 100)
    # 2022: (25 - 17.25) x 400 x 52
    assert gap.loc["2022", "gap_gbp"] == pytest.approx(7.75 * 400 * 52)
    assert gap["complete"].all()
    # area above benchmark: negative gap
    above = productivity_gap_gbp(aggregate_productivity(toy, ["A"]), uk)
    assert above.loc["2021", "gap_gbp"] == pytest.approx((20 - 30) * 100 * 52)
    with pytest.raises(ProductivityError):
        productivity_gap_gbp(area, aggregate_productivity(toy, UK_CODE, per="job"))


# ------------------------------------------------------------------------------------------
# GVA per head decomposition
# ------------------------------------------------------------------------------------------


def _counts(rng: np.random.Generator, extra: bool = False) -> dict[str, float]:
    c = {
        "gva": rng.uniform(1e9, 1e11),
        "hours": rng.uniform(1e8, 4e9),
        "jobs": rng.uniform(5e4, 2e6),
        "working_age": rng.uniform(5e4, 2e6),
        "population": rng.uniform(1e5, 3e6),
    }
    if extra:
        c["employed_residents"] = rng.uniform(5e4, 2e6)
        c["economically_active"] = rng.uniform(5e4, 2e6)
    return c


@pytest.mark.parametrize("extra", [False, True])
def test_decomposition_is_exact(extra):
    rng = np.random.default_rng(20240601)
    for _ in range(25):
        a, b = _counts(rng, extra), _counts(rng, extra)
        d = decompose_gva_per_head(a, b, area_name="A", benchmark_name="B")
        parts = d.loc[~d["is_total"]]
        total = d.loc[d["is_total"]].iloc[0]
        target = math.log((a["gva"] / a["population"]) / (b["gva"] / b["population"]))
        assert abs(parts["log_contribution"].sum() - target) < 1e-9
        assert abs(total["log_contribution"] - target) < 1e-9
        assert parts["pct_contribution"].sum() == pytest.approx(100.0, abs=1e-9)
        assert np.prod(parts["area_value"]) == pytest.approx(a["gva"] / a["population"], rel=1e-12)
        assert np.prod(parts["ratio"]) == pytest.approx(total["ratio"], rel=1e-12)
        assert len(parts) == (6 if extra else 4)


def test_decomposition_components_known_answer():
    a = {"gva": 2e9, "hours": 5e7, "jobs": 3e4, "working_age": 4e4, "population": 6e4}
    b = {"gva": 4e9, "hours": 1e8, "jobs": 5e4, "working_age": 5e4, "population": 1e5}
    d = decompose_gva_per_head(a, b).set_index("component")
    assert d.loc["GVA per hour worked", "area_value"] == pytest.approx(40.0)
    assert d.loc["GVA per hour worked", "log_contribution"] == pytest.approx(0.0, abs=1e-15)
    assert d.loc["Hours worked per filled job", "log_contribution"] == pytest.approx(
        math.log((5e7 / 3e4) / (1e8 / 5e4))
    )
    assert d.loc["Working-age share of population", "ratio"] == pytest.approx((4 / 6) / (5 / 10))
    assert d.loc["GVA per head", "area_value"] == pytest.approx(2e9 / 6e4)
    assert d.loc["GVA per head", "log_points"] == pytest.approx(100 * math.log((2e9 / 6e4) / 4e4))


def test_decomposition_extra_terms_names():
    rng = np.random.default_rng(1)
    a, b = _counts(rng), _counts(rng)
    a["employed_residents"], b["employed_residents"] = 1e5, 2e5
    d = decompose_gva_per_head(a, b)
    assert "Jobs per employed resident (commuting)" in d["component"].tolist()
    assert "Employment rate (employed per working-age resident)" in d["component"].tolist()


def test_decomposition_bad_inputs():
    a = {"gva": 1.0, "hours": 1.0, "jobs": 1.0, "working_age": 1.0, "population": 1.0}
    with pytest.raises(ProductivityError, match="lack"):
        decompose_gva_per_head({k: v for k, v in a.items() if k != "jobs"}, a)
    with pytest.raises(ProductivityError, match="employed_residents"):
        decompose_gva_per_head({**a, "employed": 1.0}, a)
    with pytest.raises(ProductivityError, match="same optional"):
        decompose_gva_per_head({**a, "employed_residents": 1.0}, a)
    with pytest.raises(ProductivityError, match="positive"):
        decompose_gva_per_head({**a, "gva": 0.0}, a)
    with pytest.raises(ProductivityError, match="positive"):
        decompose_gva_per_head({**a, "gva": float("nan")}, a)


def test_gva_per_head_inputs(toy):
    pop = pd.concat(
        [
            to_tidy(
                pd.DataFrame({"2022": [1000.0, 3000.0, 6000.0]}, index=["A", "B", "C"]),
                "population",
            ),
            to_tidy(
                pd.DataFrame({"2022": [600.0, 2000.0, 4000.0]}, index=["A", "B", "C"]),
                "population_16_64",
            ),
        ]
    )
    c = gva_per_head_inputs(toy, pop, ["A", "B"], "2022", employed_residents=45.0)
    assert c["gva"] == pytest.approx((33 * 100 + 12 * 300) * 52)
    assert c["hours"] == pytest.approx(400 * 52)
    assert c["jobs"] == 50
    assert c["working_age"] == 2600
    assert c["population"] == 4000
    assert c["employed_residents"] == 45.0
    uk = gva_per_head_inputs(toy, pop, UK_CODE, "2022")  # UK population = sum of all LADs
    assert uk["population"] == 10000
    d = decompose_gva_per_head({k: v for k, v in c.items() if k != "employed_residents"}, uk)
    assert d.loc[0, "area_value"] == pytest.approx(
        aggregate_productivity(toy, ["A", "B"]).loc["2022", "gva_per_hour"]
    )
    pop_missing = pop.copy()
    pop_missing.loc[pop_missing["area_code"] == "B", "value"] = np.nan
    with pytest.raises(IncompleteDataError, match="B"):
        gva_per_head_inputs(toy, pop_missing, ["A", "B"], "2022")


# ------------------------------------------------------------------------------------------
# Real productivity for LADs
# ------------------------------------------------------------------------------------------


def test_real_productivity_lad_known_answer(toy):
    cvm = pd.DataFrame({"2021": [2.0, 1.0, 5.0], "2022": [2.2, 1.1, 5.0]}, index=["A", "B", "C"])
    cur = pd.DataFrame({"2021": [1.8, 0.9, 4.5], "2022": [2.2, 1.1, 5.0]}, index=["A", "B", "C"])
    g = pd.concat([to_tidy(cvm, "gva_cvm"), to_tidy(cur, "gva_current_prices")])
    r = real_productivity_lad(g, toy, custom("AB", ["A", "B"]), base_period="2021")
    assert r.loc["2021", "gva_cvm"] == pytest.approx(3e6)
    assert r.loc["2021", "real_gva_per_hour"] == pytest.approx(3e6 / (400 * 52))
    assert r.loc["2022", "real_gva_per_hour_index"] == pytest.approx(110.0)
    assert r.loc["2021", "implied_deflator"] == pytest.approx(90.0)
    assert r.loc["2022", "implied_deflator"] == pytest.approx(100.0)
    assert r["complete"].all()
    jobs = real_productivity_lad(g, toy, ["A", "B"], per="job")
    assert jobs.loc["2021", "real_gva_per_job"] == pytest.approx(3e6 / 50)


def test_real_productivity_lad_missing(toy):
    cvm = pd.DataFrame({"2021": [2.0, np.nan], "2022": [2.2, 1.1]}, index=["A", "B"])
    g = to_tidy(cvm, "gva_cvm")
    r = real_productivity_lad(g, toy, ["A", "B"])
    assert r.loc["2021", "missing"] == ("B",)
    assert r.loc["2021", "real_gva_per_hour"] == pytest.approx(2e6 / (100 * 52))
    with pytest.raises(IncompleteDataError):
        real_productivity_lad(g, toy, ["A", "B"], on_missing="raise")


# ------------------------------------------------------------------------------------------
# Within-area variation and key findings
# ------------------------------------------------------------------------------------------


def test_lad_variation(toy):
    v = lad_variation(toy, ["A", "B"], window=("2021", "2022"))
    assert v["area_code"].tolist() == ["A", "B"]
    assert v["rank_uk"].tolist() == [1, 3]  # of A, B, C (UKX is not a LAD)
    assert (v["n_uk"] == 3).all()
    assert v.loc[0, "gva_per_hour_index"] == pytest.approx(33 / 25 * 100)
    assert v.loc[1, "cagr_pct_2021_2022"] == pytest.approx(20.0)
    assert v["labour_share_pct"].sum() == pytest.approx(100.0)
    assert (v["period"] == "2022").all()


def test_key_findings_sentence_numbers(toy):
    area = aggregate_productivity(toy, custom("Toyshire", ["A", "B"]))
    uk = aggregate_productivity(toy, UK_CODE)
    gap = productivity_gap_gbp(area, uk)
    growth = growth_table(
        area["gva_per_hour"].rename("Toyshire"), [GrowthWindow("w", "2021", "2022")]
    )
    lads = lad_variation(toy, ["A", "B"], window=("2021", "2022"))
    out = key_findings(
        "Toyshire",
        area,
        uk,
        gap=gap,
        growth=growth,
        lads=lads,
        growth_measure="GVA per hour worked (current prices)",
    )
    assert (
        out[0]
        == "GVA per hour worked in Toyshire was £17.25 in 2022, 69.0% of the UK average (£25.00)."
    )
    assert out[1] == (
        "Relative to the UK average, Toyshire stood at 69.0% in 2022, down 6.0 points from 75.0% "
        "in 2021 (current prices)."
    )
    assert any("£161,200" in s for s in out)  # 7.75 x 400 x 52
    assert any("+15.0% a year in 2021-2022" in s for s in out)
    assert any("ranged from £12.00 in B" in s and "£33.00 in A" in s for s in out)


def test_key_findings_flags_incomplete(toy):
    t = toy.copy()
    t.loc[
        (t["area_code"] == "B") & (t["measure"] == "gva_per_hour") & (t["period"] == "2022"),
        "value",
    ] = np.nan
    area = aggregate_productivity(t, custom("Toyshire", ["A", "B"]))
    out = key_findings("Toyshire", area)
    assert out[0].startswith("GVA per hour worked in Toyshire was £33.00 in 2022")
    assert "incomplete: no data for B" in out[1]


def test_key_findings_decomposition_and_trend():
    a = {"gva": 2e9, "hours": 5e7, "jobs": 3e4, "working_age": 4e4, "population": 6e4}
    b = {"gva": 4e9, "hours": 1e8, "jobs": 5e4, "working_age": 5e4, "population": 1e5}
    d = decompose_gva_per_head(a, b, area_name="Toyshire", benchmark_name="the UK")
    tg = trend_gap(pd.Series({"2004": 100.0, "2008": 100 * 1.02**4, "2022": 120.0}))
    toy_prod = pd.DataFrame(
        {"gva": [1.0], "hours": [1.0], "gva_per_hour": [1.0], "complete": [True]},
        index=pd.Index(["2022"], name="period"),
    )
    out = key_findings("Toyshire", toy_prod, decomposition=d, trend=tg)
    assert any("16.0% below where it would have been" in s and "+2.0% a year" in s for s in out)
    assert any(s.startswith("GVA per head in Toyshire was 16.7% below the UK") for s in out)


def test_formatting():
    assert format_gbp(35.2) == "£35.20"
    assert format_gbp(57109.3, 0) == "£57,109"
    assert format_gbp(7.086e9, compact=True) == "£7.1 billion"
    assert format_gbp(850e6, compact=True) == "£850 million"
    assert format_gbp(float("nan")) == "n/a"
    assert format_pct(88.64) == "88.6%"
    assert format_pct(-1.26, signed=True) == "-1.3%"
    assert format_pct(1.26, signed=True) == "+1.3%"


def test_public_api_listed():
    for name in prod.__all__:
        assert hasattr(prod, name), name


# ------------------------------------------------------------------------------------------
# Integration tests on the real ONS tables
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def load():
    la_data = pytest.importorskip("lis_analytics.data")
    load_table = getattr(la_data, "load_table", None)
    if load_table is None:
        pytest.skip("lis_analytics.data.load_table is not available yet")

    def _load(name: str) -> pd.DataFrame:
        try:
            return load_table(name)
        except (FileNotFoundError, LookupError) as exc:
            pytest.skip(f"table {name!r} not available: {exc}")

    return _load


def _gm_published(cr: pd.DataFrame) -> str:
    codes = cr.loc[cr["area_code"] == "E47000001", "area_code"]
    if len(codes):
        return "E47000001"
    hit = cr.loc[cr["area_name"].astype(str).str.startswith("Greater Manchester"), "area_code"]
    assert len(hit), "Greater Manchester not found in productivity_ca"
    return str(hit.iloc[0])


@pytest.mark.integration
@pytest.mark.parametrize("per", ["hour", "job"])
def test_gm_aggregate_reproduces_published_combined_authority(load, per):
    # same release on both sides: June 2025 LAD workbook and June 2025 CA workbook
    lad = load("productivity_lad")
    cr = load("productivity_ca")
    ours = aggregate_productivity(lad, custom("Greater Manchester", GM_LADS), per=per)
    rate = f"gva_per_{per}"
    published = pivot_measure(cr, rate).loc[_gm_published(cr)]
    common = [p for p in ours.index if p in published.index and pd.notna(published[p])]
    assert len(common) >= 15
    assert ours.loc[common, "complete"].all()
    rel = (ours.loc[common, rate] / published[common] - 1).abs()
    # methods.md: aggregation reproduces ONS's published figures to within about 0.5%
    assert (rel < 0.005).all(), rel[rel >= 0.005]


@pytest.mark.integration
def test_gm_aggregate_against_stored_reference_values(load):
    lad = load("productivity_lad")
    ours = aggregate_productivity(lad, custom("Greater Manchester", GM_LADS))
    # ONS CA workbook, June 2025, Table A3, E47000001
    assert ours.loc["2004", "gva_per_hour"] == pytest.approx(22.85, rel=0.005)
    assert ours.loc["2023", "gva_per_hour"] == pytest.approx(39.77, rel=0.005)


@pytest.mark.integration
def test_uk_gva_per_hour_2022(load):
    lad = load("productivity_lad")
    uk = aggregate_productivity(lad, UK_CODE)
    assert uk.loc["2022", "gva_per_hour"] == pytest.approx(40.97, abs=0.05)  # June 2025
    assert uk.loc["2023", "gva_per_hour"] == pytest.approx(41.87, abs=0.05)
    assert uk.loc["2022", "gva_per_hour_index"] == pytest.approx(100.0)
    itl = load("productivity_itl")  # June 2024 release: 2022 before revision
    assert pivot_measure(itl, "gva_per_hour").loc["UKX", "2022"] == pytest.approx(39.7, abs=0.05)


@pytest.mark.integration
def test_london_highest_itl1(load):
    itl = load("productivity_itl")
    for period in ("2004", "2022"):
        ranked = rank_areas(itl, "gva_per_hour", period, geography="ITL1")
        assert len(ranked) == 12
        top = ranked.iloc[0]
        assert top["area_code"] == "TLI" or "London" in str(top["area_name"])


def _population_2022(load) -> pd.DataFrame:
    """Population by LAD with 16-64 for 2022: population_lad, or the mid-2022 MYE table."""
    la_data = pytest.importorskip("lis_analytics.data")
    for name in ("population_lad", "population_mye_mid2022"):
        try:
            return la_data.load_table(name)
        except LookupError:
            continue
    pytest.skip("no population table with ages by LAD for 2022")


@pytest.mark.integration
def test_decomposition_exact_for_real_areas(load):
    lad = load("productivity_lad")
    pop = _population_2022(load)
    uk = gva_per_head_inputs(lad, pop, UK_CODE, "2022")
    for name, codes in [
        ("Greater Manchester", GM_LADS),
        ("West Midlands", WMCA_LADS),
        ("West of England", WEST_OF_ENGLAND_LADS),
    ]:
        counts = gva_per_head_inputs(lad, pop, codes, "2022")
        d = decompose_gva_per_head(counts, uk, area_name=name, benchmark_name="UK")
        parts = d.loc[~d["is_total"], "log_contribution"].sum()
        target = math.log((counts["gva"] / counts["population"]) / (uk["gva"] / uk["population"]))
        assert abs(parts - target) < 1e-9, name
        per_hour = aggregate_productivity(lad, codes).loc["2022", "gva_per_hour"]
        assert d.loc[0, "area_value"] == pytest.approx(per_hour, rel=1e-12)


@pytest.mark.integration
def test_real_productivity_gm(load):
    lad = load("productivity_lad")
    gva = load("gva_lad_industry")
    r = real_productivity_lad(gva, lad, custom("Greater Manchester", GM_LADS))
    assert r["complete"].all()
    assert "2022" in r.index
    if "implied_deflator" in r.columns:  # CVM equals current prices in the reference year
        assert r.loc["2022", "implied_deflator"] == pytest.approx(100.0, abs=0.1)
    g = growth_table(r["real_gva_per_hour"].rename("GM"))
    assert g["window"].tolist()[:2] == ["2004-2008", "2010-2019"]
    assert g["cagr_pct"].notna().all()


@pytest.mark.integration
def test_real_productivity_each_matches_one_area_at_a_time(load):
    lad = load("productivity_lad")
    gva = load("gva_lad_industry")
    areas = {"Greater Manchester": GM_LADS, "West Midlands CA": WMCA_LADS,
             "West of England": WEST_OF_ENGLAND_LADS}
    got = prod.real_productivity_each(gva, lad, areas, base_period="2019")
    for name, codes in areas.items():
        expected = real_productivity_lad(gva, lad, codes, base_period="2019", name=name)
        pd.testing.assert_frame_equal(got[name], expected)
    many = prod.aggregate_each(lad, areas, per="job")
    for name, codes in areas.items():
        pd.testing.assert_frame_equal(
            many[name], aggregate_productivity(lad, codes, per="job", name=name))


def test_key_findings_per_job_and_benchmark_growth(toy):
    area = aggregate_productivity(toy, custom("Toyshire", ["A", "B"]), per="job")
    uk = aggregate_productivity(toy, UK_CODE, per="job")
    w = [GrowthWindow("w", "2021", "2022")]
    growth = growth_table(area["gva_per_job"].rename("Toyshire"), w)
    uk_growth = growth_table(uk["gva_per_job"].rename("UKX"), w)
    out = key_findings(
        "Toyshire",
        area,
        uk,
        growth=growth,
        benchmark_growth=uk_growth,
        growth_measure="GVA per filled job (current prices)",
    )
    # (17160*10 + 4680*40) / 50 = 7176; UK 13000
    assert (
        out[0]
        == "GVA per filled job in Toyshire was £7,176 in 2022, 55.2% of the UK average (£13,000)."
    )
    assert any("(UK: +25.0%)" in s for s in out)


def test_key_findings_needs_productivity_frame():
    with pytest.raises(ProductivityError):
        key_findings("X", pd.DataFrame())
