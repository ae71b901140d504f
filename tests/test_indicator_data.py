"""Indicator sources and aggregation on the real mirror, checked against published figures.

Reference values come from the files themselves: Nomis publishes APS figures for the 38 LEPs
of 2021 (``lep:`` rows) alongside the districts, and Explore Local Statistics publishes
combined-authority rows, so district aggregates can be checked against official numbers.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

import lis_analytics as la
from lis_analytics import indicators as ind
from lis_analytics.data import get_dataset
from lis_analytics.data import parsers_indicators as PI
from lis_analytics.errors import SourceFormatError

# the tests that read the mirror are marked one by one; the parser tests use made-up files


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    return la.load_table("indicator_values")


# ------------------------------------------------------------ APS against Nomis LEP rows


@pytest.mark.integration
def test_lep_employment_rate_from_district_counts_equals_published_lep_rows():
    """Sum of district counts / sum of populations = Nomis's LEP figure, every LEP and year."""
    t = la.load_table("aps_t01_economic_activity")
    lad = t[t["geography"] == "LAD"]
    checked = 0
    for lep in la.all_areas(["LEP"]):
        for period in ("2018", "2019", "2020", "2021", "2022"):
            rows = lad[lad["period"] == period]
            emp = la.bridge_counts(rows[rows["measure"] == "in_employment_16_64"])
            pop = la.bridge_counts(rows[rows["measure"] == "population_16_64"])
            e = emp.set_index("area_code")["value"].reindex(lep.lad_codes)
            p = pop.set_index("area_code")["value"].reindex(lep.lad_codes)
            if e.isna().any():
                continue
            pub = t[(t["area_code"] == lep.code) & (t["period"] == period)].set_index(
                "measure")["value"]
            ours = 100 * e.sum() / p.sum()
            theirs = 100 * pub["in_employment_16_64"] / pub["population_16_64"]
            assert ours == pytest.approx(theirs, abs=0.1), (lep.name, period)
            checked += 1
    assert checked >= 150


@pytest.mark.integration
def test_weighted_lep_rates_are_close_to_nomis_counts(values):
    """LEP employment rates (district APS rates weighted by population 16-64, or the CA's
    published rate where a CA has the same districts) against Nomis's T01 LEP counts."""
    t = la.load_table("aps_t01_economic_activity")
    pub = t[t["geography"] == "LEP"].pivot_table(index=["area_code", "period"],
                                                 columns="measure", values="value")
    rate = (100 * pub["in_employment_16_64"] / pub["population_16_64"]).rename("published")
    ours = values[(values["indicator_id"] == "employment_rate")
                  & values["area_code"].str.startswith("E37")].set_index(
        ["area_code", "period"])
    both = ours.join(rate, how="inner")
    assert len(both) == 38 * 5
    diff = (both["value"] - both["published"]).abs()
    assert diff.mean() < 0.15 and diff.max() < 1.0
    weighted = both[both["method"].str.startswith("weighted mean")]
    assert len(weighted) > 20 * 5  # the others are a CA or county ONS publishes
    assert weighted["method"].str.contains("approximation").all()
    assert set(ours.index.get_level_values("period")) >= {"2004", "2023"}


@pytest.mark.integration
def test_published_and_weighted_approximations_agree_for_combined_authorities(values):
    checks = {"claimant_rate": ("els_claimant_count", "claimant_rate_16_64", 0.15),
              "ghg_per_head": ("els_ghg", "ghg_tco2e_per_head", 0.2),
              "child_poverty": ("els_child_poverty", "child_poverty_bhc_pct", 0.3),
              "gigabit_coverage": ("els_gigabit", "gigabit_coverage_pct", 0.5),
              "employment_rate": ("els_employment_rate", "employment_rate_16_64", 0.15)}
    for iid, (ds, measure, tol) in checks.items():
        t = la.load_table(ds)
        pub = t[(t["measure"] == measure) & (t["geography"] == "CA")][
            ["area_code", "period", "value"]]
        mer = values[values["indicator_id"] == iid].merge(pub, on=["area_code", "period"],
                                                          suffixes=("", "_pub"))
        assert len(mer) >= 10, iid
        assert (mer["value"] - mer["value_pub"]).abs().mean() < tol, iid


# --------------------------------------------------------------- medians and regions


@pytest.mark.integration
def test_medians_come_only_from_published_rows(values):
    gm_lep = values[(values["area_code"] == "E37000015")
                    & (values["indicator_id"] == "pay_workplace")].iloc[0]
    ashe = la.load_table("ashe_t7_workplace_2024")
    mc = ashe[(ashe["area_code"] == "E11000001") & (ashe["measure"] == "median_weekly_pay_all")]
    assert gm_lep["value"] == mc["value"].item()  # Greater Manchester metropolitan county
    assert "Greater Manchester (metropolitan county)" in gm_lep["method"]  # named, not coded
    arc = values[(values["area_code"] == "oxford_cambridge_arc")
                 & (values["indicator_id"] == "pay_residence")]
    assert len(arc) == 1 and arc["status"].item() == "missing"
    assert "does not aggregate" in arc["reason"].item()


@pytest.mark.integration
def test_ashe_residence_2023_matches_explore_local_statistics():
    t8 = la.load_table("ashe_t8_residence_2023")
    els = la.load_table("els_median_weekly_pay")
    for code in ("E92000001", "E12000002", "E06000001"):
        a = t8[(t8["area_code"] == code) & (t8["measure"] == "median_weekly_pay_all")]
        b = els[(els["area_code"] == code) & (els["period"] == "2023")]
        # provisional (table 8) against revised (ELS) estimates of the same median
        assert a["value"].item() == pytest.approx(b["value"].item(), rel=0.02), code


@pytest.mark.integration
def test_rd_is_regional_only(values):
    rows = values[(values["indicator_id"] == "berd_per_head")
                  & values["area_code"].str.startswith(("E37", "E47"))]
    regional = rows[rows["status"] == "regional"]
    assert len(regional) and regional["reason"].str.contains("published for regions only").all()
    # only an area that is exactly a region (London LEP) has a figure of its own; LEPs
    # spanning several regions (no single region) get none, with the reason
    own = rows[rows["status"] != "regional"]
    assert set(own.loc[own["value"].notna(), "area_code"]) == {"E37000051"}
    assert (own.loc[own["value"].isna(), "status"] == "missing").all()


# --------------------------------------------------------------- coverage


@pytest.mark.integration
def test_every_indicator_has_a_value_or_a_reason_for_every_default_area(values):
    from lis_analytics.report.batch import default_areas

    framework = ind.load_framework()
    for area in default_areas():
        for indicator in framework.indicators:
            row = ind.latest_row(values, area.code, indicator.id)
            has_value = not pd.isna(row["value"])
            assert has_value or (isinstance(row["reason"], str) and len(row["reason"]) > 10), \
                (area.code, indicator.id)
            if row["status"] in ("incomplete", "regional", "missing"):
                assert row["reason"], (area.code, indicator.id)


@pytest.mark.integration
def test_headline_indicators_have_values_for_every_lep_and_ca(values):
    framework = ind.load_framework()
    for area in la.all_areas(["LEP", "CA"]):
        for indicator in framework.indicators:
            if indicator.headline and indicator.aggregation != "published_only":
                row = ind.latest_row(values, area.code, indicator.id)
                assert not pd.isna(row["value"]), (area.code, indicator.id, row["reason"])


@pytest.mark.integration
def test_comparators_are_areas_of_the_same_kind_without_overlaps():
    from lis_analytics.chapters.peers import load_peers

    for code in ("E37000012", "E47000007", "oxford_cambridge_arc"):
        area = la.get_area(code)
        chosen = [a.code for a in load_peers(area).comparators]
        assert len(chosen) == 5
        for c in chosen:
            other = la.get_area(c)
            assert other.type == ("LEP" if area.type == "CUSTOM" else area.type)
            assert not set(other.lad_codes) & set(area.lad_codes)


# --------------------------------------------------------------- parsers


def _nomis_like(path, header_cell="Area", label="T01:28 (Aged 16-64 - In employment : "
                                                  "All People )"):
    rows = [["annual population survey"], [], [], ["date", "Jan 2022-Dec 2022"], [],
            [], [header_cell, label, None, None], [None, "number", "Flags", "conf"],
            ["lep:Greater Manchester", 100, None, 10], ["ladu:Bolton", "!", None, "!"]]
    width = 4
    frame = pd.DataFrame([list(r) + [None] * (width - len(r)) for r in rows])
    frame.to_excel(path, sheet_name="Data", header=False, index=False)


@pytest.mark.integration  # names like "lep:Greater Manchester" resolve through the catalogue
def test_nomis_parser_reads_blocks_and_rejects_reshaped_files(tmp_path):
    ds = get_dataset("aps_t01_economic_activity")
    ds_one = dataclasses.replace(ds, extra={**ds.extra, "variables": {
        "Aged 16-64 - In employment : All People": "in_employment_16_64"}})
    good = tmp_path / "good.xlsx"
    _nomis_like(good)
    out = PI.parse_nomis_blocks(ds_one, [good])
    gm = out[out["area_code"] == "E37000015"].iloc[0]
    assert gm["value"] == 100 and gm["lci_95"] == 90 and gm["period"] == "2022"
    bolton = out[out["area_name"] == "Bolton"].iloc[0]
    assert np.isnan(bolton["value"]) and bolton["flag"] == "!"
    bad = tmp_path / "reshaped.xlsx"
    _nomis_like(bad, header_cell="Geography")
    with pytest.raises(SourceFormatError, match=r"reshaped\.xlsx, sheet 'Data'.*'Area'"):
        PI.parse_nomis_blocks(ds_one, [bad])
    renamed = tmp_path / "renamed.xlsx"
    _nomis_like(renamed, label="T01:28 (Aged 16-64 - Employed : All People )")
    with pytest.raises(SourceFormatError, match="expected one column labelled like"):
        PI.parse_nomis_blocks(ds_one, [renamed])


def test_els_parser_rejects_missing_columns(tmp_path):
    path = tmp_path / "extract.csv"
    pd.DataFrame({"areacd": ["E06000001"], "areanm": ["Hartlepool"], "value": [1.0]}).to_csv(
        path, index=False)
    with pytest.raises(SourceFormatError, match=r"extract\.csv: expected the Explore Local "
                                                 r"Statistics columns.*missing \['geography'"):
        PI.parse_els_csv(get_dataset("els_ghg"), [path])


def test_ashe_parser_rejects_a_reshaped_header(tmp_path):
    path = tmp_path / "ashe.xlsx"
    with pd.ExcelWriter(path) as xl:
        for sheet in ("All", "Full-Time"):
            pd.DataFrame([["Title", None, None, None], [None] * 4,
                          ["Description", "Area code", "Jobs", "Median"]]).to_excel(
                xl, sheet_name=sheet, header=False, index=False)
    with pytest.raises(SourceFormatError, match=r"ashe\.xlsx, sheet 'All': expected columns "
                                                 r"'Description', 'Code'"):
        PI.parse_ashe_table(get_dataset("ashe_t7_workplace_2024"), [path])


@pytest.mark.integration
def test_els_periods_and_geographies():
    hle = la.load_table("els_hle")
    assert {"2020-2022", "2022-2024"} <= set(hle["period"])
    pov = la.load_table("els_child_poverty")
    assert pov.loc[pov["period"] == "2023-2024", "period_label"].iloc[0] == "2023/24"
    emp = la.load_table("els_employment_rate")
    lads = emp[(emp["geography"] == "LAD") & (emp["period"] == "2022")]
    assert lads["area_code"].nunique() >= 340  # both ELS district labels combined
    assert (emp["geography"] == "CTY").sum() > 0
