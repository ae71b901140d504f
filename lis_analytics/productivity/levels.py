"""Productivity levels: district tables pivoted, aggregated to areas as a ratio of sums, ranked.

An area's GVA per hour worked is the sum of its districts' GVA over the sum of their hours
(weekly hours x 52), never a mean of district rates; GVA per filled job is weighted by
filled jobs the same way. Districts without data are listed, never dropped silently.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from lis_analytics.geography import ratio_of_sums_table
from lis_analytics.indicators.ranks import rank_values
from lis_analytics.productivity._common import (
    _LAD_CODE,
    UK_CODE,
    AreaLike,
    IncompleteDataError,
    OnMissing,
    Per,
    ProductivityError,
    UnknownAreaError,
    UnknownMeasureError,  # noqa: F401 (doctests)
    _check_measure,
    _check_on_missing,
    _check_tidy,
    _dataset_label,
    _Named,
    _named,
    _named_areas,
    _per_spec,
    _PerSpec,
    _sort_periods,
    example_table,  # noqa: F401 (doctests)
)

__all__ = [
    "aggregate_areas",
    "aggregate_each",
    "aggregate_productivity",
    "area_names",
    "check_area_codes",
    "implied_gva",
    "lad_codes",
    "pivot_measure",
    "rank_areas",
]

# ----------------------------------------------------------------------------------------------
# Tidy tables: names, codes, one measure wide
# ----------------------------------------------------------------------------------------------


def area_names(tidy: pd.DataFrame) -> dict[str, str]:
    """Return a mapping of area code to area name from a tidy table.

    Parameters
    ----------
    tidy : DataFrame
        Tidy table; ``area_name`` is used when present, otherwise codes map to
        themselves.

    Returns
    -------
    dict

    Examples
    --------
    >>> area_names(example_table())["E06000002"]
    'Southville'
    """
    _check_tidy(tidy)
    if "area_name" not in tidy.columns:
        return {str(c): str(c) for c in tidy["area_code"].unique()}
    pairs = tidy[["area_code", "area_name"]].drop_duplicates("area_code")
    return {str(c): (str(n) if pd.notna(n) else str(c)) for c, n in pairs.itertuples(index=False)}


def check_area_codes(tidy: pd.DataFrame, codes: AreaLike) -> tuple[str, ...]:
    """Check that every code is in the table; return the codes as a tuple.

    Parameters
    ----------
    tidy : DataFrame
        Tidy table.
    codes : Area, str or iterable of str
        Codes to check (a geography :class:`~lis_analytics.geography.Area` gives its
        ``lad_codes``).

    Returns
    -------
    tuple of str
        The codes, de-duplicated, in the order given.

    Raises
    ------
    UnknownAreaError
        Naming every code that is not in the table, with close matches by code
        or by name (difflib).

    Examples
    --------
    >>> t = example_table()
    >>> check_area_codes(t, ["E06000001", "E06000002"])
    ('E06000001', 'E06000002')
    >>> import textwrap
    >>> try:
    ...     check_area_codes(t, ["E0600001", "Southvile"])
    ... except UnknownAreaError as err:
    ...     print(textwrap.fill(str(err), 80))
    2 area codes not in example_productivity_lad: 'E0600001' (did you mean E06000001
    Northtown, E06000003 Eastham, E06000002 Southville?); 'Southvile' (did you mean
    E06000002 Southville?)
    """
    _check_tidy(tidy)
    wanted = _named(codes).codes
    known = {str(c) for c in tidy["area_code"].dropna().unique()}
    unknown = [c for c in wanted if c not in known]
    if unknown:
        names = area_names(tidy)
        by_name = {n.lower(): c for c, n in names.items()}
        known_sorted = sorted(known)
        parts = []
        for code in unknown:
            close = difflib.get_close_matches(code, known_sorted, n=3, cutoff=0.6)
            close += [
                by_name[n]
                for n in difflib.get_close_matches(code.lower(), list(by_name), n=3, cutoff=0.6)
                if by_name[n] not in close
            ]
            hint = (
                " (did you mean " + ", ".join(f"{c} {names.get(c, c)}" for c in close[:3]) + "?)"
                if close
                else ""
            )
            parts.append(f"{code!r}{hint}")
        noun = "area code" if len(unknown) == 1 else "area codes"
        msg = f"{len(unknown)} {noun} not in {_dataset_label(tidy)}: " + "; ".join(parts)
        if "code_vintage" in tidy.columns and any(_LAD_CODE.match(c) for c in unknown):
            vintages = sorted({str(v) for v in tidy["code_vintage"].dropna().unique() if str(v)})
            if vintages:
                msg += (
                    f". The table uses {', '.join(vintages)} codes; LAD codes changed in the "
                    "2019-2023 reorganisations (bridge them with the lookups)"
                )
        raise UnknownAreaError(msg)
    return wanted


def lad_codes(tidy: pd.DataFrame, prefix: str = "") -> tuple[str, ...]:
    """Return the LAD codes in a table, optionally only those starting with ``prefix``.

    Rows with ``geography == "LAD"`` are used when the table has a ``geography``
    column; otherwise codes that look like LAD codes (E06-E09, W06, S12, N09).
    ``prefix="E"`` gives England's districts, the building blocks of an England
    benchmark.

    Parameters
    ----------
    tidy : DataFrame
        Tidy table.
    prefix : str, default ""
        Keep codes starting with this text.

    Returns
    -------
    tuple of str
        Sorted codes.

    Examples
    --------
    >>> lad_codes(example_table())
    ('E06000001', 'E06000002', 'E06000003')
    """
    _check_tidy(tidy)
    if "geography" in tidy.columns and (tidy["geography"] == "LAD").any():
        codes = tidy.loc[tidy["geography"] == "LAD", "area_code"]
    else:
        codes = tidy["area_code"][tidy["area_code"].astype(str).str.match(_LAD_CODE)]
    unique = {str(c) for c in codes.dropna().unique()}  # unique first: tables are long
    return tuple(sorted(c for c in unique if c.startswith(prefix)))


def pivot_measure(
    tidy: pd.DataFrame,
    measure: str,
    *,
    areas: AreaLike | None = None,
    industry_code: str | None = "Total",
) -> pd.DataFrame:
    """Return one measure as a wide table: index ``area_code``, columns ``period``.

    Parameters
    ----------
    tidy : DataFrame
        Tidy long table.
    measure : str
        Measure id, e.g. ``"gva_per_hour"``.
    areas : Area, str or iterable of str, optional
        Keep (and order rows by) these codes; all must be in the table. Codes with
        no row for this measure come back as all-NaN rows.
    industry_code : str or None, default "Total"
        For tables with an ``industry_code`` column (``gva_lad_industry``), the
        industry to keep; ``None`` keeps all rows (only valid if that leaves one
        row per area and period).

    Returns
    -------
    DataFrame
        Float values; periods sorted as years.

    Raises
    ------
    UnknownMeasureError
        If the measure is not in the table (close matches are suggested).
    UnknownAreaError
        If codes in ``areas`` are not in the table.
    ProductivityError
        If more than one row per area and period remains.

    Examples
    --------
    >>> w = pivot_measure(example_table(), "hours_per_week", areas=["E06000002", "UKX"])
    >>> w.index.name, w.columns.name, list(w.columns)
    ('area_code', 'period', ['2021', '2022'])
    >>> w.loc["UKX"].tolist()
    [10000000.0, 10000000.0]
    >>> import textwrap
    >>> try:
    ...     pivot_measure(example_table(), "gva_per_hours")
    ... except UnknownMeasureError as err:
    ...     print(textwrap.fill(str(err), 80))
    unknown measure 'gva_per_hours' in example_productivity_lad. Did you mean
    'gva_per_hour', 'gva_per_hour_index', 'gva_per_job'? Available: filled_jobs,
    gva_per_hour, gva_per_hour_index, gva_per_job, gva_per_job_index, hours_per_week
    """
    _check_tidy(tidy)
    _check_measure(tidy, measure)
    cols = ["area_code", "period", "value"]
    if industry_code is not None and "industry_code" in tidy.columns:
        cols.append("industry_code")
    sub = tidy.loc[tidy["measure"] == measure, cols]  # only the columns used: a cheaper take
    if industry_code is not None and "industry_code" in sub.columns:
        inds = set(sub["industry_code"].dropna().astype(str))
        if industry_code not in inds:
            raise ProductivityError(
                f"industry_code {industry_code!r} not found for {measure!r}; "
                f"available include {sorted(inds)[:10]}"
            )
        sub = sub.loc[sub["industry_code"] == industry_code]
    sub = pd.DataFrame(
        {
            "area_code": sub["area_code"].astype(str).to_numpy(),
            "period": sub["period"].astype(str).to_numpy(),
            "value": pd.to_numeric(sub["value"], errors="coerce").astype(float).to_numpy(),
        }
    )
    dup = sub.duplicated(["area_code", "period"], keep=False)
    if dup.any():
        ex = sub.loc[dup, ["area_code", "period"]].drop_duplicates().head(3)
        raise ProductivityError(
            f"measure {measure!r} has several rows per area and period "
            f"(e.g. {list(ex.itertuples(index=False, name=None))}); filter the table first "
            "(other dimension columns such as industry_code?)"
        )
    wide = sub.pivot(index="area_code", columns="period", values="value")
    periods = _sort_periods(wide.columns)
    wide = wide.reindex(columns=periods).astype(float)
    wide.index = pd.Index([str(i) for i in wide.index], name="area_code")
    wide.columns = pd.Index(periods, name="period")
    if areas is not None:
        codes = check_area_codes(tidy, areas)
        wide = wide.reindex(index=pd.Index(codes, name="area_code"))
    return wide



# ----------------------------------------------------------------------------------------------
# Levels: implied GVA and ratio-of-sums aggregation
# ----------------------------------------------------------------------------------------------


def _labour_and_rate(
    tidy: pd.DataFrame, spec: _PerSpec
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    rate = pivot_measure(tidy, spec.rate)
    labour = pivot_measure(tidy, spec.labour) * spec.scale
    periods = _sort_periods(set(rate.columns) | set(labour.columns))
    return rate, labour, periods



def implied_gva(
    tidy: pd.DataFrame, *, per: Per = "hour", areas: AreaLike | None = None
) -> pd.DataFrame:
    """Return annual GVA (GBP, current prices) implied by the productivity workbook.

    ``gva_per_hour x hours_per_week x 52`` for ``per="hour"`` (ONS hours are
    weekly and ONS uses 52 weeks a year), or ``gva_per_job x filled_jobs`` for
    ``per="job"``. The published rates are rounded (GVA per hour to 10p), so
    implied GVA differs slightly from the regional accounts; use
    ``gva_lad_industry`` when GVA itself is wanted.

    Parameters
    ----------
    tidy : DataFrame
        ``productivity_lad``-style table.
    per : {"hour", "job"}
        Which pair of measures to multiply.
    areas : Area, str or iterable of str, optional
        Keep these codes.

    Returns
    -------
    DataFrame
        Index ``area_code``, columns ``period``, GBP a year.

    Examples
    --------
    >>> g = implied_gva(example_table(), areas=["E06000001"])
    >>> float(g.loc["E06000001", "2021"])  # 30 GBP/hour x 1m hours/week x 52
    1560000000.0
    """
    spec = _per_spec(per)
    rate, labour, periods = _labour_and_rate(tidy, spec)
    codes = check_area_codes(tidy, areas) if areas is not None else None
    idx = pd.Index(
        codes if codes is not None else sorted(set(rate.index) | set(labour.index)),
        name="area_code",
    )
    rate = rate.reindex(index=idx, columns=periods)
    labour = labour.reindex(index=idx, columns=periods)
    return rate * labour



def aggregate_productivity(
    tidy: pd.DataFrame,
    area: AreaLike,
    *,
    per: Per = "hour",
    index_base: AreaLike | None = UK_CODE,
    on_missing: OnMissing = "flag",
    name: str | None = None,
) -> pd.DataFrame:
    """Aggregate district productivity to an area as a ratio of sums.

    For each period the area's GVA per hour worked is
    ``sum_i(gva_per_hour_i x hours_i) / sum_i(hours_i)``, i.e. the sum of implied
    annual GVA over the sum of annual hours (weekly hours x 52): the
    hours-weighted mean of district rates, never the simple mean of rates. GVA
    per filled job is weighted by filled jobs the same way. ONS's methods give the
    same figure: aggregating the June 2024 LAD workbook reproduces its published
    combined-authority figures to within about 0.5% (the LAD rates are rounded).

    A district missing a rate or a labour input in a period is left out of
    **both** sums for that period and listed in ``missing``; the area figure is
    then flagged ``complete=False`` (``on_missing="flag"``), blanked
    (``"nan"``) or rejected (``"raise"``).

    Parameters
    ----------
    tidy : DataFrame
        Tidy table with ``gva_per_hour`` and ``hours_per_week`` (or
        ``gva_per_job`` and ``filled_jobs``), e.g. ``productivity_lad``; the
        ``productivity_itl`` and ``productivity_ca`` tables work too.
    area : Area, str or iterable of str
        The districts (or published areas) making up the area: a geography
        :class:`~lis_analytics.geography.Area` (as :func:`lis_analytics.get_area` returns;
        its ``lad_codes`` and ``name`` are used), one code such as ``"UKX"``, or codes.
    per : {"hour", "job"}, default "hour"
        GVA per hour worked or per filled job.
    index_base : Area, str, iterable of str or None, default "UKX"
        Area whose figure is 100 in the index column (default the ``UKX`` row,
        UK less extra-regio). ``None`` leaves the index out. A base with missing
        districts makes the period incomplete too (listed in ``base_missing``).
    on_missing : {"flag", "nan", "raise"}, default "flag"
        What to do with periods where some districts have no data.
    name : str, optional
        Area name for the ``area`` column (defaults to the Area's name, else the single
        code, ``"UK"`` for ``UKX``, else ``"Area"``).

    Returns
    -------
    DataFrame
        Indexed by ``period``, with columns ``area``; ``gva`` (GBP a year,
        current prices); ``hours`` (annual hours worked) or ``jobs``;
        ``gva_per_hour`` or ``gva_per_job`` (GBP); ``gva_per_hour_index`` or
        ``gva_per_job_index`` (``index_base`` = 100); ``n_lads``; ``n_missing``;
        ``missing`` (tuple of codes without data); ``base_missing``;
        ``complete`` (bool).

    Raises
    ------
    UnknownAreaError
        If codes of the area or of ``index_base`` are not in the table at all (as
        opposed to missing values); pass ``index_base=None`` for a table without
        a ``UKX`` row.
    IncompleteDataError
        With ``on_missing="raise"`` when a period has missing districts.

    See Also
    --------
    aggregate_areas : Several areas at once in one long table.
    productivity_gap_gbp : The gap in pounds between two aggregates.

    Examples
    --------
    Two districts at 30 and 20 GBP/hour with 1m and 3m hours a week: the ratio of
    sums is (30 x 1 + 20 x 3) / 4 = 22.5, not the mean of rates (25).

    >>> t = example_table()
    >>> r = aggregate_productivity(t, ["E06000001", "E06000002"], name="Tees")
    >>> print(r[["gva_per_hour", "gva_per_hour_index", "complete"]].round(2).reset_index()
    ...       .to_string(index=False))
    period  gva_per_hour  gva_per_hour_index  complete
      2021         22.50               68.18      True
      2022         24.75               70.51      True
    >>> float(r.loc["2021", "hours"])  # 4m hours a week x 52
    208000000.0

    A geography :class:`~lis_analytics.geography.Area` (what :func:`lis_analytics.get_area`
    returns) works the same way, named by its ``name``:

    >>> from lis_analytics.geography import Area
    >>> tees = Area("tees", "Tees", "CUSTOM", ("E06000001", "E06000002"))
    >>> r = aggregate_productivity(t, tees)
    >>> r.loc["2021", "area"], float(r.loc["2021", "gva_per_hour"])
    ('Tees', 22.5)
    """
    spec = _per_spec(per)
    _check_on_missing(on_missing)
    rate, labour, periods = _labour_and_rate(tidy, spec)
    return _aggregate_wide(tidy, _named(area, name), spec, rate, labour, periods,
                           index_base, on_missing)



def _aggregate_wide(tidy: pd.DataFrame, a: _Named, spec: _PerSpec, rate: pd.DataFrame,
                    labour: pd.DataFrame, periods: list[str],
                    index_base: AreaLike | None, on_missing: OnMissing
                    ) -> pd.DataFrame:
    """:func:`aggregate_productivity` on rate and labour already pivoted wide."""
    codes = check_area_codes(tidy, a.codes)
    idx = pd.Index(codes, name="area_code")
    lab = labour.reindex(index=idx, columns=periods)
    sums = ratio_of_sums_table(rate.reindex(index=idx, columns=periods) * lab, lab)
    period_idx = pd.Index(periods, name="period")
    out = pd.DataFrame(
        {
            "area": a.name,
            "gva": sums.numerator.to_numpy(),
            spec.column: sums.denominator.to_numpy(),
            spec.rate: sums.ratio.to_numpy(),
        },
        index=period_idx,
    )
    index_col = f"{spec.rate}_index"
    base_missing: list[tuple[str, ...]] = [()] * len(periods)
    if index_base is not None:
        b = _named(index_base)
        bcodes = check_area_codes(tidy, b.codes)
        bidx = pd.Index(bcodes, name="area_code")
        blab = labour.reindex(index=bidx, columns=periods)
        bsums = ratio_of_sums_table(rate.reindex(index=bidx, columns=periods) * blab, blab)
        base_missing = bsums.missing
        out[index_col] = (sums.ratio / bsums.ratio * 100).to_numpy()
    out["n_lads"] = len(codes)
    out["n_missing"] = [len(m) for m in sums.missing]
    out["missing"] = pd.Series(sums.missing, index=period_idx, dtype=object)
    out["base_missing"] = pd.Series(base_missing, index=period_idx, dtype=object)
    out["complete"] = [not m and not bm for m, bm in zip(sums.missing, base_missing, strict=True)]
    incomplete = ~out["complete"]
    if incomplete.any():
        if on_missing == "raise":
            detail = "; ".join(
                f"{p}: {', '.join(out.at[p, 'missing'] + out.at[p, 'base_missing'])}"
                for p in out.index[incomplete][:5]
            )
            raise IncompleteDataError(
                f"{a.name}: {int(incomplete.sum())} period(s) with districts lacking "
                f"{spec.rate} or {spec.labour}: {detail}"
            )
        if on_missing == "nan":
            cols = ["gva", spec.column, spec.rate] + ([index_col] if index_col in out else [])
            out.loc[incomplete, cols] = np.nan
    return out


def aggregate_areas(
    tidy: pd.DataFrame,
    areas: Mapping[str, AreaLike] | Iterable[AreaLike],
    **kwargs: Any,
) -> pd.DataFrame:
    """Aggregate several areas with :func:`aggregate_productivity` into one long table.

    Parameters
    ----------
    tidy : DataFrame
        Tidy productivity table.
    areas : mapping of name -> area, or iterable of Area
        The areas, e.g. the area, its region and the UK (``{"UK": "UKX"}``); mapping
        values may be geography Areas, codes or a code; an iterable of geography Areas
        is keyed by their names.
    **kwargs
        Passed to :func:`aggregate_productivity` (``per``, ``index_base``,
        ``on_missing``).

    Returns
    -------
    DataFrame
        Columns ``area, period`` and the columns of :func:`aggregate_productivity`.

    Examples
    --------
    >>> t = example_table()
    >>> r = aggregate_areas(t, {"Tees": ["E06000001", "E06000002"], "UK": ["UKX"]})
    >>> latest = r.loc[r["period"] == "2022", ["area", "gva_per_hour"]].round(2)
    >>> print(latest.to_string(index=False))
    area  gva_per_hour
    Tees         24.75
      UK         35.10
    """
    frames = [f.reset_index() for f in aggregate_each(tidy, areas, **kwargs).values()]
    out = pd.concat(frames, ignore_index=True)
    first = ["area", "period"]
    return out[first + [c for c in out.columns if c not in first]]



def aggregate_each(
    tidy: pd.DataFrame,
    areas: Mapping[str, AreaLike] | Iterable[AreaLike],
    *,
    per: Per = "hour",
    index_base: AreaLike | None = UK_CODE,
    on_missing: OnMissing = "flag",
) -> dict[str, pd.DataFrame]:
    """Aggregate several areas: :func:`aggregate_productivity` for each, keyed by name.

    The same results as calling :func:`aggregate_productivity` once per area, but the
    district table is reshaped once rather than once per area (a pack aggregates its
    area, benchmarks and comparators from the same table).

    Parameters
    ----------
    tidy : DataFrame
        Tidy productivity table.
    areas : mapping of name -> area, or iterable of Area
        The areas, e.g. the area, its region and the UK (``{"UK": "UKX"}``); mapping
        values may be geography Areas, codes or a code; an iterable of geography Areas
        is keyed by their names.
    per, index_base, on_missing
        As in :func:`aggregate_productivity`.

    Returns
    -------
    dict of str to DataFrame
        Area name to its :func:`aggregate_productivity` frame, in the order given.

    Examples
    --------
    >>> t = example_table()
    >>> r = aggregate_each(t, {"Tees": ["E06000001", "E06000002"], "UK": ["UKX"]})
    >>> {name: round(float(f.loc["2022", "gva_per_hour"]), 2) for name, f in r.items()}
    {'Tees': 24.75, 'UK': 35.1}
    """
    area_list = _named_areas(areas)
    spec = _per_spec(per)
    _check_on_missing(on_missing)
    rate, labour, periods = _labour_and_rate(tidy, spec)
    return {a.name: _aggregate_wide(tidy, a, spec, rate, labour, periods, index_base,
                                    on_missing) for a in area_list}


def rank_areas(
    tidy: pd.DataFrame,
    measure: str = "gva_per_hour",
    period: str | None = None,
    *,
    geography: str | None = None,
    areas: AreaLike | None = None,
) -> pd.DataFrame:
    """Rank published areas on a measure in one period (1 = highest).

    Parameters
    ----------
    tidy : DataFrame
        Tidy table.
    measure : str, default "gva_per_hour"
        Measure to rank on.
    period : str, optional
        Period; defaults to the latest period with any value.
    geography : str, optional
        Keep rows with this ``geography`` label (e.g. ``"ITL1"``, ``"LAD"``).
        Without it, every area except ``UKX`` is ranked.
    areas : Area, str or iterable of str, optional
        Rank only among these codes.

    Returns
    -------
    DataFrame
        Columns ``area_code, area_name, period, value, rank`` (``rank`` is the
        "min" rank, ties share the better rank; areas without a value have no
        rank), sorted by rank.

    Examples
    --------
    >>> ranks = rank_areas(example_table(), "gva_per_hour", "2022", geography="LAD")
    >>> print(ranks.to_string(index=False))
    area_code  area_name period  value  rank
    E06000003    Eastham   2022   42.0     1
    E06000001  Northtown   2022   33.0     2
    E06000002 Southville   2022   22.0     3
    """
    _check_tidy(tidy)
    sub = tidy
    if geography is not None:
        if "geography" not in tidy.columns:
            raise ProductivityError("table has no geography column")
        sub = tidy.loc[tidy["geography"] == geography]
        if sub.empty:
            labels = sorted({str(g) for g in tidy["geography"].dropna().unique()})
            raise ProductivityError(f"no rows with geography {geography!r}; available: {labels}")
    wide = pivot_measure(sub, measure)
    if geography is None:
        wide = wide.drop(index=[UK_CODE], errors="ignore")
    if areas is not None:
        codes = check_area_codes(tidy, areas)
        wide = wide.reindex(index=pd.Index(codes, name="area_code"))
    if period is None:
        with_data = [p for p in wide.columns if wide[p].notna().any()]
        if not with_data:
            raise ProductivityError(f"no values for {measure!r}")
        period = with_data[-1]
    period = str(period)
    if period not in wide.columns:
        raise ProductivityError(
            f"period {period!r} not available for {measure!r}; available: {list(wide.columns)}"
        )
    names = area_names(tidy)
    vals = wide[period]
    out = pd.DataFrame(
        {
            "area_code": vals.index.astype(str),
            "area_name": [names.get(c, c) for c in vals.index],
            "period": period,
            "value": vals.to_numpy(),
            "rank": rank_values(vals, "higher_is_better").to_numpy(),
        }
    )
    return out.sort_values(["rank", "area_code"], na_position="last").reset_index(drop=True)

