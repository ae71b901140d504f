"""Parsers for the people, inclusive-growth and "five foundations" indicator sources.

Five layouts are read here, each into the tidy long table of :mod:`lis_analytics.data.tidy`
plus four columns (schema ``tidy_indicator``):

``lci_95``, ``uci_95``
    95% confidence limits where the source gives them (APS, ASHE via ELS, HLE, wellbeing);
    ``NaN`` otherwise.
``period_label``
    the period as published, in words (``"Jan-Dec 2022"``, ``"2021/22"``, ``"2020-2022"``).
``parent_code``
    for LAD rows of ASHE tables, the county or metropolitan county they are listed under
    (used to find published figures for areas that are whole counties); ``""`` otherwise.

Layouts:

* Nomis "table" downloads (APS T01 and T19, UK Business Counts): one block per period that
  starts with a ``date`` row, a header row starting ``Area`` and rows prefixed ``lep:``,
  ``ladu:``, ``country:`` (and DfE ``User Defined Geography:`` rows, which are dropped).
  Local authorities are named, not coded: names are matched to LAD 2021 codes (the
  geography Nomis used for the April 2023 extract), LEP names to LEP 2021 codes.
* ONS ASHE tables 7 (workplace) and 8 (residence): sheets ``All`` and ``Full-Time``, header row
  ``Description, Code, ...``.
* ONS Explore Local Statistics tidy CSVs: one generic parser for every extract.
* ONS regional GDHI (long parquet) and MHCLG IoD 2019 File 10 (LAD summaries).
* Nomis population estimates 2016-2021 CSVs (used as weights for pre-2023 LAD codes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from lis_analytics.data import schemas
from lis_analytics.data.parsers import (
    _find_header_row,
    _read_sheet,
    finish_tidy,
    parser,
    to_values_and_flags,
)
from lis_analytics.data.registry import Dataset
from lis_analytics.data.store import load_dataset
from lis_analytics.data.tidy import CURRENT_PRICES, NOT_APPLICABLE
from lis_analytics.errors import SourceFormatError

EXTRA_COLUMNS: tuple[str, ...] = ("lci_95", "uci_95", "period_label", "parent_code")
"""Columns every indicator table has beyond :data:`~lis_analytics.data.tidy.TIDY_COLUMNS`."""

_base = schemas.SCHEMAS["tidy"]
schemas.SCHEMAS["tidy_indicator"] = pa.DataFrameSchema(
    {**_base.columns,
     "lci_95": pa.Column(float, nullable=True),
     "uci_95": pa.Column(float, nullable=True),
     "period_label": pa.Column(str),
     "parent_code": pa.Column(str)},
    unique=["area_code", "geography", "period", "measure"],
    checks=pa.Check(lambda d: (d["value"].notna() | (d["flag"] != "")).all(),
                    error="a missing value must carry a flag saying why"),
    strict=True,
)

LAD_PATTERN = r"^(E0[6-9]|W06|S12|N09)\d{6}$"


def geography_of_code(code: str) -> str:
    """Geography level of a GSS/ITL code.

    Examples
    --------
    >>> [geography_of_code(c) for c in ("E08000003", "E47000001", "E10000015", "TLD3", "K02000001")]
    ['LAD', 'CA', 'CTY', 'ITL2', 'UK']
    """
    code = str(code).strip()
    if re.fullmatch(LAD_PATTERN, code):
        return "LAD"
    if code.startswith("TL"):
        return f"ITL{min(len(code) - 2, 3)}"
    prefixes = {"E47": "CA", "E61": "CA", "E10": "CTY", "E11": "MCTY", "E13": "INLN",
                "E12": "RGN", "E92": "CTRY", "W92": "CTRY", "S92": "CTRY", "N92": "CTRY",
                "E37": "LEP", "K02": "UK", "K03": "GB", "K04": "EW"}
    return prefixes.get(code[:3], "OTHER")


def _normalise_name(name: str) -> str:
    text = str(name).lower().replace("&", "and").replace("st.", "st")
    text = re.sub(r"\b(ua|city of|county of)\b", " ", text)
    return re.sub(r"[^a-z0-9]+", "", text)


def _finish(frame: pd.DataFrame, ds: Dataset) -> pd.DataFrame:
    for col, default in (("lci_95", np.nan), ("uci_95", np.nan), ("parent_code", "")):
        if col not in frame.columns:
            frame[col] = default
    if "period_label" not in frame.columns:
        frame["period_label"] = frame["period"]
    out = finish_tidy(frame, ds, extra=EXTRA_COLUMNS)
    for col in ("lci_95", "uci_95"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    return out


# ---------------------------------------------------------------- name matching


@cache
def _lad_name_index() -> dict[str, str]:
    """Normalised LAD name -> code: LAD 2021 names first, then LAD 2023, then older names."""
    index: dict[str, str] = {}
    hist = load_dataset("lad_code_history")
    for name, code in zip(hist["old_name"], hist["old_code"], strict=True):
        index[_normalise_name(name)] = code
    prod = load_dataset("productivity_lad")  # the LAD 2023 building blocks and their names
    lads = (prod.loc[prod["geography"] == "LAD", ["area_code", "area_name"]]
            .drop_duplicates("area_code").sort_values("area_code"))
    for code, name in zip(lads["area_code"], lads["area_name"], strict=True):
        index[_normalise_name(name)] = code
    lu = load_dataset("lookup_lad11_lad21")
    for name, code in zip(lu["LAD21NM"], lu["LAD21CD"], strict=True):
        index[_normalise_name(name)] = code
    return index


def _lep_name_index(ds: Dataset) -> dict[str, tuple[str, str]]:
    lep = load_dataset("lookup_lad21_lep21")
    index: dict[str, tuple[str, str]] = {}
    for cd, nm in list(zip(lep["LEP21CD1"], lep["LEP21NM1"], strict=True)) + list(
            zip(lep["LEP21CD2"], lep["LEP21NM2"], strict=True)):
        if cd:
            index[_normalise_name(nm)] = (cd, nm)
    for alias, official in (ds.extra.get("lep_name_aliases") or {}).items():
        if _normalise_name(official) in index:
            index[_normalise_name(alias)] = index[_normalise_name(official)]
    return index


def _resolve_names(names: pd.Series, prefix: pd.Series, ds: Dataset, path: Path
                   ) -> tuple[pd.Series, pd.Series]:
    """Codes and geography for Nomis ``lep:``/``ladu:``/``country:`` rows (names only)."""
    lad_index = dict(_lad_name_index())
    for alias, official in (ds.extra.get("lad_name_aliases") or {}).items():
        if _normalise_name(official) in lad_index:
            lad_index[_normalise_name(alias)] = lad_index[_normalise_name(official)]
    lep_index = _lep_name_index(ds)
    countries = {"england": "E92000001", "wales": "W92000004", "scotland": "S92000003",
                 "greatbritain": "K03000001", "unitedkingdom": "K02000001"}
    codes, geos, unknown = [], [], []
    for name, pre in zip(names, prefix, strict=True):
        key = _normalise_name(name)
        if pre == "ladu":
            code = lad_index.get(key)
            geo = "LAD"
        elif pre == "lep":
            code = lep_index.get(key, (None, None))[0]
            geo = "LEP"
        else:
            code = countries.get(key)
            geo = "CTRY" if code and code[0] != "K" else "UK"
        if code is None:
            unknown.append(f"{pre}:{name}")
        codes.append(code)
        geos.append(geo)
    if unknown:
        raise SourceFormatError(
            f"{ds.id}: {path.name}: {len(unknown)} area name(s) match no LAD (2011-2023) or LEP "
            f"2021 name, e.g. {unknown[:4]}; add an alias under lep_name_aliases in the registry "
            "entry or check the geography of the download.")
    return pd.Series(codes, index=names.index), pd.Series(geos, index=names.index)


# ------------------------------------------------------------- Nomis tables


def _nomis_period(cell: str) -> tuple[str, str]:
    """Tidy period and label of a Nomis date cell.

    Examples
    --------
    >>> _nomis_period("Jan 2018-Dec 2018"), _nomis_period("2022")
    (('2018', 'Jan-Dec 2018'), ('2022', '2022'))
    """
    text = str(cell).strip()
    years = re.findall(r"(\d{4})", text)
    if not years:
        raise ValueError(text)
    if len(years) == 2 and years[0] != years[1]:
        return f"{years[0]}-{years[1]}", text
    m = re.fullmatch(r"([A-Za-z]{3}) (\d{4})-([A-Za-z]{3}) (\d{4})", text)
    if m:
        return years[-1], f"{m.group(1)}-{m.group(3)} {m.group(4)}"
    return years[-1], text


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")


@parser
def parse_nomis_blocks(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Parse a Nomis table download with one block per period (APS or UK Business Counts).

    The registry entry's ``variables`` maps a fragment of each wanted column label to a
    measure id (e.g. ``"Aged 16-64 - In employment : All People": in_employment_16_64``);
    every mapped label must be found in every block. APS columns come as ``number``,
    ``Flags``, ``conf`` triples; the 95% interval is ``number ± conf``. Rows prefixed
    ``lep:``, ``ladu:`` and ``country:`` are kept (LEP rows as geography ``LEP``, for
    checks against LAD aggregates); DfE user-defined geographies are dropped.
    """
    (path,) = paths
    sheet = str(ds.extra.get("sheet", "Data"))
    raw = _read_sheet(path, sheet, ds)
    variables: dict[str, str] = dict(ds.extra.get("variables") or {})
    if not variables:
        raise SourceFormatError(f"{ds.id}: registry entry has no 'variables' mapping")
    first = raw.iloc[:, 0].astype("string").str.strip()
    starts = list(np.flatnonzero(first.str.lower().eq("date").fillna(False).to_numpy()))
    if not starts:
        raise SourceFormatError(
            f"{ds.id}: {path.name}, sheet {sheet!r}: expected blocks starting with a 'date' row "
            "(a Nomis table download); none found.")
    frames = []
    for b, start in enumerate(starts):
        stop = starts[b + 1] if b + 1 < len(starts) else len(raw)
        block = raw.iloc[start:stop]
        try:
            period, label = _nomis_period(block.iat[0, 1])
        except ValueError:
            raise SourceFormatError(f"{ds.id}: {path.name}, sheet {sheet!r}, row {start + 1}: "
                                    f"cannot read a period from {block.iat[0, 1]!r}") from None
        bfirst = block.iloc[:, 0].astype("string").str.strip()
        hits = np.flatnonzero(bfirst.eq("Area").fillna(False).to_numpy())
        if not len(hits):
            raise SourceFormatError(
                f"{ds.id}: {path.name}, sheet {sheet!r}: block {label!r} (row {start + 1}) has "
                "no header row starting 'Area'; the download layout has changed.")
        h = int(hits[0])
        header = [str(c).strip() for c in block.iloc[h]]
        sub = block.iloc[h + 1].astype(str).str.strip().str.lower().tolist()
        has_ci = "conf" in sub
        columns: dict[str, tuple[int, int | None]] = {}
        for fragment, measure in variables.items():
            found = [i for i, c in enumerate(header) if fragment.lower() in c.lower()]
            if len(found) != 1:
                raise SourceFormatError(
                    f"{ds.id}: {path.name}, sheet {sheet!r}, block {label!r}: expected one column "
                    f"labelled like {fragment!r}, found {len(found)}; header is {header[:8]}…")
            i = found[0]
            conf = i + 2 if has_ci and i + 2 < len(sub) and sub[i + 2] == "conf" else None
            columns[measure] = (i, conf)
        body = block.iloc[h + (2 if has_ci else 1):]
        names = body.iloc[:, 0].astype("string").str.strip()
        prefix = names.str.extract(r"^(lep|ladu|country):", expand=False)
        keep = prefix.notna()
        body, names, prefix = body[keep], names[keep].str.split(":", n=1).str[1], prefix[keep]
        codes, geos = _resolve_names(names.str.strip(), prefix, ds, path)
        for measure, (i, conf) in columns.items():
            values, flags = to_values_and_flags(body.iloc[:, i])
            half = (pd.to_numeric(body.iloc[:, conf], errors="coerce") if conf is not None
                    else pd.Series(np.nan, index=body.index))
            if conf is not None:  # '*' in the interval column: estimate unreliable (sample 3-9)
                _, conf_flags = to_values_and_flags(body.iloc[:, conf])
                unreliable = values.notna() & conf_flags.isin(["*", "!", "~", "-"])
                flags = flags.mask(unreliable, conf_flags)
            frames.append(pd.DataFrame({
                "area_code": codes, "area_name": names.str.strip(), "geography": geos,
                "code_vintage": np.where(geos == "LAD", "LAD21", np.where(geos == "LEP", "LEP21",
                                                                           "CTRY")),
                "period": period, "period_label": label, "measure": measure, "value": values,
                "unit": str(ds.extra.get("unit", "persons")), "price_basis": NOT_APPLICABLE,
                "flag": flags, "lci_95": values - half, "uci_95": values + half,
            }))
    out = pd.concat(frames, ignore_index=True)
    dup = out.duplicated(["area_code", "geography", "period", "measure"], keep=False)
    if dup.any():
        raise SourceFormatError(
            f"{ds.id}: {path.name}: names {sorted(set(out.loc[dup, 'area_name']))[:4]} match the "
            "same code twice in one period")
    return _finish(out, ds)


# ---------------------------------------------------------------------- ASHE

ASHE_COLUMNS: dict[str, tuple[str, str]] = {
    "Median": ("median_weekly_pay", "GBP per week"),
    "Mean": ("mean_weekly_pay", "GBP per week"),
    "(thousand)": ("employee_jobs_thousands", "thousand jobs"),
}
ASHE_SHEETS: dict[str, str] = {"All": "all", "Full-Time": "ft"}
"""Sheets read from an ASHE workbook and the suffix of their measures (``median_weekly_pay_ft``)."""


@parser
def parse_ashe_table(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Parse sheets ``All`` and ``Full-Time`` of an ASHE table 7 or 8 workbook (weekly pay, gross).

    Keeps the median, the mean and the (indicative) number of jobs, as measures
    ``median_weekly_pay_all`` / ``median_weekly_pay_ft`` etc. The year is the registry
    entry's ``period``. LAD rows carry the code of the county or metropolitan county heading
    they are listed under in ``parent_code``. ``x`` (CV over 20%, unreliable) and ``..``
    (disclosive) become missing with their marker as flag.
    """
    (path,) = paths
    period = str(ds.extra.get("period", ""))
    if not re.fullmatch(r"\d{4}", period):
        raise SourceFormatError(f"{ds.id}: registry entry needs 'period' (the ASHE year)")
    frames = []
    for sheet, suffix in ASHE_SHEETS.items():
        raw = _read_sheet(path, sheet, ds)
        h = _find_header_row(raw, "Description", path, sheet, ds)
        header = [str(c).strip() for c in raw.iloc[h]]
        if header[1] != "Code" or "Median" not in header:
            raise SourceFormatError(
                f"{ds.id}: {path.name}, sheet {sheet!r}: expected columns 'Description', 'Code', "
                f"..., 'Median' in row {h + 1}; found {header[:6]}")
        body = raw.iloc[h + 1:].copy()
        body.columns = header
        body = body[body["Code"].notna() & body["Code"].astype(str).str.match(r"^[EWSNK]\d{8}$")]
        codes = body["Code"].astype(str).str.strip()
        geo = codes.map(geography_of_code)
        parent, current = [], ""
        for code, g in zip(codes, geo, strict=True):
            if g in ("CTY", "MCTY", "INLN"):
                current = code
            elif g != "LAD":
                current = ""
            parent.append(current if g == "LAD" else "")
        for col, (measure, unit) in ASHE_COLUMNS.items():
            found = [c for c in body.columns if c == col or c.endswith(col)]
            if not found:
                raise SourceFormatError(f"{ds.id}: {path.name}, sheet {sheet!r}: no column {col!r}")
            values, flags = to_values_and_flags(body[found[0]])
            frames.append(pd.DataFrame({
                "area_code": codes, "area_name": body["Description"].astype(str).str.strip(),
                "geography": geo, "code_vintage": ds.code_vintage, "period": period,
                "period_label": f"April {period}", "measure": f"{measure}_{suffix}",
                "value": values, "unit": unit, "price_basis": CURRENT_PRICES, "flag": flags,
                "parent_code": parent,
            }))
    return _finish(pd.concat(frames, ignore_index=True), ds)


# ---------------------------------------------------- Explore Local Statistics

ELS_COLUMNS = ("areacd", "areanm", "geography", "indicator", "period", "observation",
               "measure", "unit", "lci_95", "uci_95", "status")
_ELS_RENAME = {"lower confidence interval (95%)": "lci_95",
               "upper confidence interval (95%)": "uci_95", "observation status": "status"}


def els_period(text: str) -> tuple[str, str]:
    """Tidy period and label from an ELS ISO period.

    Calendar years become ``"2022"``; financial years (starting in April) ``"2021-2022"``
    labelled ``"2021/22"``; multi-year spans ``"2020-2022"``; single dates their year.

    Examples
    --------
    >>> els_period("2022-01-01/P1Y"), els_period("2021-04-01/P1Y"), els_period("2020-01-01/P3Y")
    (('2022', '2022'), ('2021-2022', '2021/22'), ('2020-2022', '2020-2022'))
    >>> els_period("2025-04-30"), els_period("2019")
    (('2025', 'April 2025'), ('2019', '2019'))
    """
    text = str(text).strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})/P(\d+)Y", text)
    if m:
        year, month, span = int(m.group(1)), int(m.group(2)), int(m.group(4))
        if span == 1 and month == 1:
            return str(year), str(year)
        if span == 1:
            return f"{year}-{year + 1}", f"{year}/{str(year + 1)[2:]}"
        return f"{year}-{year + span - 1}", f"{year}-{year + span - 1}"
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        months = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"]
        return m.group(1), f"{months[int(m.group(2)) - 1]} {m.group(1)}"
    if re.fullmatch(r"\d{4}", text):
        return text, text
    raise ValueError(text)


@parser
def parse_els_csv(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Parse any ONS Explore Local Statistics tidy extract (one generic parser).

    Columns ``areacd, areanm, geography, indicator, period, observation, measure, unit,
    lci_95, uci_95, status`` (any case; the older capitalised layout of some extracts is
    renamed). The measure id is the registry's ``measures`` mapping of the ``indicator``
    text, else its snake-case form. Geography comes from the code: LADs are published
    partly as "Local Authority District" and partly as "County or Unitary Authority", so
    both labels are combined (county councils, E10, become ``CTY``). ``x``/``c``/``u``
    status and empty observations become missing with a flag.
    """
    (path,) = paths
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    frame.columns = [_ELS_RENAME.get(c.strip().lower(), c.strip().lower()) for c in frame.columns]
    missing = [c for c in ELS_COLUMNS if c not in frame.columns]
    if missing:
        raise SourceFormatError(
            f"{ds.id}: {path.name}: expected the Explore Local Statistics columns "
            f"{list(ELS_COLUMNS)}; missing {missing} (found {list(frame.columns)})")
    mapping: dict[str, str] = {str(k): str(v) for k, v in (ds.extra.get("measures") or {}).items()}
    indicator = frame["indicator"].str.strip()
    measure = indicator.map(lambda s: mapping.get(s, _slug(s)))
    try:
        periods = frame["period"].map(els_period)
    except ValueError as exc:
        raise SourceFormatError(f"{ds.id}: {path.name}: unreadable period {exc.args[0]!r}; "
                                "expected ISO dates like 2022-01-01/P1Y") from None
    obs = frame["observation"].where(frame["observation"] != "", None)
    values, flags = to_values_and_flags(obs)
    status = frame["status"].str.strip().str.lower()
    status_flag = status.map({"x": "[x]", "c": "[c]", "u": "[u]", "z": "[z]"}).fillna("")
    flags = flags.mask(values.isna() & (status_flag != ""), status_flag)
    flags = flags.mask(values.notna() & (status_flag != ""), status_flag)
    codes = frame["areacd"].str.strip()
    out = pd.DataFrame({
        "area_code": codes, "area_name": frame["areanm"].str.strip(),
        "geography": codes.map(geography_of_code), "code_vintage": ds.code_vintage,
        "period": periods.str[0], "period_label": periods.str[1], "measure": measure,
        "value": values, "unit": frame["unit"].str.strip().replace("", "not stated"),
        "price_basis": CURRENT_PRICES if frame["unit"].str.contains("£").any() else NOT_APPLICABLE,
        "flag": flags,
        "lci_95": pd.to_numeric(frame["lci_95"], errors="coerce"),
        "uci_95": pd.to_numeric(frame["uci_95"], errors="coerce"),
    })
    out = out[out["geography"] != "OTHER"]
    out = out.drop_duplicates(["area_code", "geography", "period", "measure"], keep="first")
    return _finish(out, ds)


# ------------------------------------------------------------------- GDHI


@parser
def parse_gdhi_parquet(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Parse regional GDHI by LAD (long parquet): GDHI total (£m) and per head (£), B.6g."""
    (path,) = paths
    raw = pd.read_parquet(path)
    need = {"dates.date", "variable.name", "geography.code", "geography.name",
            "transaction.code", "value"}
    if not need <= set(raw.columns):
        raise SourceFormatError(f"{ds.id}: {path.name}: expected columns {sorted(need)}, found "
                                f"{list(raw.columns)}")
    raw = raw[raw["transaction.code"] == "B.6g"]
    variables = {"GDHI total (£m) current prices": ("gdhi_total", "GBP million"),
                 "GDHI per capita (£) current prices": ("gdhi_per_head", "GBP per head")}
    unknown = set(raw["variable.name"]) - set(variables)
    if unknown or raw.empty:
        raise SourceFormatError(f"{ds.id}: {path.name}: unexpected variables {sorted(unknown)} "
                                f"(expected {sorted(variables)})")
    values, flags = to_values_and_flags(raw["value"])
    out = pd.DataFrame({
        "area_code": raw["geography.code"].str.strip(), "area_name": raw["geography.name"],
        "geography": "LAD", "code_vintage": ds.code_vintage,
        "period": pd.to_datetime(raw["dates.date"]).dt.year.astype(str),
        "measure": raw["variable.name"].map(lambda v: variables[v][0]), "value": values,
        "unit": raw["variable.name"].map(lambda v: variables[v][1]),
        "price_basis": CURRENT_PRICES, "flag": flags,
    })
    return _finish(out, ds)


# ---------------------------------------------------------------- IoD 2019

IOD_COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "IMD": {"IMD - Average score": ("imd_average_score", "score"),
            "IMD - Rank of average score": ("imd_rank_of_average_score",
                                            "rank (1 = most deprived)"),
            "IMD - Proportion of LSOAs in most deprived 10% nationally":
                ("imd_share_lsoas_most_deprived_10pct", "proportion")},
    "Income": {"Income - Average score": ("income_average_score", "proportion of people"),
               "Income scale": ("income_deprived_people", "persons")},
    "Employment": {"Employment - Average score": ("employment_average_score",
                                                  "proportion of working-age people"),
                   "Employment scale": ("employment_deprived_people", "persons")},
}


@parser
def parse_iod_lad_summaries(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Parse English Indices of Deprivation 2019, File 10 (LAD summaries, LAD 2019 codes).

    Keeps the IMD average score, its rank and the share of LSOAs in the most deprived 10%,
    and the income and employment domains' average scores and scales (counts of deprived
    people, which add up across districts).
    """
    (path,) = paths
    frames = []
    for sheet, cols in IOD_COLUMNS.items():
        raw = _read_sheet(path, sheet, ds, header=0)
        raw.columns = [str(c).strip() for c in raw.columns]
        need = ["Local Authority District code (2019)", "Local Authority District name (2019)",
                *cols]
        missing = [c for c in need if c not in raw.columns]
        if missing:
            raise SourceFormatError(f"{ds.id}: {path.name}, sheet {sheet!r}: expected columns "
                                    f"{missing} in the first row; found {list(raw.columns)[:6]}")
        raw = raw[raw[need[0]].notna()]
        for col, (measure, unit) in cols.items():
            values, flags = to_values_and_flags(raw[col])
            frames.append(pd.DataFrame({
                "area_code": raw[need[0]].astype(str).str.strip(),
                "area_name": raw[need[1]].astype(str).str.strip(), "geography": "LAD",
                "code_vintage": ds.code_vintage, "period": "2019", "period_label": "IoD 2019",
                "measure": measure, "value": values, "unit": unit,
                "price_basis": NOT_APPLICABLE, "flag": flags,
            }))
    return _finish(pd.concat(frames, ignore_index=True), ds)


# --------------------------------------------------------- Nomis population

_POP_FILES = {"all_ages": "population", "0_15": "population_0_15",
              "65plus": "population_65plus"}


@parser
def parse_nomis_population_csv(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Parse the Nomis local-authority population extracts (all ages, 0-15, 65+), 2016-2021.

    Every code is kept once whatever Nomis geography type listed it (``ladu:``,
    ``ualad19:``, ``ualad14:`` ...), so pre-2019 districts (e.g. Aylesbury Vale) have values
    for the years they existed. ``population_16_64`` = all ages - 0-15 - 65+. These are the
    original (pre-Census 2021) estimates: used only to weight rates published on old codes.
    """
    frames = []
    for path in paths:
        key = next((k for k in _POP_FILES if k in path.name), None)
        if key is None:
            raise SourceFormatError(f"{ds.id}: {path.name}: cannot tell the age band from the "
                                    f"file name (expected one of {list(_POP_FILES)})")
        raw = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
        years = [c for c in raw.columns if re.fullmatch(r"\d{4}", c)]
        if list(raw.columns[:2]) != ["Area", "mnemonic"] or not years:
            raise SourceFormatError(f"{ds.id}: {path.name}: expected columns Area, mnemonic, "
                                    f"<years>; found {list(raw.columns)[:5]}")
        raw = raw[raw["mnemonic"].str.match(LAD_PATTERN)].drop_duplicates("mnemonic")
        long = raw.melt(id_vars=["Area", "mnemonic"], value_vars=years, var_name="period",
                        value_name="raw")
        values, flags = to_values_and_flags(long["raw"])
        frames.append(pd.DataFrame({
            "area_code": long["mnemonic"], "area_name": long["Area"].str.split(":", n=1).str[-1],
            "geography": "LAD", "code_vintage": "LAD_ANY", "period": long["period"],
            "measure": _POP_FILES[key], "value": values, "unit": "persons",
            "price_basis": NOT_APPLICABLE, "flag": flags}))
    out = pd.concat(frames, ignore_index=True)
    wide = out.pivot_table(index=["area_code", "period"], columns="measure", values="value",
                           aggfunc="first")
    if {"population", "population_0_15", "population_65plus"} <= set(wide.columns):
        wa = (wide["population"] - wide["population_0_15"] - wide["population_65plus"]).rename(
            "value").reset_index()
        names = out.drop_duplicates("area_code").set_index("area_code")["area_name"]
        wa = wa.assign(area_name=wa["area_code"].map(names), geography="LAD",
                       code_vintage="LAD_ANY", measure="population_16_64", unit="persons",
                       price_basis=NOT_APPLICABLE,
                       flag=np.where(wa["value"].isna(), "-", ""))
        out = pd.concat([out, wa], ignore_index=True)
    return _finish(out, ds)
