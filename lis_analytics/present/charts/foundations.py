"""Charts of the five-foundations chapter: the scorecard dot plot and the Grand Challenges.

Each recipe takes a :class:`~lis_analytics.chapters.foundations.FoundationsResult` and
returns the figure and its alt text, for :func:`lis_analytics.present.charts.show`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from lis_analytics.present.charts.base import (
    AF_COLOURS,
    AF_DARK_BLUE,
    AF_GREY,
    AF_LIGHT_GREY,
    AF_LILAC,
    AF_ORANGE,
    AF_PLUM,
    AF_TURQUOISE,
    add_source,
    new_chart,
)
from lis_analytics.present.text.indicators import source_line

if TYPE_CHECKING:
    from lis_analytics.chapters.foundations import FoundationsResult


DOT_PLOT_SOURCE = ("Source: indicators listed in the scorecard tables (ONS, Nomis, DfT, "
                   "Ofcom, DESNZ, DWP, MHCLG)")


def dot_plot(result: FoundationsResult) -> tuple[Figure, str]:
    """The area and its comparators as an index of England, indicator by indicator."""
    area, dots, themes = result.area, result.dots, list(result.themes)
    framework = result.inputs.framework
    ypos, headers, y = [], [], 0.0
    for theme in reversed(themes):  # bottom to top; a header row above each theme's rows
        rows = dots.index[dots["theme"] == theme][::-1]
        if not len(rows):
            continue
        for idx in rows:
            ypos.append((idx, y))
            y += 1
        headers.append((theme, y - 0.25))
        y += 1.2
    ypos = dict(ypos)
    fig, ax = new_chart(
        f"{area.name} is ahead of England on {int((dots['area_index'] > 100).sum())} of "
        f"{len(dots)} foundation indicators",
        "Index, England = 100 (lower-is-better indicators inverted so right is better); "
        "latest period of each indicator; grey: comparator areas", figsize=(9.5, 1.9 + 0.3 * y))
    theme_colour = dict(zip(themes, [AF_DARK_BLUE, AF_TURQUOISE, AF_PLUM, AF_ORANGE, AF_LILAC,
                                     AF_DARK_BLUE], strict=True))
    every = [v for r in dots.itertuples() for v in [r.area_index, *r.comparator_indices]
             if not pd.isna(v)]
    lo_lim = max(40, 10 * np.floor(min(every + [90]) / 10) - 5)
    hi_lim = min(220, 10 * np.ceil(max(every + [110]) / 10) + 5)
    seg_y, seg_lo, seg_hi, comp_x, comp_y, marks = [], [], [], [], [], {}
    for i, r in dots.iterrows():
        yy = ypos[i]
        comp = [min(max(v, lo_lim), hi_lim) for v in r["comparator_indices"] if not pd.isna(v)]
        if comp:
            seg_y.append(yy)
            seg_lo.append(min(comp))
            seg_hi.append(max(comp))
            comp_x += comp
            comp_y += [yy] * len(comp)
        v = r["area_index"]
        clipped = min(max(v, lo_lim), hi_lim)
        marker = "o" if clipped == v else (">" if v > hi_lim else "<")
        marks.setdefault((theme_colour[r["theme"]], marker), []).append((clipped, yy))
        if clipped != v:
            ax.annotate(f"{v:.0f}", (clipped, yy), xytext=(-8 if v > hi_lim else 8, 6),
                        textcoords="offset points", fontsize=8, ha="center")
    ax.hlines(seg_y, seg_lo, seg_hi, color=AF_LIGHT_GREY, lw=5, zorder=1)
    ax.scatter(comp_x, comp_y, color=AF_GREY, s=12, zorder=2)
    for (colour, marker), pts in marks.items():
        ax.scatter([p[0] for p in pts], [p[1] for p in pts], color=colour, s=70, zorder=3,
                   marker=marker)
    for theme, yy in headers:
        ax.annotate(theme, (0, yy), xycoords=("axes fraction", "data"), xytext=(-8, 0),
                    textcoords="offset points", ha="right", va="center", fontsize=10,
                    fontweight="bold", color=theme_colour[theme])
    ax.axvline(100, color=AF_GREY, ls="--", lw=1)
    short = {i.id: i.name[:1].upper() + i.name[1:] for i in framework.indicators}
    ax.set_yticks([ypos[i] for i in dots.index], [short[i] for i in dots["indicator_id"]],
                  fontsize=9)
    ax.set_xlim(lo_lim - 5, hi_lim + 5)
    ax.set_ylim(-0.8, y - 0.6)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("England = 100 (right is better)")
    height = 1.9 + 0.3 * y
    fig.subplots_adjust(left=0.42, bottom=0.75 / height)
    add_source(fig, DOT_PLOT_SOURCE)
    alt = (f"Dot plot of {len(dots)} indicators for {area.name} as an index of England (100), "
           "with right meaning better and the comparator areas' range as a grey line. "
           + "; ".join(f"{short[r.indicator_id]} {r.area_index:.0f}" for r in dots.itertuples())
           + ".")
    return fig, alt


def grand_challenges(result: FoundationsResult) -> tuple[Figure, str]:
    """Emissions per resident over time and the share of residents aged 65 and over."""
    area, ghg, old, fall = result.area, result.ghg, result.older, result.ghg_fall
    fig, axes = new_chart(
        f"Emissions per resident in {area.name} fell {fall.get(area.name, np.nan):.0f}% since "
        f"{ghg.index[0]}; {old[area.name].iloc[-1]:.0f}% of residents are 65 or over",
        f"Left: greenhouse gas emissions, tonnes CO2 equivalent per resident, {ghg.index[0]} to "
        f"{ghg.index[-1]}. Right: residents aged 65 and over, % of population, "
        f"{', '.join(old.index)}", figsize=(10, 5), ncols=2)
    ax1, ax2 = axes
    yrs = ghg.index.astype(int)
    for i, col in enumerate(ghg.columns):
        colour = AF_COLOURS[i % len(AF_COLOURS)]
        ax1.plot(yrs, ghg[col], color=colour, lw=3 if i == 0 else 1.8, label=col)
    ax1.set_xticks([y for y in range(2005, int(yrs[-1]) + 1, 5)])
    ax1.set_ylim(bottom=0)
    ax1.legend(frameon=False, fontsize=9)
    ax1.set_title("Emissions, tonnes CO2e per resident", loc="left", fontsize=10)
    width = 0.8 / len(old.columns)
    for i, col in enumerate(old.columns):
        colour = AF_COLOURS[i % len(AF_COLOURS)]
        ax2.bar(np.arange(len(old)) + i * width, old[col], width=width, color=colour, label=col)
    ax2.set_xticks(np.arange(len(old)) + width * (len(old.columns) - 1) / 2, list(old.index))
    ax2.grid(axis="x", visible=False)
    ax2.set_ylim(0, float(np.nanmax(old.to_numpy())) * 1.3)
    ax2.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:.0f}%"))
    ax2.legend(frameon=False, fontsize=8.5, loc="upper left", ncol=min(3, len(old.columns)))
    ax2.set_title("Residents aged 65 and over, %", loc="left", fontsize=10)
    fig.subplots_adjust(wspace=0.25, left=0.07)
    add_source(fig, source_line(result.inputs.framework, ["ghg_per_head", "share_65plus"]))
    alt = (f"Two charts. Left, a line chart of greenhouse gas emissions per resident from "
           f"{ghg.index[0]} to {ghg.index[-1]}: "
           + "; ".join(f"{c} from {ghg[c].iloc[0]:.1f} to {ghg[c].iloc[-1]:.1f} tonnes"
                       for c in ghg.columns)
           + ". Right, bars of the share of residents aged 65 and over: "
           + "; ".join(f"{c} {old[c].iloc[-1]:.1f}% in {old.index[-1]}" for c in old.columns)
           + ".")
    return fig, alt
