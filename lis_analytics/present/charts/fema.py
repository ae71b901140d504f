"""Charts of the FEMA chapter, drawn from a :class:`~lis_analytics.chapters.fema.FemaResult`.

Each recipe returns the figure and its alt text; the notebook shows them with
:func:`lis_analytics.present.charts.show`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING

import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
import shapely
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from shapely.geometry import box

from lis_analytics.present.charts import base as charts
from lis_analytics.present.text.fema import kind_label, pct_label, rank_text
from lis_analytics.present.text.words import subject_verb

if TYPE_CHECKING:  # the result type only; present never calls into chapters
    from lis_analytics.chapters.fema import FemaResult

__all__ = [
    "add_source",
    "boundary_lines",
    "fit_chart",
    "partners_chart",
    "ranking_chart",
    "ttwa_map",
]


def add_source(fig: Figure, text: str) -> None:
    """:func:`~lis_analytics.present.charts.add_source` with the line breaks made here.

    Matplotlib's own wrapping is slow.
    """
    charts.add_source(fig, "\n".join(textwrap.wrap(text, int(fig.get_figwidth() * 13.5))))
    fig.texts[-1].set_wrap(False)


def boundary_lines(geometries: Iterable) -> list[np.ndarray]:
    """Boundary lines of (multi)polygons as coordinate arrays, for a matplotlib LineCollection.

    Drawing boundaries this way is several times faster than ``GeoSeries.plot``, which
    redraws the whole figure.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> [line.shape for line in boundary_lines([box(0, 0, 1, 1)])]
    [(5, 2)]
    """
    lines = []
    for geom in geometries:
        for part in shapely.get_parts(shapely.boundary(geom)):
            lines.append(np.asarray(shapely.get_coordinates(part)))
    return lines


def ranking_chart(result: FemaResult, source: str) -> tuple[Figure, str]:
    """Dot chart of self-containment in 2011 and 2021 for the area, its peers and comparators."""
    area, bench = result.area, result.bench
    t0 = result.own.loc[2011]
    kind = kind_label(result.group_type, area)
    b11 = bench[bench["year"] == 2011].set_index("area_code")
    b21 = bench[bench["year"] == 2021].set_index("area_code")
    show = b11[b11["is_area"] | b11["is_peer"] | b11["is_comparator"]].copy()
    if len(show) > 40:  # e.g. a district among 296: keep the 40 nearest in rank
        order = (show["rank_sc"] - t0["rank_sc"]).abs().sort_values(kind="stable")
        show = show.loc[order.index[:40].union(show.index[show["is_comparator"]])]
    show = show.sort_values("self_containment")
    ypos = np.arange(len(show))
    colours = np.where(show["is_area"], charts.AF_ORANGE,
                       np.where(show["is_comparator"], charts.AF_PLUM, charts.AF_DARK_BLUE))
    x11 = show["self_containment"] * 100
    x21 = b21["self_containment"].reindex(show.index) * 100
    ranked = rank_text(area, result.group_type, int(t0["rank_sc"]), result.n_pool)
    fig, ax = charts.new_chart(
        f"{area.name} {ranked} for commuting self-containment",
        f"Self-containment (the smaller of supply- and demand-side), %, {kind}, Census 2011 "
        "(filled) and Census 2021 in lockdown (hollow)",
        figsize=(9.5, max(5.0, 0.24 * len(show) + 2.2)))
    ax.hlines(ypos, np.minimum(x11, x21), np.maximum(x11, x21), color=charts.AF_LIGHT_GREY,
              lw=1.5)
    ax.scatter(x11, ypos, color=colours, s=42, zorder=3)
    ax.scatter(x21, ypos, facecolors="white", edgecolors=colours, s=42, lw=1.5, zorder=3)
    median11 = result.medians.loc[2011, "self_containment"] * 100
    ax.axvline(median11, color=charts.AF_GREY, lw=1, ls="--")
    ax.annotate(f"2011 median {median11:.0f}%", (median11, len(show) - 0.5), xytext=(4, 0),
                textcoords="offset points", fontsize=9, color=charts.AF_GREY, va="bottom")
    ax.set_yticks(ypos, show["area_name"], fontsize=9)
    for tick, is_area in zip(ax.get_yticklabels(), show["is_area"], strict=True):
        if is_area:
            tick.set_fontweight("bold")
            tick.set_color(charts.AF_ORANGE)
    ax.set_ylim(-0.8, len(show) + 0.3)
    ax.xaxis.set_major_formatter(mticker.StrMethodFormatter("{x:.0f}%"))
    ax.grid(axis="y", visible=False)
    ax.legend(handles=[Line2D([], [], marker="o", ls="", color=charts.AF_DARK_BLUE,
                              label="2011"),
                       Line2D([], [], marker="o", ls="", markerfacecolor="white",
                              color=charts.AF_DARK_BLUE, label="2021 (lockdown)")],
              loc="lower right", frameon=True, fontsize=9)
    fig.subplots_adjust(left=0.36, bottom=1.0 / fig.get_figheight())
    add_source(fig, source)
    alt = (f"Dot chart of commuting self-containment in 2011 and 2021 for {area.name} and "
           f"{len(show) - 1} {kind} shown as benchmarks. "
           f"{subject_verb(area.name, 'is')} at {x11[show['is_area']].iloc[0]:.1f}% in 2011 and "
           f"{x21[show['is_area']].iloc[0]:.1f}% in 2021; the 2011 median is "
           f"{median11:.1f}%. Highest in 2011: {show['area_name'].iloc[-1]} "
           f"({x11.iloc[-1]:.1f}%); lowest: {show['area_name'].iloc[0]} ({x11.iloc[0]:.1f}%).")
    return fig, alt


def partners_chart(result: FemaResult, source: str) -> tuple[Figure, str]:
    """Bars of the largest partner districts and neighbouring areas, out and in, 2011."""
    area, partners, groups = result.area, result.partners, result.groups
    area_s = charts.possessive(area.name)
    top = partners[partners["total_2011"] > 0].head(12).iloc[::-1]
    outside_groups = groups[(groups["group"] != area.name) & (groups["total_2011"] > 0)]
    gtop = outside_groups.head(6).iloc[::-1]
    g1 = outside_groups.iloc[0] if len(outside_groups) else None
    title = (f"{g1['share_2011']:.0f}% of commuting across {area_s} boundary is with "
             f"{g1['group']}" if g1 is not None else f"{area_s} commuting partners")
    fig, (ax, gx) = charts.new_chart(
        title, "Out-commuters (residents of the area working there) and in-commuters "
        "(residents there working in the area), largest partner districts and neighbouring "
        "areas (with their share of all cross-boundary commuting), Census 2011",
        figsize=(10.0, 6.6), ncols=2)
    bottom = 1.05 / fig.get_figheight()
    top_edge = ax.get_position().y1 - 0.06
    ax.set_position([0.2, bottom, 0.34, top_edge - bottom])
    gx.set_position([0.75, bottom, 0.22, top_edge - bottom])
    ypos = np.arange(len(top))
    ax.barh(ypos, -top["out_2011"], color=charts.AF_DARK_BLUE)
    ax.barh(ypos, top["in_2011"], color=charts.AF_TURQUOISE)
    ax.set_yticks(ypos, top["name"], fontsize=9)
    ax.axvline(0, color=charts.AF_GREY, lw=1)
    span = max(top["out_2011"].max(), top["in_2011"].max()) * 1.1
    ax.set_xlim(-span, span)
    ax.xaxis.set_major_locator(mticker.MaxNLocator(4, symmetric=True))
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{abs(v):,.0f}"))
    ax.set_ylim(-0.7, len(top) - 0.3)
    ax.set_title("Largest partner districts", loc="left", fontsize=10.5, fontweight="bold")
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("← out-commuters        in-commuters →")
    gpos = np.arange(len(gtop))
    gx.barh(gpos, gtop["out_2011"], color=charts.AF_DARK_BLUE)
    gx.barh(gpos, gtop["in_2011"], left=gtop["out_2011"], color=charts.AF_TURQUOISE)
    for y, r in zip(gpos, gtop.itertuples(), strict=True):
        gx.annotate(f"{r.share_2011:.0f}%", (r.total_2011, y), xytext=(3, 0),
                    textcoords="offset points", va="center", fontsize=9)
    gx.set_yticks(gpos, [textwrap.fill(g, 26) for g in gtop["group"]], fontsize=8.5)
    gx.set_xlim(0, max(gtop["total_2011"].max(), 1) * 1.3)
    gx.set_ylim(-0.7, max(len(gtop), 1) - 0.3)
    gx.xaxis.set_major_locator(mticker.MaxNLocator(3))
    gx.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    gx.set_title("By neighbouring area", loc="left", fontsize=10.5, fontweight="bold")
    gx.grid(axis="y", visible=False)
    gx.set_xlabel("people, out + in")
    fig.legend(handles=[Patch(color=charts.AF_DARK_BLUE,
                              label="Out-commuters (residents of the area working there)"),
                        Patch(color=charts.AF_TURQUOISE,
                              label="In-commuters (residents there working in the area)")],
               loc="lower left", bbox_to_anchor=(0.2, top_edge + 0.045), ncol=2, frameon=False,
               fontsize=9)
    add_source(fig, source)
    alt = (f"Two bar charts of commuting across the boundary of {area.name} in 2011. Left, the "
           "12 largest partner districts, out-commuters and in-commuters: " + "; ".join(
               f"{r.name} ({r.group}) {r.out_2011:,.0f} out, {r.in_2011:,.0f} in"
               for r in top.iloc[::-1].itertuples()) + ". Right, by neighbouring area: "
           + "; ".join(f"{r.group} {r.total_2011:,.0f} ({r.share_2011:.0f}%)"
                       for r in gtop.iloc[::-1].itertuples()) + ".")
    return fig, alt


def ttwa_map(result: FemaResult, boundaries: pd.DataFrame, source: str) -> tuple[Figure, str]:
    """Map of the area's outline, districts and one dot per MSOA coloured by its TTWA.

    ``boundaries`` is the ``boundaries_lad23`` GeoDataFrame.
    """
    area, ttwa_table = result.area, result.ttwa_table
    area_s = charts.possessive(area.name)
    inside = boundaries[boundaries["area_code"].isin(area.lad_codes)]
    outline = inside.dissolve()
    minx, miny, maxx, maxy = outline.total_bounds
    pad = max(12_000.0, 0.2 * max(maxx - minx, maxy - miny))
    minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad
    zones = result.ttwa_zones
    zones = zones[zones["x"].between(minx, maxx) & zones["y"].between(miny, maxy)]
    main_ids = ttwa_table["area_id"].head(6).tolist()
    palette = dict(zip(main_ids, charts.AF_COLOURS, strict=False))
    point_colours = zones["area_id"].map(palette).fillna(charts.AF_LIGHT_GREY)
    fig, ax = charts.new_chart(
        f"{ttwa_table.iloc[0]['ttwa']} is the travel-to-work area of "
        f"{ttwa_table.iloc[0]['share_of_area_residents_pct']:.0f}% of {area_s} working "
        "residents",
        "Travel-to-work areas from Census 2011 commuting between MSOAs (one dot per MSOA), "
        f"with the boundary of {area.name} and local authority districts (December 2023)",
        figsize=(9.5, min(11.0, max(5.5, 5.9 * (maxy - miny) / (maxx - minx) + 2.3))))
    view_box = box(minx, miny, maxx, maxy)
    ax.add_collection(LineCollection(
        boundary_lines(boundaries.geometry[boundaries.intersects(view_box)]),
        colors="#8C8C8C", linewidths=0.6))
    grey = point_colours == charts.AF_LIGHT_GREY
    ax.scatter(zones.loc[grey, "x"], zones.loc[grey, "y"], s=9, color=charts.AF_LIGHT_GREY,
               zorder=2)
    ax.scatter(zones.loc[~grey, "x"], zones.loc[~grey, "y"], s=11, c=point_colours[~grey],
               zorder=3)
    ax.add_collection(LineCollection(boundary_lines(outline.geometry), colors="black",
                                     linewidths=2.2, zorder=4))
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.grid(False)
    handles = [Line2D([], [], marker="o", ls="", color=palette[i],
                      label=f"{r.ttwa} ({r.share_of_area_residents_pct:.0f}% of the area's "
                            "workers)")
               for i, r in zip(main_ids, ttwa_table.head(6).itertuples(), strict=True)]
    handles += [Line2D([], [], marker="o", ls="", color=charts.AF_LIGHT_GREY,
                       label="Other travel-to-work areas"),
                Patch(facecolor="none", edgecolor="black", lw=2, label=f"{area.name} boundary")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
              fontsize=9)
    fig.subplots_adjust(left=0.02, right=0.64, bottom=0.95 / fig.get_figheight())
    add_source(fig, source)
    alt = (f"Map of {area.name} (outlined) and surrounding districts with one dot per MSOA "
           "coloured by its 2011 travel-to-work area. " + "; ".join(
               f"{r.ttwa}: {r.share_of_area_residents_pct:.0f}% of the area's working "
               f"residents, {r.inside_pct:.0f}% of the TTWA's residents live in the area"
               for r in ttwa_table.head(6).itertuples()) + ".")
    return fig, alt


def fit_chart(result: FemaResult, source: str) -> tuple[Figure, str]:
    """Bars of the residents of each TTWA overlapping the area, inside and outside it."""
    area = result.area
    area_s = charts.possessive(area.name)
    share_in = result.fit.summary["share_of_workers_in_mostly_inside_ttwas"]
    fit_rows = result.ttwa_table.head(8).iloc[::-1]
    fig, ax = charts.new_chart(
        f"{share_in * 100:.0f}% of {area_s} workers live in travel-to-work areas mostly "
        "inside it", "Employed residents of each travel-to-work area overlapping the area, "
        "inside and outside it, Census 2011",
        figsize=(9.5, max(4.6, 0.5 * len(fit_rows) + 2.8)))
    ypos = np.arange(len(fit_rows))
    ax.barh(ypos, fit_rows["residents_in_area"], color=charts.AF_DARK_BLUE)
    ax.barh(ypos, fit_rows["ttwa_residents"] - fit_rows["residents_in_area"],
            left=fit_rows["residents_in_area"], color=charts.AF_LIGHT_GREY)
    for y, r in zip(ypos, fit_rows.itertuples(), strict=True):
        ax.annotate(f"{pct_label(r.inside_pct)} inside", (r.ttwa_residents, y), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9)
    ax.set_yticks(ypos, fit_rows["ttwa"], fontsize=9)
    ax.set_xlim(0, fit_rows["ttwa_residents"].max() * 1.22)
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("employed residents")
    ax.legend(handles=[Patch(color=charts.AF_DARK_BLUE, label=f"living in {area.name}"),
                       Patch(color=charts.AF_LIGHT_GREY, label="living outside it")],
              loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, frameon=False, fontsize=9)
    fig.subplots_adjust(left=0.3, bottom=1.25 / fig.get_figheight(),
                        top=ax.get_position().y1 - 0.4 / fig.get_figheight())
    add_source(fig, source)
    alt = (f"Bar chart of the employed residents of the {len(fit_rows)} largest travel-to-work "
           f"areas overlapping {area.name}, split into those living inside and outside the "
           "area: " + "; ".join(f"{r.ttwa} {r.ttwa_residents:,.0f} residents, "
                               f"{r.inside_pct:.0f}% inside"
                               for r in fit_rows.iloc[::-1].itertuples()) + ".")
    return fig, alt
