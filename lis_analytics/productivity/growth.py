"""Productivity growth: compound annual growth rates over standard windows, real productivity.

:func:`cagr` is the one compound-annual-growth-rate implementation of the library. Growth of
productivity is measured in real terms: from ONS's chained-volume indices for published areas
(:func:`cvm_growth`), or from chained-volume GVA over hours for any set of districts
(:func:`real_productivity_lad`). :func:`trend_gap` compares a real series with its pre-2008
trend continued, the local "productivity puzzle".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from lis_analytics.geography import ratio_of_sums_table
from lis_analytics.productivity._common import (  # noqa: F401 (doctests)
    _CVM_INDEX,
    PANDEMIC_BASE,
    POST_CRISIS,
    PRE_CRISIS,
    AreaLike,
    IncompleteDataError,
    OnMissing,
    Per,
    ProductivityError,
    _check_on_missing,
    _Named,
    _named,
    _named_areas,
    _per_spec,
    _PerSpec,
    _sort_periods,
    _year,
    example_table,
    to_tidy,
)
from lis_analytics.productivity.levels import area_names, check_area_codes, pivot_measure

__all__ = [
    "GrowthWindow",
    "cagr",
    "cvm_growth",
    "growth_table",
    "published_real_index",
    "real_productivity_each",
    "real_productivity_lad",
    "standard_windows",
    "trend_gap",
]


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
    missing or not positive. The one CAGR of the library: every chapter's growth
    rates come from here.

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
    areas: AreaLike,
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


def published_real_index(
    tidy: pd.DataFrame, code: str, *, per: Per = "hour", base_period: str | None = None
) -> pd.Series:
    """Return ONS's published chained-volume productivity index of one area, rebased.

    ONS's CVM indices (``gva_per_hour_cvm_index``; ``productivity_ca``: 2022 = 100,
    ``productivity_itl``: 2019 = 100) are built by ONS from chain-linked GVA of the area as a
    whole over its hours, so they avoid summing chained-volume GVA of districts (which is not
    additive outside the reference year). Rebasing only rescales: growth rates are unchanged.

    Parameters
    ----------
    tidy : DataFrame
        ``productivity_ca`` or ``productivity_itl``-style table.
    code : str
        A published area (CA, ITL or ``UKX``).
    per : {"hour", "job"}, default "hour"
    base_period : str, optional
        Year set to 100; by default the index is returned as published.

    Returns
    -------
    Series
        Indexed by period (text years), named ``code``; years without a value are dropped.

    Examples
    --------
    >>> idx = pd.DataFrame({"2019": [90.0], "2022": [100.0], "2023": [99.0]}, index=["TLC"])
    >>> t = to_tidy(idx, "gva_per_hour_cvm_index", geography="ITL1")
    >>> published_real_index(t, "TLC", base_period="2019").round(2).tolist()
    [100.0, 111.11, 110.0]
    """
    _per_spec(per)
    row = pivot_measure(tidy, _CVM_INDEX[per], areas=code).loc[code].dropna().astype(float)
    row.index = pd.Index([str(p) for p in row.index], name="period")
    if base_period is not None:
        base_period = str(base_period)
        if base_period not in row.index:
            raise ProductivityError(f"base_period {base_period!r} not in the index of {code}")
        row = row / row[base_period] * 100
    return row.rename(code)


def real_productivity_lad(
    gva: pd.DataFrame,
    labour: pd.DataFrame,
    area: AreaLike,
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
    summing districts is an approximation. Use one vintage: the June 2025
    productivity release is built on the April 2025 regional GVA (its hours times
    ONS's unsmoothed GVA per hour reproduces the April 2025 current-price GVA of
    every combined authority to within 0.03%), so GVA (April 2025) over hours (June
    2025) is consistent; on it, growth of the 14 combined authorities follows ONS's
    own CVM indices to about 0.1 percentage points a year. Show the result as growth
    or an index, never as a pound level beside current-price levels (the reference
    year's money is not the current year's).

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
    return _real_wide(gva, labour, _named(area, name), spec, wide, base_period, on_missing)


def real_productivity_each(
    gva: pd.DataFrame,
    labour: pd.DataFrame,
    areas: Mapping[str, AreaLike] | Iterable[AreaLike],
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


def _real_wide(gva: pd.DataFrame, labour: pd.DataFrame, a: _Named, spec: _PerSpec,
               wide: _RealInputs, base_period: str | None, on_missing: OnMissing
               ) -> pd.DataFrame:
    """:func:`real_productivity_lad` on tables already pivoted wide."""
    codes = check_area_codes(gva, a.codes)
    check_area_codes(labour, a.codes)
    periods = wide.periods
    idx = pd.Index(codes, name="area_code")
    cvm = wide.cvm.reindex(index=idx, columns=periods)
    lab = wide.labour.reindex(index=idx, columns=periods)
    sums = ratio_of_sums_table(cvm, lab)
    col = f"real_{spec.rate}"
    pidx = pd.Index(periods, name="period")
    out = pd.DataFrame(
        {
            "area": a.name,
            "gva_cvm": sums.numerator.to_numpy(),
            spec.column: sums.denominator.to_numpy(),
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

