"""Two sources, one set of industries: concordance, harmonised matrices and industry labels."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lis_analytics.sectors._checks import _check_columns_partition
from lis_analytics.sectors.matrix import aggregate_industries
from lis_analytics.sectors.screens import is_ranked_for_productivity
from lis_analytics.sectors.sic import (
    _SECTION_RANGES,
    IMPUTED_RENT,
    _atom_section,
    _section_atoms,
    industry_code_divisions,
)

__all__ = ["IndustryConcordance", "harmonise_matrices", "industry_concordance", "label_industries"]


@dataclass(frozen=True)
class IndustryConcordance:
    """Common industries of two code lists (see :func:`industry_concordance`).

    Attributes
    ----------
    codes
        The common industry codes, in order of first appearance (first list, then second).
    map_a, map_b
        ``{code: common code}`` for the codes of each list that have a counterpart.
    only_a, only_b
        Codes with no counterpart in the other list (e.g. Census ``"99"`` when GVA has no
        section U); drop or report them.
    """

    codes: tuple[str, ...]
    map_a: dict[str, str]
    map_b: dict[str, str]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]


def _common_label(atoms: frozenset[str], members_a: list[str], members_b: list[str]) -> str:
    def exact(members: list[str]) -> list[str]:
        return [c for c in members if industry_code_divisions(c) - {IMPUTED_RENT} == atoms]

    if exact(members_a):
        return exact(members_a)[0]
    sections = sorted({_atom_section(a) for a in atoms})
    whole = all(_section_atoms(s) - {IMPUTED_RENT} <= atoms for s in sections)
    numbers = sorted(int(a) for a in atoms if a != IMPUTED_RENT)
    span = f"{numbers[0]:02d}-{numbers[-1]:02d}" if len(numbers) > 1 else f"{numbers[0]:02d}"
    letters = list(_SECTION_RANGES)
    contiguous = [letters.index(s) for s in sections] == list(
        range(letters.index(sections[0]), letters.index(sections[-1]) + 1))
    if whole and contiguous:
        head = sections[0] if len(sections) == 1 else f"{sections[0]}-{sections[-1]}"
        return f"{head} ({span})"
    if exact(members_b):
        return exact(members_b)[0]
    return ",".join(f"{n:02d}" for n in numbers) if len(numbers) != numbers[-1] - numbers[0] + 1 \
        else span


def industry_concordance(
    codes_a: Iterable[Hashable], codes_b: Iterable[Hashable], *, ignore_imputed_rent: bool = True
) -> IndustryConcordance:
    """Find the finest industries on which two non-overlapping code lists agree.

    Two sources rarely share an industry breakdown: ONS LAD GVA publishes ``41``, ``42``
    and ``43`` where Census 2021 has one category ``41-43``; Census 2011 has ``R,S`` where
    GVA has ``R (90-93)`` and ``S (94-96)``. Codes that share any division are joined
    (transitively) into one common industry, so both sources can be added up to the same
    columns with :func:`aggregate_industries` (or :func:`harmonise_matrices`).

    Parameters
    ----------
    codes_a, codes_b
        Industry codes of the two sources, each a non-overlapping list (no totals).
    ignore_imputed_rent
        Treat ``"L"``/``"L (68)"`` and ``"68"`` as the same industry (jobs data has no
        imputed rent); default True.

    Returns
    -------
    IndustryConcordance
        Common codes (an existing code when one covers exactly the common industry, else
        a label such as ``"F (41-43)"`` or ``"R-S (90-96)"``), the mappings and the codes
        with no counterpart.

    Examples
    --------
    >>> c = industry_concordance(["C (10-33)", "41", "42", "43", "R (90-93)", "S (94-96)"],
    ...                          ["C", "41-43", "R,S", "99"])
    >>> c.codes
    ('C (10-33)', 'F (41-43)', 'R-S (90-96)')
    >>> c.map_a["42"], c.map_b["R,S"], c.only_b
    ('F (41-43)', 'R-S (90-96)', ('99',))
    """
    list_a = [str(c) for c in codes_a]
    list_b = [str(c) for c in codes_b]
    _check_columns_partition(pd.Index(list_a), "codes_a")
    _check_columns_partition(pd.Index(list_b), "codes_b")
    drop = frozenset({IMPUTED_RENT}) if ignore_imputed_rent else frozenset()
    nodes = [("a", c) for c in list_a] + [("b", c) for c in list_b]
    atoms = {n: industry_code_divisions(n[1]) - drop for n in nodes}
    parent = {n: n for n in nodes}

    def find(n: tuple[str, str]) -> tuple[str, str]:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    owner: dict[str, tuple[str, str]] = {}
    for n in nodes:
        for atom in atoms[n]:
            if atom in owner:
                parent[find(n)] = find(owner[atom])
            else:
                owner[atom] = n
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for n in nodes:
        groups.setdefault(find(n), []).append(n)
    codes: list[str] = []
    map_a: dict[str, str] = {}
    map_b: dict[str, str] = {}
    only_a: list[str] = []
    only_b: list[str] = []
    for members in sorted(groups.values(), key=lambda m: nodes.index(m[0])):
        in_a = [c for side, c in members if side == "a"]
        in_b = [c for side, c in members if side == "b"]
        if not in_a or not in_b:
            (only_a if in_a else only_b).extend(in_a or in_b)
            continue
        union = frozenset().union(*(atoms[n] for n in members))
        label = _common_label(union, in_a, in_b)
        codes.append(label)
        map_a.update({c: label for c in in_a})
        map_b.update({c: label for c in in_b})
    return IndustryConcordance(tuple(codes), map_a, map_b, tuple(only_a), tuple(only_b))


def harmonise_matrices(
    a: pd.DataFrame, b: pd.DataFrame, *, ignore_imputed_rent: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame, IndustryConcordance]:
    """Add up two area x industry matrices to their common industries.

    Columns with no counterpart in the other matrix are dropped (they are listed in the
    returned concordance's ``only_a``/``only_b`` so that you can report them).

    Examples
    --------
    >>> a = pd.DataFrame({"41": [1.0], "42": [2.0], "43": [3.0], "45": [4.0]}, index=["E1"])
    >>> b = pd.DataFrame({"41-43": [10.0], "45": [5.0], "48": [1.0]}, index=["E1"])
    >>> ha, hb, conc = harmonise_matrices(a, b)
    >>> ha.to_dict("records"), hb.to_dict("records"), conc.only_b
    ([{'F (41-43)': 6.0, '45': 4.0}], [{'F (41-43)': 10.0, '45': 5.0}], ('48',))
    """
    conc = industry_concordance(a.columns, b.columns, ignore_imputed_rent=ignore_imputed_rent)
    out_a = aggregate_industries(a[[c for c in a.columns if str(c) in conc.map_a]], conc.map_a)
    out_b = aggregate_industries(b[[c for c in b.columns if str(c) in conc.map_b]], conc.map_b)
    return out_a[list(conc.codes)], out_b[list(conc.codes)], conc


def label_industries(
    indicators: pd.DataFrame,
    *,
    lq_threshold: float = 1.25,
    min_growth: float = 0.0,
    share_threshold: float = 0.05,
    productivity_ratio: float = 1.0,
    decline_margin: float = 0.0,
    corroborating_lq: Sequence[str] = (),
    screened: str | None = None,
) -> pd.DataFrame:
    """Label industries from indicators that may come from different sources.

    The rules of :func:`classify_industries`, applied to indicators you have already
    computed, so that each label can use the best source for it (e.g. location quotient
    and growth from GVA, employment share from the Census, productivity from a year
    where output and jobs are both known):

    * **distinctive strength**: ``lq >= lq_threshold`` and ``growth > min_growth``, every
      column of ``corroborating_lq`` also ``>= lq_threshold`` (a strength holds on more than
      one measure) and the row not ``screened``;
    * **large employer**: ``share >= share_threshold``;
    * **high productivity**: ``productivity > productivity_ratio * benchmark_productivity``;
      ``<NA>`` for industries never ranked on productivity
      (:func:`~lis_analytics.sectors.screens.is_ranked_for_productivity`: households as
      employers, imputed rent), when the table has an ``industry_code`` column;
    * **at risk**: ``growth < -decline_margin`` and
      ``growth < benchmark_growth - decline_margin``.

    Parameters
    ----------
    indicators
        One row per (area and) industry with any of the columns ``lq``, ``growth``,
        ``benchmark_growth``, ``share``, ``productivity``, ``benchmark_productivity``. A
        label whose inputs are absent or missing is ``<NA>``.
    lq_threshold, min_growth, share_threshold, productivity_ratio, decline_margin
        As in :func:`classify_industries`.
    corroborating_lq : sequence of str
        Columns of other location quotients (e.g. ``jobs_lq``) that must also reach
        ``lq_threshold`` for a distinctive strength.
    screened : str, optional
        A boolean column, True where a data-quality screen flagged the industry
        (:mod:`lis_analytics.sectors.screens`): it cannot be a distinctive strength.

    Returns
    -------
    DataFrame
        ``indicators`` with boolean (nullable) columns ``distinctive_strength``,
        ``large_employer``, ``high_productivity``, ``at_risk`` and ``labels`` (true labels
        joined with ``"; "``).

    Examples
    --------
    >>> table = pd.DataFrame({"industry_code": ["A", "C"], "lq": [2.0, 0.8],
    ...                       "growth": [0.1, -0.2], "benchmark_growth": [0.0, 0.05],
    ...                       "share": [0.02, 0.12]})
    >>> label_industries(table)["labels"].tolist()
    ['distinctive strength', 'large employer; at risk']
    >>> table["jobs_lq"] = [1.1, 0.9]
    >>> label_industries(table, corroborating_lq=["jobs_lq"])["labels"].tolist()
    ['', 'large employer; at risk']
    """
    out = indicators.copy()

    def col(name: str) -> pd.Series:
        if name in out.columns:
            return pd.to_numeric(out[name], errors="coerce").astype("float64")
        return pd.Series(np.nan, index=out.index)

    def rule(mask: pd.Series, *inputs: pd.Series) -> pd.Series:
        known = pd.concat(inputs, axis=1).notna().all(axis=1)
        return mask.astype("boolean").where(known, pd.NA)

    lq, growth, b_growth = col("lq"), col("growth"), col("benchmark_growth")
    share, prod, b_prod = col("share"), col("productivity"), col("benchmark_productivity")
    others = [col(c) for c in corroborating_lq]
    strong = (lq >= lq_threshold) & (growth > min_growth)
    for other in others:
        strong &= other >= lq_threshold
    if screened is not None:
        strong &= ~out[screened].fillna(False).astype(bool)
    out["distinctive_strength"] = rule(strong, lq, growth, *others)
    out["large_employer"] = rule(share >= share_threshold, share)
    if "industry_code" in out.columns:
        ranked = out["industry_code"].map(is_ranked_for_productivity).astype(bool)
        prod = prod.where(ranked)
    out["high_productivity"] = rule(prod > productivity_ratio * b_prod, prod, b_prod)
    out["at_risk"] = rule((growth < -decline_margin) & (growth < b_growth - decline_margin),
                          growth, b_growth)
    names = {"distinctive_strength": "distinctive strength", "large_employer": "large employer",
             "high_productivity": "high productivity", "at_risk": "at risk"}
    flags = out[list(names)].fillna(False).to_numpy(dtype=bool)
    out["labels"] = ["; ".join(n for n, f in zip(names.values(), row, strict=True) if f)
                     for row in flags]
    return out
