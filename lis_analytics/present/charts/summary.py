"""Charts of the pack's summary: a small map of the area and the dashboard's trend lines.

:func:`area_map` draws the area's districts, with the districts around them in grey for
context, in the Analysis Function style (title, subtitle, source line, alt text).
:func:`sparkline_svg` writes a trend line small enough for a table cell as inline SVG text,
with a ``<title>`` and an ``aria-label`` saying what it shows.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lis_analytics.present.charts.base import (
    AF_DARK_BLUE,
    AF_ORANGE,
    add_source,
    new_chart,
)
from lis_analytics.present.charts.productivity import BOUNDARIES_SOURCE, MAP_RING_METRES
from lis_analytics.present.text.words import join_words

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.figure import Figure

__all__ = ["AREA_FILL", "CONTEXT_FILL", "MAX_DISTRICT_LABELS", "MIN_MARGIN_METRES", "area_map",
           "sparkline_svg"]

AREA_FILL = "#A8BDD1"
"""The area's districts: a light tint of the Analysis Function dark blue."""

CONTEXT_FILL = "#E3E3E3"
"""Neighbouring districts: light grey, so that the area stands out."""

MIN_MARGIN_METRES = 6_000
"""At least this much of the surroundings is shown around the area (a single district)."""

MAX_DISTRICT_LABELS = 12
"""Districts are named on the map when the area has at most this many."""


def area_map(area_name: str, lad_codes: Sequence[str], boundaries: gpd.GeoDataFrame,
             ring_metres: float = MAP_RING_METRES) -> tuple[Figure, str]:
    """A small map of an area's districts, with the districts around them in grey.

    Parameters
    ----------
    area_name : str
        The area's name (for the title and alt text).
    lad_codes : sequence of str
        The area's local authority districts (2023 codes).
    boundaries : GeoDataFrame
        District boundaries (``boundaries_lad23``: ``area_code``, ``area_name`` and a projected
        geometry in metres).
    ring_metres : float
        Districts within this distance of the area are drawn in grey.

    Returns
    -------
    (Figure, str)
        The chart and its alt text.

    Raises
    ------
    ValueError
        When none of ``lad_codes`` has a boundary.
    """
    inside = boundaries[boundaries["area_code"].isin(list(lad_codes))]
    if not len(inside):
        raise ValueError(f"no district boundary for {area_name}")
    outline = inside.geometry.union_all()
    ring = outline.buffer(ring_metres)
    around = boundaries[boundaries.intersects(ring) & ~boundaries["area_code"].isin(
        list(lad_codes))]
    n = len(inside)
    fig, ax = new_chart(f"{area_name}: {n} local authority district{'s' if n != 1 else ''}",
                        "Districts (December 2023 boundaries); neighbouring districts in grey",
                        figsize=(4.6, 4.6))
    if len(around):
        around.plot(ax=ax, color=CONTEXT_FILL, edgecolor="white", linewidth=0.6)
    inside.plot(ax=ax, color=AREA_FILL, edgecolor="white", linewidth=0.8)
    inside.dissolve().boundary.plot(ax=ax, color=AF_ORANGE, linewidth=1.8)
    minx, miny, maxx, maxy = outline.bounds
    pad = max(0.1 * max(maxx - minx, maxy - miny), MIN_MARGIN_METRES)
    ax.set_xlim(minx - pad, maxx + pad)
    ax.set_ylim(miny - pad, maxy + pad)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.grid(False)
    names = sorted(inside["area_name"].astype(str)) if "area_name" in inside.columns else []
    if names and n <= MAX_DISTRICT_LABELS:
        for _, row in inside.iterrows():
            point = row.geometry.representative_point()
            ax.annotate(str(row["area_name"]), (point.x, point.y), ha="center", va="center",
                        fontsize=7, color=AF_DARK_BLUE)
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.1)
    add_source(fig, BOUNDARIES_SOURCE)
    listed = (f": {join_words(names)}" if names and n <= 3 * MAX_DISTRICT_LABELS else "")
    alt = (f"Map of {area_name}, outlined in orange, and its {n} local authority "
           f"district{'s' if n != 1 else ''}{listed}. Neighbouring districts within "
           f"{ring_metres / 1000:.0f} km are shown in grey.")
    return fig, alt


def _x_positions(periods: Sequence[str]) -> list[float]:
    """Years of the periods (first four-digit year), or their order when a year is missing."""
    years = [re.search(r"(\d{4})", str(p)) for p in periods]
    if all(years) and len({int(y.group(1)) for y in years}) == len(years):
        return [float(y.group(1)) for y in years]
    return [float(i) for i in range(len(periods))]


def _polyline(xs: Sequence[float], ys: Sequence[float], box: tuple) -> str:
    x0, x1, y0, y1, width, height, pad = box
    sx = (width - 2 * pad) / (x1 - x0) if x1 > x0 else 0.0
    sy = (height - 2 * pad) / (y1 - y0) if y1 > y0 else 0.0
    return " ".join(f"{pad + (x - x0) * sx:.1f},{height - pad - (y - y0) * sy:.1f}"
                    for x, y in zip(xs, ys, strict=True))


def sparkline_svg(points: Sequence[tuple[str, float]], label: str,
                  benchmark: Sequence[tuple[str, float]] = (), *, width: int = 112,
                  height: int = 30) -> str:
    """A small trend line as inline SVG: the area in dark blue, a benchmark in grey.

    The first and last points of the area are marked. Periods are placed by year when each
    has a distinct year, else evenly. The benchmark is drawn only over the area's periods.

    Parameters
    ----------
    points : sequence of (str, float)
        The area's series, oldest first (period, value).
    label : str
        What the line shows, for the ``<title>`` and ``aria-label`` (escaped here).
    benchmark : sequence of (str, float)
        The benchmark's values in some of the same periods.
    width, height : int
        Size in pixels.

    Returns
    -------
    str
        ``<svg>`` text; a short text saying there is no trend when fewer than two points.

    Examples
    --------
    >>> svg = sparkline_svg([("2019", 1.0), ("2023", 2.0)], "Rate <2019 to 2023>")
    >>> svg.startswith("<svg") and 'aria-label="Rate &lt;2019 to 2023&gt;"' in svg
    True
    >>> sparkline_svg([("2023", 2.0)], "Rate")
    '<span class="lis-no-trend">one period only</span>'
    """
    if len(points) < 2:
        return '<span class="lis-no-trend">one period only</span>'
    periods = [p for p, _ in points]
    xs = _x_positions(periods)
    ys = [float(v) for _, v in points]
    position = dict(zip(periods, xs, strict=True))
    bench = [(position[p], float(v)) for p, v in benchmark if p in position]
    all_y = ys + [v for _, v in bench]
    pad = 3.0
    box = (min(xs), max(xs), min(all_y), max(all_y), width, height, pad)
    text = html.escape(label)
    parts = [f'<svg class="lis-sparkline" xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{text}"><title>{text}</title>']
    if len(bench) >= 2:
        bench_x, bench_y = [x for x, _ in bench], [y for _, y in bench]
        parts.append(f'<polyline fill="none" stroke="#8A8A8A" stroke-width="1.2" '
                     f'stroke-dasharray="3 2" points="{_polyline(bench_x, bench_y, box)}"/>')
    line = _polyline(xs, ys, box)
    parts.append(f'<polyline fill="none" stroke="{AF_DARK_BLUE}" stroke-width="1.8" '
                 f'points="{line}"/>')
    for point in (line.split(" ")[0], line.split(" ")[-1]):
        x, y = point.split(",")
        parts.append(f'<circle cx="{x}" cy="{y}" r="2.2" fill="{AF_DARK_BLUE}"/>')
    parts.append("</svg>")
    return "".join(parts)
