"""figures.csv with every figure, the workbook's numbers and notes, and formula-safe text (#13).

Unit tests build small chapters, tables and workbooks in a temporary folder; the integration
tests read the Greater Manchester LEP and West Midlands CA packs of the session's build
(``default_packs``), and build a custom area whose
name is a spreadsheet formula.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lis_analytics.present.record import (
    FIGURE_COLUMNS,
    Chapter,
    TableRecord,
    csv_safe,
    figure_decimals,
    round_figures,
)
from lis_analytics.present.table_figures import table_figures

FORMULA_NAME = '=HYPERLINK("http://example.invalid","click")'
PREVIOUS_COLUMNS = ("area_code", "area_name", "chapter", "indicator_id", "indicator", "period",
                    "value", "unit", "price_basis", "benchmark_uk", "benchmark_england",
                    "benchmark_region", "source_dataset_id", "note")
"""The columns figures.csv had before #13: other code reads them, so each must stay."""
NEW_COLUMNS = ("area_type", "theme", "breakdown", "breakdown_code", "lower", "upper", "rank",
               "rank_of", "peer_group", "release")


def _industries() -> TableRecord:
    return TableRecord(
        "sectors_industries", "GVA by industry, 2023", pd.DataFrame({
            "Industry": ["Legal and accounting", "Education", "Retail"],
            "Code (ONS GVA)": ["69", "P (85)", "47"],
            "GVA 2023 (£m)": pd.array([6670, 6234, None], dtype="Int64"),
            "GVA location quotient 2023": ["2.01", "1.07", np.nan],
            "Real GVA growth 2013-2023 (% a year)": [7.4, 3.5, -0.2],
            "Classification": ["high productivity", "large employer", "none"]}),
        "Source: regional GVA", ("gva_lad_industry",), units="£ million; % a year")


def _districts() -> TableRecord:
    return TableRecord(
        "productivity_by_district", "GVA per hour worked by district, 2023", pd.DataFrame({
            "LAD code": ["E08000003", "E08000010"], "District": ["Manchester", "Wigan"],
            "Year": ["2023", "2023"], "GVA per hour (£)": [44.8, 33.1],
            "Rank of 361 UK districts": [66, 301]}),
        "Source: subregional productivity", ("productivity_lad",))


# ------------------------------------------------------------------ columns and rows


def test_columns_keep_every_old_name_and_add_the_new_ones():
    assert set(PREVIOUS_COLUMNS) <= set(FIGURE_COLUMNS)
    assert set(NEW_COLUMNS) <= set(FIGURE_COLUMNS)
    assert len(set(FIGURE_COLUMNS)) == len(FIGURE_COLUMNS)


def test_a_table_becomes_breakdown_rows_with_codes_periods_units_and_ranks():
    rows = table_figures(_industries(), "Greater Manchester", [])
    lq = {r["breakdown"]: r for r in rows
          if r["indicator_id"] == "sectors_industries.gva_location_quotient"}
    assert set(lq) == {"Legal and accounting", "Education"}  # a missing LQ is no figure
    assert lq["Legal and accounting"]["value"] == 2.01
    assert lq["Legal and accounting"]["breakdown_code"] == "69"
    assert lq["Legal and accounting"]["period"] == "2023"
    assert lq["Legal and accounting"]["unit"] == "ratio"
    growth = [r for r in rows if r["indicator_id"] == "sectors_industries.real_gva_growth"]
    assert {r["period"] for r in growth} == {"2013-2023"}
    assert {r["unit"] for r in growth} == {"% a year"}
    assert not any("classification" in r["indicator_id"] for r in rows)  # text is no figure
    ranks = [r for r in table_figures(_districts(), "Greater Manchester", [])
             if r["indicator_id"] == "productivity_by_district.rank"]
    assert [(r["breakdown_code"], r["rank"], r["rank_of"], r["peer_group"]) for r in ranks] == [
        ("E08000003", 66.0, 361.0, "UK districts"), ("E08000010", 301.0, 361.0, "UK districts")]


@pytest.mark.integration  # the area's type comes from the area catalogue (real lookups)
def test_the_chapter_records_table_rows_once_beside_its_headline_figures():
    ch = Chapter("sectors", "Sectors", "E37000015", "Greater Manchester", None)
    ch.figure("gva_lq_highest", "Highest GVA location quotient", "2023", 2.0112, "ratio",
              source_dataset_id="gva_lad_industry", note="rank 3rd of 38 LEPs")
    ch.tables.append(_industries())
    frame = ch.figures_frame()
    assert list(frame.columns) == list(FIGURE_COLUMNS)
    headline = frame[frame["breakdown"] == ""]
    assert headline["indicator_id"].tolist() == ["gva_lq_highest"]
    assert headline[["rank", "rank_of", "peer_group"]].iloc[0].tolist() == [3.0, 38.0, "LEPs"]
    assert (frame["area_type"] == "LEP").all()
    assert not frame.duplicated(["indicator_id", "breakdown", "period"]).any()
    assert len(ch.figures) == 1  # table rows are derived when the frame is built, not kept
    assert frame.loc[frame["breakdown"] != "", "theme"].eq("Sectors").all()


def test_a_figure_recorded_twice_fills_gaps_and_a_second_value_fails():
    from lis_analytics.errors import FigureConflictError

    ch = Chapter("demo", "Demo", "E37000015", "Greater Manchester", None)
    ch.figure("x", "X", "2023", 1.5, "%", source_dataset_id="d")
    ch.figure("x", "X", "2023", np.nan, "%", source_dataset_id="d", lower=1.2, upper=1.8)
    ch.figure("x", "X", "2023", 2.5, "%", source_dataset_id="d", breakdown="Wigan")
    assert [(f["breakdown"], f["value"]) for f in ch.figures] == [("", 1.5), ("Wigan", 2.5)]
    assert ch.figures[0]["lower"] == 1.2 and np.isnan(ch.figures[1]["lower"])
    with pytest.raises(FigureConflictError, match="value 1.6"):
        ch.figure("x", "X", "2023", 1.6, "%", source_dataset_id="d")


def test_one_record_keys_on_indicator_breakdown_and_period():
    from lis_analytics.errors import FigureConflictError
    from lis_analytics.present.one_record import one_record_per_figure, one_row_per_figure

    base = {"indicator": "LQ", "unit": "ratio", "price_basis": "current prices",
            "benchmark_uk": np.nan, "benchmark_england": 1.0, "benchmark_region": np.nan,
            "source_dataset_id": "g", "note": ""}
    rows = [dict(base, chapter="sectors", indicator_id="lq", breakdown="Retail", period="2023",
                 value=1.2),
            dict(base, chapter="sectors", indicator_id="lq", breakdown="Education",
                 period="2023", value=0.9),
            dict(base, chapter="summary", indicator_id="lq", breakdown="Retail", period="2023",
                 value=1.2, note="a strength")]
    out = one_row_per_figure(one_record_per_figure(pd.DataFrame(rows)))
    assert out[["breakdown", "value", "note"]].values.tolist() == [
        ["Retail", 1.2, "a strength"], ["Education", 0.9, ""]]
    rows[2]["value"] = 1.3
    with pytest.raises(FigureConflictError, match="lq Retail 2023: value 1.3"):
        one_record_per_figure(pd.DataFrame(rows))


# ------------------------------------------------------------------ precision


@pytest.mark.parametrize(("unit", "decimals"), [
    ("GBP per hour worked", 2), ("£ per week", 2), ("GBP per filled job", 0),
    ("GBP per resident", 0), ("GBP million a year", 1), ("£m", 1), ("ratio", 3),
    ("index (0 = same structure as England, 2 = none shared)", 3), ("%", 2),
    ("% a year", 2), ("index (UK = 100)", 2), ("people", 0), ("persons", 0),
    ("rank of 38 (1 = highest)", 0)])
def test_precision_by_unit(unit, decimals):
    assert figure_decimals(unit) == decimals


def test_values_are_rounded_but_keep_what_recomputes_the_pack():
    f = pd.DataFrame({"value": [39.87645527470943, 4627.791121719979, 2.0123456, 71.9],
                      "unit": ["GBP per hour worked", "GBP million a year", "ratio", "%"],
                      "benchmark_uk": [41.87, np.nan, 1.0, 76.04999],
                      "lower": [np.nan, np.nan, np.nan, 70.1234]})
    out = round_figures(f)
    assert out["value"].tolist() == [39.88, 4627.8, 2.012, 71.9]
    assert out["benchmark_uk"].tolist()[3] == 76.05 and out["lower"].tolist()[3] == 70.12


# ------------------------------------------------------------------ formula-safe text


def test_text_cells_beginning_with_a_formula_sign_are_quoted_numbers_are_not():
    f = pd.DataFrame({"area_name": [FORMULA_NAME, "+44", "-x", "@SUM(A1)", "Wigan"],
                      "value": [-1.5, 2.0, 3.0, 4.0, 5.0]})
    out = csv_safe(f)
    assert out["area_name"].tolist() == [f"'{FORMULA_NAME}", "'+44", "'-x", "'@SUM(A1)",
                                         "Wigan"]
    assert out["value"].tolist() == [-1.5, 2.0, 3.0, 4.0, 5.0]


def test_figures_csv_of_a_formula_name_has_no_cell_starting_with_equals(tmp_path):
    from lis_analytics.report.assemble import write_figures_csv

    ch = Chapter("demo", "Demo", "formula_area", FORMULA_NAME, None)
    ch.figure("x", "X", "2023", -1.5, "%", source_dataset_id="d", note="-1 is a note")
    write_figures_csv(ch.figures_frame(), tmp_path / "figures.csv")
    cells = pd.read_csv(tmp_path / "figures.csv", dtype=str, keep_default_na=False)
    assert not cells.apply(lambda c: c.str.startswith(("=", "+", "@"))).any().any()
    assert cells.loc[0, "value"] == "-1.5"  # a negative number stays a number
    assert cells.loc[0, "note"] == "'-1 is a note"


def _fake_build(tmp_path: Path, area_name: str) -> Path:
    """A build folder as the chapters leave it: chapter.json and a table per parquet."""
    folder = tmp_path / "build" / "chapters" / "demo"
    folder.mkdir(parents=True)
    frame = pd.DataFrame({"District": [area_name, "Wigan"], "LAD code": ["E1", "E08000010"],
                          "Out 2011": ["1,221,323", None], "LQ (ratio)": ["2.01", "0.50"],
                          "Share (%)": [12.5, np.nan]})
    frame.to_parquet(folder / "ties.parquet", index=False)
    meta = {"chapter_id": "demo", "title": "Demo", "area_code": "formula_area",
            "area_name": area_name, "findings": [],
            "tables": [{"name": "ties", "title": f"Ties of {area_name}", "source": "Census",
                        "source_dataset_ids": ["census2011_flows_lad"], "units": "people",
                        "notes": ["First note.", f"Second note about {area_name}."]}]}
    (folder / "chapter.json").write_text(json.dumps(meta))
    return tmp_path / "build"


def test_workbook_numbers_are_numbers_units_in_headers_notes_on_the_notes_sheet(tmp_path):
    from openpyxl import load_workbook

    from lis_analytics.report.assemble import write_workbook

    build = _fake_build(tmp_path, FORMULA_NAME)
    vintages = pd.DataFrame({"dataset id": ["census2011_flows_lad"], "release": ["2014"]})
    write_workbook(build, tmp_path / "w.xlsx", FORMULA_NAME, "formula_area", vintages)
    book = load_workbook(tmp_path / "w.xlsx")
    sheet = book["ties"]
    rows = [[c for c in r] for r in sheet.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0].value == "District")
    names = [c.value for c in rows[header]]
    assert names == ["District", "LAD code", "Out 2011 (people)", "LQ (ratio)", "Share (%)"]
    first, second = rows[header + 1], rows[header + 2]
    assert (first[2].value, first[2].data_type) == (1221323, "n")
    assert (first[3].value, first[3].data_type) == (2.01, "n")
    assert second[2].value == "[x]" and second[4].value == "[x]"
    assert first[1].data_type == "s"
    title = rows[0][0].value
    assert re.search(r"\[note \d+\].*\[note \d+\].*\[note \d+\]", title), title
    notes = [r[1].value for r in book["Notes"].iter_rows() if r[1].value]
    assert "First note." in notes and f"Second note about {FORMULA_NAME}." in notes
    assert any(str(n).startswith("[x] means") for n in notes)
    for ws in book.worksheets:  # the formula name is text everywhere, never a formula
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    assert any(cell.value == FORMULA_NAME for cell in rows[header + 1])


def test_combined_file_is_the_concatenation_of_the_area_files(tmp_path):
    from lis_analytics.report.assemble import combined_figures, write_figures_csv

    for code, name in (("E37000015", "Greater Manchester"), ("formula_area", FORMULA_NAME)):
        ch = Chapter("demo", "Demo", code, name, None)
        ch.figure("x", "X", "2023", 1.25, "ratio", source_dataset_id="d")
        ch.tables.append(_districts())
        (tmp_path / code).mkdir()
        write_figures_csv(ch.figures_frame(), tmp_path / code / "figures.csv")
    combined = combined_figures(tmp_path, ["E37000015", "formula_area"])
    parts = [pd.read_csv(tmp_path / c / "figures.csv", dtype=str, keep_default_na=False)
             for c in ("E37000015", "formula_area")]
    pd.testing.assert_frame_equal(combined, pd.concat(parts, ignore_index=True))
    assert list(combined.columns) == list(FIGURE_COLUMNS)


# ------------------------------------------------------------------ real packs

AREAS = ("E37000015", "E47000007")  # Greater Manchester LEP, West Midlands CA


@pytest.fixture(scope="module")
def packs(default_packs) -> Path:
    """The session's build of every default pack (GM LEP and WMCA among them): not a second."""
    out, results = default_packs
    built = {r.area_code: r.status for r in results}
    assert all(built.get(code) == "succeeded" for code in AREAS), built
    return out


def _figures(packs: Path, code: str) -> pd.DataFrame:
    return pd.read_csv(packs / code / "figures.csv", dtype=str, keep_default_na=False)


@pytest.mark.integration
def test_packs_have_identical_columns_and_one_row_per_figure(packs):
    for code in AREAS:
        f = _figures(packs, code)
        assert list(f.columns) == list(FIGURE_COLUMNS)
        assert not f.duplicated(["indicator_id", "breakdown", "period"]).any()
        assert (f["area_type"] != "").all() and (f["theme"] != "").all()
        assert (f["release"] != "").mean() > 0.95
        headline = f[f["breakdown"] == ""]
        for old in ("gva_per_hour", "gva_per_job", "productivity_gap_gbp", "gva_lq_highest",
                    "self_containment", "employment_rate"):
            assert old in set(headline["indicator_id"]), (code, old)


@pytest.mark.integration
def test_packs_hold_breakdown_rows_for_industries_districts_and_ranks(packs):
    from lis_analytics.geography import get_area

    for code in AREAS:
        f = _figures(packs, code)
        lq = f[f["indicator_id"] == "sectors_industries.gva_location_quotient"]
        assert len(lq) >= 25 and (lq["breakdown_code"] != "").all()
        shift = f[f["indicator_id"].str.startswith("sectors_shift_share.")]
        assert {"sectors_shift_share.national_growth", "sectors_shift_share.industry_mix",
                "sectors_shift_share.local_competitiveness"} <= set(shift["indicator_id"])
        districts = f[f["indicator_id"] == "productivity_by_district.gva_per_hour"]
        assert set(districts["breakdown_code"]) == set(get_area(code).lad_codes)
        pay = f[f["indicator_id"].str.startswith("people_pay_by_district.")]
        assert set(pay["breakdown_code"]) <= set(get_area(code).lad_codes) and len(pay)
        ranked = f[(f["breakdown"] == "") & (f["rank"] != "")]
        assert {"gva_per_hour", "employment_rate"} <= set(ranked["indicator_id"])
        row = ranked.set_index("indicator_id").loc["gva_per_hour"]
        assert int(row["rank"]) <= int(row["rank_of"]) and row["peer_group"]
        change = f[f["indicator_id"].str.endswith("_change") & (f["chapter"] == "baseline")]
        assert len(change) >= 5
        ties = f[f["indicator_id"].str.startswith("ties_by_neighbour.")]
        assert len(ties) and (ties["breakdown"] != "").all()


@pytest.mark.integration
def test_pack_tables_numbers_are_in_figures(packs):
    """Every number of the district productivity and industry tables is a figure row."""
    f = _figures(packs, AREAS[0])
    table = pd.read_parquet(packs / AREAS[0] / "chapters" / "productivity" /
                            "productivity_by_district.parquet")
    rows = f[f["indicator_id"] == "productivity_by_district.gva_per_hour"].set_index(
        "breakdown_code")["value"].astype(float)
    for code, value in zip(table["LAD code"], table["GVA per hour (£)"], strict=True):
        assert rows[code] == pytest.approx(value)


@pytest.mark.integration
def test_pack_values_are_at_unit_precision(packs):
    for code in AREAS:
        f = _figures(packs, code)
        for value, unit in zip(f["value"], f["unit"], strict=True):
            if value:
                decimals = len(value.split(".")[1]) if "." in value else 0
                assert decimals <= max(figure_decimals(unit), 0), (value, unit)


@pytest.mark.integration
def test_combined_figures_are_the_area_files_one_after_another(packs):
    combined = pd.read_csv(packs / "figures.csv", dtype=str, keep_default_na=False)
    areas = json.loads((packs / "manifest.json").read_text())["areas"]
    codes = sorted(c for c, entry in areas.items() if entry["status"] == "succeeded")
    assert set(AREAS) <= set(codes)
    parts = pd.concat([_figures(packs, c) for c in codes], ignore_index=True)
    pd.testing.assert_frame_equal(combined, parts)


@pytest.mark.integration
def test_pack_workbook_cells_are_numbers(packs):
    from openpyxl import load_workbook

    book = load_workbook(packs / AREAS[0] / "workbook.xlsx", read_only=True)
    sheet = book["sectors_industries"]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "Industry")
    lq = rows[header].index("GVA location quotient 2023")
    values = [r[lq] for r in rows[header + 1:]]
    assert all(isinstance(v, (int, float)) or v == "[x]" for v in values)
    notes = [r[1] for r in book["Notes"].iter_rows(values_only=True)]
    meta = json.loads((packs / AREAS[0] / "chapters" / "sectors" / "chapter.json").read_text())
    for table in meta["tables"]:
        for note in table["notes"]:
            assert note in notes


@pytest.mark.integration
def test_a_formula_named_area_writes_no_formula(tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from lis_analytics.geography import catalogue
    from lis_analytics.report import batch

    areas = tmp_path / "areas.yaml"
    areas.write_text("areas:\n  formula_area:\n"
                     f"    name: '{FORMULA_NAME}'\n"
                     "    description: '@SUM(1+1) a name that is a formula'\n"
                     "    lads: [E08000010, E08000001]\n")
    monkeypatch.setenv("LIS_AREAS_FILE", str(areas))
    catalogue._catalogue.cache_clear()
    try:
        results = batch.run_reports(["formula_area"], jobs=1, progress=False,
                                    out_root=tmp_path / "reports")
    finally:
        monkeypatch.delenv("LIS_AREAS_FILE")
        catalogue._catalogue.cache_clear()
    assert results[0].status == "succeeded", results[0].error
    pack = tmp_path / "reports" / "formula_area"
    book = load_workbook(pack / "workbook.xlsx")
    texts = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                texts += isinstance(cell.value, str) and FORMULA_NAME in cell.value
    assert texts > 0  # the name is there, as text
    for path in (pack / "figures.csv", tmp_path / "reports" / "figures.csv"):
        cells = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert not cells.apply(lambda c: c.str.startswith("=")).any().any()
        assert (cells["area_name"] == f"'{FORMULA_NAME}").all()
