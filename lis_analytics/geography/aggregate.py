"""Aggregating district values to areas: sums and ratios of sums (never means of ratios)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from lis_analytics.geography.area import Area

# ------------------------------------------------------------------ aggregation


@dataclass(frozen=True)
class AreaSum:
    """Sum of a count over an area's LADs, with what was missing."""

    value: float
    n_lads: int
    missing_lads: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """True when every LAD of the area had a value."""
        return not self.missing_lads


def sum_over_area(values: pd.Series, area: Area | Iterable[str]) -> AreaSum:
    """Sum a LAD-indexed Series of counts over an area, reporting LADs with no value.

    A LAD without a value is never silently dropped: it is listed in ``missing_lads`` and
    the sum is marked incomplete.

    Examples
    --------
    >>> s = pd.Series({"A": 1.0, "B": 2.0, "C": float("nan")})
    >>> r = sum_over_area(s, ["A", "B", "C", "D"])
    >>> r.value, r.missing_lads, r.complete
    (3.0, ('C', 'D'), False)
    """
    lads = list(area.lad_codes if isinstance(area, Area) else area)
    sub = values.reindex(lads)
    missing = tuple(sub.index[sub.isna()])
    return AreaSum(float(sub.sum(min_count=1)) if sub.notna().any() else float("nan"),
                   len(lads), missing)


@dataclass(frozen=True)
class RatioOfSums:
    """Column-wise ratio of sums over the rows (districts) where both values are present.

    Attributes
    ----------
    numerator, denominator : Series
        Sums per column over the rows with both values.
    ratio : Series
        ``numerator / denominator``.
    n_present : Series
        Rows with both values, per column.
    missing : list of tuple of str
        Per column, the rows left out because a value was missing.
    """

    numerator: pd.Series
    denominator: pd.Series
    ratio: pd.Series
    n_present: pd.Series
    missing: list[tuple[str, ...]]


def ratio_of_sums_table(numerator: pd.DataFrame, denominator: pd.DataFrame) -> RatioOfSums:
    """Ratio of sums for every column of two aligned tables (rows: districts; columns: periods).

    The one implementation of the rule "an area's ratio is the sum of its numerators over
    the sum of its denominators": rows lacking either value are left out of both sums and
    listed as missing, never silently counted as zero.

    Parameters
    ----------
    numerator, denominator : DataFrame
        Same index (district codes) and columns (e.g. periods).

    Returns
    -------
    RatioOfSums

    Examples
    --------
    >>> num = pd.DataFrame({"2021": [10.0, 90.0, 5.0]}, index=["A", "B", "C"])
    >>> den = pd.DataFrame({"2021": [1.0, 9.0, None]}, index=["A", "B", "C"])
    >>> r = ratio_of_sums_table(num, den)
    >>> float(r.ratio["2021"]), r.missing
    (10.0, [('C',)])
    """
    ok = numerator.notna() & denominator.notna()
    num_sum = numerator.where(ok).sum(axis=0, min_count=1)
    den_sum = denominator.where(ok).sum(axis=0, min_count=1)
    ratio = num_sum / den_sum
    names = numerator.index.astype(str).to_numpy()
    absent = ~ok.to_numpy()
    missing = [tuple(names[absent[:, j]].tolist()) for j in range(absent.shape[1])]
    return RatioOfSums(num_sum, den_sum, ratio, ok.sum(axis=0), missing)


def ratio_of_sums(numerator: pd.Series, denominator: pd.Series,
                  area: Area | Iterable[str]) -> tuple[float, tuple[str, ...]]:
    """Area ratio as sum of numerators over sum of denominators (never a mean of ratios).

    LADs lacking either value are excluded from both sums and returned as missing.

    Examples
    --------
    >>> num = pd.Series({"A": 10.0, "B": 90.0})
    >>> den = pd.Series({"A": 1.0, "B": 9.0})
    >>> ratio_of_sums(num, den, ["A", "B"])
    (10.0, ())
    """
    lads = list(area.lad_codes if isinstance(area, Area) else area)
    result = ratio_of_sums_table(numerator.reindex(lads).to_frame("x"),
                                 denominator.reindex(lads).to_frame("x"))
    missing = result.missing[0]
    if not result.n_present["x"] or result.denominator["x"] == 0:
        return float("nan"), missing
    return float(result.ratio["x"]), missing


def membership_matrix(units: pd.Index, areas: Mapping[str, Iterable[str]]) -> sp.csc_matrix:
    """Sparse unit-by-area matrix: 1 where a unit (zone or district) belongs to an area.

    Units of an area that are not in ``units`` are ignored; a unit listed twice counts once.

    Parameters
    ----------
    units : Index
        The units (rows): district codes, or the zones of a
        :class:`lis_analytics.commuting.ZoneFlows`.
    areas : mapping of str to iterable of str
        Area code to its unit codes (columns, in the mapping's order).

    Returns
    -------
    scipy.sparse.csc_matrix
        ``len(units)`` x ``len(areas)``.

    Examples
    --------
    >>> m = membership_matrix(pd.Index(["A", "B", "C"]), {"AB": ["A", "B", "B"], "Q": ["Q"]})
    >>> m.toarray().tolist()
    [[1.0, 0.0], [1.0, 0.0], [0.0, 0.0]]
    """
    rows, cols = [], []
    for j, code in enumerate(areas):
        pos = units.get_indexer(pd.Index([str(c) for c in areas[code]], dtype=object))
        pos = np.unique(pos[pos >= 0])
        rows.append(pos)
        cols.append(np.full(len(pos), j, dtype=np.int64))
    row = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    col = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    return sp.csc_matrix((np.ones(len(row)), (row, col)), shape=(len(units), len(areas)))

