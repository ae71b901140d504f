"""HESA HE-BCI (Table 2a, business and community services): its loader on the published layout.

HESA's CSV is served by a local HTTP server on 127.0.0.1 at the path its URL is rewritten to
(``LIS_URL_REWRITE``), so fetch, lock-file checksum, parse, schema and store run as they would
against HESA. The sample's rows are made up; its layout (metadata lines, header, labels) is
HESA's as far as it was verified (see ``tests/fixtures/innovation/README.md``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lis_analytics import indicators as ind
from lis_analytics.data import is_held
from lis_analytics.data.fetch import locate
from lis_analytics.data.parsers_hebci import hebci_services_by_region, read_hesa_csv
from lis_analytics.data.store import build_one, load_dataset
from lis_analytics.errors import SourceFormatError
from lis_analytics.geography import Area
from lis_analytics.indicators.tables import derived_inputs
from tests.http_server import build_first_download, serve_published

SAMPLE = Path(__file__).parent / "fixtures" / "innovation" / "hesa_hebci_table_2a_sample.csv"
DATASET = "hesa_hebci_services"

# the sample's made-up providers: value of all organisation types, £000s
NE_2022 = (5200 + 8500 + 800) + (120 + 180 + 60)  # two providers in the North East
NE_2021 = (5000 + 8000 + 700) + (100 + 200 + 50)
NW_2021 = 3000 + 4000 + 500
LONDON_2021 = 9000 + 12000 + 1500


@pytest.fixture
def hesa(tmp_path, monkeypatch):
    """HESA's CSV from a local server; mirror (empty), cache, store and lock file in tmp."""
    with serve_published(monkeypatch, tmp_path, DATASET, SAMPLE, empty_mirror=True) as server:
        yield server


def _raw() -> pd.DataFrame:
    return read_hesa_csv(SAMPLE.read_text(encoding="utf-8"), "sample.csv")


def test_hebci_csv_through_the_web_path(hesa, tmp_path):
    assert DATASET not in derived_inputs()  # not held: the indicator table does not wait for it
    build_first_download(DATASET, SAMPLE, tmp_path / "lis-data.lock.json")
    t = load_dataset(DATASET).set_index(["area_code", "period", "measure"])
    income = "hebci_services_income_gbp_k"
    # regions: sums of their providers' Total rows (SME and other rows are parts, not added)
    assert t.loc[("E12000001", "2022-2023", income), "value"] == NE_2022
    assert t.loc[("E12000001", "2021-2022", income), "value"] == NE_2021
    assert t.loc[("E12000001", "2022-2023", "hebci_providers"), "value"] == 2
    assert t.loc[("E12000001", "2022-2023", income), "period_label"] == "2022/23"
    assert t.loc[("E12000001", "2022-2023", income), "unit"] == "GBP thousands"
    assert t.loc[("E12000001", "2022-2023", income), "geography"] == "RGN"
    assert t.loc[("E12000002", "2021-2022", income), "value"] == NW_2021
    assert t.loc[("S92000003", "2021-2022", income), "value"] == 2000 + 2500 + 300
    assert t.loc[("E92000001", "2021-2022", income), "value"] == NE_2021 + NW_2021 + LONDON_2021
    # a marker is missing, never zero, and so is every sum it would be part of
    for code in ("E12000002", "E92000001", "K02000001"):
        row = t.loc[(code, "2022-2023", income)]
        assert np.isnan(row["value"]) and "[c]" in row["flag"]
        assert "Sample University of the Mersey" in row["flag"]
    # a second fetch reads the cache, with no request
    (found,) = locate(DATASET)
    assert found.origin == "cache" and len(hesa.requests) == 1


def _population() -> pd.DataFrame:
    rows = [("E06000047", 2021, 520000.0), ("E08000021", 2021, 300000.0),
            ("E08000003", 2021, 550000.0), ("E06000047", 2022, 525000.0),
            ("E08000021", 2022, 310000.0), ("E08000003", 2022, 560000.0)]
    return pd.DataFrame([{"area_code": c, "area_name": c, "geography": "LAD", "period": str(y),
                          "measure": "population", "value": v, "flag": ""}
                         for c, y, v in rows])


def test_per_head_is_a_regional_ratio_of_sums(hesa):
    build_one(DATASET)
    table = load_dataset(DATASET)
    ne, nw = ("E06000047", "E08000021"), ("E08000003",)
    regions = {"E12000001": Area("E12000001", "North East", "RGN", ne),
               "E12000002": Area("E12000002", "North West", "RGN", nw)}
    geo = ind.Geo((*ne, *nw), {c: c for c in (*ne, *nw)})
    geo.published_sets = {"E12000001": frozenset(ne), "E12000002": frozenset(nw)}
    inside = Area("E06000047", "County Durham", "LAD", ("E06000047",), region_code="E12000001")
    across = Area("X", "Across the Pennines", "CUSTOM", ("E06000047", "E08000003"))
    fw = ind.Framework(indicators=(ind.load_framework().get("hebci_income_per_head"),))
    res = ind.compute_all(fw, [inside, across, *regions.values()],
                          ind.Inputs({DATASET: table, "population_rgva": _population()}, geo),
                          regions)
    got = res.set_index(["area_code", "period"])
    # the region's own figure: £000s x 1000 over the region's population (nearest year)
    assert got.loc[("E12000001", "2022-2023"), "value"] == pytest.approx(
        NE_2022 * 1000 / (525000 + 310000))
    assert got.loc[("E12000001", "2021-2022"), "value"] == pytest.approx(
        NE_2021 * 1000 / (520000 + 300000))
    # a district inside the region shows the region's figure, marked regional
    row = got.loc[("E06000047", "2022-2023")]
    assert row["status"] == "regional" and "North East" in row["reason"]
    assert row["value"] == got.loc[("E12000001", "2022-2023"), "value"]
    # an area spanning two regions has no figure, and says why
    x = res[res["area_code"] == "X"]
    assert x["value"].isna().all() and x["reason"].str.contains("lie in 2 regions").all()
    # the North West's marker leaves its 2022/23 figure missing, not a partial sum
    nw_row = res[(res["area_code"] == "E12000002") & (res["period"] == "2022-2023")]
    assert nw_row.empty or nw_row["value"].isna().all()


def test_indicator_is_missing_with_the_fetch_command_when_not_held():
    fw = ind.Framework(indicators=(ind.load_framework().get("hebci_income_per_head"),))
    area = Area("X", "Somewhere", "CUSTOM", ("E06000047",))
    geo = ind.Geo(("E06000047",), {"E06000047": "E06000047"})
    res = ind.compute_all(fw, [area], ind.Inputs({"population_rgva": _population()}, geo))
    row = res.iloc[0]
    assert row["status"] == "missing" and np.isnan(row["value"])
    assert "not in the offline mirror" in row["reason"]
    assert "'lis data fetch hesa_hebci_services'" in row["reason"]


def test_layout_changes_are_named():
    raw = _raw()
    with pytest.raises(SourceFormatError,
                       match=r"t.csv: no column\(s\) \['Region of HE provider'\]"):
        hebci_services_by_region(raw.drop(columns="Region of HE provider"), "t.csv")
    renamed = raw.rename(columns={"Number/Value": "Value"})
    with pytest.raises(SourceFormatError, match=r"no column\(s\) \['Number/Value'\].*'Value'"):
        hebci_services_by_region(renamed, "t.csv")
    # the header row is found after HESA's metadata lines; without it the file is named
    text = SAMPLE.read_text(encoding="utf-8").replace("UKPRN,", "Provider ref,", 1)
    with pytest.raises(SourceFormatError, match="t.csv: no header row starting 'UKPRN'"):
        read_hesa_csv(text, "t.csv")
    with pytest.raises(SourceFormatError, match=r"regions of HE provider \['North-Eastish'\]"):
        hebci_services_by_region(raw.replace({"North East": "North-Eastish"}), "t.csv")
    with pytest.raises(SourceFormatError, match=r"types of service \['Licensing'\]"):
        hebci_services_by_region(raw.replace({"Consultancy": "Licensing"}), "t.csv")
    with pytest.raises(SourceFormatError, match=r"unit\(s\) \['£s'\]; expected £000s"):
        hebci_services_by_region(raw.replace({"£000s": "£s"}), "t.csv")
    with pytest.raises(SourceFormatError, match=r"academic years \['2022'\]"):
        hebci_services_by_region(raw.replace({"2022/23": "2022"}), "t.csv")


def test_metadata_lines_are_skipped_however_many():
    # the sample has 11 lines above the header, as the editions seen; fewer or more also work
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("UKPRN"))
    assert start == 11
    for text in ("\n".join(lines[start:]), "\n".join(["x"] * 16 + lines[start:])):
        assert read_hesa_csv(text, "t.csv").equals(_raw())


@pytest.mark.integration
def test_real_indicator_table_shows_it_missing_with_the_reason():
    import lis_analytics as la

    if is_held(DATASET):
        pytest.skip(f"{DATASET} has been fetched on this machine")
    values = la.load_table("indicator_values")
    rows = values[values["indicator_id"] == "hebci_income_per_head"]
    assert len(rows) and rows["value"].isna().all() and (rows["status"] == "missing").all()
    assert rows["reason"].str.contains(f"'lis data fetch {DATASET}'").all()
