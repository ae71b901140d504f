"""Productivity gap decomposition: industry mix against productivity within industries."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from lis_analytics.sectors._checks import (
    _as_industry_series,
    _as_matrix,
    _check_same_shape,
    _describe_cells,
    _describe_labels,
    _guard_additive,
    _to_long,
)
from lis_analytics.sectors.sic import describe_industry_level

__all__ = ["ProductivityGapResult", "productivity_gap_decomposition"]


@dataclass(frozen=True, eq=False)
class ProductivityGapResult:
    """Result of :func:`productivity_gap_decomposition`.

    Attributes
    ----------
    by_industry
        One row per area and industry: ``area_code``, ``industry_code``, ``status``
        (``"included"``, ``"absent in area"``, ``"no activity"`` or the reason it was
        excluded), ``labour_share_area``, ``labour_share_benchmark``,
        ``productivity_area``, ``productivity_benchmark``, ``mix`` and ``within``.
    totals
        One row per area: ``productivity_area``, ``productivity_benchmark`` (both over
        the industries used for that area), ``gap``, ``mix``, ``within`` (``mix +
        within == gap``), ``n_industries``, ``n_excluded``, ``excluded_industries``,
        ``labour_coverage`` (share of the area's known labour in the industries used),
        ``benchmark_labour_coverage`` and ``benchmark_productivity_all_industries``.
    excluded
        Rows of ``by_industry`` left out of the decomposition, with the reason in
        ``status``; empty when nothing was excluded.
    industry_level
        Industry level of the columns used (given, or from
        :func:`describe_industry_level`).
    labour_measure
        What the labour input was (e.g. ``"hours"`` or ``"jobs"``).
    """

    by_industry: pd.DataFrame
    totals: pd.DataFrame
    excluded: pd.DataFrame
    industry_level: str
    labour_measure: str


_STATUS_INCLUDED = "included"


_STATUS_ABSENT = "absent in area"


_STATUS_NONE = "no activity"


_STATUS_SUPPRESSED = "excluded: output or labour suppressed/missing in area"


_STATUS_ZERO_LABOUR = "excluded: area labour is zero but output is not"


_STATUS_BENCH_ZERO = "excluded: benchmark labour is zero but its output or area labour is not"


def productivity_gap_decomposition(
    output: pd.DataFrame,
    labour: pd.DataFrame,
    benchmark: Hashable | tuple[pd.Series, pd.Series] | None = None,
    *,
    labour_measure: str = "hours",
    industry_level: str | None = None,
    missing: Literal["exclude", "raise"] = "exclude",
) -> ProductivityGapResult:
    """Split each area's productivity gap with a benchmark into sector mix and within-sector.

    With labour shares ``s_i = L_i / L`` and sector productivity ``P_i = Y_i / L_i``::

        P_r - P_N = sum_i (s_ir - s_iN) P_iN     [mix: the area's industry structure]
                  + sum_i s_ir (P_ir - P_iN)      [within: productivity inside industries]

    The two terms add up exactly to the gap. Mix is positive when the area has more
    of its hours (or jobs) in industries that are productive in the benchmark;
    within is positive when its industries are more productive than the same
    industries in the benchmark.

    Parameters
    ----------
    output
        Area x industry matrix of current-price GVA (negative values allowed).
        Chained-volume GVA is refused: it is neither additive nor comparable in level
        across areas.
    labour
        Matching area x industry matrix of hours worked or jobs (non-negative).
    benchmark
        ``None`` (sum of all rows), a row label present in both matrices (e.g. the
        England code), or a tuple ``(benchmark_output, benchmark_labour)`` of Series.
        The benchmark must have no missing industries.
    labour_measure
        Label for the labour input, returned in the result (``"hours"``, ``"jobs"``).
    industry_level
        Label for the industry level used, returned in the result; default inferred
        from the column codes (``"section"``, ``"division"``, ``"mixed"``,
        ``"custom"``).
    missing
        What to do with an industry that cannot enter an area's decomposition (output
        or labour suppressed, labour zero with output non-zero, benchmark labour zero):
        ``"exclude"`` (default) leaves it out of *both* the area and the benchmark for
        that area, so the comparison is like for like, and reports it in ``excluded``,
        ``status`` and the ``excluded_industries``/``labour_coverage`` columns;
        ``"raise"`` stops with an error naming the cells.

    Returns
    -------
    ProductivityGapResult
        Per-industry and per-area terms, exclusions, the industry level and labour
        measure used.

    Notes
    -----
    Units follow the inputs: GVA in GBP million over annual hours gives GBP million per
    hour; rescale yourself. When industries are excluded for an area, its
    ``productivity_benchmark`` is the benchmark's productivity over the same industries
    and so can differ between areas; ``benchmark_productivity_all_industries`` gives the
    headline figure. An industry the area does not have at all (zero output and labour)
    stays in: its mix term is ``-s_iN P_iN`` and its within term 0.

    Examples
    --------
    >>> output = pd.DataFrame({"X": [100.0, 500.0], "Y": [64.0, 336.0]}, index=["R", "rest"])
    >>> hours = pd.DataFrame({"X": [2.0, 8.0], "Y": [2.0, 18.0]}, index=["R", "rest"])
    >>> res = productivity_gap_decomposition(output, hours)
    >>> res.totals.set_index("area_code").loc["R", ["productivity_area",
    ...     "productivity_benchmark", "gap", "mix", "within"]].round(4).tolist()
    [41.0, 33.3333, 7.6667, 6.6667, 1.0]
    >>> res.industry_level, res.labour_measure
    ('custom', 'hours')
    """
    if missing not in ("exclude", "raise"):
        raise ValueError(f"missing must be 'exclude' or 'raise', got {missing!r}")
    y = _as_matrix(output, "output", allow_negative=True)
    lab = _as_matrix(labour, "labour")
    _check_same_shape(y, lab, "output", "labour")
    if isinstance(benchmark, tuple):
        if len(benchmark) != 2:
            raise ValueError("a benchmark tuple must be (benchmark_output, benchmark_labour)")
        by_ = benchmark[0]
        if not isinstance(by_, pd.Series):
            raise TypeError("benchmark_output must be a Series indexed by industry")
        _guard_additive(by_, "benchmark_output")
        missing_ind = y.columns.difference(by_.index)
        if len(missing_ind) or len(by_.index.difference(y.columns)):
            raise ValueError("benchmark_output is misaligned with the matrix industries")
        bench_y = by_.reindex(y.columns).astype("float64")
        if bench_y.isna().any():
            raise ValueError("benchmark_output has missing values")
        bench_l = _as_industry_series(benchmark[1], lab.columns, "benchmark_labour")
    elif isinstance(benchmark, pd.Series):
        raise TypeError("pass the benchmark as a row label or a tuple (output, labour) of Series")
    else:
        if benchmark is None:
            if y.isna().to_numpy().any() or lab.isna().to_numpy().any():
                raise ValueError(
                    "cannot build the benchmark by adding up the areas: cells are missing; "
                    "pass benchmark= (a row label such as the England code, or a tuple of "
                    "Series)"
                )
            bench_y, bench_l = y.sum(axis=0), lab.sum(axis=0)
        else:
            if benchmark not in y.index:
                raise ValueError(f"benchmark {benchmark!r} is not a row of output/labour")
            bench_y, bench_l = y.loc[benchmark], lab.loc[benchmark]
            if bench_y.isna().any() or bench_l.isna().any():
                bad = bench_y.index[bench_y.isna() | bench_l.isna()]
                raise ValueError(
                    f"benchmark row {benchmark!r} has missing values for {_describe_labels(bad)}"
                )
    bench_y = bench_y.astype("float64")
    bench_l = bench_l.astype("float64")

    shape = y.shape
    b_lab = pd.DataFrame(
        np.broadcast_to(bench_l.to_numpy(), shape), index=y.index, columns=y.columns
    )
    b_out = pd.DataFrame(
        np.broadcast_to(bench_y.to_numpy(), shape), index=y.index, columns=y.columns
    )
    present = y.notna() & lab.notna()
    suppressed = ~present
    zero_labour = present & (lab == 0) & (y != 0)
    bench_zero = present & (b_lab == 0) & ((lab > 0) | (b_out != 0)) & ~zero_labour
    no_activity = present & (lab == 0) & (y == 0) & (b_lab == 0) & (b_out == 0)
    absent = present & (lab == 0) & (y == 0) & (b_lab > 0)
    excluded = suppressed | zero_labour | bench_zero
    status = pd.DataFrame(_STATUS_INCLUDED, index=y.index, columns=y.columns, dtype=object)
    status = status.mask(absent, _STATUS_ABSENT).mask(no_activity, _STATUS_NONE)
    status = status.mask(bench_zero, _STATUS_BENCH_ZERO).mask(zero_labour, _STATUS_ZERO_LABOUR)
    status = status.mask(suppressed, _STATUS_SUPPRESSED)
    if missing == "raise" and excluded.to_numpy().any():
        raise ValueError(
            f"industries cannot enter the decomposition at {_describe_cells(excluded)} "
            "(suppressed, or zero labour against non-zero output); pass missing='exclude' to "
            "leave them out and report them"
        )
    used = ~excluded
    lab_used = lab.where(used, 0.0)
    out_used = y.where(used, 0.0)
    lab_total = lab_used.sum(axis=1)
    empty = lab_total <= 0
    if empty.any():
        raise ValueError(
            f"no labour left in the industries used for area(s) "
            f"{_describe_labels(lab_total.index[empty])}; check the inputs"
        )
    b_lab_used = b_lab.where(used, 0.0)
    b_out_used = b_out.where(used, 0.0)
    b_lab_total = b_lab_used.sum(axis=1)
    s_area = lab_used.div(lab_total, axis=0)
    s_bench = b_lab_used.div(b_lab_total, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p_bench = b_out / b_lab
        p_area = y / lab
    mix = ((s_area - s_bench) * p_bench).where(used & ~no_activity, 0.0)
    within = (s_area * (p_area - p_bench)).where(used & (lab > 0), 0.0)
    mix = mix.where(used)
    within = within.where(used)
    prod_area = out_used.sum(axis=1) / lab_total
    prod_bench = b_out_used.sum(axis=1) / b_lab_total

    by_industry = _to_long(
        {
            "status": status,
            "labour_share_area": s_area.where(used),
            "labour_share_benchmark": s_bench.where(used),
            "productivity_area": p_area.where(lab > 0),
            "productivity_benchmark": p_bench.where(b_lab > 0),
            "mix": mix,
            "within": within,
        }
    )
    by_industry["status"] = by_industry["status"].astype(str)
    excluded_rows = by_industry[by_industry["status"].str.startswith("excluded")].reset_index(
        drop=True
    )
    excluded_names = {
        area: "; ".join(str(c) for c in y.columns[excluded.loc[area].to_numpy()])
        for area in y.index
    }
    known_lab = lab.sum(axis=1, skipna=True)
    totals = pd.DataFrame(
        {
            "area_code": y.index,
            "productivity_area": prod_area.to_numpy(),
            "productivity_benchmark": prod_bench.to_numpy(),
            "gap": (prod_area - prod_bench).to_numpy(),
            "mix": mix.sum(axis=1).to_numpy(),
            "within": within.sum(axis=1).to_numpy(),
            "n_industries": used.sum(axis=1).to_numpy(),
            "n_excluded": excluded.sum(axis=1).to_numpy(),
            "excluded_industries": [excluded_names[a] for a in y.index],
            "labour_coverage": (lab_total / known_lab).to_numpy(),
            "benchmark_labour_coverage": (b_lab_total / bench_l.sum()).to_numpy(),
            "benchmark_productivity_all_industries": float(bench_y.sum() / bench_l.sum()),
        }
    )
    level = industry_level or describe_industry_level(y.columns)
    return ProductivityGapResult(by_industry, totals, excluded_rows, level, labour_measure)
