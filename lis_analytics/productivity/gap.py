"""The productivity gap in pounds: the GVA an area would add at a benchmark's productivity."""

from __future__ import annotations

import pandas as pd

from lis_analytics.productivity._common import (  # noqa: F401 (doctests)
    _PER,
    UK_CODE,
    ProductivityError,
    _PerSpec,
    example_table,
)
from lis_analytics.productivity.levels import aggregate_productivity  # noqa: F401 (doctests)

__all__ = ["productivity_gap_gbp"]


def _detect_per(frame: pd.DataFrame) -> _PerSpec:
    for spec in _PER.values():
        if spec.rate in frame.columns and spec.column in frame.columns:
            return spec
    raise ProductivityError(
        "expected a frame from aggregate_productivity (columns gva_per_hour and hours, or "
        "gva_per_job and jobs)"
    )


def productivity_gap_gbp(area: pd.DataFrame, benchmark: pd.DataFrame) -> pd.DataFrame:
    """Return the productivity gap in pounds a year.

    ``(benchmark GVA per hour - area GVA per hour) x area annual hours``: the
    extra GVA a year the area would produce if it matched the benchmark's GVA per
    hour worked with its own hours (weekly hours x 52). Positive means the area
    is below the benchmark. Works per filled job too.

    Parameters
    ----------
    area, benchmark : DataFrame
        Outputs of :func:`aggregate_productivity` with the same ``per``.

    Returns
    -------
    DataFrame
        Indexed by the periods in both: ``area_gva_per_hour``,
        ``benchmark_gva_per_hour``, ``hours``, ``gap_per_hour``, ``gap_gbp``,
        ``gap_pct_of_gva`` (gap as % of the area's GVA), ``complete`` (both
        inputs complete). Column names say ``job`` for per-job inputs.

    Examples
    --------
    >>> t = example_table()
    >>> area = aggregate_productivity(t, ["E06000001", "E06000002"])
    >>> uk = aggregate_productivity(t, UK_CODE)
    >>> gap = productivity_gap_gbp(area, uk)
    >>> float(gap.loc["2021", "gap_gbp"])  # (33 - 22.5) x 4m x 52
    2184000000.0
    """
    spec = _detect_per(area)
    bspec = _detect_per(benchmark)
    if spec != bspec:
        raise ProductivityError("area and benchmark must both be per hour or both per job")
    periods = [p for p in area.index if p in set(benchmark.index)]
    if not periods:
        raise ProductivityError("area and benchmark have no period in common")
    a = area.loc[periods]
    b = benchmark.loc[periods]
    unit = spec.rate.removeprefix("gva_per_")
    gap_rate = b[spec.rate] - a[spec.rate]
    gap = gap_rate * a[spec.column]
    out = pd.DataFrame(
        {
            f"area_{spec.rate}": a[spec.rate],
            f"benchmark_{spec.rate}": b[spec.rate],
            spec.column: a[spec.column],
            f"gap_per_{unit}": gap_rate,
            "gap_gbp": gap,
            "gap_pct_of_gva": gap / a["gva"] * 100,
            "complete": a["complete"].astype(bool) & b["complete"].astype(bool),
        }
    )
    out.index.name = "period"
    return out
