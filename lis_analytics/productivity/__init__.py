"""Labour productivity for Local Industrial Strategy areas.

Pure functions (no file access) that turn the tidy long tables of the data layer
(``productivity_lad``, ``productivity_itl``, ``productivity_ca``,
``gva_lad_industry``, ``population_lad``; see :mod:`lis_analytics.data.tidy`) into
the productivity evidence of a Local Industrial Strategy. A module per method:

* :mod:`~lis_analytics.productivity.levels`: levels of GVA per hour worked and per
  filled job for any area, aggregated from its local authority districts (LADs) as a
  **ratio of sums**, with an index (UK = 100) and a record of missing districts
  (:func:`aggregate_productivity`, :func:`aggregate_areas`, :func:`aggregate_each`), and
  ranks of published areas (:func:`rank_areas`);
* :mod:`~lis_analytics.productivity.growth`: real (chained-volume) productivity growth
  over standard windows (:func:`standard_windows`, :func:`cagr`, :func:`growth_table`,
  :func:`cvm_growth`, :func:`published_real_index`, :func:`real_productivity_lad`,
  :func:`real_productivity_each`) and
  the gap to the pre-2008 trend, the "productivity puzzle" at local scale
  (:func:`trend_gap`);
* :mod:`~lis_analytics.productivity.gap`: the productivity gap in pounds
  (:func:`productivity_gap_gbp`);
* :mod:`~lis_analytics.productivity.decomposition`: an exact decomposition of GVA per
  head (:func:`gva_per_head_inputs`, :func:`decompose_gva_per_head`);
* :mod:`~lis_analytics.productivity.variation`: variation between the districts of an
  area (:func:`lad_variation`).

Plain-English key findings are in :mod:`lis_analytics.present.findings.productivity`,
and the chapter's rules (benchmarks, windows, what is shown) in
:mod:`lis_analytics.chapters.productivity`.

Areas
-----
Every function taking an area accepts a geography :class:`~lis_analytics.geography.Area`
(as :func:`lis_analytics.get_area` returns: its ``lad_codes`` and ``name`` are used), a
single code (e.g. :data:`UK_CODE`, ``"UKX"``, the UK as published) or an iterable of codes.

Conventions
-----------
* ONS publishes hours worked **per week**. Annual hours are weekly hours x 52
  (:data:`WEEKS_PER_YEAR`), the convention ONS uses to turn annual GVA into GVA
  per hour worked. LAD annual GVA implied by the workbook is therefore
  ``gva_per_hour x hours_per_week x 52`` (or ``gva_per_job x filled_jobs``).
* "UK" means "UK less extra-regio", the ``UKX`` row of the ONS workbooks.
* Periods are text years (``"2022"``); growth rates are returned in percent a
  year in columns ending ``_pct``; :func:`cagr` itself returns a fraction.
* Missing values are never dropped silently: area figures carry the list of
  districts without data and a ``complete`` flag.

Examples
--------
>>> import lis_analytics.productivity as prod
>>> from lis_analytics.geography import Area
>>> t = prod.example_table()
>>> tees = Area("tees", "Tees", "CUSTOM", ("E06000001", "E06000002"))
>>> round(float(prod.aggregate_productivity(t, tees).loc["2022", "gva_per_hour_index"]), 1)
70.5
"""

from lis_analytics.productivity._common import (
    POST_CRISIS,
    PRE_CRISIS,
    UK_CODE,
    WEEKS_PER_YEAR,
    AreaLike,
    IncompleteDataError,
    ProductivityError,
    UnknownAreaError,
    UnknownMeasureError,
    example_table,
    to_tidy,
)
from lis_analytics.productivity.coverage import missing_growth_notes
from lis_analytics.productivity.decomposition import decompose_gva_per_head, gva_per_head_inputs
from lis_analytics.productivity.gap import productivity_gap_gbp
from lis_analytics.productivity.growth import (
    GrowthWindow,
    cagr,
    cvm_growth,
    growth_table,
    published_real_index,
    real_productivity_each,
    real_productivity_lad,
    standard_windows,
    trend_gap,
)
from lis_analytics.productivity.levels import (
    aggregate_areas,
    aggregate_each,
    aggregate_productivity,
    area_names,
    check_area_codes,
    implied_gva,
    lad_codes,
    pivot_measure,
    rank_areas,
)
from lis_analytics.productivity.variation import lad_variation

__all__ = [
    "POST_CRISIS",
    "PRE_CRISIS",
    "UK_CODE",
    "WEEKS_PER_YEAR",
    "AreaLike",
    "GrowthWindow",
    "IncompleteDataError",
    "ProductivityError",
    "UnknownAreaError",
    "UnknownMeasureError",
    "aggregate_areas",
    "aggregate_each",
    "aggregate_productivity",
    "area_names",
    "cagr",
    "check_area_codes",
    "cvm_growth",
    "decompose_gva_per_head",
    "example_table",
    "growth_table",
    "gva_per_head_inputs",
    "implied_gva",
    "lad_codes",
    "lad_variation",
    "pivot_measure",
    "productivity_gap_gbp",
    "published_real_index",
    "missing_growth_notes",
    "rank_areas",
    "real_productivity_each",
    "real_productivity_lad",
    "standard_windows",
    "to_tidy",
    "trend_gap",
]
