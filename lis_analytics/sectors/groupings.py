"""Industry profiles and groupings: classify industries, and sector groupings of SIC divisions.

:func:`classify_industries` labels industries (distinctive strength, large employer, high
productivity, at risk). Sector groupings (the foundational economy, the Grand Challenges,
...) are sets of SIC 2007 divisions declared in ``config/sector_groupings.yaml``
(:func:`load_sector_groupings`); :func:`map_industries_to_groupings` and
:func:`grouping_summary` add industries up to them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import yaml

from lis_analytics.sectors._checks import (
    _area_totals,
    _as_matrix,
    _benchmark_series,
    _check_same_shape,
    _describe_labels,
    _nonzero_benchmark,
    _positive_total,
    _to_long,
    _two_period_benchmark,
)
from lis_analytics.sectors.sic import (
    _SECTION_RANGES,
    IMPUTED_RENT,
    _is_total,
    _section_atoms,
    industry_code_divisions,
)

__all__ = [
    "SectorGrouping",
    "classify_industries",
    "grouping_summary",
    "load_sector_groupings",
    "map_industries_to_groupings",
]


def classify_industries(
    start: pd.DataFrame,
    end: pd.DataFrame,
    *,
    benchmark: Hashable | tuple[pd.Series, pd.Series] | None = None,
    output: pd.DataFrame | None = None,
    benchmark_output: pd.Series | None = None,
    lq_threshold: float = 1.25,
    min_growth: float = 0.0,
    share_threshold: float = 0.05,
    productivity_basis: Literal["whole_economy", "same_industry"] = "whole_economy",
    productivity_ratio: float = 1.0,
    decline_margin: float = 0.0,
) -> pd.DataFrame:
    """Label each area's industries as strengths, large employers, high productivity or at risk.

    Labels (an industry can carry several, or none):

    * **distinctive strength**: ``LQ >= lq_threshold`` in the end period *and* growth
      between the periods above ``min_growth``;
    * **large employer**: share of the area's total in the end period
      ``>= share_threshold``;
    * **high productivity**: output per unit of ``end`` (e.g. GVA per job) above
      ``productivity_ratio`` times the benchmark (needs ``output``);
    * **at risk**: declining (growth below ``-decline_margin``) *and* growing less than
      the same industry in the benchmark by more than ``decline_margin``.

    Parameters
    ----------
    start, end
        Area x industry matrices (usually jobs) for the earlier and later period, same
        areas and industries, no missing cells.
    benchmark
        ``None`` (sum of rows), a row label (e.g. England), or a tuple
        ``(benchmark_start, benchmark_end)`` of Series.
    output
        Optional area x industry matrix of current-price GVA for the end period,
        aligned with ``end``; missing cells give ``<NA>`` for high productivity.
    benchmark_output
        Benchmark GVA by industry; needed only when ``benchmark`` is a tuple.
    lq_threshold
        Default 1.25: a quarter above the benchmark share, a common cut-off in cluster
        and LEP evidence work that leaves a margin for sampling noise and rounding in
        BRES/APS counts (1.0 would flag every industry just above average).
    min_growth
        Default 0.0: a strength must at least be growing (proportional change over
        the whole period, e.g. 0.05 for 5%).
    share_threshold
        Default 0.05 (5% of the area's total). With ~20 sections the average share is
        5%, so this picks the above-average employers; with 2-digit divisions (~88) a
        lower threshold such as 0.02 is more telling.
    productivity_basis
        ``"whole_economy"`` (default): compare with the benchmark's all-industry output
        per unit, i.e. industries that raise the area's average. ``"same_industry"``:
        compare with the same industry in the benchmark, i.e. where the area
        outperforms.
    productivity_ratio
        Default 1.0 (simply above the benchmark); e.g. 1.1 for 10% above.
    decline_margin
        Default 0.0: any decline faster than the benchmark's counts. Raise it (e.g.
        0.05) to flag only declines more than 5 points worse than the benchmark.

    Returns
    -------
    DataFrame
        One row per area and industry: ``area_code``, ``industry_code``, ``start``,
        ``end``, ``share``, ``benchmark_share``, ``lq``, ``growth``,
        ``benchmark_growth``, ``productivity``, ``benchmark_productivity``, the boolean
        columns ``distinctive_strength``, ``large_employer``, ``high_productivity``
        and ``at_risk``, and ``labels`` (the true labels joined with ``"; "``).
        Growth from zero is ``inf`` (counts as growing); zero to zero is ``NaN``.

    Examples
    --------
    >>> start = pd.DataFrame({"A": [10.0, 90.0], "C": [50.0, 450.0], "G": [40.0, 360.0]},
    ...                      index=["R", "rest"])
    >>> end = pd.DataFrame({"A": [20.0, 80.0], "C": [40.0, 460.0], "G": [40.0, 360.0]},
    ...                    index=["R", "rest"])
    >>> table = classify_industries(start, end)
    >>> for row in table[table["area_code"] == "R"].itertuples():
    ...     print(row.industry_code, round(row.lq, 2), round(row.growth, 2), "|", row.labels)
    A 2.0 1.0 | distinctive strength; large employer
    C 0.8 -0.2 | large employer; at risk
    G 1.0 0.0 | large employer
    """
    s = _as_matrix(start, "start", allow_missing=False)
    e = _as_matrix(end, "end", allow_missing=False)
    _check_same_shape(s, e, "start", "end")
    b0, b1 = _two_period_benchmark(s, e, benchmark)
    shares = e.div(_area_totals(e, None, "end"), axis=0)
    b_share = b1 / _positive_total(float(b1.sum()), "benchmark total in the end period")
    _nonzero_benchmark(b1, "the benchmark in the end period")
    lq = shares / b_share
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = e / s - 1.0
        b_growth = b1 / b0 - 1.0
    b_growth_frame = pd.DataFrame(
        np.broadcast_to(b_growth.to_numpy(), e.shape), index=e.index, columns=e.columns
    )
    strength = (lq >= lq_threshold) & (growth > min_growth)
    large = shares >= share_threshold
    at_risk = (growth < -decline_margin) & (growth < b_growth_frame - decline_margin)

    nan_frame = pd.DataFrame(np.nan, index=e.index, columns=e.columns)
    productivity = nan_frame
    bench_prod = nan_frame
    high = pd.DataFrame(pd.NA, index=e.index, columns=e.columns, dtype="boolean")
    if output is not None:
        y = _as_matrix(output, "output", allow_negative=True)
        _check_same_shape(e, y, "end", "output")
        if benchmark is None:
            if y.isna().to_numpy().any():
                raise ValueError(
                    "cannot sum the benchmark output over areas with missing cells; pass a "
                    "benchmark row label or benchmark_output="
                )
            b_y = y.sum(axis=0)
        elif isinstance(benchmark, tuple):
            if benchmark_output is None:
                raise ValueError("benchmark_output= is needed when benchmark is a tuple of Series")
            b_y = benchmark_output.reindex(y.columns).astype("float64")
            if b_y.isna().any():
                raise ValueError("benchmark_output is missing some industries")
        else:
            b_y = y.loc[benchmark]
            if b_y.isna().any():
                raise ValueError(f"benchmark row {benchmark!r} has missing output values")
        with np.errstate(divide="ignore", invalid="ignore"):
            productivity = (y / e).where(e > 0)
            if productivity_basis == "whole_economy":
                bench_value = float(b_y.sum() / b1.sum())
                bench_prod = pd.DataFrame(bench_value, index=e.index, columns=e.columns)
            elif productivity_basis == "same_industry":
                per_industry = (b_y / b1).where(b1 > 0)
                bench_prod = pd.DataFrame(
                    np.broadcast_to(per_industry.to_numpy(), e.shape),
                    index=e.index,
                    columns=e.columns,
                )
            else:
                raise ValueError(
                    "productivity_basis must be 'whole_economy' or 'same_industry', got "
                    f"{productivity_basis!r}"
                )
        known = productivity.notna() & bench_prod.notna()
        high = (productivity > productivity_ratio * bench_prod).astype("boolean").where(known)

    table = _to_long(
        {
            "start": s,
            "end": e,
            "share": shares,
            "benchmark_share": pd.DataFrame(
                np.broadcast_to(b_share.to_numpy(), e.shape), index=e.index, columns=e.columns
            ),
            "lq": lq,
            "growth": growth,
            "benchmark_growth": b_growth_frame,
            "productivity": productivity,
            "benchmark_productivity": bench_prod,
        }
    )
    for name, frame in (
        ("distinctive_strength", strength),
        ("large_employer", large),
        ("high_productivity", high),
        ("at_risk", at_risk),
    ):
        table[name] = pd.array(np.asarray(frame.to_numpy(dtype=object)).ravel(), dtype="boolean")
    label_names = {
        "distinctive_strength": "distinctive strength",
        "large_employer": "large employer",
        "high_productivity": "high productivity",
        "at_risk": "at risk",
    }
    flags = table[list(label_names)].fillna(False).to_numpy(dtype=bool)
    names = list(label_names.values())
    table["labels"] = ["; ".join(n for n, f in zip(names, row, strict=True) if f) for row in flags]
    return table


@dataclass(frozen=True)
class SectorGrouping:
    """A named set of SIC 2007 divisions, loaded from ``config/sector_groupings.yaml``.

    Attributes
    ----------
    id
        Identifier, e.g. ``"foundational_economy"``.
    title
        Short title for tables and charts.
    description
        What the grouping covers and how the SIC list approximates it.
    divisions
        Two-digit SIC 2007 divisions covered (``"68IMP"`` included if section L is).
    proxy
        ``True`` when the SIC list is only a proxy for a concept not defined by
        industry (e.g. the Grand Challenges).
    references
        ``(citation, url)`` pairs for who defined the concept and the SIC choice.
    notes
        Caveats of the division-level approximation.
    """

    id: str
    title: str
    description: str
    divisions: frozenset[str]
    proxy: bool
    references: tuple[tuple[str, str], ...]
    notes: str = ""


def _grouping_from_entry(entry: Mapping[str, object], where: str) -> SectorGrouping:
    if not isinstance(entry, Mapping):
        raise ValueError(f"{where}: each grouping must be a mapping")
    for key in ("id", "title", "description", "sic2007", "references", "proxy"):
        if key not in entry:
            raise ValueError(f"{where}: grouping {entry.get('id', '?')!r} lacks {key!r}")
    gid = str(entry["id"])
    sic = entry["sic2007"]
    if not isinstance(sic, Mapping):
        raise ValueError(f"{where}: {gid}: sic2007 must map 'sections'/'divisions' to lists")
    atoms: set[str] = set()
    for section in sic.get("sections", []) or []:
        letter = str(section).strip().upper()
        if letter not in _SECTION_RANGES:
            raise ValueError(f"{where}: {gid}: {section!r} is not a SIC 2007 section")
        atoms |= _section_atoms(letter)
    for division in sic.get("divisions", []) or []:
        text = f"{int(division):02d}" if isinstance(division, int) else str(division).strip()
        try:
            parsed = industry_code_divisions(text)
        except ValueError as exc:
            raise ValueError(f"{where}: {gid}: {exc}") from None
        atoms |= parsed
        if text == "68":
            atoms.add(IMPUTED_RENT)
    if not atoms:
        raise ValueError(f"{where}: {gid}: no SIC sections or divisions")
    refs = []
    for ref in entry["references"] or []:
        if not isinstance(ref, Mapping) or not ref.get("citation") or not ref.get("url"):
            raise ValueError(f"{where}: {gid}: every reference needs a citation and a url")
        refs.append((str(ref["citation"]).strip(), str(ref["url"]).strip()))
    if not refs:
        raise ValueError(f"{where}: {gid}: at least one reference is required")
    return SectorGrouping(
        id=gid,
        title=str(entry["title"]).strip(),
        description=" ".join(str(entry["description"]).split()),
        divisions=frozenset(atoms),
        proxy=bool(entry["proxy"]),
        references=tuple(refs),
        notes=" ".join(str(entry.get("notes", "") or "").split()),
    )


@lru_cache(maxsize=8)
def _load_groupings_text(text: str, where: str) -> tuple[SectorGrouping, ...]:
    data = yaml.safe_load(text)
    if not isinstance(data, Mapping) or "groupings" not in data:
        raise ValueError(f"{where}: expected a mapping with a 'groupings' list")
    groupings = tuple(_grouping_from_entry(e, where) for e in data["groupings"])
    ids = [g.id for g in groupings]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise ValueError(f"{where}: duplicate grouping ids {dup}")
    return groupings


def load_sector_groupings(source: str | PathLike[str] | None = None) -> dict[str, SectorGrouping]:
    """Load sector groupings (foundational economy, Grand Challenge proxies ...).

    Parameters
    ----------
    source
        A YAML file with the same layout; default the packaged
        ``lis_analytics/config/sector_groupings.yaml``.

    Returns
    -------
    dict of str to SectorGrouping
        Groupings by id, in file order.

    Raises
    ------
    ValueError
        If an entry lacks a field, names a non-existent section/division, has no
        reference with citation and URL, or ids repeat.

    Examples
    --------
    >>> groupings = load_sector_groupings()
    >>> "foundational_economy" in groupings, groupings["gc_ageing_society"].proxy
    (True, True)
    >>> sorted(groupings["foundational_economy_providential"].divisions)
    ['85', '86', '87', '88']
    """
    if source is None:
        resource = resources.files("lis_analytics").joinpath("config", "sector_groupings.yaml")
        text = resource.read_text(encoding="utf-8")
        where = "lis_analytics/config/sector_groupings.yaml"
    else:
        path = Path(source)
        text = path.read_text(encoding="utf-8")
        where = str(path)
    return {g.id: g for g in _load_groupings_text(text, where)}


def _resolve_groupings(
    groupings: Mapping[str, SectorGrouping] | Iterable[str] | None,
) -> list[SectorGrouping]:
    if groupings is None:
        return list(load_sector_groupings().values())
    if isinstance(groupings, Mapping):
        return list(groupings.values())
    available = load_sector_groupings()
    chosen = []
    for gid in groupings:
        if isinstance(gid, SectorGrouping):
            chosen.append(gid)
        elif gid in available:
            chosen.append(available[gid])
        else:
            raise ValueError(f"unknown grouping {gid!r}; available: {sorted(available)}")
    return chosen


def map_industries_to_groupings(
    codes: Iterable[str],
    groupings: Mapping[str, SectorGrouping] | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Match industry codes (sections, divisions, ONS groups) to sector groupings.

    Parameters
    ----------
    codes
        Industry codes, e.g. the columns of an industry matrix.
    groupings
        Groupings (as from :func:`load_sector_groupings`) or their ids; default all.

    Returns
    -------
    DataFrame
        One row per overlapping (grouping, industry) pair: ``grouping_id``,
        ``industry_code``, ``match`` (``"full"`` if every division of the code is in
        the grouping, ``"partial"`` otherwise), ``divisions_in_grouping`` and
        ``divisions_in_code`` (counts of divisions, not of activity).

    Raises
    ------
    ValueError
        If a code is not a SIC code.

    Examples
    --------
    >>> table = map_industries_to_groupings(["Q (86-88)", "CI-CL (26-30)", "F (41-43)"],
    ...                                     ["gc_ageing_society", "gc_future_of_mobility"])
    >>> print(table[["grouping_id", "industry_code", "match"]].to_string(index=False))
    ... # doctest: +NORMALIZE_WHITESPACE
              grouping_id industry_code   match
        gc_ageing_society     Q (86-88)    full
    gc_future_of_mobility CI-CL (26-30) partial
    """
    chosen = _resolve_groupings(groupings)
    parsed = {str(c): industry_code_divisions(str(c)) for c in codes if not _is_total(c)}
    rows = []
    for grouping in chosen:
        for code, atoms in parsed.items():
            common = atoms & grouping.divisions
            if not common:
                continue
            rows.append(
                {
                    "grouping_id": grouping.id,
                    "industry_code": code,
                    "match": "full" if atoms <= grouping.divisions else "partial",
                    "divisions_in_grouping": len(common - {IMPUTED_RENT}) or len(common),
                    "divisions_in_code": len(atoms - {IMPUTED_RENT}) or len(atoms),
                }
            )
    columns = [
        "grouping_id",
        "industry_code",
        "match",
        "divisions_in_grouping",
        "divisions_in_code",
    ]
    return pd.DataFrame(rows, columns=columns)


def grouping_summary(
    counts: pd.DataFrame,
    *,
    start: pd.DataFrame | None = None,
    groupings: Mapping[str, SectorGrouping] | Iterable[str] | None = None,
    benchmark: Hashable | pd.Series | tuple[pd.Series, pd.Series] | None = None,
    partial: Literal["exclude", "include", "raise"] = "exclude",
) -> pd.DataFrame:
    """Size, share, location quotient and growth of each sector grouping in each area.

    Parameters
    ----------
    counts
        Area x industry matrix (jobs, hours or current-price GVA) for the period of
        interest, columns SIC codes at one level, no missing cells.
    start
        Optional matrix for an earlier period (same shape) to compute growth.
    groupings
        Groupings or their ids; default all of :func:`load_sector_groupings`.
    benchmark
        ``None`` (sum of rows), a row label, a Series of industry totals for ``counts``,
        or with ``start`` a tuple ``(benchmark_start, benchmark_counts)``.
    partial
        Industry codes only partly inside a grouping (e.g. LAD GVA's ``CI-CL (26-30)``
        for a grouping with 29-30): ``"exclude"`` (default) leaves them out,
        ``"include"`` counts them whole, ``"raise"`` stops. Either way they are listed
        in ``partial_industries`` and ``coverage`` says ``"approximate"``.

    Returns
    -------
    DataFrame
        One row per area and grouping: ``area_code``, ``grouping_id``, ``title``,
        ``proxy``, ``size``, ``share`` (of the area total over all columns),
        ``benchmark_share``, ``lq``, ``size_start``, ``growth``, ``benchmark_growth``
        (these three ``NaN`` without ``start``), ``industries`` (codes counted),
        ``partial_industries``, ``missing_divisions`` (divisions of the grouping that no
        column covers at all, e.g. because the data lacks them) and ``coverage``:
        ``"exact"`` when whole columns cover every division of the grouping,
        ``"approximate"`` when some column is partial or some division is missing, and
        ``"none"`` when no column falls in the grouping.

    Examples
    --------
    >>> counts = pd.DataFrame({"85": [10.0, 90.0], "86-88": [30.0, 170.0], "62": [10.0, 190.0],
    ...                        "47": [50.0, 450.0]}, index=["R", "rest"])
    >>> table = grouping_summary(counts, groupings=["foundational_economy_providential"])
    >>> print(table[["area_code", "size", "share", "lq", "coverage"]].round(4).to_string())
    ... # doctest: +NORMALIZE_WHITESPACE
      area_code   size   share      lq coverage
    0         R   40.0  0.4000  1.3333    exact
    1      rest  260.0  0.2889  0.9630    exact
    """
    if partial not in ("exclude", "include", "raise"):
        raise ValueError(f"partial must be 'exclude', 'include' or 'raise', got {partial!r}")
    e = _as_matrix(counts, "counts", allow_missing=False)
    totals = e.sum(axis=1)
    zero = totals <= 0
    if zero.any():
        raise ValueError(f"counts has a zero total for {_describe_labels(totals.index[zero])}")
    if start is not None:
        s = _as_matrix(start, "start", allow_missing=False)
        _check_same_shape(s, e, "start", "counts")
        b0, b1 = _two_period_benchmark(s, e, benchmark)
    else:
        s = None
        if isinstance(benchmark, tuple):
            raise TypeError("a benchmark tuple needs start=")
        b0, b1 = None, _benchmark_series(e, benchmark, "counts")
    b_total = _positive_total(float(b1.sum()), "benchmark total")
    mapping = map_industries_to_groupings(e.columns, groupings)
    rows = []
    for grouping in _resolve_groupings(groupings):
        matched = mapping[mapping["grouping_id"] == grouping.id]
        full = matched.loc[matched["match"] == "full", "industry_code"].tolist()
        part = matched.loc[matched["match"] == "partial", "industry_code"].tolist()
        if part and partial == "raise":
            raise ValueError(
                f"grouping {grouping.id!r} only partly covers {_describe_labels(part)}; use "
                "finer industries or partial='exclude'/'include'"
            )
        members = full + (part if partial == "include" else [])
        keep = [c for c in e.columns if str(c) in members]
        seen_atoms = frozenset().union(
            *(industry_code_divisions(str(c)) for c in matched["industry_code"])
        )
        missing_div = sorted(grouping.divisions - {IMPUTED_RENT} - seen_atoms)
        size = e[keep].sum(axis=1)
        b_size = float(b1[keep].sum())
        b_share = b_size / b_total
        share = size / totals
        with np.errstate(divide="ignore", invalid="ignore"):
            lq = share / b_share if b_share > 0 else share * np.nan
        if s is not None and b0 is not None:
            size_start = s[keep].sum(axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                growth = size / size_start - 1.0
            b_start = float(b0[keep].sum())
            b_growth = b_size / b_start - 1.0 if b_start > 0 else np.nan
        else:
            size_start = pd.Series(np.nan, index=e.index)
            growth = pd.Series(np.nan, index=e.index)
            b_growth = np.nan
        coverage = "none" if not keep else ("approximate" if part or missing_div else "exact")
        rows.append(
            pd.DataFrame(
                {
                    "area_code": e.index,
                    "grouping_id": grouping.id,
                    "title": grouping.title,
                    "proxy": grouping.proxy,
                    "size": size.to_numpy(),
                    "share": share.to_numpy(),
                    "benchmark_share": b_share,
                    "lq": np.asarray(lq, dtype="float64"),
                    "size_start": size_start.to_numpy(),
                    "growth": growth.to_numpy(),
                    "benchmark_growth": b_growth,
                    "industries": "; ".join(str(c) for c in keep),
                    "partial_industries": "; ".join(part),
                    "missing_divisions": "; ".join(missing_div),
                    "coverage": coverage,
                }
            )
        )
    return pd.concat(rows, ignore_index=True)
