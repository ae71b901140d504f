"""Sectors chapter charts: bubble chart of strengths, location quotients and two waterfalls.

Each recipe takes the chapter's computed
:class:`~lis_analytics.chapters.sectors.SectorsResult` and returns ``(figure, alt text)``.
"""

from __future__ import annotations

import matplotlib.text as mtext
import matplotlib.ticker as mticker
import numpy as np
from matplotlib.transforms import Bbox

from lis_analytics.chapters.sectors import (
    AREA,
    GVA,
    IS8,
    LQ_STRENGTH,
    RESIDENTS_2021,
    WORKPLACE_2011,
    SectorsResult,
)
from lis_analytics.data import source_line
from lis_analytics.present.charts import base as charts
from lis_analytics.present.text.is8 import is8_lq_words
from lis_analytics.present.text.sectors import (
    gbp_million,
    join_clauses,
    lower_name,
    pct,
    signed_gbp,
    unscreened,
)

__all__ = ["bubble_chart", "is8_chart", "lq_chart", "place_labels", "productivity_chart",
           "shift_share_chart"]


def _ha(off: tuple[float, float]) -> str:
    return "left" if off[0] > 1 else ("right" if off[0] < -1 else "center")


def _va(off: tuple[float, float]) -> str:
    return "bottom" if off[1] > 1 else ("top" if off[1] < -1 else "center")


def place_labels(fig, ax, points: list[tuple[float, float, str, float]],
                 fontsize: float = 9.0,
                 obstacles: list[tuple[float, float, float]] = (),
                 avoid: list = (), required: int | None = None) -> int:
    """Label points without overlaps, each joined to its point by a thin leader line.

    ``points`` are ``(x, y, text, radius in points)`` in order of priority; positions around
    each point are tried nearest first, avoiding other labels and the ``obstacles``
    (``(x, y, radius in points)``, e.g. large bubbles) and the artists in ``avoid`` (e.g.
    reference-line labels). The first ``required`` labels (all when ``None``) are drawn even
    without a free position (at the least crowded one); later ones are then left out.
    Returns the number of labels that found no free position.
    """
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    px = fig.dpi / 72.0
    placed: list = []
    for ox, oy, orad in obstacles:
        cx, cy = ax.transData.transform((ox, oy))
        half = orad * px * 0.8
        placed.append(Bbox([[cx - half, cy - half], [cx + half, cy + half]]))
    for artist in avoid:
        if hasattr(artist, "update_positions"):
            artist.update_positions(renderer)
        placed.append(mtext.Text.get_window_extent(artist, renderer))
    crowded = 0
    angles = np.deg2rad([30, -30, 150, -150, 90, -90, 0, 180, 60, -60, 120, -120])

    def overlap(b1, b2) -> float:
        w = min(b1.x1, b2.x1) - max(b1.x0, b2.x0)
        h = min(b1.y1, b2.y1) - max(b1.y0, b2.y0)
        return w * h if w > 0 and h > 0 else 0.0

    for k, (x, y, text, radius) in enumerate(points):
        probe = ax.text(0, 0, text, fontsize=fontsize)
        size = probe.get_window_extent(renderer)
        probe.remove()
        width, height = size.width * 1.06, size.height * 1.25
        ax_px, ay_px = ax.transData.transform((x, y))
        best = None  # (cost, offset, box)
        for gap in (4.0, 14.0, 28.0, 46.0):
            for ang in angles:
                dist = radius + gap
                off = (float(np.cos(ang) * dist), float(np.sin(ang) * dist))
                ox, oy = ax_px + off[0] * px, ay_px + off[1] * px
                x0 = {"left": ox, "right": ox - width, "center": ox - width / 2}[_ha(off)]
                y0 = {"bottom": oy, "top": oy - height, "center": oy - height / 2}[_va(off)]
                box = Bbox([[x0, y0], [x0 + width, y0 + height]])
                outside = (max(frame.x0 - box.x0, 0) + max(box.x1 - frame.x1, 0)
                           + max(frame.y0 - box.y0, 0) + max(box.y1 - frame.y1, 0))
                cost = sum(overlap(box, p) for p in placed) + outside * height * 4
                cost += gap * 0.01  # prefer near positions among free ones
                if best is None or cost < best[0]:
                    best = (cost, off, box)
            if best is not None and best[0] < 1.0:
                break
        cost, off, box = best
        crowded += cost >= 1.0
        if cost >= 1.0 and required is not None and k >= required:
            continue  # optional label with no free spot: leave it out rather than crowd
        relpos = ({"left": 0.0, "right": 1.0, "center": 0.5}[_ha(off)],
                  {"bottom": 0.0, "top": 1.0, "center": 0.5}[_va(off)])
        ax.annotate(text, (x, y), xytext=off, textcoords="offset points", ha=_ha(off),
                    va=_va(off), fontsize=fontsize, color="#0B0C0C", zorder=5,
                    arrowprops={"arrowstyle": "-", "color": "#505A5F", "lw": 0.7,
                                "shrinkA": 1, "shrinkB": radius * 0.9, "patchA": None,
                                "relpos": relpos})
        placed.append(box)
    return crowded


def bubble_chart(r: SectorsResult):
    """Bubble chart: GVA location quotient against real growth, bubble area = GVA.

    Returns ``(figure, alt text)``.
    """
    t = r.harmonised[(r.harmonised["lq"] > 0) & np.isfinite(r.harmonised["cagr"])].copy()
    strong = t[t["distinctive_strength"].fillna(False).astype(bool)].sort_values(
        "gva", ascending=False)
    if len(strong):
        lead = strong.iloc[0]
        title = (f"{len(strong)} industr{'y is a' if len(strong) == 1 else 'ies are'} distinctive "
                 f"strength{'' if len(strong) == 1 else 's'} of {r.area.name} (concentrated in "
                 f"GVA and jobs, growing, passing the data screens); the largest is "
                 f"{lower_name(lead.industry)} ({gbp_million(lead.gva)} of GVA)")
    else:
        title = (f"No industry in {r.area.name} passes every test of a distinctive strength "
                 "(concentrated in GVA and jobs, growing, passing the data screens)")
    fig, ax = charts.new_chart(
        title, f"GVA location quotient against England (log scale) and real GVA growth, % a "
               f"year, {r.window}; bubble area = GVA in {r.latest}, current prices",
        figsize=(10, 7))
    sizes = t["gva"] / t["gva"].max() * 1800 + 20
    y_lo = max(min(float(t["cagr"].min()), -1.0), -20.0) - 1.5
    y_hi = min(max(float(t["cagr"].max()), 1.0), 20.0) + 1.5
    y = t["cagr"].clip(y_lo + 0.5, y_hi - 0.5)
    colour = np.where(t["distinctive_strength"].fillna(False).astype(bool), charts.AF_DARK_BLUE,
                      np.where(t["at_risk"].fillna(False).astype(bool), charts.AF_ORANGE,
                               charts.AF_TURQUOISE))
    ax.scatter(t["lq"], y, s=sizes, c=colour, alpha=0.75, edgecolors="white", linewidths=0.8,
               zorder=3)
    clipped = t["cagr"] != y
    if clipped.any():
        ax.scatter(t.loc[clipped, "lq"], y[clipped], marker="x", s=20, c="#0B0C0C", zorder=4)
    ax.set_xscale("log")
    x_lo = max(min(t["lq"].min() * 0.8, 0.5), 0.02)
    x_hi = max(t["lq"].max() * 1.6, 2.0)
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    ticks = [v for v in (0.05, 0.1, 0.25, 0.5, 1, 1.25, 2, 4, 8, 16) if x_lo <= v <= x_hi]
    ax.set_xticks(ticks, [f"{v:g}" for v in ticks])
    ax.minorticks_off()
    ax.axvline(1, color=charts.AF_GREY, lw=1)
    ax.axvline(LQ_STRENGTH, color=charts.AF_GREY, lw=0.8, ls=":")
    ax.axhline(0, color=charts.AF_GREY, lw=1)
    eng_cagr = r.england_cagr
    ax.axhline(eng_cagr, color=charts.AF_GREY, lw=0.8, ls="--")
    # reference label on the side of the chart with fewer bubbles near the line, in front
    near = (t["cagr"] - eng_cagr).abs() < (y_hi - y_lo) * 0.12
    mid = np.sqrt(x_lo * x_hi)
    left_side = int((near & (t["lq"] < mid)).sum()) <= int((near & (t["lq"] >= mid)).sum())
    eng_label = ax.annotate(
        f"England, all industries: {eng_cagr:.1f}% a year",
        (x_lo if left_side else x_hi, eng_cagr), xytext=(4 if left_side else -4, 3),
        textcoords="offset points", fontsize=8.5, color="#505A5F",
        ha="left" if left_side else "right", va="bottom", zorder=6,
        bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none",
              "alpha": 0.85})
    for text, xy, ha, va in (("Concentrated and growing", (0.99, 0.99), "right", "top"),
                             ("Concentrated, shrinking", (0.99, 0.01), "right", "bottom"),
                             ("Less concentrated, growing", (0.01, 0.99), "left", "top"),
                             ("Less concentrated, shrinking", (0.01, 0.01), "left", "bottom")):
        ax.text(*xy, text, transform=ax.transAxes, ha=ha, va=va, fontsize=9,
                color="#6F777B", style="italic")
    ax.set_xlabel("Location quotient of GVA (England = 1)")
    ax.set_ylabel("Real GVA growth, % a year")
    for colour_, text in ((charts.AF_DARK_BLUE, "distinctive strength"),
                          (charts.AF_ORANGE, "at risk"), (charts.AF_TURQUOISE, "other")):
        ax.scatter([], [], s=60, c=colour_, alpha=0.75, label=text)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.11), ncol=3, frameon=False, fontsize=9)
    fig.subplots_adjust(bottom=0.2)
    # label the extremes first (fastest and slowest growth, highest LQ), then distinctive
    # strengths, the largest industries at risk and the largest industries; labels after
    # the extremes are left out when they find no free spot
    risky = t["at_risk"].fillna(False).astype(bool)
    strong_ids = t.index[t["distinctive_strength"].fillna(False).astype(bool)]
    extremes = list(dict.fromkeys([t["cagr"].idxmax(), t["cagr"].idxmin(), t["lq"].idxmax()]))
    priority = (extremes
                + list(t.loc[strong_ids].sort_values("gva", ascending=False).index)
                + list(t[risky].sort_values("gva", ascending=False).index[:3])
                + list(t.sort_values("gva", ascending=False).index[:4])
                + list(t[t["lq"] >= LQ_STRENGTH].sort_values("gva", ascending=False).index))
    priority = list(dict.fromkeys(priority))
    radius = np.sqrt(sizes / np.pi)
    points = [(float(t.at[i, "lq"]), float(y[i]), t.at[i, "industry"], float(radius[i]))
              for i in priority]
    all_radius = np.sqrt(sizes / np.pi)
    obstacles = [(float(t.at[i, "lq"]), float(y[i]), float(all_radius[i])) for i in t.index
                 if all_radius[i] >= 10]
    place_labels(fig, ax, points, obstacles=obstacles, avoid=[eng_label],
                 required=len(extremes))
    charts.add_source(fig, source_line(GVA))
    note = (" Growth beyond 20% a year is drawn at the edge (marked x)." if clipped.any() else "")
    alt = (f"Bubble chart of {len(t)} industries in {r.area.name}: location quotient of GVA in "
           f"{r.latest} against real GVA growth a year over {r.window}, bubble size showing GVA. "
           + ("Distinctive strengths: " + join_clauses(
               [f"{x.industry} (LQ {x.lq:.2f}, {x.cagr:+.1f}% a year)"
                for x in strong.itertuples()]) + "." if len(strong) else
               "No industry is both concentrated and growing.")
           + f" England's economy grew {eng_cagr:.1f}% a year." + note)
    return fig, alt


def lq_chart(r: SectorsResult):
    """Ranked location quotients of GVA (bars) with those of residents' jobs (dots)."""
    t = r.harmonised.sort_values("lq", ascending=True)
    top = unscreened(r).sort_values("lq").iloc[-1]
    fig, ax = charts.new_chart(
        f"{top.industry} is the most concentrated industry in {r.area.name} that passes the "
        f"data-quality screens: its share of GVA is {top.lq:.1f} times England's",
        f"Location quotients against England (England = 1): bars GVA in {r.latest} (current "
        f"prices); dots residents in employment in 2021 (Census, residence-based), "
        f"{r.area.name}", figsize=(9.5, 9.5))
    ypos = np.arange(len(t))
    vals = t["lq"].to_numpy()
    colours = [charts.AF_DARK_BLUE if v >= LQ_STRENGTH else
               (charts.AF_TURQUOISE if v >= 1 else charts.AF_LIGHT_GREY) for v in vals]
    screened = t["industry_code"].isin(r.screened_codes).to_numpy()
    ax.barh(ypos, vals, color=colours, height=0.68, zorder=2,
            hatch=["////" if flag else "" for flag in screened], edgecolor="white", lw=0)
    ax.scatter(t["jobs_lq"], ypos, s=26, color=charts.AF_ORANGE, edgecolors="white",
               linewidths=0.6, zorder=3)
    ax.axvline(1, color=charts.AF_GREY, lw=1, zorder=1)
    x_max = max(float(np.nanmax(t[["lq", "jobs_lq"]].to_numpy())) * 1.05, 1.5)
    ax.set_xlim(0, x_max)

    ax.set_ylim(-0.7, len(t) - 0.3)
    ax.set_yticks(ypos, t["industry"], fontsize=9)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Location quotient (England = 1)")
    for colour, text in ((charts.AF_DARK_BLUE, "GVA LQ 1.25 or more"),
                         (charts.AF_TURQUOISE, "GVA LQ 1 to 1.25"),
                         (charts.AF_LIGHT_GREY, "GVA LQ below 1")):
        ax.barh([np.nan], [np.nan], color=colour, label=text)
    if screened.any():
        ax.barh([np.nan], [np.nan], color=charts.AF_GREY, hatch="////", edgecolor="white",
                label="flagged by a data screen")
    ax.scatter([], [], s=26, color=charts.AF_ORANGE, label="Residents' jobs LQ")
    ax.legend(loc="upper center", bbox_to_anchor=(0.4, -0.065), ncol=3, frameon=False,
              fontsize=8.5, handlelength=1.2, columnspacing=1.0)
    fig.subplots_adjust(left=0.3, right=0.96, bottom=0.13)
    charts.add_source(fig, source_line(GVA, RESIDENTS_2021))
    strong = t[t["lq"] >= LQ_STRENGTH].sort_values("lq", ascending=False)
    alt = (f"Bar chart ranking {len(t)} industries in {r.area.name} by the location quotient of "
           f"GVA in {r.latest}, with dots for the location quotient of residents in employment "
           "in 2021. Highest: " + join_clauses([f"{x.industry} {x.lq:.2f} (jobs {x.jobs_lq:.2f})"
                                          for x in t.iloc[::-1].head(5).itertuples()])
           + f". {len(strong)} industries have a GVA LQ of 1.25 or more. Lowest: "
           + join_clauses([f"{x.industry} {x.lq:.2f}" for x in t.head(3).itertuples()]) + "."
           + (" Hatched bars, flagged by a data-quality screen: "
              + join_clauses(list(t.loc[screened, "industry"].iloc[::-1])) + "."
              if screened.any() else ""))
    return fig, alt


def _waterfall(ax, labels: list[str], values: list[float], fmt, total_label: str) -> None:
    starts = np.concatenate([[0.0], np.cumsum(values)[:-1]])
    all_labels = labels + [total_label]
    all_values = list(values) + [float(np.sum(values))]
    all_starts = list(starts) + [0.0]
    colours = [charts.AF_TURQUOISE if v >= 0 else charts.AF_PLUM for v in values] + [
        charts.AF_DARK_BLUE]
    ax.barh(range(len(all_values)), all_values, left=all_starts, color=colours, height=0.6)
    lo = min(0.0, *(s + min(v, 0) for s, v in zip(all_starts, all_values, strict=True)))
    hi = max(0.0, *(s + max(v, 0) for s, v in zip(all_starts, all_values, strict=True)))
    span = hi - lo or 1.0
    for i, (v, s) in enumerate(zip(all_values, all_starts, strict=True)):
        if v >= 0:  # label beyond the end of the bar, on the side it grows towards
            ax.annotate(fmt(v), (s + v, i), xytext=(4, 0), textcoords="offset points",
                        va="center", ha="left", fontsize=9.5)
        else:
            ax.annotate(fmt(v), (s + v, i), xytext=(-4, 0), textcoords="offset points",
                        va="center", ha="right", fontsize=9.5)
    left = 0.28 if any(v < 0 and s + v < lo + span * 0.25
                       for v, s in zip(all_values, all_starts, strict=True)) else 0.05
    right = 0.3 if any(v >= 0 for v in all_values) else 0.05
    ax.set_xlim(lo - span * left, hi + span * right)
    ax.set_yticks(range(len(all_values)), all_labels)
    ax.invert_yaxis()
    ax.axvline(0, color=charts.AF_GREY, lw=1)
    ax.grid(axis="y", visible=False)


def shift_share_chart(r: SectorsResult):
    """Shift-share waterfall: national growth, industry mix, local competitiveness."""
    tot = r.shift.totals.set_index("area_code").loc[AREA]
    diff = tot.area_growth - tot.benchmark_growth
    pace = ("about as fast as" if abs(diff) < 0.005 else
            "faster than" if diff > 0 else "more slowly than")
    fig, ax = charts.new_chart(
        f"Real GVA in {r.area.name} grew {pace} in England over {r.window}: "
        f"{pct(tot.area_growth, 1)} against {pct(tot.benchmark_growth, 1)}",
        f"Shift-share of the change in real GVA against England, £ million in 2022 prices, "
        f"{r.window}", figsize=(9, 4.8))
    _waterfall(ax, ["National growth", "Industry mix", "Local competitiveness"],
               [tot.national_share, tot.industry_mix, tot.competitive],
               lambda v: f"{v:+,.0f}", "Actual change")
    ax.set_xlabel("£ million (2022 prices)")
    ax.xaxis.set_major_locator(mticker.MaxNLocator(5))
    ax.xaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
    fig.subplots_adjust(left=0.25, bottom=0.2)
    charts.add_source(fig, source_line(GVA))
    alt = (f"Waterfall chart of the change in real GVA in {r.area.name} over {r.window}, "
           f"{gbp_million(tot.actual_change)}: national growth "
           f"{gbp_million(tot.national_share)}, industry mix {gbp_million(tot.industry_mix)}, "
           f"local competitiveness {gbp_million(tot.competitive)}.")
    return fig, alt


def productivity_chart(r: SectorsResult):
    """Productivity gap to England in 2011 split into industry mix and within-industry parts."""
    p = r.productivity.totals.set_index("area_code").loc[AREA]
    rel = p.productivity_area / p.productivity_benchmark - 1
    main = "industry mix" if abs(p.mix) > abs(p.within) else "productivity within industries"
    fig, ax = charts.new_chart(
        f"GVA per worker in {r.area.name} was {pct(abs(rel))} {'above' if rel > 0 else 'below'} "
        f"England in {r.productivity_year}, mostly because of {main}",
        f"Gap in GVA per worker against England, £ a worker, {r.productivity_year}: GVA at "
        "current prices over Census 2011 workplace population, 17 industry sections",
        figsize=(9, 4.6))
    _waterfall(ax, ["Industry mix", "Within industries"], [p.mix, p.within], signed_gbp,
               "Gap to England")
    ax.set_xlabel("£ per worker")
    ax.xaxis.set_major_locator(mticker.MaxNLocator(5))
    ax.xaxis.set_major_formatter(mticker.StrMethodFormatter("£{x:,.0f}"))
    fig.subplots_adjust(left=0.22, bottom=0.2)
    charts.add_source(fig, source_line(GVA, WORKPLACE_2011))
    alt = (f"Waterfall chart: in {r.productivity_year} GVA per worker in {r.area.name} was "
           f"£{p.productivity_area:,.0f} against £{p.productivity_benchmark:,.0f} in England, a "
           f"gap of {signed_gbp(p.gap)}, of which industry mix {signed_gbp(p.mix)} and "
           f"productivity within industries {signed_gbp(p.within)}.")
    return fig, alt


def is8_chart(r: SectorsResult):
    """IS-8 growth sectors: residents' jobs location quotients with each sector's SIC grade.

    A dot is the LQ on the industries wholly inside the definition (lower bound), a line runs
    to the LQ on every industry holding part of it (upper bound); hollow dots mark sectors
    whose grade allows no strength claim (proxy); sectors SIC cannot measure (poor) show
    no value, only "not measurable on SIC data".
    """
    t = r.is8.iloc[::-1].reset_index(drop=True)
    strong = t[t["claim"] == "strength"]
    title = (f"{join_clauses(list(strong['sector'][::-1]))} "
             f"{'is a' if len(strong) == 1 else 'are'} growth-sector strength"
             f"{'' if len(strong) == 1 else 's'} of {r.area.name} on residents' jobs"
             if len(strong) else
             f"No IS-8 growth sector that SIC data can measure is concentrated in "
             f"{r.area.name} on residents' jobs")
    fig, ax = charts.new_chart(
        title, "Location quotient of residents in employment against England (England = 1), "
        "Census 2021 (residence-based); dot: industries wholly in the sector, line: up to every "
        "industry partly in it. Label: sector (SIC coverage grade)", figsize=(9.5, 6.0))
    ypos = np.arange(len(t))
    finite = t[["lq_lower", "lq_upper"]].to_numpy(dtype=float)
    x_max = max(float(np.nanmax(finite)) * 1.1 if np.isfinite(finite).any() else 0, 1.6)
    for y, row in t.iterrows():
        if row["claim"] == "not measurable":
            ax.text(0.03, y, "not measurable on SIC data (no SIC code)", va="center",
                    fontsize=8.5, color=charts.AF_GREY, style="italic")
            continue
        low, up = row["lq_lower"], row["lq_upper"]
        if np.isfinite(up) and (not np.isfinite(low) or abs(up - low) > 1e-9):
            ax.plot([low if np.isfinite(low) else 0.0, up], [y, y], color=charts.AF_LIGHT_GREY,
                    lw=3, solid_capstyle="round", zorder=2)
            ax.scatter([up], [y], s=18, marker="|", color=charts.AF_GREY, zorder=3)
        if np.isfinite(low):
            solid = row["claim"] != "proxy: no claim"
            colour = charts.AF_DARK_BLUE if row["claim"] == "strength" else charts.AF_TURQUOISE
            ax.scatter([low], [y], s=60, zorder=4, color=colour if solid else "white",
                       edgecolors=colour, linewidths=1.5)
        else:
            ax.text(0.03, y + 0.28, "no division wholly inside: line only",
                    fontsize=7.5, color=charts.AF_GREY)
    ax.axvline(1, color=charts.AF_GREY, lw=1, zorder=1)
    ax.axvline(LQ_STRENGTH, color=charts.AF_ORANGE, lw=1, ls="--", zorder=1)
    ax.set_xlim(0, x_max)
    ax.set_ylim(-0.7, len(t) - 0.3)
    ax.set_yticks(ypos, [f"{s} ({g})" for s, g in zip(t["sector"], t["grade"], strict=True)],
                  fontsize=9)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Location quotient of residents' jobs (England = 1)")
    ax.scatter([], [], s=60, color=charts.AF_DARK_BLUE, label="strength")
    ax.scatter([], [], s=60, color=charts.AF_TURQUOISE, label="not a strength")
    ax.scatter([], [], s=60, color="white", edgecolors=charts.AF_TURQUOISE, linewidths=1.5,
               label="proxy definition: no claim")
    ax.plot([], [], color=charts.AF_ORANGE, ls="--", lw=1, label=f"LQ {LQ_STRENGTH}")
    ax.legend(loc="upper center", bbox_to_anchor=(0.35, -0.14), ncol=4, frameon=False,
              fontsize=8.5, handlelength=1.2, columnspacing=1.0)
    fig.subplots_adjust(left=0.36, right=0.96, bottom=0.2)
    charts.add_source(fig, source_line(RESIDENTS_2021, IS8))
    parts = [f"{x['sector']} ({x['grade']}): "
             + ("not measurable on SIC data" if x["claim"] == "not measurable"
                else is8_lq_words(x)) for _, x in r.is8.iterrows()]
    alt = (f"Dot chart of the location quotients of residents in employment in {r.area.name} "
           "in the Industrial Strategy's eight growth sectors, with each sector's SIC coverage "
           "grade: " + join_clauses(parts) + ". Strengths: "
           + (join_clauses(list(strong["sector"][::-1])) or "none") + ".")
    return fig, alt
