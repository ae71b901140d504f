"""Variation within an area: its districts' levels, index, growth and rank among UK districts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lis_analytics.indicators.ranks import rank_values
from lis_analytics.productivity._common import (
    UK_CODE,
    AreaLike,
    Per,
    ProductivityError,
    _named,
    _per_spec,
    _year,
    example_table,  # noqa: F401 (doctests)
)
from lis_analytics.productivity.growth import GrowthWindow, cagr, standard_windows
from lis_analytics.productivity.levels import area_names, check_area_codes, lad_codes, pivot_measure

__all__ = ["lad_variation"]


def lad_variation(
    tidy: pd.DataFrame,
    area: AreaLike,
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
    a = _named(area)
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
    ranks = rank_values(uk_vals, "higher_is_better").astype(float)
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
