"""Charts of the people and inclusive-growth chapter.

Each recipe takes a :class:`~lis_analytics.chapters.people.PeopleResult` and returns the
figure and its alt text, for :func:`lis_analytics.present.charts.show`.
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
    AF_ORANGE,
    AF_PLUM,
    AF_TURQUOISE,
    add_source,
    new_chart,
)
from lis_analytics.present.text.indicators import describe_against, source_line

if TYPE_CHECKING:
    from lis_analytics.chapters.people import PeopleResult


def employment(result: PeopleResult) -> tuple[Figure, str]:
    """Employment rate of the area, England and the region, with the area's 95% interval."""
    inputs, area = result.inputs, result.area
    emp, band = result.employment, result.employment_band
    fig, ax = new_chart(
        describe_against(inputs.values, inputs.framework, area, "employment_rate").rstrip("."),
        f"Employment rate, % of residents aged 16 to 64, {emp.index[0]} to {emp.index[-1]}, "
        "with the 95% confidence interval for " + area.name)
    years = emp.index.astype(int)
    ax.fill_between(band["period"].astype(int), band["lci_95"], band["uci_95"],
                    color=AF_DARK_BLUE, alpha=0.15, lw=0)
    for i, col in enumerate(emp.columns):
        colour = AF_COLOURS[i % len(AF_COLOURS)]
        ax.plot(years, emp[col], color=colour, lw=3 if i == 0 else 1.8, marker="o", ms=4)
        ax.annotate(f"{col} {emp[col].iloc[-1]:.1f}%", (years[-1], emp[col].iloc[-1]),
                    xytext=(8, 0), textcoords="offset points", color=colour, va="center",
                    fontsize=10)
    ax.set_xlim(years[0] - 0.2, years[-1] + 1.6)
    ax.set_xticks(list(years))
    ax.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:.0f}%"))
    add_source(fig, source_line(inputs.framework, ["employment_rate"]))
    alt = (f"Line chart of the employment rate of residents aged 16 to 64 from {emp.index[0]} "
           f"to {emp.index[-1]}. " + "; ".join(f"{c}: {emp[c].iloc[-1]:.1f}% in {emp.index[-1]}"
                                               for c in emp.columns)
           + f". The shaded 95% confidence interval for {area.name} runs from "
           f"{band['lci_95'].iloc[-1]:.1f}% to {band['uci_95'].iloc[-1]:.1f}%.")
    return fig, alt


def pay_title(result: PeopleResult) -> str:
    """The pay chart's finding: the area's gap, or the district where it is widest."""
    area, pay, gap = result.area, result.pay_by_district, result.pay_gap
    if gap == 0:
        return f"Jobs in {area.name} pay about the same as its residents earn"
    if gap is not None:
        return (f"Jobs in {area.name} pay £{abs(gap):,.0f} a week "
                f"{'more' if gap > 0 else 'less'} than its residents earn")
    if len(pay):
        widest = (pay["pay_workplace"] - pay["pay_residence"]).abs().idxmax()
        return (f"The gap between workplace and resident pay is widest in "
                f"{pay.loc[widest, 'District']}")
    return f"Median pay is not published for {area.name}'s districts"


def pay(result: PeopleResult) -> tuple[Figure, str]:
    """Median weekly pay of jobs and residents in each district (a dumbbell chart)."""
    area, pay, pay_period = result.area, result.pay_by_district, result.pay_period
    fig, ax = new_chart(
        pay_title(result),
        f"Median gross weekly pay, all employee jobs, £, April {pay_period}, by district: "
        "jobs located there (workplace) and residents (residence)",
        figsize=(9.0, max(3.5, 1.6 + 0.32 * len(pay))))
    y = np.arange(len(pay))
    ax.hlines(y, pay[["pay_workplace", "pay_residence"]].min(axis=1),
              pay[["pay_workplace", "pay_residence"]].max(axis=1), color=AF_LIGHT_GREY, lw=2)
    ax.scatter(pay["pay_workplace"], y, color=AF_DARK_BLUE, s=40, zorder=3,
               label="Jobs in the district (workplace)")
    ax.scatter(pay["pay_residence"], y, color=AF_ORANGE, s=40, zorder=3,
               label="Residents (residence)")
    eng = result.england_workplace_pay
    if eng is not None:
        ax.axvline(eng, color=AF_GREY, ls="--", lw=1)
        ax.annotate(f"England (jobs) £{eng:,.0f}", (eng, -0.6), xytext=(4, 0),
                    textcoords="offset points", fontsize=9, color=AF_GREY)
    ax.set_yticks(y, pay["District"])
    ax.set_ylim(-0.7, len(pay) - 0.2)
    ax.xaxis.set_major_formatter(mticker.StrMethodFormatter("£{x:,.0f}"))
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False, fontsize=9,
              borderaxespad=0.2)
    fig.subplots_adjust(left=0.3)
    add_source(fig, source_line(result.inputs.framework, ["pay_workplace", "pay_residence"]))
    alt = (f"Dot plot of median weekly pay in April {pay_period} for each district of "
           f"{area.name}: jobs located in the district and residents of the district. "
           + "; ".join(f"{r.District}: jobs £{r.pay_workplace:,.0f}, residents "
                       f"£{r.pay_residence:,.0f}" for r in pay.itertuples()
                       if not pd.isna(r.pay_workplace) and not pd.isna(r.pay_residence))[:1500]
           + ".")
    return fig, alt


def skills(result: PeopleResult) -> tuple[Figure, str]:
    """NVQ4+ share of the area, benchmarks and comparators with 95% intervals."""
    inputs, area, sk, period = result.inputs, result.area, result.skills, result.skills_period
    fig, ax = new_chart(
        describe_against(inputs.values, inputs.framework, area, "nvq4plus_share").rstrip("."),
        f"Residents aged 16 to 64 qualified to NVQ level 4 or above, %, {period}, "
        f"with 95% confidence intervals: {area.name} (dark blue), England and region (grey), "
        "comparator areas (turquoise)", figsize=(9.0, max(3.5, 1.8 + 0.4 * len(sk))))
    colours = sk["kind"].map({"area": AF_DARK_BLUE, "benchmark": AF_GREY,
                              "comparator": AF_TURQUOISE})
    ax.barh(range(len(sk)), sk["value"], color=colours)
    err = np.vstack([sk["value"] - sk["lci"], sk["uci"] - sk["value"]])
    ax.errorbar(sk["value"], range(len(sk)), xerr=np.nan_to_num(err), fmt="none",
                ecolor="#000000", elinewidth=1, capsize=3)
    for i, r in enumerate(sk.itertuples()):
        ax.annotate(f"{r.value:.1f}%", (r.uci if not pd.isna(r.uci) else r.value, i),
                    xytext=(4, 0), textcoords="offset points", va="center", fontsize=9)
    ax.set_yticks(range(len(sk)), sk["label"])
    ax.set_xlim(0, sk["uci"].max() * 1.15)
    ax.xaxis.set_major_formatter(mticker.StrMethodFormatter("{x:.0f}%"))
    ax.grid(axis="y", visible=False)
    fig.subplots_adjust(left=0.32)
    add_source(fig, source_line(inputs.framework, ["nvq4plus_share"]))
    alt = (f"Bar chart of the share of residents aged 16 to 64 qualified to NVQ level 4 or "
           f"above in {period}, with 95% confidence intervals: "
           + "; ".join(f"{r.label} {r.value:.1f}%" for r in sk.iloc[::-1].itertuples()) + ".")
    return fig, alt


def income(result: PeopleResult) -> tuple[Figure, str]:
    """Disposable household income per head as an index of England."""
    area, gd_index = result.area, result.gdhi_index
    last = gd_index.index[-1]
    gap_now = gd_index[area.name].iloc[-1] - 100
    start = gd_index.index[0]
    fig, ax = new_chart(
        f"Household income per head in {area.name} is {abs(gap_now):.0f}% "
        f"{'above' if gap_now >= 0 else 'below'} England's, against "
        f"{abs(gd_index[area.name].iloc[0] - 100):.0f}% "
        f"{'above' if gd_index[area.name].iloc[0] >= 100 else 'below'} in {start}",
        f"Gross disposable household income per head, index England = 100, {start} to {last}")
    years = gd_index.index.astype(int)
    lines = [c for c in gd_index.columns if c != "England"]
    for i, col in enumerate(lines):
        colour = (AF_DARK_BLUE, AF_PLUM)[min(i, 1)]
        ax.plot(years, gd_index[col], color=colour, lw=3 if i == 0 else 1.8)
        ax.annotate(f"{col} {gd_index[col].iloc[-1]:.0f}", (years[-1], gd_index[col].iloc[-1]),
                    xytext=(6, 0), textcoords="offset points", color=colour, va="center",
                    fontsize=10)
    ax.axhline(100, color=AF_GREY, lw=1, ls="--")
    ax.annotate("England = 100", (years[0], 100), xytext=(0, 4), textcoords="offset points",
                fontsize=9, color=AF_GREY)
    ax.set_xlim(years[0], years[-1] + 8)
    ax.set_xticks([y for y in range(2000, int(years[-1]) + 1, 5)])
    add_source(fig, source_line(result.inputs.framework, ["gdhi_per_head"]))
    alt = (f"Line chart of gross disposable household income per head as an index of England "
           f"from {start} to {last}: " + "; ".join(f"{c} {gd_index[c].iloc[-1]:.1f} in {last}"
                                                   for c in gd_index.columns) + ".")
    return fig, alt
