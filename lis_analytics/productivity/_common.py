"""Shared pieces of :mod:`lis_analytics.productivity`: constants, errors, areas and tidy helpers.

Private to the package (import the public names from :mod:`lis_analytics.productivity`).
Holds what every method module needs: the conventions (weeks a year, the ``UKX`` code,
the standard growth windows), the error types, how an area argument (a geography
:class:`~lis_analytics.geography.Area`, one code or several codes) becomes a name and a
tuple of codes, checks of the tidy layout, and :func:`to_tidy` / :func:`example_table` for
building small inputs by hand.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal, NamedTuple, TypeAlias

import pandas as pd

from lis_analytics import errors as _errors
from lis_analytics.geography import Area

WEEKS_PER_YEAR: int = 52
"""Weeks used by ONS to turn weekly hours worked into annual hours."""

UK_CODE = "UKX"
"""The UK less extra-regio, as published (the ``UKX`` row of ONS workbooks)."""
PRE_CRISIS: tuple[str, str] = ("2004", "2008")
"""Pre-financial-crisis growth window (first and last year)."""
POST_CRISIS: tuple[str, str] = ("2010", "2019")
"""Post-crisis, pre-pandemic growth window (first and last year)."""
PANDEMIC_BASE = "2019"
"""First year of the third standard window (to the latest year)."""

_LAD_CODE = re.compile(r"^(E0[6-9]|W06|S12|N09)\d{6}$")
_REQUIRED_TIDY = ("area_code", "period", "measure", "value")

Per = Literal["hour", "job"]
OnMissing = Literal["flag", "nan", "raise"]

AreaLike: TypeAlias = Area | str | Iterable[str]
"""An area argument: a geography :class:`~lis_analytics.geography.Area` (its ``lad_codes``
and ``name`` are used), one code (e.g. ``"UKX"``) or an iterable of codes."""


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


def _per_spec(per: str) -> _PerSpec:
    if per not in _PER:
        raise ProductivityError(f"per must be 'hour' or 'job', got {per!r}")
    return _PER[per]


def _check_on_missing(on_missing: str) -> None:
    if on_missing not in ("flag", "nan", "raise"):
        raise ProductivityError(f"on_missing must be 'flag', 'nan' or 'raise', got {on_missing!r}")


# ----------------------------------------------------------------------------------------------
# Errors
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


# ----------------------------------------------------------------------------------------------
# Areas: a geography Area, one code or several codes -> a name and a tuple of codes
# ----------------------------------------------------------------------------------------------


def _normalise_codes(codes: str | Iterable[str]) -> tuple[str, ...]:
    if isinstance(codes, str):
        codes = [codes]
    try:
        items = list(codes)
    except TypeError as exc:
        raise ProductivityError(
            "an area must be a geography Area, a code or an iterable of codes, "
            f"got {type(codes).__name__}"
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


class _Named(NamedTuple):
    """An area as the methods use it: a name for outputs and its codes (de-duplicated)."""

    name: str
    codes: tuple[str, ...]


def _named(area: AreaLike, name: str | None = None) -> _Named:
    """Return ``area`` as a name and a tuple of codes.

    A geography :class:`~lis_analytics.geography.Area` gives its ``lad_codes`` and ``name``;
    one code or several codes are named by ``name``, else by the single code (``"UK"`` for
    ``UKX``), else ``"Area"``. Codes are stripped and de-duplicated, order kept.

    Examples
    --------
    >>> _named(Area("E37000015", "Greater Manchester", "LEP", ("E08000001", "E08000002")))
    _Named(name='Greater Manchester', codes=('E08000001', 'E08000002'))
    >>> _named(["E06000001", " E06000001 ", "E06000002"], name="Tees")
    _Named(name='Tees', codes=('E06000001', 'E06000002'))
    >>> _named(UK_CODE)
    _Named(name='UK', codes=('UKX',))
    """
    if isinstance(area, _Named):
        codes, default = area.codes, area.name
    elif isinstance(area, Area):
        codes, default = _normalise_codes(area.lad_codes), area.name
    else:
        codes = _normalise_codes(area)
        default = "UK" if codes == (UK_CODE,) else codes[0] if len(codes) == 1 else "Area"
    out = default if name is None else name
    if not isinstance(out, str) or not out.strip():
        raise ProductivityError("an area needs a non-empty name")
    return _Named(out, codes)


def _named_areas(areas: Mapping[str, AreaLike] | Iterable[AreaLike]) -> list[_Named]:
    """Areas from a name -> area mapping or from areas; one or more, with different names."""
    if isinstance(areas, Mapping):
        area_list = [_named(v, name=str(k)) for k, v in areas.items()]
    elif isinstance(areas, str | Area):
        area_list = [_named(areas)]
    else:
        area_list = [_named(a) for a in areas]
    if not area_list:
        raise ProductivityError("no areas given")
    names = [a.name for a in area_list]
    if len(set(names)) < len(names):
        raise ProductivityError(f"area names must differ to key the results, got {names}")
    return area_list


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

