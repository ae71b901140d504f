"""An exact decomposition of GVA per head into productivity, hours, jobs and demography.

GVA per head is a product of ratios that telescope, so the log gap between two areas (or
two years) splits exactly into the gaps of its factors.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from lis_analytics.productivity._common import (
    UK_CODE,
    WEEKS_PER_YEAR,
    AreaLike,
    IncompleteDataError,
    ProductivityError,
    _named,
    example_table,  # noqa: F401 (doctests)
    to_tidy,  # noqa: F401 (doctests)
)
from lis_analytics.productivity.levels import check_area_codes, lad_codes, pivot_measure

__all__ = ["decompose_gva_per_head", "gva_per_head_inputs"]

_CHAIN = (
    "gva",
    "hours",
    "jobs",
    "employed_residents",
    "economically_active",
    "working_age",
    "population",
)
_OPTIONAL = ("employed_residents", "economically_active")
_COMPONENT_NAMES = {
    ("gva", "hours"): "GVA per hour worked",
    ("hours", "jobs"): "Hours worked per filled job",
    ("jobs", "employed_residents"): "Jobs per employed resident (commuting)",
    ("jobs", "economically_active"): "Jobs per economically active resident",
    ("jobs", "working_age"): "Jobs per working-age resident (job density)",
    ("employed_residents", "economically_active"): "Employed per economically active resident",
    ("employed_residents", "working_age"): "Employment rate (employed per working-age resident)",
    ("economically_active", "working_age"): "Activity rate (active per working-age resident)",
    ("working_age", "population"): "Working-age share of population",
}


def _check_counts(counts: Mapping[str, float], label: str) -> dict[str, float]:
    if not isinstance(counts, Mapping):
        raise ProductivityError(f"{label} counts must be a mapping of name -> number")
    allowed = set(_CHAIN)
    unknown = [k for k in counts if k not in allowed]
    if unknown:
        hints = []
        for k in unknown:
            close = difflib.get_close_matches(str(k), sorted(allowed), n=1, cutoff=0.5)
            hints.append(f"{k!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        raise ProductivityError(
            f"unknown {label} count(s): {', '.join(hints)}; allowed: {', '.join(_CHAIN)}"
        )
    need = [k for k in _CHAIN if k not in _OPTIONAL and k not in counts]
    if need:
        raise ProductivityError(f"{label} counts lack {need}")
    out = {}
    for k, v in counts.items():
        try:
            x = float(v)
        except (TypeError, ValueError) as exc:
            raise ProductivityError(f"{label} {k} is not a number: {v!r}") from exc
        if not math.isfinite(x) or x <= 0:
            raise ProductivityError(f"{label} {k} must be a positive finite number, got {v!r}")
        out[k] = x
    return out


def decompose_gva_per_head(
    area: Mapping[str, float],
    benchmark: Mapping[str, float],
    *,
    area_name: str = "Area",
    benchmark_name: str = "Benchmark",
) -> pd.DataFrame:
    """Decompose the gap in GVA per head between an area and a benchmark exactly.

    GVA per head is the product of ratios that telescope::

        GVA/Pop = GVA/Hours x Hours/Jobs x Jobs/WorkingAge x WorkingAge/Pop

    so ``ln(y_area / y_bench) = sum_k ln(c_k,area / c_k,bench)`` holds exactly.
    If the counts include ``employed_residents`` and/or ``economically_active``
    the jobs-to-working-age term is split further, e.g. Jobs/Employed residents
    (commuting) x Employed/Active x Active/Working-age. For consistent rates
    count employed and active residents over the same ages as ``working_age``.

    GVA per head mixes workplace output (GVA, hours, jobs counted where people
    work) with resident population (counted where people live), so commuting into
    a city raises its GVA per head without any gain in productivity; that is why
    it is decomposed here rather than used as a productivity measure. The same
    function decomposes growth: pass the area in two years as ``area`` and
    ``benchmark``.

    Parameters
    ----------
    area, benchmark : mapping of str -> float
        Positive counts for one period: ``gva`` (GBP), ``hours`` (annual hours
        worked, i.e. weekly x 52), ``jobs`` (filled jobs), ``working_age``
        (e.g. population aged 16-64), ``population`` (all ages), and optionally
        ``employed_residents``, ``economically_active``. Both mappings need the
        same optional keys. :func:`gva_per_head_inputs` builds them from tables.
    area_name, benchmark_name : str
        Names written to the output.

    Returns
    -------
    DataFrame
        One row per component, then a total row ``"GVA per head"``; columns
        ``component, numerator, denominator, area, benchmark, area_value,
        benchmark_value, ratio, log_contribution, log_points`` (100 x log),
        ``pct_contribution`` (share of the total log gap, %; NaN if the gap is
        0), ``is_total``. Suitable for a waterfall chart.

    Examples
    --------
    >>> a = {"gva": 1.0e9, "hours": 4.0e7, "jobs": 2.5e4, "working_age": 3.0e4, "population": 5.0e4}
    >>> b = {"gva": 2.0e9, "hours": 5.0e7, "jobs": 3.0e4, "working_age": 3.5e4, "population": 5.5e4}
    >>> d = decompose_gva_per_head(a, b)
    >>> print(d[["component", "log_points"]].round(2).to_string(index=False))
                                      component  log_points
                            GVA per hour worked      -47.00
                    Hours worked per filled job       -4.08
    Jobs per working-age resident (job density)       -2.82
                Working-age share of population       -5.88
                                   GVA per head      -59.78
    >>> bool(abs(d["log_contribution"].iloc[:-1].sum() - d["log_contribution"].iloc[-1]) < 1e-12)
    True
    """
    a = _check_counts(area, area_name)
    b = _check_counts(benchmark, benchmark_name)
    opt_a = {k for k in _OPTIONAL if k in a}
    opt_b = {k for k in _OPTIONAL if k in b}
    if opt_a != opt_b:
        raise ProductivityError(
            f"area and benchmark must give the same optional counts; area has {sorted(opt_a)}, "
            f"benchmark has {sorted(opt_b)}"
        )
    chain = [k for k in _CHAIN if k not in _OPTIONAL or k in opt_a]
    rows = []
    for num, den in zip(chain[:-1], chain[1:], strict=True):
        av, bv = a[num] / a[den], b[num] / b[den]
        rows.append((_COMPONENT_NAMES.get((num, den), f"{num} per {den}"), num, den, av, bv, False))
    av, bv = a["gva"] / a["population"], b["gva"] / b["population"]
    rows.append(("GVA per head", "gva", "population", av, bv, True))
    out = pd.DataFrame(
        rows,
        columns=[
            "component",
            "numerator",
            "denominator",
            "area_value",
            "benchmark_value",
            "is_total",
        ],
    )
    out.insert(3, "area", area_name)
    out.insert(4, "benchmark", benchmark_name)
    out["ratio"] = out["area_value"] / out["benchmark_value"]
    out["log_contribution"] = [
        math.log(av / bv) for av, bv in zip(out["area_value"], out["benchmark_value"], strict=True)
    ]
    out["log_points"] = out["log_contribution"] * 100
    total = float(out["log_contribution"].iloc[-1])
    out["pct_contribution"] = out["log_contribution"] / total * 100 if total != 0 else np.nan
    cols = [
        "component",
        "numerator",
        "denominator",
        "area",
        "benchmark",
        "area_value",
        "benchmark_value",
        "ratio",
        "log_contribution",
        "log_points",
        "pct_contribution",
        "is_total",
    ]
    return out[cols]


def gva_per_head_inputs(
    productivity: pd.DataFrame,
    population: pd.DataFrame,
    area: AreaLike,
    period: str,
    *,
    population_area: AreaLike | None = None,
    working_age_measure: str = "population_16_64",
    employed_residents: float | None = None,
    economically_active: float | None = None,
) -> dict[str, float]:
    """Build the counts for :func:`decompose_gva_per_head` from the tidy tables.

    ``gva`` is the workbook-implied GVA (``gva_per_hour x hours_per_week x 52``,
    summed), so the GVA-per-hour component equals the published ratio-of-sums
    figure; ``hours`` is annual (weekly x 52); ``jobs`` filled jobs;
    ``working_age`` and ``population`` come from ``population_lad``.

    Parameters
    ----------
    productivity : DataFrame
        ``productivity_lad``-style table.
    population : DataFrame
        ``population_lad``-style table with ``population`` and
        ``working_age_measure``.
    area : Area, str or iterable of str
        The districts (or ``UKX``).
    period : str
        Year.
    population_area : Area, str or iterable of str, optional
        Codes to sum in the population table. Defaults to ``area``; for the UK
        (``UKX``) it defaults to a UK row (``UKX`` or ``K02000001``) if the
        population table has one, else to every LAD in it.
    working_age_measure : str, default "population_16_64"
    employed_residents, economically_active : float, optional
        Extra counts (e.g. from the APS) for the finer decomposition.

    Returns
    -------
    dict
        ``gva, hours, jobs, working_age, population`` and any extra counts.

    Raises
    ------
    IncompleteDataError
        If any district lacks data in ``period`` (a decomposition of partial sums
        would be wrong).

    Examples
    --------
    >>> pop = pd.concat([
    ...     to_tidy(pd.DataFrame({"2022": [90e3, 180e3]}, index=["E06000001", "E06000002"]),
    ...             "population"),
    ...     to_tidy(pd.DataFrame({"2022": [55e3, 110e3]}, index=["E06000001", "E06000002"]),
    ...             "population_16_64")])
    >>> c = gva_per_head_inputs(example_table(), pop, ["E06000001", "E06000002"], "2022")
    >>> for key, value in c.items():
    ...     print(key, round(value))
    gva 5148000000
    hours 208000000
    jobs 120000
    working_age 165000
    population 270000
    """
    a = _named(area)
    period = str(period)
    codes = check_area_codes(productivity, a.codes)
    if population_area is None:
        if codes == (UK_CODE,):
            pop_codes_known = {str(c) for c in population["area_code"].unique()}
            uk_rows = [c for c in (UK_CODE, "K02000001") if c in pop_codes_known]
            pcodes = (uk_rows[0],) if uk_rows else lad_codes(population)
        else:
            pcodes = codes
    else:
        pcodes = _named(population_area).codes
    pcodes = check_area_codes(population, pcodes)

    def _sum(
        table: pd.DataFrame, measure: str, cs: tuple[str, ...], scale: float = 1.0
    ) -> pd.Series:
        w = pivot_measure(table, measure, areas=cs)
        if period not in w.columns:
            raise IncompleteDataError(f"{measure!r} has no period {period}")
        col = w[period] * scale
        if col.isna().any():
            miss = ", ".join(col.index[col.isna()])
            raise IncompleteDataError(f"{a.name}: no {measure} in {period} for {miss}")
        return col

    rate = _sum(productivity, "gva_per_hour", codes)
    hours = _sum(productivity, "hours_per_week", codes, WEEKS_PER_YEAR)
    jobs = _sum(productivity, "filled_jobs", codes)
    out = {
        "gva": float((rate * hours).sum()),
        "hours": float(hours.sum()),
        "jobs": float(jobs.sum()),
        "working_age": float(_sum(population, working_age_measure, pcodes).sum()),
        "population": float(_sum(population, "population", pcodes).sum()),
    }
    if employed_residents is not None:
        out["employed_residents"] = float(employed_residents)
    if economically_active is not None:
        out["economically_active"] = float(economically_active)
    return out
