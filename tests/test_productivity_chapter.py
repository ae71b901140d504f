"""Tests for the productivity chapter: its rules (chapters.productivity) and its presentation.

Unit tests use :func:`lis_analytics.chapters.productivity.example_inputs`, three made-up
districts and the UK from 2004 to 2022. The integration test compares the chapter's
figures for Greater Manchester LEP with the golden ``figures.csv``.
"""

from __future__ import annotations

import math
from dataclasses import replace

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import lis_analytics as la
from lis_analytics import productivity as prod
from lis_analytics.chapters import productivity as chapter
from lis_analytics.chapters.peers import load_peers
from lis_analytics.chapters.productivity import ProductivityResult, analyse, example_inputs
from lis_analytics.geography import Area
from lis_analytics.present import Chapter
from lis_analytics.present.charts import productivity as charts
from lis_analytics.present.findings import productivity as findings
from lis_analytics.present.text import productivity as text
from tests.golden.make_golden import golden_path

CODES = ("E06000001", "E06000002", "E06000003")
TEES = Area("tees", "Tees", "CUSTOM", CODES[:2])


@pytest.fixture(scope="module")
def inputs() -> chapter.ProductivityInputs:
    return example_inputs()


@pytest.fixture(scope="module")
def result(inputs) -> ProductivityResult:
    return analyse(TEES, inputs)


def test_result_is_frozen(result):
    with pytest.raises(AttributeError):
        result.latest_year = "2021"  # type: ignore[misc]


def test_levels_gap_and_benchmarks(result, inputs):
    assert result.latest_year == "2022"
    assert result.area_label == "Tees"
    assert result.benchmarks == {"UK": ("UKX",), "England": CODES}
    assert result.region_label is None
    # (33 x 1m + 22 x 3m) / 4m = 24.75; UK 35.1
    assert result.level["gva_per_hour"] == pytest.approx(24.75)
    assert result.level["gva_per_hour_index"] == pytest.approx(24.75 / 35.1 * 100)
    assert result.bench_hour["UK"].loc["2022", "gva_per_hour"] == pytest.approx(35.1)
    assert result.gap.loc["2022", "gap_gbp"] == pytest.approx((35.1 - 24.75) * 4e6 * 52)
    assert result.per_job.loc["2022", "jobs"] == 1.2e5


def test_latest_year_is_a_parameter(inputs):
    r = analyse(TEES, inputs, latest_year="2021")
    assert r.latest_year == "2021"
    assert r.level["gva_per_hour"] == pytest.approx((30 * 1 + 20 * 3) / 4)
    assert [w.label for w in r.windows] == ["2004-2008", "2010-2019", "2019-2021"]
    assert analyse(TEES, inputs, latest_year="").latest_year == "2022"


def test_region_is_a_benchmark_unless_it_is_the_area(inputs):
    region = Area("E12000001", "North East", "RGN", CODES[1:])
    r = analyse(TEES, replace(inputs, region=region))
    assert list(r.benchmarks) == ["UK", "England", "North East"]
    assert r.region_label == "North East"
    assert r.bench_hour["North East"].loc["2022", "gva_per_hour"] == pytest.approx(
        (22 * 3 + 42 * 6) / 9)
    assert "North East" in r.real_index.columns and "North East" in r.growth_bench
    same_name = Area("tees_lep", "North East", "LEP", CODES[:2])
    r2 = analyse(same_name, replace(inputs, region=region))
    assert r2.region_label == "North East region"
    itself = analyse(Area("E12000001", "North East", "RGN", CODES[1:]),
                     replace(inputs, region=region))
    assert itself.region_label is None and list(itself.benchmarks) == ["UK", "England"]


def test_comparators_are_shown_on_levels_per_hour_and_per_job(inputs):
    east = Area("E37000099", "Eastham", "LEP", CODES[2:])
    r = analyse(TEES, inputs, comparators=[east])
    assert r.comparators == {"Eastham LEP": CODES[2:]}
    assert list(r.bench_hour) == ["UK", "England", "Eastham LEP"]
    assert list(r.bench_job) == ["UK", "England", "Eastham LEP"]
    assert r.bench_hour["Eastham LEP"].loc["2022", "gva_per_hour"] == pytest.approx(42.0)
    table = text.levels_table(r)["frame"]
    assert table["Area"].tolist() == ["Tees", "UK", "England", "Eastham LEP"]
    # the same figure as the scorecard gives: never [x] here and a value there
    per_job = r.bench_job["Eastham LEP"].loc["2022", "gva_per_job"]
    assert not math.isnan(per_job)
    assert table.loc[3, "GVA per filled job (£)"] == pytest.approx(per_job)


def test_real_growth_uses_the_uk_districts(result, inputs):
    uk_real = prod.real_productivity_lad(inputs.gva, inputs.lads, inputs.uk_lads,
                                         base_period="2019")
    pd.testing.assert_series_equal(result.real_index["UK"],
                                   uk_real["real_gva_per_hour_index"], check_names=False)
    assert result.real_index.loc["2019"].tolist() == pytest.approx([100.0, 100.0, 100.0])
    assert not result.real_published
    assert result.real_datasets == chapter.DISTRICT_REAL_DATASETS
    # the trend is of the index, never a pound level
    assert result.trend.loc["2019", "actual"] == pytest.approx(100.0)
    assert list(result.growth_bench) == ["UK", "England"]
    assert result.growth["window"].tolist() == ["2004-2008", "2010-2019", "2019-2022"]
    assert result.trend["trend_start"].iloc[0] == "2004"


def test_gva_per_head_against_the_uk(result):
    assert result.gva_per_head == pytest.approx(result.counts_area["gva"] / 2.7e5)
    assert result.counts_area["population"] == 2.7e5
    assert result.counts_uk["population"] == 5.7e5  # the UK row of the population table
    assert result.decomposition_year == "2022"
    assert result.decomposition_total["component"] == "GVA per head"


def test_shares_of_a_small_gap_are_hidden(result, inputs):
    assert abs(result.decomposition_total["log_points"]) >= chapter.MIN_LOG_POINTS_FOR_SHARES
    assert result.shares_shown
    shown = text.decomposition_table(result)
    assert shown["frame"]["Share of gap (%)"].notna().all()
    assert len(shown["notes"]) == 1
    whole = analyse(Area("all", "All", "CUSTOM", CODES), inputs)  # the UK itself: no gap
    assert abs(whole.decomposition_total["log_points"]) < 5
    assert not whole.shares_shown
    hidden = text.decomposition_table(whole)
    assert hidden["frame"]["Share of gap (%)"].isna().all()
    assert hidden["notes"][-1].startswith("Shares of the gap are not shown")


def test_district_table_and_index(result):
    assert sorted(result.lad_table["area_code"]) == list(CODES[:2])
    assert set(result.district_index["area_code"]) == {*CODES, "UKX"}
    view = text.district_table(result)["frame"]
    assert "Growth a year 2019-2022 (%, current prices)" in view.columns
    assert "n_uk" not in view.columns


def test_figure_records_read_the_result(result):
    ch = Chapter("productivity", "Productivity", "tees", "Tees", None)
    for record in text.figure_records(result):
        ch.figure(**record)
    f = ch.figures_frame().set_index("indicator_id")
    assert f.loc["gva_per_hour", "value"] == result.level["gva_per_hour"]
    assert f.loc["gva_per_hour", "benchmark_england"] == pytest.approx(35.1)
    assert np.isnan(f.loc["gva_per_hour", "benchmark_region"])
    assert f.loc["productivity_gap_gbp", "value"] == pytest.approx(
        result.gap.loc["2022", "gap_gbp"] / 1e6)
    assert f.loc["gva_per_head", "value"] == result.gva_per_head
    assert f.loc["gva_per_head", "period"] == "2022"
    growth = f.loc["real_gva_per_hour_cagr_2010-2019"]
    assert growth["value"] == result.growth.set_index("window").loc["2010-2019", "cagr_pct"]
    assert growth["benchmark_uk"] == result.growth_uk.set_index("window").loc[
        "2010-2019", "cagr_pct"]
    assert len(f) == 4 + 3 + 1 + 1  # levels, growth, the ONS-published CA row, GVA per head
    assert np.isnan(f.loc["gva_per_hour_ons_published", "value"])


def test_findings_and_gap_sentence(result):
    out = findings.findings(result)
    assert out == findings.key_findings(
        "Tees", result.per_hour, result.bench_hour["UK"], period="2022", gap=result.gap,
        growth=result.growth, benchmark_growth=result.growth_uk, trend=result.trend,
        decomposition=result.decomposition, lads=result.lad_table, decomposition_period="2022")
    assert out[0] == ("GVA per hour worked in Tees was £24.75 in 2022, 70.5% of the UK average "
                      "(£35.10).")
    assert any(s.startswith("GVA per head in Tees in 2022 was") for s in out)
    assert "**£2.2 billion a year higher**" in text.gap_paragraph(result)


def test_tables_have_names_titles_and_sources(result):
    for make in (text.levels_table, text.gap_table, text.real_growth_table,
                 text.decomposition_table, text.district_table):
        spec = make(result)
        assert isinstance(spec["frame"], pd.DataFrame) and len(spec["frame"])
        assert spec["title"] and spec["source"].startswith("Source: ")
    growth = text.real_growth_table(result)["frame"]
    assert growth.columns.tolist() == ["Period", "Tees", "UK", "England"]


def test_charts_return_a_figure_and_alt_text(result):
    for make in (charts.index_chart, charts.trend_chart, charts.decomposition_chart):
        fig, alt = make(result)
        assert fig.axes and alt.endswith(".")
        plt.close(fig)
    _, alt = charts.index_chart(result)
    assert "Tees is at 70.5 in 2022" in alt
    plt.close("all")


def test_district_map_draws_the_area_and_its_neighbours(result):
    gpd = pytest.importorskip("geopandas")
    from shapely.geometry import box

    boundaries = gpd.GeoDataFrame(
        {"area_code": list(CODES)},
        geometry=[box(0, 0, 1e4, 1e4), box(1e4, 0, 2e4, 1e4), box(2e5, 0, 2.1e5, 1e4)],
        crs="EPSG:27700")
    fig, alt = charts.district_map(result, boundaries)
    assert "Highest inside the area: Northtown" in alt and "lowest: Southville" in alt
    plt.close(fig)


# ------------------------------------------------------------------------------------------
# Integration: the chapter reproduces the golden figures of Greater Manchester LEP
# ------------------------------------------------------------------------------------------


@pytest.mark.integration
def test_analyse_reproduces_the_golden_figures():
    area = la.get_area("E37000015")
    peers = load_peers(area)
    r = analyse(area, chapter.load_inputs(area), comparators=peers.comparators)
    from lis_analytics.present.record import round_figures

    ch = Chapter("productivity", "Productivity", area.code, area.name, None)
    for record in text.figure_records(r):
        ch.figure(**record)
    built = round_figures(ch.figures_frame())  # as figures.csv records them
    golden = pd.read_csv(golden_path("E37000015"), dtype=str,
                         keep_default_na=False)
    # the chapter's own figure records: headline rows, not the rows of its tables
    # ("<table>.<measure>" ids, recorded from the tables the notebook shows)
    golden = golden[(golden["chapter"] == "productivity") & (golden["breakdown"] == "")
                    & ~golden["indicator_id"].str.contains(".", regex=False)
                    ].reset_index(drop=True)
    assert built["indicator_id"].tolist() == golden["indicator_id"].tolist()
    for col in ("value", "benchmark_uk", "benchmark_england", "benchmark_region"):
        expected = pd.to_numeric(golden[col].replace("", np.nan))
        pd.testing.assert_series_equal(built[col], expected, check_names=False, rtol=0, atol=0)
    # the pack's record joins every chapter's note on a figure: this chapter's is in it
    for own, recorded in zip(built["note"].fillna(""), golden["note"], strict=True):
        assert own in recorded


def test_latest_year_steps_back_when_a_district_lacks_the_latest_year():
    """A district lacks the latest year: the area reports the year before, and says why."""
    inputs = example_inputs()
    lads = inputs.lads
    drop = (lads["area_code"] == "E06000002") & (lads["period"] == "2022")
    pop = inputs.population["example_population"]
    pop = pd.concat([pop, pop.assign(period="2021")], ignore_index=True)
    inputs = replace(inputs, lads=lads[~drop], population={"example_population": pop})
    r = analyse(TEES, inputs)
    assert r.decomposition_year == "2021" and r.decomposition_note == ""
    assert r.data_latest_year == "2022"
    assert r.latest_year == "2021"
    assert "not 2022" in r.latest_year_note and "E06000002" in r.latest_year_note
    assert r.latest_year_note in text.releases_paragraph(r)
    assert text.figure_records(r)[0]["note"] == r.latest_year_note


def test_decomposition_year_and_note_when_population_ends_earlier():
    inputs = example_inputs()
    r = analyse(TEES, inputs, latest_year="2021")
    # the example population is for 2022 only: the nearest year, with a note saying why
    assert r.decomposition_year == "2022"
    assert "not 2021" in r.decomposition_note
    assert any("GVA per head in Tees in 2022 (the latest year" in s
               for s in findings.findings(r))


def test_releases_paragraph_names_each_release():
    r = analyse(TEES, example_inputs())
    words = text.releases_paragraph(r)
    from lis_analytics.data import get_dataset

    assert get_dataset("productivity_lad").release in words
    assert get_dataset("gva_lad_industry").release in words


def _with_published(inputs, ca_code="E47000099"):
    """The example inputs plus a made-up CA workbook: the CA's CVM index grows 2% a year,
    the UK's 1% (2022 = 100); published levels 30.00 per hour and 50,000 per job."""
    years = [str(y) for y in range(2004, 2023)]
    idx = pd.DataFrame({y: [100 * 1.02 ** (int(y) - 2022), 100 * 1.01 ** (int(y) - 2022)]
                        for y in years}, index=[ca_code, "UKX"])
    level = pd.DataFrame({"2022": [30.0, 35.1]}, index=[ca_code, "UKX"])
    job = pd.DataFrame({"2022": [50000.0, 60000.0]}, index=[ca_code, "UKX"])
    published = pd.concat([prod.to_tidy(idx, "gva_per_hour_cvm_index"),
                           prod.to_tidy(level, "gva_per_hour"),
                           prod.to_tidy(job, "gva_per_job")], ignore_index=True)
    return replace(inputs, published=published)


def test_a_combined_authority_takes_onss_own_index_and_level(inputs):
    ca = Area("E47000099", "Teesside", "CA", CODES[:2])
    r = analyse(ca, _with_published(inputs))
    assert r.real_published and r.real_datasets == chapter.PUBLISHED_REAL_DATASETS
    growth = r.growth.set_index("window")["cagr_pct"]
    assert growth.tolist() == pytest.approx([2.0, 2.0, 2.0])
    assert r.growth_uk.set_index("window")["cagr_pct"].tolist() == pytest.approx([1.0] * 3)
    assert r.real_index.loc["2019", r.area_label] == pytest.approx(100.0)
    assert r.published_level == {"gva_per_hour": 30.0, "gva_per_job": 50000.0}
    table = text.levels_table(r)
    assert table["frame"]["Area"].iloc[1] == "Teesside Combined Authority (ONS published)"
    assert any("order of smoothing" in n for n in table["notes"])
    # a LEP of the same districts is built from districts, not from the CA's index
    lep = analyse(Area("E37000099", "Teesside", "LEP", CODES[:2]), _with_published(inputs))
    assert not lep.real_published and lep.published_level == {}


def test_ranks_name_their_group_and_a_gap_is_a_shortfall(inputs):
    leps = tuple(Area(f"E3700009{i}", f"L{i}", "LEP", (c,)) for i, c in enumerate(CODES))
    east = Area("E37000092", "L2", "LEP", CODES[2:])
    r = analyse(leps[0], replace(inputs, peer_areas=leps), comparators=[east])
    ranks = r.ranks.set_index(["measure", "group"])
    # GVA per hour 2022: 33, 22, 42 -> L0 is 2nd of 3; gaps to the UK (35.10): 2.1, 13.1, -6.9
    assert ranks.loc[("gva_per_hour", "LEP"), ["rank", "n"]].tolist() == [2, 3]
    assert ranks.loc[("gap_gbp", "LEP"), "rank"] == 2
    assert bool(ranks.loc[("gap_gbp", "LEP"), "is_shortfall"])
    # real growth: 2%, 1% and 3% a year -> 2nd
    assert ranks.loc[("real_growth", "LEP"), "rank"] == 2
    assert ranks.loc[("gva_per_hour", "comparators"), ["rank", "n"]].tolist() == [2, 2]
    para = text.ranks_paragraph(r)
    assert "2nd of 3 LEPs (2022)" in para
    assert "the 2nd-largest gap of 3 LEPs" in para
    assert "2nd of 2, the area and its 1 comparator areas" in para
    ids = [f["indicator_id"] for f in text.figure_records(r)]
    assert "rank_gap_gbp_peer_group" in ids
    # a custom area joins the LEPs it is ranked with
    custom = analyse(TEES, replace(inputs, peer_areas=leps))
    assert custom.ranks["n"].iloc[0] == 4


# ------------------------------------------------------------------ honest coverage (#16)


def _suppress_gva(inputs, code: str, year: str):
    gva = inputs.gva.copy()
    gva.loc[(gva["area_code"] == code) & (gva["period"] == year), "value"] = np.nan
    return replace(inputs, gva=gva)


def test_a_suppressed_district_year_is_missing_growth_never_fewer_districts(inputs):
    """Wigan's suppressed 2022 GVA moved GM's 2019-22 growth from 3.47 to 3.80 %/yr."""
    full = analyse(TEES, inputs)
    r = analyse(TEES, _suppress_gva(inputs, "E06000002", "2022"))
    assert [w.label for w in r.windows] == [w.label for w in full.windows]  # never shifted
    growth = r.growth.set_index("window")["cagr_pct"]
    assert math.isnan(growth["2019-2022"])  # not added up over E06000001 alone
    assert growth["2010-2019"] == pytest.approx(full.growth.set_index("window").loc[
        "2010-2019", "cagr_pct"])  # windows without the year keep every district
    for name, table in r.growth_bench.items():  # every benchmark holds E06000002
        assert math.isnan(table.set_index("window").loc["2019-2022", "cagr_pct"]), name
    assert r.real_index.loc["2022"].isna().all()
    note = r.growth_notes["2019-2022"]
    assert "E06000002" in note and "2022" in note and "Tees" in note and "the UK" in note
    assert list(r.growth_notes) == ["2019-2022"]
    assert note in text.releases_paragraph(r)  # the pack's text says so
    record = next(f for f in text.figure_records(r)
                  if f["indicator_id"] == "real_gva_per_hour_cagr_2019-2022")
    assert math.isnan(record["value"]) and note in record["note"]  # figures.csv says so
    assert note in text.real_growth_table(r)["notes"]
    found = findings.findings(r)
    assert not any("2019-2022" in s for s in found if "a year in" in s) and note in found


def test_a_benchmark_missing_a_district_is_missing_with_the_district_named(inputs):
    """E06000003 is in the UK but not in Tees: Tees keeps its growth, the UK does not."""
    r = analyse(TEES, _suppress_gva(inputs, "E06000003", "2019"))
    growth = r.growth.set_index("window")["cagr_pct"]
    assert not math.isnan(growth["2019-2022"]) and not math.isnan(growth["2010-2019"])
    uk = r.growth_bench["UK"].set_index("window")["cagr_pct"]
    assert math.isnan(uk["2019-2022"]) and math.isnan(uk["2010-2019"])
    assert not math.isnan(uk["2004-2008"])
    assert set(r.growth_notes) == {"2010-2019", "2019-2022"}
    assert all("E06000003" in n and "Tees" not in n.split(":")[0] for n in
               r.growth_notes.values())
    assert r.real_index["UK"].isna().all()  # the base year lacks a district: no index
    assert r.real_index["Tees"].loc["2019"] == pytest.approx(100.0)


def test_nothing_after_latest_year_is_shown(inputs):
    """latest_year=2019 showed the trend gap 'by 2023' (#16)."""
    r = analyse(TEES, inputs, latest_year="2015")
    assert max(r.real_index.index) == "2015" and max(r.trend["actual"].dropna().index) <= "2015"
    assert [w.end for w in r.windows] == ["2008"]
