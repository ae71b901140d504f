"""Specialisation: location quotients and the Krugman, Hoover and Herfindahl indices."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from lis_analytics.geography import Area, all_areas, membership_matrix
from lis_analytics.sectors._checks import (
    _area_totals,
    _as_matrix,
    _benchmark_series,
    _describe_labels,
    _nonzero_benchmark,
    _positive_total,
)
from lis_analytics.sectors.matrix import ENGLAND
from lis_analytics.sectors.shares import sector_shares
from lis_analytics.sectors.sic import select_industry_level

__all__ = [
    "herfindahl_index",
    "hoover_index",
    "krugman_by_area",
    "krugman_index",
    "krugman_of_default_areas",
    "location_quotients",
]


def location_quotients(
    counts: pd.DataFrame,
    benchmark: Hashable | pd.Series | None = None,
    *,
    kind: Literal[
        "simple", "log", "difference", "additive", "symmetric", "standardised"
    ] = "simple",
    area_totals: pd.Series | None = None,
    benchmark_total: float | None = None,
) -> pd.DataFrame:
    r"""Compute location quotients of each area's industries against a benchmark.

    ``LQ_ir = (E_ir / E_r) / (E_iN / E_N)``: above 1 the area is more specialised in
    industry *i* than the benchmark.

    Parameters
    ----------
    counts
        Area x industry matrix of an additive, non-negative quantity.
    benchmark
        ``None`` (default): the sum of all rows of ``counts`` (so the areas make up the
        benchmark, e.g. all English LADs). A row label of ``counts`` (e.g. the England
        code). Or a Series of benchmark industry totals indexed like the columns.
    kind
        ``"simple"``: the LQ. ``"log"``: natural log of the LQ (``-inf`` where the area
        has none of the industry), symmetric around 0. ``"difference"`` (additive
        variant, alias ``"additive"``): ``s_ir - s_iN``, in share points, which weights
        big industries more.
        ``"symmetric"``: ``(LQ - 1) / (LQ + 1)`` in ``[-1, 1)`` (Dalum, Laursen and
        Villumsen 1998). ``"standardised"``: for each industry, the LQ's z-score across
        the areas in ``counts`` (mean and sample standard deviation; O'Donoghue and
        Gleave 2004 treat values above 1.96 as significant concentrations); the
        benchmark row, if one is named, is left out of the mean and standard deviation.
    area_totals
        Area denominators ``E_r``; see :func:`sector_shares`.
    benchmark_total
        Benchmark denominator ``E_N``. Default: the sum of the benchmark industries; when
        ``area_totals`` is given, ``area_totals[benchmark]`` for a row benchmark or the
        sum of ``area_totals`` for ``benchmark=None``, so that area and benchmark shares
        use the same kind of denominator.

    Returns
    -------
    DataFrame
        Values with the shape of ``counts``.

    Raises
    ------
    ValueError
        On negative values, missing cells that make a total unknowable, zero totals, or
        industries absent from the benchmark (LQ undefined; the message names them).

    Notes
    -----
    With ``benchmark=None`` and no suppressed cells, the LQs of each industry averaged
    over areas with weights ``E_r / E_N`` equal 1, and within each area
    ``sum_i s_iN LQ_ir = 1``.

    References
    ----------
    Dalum, B., Laursen, K. and Villumsen, G. (1998) 'Structural change in OECD export
    specialisation patterns', *International Review of Applied Economics* 12(3), 423-443.
    O'Donoghue, D. and Gleave, B. (2004) 'A note on methods for measuring industrial
    agglomeration', *Regional Studies* 38(4), 419-427.

    Examples
    --------
    >>> counts = pd.DataFrame({"A": [20.0, 10.0], "C": [60.0, 10.0], "G": [20.0, 30.0]},
    ...                       index=["E1", "E2"])
    >>> location_quotients(counts).round(3)  # doctest: +NORMALIZE_WHITESPACE
    industry_code    A      C    G
    area_code
    E1             1.0  1.286  0.6
    E2             1.0  0.429  1.8
    >>> location_quotients(counts, kind="difference").round(3)  # doctest: +NORMALIZE_WHITESPACE
    industry_code    A      C      G
    area_code
    E1             0.0  0.133 -0.133
    E2             0.0 -0.267  0.267
    """
    kinds = ("simple", "log", "difference", "additive", "symmetric", "standardised")
    if kind not in kinds:
        raise ValueError(f"kind must be one of {kinds}, got {kind!r}")
    matrix = _as_matrix(counts, "counts")
    totals = _area_totals(matrix, area_totals, "counts")
    bench = _benchmark_series(matrix, benchmark, "counts")
    if benchmark_total is not None:
        b_total = _positive_total(float(benchmark_total), "benchmark_total")
    elif area_totals is not None and benchmark is None:
        b_total = _positive_total(float(totals.sum()), "sum of area_totals")
    elif area_totals is not None and not isinstance(benchmark, pd.Series):
        b_total = _positive_total(float(totals.loc[benchmark]), f"total of benchmark {benchmark!r}")
    else:
        b_total = _positive_total(float(bench.sum()), "benchmark total")
    bench_share = bench / b_total
    shares = matrix.div(totals, axis=0)
    if kind in ("difference", "additive"):
        out = shares - bench_share
    else:
        _nonzero_benchmark(bench, "the benchmark")
        lq = shares / bench_share
        if kind == "simple":
            out = lq
        elif kind == "log":
            with np.errstate(divide="ignore"):
                out = np.log(lq)
        elif kind == "symmetric":
            out = (lq - 1) / (lq + 1)
        else:
            sample = lq
            if benchmark is not None and not isinstance(benchmark, pd.Series):
                sample = lq.drop(index=benchmark)
            if len(sample) < 2:
                raise ValueError(
                    "kind='standardised' needs at least two areas besides the benchmark"
                )
            out = (lq - sample.mean(axis=0)) / sample.std(axis=0, ddof=1)
    out = pd.DataFrame(out, index=matrix.index, columns=matrix.columns)
    out.attrs = {}
    return out


def krugman_index(
    counts: pd.DataFrame,
    benchmark: Hashable | pd.Series | None = None,
    *,
    area_totals: pd.Series | None = None,
    benchmark_total: float | None = None,
) -> pd.Series:
    """Compute the Krugman specialisation index of each area against a benchmark.

    ``K_r = sum_i |s_ir - s_iN|``, from 0 (same structure as the benchmark) to 2 (no
    industry in common). It is twice the Hoover/dissimilarity index of the two
    industry distributions.

    Parameters
    ----------
    counts, benchmark, area_totals, benchmark_total
        As for :func:`location_quotients`.

    Returns
    -------
    Series
        ``krugman_index`` by area; ``NaN`` for an area with a suppressed cell (the
        index is not computed from partial structure).

    References
    ----------
    Krugman, P. (1991) *Geography and Trade*. MIT Press.

    Examples
    --------
    >>> counts = pd.DataFrame({"A": [20.0, 10.0], "C": [60.0, 10.0], "G": [20.0, 30.0]},
    ...                       index=["E1", "E2"])
    >>> krugman_index(counts).round(4)
    area_code
    E1    0.2667
    E2    0.5333
    Name: krugman_index, dtype: float64
    """
    diff = location_quotients(
        counts,
        benchmark,
        kind="difference",
        area_totals=area_totals,
        benchmark_total=benchmark_total,
    )
    out = diff.abs().sum(axis=1, skipna=False)
    out.name = "krugman_index"
    return out


def hoover_index(counts: pd.DataFrame, reference: pd.Series | None = None) -> pd.Series:
    """Compute the Hoover concentration index of each industry across areas.

    ``H_i = 1/2 sum_r |E_ir / E_i - R_r / R|``: 0 when the industry is spread over the
    areas exactly like the reference, approaching 1 when it sits in one small area.

    Parameters
    ----------
    counts
        Area x industry matrix (no missing cells).
    reference
        Distribution to compare with, a Series indexed by area (e.g. population or land
        area). Default: each area's total over all industries in ``counts``.

    Returns
    -------
    Series
        ``hoover_index`` by industry.

    References
    ----------
    Hoover, E.M. (1936) 'The measurement of industrial localization', *Review of
    Economics and Statistics* 18(4), 162-171.

    Examples
    --------
    >>> counts = pd.DataFrame({"A": [20.0, 10.0], "C": [60.0, 10.0], "G": [20.0, 30.0]},
    ...                       index=["E1", "E2"])
    >>> hoover_index(counts).round(4)
    industry_code
    A    0.0000
    C    0.1905
    G    0.2667
    Name: hoover_index, dtype: float64
    """
    matrix = _as_matrix(counts, "counts", allow_missing=False)
    if reference is None:
        ref = matrix.sum(axis=1)
    else:
        if not isinstance(reference, pd.Series):
            raise TypeError("reference must be a Series indexed by area")
        missing = matrix.index.difference(reference.index)
        extra = reference.index.difference(matrix.index)
        if len(missing) or len(extra):
            raise ValueError(
                f"reference is misaligned with the areas (missing: [{_describe_labels(missing)}]; "
                f"extra: [{_describe_labels(extra)}])"
            )
        ref = reference.reindex(matrix.index).astype("float64")
        if ref.isna().any() or (ref < 0).any():
            raise ValueError("reference has missing or negative values")
    ref_share = ref / _positive_total(float(ref.sum()), "reference total")
    col_totals = matrix.sum(axis=0)
    _nonzero_benchmark(col_totals, "the total over areas")
    ind_share = matrix / col_totals
    out = 0.5 * ind_share.sub(ref_share, axis=0).abs().sum(axis=0)
    out.name = "hoover_index"
    return out


def herfindahl_index(
    counts: pd.DataFrame,
    *,
    normalised: bool = False,
    across: Literal["industries", "areas"] = "industries",
    area_totals: pd.Series | None = None,
) -> pd.Series:
    """Compute the Herfindahl(-Hirschman) concentration index.

    ``H = sum s^2`` with shares that sum to 1; normalised
    ``H* = (H - 1/n) / (1 - 1/n)`` runs from 0 (even spread over the ``n`` units) to 1
    (all in one).

    Parameters
    ----------
    counts
        Area x industry matrix of an additive quantity.
    normalised
        Return ``H*`` instead of ``H``.
    across
        ``"industries"`` (default): for each area, concentration of its activity across
        industries (a diversity measure, ``n`` = number of industries).
        ``"areas"``: for each industry, concentration of it across the areas (``n`` =
        number of areas; no missing cells allowed).
    area_totals
        With ``across="industries"``, published area totals; see :func:`sector_shares`.
        An area with a suppressed cell gets ``NaN``.

    Returns
    -------
    Series
        ``herfindahl_index`` (or ``herfindahl_index_normalised``) by area or industry.

    Examples
    --------
    >>> counts = pd.DataFrame({"A": [20.0, 10.0], "C": [60.0, 10.0], "G": [20.0, 30.0]},
    ...                       index=["E1", "E2"])
    >>> herfindahl_index(counts).round(3).tolist()
    [0.44, 0.44]
    >>> herfindahl_index(counts, normalised=True).round(3).tolist()
    [0.16, 0.16]
    """
    if across == "industries":
        shares = sector_shares(counts, area_totals=area_totals)
        h = (shares**2).sum(axis=1, skipna=False)
        n = shares.shape[1]
    elif across == "areas":
        matrix = _as_matrix(counts, "counts", allow_missing=False)
        col_totals = matrix.sum(axis=0)
        _nonzero_benchmark(col_totals, "the total over areas")
        h = ((matrix / col_totals) ** 2).sum(axis=0)
        n = matrix.shape[0]
    else:
        raise ValueError(f"across must be 'industries' or 'areas', got {across!r}")
    if normalised:
        if n < 2:
            raise ValueError("the normalised Herfindahl index needs at least two units")
        h = (h - 1 / n) / (1 - 1 / n)
        h.name = "herfindahl_index_normalised"
    else:
        h.name = "herfindahl_index"
    return h


def krugman_by_area(gva: pd.DataFrame, residents: pd.DataFrame,
                    areas: Sequence[Area]) -> pd.DataFrame:
    """Krugman index of each area against England, of GVA (every year) and residents' jobs.

    Parameters
    ----------
    gva : DataFrame
        District GVA at current prices, ``area_code``, ``period`` and one column per
        industry, with England (``E92000001``) as a row each year
        (:func:`~lis_analytics.sectors.matrix.gva_filled_by_lad`). The finest level without
        imputed rent is used.
    residents : DataFrame
        Residents in employment by industry, ``area_code`` and one column per industry, with
        England as a row
        (:func:`~lis_analytics.sectors.matrix.residents_in_employment_2021_by_lad`).
    areas : sequence of Area
        The areas to rank; each is the sum of its districts.

    Returns
    -------
    DataFrame
        ``area_code``, ``period``, ``krugman_gva``, ``krugman_jobs_2021`` (the same each
        year) and ``area_type``.

    Examples
    --------
    >>> gva = pd.DataFrame({"area_code": ["E1", "E2", "E92000001"], "period": "2022",
    ...                     "AB (1-9)": [1.0, 3.0, 4.0], "C (10-33)": [3.0, 1.0, 4.0]})
    >>> jobs = pd.DataFrame({"area_code": ["E1", "E2", "E92000001"], "01": [1.0, 1.0, 2.0],
    ...                      "10": [1.0, 1.0, 2.0]})
    >>> a = Area("X", "X", "LEP", ("E1",))
    >>> k = krugman_by_area(gva, jobs, [a])
    >>> k[["area_code", "period", "area_type"]].iloc[0].tolist()
    ['X', '2022', 'LEP']
    >>> k[["krugman_gva", "krugman_jobs_2021"]].iloc[0].tolist()
    [0.5, 0.0]
    """
    codes = select_industry_level([c for c in gva.columns if c not in ("area_code", "period")],
                                  "finest", exclude_imputed_rent=True)
    lads = sorted(set(gva["area_code"]) - {ENGLAND})
    member = pd.DataFrame(
        membership_matrix(pd.Index(lads), {a.code: a.lad_codes for a in areas}).toarray().T,
        index=[a.code for a in areas], columns=lads)
    rows = []
    for period, block in gva.groupby("period"):
        x = block.set_index("area_code")[codes]
        area_sums = member.to_numpy() @ x.reindex(lads).fillna(0.0).to_numpy()
        matrix = pd.DataFrame(area_sums, index=member.index, columns=codes)
        k = krugman_index(matrix.clip(lower=0), x.loc[ENGLAND])
        rows.append(pd.DataFrame({"area_code": k.index, "period": period,
                                  "krugman_gva": k.to_numpy()}))
    out = pd.concat(rows, ignore_index=True)
    res = residents.set_index("area_code")
    jobs_codes = list(res.columns)
    lads_r = [c for c in res.index if c != ENGLAND]
    member_r = member.reindex(columns=lads_r, fill_value=0.0)
    jm = pd.DataFrame(member_r.to_numpy() @ res.loc[lads_r, jobs_codes].fillna(0).to_numpy(),
                      index=member.index, columns=jobs_codes)
    kj = krugman_index(jm[jm.sum(axis=1) > 0], res.loc[ENGLAND, jobs_codes])
    out["krugman_jobs_2021"] = out["area_code"].map(kj)
    out["area_type"] = out["area_code"].map({a.code: a.type for a in areas})
    return out


def krugman_of_default_areas(sectors_gva_cp: pd.DataFrame, sectors_residents2021: pd.DataFrame,
                             **catalogue_tables: pd.DataFrame) -> pd.DataFrame:
    """:func:`krugman_by_area` of every LEP, combined authority and custom area.

    The ``sectors_specialisation`` derived table, used to rank an area's specialisation
    among its peers. ``catalogue_tables`` are the lookups the area catalogue
    (:func:`lis_analytics.geography.all_areas`) reads, declared as inputs so that their
    builds count in the table's signature.
    """
    return krugman_by_area(sectors_gva_cp, sectors_residents2021,
                           all_areas(["LEP", "CA", "SA", "CUSTOM"]))
