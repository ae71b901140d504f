"""Statistical nearest neighbours: known answers on hand-made data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lis_analytics import comparators as comp
from lis_analytics.geography import Area


@pytest.fixture
def features() -> pd.DataFrame:
    # T is the target; A is nearest on both features, D second, B far, C missing y
    return pd.DataFrame({"x": [0.0, 1.0, 10.0, 0.5, 2.0],
                         "y": [0.0, 1.0, 10.0, np.nan, 2.5]},
                        index=["T", "A", "B", "C", "D"])


def test_standardise_imputes_the_median_then_z_scores():
    z = comp.standardise(pd.DataFrame({"a": [1.0, 2.0, 3.0, np.nan], "b": [5.0] * 4}))
    assert z["a"].tolist() == pytest.approx([-1.4142, 0.0, 1.4142, 0.0], abs=1e-4)
    assert (z["b"] == 0).all()  # no spread, no information


def test_nearest_neighbours_known_answer(features):
    nn = comp.nearest_neighbours(features, "T", ["A", "B", "C", "D"], k=3)
    # hand computation on the pool T, A, B, C, D (C's y imputed with the median, 1.75)
    pool = features.copy()
    pool["y"] = pool["y"].fillna(pool["y"].median())
    z = (pool - pool.mean()) / pool.std(ddof=0)
    expected = np.sqrt(((z.loc[["A", "C", "D", "B"]] - z.loc["T"]) ** 2).sum(axis=1))
    order = expected.sort_values().index[:3].tolist()
    assert nn["comparator_code"].tolist() == order
    assert nn["distance"].tolist() == pytest.approx(expected.sort_values().iloc[:3].tolist())
    assert nn["rank"].tolist() == [1, 2, 3]


def test_weights_change_the_neighbours(features):
    only_x = comp.nearest_neighbours(features, "T", ["A", "B", "C", "D"], k=1,
                                     weights={"x": 1.0, "y": 0.0})
    assert only_x["comparator_code"].tolist() == ["C"]  # C is closest on x alone
    both = comp.nearest_neighbours(features, "T", ["A", "B", "C", "D"], k=1)
    assert both["comparator_code"].tolist() != ["B"]
    with pytest.raises(ValueError, match="positive weight"):
        comp.nearest_neighbours(features, "T", ["A"], weights={"x": 0.0})


def test_areas_containing_contained_by_or_overlapping_the_target_are_excluded(features):
    lad_sets = {"T": frozenset({"l1", "l2"}), "A": frozenset({"l1", "l2", "l3"}),  # contains T
                "C": frozenset({"l2", "l9"}),  # overlaps T (like the 2021 LEP overlaps)
                "D": frozenset({"l5"}), "B": frozenset({"l6"})}
    nn = comp.nearest_neighbours(features, "T", ["A", "B", "C", "D"], k=5, lad_sets=lad_sets)
    assert nn["comparator_code"].tolist() == ["D", "B"]
    nn = comp.nearest_neighbours(features, "T", ["A", "B", "C", "D"], k=5, lad_sets=lad_sets,
                                 exclude="containment")
    assert "C" in nn["comparator_code"].tolist() and "A" not in nn["comparator_code"].tolist()


def test_area_features_are_ratios_of_sums():
    counts = pd.DataFrame({"population": [100.0, 300.0], "area_km2": [10.0, 30.0],
                           "gva_total": [1.0, 9.0], "gva_production": [0.5, 0.5],
                           "pop_16_64": [60.0, 180.0], "pop_all_ages": [100.0, 300.0]},
                          index=["L1", "L2"])
    f = comp.area_features(counts, [Area("X", "X", "CUSTOM", ("L1", "L2"))]).loc["X"]
    assert f["gva_per_head"] == pytest.approx(10e6 / 400)  # not the mean of 10,000 and 30,000
    assert f["share_production"] == pytest.approx(10.0)  # 1 / 10, not mean(50%, 5.6%)
    assert f["log_density"] == pytest.approx(np.log(10.0))
    assert f["working_age_share"] == pytest.approx(60.0)


def test_pools_are_areas_of_the_same_kind():
    areas = [Area("E37000001", "L1", "LEP", ("a",)), Area("E37000002", "L2", "LEP", ("b",)),
             Area("E47000001", "C1", "CA", ("a",)), Area("x", "Custom", "CUSTOM", ("a", "b")),
             Area("E06000001", "D1", "LAD", ("E06000001",)),
             Area("W06000001", "D2", "LAD", ("W06000001",)),
             Area("E06000002", "D3", "LAD", ("E06000002",))]
    assert comp.pool_for(areas[0], areas) == ["E37000002"]
    assert comp.pool_for(areas[3], areas) == ["E37000001", "E37000002"]  # custom: among LEPs
    assert comp.pool_for(areas[4], areas) == ["E06000002"]  # districts of the same nation


def test_all_neighbours_table(features):
    areas = [Area(c, f"Area {c}", "LEP", (c.lower(),)) for c in features.index]
    table = comp.all_neighbours(features, areas, k=2)
    assert set(table["area_code"]) == set(features.index)
    assert (table.groupby("area_code").size() == 2).all()
    assert not (table["area_code"] == table["comparator_code"]).any()


def test_user_comparators_are_returned_as_given():
    from lis_analytics.chapters.peers import peers_for
    from lis_analytics.errors import UnknownAreaError

    areas = [Area(c, c, "LEP", (c.lower(),)) for c in ("E37000015", "E37000022", "E37000062")]
    nn = pd.DataFrame({"area_code": ["E37000015"], "rank": [1],
                       "comparator_code": ["E37000062"]})
    peers = peers_for(areas[0], areas, nn, ["E37000022", "E37000062"])
    assert [a.code for a in peers.comparators] == ["E37000022", "E37000062"]
    assert peers.comparators_chosen_by == "user"
    assert [a.code for a in peers_for(areas[0], areas, nn).comparators] == ["E37000062"]
    with pytest.raises(UnknownAreaError, match="E99"):
        peers_for(areas[0], areas, nn, ["E99"])


def test_area_km2_from_boundaries():
    import geopandas as gpd
    from shapely.geometry import box

    b = gpd.GeoDataFrame({"area_code": ["A", "B"]},
                         geometry=[box(0, 0, 1000, 1000), box(0, 0, 3000, 2000)],
                         crs="EPSG:27700")
    assert comp.area_km2(b).to_dict() == {"A": 1.0, "B": 6.0}


@pytest.mark.integration
def test_derived_neighbours_are_the_builders_output_on_the_derived_features():
    import lis_analytics as la

    features = la.load_table("comparator_features")
    assert set(comp.STRUCTURAL_FEATURES) <= set(features.columns)
    table = la.load_table("comparator_neighbours")
    pd.testing.assert_frame_equal(table, comp.comparator_neighbours(features))
    gm = table[table["area_code"] == "E37000015"]
    assert gm["rank"].tolist() == [1, 2, 3, 4, 5] and (gm["pool_type"] == "LEP").all()
