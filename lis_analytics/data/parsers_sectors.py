"""Parser for the Industrial Strategy sector definitions list (IS-8, DBT, 23 June 2025).

Registered with :func:`lis_analytics.data.parsers.parser` (this module is imported by
:func:`~lis_analytics.data.parsers.load_parser_modules`).

:func:`parse_is8_sector_definitions` reads the layout of the third-party transcription of the
list (DanOlner/RegionalEconomicTools, ``data/industrialstrategy2025sectordefs.csv``): columns
``sector_name, SIC_name, frontier_subsector_ifnotSIC, is_frontier, sic_code``, one row per
SIC code or non-SIC frontier industry, ``NA`` (or empty) for a missing cell, SIC codes undotted
at mixed levels (``29`` division, ``303`` group 30.3, ``3316`` class 33.16, ``62011``
subclass 62.01/1). It returns one row per source row (schema ``sector_definitions``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from lis_analytics.data.parsers import parser
from lis_analytics.data.registry import Dataset
from lis_analytics.errors import SourceFormatError

IS8_COLUMNS = ("sector_name", "SIC_name", "frontier_subsector_ifnotSIC", "is_frontier",
               "sic_code")
"""Columns of the transcription, in order."""

SIC_LEVELS = {2: "division", 3: "group", 4: "class", 5: "subclass"}
"""Number of digits of an undotted SIC 2007 code -> its level."""

SECTOR_RENAMES = {"Clean Energy": "Clean Energy Industries"}
"""Names in the transcription -> the Industrial Strategy's names."""

ROW_KINDS = {"0": "sector", "1": "frontier", "2": "foundational"}
"""``is_frontier`` -> what the row defines."""


def _blank(value: str) -> str:
    value = str(value).strip()
    return "" if value.upper() == "NA" else value


@parser
def parse_is8_sector_definitions(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Read the IS-8 sector definitions list: one row per SIC code or frontier industry.

    Returns columns ``dataset_id, row, sector, row_kind`` (``sector`` / ``frontier`` /
    ``foundational``), ``frontier_industry`` (empty on sector-level rows; the foundational
    industry on foundational rows; ``""`` when a frontier row names none), ``sic_code``
    (undotted digits, ``""`` for a non-SIC row), ``sic_level``, ``sic_name`` and
    ``definition_basis`` (``SIC`` or ``non-SIC``, per row).

    Raises
    ------
    SourceFormatError
        When the columns differ from :data:`IS8_COLUMNS`, a row kind is not 0/1/2, a SIC code
        is not 2 to 5 digits, or a row has neither a SIC code nor a frontier industry.
    """
    (path,) = paths
    try:
        raw = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise SourceFormatError(f"{ds.id}: {path.name} cannot be read as CSV ({exc})") from exc
    columns = [c.strip() for c in raw.columns]
    if tuple(columns) != IS8_COLUMNS:
        raise SourceFormatError(f"{ds.id}: {path.name}: expected columns {list(IS8_COLUMNS)}, "
                                f"found {columns}")
    raw.columns = columns
    raw = raw.map(_blank)
    bad_kind = raw[~raw["is_frontier"].isin(list(ROW_KINDS))]
    if len(bad_kind):
        raise SourceFormatError(
            f"{ds.id}: {path.name}: is_frontier must be 0, 1 or 2; row {bad_kind.index[0] + 2} "
            f"has {bad_kind['is_frontier'].iloc[0]!r}")
    code = raw["sic_code"]
    bad_code = raw[(code != "") & ~code.str.fullmatch(r"\d{2,5}")]
    if len(bad_code):
        raise SourceFormatError(
            f"{ds.id}: {path.name}: SIC code {bad_code['sic_code'].iloc[0]!r} (row "
            f"{bad_code.index[0] + 2}) is not an undotted SIC 2007 code of 2 to 5 digits")
    empty = raw[(code == "") & (raw["frontier_subsector_ifnotSIC"] == "")]
    if len(empty):
        raise SourceFormatError(f"{ds.id}: {path.name}: row {empty.index[0] + 2} has neither a "
                                "SIC code nor a frontier industry")
    out = pd.DataFrame({
        "dataset_id": ds.id,
        "row": range(1, len(raw) + 1),
        "sector": raw["sector_name"].replace(SECTOR_RENAMES),
        "row_kind": raw["is_frontier"].map(ROW_KINDS),
        "frontier_industry": raw["frontier_subsector_ifnotSIC"],
        "sic_code": code,
        "sic_level": code.str.len().map(SIC_LEVELS).fillna(""),
        "sic_name": raw["SIC_name"],
        "definition_basis": code.ne("").map({True: "SIC", False: "non-SIC"}),
    })
    out["row"] = out["row"].astype("int64")
    return out.reset_index(drop=True)
