"""Data layer: the dataset registry, fetching (web or offline mirror), parsers and the store.

Examples
--------
>>> from lis_analytics.data import get_dataset
>>> get_dataset("productivity_lad").release
'2025-06-26'
"""

from lis_analytics.data.fetch import fetch, is_held, is_optional, mirror_dir, sha256_of
from lis_analytics.data.registry import Dataset, SourceFile, get_dataset, registry, source_line
from lis_analytics.data.store import processed_dir, table_build
from lis_analytics.data.tables import build, load_table, table_ids

__all__ = [
    "Dataset",
    "SourceFile",
    "build",
    "fetch",
    "get_dataset",
    "is_held",
    "is_optional",
    "load_table",
    "mirror_dir",
    "processed_dir",
    "registry",
    "sha256_of",
    "source_line",
    "table_build",
    "table_ids",
]
