"""Patents by area: the OECD regional patents loader on its published layout, and the indicator.

The OECD's SDMX-CSV answer is served by a local HTTP server on 127.0.0.1 at the path its
sdmx.oecd.org URL is rewritten to (``LIS_URL_REWRITE``), so fetch, lock-file checksum,
parse, schema and store run as they would against the OECD; the sample's values are
made up (see ``tests/fixtures/innovation/README.md``). ITL codes are checked against the
lookups of the data mirror, so most of these are integration tests.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lis_analytics import indicators as ind
from lis_analytics.data import is_held
from lis_analytics.data.fetch import locate
from lis_analytics.data.parsers_patents import itl3_2021_codes, oecd_patents_by_itl3
from lis_analytics.data.store import build_one, load_dataset
from lis_analytics.errors import SourceFormatError
from lis_analytics.geography import Area
from tests.http_server import build_first_download, serve_published

SAMPLE = Path(__file__).parent / "fixtures" / "innovation" / "oecd_regional_patents_sample.csv"
DATASET = "oecd_regional_patents"

MANCHESTER, SALFORD, TRAFFORD = "E08000003", "E08000006", "E08000009"
STOCKPORT, TAMESIDE = "E08000007", "E08000008"
POPULATION = {MANCHESTER: 550_000.0, SALFORD: 270_000.0, TRAFFORD: 235_000.0,
              STOCKPORT: 295_000.0, TAMESIDE: 230_000.0}
"""Made-up district populations (2019) for the ratio-of-sums checks."""


@pytest.fixture
def oecd(tmp_path, monkeypatch, mirror):
    """The mirror for lookups; the OECD answer from a local server; cache, store, lock in tmp."""
    with serve_published(monkeypatch, tmp_path, DATASET, SAMPLE) as server:
        yield server


def _inputs(table: pd.DataFrame) -> ind.Inputs:
    """Inputs of the indicator: the patents table, made-up populations, the ITL3 districts."""
    pop = pd.DataFrame({"area_code": list(POPULATION), "area_name": "x", "geography": "LAD",
                        "period": "2019", "measure": "population",
                        "value": list(POPULATION.values()), "flag": ""})
    lookup = load_dataset("lookup_lad21_itl321")
    itl3 = {code: frozenset(grp["LAD21CD"]) for code, grp in lookup.groupby("ITL321CD")}
    lads = tuple(POPULATION)
    geo = ind.Geo(lads, {c: c for c in lads}, published_sets=itl3)
    return ind.Inputs({DATASET: table, "population_rgva": pop}, geo)


def _compute(table: pd.DataFrame, *areas: Area) -> pd.DataFrame:
    spec = ind.load_framework().get("patents_per_million")
    return ind.compute_indicator(spec, list(areas), _inputs(table))


@pytest.mark.integration
def test_oecd_patents_through_the_web_path(oecd, tmp_path):
    build_first_download(DATASET, SAMPLE, tmp_path / "lis-data.lock.json")
    t = load_dataset(DATASET).set_index(["area_code", "period"])
    # NUTS 2016-style codes become ITL 2021 codes; fractional counts are kept
    assert t.loc[("TLD33", "2019"), "value"] == 130.25
    assert t.loc[("TLD33", "2019"), "geography"] == "ITL3"
    assert t.loc[("TLD33", "2019"), "measure"] == "pct_patent_applications"
    # a missing observation is missing with its flag, never zero
    assert pd.isna(t.loc[("TLD35", "2019"), "value"]) and t.loc[("TLD35", "2019"), "flag"] == "[x]"
    # an estimate keeps its value and says so
    assert t.loc[("TLD36", "2019"), "value"] == 40 and t.loc[("TLD36", "2019"), "flag"] == "[E]"
    # only UK TL3 rows of the selected measure: no TL2, per-million, country, French or
    # extra-regio rows
    assert set(t.index.get_level_values("area_code")) == {"TLD33", "TLD34", "TLD35", "TLD36",
                                                           "TLD37"}
    assert len(t) == 7
    # a second fetch reads the cache, with no request
    (found,) = locate(DATASET)
    assert found.origin == "cache" and len(oecd.requests) == 1


@pytest.mark.integration
def test_whole_itl3_regions_give_a_ratio_of_sums(oecd):
    build_one(DATASET)
    table = load_dataset(DATASET)
    # Manchester (TLD33) + Salford and Trafford (TLD34): two whole ITL3 regions
    area = Area("X", "Central Manchester", "CUSTOM", (MANCHESTER, SALFORD, TRAFFORD))
    r = _compute(table, area).set_index("period")
    # 2019: (130.25 + 55) patents / (550,000 + 270,000 + 235,000) residents x 1,000,000
    assert r.loc["2019", "value"] == pytest.approx(175.592417, rel=1e-8)
    assert r.loc["2019", "value"] == pytest.approx(185.25 / 1_055_000 * 1e6)
    assert r.loc["2019", "status"] == "ok" and "sum of 2 ITL3 regions" in r.loc["2019", "method"]
    # 2018 uses the nearest population (2019): (120.5 + 60.75) / 1,055,000 x 1,000,000
    assert r.loc["2018", "value"] == pytest.approx(181.25 / 1_055_000 * 1e6)
    # a district that is one whole ITL3 region takes that region's figure
    city = _compute(table, Area(MANCHESTER, "Manchester", "LAD", (MANCHESTER,)))
    assert city.set_index("period").loc["2019", "value"] == pytest.approx(130.25 / 0.55)


@pytest.mark.integration
def test_area_not_made_of_whole_itl3_regions_is_missing_with_the_reason(oecd):
    build_one(DATASET)
    table = load_dataset(DATASET)
    # Salford without Trafford splits TLD34
    part = Area("Y", "Manchester and Salford", "CUSTOM", (MANCHESTER, SALFORD))
    (row,) = _compute(table, part).itertuples(index=False)
    assert row.status == "missing" and pd.isna(row.value)
    assert "Manchester and Salford is not made of whole ITL3 regions" in row.reason
    # whole ITL3 region (TLD35) whose only figure is missing: missing, not zero
    se = Area("Z", "Stockport and Tameside", "CUSTOM", (STOCKPORT, TAMESIDE))
    rows = _compute(table, se)
    assert rows["value"].isna().all() and (rows["status"] == "missing").all()
    assert rows["reason"].str.contains("suppressed").all()


def test_source_not_held_is_missing_with_the_fetch_command():
    spec = ind.load_framework().get("patents_per_million")
    area = Area("X", "X", "CUSTOM", (MANCHESTER,))
    inputs = ind.Inputs({}, ind.Geo((MANCHESTER,), {MANCHESTER: MANCHESTER}))
    fw = ind.Framework((spec,))
    rows = ind.compute_all(fw, [area], inputs)
    assert (rows["status"] == "missing").all() and rows["value"].isna().all()
    assert rows["reason"].str.contains(f"'lis data fetch {DATASET}'").all()


@pytest.mark.integration
def test_all_area_table_shows_patents_missing_until_fetched(mirror):
    import lis_analytics as la

    if is_held(DATASET):
        pytest.skip(f"{DATASET} has been fetched on this machine")
    values = la.load_table("indicator_values")
    rows = values[values["indicator_id"] == "patents_per_million"]
    assert len(rows) and rows["value"].isna().all() and (rows["status"] == "missing").all()
    assert rows["reason"].str.contains(f"'lis data fetch {DATASET}'").all()


@pytest.mark.integration
def test_itl_codes_are_converted_with_the_ons_lookup(mirror):
    lookup = load_dataset("lookup_itl321_itl325")
    got = itl3_2021_codes(["UKD33", "UKC11", "TLD33", "TLC31", "TLD13", "UKZZZ", "UKX99"],
                          lookup)
    # NUTS 2016 -> ITL 2021 by prefix; ITL 2025 TLC31 is ITL 2021 TLC11 renamed; TLD13
    # (Cumberland, 2025) is made of parts of two 2021 regions: no ITL 2021 code
    assert got == {"UKD33": "TLD33", "UKC11": "TLC11", "TLD33": "TLD33", "TLC31": "TLC11",
                   "TLD13": None, "UKZZZ": None, "UKX99": None}


def _raw() -> pd.DataFrame:
    return pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)


LOOKUP = pd.DataFrame({"ITL321CD": ["TLD33", "TLD34", "TLD35", "TLD36", "TLD37"],
                       "ITL325CD": ["TLD33", "TLD34", "TLD35", "TLD36", "TLD37"]})
SELECT = {"TERRITORIAL_LEVEL": "TL3", "MEASURE": "PCT_PAT"}


def test_layout_changes_are_named():
    raw = _raw()
    with pytest.raises(SourceFormatError, match=r"t\.csv: no column\(s\) \['REF_AREA'\].*"
                                                "csvfilewithlabels"):
        oecd_patents_by_itl3(raw.drop(columns="REF_AREA"), SELECT, LOOKUP, "t.csv")
    # a renamed measure: the codes the answer holds are named, with their labels
    with pytest.raises(SourceFormatError, match=r"no row with MEASURE == 'PCT_PAT'.*"
                                                r"PCT_PAT_X Patent applications \(PCT\)"):
        oecd_patents_by_itl3(raw.assign(MEASURE=raw["MEASURE"] + "_X"), SELECT, LOOKUP,
                             "t.csv")
    # without the measure pinned, two series per region and year remain: named
    with pytest.raises(SourceFormatError, match=r"several series.*\['MEASURE', 'UNIT_MEASURE'\]"):
        oecd_patents_by_itl3(raw, {"TERRITORIAL_LEVEL": "TL3"}, LOOKUP, "t.csv")
    # UK codes of another vintage carrying patents stop the build
    moved = raw.assign(REF_AREA=raw["REF_AREA"].str.replace("UKD3", "UKQ9"))
    with pytest.raises(SourceFormatError, match=r"region codes \['UKQ93'.*match no ITL3 region"):
        oecd_patents_by_itl3(moved, SELECT, LOOKUP, "t.csv")


def test_missing_and_confidential_observations_are_never_zero():
    raw = _raw()
    raw.loc[raw["REF_AREA"] == "UKD37", "OBS_STATUS"] = "C"
    out = oecd_patents_by_itl3(raw, SELECT, LOOKUP, "t.csv").set_index(["area_code", "period"])
    assert pd.isna(out.loc[("TLD37", "2019"), "value"])
    assert out.loc[("TLD37", "2019"), "flag"] == "[c]"
    assert pd.isna(out.loc[("TLD35", "2019"), "value"])
    assert out["value"].sum() == pytest.approx(120.5 + 130.25 + 60.75 + 55 + 40)
