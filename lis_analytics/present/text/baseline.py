"""Prose and tables of the monitoring baseline."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lis_analytics.indicators import BASELINE_RULE
from lis_analytics.present.text.indicators import (
    escape_text,
    source_line,
    source_words,
    table_ready,
)

if TYPE_CHECKING:
    from lis_analytics.chapters.baseline import BaselineResult


COLUMNS = {
    "theme": "Theme", "indicator": "Indicator", "unit": "Unit", "direction": "Better when",
    "baseline_period": "Baseline period", "baseline_gap": "Years from 2019",
    "baseline_value": "Baseline value",
    "latest_period": "Latest period", "latest_value": "Latest value", "change": "Change",
    "significance": "Significance test", "assessment": "Direction of travel",
    "england_change": "England change", "england_change_pct": "England change (%)",
    "against_england": "Change against England's",
    "note": "Note", "basis": "Direction judged on", "datasets": "Source datasets",
    "headline": "In the headline set", "rank_latest": "Rank in the latest period (1 = best)"}
"""Readable column names of the baseline table."""

_VALUE_COLUMNS = ("Baseline value", "Latest value", "Change", "England change")


def track_table(result: BaselineResult) -> pd.DataFrame:
    """The baseline as a readable table (also written as ``monitoring_baseline.csv``).

    Values are rounded to each indicator's decimals; the ``Source`` column names the sources
    in words.
    """
    baseline, framework = result.table, result.inputs.framework
    track = baseline.rename(columns=COLUMNS)
    track["Better when"] = track["Better when"].str.replace("is better", "").str.strip()
    track["Unit"] = track["Unit"].replace({"%": "per cent"})
    track = track.drop(columns=["status"])
    track["Note"] = [n or "none" for n in track["Note"]]
    track = track.rename(columns={"Years from 2019":
                                  f"Years from {framework.baseline_year}"})
    track["Source"] = [source_words(framework.get(i)) for i in baseline["indicator_id"]]
    decimals = {i.id: i.decimals for i in framework.indicators}
    track["England change (%)"] = track["England change (%)"].round(1)
    for col in _VALUE_COLUMNS:
        track[col] = [round(v, decimals[i]) + 0.0 if not pd.isna(v) else np.nan
                      for v, i in zip(track[col], baseline["indicator_id"], strict=True)]
    return track


def baseline_table_record(result: BaselineResult, track: pd.DataFrame) -> dict:
    """Keyword arguments of ``Chapter.table`` for the baseline table.

    The workbook keeps numbers; the page shows each value with its own indicator's
    decimals.
    """
    baseline, framework, area = result.table, result.inputs.framework, result.area
    decimals = {i.id: i.decimals for i in framework.indicators}
    shown = track.drop(columns=["indicator_id", "Source datasets", "Theme"])
    text = shown.copy()
    gap_col = f"Years from {framework.baseline_year}"
    text[gap_col] = ["" if pd.isna(g) else f"{int(g):+d}" if g else "0" for g in shown[gap_col]]
    for col in _VALUE_COLUMNS:
        text[col] = [("" if pd.isna(v) else f"{v:+,.{decimals[i]}f}" if col.endswith("hange")
                      and v else f"{v:,.{decimals[i]}f}")
                     for v, i in zip(shown[col], baseline["indicator_id"], strict=True)]
    text["England change (%)"] = ["" if pd.isna(v) else f"{v + 0.0:+.1f}" if v else "0.0"
                                  for v in shown["England change (%)"]]
    return dict(
        frame=table_ready(shown), name="monitoring_baseline", shown=table_ready(text),
        title=f"Monitoring baseline: {area.name}",
        source=source_line(framework, baseline["indicator_id"]),
        source_dataset_ids=sorted({d for i in baseline["indicator_id"]
                                   for d in framework.get(i).datasets}),
        units="each indicator in its own unit (see Unit)",
        notes=[f"Baseline: {BASELINE_RULE.format(year=framework.baseline_year)} (the "
               f"Years from {framework.baseline_year} column; the Note says why a baseline "
               "is not by the target year).",
               "Survey changes (APS, ASHE with 95% intervals): two-sided z-test at 5%, "
               "z = (x2 - x1) / sqrt(se1^2 + se2^2) with se = (upper - lower) / 3.92; "
               "successive APS years share part of their sample, so the test is "
               "approximate. Surveys published without an interval are not tested.",
               "Change against England's: d = (a2 - a1) - (e2 - e1), se_d = sqrt(sa1^2 + "
               "sa2^2 + se1^2 + se2^2), significant when |d / se_d| > 1.96; money in "
               "current prices (pay, GVA per hour, income) is judged on this comparison of "
               "percentage changes, not on its cash change, which mostly reflects "
               "inflation (GVA and income have no sampling error: a difference beyond 0.5 "
               "points counts).",
               "Administrative and census figures have no sampling error: their changes "
               "are described as they are, not tested.",
               "Regional-only statistics and medians without a published area figure "
               "are listed with the reason and not assessed."])


def moved_out_sentence(result: BaselineResult) -> str:
    """Which headline candidates moved out of the headline set, with their coverage.

    Escaped for Markdown and HTML (the titles come from configuration); '' when none moved.
    """
    moved, framework = result.moved_out, result.inputs.framework
    if not len(moved):
        return ""
    share = f"{framework.headline_min_coverage:.0%}"
    parts = [f"{escape_text(framework.get(r.indicator_id).title)} ({r.n_covered} of "
             f"{r.n_areas})" for r in moved.itertuples()]
    return (f"Moved out of the headline set: {'; '.join(parts)}. A headline indicator needs a "
            f"baseline and a later value for at least {share} of the {moved['n_areas'].iloc[0]} "
            "default areas (every LEP, combined authority and custom area); these are shown "
            "in the table only where this area has them.")


def not_assessed_sentence(result: BaselineResult) -> str:
    """The indicators without a change since the baseline, with why ('' when none)."""
    missing = result.not_assessed
    if not len(missing):
        return ""
    return "Not assessed: " + "; ".join(
        f"{escape_text(r.indicator)} ({escape_text(r.note or r.assessment)})"
        for r in missing.itertuples()) + "."


SERIES_TABLE_COLUMNS = {
    "indicator_id": "indicator_id", "indicator": "Indicator", "unit": "Unit",
    "decimals": "Decimals shown", "direction": "Better when", "area": "Place",
    "area_code": "Area code", "period": "Period code", "period_label": "Period",
    "value": "Value", "lci_95": "Lower 95% limit", "uci_95": "Upper 95% limit",
    "rank": "Rank (1 = best)", "n_ranked": "Areas ranked", "rank_words": "Rank among peers",
    "role": "Baseline or latest", "z": "z, change since the baseline"}
"""Readable column names of the series table (:func:`monitoring_series_table`)."""


def monitoring_series_table(result: BaselineResult) -> dict:
    """Keyword arguments of ``Chapter.table`` for the indicators' series (not shown).

    Every published period of each indicator of the baseline table, for the area and for
    England (:func:`lis_analytics.chapters.baseline.monitoring_series`): the trend lines of
    the pack's summary read it, and the workbook keeps it. ``Place`` names the area or
    England (``Area code`` tells them apart); the z statistic of the test of the change
    since the baseline is on the area's latest row.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from lis_analytics.chapters.baseline import SERIES_COLUMNS
    >>> from lis_analytics.indicators import load_framework
    >>> series = pd.DataFrame([["gva_per_hour", "GVA per hour worked", "£ per hour", 2,
    ...     "higher is better", "area", "X", "2023", "2023", 39.9, np.nan, np.nan, 15.0,
    ...     38.0, "15th of 38 LEPs", "latest", np.nan]], columns=list(SERIES_COLUMNS))
    >>> result = SimpleNamespace(series=series, area=SimpleNamespace(name="X"),
    ...                          inputs=SimpleNamespace(framework=load_framework()))
    >>> record = monitoring_series_table(result)
    >>> record["name"], record["frame"].columns[:3].tolist()
    ('monitoring_series', ['indicator_id', 'Indicator', 'Unit'])
    """
    series, framework = result.series, result.inputs.framework
    frame = series.assign(area=series["area"].replace({"area": result.area.name}))
    frame = frame.rename(columns=SERIES_TABLE_COLUMNS)
    ids = list(dict.fromkeys(series["indicator_id"]))
    return dict(
        frame=table_ready(frame), name="monitoring_series",
        title=f"Monitoring indicators over time: {result.area.name} and England",
        source=source_line(framework, ids),
        source_dataset_ids=sorted({d for i in ids for d in framework.get(i).datasets}),
        units="each indicator in its own unit (see Unit)",
        notes=["Every published period of the indicators of the monitoring baseline, for "
               "the area and England. Rank: the area's rank among its peer "
               "group in that period (1 = best).",
               "z, change since the baseline: on the area's latest row, the z statistic of "
               "the test of the change since the baseline (for pay, of the change against "
               "England's); empty where the change is not z-tested (no sampling error, or a "
               "survey published without an interval)."])
