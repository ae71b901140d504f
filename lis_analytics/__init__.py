"""lis-analytics: an open evidence base for Local Industrial Strategies.

The one-call API: each function takes an :class:`Area`, a code or a name and returns a tidy
table whose columns its docstring documents::

    import lis_analytics as la
    la.productivity("Cumbria")                  # GVA per hour and per job, every year
    la.location_quotients("Wigan")              # industries against England
    la.shift_share("E37000015", 2012, 2022)     # national, industry-mix and local effects
    la.self_containment("Cumbria", year=2011)   # commuting kept inside the area
    la.ttwas(year=2011)                         # travel-to-work areas
    la.indicators("oxford_cambridge_arc")       # the five-foundations indicators
    la.comparators("E37000015")                 # statistical nearest neighbours
    la.get_area("E37000015")                    # Greater Manchester LEP and its districts
    la.load_table("productivity_lad")           # any processed or derived table

``la.productivity``, ``la.indicators`` and ``la.comparators`` are also the analysis modules
of those names (``from lis_analytics import productivity as prod`` still gives the module,
``prod.aggregate_productivity`` its functions); calling the module runs the one-call
function of :mod:`lis_analytics.api`.
"""

import sys
import types

import lis_analytics.comparators  # noqa: F401  (loaded before the API names rebind them)
import lis_analytics.indicators  # noqa: F401
import lis_analytics.productivity  # noqa: F401
from lis_analytics import api
from lis_analytics.api import location_quotients, self_containment, shift_share, ttwas
from lis_analytics.data import build as build_data
from lis_analytics.data import get_dataset, load_table, registry, source_line
from lis_analytics.errors import (
    AreaDefinitionError,
    ChecksumError,
    DataUnavailableError,
    LisError,
    SchemaError,
    SourceFormatError,
    UnknownAreaError,
    UnknownDatasetError,
)
from lis_analytics.geography import (
    Area,
    all_areas,
    areas_table,
    bridge_code,
    bridge_codes,
    bridge_counts,
    get_area,
    ratio_of_sums,
    sum_over_area,
)

__version__ = "0.1.0"


class _CallableModule(types.ModuleType):
    """An analysis module that is also its one-call API function (``la.productivity(area)``)."""

    def __call__(self, *args, **kwargs):
        return self.__api_function__(*args, **kwargs)


def _make_callable(name: str) -> None:
    module = sys.modules[f"{__name__}.{name}"]
    function = getattr(api, name)
    module.__class__ = _CallableModule
    module.__api_function__ = function  # help(la.api.productivity) documents the call


for _name in ("productivity", "indicators", "comparators"):
    _make_callable(_name)
productivity = sys.modules[f"{__name__}.productivity"]
indicators = sys.modules[f"{__name__}.indicators"]
comparators = sys.modules[f"{__name__}.comparators"]

__all__ = [
    "Area",
    "AreaDefinitionError",
    "ChecksumError",
    "DataUnavailableError",
    "LisError",
    "SchemaError",
    "SourceFormatError",
    "UnknownAreaError",
    "UnknownDatasetError",
    "all_areas",
    "areas_table",
    "bridge_code",
    "bridge_codes",
    "bridge_counts",
    "build_data",
    "comparators",
    "get_area",
    "get_dataset",
    "indicators",
    "load_table",
    "location_quotients",
    "productivity",
    "ratio_of_sums",
    "registry",
    "self_containment",
    "shift_share",
    "source_line",
    "sum_over_area",
    "ttwas",
]
