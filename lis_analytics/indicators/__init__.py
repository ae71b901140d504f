"""Indicators for areas: the framework, aggregation from districts, significance and ranks.

- :mod:`~lis_analytics.indicators.framework`: the indicator list (``config/indicators.yaml``)
  and each indicator's aggregation rule;
- :mod:`~lis_analytics.indicators.aggregate`: district figures to area figures for every
  area at once (:func:`compute_indicator`, :func:`compute_all`);
- :mod:`~lis_analytics.indicators.significance`: survey differences and changes;
- :mod:`~lis_analytics.indicators.ranks`: the one way to rank areas among their peers;
- :mod:`~lis_analytics.indicators.values` and :mod:`~lis_analytics.indicators.periods`:
  looking up computed values;
- :mod:`~lis_analytics.indicators.tables`: the all-area ``indicator_values`` derived table.

Everything is a pure function of tidy tables. Every indicator of every area is computed once
(the ``indicator_values`` derived table, ``la.load_table("indicator_values")``) and the
chapters read it.

Examples
--------
>>> from lis_analytics import indicators as ind
>>> ind.load_framework().get("nvq4plus_share").rule
'ratio of sums over districts'
>>> ind.classify_change(-1.2, "lower_is_better")
'improving'
"""

from lis_analytics.indicators.aggregate import (
    Geo,
    Inputs,
    compute_all,
    compute_indicator,
    difference,
    membership,
    population_weights,
)
from lis_analytics.indicators.framework import (
    AGGREGATIONS,
    DIRECTIONS,
    FOUNDATIONS,
    LEVELS,
    POPULATION_WEIGHTS,
    RESULT_COLUMNS,
    STATUSES,
    THEMES,
    Framework,
    Indicator,
    Term,
    load_framework,
    parse_framework,
)
from lis_analytics.indicators.periods import (
    baseline_period,
    nearest_period,
    period_year,
    sort_periods,
    up_to,
)
from lis_analytics.indicators.ranks import DEFAULT_POOLS, add_ranks, position_among, rank_values
from lis_analytics.indicators.significance import (
    Z95,
    Significance,
    classify_change,
    significant_difference,
)
from lis_analytics.indicators.tables import (
    AREA_TYPES,
    POPULATION_DATASETS,
    build_geo,
    derived_inputs,
    indicator_inputs,
    indicator_values,
)
from lis_analytics.indicators.values import (
    area_rows,
    compare_periods,
    district_table,
    for_areas,
    has_value,
    join_notes,
    latest_row,
    periods_with_values,
    series_table,
    tolerance,
    value_at,
)

__all__ = [
    "AGGREGATIONS",
    "AREA_TYPES",
    "DEFAULT_POOLS",
    "DIRECTIONS",
    "FOUNDATIONS",
    "LEVELS",
    "POPULATION_DATASETS",
    "POPULATION_WEIGHTS",
    "RESULT_COLUMNS",
    "STATUSES",
    "THEMES",
    "Z95",
    "Framework",
    "Geo",
    "Indicator",
    "Inputs",
    "Significance",
    "Term",
    "add_ranks",
    "area_rows",
    "baseline_period",
    "build_geo",
    "classify_change",
    "compare_periods",
    "compute_all",
    "compute_indicator",
    "derived_inputs",
    "difference",
    "district_table",
    "for_areas",
    "has_value",
    "indicator_inputs",
    "indicator_values",
    "join_notes",
    "latest_row",
    "load_framework",
    "membership",
    "nearest_period",
    "parse_framework",
    "period_year",
    "periods_with_values",
    "population_weights",
    "position_among",
    "rank_values",
    "series_table",
    "significant_difference",
    "sort_periods",
    "tolerance",
    "up_to",
    "value_at",
]
