"""ITL (January 2025) lookup: registered, read in its published layout, joined on LAD 2023 codes."""

import pandas as pd
import pytest

from lis_analytics.geography import itl25_of_area, itl25_of_districts


def test_a_district_split_between_itl3_areas_is_not_placed_in_one():
    districts = pd.DataFrame({"lad_code": ["S12000021", "S12000021"],
                              "itl3_code": ["TLM20", "TLM93"], "itl2_code": ["TLM2", "TLM9"],
                              "itl1_code": ["TLM", "TLM"]})
    assert itl25_of_area(["S12000021"], districts) == {"ITL1": "TLM"}


def test_an_area_with_a_district_missing_from_the_lookup_gets_no_itl_area():
    districts = pd.DataFrame({"lad_code": ["A"], "itl3_code": ["X1"], "itl2_code": ["X"],
                              "itl1_code": ["T"]})
    assert itl25_of_area(["A", "B"], districts) == {}


@pytest.mark.integration
def test_every_english_district_of_the_catalogue_has_one_itl3_and_barnsley_sheffield_join():
    from lis_analytics import load_table
    from lis_analytics.geography import canonical_lads, get_area

    raw = load_table("lookup_lad25_itl25")
    assert not any(c.startswith("column") for c in raw.columns)  # portal filler dropped
    districts = itl25_of_districts(raw)
    english = canonical_lads().query("lad_code.str.startswith('E')")["lad_code"]
    per_lad = districts.groupby("lad_code").size()
    assert per_lad.reindex(english).eq(1).all()  # all 296 LAD 2023 codes, once each
    # Barnsley and Sheffield changed code in 2025; joined on LAU125CD they keep their 2023 code
    south_yorkshire = districts.set_index("lad_code").loc[["E08000016", "E08000019"]]
    assert set(south_yorkshire["itl2_name"]) == {"South Yorkshire"}
    assert itl25_of_area(get_area("E47000001").lad_codes, districts) == {
        "ITL1": "TLD", "ITL2": "TLD3"}  # Greater Manchester: one ITL2, several ITL3
    assert per_lad.get("S12000021") == 2  # North Ayrshire straddles two ITL3 areas


@pytest.mark.integration
def test_lis_areas_itl_names_the_itl_2025_regions_holding_each_area():
    from typer.testing import CliRunner

    from lis_analytics.cli import app

    result = CliRunner().invoke(app, ["areas", "--kind", "ca", "--itl"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.output.splitlines()[1:]}
    assert rows["E47000001"].split()[-2:] == ["TLD", "TLD3"]  # Greater Manchester
    # Greater Lincolnshire takes in North and North East Lincolnshire (Yorkshire and The Humber)
    assert rows["E47000017"].split()[-4:] == ["spans", "2", "spans", "2"]
    assert "itl1_2025" in result.output.splitlines()[0]
