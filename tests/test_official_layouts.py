"""Parsers on recorded samples of the published workbooks (offline: no mirror needed).

The samples in ``tests/fixtures/official`` keep each workbook's sheets, title, header, note and
source rows exactly as published, with a few areas' rows. Values checked here are ONS's
published figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lis_analytics.data import parsers
from lis_analytics.data.registry import get_dataset
from lis_analytics.data.schemas import SCHEMAS
from lis_analytics.errors import SourceFormatError

SAMPLES = Path(__file__).parent / "fixtures" / "official"


def parse(dataset_id: str, name: str):
    parsers.load_parser_modules()
    ds = get_dataset(dataset_id)
    table = parsers.PARSERS[ds.parser](ds, [SAMPLES / name])
    SCHEMAS[ds.schema].validate(table)
    return table


def value(table, code, period, measure, **more):
    rows = table[(table["area_code"] == code) & (table["period"] == period)
                 & (table["measure"] == measure)]
    for column, wanted in more.items():
        rows = rows[rows[column] == wanted]
    assert len(rows) == 1, (code, period, measure, more, len(rows))
    return rows["value"].iloc[0]


def test_productivity_lad_june_2025_layout():
    table = parse("productivity_lad", "labourproductivitylocalauthorities_jun2025_sample.xlsx")
    # ONS, Subregional productivity June 2025, table A3 (current price smoothed, £ per hour)
    assert value(table, "UKX", "2023", "gva_per_hour") == pytest.approx(41.87, abs=0.005)
    assert value(table, "E07000092", "2023", "gva_per_hour") == pytest.approx(84.13, abs=0.005)
    assert value(table, "E09000001", "2023", "gva_per_hour") == pytest.approx(79.02, abs=0.005)
    assert value(table, "E08000010", "2023", "filled_jobs") == 114788
    assert set(table["period"]) >= {"2004", "2023"}
    assert not table["area_code"].str.startswith("Note").any()  # footnotes dropped


def test_rgva_lad_workbook_layout():
    table = parse("gva_lad_industry",
                  "regionalgrossvalueaddedbalancedbyindustrylocalauthoritiestldnorthwest_sample.xlsx")
    # Table 3, current prices £m, all industries, 2023 (provisional)
    assert value(table, "E08000010", "2023", "gva_current_prices", industry_code="Total") == 6705
    assert value(table, "E08000003", "2023", "gva_current_prices", industry_code="Total") == 35873
    assert value(table, "E08000010", "2022", "gva_cvm_index", industry_code="Total") == 100


def test_rgva_population_layout():
    table = parse("population_rgva", "populationestimatesbylocalauthority_sample.xlsx")
    assert value(table, "E08000010", "2023", "population") == 339174


def test_a_renamed_column_names_file_sheet_and_column(tmp_path):
    import openpyxl

    book = openpyxl.load_workbook(SAMPLES / "populationestimatesbylocalauthority_sample.xlsx")
    book["Population data"]["B1"] = "LAD code"
    changed = tmp_path / "populationestimatesbylocalauthority.xlsx"
    book.save(changed)
    ds = get_dataset("population_rgva")
    with pytest.raises(SourceFormatError, match=r"populationestimatesbylocalauthority.xlsx, "
                                                r"sheet 'Population data': no column 'LA code'"):
        parsers.PARSERS[ds.parser](ds, [changed])
