"""Sector shares: each industry's share of an area's total."""

from __future__ import annotations

import pandas as pd

from lis_analytics.sectors._checks import _area_totals, _as_matrix

__all__ = ["sector_shares"]


def sector_shares(counts: pd.DataFrame, *, area_totals: pd.Series | None = None) -> pd.DataFrame:
    """Return each industry's share of its area's total: ``s_ir = E_ir / E_r``.

    Parameters
    ----------
    counts
        Area x industry matrix of an additive, non-negative quantity (jobs, hours,
        current-price GVA). Columns must not overlap (see :func:`select_industry_level`).
    area_totals
        Denominators ``E_r`` (a Series indexed by area). Default: the row sums, which
        requires every cell to be present. Pass the published totals when cells are
        suppressed; those cells then stay ``NaN`` and the row sums to less than 1.
        Totals smaller than the sum of the known cells (allowing 0.5 per cell for
        rounding in published tables) are rejected as a likely measure mix-up.

    Returns
    -------
    DataFrame
        Shares with the shape of ``counts``.

    Raises
    ------
    ValueError
        On negative values, missing cells without ``area_totals``, or a zero total (the
        message names the areas).

    Examples
    --------
    >>> counts = pd.DataFrame({"A": [20.0, 10.0], "C": [60.0, 10.0], "G": [20.0, 30.0]},
    ...                       index=["E1", "E2"])
    >>> sector_shares(counts)  # doctest: +NORMALIZE_WHITESPACE
    industry_code    A    C    G
    area_code
    E1             0.2  0.6  0.2
    E2             0.2  0.2  0.6
    """
    matrix = _as_matrix(counts, "counts")
    totals = _area_totals(matrix, area_totals, "counts")
    out = matrix.div(totals, axis=0)
    out.attrs = {}
    return out
