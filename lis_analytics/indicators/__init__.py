"""Indicators for areas: the framework, aggregation from districts, significance and ranks.

- :mod:`~lis_analytics.indicators.framework`: the indicator list (``config/indicators.yaml``)
  and each indicator's aggregation rule;
- :mod:`~lis_analytics.indicators.aggregate`: district figures to area figures for every
  area at once (:func:`compute_indicator`, :func:`compute_all`);
- :mod:`~lis_analytics.indicators.industries`: terms summed over a list of industries
  (shares of employment in a group of industries);
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
    membership,
    population_weights,
)
from lis_analytics.indicators.difference import difference
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
from lis_analytics.indicators.industries import industry_total
from lis_analytics.indicators.periods import (
    BASELINE_RULE,
    baseline_gap,
    baseline_period,
    closest_earlier_period,
    nearest_period,
    period_year,
    sort_periods,
    up_to,
)
from lis_analytics.indicators.ranks import DEFAULT_POOLS, add_ranks, position_among, rank_values
from lis_analytics.indicators.significance import (
    NOT_SURVEY,
    NOT_TESTED,
    Z95,
    Significance,
    change_against_benchmark,
    change_test,
    classify_change,
    pct_change,
    se_from_cv,
    se_from_interval,
    significant_difference,
    z_test,
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
    headline_coverage,
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
    "BASELINE_RULE",
    "DEFAULT_POOLS",
    "DIRECTIONS",
    "FOUNDATIONS",
    "LEVELS",
    "NOT_SURVEY",
    "NOT_TESTED",
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
    "baseline_gap",
    "baseline_period",
    "build_geo",
    "change_against_benchmark",
    "change_test",
    "classify_change",
    "closest_earlier_period",
    "compare_periods",
    "compute_all",
    "compute_indicator",
    "derived_inputs",
    "difference",
    "district_table",
    "for_areas",
    "has_value",
    "headline_coverage",
    "indicator_inputs",
    "indicator_values",
    "industry_total",
    "join_notes",
    "latest_row",
    "load_framework",
    "membership",
    "nearest_period",
    "parse_framework",
    "pct_change",
    "period_year",
    "periods_with_values",
    "population_weights",
    "position_among",
    "rank_values",
    "se_from_cv",
    "se_from_interval",
    "series_table",
    "significant_difference",
    "sort_periods",
    "tolerance",
    "up_to",
    "value_at",
    "z_test",
]
