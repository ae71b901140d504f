"""The summary at the top of every pack: each rule on hand-made records, the HTML, the map.

The unit tests build the chapters' records by hand (``figures.csv`` rows, the baseline and
series tables as the baseline chapter writes them) so that each rule's branch is reached
and a wrong choice fails. The integration test builds Greater Manchester's pack.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from lis_analytics.present.summary import (
    RULES,
    DashboardRow,
    SummaryRecords,
    change_message,
    choose_messages,
    dashboard_rows,
    direction_words,
    pack_summary_html,
    productivity_message,
    risk_message,
    strength_message,
    summary_html,
    tidy_table,
    visible_words,
    weakness_message,
)
from lis_analytics.present.summary.records import headline_figures
from lis_analytics.present.summary.render import short_rank

AREA = "X"
ENGLAND = "E92000001"


def row(indicator_id: str, **kw) -> DashboardRow:
    """A dashboard row with sensible defaults (a headline rate, ranked, no change)."""
    base = dict(indicator_id=indicator_id, indicator=f"Indicator {indicator_id}", unit="%",
                decimals=1, direction="higher is better", headline=True, latest_value=50.0,
                latest_period="2023", baseline_value=50.0, baseline_period="2019",
                change=0.0, assessment="no change", significance="", z=np.nan,
                england_change=0.0, england_change_pct=0.0, against_england="", rank=19.0,
                n_ranked=38.0, rank_words="19th of 38 LEPs", england_latest=50.0)
    base.update(kw)
    return DashboardRow(**base)


def productivity_figures(**extra_columns) -> pd.DataFrame:
    rows = [
        ("productivity", "gva_per_hour", "GVA per hour worked", "2023", 39.88,
         "GBP per hour worked", "current prices", 41.87),
        ("productivity", "gva_per_hour_index", "GVA per hour worked, index (UK = 100)", "2023",
         95.24, "index (UK = 100)", "current prices", 100.0),
        ("productivity", "productivity_gap_gbp", "Productivity gap to the UK (GVA a year)",
         "2023", 4627.8, "GBP million a year", "current prices", np.nan),
        ("productivity", "real_gva_per_hour_cagr_2004-2008", "Real growth 2004-2008",
         "2004-2008", 2.1, "% a year", "chained volume measure", 1.24),
        ("productivity", "real_gva_per_hour_cagr_2019-2023", "Real growth 2019-2023",
         "2019-2023", 3.2, "% a year", "chained volume measure", 0.71),
        ("productivity", "rank_gva_per_hour_peer_group",
         "Rank, GVA per hour worked: 15th of 38 LEPs (2023)", "2023", 15.0,
         "rank of 38 (1 = highest)", "not applicable", np.nan),
        ("productivity", "rank_real_growth_peer_group",
         "Rank, real growth of GVA per hour worked: 3rd of 38 LEPs (2019-2023)", "2019-2023",
         3.0, "rank of 38 (1 = highest)", "not applicable", np.nan),
    ]
    frame = pd.DataFrame(rows, columns=["chapter", "indicator_id", "indicator", "period",
                                        "value", "unit", "price_basis", "benchmark_uk"])
    frame["benchmark_england"] = np.nan
    for name, values in extra_columns.items():
        frame[name] = values
    return frame


# ------------------------------------------------------------------ records and dashboard


def test_tidy_table_undoes_the_workbook_marks():
    t = tidy_table(pd.DataFrame({"Unit": ["per cent", "% of children"], "Note": ["[x]", "a"],
                                 "Value": [1.0, np.nan]}))
    assert t["Unit"].tolist() == ["%", "% of children"]
    assert t["Note"].tolist() == ["", "a"]
    assert np.isnan(t["Value"].iloc[1])


def test_headline_figures_drop_breakdown_rows():
    f = pd.DataFrame({"indicator_id": ["lq", "lq", "lq"],
                      "breakdown": [np.nan, "industry", ""]})
    assert len(headline_figures(f)) == 2
    assert len(headline_figures(f.drop(columns="breakdown"))) == 3


def _baseline_and_series(with_ids: bool = True):
    baseline = pd.DataFrame({
        "indicator_id": ["emp", "pay"], "Indicator": ["Employment rate", "Median pay"],
        "Unit": ["per cent", "£ per week"], "Better when": ["higher", "higher"],
        "Years from 2019": [0, 4],
        "Baseline period": ["2019", "April 2023"], "Baseline value": [72.7, 546.0],
        "Latest period": ["2023", "April 2025"], "Latest value": [71.9, 608.0],
        "Change": [-0.8, 62.0], "Significance test": ["not significant",
                                                      "not significant against England"],
        "Direction of travel": ["no significant change",
                                "not significantly different from England"],
        "England change": [0.0, 71.0], "England change (%)": [0.0, 12.2],
        "In the headline set": ["no: 25 of 55 default areas", "yes"],
        "Rank in the latest period (1 = best)": ["36th of 37 LEPs", "[x]"]})
    series = pd.DataFrame({
        "indicator_id": ["emp"] * 4 + ["pay"] * 2,
        "Indicator": ["Employment rate"] * 4 + ["Median pay"] * 2,
        "Area code": [AREA, AREA, ENGLAND, ENGLAND, AREA, AREA],
        "Period": ["2019", "2023", "2019", "2023", "April 2023", "April 2025"],
        "Value": [72.7, 71.9, 75.9, 76.0, 546.2, 608.3], "Decimals shown": [1] * 4 + [0] * 2,
        "Rank (1 = best)": [32, 36, np.nan, np.nan, 8, 9],
        "Areas ranked": [37, 37, np.nan, np.nan, 14, 14],
        "Rank among peers": ["", "36th of 37 LEPs", "", "", "", "9th of 14 LEPs"],
        "Baseline or latest": ["baseline", "latest", "", "", "baseline", "latest"],
        "z, change since the baseline": [np.nan, -0.85, np.nan, np.nan, np.nan, -0.49]})
    if not with_ids:
        baseline = baseline.drop(columns="indicator_id")
    return tidy_table(baseline), tidy_table(series)


@pytest.mark.parametrize("with_ids", [True, False])
def test_dashboard_rows_read_the_baseline_and_series_tables(with_ids):
    baseline, series = _baseline_and_series(with_ids)
    rows = dashboard_rows(baseline, series, AREA)
    assert [r.indicator_id for r in rows] == ["pay", "emp"]  # headline first
    emp = rows[1]
    assert emp.unit == "%" and emp.rank == 36 and emp.n_ranked == 37
    assert emp.z == pytest.approx(-0.85) and emp.england_latest == 76.0
    assert emp.trend == (("2019", 72.7), ("2023", 71.9))
    assert emp.england_trend == (("2019", 75.9), ("2023", 76.0))
    assert not emp.headline and emp.direction == "higher is better"
    pay = rows[0]
    assert pay.rank_words == "9th of 14 LEPs"  # the series' words when the table has none
    assert pay.decimals == 0 and pay.is_money


def test_direction_words_never_call_an_untested_change_a_change():
    untested = row("a", change=5.0, assessment="not tested",
                   significance="not tested (no interval)")
    assert "improving" not in direction_words(untested)
    assert direction_words(untested).startswith("not tested")
    insignificant = row("b", change=2.0, z=1.2, assessment="no significant change",
                        significance="not significant")
    assert direction_words(insignificant) == "no significant change (z = 1.20)"
    significant = row("c", change=2.0, z=2.5, assessment="improving",
                      significance="significant")
    assert direction_words(significant) == "improving (significant, z = 2.50)"


# ------------------------------------------------------------------ rule 1: productivity


def test_productivity_message_states_level_comparison_rank_and_gap():
    m = productivity_message(SummaryRecords(AREA, "X", productivity_figures()), [])
    assert m.text.startswith("GVA per hour worked was £39.88 in 2023, 95% of the UK average "
                             "(£41.87), ranked 15th of 38 LEPs")
    assert "£4.6 billion a year" in m.text and "(current prices)" in m.text


def test_productivity_rank_uses_the_figures_rank_columns_when_present():
    f = productivity_figures(rank=[15.0] + [np.nan] * 6, rank_of=[38.0] + [np.nan] * 6,
                             peer_group=["combined authorities"] + [""] * 6)
    f = f[~f["indicator_id"].str.startswith("rank_")]
    m = productivity_message(SummaryRecords(AREA, "X", f), [])
    assert "ranked 15th of 38 combined authorities" in m.text


def test_productivity_message_for_an_area_above_the_uk():
    f = productivity_figures()
    f.loc[f["indicator_id"] == "productivity_gap_gbp", "value"] = -2500.0
    m = productivity_message(SummaryRecords(AREA, "X", f), [])
    assert "output would be about £2.5 billion a year lower" in m.text
    assert "closing the gap" not in m.text


def test_productivity_missing_says_why():
    m = productivity_message(SummaryRecords(AREA, "X", productivity_figures().iloc[3:]), [])
    assert "not available" in m.text and "recorded no figure" in m.text


# ------------------------------------------------------------------ rules 2 and 3


def test_strength_is_the_best_rank_in_the_top_quarter():
    rows = [row("a", rank=10), row("b", rank=5, rank_words="5th of 38 LEPs"), row("c", rank=30)]
    m = strength_message(SummaryRecords(AREA, "X"), rows)
    assert m.subject == "b" and m.text.endswith("ranked 5th of 38 LEPs.")


def test_strength_counts_productivity_growth_as_a_candidate():
    rows = [row("a", rank=5)]
    m = strength_message(SummaryRecords(AREA, "X", productivity_figures()), rows)
    assert m.subject == "real_gva_per_hour_growth"  # 3rd of 38 beats 5th of 38
    assert m.text == ("Real GVA per hour worked grew 3.2% a year in 2019-2023 against 0.7% for "
                      "the UK, ranked 3rd of 38 LEPs.")


def _sectors(distinctive: str = "yes") -> pd.DataFrame:
    return pd.DataFrame({"Industry": ["Metals", "Energy"],
                         "Distinctive strength": [distinctive, distinctive],
                         "GVA LQ 2023": [1.58, 3.68], "Real GVA change 2013-2023 (%)": [43.1, 73.5],
                         "England change 2013-2023 (%)": [9.0, 6.1],
                         "Jobs location quotient 2021": [1.31, 1.51]})


def test_strength_falls_back_to_the_distinctive_industry_with_the_highest_lq():
    rows = [row("a", rank=20), row("b", rank=12)]  # 12 / 38 is not in the top quarter
    m = strength_message(SummaryRecords(AREA, "X", sectors=_sectors()), rows)
    assert m.subject == "Energy"
    assert m.text.startswith("Energy is a distinctive strength: its GVA location quotient was "
                             "3.68 in 2023 (England = 1)")
    assert "73.5% over 2013-2023 (England 6.1%)" in m.text


def test_strength_without_a_sector_names_the_best_rank_and_says_it_is_not_top_quarter():
    rows = [row("a", rank=20), row("b", rank=12, rank_words="12th of 38 LEPs")]
    m = strength_message(SummaryRecords(AREA, "X", sectors=_sectors("no")), rows)
    assert m.subject == "b" and m.text.startswith("No indicator ranks in the top quarter")


def test_weakness_is_the_worst_rank_share_not_already_named():
    rows = [row("a", rank=36, n_ranked=37), row("b", rank=30, n_ranked=38),
            row("c", rank=14, n_ranked=14)]
    assert weakness_message(SummaryRecords(AREA, "X"), rows).subject == "c"  # 14 of 14
    assert weakness_message(SummaryRecords(AREA, "X"), rows, {"c"}).subject == "a"


def test_neutral_and_unranked_indicators_are_not_strengths_or_weaknesses():
    rows = [row("n", rank=1, direction="neutral"), row("u", rank=np.nan), row("a", rank=20)]
    assert strength_message(SummaryRecords(AREA, "X"), rows).subject == "a"


# ------------------------------------------------------------------ rule 4: change


def test_change_is_the_largest_significant_z():
    rows = [row("a", change=1.0, z=2.1, assessment="improving"),
            row("b", change=-2.0, z=-3.0, assessment="worsening", baseline_value=75.4,
                latest_value=72.7, indicator="Employment rate"),
            row("c", change=9.0, z=np.nan, assessment="improving"),  # no sampling error
            row("d", change=8.0, z=np.nan, assessment="not tested")]
    m = change_message(rows)
    assert m.subject == "b"
    assert m.text.startswith("Employment rate: down from 75.4% in 2019 to 72.7% in 2023, "
                             "worsening (significant, z = -3.00)")


def test_change_without_a_significant_z_takes_the_largest_exact_change():
    rows = [row("a", change=1.0, z=1.5, assessment="no significant change"),
            row("b", change=3.0, assessment="improving", baseline_value=100.0,
                unit="per 10,000", decimals=0),  # +3% of its baseline
            row("c", change=0.5, assessment="worsening"),  # +0.5 percentage points
            row("d", change=40.0, assessment="not tested")]  # untested: never a change
    assert change_message(rows).subject == "b"


def test_no_change_is_claimed_when_none_is_found():
    rows = [row("a", change=1.0, z=1.5, assessment="no significant change"),
            row("d", change=40.0, assessment="not tested")]
    m = change_message(rows)
    assert m.subject == "" and m.text.startswith("No headline indicator has a significant change")


# ------------------------------------------------------------------ rule 5: risk


def test_risk_is_a_worsening_indicator_first():
    rows = [row("a", change=0.4, assessment="worsening", rank=34, unit="% of children",
                indicator="Child poverty", baseline_value=27.2, latest_value=27.7,
                baseline_period="2021/22", latest_period="2024/25", england_change=1.2,
                rank_words="34th of 38 LEPs",
                significance="not a survey estimate (no sampling error)"),
            row("b", change=-0.4, assessment="worsening", rank=10)]
    m = risk_message(SummaryRecords(AREA, "X"), rows)
    assert m.subject == "a"  # the worse-ranked of the two worsening indicators
    assert m.text == ("Child poverty: up from 27.2% in 2021/22 to 27.7% of children in 2024/25, "
                      "ranked 34th of 38 LEPs, worsening (no sampling error); England +1.2 "
                      "percentage points, a larger rise than here.")


def test_risk_slow_productivity_growth_comes_first_then_worsening_then_low_pay():
    f = productivity_figures()
    f.loc[f["indicator_id"] == "real_gva_per_hour_cagr_2019-2023", "value"] = 0.4
    worsening = [row("w", change=0.4, assessment="worsening", rank=34)]
    m = risk_message(SummaryRecords(AREA, "X", f), worsening)
    assert m.subject == "real_gva_per_hour_growth"
    assert "grew 0.4% a year in 2019-2023, below its 2.1% a year in 2004-2008 and the UK's " \
           "0.7%" in m.text
    # growth already named (e.g. as the weakness): the worsening indicator
    assert risk_message(SummaryRecords(AREA, "X", f), worsening,
                        {"real_gva_per_hour_growth"}).subject == "w"
    low_pay = pd.DataFrame({"chapter": ["sectors"], "indicator_id":
                            ["low_pay_industries_share_jobs"], "period": ["2021"],
                            "value": [30.2], "unit": ["%"], "benchmark_england": [29.4]})
    m = risk_message(SummaryRecords(AREA, "X", pd.concat([productivity_figures(), low_pay])),
                     [])
    assert m.subject == "low_pay_industries_share_jobs"  # growth is faster than before 2008
    low_pay["value"] = 25.0
    m = risk_message(SummaryRecords(AREA, "X", low_pay), [])
    assert m.subject == "" and m.text.startswith("No risk rule applies")


def test_five_messages_name_five_different_things():
    rows = [row("gva_per_hour", rank=15, indicator="GVA per hour worked", unit="£ per hour",
                decimals=2),
            row("a", rank=2, rank_words="2nd of 38 LEPs"),
            row("b", rank=37, change=-1.0, z=-2.5, assessment="worsening"),
            row("c", rank=20, change=2.0, z=3.0, assessment="improving"),
            row("d", rank=30, change=0.5, assessment="worsening")]
    messages = choose_messages(SummaryRecords(AREA, "X", productivity_figures()), rows)
    assert [m.kind for m in messages] == ["Productivity", "Strength", "Weakness", "Change",
                                          "Risk"]
    subjects = [m.subject for m in messages]
    assert subjects == ["gva_per_hour", "a", "b", "c", "d"]  # 2nd of 38 beats growth's 3rd
    assert len(RULES) == 5


# ------------------------------------------------------------------ HTML and charts


def test_summary_html_escapes_configuration_text_and_stays_short():
    name = "Test <script>alert(1)</script> & Co"
    baseline, series = _baseline_and_series()
    records = SummaryRecords(AREA, name, productivity_figures(), baseline, series)
    out = pack_summary_html(records, panel="<section class='lis-data-as-at'></section>")
    assert "<script>" not in out and "Test &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in out
    assert out.count("<li><strong>") == 5 and out.count("<svg") == 2
    assert 'id="Summary"' in out and "<style>" in out
    assert visible_words(out) < 700
    assert "the latest period ending by 2019" in out  # the baseline year read from the table


def test_summary_html_escapes_indicator_titles():
    out = summary_html("A", [], [row("x", indicator="Rate <b>")])
    assert "Rate &lt;b&gt;" in out and "Rate <b>" not in out


def test_short_rank_keeps_the_peer_group():
    assert short_rank("36th of the 37 LEPs with a figure (of 38 LEPs)") == \
        "36th of 37 LEPs with a figure"
    assert short_rank("5th of 38 LEPs and this area") == "5th of 38 LEPs and this area"


def test_sparkline_has_a_label_and_places_periods_by_year():
    from lis_analytics.present.charts.summary import sparkline_svg

    svg = sparkline_svg([("2004", 1.0), ("2005", 2.0), ("2023", 3.0)], "Trend <x>",
                        [("2004", 1.5), ("2023", 2.5)])
    assert 'role="img"' in svg and "<title>Trend &lt;x&gt;</title>" in svg
    xs = [float(p.split(",")[0]) for p in re.findall(
        r'stroke-width="1.8" points="([^"]+)"', svg)[0].split()]
    assert xs[1] - xs[0] < (xs[2] - xs[1]) / 10  # one year apart, then eighteen
    assert svg.count("<polyline") == 2  # England's line too


def test_area_map_draws_the_area_and_its_neighbours():
    geopandas = pytest.importorskip("geopandas")
    from shapely.geometry import box

    from lis_analytics.present.charts.summary import area_map

    boundaries = geopandas.GeoDataFrame(
        {"area_code": ["A", "B", "C", "Z"], "area_name": ["Alpha", "Beta", "Gamma", "Far"]},
        geometry=[box(0, 0, 10_000, 10_000), box(10_000, 0, 20_000, 10_000),
                  box(20_000, 0, 30_000, 10_000), box(500_000, 0, 510_000, 10_000)],
        crs="EPSG:27700")
    fig, alt = area_map("Test & Co", ["A", "B"], boundaries)
    assert "Alpha and Beta" in alt and "2 local authority districts" in alt
    assert "Gamma" not in alt and "within 25 km" in alt
    ax = fig.axes[0]
    assert len(ax.collections) >= 3  # neighbours, the area, its outline
    with pytest.raises(ValueError):
        area_map("None", ["Q"], boundaries)


def test_monitoring_series_marks_baseline_latest_and_the_test():
    from lis_analytics.chapters.baseline import monitoring_series
    from lis_analytics.geography import Area
    from lis_analytics.indicators import load_framework

    values = pd.DataFrame({
        "indicator_id": "employment_rate", "area_code": [AREA] * 3 + [ENGLAND] * 2,
        "period": ["2018", "2019", "2023", "2019", "2023"], "period_label": None,
        "value": [71.0, 72.7, 71.9, 75.9, 76.0], "lci_95": np.nan, "uci_95": np.nan,
        "rank": [30, 32, 36, np.nan, np.nan], "n_ranked": [37] * 3 + [np.nan] * 2})
    table = pd.DataFrame({"indicator_id": ["employment_rate"], "baseline_period": ["2019"],
                          "latest_period": ["2023"], "z": [-0.85]})
    s = monitoring_series(values, load_framework(), Area(AREA, "X", "LEP", ("A",)), table)
    own = s[s["area"] == "area"]
    assert own["role"].tolist() == ["", "baseline", "latest"]
    assert own["z"].isna().tolist() == [True, True, False]
    assert own.loc[own["role"] == "latest", "z"].iloc[0] == pytest.approx(-0.85)
    assert s.loc[s["area"] == "England", "rank"].isna().all()
    assert s["decimals"].eq(1).all() and s["unit"].eq("%").all()


# ------------------------------------------------------------------ a real pack


@pytest.mark.integration
def test_greater_manchester_pack_opens_with_the_summary(tmp_path):
    from lis_analytics.report import batch

    result = batch.run_area("E37000015", out_root=tmp_path, force=True)
    assert result.status == "succeeded", result.error
    pack = tmp_path / "E37000015"
    page = (pack / "index.html").read_text(encoding="utf-8")
    summary = re.search(r"<section class='lis-summary'.*?</section>", page, re.S).group(0)
    head = page.split("<section class='lis-summary'")[0]
    assert "Key findings" not in head  # the 20-odd findings no longer open the pack
    assert summary.count("<li><strong>") == 5
    assert visible_words(summary) < 700
    assert re.search(r"<img src='data:image/svg\+xml;base64,[^']+' alt=\"Map of Greater "
                     r"Manchester LEP[^\"]{40,}\"", summary)
    assert summary.count("class=\"lis-sparkline\"") >= 8
    assert "Data as at" in summary and "Rank in peer group" in summary
    assert "[Appendix: tables, methods and caveats]" not in page  # rendered as a link
    assert 'href="#Appendix"' in page and 'href="#Summary"' in page
    # the messages read the chapters' records: the numbers are those of figures.csv
    figures = pd.read_csv(pack / "figures.csv", dtype={"period": str})
    gva = figures[(figures["chapter"] == "productivity")
                  & (figures["indicator_id"] == "gva_per_hour")].iloc[0]
    assert f"GVA per hour worked was £{gva['value']:.2f} in {gva['period']}" in summary
    series = pd.read_parquet(pack / "chapters" / "baseline" / "monitoring_series.parquet")
    assert {"indicator_id", "Period", "Value", "z, change since the baseline"} <= set(
        series.columns)
    # configuration text (a custom area's name and description) is escaped in the whole head
    import json

    from lis_analytics.geography import Area
    from lis_analytics.report.assemble import figures_table, read_chapters

    bad = Area("test_co", "Test <script>alert(1)</script> & Co", "CUSTOM",
               batch.get_area("E37000015").lad_codes, description="A <b>bad</b> one.")
    panel = pd.DataFrame(json.loads((pack / "data_as_at.json").read_text())["chapters"])
    head, _ = batch._front_matter(bad, read_chapters(pack), pd.DataFrame(
        columns=["title", "publisher", "release", "vintage", "sha256"]), {}, panel,
        "2026-11-28", build_dir=pack, figures=figures_table(pack))
    text = "".join(c.source if c.cell_type == "markdown" else
                   "".join(o["data"]["text/html"] for o in c.outputs) for c in head)
    assert "<script>" not in text and "<b>bad" not in text
    assert text.count("&lt;script&gt;") >= 3  # title, summary heading, map alt text
    assert "one.;" not in text  # no doubled punctuation after a description
