"""lis-analytics: an open evidence base for Local Industrial Strategies.

The curated public API::

    import lis_analytics as la
    area = la.get_area("E37000015")          # Greater Manchester LEP
    prod = la.load_table("productivity_lad")  # tidy ONS subregional productivity
"""

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
    "get_area",
    "get_dataset",
    "load_table",
    "ratio_of_sums",
    "registry",
    "source_line",
    "sum_over_area",
]
