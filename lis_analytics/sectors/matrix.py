"""Industry matrices: from tidy tables to area x industry matrices, and between code lists.

The working shape of :mod:`lis_analytics.sectors` is an area x industry matrix of additive
quantities (see the package docstring). :func:`industry_matrix` and :func:`industry_panel`
build it from a tidy table of the data layer; :func:`industry_code_mapping`,
:func:`aggregate_industries` and :func:`aggregate_to_sections` add its columns up to a
coarser list of industries.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from lis_analytics.geography import bridge_counts
from lis_analytics.sectors._checks import (
    _as_matrix,
    _check_columns_partition,
    _describe_labels,
    _period_key,
)
from lis_analytics.sectors.sic import (
    _atom_section,
    _is_total,
    industry_code_divisions,
    select_industry_level,
)
from lis_analytics.sectors.suppression import fill_suppressed

__all__ = [
    "aggregate_industries",
    "aggregate_to_sections",
    "all_industry_rows",
    "industry_code_mapping",
    "industry_matrix",
    "industry_panel",
]


def industry_matrix(
    tidy: pd.DataFrame,
    measure: str,
    period: str | int,
    *,
    industries: Literal["section", "finest"] | Sequence[str] | None = None,
    exclude_imputed_rent: bool = False,
    area_codes: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Turn a tidy industry table into an area x industry matrix for one measure and period.

    Parameters
    ----------
    tidy
        Long table with at least ``area_code``, ``industry_code``, ``period``, ``measure``
        and ``value`` (the data layer's tidy layout, e.g. ``load_table("gva_lad_industry")``).
        Optional ``unit``, ``price_basis`` and ``dataset_id`` are recorded in ``attrs``.
    measure
        Measure id to keep, e.g. ``"gva_current_prices"`` or ``"employment"``.
    period
        Period to keep, compared as text (``2022`` and ``"2022"`` are the same).
    industries
        ``None`` keeps every code (including totals and overlapping aggregates);
        ``"section"`` or ``"finest"`` keeps one level via :func:`select_industry_level`;
        a list keeps exactly those codes, in that order.
    exclude_imputed_rent
        Passed to :func:`select_industry_level` when ``industries`` is a level name.
    area_codes
        Keep only these areas (all must be present), in this order.

    Returns
    -------
    DataFrame
        Index ``area_code``, columns ``industry_code``, float values; missing or
        suppressed cells are ``NaN``. ``attrs`` records ``measure``, ``period``,
        ``unit``, ``price_basis`` and ``dataset_id`` so that non-additive measures (CVM,
        indices, deflators) are refused by the additive methods.

    Raises
    ------
    ValueError
        If columns are missing, the measure or period is absent (the message lists what
        is available), an area or industry asked for is absent, or an area/industry pair
        appears twice (filter by ``dataset_id`` or ``code_vintage`` first).

    Examples
    --------
    >>> tidy = pd.DataFrame({
    ...     "area_code": ["E1", "E1", "E1", "E2", "E2", "E2"],
    ...     "industry_code": ["Total", "A", "C"] * 2,
    ...     "period": "2022", "measure": "jobs",
    ...     "value": [30.0, 10.0, 20.0, 50.0, 20.0, 30.0],
    ... })
    >>> industry_matrix(tidy, "jobs", 2022, industries="section")  # doctest: +NORMALIZE_WHITESPACE
    industry_code     A     C
    area_code
    E1             10.0  20.0
    E2             20.0  30.0
    """
    if not isinstance(tidy, pd.DataFrame):
        raise TypeError(f"tidy must be a DataFrame, got {type(tidy).__name__}")
    required = ["area_code", "industry_code", "period", "measure", "value"]
    absent = [c for c in required if c not in tidy.columns]
    if absent:
        raise ValueError(f"tidy table lacks column(s) {absent}; it needs {required}")
    rows = tidy[tidy["measure"].astype(str) == measure]
    if rows.empty:
        available = sorted(tidy["measure"].astype(str).unique())
        raise ValueError(f"measure {measure!r} not in the table; available: {available}")
    rows = rows[rows["period"].astype(str) == str(period)]
    if rows.empty:
        available = sorted(
            tidy.loc[tidy["measure"].astype(str) == measure, "period"].astype(str).unique()
        )
        raise ValueError(
            f"period {str(period)!r} not in the table for {measure!r}; available: "
            f"{_describe_labels(available, limit=40)}"
        )
    if area_codes is not None:
        wanted = [str(a) for a in area_codes]
        present = set(rows["area_code"].astype(str))
        missing_areas = [a for a in wanted if a not in present]
        if missing_areas:
            raise ValueError(
                f"area(s) {_describe_labels(missing_areas)} have no {measure!r} rows for {period}"
            )
        rows = rows[rows["area_code"].astype(str).isin(wanted)]
    keys = rows[["area_code", "industry_code"]].astype(str)
    dup = keys.duplicated(keep=False)
    if dup.any():
        examples = keys[dup].drop_duplicates().head(3).itertuples(index=False)
        raise ValueError(
            f"{int(dup.sum())} rows share an area_code/industry_code pair for {measure!r} "
            f"{period} (e.g. {[tuple(e) for e in examples]}); filter by dataset_id, geography "
            "or code_vintage first"
        )
    area_order = list(dict.fromkeys(keys["area_code"]))
    code_order = list(dict.fromkeys(keys["industry_code"]))
    matrix = (
        pd.DataFrame(
            {
                "area_code": keys["area_code"].to_numpy(),
                "industry_code": keys["industry_code"].to_numpy(),
                "value": pd.to_numeric(rows["value"]).to_numpy(dtype="float64"),
            }
        )
        .pivot(index="area_code", columns="industry_code", values="value")
        .reindex(index=area_order, columns=code_order)
    )
    if area_codes is not None:
        matrix = matrix.reindex(index=[str(a) for a in area_codes])
    if industries is not None:
        if isinstance(industries, str):
            chosen = select_industry_level(
                code_order, industries, exclude_imputed_rent=exclude_imputed_rent
            )
        else:
            chosen = [str(c) for c in industries]
            missing_codes = [c for c in chosen if c not in matrix.columns]
            if missing_codes:
                raise ValueError(
                    f"industry code(s) {_describe_labels(missing_codes)} not in the table; "
                    f"available: {_describe_labels(code_order, limit=60)}"
                )
        matrix = matrix[chosen]
    matrix.index.name = "area_code"
    matrix.columns.name = "industry_code"
    attrs: dict[str, object] = {"measure": measure, "period": str(period)}
    for col in ("unit", "price_basis", "dataset_id"):
        if col in rows.columns:
            attrs[col] = "; ".join(sorted(rows[col].astype(str).unique()))
    matrix.attrs = attrs
    return matrix


def industry_panel(
    tidy: pd.DataFrame,
    measure: str,
    periods: Sequence[str | int] | None = None,
    **kwargs: object,
) -> dict[str, pd.DataFrame]:
    """Build one industry matrix per period, with the same areas and industries in each.

    Parameters
    ----------
    tidy, measure
        As for :func:`industry_matrix`.
    periods
        Periods to include; default every period of ``measure``, in sorted order.
    **kwargs
        Passed to :func:`industry_matrix` (``industries``, ``exclude_imputed_rent``,
        ``area_codes``).

    Returns
    -------
    dict of str to DataFrame
        ``{period: matrix}`` in period order, every matrix reindexed to the union of
        areas (an area absent in a year gets ``NaN``, which the change methods reject).

    Examples
    --------
    >>> tidy = pd.DataFrame({
    ...     "area_code": ["E1", "E1", "E1", "E1"], "industry_code": ["A", "C", "A", "C"],
    ...     "period": ["2021", "2021", "2022", "2022"], "measure": "jobs",
    ...     "value": [1.0, 2.0, 3.0, 4.0]})
    >>> panel = industry_panel(tidy, "jobs")
    >>> list(panel), panel["2022"].loc["E1", "C"]
    (['2021', '2022'], np.float64(4.0))
    """
    if not isinstance(tidy, pd.DataFrame) or "measure" not in tidy.columns:
        raise ValueError("tidy must be a DataFrame with a 'measure' column")
    rows = tidy[tidy["measure"].astype(str) == measure]
    if periods is None:
        periods = sorted(rows["period"].astype(str).unique(), key=_period_key)
    source = rows if not rows.empty else tidy  # let industry_matrix report a missing measure
    matrices = {str(p): industry_matrix(source, measure, p, **kwargs) for p in periods}  # type: ignore[arg-type]
    if not matrices:
        raise ValueError(f"no periods for measure {measure!r}")
    areas = list(dict.fromkeys(a for m in matrices.values() for a in m.index))
    columns = next(iter(matrices.values())).columns
    out = {}
    for period, matrix in matrices.items():
        if not matrix.columns.equals(columns):
            raise ValueError(
                f"period {period} has different industry codes from the first period; pass "
                "industries= explicitly"
            )
        reindexed = matrix.reindex(index=areas)
        reindexed.attrs = dict(matrix.attrs)
        out[period] = reindexed
    return out


def aggregate_industries(
    counts: pd.DataFrame, mapping: Mapping[str, str] | Callable[[str], str]
) -> pd.DataFrame:
    """Add up industry columns into broader groups.

    Parameters
    ----------
    counts
        Area x industry matrix of an additive quantity.
    mapping
        Target label for each column: a dict (every column must be mapped) or a function
        of the column label.

    Returns
    -------
    DataFrame
        Area x group matrix, groups in order of first appearance. A group is ``NaN`` for
        an area if any of its members is missing there (suppressed cells are never
        counted as zero).

    Examples
    --------
    >>> counts = pd.DataFrame({"01": [1.0, 2.0], "03": [3.0, None], "10": [5.0, 6.0]},
    ...                       index=["E1", "E2"])
    >>> aggregate_industries(counts, {"01": "A", "03": "A", "10": "C"})
    ... # doctest: +NORMALIZE_WHITESPACE
    industry_code    A    C
    area_code
    E1             4.0  5.0
    E2             NaN  6.0
    """
    matrix = _as_matrix(counts, "counts")
    if callable(mapping):
        targets = {col: str(mapping(str(col))) for col in matrix.columns}
    else:
        unmapped = [c for c in matrix.columns if c not in mapping]
        if unmapped:
            raise ValueError(f"mapping has no group for column(s) {_describe_labels(unmapped)}")
        targets = {col: str(mapping[col]) for col in matrix.columns}
    groups = list(dict.fromkeys(targets.values()))
    values = matrix.to_numpy(dtype="float64")
    position = {g: i for i, g in enumerate(groups)}
    member = np.array([position[targets[c]] for c in matrix.columns])
    summed = np.column_stack(
        [values[:, member == i].sum(axis=1) for i in range(len(groups))]
    )  # a NaN member makes its group NaN: suppressed cells are never counted as zero
    out = pd.DataFrame(summed, index=matrix.index, columns=pd.Index(groups, name="industry_code"))
    out.attrs = dict(matrix.attrs)
    return out


def industry_code_mapping(
    source_codes: Iterable[Hashable], target_codes: Iterable[Hashable]
) -> dict[str, str]:
    """Map each fine industry code to the coarser target code that contains it.

    Use it to bring two sources to common industries, e.g. BRES jobs by 2-digit
    division onto the ONS GVA groups (``"CA-CB (10-15)"``, ``"49-51"`` ...) before a
    productivity decomposition: ``aggregate_industries(jobs, industry_code_mapping(
    jobs.columns, gva.columns))``.

    Parameters
    ----------
    source_codes
        Codes to map (e.g. divisions).
    target_codes
        Non-overlapping codes to map onto (e.g. one level of the ONS GVA hierarchy).

    Returns
    -------
    dict of str to str
        ``{source: target}``.

    Raises
    ------
    ValueError
        If a source code is not inside any target code, straddles two, or the targets
        overlap.

    Examples
    --------
    >>> industry_code_mapping(["10", "13", "41", "68"], ["CA-CB (10-15)", "F (41-43)", "L (68)"])
    {'10': 'CA-CB (10-15)', '13': 'CA-CB (10-15)', '41': 'F (41-43)', '68': 'L (68)'}
    """
    targets = [str(t) for t in target_codes if not _is_total(t)]
    _check_columns_partition(pd.Index(targets), "target_codes")
    target_atoms = {t: industry_code_divisions(t) for t in targets}
    mapping: dict[str, str] = {}
    problems = []
    for source in (str(s) for s in source_codes):
        atoms = industry_code_divisions(source)
        inside = [t for t, a in target_atoms.items() if atoms <= a]
        if len(inside) == 1:
            mapping[source] = inside[0]
            continue
        touching = [t for t, a in target_atoms.items() if atoms & a]
        problems.append(
            f"{source} ({'straddles ' + ' and '.join(touching) if touching else 'not covered'})"
        )
    if problems:
        raise ValueError(f"cannot map industry codes: {_describe_labels(problems)}")
    return mapping


def aggregate_to_sections(counts: pd.DataFrame) -> pd.DataFrame:
    """Add up division-level (or finer-than-section) columns into SIC 2007 sections.

    Parameters
    ----------
    counts
        Area x industry matrix whose columns are SIC codes that each fall within one
        section (``"01"``, ``"49-51"``, ``"68IMP"``, Census ``"48"`` ...).

    Returns
    -------
    DataFrame
        Area x section matrix (columns ``"A"`` ... ``"U"``, only those present, in
        alphabetical order). Missing members make the section ``NaN``.

    Raises
    ------
    ValueError
        If a column spans several sections (e.g. ``"AB (1-9)"``, Census 2011 ``"R,S"``),
        or columns overlap.

    Examples
    --------
    >>> counts = pd.DataFrame({"01": [1.0], "02": [2.0], "47": [4.0], "48": [1.0]},
    ...                       index=["W06000001"])
    >>> aggregate_to_sections(counts)  # doctest: +NORMALIZE_WHITESPACE
    industry_code    A    G
    area_code
    W06000001      3.0  5.0
    """
    matrix = _as_matrix(counts, "counts")
    mapping: dict[str, str] = {}
    spanning = []
    for col in matrix.columns:
        sections = {_atom_section(a) for a in industry_code_divisions(str(col))}
        if len(sections) > 1:
            spanning.append(f"{col} ({'+'.join(sorted(sections))})")
        else:
            mapping[col] = sections.pop()
    if spanning:
        raise ValueError(
            f"column(s) {_describe_labels(spanning)} span more than one section; keep them as "
            "they are or combine sections yourself with aggregate_industries()"
        )
    out = aggregate_industries(matrix, mapping)
    return out[sorted(out.columns)]


def all_industry_rows(gva_lad_industry: pd.DataFrame) -> pd.DataFrame:
    """All-industry rows of the LAD GVA-by-industry table (the ``gva_lad_total`` derived table).

    Examples
    --------
    >>> t = pd.DataFrame({"industry_code": ["Total", "A", "Total"], "value": [3.0, 1.0, 5.0]})
    >>> all_industry_rows(t)["value"].tolist()
    [3.0, 5.0]
    """
    rows = gva_lad_industry["industry_code"] == "Total"
    return gva_lad_industry[rows].reset_index(drop=True)


# ------------------------------------------------------------------ all-district tables
# Builders of the sectors chapter's derived tables (lis_analytics/data/derived.yaml): each
# takes its input tables by id and returns one wide table, districts (LAD 2023) by industry,
# with England (the sum of English districts) as an extra row.

ENGLAND = "E92000001"
"""GSS code of England, the benchmark row of the all-district tables."""


def _lad_pivot(gva_lad_industry: pd.DataFrame, measure: str,
               columns: Sequence[str] | None = None) -> pd.DataFrame:
    """District x industry matrix of one measure of the LAD GVA table, indexed by area and year."""
    lad = gva_lad_industry[gva_lad_industry["geography"] == "LAD"]
    rows = lad["measure"] == measure
    if columns is not None:  # pivot only the industries wanted (much faster)
        rows &= lad["industry_code"].isin(list(columns))
    wide = lad[rows].pivot_table(
        index=["area_code", "period"], columns="industry_code", values="value", aggfunc="first",
        dropna=False)
    codes = list(dict.fromkeys(lad["industry_code"])) if columns is None else list(columns)
    return wide.reindex(columns=codes)


def _gva_level(gva_lad_industry: pd.DataFrame) -> list[str]:
    """The finest non-overlapping level of the LAD GVA table (with imputed rent)."""
    lad = gva_lad_industry[gva_lad_industry["geography"] == "LAD"]
    return select_industry_level(list(dict.fromkeys(lad["industry_code"])), "finest")


def _with_england(wide: pd.DataFrame) -> pd.DataFrame:
    """``wide`` (indexed by area and year) with England, the sum of English districts, appended."""
    english = wide[wide.index.get_level_values("area_code").str.startswith("E")]
    england = english.groupby(level="period").sum(min_count=1)
    england.index = pd.MultiIndex.from_product([[ENGLAND], england.index],
                                               names=["area_code", "period"])
    return pd.concat([wide, england])


def _flat(wide: pd.DataFrame) -> pd.DataFrame:
    out = wide.reset_index()
    out.columns = [str(c) for c in out.columns]
    return out


def gva_filled_by_lad(gva_lad_industry: pd.DataFrame) -> pd.DataFrame:
    """District GVA at current prices (£m), finest level, every year, suppressed cells estimated.

    The ``sectors_gva_cp`` derived table. Industries are the finest non-overlapping level
    of the ONS LAD release (:func:`select_industry_level`, 35 industries plus imputed
    rent); cells ONS suppressed (``[c]``) are estimated year by year from the published
    totals above them (:func:`~lis_analytics.sectors.fill_suppressed`), and the few
    negative cells (one district-year at -£1m) are set to zero. England is the sum of
    English districts.

    Parameters
    ----------
    gva_lad_industry : DataFrame
        The tidy ``gva_lad_industry`` table.

    Returns
    -------
    DataFrame
        Columns ``area_code``, ``period`` and one per industry code.

    Examples
    --------
    >>> t = pd.DataFrame({"geography": "LAD", "measure": "gva_current_prices",
    ...                   "period": "2022", "area_code": ["E1"] * 4 + ["E2"] * 4,
    ...                   "industry_code": ["A-E", "AB (1-9)", "C (10-33)", "DE (35-39)"] * 2,
    ...                   "value": [6.0, None, 4.0, 1.0, 10.0, 3.0, 6.0, 1.0]})
    >>> gva_filled_by_lad(t).set_index("area_code").loc[:, "AB (1-9)"].to_dict()
    {'E1': 1.0, 'E2': 3.0, 'E92000001': 4.0}
    """
    cp = _lad_pivot(gva_lad_industry, "gva_current_prices")
    finest = _gva_level(gva_lad_industry)
    parts = [fill_suppressed(block, finest)[0]
             for _, block in cp.groupby(level="period", sort=True)]
    filled = pd.concat(parts).clip(lower=0.0)  # one -£1m cell (Southampton AB 2022)
    return _flat(_with_england(filled))


def gva_estimated_by_lad(gva_lad_industry: pd.DataFrame,
                         sectors_gva_cp: pd.DataFrame) -> pd.DataFrame:
    """District-years of :func:`gva_filled_by_lad` with estimated cells (True = estimated).

    The ``sectors_gva_estimated`` derived table: a cell is estimated when ONS suppressed it
    and :func:`~lis_analytics.sectors.fill_suppressed` could pin it down from a published
    total. Only district-years with at least one estimated cell are kept.

    Parameters
    ----------
    gva_lad_industry : DataFrame
        The tidy ``gva_lad_industry`` table.
    sectors_gva_cp : DataFrame
        Its filled matrix, :func:`gva_filled_by_lad`.

    Returns
    -------
    DataFrame
        Columns ``area_code``, ``period`` and one boolean column per industry code.

    Examples
    --------
    >>> t = pd.DataFrame({"geography": "LAD", "measure": "gva_current_prices",
    ...                   "period": "2022", "area_code": ["E1"] * 4 + ["E2"] * 4,
    ...                   "industry_code": ["A-E", "AB (1-9)", "C (10-33)", "DE (35-39)"] * 2,
    ...                   "value": [6.0, None, 4.0, 1.0, 10.0, 3.0, 6.0, 1.0]})
    >>> gva_estimated_by_lad(t, gva_filled_by_lad(t)).iloc[0].to_dict()
    {'area_code': 'E1', 'period': '2022', 'AB (1-9)': True, 'C (10-33)': False, 'DE (35-39)': False}
    """
    filled = sectors_gva_cp[sectors_gva_cp["area_code"] != ENGLAND].set_index(
        ["area_code", "period"])
    raw = _lad_pivot(gva_lad_industry, "gva_current_prices", filled.columns).reindex(
        filled.index)
    estimated = raw.isna().to_numpy() & filled.notna().to_numpy()
    out = pd.DataFrame(estimated, index=filled.index, columns=filled.columns)
    return out[out.any(axis=1)].reset_index()


def gva_deflators_england(gva_lad_industry: pd.DataFrame) -> pd.DataFrame:
    """England's implied GVA deflators by industry and year (reference year = 100).

    The ``sectors_gva_deflators`` derived table: for each industry of the finest level
    (:func:`select_industry_level`), the sum over English districts of current-price GVA
    over the sum of chained-volume GVA, counting only district-years where both are
    published, times 100. Dividing an industry's current-price GVA by its deflator / 100
    gives constant prices of the CVM reference year, so industries can be added up.

    Parameters
    ----------
    gva_lad_industry : DataFrame
        The tidy ``gva_lad_industry`` table (measures ``gva_current_prices``, ``gva_cvm``).

    Returns
    -------
    DataFrame
        Columns ``period`` and one per industry code.

    Examples
    --------
    >>> t = pd.DataFrame({"geography": "LAD", "period": "2022", "area_code": "E1",
    ...                   "industry_code": ["Total", "A"] * 2,
    ...                   "measure": ["gva_current_prices"] * 2 + ["gva_cvm"] * 2,
    ...                   "value": [10.0, 10.0, 8.0, 8.0]})
    >>> gva_deflators_england(t).to_dict("list")
    {'period': ['2022'], 'A': [125.0]}
    """
    finest = _gva_level(gva_lad_industry)
    cp = _lad_pivot(gva_lad_industry, "gva_current_prices", finest)
    cvm = _lad_pivot(gva_lad_industry, "gva_cvm", finest)
    both = cp.notna() & cvm.notna()
    eng = cp.index.get_level_values("area_code").str.startswith("E")
    num = cp.where(both)[eng].groupby(level="period").sum()
    den = cvm.where(both)[eng].groupby(level="period").sum()
    return _flat(num / den.replace(0, np.nan) * 100.0)


def _jobs_by_lad(table: pd.DataFrame, measure: str, what: str) -> pd.DataFrame:
    table = table[(table["measure"] == measure) & (table["industry_code"] != "Total")]
    bridged = bridge_counts(table, by=["industry_code"])
    unmapped = bridged.attrs.get("unmapped_codes", [])
    if unmapped:
        raise ValueError(f"{what}: district codes {unmapped[:5]} do not bridge to LAD 2023")
    wide = bridged.pivot(index="area_code", columns="industry_code", values="value")
    wide = wide.reindex(columns=list(dict.fromkeys(table["industry_code"])))
    england = wide[wide.index.str.startswith("E")].sum().rename(ENGLAND).to_frame().T
    out = pd.concat([wide, england])
    out.index.name = "area_code"
    return _flat(out)


def workplace_jobs_2011_by_lad(census2011_workplace_industry_lad: pd.DataFrame,
                               **bridge_tables: pd.DataFrame) -> pd.DataFrame:
    """Census 2011 workplace population by SIC section on LAD 2023 codes, England as a row.

    The ``sectors_workplace2011`` derived table: LAD 2011 counts are bridged to LAD 2023
    by summing (:func:`lis_analytics.geography.bridge_counts`).

    Parameters
    ----------
    census2011_workplace_industry_lad : DataFrame
        The tidy Census 2011 WP605 table (measure ``workplace_population``).
    **bridge_tables : DataFrame
        The lookups the bridge reads (declared as inputs so that their builds count in the
        table's signature; the bridge loads them itself).

    Returns
    -------
    DataFrame
        Columns ``area_code`` and one per section code (``R,S`` is one code).
    """
    return _jobs_by_lad(census2011_workplace_industry_lad, "workplace_population",
                        "census2011_workplace_industry_lad")


def residents_in_employment_2021_by_lad(census2021_industry_lad: pd.DataFrame,
                                        **bridge_tables: pd.DataFrame) -> pd.DataFrame:
    """Census 2021 residents in employment by SIC division on LAD 2023 codes, England as a row.

    The ``sectors_residents2021`` derived table: LAD 2021 counts are bridged to LAD 2023
    by summing (:func:`lis_analytics.geography.bridge_counts`).

    Parameters
    ----------
    census2021_industry_lad : DataFrame
        The tidy Census 2021 TS060 table (measure ``employed_residents``).
    **bridge_tables : DataFrame
        The lookups the bridge reads (declared as inputs so that their builds count in the
        table's signature; the bridge loads them itself).

    Returns
    -------
    DataFrame
        Columns ``area_code`` and one per division code (``41-43`` and ``48`` as the
        Census publishes them).
    """
    return _jobs_by_lad(census2021_industry_lad, "employed_residents", "census2021_industry_lad")
