"""Shift-share: classic (Dunn), Esteban-Marquillas and dynamic (Barff and Knight)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from lis_analytics.sectors._checks import (
    _as_matrix,
    _benchmark_series,
    _check_same_shape,
    _describe_cells,
    _nonzero_benchmark,
    _period_key,
    _positive_total,
    _to_long,
    _two_period_benchmark,
)

__all__ = ["ShiftShareResult", "dynamic_shift_share", "shift_share"]


@dataclass(frozen=True, eq=False)
class ShiftShareResult:
    """Result of a shift-share decomposition.

    Attributes
    ----------
    method
        ``"classic"``, ``"esteban_marquillas"``, ``"dynamic classic"`` or
        ``"dynamic esteban_marquillas"``.
    periods
        Periods spanned, first to last (``("start", "end")`` when the matrices carry
        no period).
    by_industry
        One row per area and industry: ``area_code``, ``industry_code``, ``start``,
        ``end``, ``actual_change``, ``national_share``, ``industry_mix``,
        ``competitive`` and, for Esteban-Marquillas, ``homothetic_start``,
        ``homothetic_competitive`` and ``allocation``. Static results also carry
        ``area_industry_growth``, ``benchmark_industry_growth`` and
        ``benchmark_growth``.
    totals
        The same components summed over industries, one row per area.
    by_step
        Dynamic only: the ``by_industry`` rows of every year-on-year step, with
        ``period_start`` and ``period_end``.
    """

    method: str
    periods: tuple[str, ...]
    by_industry: pd.DataFrame
    totals: pd.DataFrame
    by_step: pd.DataFrame | None = None

    @property
    def components(self) -> tuple[str, ...]:
        """Names of the component columns, which add up to ``actual_change``."""
        if "allocation" in self.by_industry.columns:
            return ("national_share", "industry_mix", "homothetic_competitive", "allocation")
        return ("national_share", "industry_mix", "competitive")


_SHIFT_SHARE_METHODS = ("classic", "esteban_marquillas")


def _shift_share_step(
    start: pd.DataFrame,
    end: pd.DataFrame,
    bench_start: pd.Series,
    bench_end: pd.Series,
    method: str,
) -> dict[str, pd.DataFrame]:
    n_start = _positive_total(float(bench_start.sum()), "benchmark total in the start period")
    n_end = float(bench_end.sum())
    _nonzero_benchmark(bench_start, "the benchmark in the start period")
    g_n = n_end / n_start - 1.0
    g_in = bench_end / bench_start - 1.0
    actual = end - start
    national = start * g_n
    mix = start.mul(g_in - g_n, axis=1)
    competitive = actual - national - mix  # = E_ir0 (g_ir - g_iN), exact by construction
    with np.errstate(divide="ignore", invalid="ignore"):
        g_ir = end / start - 1.0
    comps = {
        "start": start,
        "end": end,
        "actual_change": actual,
        "national_share": national,
        "industry_mix": mix,
        "competitive": competitive,
    }
    if method == "esteban_marquillas":
        new = (start == 0) & (end != 0)
        if new.to_numpy().any():
            raise ValueError(
                "Esteban-Marquillas needs each area-industry present in the start period to "
                f"define its growth rate; these start from zero: {_describe_cells(new)} "
                "(use method='classic', or merge those industries)"
            )
        homothetic = pd.DataFrame(
            np.outer(start.sum(axis=1), bench_start / n_start),
            index=start.index,
            columns=start.columns,
        )
        rate_gap = (g_ir - g_in).where(start != 0, 0.0)
        comps["homothetic_start"] = homothetic
        comps["homothetic_competitive"] = homothetic * rate_gap
        comps["allocation"] = (start - homothetic) * rate_gap
    comps["area_industry_growth"] = g_ir
    comps["benchmark_industry_growth"] = pd.DataFrame(
        np.broadcast_to(g_in.to_numpy(), start.shape), index=start.index, columns=start.columns
    )
    comps["benchmark_growth"] = pd.DataFrame(
        np.full(start.shape, g_n), index=start.index, columns=start.columns
    )
    return comps


_SUM_COLUMNS = (
    "start",
    "end",
    "actual_change",
    "national_share",
    "industry_mix",
    "competitive",
    "homothetic_start",
    "homothetic_competitive",
    "allocation",
)


def _totals(by_industry: pd.DataFrame) -> pd.DataFrame:
    cols = [c for c in _SUM_COLUMNS if c in by_industry.columns]
    return by_industry.groupby("area_code", sort=False)[cols].sum().reset_index()


def shift_share(
    start: pd.DataFrame,
    end: pd.DataFrame,
    *,
    benchmark: Hashable | tuple[pd.Series, pd.Series] | None = None,
    method: Literal["classic", "esteban_marquillas"] = "classic",
) -> ShiftShareResult:
    """Decompose each area's change between two periods by shift-share.

    Classic (Dunn 1960), with growth rates ``g = E1 / E0 - 1`` of the benchmark total
    (``g_N``), the benchmark industry (``g_iN``) and the area industry (``g_ir``):

    * national share ``NS_ir = E_ir0 g_N``;
    * industry mix ``IM_ir = E_ir0 (g_iN - g_N)``;
    * competitive (regional shift) ``RS_ir = E_ir0 (g_ir - g_iN)``;

    and ``NS + IM + RS = E_ir1 - E_ir0`` exactly, for each industry and in total.
    Esteban-Marquillas (1972) splits the competitive effect using homothetic
    employment ``Ê_ir = E_r0 E_iN0 / E_N0`` (what the area would have with the
    benchmark's structure) into a homothetic competitive effect ``Ê_ir (g_ir - g_iN)``
    and an allocation effect ``(E_ir0 - Ê_ir)(g_ir - g_iN)``, positive where the area
    is specialised in industries where it outgrows the benchmark.

    Parameters
    ----------
    start, end
        Area x industry matrices of an additive quantity for the two periods, with the
        same areas and industries in the same order and no missing cells. Jobs or hours
        are the usual input; current-price GVA works but its growth is nominal;
        chained-volume GVA is refused because it does not add up across industries.
    benchmark
        ``None``: the sum of all rows in each period. A row label present in both (e.g.
        England). Or a tuple ``(benchmark_start, benchmark_end)`` of industry Series.
    method
        ``"classic"`` or ``"esteban_marquillas"`` (which also reports the classic terms).

    Returns
    -------
    ShiftShareResult
        Tidy per-industry components (``by_industry``) and per-area totals (``totals``).

    Raises
    ------
    ValueError
        On misaligned matrices, missing or negative cells, a zero benchmark total, a
        benchmark industry that is zero in the start period (its growth is undefined),
        or, for Esteban-Marquillas, an area-industry that starts from zero.

    References
    ----------
    Dunn, E.S. (1960) 'A statistical and analytical technique for regional analysis',
    *Papers in Regional Science* 6(1), 97-112.
    Esteban-Marquillas, J.M. (1972) 'A reinterpretation of shift-share analysis',
    *Regional and Urban Economics* 2(3), 249-255.

    Examples
    --------
    Area R and the rest of the country; the benchmark is their sum (the nation):

    >>> start = pd.DataFrame({"X": [200.0, 800.0], "Y": [100.0, 1900.0], "Z": [100.0, 900.0]},
    ...                      index=["R", "rest"])
    >>> end = pd.DataFrame({"X": [240.0, 860.0], "Y": [100.0, 1700.0], "Z": [130.0, 1370.0]},
    ...                    index=["R", "rest"])
    >>> result = shift_share(start, end, method="esteban_marquillas")
    >>> cols = ["actual_change", "national_share", "industry_mix", "competitive",
    ...         "homothetic_competitive", "allocation"]
    >>> (result.totals.set_index("area_code").loc["R", cols].round(6) + 0.0).tolist()
    [70.0, 40.0, 20.0, 10.0, 10.0, 0.0]
    """
    if method not in _SHIFT_SHARE_METHODS:
        raise ValueError(f"method must be one of {_SHIFT_SHARE_METHODS}, got {method!r}")
    s = _as_matrix(start, "start", allow_missing=False)
    e = _as_matrix(end, "end", allow_missing=False)
    _check_same_shape(s, e, "start", "end")
    b0, b1 = _two_period_benchmark(s, e, benchmark)
    comps = _shift_share_step(s, e, b0, b1, method)
    by_industry = _to_long(comps)
    periods = (str(start.attrs.get("period", "start")), str(end.attrs.get("period", "end")))
    totals = _totals(by_industry)
    totals["area_growth"] = totals["end"] / totals["start"] - 1.0
    totals["benchmark_growth"] = float(b1.sum() / b0.sum() - 1.0)
    return ShiftShareResult(method, periods, by_industry, totals)


def dynamic_shift_share(
    panel: Mapping[str, pd.DataFrame],
    *,
    benchmark: Hashable | Mapping[str, pd.Series] | None = None,
    method: Literal["classic", "esteban_marquillas"] = "classic",
) -> ShiftShareResult:
    """Dynamic shift-share (Barff and Knight 1988): year-on-year steps, summed.

    The decomposition of :func:`shift_share` is applied to each consecutive pair of
    periods with the earlier one as base, and the components are added up over the
    steps. Because the base is updated every year, the industry-mix and competitive
    effects follow the changing structure instead of the first year's; the sum of
    steps still adds up exactly to the change between the first and last period.

    Parameters
    ----------
    panel
        ``{period: matrix}`` for at least two periods (sorted by period, numerically
        where possible), every matrix with the same areas and industries and no missing
        cells; e.g. from :func:`industry_panel`.
    benchmark
        ``None`` (sum of rows), a row label present in every period, or
        ``{period: Series}`` of benchmark industry totals.
    method
        ``"classic"`` or ``"esteban_marquillas"`` (applied in each step).

    Returns
    -------
    ShiftShareResult
        ``by_industry`` and ``totals`` summed over the steps (``start`` is the first
        period, ``end`` the last), and ``by_step`` with every step.

    References
    ----------
    Barff, R.A. and Knight, P.L. (1988) 'Dynamic shift-share analysis', *Growth and
    Change* 19(2), 1-10.

    Examples
    --------
    >>> panel = {
    ...     "2019": pd.DataFrame({"X": [10.0, 90.0], "Y": [30.0, 70.0]}, index=["R", "rest"]),
    ...     "2020": pd.DataFrame({"X": [15.0, 105.0], "Y": [30.0, 70.0]}, index=["R", "rest"]),
    ...     "2021": pd.DataFrame({"X": [15.0, 105.0], "Y": [36.0, 74.0]}, index=["R", "rest"]),
    ... }
    >>> res = dynamic_shift_share(panel)
    >>> res.totals.set_index("area_code").loc["R", ["actual_change", "national_share",
    ...     "industry_mix", "competitive"]].round(4).tolist()
    [11.0, 6.0455, -1.0455, 6.0]
    """
    if method not in _SHIFT_SHARE_METHODS:
        raise ValueError(f"method must be one of {_SHIFT_SHARE_METHODS}, got {method!r}")
    if not isinstance(panel, Mapping) or len(panel) < 2:
        raise ValueError("panel must be a mapping {period: matrix} with at least two periods")
    periods = sorted((str(p) for p in panel), key=_period_key)
    by_label = {str(k): v for k, v in panel.items()}
    matrices = {p: _as_matrix(by_label[p], f"panel[{p!r}]", allow_missing=False) for p in periods}
    first = matrices[periods[0]]
    for p in periods[1:]:
        _check_same_shape(first, matrices[p], f"panel[{periods[0]!r}]", f"panel[{p!r}]")
    if isinstance(benchmark, Mapping):
        missing = [p for p in periods if p not in {str(k) for k in benchmark}]
        if missing:
            raise ValueError(f"benchmark has no Series for period(s) {missing}")
        bench_by = {str(k): v for k, v in benchmark.items()}
        benches = {p: _benchmark_series(matrices[p], bench_by[p], f"panel[{p!r}]") for p in periods}
    else:
        benches = {p: _benchmark_series(matrices[p], benchmark, f"panel[{p!r}]") for p in periods}
    steps = []
    for p0, p1 in zip(periods[:-1], periods[1:], strict=True):
        comps = _shift_share_step(matrices[p0], matrices[p1], benches[p0], benches[p1], method)
        step = _to_long(comps)
        step.insert(0, "period_end", p1)
        step.insert(0, "period_start", p0)
        steps.append(step)
    by_step = pd.concat(steps, ignore_index=True)
    sum_cols = [
        c
        for c in _SUM_COLUMNS
        if c in by_step.columns and c not in ("start", "end", "homothetic_start")
    ]
    summed = by_step.groupby(["area_code", "industry_code"], sort=False)[sum_cols].sum()
    first_step = steps[0].set_index(["area_code", "industry_code"])
    last_step = steps[-1].set_index(["area_code", "industry_code"])
    summed.insert(0, "end", last_step["end"])
    summed.insert(0, "start", first_step["start"])
    by_industry = summed.reset_index()
    totals = _totals(by_industry)
    totals["area_growth"] = totals["end"] / totals["start"] - 1.0
    totals["benchmark_growth"] = float(benches[periods[-1]].sum() / benches[periods[0]].sum() - 1.0)
    return ShiftShareResult(
        f"dynamic {method}", (periods[0], periods[-1]), by_industry, totals, by_step
    )
