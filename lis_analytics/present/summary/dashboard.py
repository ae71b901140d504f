"""The summary's dashboard: the headline indicators, each with level, trend, change and rank.

:func:`dashboard_rows` reads the baseline chapter's records (``monitoring_baseline`` and
``monitoring_series``) and returns one :class:`DashboardRow` per indicator of the baseline
table, headline indicators first. Nothing is computed: levels, changes, tests and ranks are
the chapter's; the words around them (:func:`level_words`, :func:`change_words`,
:func:`direction_words`) only format them.

Examples
--------
>>> row = DashboardRow("emp", "Employment rate", "%", 1, "higher is better", True,
...                    71.9, "2023", 72.7, "2019", -0.8, "no significant change",
...                    "not significant", -0.85, 0.0, np.nan, "", 36, 37, "36th of 37 LEPs")
>>> level_words(row), change_words(row), direction_words(row)
('71.9% (2023)', '-0.8 percentage points since 2019', 'no significant change (z = -0.85)')
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lis_analytics.present.text.indicators import format_change, format_value

__all__ = ["DashboardRow", "Measure", "change_words", "dashboard_rows", "level_words",
           "rank_fraction", "direction_words"]


@dataclass(frozen=True)
class Measure:
    """A unit and the decimals its values are shown with (what the formatters need).

    Examples
    --------
    >>> format_value(608.3, Measure("£ per week", 0))
    '£608 per week'
    """

    unit: str
    decimals: int


@dataclass(frozen=True)
class DashboardRow:
    """One headline indicator as the chapters recorded it.

    Attributes
    ----------
    indicator_id, indicator, unit : str
        The indicator, its title and unit (``%`` for a rate).
    decimals : int
        Decimals the values are shown with.
    direction : str
        ``higher is better``, ``lower is better`` or ``neutral``.
    headline : bool
        In the headline set (otherwise shown because the area has a baseline and a later value).
    latest_value, latest_period, baseline_value, baseline_period
        The levels and their periods.
    change : float
        Latest minus baseline (NaN without an earlier figure).
    assessment : str
        The chapter's direction of travel (``improving``, ``worsening``, ``no significant
        change``, ``not tested``...).
    significance : str
        The chapter's test in words.
    z : float
        z statistic of the test the direction rests on (NaN when not z-tested).
    england_change, england_change_pct : float
        England's change over the same periods (and in per cent).
    against_england : str
        The chapter's words for the change against England's.
    rank, n_ranked : float
        Rank in the latest period among the peer group (1 = best) and areas ranked.
    rank_words : str
        The rank naming its peer group (``15th of 38 LEPs``).
    england_latest : float
        England's value in the latest period (NaN when not recorded).
    trend : tuple of (str, float)
        The area's series, oldest first (period, value).
    england_trend : tuple of (str, float)
        England's series over the same periods.
    note : str
        Why a value is missing or not assessed ('' when nothing to say).
    """

    indicator_id: str
    indicator: str
    unit: str
    decimals: int
    direction: str
    headline: bool
    latest_value: float
    latest_period: str
    baseline_value: float
    baseline_period: str
    change: float
    assessment: str
    significance: str
    z: float
    england_change: float
    england_change_pct: float
    against_england: str
    rank: float
    n_ranked: float
    rank_words: str
    england_latest: float = np.nan
    trend: tuple = field(default_factory=tuple)
    england_trend: tuple = field(default_factory=tuple)
    note: str = ""

    @property
    def measure(self) -> Measure:
        """Unit and decimals, for the formatters."""
        return Measure(self.unit, int(self.decimals))

    @property
    def is_money(self) -> bool:
        """Values in pounds (current prices: judged against England's change)."""
        return self.unit.startswith("£")


def _number(value: object) -> float:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return np.nan
    return v if math.isfinite(v) else np.nan


def level_words(row: DashboardRow) -> str:
    """The latest level with its unit and period, e.g. ``'£39.88 per hour (2023)'``.

    Examples
    --------
    >>> r = DashboardRow("x", "X", "£ per hour", 2, "higher is better", True, np.nan, "",
    ...                  np.nan, "", np.nan, "not available", "", np.nan, np.nan, np.nan, "",
    ...                  np.nan, np.nan, "", note="not published for this area")
    >>> level_words(r)
    'not available: not published for this area'
    """
    if pd.isna(row.latest_value):
        return "not available" + (f": {row.note}" if row.note else "")
    return f"{format_value(row.latest_value, row.measure)} ({row.latest_period})"


def change_words(row: DashboardRow) -> str:
    """The change since the baseline with its unit and baseline period ('' when none).

    Examples
    --------
    >>> r = DashboardRow("x", "X", "£ per hour", 2, "higher is better", True, 39.88, "2023",
    ...                  33.02, "2019", 6.86, "improving", "", np.nan, 5.35, 14.4, "", 15, 38,
    ...                  "15th of 38 LEPs")
    >>> change_words(r)
    '+£6.86 per hour since 2019'
    """
    if pd.isna(row.change):
        return ""
    return f"{format_change(row.change, row.measure)} since {row.baseline_period}"


def direction_words(row: DashboardRow) -> str:
    """The direction of travel with the test it rests on, in a few words.

    A change is called improving or worsening only when the chapter says so: a survey change
    a z-test finds significant, or a figure without sampling error (money in current prices
    against England's change). Anything else says why it is not a change.

    Examples
    --------
    >>> base = dict(indicator_id="x", indicator="X", unit="%", decimals=1,
    ...             direction="higher is better", headline=True, latest_value=39.1,
    ...             latest_period="2021", baseline_value=36.6, baseline_period="2019",
    ...             change=2.5, england_change=3.2, england_change_pct=7.9,
    ...             against_england="", rank=21, n_ranked=38, rank_words="21st of 38 LEPs")
    >>> direction_words(DashboardRow(**base, assessment="improving", significance="significant",
    ...                         z=2.23))
    'improving (significant, z = 2.23)'
    >>> direction_words(DashboardRow(**base, assessment="improving",
    ...     significance="not a survey estimate (no sampling error)", z=np.nan))
    'improving (no sampling error)'
    >>> money = base | dict(unit="£ per hour", latest_value=39.90, baseline_value=35.17,
    ...                     change=4.73, england_change_pct=14.4)
    >>> direction_words(DashboardRow(**money, assessment="worsening",
    ...     significance="not a survey estimate (no sampling error)", z=np.nan))
    'worsening against England (+13.4% v England +14.4%; no sampling error)'
    >>> direction_words(DashboardRow(**base, assessment="not tested",
    ...     significance="not tested (no interval)", z=np.nan))
    'not tested (survey published without an interval)'
    """
    a = row.assessment or "not assessed"
    against = "against England" in row.significance or (
        row.is_money and "no sampling error" in row.significance)
    if not pd.isna(row.z):
        sig = "significant" if abs(row.z) > 1.96 else "not significant"
        where = " against England" if against else ""
        if a in ("improving", "worsening"):
            return f"{a} ({sig}{where}, z = {row.z:.2f})"
        return f"{a} (z = {row.z:.2f}{where})"
    if a == "not tested":
        return "not tested (survey published without an interval)"
    if "no sampling error" in row.significance or "not a survey" in row.significance:
        if against and a in ("improving", "worsening") and row.baseline_value:
            own = row.change / row.baseline_value * 100  # cash change, as England's
            return (f"{a} against England ({own:+.1f}% v England {row.england_change_pct:+.1f}%"
                    "; no sampling error)")
        return f"{a} (no sampling error)"
    return a


def rank_fraction(row: DashboardRow) -> float:
    """Rank as a share of the areas ranked (small is good); NaN when not ranked.

    Examples
    --------
    >>> r = DashboardRow("x", "X", "%", 1, "lower is better", True, 3.8, "2023", 4.8, "2019",
    ...                  -1.0, "improving", "", np.nan, -1.0, -17.5, "", 5, 38, "5th of 38 LEPs")
    >>> round(rank_fraction(r), 3)
    0.132
    """
    if pd.isna(row.rank) or pd.isna(row.n_ranked) or not row.n_ranked:
        return np.nan
    return float(row.rank) / float(row.n_ranked)


def _key(frame: pd.DataFrame) -> str:
    return "indicator_id" if "indicator_id" in frame.columns else "Indicator"


def _points(rows: pd.DataFrame) -> tuple:
    return tuple((str(p), float(v)) for p, v in zip(rows["Period"], rows["Value"], strict=True)
                 if not pd.isna(v))


def dashboard_rows(baseline: pd.DataFrame, series: pd.DataFrame, area_code: str,
                   england_code: str = "E92000001") -> list[DashboardRow]:
    """One row per indicator of the baseline table, headline indicators first.

    Parameters
    ----------
    baseline : DataFrame
        The ``monitoring_baseline`` table, tidied
        (:func:`~lis_analytics.present.summary.records.tidy_table`).
    series : DataFrame
        The ``monitoring_series`` table, tidied (may be empty: then no trend lines, ranks
        from the baseline table's words only, and no z statistics).
    area_code : str
        The pack's area (its rows of ``series``).
    england_code : str
        England's code in ``series``.

    Returns
    -------
    list of DashboardRow
        In the baseline table's order, headline rows first.

    Examples
    --------
    >>> baseline = pd.DataFrame({"indicator_id": ["emp"], "Indicator": ["Employment rate"],
    ...     "Unit": ["%"], "Better when": ["higher"], "Baseline period": ["2019"],
    ...     "Baseline value": [72.7], "Latest period": ["2023"], "Latest value": [71.9],
    ...     "Change": [-0.8], "Significance test": ["not significant"],
    ...     "Direction of travel": ["no significant change"], "England change": [0.0],
    ...     "In the headline set": ["yes"],
    ...     "Rank in the latest period (1 = best)": ["36th of 37 LEPs"]})
    >>> series = pd.DataFrame({"indicator_id": "emp", "Area code": ["X", "X", "E92000001"],
    ...     "Period": ["2019", "2023", "2023"], "Value": [72.7, 71.9, 76.0],
    ...     "Decimals shown": 1, "Rank (1 = best)": [32, 36, np.nan],
    ...     "Areas ranked": [37, 37, np.nan], "Baseline or latest": ["baseline", "latest", ""],
    ...     "z, change since the baseline": [np.nan, -0.85, np.nan]})
    >>> row = dashboard_rows(baseline, series, "X")[0]
    >>> row.rank, row.england_latest, row.trend, direction_words(row)
    (36.0, 76.0, (('2019', 72.7), ('2023', 71.9)), 'no significant change (z = -0.85)')
    """
    if baseline is None or not len(baseline):
        return []
    key = _key(baseline)
    series = series if series is not None and len(series) else pd.DataFrame(
        columns=["indicator_id", "Indicator", "Area code", "Period", "Value"])
    skey = key if key in series.columns else _key(series)
    # the baseline table may hold titles only: the series table gives each title its id
    ids = (dict(zip(series["Indicator"], series["indicator_id"], strict=True))
           if {"Indicator", "indicator_id"} <= set(series.columns) else {})
    rows = []
    for _, b in baseline.iterrows():
        ident = b.get(key, "")
        own = series[(series[skey] == ident) & (series["Area code"] == area_code)]
        eng = series[(series[skey] == ident) & (series["Area code"] == england_code)]
        latest = own[own.get("Baseline or latest", pd.Series("", index=own.index)) == "latest"]
        latest = latest.iloc[-1] if len(latest) else (own.iloc[-1] if len(own) else pd.Series())
        decimals = _number(latest.get("Decimals shown"))
        if pd.isna(decimals):
            decimals = 1
        latest_period = str(b.get("Latest period", ""))
        eng_latest = eng[eng["Period"] == latest_period]["Value"]
        periods = set(own["Period"])
        rank_words = str(b.get("Rank in the latest period (1 = best)", "") or
                         latest.get("Rank among peers", "") or "")
        headline = str(b.get("In the headline set", "yes")).strip().lower().startswith("yes")
        direction = str(b.get("Better when", "")).strip()
        rows.append(DashboardRow(
            indicator_id=str(b.get("indicator_id") or ids.get(ident, ident)),
            indicator=str(b.get("Indicator", "")),
            unit=str(b.get("Unit", "")), decimals=int(decimals),
            direction=f"{direction} is better" if direction in ("higher", "lower") else
            direction or "neutral", headline=headline,
            latest_value=_number(b.get("Latest value")), latest_period=latest_period,
            baseline_value=_number(b.get("Baseline value")),
            baseline_period=str(b.get("Baseline period", "")),
            change=_number(b.get("Change")), assessment=str(b.get("Direction of travel", "")),
            significance=str(b.get("Significance test", "")),
            z=_number(latest.get("z, change since the baseline")),
            england_change=_number(b.get("England change")),
            england_change_pct=_number(b.get("England change (%)")),
            against_england=str(b.get("Change against England's", "")),
            rank=_number(latest.get("Rank (1 = best)")),
            n_ranked=_number(latest.get("Areas ranked")), rank_words=rank_words,
            england_latest=float(eng_latest.iloc[0]) if len(eng_latest) else np.nan,
            trend=_points(own),
            england_trend=_points(eng[eng["Period"].isin(periods)]),
            note=str(b.get("Note", "")) if pd.isna(_number(b.get("Latest value"))) else ""))
    rows.sort(key=lambda r: not r.headline)  # stable: the chapter's order within each part
    return rows
