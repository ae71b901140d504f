"""Declared schemas that every processed table must pass (pandera).

A schema names the columns, their types, code patterns, key uniqueness and value ranges.
Dataset-specific expectations (row counts, number of areas, measures present) sit in
:data:`EXPECTATIONS`. A failure raises :class:`SchemaError` naming the dataset, its files
and what was expected, so a changed release is caught before it reaches a report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa

from lis_analytics.data.registry import Dataset
from lis_analytics.errors import SchemaError

AREA_CODE = r"^([EWSNK]\d{8}|UKX|UK|TL[A-N][0-9A-Z]{0,3}|EER_[A-Z0-9_]+)$"
"""GSS codes (E06000001), ITL codes (TLC, TLC1, TLC11), UK rows and generated EER ids."""

FLOW_ZONE = r"^([EWSN]\d{8}|OD000000[1-4]|111111111|888888888|999999999)$"

_TIDY_COLUMNS = {
    "dataset_id": pa.Column(str),
    "area_code": pa.Column(str, pa.Check.str_matches(AREA_CODE)),
    "area_name": pa.Column(str, pa.Check.str_length(min_value=1)),
    "geography": pa.Column(str),
    "code_vintage": pa.Column(str),
    "period": pa.Column(str, pa.Check.str_matches(r"^\d{4}(-\d{4})?$")),
    "measure": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]+$")),
    "value": pa.Column(float, nullable=True),
    "unit": pa.Column(str),
    "price_basis": pa.Column(str),
    "flag": pa.Column(str),
}

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "tidy": pa.DataFrameSchema(
        _TIDY_COLUMNS,
        unique=["area_code", "geography", "period", "measure"],
        checks=pa.Check(lambda d: (d["value"].notna() | (d["flag"] != "")).all(),
                        error="a missing value must carry a flag saying why"),
        strict=True,
    ),
    "tidy_industry": pa.DataFrameSchema(
        {**_TIDY_COLUMNS, "industry_code": pa.Column(str), "industry_name": pa.Column(str)},
        unique=["area_code", "period", "measure", "industry_code"],
        checks=pa.Check(lambda d: (d["value"].notna() | (d["flag"] != "")).all(),
                        error="a missing value must carry a flag saying why"),
        strict=True,
    ),
    "flows": pa.DataFrameSchema(
        {
            "dataset_id": pa.Column(str),
            "origin_code": pa.Column(str, pa.Check.str_matches(r"^[EW]\d{8}$")),
            "destination_code": pa.Column(str, pa.Check.str_matches(FLOW_ZONE)),
            "persons": pa.Column("int64", pa.Check.ge(0)),
        },
        unique=["origin_code", "destination_code"],
        strict=True,
    ),
    "lookup": pa.DataFrameSchema({"dataset_id": pa.Column(str)}, strict=False),
    "sector_definitions": pa.DataFrameSchema(
        {
            "dataset_id": pa.Column(str),
            "row": pa.Column("int64", pa.Check.ge(1), unique=True),
            "sector": pa.Column(str, pa.Check.str_length(min_value=1)),
            "row_kind": pa.Column(str, pa.Check.isin(["sector", "frontier", "foundational"])),
            "frontier_industry": pa.Column(str),
            "sic_code": pa.Column(str, pa.Check.str_matches(r"^(\d{2,5})?$")),
            "sic_level": pa.Column(str, pa.Check.isin(["", "division", "group", "class",
                                                       "subclass"])),
            "sic_name": pa.Column(str),
            "definition_basis": pa.Column(str, pa.Check.isin(["SIC", "non-SIC"])),
        },
        checks=pa.Check(lambda d: ((d["sic_code"] != "") | (d["frontier_industry"] != "")).all(),
                        error="a row without a SIC code must name a frontier industry"),
        strict=True,
    ),
    "boundaries": pa.DataFrameSchema(
        {"area_code": pa.Column(str, unique=True), "area_name": pa.Column(str)}, strict=False
    ),
}


@dataclass(frozen=True)
class Expectation:
    """What a processed table should look like beyond its schema."""

    min_rows: int = 1
    max_rows: int | None = None
    area_counts: dict[str, int] = field(default_factory=dict)  # geography -> number of areas
    measures: tuple[str, ...] = ()
    value_ranges: dict[str, tuple[float, float]] = field(default_factory=dict)  # per measure
    columns: tuple[str, ...] = ()


EXPECTATIONS: dict[str, Expectation] = {
    "productivity_lad": Expectation(
        min_rows=40_000,
        area_counts={"LAD": 361, "UK": 1},
        measures=("gva_per_hour", "gva_per_job", "hours_per_week", "filled_jobs",
                  "gva_per_hour_index", "gva_per_job_index"),
        value_ranges={"gva_per_hour": (5, 500), "gva_per_job": (5_000, 1_000_000),
                      "gva_per_hour_index": (20, 1000)},
    ),
    "productivity_itl": Expectation(
        min_rows=40_000,
        area_counts={"ITL1": 12, "ITL2": 41, "ITL3": 179, "UK": 1},
        measures=("gva_per_hour", "gva_per_hour_cvm_index", "hours_per_week", "filled_jobs"),
        value_ranges={"gva_per_hour": (5, 500)},
    ),
    "productivity_cityregions": Expectation(
        min_rows=5_000, measures=("gva_per_hour", "hours_per_week", "filled_jobs"),
        value_ranges={"gva_per_hour": (5, 500)},
    ),
    "productivity_ca": Expectation(
        min_rows=5_000, measures=("gva_per_hour", "hours_per_week", "filled_jobs"),
        value_ranges={"gva_per_hour": (5, 500)},
    ),
    "gva_lad_industry": Expectation(
        min_rows=1_500_000, max_rows=2_500_000, area_counts={"LAD": 361},
        measures=("gva_current_prices", "gva_cvm", "gva_cvm_index", "implied_deflator"),
    ),
    "population_rgva": Expectation(min_rows=9_000, area_counts={"LAD": 361},
                                   value_ranges={"population": (1_000, 2_000_000)}),
    "population_mye_mid2022": Expectation(
        min_rows=3_000, measures=("population", "population_16_64"),
        value_ranges={"population": (1_000, 70_000_000)},
    ),
    "population_mye_mid2024": Expectation(
        min_rows=5_000, measures=("population", "population_16_64"),
        value_ranges={"population": (1_000, 70_000_000)},
    ),
    "census2011_flows_lad": Expectation(min_rows=90_000, max_rows=100_000),
    "census2011_flows_msoa": Expectation(min_rows=2_400_000, max_rows=2_410_000),
    "census2021_flows_lad": Expectation(min_rows=50_000),
    "census2021_flows_msoa": Expectation(min_rows=1_800_000, max_rows=1_900_000),
    "msoa11_names": Expectation(min_rows=7_201, max_rows=7_201),
    "msoa21_names": Expectation(min_rows=7_264, max_rows=9_000),  # includes some S02 zones
    "lookup_lad11_lad21": Expectation(min_rows=348, max_rows=348,
                                      columns=("LAD11CD", "LAD21CD", "LAD21NM")),
    "lookup_lad21_lep21": Expectation(min_rows=309, max_rows=309,
                                      columns=("LAD21CD", "LEP21CD1", "LEP21NM1", "LEP21CD2")),
    "lookup_lad25_cauth25": Expectation(min_rows=50, columns=("LAD25CD", "CAUTH25CD",
                                                              "CAUTH25NM")),
    "lookup_lad23_rgn23": Expectation(min_rows=296, max_rows=296,
                                      columns=("LAD23CD", "RGN23CD", "RGN23NM")),
    "lookup_lad21_itl321": Expectation(min_rows=370, columns=("LAD21CD", "ITL321CD")),
    "lookup_lad25_itl25": Expectation(min_rows=362, max_rows=362,
                                      columns=("LAD25CD", "LAU125CD", "ITL325CD", "ITL225CD",
                                               "ITL125CD")),
    "lookup_itl321_itl325": Expectation(min_rows=190, columns=("ITL321CD", "ITL325CD")),
    "lad_code_history": Expectation(min_rows=40, columns=("old_code", "new_code")),
    "boundaries_lad23": Expectation(min_rows=361, max_rows=361),
    "boundaries_lep21": Expectation(min_rows=38, max_rows=38),
}


def _expectation_from_registry(ds: Dataset) -> Expectation:
    """Expectations declared in the registry entry's ``expect:`` block (same field names)."""
    spec = dict(ds.extra.get("expect", {}) or {})
    if "measures" in spec:
        spec["measures"] = tuple(spec["measures"])
    if "columns" in spec:
        spec["columns"] = tuple(spec["columns"])
    if "value_ranges" in spec:
        spec["value_ranges"] = {k: tuple(v) for k, v in spec["value_ranges"].items()}
    return Expectation(**spec)


def _fail(ds: Dataset, what: str) -> SchemaError:
    files = ", ".join(f.mirror_path.rsplit("/", 1)[-1] for f in ds.files[:3])
    more = f" (+{len(ds.files) - 3} more)" if len(ds.files) > 3 else ""
    return SchemaError(f"{ds.id} ({files}{more}): {what}")


def validate(table: pd.DataFrame, ds: Dataset) -> pd.DataFrame:
    """Validate a processed table against its schema and expectations.

    Parameters
    ----------
    table
        The parser's output.
    ds
        The registry entry (its ``schema`` names the pandera schema).

    Returns
    -------
    DataFrame
        ``table`` unchanged, when it passes.

    Raises
    ------
    SchemaError
        Naming the dataset, its file(s) and what was expected.
    """
    schema = SCHEMAS[ds.schema]
    try:
        schema.validate(table, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        summary = (
            cases.groupby(["column", "check"], dropna=False).size().reset_index(name="n")
            .head(8).to_string(index=False)
        )
        raise _fail(ds, f"failed schema {ds.schema!r}:\n{summary}") from None
    exp = EXPECTATIONS.get(ds.id) or _expectation_from_registry(ds)
    n = len(table)
    if n < exp.min_rows or (exp.max_rows is not None and n > exp.max_rows):
        upper = f"{exp.max_rows:,}" if exp.max_rows is not None else "any number"
        raise _fail(ds, f"has {n:,} rows; expected between {exp.min_rows:,} and {upper} — "
                        "the release may be truncated or reshaped")
    for col in exp.columns:
        if col not in table.columns:
            raise _fail(ds, f"has no column {col!r}; columns are {list(table.columns)}")
    if "measure" in table.columns:
        missing = sorted(set(exp.measures) - set(table["measure"].unique()))
        if missing:
            raise _fail(ds, f"lacks measure(s) {missing}")
        for measure, (low, high) in exp.value_ranges.items():
            vals = table.loc[table["measure"] == measure, "value"].dropna()
            if "geography" in table.columns:
                geo = table.loc[vals.index, "geography"]
                vals = vals[~geo.isin(["UK", "CTRY", "RGN", "ITL1", "CTY"])] if measure == \
                    "population" else vals
            bad = vals[(vals < low) | (vals > high)]
            if len(bad):
                raise _fail(ds, f"{len(bad)} value(s) of {measure} outside [{low}, {high}], e.g. "
                                f"{bad.iloc[0]}")
        for geo, count in exp.area_counts.items():
            got = table.loc[table["geography"] == geo, "area_code"].nunique()
            if got != count:
                raise _fail(ds, f"has {got} {geo} areas; expected {count}")
    return table
