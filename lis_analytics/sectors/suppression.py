"""Suppressed cells: estimate them from the published totals above them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from lis_analytics.sectors._checks import _check_columns_partition, _describe_labels
from lis_analytics.sectors.sic import industry_code_divisions

__all__ = ["fill_suppressed"]


def fill_suppressed(
    table: pd.DataFrame,
    level_codes: Sequence[str],
    *,
    weights: pd.Series | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Estimate suppressed cells of one industry level from the published totals above them.

    ONS suppresses some district x industry cells of regional GVA (``[c]``) but publishes
    the totals above them (``Total``, ``A-E``, ``C (10-33)`` ...). For each area, working
    from the smallest published parent upwards, the part of the parent not accounted for by
    its known children is shared among its missing children in proportion to ``weights``
    (by default the benchmark size of each industry). The result adds up to every
    published parent; the split inside a parent is an estimate and is marked as such.

    Parameters
    ----------
    table
        Area x industry matrix for one period holding *every* published code (totals and
        aggregates as well as the level wanted); ``NaN`` marks a suppressed cell.
    level_codes
        Non-overlapping codes (columns of ``table``) to return, e.g. from
        :func:`select_industry_level`.
    weights
        Industry sizes used to split a residual, indexed by ``level_codes``. Default: the
        column sums over the areas with no missing level cell.

    Returns
    -------
    (DataFrame, DataFrame)
        The level matrix with estimates in place of suppressed cells (cells no published
        parent can pin down stay ``NaN``), and a boolean matrix, True where a value was
        estimated. A negative residual (published parts exceed the parent by rounding) is
        set to zero.

    Examples
    --------
    >>> table = pd.DataFrame(
    ...     {"Total": [100.0, 210.0], "A-E": [40.0, 90.0], "AB (1-9)": [None, 30.0],
    ...      "C (10-33)": [30.0, 50.0], "DE (35-39)": [None, 10.0], "G-T": [60.0, 120.0]},
    ...     index=["E1", "E2"])
    >>> filled, estimated = fill_suppressed(table, ["AB (1-9)", "C (10-33)", "DE (35-39)", "G-T"])
    >>> filled.loc["E1"].tolist(), estimated.loc["E1"].tolist()
    ([7.5, 30.0, 2.5, 60.0], [True, False, True, False])

    The 10 left of ``A-E`` after manufacturing is shared 3:1, as in the other area.
    """
    codes = [str(c) for c in level_codes]
    missing_cols = [c for c in codes if c not in table.columns]
    if missing_cols:
        raise ValueError(f"level code(s) {_describe_labels(missing_cols)} are not columns of table")
    _check_columns_partition(pd.Index(codes), "level_codes")
    values = table.apply(pd.to_numeric, errors="coerce").astype("float64")
    out = values[codes].copy()
    out.columns.name = "industry_code"
    estimated = pd.DataFrame(False, index=out.index, columns=out.columns)
    level_atoms = {c: industry_code_divisions(c) for c in codes}
    universe = frozenset().union(*level_atoms.values())
    parents = []
    for col in values.columns:
        if str(col) in codes:
            continue
        try:
            atoms = industry_code_divisions(str(col)) & universe
        except ValueError:
            continue
        inside = [c for c in codes if level_atoms[c] <= atoms]
        straddle = [c for c in codes if level_atoms[c] & atoms and not level_atoms[c] <= atoms]
        if inside and not straddle:
            parents.append((len(atoms), str(col), inside))
    parents.sort(key=lambda p: p[0])
    if weights is None:
        complete = out.notna().all(axis=1)
        w = out[complete].sum(axis=0) if complete.any() else pd.Series(1.0, index=codes)
    else:
        w = pd.Series(weights, dtype="float64").reindex(codes).fillna(0.0)
    for area in out.index[out.isna().any(axis=1)]:
        row = out.loc[area].copy()
        for _, parent, inside in parents:
            total = values.at[area, parent]
            gaps = [c for c in inside if np.isnan(row[c])]
            if np.isnan(total) or not gaps:
                continue
            residual = max(float(total - row[inside].sum(skipna=True)), 0.0)
            ww = w[gaps].clip(lower=0)
            share = ww / ww.sum() if ww.sum() > 0 else pd.Series(1.0 / len(gaps), index=gaps)
            row[gaps] = residual * share
            estimated.loc[area, gaps] = True
        out.loc[area] = row
    return out, estimated
