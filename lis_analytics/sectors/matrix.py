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
