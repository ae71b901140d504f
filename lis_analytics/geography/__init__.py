"""Areas (named sets of local authority districts), code bridging and aggregation.

An :class:`Area` is a named set of LADs at one boundary vintage (LAD December 2023, the
vintage of the ONS productivity and regional GVA releases), with a type: ``LEP`` (the 38
LEPs of 2021; the seven LADs that sat in two LEPs belong to both), ``CA`` (Combined
Authorities and combined county authorities in the latest lookup), ``SA`` (the six
proposed strategic authorities of the Devolution Priority Programme, declared in
``config/strategic_authorities.yaml``), ``RGN`` (English regions), ``CTRY`` (England), ``LAD``
and ``CUSTOM`` (declared in YAML).

- :mod:`.area`: the one :class:`Area` type;
- :mod:`.bridge`: LAD codes of any vintage onto LAD 2023 building blocks
  (:func:`bridge_code`, :func:`bridge_codes`, :func:`bridge_counts`);
- :mod:`.catalogue`: every official and custom area (:func:`get_area`, :func:`all_areas`);
- :mod:`.itl`: ITL (January 2025) areas of districts and areas (:func:`itl25_of_districts`,
  :func:`itl25_of_area`);
- :mod:`.aggregate`: sums, the one ratio of sums (:func:`ratio_of_sums`,
  :func:`ratio_of_sums_table`) and the one district-to-area membership matrix
  (:func:`membership_matrix`).

Examples
--------
>>> a = Area("X1", "Example", "CUSTOM", ("E08000001", "E08000002"))
>>> ratio_of_sums(pd.Series({"E08000001": 10.0, "E08000002": 30.0}),
...               pd.Series({"E08000001": 1.0, "E08000002": 1.0}), a)
(20.0, ())
"""

import pandas as pd  # noqa: F401  (the example above)

from lis_analytics.geography.aggregate import (
    AreaSum,
    RatioOfSums,
    membership_matrix,
    ratio_of_sums,
    ratio_of_sums_table,
    sum_over_area,
)
from lis_analytics.geography.area import AREA_TYPES, AREAS_FILE_ENV, CANONICAL_VINTAGE, Area
from lis_analytics.geography.bridge import (
    bridge_code,
    bridge_codes,
    bridge_counts,
    bridge_flows,
    canonical_lads,
)
from lis_analytics.geography.catalogue import (
    REGION_SHARE_FOR_BENCHMARK,
    OldAreaCodeWarning,
    all_areas,
    areas_table,
    get_area,
    lad_to_area_lookup,
    load_custom_areas,
)
from lis_analytics.geography.itl import ITL_LEVELS, itl25_of_area, itl25_of_districts
from lis_analytics.geography.kinds import KIND_CHOICES, Kind, resolve_kind
from lis_analytics.geography.strategic import (
    combined_county_codes,
    programme_area_councils,
    strategic_authority_areas,
)

__all__ = [
    "ITL_LEVELS",
    "itl25_of_area",
    "itl25_of_districts",
    "AREAS_FILE_ENV",
    "AREA_TYPES",
    "CANONICAL_VINTAGE",
    "REGION_SHARE_FOR_BENCHMARK",
    "Area",
    "OldAreaCodeWarning",
    "AreaSum",
    "KIND_CHOICES",
    "Kind",
    "combined_county_codes",
    "programme_area_councils",
    "resolve_kind",
    "strategic_authority_areas",
    "RatioOfSums",
    "all_areas",
    "areas_table",
    "bridge_code",
    "bridge_codes",
    "bridge_counts",
    "bridge_flows",
    "canonical_lads",
    "get_area",
    "lad_to_area_lookup",
    "load_custom_areas",
    "membership_matrix",
    "ratio_of_sums",
    "ratio_of_sums_table",
    "sum_over_area",
]
