"""Tests of the FEMA chapter: derived tables, chapters.fema.analyse, present modules, notebook."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import lis_analytics.present.text.fema as text
from lis_analytics.chapters import fema
from lis_analytics.commuting import (
    MSOA_2011_AREAS,
    area_commuting_summary,
    membership_digest,
    ttwa_labels,
)
from lis_analytics.geography import Area
from lis_analytics.present.findings.fema import key_findings

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
MSOA_2011_DIGEST = "5452d64cb698b5d1c2f60f477a946a62ea189a9f79e2af37e2e23b7ba3155d19"


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


def test_ttwa_labels_london_pairs_and_duplicates():
    areas = pd.DataFrame({"area_id": [1, 2, 3, 4], "area_name": ["City", "Mid", "Tn", "Rur"]})
    zones = pd.DataFrame({
        "area_id": [1, 1, 2, 2, 3, 4],
        "lad11_code": ["E09000033", "E09000001", "X1", "X2", "X3", "X3"],
        "jobs": [700, 600, 1000, 400, 90, 40],
    })
    names = {"E09000033": "Westminster", "E09000001": "City of London", "X1": "Bristol, City of",
             "X2": "Bath", "X3": "Cornwall"}
    labels = ttwa_labels(areas, zones, names)
    assert labels.to_dict() == {1: "London", 2: "Bristol", 3: "Cornwall (Tn)",
                                4: "Cornwall (Rur)"}
    zones.loc[3, "jobs"] = 600  # Bath now has over half of Bristol's jobs
    assert ttwa_labels(areas, zones, names)[2] == "Bristol / Bath"


def test_partner_lads_and_group_ties():
    flows = flows_from(ROWS)
    summaries = {2011: area_commuting_summary(flows, ["A", "B"], top_n=100)}
    labels = pd.Series({"A": "Area", "B": "Area", "C": "West", "D": "East", "E": "East"})
    names = pd.Series({"C": "Cee", "D": "Dee", "E": "Eee"})
    partners = fema.partner_lads(summaries, labels, names)
    by_code = partners.set_index("code")
    # A -> C 30, C -> A 60; B -> D 10, D -> B 20; Scotland 5 out.
    assert by_code.loc["C", ["out_2011", "in_2011", "total_2011"]].tolist() == [30, 60, 90]
    assert by_code.loc["D", "total_2011"] == 30
    assert by_code.loc["S92000003", "name"] == "Scotland"
    assert partners["code"].iloc[0] == "C"
    ties = fema.group_ties(partners, {2011: summaries[2011].totals}).set_index("group")
    cross = summaries[2011].totals["in_commuters"] + summaries[2011].totals["out_commuters"]
    assert ties["share_2011"].sum() == pytest.approx(100.0)
    assert ties.loc["West", "share_2011"] == pytest.approx(90 / cross * 100)


def test_small_helpers():
    assert text.possessive("Lancashire") == "Lancashire's"
    assert text.possessive("Wigan and its neighbouring districts").endswith("districts'")
    assert text.pct_label(99.7) == "over 99%"
    assert text.pct_label(0.2) == "under 1%"
    assert text.codes_short("A, B, C, D, E, F") == "A, B, C, D and 2 more"


def test_rank_and_pool_words():
    lep = Area("E1", "X", "LEP", ("A",))
    custom = Area("C1", "Y", "CUSTOM", ("A",))
    cardiff = Area("W06000015", "Cardiff", "LAD", ("W06000015",))
    assert text.rank_text(lep, "LEP", 13, 38) == "ranks 13th of 38 LEPs"
    assert text.rank_text(custom, "LEP", 5, 39) == "would rank 5th of 39 alongside the 38 LEPs"
    assert text.pool_text(cardiff, "LAD", 22) == "the 22 districts in Wales (Cardiff included)"


def test_ipynb_is_in_sync_with_the_percent_source():
    import jupytext

    py = jupytext.read(NOTEBOOKS / "fema.py")
    nb = nbformat.read(NOTEBOOKS / "fema.ipynb", as_version=4)
    assert [c.source for c in py.cells] == [c.source for c in nb.cells], (
        "regenerate with: jupytext --sync notebooks/fema.py")
    assert nb.metadata["kernelspec"]["name"] == "lis-analytics"


# ---------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def inputs():
    # Skips only when LIS_DATA_MIRROR is unset (conftest.py); a wrong file fails loudly.
    return fema.load_inputs()


@pytest.mark.integration
def test_derived_tables(inputs):
    data = inputs
    assert len(data.ttwa_areas) == MSOA_2011_AREAS
    assert membership_digest(data.zones) == MSOA_2011_DIGEST
    assert data.ttwa_areas["ttwa_label"].is_unique
    assert data.ttwa_areas["valid"].all()
    assert data.ttwa_areas["countries"].value_counts().to_dict() == {
        "England": 131, "Wales": 18, "England and Wales": 3}
    assert len(data.zones) == 7201
    assert data.zones[["x", "y", "lad23_code"]].notna().all().all()
    # Points fall inside Great Britain's grid.
    assert data.zones["x"].between(80_000, 660_000).all()
    assert data.zones["y"].between(0, 660_000).all()
    # Bridging keeps every person.
    assert data.lad_flows[2011]["persons"].sum() == 26_681_568
    assert data.lad_flows[2021]["persons"].sum() == 27_773_528
    # Every LEP and CA is summarised for both years, and England once a year.
    summaries = data.summaries
    for kind, n in (("LEP", 38), ("CA", 15), ("CTRY", 1)):
        assert (summaries[summaries["year"] == 2011]["area_type"] == kind).sum() == n
    groups = summaries[summaries["area_type"].isin(["LEP", "CA"])]
    assert groups["self_containment"].between(0.5, 1.0).all()
    # The City of London fills under 5% of its jobs locally.
    city = summaries[(summaries["area_code"] == "E09000001") & (summaries["year"] == 2011)]
    assert city["demand_side_sc"].iloc[0] < 0.05


@pytest.mark.integration
def test_derived_tables_are_not_rebuilt_when_inputs_unchanged(inputs):
    from lis_analytics.data.derived import build_derived

    for table in ("ttwa_msoa11_zones", "commuting_area_summaries", "commuting_lad_flows_2011"):
        status, _ = build_derived(table)
        assert status == "fresh"  # checked by signature, not rebuilt


@pytest.mark.integration
def test_result_matches_library_for_an_area(inputs):
    import lis_analytics as la

    area = la.get_area("E37000015")
    result = fema.analyse(area, inputs)
    bench = result.bench.set_index(["area_code", "year"])
    for year in fema.YEARS:
        expected = area_commuting_summary(inputs.lad_flows[year], area.lad_codes).totals
        got = bench.loc[(area.code, year)]
        assert got["employed_residents"] == expected["employed_residents"]
        assert got["self_containment"] == pytest.approx(expected["self_containment"])
    assert bench.loc[(area.code, 2011), "share_of_workers_in_mostly_inside_ttwas"] == (
        pytest.approx(result.fit.summary["share_of_workers_in_mostly_inside_ttwas"]))
    assert result.group_type == "LEP" and result.n_pool == 38
    assert len(key_findings(result)) >= 4
    from lis_analytics.present.text.fema import ranking_view

    view = ranking_view(result).set_index("Area code")
    for year in fema.YEARS:  # ranks as ranked (1 = most self-contained), shares in per cent
        assert view.loc[area.code, f"Rank sc {year}"] == bench.loc[(area.code, year), "rank_sc"]
        assert view[f"Rank sc {year}"].between(1, result.n_pool).all()
        assert view.loc[area.code, f"Self containment {year}"] == pytest.approx(
            bench.loc[(area.code, year), "self_containment"] * 100, abs=0.05)


@pytest.mark.integration
def test_new_custom_area_is_computed_like_the_table(inputs):
    import lis_analytics as la

    lep = la.get_area("E37000015")
    twin = Area("twin", "Twin", "CUSTOM", lep.lad_codes)
    got = fema.analyse(twin, inputs).own
    want = fema.analyse(lep, inputs).own
    cols = ["employed_residents", "workplace_jobs", "self_containment",
            "share_of_workers_in_mostly_inside_ttwas"]
    pd.testing.assert_frame_equal(got[cols], want[cols])


@pytest.mark.integration
def test_welsh_district_is_ranked_among_welsh_districts(inputs):
    import lis_analytics as la

    result = fema.analyse(la.get_area("W06000015"), inputs)
    assert result.n_pool == 22
    assert result.bench.loc[result.bench["is_peer"], "area_code"].str.startswith("W").all()


@pytest.mark.integration
def test_wigan_ties_to_its_neighbours(inputs):
    import lis_analytics as la

    result = fema.analyse(la.get_area("wigan_and_neighbours"), inputs)
    outside = result.groups[result.groups["group"] != result.area.name]
    assert outside["group"].iloc[0] == "Greater Manchester LEP"
    assert result.partners["name"].iloc[0] == "Manchester"


@pytest.mark.integration
def test_chapter_notebook_runs(tmp_path):
    import papermill as pm

    out = tmp_path / "fema.ipynb"
    pm.execute_notebook(str(NOTEBOOKS / "fema.ipynb"), str(out),
                        parameters={"area_code": "E37000019", "output_dir": str(tmp_path)},
                        kernel_name="lis-analytics", cwd=str(NOTEBOOKS), progress_bar=False,
                        start_timeout=120, execution_timeout=300)
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
