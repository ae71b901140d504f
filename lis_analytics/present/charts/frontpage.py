"""Charts of the front page that compares places: small-multiple maps and ranked dot charts.

Each recipe takes plain tables (the front page reads them from the packs' ``figures.csv``
and ``monitoring_baseline.csv``) and returns the figure and its alt text, in the style of
:mod:`lis_analytics.present.charts.base`: the title states what is shown, the subtitle the
measure, peer group, direction of the ranking and period, the source line is in words.

- :func:`area_shapes` dissolves district boundaries into areas (LEPs overlap, so each group
  of areas is drawn in its own panel);
- :func:`rank_fifth` puts a rank into fifths of its peer group (the map classes);
- :func:`choropleth_grid` draws one small map per indicator for one peer group;
- :func:`ranked_dot_chart` draws an indicator's values ranked within each peer group, with
  the benchmark marked.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
import shapely
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.path import Path as MplPath

from lis_analytics.present.charts.base import (
    AF_DARK_BLUE,
    AF_GREY,
    AF_LIGHT_GREY,
    AF_ORANGE,
    add_source,
    new_chart,
)
from lis_analytics.present.text.words import ordinal

__all__ = [
    "FIFTH_COLOURS",
    "FIFTH_LABELS",
    "IS8_BANDS",
    "MapPanel",
    "area_shapes",
    "best_fifth_counts",
    "choropleth_grid",
    "geometry_path",
    "drop_specks",
    "is8_cell",
    "rank_fifth",
    "ranked_dot_chart",
    "round_path_coordinates",
    "unit_words",
]

FIFTH_COLOURS: tuple[str, ...] = ("#12436D", "#4A6F93", "#8199B6", "#B6C5D6", "#E3E9F0")
"""Map classes from the best fifth of the peer group (darkest, the Analysis Function dark
blue) to the lowest fifth (palest): one hue, so the order reads without colour vision."""

FIFTH_LABELS: tuple[str, ...] = ("best fifth", "second fifth", "middle fifth", "fourth fifth",
                                 "lowest fifth")
"""Legend words of :data:`FIFTH_COLOURS`, in the same order."""

NO_FIGURE_COLOUR = "#FFFFFF"
"""Areas with no figure (or one from another period): white with a grey hatch."""

MAP_SIMPLIFY_METRES = 1500.0
"""Tolerance of the simplified area outlines on the small maps (a map panel is about 3 inches
for 600 km, so one printed point is about 3 km); keeps the page small."""

MAP_MIN_PART_SQ_METRES = 10e6
"""Islands under 10 km² are left off the small maps (they would be under a point across)."""


def rank_fifth(rank: float, rank_of: float) -> int | None:
    """Which fifth of its peer group a rank falls in: 0 = best fifth ... 4 = lowest fifth.

    Ranks run from 1 (best) to ``rank_of``; ``None`` for an unranked area.

    Examples
    --------
    >>> [rank_fifth(r, 10) for r in (1, 2, 3, 5, 7, 10)]
    [0, 0, 1, 2, 3, 4]
    >>> rank_fifth(float("nan"), 10) is None
    True
    """
    if pd.isna(rank) or pd.isna(rank_of) or rank_of < 1:
        return None
    return min(4, int((float(rank) - 1) * 5 // float(rank_of)))


def area_shapes(boundaries: pd.DataFrame, members: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """Dissolve district boundaries into one shape per area.

    Parameters
    ----------
    boundaries : GeoDataFrame
        District boundaries with ``area_code`` and ``geometry`` (``boundaries_lad23``).
    members : mapping
        Area code -> its district codes (``get_area(code).lad_codes``). Districts missing
        from ``boundaries`` are skipped; an area with none is left out.

    Returns
    -------
    GeoDataFrame
        ``area_code`` and ``geometry``, one row per area, in the order of ``members``.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> lads = gpd.GeoDataFrame({"area_code": ["A", "B"]},
    ...                         geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)])
    >>> area_shapes(lads, {"X": ["A", "B"], "Y": ["Z"]}).area.round(3).tolist()
    [2.0]
    """
    import geopandas as gpd

    by_code = boundaries.set_index("area_code").geometry
    rows, geoms = [], []
    for code, lads in members.items():
        parts = [by_code[c] for c in lads if c in by_code.index]
        if parts:
            rows.append(code)
            geoms.append(shapely.union_all(parts))
    return gpd.GeoDataFrame({"area_code": rows}, geometry=geoms, crs=boundaries.crs)


def drop_specks(geom, min_area: float):
    """A (multi)polygon without the parts smaller than ``min_area`` (islands too small to see).

    The largest part is always kept.

    Examples
    --------
    >>> from shapely.geometry import MultiPolygon, box
    >>> drop_specks(MultiPolygon([box(0, 0, 10, 10), box(20, 20, 21, 21)]), 5).area
    100.0
    """
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    if len(parts) <= 1:
        return geom
    kept = [p for p in parts if p.area >= min_area] or [max(parts, key=lambda p: p.area)]
    return shapely.MultiPolygon(kept) if len(kept) > 1 else kept[0]


_PATH_NUMBER = re.compile(r"(-?\d+\.\d)\d+")
_PATH_DATA = re.compile(r'( d=")([^"]*)(")')


def round_path_coordinates(svg: str) -> str:
    """Round the coordinates of an SVG's paths to 0.1 point (a third of the page size of a map).

    Matplotlib writes six decimals; a tenth of a point is far below what a screen or printer
    shows.

    Examples
    --------
    >>> round_path_coordinates('<path d="M 1.234567 -2.345678 L 3 4"/>')
    '<path d="M 1.2 -2.3 L 3 4"/>'
    """
    return _PATH_DATA.sub(lambda m: m.group(1) + _PATH_NUMBER.sub(r"\1", m.group(2))
                          + m.group(3), svg)


def geometry_path(geom) -> MplPath:
    """A matplotlib path of a (multi)polygon, holes included (drawn with the even-odd rule).

    Drawing paths in one collection is many times faster than ``GeoSeries.plot``.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> geometry_path(box(0, 0, 1, 1)).vertices.shape
    (5, 2)
    """
    verts, codes = [], []
    for poly in shapely.get_parts(geom):
        if poly.is_empty or poly.geom_type != "Polygon":
            continue
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)[:, :2]
            verts.append(xy)
            ring_codes = np.full(len(xy), MplPath.LINETO, dtype=np.uint8)
            ring_codes[0], ring_codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            codes.append(ring_codes)
    if not verts:
        return MplPath(np.zeros((1, 2)), [MplPath.MOVETO])
    return MplPath(np.concatenate(verts), np.concatenate(codes))


@dataclass(frozen=True)
class MapPanel:
    """One small map: a title and the map class (:func:`rank_fifth`) of each area code."""

    title: str
    fifths: Mapping[str, int | None]


def best_fifth_counts(panels: Sequence[MapPanel]) -> pd.Series:
    """How many panels have each area in the best fifth, most first (ties by code).

    Examples
    --------
    >>> p = [MapPanel("a", {"X": 0, "Y": 1}), MapPanel("b", {"X": 0, "Y": 0, "Z": None})]
    >>> best_fifth_counts(p).to_dict()
    {'X': 2, 'Y': 1, 'Z': 0}
    """
    codes = sorted({c for p in panels for c in p.fifths})
    counts = pd.Series({c: sum(p.fifths.get(c) == 0 for p in panels) for c in codes},
                       dtype=int)
    return counts.sort_values(ascending=False, kind="stable")


def _fill(ax, paths: Sequence[MplPath], colours: Sequence[str], *, edge: str = "white",
          width: float = 0.35, hatch: str | None = None) -> None:
    coll = PathCollection(list(paths), facecolors=list(colours), edgecolors=edge,
                          linewidths=width)
    if hatch:
        coll.set_hatch(hatch)
    ax.add_collection(coll)


def choropleth_grid(shapes: pd.DataFrame, panels: Sequence[MapPanel], *, title: str,
                    subtitle: str, source: str, group_words: str,
                    background=None, ncols: int = 3) -> tuple[Figure, str]:
    """Small-multiple maps of one peer group: one panel per indicator, areas shaded by fifth.

    Parameters
    ----------
    shapes : GeoDataFrame
        ``area_code`` and ``geometry`` of the peer group's areas (:func:`area_shapes`).
    panels : sequence of MapPanel
        One per indicator: its title (measure and period) and each area's fifth.
    title, subtitle, source
        Chart title (the finding), subtitle (measure, peer group, period) and source line.
    group_words : str
        The peer group in words for the alt text ("38 LEPs").
    background : shapely geometry, optional
        Drawn in pale grey behind the areas (England), for areas that do not cover it all.
    ncols : int
        Panels per row.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> s = gpd.GeoDataFrame({"area_code": ["A", "B"]}, geometry=[box(0, 0, 1, 1),
    ...                      box(1, 0, 2, 1)])
    >>> fig, alt = choropleth_grid(s, [MapPanel("Rate, 2023", {"A": 0, "B": 4})],
    ...                            title="T", subtitle="S", source="Src", group_words="2 LEPs")
    >>> alt.startswith("T. Small maps of 2 LEPs")
    True
    """
    n = max(1, len(panels))
    ncols = min(ncols, n)
    nrows = int(np.ceil(n / ncols))
    fig, axes = new_chart(title, subtitle, figsize=(3.3 * ncols + 0.4, 3.55 * nrows + 1.9),
                          nrows=nrows, ncols=ncols)
    axes = np.atleast_1d(axes).ravel()
    paths = {code: geometry_path(g) for code, g in zip(shapes["area_code"], shapes.geometry,
                                                        strict=True)}
    bounds = shapes.total_bounds if len(shapes) else np.array([0, 0, 1, 1])
    if background is not None:
        bounds = np.array(background.bounds)
    pad_x, pad_y = (bounds[2] - bounds[0]) * 0.02, (bounds[3] - bounds[1]) * 0.02
    background_path = geometry_path(background) if background is not None else None
    for ax, panel in zip(axes, panels, strict=False):
        if background_path is not None:
            _fill(ax, [background_path], ["#F3F2F1"], edge=AF_LIGHT_GREY, width=0.3)
        known = [c for c in paths if panel.fifths.get(c) is not None]
        missing = [c for c in paths if panel.fifths.get(c) is None]
        if missing:
            _fill(ax, [paths[c] for c in missing], [NO_FIGURE_COLOUR] * len(missing),
                  edge=AF_GREY, width=0.3, hatch="////")
        _fill(ax, [paths[c] for c in known],
              [FIFTH_COLOURS[int(panel.fifths[c])] for c in known], edge="white", width=0.45)
        ax.set_xlim(bounds[0] - pad_x, bounds[2] + pad_x)
        ax.set_ylim(bounds[1] - pad_y, bounds[3] + pad_y)
        ax.set_aspect("equal")
        ax.set_axis_off()
        ax.set_title("\n".join(textwrap.wrap(panel.title, 36)), fontsize=9.5, loc="left")
    for ax in axes[len(panels):]:
        ax.set_axis_off()
    handles = [Patch(facecolor=c, edgecolor=AF_GREY, linewidth=0.4, label=lab)
               for c, lab in zip(FIFTH_COLOURS, FIFTH_LABELS, strict=True)]
    handles.append(Patch(facecolor=NO_FIGURE_COLOUR, edgecolor=AF_GREY, hatch="////",
                         linewidth=0.4, label="no figure for the common period"))
    fig.legend(handles=handles, loc="lower center", ncol=3, frameon=False, fontsize=9,
               bbox_to_anchor=(0.5, 0.045))
    fig.subplots_adjust(bottom=1.05 / fig.get_figheight(), left=0.02, right=0.98,
                        wspace=0.05, hspace=0.25)
    add_source(fig, source)
    alt = (f"{title}. Small maps of {group_words}, one per headline indicator, each area "
           "shaded by the fifth of its peer group it falls in (darkest = best fifth). "
           + " ".join(f"{p.title}: {sum(v == 0 for v in p.fifths.values())} in the best fifth, "
                      f"{sum(v == 4 for v in p.fifths.values())} in the lowest fifth."
                      for p in panels))
    return fig, alt


def ranked_dot_chart(groups: Sequence[tuple[str, pd.DataFrame]], *, title: str, subtitle: str,
                     value_label: str, benchmark: tuple[float, str] | None, source: str,
                     value_format: str = "{:,.1f}",
                     unranked: pd.DataFrame | None = None) -> tuple[Figure, str]:
    """Dots of one indicator, ranked within each peer group, with the benchmark marked.

    Parameters
    ----------
    groups : sequence of (str, DataFrame)
        ``(peer group heading, table)``; each table has ``label`` ("Name (LEP)"), ``value``
        and ``rank`` (1 = best), already in rank order. One panel per group.
    title, subtitle
        The title names what is ranked and the direction; the subtitle the measure, unit
        and period.
    value_label : str
        Axis label (measure and unit).
    benchmark : (float, str) or None
        Value and words of the benchmark line ("England 76.0%").
    source : str
        Source line in words.
    value_format : str
        Format of the values in the alt text.
    unranked : DataFrame, optional
        ``label`` and ``value`` of areas shown for comparison but not ranked (custom areas,
        districts), drawn as hollow dots in their own panel.

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["B (LEP)", "A (LEP)"], "value": [2.0, 1.0], "rank": [1, 2]})
    >>> fig, alt = ranked_dot_chart([("LEPs", t)], title="T", subtitle="S", value_label="x",
    ...                             benchmark=(1.5, "England 1.5"), source="Src")
    >>> "1st B (LEP) 2.0" in alt
    True
    """
    panels = [(h, t) for h, t in groups if len(t)]
    if unranked is not None and len(unranked):
        panels.append(("Not ranked (shown for comparison)", unranked))
    rows = [len(t) for _, t in panels] or [1]
    left_rows = rows[0]
    right_rows = sum(rows[1:]) + 1.5 * max(0, len(rows) - 2)
    height = 0.17 * max(left_rows, right_rows, 8) + 2.6
    two_columns = len(panels) > 1
    fig, _ = new_chart(title, subtitle, figsize=(11.0 if two_columns else 7.0, height))
    fig.axes[0].remove()
    grid = fig.add_gridspec(max(1, len(panels) - 1), 2 if two_columns else 1,
                            height_ratios=rows[1:] if len(panels) > 1 else None,
                            width_ratios=[1, 1] if two_columns else None)
    all_values = pd.concat([t["value"] for _, t in panels]) if panels else pd.Series([0.0])
    low, high = float(np.nanmin(all_values)), float(np.nanmax(all_values))
    if benchmark is not None:
        low, high = min(low, benchmark[0]), max(high, benchmark[0])
    span = (high - low) or abs(high) or 1.0
    xlim = (low - span * 0.06, high + span * 0.06)
    alt_parts = []
    for i, (heading, table) in enumerate(panels):
        ax = fig.add_subplot(grid[:, 0] if i == 0 or not two_columns else grid[i - 1, 1])
        y = np.arange(len(table))[::-1]
        ranked = "rank" in table and table["rank"].notna().any()
        labels = [f"{int(r.rank)}  {r.label}" if ranked and pd.notna(r.rank) else str(r.label)
                  for r in table.itertuples()]
        ax.hlines(y, xlim[0], table["value"], color="#E5E5E5", lw=0.8, zorder=1)
        if ranked:
            ax.scatter(table["value"], y, s=28, color=AF_DARK_BLUE, zorder=3)
        else:
            ax.scatter(table["value"], y, s=28, facecolors="white", edgecolors=AF_DARK_BLUE,
                       linewidths=1.2, zorder=3)
        if benchmark is not None:
            ax.axvline(benchmark[0], color=AF_ORANGE, lw=1.6, zorder=2)
            ax.annotate(benchmark[1], (benchmark[0], len(table) - 0.4), xytext=(3, 0),
                        textcoords="offset points", color="#B2461A", fontsize=8.5,
                        va="bottom", annotation_clip=False)
        ax.set_yticks([])  # labels as plain text: several times faster than tick labels
        side = ax.get_yaxis_transform()
        for yy, text in zip(y, labels, strict=True):
            ax.text(-0.015, yy, text, transform=side, ha="right", va="center", fontsize=8)
        ax.set_ylim(-0.7, len(table) - 0.1 + (0.9 if benchmark is not None else 0))
        ax.set_xlim(*xlim)
        ax.grid(axis="y", visible=False)
        ax.tick_params(axis="x", labelsize=8)
        ax.xaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}" if span >= 5
                                                                else "{x:,.1f}"))
        ax.set_title(heading, fontsize=10, loc="left", fontweight="bold")
        if i == 0 or i == len(panels) - 1:
            ax.set_xlabel(value_label, fontsize=8.5)
        items = "; ".join(
            (f"{'' if not ranked or pd.isna(r.rank) else ordinal(int(r.rank)) + ' '}"
             f"{r.label} {value_format.format(r.value)}") for r in table.itertuples())
        alt_parts.append(f"{heading}: {items}.")
    fig.subplots_adjust(left=0.25 if two_columns else 0.42, right=0.985, wspace=0.95,
                        hspace=0.55, bottom=0.75 / height)
    add_source(fig, source)
    bench = f" The line marks {benchmark[1]}." if benchmark is not None else ""
    alt = f"Dot chart. {title}. {subtitle}.{bench} " + " ".join(alt_parts)
    return fig, alt


def format_value(value: float, unit: str, decimals: int = 1) -> str:
    """A figure with its unit, for tables ("£39.88", "71.9%", "[x]" when missing).

    Examples
    --------
    >>> format_value(39.876, "GBP per hour worked", 2), format_value(71.94, "%")
    ('£39.88', '71.9%')
    >>> format_value(66402.0, "£ per job", 0), format_value(float("nan"), "%")
    ('£66,402', '[x]')
    """
    if value is None or pd.isna(value):
        return "[x]"
    unit = str(unit)
    if unit.startswith("GBP million"):
        return f"-£{abs(value):,.0f}m" if value < 0 else f"£{value:,.0f}m"
    if unit.startswith(("GBP", "£")):
        return f"-£{abs(value):,.{decimals}f}" if value < 0 else f"£{value:,.{decimals}f}"
    if unit.startswith(("%", "per cent", "percent")):
        return f"{value:,.{decimals}f}%"
    return f"{value:,.{decimals}f}"


def unit_words(unit: str) -> str:
    """A unit for axis labels and headers: "GBP" as "£", "%" as "per cent".

    Examples
    --------
    >>> unit_words("GBP per hour worked"), unit_words("%")
    ('£ per hour worked', 'per cent')
    """
    unit = str(unit).replace("GBP", "£")
    return "per cent" if unit == "%" else unit


def inline_svg(svg: str, alt: str) -> str:
    """An SVG chart inlined in the page as an image with its alt text.

    Inline (not an ``<img>`` data URI) so that a reader's "find in page" finds area names in
    the charts, and a third smaller; ``role="img"`` with ``aria-label`` and ``<title>`` give
    screen readers the alt text.

    Examples
    --------
    >>> out = inline_svg('<?xml version="1.0"?><svg width="1pt"><g/></svg>', 'A "b" & c')
    >>> out.startswith('<svg width="1pt" role="img" aria-label="A &quot;b&quot; &amp; c"')
    True
    """
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    label = html.escape(alt, quote=True)
    return re.sub(r"<svg\b([^>]*)>",
                  lambda m: (f"<svg{m.group(1)} role=\"img\" aria-label=\"{label}\" "
                             f"class=\"lis-chart\"><title>{html.escape(alt)}</title>"),
                  svg, count=1)


def map_title(counts: pd.Series, names: Mapping[str, str], words: str, n_panels: int) -> str:
    """The maps' finding: the areas most often in the best fifth of their peer group.

    Examples
    --------
    >>> counts = pd.Series({"A": 5, "B": 3, "C": 3, "D": 1})
    >>> map_title(counts, {"A": "Alpha"}, "LEPs", 9)
    'Most often in the best fifth of the LEPs: Alpha (5 of 9), B (3 of 9) and C (3 of 9)'
    >>> map_title(pd.Series({"A": 2, "B": 0, "C": 0}), {}, "LEPs", 2)
    'Most often in the best fifth of the LEPs: A (2 of 2)'
    """
    if counts.empty or counts.iloc[0] == 0:
        return f"The {words} on the headline indicators"
    top = counts[(counts >= counts.iloc[min(2, len(counts) - 1)]) & (counts > 0)]
    if len(top) > 4:
        top = counts[counts == counts.iloc[0]].iloc[:4]
    listed = [f"{names.get(c, c)} ({n} of {n_panels})" for c, n in top.items()]
    joined = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
    return f"Most often in the best fifth of the {words}: {joined}"

def england_outline(boundaries: pd.DataFrame):
    """England's outline (its districts dissolved), simplified for the small maps."""
    england = boundaries[boundaries["area_code"].astype(str).str.startswith("E")]
    return drop_specks(england.geometry.union_all().simplify(MAP_SIMPLIFY_METRES),
                       MAP_MIN_PART_SQ_METRES)


def peer_group_maps(boundaries: pd.DataFrame, members: Mapping[str, Sequence[str]],
                    panels: Sequence[MapPanel], *, words: str, names: Mapping[str, str],
                    overlapping: bool, background=None) -> tuple[Figure, str]:
    """The small maps of one peer group, with the finding as the title.

    Parameters
    ----------
    boundaries : GeoDataFrame
        ``boundaries_lad23``.
    members : mapping
        Area code -> district codes, for the areas of the peer group.
    panels : sequence of MapPanel
        One per indicator.
    words : str
        The peer group in words ("LEPs").
    names : mapping
        Area code -> name, for the title.
    overlapping : bool
        Whether areas of the group overlap (LEPs): the subtitle says how that is drawn.
    background : shapely geometry, optional
        England (:func:`england_outline`).
    """
    shapes = area_shapes(boundaries, members)
    shapes["geometry"] = [drop_specks(g, MAP_MIN_PART_SQ_METRES)
                          for g in shapes.geometry.simplify(MAP_SIMPLIFY_METRES)]
    overlap = (f" {words[:1].upper() + words[1:]} overlapped: a district in two of them shows "
               "the colour of one." if overlapping else " England's other districts in pale grey.")
    return choropleth_grid(
        shapes, panels, group_words=f"{len(shapes)} {words}", background=background,
        title=map_title(best_fifth_counts(panels), names, words, len(panels)),
        subtitle=(f"Each area shaded by the fifth of the {words} it falls in, darkest = best "
                  f"fifth (highest, or lowest where lower is better).{overlap}"),
        source=("Source: the packs' figures (see each dot chart for the statistics); LAD "
                "boundaries (December 2023), ONS Geography. Contains OS data © Crown "
                "copyright and database right 2024"))


def indicator_dot_chart(ranked: pd.DataFrame, peer_groups: Iterable[str], *, title: str,
                        short: str, unit: str, period: str, direction: str,
                        benchmark: tuple[float, str] | None, source: str,
                        decimals: int = 1, prices: str = "") -> tuple[Figure, str]:
    """The ranked dot chart of one headline indicator (:func:`ranked_dot_chart`).

    Parameters
    ----------
    ranked : DataFrame
        One indicator ranked within peer groups (``label``, ``value``, ``rank``,
        ``peer_group``, ``period``, ``not_ranked``), as
        :func:`lis_analytics.report.frontpage.rank_within_peer_groups` gives it.
    peer_groups : iterable of str
        The peer groups in words, one panel each ("LEPs", "combined authorities").
    title, short, unit, period
        The indicator's title and short name, unit and the period ranked.
    direction : str
        How the ranking runs, in words ("highest first").
    benchmark, source, decimals
        As :func:`ranked_dot_chart`; ``decimals`` of the values in the alt text.
    prices : str
        The price basis ("current prices"), said in the subtitle; '' where none applies.

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["A (LEP)", "B (custom)"], "value": [1.0, 2.0],
    ...                   "rank": [1, None], "peer_group": ["LEPs", ""], "period": ["2023"] * 2,
    ...                   "not_ranked": ["", "custom areas are shown for comparison, not ranked"]})
    >>> fig, alt = indicator_dot_chart(t, ["LEPs"], title="X", short="x", unit="%",
    ...     period="2023", direction="highest first", benchmark=None, source="S")
    >>> "LEPs (1), rank 1 = best: 1st A (LEP) 1.0" in alt and "B (custom) 2.0" in alt
    True
    """
    groups = [(f"{words} ({int((ranked['peer_group'] == words).sum())}), rank 1 = best",
               ranked[ranked["peer_group"] == words]) for words in peer_groups]
    shown = ranked["not_ranked"].str.endswith("not ranked") & ranked["value"].notna() & (
        ranked["period"].astype(str) == period)
    return ranked_dot_chart(
        groups, title=f"{title}: LEPs and combined authorities, {direction}",
        subtitle=(f"{unit_words(unit)[:1].upper()}{unit_words(unit)[1:]}, "
                  f"{prices + ', ' if prices else ''}{period}; each area "
                  "ranked among areas of its own kind; custom areas and districts shown, not "
                  "ranked"),
        value_label=f"{short[:1].upper()}{short[1:]}, {unit_words(unit)}",
        benchmark=benchmark, source=source, value_format=_value_format(unit, decimals),
        unranked=ranked[shown])


def _value_format(unit: str, decimals: int) -> str:
    """A format string for values with their unit sign ("£{:,.0f}", "{:,.1f}%")."""
    unit = str(unit)
    if unit.startswith(("GBP", "£")):
        return f"£{{:,.{decimals}f}}"
    if unit.startswith("%"):
        return f"{{:,.{decimals}f}}%"
    return f"{{:,.{decimals}f}}"


IS8_BANDS: tuple[tuple[float, str, str], ...] = (
    (1.25, "#12436D", "1.25 or more"), (1.0, "#8199B6", "1 to 1.25"),
    (0.8, "#E3E9F0", "0.8 to 1"), (0.0, "#FFFFFF", "below 0.8"))
"""Location quotient bands of the IS-8 table: lower limit, background and legend words."""


def is8_cell(lq: float, lq_upper: float, shown: str) -> tuple[str, str, str]:
    """Background, text colour and text of one IS-8 cell of the front page.

    An exact LQ is coloured by :data:`IS8_BANDS`; an LQ on divisions only partly in the sector
    (in brackets, ``(0.76)``) and a proxy sector's value are grey (no strength rests on them);
    a sector SIC cannot measure shows no value.

    Examples
    --------
    >>> is8_cell(1.31, 1.4, "value")
    ('#12436D', '#FFFFFF', '1.31')
    >>> is8_cell(float("nan"), 0.76, "proxy"), is8_cell(float("nan"), float("nan"),
    ...                                                  "not measurable")[2]
    (('#F3F2F1', '#505A5F', '(0.76)'), 'not measurable')
    """
    grey = ("#F3F2F1", "#505A5F")
    if shown == "not measurable":
        return (*grey, "not measurable")
    if shown in ("proxy", "upper") or not np.isfinite(lq):
        value = lq if np.isfinite(lq) else lq_upper
        if not np.isfinite(value):
            return (*grey, "–")
        return (*grey, f"{value:.2f}" if np.isfinite(lq) else f"({value:.2f})")
    for limit, colour, _ in IS8_BANDS:
        if lq >= limit:
            return colour, "#FFFFFF" if limit >= 1.25 else "#0B0C0C", f"{lq:.2f}"
    return IS8_BANDS[-1][1], "#0B0C0C", f"{lq:.2f}"
