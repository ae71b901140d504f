"""Chart recipes: the Analysis Function style and helpers, and one module of charts per chapter.

Every chart states its finding in the title, gives measure, geography and period in the
subtitle, names its source in words, and carries alt text into the HTML export.

Examples
--------
>>> from lis_analytics.present import charts
>>> fig, ax = charts.new_chart("A finding", "Measure, area, 2022")
>>> "A finding</text>" in charts.figure_svg(fig)
True
"""

from lis_analytics.present.charts.base import (
    AF_COLOURS,
    AF_DARK_BLUE,
    AF_GREY,
    AF_LIGHT_GREY,
    AF_LILAC,
    AF_ORANGE,
    AF_PLUM,
    AF_TURQUOISE,
    SVG_RC,
    add_source,
    figure_svg,
    label_line_ends,
    new_chart,
    possessive,
    show,
    spread_labels,
    use_style,
)

__all__ = [
    "AF_COLOURS",
    "AF_DARK_BLUE",
    "AF_GREY",
    "AF_LIGHT_GREY",
    "AF_LILAC",
    "AF_ORANGE",
    "AF_PLUM",
    "AF_TURQUOISE",
    "SVG_RC",
    "add_source",
    "figure_svg",
    "label_line_ends",
    "new_chart",
    "possessive",
    "show",
    "spread_labels",
    "use_style",
]
