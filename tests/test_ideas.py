"""The Ideas foundation: industry-share indicators, regional-only R&D, Grand Challenge proxies."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import lis_analytics as la
from lis_analytics import indicators as ind
from lis_analytics import sectors as S
from lis_analytics.chapters import foundations
from lis_analytics.geography import Area

# ----------------------------------------------------------------- hand-made data


def _by_industry(rows: list[tuple]) -> pd.DataFrame:
    """A table by industry (schema tidy_industry) from (code, industry, value)."""
    return pd.DataFrame([{"area_code": c, "area_name": c, "geography": "LAD", "period": "2021",
                          "measure": "n", "industry_code": i, "value": v, "flag": ""}
                         for c, i, v in rows])


def _framework(**numerator: object) -> ind.Framework:
    return ind.parse_framework({"indicators": [{
        "id": "share", "title": "Share", "theme": "Ideas", "unit": "%",
        "direction": "higher_is_better", "aggregation": "ratio_of_sums", "scale": 100,
        "numerator": {"dataset": "t", "measures": ["n"], **numerator},
        "denominator": {"dataset": "t", "measures": ["n"]}}]})


GEO = ind.Geo(("A", "B"), {"A": "A", "B": "B"}, names={"A": "Alpha", "B": "Beta"})


def test_industry_share_is_a_ratio_of_sums_over_districts():
    # A: 10 of 100 in industry 72 (10%); B: none of 900 in 72 (0%), 90 in 21 and 26.
    t = _by_industry([("A", "72", 10.0), ("A", "47", 90.0), ("A", "21", 0.0),
                      ("A", "26", 0.0), ("B", "72", 0.0), ("B", "21", 40.0),
                      ("B", "26", 50.0), ("B", "47", 810.0)])
    area = Area("AB", "Alpha and Beta", "CUSTOM", ("A", "B"))
    inputs = ind.Inputs({"t": t}, GEO)
    rd = ind.compute_indicator(_framework(industries=["72"]).get("share"), [area], inputs)
    assert rd["value"].item() == pytest.approx(100 * 10 / 1000)  # not the mean 5%
    tech = ind.compute_indicator(_framework(industries=["21", "26", "72"]).get("share"),
                                 [area], inputs)
    assert tech["value"].item() == pytest.approx(100 * 100 / 1000)
    assert tech["status"].item() == "ok"


def test_industry_share_with_a_missing_cell_is_not_a_partial_sum():
    t = _by_industry([("A", "72", np.nan), ("A", "47", 90.0), ("B", "72", 5.0),
                      ("B", "47", 95.0)])
    area = Area("AB", "Alpha and Beta", "CUSTOM", ("A", "B"))
    r = ind.compute_indicator(_framework(industries=["72"]).get("share"), [area],
                              ind.Inputs({"t": t}, GEO))
    assert r["status"].item() == "incomplete" and "Alpha" in r["reason"].item()
    assert r["value"].item() == pytest.approx(5.0)  # B alone, A left out and said so


def test_industry_codes_are_checked():
    t = _by_industry([("A", "72", 1.0)])
    with pytest.raises(ValueError, match=r"industry codes \['99'\] are not in the table"):
        ind.industry_total(t, ["99"])
    with pytest.raises(ValueError, match="no industry_code column"):
        ind.industry_total(t.drop(columns="industry_code"), ["72"])
    with pytest.raises(ValueError, match="list of SIC codes as strings"):
        _framework(industries=[21, 26])
    with pytest.raises(ValueError, match="level: lad"):
        _framework(industries=["21"], level="published")


def test_packaged_ideas_indicators_use_eurostat_divisions():
    fw = ind.load_framework()
    kis = set(fw.get("knowledge_intensive_share").numerator.industries)
    tech = set(fw.get("high_tech_share").numerator.industries)
    assert {"21", "26"} <= kis and {"41-43", "47", "10"}.isdisjoint(kis)
    assert tech == {"21", "26", "59", "60", "61", "62", "63", "72"}
    assert tech <= kis  # high-tech services are knowledge-intensive
    assert fw.get("research_development_share").numerator.industries == ("72",)
    for iid in ("berd_per_head", "public_rd_per_head"):
        assert "Regional only" in fw.get(iid).note and fw.get(iid).fallback == "region"


def test_regional_only_figure_for_an_area_spanning_regions_says_why():
    geo = ind.Geo(("A", "B", "C"), {"A": "A", "B": "B", "C": "C"})
    t = pd.DataFrame([{"area_code": c, "area_name": c, "geography": "RGN", "period": "2024",
                       "measure": "rd", "value": v, "flag": "", "lci_95": np.nan,
                       "uci_95": np.nan} for c, v in (("R1", 10.0), ("R2", 20.0))])
    fw = ind.parse_framework({"indicators": [{
        "id": "rd", "title": "R&D (region)", "theme": "Ideas", "unit": "£m",
        "direction": "higher_is_better", "aggregation": "published_only", "fallback": "region",
        "value": {"dataset": "t", "measure": "rd"}}]})
    regions = {"R1": Area("R1", "Region One", "RGN", ("A", "C")),
               "R2": Area("R2", "Region Two", "RGN", ("B",))}
    geo.published_sets = {"R1": frozenset({"A", "C"}), "R2": frozenset({"B"})}
    inside = Area("A", "Alpha", "LAD", ("A",), region_code="R1")
    across = Area("X", "Across", "CUSTOM", ("A", "B"))
    res = ind.compute_all(fw, [inside, across, *regions.values()], ind.Inputs({"t": t}, geo),
                          regions).set_index("area_code")
    assert res.loc["A", "status"] == "regional" and res.loc["A", "value"] == 10.0
    assert res.loc["X", "status"] == "missing" and np.isnan(res.loc["X", "value"])
    assert res.loc["X", "reason"] == (
        "published for regions (ITL1) only, and this area's districts lie in 2 regions "
        "(Region One and Region Two): no regional figure stands for it")


def test_grand_challenge_proxies_are_the_sectors_grouping_summary():
    t = pd.DataFrame({"area_code": ["A", "B", "E92000001"], "26": [5.0, 1.0, 60.0],
                      "29": [0.0, 4.0, 30.0], "49": [5.0, 5.0, 110.0],
                      "86": [20.0, 10.0, 200.0], "47": [70.0, 80.0, 1600.0]})
    area = Area("AB", "Alpha and Beta", "CUSTOM", ("A", "B"))
    p = foundations.grand_challenge_proxies(t, area).set_index("grouping_id")
    assert list(p.index) == list(foundations.GRAND_CHALLENGE_GROUPINGS)
    assert p["proxy"].all() and p["title"].str.contains("Grand Challenge proxy").all()
    matrix = pd.DataFrame({c: [t.loc[:1, c].sum(), t.loc[2, c]] for c in t.columns[1:]},
                          index=["area", "benchmark"])
    ref = S.grouping_summary(matrix, groupings=["gc_future_of_mobility"],
                             benchmark="benchmark").set_index("area_code")
    mob = p.loc["gc_future_of_mobility"]
    assert mob["jobs"] == 14.0 and mob["jobs_share"] == pytest.approx(14 / 200)
    assert mob["jobs_share"] == ref.loc["area", "share"]
    assert mob["jobs_lq"] == ref.loc["area", "lq"]


# ------------------------------------------------------------------ real data


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    return la.load_table("indicator_values")


@pytest.mark.integration
def test_arc_has_at_least_three_local_ideas_indicators(values):
    fw = ind.load_framework()
    ideas = [i.id for i in fw.by_theme("Ideas")]
    arc = values[(values["area_code"] == "oxford_cambridge_arc")
                 & values["indicator_id"].isin(ideas)]
    local = arc[arc["value"].notna() & (arc["status"] == "ok")]
    assert set(local["indicator_id"]) >= {"knowledge_intensive_share", "high_tech_share",
                                          "research_development_share"}
    # the Arc's figures are ratios of its districts' sums (Census 2021, residence-based)
    census = la.load_table("census2021_industry_lad")
    lads = set(la.get_area("oxford_cambridge_arc").lad_codes)
    own = census[census["area_code"].map(lambda c: la.bridge_code(c) in lads)]
    rd = own.loc[own["industry_code"] == "72", "value"].sum() / own["value"].sum() * 100
    got = local.set_index("indicator_id").loc["research_development_share", "value"]
    assert got == pytest.approx(rd, rel=1e-9)
    # regional-only R&D: no region stands for the Arc, and the reason says so
    for iid in ("berd_per_head", "public_rd_per_head"):
        row = arc[arc["indicator_id"] == iid].iloc[-1]
        assert row["status"] == "missing" and "lie in 3 regions" in row["reason"]


@pytest.mark.integration
def test_gm_rd_is_labelled_regional_and_not_ranked(values):
    rows = values[(values["area_code"] == "E37000015")
                  & (values["indicator_id"] == "berd_per_head")]
    assert (rows["status"] == "regional").all() and rows["rank"].isna().all()
    assert rows["reason"].str.contains("North West").all()


@pytest.mark.integration
def test_grand_challenge_panel_equals_sectors_chapter_for_gm():
    from lis_analytics.chapters import sectors

    area = la.get_area("E37000015")
    residents = foundations.load_residents()
    panel = foundations.grand_challenge_proxies(residents, area).set_index("grouping_id")
    chapter = sectors.analyse(area, sectors.load_inputs()).groupings.set_index("grouping_id")
    cols = ["title", "proxy", "jobs", "jobs_share", "jobs_share_england", "jobs_lq"]
    pd.testing.assert_frame_equal(panel[cols], chapter.loc[panel.index, cols],
                                  check_exact=True, check_dtype=False)
    assert {"gc_ai_data_economy", "gc_future_of_mobility"} <= set(panel.index)
    assert panel["jobs"].gt(0).all()


@pytest.mark.integration
def test_sources_not_held_are_missing_with_the_fetch_command(values):
    from lis_analytics.data import is_held

    if is_held("innovate_uk_projects"):
        pytest.skip("innovate_uk_projects has been fetched on this machine")
    rows = values[values["indicator_id"] == "innovate_uk_award_per_head"]
    assert len(rows) and rows["value"].isna().all() and (rows["status"] == "missing").all()
    assert rows["reason"].str.contains("'lis data fetch innovate_uk_projects'").all()
