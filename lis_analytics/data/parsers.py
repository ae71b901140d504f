"""Parsers: published ONS / Nomis files in, tidy long tables out.

Each parser takes the registry entry and the local paths of its files and returns a
DataFrame in the layout of :mod:`lis_analytics.data.tidy`. Parsers check the layout they
rely on (sheet names, header cells) and raise :class:`SourceFormatError` naming the file,
the sheet and what was expected when a release changes shape.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from lis_analytics.data.registry import Dataset
from lis_analytics.data.tidy import (
    CURRENT_PRICES,
    NOT_APPLICABLE,
    SUPPRESSION_MARKERS,
    TIDY_COLUMNS,
)
from lis_analytics.errors import SourceFormatError

Parser = Callable[[Dataset, Sequence[Path]], pd.DataFrame]
PARSERS: dict[str, Parser] = {}


def parser(func: Parser) -> Parser:
    """Register ``func`` under its name so the registry can refer to it."""
    PARSERS[func.__name__] = func
    return func


# --------------------------------------------------------------------------- helpers


def to_values_and_flags(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Split a column of published cells into numeric values and flags.

    Suppression markers (``[c]``, ``*``, ``!``, ``x``, ``-``, ...) become ``NaN`` with the
    marker kept as the flag; they are never read as zero. Empty cells become ``NaN`` with
    flag ``"[x]"`` (not available).

    Examples
    --------
    >>> v, f = to_values_and_flags(pd.Series([1.5, "[c]", "2,300", None, "*"]))
    >>> v.tolist()
    [1.5, nan, 2300.0, nan, nan]
    >>> f.tolist()
    ['', '[c]', '', '[x]', '*']
    """
    text = raw.astype("string").str.strip()
    flags = pd.Series("", index=raw.index, dtype="string")
    lowered = text.str.lower()
    for marker, flag in SUPPRESSION_MARKERS.items():
        flags = flags.mask(lowered == marker, flag)
    values = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce")
    unexplained = values.isna() & (flags == "") & text.notna() & (text != "")
    if unexplained.any():
        # a marker we do not know: keep it visible rather than guess
        flags = flags.mask(unexplained, text)
    flags = flags.mask(text.isna() | (text == ""), "[x]")
    return values.astype("float64"), flags.fillna("").astype(str)


def _read_sheet(path: Path, sheet: str, ds: Dataset, header: int | None = None) -> pd.DataFrame:
    try:
        return pd.read_excel(path, sheet_name=sheet, header=header, engine="calamine")
    except ValueError as exc:
        if "not found" in str(exc).lower() or "worksheet" in str(exc).lower():
            raise SourceFormatError(
                f"{ds.id}: {path.name} has no sheet {sheet!r} (sheets expected by the parser). "
                f"{exc}"
            ) from exc
        raise


def _find_header_row(frame: pd.DataFrame, first_cell: str | Sequence[str], path: Path,
                     sheet: str, ds: Dataset, search_rows: int = 15) -> int:
    wanted = {first_cell} if isinstance(first_cell, str) else set(first_cell)
    wanted_lower = {w.lower() for w in wanted}
    for i in range(min(search_rows, len(frame))):
        cell = str(frame.iat[i, 0]).strip().lower()
        if cell in wanted_lower:
            return i
    raise SourceFormatError(
        f"{ds.id}: {path.name}, sheet {sheet!r}: expected a header row starting with "
        f"{' or '.join(sorted(wanted))!r} in the first {search_rows} rows; the release may have "
        "changed layout."
    )


def require_columns(columns: Sequence[str], wanted: Sequence[str], ds: Dataset, path: Path,
                    sheet: str | None = None) -> None:
    """Raise :class:`SourceFormatError` naming file, sheet and column if one is missing.

    Examples
    --------
    >>> from lis_analytics.data.registry import get_dataset
    >>> try:
    ...     require_columns(["LAD code", "LA name"], ["LA code", "LA name"],
    ...                     get_dataset("population_rgva"), Path("pop.xlsx"), "Population data")
    ... except SourceFormatError as err:
    ...     print(err)  # doctest: +ELLIPSIS
    population_rgva: pop.xlsx, sheet 'Population data': no column 'LA code' ...
    """
    missing = [c for c in wanted if c not in columns]
    if missing:
        where = f"{path.name}, sheet {sheet!r}" if sheet else path.name
        names = ", ".join(repr(c) for c in missing)
        raise SourceFormatError(
            f"{ds.id}: {where}: no column {names} (expected {list(wanted)}; found "
            f"{[str(c) for c in columns][:12]}). The release has changed layout: check the "
            "parser before using it.")


def finish_tidy(frame: pd.DataFrame, ds: Dataset, extra: Sequence[str] = ()) -> pd.DataFrame:
    """Order columns as :data:`TIDY_COLUMNS` (+ ``extra``) and set dtypes."""
    frame = frame.assign(dataset_id=ds.id)
    cols = list(TIDY_COLUMNS) + [c for c in extra if c not in TIDY_COLUMNS]
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise SourceFormatError(f"{ds.id}: parser produced no column(s) {missing}")
    out = frame[cols].copy()
    for col in cols:
        if col != "value":
            out[col] = out[col].astype(str)
    out["value"] = out["value"].astype("float64")
    return out.reset_index(drop=True)


# ----------------------------------------------------------------- productivity


# sheet -> (measure, unit, price basis)
PRODUCTIVITY_SHEETS: dict[str, tuple[str, str, str]] = {
    "A1": ("gva_per_hour_index", "index (UK less extra-regio = 100)", CURRENT_PRICES),
    "A2": ("gva_per_hour_unsmoothed_index", "index (UK less extra-regio = 100)", CURRENT_PRICES),
    "A3": ("gva_per_hour", "GBP per hour worked", CURRENT_PRICES),
    "A4": ("gva_per_hour_unsmoothed", "GBP per hour worked", CURRENT_PRICES),
    "A5": ("gva_per_hour_cvm_index", "index (base year = 100)", "chained volume measure"),
    "B1": ("gva_per_job_index", "index (UK less extra-regio = 100)", CURRENT_PRICES),
    "B2": ("gva_per_job_unsmoothed_index", "index (UK less extra-regio = 100)", CURRENT_PRICES),
    "B3": ("gva_per_job", "GBP per filled job", CURRENT_PRICES),
    "B4": ("gva_per_job_unsmoothed", "GBP per filled job", CURRENT_PRICES),
    "B5": ("gva_per_job_cvm_index", "index (base year = 100)", "chained volume measure"),
    "Productivity Hours": ("hours_per_week", "hours worked per week", NOT_APPLICABLE),
    "Productivity Jobs": ("filled_jobs", "filled jobs", NOT_APPLICABLE),
}

_CODE_HEADERS = ("LAD_Code", "ITL_level", "area_code", "Area_Code")


def _geography_of(code: str, default: str) -> str:
    code = code.strip()
    if code in ("UKX", "UK", "K02000001"):
        return "UK"
    prefixes = {
        "E06": "LAD", "E07": "LAD", "E08": "LAD", "E09": "LAD", "W06": "LAD", "S12": "LAD",
        "N09": "LAD", "E47": "CA", "E61": "CA", "E12": "RGN", "E92": "CTRY", "W92": "CTRY",
        "S92": "CTRY", "N92": "CTRY", "E37": "LEP",
    }
    return prefixes.get(code[:3], default)


ZERO_MEANS_MISSING = ("gva_per_hour", "gva_per_job", "hours_per_week", "filled_jobs")
"""Productivity measures in which a published 0 stands for "not available" (see below)."""


PRODUCTIVITY_OTHER_SHEETS = ("Contents", "Geography Lookup")
"""Sheets of a productivity workbook that hold no measure (contents, a lookup)."""


def _check_productivity_sheets(path: Path, sheets: Sequence[str], ds: Dataset) -> None:
    """Refuse a workbook whose sheets differ from what it says it holds, or we read.

    Editions publish different tables (the June 2025 district workbook has no chained-volume
    sheets A5 and B5; the ITL, city-region and CA workbooks have them), so a missing optional
    sheet is not by itself an error. But a table the workbook's own Contents sheet lists
    ("Table A5: ...") must be there under its name, and every sheet must be one we read or
    know: a renamed sheet would otherwise drop its measure without a word.
    """
    unknown = [s for s in sheets if s not in PRODUCTIVITY_SHEETS
               and s not in PRODUCTIVITY_OTHER_SHEETS]
    if unknown:
        raise SourceFormatError(
            f"{ds.id}: {path.name} has sheet(s) {unknown} that the parser does not know; "
            f"expected sheets among {[*PRODUCTIVITY_SHEETS, *PRODUCTIVITY_OTHER_SHEETS]}. "
            "If the release renamed a sheet, map it in PRODUCTIVITY_SHEETS.")
    if "Contents" not in sheets:
        return
    contents = _read_sheet(path, "Contents", ds)
    listed = sorted({m.group(1) for cell in contents.iloc[:, 0].dropna().astype(str)
                     if (m := re.match(r"\s*Table\s+([AB]\d)\s*:", cell))})
    absent = [t for t in listed if t not in sheets]
    if absent:
        raise SourceFormatError(
            f"{ds.id}: {path.name}, sheet 'Contents' lists table(s) {absent} but the workbook "
            f"has no sheet of that name (sheets: {list(sheets)}); expected one sheet per "
            "listed table, named as in the Contents.")


@parser
def parse_productivity_workbook(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Parse an ONS subregional productivity workbook (LAD, ITL, city-region or CA edition).

    Every sheet A1-B5 and the hours and jobs sheets become measures (see
    :data:`PRODUCTIVITY_SHEETS`); year columns are read from their ``Pounds_2004``-style
    headers. Note and source rows below the table are dropped.
    """
    (path,) = paths
    sheets = pd.ExcelFile(path, engine="calamine").sheet_names
    _check_productivity_sheets(path, sheets, ds)
    wanted = [s for s in PRODUCTIVITY_SHEETS if s in sheets]
    required = {"A3", "B3", "Productivity Hours", "Productivity Jobs"}
    if not required <= set(wanted):
        raise SourceFormatError(
            f"{ds.id}: {path.name} lacks sheet(s) {sorted(required - set(wanted))}; expected the "
            "ONS subregional productivity layout (A1..B5, Productivity Hours, Productivity Jobs)."
        )
    frames = []
    for sheet in wanted:
        raw = _read_sheet(path, sheet, ds)
        h = _find_header_row(raw, _CODE_HEADERS, path, sheet, ds)
        header = [str(c).strip() for c in raw.iloc[h]]
        body = raw.iloc[h + 1 :].copy()
        body.columns = header
        year_cols = [c for c in header if re.fullmatch(r"[A-Za-z]+_(\d{4})", c)]
        if not year_cols:
            raise SourceFormatError(
                f"{ds.id}: {path.name}, sheet {sheet!r}: no year columns like 'Pounds_2022' in "
                f"header row {h + 1}: {header[:6]}"
            )
        if header[0] == "ITL_level":
            code_col, name_col, level_col = "ITL_code", "Region_name", "ITL_level"
        else:
            code_col, name_col, level_col = header[0], header[1], None
        body = body[body[code_col].notna()]
        body[code_col] = body[code_col].astype(str).str.strip()
        # drop notes/source rows: a real row has a name and at least one year value
        body = body[body[name_col].notna() & body[year_cols].notna().any(axis=1)]
        body = body[~body[code_col].str.match(r"(?i)^(note|source)")]
        long = body.melt(
            id_vars=[c for c in (code_col, name_col, level_col) if c],
            value_vars=year_cols,
            var_name="period",
            value_name="raw",
        )
        long["period"] = long["period"].str[-4:]
        measure, unit, basis = PRODUCTIVITY_SHEETS[sheet]
        if sheet in ("A5", "B5"):
            base = re.search(r"(\d{4})\s*=\s*100", " ".join(map(str, raw.iloc[:h, 0].dropna())))
            if base:
                unit = f"index ({base.group(1)} = 100)"
        values, flags = to_values_and_flags(long["raw"])
        codes = long[code_col].replace({"Not available": pd.NA})
        missing_code = codes.isna()
        if missing_code.any():  # EERs without a GSS code: make a stable id from the name
            slug = long.loc[missing_code, name_col].astype(str).str.upper().str.replace(
                r"[^A-Z0-9]+", "_", regex=True
            )
            codes = codes.mask(missing_code, "EER_" + slug)
        if level_col:
            level = long[level_col].astype(str).str.strip().replace({"UK": "UK"})
            geography = level.where(level != "England", "CTRY")
        else:
            default = {"LAD23": "LAD", "CR23": "CITY_REGION", "CAUTH25": "CA"}.get(
                ds.code_vintage, "LAD"
            )
            geography = codes.map(lambda c, d=default: _geography_of(str(c), d))
            if ds.code_vintage == "CR23":
                geography = geography.where(geography == "UK", "CITY_REGION")
            if ds.code_vintage == "CAUTH25":
                geography = geography.where(~codes.str.startswith("EER_"), "EER")
        frames.append(
            pd.DataFrame(
                {
                    "area_code": codes.astype(str),
                    "area_name": long[name_col].astype(str).str.strip(),
                    "geography": geography.astype(str),
                    "code_vintage": ds.code_vintage,
                    "period": long["period"],
                    "measure": measure,
                    "value": values,
                    "unit": unit,
                    "price_basis": basis,
                    "flag": flags,
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    out["code_vintage"] = np.where(out["geography"] == "UK", "UK", out["code_vintage"])
    # The June 2025 LAD workbook writes 0 for figures it does not publish (Northern Ireland
    # filled jobs and GVA per filled job in 2023; the index sheets show "-"). No district
    # has zero jobs or hours: a zero in these measures is a missing value, not a figure.
    placeholder = out["measure"].isin(ZERO_MEANS_MISSING) & (out["value"] == 0)
    out.loc[placeholder, "value"] = np.nan
    out.loc[placeholder, "flag"] = "0 (not published)"
    return finish_tidy(out, ds)


# ------------------------------------------------------------- regional GVA (LAD)

RGVA_TABLES: dict[str, tuple[str, str, str]] = {
    "Table 1": ("gva_cvm_index", "index (2022 = 100)", "chained volume measure"),
    "Table 2": ("gva_cvm", "GBP million", "chained volume measure (2022 money)"),
    "Table 3": ("gva_current_prices", "GBP million", CURRENT_PRICES),
    "Table 4": ("implied_deflator", "index (2022 = 100)", NOT_APPLICABLE),
}


@parser
def parse_rgva_lad_workbooks(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Parse the twelve 'local authorities by ITL1 region' regional GVA workbooks.

    Returns a tidy table with extra columns ``industry_code`` and ``industry_name`` (the
    workbook's SIC07 code and description, e.g. ``Total`` / ``All industries``).
    """
    frames = []
    for path in paths:
        for sheet, (measure, unit, basis) in RGVA_TABLES.items():
            raw = _read_sheet(path, sheet, ds)
            h = _find_header_row(raw, "ITL1 region", path, sheet, ds)
            header = [str(c).strip() for c in raw.iloc[h]]
            expected = ["ITL1 region", "LA code", "LA name", "SIC07", "SIC07 description"]
            if header[:5] != expected:
                raise SourceFormatError(
                    f"{ds.id}: {path.name}, sheet {sheet!r}: expected columns {expected} in row "
                    f"{h + 1}, found {header[:5]}"
                )
            body = raw.iloc[h + 1 :].copy()
            body.columns = [
                str(int(float(c))) if re.fullmatch(r"\d{4}(\.0)?", c) else c for c in header
            ]
            body = body[body["LA code"].notna()]
            years = [c for c in body.columns if re.fullmatch(r"\d{4}", c)]
            long = body.melt(
                id_vars=["LA code", "LA name", "SIC07", "SIC07 description"],
                value_vars=years,
                var_name="period",
                value_name="raw",
            )
            values, flags = to_values_and_flags(long["raw"])
            frames.append(
                pd.DataFrame(
                    {
                        "area_code": long["LA code"].astype(str).str.strip(),
                        "area_name": long["LA name"].astype(str).str.strip(),
                        "geography": "LAD",
                        "code_vintage": ds.code_vintage,
                        "period": long["period"],
                        "measure": measure,
                        "value": values,
                        "unit": unit,
                        "price_basis": basis,
                        "flag": flags,
                        "industry_code": long["SIC07"].astype(str).str.strip(),
                        "industry_name": long["SIC07 description"].astype(str).str.strip(),
                    }
                )
            )
    out = pd.concat(frames, ignore_index=True)
    return finish_tidy(out, ds, extra=("industry_code", "industry_name"))


# ------------------------------------------------------------------ population


def _age_bands(frame: pd.DataFrame, age_col: str, value_col: str, keys: list[str]) -> pd.DataFrame:
    """Sum single-year-of-age counts into all ages, 0-15, 16-64 and 65+."""
    age = pd.to_numeric(frame[age_col].astype(str).str.replace("+", "", regex=False),
                        errors="coerce")
    bands = pd.cut(age, [-1, 15, 64, 1000], labels=["population_0_15", "population_16_64",
                                                    "population_65plus"])
    frame = frame.assign(_band=bands.astype(str), _v=pd.to_numeric(frame[value_col]))
    by_band = frame.groupby(keys + ["_band"], as_index=False)["_v"].sum()
    total = frame.groupby(keys, as_index=False)["_v"].sum().assign(_band="population")
    return pd.concat([by_band, total], ignore_index=True).rename(
        columns={"_band": "measure", "_v": "value"}
    )


def _mye_geography(geo: pd.Series) -> pd.Series:
    mapping = {
        "Country": "CTRY", "Region": "RGN", "County": "CTY", "Unitary Authority": "LAD",
        "Non-metropolitan District": "LAD", "Metropolitan District": "LAD",
        "London Borough": "LAD", "Council Area": "LAD", "Local Government District": "LAD",
        "Metropolitan County": "CTY", "Council area": "LAD",
    }
    return geo.astype(str).str.strip().map(mapping).fillna(geo.astype(str))


@parser
def parse_mye_myeb1(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Parse MYEB1 (single year of age, mid-2011 and mid-2022) of the mid-2022 MYE workbook."""
    (path,) = paths
    raw = _read_sheet(path, "MYEB1", ds, header=0)
    need = {"code", "name", "geography", "sex", "age", "population_2011", "population_2022"}
    if not need <= set(raw.columns):
        raise SourceFormatError(
            f"{ds.id}: {path.name}, sheet 'MYEB1': expected columns {sorted(need)}, found "
            f"{list(raw.columns)}"
        )
    long = raw.melt(id_vars=["code", "name", "geography", "sex", "age"],
                    value_vars=["population_2011", "population_2022"],
                    var_name="period", value_name="persons")
    long["period"] = long["period"].str[-4:]
    bands = _age_bands(long, "age", "persons", ["code", "name", "geography", "period"])
    out = bands.rename(columns={"code": "area_code", "name": "area_name"}).assign(
        geography=lambda d: _mye_geography(d["geography"]), code_vintage=ds.code_vintage,
        unit="persons", price_basis=NOT_APPLICABLE, flag="",
    )
    return finish_tidy(out, ds)


@parser
def parse_mye_mid2024(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Parse the mid-2024 MYE workbook: MYE4 totals 2011-2024 and MYE2 age bands for 2024."""
    (path,) = paths
    raw4 = _read_sheet(path, "MYE4", ds)
    h = _find_header_row(raw4, "Code", path, "MYE4", ds)
    t4 = raw4.iloc[h + 1 :].copy()
    t4.columns = [str(c).strip() for c in raw4.iloc[h]]
    years = [c for c in t4.columns if re.fullmatch(r"Mid-\d{4}", c)]
    if not years:
        raise SourceFormatError(f"{ds.id}: {path.name}, sheet 'MYE4': no 'Mid-YYYY' columns")
    long4 = t4.melt(id_vars=["Code", "Name", "Geography"], value_vars=years,
                    var_name="period", value_name="value")
    long4 = long4.assign(period=long4["period"].str[-4:], measure="population")
    long4 = long4[long4["period"] != "2024"]  # 2024 comes with the age detail below
    raw2 = _read_sheet(path, "MYE2 - Persons", ds)
    h2 = _find_header_row(raw2, "Code", path, "MYE2 - Persons", ds)
    t2 = raw2.iloc[h2 + 1 :].copy()
    t2.columns = [str(c).strip() for c in raw2.iloc[h2]]
    ages = [c for c in t2.columns if re.fullmatch(r"\d+(\.0)?\+?", c)]
    long2 = t2.melt(id_vars=["Code", "Name", "Geography"], value_vars=ages,
                    var_name="age", value_name="persons").assign(period="2024")
    bands = _age_bands(long2, "age", "persons", ["Code", "Name", "Geography", "period"])
    out = pd.concat([long4, bands], ignore_index=True)
    out = out[out["Code"].notna()].rename(columns={"Code": "area_code", "Name": "area_name"})
    values, flags = to_values_and_flags(out["value"])
    out = out.assign(
        value=values, flag=flags, geography=_mye_geography(out["Geography"]),
        code_vintage=ds.code_vintage, unit="persons", price_basis=NOT_APPLICABLE,
    )
    return finish_tidy(out, ds)


@parser
def parse_rgva_population(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Parse the population table published with the regional GVA release (1998-2023)."""
    (path,) = paths
    raw = _read_sheet(path, "Population data", ds)
    h = _find_header_row(raw, "ITL1 Region", path, "Population data", ds)
    body = raw.iloc[h + 1 :].copy()
    body.columns = [str(int(float(c))) if re.fullmatch(r"\d{4}(\.0)?", str(c).strip())
                    else str(c).strip() for c in raw.iloc[h]]
    years = [c for c in body.columns if re.fullmatch(r"\d{4}", c)]
    require_columns(list(body.columns), ["LA code", "LA name"], ds, path, "Population data")
    if not years:
        raise SourceFormatError(f"{ds.id}: {path.name}, sheet 'Population data': no year "
                                f"columns in the header row {list(body.columns)[:8]}")
    body = body[body["LA code"].notna()]
    long = body.melt(id_vars=["LA code", "LA name"], value_vars=years, var_name="period",
                     value_name="raw")
    values, flags = to_values_and_flags(long["raw"])
    out = pd.DataFrame({
        "area_code": long["LA code"].astype(str).str.strip(),
        "area_name": long["LA name"].astype(str).str.strip(),
        "geography": "LAD", "code_vintage": ds.code_vintage, "period": long["period"],
        "measure": "population", "value": values, "unit": "persons",
        "price_basis": NOT_APPLICABLE, "flag": flags,
    })
    return finish_tidy(out, ds)


# ------------------------------------------------------------------ lookups


@parser
def parse_lookup_csv(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Read an ONS-style lookup CSV as text (BOM removed, ObjectId dropped)."""
    (path,) = paths
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    frame = frame.drop(columns=[c for c in frame.columns if c.lower() == "objectid"])
    # the Open Geography Portal pads some downloads with empty columns column10, column11, ...
    filler = [c for c in frame.columns
              if re.fullmatch(r"column\d+", c.strip()) and not frame[c].str.strip().any()]
    frame = frame.drop(columns=filler)
    frame.columns = [c.strip() for c in frame.columns]
    return frame.assign(dataset_id=ds.id)


@parser
def parse_zone_metadata(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Read ONS OD-map zone metadata: zone code, name and parent LAD code.

    When the file gives each zone's bounding box (``xmin, ymin, xmax, ymax`` in lon/lat, as
    the ONS origin-destination app's metadata does), those four columns are kept as floats.
    """
    (path,) = paths
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    need = {"areacd", "areanm", "parentcd"}
    if not need <= set(frame.columns):
        raise SourceFormatError(f"{ds.id}: {path.name}: expected columns {sorted(need)}, found "
                                f"{list(frame.columns)}")
    bbox = ["xmin", "ymin", "xmax", "ymax"]
    bbox = bbox if set(bbox) <= set(frame.columns) else []
    out = frame.rename(columns={"areacd": "zone_code", "areanm": "zone_name",
                                "parentcd": "lad_code"})[["zone_code", "zone_name", "lad_code",
                                                          *bbox]]
    for col in bbox:
        out[col] = out[col].astype(float)
    return out.assign(dataset_id=ds.id)


@parser
def parse_lad_code_history(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Turn the mySociety register into ``old_code -> new_code`` successor pairs.

    Only lower-tier and unitary authorities are kept (county councils are not LADs).
    Returns columns ``old_code, old_name, new_code, new_name, end_date``.
    """
    (path,) = paths
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    need = {"local-authority-code", "gss-code", "nice-name", "end-date", "replaced-by",
            "lower-or-unitary"}
    if not need <= set(frame.columns):
        raise SourceFormatError(f"{ds.id}: {path.name}: expected columns {sorted(need)}")
    by_short = frame.set_index("local-authority-code")
    rows = []
    ended = frame[(frame["end-date"] != "") & (frame["replaced-by"] != "")
                  & (frame["gss-code"] != "")]
    for _, row in ended.iterrows():
        if row["gss-code"].startswith(("E10", "E11")):
            continue
        successors = [s.strip() for s in row["replaced-by"].split(",") if s.strip()]
        for short in successors:
            if short not in by_short.index:
                continue
            succ = by_short.loc[short]
            rows.append({
                "old_code": row["gss-code"], "old_name": row["nice-name"],
                "new_code": succ["gss-code"], "new_name": succ["nice-name"],
                "end_date": row["end-date"],
            })
    return pd.DataFrame(rows).assign(dataset_id=ds.id)


@parser
def parse_boundaries(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Read a boundary file into a GeoDataFrame in British National Grid (EPSG:27700)."""
    import geopandas as gpd

    (path,) = paths
    gdf = gpd.read_file(path)
    if gdf.crs is None:
        raise SourceFormatError(f"{ds.id}: {path.name} has no coordinate reference system")
    gdf = gdf.to_crs(27700)
    code_cols = [c for c in gdf.columns if re.fullmatch(r"[A-Z]+\d{2}CD", c)]
    name_cols = [c for c in gdf.columns if re.fullmatch(r"[A-Z]+\d{2}NM", c)]
    if not code_cols or not name_cols:
        raise SourceFormatError(
            f"{ds.id}: {path.name}: expected ONS code/name fields like LAD23CD/LAD23NM, found "
            f"{list(gdf.columns)}"
        )
    return gdf.rename(columns={code_cols[0]: "area_code", name_cols[0]: "area_name"})[
        ["area_code", "area_name", "geometry"]
    ]


def load_parser_modules() -> list[str]:
    """Import every ``lis_analytics.data.parsers_<theme>`` module so its parsers register.

    Returns the module names, in import order (their source is part of each table's build
    signature, so editing a parser rebuilds the tables it makes).
    """
    import importlib
    import pkgutil

    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])
                   if m.name.startswith("parsers_"))
    for name in names:
        importlib.import_module(f"lis_analytics.data.{name}")
    return names

