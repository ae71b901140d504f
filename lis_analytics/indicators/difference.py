"""Difference indicators: one indicator's value minus another's, never across periods.

A ``difference`` indicator of the framework (e.g. the gap between workplace and residence
pay) is computed after its parts, area by area, only for periods both parts have.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from lis_analytics.indicators.framework import RESULT_COLUMNS, Indicator
from lis_analytics.indicators.periods import sort_periods
from lis_analytics.indicators.significance import Z95
from lis_analytics.indicators.values import join_notes

__all__ = ["difference"]


def difference(ind: Indicator, a: pd.DataFrame, b: pd.DataFrame,
               names: Sequence[str] | None = None) -> pd.DataFrame:
    """``a`` minus ``b`` (the parts of a ``difference`` indicator), area by area, same period only.

    Two figures are subtracted only when both are for the same period: the parts' bases (e.g.
    all employee jobs in both) are checked when the framework is read
    (:func:`~lis_analytics.indicators.parse_framework`). An area whose parts have values but
    no period in common gets a missing row saying which periods each part has; when one part
    has a later period than the last one in common, the latest difference says so.

    Parameters
    ----------
    ind
        The difference indicator (``ind.of`` names ``a`` and ``b``).
    a, b
        Result rows (:data:`RESULT_COLUMNS`) of the two parts.
    names
        The parts' names in words for the reasons (default: their ids).

    Returns
    -------
    DataFrame
        :data:`RESULT_COLUMNS`, one row per area and common period (intervals combined as
        independent estimates), plus a missing row per area with no common period.

    Examples
    --------
    >>> from lis_analytics.indicators import parse_framework
    >>> fw = parse_framework({"indicators": [
    ...     {"id": i, "title": i, "theme": "People", "unit": "£", "direction": "neutral",
    ...      "aggregation": "published_only", "value": {"dataset": "t", "measure": i}}
    ...     for i in ("w", "r")] + [{"id": "gap", "title": "Gap", "theme": "People",
    ...     "unit": "£", "direction": "neutral", "aggregation": "difference", "of": ["w", "r"]}]})
    >>> def rows(iid, period, value):
    ...     return pd.DataFrame([dict.fromkeys(RESULT_COLUMNS, np.nan) | {"indicator_id": iid,
    ...         "area_code": "X", "period": period, "period_label": period, "value": value,
    ...         "status": "ok", "reason": "", "n_lads": 1}])
    >>> d = difference(fw.get("gap"), rows("w", "2024", 600.0), rows("r", "2025", 550.0))
    >>> d[["value", "status"]].values.tolist(), d["reason"].item()[:53]
    ([[nan, 'missing']], 'not available: no period with both (w for 2024; r for')
    """
    keys = ["area_code", "period"]
    a, b = a[a["value"].notna()], b[b["value"].notna()]
    both = a.merge(b, on=keys, suffixes=("_a", "_b"))
    se_a = (both["uci_95_a"] - both["lci_95_a"]) / (2 * Z95)
    se_b = (both["uci_95_b"] - both["lci_95_b"]) / (2 * Z95)
    half = Z95 * np.sqrt(se_a.fillna(0) ** 2 + se_b.fillna(0) ** 2)
    half = half.where(se_a.notna() & se_b.notna())
    value = both["value_a"] - both["value_b"]
    last_a = a.groupby("area_code")["period"].agg(_last_period)
    last_b = b.groupby("area_code")["period"].agg(_last_period)
    last_both = both.groupby("area_code")["period"].agg(_last_period)
    aid, bid = names or ind.of
    reasons = []
    for code, period, ra, rb in zip(both["area_code"], both["period"],
                                    both["reason_a"].fillna(""), both["reason_b"].fillna(""),
                                    strict=True):
        later = ""
        if period == last_both[code] and (last_a[code], last_b[code]) != (period, period):
            later = (f"latest period with both: {period} ({aid} to {last_a[code]}, {bid} to "
                     f"{last_b[code]}; never subtracted across periods)")
        reasons.append(join_notes(later, ra, rb))
    out = pd.DataFrame({
        "indicator_id": ind.id, "area_code": both["area_code"], "period": both["period"],
        "period_label": both["period_label_a"], "value": value, "lci_95": value - half,
        "uci_95": value + half, "status": "ok", "reason": reasons, "method": ind.rule,
        "n_lads": both["n_lads_a"], "n_missing": 0, "missing_lads": ""})
    apart = sorted((set(last_a.index) & set(last_b.index)) - set(last_both.index))
    n_lads = a.groupby("area_code")["n_lads"].first()
    gap = pd.DataFrame({
        "indicator_id": ind.id, "area_code": apart, "period": "", "period_label": "",
        "value": np.nan, "lci_95": np.nan, "uci_95": np.nan, "status": "missing",
        "reason": [f"not available: no period with both ({aid} for "
                   f"{', '.join(sort_periods(a.loc[a['area_code'] == c, 'period']))}; {bid} for "
                   f"{', '.join(sort_periods(b.loc[b['area_code'] == c, 'period']))}), and "
                   "figures of different periods are never subtracted" for c in apart],
        "method": ind.rule, "n_lads": [n_lads[c] for c in apart], "n_missing": 0,
        "missing_lads": ""})
    frames = [f for f in (out, gap) if len(f)]
    if not frames:
        return out[list(RESULT_COLUMNS)]
    return pd.concat(frames, ignore_index=True)[list(RESULT_COLUMNS)]


def _last_period(periods: pd.Series) -> str:
    return sort_periods(periods)[-1]
