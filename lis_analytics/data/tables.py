"""One way to get any table: a processed dataset or a derived all-area table.

Examples
--------
>>> from lis_analytics.data.tables import table_ids
>>> "productivity_lad" in table_ids() and "gva_lad_total" in table_ids()
True
"""

from __future__ import annotations

import difflib

import pandas as pd

from lis_analytics.data import derived, store
from lis_analytics.data.fetch import is_held, is_optional
from lis_analytics.data.registry import registry
from lis_analytics.errors import UnknownDatasetError


def table_ids() -> list[str]:
    """Every table :func:`load_table` serves: registered datasets, then derived tables."""
    return [*registry(), *derived.derived_tables()]


def load_table(table_id: str) -> pd.DataFrame:
    """Return a processed or derived table, building it first if it is missing or out of date.

    Parameters
    ----------
    table_id
        Registry id, e.g. ``"productivity_lad"``, ``"census2011_flows_msoa"``, or the id of
        a derived table (:mod:`lis_analytics.data.derived`), e.g. ``"gva_lad_total"``.

    Returns
    -------
    DataFrame
        The tidy table (see :mod:`lis_analytics.data.tidy`); boundaries come back as a
        GeoDataFrame in EPSG:27700. Each call returns a new frame: the caller may change it
        (add, replace or edit columns) without affecting later calls. Tables are read from
        disk once per process; under pandas copy-on-write the copy costs nothing until the
        caller writes to it.

    Examples
    --------
    >>> # needs the data
    >>> t = load_table("productivity_lad")
    >>> t["value"] = 0.0                      # the caller's own copy
    >>> bool((load_table("productivity_lad")["value"] == 0.0).all())
    False
    """
    if derived.is_derived(table_id):
        return derived.load_derived(table_id).copy(deep=False)
    if table_id not in registry():
        close = difflib.get_close_matches(table_id, table_ids(), n=3)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise UnknownDatasetError(f"Unknown table {table_id!r} (neither a registered dataset "
                                  f"nor a derived table).{hint}")
    return store.load_dataset(table_id).copy(deep=False)


def build(dataset_ids: list[str] | None = None, *, force: bool = False,
          progress: bool = False) -> pd.DataFrame:
    """Build the processed store and the derived tables.

    Parameters
    ----------
    dataset_ids
        Datasets or derived tables to build; default every dataset, then every derived table.
    force
        Rebuild even if inputs are unchanged.
    progress
        Show a tqdm progress bar.

    Returns
    -------
    DataFrame
        One row per table: ``dataset_id``, ``status`` (built / fresh, or "not held" for an
        optional source that is neither in the mirror nor downloaded: build it by naming it,
        after ``lis data fetch``), ``seconds``.
    """
    ids = list(dataset_ids) if dataset_ids else table_ids()
    iterator = ids
    if progress:
        from tqdm import tqdm

        iterator = tqdm(ids, desc="tables", unit="table")
    rows = []
    for table_id in iterator:
        if not dataset_ids and not derived.is_derived(table_id) and \
                is_optional(table_id) and not is_held(table_id):
            # an optional source this mirror does not hold: skipped until fetched
            # (`lis data fetch <id>`); indicators reading it say so
            rows.append({"dataset_id": table_id, "status": "not held", "seconds": 0.0})
            continue
        if derived.is_derived(table_id):
            status, seconds = derived.build_derived(table_id, force=force)
        else:
            status, seconds = store.build_one(table_id, force=force)
        rows.append({"dataset_id": table_id, "status": status, "seconds": round(seconds, 2)})
    return pd.DataFrame(rows)
