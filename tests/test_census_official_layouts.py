"""Census flows and industry tables: the publisher's layout and the mirror's copy give one table.

Issue #11: a parser is handed either the published file (the member CSV of a Nomis bulk
zip) or the mirror's copy, and must give the same table from both. The fixtures in
``tests/fixtures/census/`` are hand-made in the published layout (zip with the member
name the registry gives, header as published); their counts are invented, small and
consistent, so the mirror-layout tables below are written from the same figures.
"""

from __future__ import annotations

import dataclasses
import gzip
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from lis_analytics.data import get_dataset
from lis_analytics.data import parsers_employment as PE
from lis_analytics.data import parsers_flows as P
from lis_analytics.data.registry import Dataset
from lis_analytics.errors import SourceFormatError

FIXTURES = Path(__file__).parent / "fixtures" / "census"
WU01EW_ZIP = FIXTURES / "wu01ew_msoa.zip"
ODWP01EW_ZIP = FIXTURES / "odwp01ew.zip"
MSOA11_META = FIXTURES / "msoa11_metadata_sample.csv"
TS060_ZIP = FIXTURES / "census2021-ts060.zip"


def _with_total(ds_id: str, total: int) -> Dataset:
    """The registry entry with the fixture's total in place of the national one."""
    return dataclasses.replace(get_dataset(ds_id), expected_total=total)


def _member(zip_path: Path, ds_id: str, tmp_path: Path, index: int = 0) -> Path:
    """Extract the member the registry names, as the fetch layer does from the web."""
    source = get_dataset(ds_id).files[index]
    assert source.published_name == zip_path.name
    with zipfile.ZipFile(zip_path) as archive:
        assert source.member in archive.namelist()
        return Path(archive.extract(source.member, tmp_path))


def _mirror_copy(tmp_path: Path, name: str, header: list[str], rows: list[tuple]) -> Path:
    """Write a gzipped three-column flow table in the mirror's layout."""
    path = tmp_path / name
    frame = pd.DataFrame(rows, columns=header)
    with gzip.open(path, "wt", newline="") as handle:
        frame.to_csv(handle, index=False)
    return path


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["origin_code", "destination_code"]).reset_index(drop=True)


# ------------------------------------------------------------ Census 2011 WU01EW (MSOA)

WU01EW_MIRROR_ROWS = [
    ("E02000001", "E02000001", 1506), ("E02000001", "E02000002", 3),
    ("E02000001", "OD0000001", 120), ("E02000002", "E02000001", 41),
    ("E02000002", "E02000002", 230), ("E02000002", "E02000003", 12),
    ("E02000002", "OD0000003", 30), ("E02000003", "E02000001", 9),
    ("E02000003", "E02000003", 77), ("E02000003", "S92000003", 2),
]


def test_wu01ew_bulk_member_has_the_published_header(tmp_path):
    member = _member(WU01EW_ZIP, "census2011_flows_msoa", tmp_path)
    assert member.name == "wu01ew_msoa.csv"
    assert member.read_text().splitlines()[0] == (
        '"Area of residence","Area of workplace","All categories: Sex","Male","Female"')


def test_wu01ew_official_and_mirror_layouts_give_the_same_msoa_table(tmp_path):
    ds = _with_total("census2011_flows_msoa", 2030)
    official = P.parse_flows_csv(ds, [_member(WU01EW_ZIP, ds.id, tmp_path)])
    mirror = P.parse_flows_csv(ds, [_mirror_copy(
        tmp_path, "census2011_wu01ew_msoa11_flows.csv.gz",
        ["origin_msoa11cd", "destination_code", "persons"], WU01EW_MIRROR_ROWS)])
    pd.testing.assert_frame_equal(_sorted(official), _sorted(mirror))
    assert official["persons"].dtype == "int64" and len(official) == 10


def test_wu01ew_male_plus_female_must_equal_all(tmp_path):
    path = tmp_path / "wu01ew_msoa.csv"
    path.write_text('"Area of residence","Area of workplace","All categories: Sex","Male",'
                    '"Female"\nE02000001,E02000001,10,4,5\n')
    with pytest.raises(SourceFormatError, match=r"wu01ew_msoa\.csv: 'Male' \+ 'Female'"):
        P.parse_flows_csv(_with_total("census2011_flows_msoa", 10), [path])


# --------------------------------------------- Census 2011 LAD: the declared step


LAD11_MIRROR_ROWS = [
    ("E09000001", "E09000001", 1506), ("E09000001", "E09000002", 3),
    ("E09000001", "OD0000001", 120), ("E09000002", "E09000001", 50),
    ("E09000002", "E09000002", 319), ("E09000002", "OD0000003", 30),
    ("E09000002", "S92000003", 2),
]


def test_lad_table_is_summed_from_the_official_msoa_member(tmp_path):
    ds = _with_total("census2011_flows_lad", 2030)
    assert ds.files[0].member == "wu01ew_msoa.csv" and ds.files[0].mirror_copy == "reshaped"
    from_web = P.parse_flows_csv(ds, [_member(WU01EW_ZIP, ds.id, tmp_path), MSOA11_META])
    from_mirror = P.parse_flows_csv(ds, [_mirror_copy(
        tmp_path, "census2011_wu01ew_lad11_flows.csv.gz",
        ["origin_lad11cd", "destination_code", "persons"], LAD11_MIRROR_ROWS), MSOA11_META])
    pd.testing.assert_frame_equal(from_web, from_mirror)


def test_lad_step_reports_an_msoa_without_parent(tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text("areacd,areanm,parentcd\nE02000001,City of London,E09000001\n")
    ds = _with_total("census2011_flows_lad", 2030)
    with pytest.raises(SourceFormatError, match=r"origin\(s\) \['E02000002', 'E02000003'\] "
                                                "have no parent"):
        P.parse_flows_csv(ds, [_member(WU01EW_ZIP, ds.id, tmp_path), meta])


@pytest.mark.integration
def test_mirror_msoa_flows_sum_to_every_row_of_the_mirror_lad_table(mirror):
    ds = get_dataset("census2011_flows_lad")
    flows = get_dataset("census2011_flows_msoa").files[0].mirror_path
    lad, meta = (mirror / f.mirror_path for f in ds.files)
    summed = P.parse_flows_csv(ds, [mirror / flows, meta])
    published = P.parse_flows_csv(ds, [lad, meta])
    assert len(published) == 95_586
    pd.testing.assert_frame_equal(_sorted(summed), _sorted(published))


# ------------------------------------------------------- Census 2021 ODWP01EW (MSOA)

ODWP01EW_MSOA_MIRROR_ROWS = [
    ("E02000001", "111111111", 3871), ("E02000001", "999999999", 35),
    ("E02000001", "E02000001", 436), ("E02000001", "E02000002", 4),
    ("E02000001", "N09000001", 1), ("E02000002", "111111111", 1020),
    ("E02000002", "E02000001", 57), ("E02000002", "E02000002", 301),
    ("E02000002", "S02001234", 2),
]


def test_odwp01ew_msoa_official_and_mirror_layouts_give_the_same_table(tmp_path):
    ds = _with_total("census2021_flows_msoa", 5727)
    member = _member(ODWP01EW_ZIP, ds.id, tmp_path)
    assert member.name == "ODWP01EW_MSOA.csv"
    official = P.parse_flows_csv(ds, [member])
    mirror = P.parse_flows_csv(ds, [_mirror_copy(
        tmp_path, "census2021_odwp01ew_msoa21_flows.csv.gz",
        ["origin_msoa21cd", "destination_code", "persons"], ODWP01EW_MSOA_MIRROR_ROWS)])
    pd.testing.assert_frame_equal(_sorted(official), _sorted(mirror))
    # -8 (not in employment) dropped; home / no fixed place not counted as a local flow
    assert "-8" not in set(official["destination_code"])
    home = official.set_index(["origin_code", "destination_code"])["persons"]
    assert home[("E02000001", "111111111")] == 3871 and home[("E02000001", "E02000001")] == 436


def test_odwp01ew_ltla_member_from_the_bulk_zip(tmp_path):
    ds = _with_total("census2021_flows_lad", 28375)
    assert ds.files[0].mirror_copy == "member-gzip"
    member = _member(ODWP01EW_ZIP, ds.id, tmp_path)
    assert member.name == "ODWP01EW_LTLA.csv"
    assert member.read_bytes().startswith(b"Lower tier local authorities code,")  # no BOM
    out = P.parse_flows_odwp01ew_ltla(ds, [member])
    assert list(zip(out.destination_code, out.persons, strict=True)) == [
        ("111111111", 11804), ("888888888", 372), ("999999999", 186),
        ("E06000001", 14513), ("E06000002", 1500)]


# -------------------------------------------------------- suppression markers


@pytest.mark.parametrize("marker", ["*", "[c]", ""])
def test_a_marker_in_a_flow_count_names_file_and_column(tmp_path, marker):
    path = tmp_path / "census2011_wu01ew_msoa11_flows.csv"
    path.write_text("origin_msoa11cd,destination_code,persons\n"
                    f"E02000001,E02000001,5\nE02000001,E02000002,{marker}\n")
    with pytest.raises(SourceFormatError, match=r"census2011_flows_msoa: "
                       r"census2011_wu01ew_msoa11_flows\.csv: column 'persons' has 1 cell"):
        P.parse_flows_csv(get_dataset("census2011_flows_msoa"), [path])


def test_a_marker_in_the_official_count_column_is_reported(tmp_path):
    member = _member(ODWP01EW_ZIP, "census2021_flows_msoa", tmp_path)
    member.write_bytes(member.read_bytes().replace(b",436\r\n", b",*\r\n"))
    with pytest.raises(SourceFormatError, match=r"ODWP01EW_MSOA\.csv: column 'Count'.*\['\*'\]"):
        P.parse_flows_csv(get_dataset("census2021_flows_msoa"), [member])


def test_an_unknown_flow_layout_is_reported(tmp_path):
    path = tmp_path / "flows.csv"
    path.write_text("from,to,value\nE02000001,E02000002,3\n")
    with pytest.raises(SourceFormatError, match="not a flow table this parser knows"):
        P.parse_flows_csv(get_dataset("census2011_flows_msoa"), [path])


# --------------------------------------------------------------- registry entries


@pytest.mark.parametrize("ds_id, member, copy", [
    ("census2011_flows_msoa", "wu01ew_msoa.csv", "reshaped"),
    ("census2011_flows_lad", "wu01ew_msoa.csv", "reshaped"),
    ("census2021_flows_lad", "ODWP01EW_LTLA.csv", "member-gzip"),
    ("census2021_flows_msoa", "ODWP01EW_MSOA.csv", "reshaped"),
])
def test_registry_describes_the_published_zip_and_the_mirror_copy(ds_id, member, copy):
    ds = get_dataset(ds_id)
    source = ds.files[0]
    assert source.url.startswith("https://www.nomisweb.co.uk/output/census/")
    assert source.url.endswith(".zip") and source.member == member
    assert source.mirror_copy == copy and len(source.mirror_sha256) == 64
    assert source.sha256 == ""  # nobody has downloaded the zip yet
    assert ds.discover["kind"] == "none" and ds.reachable == "yes"
    assert ds.reshaping


def test_industry_entries_say_what_is_reachable():
    wp605 = get_dataset("census2011_workplace_industry_lad")
    assert wp605.reachable != "yes" and "WP605EW" in wp605.reachable
    ts060 = get_dataset("census2021_industry_lad")
    assert ts060.files[0].member == "census2021-ts060-ltla.csv"
    assert ts060.files[0].mirror_copy == "reshaped"


# ------------------------------------------------------------ Census 2021 TS060

# census2021-ts060.zip is hand-made: two LTLAs with the figures of the mirror's custom-dataset
# download. Its header follows the Nomis bulk layout (date, geography, geography code, total,
# sections and divisions in classification order; the total and section columns sit at the
# positions public scripts select: 4, 5, 9, 15, 40, ..., 99). The division names are the
# custom dataset's labels; of the section names only A, C, F, G, H, I and J were seen verbatim.
TS060_CUSTOM = FIXTURES / "ts060_custom_dataset_two_ltlas.csv"


def test_ts060_nomis_bulk_and_custom_dataset_give_the_same_table(tmp_path):
    ds = _with_total("census2021_industry_lad", 94180)
    member = _member(TS060_ZIP, ds.id, tmp_path)
    assert member.name == "census2021-ts060-ltla.csv"
    nomis = PE.parse_census2021_ts060(ds, [member])
    custom = PE.parse_census2021_ts060(ds, [TS060_CUSTOM])
    pd.testing.assert_frame_equal(nomis, custom)
    assert len(nomis) == 2 * 87 and set(nomis["area_code"]) == {"E06000001", "E06000002"}


def test_ts060_nomis_divisions_must_add_up_to_the_total(tmp_path):
    member = _member(TS060_ZIP, "census2021_industry_lad", tmp_path)
    lines = member.read_bytes().split(b"\r\n")
    cells = lines[1].split(b",")
    cells[-1] = str(int(cells[-1]) + 1).encode()  # division 99 off by one
    lines[1] = b",".join(cells)
    member.write_bytes(b"\r\n".join(lines))
    with pytest.raises(SourceFormatError, match="87 divisions do not add up"):
        PE.parse_census2021_ts060(_with_total("census2021_industry_lad", 94181), [member])
