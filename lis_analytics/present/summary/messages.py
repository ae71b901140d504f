"""Five messages for a board, chosen from the chapters' records by stated rules.

Each rule is a pure function of the records (:class:`~lis_analytics.present.summary.records.
SummaryRecords`) and the dashboard rows (:func:`~lis_analytics.present.summary.dashboard.
dashboard_rows`) and returns one :class:`Message`: one sentence with its number, period and
comparison. The rules (:data:`RULES`) are:

1. **Productivity**: GVA per hour worked against the UK average, its rank in the peer
   group and the gap in pounds a year (the productivity chapter's figures).
2. **Strength**: the headline indicator, or real productivity growth, ranked best in its
   peer group when it is in the top quarter; else the distinctive industry (one that passes
   the sectors chapter's screens) with the highest GVA location quotient; else the
   best-ranked indicator.
3. **Weakness**: the indicator ranked worst in its peer group (rank as a share of the areas
   ranked), not already named.
4. **Change**: of the headline indicators improving or worsening since the baseline, the one
   with the largest z statistic; if no survey change is significant, the largest change in a
   figure without sampling error (percentage points for rates, per cent otherwise; money
   against England's change).
5. **Risk**: real productivity growth since 2019 below both its 2004-2008 pace and the UK's;
   else a headline indicator worsening since the baseline (the worst-ranked, not already
   named); else a share of working residents in low-paying industries above England's.

A change is called a change only when the baseline chapter found one (a significant z-test,
or a figure without sampling error); ties go to the chapter's order.

Examples
--------
>>> figures = pd.DataFrame({
...     "chapter": "productivity", "indicator_id": ["gva_per_hour", "gva_per_hour_index",
...     "productivity_gap_gbp"], "period": "2023", "value": [39.88, 95.2, 4627.8],
...     "unit": ["GBP per hour worked", "index (UK = 100)", "GBP million a year"],
...     "price_basis": "current prices", "benchmark_uk": [41.87, 100.0, np.nan]})
>>> m = productivity_message(SummaryRecords("X", "X", figures), [])
>>> print(m.text)  # doctest: +NORMALIZE_WHITESPACE
GVA per hour worked was £39.88 in 2023, 95% of the UK average (£41.87); closing the gap would
add about £4.6 billion a year of output (current prices).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lis_analytics.present.summary.dashboard import (
    DashboardRow,
    Measure,
    direction_words,
    rank_fraction,
)
from lis_analytics.present.summary.records import SummaryRecords
from lis_analytics.present.text.indicators import format_change, format_value
from lis_analytics.present.text.words import format_gbp, ordinal

__all__ = ["RULES", "TOP_QUARTER", "Message", "Ranked", "change_message", "choose_messages",
           "productivity_message", "ranked_items", "risk_message", "strength_message",
           "weakness_message"]

TOP_QUARTER = 0.25
"""A strength by rank must be in the top quarter of its peer group (rank / areas ranked)."""

Z_CRITICAL = 1.96
"""Two-sided 5% z-test, as the baseline chapter tests changes."""

RULES: tuple[str, ...] = (
    "Productivity: GVA per hour worked against the UK average, its rank and the gap in "
    "pounds a year.",
    "Strength: the headline indicator (or real productivity growth) ranked best in its peer "
    "group, if in the top quarter; else the distinctive industry with the highest GVA "
    "location quotient; else the best rank.",
    "Weakness: the indicator ranked worst in its peer group, not already named.",
    "Change: of the headline indicators improving or worsening since the baseline, the "
    "largest z statistic (5% z-test); if none is significant, the largest change in a "
    "figure without sampling error.",
    "Risk: real productivity growth since 2019 below both its 2004-2008 pace and the UK's; "
    "else the worst-ranked headline indicator worsening since the baseline; else a low-pay "
    "employment share above England's.",
)
"""The rules, in the words shown under the messages."""


@dataclass(frozen=True)
class Message:
    """One message of the summary.

    Attributes
    ----------
    kind : str
        ``Productivity``, ``Strength``, ``Weakness``, ``Change`` or ``Risk``.
    text : str
        One sentence with its number, period and comparison (plain text: escape it for HTML).
    subject : str
        The indicator or industry the message is about ('' for none), so that no two
        messages name the same one.
    rule : str
        Which branch of the rule chose it, in words.
    """

    kind: str
    text: str
    subject: str = ""
    rule: str = ""


@dataclass(frozen=True)
class Ranked:
    """Something ranked in a peer group, with the words to state it.

    Attributes
    ----------
    subject : str
        Indicator id.
    words : str
        Its level, period and comparison, e.g. ``'Employment rate: 71.9% in 2023 against
        76.0% for England'``.
    rank, n_ranked : float
        Rank (1 = best) and areas ranked.
    rank_words : str
        The rank naming the peer group.
    """

    subject: str
    words: str
    rank: float
    n_ranked: float
    rank_words: str

    @property
    def fraction(self) -> float:
        """Rank over areas ranked (small is good)."""
        return float(self.rank) / float(self.n_ranked) if self.n_ranked else np.nan


# ------------------------------------------------------------------ words


def _finite(value: object) -> float | None:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _sentence(text: str) -> str:
    text = text.strip()
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"([.;:,])\1+", r"\1", text)
    return text if text.endswith((".", "!", "?")) else text + "."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _row_level(row: DashboardRow) -> str:
    """``'<indicator>: <value> in <period> against <England> for England'``."""
    text = f"{row.indicator}: {format_value(row.latest_value, row.measure)} in {row.latest_period}"
    if not pd.isna(row.england_latest):
        text += f" against {format_value(row.england_latest, row.measure)} for England"
    return text


def _rank_clause(rank_words: str) -> str:
    return f", ranked {rank_words}" if rank_words else ""


def _england_change(row: DashboardRow) -> str:
    """England's change over the same periods, in the row's unit ('' when not recorded)."""
    if pd.isna(row.england_change):
        return ""
    if round(float(row.england_change), row.decimals) == 0:
        return "England unchanged"
    text = f"England {format_change(row.england_change, row.measure)}"
    own, eng = round(float(row.change), row.decimals), round(float(row.england_change),
                                                             row.decimals)
    if own * eng > 0 and own != eng:  # same direction: say which moved more (not a test)
        word = "rise" if eng > 0 else "fall"
        text += f", a {'larger' if abs(eng) > abs(own) else 'smaller'} {word} than here"
    return text


def _short_value(value: float, measure: Measure) -> str:
    """A value with the sign of its unit only (``27.2%``, ``£546``, ``4.8``): a range's start.

    Examples
    --------
    >>> _short_value(27.21, Measure("% of children under 16", 1))
    '27.2%'
    """
    text = format_value(value, measure)
    if measure.unit.startswith("%"):
        return text.split("%")[0] + "%"
    if measure.unit.startswith("£"):
        return text.split(" ")[0]
    return f"{round(float(value), measure.decimals) + 0.0:,.{measure.decimals}f}"


def _change_clause(row: DashboardRow, rank_words: str = "") -> str:
    """``'<indicator>: up from A in P1 to B in P2[, ranked R], <direction (test)>; England'``.

    Money in current prices is judged against England's change (cash changes are mostly
    inflation), so its clause says whether it grew faster or more slowly than England's.

    Examples
    --------
    >>> r = DashboardRow("gva", "GVA per hour worked", "£ per hour", 2, "higher is better",
    ...                  True, 39.90, "2023", 35.17, "2019", 4.73, "worsening",
    ...                  "not a survey estimate (no sampling error)", np.nan, 5.35, 14.4, "",
    ...                  15, 38, "")
    >>> print(_change_clause(r))  # doctest: +NORMALIZE_WHITESPACE
    GVA per hour worked: up from £35.17 in 2019 to £39.90 per hour in 2023 (+£4.73 per hour,
    +13.4%), more slowly than England's +14.4% in current prices: worsening against England
    (no sampling error)
    """
    moved = "up" if row.change > 0 else "down" if row.change < 0 else "unchanged"
    text = (f"{row.indicator}: {moved} from {_short_value(row.baseline_value, row.measure)} in "
            f"{row.baseline_period} to {format_value(row.latest_value, row.measure)} in "
            f"{row.latest_period}")
    if row.is_money and not pd.isna(row.england_change_pct) and row.assessment in (
            "improving", "worsening"):
        faster = (row.assessment == "improving") == (row.direction != "lower is better")
        own = row.change / row.baseline_value * 100 if row.baseline_value else np.nan
        return (f"{text} ({format_change(row.change, row.measure)}, {own:+.1f}%)"
                f"{_rank_clause(rank_words)}, {'faster' if faster else 'more slowly'} than "
                f"England's {row.england_change_pct:+.1f}% in current prices: "
                f"{row.assessment} against England (no sampling error)")
    text += f"{_rank_clause(rank_words)}, {direction_words(row)}"
    england = _england_change(row)
    return f"{text}; {england}" if england else text


# ------------------------------------------------------------------ figures


def _rank_words_of_figure(records: SummaryRecords, value_row: pd.Series | None,
                          rank_id: str) -> tuple[float, float, str]:
    """Rank, areas ranked and words for a figure, from figures.csv.

    Uses the ``rank``, ``rank_of`` and ``peer_group`` columns of the figure's own row when
    ``figures.csv`` has them; otherwise the chapter's rank figure (``rank_id``), whose label
    names the group (``'Rank, GVA per hour worked: 15th of 38 LEPs (2023)'``).
    """
    if value_row is not None and "rank" in value_row.index:
        rank, n = _finite(value_row.get("rank")), _finite(value_row.get("rank_of"))
        group = str(value_row.get("peer_group") or "").strip()
        if rank is not None and n is not None and group and group.lower() != "nan":
            words = (f"{ordinal(rank)} of {group}" if re.search(r"\d", group)
                     else f"{ordinal(rank)} of {int(n)} {group}")
            return rank, n, words
    rank_row = records.figure(rank_id)
    if rank_row is None or _finite(rank_row.get("value")) is None:
        return np.nan, np.nan, ""
    label = str(rank_row.get("indicator", ""))
    match = re.search(r":\s*(.+?)\s*\([^()]*\)\s*$", label)
    words = match.group(1) if match else ""
    n = re.search(r"of (\d+)", str(rank_row.get("unit", "")))
    return float(rank_row["value"]), float(n.group(1)) if n else np.nan, words


def _growth_rows(records: SummaryRecords) -> tuple[pd.Series | None, pd.Series | None]:
    """Real productivity growth a year: the 2004-2008 (pre-crisis) and the latest periods."""
    rows = records.figures_like("real_gva_per_hour_cagr_", "productivity")
    if not len(rows):
        return None, None
    ends = [int(m.group(1)) if (m := re.search(r"(\d{4})\D*$", str(p))) else 0
            for p in rows["period"]]
    rows = rows.assign(_end=ends).sort_values("_end")
    pre = rows[rows["_end"] <= 2008]
    latest = rows.iloc[-1]
    return (pre.iloc[-1] if len(pre) else None), (latest if latest["_end"] > 2008 else None)


def _growth_words(row: pd.Series) -> str:
    value = float(row["value"])
    verb = f"grew {value:.1f}%" if value >= 0 else f"fell {abs(value):.1f}%"
    return f"real GVA per hour worked {verb} a year in {row['period']}"


def _growth_ranked(records: SummaryRecords) -> Ranked | None:
    _, latest = _growth_rows(records)
    if latest is None or _finite(latest.get("value")) is None:
        return None
    rank, n, words = _rank_words_of_figure(records, latest, "rank_real_growth_peer_group")
    if pd.isna(rank) or pd.isna(n):
        return None
    text = _capital(_growth_words(latest))
    uk = _finite(latest.get("benchmark_uk"))
    if uk is not None:
        text += f" against {uk:.1f}% for the UK"
    return Ranked("real_gva_per_hour_growth", text, rank, n, words)


def ranked_items(records: SummaryRecords, rows: list[DashboardRow]) -> list[Ranked]:
    """What strengths and weaknesses are chosen from: ranked indicators with their words.

    The dashboard's indicators with a rank and a direction, then real productivity growth
    (the productivity chapter's latest period and its rank).

    Examples
    --------
    >>> from lis_analytics.present.summary.dashboard import DashboardRow
    >>> r = DashboardRow("ghg", "Emissions", "tCO2e per head", 1, "lower is better", True,
    ...                  3.8, "2023", 4.8, "2019", -1.0, "improving", "", np.nan, -1.0, -17.5,
    ...                  "", 5, 38, "5th of 38 LEPs", england_latest=4.77)
    >>> [i.words for i in ranked_items(SummaryRecords("X", "X"), [r])]
    ['Emissions: 3.8 tCO2e per head in 2023 against 4.8 tCO2e per head for England']
    """
    items = [Ranked(r.indicator_id, _row_level(r), r.rank, r.n_ranked, r.rank_words)
             for r in rows if not pd.isna(rank_fraction(r)) and r.direction != "neutral"
             and not pd.isna(r.latest_value)]
    growth = _growth_ranked(records)
    if growth is not None:
        items.append(growth)
    return items


# ------------------------------------------------------------------ the five rules


def productivity_message(records: SummaryRecords, rows: list[DashboardRow]) -> Message:
    """Rule 1: GVA per hour worked against the UK, its rank, and the gap in £ a year.

    Examples
    --------
    >>> productivity_message(SummaryRecords("X", "X"), []).text
    'GVA per hour worked: not available (the productivity chapter recorded no figure).'
    """
    level = records.figure("gva_per_hour", "productivity")
    if level is None or _finite(level.get("value")) is None:
        return Message("Productivity", "GVA per hour worked: not available (the productivity "
                       "chapter recorded no figure).", "gva_per_hour", "no figure")
    value, period = float(level["value"]), str(level["period"])
    text = f"GVA per hour worked was {format_gbp(value)} in {period}"
    uk = _finite(level.get("benchmark_uk"))
    index_row = records.figure("gva_per_hour_index", "productivity")
    index = _finite(index_row.get("value")) if index_row is not None else None
    if index is not None and uk is not None:
        shown = f"{index:.0f}" if round(index) != 100 else f"{index:.1f}"
        text += f", {shown}% of the UK average ({format_gbp(uk)})"
    elif uk is not None:
        text += f" against the UK average of {format_gbp(uk)}"
    # the dashboard's words for the same rank first, so that the page names one peer group
    dashboard = next((r for r in rows if r.indicator_id == "gva_per_hour"), None)
    words = dashboard.rank_words if dashboard is not None else ""
    if not words:
        _, _, words = _rank_words_of_figure(records, level, "rank_gva_per_hour_peer_group")
    text += _rank_clause(words)
    gap_row = records.figure("productivity_gap_gbp", "productivity")
    gap = _finite(gap_row.get("value")) if gap_row is not None else None
    if gap is not None and "million" in str(gap_row.get("unit", "")):
        pounds = format_gbp(abs(gap) * 1e6, compact=True)
        basis = str(gap_row.get("price_basis") or level.get("price_basis") or "")
        basis = f" ({basis})" if basis and basis != "not applicable" else ""
        text += (f"; closing the gap would add about {pounds} a year of output{basis}"
                 if gap > 0 else
                 f"; at the UK's rate its output would be about {pounds} a year lower{basis}")
    return Message("Productivity", _sentence(text), "gva_per_hour", "productivity level and gap")


def _sector_strength(records: SummaryRecords) -> Message | None:
    sectors = records.sectors
    if sectors is None or not len(sectors) or "Distinctive strength" not in sectors.columns:
        return None
    lq_col = next((c for c in sectors.columns if c.startswith("GVA LQ")), None)
    if lq_col is None:
        return None
    strong = sectors[sectors["Distinctive strength"].astype(str).str.lower() == "yes"].copy()
    strong["_lq"] = pd.to_numeric(strong[lq_col], errors="coerce")
    strong = strong.dropna(subset=["_lq"])
    if not len(strong):
        return None
    best = strong.sort_values("_lq", ascending=False, kind="stable").iloc[0]
    year = re.search(r"(\d{4})", lq_col)
    text = (f"{best['Industry']} is a distinctive strength: its GVA location quotient was "
            f"{best['_lq']:.2f}{' in ' + year.group(1) if year else ''} (England = 1)")
    jobs_col = next((c for c in sectors.columns if c.startswith("Jobs location quotient")), None)
    jobs = _finite(best.get(jobs_col)) if jobs_col else None
    if jobs is not None:
        jobs_year = re.search(r"(\d{4})", jobs_col)
        text += (f" and its jobs location quotient {jobs:.2f}"
                 f"{' in ' + jobs_year.group(1) if jobs_year else ''}")
    growth_col = next((c for c in sectors.columns if c.startswith("Real GVA change")), None)
    eng_col = next((c for c in sectors.columns if c.startswith("England change")), None)
    growth = _finite(best.get(growth_col)) if growth_col else None
    if growth is not None:
        span = re.search(r"(\d{4}-\d{4})", growth_col)
        eng = _finite(best.get(eng_col)) if eng_col else None
        text += (f", and its real GVA grew {growth:.1f}%"
                 f"{' over ' + span.group(1) if span else ''}"
                 f"{f' (England {eng:.1f}%)' if eng is not None else ''}")
    return Message("Strength", _sentence(text), str(best["Industry"]),
                   "distinctive industry with the highest GVA location quotient")


def strength_message(records: SummaryRecords, rows: list[DashboardRow],
                     used: set[str] = frozenset()) -> Message:
    """Rule 2: the best rank if in the top quarter; else a distinctive industry; else the best.

    Examples
    --------
    >>> from lis_analytics.present.summary.dashboard import DashboardRow
    >>> r = DashboardRow("ghg", "Emissions", "tCO2e per head", 1, "lower is better", True,
    ...                  3.8, "2023", 4.8, "2019", -1.0, "improving", "", np.nan, -1.0, -17.5,
    ...                  "", 5, 38, "5th of 38 LEPs")
    >>> strength_message(SummaryRecords("X", "X"), [r]).text
    'Emissions: 3.8 tCO2e per head in 2023, ranked 5th of 38 LEPs.'
    """
    items = [i for i in ranked_items(records, rows) if i.subject not in used]
    items.sort(key=lambda i: i.fraction)  # stable: ties keep the dashboard's order
    if items and items[0].fraction <= TOP_QUARTER:
        best = items[0]
        return Message("Strength", _sentence(best.words + _rank_clause(best.rank_words)),
                       best.subject, "best rank, in the top quarter")
    sector = _sector_strength(records)
    if sector is not None:
        return sector
    if items:
        best = items[0]
        return Message("Strength", _sentence(
            f"No indicator ranks in the top quarter of its peer group; the best placed is "
            f"{best.words[:1].lower() + best.words[1:]}{_rank_clause(best.rank_words)}"),
            best.subject, "best rank (not in the top quarter)")
    return Message("Strength", "Not available: no ranked indicator and no distinctive "
                   "industry was recorded for this area.", "", "nothing ranked")


def weakness_message(records: SummaryRecords, rows: list[DashboardRow],
                     used: set[str] = frozenset()) -> Message:
    """Rule 3: the indicator ranked worst in its peer group, not already named.

    Examples
    --------
    >>> from lis_analytics.present.summary.dashboard import DashboardRow
    >>> r = DashboardRow("emp", "Employment rate", "%", 1, "higher is better", True, 71.9,
    ...                  "2023", 72.7, "2019", -0.8, "no significant change", "", -0.85, 0.0,
    ...                  0.0, "", 36, 37, "36th of 37 LEPs", england_latest=76.0)
    >>> weakness_message(SummaryRecords("X", "X"), [r]).text
    'Employment rate: 71.9% in 2023 against 76.0% for England, ranked 36th of 37 LEPs.'
    """
    items = [i for i in ranked_items(records, rows) if i.subject not in used]
    if not items:
        return Message("Weakness", "Not available: no ranked indicator was recorded for this "
                       "area.", "", "nothing ranked")
    worst = max(items, key=lambda i: i.fraction)  # first of equals: the dashboard's order
    return Message("Weakness", _sentence(worst.words + _rank_clause(worst.rank_words)),
                   worst.subject, "worst rank")


def _change_scale(row: DashboardRow) -> float:
    """Size of a change without sampling error on one scale (for choosing, never shown).

    Percentage points for rates; for money (judged against England's change) the difference
    between the area's and England's percentage changes; otherwise per cent of the baseline.
    """
    if row.unit.startswith("%"):
        return abs(row.change)
    if not row.baseline_value:
        return np.nan
    own = 100 * row.change / abs(row.baseline_value)
    if row.is_money:
        return abs(own - row.england_change_pct) if not pd.isna(row.england_change_pct) else np.nan
    return abs(own)


def _moved(rows: list[DashboardRow], assessments: tuple[str, ...]) -> list[DashboardRow]:
    return [r for r in rows if r.headline and r.assessment in assessments
            and not pd.isna(r.change)]


def change_message(rows: list[DashboardRow], used: set[str] = frozenset()) -> Message:
    """Rule 4: the largest significant change since the baseline, improving or worsening.

    Examples
    --------
    >>> from lis_analytics.present.summary.dashboard import DashboardRow
    >>> r = DashboardRow("nvq4", "Qualified to level 4+", "%", 1, "higher is better", True,
    ...                  39.1, "2021", 36.6, "2019", 2.5, "improving", "significant", 2.23,
    ...                  3.2, 7.9, "", 21, 38, "21st of 38 LEPs")
    >>> print(change_message([r]).text)  # doctest: +NORMALIZE_WHITESPACE
    Qualified to level 4+: up from 36.6% in 2019 to 39.1% in 2021, improving (significant,
    z = 2.23); England +3.2 percentage points, a larger rise than here.
    """
    moved = [r for r in _moved(rows, ("improving", "worsening")) if r.indicator_id not in used]
    tested = [r for r in moved if not pd.isna(r.z) and abs(r.z) > Z_CRITICAL]
    if tested:
        best = max(tested, key=lambda r: abs(r.z))
        return Message("Change", _sentence(_change_clause(best)), best.indicator_id,
                       "largest z statistic")
    exact = [r for r in moved if pd.isna(r.z) and not pd.isna(_change_scale(r))]
    if exact:
        best = max(exact, key=_change_scale)
        return Message("Change", _sentence(_change_clause(best)), best.indicator_id,
                       "largest change without sampling error")
    n = len([r for r in rows if r.headline and not pd.isna(r.change)])
    return Message("Change", _sentence(
        f"No headline indicator has a significant change since the baseline: of the {n} "
        "with a baseline and a later value, none moved beyond its sampling error or by more "
        "than the last decimal shown" if n else
        "No change since the baseline can be stated: no headline indicator has a baseline "
        "and a later value"), "", "none significant")


def _slow_growth_risk(records: SummaryRecords, used: set[str]) -> Message | None:
    """Real productivity growth since 2019 below both its 2004-2008 pace and the UK's."""
    pre, latest = _growth_rows(records)
    if (pre is None or latest is None or "real_gva_per_hour_growth" in used
            or _finite(pre.get("value")) is None or _finite(latest.get("value")) is None):
        return None
    uk = _finite(latest.get("benchmark_uk"))
    if uk is None or not (float(latest["value"]) < float(pre["value"])
                          and float(latest["value"]) < uk):
        return None
    return Message("Risk", _sentence(
        f"{_capital(_growth_words(latest))}, below its {float(pre['value']):.1f}% a year in "
        f"{pre['period']} and the UK's {uk:.1f}% (chained volume measure)"),
        "real_gva_per_hour_growth", "productivity growth below its pre-2008 pace and the UK's")


def risk_message(records: SummaryRecords, rows: list[DashboardRow],
                 used: set[str] = frozenset()) -> Message:
    """Rule 5: slow productivity growth; else a worsening headline indicator; else low pay.

    Productivity growth comes first: an industrial strategy is judged on it, and a
    worsening indicator is already marked in the dashboard.

    Examples
    --------
    >>> figures = pd.DataFrame({"chapter": "sectors",
    ...     "indicator_id": ["low_pay_industries_share_jobs"], "period": ["2021"],
    ...     "value": [30.2], "unit": ["%"], "benchmark_england": [29.4]})
    >>> print(risk_message(SummaryRecords("X", "X", figures), []).text)
    ... # doctest: +NORMALIZE_WHITESPACE
    30.2% of working residents were in typically low-paying industries in 2021, above
    England's 29.4%.
    """
    slow = _slow_growth_risk(records, set(used))
    if slow is not None:
        return slow
    worse = [r for r in _moved(rows, ("worsening",)) if r.indicator_id not in used]
    if worse:
        row = max(worse, key=lambda r: (rank_fraction(r) if not pd.isna(rank_fraction(r))
                                        else -1.0))
        return Message("Risk", _sentence(_change_clause(row, row.rank_words)),
                       row.indicator_id, "worsening since the baseline")
    low_pay = records.figure("low_pay_industries_share_jobs")
    if low_pay is not None:
        share, england = _finite(low_pay.get("value")), _finite(low_pay.get("benchmark_england"))
        if share is not None and england is not None and share > england:
            return Message("Risk", _sentence(
                f"{share:.1f}% of working residents were in typically low-paying industries "
                f"in {low_pay['period']}, above England's {england:.1f}%"),
                "low_pay_industries_share_jobs", "low-pay employment share above England's")
    return Message("Risk", "No risk rule applies: productivity growth is not below both its "
                   "pre-2008 pace and the UK's, no headline indicator worsened since the "
                   "baseline, and the low-pay employment share is not above England's.", "",
                   "none applies")


def choose_messages(records: SummaryRecords, rows: list[DashboardRow]) -> list[Message]:
    """The five messages, in order, each naming a different indicator or industry.

    Parameters
    ----------
    records : SummaryRecords
        The chapters' records.
    rows : list of DashboardRow
        :func:`~lis_analytics.present.summary.dashboard.dashboard_rows` of the records.

    Returns
    -------
    list of Message
        Productivity, strength, weakness, change, risk (:data:`RULES`).
    """
    used: set[str] = set()
    out = []
    for rule in (lambda: productivity_message(records, rows),
                 lambda: strength_message(records, rows, used),
                 lambda: weakness_message(records, rows, used),
                 lambda: change_message(rows, used),
                 lambda: risk_message(records, rows, used)):
        message = rule()
        if message.subject:
            used.add(message.subject)
        out.append(message)
    return out

