"""Innovation sources not held in the offline mirror: their loaders on published layouts.

The Innovate UK workbook is served by a local HTTP server on 127.0.0.1 at the path its UKRI
URL is rewritten to (``LIS_URL_REWRITE``), so fetch, lock-file checksum, parse, schema and
store run as they would against UKRI; the sample's rows are hand-made (see
``tests/fixtures/innovation/README.md``). District names are matched through the lookups of
the data mirror, so these are integration tests.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lis_analytics import indicators as ind
from lis_analytics.data.fetch import locate
from lis_analytics.data.parsers_innovation import innovate_uk_by_district
from lis_analytics.data.store import build_one, load_dataset
from lis_analytics.errors import SourceFormatError
from lis_analytics.geography import Area
from tests.http_server import build_first_download, serve_published

SAMPLE = Path(__file__).parent / "fixtures" / "innovation" / \
    "innovate_uk_funded_projects_sample.xlsx"


@pytest.fixture
def ukri(tmp_path, monkeypatch, mirror):
    """The mirror for lookups; UKRI's workbook from a local server; cache, store, lock in tmp."""
    with serve_published(monkeypatch, tmp_path, "innovate_uk_projects", SAMPLE) as server:
        yield server


@pytest.mark.integration
def test_innovate_uk_workbook_through_the_web_path(ukri, tmp_path):
    build_first_download("innovate_uk_projects", SAMPLE, tmp_path / "lis-data.lock.json")
    t = load_dataset("innovate_uk_projects").set_index(["area_code", "period", "measure"])
    # Wigan 2019/20: one active participant (the withdrawn one is left out)
    assert t.loc[("E08000010", "2019-2020", "innovate_uk_award_gbp"), "value"] == 120000
    assert t.loc[("E08000010", "2019-2020", "innovate_uk_participations"), "value"] == 1
    assert t.loc[("E08000010", "2019-2020", "innovate_uk_award_gbp"), "period_label"] == \
        "2019/20"
    # the withdrawn project (Wigan 2020/21) and the participant with no district are left out
    assert ("E08000010", "2020-2021", "innovate_uk_award_gbp") not in t.index
    assert t.xs("2020-2021", level="period")["value"].loc[
        lambda v: v.index.get_level_values("measure") == "innovate_uk_award_gbp"].sum() == \
        250000 + 150000 + 60000
    # a pre-2020 district name (Aylesbury Vale) keeps its own code, bridged later
    assert ("E07000004", "2020-2021", "innovate_uk_award_gbp") in t.index
    # a second fetch reads the cache, with no request
    (found,) = locate("innovate_uk_projects")
    assert found.origin == "cache" and len(ukri.requests) == 1


@pytest.mark.integration
def test_innovate_uk_award_per_head_is_a_ratio_of_sums(ukri):
    build_one("innovate_uk_projects")
    table = load_dataset("innovate_uk_projects")
    pop = pd.DataFrame({"area_code": ["E07000178", "E07000008"], "area_name": "x",
                        "geography": "LAD", "period": "2020", "measure": "population",
                        "value": [160000.0, 140000.0], "flag": ""})
    geo = ind.Geo(("E07000178", "E07000008"), {"E07000178": "E07000178",
                                              "E07000008": "E07000008"})
    spec = ind.load_framework().get("innovate_uk_award_per_head")
    arc = Area("X", "Oxford and Cambridge", "CUSTOM", ("E07000178", "E07000008"))
    r = ind.compute_indicator(spec, [arc], ind.Inputs(
        {"innovate_uk_projects": table, "population_rgva": pop}, geo))
    row = r[r["period"] == "2020-2021"].iloc[0]
    assert row["value"] == pytest.approx((250000 + 150000) / 300000)


def test_layout_changes_are_named():
    raw = pd.read_excel(SAMPLE, sheet_name=0, engine="openpyxl")
    with pytest.raises(SourceFormatError, match=r"no column\(s\) \['Address Local Authority'\]"):
        innovate_uk_by_district(raw.drop(columns="Address Local Authority"), {}, "t.xlsx")
    with pytest.raises(SourceFormatError, match="Award Offered"):
        innovate_uk_by_district(raw.drop(columns="Award Offered (£)"), {}, "t.xlsx")
    bad = raw.assign(**{"Competition Year": "FY20"})
    with pytest.raises(SourceFormatError, match=r"competition years \['FY20'\]"):
        innovate_uk_by_district(bad, {"wigan": "E08000010"}, "t.xlsx")
    # names that match no district and carry much of the award stop the build, named
    with pytest.raises(SourceFormatError, match="match no district"):
        innovate_uk_by_district(raw, {"wigan": "E08000010"}, "t.xlsx")


def test_pre_2021_award_column_is_read():
    raw = pd.read_excel(SAMPLE, sheet_name=0, engine="openpyxl").rename(
        columns={"Award Offered (£)": "Grant Offered (£)"})
    names = {"wigan": "E08000010", "manchester": "E08000003", "oxford": "E07000178",
             "cambridge": "E07000008", "aylesburyvale": "E07000004"}
    out = innovate_uk_by_district(raw, names, "t.xlsx")
    assert out["award_gbp"].sum() == 120000 + 80000 + 250000 + 150000 + 60000
    assert set(out["area_code"]) == set(names.values())
