"""Commuting: flows, self-containment, travel-to-work areas and the fit of an area to them.

A module per method:

- :mod:`.flows`: flow tables, the special-destination policy, zone matrices, aggregation
  and bridging of LAD flows (:func:`validate_flows`, :class:`SpecialDestinationPolicy`,
  :func:`build_zone_flows`, :func:`aggregate_flows`, :func:`bridge_lad_flows`);
- :mod:`.self_containment`: one area's commuting summary and the totals of every area at
  once (:func:`area_commuting_summary`, :func:`area_commuting_totals`);
- :mod:`.ttwa`: travel-to-work areas by the ONS 2011 (Coombes and Bond) method
  (:func:`travel_to_work_areas`, :func:`x_equation_validity`);
- :mod:`.fema_fit`: how an area fits a set of TTWAs (:func:`fema_fit`,
  :func:`workers_in_mostly_inside_ttwas`);
- :mod:`.tables`: the pure builders of the commuting derived tables (``derived.yaml``) and
  readable TTWA names (:func:`ttwa_labels`).

Everything here is a pure function on tidy frames; only :func:`bridge_lad_flows` (and the
LAD-vintage bridging of :func:`area_commuting_summary`) reads the code look-ups, through
:mod:`lis_analytics.geography`.

Examples
--------
>>> flows = pd.DataFrame({"origin_code": ["A", "A", "B"], "destination_code": ["A", "B", "B"],
...                       "persons": [80, 20, 50]})
>>> round(float(area_commuting_summary(flows, ["A"]).totals["supply_side_sc"]), 2)
0.8
"""

import pandas as pd  # noqa: F401  (the example above)

from lis_analytics.commuting.fema_fit import (
    OUTSIDE_AREA_GROUP,
    FemaFit,
    fema_fit,
    workers_in_mostly_inside_ttwas,
)
from lis_analytics.commuting.flows import (
    FLOW_INPUT_COLUMNS,
    HANDLINGS,
    SPECIAL_CATEGORIES,
    SPECIAL_DESTINATION_CODES,
    UNMAPPED_GROUP,
    ZONE,
    SpecialDestinationPolicy,
    ZoneFlows,
    aggregate_flows,
    bridge_lad_flows,
    build_zone_flows,
    classify_destinations,
    is_zone_code,
    validate_flows,
)
from lis_analytics.commuting.self_containment import (
    OUTSIDE_ZONES_GROUP,
    TOTAL_COLUMNS,
    AreaCommutingSummary,
    area_commuting_summary,
    area_commuting_totals,
)
from lis_analytics.commuting.tables import ttwa_labels
from lis_analytics.commuting.ttwa import (
    MSOA_2011_AREAS,
    ONS_2011_TTWAS,
    TTWA_DEFAULTS,
    TTWAParameters,
    TTWAResult,
    membership_digest,
    travel_to_work_areas,
    ttwas_from_membership,
    ttwas_from_zone_flows,
    x_equation_validity,
)

__all__ = [
    "FLOW_INPUT_COLUMNS",
    "HANDLINGS",
    "MSOA_2011_AREAS",
    "ONS_2011_TTWAS",
    "OUTSIDE_AREA_GROUP",
    "OUTSIDE_ZONES_GROUP",
    "SPECIAL_CATEGORIES",
    "SPECIAL_DESTINATION_CODES",
    "TOTAL_COLUMNS",
    "TTWA_DEFAULTS",
    "UNMAPPED_GROUP",
    "ZONE",
    "AreaCommutingSummary",
    "FemaFit",
    "SpecialDestinationPolicy",
    "TTWAParameters",
    "TTWAResult",
    "ZoneFlows",
    "aggregate_flows",
    "area_commuting_summary",
    "area_commuting_totals",
    "bridge_lad_flows",
    "build_zone_flows",
    "classify_destinations",
    "fema_fit",
    "is_zone_code",
    "membership_digest",
    "travel_to_work_areas",
    "ttwa_labels",
    "ttwas_from_membership",
    "ttwas_from_zone_flows",
    "validate_flows",
    "workers_in_mostly_inside_ttwas",
    "x_equation_validity",
]
