"""Charts of the monitoring baseline: the direction of travel since the baseline.

The recipe takes a :class:`~lis_analytics.chapters.baseline.BaselineResult` and returns the
figure and its alt text, for :func:`lis_analytics.present.charts.show`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from lis_analytics.present.charts.base import (
    AF_DARK_BLUE,
    AF_GREY,
    AF_PLUM,
    AF_TURQUOISE,
    add_source,
    new_chart,
)

if TYPE_CHECKING:
    from lis_analytics.chapters.baseline import BaselineResult


ASSESSMENT_COLOURS = {"improving": AF_TURQUOISE, "worsening": AF_PLUM,
                      "no significant change": AF_GREY, "no change": AF_GREY,
                      "not tested": AF_GREY,
                      "not significantly different from England": AF_GREY,
                      "increased": AF_DARK_BLUE,
                      "decreased": AF_DARK_BLUE}
"""Bar colour of each direction of travel."""

SOURCE = ("Source: ONS (Annual Population Survey, ASHE, regional GDHI, subregional "
          "productivity, UK Business Counts), DWP, DESNZ; each indicator's source "
          "is in the table above")


def travel(result: BaselineResult) -> tuple[Figure, str]:
    """Change of each headline indicator since the baseline, with England's as a marker."""
    area, moved, framework = result.area, result.travel, result.inputs.framework
    colour = ASSESSMENT_COLOURS
    head = moved[moved["headline"] == "yes"] if "headline" in moved else moved
    n_up = int((head["assessment"] == "improving").sum())
    n_down = int((head["assessment"] == "worsening").sum())
    fig, ax = new_chart(
        f"{area.name}: {n_up} headline indicators improving and {n_down} worsening since the "
        "baseline", "Change from baseline to latest period: percentage points for rates (%), "
        "% of the baseline value for other indicators; England's change over the same periods "
        "as a hollow marker", figsize=(9.5, 1.8 + 0.45 * len(moved)))
    y = np.arange(len(moved))
    ax.barh(y, moved["pct"], color=[colour.get(a, AF_GREY) for a in moved["assessment"]],
            height=0.55)
    ax.scatter(moved["eng_pct"], y, facecolors="none", edgecolors="#000000", s=45, zorder=3,
               label="England")
    for i, r in moved.iterrows():
        ax.annotate(f"{r['assessment']} ({r['baseline_period']} to {r['latest_period']})",
                    (max(r["pct"], 0 if pd.isna(r["eng_pct"]) else max(r["eng_pct"], 0)), i),
                    xytext=(6, 0), textcoords="offset points", va="center", fontsize=8.5,
                    color=colour.get(r["assessment"], AF_GREY))
    ax.axvline(0, color=AF_GREY, lw=1)
    ax.set_yticks(y, [framework.get(i).name[:1].upper() + framework.get(i).name[1:]
                      for i in moved["indicator_id"]], fontsize=9)
    span = np.nanmax(np.abs(np.r_[moved["pct"].to_numpy(), moved["eng_pct"].to_numpy(), 1.0]))
    ax.set_xlim(-span * 1.15, span * 2.3)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Change from baseline (percentage points for rates, % for others)")
    ax.legend(frameon=False, loc="lower right", fontsize=9)
    fig.subplots_adjust(left=0.33, bottom=0.85 / (1.8 + 0.45 * len(moved)))
    add_source(fig, SOURCE)
    alt = (f"Bar chart of the change in {len(moved)} headline indicators for {area.name} from "
           "their baseline to the latest period, as a percentage of the baseline, with "
           "England's change for comparison: " + "; ".join(
               f"{r.indicator} {r.pct:+.1f}"
               f"{' percentage points' if str(r.unit).startswith('%') else '%'}"
               f" ({r.assessment})" for r in moved.iloc[::-1].itertuples())
           + ".")
    return fig, alt
