"""Indicator framework and aggregation rules: known answers on hand-made data."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from lis_analytics import indicators as ind
from lis_analytics.geography import Area

# ----------------------------------------------------------------- fixtures


def _tidy(rows: list[tuple], measure_unit: str = "persons") -> pd.DataFrame:
    """Tidy rows from (code, geography, period, measure, value[, lci, uci, flag])."""
    out = []
    for r in rows:
        code, geo, period, measure, value, *rest = r
        lci, uci, flag = (rest + [np.nan, np.nan, ""])[:3] if rest else (np.nan, np.nan, "")
        out.append({"area_code": code, "area_name": code, "geography": geo, "period": period,
                    "measure": measure, "value": value, "lci_95": lci, "uci_95": uci,
                    "flag": flag, "period_label": period, "unit": measure_unit})
    return pd.DataFrame(out)


def _framework(*specs: dict) -> ind.Framework:
    base = {"title": "T", "theme": "People", "unit": "%", "direction": "higher_is_better"}
    return ind.parse_framework({"indicators": [{**base, **s} for s in specs]})


@pytest.fixture
def geo() -> ind.Geo:
    """Three LAD 2023 codes; 'OLD1' and 'OLD2' are predecessors merged into 'C'."""
    bridge = {"A": "A", "B": "B", "C": "C", "OLD1": "C", "OLD2": "C"}
    atoms = {"A": frozenset({"A"}), "B": frozenset({"B"}), "C": frozenset({"OLD1", "OLD2"})}
    return ind.Geo(("A", "B", "C"), bridge, atoms,
                   published_sets={"P1": frozenset({"A", "B"}),
                                   "ITL3X": frozenset({"A"}), "ITL3Y": frozenset({"B"})},
                   names={"A": "Alpha", "B": "Beta", "C": "Gamma"})


AB = Area("AB", "Alpha and Beta", "CUSTOM", ("A", "B"))
ABC = Area("ABC", "All three", "CUSTOM", ("A", "B", "C"))

# ----------------------------------------------------------------- ratio of sums


def test_ratio_of_sums_is_not_a_mean_of_ratios(geo):
    # A: 10 of 100 employed (10%); B: 810 of 900 (90%). Mean of ratios = 50%; truth = 82%.
    t = _tidy([("A", "LAD", "2022", "emp", 10.0), ("B", "LAD", "2022", "emp", 810.0),
               ("A", "LAD", "2022", "pop", 100.0), ("B", "LAD", "2022", "pop", 900.0)])
    fw = _framework({"id": "rate", "aggregation": "ratio_of_sums", "scale": 100,
                     "numerator": {"dataset": "t", "measures": ["emp"]},
                     "denominator": {"dataset": "t", "measures": ["pop"]}})
    r = ind.compute_indicator(fw.get("rate"), [AB], ind.Inputs({"t": t}, geo))
    assert r["value"].iloc[0] == pytest.approx(82.0)
    assert r["value"].iloc[0] != pytest.approx(50.0)
    assert r["status"].iloc[0] == "ok"


def test_ratio_of_sums_reports_missing_districts_and_bridges_merged_codes(geo):
    # C is made of OLD1 and OLD2; OLD2 is suppressed, so C counts as missing (never half a C)
    t = _tidy([("A", "LAD", "2022", "emp", 50.0), ("B", "LAD", "2022", "emp", 30.0),
               ("OLD1", "LAD", "2022", "emp", 20.0), ("OLD2", "LAD", "2022", "emp", np.nan),
               ("A", "LAD", "2022", "pop", 100.0), ("B", "LAD", "2022", "pop", 100.0),
               ("OLD1", "LAD", "2022", "pop", 50.0), ("OLD2", "LAD", "2022", "pop", 50.0)])
    fw = _framework({"id": "rate", "aggregation": "ratio_of_sums", "scale": 100,
                     "numerator": {"dataset": "t", "measures": ["emp"]},
                     "denominator": {"dataset": "t", "measures": ["pop"]}})
    r = ind.compute_indicator(fw.get("rate"), [ABC], ind.Inputs({"t": t}, geo)).iloc[0]
    assert r["value"] == pytest.approx(40.0)  # (50 + 30) / (100 + 100)
    assert r["status"] == "incomplete" and r["missing_lads"] == "C"
    assert "Gamma" in r["reason"]


def test_sum_of_merged_predecessors(geo):
    t = _tidy([("OLD1", "LAD", "2020", "pop", 20.0), ("OLD2", "LAD", "2020", "pop", 30.0),
               ("A", "LAD", "2020", "pop", 5.0)])
    fw = _framework({"id": "pop", "aggregation": "sum", "direction": "neutral",
                     "value": {"dataset": "t", "measures": ["pop"]}})
    r = ind.compute_indicator(fw.get("pop"), [Area("AC", "AC", "CUSTOM", ("A", "C"))],
                              ind.Inputs({"t": t}, geo))
    assert r["value"].iloc[0] == 55.0


def test_survey_interval_of_a_rate_adds_district_variances(geo):
    # half-widths 19.6 and 39.2 -> se 10 and 20 -> se of sum sqrt(500); rate se = that / 1000
    t = _tidy([("A", "LAD", "2022", "emp", 300.0, 280.4, 319.6),
               ("B", "LAD", "2022", "emp", 400.0, 360.8, 439.2),
               ("A", "LAD", "2022", "pop", 500.0), ("B", "LAD", "2022", "pop", 500.0)])
    fw = _framework({"id": "rate", "aggregation": "ratio_of_sums", "scale": 100, "ci": True,
                     "numerator": {"dataset": "t", "measures": ["emp"]},
                     "denominator": {"dataset": "t", "measures": ["pop"]}})
    r = ind.compute_indicator(fw.get("rate"), [AB], ind.Inputs({"t": t}, geo)).iloc[0]
    half = ind.Z95 * math.sqrt(10.0 ** 2 + 20.0 ** 2) / 1000 * 100
    assert r["value"] == pytest.approx(70.0)
    assert r["uci_95"] - r["value"] == pytest.approx(half, rel=1e-3)


def test_published_area_rows_replace_incomplete_district_sums(geo):
    # B's count is suppressed, but the publisher gives a row for exactly A+B (e.g. a Nomis LEP)
    t = _tidy([("A", "LAD", "2022", "emp", 50.0), ("B", "LAD", "2022", "emp", np.nan),
               ("A", "LAD", "2022", "pop", 100.0), ("B", "LAD", "2022", "pop", 100.0),
               ("P1", "LEP", "2022", "emp", 120.0, 110.0, 130.0),
               ("P1", "LEP", "2022", "pop", 200.0)])
    fw = _framework({"id": "rate", "aggregation": "ratio_of_sums", "scale": 100, "ci": True,
                     "numerator": {"dataset": "t", "measures": ["emp"]},
                     "denominator": {"dataset": "t", "measures": ["pop"]}})
    r = ind.compute_indicator(fw.get("rate"), [AB], ind.Inputs({"t": t}, geo)).iloc[0]
    assert r["value"] == pytest.approx(60.0) and r["status"] == "ok"
    assert "P1" in r["method"]
    assert r["uci_95"] - r["value"] == pytest.approx(5.0)


# ------------------------------------------------------------ population weighted


def test_population_weighted_mean_with_builtin_weights(geo):
    t = _tidy([("A", "LAD", "2022", "ghg", 10.0), ("B", "LAD", "2022", "ghg", 2.0)])
    weights = pd.DataFrame({"code": ["A", "B"], "year": [2021, 2021],
                            "measure": ["population", "population"], "value": [100.0, 300.0]})
    fw = _framework({"id": "ghg", "aggregation": "population_weighted",
                     "direction": "lower_is_better",
                     "value": {"dataset": "t", "measure": "ghg"},
                     "weight": {"measure": "population"}})
    r = ind.compute_indicator(fw.get("ghg"), [AB], ind.Inputs({"t": t}, geo, weights))
    assert r["value"].iloc[0] == pytest.approx((10 * 100 + 2 * 300) / 400)


def test_population_weighted_merges_old_codes_with_their_own_weights(geo):
    t = _tidy([("OLD1", "LAD", "2019", "mins", 10.0), ("OLD2", "LAD", "2019", "mins", 20.0)])
    weights = pd.DataFrame({"code": ["OLD1", "OLD2"], "year": [2019, 2019],
                            "measure": ["population"] * 2, "value": [300.0, 100.0]})
    fw = _framework({"id": "t", "aggregation": "population_weighted",
                     "value": {"dataset": "t", "measure": "mins"},
                     "weight": {"measure": "population"}})
    r = ind.compute_indicator(fw.get("t"), [Area("C", "C", "LAD", ("C",))],
                              ind.Inputs({"t": t}, geo, weights))
    assert r["value"].iloc[0] == pytest.approx(12.5)


# ------------------------------------------------------------------ medians


def test_medians_are_refused_by_summing_rules():
    with pytest.raises(ValueError, match="medians never aggregate"):
        _framework({"id": "pay", "aggregation": "population_weighted",
                    "value": {"dataset": "t", "measure": "median_weekly_pay"},
                    "weight": {"measure": "population"}})
    with pytest.raises(ValueError, match="medians never aggregate"):
        _framework({"id": "pay", "aggregation": "ratio_of_sums",
                    "numerator": {"dataset": "t", "measures": ["median_weekly_pay"]},
                    "denominator": {"dataset": "t", "measures": ["jobs"]}})


def test_published_only_uses_the_exact_area_row_or_says_why(geo):
    t = _tidy([("A", "LAD", "2024", "median_pay", 500.0), ("B", "LAD", "2024", "median_pay",
                                                               700.0),
               ("P1", "CA", "2024", "median_pay", 640.0, 630.0, 650.0)])
    fw = _framework({"id": "pay", "aggregation": "published_only",
                     "value": {"dataset": "t", "measure": "median_pay"}, "ci": True})
    inputs = ind.Inputs({"t": t}, geo)
    res = ind.compute_indicator(fw.get("pay"), [AB, ABC, Area("A", "Alpha", "LAD", ("A",))],
                                inputs).set_index("area_code")
    assert res.loc["AB", "value"] == 640.0  # the published row, not (500 + 700) / 2
    assert res.loc["AB", "lci_95"] == 630.0
    assert np.isnan(res.loc["ABC", "value"]) and res.loc["ABC", "status"] == "missing"
    assert "does not aggregate" in res.loc["ABC", "reason"]
    assert res.loc["A", "value"] == 500.0


def test_itl3_blocks_sum_only_when_they_make_up_the_area(geo):
    t = _tidy([("ITL3X", "ITL3", "2023", "exports", 5.0), ("ITL3Y", "ITL3", "2023",
                                                            "exports", 7.0)])
    fw = _framework({"id": "x", "aggregation": "published_only",
                     "value": {"dataset": "t", "measure": "exports", "level": "blocks_itl3"}})
    res = ind.compute_indicator(fw.get("x"), [Area("AB2", "AB", "CUSTOM", ("A", "B")), ABC],
                                ind.Inputs({"t": t}, geo)).set_index("area_code")
    # P1 (the published A+B area) has no exports row, so A+B is the sum of its two ITL3s
    assert res.loc["AB2", "value"] == 12.0
    assert res.loc["ABC", "status"] == "missing"


# --------------------------------------------------------- compute_all extras


def test_difference_and_region_fallback(geo):
    t = _tidy([("P1", "RGN", "2024", "berd", 10.0), ("A", "LAD", "2024", "w", 600.0),
               ("A", "LAD", "2024", "r", 550.0), ("A", "LAD", "2024", "pop", 1.0),
               ("B", "LAD", "2024", "pop", 1.0)])
    fw = ind.parse_framework({"indicators": [
        {"id": "w", "title": "W", "theme": "People", "unit": "£", "direction": "higher_is_better",
         "aggregation": "published_only", "value": {"dataset": "t", "measure": "w"}},
        {"id": "r", "title": "R", "theme": "People", "unit": "£", "direction": "higher_is_better",
         "aggregation": "published_only", "value": {"dataset": "t", "measure": "r"}},
        {"id": "gap", "title": "Gap", "theme": "People", "unit": "£", "direction": "neutral",
         "aggregation": "difference", "of": ["w", "r"]},
        {"id": "berd", "title": "BERD", "theme": "Ideas", "unit": "£m",
         "direction": "higher_is_better", "aggregation": "published_only",
         "value": {"dataset": "t", "measure": "berd"}, "fallback": "region"}]})
    region = Area("P1", "Region One", "RGN", ("A", "B"))
    lad_a = Area("A", "Alpha", "LAD", ("A",), region_code="P1")
    res = ind.compute_all(fw, [lad_a, region], ind.Inputs({"t": t}, geo), {"P1": region})
    gap = res[(res.indicator_id == "gap") & (res.area_code == "A")].iloc[0]
    assert gap["value"] == 50.0
    berd = res[(res.indicator_id == "berd") & (res.area_code == "A")].iloc[0]
    assert berd["value"] == 10.0 and berd["status"] == "regional"
    assert "Region One" in berd["reason"]
    assert fw.get("gap").datasets == ("t",)


def test_ranks_respect_direction_and_skip_regional():
    res = pd.DataFrame({"indicator_id": ["x"] * 3, "area_code": ["L1", "L2", "L3"],
                        "period": ["2022"] * 3, "value": [3.0, 1.0, 2.0],
                        "status": ["ok", "ok", "regional"]})
    fw = _framework({"id": "x", "aggregation": "sum", "direction": "lower_is_better",
                     "value": {"dataset": "t", "measures": ["m"]}})
    areas = [Area(c, c, "LEP", (c,)) for c in ("L1", "L2", "L3")]
    ranked = ind.add_ranks(res, fw, areas).set_index("area_code")
    assert ranked.loc["L2", "rank"] == 1 and ranked.loc["L1", "rank"] == 2
    assert pd.isna(ranked.loc["L3", "rank"]) and ranked.loc["L1", "n_ranked"] == 2


# ----------------------------------------------------------------- significance


def test_standard_errors_from_intervals_and_cvs():
    # 95% interval 70 to 74: se = 4 / (2 x 1.959964) = 1.020426
    assert ind.se_from_interval(70.0, 74.0) == pytest.approx(1.020426, abs=1e-6)
    # ASHE CV of 2.5% on 600: se = 15
    assert ind.se_from_cv(600.0, 2.5) == pytest.approx(15.0)
    assert np.isnan(ind.se_from_interval(np.nan, 74.0))


def test_change_is_z_tested_and_overlapping_intervals_can_still_differ():
    # hand-worked: 72 (70-74) to 75 (73-77); se of change = 1.020426 x sqrt(2) = 1.443101,
    # z = 3 / 1.443101 = 2.0789 > 1.96: significant although the intervals overlap
    t = ind.change_test(72.0, ind.se_from_interval(70, 74), 75.0, ind.se_from_interval(73, 77))
    assert t.se == pytest.approx(1.443101, abs=1e-6)
    assert t.statistic == pytest.approx(2.0789, abs=1e-4) and t.significant
    # 73 (70-76) to 75 (72-78): se = 1.530639 x sqrt(2) = 2.164651, z = 0.924: not significant
    t = ind.change_test(73.0, ind.se_from_interval(70, 76), 75.0, ind.se_from_interval(72, 78))
    assert t.statistic == pytest.approx(0.9239, abs=1e-4) and t.significant is False
    assert ind.significant_difference(75.0, 73.0, 77.0, 72.0, 70.0, 74.0).significant
    assert ind.significant_difference(76.0, np.nan, np.nan, 72.0, 71.0, 73.0).significant is None
    with pytest.raises(TypeError):
        ind.significant_difference(75.0, 73.0, 77.0, 72.0, 70.0, 74.0, "overlap")


def test_change_against_england_in_units_and_in_percent():
    # units: area 70 -> 74, England 70 -> 71, all se 1: d = 3, se_d = 2, z = 1.5
    t = ind.change_against_benchmark(70, 1, 74, 1, 70, 1, 71, 1)
    assert (t.difference, t.se, t.statistic, t.significant) == (3.0, 2.0, 1.5, False)
    # the same with se 0.5 each: se_d = 1, z = 3: significant
    assert ind.change_against_benchmark(70, .5, 74, .5, 70, .5, 71, .5).significant
    # no interval for the area: not tested
    assert ind.change_against_benchmark(70, np.nan, 74, 1, 70, 1, 71, 1).significant is None


def test_gm_pay_like_rise_is_not_significantly_different_from_england():
    # residents' pay up 11.4% (546.2 -> 608.3, published 95% CIs 533.35-559.05 and
    # 596.38-620.22) against England 12.2% (577.7 -> 648.4, 575.44-579.96 and 645.86-650.94)
    gm1, gm2 = ind.se_from_interval(533.35, 559.05), ind.se_from_interval(596.38, 620.22)
    e1, e2 = ind.se_from_interval(575.44, 579.96), ind.se_from_interval(645.86, 650.94)
    t = ind.change_against_benchmark(546.2, gm1, 608.3, gm2, 577.7, e1, 648.4, e2, relative=True)
    # GM: 100 x (608.3 / 546.2 - 1) = 11.37%; England 12.24%; d = -0.87 points
    assert t.difference == pytest.approx(100 * (608.3 / 546.2 - 648.4 / 577.7), abs=1e-9)
    # GM se: 6.556 and 6.082; se of its % change = 111.37 x sqrt((6.556 / 546.2)^2 +
    # (6.082 / 608.3)^2) = 1.740; England (se 1.153 and 1.296): 112.24 x sqrt(0.001996^2 +
    # 0.001999^2) = 0.317; se_d = sqrt(1.740^2 + 0.317^2) = 1.768; z = -0.87 / 1.768 = -0.49
    assert t.se == pytest.approx(1.768, abs=0.002)
    assert t.statistic == pytest.approx(-0.49, abs=0.01) and t.significant is False
    assert ind.classify_change(t.difference, "higher_is_better", t) == "no significant change"


def test_classify_change_uses_direction_significance_and_tolerance():
    not_sig = ind.Significance(False, "z")
    assert ind.classify_change(-2.0, "lower_is_better") == "improving"
    assert ind.classify_change(-2.0, "higher_is_better") == "worsening"
    assert ind.classify_change(3.0, "higher_is_better", not_sig) == "no significant change"
    assert ind.classify_change(3.0, "higher_is_better", ind.Significance(None, "none")) \
        == "not tested"
    assert ind.classify_change(3.0, "higher_is_better", ind.Significance(True, "z")) \
        == "improving"
    assert ind.classify_change(0.04, "higher_is_better", tolerance=0.05) == "no change"
    assert ind.classify_change(1.0, "neutral") == "increased"


def test_survey_without_interval_is_not_tested_and_admin_change_says_not_a_survey():
    fw = ind.load_framework()
    t = pd.DataFrame({"indicator_id": ["pay_workplace"] * 2 + ["gigabit_coverage"] * 2,
                      "area_code": "A", "period": ["2019", "2024"] * 2,
                      "value": [500.0, 560.0, 10.0, 80.0], "lci_95": np.nan, "uci_95": np.nan})
    c = ind.compare_periods(t, "A", fw.get("pay_workplace"), "2019", "2024")
    assert c["assessment"] == "not tested" and c["significance"] == ind.NOT_TESTED
    c = ind.compare_periods(t, "A", fw.get("gigabit_coverage"), "2019", "2024")
    assert c["assessment"] == "improving" and c["significance"] == ind.NOT_SURVEY


def test_baseline_period_is_closest_to_baseline_year_and_before_latest():
    assert ind.baseline_period(["2017", "2018", "2019", "2020"], 2019, "2020") == "2019"
    assert ind.baseline_period(["2021-2022", "2023-2024", "2024-2025"], 2019,
                               "2024-2025") == "2021-2022"
    assert ind.baseline_period(["2022"], 2019, "2022") is None


# ------------------------------------------------------------------ framework


def test_framework_file_is_complete():
    fw = ind.load_framework()
    assert len(fw.indicators) >= 30
    assert {i.theme for i in fw.indicators} == set(ind.THEMES)
    for i in fw.indicators:
        assert i.datasets, i.id
        assert i.note, f"{i.id} has no note"
        if i.aggregation != "difference" and ("median" in i.title.lower() or "pay" in i.id):
            assert i.aggregation == "published_only", i.id
    assert sum(i.headline for i in fw.indicators) >= 8


def test_framework_errors_name_the_indicator():
    with pytest.raises(ValueError, match="indicator 'bad': aggregation 'mean'"):
        _framework({"id": "bad", "aggregation": "mean"})
    with pytest.raises(ValueError, match="needs \\['numerator', 'denominator'\\]"):
        _framework({"id": "r", "aggregation": "ratio_of_sums"})
    with pytest.raises(ValueError, match="unknown indicator"):
        _framework({"id": "d", "aggregation": "difference", "of": ["x", "y"]})


# ------------------------------------------------------------------ geography model


def test_build_geo_bridges_districts_and_matches_published_geographies(monkeypatch):
    canonical = pd.DataFrame({"lad_code": ["A", "B", "C"], "lad_name": ["Alpha", "Beta", "Gamma"]})
    lookup = pd.DataFrame({"LAD11CD": ["A", "B", "OLD1", "OLD2"],
                           "LAD21CD": ["A", "B", "OLD1", "OLD2"]})
    ashe = pd.DataFrame({"area_code": ["A", "B", "CTY1"], "geography": ["LAD", "LAD", "CTY"],
                         "parent_code": ["CTY1", "CTY1", ""]})
    itl = pd.DataFrame({"LAD21CD": ["A", "B", "OLD1", "OLD2"],
                        "ITL321CD": ["TLC31", "TLC32", "TLD11", "TLD11"]})
    table = _tidy([("OLD1", "LAD", "2019", "emp", 1.0), ("OLD2", "LAD", "2019", "emp", 2.0)])
    bridge = {"OLD1": "C", "OLD2": "C"}
    from lis_analytics.indicators import tables

    # the catalogue's bridge, limited to these made-up districts
    monkeypatch.setattr(tables, "bridge_code",
                        lambda c: bridge.get(c, c if c in {"A", "B", "C"} else None))
    geo = ind.build_geo([table], lookup, ashe, itl, canonical,
                        [Area("L1", "Lep one", "LEP", ("A", "C"))])
    assert geo.lad_codes == ("A", "B", "C")
    assert geo.bridge["OLD2"] == "C" and geo.atoms["C"] == frozenset({"OLD1", "OLD2"})
    assert geo.published_sets["L1"] == frozenset({"A", "OLD1", "OLD2"})
    assert geo.published_sets["CTY1"] == frozenset({"A", "B"})  # a county from ASHE parents
    assert geo.published_sets["TLD11"] == frozenset({"OLD1", "OLD2"})  # ITL3
    assert geo.published_sets["TLC"] == frozenset({"A", "B"})  # ITL1 (first 3 characters)
    assert geo.names["L1"] == "Lep one" and geo.names["C"] == "Gamma"
    assert geo.code_atoms("OLD1") == frozenset({"OLD1"})  # an old district stands for itself


def test_position_among_counts_only_areas_with_values():
    values = pd.Series({"X": 5.0, "A": 7.0, "B": np.nan, "C": 3.0})
    assert ind.position_among(values, "X", "higher_is_better") == (2, 3)
    assert ind.position_among(values, "X", "lower_is_better") == (2, 3)
    assert ind.position_among(values, "C", "lower_is_better") == (1, 3)


# ------------------------------------------------- weighted survey rates and differences


def test_weighted_rate_and_its_interval_on_two_districts(geo):
    # A: 70% (67-73, se 3/1.96), weight 100; B: 80% (78-82, se 2/1.96), weight 300.
    # value = (70*100 + 80*300) / 400 = 77.5
    # se = sqrt(100^2 se_A^2 + 300^2 se_B^2) / 400 = sqrt(90000 + 360000) / 1.96 / 400
    t = _tidy([("A", "LAD", "2023", "rate", 70.0, 67.0, 73.0),
               ("B", "LAD", "2023", "rate", 80.0, 78.0, 82.0),
               ("A", "LAD", "2023", "pop", 100.0), ("B", "LAD", "2023", "pop", 300.0),
               ("P1", "CA", "2023", "rate", 76.0, 75.0, 77.0)])
    spec = {"id": "emp", "aggregation": "population_weighted", "ci": True,
            "value": {"dataset": "t", "measure": "rate"},
            "weight": {"dataset": "t", "measure": "pop"}}
    weighted = _framework(spec).get("emp")
    r = ind.compute_indicator(weighted, [AB], ind.Inputs({"t": t}, geo)).iloc[0]
    se = math.sqrt(100 ** 2 * 3 ** 2 + 300 ** 2 * 2 ** 2) / ind.Z95 / 400
    assert r["value"] == pytest.approx(77.5)
    assert r["uci_95"] - r["value"] == pytest.approx(ind.Z95 * se)
    assert r["value"] - r["lci_95"] == pytest.approx(ind.Z95 * se)
    # published_first: the published row for exactly these districts wins, with its interval;
    # a group nobody publishes (A alone is published as a district only in its own rows) keeps
    # the weighted figure and says it is an approximation
    first = _framework({**spec, "published_first": True}).get("emp")
    other = Area("AC", "Alpha and Gamma", "CUSTOM", ("A", "B", "C"))
    res = ind.compute_indicator(first, [AB, other], ind.Inputs({"t": t}, geo))
    pub = res[res["area_code"] == "AB"].iloc[0]
    assert (pub["value"], pub["lci_95"], pub["uci_95"]) == (76.0, 75.0, 77.0)
    assert "published figure" in pub["method"] and "P1" in pub["method"]
    approx = res[res["area_code"] == "AC"].iloc[0]
    assert approx["value"] == pytest.approx(77.5) and approx["status"] == "incomplete"
    assert "approximation" in approx["method"]
    with pytest.raises(ValueError, match="published_first"):
        _framework({**spec, "aggregation": "sum", "published_first": True})


def _pay_framework(basis_r: str = "all employee jobs") -> ind.Framework:
    base = {"theme": "People", "unit": "£", "direction": "neutral"}
    return ind.parse_framework({"indicators": [
        {**base, "id": "w", "title": "W", "aggregation": "published_only",
         "basis": "all employee jobs", "value": {"dataset": "t", "measure": "w"}},
        {**base, "id": "r", "title": "R", "aggregation": "published_only", "basis": basis_r,
         "value": {"dataset": "t", "measure": "r"}},
        {**base, "id": "gap", "title": "Gap", "aggregation": "difference", "of": ["w", "r"]}]})


def test_pay_gap_refuses_different_bases():
    with pytest.raises(ValueError, match="same unit and basis.*full-time"):
        _pay_framework("full-time employee jobs")


def test_pay_gap_never_subtracts_different_periods(geo):
    fw = _pay_framework()
    # A: workplace 2024 only, residence 2025 only -> no gap, and the reason names both years.
    # B: both in 2024, residence also in 2025 -> gap for 2024, saying residence goes to 2025.
    t = _tidy([("A", "LAD", "2024", "w", 600.0), ("A", "LAD", "2025", "r", 580.0),
               ("B", "LAD", "2024", "w", 600.0), ("B", "LAD", "2024", "r", 550.0),
               ("B", "LAD", "2025", "r", 590.0)])
    areas = [Area("A", "Alpha", "LAD", ("A",)), Area("B", "Beta", "LAD", ("B",))]
    res = ind.compute_all(fw, areas, ind.Inputs({"t": t}, geo))
    gap = res[res["indicator_id"] == "gap"].set_index("area_code")
    assert pd.isna(gap.loc["A", "value"]) and gap.loc["A", "status"] == "missing"
    assert "2024" in gap.loc["A", "reason"] and "2025" in gap.loc["A", "reason"]
    assert "never subtracted" in gap.loc["A", "reason"]
    assert gap.loc["B", "value"] == 50.0 and gap.loc["B", "period"] == "2024"
    assert "R to 2025" in gap.loc["B", "reason"]
