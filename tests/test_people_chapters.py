"""The people, foundations and baseline chapter notebooks."""

from __future__ import annotations

import json

import nbformat
import numpy as np
import pandas as pd
import pytest

from lis_analytics.chapters import baseline, foundations, people
from lis_analytics.chapters._indicator_chapters import IndicatorInputs, select_inputs
from lis_analytics.chapters.peers import Peers
from lis_analytics.geography import Area
from lis_analytics.indicators import RESULT_COLUMNS, load_framework
from lis_analytics.present.findings import baseline as baseline_findings
from lis_analytics.present.findings import foundations as foundations_findings
from lis_analytics.present.findings import people as people_findings
from lis_analytics.present.text import baseline as baseline_text
from lis_analytics.present.text import foundations as foundations_text
from lis_analytics.present.text import people as people_text
from lis_analytics.present.text.indicators import format_value, table_ready
from lis_analytics.report.batch import notebooks_dir

CHAPTERS = ("people", "foundations", "baseline")


def _parameters_source(name: str) -> str:
    nb = nbformat.read(notebooks_dir() / f"{name}.ipynb", as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"{name}: expected exactly one parameters cell"
    return cells[0].source


@pytest.mark.parametrize("name", CHAPTERS)
def test_parameters_cell_is_the_productivity_chapters(name):
    """The pack keeps only the first chapter's parameters cell: they must be identical."""
    assert _parameters_source(name) == _parameters_source("productivity")


@pytest.mark.parametrize("name", CHAPTERS)
def test_ipynb_is_in_sync_with_the_percent_source(name):
    import jupytext

    py = jupytext.read(notebooks_dir() / f"{name}.py")
    nb = nbformat.read(notebooks_dir() / f"{name}.ipynb", as_version=4)
    assert [c.source for c in py.cells] == [c.source for c in nb.cells], (
        f"regenerate with: jupytext --to ipynb notebooks/{name}.py -o notebooks/{name}.ipynb")
    assert nb.metadata["kernelspec"]["name"] == "lis-analytics"


@pytest.mark.integration
def test_people_chapter_runs_with_papermill(tmp_path):
    import papermill as pm

    import lis_analytics as la

    la.load_table("comparator_neighbours")  # the batch's shared step, before any chapter runs
    pm.execute_notebook(
        str(notebooks_dir() / "people.ipynb"), str(tmp_path / "people_out.ipynb"),
        parameters={"area_code": "E47000007", "output_dir": str(tmp_path)},
        kernel_name="lis-analytics", cwd=str(notebooks_dir()), progress_bar=False,
        log_output=False)
    folder = tmp_path / "chapters" / "people"
    meta = json.loads((folder / "chapter.json").read_text())
    assert len(meta["findings"]) >= 4
    assert "West Midlands" in meta["findings"][0]
    assert {t["name"] for t in meta["tables"]} >= {"people_labour_market", "people_pay",
                                                   "people_skills"}
    for t in meta["tables"]:
        assert t["source"].startswith("Source:") and t["source_dataset_ids"]
    figures = pd.read_csv(folder / "figures.csv", dtype={"period": str, "breakdown": str})
    headline = figures[figures["breakdown"].fillna("") == ""]  # the area's own figures
    emp = headline.set_index("indicator_id").loc["employment_rate"]
    assert emp["period"] and emp["benchmark_england"] > emp["value"]
    executed = nbformat.read(tmp_path / "people_out.ipynb", as_version=4)
    images = [o for c in executed.cells for o in c.get("outputs", [])
              if "image/svg+xml" in o.get("data", {})]
    assert len(images) == 4
    assert all(len(o["metadata"]["image/svg+xml"]["alt"]) > 40 for o in images)


# ------------------------------------------------------------------ analyse on made-up values

ENG, RGN = "E92000001", "E12000002"
AREA = Area("X", "Exampleshire", "LEP", ("LA", "LB"), region_code=RGN)
COMPARATORS = (Area("Y", "Whyshire", "LEP", ("LC",)), Area("Z", "Zedshire", "LEP", ("LD",)))


def _row(iid, code, period, value, half=np.nan, status="ok", rank=None, n=None):
    return {"indicator_id": iid, "area_code": code, "period": period, "period_label": period,
            "value": value, "lci_95": value - half, "uci_95": value + half, "status": status,
            "reason": "", "method": "ratio of sums over districts", "n_lads": 2,
            "n_missing": 0, "missing_lads": "", "rank": rank, "n_ranked": n}


PEERS = Peers(AREA, Area(RGN, "North West", "RGN", ("LA", "LB", "LE")),
              {"England": ENG, "North West": RGN}, COMPARATORS, "nearest neighbours", "LEP", 38)
NAMES = {"LA": "Aville", "LB": "Bton", "Y": "Whyshire", "Z": "Zedshire"}


@pytest.fixture
def table() -> pd.DataFrame:
    """Made-up rows of the indicator table (and rows of an area no pack of X needs)."""
    rows = []
    emp = {"X": (70.0, 72.0), ENG: (75.0, 75.5), RGN: (73.0, 74.0), "Y": (71.0, 73.0),
           "Z": (69.0, 70.0)}
    for code, (v19, v22) in emp.items():
        rows += [_row("employment_rate", code, "2019", v19, 1.0),
                 _row("employment_rate", code, "2022", v22, 0.5 if code == "X" else 0.1,
                      rank=30 if code == "X" else None, n=38 if code == "X" else None)]
    for code, (work, home) in {"X": (700.0, 650.4), ENG: (730.0, 730.0), "LA": (720.0, 640.0),
                               "LB": (680.0, 660.0)}.items():
        rows += [_row("pay_workplace", code, "2024", work), _row("pay_residence", code, "2024",
                                                                 home)]
        if code in ("X", ENG):
            rows.append(_row("pay_gap_workplace_residence", code, "2024", work - home))
    for code, v in {"X": 40.0, ENG: 43.0, RGN: 41.0, "Y": 38.0, "Z": 45.0}.items():
        rows.append(_row("nvq4plus_share", code, "2021", v, 2.0))
    for code, base in {"X": 18000.0, ENG: 20000.0, RGN: 19000.0}.items():
        rows += [_row("gdhi_per_head", code, str(y), base * (1 + 0.03 * i))
                 for i, y in enumerate(range(2018, 2023))]
    for code, (a, b) in {"X": (8.0, 5.0), ENG: (7.0, 4.9), RGN: (7.5, 5.0)}.items():
        rows += [_row("ghg_per_head", code, "2005", a), _row("ghg_per_head", code, "2022", b)]
    for code, v in {"X": 17.0, ENG: 18.5, RGN: 19.0}.items():
        rows.append(_row("share_65plus", code, "2021", v))
    values = pd.DataFrame(rows)[[*RESULT_COLUMNS, "rank", "n_ranked"]]
    values["rank"] = values["rank"].astype("Int64")
    values["n_ranked"] = values["n_ranked"].astype("Int64")
    return pd.concat([values, values.assign(area_code="OTHER")], ignore_index=True)


@pytest.fixture
def inputs(table) -> IndicatorInputs:
    """The inputs of a pack with 2023 as its latest year."""
    return select_inputs(table, load_framework(), PEERS, "2023", NAMES)


def test_select_inputs_keeps_the_areas_and_years_a_pack_needs(table, inputs):
    assert {"X", ENG, RGN, "Y", "Z"} == set(inputs.values["area_code"])  # no OTHER
    assert "2024" not in set(inputs.values["period"])  # after the latest year
    every_year = select_inputs(table, load_framework(), PEERS, "", NAMES)
    assert {"X", ENG, RGN, "Y", "Z", "LA", "LB"} == set(every_year.values["area_code"])
    assert inputs.comparator_codes == ["Y", "Z"] and inputs.region_code == RGN


def test_people_analyse_states_each_figure_once(table, inputs):
    pay_inputs = select_inputs(table, inputs.framework, PEERS, "", NAMES)
    with pytest.raises(ValueError, match="not Y"):
        people.analyse(COMPARATORS[0], inputs)
    result = people.analyse(AREA, inputs)
    head = result.headline.set_index("indicator_id")
    assert list(head.index) == list(people.PEOPLE)
    emp = head.loc["employment_rate"]
    assert (emp["period"], emp["value"], emp["benchmark_england"], emp["benchmark_region"]) == (
        "2022", 72.0, 75.5, 74.0)
    assert head.loc["hle_male", "note"] == "not computed for this area"
    assert list(result.employment.columns) == ["Exampleshire", "England", "North West"]
    assert result.employment_band["uci_95"].tolist() == [71.0, 72.5]
    assert result.pay_gap is None  # pay in 2024 is after the latest year
    full = people.analyse(AREA, pay_inputs)
    assert full.pay_gap == 50 and full.england_workplace_pay == 730.0
    assert full.pay_by_district["District"].tolist() == ["Bton", "Aville"]  # lowest first
    assert result.skills_period == "2021"
    assert result.skills.set_index("label")["kind"].to_dict() == {
        "Whyshire": "comparator", "Exampleshire": "area", "North West": "benchmark",
        "England": "benchmark", "Zedshire": "comparator"}
    assert (result.gdhi_index["England"] == 100).all()
    assert result.gdhi_index["Exampleshire"].iloc[0] == pytest.approx(90.0)


def test_people_findings_and_tables_read_the_result(inputs):
    result = people.analyse(AREA, inputs)
    found = people_findings.findings(result)
    assert found[0] == ("Employment rate in Exampleshire was 72.0% in 2022, significantly "
                        "below England (75.5%).")
    assert any("10% below the England average" in s for s in found)
    labour = people_text.labour_table(result)
    frame = labour["frame"].set_index("Indicator")
    assert frame.loc["Employment rate, aged 16 to 64", "Comparator median"] == \
        pytest.approx(71.5)
    assert labour["source"].startswith("Source:") and labour["name"] == "people_labour_market"
    assert "Whyshire, Zedshire" in people_text.comparators_sentence(result)


def test_foundations_analyse_and_text(inputs):
    result = foundations.analyse(AREA, inputs)
    card = result.card.set_index("indicator_id")
    emp = card.loc["employment_rate"]
    assert emp["value"] == 72.0 and emp["England"] == 75.5 and emp["North West"] == 74.0
    assert emp["position_among_comparators"] == "2nd of 3: this area and its 2 comparator areas"
    assert emp["rank"] == "30th of 38 LEPs" and (emp["rank_value"], emp["rank_of"]) == (30, 38)
    # a figure taken from a published row keeps its rank, with its group, in figures.csv
    assert foundations_text.figure_note({**emp.to_dict(), "note": "published for Y"}) == \
        "published for Y; rank 30th of 38 LEPs"
    assert emp["trend"] == "improving since 2019"
    assert result.rank_group == "38 LEPs"
    assert result.ghg_fall["Exampleshire"] == pytest.approx(37.5)
    dots = result.dots.set_index("indicator_id")
    assert dots.loc["employment_rate", "area_index"] == pytest.approx(100 * 72 / 75.5)
    assert "Ranks are among 38 LEPs, 1 = best" in foundations_text.comparators_and_ranks(result)
    assert "(ranked 30th of 38 LEPs)" in " ".join(foundations_findings.findings(result))
    assert foundations_findings.findings(result)[0].startswith("Exampleshire does better than")
    tables = foundations_text.theme_tables(result)
    assert [t["name"] for t in tables][:2] == ["scorecard_people", "scorecard_ideas"]


def test_baseline_analyse(inputs):
    result = baseline.analyse(AREA, inputs)
    row = result.table.set_index("indicator_id").loc["employment_rate"]
    assert row["baseline_period"] == "2019" and row["change"] == pytest.approx(2.0)
    assert row["assessment"] == "improving" and row["significance"] == "significant"
    travel = result.travel.set_index("indicator_id")
    assert travel.loc["employment_rate", "pct"] == pytest.approx(2.0)  # points for a rate
    assert travel.loc["employment_rate", "eng_pct"] == pytest.approx(0.5)
    assert baseline_findings.findings(result)[0].startswith(
        f"The baseline tracks {len(result.table)} headline indicators for Exampleshire")
    assert result.table["change"].isna().sum() == len(result.not_assessed)


def test_baseline_headline_set_drops_indicators_most_default_areas_lack(table):
    # default areas X, Y, Z: employment rate has 2019 and 2022 for all three (3 of 3);
    # nvq4plus (one period) and pay (one period) cover none; gdhi covers X only (1 of 3)
    inputs = select_inputs(table, load_framework(), PEERS, "2023", NAMES, ["X", "Y", "Z"])
    cov = inputs.coverage.set_index("indicator_id")
    assert cov.loc["employment_rate", "n_covered"] == 3 and cov.loc["gdhi_per_head",
                                                                    "n_covered"] == 1
    result = baseline.analyse(AREA, inputs)
    moved = set(result.moved_out["indicator_id"])
    assert "employment_rate" not in moved and {"gdhi_per_head", "nvq4plus_share"} <= moved
    t = result.table.set_index("indicator_id")
    assert t.loc["employment_rate", "headline"] == "yes"
    # X has the data for GDHI, so it is shown, marked as outside the headline set
    assert t.loc["gdhi_per_head", "headline"].startswith("no: 1 of 3 default areas")
    assert "nvq4plus_share" not in t.index  # X has one period only: not shown
    sentence = baseline_text.moved_out_sentence(result)
    assert "Gross disposable household income" in sentence and "(1 of 3)" in sentence
    assert "at least 50% of the 3 default areas" in sentence
    # findings count headline rows only
    assert baseline_findings.findings(result)[0].startswith(
        f"The baseline tracks {int((t['headline'] == 'yes').sum())} headline indicators")


# ------------------------------------------------------------------ moved from test_indicators


def _framework(*specs: dict):
    from lis_analytics.indicators import parse_framework

    base = {"title": "T", "theme": "People", "unit": "%", "direction": "higher_is_better"}
    return parse_framework({"indicators": [{**base, **s} for s in specs]})


def test_baseline_table_assessment():
    rows = [("emp", "X", p, p, v, v - 1.0, v + 1.0) for p, v in
            (("2019", 70.0), ("2022", 74.0))]
    rows += [("emp", "E92000001", p, p, v, v - 0.2, v + 0.2) for p, v in
             (("2019", 75.0), ("2022", 75.5))]
    res = pd.DataFrame(rows, columns=["indicator_id", "area_code", "period", "period_label",
                                      "value", "lci_95", "uci_95"]).assign(
        status="ok", reason="", method="")
    fw = _framework({"id": "emp", "aggregation": "ratio_of_sums", "ci": True, "headline": True,
                     "numerator": {"dataset": "t", "measures": ["a"]},
                     "denominator": {"dataset": "t", "measures": ["b"]}})
    row = baseline.baseline_table(res, fw, Area("X", "X", "CUSTOM", ("A",))).iloc[0]
    assert row["baseline_period"] == "2019" and row["change"] == pytest.approx(4.0)
    assert row["assessment"] == "improving" and row["significance"] == "significant"
    assert row["england_change"] == pytest.approx(0.5)


def test_baseline_table_against_england_and_period_rule():
    # emp: 70 (69-71) -> 74 (73-75); England 75 (74.8-75.2) -> 75.5: own change z = 4 /
    # (1.0204 x sqrt 2) = 2.77; against England d = 3.5, se_d = sqrt(2 x 0.5102^2 +
    # 2 x 0.1020^2) = 0.7358, z = 4.76: significantly better
    rows = [("emp", "X", p, p, v, v - 1.0, v + 1.0) for p, v in
            (("2016", 68.0), ("2019", 70.0), ("2020", 71.0), ("2022", 74.0))]
    rows += [("emp", "E92000001", p, p, v, v - 0.2, v + 0.2) for p, v in
             (("2019", 75.0), ("2022", 75.5))]
    # pay (money, survey): GM-like 546.2 -> 608.3 (+11.4%) against England 577.7 -> 648.4
    # (+12.2%), intervals as published: not significantly different from England
    rows += [("pay", "X", "2023", "April 2023", 546.2, 533.35, 559.05),
             ("pay", "X", "2025", "April 2025", 608.3, 596.38, 620.22),
             ("pay", "E92000001", "2023", "April 2023", 577.7, 575.44, 579.96),
             ("pay", "E92000001", "2025", "April 2025", 648.4, 645.86, 650.94)]
    # wpay: a survey without intervals; gig: administrative, baseline 2018-2019 (ends 2019)
    rows += [("wpay", "X", p, p, v, np.nan, np.nan) for p, v in (("2019", 500.), ("2024", 590.))]
    rows += [("gig", "X", p, p, v, np.nan, np.nan) for p, v in
             (("2018-2019", 10.0), ("2019-2020", 20.0), ("2023-2024", 80.0))]
    res = pd.DataFrame(rows, columns=["indicator_id", "area_code", "period", "period_label",
                                      "value", "lci_95", "uci_95"]).assign(
        status="ok", reason="", method="")
    lvl = {"aggregation": "published_only", "headline": True,
           "value": {"dataset": "t", "measures": ["a"]}}
    fw = _framework({"id": "emp", "ci": True, **lvl},
                    {"id": "pay", "ci": True, "unit": "£ per week", **lvl},
                    {"id": "wpay", "survey": True, "unit": "£ per week", **lvl},
                    {"id": "gig", "unit": "% of premises", **lvl})
    t = baseline.baseline_table(res, fw, Area("X", "X", "LEP", ("A",))).set_index(
        "indicator_id")
    assert t.loc["emp", "baseline_period"] == "2019" and t.loc["emp", "baseline_gap"] == 0
    assert t.loc["emp", "assessment"] == "improving"
    assert t.loc["emp", "against_england"] == "significantly better than England (z = 4.76)"
    pay = t.loc["pay"]
    assert pay["baseline_period"] == "April 2023" and pay["baseline_gap"] == 4
    assert "no period ending by 2019" in pay["note"]
    assert pay["assessment"] == "not significantly different from England"
    assert pay["against_england"].startswith("not significantly different from England (z = -0.4")
    assert t.loc["wpay", "assessment"] == "not tested"
    assert t.loc["gig", "baseline_period"] == "2018-2019" and t.loc["gig", "baseline_gap"] == 0
    assert t.loc["gig", "assessment"] == "improving"
    assert t.loc["gig", "significance"] == "not a survey estimate (no sampling error)"
    found = baseline_findings.baseline_findings(t.reset_index(), Area("X", "X", "LEP", ("A",)), fw)
    assert any("not significantly different from England" in f and "+11.4%" in f for f in found)
    assert not any("pay: worsening" in f for f in found)


def test_format_value_and_table_ready():
    fw = load_framework()
    assert format_value(74.26, fw.get("employment_rate")) == "74.3%"
    assert format_value(float("nan"), fw.get("employment_rate")) == "[x]"
    out = table_ready(pd.DataFrame({"u": ["%", ""], "v": [1.0, 2.0]}))
    assert out["u"].tolist() == ["per cent", "[x]"]


def test_ranks_name_their_peer_group_for_each_kind_of_area(inputs):
    from lis_analytics.chapters.peers import rank_in_group

    head = people.analyse(AREA, inputs).headline.set_index("indicator_id")
    assert head.loc["employment_rate", "note"].endswith("rank 30th of 38 LEPs")
    assert head.loc["pay_residence", "rank"] == ""  # not ranked: no rank words
    ca = Peers(Area("C", "C", "CA", ("A",)), None, {}, (), "user", "CA", 12)
    assert rank_in_group(2, 12, ca) == "2nd of 12 combined authorities"
    arc = Peers(Area("arc", "Arc", "CUSTOM", ("A", "B")), None, {}, (), "user", "LEP", 38)
    assert rank_in_group(29, 29, arc) == \
        "29th of the 28 LEPs with a figure and this area (of 38 LEPs)"


def test_baseline_rank_names_its_group(inputs):
    t = baseline.analyse(AREA, inputs).table.set_index("indicator_id")
    assert t.loc["employment_rate", "rank_latest"] == "30th of 38 LEPs"


def test_pay_is_compared_in_the_latest_year_with_both_figures_up_to_the_latest_year(table):
    """A fixed pay year (2024) left a pack with latest_year 2019 an empty pay table (#16)."""
    early = pd.DataFrame([_row("pay_workplace", "LA", "2019", 600.0),
                          _row("pay_residence", "LA", "2019", 590.0)])
    both = pd.concat([table, early.reindex(columns=table.columns)], ignore_index=True)
    framework = load_framework()
    r2023 = people.analyse(AREA, select_inputs(both, framework, PEERS, "2023", NAMES))
    assert r2023.pay_period == "2019" and r2023.pay_note == ""
    assert r2023.pay_by_district.set_index("District").loc["Aville", "pay_workplace"] == 600.0
    assert people.analyse(AREA, select_inputs(both, framework, PEERS, "", NAMES)
                          ).pay_period == "2024"
    none = people.analyse(AREA, select_inputs(table, framework, PEERS, "2023", NAMES))
    assert none.pay_period == "" and none.pay_by_district.empty and none.pay_gap is None
    # the made-up data end in 2022
    assert none.pay_note.startswith("No year up to 2022 has both median workplace pay")
    assert "Exampleshire" in none.pay_note


def test_an_empty_table_is_a_workbook_sheet_saying_so(tmp_path):
    from openpyxl import load_workbook

    from lis_analytics.report.assemble import NO_DATA, write_workbook

    folder = tmp_path / "build" / "chapters" / "people"
    folder.mkdir(parents=True)
    pd.DataFrame({"District": pd.Series([], dtype=str), "Pay": pd.Series([], dtype=float)}
                 ).to_parquet(folder / "pay.parquet")
    (folder / "chapter.json").write_text(json.dumps({
        "chapter_id": "people", "title": "People", "area_code": "X", "area_name": "X",
        "findings": [], "tables": [{"name": "pay", "title": "Pay by district", "source": "ASHE",
                                    "source_dataset_ids": [], "notes": ["No pay in 2019."]}]}))
    vintages = pd.DataFrame({"dataset id": ["x"], "release": ["2024"]})
    write_workbook(tmp_path / "build", tmp_path / "w.xlsx", "X", "X", vintages)
    cells = [c.value for row in load_workbook(tmp_path / "w.xlsx")["pay"].iter_rows()
             for c in row if c.value]
    assert any(str(c).startswith(NO_DATA) and "No pay in 2019." in str(c) for c in cells)
