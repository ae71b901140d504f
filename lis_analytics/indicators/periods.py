"""Periods of indicator values: tidy period strings (``"2021"``, ``"2021-2022"``) and choices.

Examples
--------
>>> sort_periods(["2021-2022", "2019", "2020"])
['2019', '2020', '2021-2022']
"""

from __future__ import annotations

import re
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


def period_end_year(period: str) -> int:
    """Year in which a tidy period ends: its last four-digit year.

    A financial year ``"2018-2019"`` ends in 2019, a pooled ``"2022-2024"`` in 2024, a single
    year (or an April survey date) in that year.

    Examples
    --------
    >>> period_end_year("2019"), period_end_year("2018-2019"), period_end_year("2022-2024")
    (2019, 2019, 2024)
    """
    years = re.findall(r"\d{4}", str(period))
    if not years:
        raise ValueError(f"period {period!r} names no year")
    return int(years[-1])


BASELINE_RULE = ("the latest period ending on or before 31 December {year}; if the area has none, "
                 "its earliest period, with the gap to {year} shown")
"""The monitoring baseline rule in words (``{year}``: the framework's baseline year)."""


def baseline_period(periods: Sequence[str], baseline_year: int, latest: str) -> str | None:
    """The baseline period by the stated rule (:data:`BASELINE_RULE`).

    Among the periods that start before ``latest``: the latest one ending on or before
    31 December of ``baseline_year`` (:func:`period_end_year`); when none does, the earliest
    one, whose gap to the target the caller shows (:func:`baseline_gap`). ``None`` when no
    period is earlier than ``latest``. A period after the target year is chosen only when
    nothing ends by it, never because it is nearer.

    Examples
    --------
    >>> baseline_period(["2017", "2018", "2019", "2020", "2021"], 2019, "2021")
    '2019'
    >>> baseline_period(["2018-2019", "2019-2020", "2022-2023"], 2019, "2022-2023")
    '2018-2019'
    >>> baseline_period(["2016", "2020", "2023"], 2019, "2023")
    '2016'
    >>> baseline_period(["2021", "2023", "2025"], 2019, "2025")
    '2021'
    >>> baseline_period(["2024"], 2019, "2024") is None
    True
    """
    earlier = [p for p in periods if period_year(p) < period_year(latest)]
    if not earlier:
        return None
    by_target = [p for p in earlier if period_end_year(p) <= baseline_year]
    if by_target:
        return max(by_target, key=lambda p: (period_end_year(p), period_year(p)))
    return min(earlier, key=lambda p: (period_year(p), period_end_year(p)))


def baseline_gap(period: str, baseline_year: int) -> int:
    """Years from the baseline year to the end of the baseline period (0 when it ends in it).

    Examples
    --------
    >>> baseline_gap("2023", 2019), baseline_gap("2016", 2019), baseline_gap("2018-2019", 2019)
    (4, -3, 0)
    """
    return period_end_year(period) - baseline_year


def closest_earlier_period(periods: Sequence[str], target_year: int, latest: str) -> str | None:
    """The period (earlier than ``latest``) whose start year is closest to ``target_year``.

    Ties go to the later period. Used for the scorecard trend ("latest against the period
    closest to five years earlier"), not for the monitoring baseline.

    Examples
    --------
    >>> closest_earlier_period(["2017", "2018", "2022"], 2018, "2023")
    '2018'
    >>> closest_earlier_period(["2022", "2023"], 2019, "2023")
    '2022'
    """
    earlier = [p for p in periods if period_year(p) < period_year(latest)]
    if not earlier:
        return None
    return min(earlier, key=lambda p: (abs(period_year(p) - target_year), -period_year(p)))


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

