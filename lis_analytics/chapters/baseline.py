"""Monitoring baseline: headline indicators at the baseline and now, and the direction of travel.

:func:`analyse` returns :class:`BaselineResult`: for each headline indicator of the framework,
the value in the period closest to the framework's baseline year (2019) and the latest value,
the change, whether it is significant (surveys) and whether the area is improving, worsening
or showing no significant change (:func:`baseline_table`), with England's change over the
same periods; and the changes on one scale for the chart (:func:`travel_frame`).

Examples
--------
>>> import lis_analytics as la
>>> area = la.get_area("E37000015")  # doctest: +SKIP
>>> analyse(area, load_inputs(area)).table["assessment"].value_counts()  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lis_analytics.chapters._indicator_chapters import (
    ENGLAND_CODE,
    IndicatorInputs,
    check_area,
    load_inputs,
    select_inputs,
)
from lis_analytics.geography import Area
from lis_analytics.indicators import (
    Framework,
    area_rows,
    baseline_period,
    compare_periods,
    join_notes,
    latest_row,
    period_year,
    value_at,
)

__all__ = ["BaselineResult", "analyse", "baseline_table", "load_inputs", "select_inputs",
           "travel_frame"]


@dataclass(frozen=True)
class BaselineResult:
    """The monitoring baseline of one area.

    Attributes
    ----------
    inputs : IndicatorInputs
        The area's indicator values, framework and peers.
    table : DataFrame
        The baseline table (:func:`baseline_table`), one row per headline indicator.
    travel : DataFrame
        Indicators with a change (:func:`travel_frame`), for the direction-of-travel chart.
    not_assessed : DataFrame
        Rows of :attr:`table` without a change (no comparable earlier figure).
    """

    inputs: IndicatorInputs
    table: pd.DataFrame
    travel: pd.DataFrame
    not_assessed: pd.DataFrame

    @property
    def area(self) -> Area:
        """The area of the chapter."""
        return self.inputs.area


def baseline_table(results: pd.DataFrame, framework: Framework, area: Area,
                   england_code: str = ENGLAND_CODE, indicators: Sequence[str] | None = None,
                   method: str = "overlap") -> pd.DataFrame:
    """The monitoring baseline: baseline and latest values, change and its direction.

    The baseline period of each indicator is the one closest to the framework's
    ``baseline_year`` (earlier than the latest). Survey indicators are tested with
    :func:`significant_difference`; England's change over the same periods is shown for
    context. Money values in current prices (units starting ``£``) are not judged on their
    cash change, which mostly reflects inflation: their direction is judged **against
    England's change** over the same periods (the area's % change minus England's, more than
    0.5 percentage points either way); ``basis`` says which test was used.
    """
    ids = list(indicators or [i.id for i in framework.indicators if i.headline])
    rows = []
    for iid in ids:
        ind = framework.get(iid)
        own = area_rows(results, area.code, iid)
        pers = list(own.loc[own["value"].notna(), "period"])
        latest = latest_row(results, area.code, iid)
        rec = {"theme": ind.theme, "indicator_id": iid, "indicator": ind.title,
               "unit": ind.unit, "direction": ind.direction.replace("_", " "),
               "baseline_period": "", "baseline_value": np.nan,
               "latest_period": latest.get("period_label") or latest["period"],
               "latest_value": latest["value"], "change": np.nan,
               "significance": "", "assessment": "", "england_change": np.nan,
               "england_change_pct": np.nan,
               "status": latest["status"], "note": latest.get("reason") or "",
               "basis": "", "datasets": ", ".join(ind.datasets)}
        if pers and latest["status"] != "regional":
            base = baseline_period(pers, framework.baseline_year, latest["period"])
            if base is None:
                rec["assessment"] = "single period: baseline only"
                rec["note"] = join_notes(rec["note"], "only one period published so far: "
                                          "the latest figure is the baseline")
                rec["baseline_period"] = rec["latest_period"]
                rec["baseline_value"] = latest["value"]
            else:
                b = value_at(results, area.code, iid, base)
                cmp = compare_periods(results, area.code, ind, base, latest["period"], method)
                rec.update(baseline_period=b["period_label"] or base, baseline_value=b["value"],
                           change=cmp["change"], significance=cmp["significance"],
                           assessment=cmp["assessment"])
                e = compare_periods(results, england_code, ind, base, latest["period"], method)
                rec["england_change"] = e["change"]
                eb = value_at(results, england_code, iid, base)
                rec["england_change_pct"] = (100 * e["change"] / abs(eb["value"])
                                             if eb is not None and eb["value"] else np.nan)
                notes = [rec["note"]]
                if abs(period_year(base) - framework.baseline_year) > 1:
                    notes.append(f"baseline {rec['baseline_period']}: the published figure "
                                 f"closest to {framework.baseline_year} for this area")
                if ind.unit.startswith("£") and ind.direction != "neutral":
                    own_pct = 100 * cmp["change"] / abs(b["value"]) if b["value"] else np.nan
                    rel = own_pct - rec["england_change_pct"]
                    if pd.isna(rel):
                        rec["assessment"] = "not assessed (no England change)"
                    elif abs(rel) <= 0.5:
                        rec["assessment"] = "no change"
                    else:
                        up = rel > 0 if ind.direction == "higher_is_better" else rel < 0
                        rec["assessment"] = "improving" if up else "worsening"
                    rec["basis"] = "against England's change (current prices)"
                    notes.append(f"cash change {own_pct:+.1f}% against England "
                                 f"{rec['england_change_pct']:+.1f}%")
                else:
                    rec["basis"] = ("change, significant only if 95% intervals do not overlap"
                                    if ind.ci else "change")
                rec["note"] = join_notes(*notes)
        elif not pers:
            rec["assessment"] = "not available"
        else:
            rec["assessment"] = "regional figure only"
        rows.append(rec)
    return pd.DataFrame(rows)



def travel_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Changes since the baseline on one scale: percentage points for rates, % for others.

    Adds ``pct`` (the area's change) and ``eng_pct`` (England's over the same periods) to
    the rows of :func:`baseline_table` that have a change and a non-zero baseline, in
    reverse order (the chart draws them bottom up).

    Examples
    --------
    >>> t = pd.DataFrame({"unit": ["%", "£"], "change": [1.5, 10.0],
    ...                   "baseline_value": [70.0, 200.0], "england_change": [1.0, 8.0],
    ...                   "england_change_pct": [1.4, 4.0]})
    >>> travel_frame(t)[["pct", "eng_pct"]].values.tolist()
    [[5.0, 4.0], [1.5, 1.0]]
    """
    moved = table.dropna(subset=["change", "baseline_value"]).copy()
    moved = moved[moved["baseline_value"] != 0]
    is_rate = moved["unit"].astype(str).str.startswith("%")
    # rates move in percentage points; other indicators in % of their baseline value
    moved["pct"] = np.where(is_rate, moved["change"],
                            100 * moved["change"] / moved["baseline_value"].abs())
    moved["eng_pct"] = np.where(is_rate, moved["england_change"], moved["england_change_pct"])
    return moved.iloc[::-1].reset_index(drop=True)


def analyse(area: Area, inputs: IndicatorInputs) -> BaselineResult:
    """The monitoring baseline of an area, from its indicator values.

    Parameters
    ----------
    area : Area
        The area of the pack (the area of ``inputs``).
    inputs : IndicatorInputs
        From :func:`load_inputs` (or :func:`select_inputs` on a table you hold).

    Returns
    -------
    BaselineResult
    """
    check_area(area, inputs)
    table = baseline_table(inputs.values, inputs.framework, area, ENGLAND_CODE)
    return BaselineResult(inputs, table, travel_frame(table), table[table["change"].isna()])
