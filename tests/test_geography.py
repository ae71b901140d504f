"""Geography: the area catalogue, code bridging and aggregation."""

from __future__ import annotations

import pandas as pd
import pytest

from lis_analytics import geography as geo
from lis_analytics.errors import AreaDefinitionError, UnknownAreaError


def test_sum_over_area_reports_missing_lads():
    s = pd.Series({"A": 1.0, "B": 2.0})
    r = geo.sum_over_area(s, ["A", "B", "C"])
    assert r.value == 3.0 and r.missing_lads == ("C",) and not r.complete


def test_ratio_of_sums_is_not_mean_of_ratios():
    num = pd.Series({"A": 100.0, "B": 10.0})
    den = pd.Series({"A": 10.0, "B": 1.0})
    value, missing = geo.ratio_of_sums(num, den, ["A", "B"])
    assert value == pytest.approx(10.0) and missing == ()
    num2 = pd.Series({"A": 100.0, "B": 30.0})
    value2, _ = geo.ratio_of_sums(num2, den, ["A", "B"])
    assert value2 == pytest.approx(130 / 11)  # mean of ratios would be 20


@pytest.mark.integration
def test_greater_manchester_lep_has_its_ten_lads():
    import lis_analytics as la

    area = la.get_area("E37000015")
    assert area.name == "Greater Manchester" and area.type == "LEP"
    assert area.lad_codes == tuple(f"E080000{i:02d}" for i in range(1, 11))


@pytest.mark.integration
def test_catalogue_has_38_leps_and_current_cas():
    t = geo.areas_table()
    assert (t.type == "LEP").sum() == 38
    assert (t.type == "CA").sum() == 15
    assert (t.type == "RGN").sum() == 9


@pytest.mark.integration
def test_seven_lads_sit_in_two_leps():
    leps = geo.all_areas(["LEP"])
    counts = pd.Series([lad for a in leps for lad in a.lad_codes]).value_counts()
    assert (counts == 2).sum() == 7
    assert set(counts[counts == 2].index) == {
        "E07000192", "E07000193", "E07000194", "E07000199",  # Staffordshire districts
        "E07000234", "E07000236", "E07000239",  # Worcestershire districts
    }


@pytest.mark.integration
def test_every_english_lad_maps_to_a_lep():
    lads = geo.canonical_lads()
    english = set(lads.loc[lads.lad_code.str.startswith("E"), "lad_code"])
    in_lep = {lad for a in geo.all_areas(["LEP"]) for lad in a.lad_codes}
    assert english == in_lep
    assert len(english) == 296


@pytest.mark.integration
def test_bridging_2011_and_2024_codes():
    assert geo.bridge_code("E07000026") == "E06000063"  # Allerdale -> Cumberland (2023)
    assert geo.bridge_code("E07000150") == "E06000061"  # Corby -> North Northamptonshire
    assert geo.bridge_code("E06000028") == "E06000058"  # Bournemouth -> BCP
    assert geo.bridge_code("E08000020") == "E08000037"  # Gateshead 2011 code
    assert geo.bridge_code("E08000039") == "E08000019"  # Sheffield 2024 code


@pytest.mark.integration
def test_all_2011_lads_bridge_and_flows_keep_their_total():
    from lis_analytics.data import load_table

    flows = load_table("census2011_flows_lad")
    out = geo.bridge_counts(flows.rename(columns={"origin_code": "area_code"}),
                            value_cols=["persons"], by=["destination_code"])
    assert out.attrs["unmapped_codes"] == []
    assert out["persons"].sum() == 26_681_568
    assert out["area_code"].nunique() == 296 + 22  # England and Wales LAD 2023 building blocks


@pytest.mark.integration
def test_unknown_area_suggests_close_matches():
    with pytest.raises(UnknownAreaError, match=r"Did you mean: E37000015 \(Greater Manchester"):
        geo.get_area("Greater Manchster")


@pytest.mark.integration
def test_custom_area_of_leps_and_lads(tmp_path):
    path = tmp_path / "areas.yaml"
    path.write_text("areas:\n  arc:\n    name: Arc\n    areas: [E37000053, E37000043]\n"
                    "  two:\n    name: Two\n    lads: [E07000026, E06000001]\n")
    areas = geo.load_custom_areas(path)
    oxon = geo.get_area("E37000053").lad_codes
    bucks = geo.get_area("E37000043").lad_codes
    assert set(areas["arc"].lad_codes) == set(oxon) | set(bucks)
    assert areas["two"].lad_codes == ("E06000001", "E06000063")


@pytest.mark.integration
def test_custom_area_with_unknown_lad_code_is_rejected(tmp_path):
    path = tmp_path / "areas.yaml"
    path.write_text("areas:\n  bad:\n    name: Bad\n    lads: [E08000003, E08000999]\n")
    with pytest.raises(AreaDefinitionError, match="'E08000999' is not a LAD code"):
        geo.load_custom_areas(path)
