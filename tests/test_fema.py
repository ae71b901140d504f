"""Tests of lis_analytics.commuting: special destinations, area summaries, aggregation, FEMA fit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lis_analytics.commuting import (
    SPECIAL_CATEGORIES,
    TOTAL_COLUMNS,
    SpecialDestinationPolicy,
    aggregate_flows,
    area_commuting_summary,
    area_commuting_totals,
    bridge_lad_flows,
    build_zone_flows,
    classify_destinations,
    fema_fit,
    travel_to_work_areas,
    validate_flows,
    workers_in_mostly_inside_ttwas,
)
from lis_analytics.geography import Area


def flows_from(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["origin_code", "destination_code", "persons"])


# Three zones; the area is {A, B}, C is outside. By hand (default policy):
#   A: A->A 50, A->B 10, A->C 20, A->home 5, A->no fixed place 7, A->Scotland 3
#   B: B->B 30, B->A 4, B->offshore 2
#   C: C->C 40, C->A 5, C->B 6
# Home workers (5) and no fixed place (7) count as living and working in A; offshore (2)
# is excluded; Scotland (3) is an out-commute with no jobs.
# R_area = A (50+10+20+5+7+3 = 95) + B (30+4 = 34) = 129
# W_area = A (50+5+7+4+5 = 71) + B (10+30+6 = 46) = 117
# T_AA  = 50 + 5 + 7 + 10 + 30 + 4 = 106
# out = 129 - 106 = 23 (C 20, Scotland 3); in = 117 - 106 = 11 (all from C); net = -12
# supply SC = 106/129 = 0.8217; demand SC = 106/117 = 0.9060
SMALL = [
    ("A", "A", 50),
    ("A", "B", 10),
    ("A", "C", 20),
    ("A", "OD0000001", 5),
    ("A", "OD0000003", 7),
    ("A", "S92000003", 3),
    ("B", "B", 30),
    ("B", "A", 4),
    ("B", "OD0000002", 2),
    ("C", "C", 40),
    ("C", "A", 5),
    ("C", "B", 6),
]
SMALL_TOTAL = 50 + 10 + 20 + 5 + 7 + 3 + 30 + 4 + 2 + 40 + 5 + 6


def test_classify_destinations_every_kind():
    codes = [
        "E02000001",
        "W06000015",
        "OD0000001",
        "OD0000002",
        "OD0000003",
        "OD0000004",
        "111111111",
        "888888888",
        "999999999",
        "S92000003",
        "N92000002",
        "S02001234",
        "N09000003",
    ]
    assert classify_destinations(codes).tolist() == [
        "zone",
        "zone",
        "at_home",
        "offshore",
        "no_fixed_place",
        "outside_uk",
        "home_or_no_fixed_place",
        "offshore",
        "outside_uk",
        "outside_england_wales",
        "outside_england_wales",
        "outside_england_wales",
        "outside_england_wales",
    ]


def test_policy_defaults_and_validation():
    policy = SpecialDestinationPolicy()
    assert {c: policy.handling(c) for c in SPECIAL_CATEGORIES} == {
        "at_home": "residence",
        "no_fixed_place": "residence",
        "home_or_no_fixed_place": "residence",
        "offshore": "exclude",
        "outside_uk": "exclude",
        "outside_england_wales": "outside",
    }
    with pytest.raises(ValueError, match="at_home"):
        SpecialDestinationPolicy(at_home="home")
    with pytest.raises(ValueError, match="unknown special destination category"):
        policy.handling("moon")


def test_area_summary_by_hand():
    summary = area_commuting_summary(flows_from(SMALL), ["A", "B"])
    t = summary.totals
    assert t["employed_residents"] == 129
    assert t["workplace_jobs"] == 117
    assert t["live_and_work_in_area"] == 106
    assert t["out_commuters"] == 23
    assert t["out_commuters_outside_zones"] == 3
    assert t["in_commuters"] == 11
    assert t["net_commuting"] == -12
    assert t["supply_side_sc"] == pytest.approx(106 / 129)
    assert t["demand_side_sc"] == pytest.approx(106 / 117)
    assert t["self_containment"] == pytest.approx(106 / 129)
    assert t["n_zones"] == 2
    assert summary.top_destinations["zone_code"].tolist() == ["C", "S92000003"]
    assert summary.top_destinations["persons"].tolist() == [20, 3]
    assert summary.top_origins["zone_code"].tolist() == ["C"]
    assert summary.top_origins["persons"].tolist() == [11]
    handling = summary.special_destinations.set_index("category")
    assert handling.loc["at_home", "persons"] == 5
    assert handling.loc["no_fixed_place", "persons"] == 7
    assert handling.loc["offshore", "persons"] == 2
    assert handling.loc["outside_england_wales", "persons"] == 3
    assert handling.loc["outside_uk", "persons"] == 0
    assert handling.loc["offshore", "codes"] == "OD0000002"
    assert set(handling["handling"]) <= {"residence", "outside", "exclude"}
    assert (handling["effect"] != "").all()


def test_area_summary_with_other_policy():
    # No fixed place excluded: A loses 7 residents, 7 jobs, 7 live-and-work.
    # Scotland excluded: A loses 3 residents.
    policy = SpecialDestinationPolicy(no_fixed_place="exclude", outside_england_wales="exclude")
    t = area_commuting_summary(flows_from(SMALL), ["A", "B"], policy=policy).totals
    assert t["employed_residents"] == 129 - 7 - 3
    assert t["workplace_jobs"] == 110
    assert t["live_and_work_in_area"] == 99
    assert t["out_commuters_outside_zones"] == 0
    handling = area_commuting_summary(flows_from(SMALL), ["A", "B"], policy=policy)
    assert handling.special_destinations.set_index("category").loc[
        "no_fixed_place", "handling"] == "exclude"


def test_zone_group_ties():
    groups = {"A": "LEP1", "B": "LEP1", "C": "LEP2"}
    ties = area_commuting_summary(flows_from(SMALL), ["A", "B"], zone_to_group=groups)
    ties = ties.zone_group_ties.set_index(["zone_code", "group"])
    # A: out B 10, C 20, Scotland 3; in from B 4, C 5 (home workers are intra-zone).
    assert ties.loc[("A", "LEP1"), "commuting"] == 14
    assert ties.loc[("A", "LEP2"), "commuting"] == 25
    assert ties.loc[("A", "(outside the zones)"), "commuting"] == 3
    assert ties.loc[("A", "LEP2"), "share"] == pytest.approx(25 / 42)
    # B: out A 4; in from A 10, C 6.
    assert ties.loc[("B", "LEP2"), "in_commuters"] == 6
    shares = ties.groupby(level="zone_code")["share"].sum()
    np.testing.assert_allclose(shares, 1.0)


def test_unknown_zone_in_area_is_named():
    with pytest.raises(ValueError, match=r"not found in the flows: \['Q'\]"):
        area_commuting_summary(flows_from(SMALL), ["A", "Q"])
    with pytest.raises(TypeError, match="single string"):
        area_commuting_summary(flows_from(SMALL), "A")
    with pytest.raises(ValueError, match="empty"):
        area_commuting_summary(flows_from(SMALL), [])


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame({"origin": ["A"], "destination_code": ["B"], "persons": [1]}), "origin_code"),
        (flows_from([("A", "B", -2)]), "non-negative"),
        (flows_from([("A", "B", 1)]).assign(persons=[1.5]), "whole numbers"),
        (flows_from([("A", "B", 1)]).assign(persons=["x"]), "non-numeric"),
        (flows_from([("A", "B", 1)]).assign(destination_code=[None]), "missing"),
        (flows_from([("OD0000001", "B", 1)]), "origins must be residence zones"),
    ],
)
def test_bad_flow_tables(frame, message):
    with pytest.raises(ValueError, match=message):
        validate_flows(frame)


def test_validate_flows_type_error_and_duplicates():
    with pytest.raises(TypeError, match="DataFrame"):
        validate_flows([("A", "B", 1)])
    zf = build_zone_flows(flows_from([("A", "B", 1), ("A", "B", 2)]))
    assert zf.matrix[0, 1] == 3


def test_build_zone_flows_totals():
    zf = build_zone_flows(flows_from(SMALL))
    assert list(zf.zone_codes) == ["A", "B", "C"]
    assert zf.total_persons == SMALL_TOTAL
    assert zf.excluded_persons == 2  # offshore only; no fixed place is at the residence
    assert zf.residents.sum() == SMALL_TOTAL - 2
    assert zf.jobs.sum() == SMALL_TOTAL - 2 - 3
    assert zf.outside.tolist() == [3, 0, 0]


def test_census_2021_combined_category_is_flagged():
    flows = flows_from([("E02000001", "E02000001", 10), ("E02000001", "111111111", 30)])
    zf = build_zone_flows(flows)
    row = zf.special_destinations.set_index("category").loc["home_or_no_fixed_place"]
    assert row["handling"] == "residence"
    assert "lockdown" in row["note"]
    assert zf.matrix[0, 0] == 40


def test_aggregate_flows_keeps_totals_and_specials():
    rows = SMALL + [("D", "C", 9)]
    flows = flows_from(rows)
    out = aggregate_flows(flows, {"A": "L1", "B": "L1", "C": "L2", "D": "L2"})
    assert out["persons"].sum() == flows["persons"].sum()
    pairs = out.set_index(["origin_code", "destination_code"])["persons"]
    assert pairs[("L1", "L1")] == 50 + 10 + 30 + 4
    assert pairs[("L2", "L2")] == 40 + 9
    assert pairs[("L1", "S92000003")] == 3
    assert pairs[("L1", "OD0000001")] == 5
    assert list(out.columns) == ["origin_code", "destination_code", "persons"]
    # Same area summary before and after aggregation.
    before = area_commuting_summary(flows, ["A", "B"]).totals
    after = area_commuting_summary(out, ["L1"]).totals
    cols = ["employed_residents", "workplace_jobs", "live_and_work_in_area", "net_commuting"]
    assert before[cols].tolist() == after[cols].tolist()


def test_aggregate_flows_unmapped():
    flows = flows_from(SMALL)
    with pytest.raises(ValueError, match=r"1 zone\(s\) are not in zone_to_group: \['C'\]"):
        aggregate_flows(flows, {"A": "L1", "B": "L1"})
    kept = aggregate_flows(flows, {"A": "L1", "B": "L1"}, unmapped="keep")
    assert "C" in set(kept["origin_code"])
    with pytest.raises(ValueError, match="unmapped"):
        aggregate_flows(flows, {"A": "L1"}, unmapped="drop")


# FEMA fit: six MSOA-like zones in three LADs.
#   L1 = {m1, m2}, L2 = {m3, m4}, L3 = {m5, m6}
# m1 (3,000 residents) and m3 (3,000) commute into each other: one TTWA across L1 and L2.
# m2 + m4 are another TTWA inside (mostly) L1 (m2 5,000 residents) with m4 (1,000) in L2.
# m5 + m6 form a third TTWA entirely in L3.
FEMA_ROWS = [
    ("m1", "m1", 2000),
    ("m1", "m3", 1000),
    ("m3", "m3", 2500),
    ("m3", "m1", 500),
    ("m2", "m2", 4500),
    ("m2", "m4", 500),
    ("m4", "m4", 300),
    ("m4", "m2", 700),
    ("m5", "m5", 3000),
    ("m5", "m6", 500),
    ("m6", "m6", 2500),
    ("m6", "m5", 600),
]
PARENT = {"m1": "L1", "m2": "L1", "m3": "L2", "m4": "L2", "m5": "L3", "m6": "L3"}


def test_fema_fit_with_parents_and_groups():
    flows = flows_from(FEMA_ROWS)
    ttwas = travel_to_work_areas(flows)
    zone_area = ttwas.zones.set_index("zone_code")["area_id"]
    assert zone_area["m1"] == zone_area["m3"]
    assert zone_area["m2"] == zone_area["m4"]
    assert zone_area["m5"] == zone_area["m6"]
    assert ttwas.n_areas == 3

    fit = fema_fit(
        ttwas, ["L1"], zone_to_parent=PARENT, neighbour_groups={"L2": "LEP-B", "L3": "LEP-C"}
    )
    shares = fit.ttwa_shares.set_index("area_name")
    # L1 residents: m1 3,000 + m2 5,000 = 8,000.
    assert shares.loc["m2", "residents_in_area"] == 5000
    assert shares.loc["m2", "share_of_area_residents"] == pytest.approx(5000 / 8000)
    assert shares.loc["m2", "share_of_ttwa_residents_in_area"] == pytest.approx(5000 / 6000)
    assert bool(shares.loc["m2", "mostly_inside"])
    assert not bool(shares.loc["m3", "mostly_inside"])  # m1 3,000 of 6,000: not > 50%
    assert fit.summary["share_of_workers_in_mostly_inside_ttwas"] == pytest.approx(5000 / 8000)
    assert fit.summary["n_ttwas"] == 2
    shared = fit.shared_ttwas.set_index(["area_name", "group"])["residents"]
    assert shared[("m3", "LEP-B")] == 3000
    assert shared[("m2", "LEP-B")] == 1000
    assert "LEP-C" not in set(fit.shared_ttwas["group"])
    # Jobs shares add up to one.
    assert fit.ttwa_shares["share_of_area_jobs"].sum() == pytest.approx(1.0)


def test_fema_fit_errors():
    ttwas = travel_to_work_areas(flows_from(FEMA_ROWS))
    with pytest.raises(ValueError, match=r"not found in the flows: \['L9'\]"):
        fema_fit(ttwas, ["L1", "L9"], zone_to_parent=PARENT)
    with pytest.raises(ValueError, match="zone_to_parent misses 1"):
        fema_fit(ttwas, ["L1"], zone_to_parent={k: v for k, v in PARENT.items() if k != "m6"})
    whole = fema_fit(ttwas, ["m5", "m6"])
    assert whole.shared_ttwas.empty
    assert whole.summary["share_of_workers_in_mostly_inside_ttwas"] == 1.0


# ---------------------------------------------------------------- all areas at once

# Five LAD-like zones with home workers, no fixed place, offshore and Scotland.
ROWS5 = [
    ("A", "A", 500), ("A", "B", 120), ("A", "C", 30), ("A", "OD0000001", 40),
    ("A", "OD0000003", 25), ("A", "S92000003", 5),
    ("B", "B", 300), ("B", "A", 90), ("B", "D", 10), ("B", "OD0000002", 7),
    ("C", "C", 250), ("C", "A", 60), ("C", "E", 15),
    ("D", "D", 400), ("D", "E", 80), ("D", "B", 20),
    ("E", "E", 350), ("E", "D", 70), ("E", "OD0000004", 3),
]


def test_area_commuting_totals_match_area_commuting_summary():
    flows = flows_from(ROWS5)
    sets = {"AB": ["A", "B"], "ACE": ["A", "C", "E"], "D": ["D"], "all": list("ABCDE")}
    totals = area_commuting_totals(build_zone_flows(flows), sets).set_index("area_code")
    cols = list(TOTAL_COLUMNS)
    for code, zones in sets.items():
        expected = area_commuting_summary(flows, zones).totals[cols].astype(float)
        np.testing.assert_allclose(totals.loc[code, cols].astype(float), expected, err_msg=code)
        assert totals.loc[code, "n_zones"] == len(zones)


def test_area_commuting_totals_skip_unknown_zones():
    totals = area_commuting_totals(build_zone_flows(flows_from(ROWS5)),
                                   {"x": ["A", "Q"], "y": ["Q"], "z": ["A", "A"]})
    assert totals["area_code"].tolist() == ["x", "z"]
    assert totals["n_zones"].tolist() == [1, 1]
    assert totals.loc[0, "employed_residents"] == totals.loc[1, "employed_residents"]


def test_workers_in_mostly_inside_ttwas_matches_fema_fit():
    # TTWAs from the algorithm, then both definitions agree.
    flows = flows_from(FEMA_ROWS)
    ttwas = travel_to_work_areas(flows)
    zones = ttwas.zones.merge(ttwas.zone_stats, on="zone_code")
    zones["lad"] = zones["zone_code"].map(PARENT)
    sets = {"1": ["L1"], "2": ["L2"], "13": ["L1", "L3"], "123": ["L1", "L2", "L3"],
            "9": ["L9"]}
    fits = workers_in_mostly_inside_ttwas(zones, sets, unit="lad").set_index("area_code")
    for code, lads in sets.items():
        if code == "9":
            continue
        fit = fema_fit(ttwas, lads, zone_to_parent=PARENT)
        assert fits.loc[code, "share_of_workers_in_mostly_inside_ttwas"] == pytest.approx(
            fit.summary["share_of_workers_in_mostly_inside_ttwas"])
        assert fits.loc[code, "n_ttwas"] == fit.summary["n_ttwas"]
    assert np.isnan(fits.loc["9", "share_of_workers_in_mostly_inside_ttwas"])
    assert fits.loc["9", "n_ttwas"] == 0


def test_fema_fit_from_a_zone_table_equals_the_result():
    ttwas = travel_to_work_areas(flows_from(FEMA_ROWS))
    table = ttwas.zones.merge(ttwas.zone_stats, on="zone_code")
    from_result = fema_fit(ttwas, ["L1"], zone_to_parent=PARENT)
    from_table = fema_fit(table, ["L1"], zone_to_parent=PARENT)
    pd.testing.assert_frame_equal(from_table.ttwa_shares, from_result.ttwa_shares)
    pd.testing.assert_frame_equal(from_table.shared_ttwas, from_result.shared_ttwas)
    pd.testing.assert_series_equal(from_table.summary, from_result.summary)
    assert from_table.special_destinations.empty


def test_area_summary_accepts_an_area():
    flows = flows_from(SMALL)
    by_area = area_commuting_summary(flows, Area("X", "Ex", "CUSTOM", ("A", "B")))
    pd.testing.assert_series_equal(by_area.totals, area_commuting_summary(flows, ["A", "B"]).totals)


def test_bridging_is_only_tried_for_lad_codes(monkeypatch):
    # Toy codes never reach the look-ups: the zone check names the unknown code.
    from lis_analytics.commuting import self_containment

    def boom(*args, **kwargs):
        raise AssertionError("bridging should not be tried")

    monkeypatch.setattr(self_containment, "bridge_lad_flows", boom)
    with pytest.raises(ValueError, match=r"not found in the flows: \['Q'\]"):
        area_commuting_summary(flows_from(SMALL), ["A", "Q"])


def test_bridge_lad_flows_rejects_unknown_codes(monkeypatch):
    from lis_analytics.geography import bridge

    monkeypatch.setattr(bridge, "bridge_codes",
                        lambda codes: pd.Series([None if c == "E07999999" else "E06000001"
                                                 for c in codes], dtype=object))
    good = bridge_lad_flows(flows_from([("E07000026", "E07000028", 3),
                                        ("E07000026", "OD0000001", 2)]))
    assert good["persons"].sum() == 5
    assert good["destination_code"].tolist() == ["E06000001", "OD0000001"]
    with pytest.raises(ValueError, match=r"not LADs of any known vintage: \['E07999999'\]"):
        bridge_lad_flows(flows_from([("E07000026", "E07999999", 3)]))


# ---------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def load_table():
    # Integration tests skip only when LIS_DATA_MIRROR is unset (conftest.py); with a mirror,
    # a wrong or missing file fails the test.
    from lis_analytics.data import load_table

    return load_table


TOTAL_2011 = 26_681_568
EXCLUDED_2011 = 43_722 + 38_097  # offshore, outside UK (no fixed place is at the residence)
AT_HOME_2011 = 2_778_019
# Greater Manchester's ten districts (LAD 2011 codes).
GREATER_MANCHESTER = [f"E0800000{i}" for i in range(1, 10)] + ["E08000010"]


@pytest.mark.integration
def test_lad_2011_special_destinations(load_table):
    flows = load_table("census2011_flows_lad")
    zf = build_zone_flows(flows)
    assert zf.total_persons == TOTAL_2011
    assert zf.n_zones == 348
    table = zf.special_destinations.set_index("category")
    assert table.loc["at_home", "persons"] == AT_HOME_2011
    assert table.loc["no_fixed_place", "persons"] == 2_165_685
    assert zf.excluded_persons == EXCLUDED_2011
    assert zf.residents.sum() == TOTAL_2011 - EXCLUDED_2011


@pytest.mark.integration
def test_lad_2011_area_summary(load_table):
    flows = load_table("census2011_flows_lad")
    summary = area_commuting_summary(flows, GREATER_MANCHESTER)
    t = summary.totals
    assert t["employed_residents"] == t["live_and_work_in_area"] + t["out_commuters"]
    assert t["workplace_jobs"] == t["live_and_work_in_area"] + t["in_commuters"]
    assert 1_000_000 < t["employed_residents"] < 1_400_000
    assert 0.8 < t["self_containment"] < 0.95
    assert summary.top_origins["zone_code"].iloc[0] not in GREATER_MANCHESTER


@pytest.mark.integration
@pytest.mark.slow
def test_msoa_flows_aggregate_to_lad_flows(load_table):
    msoa = load_table("census2011_flows_msoa")
    parents = load_table("msoa11_names").set_index("zone_code")["lad_code"]
    aggregated = aggregate_flows(msoa, parents)
    lad = load_table("census2011_flows_lad")
    assert aggregated["persons"].sum() == TOTAL_2011
    expected = lad.groupby(["origin_code", "destination_code"])["persons"].sum()
    got = aggregated.set_index(["origin_code", "destination_code"])["persons"]
    pd.testing.assert_series_equal(
        got.sort_index(),
        expected.sort_index().astype("int64"),
        check_names=False,
        check_index_type=False,
    )


@pytest.mark.integration
def test_bridge_lad_flows_equals_aggregate_flows(load_table):
    from lis_analytics.geography import bridge_codes

    flows = load_table("census2011_flows_lad")
    bridged = bridge_lad_flows(flows)
    zones = sorted(set(flows["origin_code"]))
    expected = aggregate_flows(flows, dict(zip(zones, bridge_codes(zones), strict=True)))
    pd.testing.assert_frame_equal(bridged, expected)
    assert bridged["persons"].sum() == TOTAL_2011


@pytest.mark.integration
@pytest.mark.parametrize("year, table", [(2011, "census2011_flows_lad"),
                                         (2021, "census2021_flows_lad")])
def test_every_lep_from_its_lad23_codes(load_table, year, table):
    # The LEPs are December 2023 districts; the flows are LAD 2011 / LAD 2021 districts.
    # area_commuting_summary bridges, and agrees with the all-area table for all 38 LEPs
    # (9 of them, e.g. Cumbria E37000007, have districts merged since 2011).
    from lis_analytics.geography import all_areas

    flows = load_table(table)
    leps = all_areas(["LEP"])
    assert len(leps) == 38
    summaries = load_table("commuting_area_summaries")
    by_code = summaries[summaries["year"] == year].set_index("area_code")
    known = set(flows["origin_code"])
    bridged_leps = [a.code for a in leps if not set(a.lad_codes) <= known]
    if year == 2011:
        assert "E37000007" in bridged_leps and len(bridged_leps) == 9
    for lep in leps:
        totals = area_commuting_summary(flows, lep.lad_codes).totals
        for col in TOTAL_COLUMNS:
            assert totals[col] == by_code.loc[lep.code, col], (lep.code, col)
        assert totals["n_zones"] == by_code.loc[lep.code, "n_zones"], lep.code


@pytest.mark.integration
def test_per_area_functions_equal_the_all_area_table(load_table):
    # Every area of the all-area table, both measures, on real data: the per-area library
    # functions (area_commuting_summary, fema_fit) give exactly the table's numbers.
    summaries = load_table("commuting_area_summaries")
    zones = load_table("ttwa_msoa11_zones")
    flows = {2011: load_table("commuting_lad_flows_2011"),
             2021: load_table("commuting_lad_flows_2021")}
    from lis_analytics.commuting.tables import summary_areas

    parent = zones.set_index("zone_code")["lad23_code"]
    for area in summary_areas()[::7] + [a for a in summary_areas() if a.type != "LAD"]:
        rows = summaries[summaries["area_code"] == area.code].set_index("year")
        for year, table in flows.items():
            totals = area_commuting_summary(table, area.lad_codes).totals
            for col in TOTAL_COLUMNS:
                assert totals[col] == rows.loc[year, col], (area.code, year, col)
        fit = fema_fit(zones, area.lad_codes, zone_to_parent=parent)
        assert fit.summary["share_of_workers_in_mostly_inside_ttwas"] == rows.loc[
            2011, "share_of_workers_in_mostly_inside_ttwas"], area.code
