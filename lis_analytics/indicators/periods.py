"""Periods of indicator values: tidy period strings (``"2021"``, ``"2021-2022"``) and choices.

Examples
--------
>>> sort_periods(["2021-2022", "2019", "2020"])
['2019', '2020', '2021-2022']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd


def period_year(period: str) -> int:
    """Start year of a tidy period (``"2021-2022"`` -> 2021)."""
    return int(str(period)[:4])


def nearest_period(target: str, available: Sequence[str]) -> str | None:
    """The available period whose start year is nearest ``target`` (earlier on ties).

    Examples
    --------
    >>> nearest_period("2021", ["2019", "2020", "2022"])
    '2020'
    """
    if not available:
        return None
    ty = period_year(target)
    return min(available, key=lambda p: (abs(period_year(p) - ty), period_year(p) - ty > 0))


def sort_periods(periods: Iterable[str]) -> list[str]:
    """Distinct periods in time order (by start year, then as text)."""
    return sorted(set(periods), key=lambda p: (period_year(p), p))


def baseline_period(periods: Sequence[str], baseline_year: int, latest: str) -> str | None:
    """The period closest to ``baseline_year`` that is earlier than ``latest``.

    Examples
    --------
    >>> baseline_period(["2017", "2018", "2019", "2020", "2021"], 2019, "2021")
    '2019'
    >>> baseline_period(["2022", "2023"], 2019, "2023")
    '2022'
    >>> baseline_period(["2024"], 2019, "2024") is None
    True
    """
    earlier = [p for p in periods if period_year(p) < period_year(latest)]
    if not earlier:
        return None
    return min(earlier, key=lambda p: (abs(period_year(p) - baseline_year), -period_year(p)))


def up_to(results: pd.DataFrame, latest_year: str | int | None) -> pd.DataFrame:
    """Rows whose period starts no later than ``latest_year`` (all rows when it is empty).

    Rows that only carry a reason (no period) are kept.

    Examples
    --------
    >>> t = pd.DataFrame({"period": ["2019", "2023-2024", ""]})
    >>> up_to(t, 2022)["period"].tolist()
    ['2019', '']
    """
    if latest_year in (None, ""):
        return results
    y = int(latest_year)
    keep = results["period"].map(lambda p: not p or period_year(p) <= y)
    return results[keep]

