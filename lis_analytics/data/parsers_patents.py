"""Parser for patents by area: the OECD Regional Innovation patents dataflow (SDMX-CSV).

``parse_oecd_regional_patents`` reads the answer of the OECD Data Explorer's SDMX REST API
(``https://sdmx.oecd.org/public/rest/data/<agency>,<dataflow>,<version>/<key>``) for the
regional patents dataflow ``OECD.CFE.EDS,DSD_REG_INNOV@DF_PAT``, asked for as SDMX-CSV with
labels (``format=csvfilewithlabels``): one row per observation, the columns ``STRUCTURE``,
``STRUCTURE_ID``, ``STRUCTURE_NAME``, ``ACTION``, then each dimension as a code column
followed by its label column (``FREQ``, ``Frequency of observation``, ``TERRITORIAL_LEVEL``,
``Territorial level``, ``REF_AREA``, ``Reference area``, ``MEASURE``, ``Measure``, ...),
``TIME_PERIOD``, ``Time period``, ``OBS_VALUE``, ``Observation value`` and the attributes
(``OBS_STATUS``, ``Observation status``, ``UNIT_MULT``, ...).

The registry entry's ``select`` (dimension -> code) picks the series: small regions
(``TERRITORIAL_LEVEL`` ``TL3``) and the measure of PCT patent applications. The UK's TL3
regions are taken (codes ``UK...``, NUTS 2016 style, or ``TL...``) and given ITL 2021 codes
(:func:`itl3_2021_codes`), the codes of the ITL lookups the indicator framework reads. One
measure per region and year: PCT patent applications as the OECD counts them (fractional
counts, by the inventor's region, in the priority year), so values need not be whole numbers.

A missing observation (empty ``OBS_VALUE``, or a status of missing or confidential) is kept
as missing with its status as the flag, never as zero. A layout the parser does not know (a
column missing, no row for the selection, several series left per region and year, region
codes that are not UK ITL3 regions carrying patents) stops the build with a
:class:`~lis_analytics.errors.SourceFormatError` naming the file and what was expected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from lis_analytics.data.parsers import parser
from lis_analytics.data.parsers_indicators import _finish
from lis_analytics.data.registry import Dataset
from lis_analytics.data.store import load_dataset
from lis_analytics.data.tidy import NOT_APPLICABLE
from lis_analytics.errors import SourceFormatError

REQUIRED_COLUMNS: tuple[str, ...] = (
    "STRUCTURE_ID", "TERRITORIAL_LEVEL", "REF_AREA", "Reference area", "TIME_PERIOD",
    "OBS_VALUE")
"""Columns of the SDMX-CSV (with labels) answer the parser reads (besides ``select``)."""

MISSING_STATUS: dict[str, str] = {"M": "[x]", "L": "[x]", "O": "[x]", "C": "[c]", "N": "[c]"}
"""SDMX observation status codes read as missing: missing, not existing, confidential."""

UNPLACED_LIMIT = 0.01
"""Largest share of the UK's patents on codes that are no ITL3 region (else an error)."""

MEASURE = "pct_patent_applications"
UNIT = "PCT patent applications (fractional count, inventor's region, priority year)"


def itl3_2021_codes(codes: Sequence[str], lookup: pd.DataFrame) -> dict[str, str | None]:
    """ITL 2021 code of each UK small-region (TL3) code, ``None`` where it has none.

    ``UK`` codes are the NUTS 2016 codes, which the ITL 2021 classification keeps with
    ``TL`` in place of ``UK`` (ONS: ITL 2021 mirrors NUTS 2016). ``TL`` codes found among the
    ITL 2021 codes are kept; other ``TL`` codes are read as ITL 2025 codes and given the ITL
    2021 code of the same region when the ONS lookup pairs them one to one (a renamed
    region); an ITL 2025 region made of parts of several 2021 regions (or split from one)
    has none, and neither has a code that is no ITL3 region (e.g. ``UKZZZ``, extra-regio).

    Parameters
    ----------
    codes : sequence of str
        Region codes as published.
    lookup : DataFrame
        The ``lookup_itl321_itl325`` table (``ITL321CD``, ``ITL325CD``).

    Returns
    -------
    dict
        Published code -> ITL 2021 ITL3 code, or ``None``.

    Examples
    --------
    >>> lu = pd.DataFrame({"ITL321CD": ["TLD33", "TLC11", "TLD11", "TLD11", "TLD12"],
    ...                    "ITL325CD": ["TLD33", "TLC31", "TLD13", "TLD14", "TLD13"]})
    >>> itl3_2021_codes(["UKD33", "TLC11", "TLC31", "TLD13", "UKZZZ"], lu)
    {'UKD33': 'TLD33', 'TLC11': 'TLC11', 'TLC31': 'TLC11', 'TLD13': None, 'UKZZZ': None}
    """
    itl21 = set(lookup["ITL321CD"])
    pairs = lookup[["ITL321CD", "ITL325CD"]].drop_duplicates()
    n21 = pairs.groupby("ITL321CD")["ITL325CD"].transform("size")
    n25 = pairs.groupby("ITL325CD")["ITL321CD"].transform("size")
    renamed = dict(zip(pairs.loc[(n21 == 1) & (n25 == 1), "ITL325CD"],
                       pairs.loc[(n21 == 1) & (n25 == 1), "ITL321CD"], strict=True))
    out: dict[str, str | None] = {}
    for code in codes:
        text = str(code).strip()
        as_tl = "TL" + text[2:] if text.startswith("UK") else text
        if text.startswith("UK"):
            out[code] = as_tl if as_tl in itl21 else None
        elif as_tl in itl21:
            out[code] = as_tl
        else:
            out[code] = renamed.get(as_tl)
    return out


def _status_flag(status: object) -> str:
    text = "" if status is None or (isinstance(status, float) and np.isnan(status)) \
        else str(status).strip()
    return MISSING_STATUS.get(text.upper(), f"[{text}]" if text and text.upper() != "A" else "")


def oecd_patents_by_itl3(raw: pd.DataFrame, select: Mapping[str, str], lookup: pd.DataFrame,
                         what: str) -> pd.DataFrame:
    """PCT patent applications by UK ITL3 region (ITL 2021 codes) and year (pure).

    Parameters
    ----------
    raw : DataFrame
        The SDMX-CSV answer with labels, read as text.
    select : mapping
        Dimension -> code picking one series per region and year (e.g.
        ``{"TERRITORIAL_LEVEL": "TL3", "MEASURE": "..."}``), from the registry.
    lookup : DataFrame
        ``lookup_itl321_itl325`` (see :func:`itl3_2021_codes`).
    what : str
        The file, for messages.

    Returns
    -------
    DataFrame
        ``area_code`` (ITL 2021), ``area_name`` (as published), ``period`` (year),
        ``value`` (patent applications; missing where the OECD marks it), ``flag``.

    Raises
    ------
    SourceFormatError
        A column is missing, the selection matches no row (the codes found are named),
        several series are left per region and year, or codes that are no UK ITL3 region
        carry more than :data:`UNPLACED_LIMIT` of the UK's patents.

    Examples
    --------
    >>> raw = pd.DataFrame({"STRUCTURE_ID": "OECD.CFE.EDS:DSD_REG_INNOV@DF_PAT(2.6)",
    ...     "TERRITORIAL_LEVEL": ["TL3", "TL3", "TL2"], "REF_AREA": ["UKD33", "UKD33", "UKD3"],
    ...     "Reference area": ["Manchester", "Manchester", "Greater Manchester"],
    ...     "MEASURE": "PCT", "TIME_PERIOD": ["2018", "2019", "2019"],
    ...     "OBS_VALUE": ["41.5", "", "90"], "OBS_STATUS": ["A", "M", "A"]})
    >>> lu = pd.DataFrame({"ITL321CD": ["TLD33"], "ITL325CD": ["TLD33"]})
    >>> oecd_patents_by_itl3(raw, {"TERRITORIAL_LEVEL": "TL3", "MEASURE": "PCT"}, lu,
    ...                      "t.csv").values.tolist()
    [['TLD33', 'Manchester', '2018', 41.5, ''], ['TLD33', 'Manchester', '2019', nan, '[x]']]
    """
    missing = [c for c in (*REQUIRED_COLUMNS, *select) if c not in raw.columns]
    if missing:
        raise SourceFormatError(
            f"{what}: no column(s) {missing} in the SDMX-CSV answer; expected the OECD "
            f"Data Explorer's csvfilewithlabels layout; the header holds {list(raw.columns)[:30]}")
    rows = raw
    for column, code in select.items():
        kept = rows[rows[column].astype(str).str.strip() == str(code)]
        if kept.empty:
            at = list(raw.columns).index(column) + 1  # the label column follows the code
            label = raw.columns[at] if at < len(raw.columns) and \
                not raw.columns[at].isupper() else None
            found = rows[[column] + ([label] if label else [])].drop_duplicates().head(12)
            raise SourceFormatError(
                f"{what}: no row with {column} == {code!r}; the answer holds "
                f"{found.astype(str).agg(' '.join, axis=1).tolist()}: the dataflow changed; "
                "update `select` in the registry entry (and check the parser)")
        rows = kept
    uk = rows["REF_AREA"].astype(str).str.strip().str.match(r"^(UK|TL)")
    if "COUNTRY" in rows.columns:  # the regional flows' country attribute, where present
        uk &= rows["COUNTRY"].astype(str).str.strip().isin(["GBR", ""])
    rows = rows[uk].copy()
    if rows.empty:
        raise SourceFormatError(f"{what}: no UK region (REF_AREA starting UK or TL) in the "
                                "selection; the query or the dataflow changed")
    values = pd.to_numeric(rows["OBS_VALUE"], errors="coerce")
    if "UNIT_MULT" in rows.columns:
        mult = pd.to_numeric(rows["UNIT_MULT"], errors="coerce").fillna(0)
        values = values * np.power(10.0, mult)
    status = rows["OBS_STATUS"] if "OBS_STATUS" in rows.columns else pd.Series("", rows.index)
    flags = status.map(_status_flag)
    gone = values.isna() | flags.isin(["[x]", "[c]"])
    values = values.mask(gone)
    flags = flags.mask(gone & (flags == ""), "[x]")
    mapping = itl3_2021_codes(sorted(set(rows["REF_AREA"])), lookup)
    out = pd.DataFrame({"area_code": rows["REF_AREA"].map(mapping),
                        "area_name": rows["Reference area"].astype(str).str.strip(),
                        "period": rows["TIME_PERIOD"].astype(str).str.strip().str[:4],
                        "value": values.astype("float64"), "flag": flags.astype(str)})
    lost = out[out["area_code"].isna()]
    total = out["value"].sum()
    if total and lost["value"].sum() > UNPLACED_LIMIT * total:
        codes = sorted(set(rows.loc[lost.index, "REF_AREA"]))[:10]
        raise SourceFormatError(
            f"{what}: region codes {codes} match no ITL3 region (ITL 2021, or ITL 2025 renamed "
            f"one to one) and carry {lost['value'].sum() / total:.1%} of the UK's patents; "
            "check the code vintage of the dataflow")
    out = out[out["area_code"].notna()]
    twice = out.duplicated(["area_code", "period"], keep=False)
    if twice.any():
        varying = [c for c in rows.columns if c.isupper() and c not in
                   ("OBS_VALUE", "OBS_STATUS", "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME",
                    "ACTION") and rows.loc[twice[twice].index, c].nunique() > 1]
        raise SourceFormatError(
            f"{what}: several series per region and year (dimensions {varying} vary); pin "
            "one code for each in `select` in the registry entry")
    return out.sort_values(["period", "area_code"]).reset_index(drop=True)


@parser
def parse_oecd_regional_patents(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """The OECD regional patents answer (SDMX-CSV with labels) as tidy ITL3 rows.

    Measure ``pct_patent_applications`` by ITL3 region (ITL 2021 codes) and year; the
    registry's ``select`` picks the series (see :func:`oecd_patents_by_itl3`).
    """
    select = dict(ds.extra.get("select", {}) or {})
    lookup = load_dataset("lookup_itl321_itl325")
    frames = []
    for path in paths:
        try:
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise SourceFormatError(f"{ds.id}: {path.name} is not a readable CSV ({exc})"
                                    ) from exc
        frames.append(oecd_patents_by_itl3(raw, select, lookup, f"{ds.id}: {path.name}"))
    out = pd.concat(frames, ignore_index=True).drop_duplicates(["area_code", "period"])
    out["measure"] = MEASURE
    out["unit"] = UNIT
    out["price_basis"] = NOT_APPLICABLE
    out["geography"] = "ITL3"
    out["code_vintage"] = "ITL 2021 (from the OECD's TL3 codes)"
    return _finish(out, ds)
