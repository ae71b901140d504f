"""Tests of the travel-to-work-area algorithm (lis_analytics.commuting.ttwa)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lis_analytics.commuting import (
    MSOA_2011_AREAS,
    SpecialDestinationPolicy,
    TTWAParameters,
    TTWAResult,
    build_zone_flows,
    membership_digest,
    travel_to_work_areas,
    ttwas_from_membership,
    ttwas_from_zone_flows,
    x_equation_validity,
)

ZONE_COLUMNS = ["zone_code", "area_id", "area_name"]
AREA_COLUMNS = [
    "area_id",
    "area_name",
    "residents",
    "jobs",
    "supply_sc",
    "demand_sc",
    "self_containment",
    "validity",
    "valid",
    "n_zones",
]


def flows_from(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["origin_code", "destination_code", "persons"])


# Two labour markets, worked out by hand with the ONS 2011 parameters (LMA X-equation).
#
# zone  R     W     T_ii  supply  demand  SC     V
# A     5000  6100  4500  0.900   0.738   0.738  0.992  (just invalid)
# B     2000  1400  1000  0.500   0.714   0.500  0.661
# C     1500  1000   700  0.467   0.700   0.467  0.615  <- least valid
# D     4000  4600  3600  0.900   0.783   0.783  1.003  (valid)
# E     3000  2400  2000  0.667   0.833   0.667  0.886
#
# Round 1: dissolve C. tie(C,A) = 700^2/(1500*6100) + 200^2/(5000*1000) = 0.0536 + 0.0080
#          = 0.0616 > tie(C,B) = 100^2/(1500*1400) + 100^2/(2000*1000) = 0.0098 -> C joins A.
#          {A,C}: R 6500, W 7100, T 6100, SC 0.859, s = 0.860, Z = 0.904, V = 1.017 (valid).
# Round 2: dissolve B (V 0.661 < E's 0.886). B only has flows with {A,C} -> joins it.
#          {A,B,C}: R = W = T = 8500, SC 1, V = 1.029.
# Round 3: dissolve E (0.886). It only has flows with D -> joins D.
#          {D,E}: R = W = T = 7000, SC 1, V = 1.020. All valid: stop.
# Final: {A,B,C} named A (most jobs), area 1 (8,500 jobs); {D,E} named D, area 2.
TWO_MARKETS = [
    ("A", "A", 4500),
    ("A", "B", 300),
    ("A", "C", 200),
    ("B", "B", 1000),
    ("B", "A", 900),
    ("B", "C", 100),
    ("C", "C", 700),
    ("C", "A", 700),
    ("C", "B", 100),
    ("D", "D", 3600),
    ("D", "E", 400),
    ("E", "E", 2000),
    ("E", "D", 1000),
]


def check_invariants(result: TTWAResult, flows: pd.DataFrame) -> None:
    """Properties every result must have."""
    zones = result.zones
    assert list(zones.columns) == ZONE_COLUMNS
    assert zones["zone_code"].is_unique
    origins = set(flows["origin_code"].astype(str))
    assert origins <= set(zones["zone_code"])
    assert set(zones["area_id"]) == set(result.areas["area_id"])
    assert list(result.areas.columns[: len(AREA_COLUMNS)]) == AREA_COLUMNS
    counts = zones.groupby("area_id").size()
    assert (
        counts.reindex(result.areas["area_id"]).to_numpy() == result.areas["n_zones"].to_numpy()
    ).all()
    # Every area is valid under the X-equation, or reported unresolvable with a reason.
    recomputed = x_equation_validity(
        result.areas["residents"], result.areas["self_containment"], result.parameters
    )
    np.testing.assert_allclose(recomputed, result.areas["validity"])
    invalid = result.areas[~result.areas["valid"]]
    assert (invalid["unresolved_reason"] != "").all()
    assert (result.areas.loc[result.areas["valid"], "unresolved_reason"] == "").all()
    assert (result.areas["valid"] == (result.areas["validity"] >= 1)).all()
    # Totals preserved: residents = input total less exclusions.
    assert result.areas["residents"].sum() == pytest.approx(
        result.total_persons - result.excluded_persons
    )
    assert result.areas["jobs"].sum() == pytest.approx(result.zone_stats["jobs"].sum())
    assert (result.areas["live_and_work"] <= result.areas["residents"] + 1e-9).all()


def test_two_labour_markets_by_hand():
    flows = flows_from(TWO_MARKETS)
    result = travel_to_work_areas(flows)
    check_invariants(result, flows)
    assert result.zones.to_dict("list") == {
        "zone_code": ["A", "B", "C", "D", "E"],
        "area_id": [1, 1, 1, 2, 2],
        "area_name": ["A", "A", "A", "D", "D"],
    }
    areas = result.areas.set_index("area_name")
    assert areas.loc["A", "residents"] == 8500
    assert areas.loc["D", "jobs"] == 7000
    assert areas.loc["A", "validity"] == pytest.approx(1.029, abs=5e-4)
    assert areas.loc["D", "validity"] == pytest.approx(1.020, abs=5e-4)
    assert result.n_dissolutions == 3
    assert result.n_zone_moves == 3
    assert result.unresolved.empty


def test_hand_self_containment_of_single_zones():
    # The table in the comment above TWO_MARKETS.
    zf = build_zone_flows(flows_from(TWO_MARKETS))
    live = zf.matrix.diagonal()
    sc = np.minimum(live / zf.residents, live / zf.jobs)
    np.testing.assert_allclose(sc, [4500 / 6100, 0.5, 700 / 1500, 3600 / 4600, 2000 / 3000])
    np.testing.assert_allclose(
        x_equation_validity(zf.residents, sc).round(3), [0.992, 0.661, 0.615, 1.003, 0.886]
    )


def test_names_from_mapping_and_largest_jobs_zone():
    flows = flows_from(TWO_MARKETS)
    names = pd.Series({"A": "Aton", "B": "Beeby", "D": "Deeham"})
    result = travel_to_work_areas(flows, zone_names=names)
    assert result.zones.set_index("zone_code")["area_name"].to_dict() == {
        "A": "Aton",
        "B": "Aton",
        "C": "Aton",
        "D": "Deeham",
        "E": "Deeham",
    }
    assert result.areas["largest_zone"].tolist() == ["A", "D"]


def test_isolated_zone_is_reported_unresolvable_not_looped():
    # F works only in F (1,000 workers < 3,500): it has no tie to anything -> unresolvable.
    # G and H only commute with each other, 2,000 workers together: G (less valid) joins H,
    # then {G,H} is dissolved but has no flows outside -> unresolvable.
    rows = TWO_MARKETS + [
        ("F", "F", 1000),
        ("G", "G", 600),
        ("G", "H", 400),
        ("H", "H", 900),
        ("H", "G", 100),
    ]
    flows = flows_from(rows)
    result = travel_to_work_areas(flows)
    check_invariants(result, flows)
    unresolved = result.unresolved.set_index("area_name")
    assert set(unresolved.index) == {"F", "H"}
    assert "no commuting with any zone outside the area" in unresolved.loc["F", "unresolved_reason"]
    assert "size 1,000 < 3,500" in unresolved.loc["F", "unresolved_reason"]
    assert unresolved.loc["H", "n_zones"] == 2
    assert unresolved.loc["H", "residents"] == 2000
    # The resolvable part is unchanged.
    assert result.areas["valid"].sum() == 2


def test_jobs_only_zone_is_assigned():
    # Zone J has jobs but no residents (a business park): SC 0, dissolved first,
    # tied to A through A's residents working there.
    rows = TWO_MARKETS + [("A", "J", 50)]
    flows = flows_from(rows)
    result = travel_to_work_areas(flows)
    check_invariants(result, flows)
    zone_area = result.zones.set_index("zone_code")["area_name"]
    assert zone_area["J"] == "A"


def test_zero_flow_zone():
    rows = TWO_MARKETS + [("Z", "Z", 0)]
    result = travel_to_work_areas(flows_from(rows))
    reason = result.unresolved.set_index("area_name").loc["Z", "unresolved_reason"]
    assert reason == "no residents or jobs after special-destination handling"


def test_special_destinations_in_the_algorithm():
    # C has 3,000 home workers and 500 with no fixed place: both counted as living and
    # working in C by default, so C has R 5000, W 4500, T 4200, SC 0.84 and V 1.009: valid
    # alone. Excluding home workers (C: R 2000 < 3,500) it merges with A as before.
    rows = TWO_MARKETS + [("C", "OD0000001", 3000), ("C", "OD0000003", 500)]
    flows = flows_from(rows)
    default = travel_to_work_areas(flows)
    check_invariants(default, flows)
    assert default.zones.set_index("zone_code").loc["C", "area_name"] == "C"
    assert default.excluded_persons == 0
    c = default.areas.set_index("area_name").loc["C"]
    assert (c["residents"], c["jobs"], c["live_and_work"]) == (5000, 4500, 4200)
    assert c["validity"] == pytest.approx(1.0088, abs=5e-4)
    table = default.special_destinations.set_index("category")
    assert table.loc["at_home", "persons"] == 3000
    assert table.loc["at_home", "handling"] == "residence"
    assert table.loc["no_fixed_place", "handling"] == "residence"

    excluded = travel_to_work_areas(flows, policy=SpecialDestinationPolicy(at_home="exclude"))
    check_invariants(excluded, flows)
    assert excluded.zones.set_index("zone_code").loc["C", "area_name"] == "A"
    assert excluded.excluded_persons == 3000
    old = SpecialDestinationPolicy(at_home="exclude", no_fixed_place="exclude")
    assert travel_to_work_areas(flows, policy=old).excluded_persons == 3500


def test_scotland_counts_as_out_commuting():
    # D sends 1,500 residents to Scotland: they stay in D's residents (lower supply-side SC)
    # and add no jobs anywhere.
    rows = TWO_MARKETS + [("D", "S92000003", 1500)]
    flows = flows_from(rows)
    result = travel_to_work_areas(flows)
    check_invariants(result, flows)
    area = result.areas.set_index("area_name").loc["D"]
    assert area["residents"] == 8500
    assert area["jobs"] == 7000
    assert area["supply_sc"] == pytest.approx(7000 / 8500)


def test_linear_form_and_parameters_are_used():
    flows = flows_from(TWO_MARKETS)
    linear = travel_to_work_areas(flows, form="linear")
    check_invariants(linear, flows)
    assert linear.parameters.form == "linear"
    # With a minimum size above every possible area nothing can be valid: all unresolvable.
    big = travel_to_work_areas(flows, min_size=20000, target_size=30000)
    check_invariants(big, flows)
    assert not big.areas["valid"].any()
    assert big.n_areas == 2


def test_x_equation_corners():
    p = TTWAParameters()
    v = x_equation_validity([25000, 50000, 3500, 3500, 25000], [0.6667, 0.6667, 0.75, 0.7499, 0.66])
    assert v[0] == pytest.approx(1.0) and v[1] == pytest.approx(1.0) and v[2] == pytest.approx(1.0)
    assert v[3] < 1 and v[4] < 1
    assert x_equation_validity(3499, 1.0, p)[0] < 1
    lin = TTWAParameters(form="linear")
    w = x_equation_validity(
        [25000, 3500, 14250, 3000, 60000], [0.6667, 0.75, 0.70835, 1.0, 0.67], lin
    )
    np.testing.assert_allclose(w[:3], 1.0, atol=1e-9)
    assert w[3] < 1 and w[4] > 1


def test_bad_parameters():
    with pytest.raises(ValueError, match="form"):
        travel_to_work_areas(flows_from(TWO_MARKETS), form="curvy")
    with pytest.raises(ValueError, match="min_size"):
        TTWAParameters(min_size=0)
    with pytest.raises(ValueError, match="self_containment"):
        TTWAParameters(min_self_containment=0.8, target_self_containment=0.75)


def test_bad_flows_are_reported():
    bad = flows_from(TWO_MARKETS).drop(columns="persons")
    with pytest.raises(ValueError, match=r"missing column\(s\) \['persons'\]"):
        travel_to_work_areas(bad)
    negative = flows_from([*TWO_MARKETS, ("A", "B", -1)])
    with pytest.raises(ValueError, match="non-negative"):
        travel_to_work_areas(negative)


# ---------------------------------------------------------------- reference check


def reference_ttwas(zf, p: TTWAParameters) -> np.ndarray:
    """Slow, literal implementation recomputing everything each round (same rules)."""
    m = zf.matrix.toarray()
    n = m.shape[0]
    zone_res, zone_jobs = zf.residents, zf.jobs
    label = np.arange(n)
    frozen: set[int] = set()

    def area_stats():
        res = np.bincount(label, weights=zone_res, minlength=n)
        jobs = np.bincount(label, weights=zone_jobs, minlength=n)
        same = label[:, None] == label[None, :]
        live = np.bincount(label, weights=(m * same).sum(axis=1), minlength=n)
        return res, jobs, live

    def validity_of(res, jobs, live, a):
        sc = min(live[a] / res[a] if res[a] > 0 else 0.0, live[a] / jobs[a] if jobs[a] > 0 else 0.0)
        return x_equation_validity(res[a], sc, p)[0]

    while True:
        res, jobs, live = area_stats()
        alive = [a for a in np.unique(label) if a not in frozen]
        scored = [(validity_of(res, jobs, live, a), res[a], a) for a in alive]
        if not scored:
            break
        v, _, a = min(scored)
        if v >= 1:
            break
        zones = [z for z in range(n) if label[z] == a]
        external = {z: sum(m[z, y] + m[y, z] for y in range(n) if label[y] != a) for z in zones}
        pending = sorted(zones, key=lambda z: (-external[z], z))
        while pending:
            waiting = []
            for z in pending:
                res, jobs, live = area_stats()
                best, best_tie = -1, 0.0
                for b in sorted(set(label) - {a}):
                    members = label == b
                    out_f, in_f = m[z, members].sum(), m[members, z].sum()
                    tie = 0.0
                    if out_f > 0:
                        tie += out_f**2 / (zone_res[z] * jobs[b])
                    if in_f > 0:
                        tie += in_f**2 / (res[b] * zone_jobs[z])
                    if tie > best_tie:
                        best, best_tie = b, tie
                if best < 0:
                    waiting.append(z)
                else:
                    label[z] = best
            if len(waiting) == len(pending):
                break
            pending = waiting
        if any(label == a):
            frozen.add(a)
    return label


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_fast_algorithm_matches_literal_reference(seed):
    rng = np.random.default_rng(seed)
    n = 30
    codes = [f"Z{i:02d}" for i in range(n)]
    # Sparse random flows with strong diagonals and some locality.
    rows = []
    for i in range(n):
        rows.append((codes[i], codes[i], int(rng.integers(200, 3000))))
        for j in rng.choice(n, size=6, replace=False):
            if j != i:
                scale = 400 if abs(int(j) - i) < 4 else 60
                rows.append((codes[i], codes[j], int(rng.integers(0, scale))))
    flows = flows_from(rows)
    p = TTWAParameters(min_size=3000, target_size=12000)
    zf = build_zone_flows(flows)
    fast = ttwas_from_zone_flows(zf, p)
    check_invariants(fast, flows)
    ref_label = reference_ttwas(zf, p)
    # Compare partitions (area ids differ): same zones together.
    fast_label = fast.zones["area_id"].to_numpy()
    for i in range(n):
        for j in range(n):
            assert (fast_label[i] == fast_label[j]) == (ref_label[i] == ref_label[j])


# ---------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def load_table():
    # Integration tests skip only when LIS_DATA_MIRROR is unset (conftest.py); with a mirror,
    # a wrong or missing file fails the test.
    from lis_analytics.data import load_table

    return load_table


# The algorithm is deterministic: the runs below are pinned exactly (number of areas and a
# sha256 of the sorted zone -> area membership, lis_analytics.commuting.membership_digest).
LAD_2011_AREAS = 133
LAD_2011_DIGEST = "bde2bf93dc2f27be83ae37ef6c5077dd9d6df5aabc395e3b4deaea27565f4ebe"
MSOA_2011_DIGEST = "5452d64cb698b5d1c2f60f477a946a62ea189a9f79e2af37e2e23b7ba3155d19"
MSOA_2011_NO_FIXED_PLACE_EXCLUDED_AREAS = 128
MSOA_2011_NO_FIXED_PLACE_EXCLUDED_DIGEST = (
    "d3ae7bbd2eb61f8d2f09e00770e1e6bf865e0ab66e32aecc90de75ee0b804846")


# Census 2011 WU01EW: total 26,681,568; the default policy counts home workers (2,778,019)
# and no fixed place (2,165,685) at the residence, excludes offshore (43,722) and outside the
# UK (38,097); Scotland (27,788) and NI (3,197) are residents working outside the zones.
TOTAL_2011 = 26_681_568
EXCLUDED_2011 = 43_722 + 38_097
OUTSIDE_2011 = 27_788 + 3_197


@pytest.mark.integration
def test_lad_2011_ttwas(load_table):
    flows = load_table("census2011_flows_lad")
    result = travel_to_work_areas(flows)
    check_invariants(result, flows)
    assert result.total_persons == TOTAL_2011
    assert result.excluded_persons == EXCLUDED_2011
    assert result.areas["residents"].sum() == TOTAL_2011 - EXCLUDED_2011
    assert result.areas["jobs"].sum() == TOTAL_2011 - EXCLUDED_2011 - OUTSIDE_2011
    assert len(result.zones) == 348
    assert result.areas["valid"].all()
    assert result.n_areas == LAD_2011_AREAS
    assert membership_digest(result.zones) == LAD_2011_DIGEST
    # London is one labour market: Westminster and the City are together.
    zone_area = result.zones.set_index("zone_code")["area_id"]
    assert zone_area["E09000033"] == zone_area["E09000001"]


@pytest.mark.integration
@pytest.mark.slow
def test_msoa_2011_ttwas_with_names(load_table):
    flows = load_table("census2011_flows_msoa")
    names = load_table("msoa11_names").set_index("zone_code")["zone_name"]
    result = travel_to_work_areas(flows, zone_names=names)
    check_invariants(result, flows)
    assert len(result.zones) == 7201
    assert result.areas["residents"].sum() == TOTAL_2011 - EXCLUDED_2011
    assert result.unresolved.empty
    # The documented count (module docstring of lis_analytics.commuting.ttwa): 152 areas, of
    # which 131 wholly in England, 18 wholly in Wales and 3 across the border. ONS 2011 (from LSOAs,
    # UK-wide): 149 in England, 18 in Wales and 6 cross-border.
    assert result.n_areas == MSOA_2011_AREAS == 152
    assert membership_digest(result.zones) == MSOA_2011_DIGEST
    country = result.zones.assign(c=result.zones["zone_code"].str[0])
    kinds = country.groupby("area_id")["c"].agg(lambda c: "".join(sorted(set(c))))
    assert (kinds == "W").sum() == 18
    assert (kinds == "E").sum() == 131
    # The biggest area is London's, named after the City of London MSOA.
    assert result.areas.iloc[0]["area_name"] == "City of London"


@pytest.mark.integration
@pytest.mark.slow
def test_msoa_2011_sensitivity_to_no_fixed_place(load_table):
    # Excluding no-fixed-place workers (the previous default) gives far fewer areas.
    flows = load_table("census2011_flows_msoa")
    old = travel_to_work_areas(flows, policy=SpecialDestinationPolicy(no_fixed_place="exclude"))
    assert old.n_areas == MSOA_2011_NO_FIXED_PLACE_EXCLUDED_AREAS
    assert membership_digest(old.zones) == MSOA_2011_NO_FIXED_PLACE_EXCLUDED_DIGEST
    assert old.n_areas < MSOA_2011_AREAS


def test_membership_gives_back_the_run():
    flows = flows_from(TWO_MARKETS)
    result = travel_to_work_areas(flows)
    again = ttwas_from_membership(build_zone_flows(flows), result.zones)
    pd.testing.assert_frame_equal(again.zones, result.zones)
    pd.testing.assert_frame_equal(again.areas.drop(columns="unresolved_reason"),
                                  result.areas.drop(columns="unresolved_reason"))
    assert membership_digest(again.zones) == membership_digest(result.zones)
    with pytest.raises(ValueError, match="membership misses 1 zone"):
        ttwas_from_membership(build_zone_flows(flows), result.zones.iloc[1:])


def test_membership_digest_pins_grouping_and_numbering():
    zones = pd.DataFrame({"zone_code": ["a", "b", "c"], "area_id": [1, 1, 2]})
    assert membership_digest(zones) != membership_digest(zones.assign(area_id=[1, 2, 2]))
    assert membership_digest(zones) != membership_digest(zones.assign(area_id=[2, 2, 1]))
