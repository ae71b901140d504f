"""Data layer: registry, fetching, parsers, schemas and the store."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

from lis_analytics.data import fetch, get_dataset, load_table, registry
from lis_analytics.data import parsers as P
from lis_analytics.data.schemas import validate
from lis_analytics.errors import (
    ChecksumError,
    DataUnavailableError,
    SchemaError,
    SourceFormatError,
    UnknownDatasetError,
)

# ----------------------------------------------------------------- unit tests


def test_registry_entries_are_complete():
    P.load_parser_modules()
    for ds in registry().values():
        assert ds.title and ds.publisher and ds.licence and ds.attribution, ds.id
        assert ds.release and ds.vintage and ds.format, ds.id
        assert ds.parser in P.PARSERS, f"{ds.id}: parser {ds.parser} is not registered"
        for f in ds.files:
            assert f.url.startswith("https://"), ds.id
            # sha256 of the published artefact, or "" while nobody has downloaded it; the
            # mirror copy is always pinned (mirror_sha256, or sha256 when byte-identical);
            # a web-only source (mirror_copy none: an optional source no mirror holds) has none
            assert f.sha256 == "" or (len(f.sha256) == 64 and int(f.sha256, 16) >= 0), ds.id
            if f.mirror_copy == "none":
                assert ds.extra.get("optional"), f"{ds.id}: web-only but not optional"
                continue
            assert len(f.mirror_checksum) == 64 and int(f.mirror_checksum, 16) >= 0, ds.id


def test_unknown_dataset_suggests_close_match():
    with pytest.raises(UnknownDatasetError, match="Did you mean: productivity_lad"):
        get_dataset("productivity_lads")


def test_suppression_markers_become_missing_with_flag_never_zero():
    values, flags = P.to_values_and_flags(pd.Series(["[c]", "*", "!", "x", "-", "~", "12", 0]))
    assert values.isna().sum() == 6
    assert values.iloc[6] == 12 and values.iloc[7] == 0
    assert flags.tolist()[:6] == ["[c]", "*", "!", "[x]", "-", "~"]


def test_unknown_marker_is_kept_as_flag():
    values, flags = P.to_values_and_flags(pd.Series(["n/a"]))
    assert np.isnan(values.iloc[0]) and flags.iloc[0] == "n/a"


def _fake_productivity_workbook(path, header=("LAD_Code", "LAD_Name", "Pounds_2021",
                                              "Pounds_2022"), sheets=("A3", "B3"),
                                contents=None):
    rows = [["Table A3: title"], [], [], [], list(header),
            ["UKX", "UK less Extra-Regio", 38.0, 39.7],
            ["E06000001", "Hartlepool", 27.0, "[c]"],
            [], ["Note 1: Data are current price"], ["Source: Office for National Statistics"]]
    with pd.ExcelWriter(path) as xl:
        if contents is not None:  # the official Contents sheet: one line per table
            pd.DataFrame([["Contents"], *[[line] for line in contents]]).to_excel(
                xl, sheet_name="Contents", header=False, index=False)
        for sheet in (*sheets, "Productivity Hours", "Productivity Jobs"):
            width = max(len(r) for r in rows)
            padded = [list(r) + [None] * (width - len(r)) for r in rows]
            pd.DataFrame(padded).to_excel(xl, sheet_name=sheet, header=False, index=False)


def test_productivity_parser_reads_fake_workbook(tmp_path):
    path = tmp_path / "prod.xlsx"
    _fake_productivity_workbook(path)
    out = P.parse_productivity_workbook(get_dataset("productivity_lad"), [path])
    a3 = out[out["measure"] == "gva_per_hour"].set_index(["area_code", "period"])["value"]
    assert a3[("UKX", "2022")] == pytest.approx(39.7)
    assert np.isnan(a3[("E06000001", "2022")])
    assert not out["area_code"].str.startswith(("Note", "Source")).any()
    flagged = out[(out["area_code"] == "E06000001") & (out["period"] == "2022")]
    assert (flagged.loc[flagged["measure"] == "gva_per_hour", "flag"] == "[c]").all()


def test_reshaped_workbook_names_file_sheet_and_expectation(tmp_path):
    path = tmp_path / "reshaped.xlsx"
    _fake_productivity_workbook(path, header=("Code", "Name", "2021", "2022"))
    with pytest.raises(SourceFormatError, match=r"reshaped\.xlsx, sheet 'A3'.*header row"):
        P.parse_productivity_workbook(get_dataset("productivity_lad"), [path])


def test_truncated_workbook_missing_sheets_is_reported(tmp_path):
    path = tmp_path / "truncated.xlsx"
    _fake_productivity_workbook(path, sheets=("A1",))
    with pytest.raises(SourceFormatError, match=r"truncated\.xlsx lacks sheet\(s\) \['A3', 'B3'\]"):
        P.parse_productivity_workbook(get_dataset("productivity_lad"), [path])


def test_renamed_chained_volume_sheet_is_an_error_not_a_dropped_measure(tmp_path):
    contents = ["Table A3: Current Price (smoothed) GVA (B) per hour worked (£)",
                "Table A5: Chained Volume (unsmoothed) GVA (B) per hour worked indices",
                "Table B3: Current Price (smoothed) GVA (B) per filled job (£)"]
    path = tmp_path / "renamed.xlsx"
    _fake_productivity_workbook(path, sheets=("A3", "A5 CVM", "B3"), contents=contents)
    with pytest.raises(SourceFormatError, match=r"renamed\.xlsx has sheet\(s\) \['A5 CVM'\]"):
        P.parse_productivity_workbook(get_dataset("productivity_itl"), [path])
    path = tmp_path / "missing.xlsx"  # listed in Contents, not in the workbook
    _fake_productivity_workbook(path, sheets=("A3", "B3"), contents=contents)
    with pytest.raises(SourceFormatError, match=r"missing\.xlsx, sheet 'Contents' lists "
                       r"table\(s\) \['A5'\]"):
        P.parse_productivity_workbook(get_dataset("productivity_itl"), [path])
    path = tmp_path / "district.xlsx"  # an edition without A5 that does not list it: fine
    _fake_productivity_workbook(path, sheets=("A3", "B3"), contents=[contents[0], contents[2]])
    out = P.parse_productivity_workbook(get_dataset("productivity_lad"), [path])
    assert set(out["measure"]) == {"gva_per_hour", "gva_per_job", "hours_per_week",
                                   "filled_jobs"}


def test_schema_rejects_too_few_rows():
    ds = get_dataset("census2011_flows_lad")
    table = pd.DataFrame({"dataset_id": ["x"], "origin_code": ["E06000001"],
                          "destination_code": ["E06000001"], "persons": np.array([5], "int64")})
    with pytest.raises(SchemaError, match="census2011_wu01ew_lad11_flows.csv.gz.*1 rows"):
        validate(table, ds)


def test_schema_rejects_bad_codes_and_unflagged_missing():
    ds = get_dataset("population_rgva")
    table = pd.DataFrame({
        "dataset_id": ["population_rgva"] * 2, "area_code": ["E06000001", "Hartlepool"],
        "area_name": ["Hartlepool"] * 2, "geography": ["LAD"] * 2, "code_vintage": ["LAD23"] * 2,
        "period": ["2022", "2022"], "measure": ["population"] * 2, "value": [np.nan, 1.0],
        "unit": ["persons"] * 2, "price_basis": ["not applicable"] * 2, "flag": ["", ""]})
    with pytest.raises(SchemaError, match="area_code"):
        validate(table, ds)


def test_flows_total_must_match_published_total(tmp_path):
    from lis_analytics.data.parsers_flows import parse_flows_csv

    path = tmp_path / "flows.csv"
    pd.DataFrame({"origin_lad11cd": ["E06000001"], "destination_code": ["E06000002"],
                  "persons": [10]}).to_csv(path, index=False)
    with pytest.raises(SourceFormatError, match="flows total 10 persons but the published "
                                                "total is 26,681,568"):
        parse_flows_csv(get_dataset("census2011_flows_lad"), [path])


def test_missing_mirror_file_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("LIS_DATA_MIRROR", str(tmp_path))
    with pytest.raises(DataUnavailableError, match="productivity/ons_subregional_productivity"
                                                   "_lad_jun2025.xls is not in the mirror"):
        fetch("productivity_lad")


@pytest.mark.integration
def test_checksum_mismatch_is_detected(tmp_path, monkeypatch, mirror):
    ds = get_dataset("lookup_lad23_rgn23")
    target = tmp_path / ds.files[0].mirror_path
    target.parent.mkdir(parents=True)
    shutil.copy(mirror / ds.files[0].mirror_path, target)
    with open(target, "a") as handle:
        handle.write("E99999999,Nowhere,E12000001,North East,999\n")
    monkeypatch.setenv("LIS_DATA_MIRROR", str(tmp_path))
    with pytest.raises(ChecksumError, match=r"LAD23_RGN23_EN_LU.csv \(mirror copy\) has sha256"):
        fetch("lookup_lad23_rgn23")


# ---------------------------------------------------------- integration tests


@pytest.mark.integration
def test_mirror_files_match_registry_checksums(mirror):
    from lis_analytics.data import is_held, is_optional

    for ds_id in registry():
        if is_optional(ds_id) and not is_held(ds_id):
            continue  # an optional source the mirror does not hold (fetched from the web)
        assert fetch(ds_id, verify=True)


@pytest.mark.integration
def test_uk_gva_per_hour_2023_is_41_87():
    """June 2025 LAD workbook, sheet A3, UKX: £40.97 (2022, revised) and £41.87 (2023)."""
    t = load_table("productivity_lad")
    uk = t[(t.area_code == "UKX") & (t.measure == "gva_per_hour")].set_index("period")["value"]
    assert uk["2022"] == pytest.approx(40.97)
    assert uk["2023"] == pytest.approx(41.87)


@pytest.mark.integration
def test_productivity_zero_placeholders_are_missing():
    """The June 2025 workbook writes 0 for Northern Ireland's 2023 filled jobs: read as missing."""
    t = load_table("productivity_lad")
    jobs = t[(t.measure == "filled_jobs") & (t.period == "2023")]
    ni = jobs[jobs.area_code.str.startswith("N09")]
    assert len(ni) == 11 and ni["value"].isna().all()
    assert (ni["flag"] == "0 (not published)").all()
    assert (jobs.loc[~jobs.area_code.str.startswith("N09"), "value"] > 0).all()


@pytest.mark.integration
def test_lad_gva_sums_to_uk_total():
    """Sum of LAD current-price GVA 2022 = UK less extra-regio (£2,228,798m, rounding 7)."""
    g = load_table("gva_lad_industry")
    total = g[(g.measure == "gva_current_prices") & (g.industry_code == "Total")
              & (g.period == "2022")]
    assert len(total) == 361
    assert total["value"].sum() == pytest.approx(2_228_798, abs=50)


@pytest.mark.integration
def test_census_2011_workplace_flows_total():
    for ds_id in ("census2011_flows_lad", "census2011_flows_msoa"):
        assert load_table(ds_id)["persons"].sum() == 26_681_568


@pytest.mark.integration
def test_census_2021_ltla_flows_drop_not_in_employment():
    flows = load_table("census2021_flows_lad")
    assert flows["persons"].sum() == 27_773_528
    assert flows.loc[flows.destination_code == "111111111", "persons"].sum() == 12_586_796


@pytest.mark.integration
def test_population_working_age_england_2022():
    p = load_table("population_mye_mid2022")
    eng = p[(p.area_code == "E92000001") & (p.period == "2022")].set_index("measure")["value"]
    assert eng["population"] == 57_106_398
    assert eng["population_16_64"] == 35_901_211


@pytest.mark.integration
def test_store_skips_unchanged_inputs(empty_store):
    from lis_analytics.data import build

    first = build(["lookup_lad23_rgn23"])
    second = build(["lookup_lad23_rgn23"])
    assert first["status"].tolist() == ["built"]
    assert second["status"].tolist() == ["fresh"]
    assert (empty_store / "lookup_lad23_rgn23.parquet").is_file()


@pytest.mark.integration
def test_boundaries_are_british_national_grid():
    b = load_table("boundaries_lad23")
    assert b.crs.to_epsg() == 27700 and len(b) == 361


def test_freshness_check_finds_each_parser_module_without_importing_it():
    """The source scan used by load_table's freshness check agrees with the registered parsers."""
    from lis_analytics.data import parsers, store

    parsers.load_parser_modules()
    scanned = store._parser_modules_by_name()
    registered = {name: func.__module__ for name, func in parsers.PARSERS.items()}
    assert scanned == registered
    assert {get_dataset(i).parser for i in registry()} <= set(scanned)
