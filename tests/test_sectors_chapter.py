"""Sectors chapter: library helpers, its derived tables, analyse() and the notebook itself."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lis_analytics import sectors as S

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

# ---------------------------------------------------------------- fill_suppressed


def _gva_like() -> pd.DataFrame:
    return pd.DataFrame(
        {"Total": [100.0, 200.0, 300.0], "A-E": [40.0, 90.0, 120.0],
         "AB (1-9)": [np.nan, 30.0, 40.0], "C (10-33)": [30.0, 50.0, 60.0],
         "DE (35-39)": [np.nan, 10.0, np.nan], "G-T": [60.0, 110.0, 180.0],
         "G (45-47)": [20.0, 50.0, np.nan], "K (64-66)": [40.0, 60.0, 80.0]},
        index=["E1", "E2", "E3"])


def test_fill_suppressed_respects_every_published_parent():
    level = ["AB (1-9)", "C (10-33)", "DE (35-39)", "G (45-47)", "K (64-66)"]
    table = _gva_like()
    filled, estimated = S.fill_suppressed(table, level)
    assert filled.notna().all().all()
    assert filled[["AB (1-9)", "C (10-33)", "DE (35-39)"]].sum(axis=1).tolist() == \
        pytest.approx(table["A-E"].tolist())
    assert filled.sum(axis=1).tolist() == pytest.approx(table["Total"].tolist())
    assert estimated.loc["E1"].tolist() == [True, False, True, False, False]
    assert estimated.loc["E3", "G (45-47)"] and filled.loc["E3", "G (45-47)"] == 100.0
    # published cells are never changed
    known = table[level].notna()
    pd.testing.assert_frame_equal(filled[level].where(known), table[level].where(known),
                                  check_names=False)


def test_fill_suppressed_uses_weights_and_never_goes_negative():
    table = pd.DataFrame({"Total": [10.0], "A-E": [5.0], "AB (1-9)": [np.nan],
                          "C (10-33)": [7.0], "DE (35-39)": [np.nan], "G-T": [5.0]},
                         index=["E1"])
    filled, _ = S.fill_suppressed(table, ["AB (1-9)", "C (10-33)", "DE (35-39)", "G-T"],
                                  weights=pd.Series({"AB (1-9)": 1.0, "C (10-33)": 1.0,
                                                     "DE (35-39)": 3.0, "G-T": 1.0}))
    assert filled.loc["E1", ["AB (1-9)", "DE (35-39)"]].tolist() == [0.0, 0.0]


def test_fill_suppressed_rejects_unknown_or_overlapping_level():
    with pytest.raises(ValueError, match="not columns"):
        S.fill_suppressed(_gva_like(), ["AB (1-9)", "F (41-43)"])
    with pytest.raises(ValueError, match="overlap"):
        S.fill_suppressed(_gva_like(), ["A-E", "C (10-33)"])


# ---------------------------------------------------------------- concordance


GVA_FINEST = [
    "AB (1-9)", "CA-CB (10-15)", "CC (16-18)", "CD-CG (19-23)", "CH (24-25)", "CI-CL (26-30)",
    "CM (31-33)", "DE (35-39)", "41", "42", "43", "45", "46", "47", "49-51", "52-53",
    "I (55-56)", "58-60", "61-63", "K (64-66)", "68", "69", "70", "71", "72-75", "77",
    "78-80", "81", "82", "O (84)", "P (85)", "Q (86-88)", "R (90-93)", "94-95", "96",
    "T (97-98)",
]  # fmt: skip
CENSUS_2011 = [*"ABCDEFGHIJKLMNOPQ", "R,S", "T", "U"]


def _census2021_codes() -> list[str]:
    divisions = [f"{d:02d}" for s in S.sic2007_sections().itertuples()
                 for d in range(s.first_division, s.last_division + 1)]
    return [d for d in divisions if d not in ("41", "42", "43")] + ["41-43", "48"]


def test_concordance_of_gva_and_census_2021():
    c = S.industry_concordance(GVA_FINEST, _census2021_codes())
    assert "F (41-43)" in c.codes and len(c.codes) == 34
    assert c.map_a["42"] == "F (41-43)" and c.map_b["41-43"] == "F (41-43)"
    assert c.map_b["86"] == "Q (86-88)" and c.map_b["68"] == "68"
    assert set(c.only_b) == {"48", "99"} and not c.only_a


def test_concordance_of_gva_sections_and_census_2011():
    sections = ["AB (1-9)", "C (10-33)", "DE (35-39)", "F (41-43)", "G (45-47)", "H (49-53)",
                "I (55-56)", "J (58-63)", "K (64-66)", "68", "M (69-75)", "N (77-82)",
                "O (84)", "P (85)", "Q (86-88)", "R (90-93)", "S (94-96)", "T (97-98)"]
    c = S.industry_concordance(sections, CENSUS_2011)
    assert c.map_b["L"] == "68"  # jobs have no imputed rent
    assert c.map_a["R (90-93)"] == c.map_a["S (94-96)"] == c.map_b["R,S"] == "R-S (90-96)"
    assert c.map_b["A"] == c.map_b["B"] == "AB (1-9)" and c.only_b == ("U",)
    assert S.describe_industry_level(c.codes) == "section"


def test_harmonise_keeps_totals_of_common_industries():
    a = pd.DataFrame([[1.0, 2.0, 3.0, 4.0]], columns=["41", "42", "43", "47"], index=["E1"])
    b = pd.DataFrame([[9.0, 5.0, 1.0]], columns=["41-43", "47", "48"], index=["E1"])
    ha, hb, conc = S.harmonise_matrices(a, b)
    assert ha.sum(axis=1).iloc[0] == 10.0 and hb.sum(axis=1).iloc[0] == 14.0
    assert list(ha.columns) == list(hb.columns) == ["F (41-43)", "47"]


# ---------------------------------------------------------------- labels


def test_label_industries_matches_classify_industries():
    start = pd.DataFrame({"A": [10.0, 90.0], "C": [50.0, 450.0], "G": [40.0, 360.0]},
                         index=["R", "rest"])
    end = pd.DataFrame({"A": [20.0, 80.0], "C": [40.0, 460.0], "G": [40.0, 360.0]},
                       index=["R", "rest"])
    classic = S.classify_industries(start, end)
    classic = classic[classic["area_code"] == "R"].reset_index(drop=True)
    ours = S.label_industries(classic[["industry_code", "lq", "growth", "benchmark_growth",
                                       "share"]])
    assert ours["labels"].tolist() == classic["labels"].tolist()


def test_label_industries_leaves_unknown_labels_missing():
    out = S.label_industries(pd.DataFrame({"lq": [2.0], "growth": [np.nan]}))
    assert out["distinctive_strength"].isna().all() and out["high_productivity"].isna().all()
    assert out["labels"].tolist() == [""]


# ---------------------------------------------------------------- chapter and present helpers


def test_short_names_and_division_names():
    from lis_analytics.chapters.sectors import short_name
    from lis_analytics.present.text.sectors import division_name, join_clauses

    assert all(short_name(c) != c for c in GVA_FINEST)
    assert division_name("88", "Social work activities without accommodation") == \
        "Social work activities without accommodation"
    assert join_clauses(["a, b", "c"]) == "a, b; and c"
    assert join_clauses(["a", "b", "c"]) == "a, b and c"


def test_krugman_rank_names_its_peer_group():
    from lis_analytics.chapters.sectors import krugman_rank
    from lis_analytics.geography import Area

    spec = pd.DataFrame({"area_code": ["A", "B", "C", "D", "A"],
                         "period": ["2023", "2023", "2023", "2023", "2022"],
                         "krugman_gva": [0.5, 0.3, 0.2, 0.9, 0.1],
                         "area_type": ["LEP", "LEP", "LEP", "CA", "LEP"]})
    lep = krugman_rank(Area("B", "B", "LEP", ("E1",)), 0.3, spec, "2023")
    assert (lep.rank, lep.n, lep.member, lep.label) == (2, 3, True, "3 LEPs")
    ca = krugman_rank(Area("D", "D", "CA", ("E1",)), 0.9, spec, "2023")
    assert (ca.rank, ca.n, ca.label) == (1, 1, "1 combined authority")
    # districts, regions and custom areas are ranked where they would stand among the LEPs
    for kind in ("LAD", "RGN", "CUSTOM"):
        other = krugman_rank(Area("E1", "X", kind, ("E1",)), 0.25, spec, "2023")
        assert (other.group_type, other.rank, other.n, other.member) == ("LEP", 3, 3, False)


# ---------------------------------------------------------------- integration

SECTORS_TABLES = ("sectors_gva_cp", "sectors_gva_estimated", "sectors_gva_deflators",
                  "sectors_workplace2011", "sectors_residents2021", "sectors_specialisation")


@pytest.fixture(scope="module")
def inputs():
    from lis_analytics.chapters import sectors as chapter
    from lis_analytics.data import build

    build(list(SECTORS_TABLES))
    return chapter.load_inputs()


@pytest.mark.integration
def test_shared_tables_are_complete_and_add_up(inputs):
    from lis_analytics.chapters.sectors import ENGLAND
    from lis_analytics.data import load_table

    cp = load_table("sectors_gva_cp")
    assert cp["area_code"].nunique() == 362  # 361 LADs + England
    row = cp[(cp["area_code"] == ENGLAND) & (cp["period"] == "2022")]
    gva = load_table("gva_lad_industry")
    published = gva[(gva["industry_code"] == "Total") & (gva["measure"] == "gva_current_prices")
                    & (gva["period"] == "2022") & gva["area_code"].str.startswith("E")]
    codes = [c for c in cp.columns if c not in ("area_code", "period")]
    assert row[codes].sum(axis=1).iloc[0] == pytest.approx(published["value"].sum(), rel=1e-4)
    assert cp[codes].notna().all().all() and (cp[codes] >= 0).all().all()
    work = load_table("sectors_workplace2011").set_index("area_code")
    assert work.loc[[c for c in work.index if c != ENGLAND]].to_numpy().sum() == \
        26_414_207
    res = load_table("sectors_residents2021").set_index("area_code")
    assert res.loc[ENGLAND].sum() == 26_405_282
    assert len(res) == 319  # 318 LAD 2023 in England and Wales + England
    for key, table in (("gva_cp", "sectors_gva_cp"), ("residents2021", "sectors_residents2021")):
        pd.testing.assert_frame_equal(getattr(inputs, key), load_table(table))


@pytest.mark.integration
def test_estimated_cells_are_the_suppressed_cells_that_were_filled(inputs):
    from lis_analytics.chapters.sectors import ENGLAND
    from lis_analytics.data import load_table

    gva = load_table("gva_lad_industry")
    lad = gva[(gva["geography"] == "LAD") & (gva["measure"] == "gva_current_prices")]
    est = inputs.gva_estimated.set_index(["area_code", "period"])
    assert len(est) > 0 and est.any(axis=1).all()
    raw = lad.set_index(["area_code", "period", "industry_code"])["value"]
    for (area, period), row in est.head(20).iterrows():
        for code in row.index[row.to_numpy(dtype=bool)]:
            assert np.isnan(raw.get((area, period, code), np.nan))  # ONS suppressed it
    filled = inputs.gva_cp[inputs.gva_cp["area_code"] != ENGLAND].set_index(
        ["area_code", "period"])
    assert filled.loc[est.index, est.columns].notna().all().all()


@pytest.mark.integration
def test_area_analysis_identities(inputs):
    import lis_analytics as la
    from lis_analytics.chapters import sectors as chapter
    from lis_analytics.present.findings.sectors import figure_records, key_findings

    r = chapter.analyse(la.get_area("E37000019"), inputs)
    tot = r.shift.totals.set_index("area_code").loc[chapter.AREA]
    # (No check that the shift-share components add up to the change: the competitive
    # component is computed as that remainder, so it could not fail; the components are
    # checked against hand-worked references in test_sectors.py, CheckShiftShare.)
    gap = r.productivity.totals.set_index("area_code").loc[chapter.AREA]
    assert gap.mix + gap.within == pytest.approx(gap.gap)
    assert r.harmonised["share"].sum() == pytest.approx(1.0)
    assert (r.groupings["jobs_share"].between(0, 1)).all()
    fe = r.groupings.set_index("grouping_id").loc["foundational_economy"]
    parts = r.groupings.set_index("grouping_id").loc[
        ["foundational_economy_material", "foundational_economy_providential"], "jobs"].sum()
    assert fe.jobs == pytest.approx(parts)
    assert 0 < r.krugman["gva"] < 2 and r.krugman_rank.n == 38
    assert len(key_findings(r)) == 6  # with the IS-8 growth sectors
    records = {f["indicator_id"]: f for f in figure_records(r)}
    assert len(records) == 12
    assert records["is8_strengths"]["value"] == (r.is8["claim"] == "strength").sum()
    assert records["sector_cells_screened"]["value"] == len(r.screened)
    assert records["krugman_index_gva"]["note"].startswith(
        f"rank {r.krugman_rank.rank} of 38 LEPs")
    assert records["real_gva_growth"]["value"] == pytest.approx(tot.area_growth * 100)
    # England's growth a year is the compound rate of its growth over the window
    eng = r.shift.totals.set_index("area_code").loc[chapter.BENCHMARK, "area_growth"]
    assert (1 + r.england_cagr / 100) ** r.years == pytest.approx(1 + eng)


@pytest.mark.integration
def test_sectors_chapter_runs_for_one_area(tmp_path, inputs):
    import papermill as pm

    pm.execute_notebook(str(NOTEBOOKS / "sectors.ipynb"), str(tmp_path / "out.ipynb"),
                        parameters={"area_code": "E37000019", "comparator_codes": ["E37000015"],
                                    "output_dir": str(tmp_path)},
                        kernel_name="lis-analytics", cwd=str(NOTEBOOKS), progress_bar=False)
    folder = tmp_path / "chapters" / "sectors"
    meta = json.loads((folder / "chapter.json").read_text())
    names = {t["name"] for t in meta["tables"]}
    assert {"sectors_industries", "sectors_shift_share", "sectors_productivity_mix",
            "sectors_groupings", "sectors_classification", "sectors_comparators",
            "sectors_is8", "sectors_is8_coverage"} <= names
    for name in names:
        assert len(pd.read_parquet(folder / f"{name}.parquet")) > 0
    figures = pd.read_csv(folder / "figures.csv")
    assert {"krugman_index_gva", "foundational_share_jobs", "shift_share_competitive",
            "productivity_gap_2011", "is8_strengths",
            "sectors_is8.jobs_location_quotient_on_lower_bound_jobs"} <= set(
                figures["indicator_id"])
    assert figures["value"].notna().all()
    assert len(meta["findings"]) == 6 and "Lancashire" in meta["findings"][0]
    assert "growth sectors" in meta["findings"][2]
    import nbformat

    nb = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if "image/svg+xml" in o.get("data", {})]
    assert len(images) == 5  # with the IS-8 growth sectors chart
    assert all(o["metadata"]["image/svg+xml"]["alt"] for o in images)
