"""Labour productivity for Local Industrial Strategy areas.

Pure functions (no file access) that turn the tidy long tables of the data layer
(``productivity_lad``, ``productivity_itl``, ``productivity_ca``,
``gva_lad_industry``, ``population_lad``; see :mod:`lis_analytics.data.tidy`) into
the productivity evidence of a Local Industrial Strategy:

* levels of GVA per hour worked and per filled job for any area given as a set of
  local authority district (LAD) codes, aggregated as a **ratio of sums**, with an
  index (UK = 100) and a record of missing districts
  (:func:`aggregate_productivity`, :func:`aggregate_areas`, :func:`aggregate_each`);
* real (chained-volume) productivity growth over standard windows
  (:func:`standard_windows`, :func:`growth_table`, :func:`cvm_growth`,
  :func:`real_productivity_lad`, :func:`real_productivity_each`);
* the gap to the pre-2008 trend, the "productivity puzzle" at local scale
  (:func:`trend_gap`);
* the productivity gap in pounds (:func:`productivity_gap_gbp`);
* an exact decomposition of GVA per head (:func:`gva_per_head_inputs`,
  :func:`decompose_gva_per_head`);
* variation between the districts of an area (:func:`lad_variation`,
  :func:`rank_areas`);
* plain-English key findings generated from the results (:func:`key_findings`).

Conventions
-----------
* ONS publishes hours worked **per week**. Annual hours are weekly hours x 52
  (:data:`WEEKS_PER_YEAR`), the convention ONS uses to turn annual GVA into GVA
  per hour worked. LAD annual GVA implied by the workbook is therefore
  ``gva_per_hour x hours_per_week x 52`` (or ``gva_per_job x filled_jobs``).
* "UK" means "UK less extra-regio", the ``UKX`` row of the ONS workbooks.
* Periods are text years (``"2022"``); growth rates are returned in percent a
  year in columns ending ``_pct``; :func:`cagr` itself returns a fraction.
* Missing values are never dropped silently: area figures carry the list of
  districts without data and a ``complete`` flag.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

import numpy as np
import pandas as pd

from lis_analytics import errors as _errors

__all__ = [
    "PRE_CRISIS",
    "POST_CRISIS",
    "UK",
    "WEEKS_PER_YEAR",
    "Area",
    "GrowthWindow",
    "IncompleteDataError",
    "ProductivityError",
    "UnknownAreaError",
    "UnknownMeasureError",
    "aggregate_areas",
    "aggregate_each",
    "aggregate_productivity",
    "area_names",
    "cagr",
    "check_area_codes",
    "cvm_growth",
    "decompose_gva_per_head",
    "example_table",
    "format_gbp",
    "format_pct",
    "growth_table",
    "gva_per_head_inputs",
    "implied_gva",
    "key_findings",
    "lad_codes",
    "lad_variation",
    "pivot_measure",
    "productivity_gap_gbp",
    "rank_areas",
    "real_productivity_each",
    "real_productivity_lad",
    "standard_windows",
    "to_tidy",
    "trend_gap",
]

WEEKS_PER_YEAR: int = 52
"""Weeks used by ONS to turn weekly hours worked into annual hours."""

UK_CODE = "UKX"
PRE_CRISIS: tuple[str, str] = ("2004", "2008")
"""Pre-financial-crisis growth window (first and last year)."""
POST_CRISIS: tuple[str, str] = ("2010", "2019")
"""Post-crisis, pre-pandemic growth window (first and last year)."""
PANDEMIC_BASE = "2019"

_LAD_CODE = re.compile(r"^(E0[6-9]|W06|S12|N09)\d{6}$")
_REQUIRED_TIDY = ("area_code", "period", "measure", "value")

Per = Literal["hour", "job"]
OnMissing = Literal["flag", "nan", "raise"]


class _PerSpec(NamedTuple):
    rate: str  # measure holding GVA per unit of labour (GBP)
    labour: str  # measure holding the labour input
    scale: int  # multiplier turning the labour measure into an annual quantity
    column: str  # output column holding the annual labour input
    noun: str  # words used in sentences


_PER: dict[str, _PerSpec] = {
    "hour": _PerSpec("gva_per_hour", "hours_per_week", WEEKS_PER_YEAR, "hours", "hour worked"),
    "job": _PerSpec("gva_per_job", "filled_jobs", 1, "jobs", "filled job"),
}
_CVM_INDEX = {"hour": "gva_per_hour_cvm_index", "job": "gva_per_job_cvm_index"}


# ----------------------------------------------------------------------------------------------
# Errors and areas
# ----------------------------------------------------------------------------------------------


class ProductivityError(_errors.LisError, ValueError):
    """Bad input to a productivity function (base class of this module's errors)."""


class UnknownMeasureError(ProductivityError):
    """A measure id that the table does not hold."""


class UnknownAreaError(_errors.UnknownAreaError, ProductivityError):
    """Area codes that the table does not hold.

    Also a :class:`lis_analytics.errors.UnknownAreaError` (a ``KeyError``) and a
    ``ValueError``, so either kind of handler catches it.
    """


class IncompleteDataError(ProductivityError):
    """Data needed for a figure are missing and the caller asked for an error."""


def _normalise_codes(codes: str | Iterable[str]) -> tuple[str, ...]:
    if isinstance(codes, str):
        codes = [codes]
    try:
        items = list(codes)
    except TypeError as exc:
        raise ProductivityError(
            f"area codes must be a string or an iterable of strings, got {type(codes).__name__}"
        ) from exc
    out: list[str] = []
    for code in items:
        if not isinstance(code, str):
            raise ProductivityError(f"area codes must be strings, got {code!r}")
        code = code.strip()
        if not code:
            raise ProductivityError("empty area code")
        if code not in out:
            out.append(code)
    if not out:
        raise ProductivityError("an area needs at least one area code")
    return tuple(out)


@dataclass(frozen=True)
class Area:
    """A named area made of one or more area codes (usually LAD codes).

    Parameters
    ----------
    name : str
        Name used in outputs and sentences, e.g. ``"Greater Manchester"``.
    codes : iterable of str
        Area codes; duplicates are removed, order is kept. A single string is one
        code. Published areas (e.g. ``"UKX"`` or an ITL code) work the same way.

    Examples
    --------
    >>> Area("Two districts", ["E06000001", "E06000002", "E06000001"])
    Area(name='Two districts', codes=('E06000001', 'E06000002'))
    >>> UK
    Area(name='UK', codes=('UKX',))
    """

    name: str
    codes: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "codes", _normalise_codes(self.codes))
        if not isinstance(self.name, str) or not self.name.strip():
            raise ProductivityError("an Area needs a non-empty name")

    @classmethod
    def of(cls, area: Area | str | Iterable[str], name: str | None = None) -> Area:
        """Return ``area`` as an :class:`Area`.

        Parameters
        ----------
        area : Area, str or iterable of str
            An existing area, one code, or several codes.
        name : str, optional
            Name to use; defaults to the area's own name, the single code, or
            ``"Area"``.

        Returns
        -------
        Area

        Examples
        --------
        >>> Area.of("UKX").name
        'UKX'
        >>> Area.of(["E06000001", "E06000002"], name="Tees").codes
        ('E06000001', 'E06000002')
        """
        if isinstance(area, Area):
            return area if name is None else cls(name, area.codes)
        codes = _normalise_codes(area)
        if name is None:
            name = codes[0] if len(codes) == 1 else "Area"
        return cls(name, codes)


UK = Area("UK", (UK_CODE,))
"""The UK less extra-regio, as published (the ``UKX`` row of ONS workbooks)."""


# ----------------------------------------------------------------------------------------------
# Tidy-table helpers
# ----------------------------------------------------------------------------------------------


def _check_tidy(tidy: pd.DataFrame, extra: Sequence[str] = ()) -> None:
    if not isinstance(tidy, pd.DataFrame):
        raise ProductivityError(f"expected a tidy pandas DataFrame, got {type(tidy).__name__}")
    missing = [c for c in (*_REQUIRED_TIDY, *extra) if c not in tidy.columns]
    if missing:
        raise ProductivityError(
            f"table lacks column(s) {missing}; expected the tidy layout with columns "
            f"{list(_REQUIRED_TIDY)} (see lis_analytics.data.tidy)"
        )


def _dataset_label(tidy: pd.DataFrame) -> str:
    if "dataset_id" in tidy.columns and len(tidy):
        ids = sorted({str(x) for x in tidy["dataset_id"].dropna().unique()})
        if ids:
            return ", ".join(ids[:3]) + (" ..." if len(ids) > 3 else "")
    return "table"


def _period_key(period: str) -> tuple[int, int | str]:
    s = str(period)
    return (0, int(s)) if s.isdigit() else (1, s)


def _sort_periods(periods: Iterable[object]) -> list[str]:
    return sorted({str(p) for p in periods}, key=_period_key)


def _year(period: object) -> int:
    s = str(period)
    if not s.isdigit():
        raise ProductivityError(
            f"period {s!r} is not a single year; growth needs years like '2022'"
        )
    return int(s)


def _measures(tidy: pd.DataFrame) -> list[str]:
    return sorted({str(m) for m in tidy["measure"].dropna().unique()})


def _check_measure(tidy: pd.DataFrame, measure: str) -> None:
    available = _measures(tidy)
    if measure not in available:
        close = difflib.get_close_matches(measure, available, n=3, cutoff=0.5)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise UnknownMeasureError(
            f"unknown measure {measure!r} in {_dataset_label(tidy)}.{hint} "
            f"Available: {', '.join(available) or '(none)'}"
        )


def to_tidy(
    wide: pd.DataFrame,
    measure: str,
    *,
    unit: str = "",
    price_basis: str = "",
    dataset_id: str = "example",
    names: Mapping[str, str] | None = None,
    geography: str | Mapping[str, str] | None = None,
    code_vintage: str = "",
) -> pd.DataFrame:
    """Turn a wide table (rows area codes, columns periods) into the tidy layout.

    Handy for examples, tests and hand-made inputs.

    Parameters
    ----------
    wide : DataFrame
        Index: area codes; columns: periods (converted to text).
    measure : str
        Measure id written to the ``measure`` column.
    unit, price_basis, dataset_id, code_vintage : str
        Written as they are.
    names : mapping, optional
        Area code -> name; defaults to the code.
    geography : str or mapping, optional
        One label for all rows or a code -> label mapping. By default ``"UK"`` for
        ``UKX`` and ``"LAD"`` otherwise.

    Returns
    -------
    DataFrame
        Columns ``dataset_id, area_code, area_name, geography, code_vintage, period,
        measure, value, unit, price_basis, flag``; one row per cell, NaN kept.

    Examples
    --------
    >>> wide = pd.DataFrame({"2021": [30.0, 25.0]}, index=["E06000001", "UKX"])
    >>> t = to_tidy(wide, "gva_per_hour", unit="GBP")
    >>> print(t[["area_code", "geography", "period", "measure", "value"]].to_string(index=False))
    area_code geography period      measure  value
    E06000001       LAD   2021 gva_per_hour   30.0
          UKX        UK   2021 gva_per_hour   25.0
    """
    if not isinstance(wide, pd.DataFrame):
        raise ProductivityError("wide must be a DataFrame with area codes as index")
    w = wide.copy()
    w.index = pd.Index([str(i) for i in w.index], name="area_code")
    w.columns = pd.Index([str(c) for c in w.columns], name="period")
    long = w.stack(future_stack=True).rename("value").reset_index()
    long["value"] = pd.to_numeric(long["value"], errors="coerce").astype(float)
    codes = long["area_code"]
    if geography is None:
        geo = codes.map(lambda c: "UK" if c == UK_CODE else "LAD")
    elif isinstance(geography, str):
        geo = pd.Series(geography, index=long.index)
    else:
        geo = codes.map(lambda c: geography.get(c, ""))
    out = pd.DataFrame(
        {
            "dataset_id": dataset_id,
            "area_code": codes,
            "area_name": codes.map(lambda c: (names or {}).get(c, c)),
            "geography": geo,
            "code_vintage": code_vintage,
            "period": long["period"],
            "measure": measure,
            "value": long["value"],
            "unit": unit,
            "price_basis": price_basis,
            "flag": "",
        }
    )
    return out.reset_index(drop=True)


def example_table() -> pd.DataFrame:
    """Return a tiny made-up ``productivity_lad``-style table for examples and tests.

    Three districts and the UK row for 2021 and 2022, internally consistent: GVA
    per filled job equals GVA per hour x weekly hours x 52 / jobs, and the UK row
    is the ratio of sums of the three districts.

    ========= ========== ============= ======================= =============
    code      name       GVA/hour 2021 hours per week (both)   filled jobs
    ========= ========== ============= ======================= =============
    E06000001 Northtown  30.0 (2022 33) 1,000,000              30,000
    E06000002 Southville 20.0 (2022 22) 3,000,000              90,000
    E06000003 Eastham    40.0 (2022 42) 6,000,000              150,000
    UKX       UK         33.0 (2022 35.1) 10,000,000           270,000
    ========= ========== ============= ======================= =============

    Returns
    -------
    DataFrame
        Tidy table with measures ``gva_per_hour``, ``gva_per_hour_index``,
        ``hours_per_week``, ``gva_per_job``, ``gva_per_job_index`` and
        ``filled_jobs``.

    Examples
    --------
    >>> t = example_table()
    >>> for measure in sorted(t["measure"].unique()):
    ...     print(measure)
    filled_jobs
    gva_per_hour
    gva_per_hour_index
    gva_per_job
    gva_per_job_index
    hours_per_week
    """
    codes = ["E06000001", "E06000002", "E06000003", UK_CODE]
    names = dict(
        zip(codes, ["Northtown", "Southville", "Eastham", "UK less Extra-Regio"], strict=True)
    )
    per_hour = pd.DataFrame(
        {"2021": [30.0, 20.0, 40.0, 33.0], "2022": [33.0, 22.0, 42.0, 35.1]}, index=codes
    )
    hours = pd.DataFrame({"2021": [1e6, 3e6, 6e6, 1e7], "2022": [1e6, 3e6, 6e6, 1e7]}, index=codes)
    jobs = pd.DataFrame(
        {"2021": [3e4, 9e4, 1.5e5, 2.7e5], "2022": [3e4, 9e4, 1.5e5, 2.7e5]}, index=codes
    )
    per_job = per_hour * hours * WEEKS_PER_YEAR / jobs
    parts = [
        to_tidy(per_hour, "gva_per_hour", unit="GBP", price_basis="current prices", names=names),
        to_tidy(
            per_hour / per_hour.loc[UK_CODE] * 100,
            "gva_per_hour_index",
            unit="index (UK=100)",
            price_basis="current prices",
            names=names,
        ),
        to_tidy(
            hours,
            "hours_per_week",
            unit="hours per week",
            price_basis="not applicable",
            names=names,
        ),
        to_tidy(per_job, "gva_per_job", unit="GBP", price_basis="current prices", names=names),
        to_tidy(
            per_job / per_job.loc[UK_CODE] * 100,
            "gva_per_job_index",
            unit="index (UK=100)",
            price_basis="current prices",
            names=names,
        ),
        to_tidy(jobs, "filled_jobs", unit="jobs", price_basis="not applicable", names=names),
    ]
    out = pd.concat(parts, ignore_index=True)
    out["dataset_id"] = "example_productivity_lad"
    return out


def area_names(tidy: pd.DataFrame) -> dict[str, str]:
    """Return a mapping of area code to area name from a tidy table.

    Parameters
    ----------
    tidy : DataFrame
        Tidy table; ``area_name`` is used when present, otherwise codes map to
        themselves.

    Returns
    -------
    dict

    Examples
    --------
    >>> area_names(example_table())["E06000002"]
    'Southville'
    """
    _check_tidy(tidy)
    if "area_name" not in tidy.columns:
        return {str(c): str(c) for c in tidy["area_code"].unique()}
    pairs = tidy[["area_code", "area_name"]].drop_duplicates("area_code")
    return {str(c): (str(n) if pd.notna(n) else str(c)) for c, n in pairs.itertuples(index=False)}


def check_area_codes(tidy: pd.DataFrame, codes: Area | str | Iterable[str]) -> tuple[str, ...]:
    """Check that every code is in the table; return the codes as a tuple.

    Parameters
    ----------
    tidy : DataFrame
        Tidy table.
    codes : Area, str or iterable of str
        Codes to check.

    Returns
    -------
    tuple of str
        The codes, de-duplicated, in the order given.

    Raises
    ------
    UnknownAreaError
        Naming every code that is not in the table, with close matches by code
        or by name (difflib).

    Examples
    --------
    >>> t = example_table()
    >>> check_area_codes(t, ["E06000001", "E06000002"])
    ('E06000001', 'E06000002')
    >>> import textwrap
    >>> try:
    ...     check_area_codes(t, ["E0600001", "Southvile"])
    ... except UnknownAreaError as err:
    ...     print(textwrap.fill(str(err), 80))
    2 area codes not in example_productivity_lad: 'E0600001' (did you mean E06000001
    Northtown, E06000003 Eastham, E06000002 Southville?); 'Southvile' (did you mean
    E06000002 Southville?)
    """
    _check_tidy(tidy)
    wanted = Area.of(codes).codes
    known = {str(c) for c in tidy["area_code"].dropna().unique()}
    unknown = [c for c in wanted if c not in known]
    if unknown:
        names = area_names(tidy)
        by_name = {n.lower(): c for c, n in names.items()}
        known_sorted = sorted(known)
        parts = []
        for code in unknown:
            close = difflib.get_close_matches(code, known_sorted, n=3, cutoff=0.6)
            close += [
                by_name[n]
                for n in difflib.get_close_matches(code.lower(), list(by_name), n=3, cutoff=0.6)
                if by_name[n] not in close
            ]
            hint = (
                " (did you mean " + ", ".join(f"{c} {names.get(c, c)}" for c in close[:3]) + "?)"
                if close
                else ""
            )
            parts.append(f"{code!r}{hint}")
        noun = "area code" if len(unknown) == 1 else "area codes"
        msg = f"{len(unknown)} {noun} not in {_dataset_label(tidy)}: " + "; ".join(parts)
        if "code_vintage" in tidy.columns and any(_LAD_CODE.match(c) for c in unknown):
            vintages = sorted({str(v) for v in tidy["code_vintage"].dropna().unique() if str(v)})
            if vintages:
                msg += (
                    f". The table uses {', '.join(vintages)} codes; LAD codes changed in the "
                    "2019-2023 reorganisations (bridge them with the lookups)"
                )
        raise UnknownAreaError(msg)
    return wanted


def lad_codes(tidy: pd.DataFrame, prefix: str = "") -> tuple[str, ...]:
    """Return the LAD codes in a table, optionally only those starting with ``prefix``.

    Rows with ``geography == "LAD"`` are used when the table has a ``geography``
    column; otherwise codes that look like LAD codes (E06-E09, W06, S12, N09).
    ``prefix="E"`` gives England's districts, the building blocks of an England
    benchmark.

    Parameters
    ----------
    tidy : DataFrame
        Tidy table.
    prefix : str, default ""
        Keep codes starting with this text.

    Returns
    -------
    tuple of str
        Sorted codes.

    Examples
    --------
    >>> lad_codes(example_table())
    ('E06000001', 'E06000002', 'E06000003')
    """
    _check_tidy(tidy)
    if "geography" in tidy.columns and (tidy["geography"] == "LAD").any():
        codes = tidy.loc[tidy["geography"] == "LAD", "area_code"]
    else:
        codes = tidy["area_code"][tidy["area_code"].astype(str).str.match(_LAD_CODE)]
    return tuple(sorted({str(c) for c in codes.dropna() if str(c).startswith(prefix)}))


def pivot_measure(
    tidy: pd.DataFrame,
    measure: str,
    *,
    areas: Area | str | Iterable[str] | None = None,
    industry_code: str | None = "Total",
) -> pd.DataFrame:
    """Return one measure as a wide table: index ``area_code``, columns ``period``.

    Parameters
    ----------
    tidy : DataFrame
        Tidy long table.
    measure : str
        Measure id, e.g. ``"gva_per_hour"``.
    areas : Area, str or iterable of str, optional
        Keep (and order rows by) these codes; all must be in the table. Codes with
        no row for this measure come back as all-NaN rows.
    industry_code : str or None, default "Total"
        For tables with an ``industry_code`` column (``gva_lad_industry``), the
        industry to keep; ``None`` keeps all rows (only valid if that leaves one
        row per area and period).

    Returns
    -------
    DataFrame
        Float values; periods sorted as years.

    Raises
    ------
    UnknownMeasureError
        If the measure is not in the table (close matches are suggested).
    UnknownAreaError
        If codes in ``areas`` are not in the table.
    ProductivityError
        If more than one row per area and period remains.

    Examples
    --------
    >>> w = pivot_measure(example_table(), "hours_per_week", areas=["E06000002", "UKX"])
    >>> w.index.name, w.columns.name, list(w.columns)
    ('area_code', 'period', ['2021', '2022'])
    >>> w.loc["UKX"].tolist()
    [10000000.0, 10000000.0]
    >>> import textwrap
    >>> try:
    ...     pivot_measure(example_table(), "gva_per_hours")
    ... except UnknownMeasureError as err:
    ...     print(textwrap.fill(str(err), 80))
    unknown measure 'gva_per_hours' in example_productivity_lad. Did you mean
    'gva_per_hour', 'gva_per_hour_index', 'gva_per_job'? Available: filled_jobs,
    gva_per_hour, gva_per_hour_index, gva_per_job, gva_per_job_index, hours_per_week
    """
    _check_tidy(tidy)
    _check_measure(tidy, measure)
    sub = tidy.loc[tidy["measure"] == measure]
    if industry_code is not None and "industry_code" in sub.columns:
        inds = set(sub["industry_code"].dropna().astype(str))
        if industry_code not in inds:
            raise ProductivityError(
                f"industry_code {industry_code!r} not found for {measure!r}; "
                f"available include {sorted(inds)[:10]}"
            )
        sub = sub.loc[sub["industry_code"] == industry_code]
    sub = pd.DataFrame(
        {
            "area_code": sub["area_code"].astype(str).to_numpy(),
            "period": sub["period"].astype(str).to_numpy(),
            "value": pd.to_numeric(sub["value"], errors="coerce").astype(float).to_numpy(),
        }
    )
    dup = sub.duplicated(["area_code", "period"], keep=False)
    if dup.any():
        ex = sub.loc[dup, ["area_code", "period"]].drop_duplicates().head(3)
        raise ProductivityError(
            f"measure {measure!r} has several rows per area and period "
            f"(e.g. {list(ex.itertuples(index=False, name=None))}); filter the table first "
            "(other dimension columns such as industry_code?)"
        )
    wide = sub.pivot(index="area_code", columns="period", values="value")
    periods = _sort_periods(wide.columns)
    wide = wide.reindex(columns=periods).astype(float)
    wide.index = pd.Index([str(i) for i in wide.index], name="area_code")
    wide.columns = pd.Index(periods, name="period")
    if areas is not None:
        codes = check_area_codes(tidy, areas)
        wide = wide.reindex(index=pd.Index(codes, name="area_code"))
    return wide


# ----------------------------------------------------------------------------------------------
# Levels: implied GVA and ratio-of-sums aggregation
# ----------------------------------------------------------------------------------------------


def _per_spec(per: str) -> _PerSpec:
    if per not in _PER:
        raise ProductivityError(f"per must be 'hour' or 'job', got {per!r}")
    return _PER[per]


def _labour_and_rate(
    tidy: pd.DataFrame, spec: _PerSpec
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    rate = pivot_measure(tidy, spec.rate)
    labour = pivot_measure(tidy, spec.labour) * spec.scale
    periods = _sort_periods(set(rate.columns) | set(labour.columns))
    return rate, labour, periods


def implied_gva(
    tidy: pd.DataFrame, *, per: Per = "hour", areas: Area | str | Iterable[str] | None = None
) -> pd.DataFrame:
    """Return annual GVA (GBP, current prices) implied by the productivity workbook.

    ``gva_per_hour x hours_per_week x 52`` for ``per="hour"`` (ONS hours are
    weekly and ONS uses 52 weeks a year), or ``gva_per_job x filled_jobs`` for
    ``per="job"``. The published rates are rounded (GVA per hour to 10p), so
    implied GVA differs slightly from the regional accounts; use
    ``gva_lad_industry`` when GVA itself is wanted.

    Parameters
    ----------
    tidy : DataFrame
        ``productivity_lad``-style table.
    per : {"hour", "job"}
        Which pair of measures to multiply.
    areas : Area, str or iterable of str, optional
        Keep these codes.

    Returns
    -------
    DataFrame
        Index ``area_code``, columns ``period``, GBP a year.

    Examples
    --------
    >>> g = implied_gva(example_table(), areas=["E06000001"])
    >>> float(g.loc["E06000001", "2021"])  # 30 GBP/hour x 1m hours/week x 52
    1560000000.0
    """
    spec = _per_spec(per)
    rate, labour, periods = _labour_and_rate(tidy, spec)
    codes = check_area_codes(tidy, areas) if areas is not None else None
    idx = pd.Index(
        codes if codes is not None else sorted(set(rate.index) | set(labour.index)),
        name="area_code",
    )
    rate = rate.reindex(index=idx, columns=periods)
    labour = labour.reindex(index=idx, columns=periods)
    return rate * labour


class _Sums(NamedTuple):
    gva: pd.Series
    labour: pd.Series
    ratio: pd.Series
    n_present: pd.Series
    missing: list[tuple[str, ...]]


def _ratio_of_sums(gva: pd.DataFrame, labour: pd.DataFrame) -> _Sums:
    """Sum GVA and labour over the districts with both values present, and divide."""
    ok = gva.notna() & labour.notna()
    gva_sum = gva.where(ok).sum(axis=0, min_count=1)
    lab_sum = labour.where(ok).sum(axis=0, min_count=1)
    ratio = gva_sum / lab_sum
    missing = [tuple(str(c) for c in gva.index[~ok[p].to_numpy()]) for p in gva.columns]
    return _Sums(gva_sum, lab_sum, ratio, ok.sum(axis=0), missing)


def aggregate_productivity(
    tidy: pd.DataFrame,
    area: Area | str | Iterable[str],
    *,
    per: Per = "hour",
    index_base: Area | str | Iterable[str] | None = UK,
    on_missing: OnMissing = "flag",
    name: str | None = None,
) -> pd.DataFrame:
    """Aggregate district productivity to an area as a ratio of sums.

    For each period the area's GVA per hour worked is
    ``sum_i(gva_per_hour_i x hours_i) / sum_i(hours_i)``, i.e. the sum of implied
    annual GVA over the sum of annual hours (weekly hours x 52): the
    hours-weighted mean of district rates, never the simple mean of rates. GVA
    per filled job is weighted by filled jobs the same way. ONS's methods give the
    same figure: aggregating the June 2024 LAD workbook reproduces its published
    combined-authority figures to within about 0.5% (the LAD rates are rounded).

    A district missing a rate or a labour input in a period is left out of
    **both** sums for that period and listed in ``missing``; the area figure is
    then flagged ``complete=False`` (``on_missing="flag"``), blanked
    (``"nan"``) or rejected (``"raise"``).

    Parameters
    ----------
    tidy : DataFrame
        Tidy table with ``gva_per_hour`` and ``hours_per_week`` (or
        ``gva_per_job`` and ``filled_jobs``), e.g. ``productivity_lad``; the
        ``productivity_itl`` and ``productivity_ca`` tables work too.
    area : Area, str or iterable of str
        The districts (or published areas) making up the area.
    per : {"hour", "job"}, default "hour"
        GVA per hour worked or per filled job.
    index_base : Area, str, iterable of str or None, default UK
        Area whose figure is 100 in the index column (default the ``UKX`` row,
        UK less extra-regio). ``None`` leaves the index out. A base with missing
        districts makes the period incomplete too (listed in ``base_missing``).
    on_missing : {"flag", "nan", "raise"}, default "flag"
        What to do with periods where some districts have no data.
    name : str, optional
        Area name for the ``area`` column (defaults to the Area's name).

    Returns
    -------
    DataFrame
        Indexed by ``period``, with columns ``area``; ``gva`` (GBP a year,
        current prices); ``hours`` (annual hours worked) or ``jobs``;
        ``gva_per_hour`` or ``gva_per_job`` (GBP); ``gva_per_hour_index`` or
        ``gva_per_job_index`` (``index_base`` = 100); ``n_lads``; ``n_missing``;
        ``missing`` (tuple of codes without data); ``base_missing``;
        ``complete`` (bool).

    Raises
    ------
    UnknownAreaError
        If codes of the area or of ``index_base`` are not in the table at all (as
        opposed to missing values); pass ``index_base=None`` for a table without
        a ``UKX`` row.
    IncompleteDataError
        With ``on_missing="raise"`` when a period has missing districts.

    See Also
    --------
    aggregate_areas : Several areas at once in one long table.
    productivity_gap_gbp : The gap in pounds between two aggregates.

    Examples
    --------
    Two districts at 30 and 20 GBP/hour with 1m and 3m hours a week: the ratio of
    sums is (30 x 1 + 20 x 3) / 4 = 22.5, not the mean of rates (25).

    >>> t = example_table()
    >>> r = aggregate_productivity(t, Area("Tees", ["E06000001", "E06000002"]))
    >>> print(r[["gva_per_hour", "gva_per_hour_index", "complete"]].round(2).reset_index()
    ...       .to_string(index=False))
    period  gva_per_hour  gva_per_hour_index  complete
      2021         22.50               68.18      True
      2022         24.75               70.51      True
    >>> float(r.loc["2021", "hours"])  # 4m hours a week x 52
    208000000.0
    """
    spec = _per_spec(per)
    _check_on_missing(on_missing)
    rate, labour, periods = _labour_and_rate(tidy, spec)
    return _aggregate_wide(tidy, Area.of(area, name), spec, rate, labour, periods,
                           index_base, on_missing)


def _check_on_missing(on_missing: str) -> None:
    if on_missing not in ("flag", "nan", "raise"):
        raise ProductivityError(f"on_missing must be 'flag', 'nan' or 'raise', got {on_missing!r}")


def _aggregate_wide(tidy: pd.DataFrame, a: Area, spec: _PerSpec, rate: pd.DataFrame,
                    labour: pd.DataFrame, periods: list[str],
                    index_base: Area | str | Iterable[str] | None, on_missing: OnMissing
                    ) -> pd.DataFrame:
    """:func:`aggregate_productivity` on rate and labour already pivoted wide."""
    codes = check_area_codes(tidy, a.codes)
    idx = pd.Index(codes, name="area_code")
    lab = labour.reindex(index=idx, columns=periods)
    sums = _ratio_of_sums(rate.reindex(index=idx, columns=periods) * lab, lab)
    period_idx = pd.Index(periods, name="period")
    out = pd.DataFrame(
        {
            "area": a.name,
            "gva": sums.gva.to_numpy(),
            spec.column: sums.labour.to_numpy(),
            spec.rate: sums.ratio.to_numpy(),
        },
        index=period_idx,
    )
    index_col = f"{spec.rate}_index"
    base_missing: list[tuple[str, ...]] = [()] * len(periods)
    if index_base is not None:
        b = Area.of(index_base)
        bcodes = check_area_codes(tidy, b.codes)
        bidx = pd.Index(bcodes, name="area_code")
        blab = labour.reindex(index=bidx, columns=periods)
        bsums = _ratio_of_sums(rate.reindex(index=bidx, columns=periods) * blab, blab)
        base_missing = bsums.missing
        out[index_col] = (sums.ratio / bsums.ratio * 100).to_numpy()
    out["n_lads"] = len(codes)
    out["n_missing"] = [len(m) for m in sums.missing]
    out["missing"] = pd.Series(sums.missing, index=period_idx, dtype=object)
    out["base_missing"] = pd.Series(base_missing, index=period_idx, dtype=object)
    out["complete"] = [not m and not bm for m, bm in zip(sums.missing, base_missing, strict=True)]
    incomplete = ~out["complete"]
    if incomplete.any():
        if on_missing == "raise":
            detail = "; ".join(
                f"{p}: {', '.join(out.at[p, 'missing'] + out.at[p, 'base_missing'])}"
                for p in out.index[incomplete][:5]
            )
            raise IncompleteDataError(
                f"{a.name}: {int(incomplete.sum())} period(s) with districts lacking "
                f"{spec.rate} or {spec.labour}: {detail}"
            )
        if on_missing == "nan":
            cols = ["gva", spec.column, spec.rate] + ([index_col] if index_col in out else [])
            out.loc[incomplete, cols] = np.nan
    return out


def aggregate_areas(
    tidy: pd.DataFrame,
    areas: Mapping[str, Iterable[str]] | Iterable[Area],
    **kwargs: Any,
) -> pd.DataFrame:
    """Aggregate several areas with :func:`aggregate_productivity` into one long table.

    Parameters
    ----------
    tidy : DataFrame
        Tidy productivity table.
    areas : mapping of name -> codes, or iterable of Area
        The areas, e.g. the area, its region (as LAD codes) and the UK.
    **kwargs
        Passed to :func:`aggregate_productivity` (``per``, ``index_base``,
        ``on_missing``).

    Returns
    -------
    DataFrame
        Columns ``area, period`` and the columns of :func:`aggregate_productivity`.

    Examples
    --------
    >>> t = example_table()
    >>> r = aggregate_areas(t, {"Tees": ["E06000001", "E06000002"], "UK": ["UKX"]})
    >>> latest = r.loc[r["period"] == "2022", ["area", "gva_per_hour"]].round(2)
    >>> print(latest.to_string(index=False))
    area  gva_per_hour
    Tees         24.75
      UK         35.10
    """
    frames = [f.reset_index() for f in aggregate_each(tidy, areas, **kwargs).values()]
    out = pd.concat(frames, ignore_index=True)
    first = ["area", "period"]
    return out[first + [c for c in out.columns if c not in first]]


def _named_areas(areas: Mapping[str, Iterable[str]] | Iterable[Area]) -> list[Area]:
    """Areas from a name -> codes mapping or Areas; one or more, with different names."""
    if isinstance(areas, Mapping):
        area_list = [Area.of(v, name=str(k)) for k, v in areas.items()]
    else:
        area_list = [Area.of(a) for a in areas]
    if not area_list:
        raise ProductivityError("no areas given")
    names = [a.name for a in area_list]
    if len(set(names)) < len(names):
        raise ProductivityError(f"area names must differ to key the results, got {names}")
    return area_list


def aggregate_each(
    tidy: pd.DataFrame,
    areas: Mapping[str, Iterable[str]] | Iterable[Area],
    *,
    per: Per = "hour",
    index_base: Area | str | Iterable[str] | None = UK,
    on_missing: OnMissing = "flag",
) -> dict[str, pd.DataFrame]:
    """Aggregate several areas: :func:`aggregate_productivity` for each, keyed by name.

    The same results as calling :func:`aggregate_productivity` once per area, but the
    district table is reshaped once rather than once per area (a pack aggregates its
    area, benchmarks and comparators from the same table).

    Parameters
    ----------
    tidy : DataFrame
        Tidy productivity table.
    areas : mapping of name -> codes, or iterable of Area
        The areas, e.g. the area, its region (as LAD codes) and the UK.
    per, index_base, on_missing
        As in :func:`aggregate_productivity`.

    Returns
    -------
    dict of str to DataFrame
        Area name to its :func:`aggregate_productivity` frame, in the order given.

    Examples
    --------
    >>> t = example_table()
    >>> r = aggregate_each(t, {"Tees": ["E06000001", "E06000002"], "UK": ["UKX"]})
    >>> {name: round(float(f.loc["2022", "gva_per_hour"]), 2) for name, f in r.items()}
    {'Tees': 24.75, 'UK': 35.1}
    """
    area_list = _named_areas(areas)
    spec = _per_spec(per)
    _check_on_missing(on_missing)
    rate, labour, periods = _labour_and_rate(tidy, spec)
    return {a.name: _aggregate_wide(tidy, a, spec, rate, labour, periods, index_base,
                                    on_missing) for a in area_list}


def rank_areas(
    tidy: pd.DataFrame,
    measure: str = "gva_per_hour",
    period: str | None = None,
    *,
    geography: str | None = None,
    areas: Area | str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Rank published areas on a measure in one period (1 = highest).

    Parameters
    ----------
    tidy : DataFrame
        Tidy table.
    measure : str, default "gva_per_hour"
        Measure to rank on.
    period : str, optional
        Period; defaults to the latest period with any value.
    geography : str, optional
        Keep rows with this ``geography`` label (e.g. ``"ITL1"``, ``"LAD"``).
        Without it, every area except ``UKX`` is ranked.
    areas : Area, str or iterable of str, optional
        Rank only among these codes.

    Returns
    -------
    DataFrame
        Columns ``area_code, area_name, period, value, rank`` (``rank`` is the
        "min" rank, ties share the better rank; areas without a value have no
        rank), sorted by rank.

    Examples
    --------
    >>> ranks = rank_areas(example_table(), "gva_per_hour", "2022", geography="LAD")
    >>> print(ranks.to_string(index=False))
    area_code  area_name period  value  rank
    E06000003    Eastham   2022   42.0     1
    E06000001  Northtown   2022   33.0     2
    E06000002 Southville   2022   22.0     3
    """
    _check_tidy(tidy)
    sub = tidy
    if geography is not None:
        if "geography" not in tidy.columns:
            raise ProductivityError("table has no geography column")
        sub = tidy.loc[tidy["geography"] == geography]
        if sub.empty:
            labels = sorted({str(g) for g in tidy["geography"].dropna().unique()})
            raise ProductivityError(f"no rows with geography {geography!r}; available: {labels}")
    wide = pivot_measure(sub, measure)
    if geography is None:
        wide = wide.drop(index=[UK_CODE], errors="ignore")
    if areas is not None:
        codes = check_area_codes(tidy, areas)
        wide = wide.reindex(index=pd.Index(codes, name="area_code"))
    if period is None:
        with_data = [p for p in wide.columns if wide[p].notna().any()]
        if not with_data:
            raise ProductivityError(f"no values for {measure!r}")
        period = with_data[-1]
    period = str(period)
    if period not in wide.columns:
        raise ProductivityError(
            f"period {period!r} not available for {measure!r}; available: {list(wide.columns)}"
        )
    names = area_names(tidy)
    vals = wide[period]
    out = pd.DataFrame(
        {
            "area_code": vals.index.astype(str),
            "area_name": [names.get(c, c) for c in vals.index],
            "period": period,
            "value": vals.to_numpy(),
            "rank": vals.rank(ascending=False, method="min").astype("Int64").to_numpy(),
        }
    )
    return out.sort_values(["rank", "area_code"], na_position="last").reset_index(drop=True)


# ----------------------------------------------------------------------------------------------
# Growth
# ----------------------------------------------------------------------------------------------


class GrowthWindow(NamedTuple):
    """A growth window: a name and first and last years (text)."""

    name: str
    start: str
    end: str

    @property
    def label(self) -> str:
        """Return the window as ``"start-end"``."""
        return f"{self.start}-{self.end}"

    @property
    def years(self) -> int:
        """Return the number of years between ``start`` and ``end``."""
        return _year(self.end) - _year(self.start)


def standard_windows(periods: Iterable[object], latest: str | None = None) -> list[GrowthWindow]:
    """Return the standard growth windows available in ``periods``.

    The windows are pre-crisis 2004-2008, post-crisis/pre-pandemic 2010-2019 and
    2019 to the latest year. A window is returned only if both its years are in
    ``periods`` (and the latest year is after 2019).

    Parameters
    ----------
    periods : iterable
        Available periods (years as text or numbers), e.g. the columns of a wide
        table.
    latest : str, optional
        Last year of the third window; defaults to the latest year available.

    Returns
    -------
    list of GrowthWindow

    Examples
    --------
    >>> [w.label for w in standard_windows(range(2004, 2023))]
    ['2004-2008', '2010-2019', '2019-2022']
    >>> [w.label for w in standard_windows(["2012", "2019", "2020", "2021"])]
    ['2019-2021']
    """
    avail = {str(p) for p in periods if str(p).isdigit()}
    out = []
    if set(PRE_CRISIS) <= avail:
        out.append(GrowthWindow("pre-crisis", *PRE_CRISIS))
    if set(POST_CRISIS) <= avail:
        out.append(GrowthWindow("post-crisis to pre-pandemic", *POST_CRISIS))
    if latest is None:
        latest = max(avail, key=int) if avail else None
    elif str(latest) not in avail:
        raise ProductivityError(f"latest year {latest!r} is not among the periods")
    if latest is not None and PANDEMIC_BASE in avail and int(latest) > int(PANDEMIC_BASE):
        out.append(GrowthWindow("since 2019", PANDEMIC_BASE, str(latest)))
    return out


def cagr(start_value: float, end_value: float, years: float) -> float:
    """Return the compound annual growth rate as a fraction.

    ``(end_value / start_value) ** (1 / years) - 1``; NaN if either value is
    missing or not positive.

    Parameters
    ----------
    start_value, end_value : float
        Values at the start and end of the window.
    years : float
        Length of the window in years (> 0).

    Returns
    -------
    float

    Examples
    --------
    >>> round(cagr(100, 121, 2), 10)
    0.1
    """
    if not years or years <= 0:
        raise ProductivityError(f"years must be positive, got {years!r}")
    s, e = float(start_value), float(end_value)
    if not (math.isfinite(s) and math.isfinite(e)) or s <= 0 or e <= 0:
        return math.nan
    return (e / s) ** (1.0 / years) - 1.0


def _as_wide(data: pd.Series | pd.DataFrame) -> pd.DataFrame:
    if isinstance(data, pd.Series):
        name = data.name if data.name is not None else "area"
        wide = data.to_frame().T
        wide.index = pd.Index([str(name)], name="area_code")
    elif isinstance(data, pd.DataFrame):
        wide = data
    else:
        raise ProductivityError("expected a Series indexed by period or a wide DataFrame")
    wide = wide.copy()
    wide.columns = pd.Index([str(c) for c in wide.columns], name="period")
    return wide.astype(float)


def growth_table(
    data: pd.Series | pd.DataFrame, windows: Sequence[GrowthWindow] | None = None
) -> pd.DataFrame:
    """Return compound annual growth rates over windows.

    Use a real (chained-volume) series for productivity growth: current-price
    series include inflation.

    Parameters
    ----------
    data : Series or DataFrame
        A series indexed by period, or a wide table (rows areas, columns periods)
        such as :func:`pivot_measure` returns.
    windows : sequence of GrowthWindow, optional
        Defaults to :func:`standard_windows` of the periods.

    Returns
    -------
    DataFrame
        One row per area and window: ``area_code, window, name, start, end, years,
        start_value, end_value, cagr_pct`` (percent a year; NaN where a value is
        missing).

    Examples
    --------
    >>> s = pd.Series({"2004": 100.0, "2008": 110.0, "2010": 108.0, "2019": 115.0}, name="A")
    >>> print(growth_table(s)[["window", "cagr_pct"]].round(3).to_string(index=False))
       window  cagr_pct
    2004-2008     2.411
    2010-2019     0.700
    """
    wide = _as_wide(data)
    if windows is None:
        windows = standard_windows(wide.columns)
    rows = []
    for code, values in wide.iterrows():
        for w in windows:
            sv = values.get(w.start, np.nan)
            ev = values.get(w.end, np.nan)
            g = cagr(sv, ev, w.years)
            rows.append(
                {
                    "area_code": str(code),
                    "window": w.label,
                    "name": w.name,
                    "start": w.start,
                    "end": w.end,
                    "years": w.years,
                    "start_value": float(sv),
                    "end_value": float(ev),
                    "cagr_pct": g * 100,
                }
            )
    cols = [
        "area_code",
        "window",
        "name",
        "start",
        "end",
        "years",
        "start_value",
        "end_value",
        "cagr_pct",
    ]
    return pd.DataFrame(rows, columns=cols)


def cvm_growth(
    tidy: pd.DataFrame,
    areas: Area | str | Iterable[str],
    *,
    per: Per = "hour",
    windows: Sequence[GrowthWindow] | None = None,
) -> pd.DataFrame:
    """Return real productivity growth from published chained-volume indices.

    Uses ``gva_per_hour_cvm_index`` (or ``gva_per_job_cvm_index``) of the ITL
    and combined-authority tables. ONS builds them from regional GVA deflated
    industry by industry (industry deflators, largely UK-wide, so an area's
    implied deflator reflects its industry mix rather than local prices) and
    chain-linked, over hours or jobs; they are unsmoothed. Indices of different
    areas cannot be combined, so each code is treated on its own; for a custom
    set of districts use :func:`real_productivity_lad`.

    Parameters
    ----------
    tidy : DataFrame
        ``productivity_itl`` or ``productivity_ca``-style table.
    areas : Area, str or iterable of str
        Published areas (ITL, CA or UK codes).
    per : {"hour", "job"}, default "hour"
    windows : sequence of GrowthWindow, optional
        Defaults to :func:`standard_windows` of the table's periods.

    Returns
    -------
    DataFrame
        As :func:`growth_table`, with ``area_name`` and ``measure`` added.

    Examples
    --------
    >>> idx = pd.DataFrame({str(y): [100 * 1.02 ** (y - 2004)] for y in range(2004, 2023)},
    ...                    index=["TLC"])
    >>> t = to_tidy(idx, "gva_per_hour_cvm_index", geography="ITL1")
    >>> cvm_growth(t, "TLC")["cagr_pct"].round(6).tolist()
    [2.0, 2.0, 2.0]
    """
    spec = _per_spec(per)
    measure = _CVM_INDEX[per]
    wide = pivot_measure(tidy, measure, areas=areas)
    out = growth_table(wide, windows)
    names = area_names(tidy)
    out.insert(1, "area_name", out["area_code"].map(lambda c: names.get(c, c)))
    out.insert(2, "measure", f"real GVA per {spec.noun}")
    return out


def real_productivity_lad(
    gva: pd.DataFrame,
    labour: pd.DataFrame,
    area: Area | str | Iterable[str],
    *,
    per: Per = "hour",
    industry_code: str = "Total",
    base_period: str | None = None,
    on_missing: OnMissing = "flag",
    name: str | None = None,
) -> pd.DataFrame:
    """Return real GVA per hour (or per job) for a set of districts.

    Real GVA is ``gva_cvm`` (GBP million, chained volume in reference-year money)
    of the regional GVA (balanced) by industry LAD release; labour is
    ``hours_per_week x 52`` (or ``filled_jobs``) of the productivity workbook.
    Both are summed over the districts with data (ratio of sums).

    Where the deflators come from: ONS produces LAD chained-volume GVA by
    deflating current-price GVA industry by industry with implied deflators of
    the regional accounts (largely national price indices by industry), so an
    area's implied deflator reflects its industry mix, not local prices. Limits
    at LAD level: small-area industry GVA is apportioned with indicators (e.g.
    employment), so the mix, and hence the deflator, is uncertain; chained-volume
    values are not strictly additive across areas except in the reference year, so
    summing districts is an approximation; and the GVA release (April 2025) and
    the hours (June 2024 workbook) are different vintages, so levels will not
    match ONS's published CVM productivity indices exactly. Use this for growth
    and trend comparisons, not for precise levels.

    Parameters
    ----------
    gva : DataFrame
        ``gva_lad_industry``-style tidy table with measure ``gva_cvm`` (GBP
        million) and, optionally, ``gva_current_prices`` (for an implied deflator).
    labour : DataFrame
        ``productivity_lad``-style table with ``hours_per_week`` or ``filled_jobs``.
    area : Area, str or iterable of str
        The districts.
    per : {"hour", "job"}, default "hour"
    industry_code : str, default "Total"
        Industry of the GVA table to use.
    base_period : str, optional
        If given, add an index column with this period = 100.
    on_missing : {"flag", "nan", "raise"}, default "flag"
        As in :func:`aggregate_productivity`.
    name : str, optional
        Area name.

    Returns
    -------
    DataFrame
        Indexed by the periods present in both tables: ``area``, ``gva_cvm`` (GBP
        a year), ``hours`` or ``jobs``, ``real_gva_per_hour`` or
        ``real_gva_per_job`` (GBP, reference-year money), optional
        ``real_gva_per_hour_index``, ``implied_deflator`` (area, when current
        prices are in the table), ``n_missing``, ``missing``, ``complete``.

    Examples
    --------
    >>> g = to_tidy(pd.DataFrame({"2021": [500.0, 1000.0], "2022": [550.0, 1000.0]},
    ...                          index=["E06000001", "E06000002"]), "gva_cvm")
    >>> r = real_productivity_lad(g, example_table(), ["E06000001", "E06000002"],
    ...                           base_period="2021")
    >>> print(r[["real_gva_per_hour", "real_gva_per_hour_index"]].round(3).reset_index()
    ...       .to_string(index=False))
    period  real_gva_per_hour  real_gva_per_hour_index
      2021              7.212                  100.000
      2022              7.452                  103.333
    """
    spec = _per_spec(per)
    _check_on_missing(on_missing)
    wide = _real_inputs(gva, labour, spec, industry_code)
    return _real_wide(gva, labour, Area.of(area, name), spec, wide, base_period, on_missing)


def real_productivity_each(
    gva: pd.DataFrame,
    labour: pd.DataFrame,
    areas: Mapping[str, Iterable[str]] | Iterable[Area],
    *,
    per: Per = "hour",
    industry_code: str = "Total",
    base_period: str | None = None,
    on_missing: OnMissing = "flag",
) -> dict[str, pd.DataFrame]:
    """:func:`real_productivity_lad` for several areas, keyed by name.

    The same results as one call per area, with the GVA and labour tables reshaped once.

    Examples
    --------
    >>> g = to_tidy(pd.DataFrame({"2021": [500.0, 1000.0], "2022": [550.0, 1000.0]},
    ...                          index=["E06000001", "E06000002"]), "gva_cvm")
    >>> r = real_productivity_each(g, example_table(), {"A": ["E06000001"],
    ...                                                 "AB": ["E06000001", "E06000002"]})
    >>> {k: round(float(v.loc["2022", "real_gva_per_hour"]), 3) for k, v in r.items()}
    {'A': 10.577, 'AB': 7.452}
    """
    area_list = _named_areas(areas)
    spec = _per_spec(per)
    _check_on_missing(on_missing)
    wide = _real_inputs(gva, labour, spec, industry_code)
    return {a.name: _real_wide(gva, labour, a, spec, wide, base_period, on_missing)
            for a in area_list}


class _RealInputs(NamedTuple):
    cvm: pd.DataFrame
    labour: pd.DataFrame
    current: pd.DataFrame | None
    periods: list[str]


def _real_inputs(gva: pd.DataFrame, labour: pd.DataFrame, spec: _PerSpec,
                 industry_code: str) -> _RealInputs:
    cvm = pivot_measure(gva, "gva_cvm", industry_code=industry_code) * 1e6
    lab = pivot_measure(labour, spec.labour) * spec.scale
    periods = [p for p in _sort_periods(cvm.columns) if p in set(lab.columns)]
    if not periods:
        raise ProductivityError("the GVA and labour tables have no period in common")
    current = None
    if "gva_current_prices" in set(gva["measure"].unique()):
        current = pivot_measure(gva, "gva_current_prices", industry_code=industry_code) * 1e6
    return _RealInputs(cvm, lab, current, periods)


def _real_wide(gva: pd.DataFrame, labour: pd.DataFrame, a: Area, spec: _PerSpec,
               wide: _RealInputs, base_period: str | None, on_missing: OnMissing
               ) -> pd.DataFrame:
    """:func:`real_productivity_lad` on tables already pivoted wide."""
    codes = check_area_codes(gva, a.codes)
    check_area_codes(labour, a.codes)
    periods = wide.periods
    idx = pd.Index(codes, name="area_code")
    cvm = wide.cvm.reindex(index=idx, columns=periods)
    lab = wide.labour.reindex(index=idx, columns=periods)
    sums = _ratio_of_sums(cvm, lab)
    col = f"real_{spec.rate}"
    pidx = pd.Index(periods, name="period")
    out = pd.DataFrame(
        {
            "area": a.name,
            "gva_cvm": sums.gva.to_numpy(),
            spec.column: sums.labour.to_numpy(),
            col: sums.ratio.to_numpy(),
        },
        index=pidx,
    )
    if base_period is not None:
        base_period = str(base_period)
        if base_period not in out.index:
            raise ProductivityError(f"base_period {base_period!r} not in {periods}")
        out[f"{col}_index"] = out[col] / out.at[base_period, col] * 100
    if wide.current is not None:
        cur = wide.current.reindex(index=idx, columns=periods)
        ok = (cvm * lab).notna() & cur.notna()
        out["implied_deflator"] = (
            cur.where(ok).sum(min_count=1) / cvm.where(ok).sum(min_count=1) * 100
        ).to_numpy()
    out["n_missing"] = [len(m) for m in sums.missing]
    out["missing"] = pd.Series(sums.missing, index=pidx, dtype=object)
    out["complete"] = out["n_missing"] == 0
    bad = ~out["complete"]
    if bad.any():
        if on_missing == "raise":
            raise IncompleteDataError(
                f"{a.name}: districts lacking gva_cvm or {spec.labour}: "
                + "; ".join(f"{p}: {', '.join(out.at[p, 'missing'])}" for p in out.index[bad][:5])
            )
        if on_missing == "nan":
            num_cols = [
                c for c in out.columns if c not in ("area", "n_missing", "missing", "complete")
            ]
            out.loc[bad, num_cols] = np.nan
    return out


def trend_gap(
    series: pd.Series, *, start: str = PRE_CRISIS[0], end: str = PRE_CRISIS[1]
) -> pd.DataFrame:
    """Compare productivity with its pre-crisis trend continued.

    The trend grows from the ``end`` value at the ``start``-``end`` compound
    annual growth rate: ``trend_t = value_end x (1 + g) ** (t - end)``. The gap
    is ``actual / trend - 1`` in percent; the shortfall is its negative (positive
    when productivity is below trend), the local "productivity puzzle". Use a
    real series (a chained-volume index or :func:`real_productivity_lad`);
    current-price series would count inflation as trend growth.

    Parameters
    ----------
    series : Series
        Values indexed by period (years as text or numbers).
    start, end : str, default "2004", "2008"
        The trend window.

    Returns
    -------
    DataFrame
        Indexed by ``period`` (from ``start`` on): ``actual``, ``trend``,
        ``gap_pct``, ``shortfall_pct``, and the constants ``trend_start``,
        ``trend_end``, ``trend_cagr_pct``.

    Examples
    --------
    >>> s = pd.Series({"2004": 100.0, "2008": 100 * 1.02 ** 4, "2022": 120.0})
    >>> tg = trend_gap(s)
    >>> round(float(tg.loc["2022", "trend"]), 2), round(float(tg.loc["2022", "shortfall_pct"]), 2)
    (142.82, 15.98)
    """
    if not isinstance(series, pd.Series):
        raise ProductivityError("trend_gap expects a Series indexed by period")
    s = series.copy()
    s.index = pd.Index([str(p) for p in s.index], name="period")
    s = s.astype(float)
    start, end = str(start), str(end)
    for p in (start, end):
        if p not in s.index or not math.isfinite(s[p]):
            raise ProductivityError(f"trend window year {p} has no value")
    years = _year(end) - _year(start)
    g = cagr(s[start], s[end], years)
    if not math.isfinite(g):
        raise ProductivityError("cannot compute the trend growth rate (non-positive values?)")
    periods = [p for p in _sort_periods(s.index) if p.isdigit() and int(p) >= _year(start)]
    t = np.array([_year(p) - _year(end) for p in periods], dtype=float)
    actual = s.reindex(periods).to_numpy()
    trend = s[end] * (1 + g) ** t
    gap = (actual / trend - 1) * 100
    return pd.DataFrame(
        {
            "actual": actual,
            "trend": trend,
            "gap_pct": gap,
            "shortfall_pct": -gap,
            "trend_start": start,
            "trend_end": end,
            "trend_cagr_pct": g * 100,
        },
        index=pd.Index(periods, name="period"),
    )


# ----------------------------------------------------------------------------------------------
# Gap in pounds
# ----------------------------------------------------------------------------------------------


def _detect_per(frame: pd.DataFrame) -> _PerSpec:
    for spec in _PER.values():
        if spec.rate in frame.columns and spec.column in frame.columns:
            return spec
    raise ProductivityError(
        "expected a frame from aggregate_productivity (columns gva_per_hour and hours, or "
        "gva_per_job and jobs)"
    )


def productivity_gap_gbp(area: pd.DataFrame, benchmark: pd.DataFrame) -> pd.DataFrame:
    """Return the productivity gap in pounds a year.

    ``(benchmark GVA per hour - area GVA per hour) x area annual hours``: the
    extra GVA a year the area would produce if it matched the benchmark's GVA per
    hour worked with its own hours (weekly hours x 52). Positive means the area
    is below the benchmark. Works per filled job too.

    Parameters
    ----------
    area, benchmark : DataFrame
        Outputs of :func:`aggregate_productivity` with the same ``per``.

    Returns
    -------
    DataFrame
        Indexed by the periods in both: ``area_gva_per_hour``,
        ``benchmark_gva_per_hour``, ``hours``, ``gap_per_hour``, ``gap_gbp``,
        ``gap_pct_of_gva`` (gap as % of the area's GVA), ``complete`` (both
        inputs complete). Column names say ``job`` for per-job inputs.

    Examples
    --------
    >>> t = example_table()
    >>> area = aggregate_productivity(t, ["E06000001", "E06000002"])
    >>> uk = aggregate_productivity(t, UK)
    >>> gap = productivity_gap_gbp(area, uk)
    >>> float(gap.loc["2021", "gap_gbp"])  # (33 - 22.5) x 4m x 52
    2184000000.0
    """
    spec = _detect_per(area)
    bspec = _detect_per(benchmark)
    if spec != bspec:
        raise ProductivityError("area and benchmark must both be per hour or both per job")
    periods = [p for p in area.index if p in set(benchmark.index)]
    if not periods:
        raise ProductivityError("area and benchmark have no period in common")
    a = area.loc[periods]
    b = benchmark.loc[periods]
    unit = spec.rate.removeprefix("gva_per_")
    gap_rate = b[spec.rate] - a[spec.rate]
    gap = gap_rate * a[spec.column]
    out = pd.DataFrame(
        {
            f"area_{spec.rate}": a[spec.rate],
            f"benchmark_{spec.rate}": b[spec.rate],
            spec.column: a[spec.column],
            f"gap_per_{unit}": gap_rate,
            "gap_gbp": gap,
            "gap_pct_of_gva": gap / a["gva"] * 100,
            "complete": a["complete"].astype(bool) & b["complete"].astype(bool),
        }
    )
    out.index.name = "period"
    return out


# ----------------------------------------------------------------------------------------------
# GVA per head decomposition
# ----------------------------------------------------------------------------------------------

_CHAIN = (
    "gva",
    "hours",
    "jobs",
    "employed_residents",
    "economically_active",
    "working_age",
    "population",
)
_OPTIONAL = ("employed_residents", "economically_active")
_COMPONENT_NAMES = {
    ("gva", "hours"): "GVA per hour worked",
    ("hours", "jobs"): "Hours worked per filled job",
    ("jobs", "employed_residents"): "Jobs per employed resident (commuting)",
    ("jobs", "economically_active"): "Jobs per economically active resident",
    ("jobs", "working_age"): "Jobs per working-age resident (job density)",
    ("employed_residents", "economically_active"): "Employed per economically active resident",
    ("employed_residents", "working_age"): "Employment rate (employed per working-age resident)",
    ("economically_active", "working_age"): "Activity rate (active per working-age resident)",
    ("working_age", "population"): "Working-age share of population",
}


def _check_counts(counts: Mapping[str, float], label: str) -> dict[str, float]:
    if not isinstance(counts, Mapping):
        raise ProductivityError(f"{label} counts must be a mapping of name -> number")
    allowed = set(_CHAIN)
    unknown = [k for k in counts if k not in allowed]
    if unknown:
        hints = []
        for k in unknown:
            close = difflib.get_close_matches(str(k), sorted(allowed), n=1, cutoff=0.5)
            hints.append(f"{k!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        raise ProductivityError(
            f"unknown {label} count(s): {', '.join(hints)}; allowed: {', '.join(_CHAIN)}"
        )
    need = [k for k in _CHAIN if k not in _OPTIONAL and k not in counts]
    if need:
        raise ProductivityError(f"{label} counts lack {need}")
    out = {}
    for k, v in counts.items():
        try:
            x = float(v)
        except (TypeError, ValueError) as exc:
            raise ProductivityError(f"{label} {k} is not a number: {v!r}") from exc
        if not math.isfinite(x) or x <= 0:
            raise ProductivityError(f"{label} {k} must be a positive finite number, got {v!r}")
        out[k] = x
    return out


def decompose_gva_per_head(
    area: Mapping[str, float],
    benchmark: Mapping[str, float],
    *,
    area_name: str = "Area",
    benchmark_name: str = "Benchmark",
) -> pd.DataFrame:
    """Decompose the gap in GVA per head between an area and a benchmark exactly.

    GVA per head is the product of ratios that telescope::

        GVA/Pop = GVA/Hours x Hours/Jobs x Jobs/WorkingAge x WorkingAge/Pop

    so ``ln(y_area / y_bench) = sum_k ln(c_k,area / c_k,bench)`` holds exactly.
    If the counts include ``employed_residents`` and/or ``economically_active``
    the jobs-to-working-age term is split further, e.g. Jobs/Employed residents
    (commuting) x Employed/Active x Active/Working-age. For consistent rates
    count employed and active residents over the same ages as ``working_age``.

    GVA per head mixes workplace output (GVA, hours, jobs counted where people
    work) with resident population (counted where people live), so commuting into
    a city raises its GVA per head without any gain in productivity; that is why
    it is decomposed here rather than used as a productivity measure. The same
    function decomposes growth: pass the area in two years as ``area`` and
    ``benchmark``.

    Parameters
    ----------
    area, benchmark : mapping of str -> float
        Positive counts for one period: ``gva`` (GBP), ``hours`` (annual hours
        worked, i.e. weekly x 52), ``jobs`` (filled jobs), ``working_age``
        (e.g. population aged 16-64), ``population`` (all ages), and optionally
        ``employed_residents``, ``economically_active``. Both mappings need the
        same optional keys. :func:`gva_per_head_inputs` builds them from tables.
    area_name, benchmark_name : str
        Names written to the output.

    Returns
    -------
    DataFrame
        One row per component, then a total row ``"GVA per head"``; columns
        ``component, numerator, denominator, area, benchmark, area_value,
        benchmark_value, ratio, log_contribution, log_points`` (100 x log),
        ``pct_contribution`` (share of the total log gap, %; NaN if the gap is
        0), ``is_total``. Suitable for a waterfall chart.

    Examples
    --------
    >>> a = {"gva": 1.0e9, "hours": 4.0e7, "jobs": 2.5e4, "working_age": 3.0e4, "population": 5.0e4}
    >>> b = {"gva": 2.0e9, "hours": 5.0e7, "jobs": 3.0e4, "working_age": 3.5e4, "population": 5.5e4}
    >>> d = decompose_gva_per_head(a, b)
    >>> print(d[["component", "log_points"]].round(2).to_string(index=False))
                                      component  log_points
                            GVA per hour worked      -47.00
                    Hours worked per filled job       -4.08
    Jobs per working-age resident (job density)       -2.82
                Working-age share of population       -5.88
                                   GVA per head      -59.78
    >>> bool(abs(d["log_contribution"].iloc[:-1].sum() - d["log_contribution"].iloc[-1]) < 1e-12)
    True
    """
    a = _check_counts(area, area_name)
    b = _check_counts(benchmark, benchmark_name)
    opt_a = {k for k in _OPTIONAL if k in a}
    opt_b = {k for k in _OPTIONAL if k in b}
    if opt_a != opt_b:
        raise ProductivityError(
            f"area and benchmark must give the same optional counts; area has {sorted(opt_a)}, "
            f"benchmark has {sorted(opt_b)}"
        )
    chain = [k for k in _CHAIN if k not in _OPTIONAL or k in opt_a]
    rows = []
    for num, den in zip(chain[:-1], chain[1:], strict=True):
        av, bv = a[num] / a[den], b[num] / b[den]
        rows.append((_COMPONENT_NAMES.get((num, den), f"{num} per {den}"), num, den, av, bv, False))
    av, bv = a["gva"] / a["population"], b["gva"] / b["population"]
    rows.append(("GVA per head", "gva", "population", av, bv, True))
    out = pd.DataFrame(
        rows,
        columns=[
            "component",
            "numerator",
            "denominator",
            "area_value",
            "benchmark_value",
            "is_total",
        ],
    )
    out.insert(3, "area", area_name)
    out.insert(4, "benchmark", benchmark_name)
    out["ratio"] = out["area_value"] / out["benchmark_value"]
    out["log_contribution"] = [
        math.log(av / bv) for av, bv in zip(out["area_value"], out["benchmark_value"], strict=True)
    ]
    out["log_points"] = out["log_contribution"] * 100
    total = float(out["log_contribution"].iloc[-1])
    out["pct_contribution"] = out["log_contribution"] / total * 100 if total != 0 else np.nan
    cols = [
        "component",
        "numerator",
        "denominator",
        "area",
        "benchmark",
        "area_value",
        "benchmark_value",
        "ratio",
        "log_contribution",
        "log_points",
        "pct_contribution",
        "is_total",
    ]
    return out[cols]


def gva_per_head_inputs(
    productivity: pd.DataFrame,
    population: pd.DataFrame,
    area: Area | str | Iterable[str],
    period: str,
    *,
    population_area: Area | str | Iterable[str] | None = None,
    working_age_measure: str = "population_16_64",
    employed_residents: float | None = None,
    economically_active: float | None = None,
) -> dict[str, float]:
    """Build the counts for :func:`decompose_gva_per_head` from the tidy tables.

    ``gva`` is the workbook-implied GVA (``gva_per_hour x hours_per_week x 52``,
    summed), so the GVA-per-hour component equals the published ratio-of-sums
    figure; ``hours`` is annual (weekly x 52); ``jobs`` filled jobs;
    ``working_age`` and ``population`` come from ``population_lad``.

    Parameters
    ----------
    productivity : DataFrame
        ``productivity_lad``-style table.
    population : DataFrame
        ``population_lad``-style table with ``population`` and
        ``working_age_measure``.
    area : Area, str or iterable of str
        The districts (or ``UKX``).
    period : str
        Year.
    population_area : Area, str or iterable of str, optional
        Codes to sum in the population table. Defaults to ``area``; for the UK
        (``UKX``) it defaults to a UK row (``UKX`` or ``K02000001``) if the
        population table has one, else to every LAD in it.
    working_age_measure : str, default "population_16_64"
    employed_residents, economically_active : float, optional
        Extra counts (e.g. from the APS) for the finer decomposition.

    Returns
    -------
    dict
        ``gva, hours, jobs, working_age, population`` and any extra counts.

    Raises
    ------
    IncompleteDataError
        If any district lacks data in ``period`` (a decomposition of partial sums
        would be wrong).

    Examples
    --------
    >>> pop = pd.concat([
    ...     to_tidy(pd.DataFrame({"2022": [90e3, 180e3]}, index=["E06000001", "E06000002"]),
    ...             "population"),
    ...     to_tidy(pd.DataFrame({"2022": [55e3, 110e3]}, index=["E06000001", "E06000002"]),
    ...             "population_16_64")])
    >>> c = gva_per_head_inputs(example_table(), pop, ["E06000001", "E06000002"], "2022")
    >>> for key, value in c.items():
    ...     print(key, round(value))
    gva 5148000000
    hours 208000000
    jobs 120000
    working_age 165000
    population 270000
    """
    a = Area.of(area)
    period = str(period)
    codes = check_area_codes(productivity, a.codes)
    if population_area is None:
        if codes == (UK_CODE,):
            pop_codes_known = {str(c) for c in population["area_code"].unique()}
            uk_rows = [c for c in (UK_CODE, "K02000001") if c in pop_codes_known]
            pcodes = (uk_rows[0],) if uk_rows else lad_codes(population)
        else:
            pcodes = codes
    else:
        pcodes = Area.of(population_area).codes
    pcodes = check_area_codes(population, pcodes)

    def _sum(
        table: pd.DataFrame, measure: str, cs: tuple[str, ...], scale: float = 1.0
    ) -> pd.Series:
        w = pivot_measure(table, measure, areas=cs)
        if period not in w.columns:
            raise IncompleteDataError(f"{measure!r} has no period {period}")
        col = w[period] * scale
        if col.isna().any():
            miss = ", ".join(col.index[col.isna()])
            raise IncompleteDataError(f"{a.name}: no {measure} in {period} for {miss}")
        return col

    rate = _sum(productivity, "gva_per_hour", codes)
    hours = _sum(productivity, "hours_per_week", codes, WEEKS_PER_YEAR)
    jobs = _sum(productivity, "filled_jobs", codes)
    out = {
        "gva": float((rate * hours).sum()),
        "hours": float(hours.sum()),
        "jobs": float(jobs.sum()),
        "working_age": float(_sum(population, working_age_measure, pcodes).sum()),
        "population": float(_sum(population, "population", pcodes).sum()),
    }
    if employed_residents is not None:
        out["employed_residents"] = float(employed_residents)
    if economically_active is not None:
        out["economically_active"] = float(economically_active)
    return out


# ----------------------------------------------------------------------------------------------
# Within-area variation
# ----------------------------------------------------------------------------------------------


def lad_variation(
    tidy: pd.DataFrame,
    area: Area | str | Iterable[str],
    *,
    period: str | None = None,
    window: GrowthWindow | tuple[str, str] | None = None,
    per: Per = "hour",
) -> pd.DataFrame:
    """Tabulate the districts of an area: level, index, growth and UK rank.

    Parameters
    ----------
    tidy : DataFrame
        ``productivity_lad``-style table.
    area : Area, str or iterable of str
        The districts.
    period : str, optional
        Year for levels and ranks; defaults to the latest with data.
    window : GrowthWindow or (start, end), optional
        Growth window; defaults to the last of :func:`standard_windows`. The
        growth is in current prices (nominal), as the LAD workbook is.
    per : {"hour", "job"}, default "hour"

    Returns
    -------
    DataFrame
        One row per district, highest first: ``area_code, area_name,
        gva_per_hour`` (GBP), ``gva_per_hour_index`` (UK = 100; the published
        index when the table has one, as it is computed from unrounded figures,
        else level / UK level x 100), ``cagr_pct_<start>_<end>`` (nominal),
        ``rank_uk`` (1 = highest of all UK LADs with data), ``n_uk``,
        ``labour_share_pct`` (share of the area's hours or jobs).

    Examples
    --------
    >>> v = lad_variation(example_table(), ["E06000001", "E06000002"], window=("2021", "2022"))
    >>> cols = ["area_code", "gva_per_hour", "cagr_pct_2021_2022", "rank_uk"]
    >>> print(v[cols].to_string(index=False))
    area_code  gva_per_hour  cagr_pct_2021_2022  rank_uk
    E06000001          33.0                10.0        2
    E06000002          22.0                10.0        3
    """
    spec = _per_spec(per)
    a = Area.of(area)
    codes = check_area_codes(tidy, a.codes)
    rate = pivot_measure(tidy, spec.rate)
    if period is None:
        with_data = [p for p in rate.columns if rate.loc[rate.index.isin(codes), p].notna().any()]
        if not with_data:
            raise ProductivityError(f"no {spec.rate} values for {a.name}")
        period = with_data[-1]
    period = str(period)
    if period not in rate.columns:
        raise ProductivityError(f"period {period!r} not in {list(rate.columns)}")
    if window is None:
        ws = [
            w
            for w in standard_windows(rate.columns, latest=period if period.isdigit() else None)
            if _year(w.end) <= _year(period)
        ]
        if not ws:
            raise ProductivityError("no standard growth window available; pass window=")
        window = ws[-1]
    elif not isinstance(window, GrowthWindow):
        window = GrowthWindow("custom", str(window[0]), str(window[1]))
    for p in (window.start, window.end):
        if p not in rate.columns:
            raise ProductivityError(f"window year {p} not in {list(rate.columns)}")
    names = area_names(tidy)
    lads = set(lad_codes(tidy)) or (set(rate.index) - {UK_CODE})
    uk_vals = rate.loc[rate.index.isin(lads), period]
    ranks = uk_vals.rank(ascending=False, method="min")
    index_measure = f"{spec.rate}_index"
    if index_measure in set(tidy["measure"].unique()):
        idx = pivot_measure(tidy, index_measure).reindex(index=pd.Index(codes), columns=[period])
        index_vals = idx[period]
    elif UK_CODE in rate.index:
        index_vals = rate.reindex(codes)[period] / rate.at[UK_CODE, period] * 100
    else:
        index_vals = pd.Series(np.nan, index=pd.Index(codes))
    labour = pivot_measure(tidy, spec.labour).reindex(index=pd.Index(codes))
    lab = labour[period] if period in labour.columns else pd.Series(np.nan, index=pd.Index(codes))
    sub = rate.reindex(codes)
    growth = [
        cagr(sub.at[c, window.start], sub.at[c, window.end], window.years) * 100 for c in codes
    ]
    out = pd.DataFrame(
        {
            "area_code": list(codes),
            "area_name": [names.get(c, c) for c in codes],
            spec.rate: sub[period].to_numpy(),
            index_measure: index_vals.reindex(codes).to_numpy(),
            f"cagr_pct_{window.start}_{window.end}": growth,
            "rank_uk": ranks.reindex(codes).astype("Int64").to_numpy(),
            "n_uk": int(uk_vals.notna().sum()),
            "labour_share_pct": (lab / lab.sum(min_count=1) * 100).reindex(codes).to_numpy(),
        }
    )
    out.insert(2, "period", period)
    return out.sort_values(spec.rate, ascending=False, na_position="last").reset_index(drop=True)


# ----------------------------------------------------------------------------------------------
# Formatting and key findings
# ----------------------------------------------------------------------------------------------


def _finite_or_none(value: object) -> float | None:
    """``float(value)`` when it is a finite number, else ``None``."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def format_gbp(value: float, decimals: int = 2, *, compact: bool = False) -> str:
    """Format pounds, e.g. ``£35.20`` or, with ``compact``, ``£9.8 billion``.

    Parameters
    ----------
    value : float
    decimals : int, default 2
        Decimals for non-compact values.
    compact : bool, default False
        Use "million"/"billion" for values of a million or more.

    Returns
    -------
    str
        ``"n/a"`` for missing values.

    Examples
    --------
    >>> format_gbp(35.2), format_gbp(57109.3, 0), format_gbp(-9.84e9, compact=True)
    ('£35.20', '£57,109', '-£9.8 billion')
    """
    v = _finite_or_none(value)
    if v is None:
        return "n/a"
    sign = "-" if v < 0 else ""
    v = abs(v)
    if compact and v >= 1e9:
        return f"{sign}£{v / 1e9:,.1f} billion"
    if compact and v >= 1e6:
        return f"{sign}£{v / 1e6:,.0f} million"
    return f"{sign}£{v:,.{decimals}f}"


def format_pct(value: float, decimals: int = 1, *, signed: bool = False) -> str:
    """Format a percentage, e.g. ``88.6%`` or, with ``signed``, ``+1.2%``.

    Examples
    --------
    >>> format_pct(88.6123), format_pct(1.234, signed=True), format_pct(float("nan"))
    ('88.6%', '+1.2%', 'n/a')
    """
    v = _finite_or_none(value)
    if v is None:
        return "n/a"
    return f"{v:+,.{decimals}f}%" if signed else f"{v:,.{decimals}f}%"


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (``GVA``)."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _short_label(row: pd.Series) -> str:
    code = str(row.get("area_code", "benchmark"))
    if code == UK_CODE:
        return "UK"
    name = row.get("area_name")
    return str(name) if isinstance(name, str) and name else code


def _ordinal(n: object) -> str:
    try:
        k = int(n)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return "unranked"
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def _rate_decimals(spec: _PerSpec) -> int:
    return 2 if spec.rate == "gva_per_hour" else 0


def key_findings(
    area_name: str,
    productivity: pd.DataFrame,
    benchmark: pd.DataFrame | None = None,
    *,
    benchmark_name: str = "the UK average",
    period: str | None = None,
    gap: pd.DataFrame | None = None,
    growth: pd.DataFrame | None = None,
    benchmark_growth: pd.DataFrame | None = None,
    growth_measure: str = "Real GVA per hour worked",
    trend: pd.DataFrame | None = None,
    decomposition: pd.DataFrame | None = None,
    lads: pd.DataFrame | None = None,
) -> list[str]:
    """Turn computed results into short plain-English sentences.

    Every number comes from the inputs; pass only the results you have.

    Parameters
    ----------
    area_name : str
        Name used in the sentences.
    productivity : DataFrame
        :func:`aggregate_productivity` output for the area.
    benchmark : DataFrame, optional
        :func:`aggregate_productivity` output for the benchmark (same ``per``).
    benchmark_name : str, default "the UK average"
        How to name the benchmark in a sentence.
    period : str, optional
        Year to report; defaults to the latest with a value.
    gap : DataFrame, optional
        :func:`productivity_gap_gbp` output.
    growth, benchmark_growth : DataFrame, optional
        :func:`growth_table` / :func:`cvm_growth` output for the area (one area)
        and, optionally, for the benchmark.
    growth_measure : str, default "Real GVA per hour worked"
        What ``growth`` measures, for the sentence.
    trend : DataFrame, optional
        :func:`trend_gap` output.
    decomposition : DataFrame, optional
        :func:`decompose_gva_per_head` output.
    lads : DataFrame, optional
        :func:`lad_variation` output.

    Returns
    -------
    list of str

    Examples
    --------
    >>> t = example_table()
    >>> area = aggregate_productivity(t, Area("Tees", ["E06000001", "E06000002"]))
    >>> uk = aggregate_productivity(t, UK)
    >>> key_findings("Tees", area, uk)[0]
    'GVA per hour worked in Tees was £24.75 in 2022, 70.5% of the UK average (£35.10).'
    """
    if not isinstance(productivity, pd.DataFrame) or productivity.empty:
        raise ProductivityError("productivity must be a non-empty aggregate_productivity frame")
    spec = _detect_per(productivity)
    dec = _rate_decimals(spec)
    what = f"GVA per {spec.noun}"
    sentences: list[str] = []

    avail = [p for p in productivity.index if pd.notna(productivity.at[p, spec.rate])]
    if period is None:
        if not avail:
            raise ProductivityError(f"no {spec.rate} values for {area_name}")
        period = avail[-1]
    period = str(period)
    if period not in productivity.index:
        raise ProductivityError(f"period {period!r} not in the productivity results")
    row = productivity.loc[period]
    level = row[spec.rate]
    s = f"{what} in {area_name} was {format_gbp(level, dec)} in {period}"
    index_col = f"{spec.rate}_index"
    if benchmark is not None and period in benchmark.index:
        bval = benchmark.at[period, spec.rate]
        s += f", {format_pct(level / bval * 100)} of {benchmark_name} ({format_gbp(bval, dec)})"
    elif index_col in productivity.columns and pd.notna(row[index_col]):
        s += f", {format_pct(row[index_col])} of {benchmark_name}"
    sentences.append(s + ".")
    if "complete" in productivity.columns and not bool(row["complete"]):
        miss = list(row.get("missing", ())) + list(row.get("base_missing", ()))
        sentences.append(
            f"The {period} figure for {area_name} is incomplete: no data for {', '.join(miss)}."
        )
    first = avail[0] if avail else None
    if (
        benchmark is not None
        and first is not None
        and first != period
        and first in benchmark.index
        and pd.notna(benchmark.at[first, spec.rate])
    ):
        then = productivity.at[first, spec.rate] / benchmark.at[first, spec.rate] * 100
        now = level / benchmark.at[period, spec.rate] * 100
        change = now - then
        verb = "up" if change > 0 else "down" if change < 0 else "unchanged"
        amount = "" if verb == "unchanged" else f" {abs(change):.1f} points"
        sentences.append(
            f"Relative to {benchmark_name}, {area_name} stood at {format_pct(now)} in {period}, "
            f"{verb}{amount} from {format_pct(then)} in {first} (current prices)."
        )

    if gap is not None and period in gap.index and pd.notna(gap.at[period, "gap_gbp"]):
        g = gap.at[period, "gap_gbp"]
        pct = gap.at[period, "gap_pct_of_gva"]
        if g > 0:
            sentences.append(
                f"If {area_name} matched {benchmark_name} {what} with its own "
                f"{spec.column} worked, its GVA would be about "
                f"{format_gbp(g, compact=True)} a year "
                f"higher ({format_pct(pct)} of its GVA, {period}, current prices)."
                if spec.column == "hours"
                else f"If {area_name} matched {benchmark_name} {what} with its own jobs, its GVA "
                f"would be about {format_gbp(g, compact=True)} a year higher ({format_pct(pct)} of "
                f"its GVA, {period}, current prices)."
            )
        elif g < 0:
            sentences.append(
                f"{area_name}'s {what} is above {benchmark_name}: at that level its GVA would be "
                f"about {format_gbp(-g, compact=True)} a year lower ({period}, current prices)."
            )

    if growth is not None and not growth.empty:
        parts = []
        for w in growth.itertuples(index=False):
            if pd.isna(w.cagr_pct):
                continue
            txt = f"{format_pct(w.cagr_pct, signed=True)} a year in {w.window}"
            if benchmark_growth is not None:
                m = benchmark_growth.loc[benchmark_growth["window"] == w.window]
                if len(m) and pd.notna(m["cagr_pct"].iloc[0]):
                    label = _short_label(m.iloc[0])
                    txt += f" ({label}: {format_pct(m['cagr_pct'].iloc[0], signed=True)})"
            parts.append(txt)
        if parts:
            sentences.append(f"{growth_measure} in {area_name} changed by {_join(parts)}.")

    if trend is not None and not trend.empty:
        tp = trend["actual"].dropna()
        if len(tp):
            last = tp.index[-1]
            sh = trend.at[last, "shortfall_pct"]
            rel = "below" if sh > 0 else "above"
            sentences.append(
                f"By {last}, {_lower_first(growth_measure)} in {area_name} was "
                f"{format_pct(abs(sh))} {rel} where it would have been had its "
                f"{trend['trend_start'].iloc[0]}-{trend['trend_end'].iloc[0]} trend "
                f"({format_pct(trend['trend_cagr_pct'].iloc[0], signed=True)} a year) continued."
            )

    if decomposition is not None and not decomposition.empty:
        tot = decomposition.loc[decomposition["is_total"]].iloc[0]
        diff = (tot["ratio"] - 1) * 100
        rel = "below" if diff < 0 else "above"
        bname = str(tot["benchmark"])
        parts_df = decomposition.loc[~decomposition["is_total"]]
        top = parts_df.reindex(parts_df["log_points"].abs().sort_values(ascending=False).index)
        drivers = [
            f"{_lower_first(r.component)} ({r.log_points:+.1f} log points)"
            for r in top.head(2).itertuples()
        ]
        sentences.append(
            f"GVA per head in {tot['area']} was {format_pct(abs(diff))} {rel} {bname} "
            f"({format_gbp(tot['area_value'], 0)} v {format_gbp(tot['benchmark_value'], 0)}); "
            f"the largest contributions to the {tot['log_points']:+.1f} log-point difference were "
            f"{_join(drivers)}."
        )

    if lads is not None and len(lads) > 1 and spec.rate in lads.columns:
        ok = lads.dropna(subset=[spec.rate]).sort_values(spec.rate)
        if len(ok) > 1:
            lo, hi = ok.iloc[0], ok.iloc[-1]
            n_uk = int(ok["n_uk"].iloc[0]) if "n_uk" in ok.columns else None
            rank_lo = f" ({_ordinal(lo['rank_uk'])} of {n_uk} UK local authorities)" if n_uk else ""
            rank_hi = f" ({_ordinal(hi['rank_uk'])})" if n_uk else ""
            lad_period = lo["period"] if "period" in ok.columns else period
            sentences.append(
                f"Within {area_name}, {what} ranged from {format_gbp(lo[spec.rate], dec)} in "
                f"{lo['area_name']}{rank_lo} to {format_gbp(hi[spec.rate], dec)} in "
                f"{hi['area_name']}{rank_hi} in {lad_period}."
            )
    return sentences
