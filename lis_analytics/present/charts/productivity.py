"""Chart recipes of the productivity chapter: each returns ``(figure, alt_text)``.

Show one in a notebook with ``charts.show(*index_chart(result))``. Titles state the finding;
every number is read from a
:class:`~lis_analytics.chapters.productivity.ProductivityResult`.

Examples
--------
>>> from lis_analytics.chapters.productivity import analyse, example_inputs
>>> from lis_analytics.geography import Area
>>> r = analyse(Area("tees", "Tees", "CUSTOM", ("E06000001", "E06000002")),
...             example_inputs())
>>> fig, alt = index_chart(r)
>>> alt  # doctest: +NORMALIZE_WHITESPACE
'Line chart of GVA per hour worked as an index of the UK average from 2004 to 2022. Tees is
at 70.5 in 2022; England 100.0.'
>>> import matplotlib.pyplot as plt
>>> plt.close(fig)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from lis_analytics.data import source_line
from lis_analytics.present.charts.base import (
    AF_COLOURS,
    AF_DARK_BLUE,
    AF_GREY,
    AF_LIGHT_GREY,
    AF_ORANGE,
    AF_PLUM,
    AF_TURQUOISE,
    add_source,
    label_line_ends,
    new_chart,
    possessive,
)
from lis_analytics.present.text.productivity import (
    LEVELS_DATASETS,
    decomposition_datasets,
)
from lis_analytics.present.text.words import subject_verb

if TYPE_CHECKING:
    import geopandas as gpd

    from lis_analytics.chapters.productivity import ProductivityResult

__all__ = ["decomposition_chart", "district_map", "index_chart", "trend_chart"]

MAP_RING_METRES = 25_000
"""Neighbouring districts within this distance of the area are drawn on the map."""

BOUNDARIES_SOURCE = ("LAD boundaries (December 2023), ONS Geography. Contains OS data "
                     "© Crown copyright and database right 2023")


def index_chart(result: ProductivityResult) -> tuple[Figure, str]:
    """Line chart of GVA per hour worked, UK = 100, of the area and its benchmarks."""
    label, latest, level = result.area_label, result.latest_year, result.level
    idx = pd.DataFrame({label: result.per_hour["gva_per_hour_index"]}
                       | {n: result.bench_hour[n]["gva_per_hour_index"]
                          for n in result.benchmarks if n != "UK"})
    above = level["gva_per_hour_index"] >= 100
    title = (f"{possessive(label)} GVA per hour worked is "
             f"{abs(level['gva_per_hour_index'] - 100):.0f}% {'above' if above else 'below'} "
             "the UK average")
    fig, ax = new_chart(title, f"GVA per hour worked, index UK = 100, current prices, "
                               f"{idx.index.min()} to {latest}")
    ends = {}
    for i, col in enumerate(idx.columns):
        colour = AF_COLOURS[i % len(AF_COLOURS)]
        ax.plot(idx.index.astype(int), idx[col], color=colour, lw=3 if i == 0 else 1.8)
        ends[col] = (idx[col].iloc[-1], colour)
    ax.axhline(100, color=AF_GREY, lw=1, ls="--")
    label_line_ends(ax, int(idx.index[-1]) + 0.4, ends)
    ax.annotate("UK = 100", (int(idx.index[0]), 100), xytext=(0, 4), textcoords="offset points",
                fontsize=9, color=AF_GREY)
    ax.set_xlim(int(idx.index[0]), int(idx.index[-1]) + 5)
    ax.set_xticks([y for y in range(2005, int(latest) + 1, 5)])
    add_source(fig, source_line(*LEVELS_DATASETS))
    alt = (f"Line chart of GVA per hour worked as an index of the UK average from "
           f"{idx.index.min()} to {latest}. {subject_verb(label, 'is')} at "
           f"{level['gva_per_hour_index']:.1f} in {latest}; "
           + "; ".join(f"{c} {idx[c].iloc[-1]:.1f}" for c in idx.columns[1:]) + ".")
    return fig, alt


def trend_chart(result: ProductivityResult) -> tuple[Figure, str]:
    """Real GVA per hour worked of the area (index) against its 2004-2008 trend continued.

    An index (base year = 100), never a pound level: real levels are in the reference year's
    money and would be misread beside the current-price levels.
    """
    from lis_analytics.chapters.productivity import REAL_BASE_PERIOD
    from lis_analytics.present.text.productivity import real_short_note

    label = result.area_label
    tg = result.trend.dropna(subset=["actual"])
    short = tg.iloc[-1]
    below_trend = short["shortfall_pct"] >= 0
    fig, ax = new_chart(
        f"Real productivity in {label} is {abs(short['shortfall_pct']):.0f}% "
        f"{'below' if below_trend else 'above'} where its pre-2008 trend would have taken it",
        f"Real GVA per hour worked, index {REAL_BASE_PERIOD} = 100, {tg.index[0]} to "
        f"{tg.index[-1]}, with the 2004-2008 trend continued")
    years = tg.index.astype(int)
    ax.plot(years, tg["actual"], color=AF_DARK_BLUE, lw=3)
    ax.plot(years, tg["trend"], color=AF_ORANGE, lw=2, ls="--")
    ax.axhline(100, color=AF_GREY, lw=1, ls=":")
    ax.annotate(label, (years[-1], tg["actual"].iloc[-1]), xytext=(6, 0),
                textcoords="offset points", color=AF_DARK_BLUE, va="center")
    ax.annotate(f"Pre-2008 trend ({short['trend_cagr_pct']:.1f}% a year)",
                (years[-1], tg["trend"].iloc[-1]), xytext=(6, 0), textcoords="offset points",
                color=AF_ORANGE, va="center")
    ax.set_xlim(years[0], years[-1] + 7)
    ax.set_xticks([y for y in range(2005, int(years[-1]) + 1, 5)])
    ax.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
    add_source(fig, f"{source_line(*result.real_datasets)}. {real_short_note(result)}")
    alt = (f"Line chart of real GVA per hour worked in {label}, index {REAL_BASE_PERIOD} = 100, "
           f"from {tg.index[0]} to {tg.index[-1]} against its 2004 to 2008 trend. In "
           f"{tg.index[-1]} it was {short['actual']:,.1f} against a trend value of "
           f"{short['trend']:,.1f}, {abs(short['shortfall_pct']):.1f}% "
           f"{'short' if below_trend else 'ahead'}.")
    return fig, alt


def decomposition_chart(result: ProductivityResult) -> tuple[Figure, str]:
    """Waterfall of the contributions to the gap in GVA per head against the UK."""
    label, year = result.area_label, result.decomposition_year
    decomposition = result.decomposition
    comp = decomposition[~decomposition["is_total"]]
    total = result.decomposition_total
    biggest = comp.loc[comp["log_points"].abs().idxmax()]
    same_sign = np.sign(biggest["log_points"]) == np.sign(total["log_points"])
    fig, ax = new_chart(
        f"GVA per head in {label} is {abs(total['ratio'] - 1) * 100:.0f}% "
        f"{'above' if total['ratio'] >= 1 else 'below'} the UK"
        + (f"; the biggest factor is {biggest['component']}" if same_sign else
           f", despite {'lower' if biggest['log_points'] < 0 else 'higher'} "
           f"{biggest['component']}"),
        "Contribution to the gap in GVA per head against the UK, log points (100 x ln ratio), "
        f"{year}",
        figsize=(9.5, 5.2))
    labels = list(comp["component"]) + ["GVA per head (total)"]
    values = list(comp["log_points"]) + [total["log_points"]]
    starts = np.concatenate([[0], np.cumsum(values[:-1])[:-1]]).tolist() + [0]
    colours = [AF_TURQUOISE if v >= 0 else AF_PLUM for v in values[:-1]] + [AF_DARK_BLUE]
    ax.barh(range(len(values)), values, left=starts, color=colours)
    for i, (v, s) in enumerate(zip(values, starts, strict=True)):
        ax.annotate(f"{v:+.1f}", (max(s, s + v), i), xytext=(4, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=10)
    span = max(max(max(s, s + v) for v, s in zip(values, starts, strict=True)), 0)
    ax.set_xlim(right=span + (span - min(min(s, s + v)
                                         for v, s in zip(values, starts, strict=True)))
                * 0.12 + 0.5)
    ax.set_yticks(range(len(values)), labels)
    ax.invert_yaxis()
    ax.axvline(0, color=AF_GREY, lw=1)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_xlabel("log points")
    fig.subplots_adjust(left=0.36)
    add_source(fig, source_line(*decomposition_datasets(result)))
    alt = (f"Waterfall bar chart decomposing the {total['log_points']:+.1f} log point gap in GVA "
           f"per head between {label} and the UK in {year}: "
           + "; ".join(f"{r.component} {r.log_points:+.1f}" for r in comp.itertuples()) + ".")
    return fig, alt


def district_map(result: ProductivityResult, boundaries: gpd.GeoDataFrame
                 ) -> tuple[Figure, str]:
    """Map of GVA per hour worked (UK = 100) of the area's districts and their neighbours.

    Parameters
    ----------
    result : ProductivityResult
    boundaries : GeoDataFrame
        District boundaries (``boundaries_lad23``: ``area_code`` and a projected geometry in
        metres); the districts within :data:`MAP_RING_METRES` of the area are drawn.
    """
    label, latest, lad_table = result.area_label, result.latest_year, result.lad_table
    inside = boundaries[boundaries["area_code"].isin(result.area.lad_codes)]
    ring = inside.geometry.union_all().buffer(MAP_RING_METRES)
    nearby = boundaries[boundaries.intersects(ring)].merge(
        result.district_index, on="area_code", how="left")
    fig, ax = new_chart(
        f"Productivity varies from {lad_table['gva_per_hour_index'].min():.0f} to "
        f"{lad_table['gva_per_hour_index'].max():.0f} (UK = 100) across "
        f"{possessive(label)} districts",
        f"GVA per hour worked, index UK = 100, local authority districts, {latest}",
        figsize=(9, 7.5))
    nearby.plot(column="value", ax=ax, cmap="Blues", legend=True, edgecolor="white",
                linewidth=0.4, missing_kwds={"color": AF_LIGHT_GREY, "label": "no data"},
                legend_kwds={"label": "GVA per hour, UK = 100", "shrink": 0.6})
    inside.dissolve().boundary.plot(ax=ax, color=AF_ORANGE, linewidth=2.2)
    ax.set_axis_off()
    ax.grid(False)
    add_source(fig, f"{source_line(*LEVELS_DATASETS)}; {BOUNDARIES_SOURCE}")
    ranked = lad_table.sort_values("gva_per_hour_index")
    best, worst = ranked.iloc[-1], ranked.iloc[0]
    alt = (f"Map of GVA per hour worked (UK = 100) in {latest} for the districts of {label} "
           f"(outlined in orange) and their neighbours. Highest inside the area: "
           f"{best['area_name']} ({best['gva_per_hour_index']:.1f}); lowest: "
           f"{worst['area_name']} ({worst['gva_per_hour_index']:.1f}).")
    return fig, alt
