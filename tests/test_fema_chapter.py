"""Tests of the FEMA chapter: its shared step (lis_analytics.report.shared_fema) and notebook."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lis_analytics.fema import area_commuting_summary, build_zone_flows, fema_fit
from lis_analytics.report import shared_fema as sf
from lis_analytics.ttwa import MSOA_2011_EXPECTED_AREAS, travel_to_work_areas

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def flows_from(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["origin_code", "destination_code", "persons"])


# Five LAD-like zones with home workers, no fixed place, offshore and Scotland.
ROWS = [
    ("A", "A", 500), ("A", "B", 120), ("A", "C", 30), ("A", "OD0000001", 40),
    ("A", "OD0000003", 25), ("A", "S92000003", 5),
    ("B", "B", 300), ("B", "A", 90), ("B", "D", 10), ("B", "OD0000002", 7),
    ("C", "C", 250), ("C", "A", 60), ("C", "E", 15),
    ("D", "D", 400), ("D", "E", 80), ("D", "B", 20),
    ("E", "E", 350), ("E", "D", 70), ("E", "OD0000004", 3),
]


# ---------------------------------------------------------------- unit tests


def test_area_totals_match_area_commuting_summary():
    flows = flows_from(ROWS)
    sets = {"AB": ["A", "B"], "ACE": ["A", "C", "E"], "D": ["D"], "all": list("ABCDE")}
    totals = sf.area_totals(build_zone_flows(flows), sets).set_index("area_code")
    cols = ["employed_residents", "workplace_jobs", "live_and_work_in_area", "in_commuters",
            "out_commuters", "net_commuting", "supply_side_sc", "demand_side_sc",
            "self_containment"]
    for code, zones in sets.items():
        expected = area_commuting_summary(flows, zones).totals[cols].astype(float)
        np.testing.assert_allclose(totals.loc[code, cols].astype(float), expected, err_msg=code)


def test_area_totals_skip_unknown_lads():
    totals = sf.area_totals(build_zone_flows(flows_from(ROWS)), {"x": ["A", "Q"], "y": ["Q"]})
    assert totals["area_code"].tolist() == ["x"]
    assert totals.loc[0, "n_lads"] == 1


def test_fit_share_matches_fema_fit():
    # Six zones in three parents; TTWAs from the algorithm, then both definitions agree.
    rows = [("m1", "m1", 2000), ("m1", "m3", 1000), ("m3", "m3", 2500), ("m3", "m1", 500),
            ("m2", "m2", 4500), ("m2", "m4", 500), ("m4", "m4", 300), ("m4", "m2", 700),
            ("m5", "m5", 3000), ("m5", "m6", 500), ("m6", "m6", 2500), ("m6", "m5", 600)]
    parent = {"m1": "L1", "m2": "L1", "m3": "L2", "m4": "L2", "m5": "L3", "m6": "L3"}
    ttwas = travel_to_work_areas(flows_from(rows))
    zones = ttwas.zones.merge(ttwas.zone_stats, on="zone_code")
    zones["lad"] = zones["zone_code"].map(parent)
    pivot = zones.pivot_table(index="area_id", columns="lad", values="residents",
                              aggfunc="sum", fill_value=0)
    for lads in (["L1"], ["L2"], ["L1", "L3"], ["L1", "L2", "L3"]):
        fit = fema_fit(ttwas, lads, zone_to_parent=parent)
        share, n = sf.fit_share(pivot, lads)
        assert share == pytest.approx(fit.summary["share_of_workers_in_mostly_inside_ttwas"])
        assert n == fit.summary["n_ttwas"]
    assert np.isnan(sf.fit_share(pivot, ["L9"])[0])


def test_ttwa_labels_london_pairs_and_duplicates():
    areas = pd.DataFrame({"area_id": [1, 2, 3, 4], "area_name": ["City", "Mid", "Tn", "Rur"]})
    zones = pd.DataFrame({
        "area_id": [1, 1, 2, 2, 3, 4],
        "lad11_code": ["E09000033", "E09000001", "X1", "X2", "X3", "X3"],
        "jobs": [700, 600, 1000, 400, 90, 40],
    })
    names = {"E09000033": "Westminster", "E09000001": "City of London", "X1": "Bristol, City of",
             "X2": "Bath", "X3": "Cornwall"}
    labels = sf.ttwa_labels(areas, zones, names)
    assert labels.to_dict() == {1: "London", 2: "Bristol", 3: "Cornwall (Tn)",
                                4: "Cornwall (Rur)"}
    zones.loc[3, "jobs"] = 600  # Bath now has over half of Bristol's jobs
    assert sf.ttwa_labels(areas, zones, names)[2] == "Bristol / Bath"


def test_bridge_flows_rejects_unknown_codes(monkeypatch):
    monkeypatch.setattr(sf.geography, "bridge_codes",
                        lambda codes: pd.Series([None if c == "Q" else c for c in codes],
                                                dtype=object))
    good = sf.bridge_flows(flows_from([("A", "B", 3), ("A", "OD0000001", 2)]))
    assert good["persons"].sum() == 5
    with pytest.raises(ValueError, match=r"not LADs of any known vintage: \['Q'\]"):
        sf.bridge_flows(flows_from([("A", "Q", 3)]))


def test_partner_lads_and_group_ties():
    flows = flows_from(ROWS)
    summaries = {2011: area_commuting_summary(flows, ["A", "B"], top_n=100)}
    labels = pd.Series({"A": "Area", "B": "Area", "C": "West", "D": "East", "E": "East"})
    names = pd.Series({"C": "Cee", "D": "Dee", "E": "Eee"})
    partners = sf.partner_lads(summaries, labels, names)
    by_code = partners.set_index("code")
    # A -> C 30, C -> A 60; B -> D 10, D -> B 20; Scotland 5 out.
    assert by_code.loc["C", ["out_2011", "in_2011", "total_2011"]].tolist() == [30, 60, 90]
    assert by_code.loc["D", "total_2011"] == 30
    assert by_code.loc["S92000003", "name"] == "Scotland"
    assert partners["code"].iloc[0] == "C"
    ties = sf.group_ties(partners, {2011: summaries[2011].totals}).set_index("group")
    cross = summaries[2011].totals["in_commuters"] + summaries[2011].totals["out_commuters"]
    assert ties["share_2011"].sum() == pytest.approx(100.0)
    assert ties.loc["West", "share_2011"] == pytest.approx(90 / cross * 100)


def test_small_helpers():
    assert sf.possessive("Lancashire") == "Lancashire's"
    assert sf.possessive("Wigan and its neighbouring districts").endswith("districts'")
    assert sf.pct_label(99.7) == "over 99%"
    assert sf.pct_label(0.2) == "under 1%"
    assert sf._codes_short("A, B, C, D, E, F") == "A, B, C, D and 2 more"


# ---------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def fema_data():
    return sf.load()


@pytest.mark.integration
def test_shared_step_tables(fema_data):
    data = fema_data
    lo, hi = MSOA_2011_EXPECTED_AREAS
    assert lo <= len(data.ttwa_areas) <= hi
    assert data.ttwa_areas["ttwa_label"].is_unique
    assert len(data.zones) == 7201
    assert data.zones[["x", "y", "lad23_code"]].notna().all().all()
    # Points fall inside Great Britain's grid.
    assert data.zones["x"].between(80_000, 660_000).all()
    assert data.zones["y"].between(0, 660_000).all()
    # Bridging keeps every person.
    assert data.lad_flows[2011]["persons"].sum() == 26_681_568
    assert data.lad_flows[2021]["persons"].sum() == 27_773_528
    # Every LEP and CA is summarised for both years.
    summaries = data.summaries
    for kind, n in (("LEP", 38), ("CA", 15)):
        assert (summaries[summaries["year"] == 2011]["area_type"] == kind).sum() == n
    groups = summaries[summaries["area_type"].isin(["LEP", "CA"])]
    assert groups["self_containment"].between(0.5, 1.0).all()
    # The City of London fills under 5% of its jobs locally.
    city = summaries[(summaries["area_code"] == "E09000001") & (summaries["year"] == 2011)]
    assert city["demand_side_sc"].iloc[0] < 0.05


@pytest.mark.integration
def test_shared_summary_matches_library_for_an_area(fema_data):
    import lis_analytics as la

    area = la.get_area("E37000015")
    bench = sf.benchmarks(fema_data, area).set_index(["area_code", "year"])
    for year in sf.YEARS:
        expected = area_commuting_summary(fema_data.lad_flows[year], area.lad_codes).totals
        got = bench.loc[(area.code, year)]
        assert got["employed_residents"] == expected["employed_residents"]
        assert got["self_containment"] == pytest.approx(expected["self_containment"])
    fit = sf.area_fit(fema_data, area, sf.group_labels(area))
    assert bench.loc[(area.code, 2011), "share_of_workers_in_mostly_inside_ttwas"] == (
        pytest.approx(fit.summary["share_of_workers_in_mostly_inside_ttwas"]))


@pytest.mark.integration
def test_prepare_skips_when_inputs_unchanged(fema_data):
    folder = sf.prepare()
    before = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.parquet")}
    start = time.perf_counter()
    sf.prepare()
    assert time.perf_counter() - start < 5
    after = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.parquet")}
    assert before == after


@pytest.mark.integration
def test_wigan_ties_to_its_neighbours(fema_data):
    import lis_analytics as la

    area = la.get_area("wigan_and_neighbours")
    labels = sf.group_labels(area)
    summaries = sf.commuting_summaries(fema_data, area, labels)
    partners = sf.partner_lads(summaries, labels, fema_data.lad_names)
    groups = sf.group_ties(partners, {y: s.totals for y, s in summaries.items()})
    outside = groups[groups["group"] != area.name]
    assert outside["group"].iloc[0] == "Greater Manchester LEP"
    assert partners["name"].iloc[0] == "Manchester"


@pytest.mark.integration
def test_chapter_notebook_runs(tmp_path):
    import nbformat
    import papermill as pm

    start = time.perf_counter()
    out = tmp_path / "fema.ipynb"
    pm.execute_notebook(str(NOTEBOOKS / "fema.ipynb"), str(out),
                        parameters={"area_code": "E37000019", "output_dir": str(tmp_path)},
                        kernel_name="lis-analytics", cwd=str(NOTEBOOKS), progress_bar=False,
                        start_timeout=120, execution_timeout=300)
    elapsed = time.perf_counter() - start
    folder = tmp_path / "chapters" / "fema"
    meta = json.loads((folder / "chapter.json").read_text())
    assert meta["title"] == "Functional economic area"
    assert len(meta["findings"]) >= 4
    names = {t["name"] for t in meta["tables"]}
    assert {"commuting_balance", "ties_by_neighbour", "district_ties", "ttwa_fit",
            "special_destinations", "partner_districts", "self_containment_ranking"} <= names
    for name in names:
        assert not pd.read_parquet(folder / f"{name}.parquet").empty, name
    figures = pd.read_csv(folder / "figures.csv")
    ids = set(figures["indicator_id"])
    assert {"employed_residents", "workplace_jobs", "net_commuting", "supply_side_sc",
            "demand_side_sc", "share_in_mostly_inside_ttwas"} <= ids
    assert set(figures.loc[figures["indicator_id"] == "supply_side_sc", "period"]) == {2011, 2021}
    assert figures["value"].notna().all()
    nb = nbformat.read(out, as_version=4)
    images = [o for c in nb.cells for o in c.get("outputs", [])
              if "image/svg+xml" in o.get("data", {})]
    assert len(images) == 4
    assert all(o["metadata"]["image/svg+xml"]["alt"] for o in images)
    if not os.environ.get("CI"):
        assert elapsed < 90, f"chapter took {elapsed:.0f} s"
