"""Parser for HESA's HE-BCI open data: income of HE providers from business and community services.

``parse_hesa_hebci_services`` reads HESA's *Table 2a - Business and community services by HE
provider* (Higher Education Business and Community Interaction survey, open data), one CSV
row per HE provider, academic year, type of service, type of organisation and number or value.
HESA's open-data CSVs open with a block of title and metadata lines (11 in the editions seen)
before the header row; the header is found as the first line whose first cell is ``UKPRN``.

The columns read are ``UKPRN``, ``HE Provider``, ``Region of HE provider``, ``Academic Year``
(``2022/23``: August to July), ``Type of service`` (``Consultancy``, ``Contract research``,
``Facilities and equipment related``), ``Type of organisation`` (SMEs, other commercial
businesses, non-commercial organisations and ``Total``), ``Number/Value Marker`` (``Number``
of contracts or ``Value`` of income), ``Unit`` (``£000s``) and ``Number/Value``.

The measure is the **income from business and community services**: the ``Value`` rows of the
``Total`` organisation type, summed over the three types of service, in £ thousands at current
prices, by academic year. Each provider is placed in the region of its administrative centre,
as HESA does (nine English regions, Scotland, Wales, Northern Ireland): the rows are regions
(``E12000001`` to ``E12000009``), nations, England (``E92000001``, the English regions'
sum) and the UK (``K02000001``). HESA publishes no provider-to-district lookup, so nothing
finer than a region is produced.

A value that is not a number (a marker such as ``[c]``, ``x``, ``..`` or an empty cell) is
missing, never zero: a region whose sum would include it is missing too, its flag naming the
marker and the provider, because a sum without that provider would understate the region.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from lis_analytics.data.parsers import parser, to_values_and_flags
from lis_analytics.data.parsers_indicators import _finish
from lis_analytics.data.parsers_innovation import financial_year
from lis_analytics.data.registry import Dataset
from lis_analytics.data.tidy import CURRENT_PRICES, NOT_APPLICABLE
from lis_analytics.errors import SourceFormatError

REQUIRED_COLUMNS: tuple[str, ...] = (
    "UKPRN", "HE Provider", "Region of HE provider", "Academic Year", "Type of service",
    "Type of organisation", "Number/Value Marker", "Number/Value")
"""Columns of HESA's Table 2a CSV the parser reads (``Unit`` is checked when present)."""

SERVICES: tuple[str, ...] = ("Consultancy", "Contract research",
                             "Facilities and equipment related")
"""The types of service summed (HESA's own labels; a ``Total`` service row is ignored)."""

REGION_CODES: dict[str, tuple[str, str]] = {
    "North East": ("E12000001", "RGN"), "North West": ("E12000002", "RGN"),
    "Yorkshire and The Humber": ("E12000003", "RGN"), "East Midlands": ("E12000004", "RGN"),
    "West Midlands": ("E12000005", "RGN"), "East of England": ("E12000006", "RGN"),
    "London": ("E12000007", "RGN"), "South East": ("E12000008", "RGN"),
    "South West": ("E12000009", "RGN"), "Scotland": ("S92000003", "CTRY"),
    "Wales": ("W92000004", "CTRY"), "Northern Ireland": ("N92000002", "CTRY"),
}
"""HESA's region of HE provider (by administrative centre) -> GSS code and geography."""

ENGLAND, UK = ("E92000001", "England"), ("K02000001", "United Kingdom")


def _key(name: object) -> str:
    return re.sub(r"[^a-z]+", "", str(name).lower().replace("&", "and"))


_REGION_KEYS = {_key(name): name for name in REGION_CODES}


def academic_year(text: object) -> tuple[str, str] | None:
    """``(period, label)`` of an academic year (August to July) as HESA writes it.

    Examples
    --------
    >>> academic_year("2022/23"), academic_year("2014/2015"), academic_year("Total")
    (('2022-2023', '2022/23'), ('2014-2015', '2014/15'), None)
    """
    return financial_year(text)  # written the same way as Innovate UK's financial years


def read_hesa_csv(text: str, what: str) -> pd.DataFrame:
    r"""A HESA open-data CSV as a table: the metadata lines above the header are skipped.

    Parameters
    ----------
    text : str
        The file's text.
    what : str
        The file, for messages.

    Returns
    -------
    DataFrame
        Every column as text, header from the first line whose first cell is ``UKPRN``.

    Raises
    ------
    SourceFormatError
        No line starts with ``UKPRN``.

    Examples
    --------
    >>> read_hesa_csv('"Title: Table 2a"\n"Data source: HESA"\nUKPRN,HE Provider\n1,A\n',
    ...               "t.csv").to_dict("records")
    [{'UKPRN': '1', 'HE Provider': 'A'}]
    """
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines)
                  if line.lstrip("\ufeff").strip().strip('"').startswith("UKPRN")), None)
    if start is None:
        head = [line[:60] for line in lines[:3]]
        raise SourceFormatError(f"{what}: no header row starting 'UKPRN' (HESA open-data CSVs "
                                f"have metadata lines, then the header); the file opens {head}")
    return pd.read_csv(io.StringIO("\n".join(lines[start:])), dtype=str,
                       keep_default_na=False)


def hebci_services_by_region(raw: pd.DataFrame, what: str) -> pd.DataFrame:
    """Income from business and community services by region and academic year (pure).

    Parameters
    ----------
    raw : DataFrame
        HESA's Table 2a rows (text), as :func:`read_hesa_csv` gives them.
    what : str
        The file, for messages.

    Returns
    -------
    DataFrame
        ``area_code, geography, area_name, period, period_label, income_gbp_k`` (£ thousands,
        ``NaN`` where a provider's value is a marker), ``providers`` (HE providers counted)
        and ``flag``: regions, nations, England and the UK.

    Raises
    ------
    SourceFormatError
        A column is missing, a region, academic year or type of service is not one HESA
        publishes, or a value row's unit is not ``£000s``.

    Examples
    --------
    >>> raw = pd.DataFrame({"UKPRN": ["1", "1", "2", "2"], "HE Provider": ["A", "A", "B", "B"],
    ...     "Region of HE provider": ["North East", "North East", "North East", "North East"],
    ...     "Academic Year": "2022/23",
    ...     "Type of service": ["Consultancy", "Contract research", "Consultancy", "Consultancy"],
    ...     "Type of organisation": ["Total", "Total", "Total", "SME's"],
    ...     "Number/Value Marker": "Value", "Unit": "£000s",
    ...     "Number/Value": ["100", "50", "7", "3"]})
    >>> r = hebci_services_by_region(raw, "t.csv")
    >>> r[["area_code", "period", "income_gbp_k", "providers"]].values.tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [['E12000001', '2022-2023', 157.0, 2], ['E92000001', '2022-2023', 157.0, 2],
     ['K02000001', '2022-2023', 157.0, 2]]
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        raise SourceFormatError(f"{what}: no column(s) {missing}; expected HESA's Table 2a "
                                f"header {list(REQUIRED_COLUMNS)}, the header holds "
                                f"{list(raw.columns)[:20]}")
    rows = raw[(raw["Number/Value Marker"].str.strip() == "Value")
               & (raw["Type of organisation"].str.strip() == "Total")].copy()
    service = rows["Type of service"].str.strip()
    unknown = sorted(set(service) - set(SERVICES) - {"Total"})
    if unknown:
        raise SourceFormatError(f"{what}: types of service {unknown[:5]} are not HESA's "
                                f"{list(SERVICES)}")
    rows = rows[service.isin(SERVICES)]
    if "Unit" in rows.columns:
        units = sorted(set(rows["Unit"].str.strip()) - {"£000s", ""})
        if units:
            raise SourceFormatError(f"{what}: value rows in unit(s) {units}; expected £000s")
    years = rows["Academic Year"].map(academic_year)
    bad = sorted(rows.loc[years.isna(), "Academic Year"].astype(str).unique())
    if bad:
        raise SourceFormatError(f"{what}: academic years {bad[:5]} are not written as 2022/23")
    region = rows["Region of HE provider"].map(lambda n: _REGION_KEYS.get(_key(n)))
    lost = sorted(rows.loc[region.isna(), "Region of HE provider"].astype(str).unique())
    if lost:
        raise SourceFormatError(f"{what}: regions of HE provider {lost[:5]} are not HESA's "
                                f"{list(REGION_CODES)}")
    values, flags = to_values_and_flags(rows["Number/Value"])
    rows = rows.assign(period=[y[0] for y in years], period_label=[y[1] for y in years],
                       region=region, value=values,
                       marker=np.where(values.isna(), flags + " (" + rows["HE Provider"] + ")",
                                       ""))
    frames = [rows.assign(area_code=rows["region"].map(lambda r: REGION_CODES[r][0]),
                          geography=rows["region"].map(lambda r: REGION_CODES[r][1]),
                          area_name=rows["region"])]
    english = rows[rows["region"].map(lambda r: REGION_CODES[r][1] == "RGN")]
    frames.append(english.assign(area_code=ENGLAND[0], geography="CTRY", area_name=ENGLAND[1]))
    frames.append(rows.assign(area_code=UK[0], geography="UK", area_name=UK[1]))
    both = pd.concat(frames, ignore_index=True)
    out = both.groupby(["area_code", "geography", "area_name", "period", "period_label"],
                       as_index=False).agg(
        income_gbp_k=("value", lambda v: v.sum() if v.notna().all() else np.nan),
        providers=("UKPRN", "nunique"),
        flag=("marker", lambda m: "; ".join(sorted({x for x in m if x}))))
    return out.sort_values(["period", "area_code"]).reset_index(drop=True)


@parser
def parse_hesa_hebci_services(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """HESA's HE-BCI Table 2a CSV as tidy region rows.

    Measures: ``hebci_services_income_gbp_k`` (income from consultancy, contract research and
    facilities and equipment related services, all types of organisation, £ thousands,
    current prices) and ``hebci_providers`` (HE providers counted) by region, nation, England
    and UK, and academic year.
    """
    frames = []
    for path in paths:
        try:
            text = Path(path).read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SourceFormatError(f"{ds.id}: {Path(path).name} is not UTF-8 text ({exc})"
                                    ) from exc
        what = f"{ds.id}: {Path(path).name}"
        frames.append(hebci_services_by_region(read_hesa_csv(text, what), what))
    both = pd.concat(frames, ignore_index=True)
    long = both.melt(id_vars=["area_code", "geography", "area_name", "period", "period_label",
                              "flag"], value_vars=["income_gbp_k", "providers"], var_name="what")
    long["measure"] = long["what"].map({"income_gbp_k": "hebci_services_income_gbp_k",
                                        "providers": "hebci_providers"})
    long["unit"] = long["what"].map({"income_gbp_k": "GBP thousands",
                                     "providers": "HE providers"})
    long["price_basis"] = np.where(long["what"] == "income_gbp_k", CURRENT_PRICES,
                                   NOT_APPLICABLE)
    long.loc[long["what"] == "providers", "flag"] = ""
    long["code_vintage"] = "region of the HE provider's administrative centre (HESA)"
    return _finish(long.drop(columns="what"), ds)
