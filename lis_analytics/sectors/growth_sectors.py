"""The Industrial Strategy's eight growth-driving sectors (IS-8) on SIC-based data.

The Modern Industrial Strategy (June 2025) names eight sectors; DBT's sector definitions
list (23 June 2025, dataset ``is8_sector_definitions``) gives each one SIC 2007 codes where
it can, at mixed levels (division ``64``, group ``303``, class ``3316``, subclass ``62011``),
and names *frontier industries*, some with SIC codes and some without.

Rules (all pure functions; the list and the data come in as DataFrames):

* **Definition**: a sector's SIC definition is the union of the SIC codes on all its rows,
  sector-level and frontier (frontier industries are parts of the sector, and some, such as
  automotive 29 in Advanced Manufacturing, lie outside the sector-level codes), with codes
  nested in a coarser code of the same sector dropped (:func:`normalise_codes`). The
  "Foundational industries and inputs" rows are not one of the eight and are left out.
* **Grade** (:func:`derive_grade`): DBT's own SIC / non-SIC / mixed label could not be read,
  so the grade is derived from the rows: *poor* when no row has a SIC code; *proxy* when
  there are SIC codes but none is a whole division and every named frontier industry is
  non-SIC; *partial* when some named frontier industry is non-SIC; else *well defined*.
  ``config/is8_sectors.yaml`` states each sector's grade and reason, and
  :func:`load_growth_sectors` refuses a config that disagrees with the rule.
* **Bounds** (:func:`category_bounds`): a source publishes categories (Census divisions,
  BRES divisions, the ~35 GVA industries such as ``CI-CL (26-30)``). A category wholly inside
  the definition counts in the *lower bound*; a category holding any part of it counts in the
  *upper bound*. A definition code finer than a division (``303``) can only be bounded.
* **Coverage** (:func:`coverage_table`): the share of the upper bound that the source resolves
  exactly, weighted by the source's own England figures: England's value in the lower-bound
  categories over England's value in the upper-bound categories. 100% means the source
  measures the definition exactly; with 2-digit data no weight below a division exists, so a
  division holding only a group or class of the definition counts wholly in the upper bound
  and not at all in the lower.
* **Per area** (:func:`sector_jobs`, :func:`sector_gva`): lower and upper bound, share of all,
  and location quotient against the benchmark row, each a ratio of sums over the area's
  districts. GVA is given only where the GVA industries capture the definition exactly.
* **Wording** (:func:`strength_claim`): a sector is a strength only when its lower-bound LQ is
  at least the threshold and its grade is *well defined* or *partial*.

Examples
--------
>>> normalise_codes(["64", "643", "6611", "66", "65202"])
('64', '65202', '66')
>>> b = category_bounds(("64", "65", "303"), {"K (64-66)": {"64", "65", "66"},
...                                           "64": {"64"}, "30": {"30"}})
>>> b.lower, b.upper
(('64',), ('30', '64', 'K (64-66)'))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from lis_analytics.sectors.sic import industry_code_divisions
from lis_analytics.sectors.specialisation import location_quotients

GRADES: tuple[str, ...] = ("well defined", "partial", "proxy", "poor")
"""Coverage grades, best first."""

CLAIMABLE_GRADES: frozenset[str] = frozenset({"well defined", "partial"})
"""Grades on which SIC data can support calling a sector a strength."""

FOUNDATIONAL = "Foundational industries and inputs"
"""Sector name of the list's foundational rows: not one of the eight."""

GRADE_SOURCE_NOTE = (
    "Coverage grades are derived by lis-analytics from the rows of DBT's sector definitions "
    "list (23 June 2025, third-party transcription), because DBT's own SIC/non-SIC/mixed label "
    "for each sector could not be read: poor = no SIC code; proxy = no whole SIC division and "
    "every frontier industry non-SIC; partial = some frontier industry non-SIC; well defined = "
    "SIC codes only.")
"""One sentence on where the grades come from, for tables and notes."""


@dataclass(frozen=True)
class GrowthSector:
    """One IS-8 sector: its SIC definition, frontier industries and coverage grade.

    Attributes
    ----------
    id, name, short : str
        Identifier, the Industrial Strategy's name and a short label for charts.
    grade : str
        One of :data:`GRADES` (see :func:`derive_grade`).
    reason : str
        Why the sector has its grade.
    codes : tuple of str
        The SIC 2007 definition, undotted, nested codes dropped (:func:`normalise_codes`).
    sic_frontier, non_sic_frontier : tuple of str
        Named frontier industries with SIC codes, and those without.
    """

    id: str
    name: str
    short: str
    grade: str
    reason: str
    codes: tuple[str, ...]
    sic_frontier: tuple[str, ...] = ()
    non_sic_frontier: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Name with the grade, as tables and charts show it.

        Examples
        --------
        >>> GrowthSector("d", "Defence", "Defence", "proxy", "", ("254",)).label
        'Defence (SIC coverage: proxy)'
        """
        return f"{self.name} (SIC coverage: {self.grade})"

    @property
    def measurable(self) -> bool:
        """False when SIC data cannot measure the sector at all (grade ``poor``)."""
        return self.grade != "poor" and bool(self.codes)

    @property
    def claimable(self) -> bool:
        """True when the grade lets SIC data support a strength claim."""
        return self.grade in CLAIMABLE_GRADES


@dataclass(frozen=True)
class CategoryBounds:
    """Source categories that bound a definition: wholly inside (lower) or touching (upper)."""

    lower: tuple[str, ...]
    upper: tuple[str, ...]
    partial: tuple[str, ...] = field(default=())
    unpublished: tuple[str, ...] = field(default=())

    @property
    def exact(self) -> bool:
        """True when the bounds are the same non-empty categories and nothing is unpublished."""
        return bool(self.upper) and self.lower == self.upper and not self.unpublished


def normalise_codes(codes: Iterable[str]) -> tuple[str, ...]:
    """Sorted unique SIC codes with every code nested in a coarser listed code dropped.

    Raises
    ------
    ValueError
        If a code is not 2 to 5 digits.

    Examples
    --------
    >>> normalise_codes(["303", "303", "30", "3316", "29"])
    ('29', '30', '3316')
    """
    unique = sorted({str(c).strip() for c in codes if str(c).strip()})
    for code in unique:
        if not (code.isdigit() and 2 <= len(code) <= 5):
            raise ValueError(f"SIC code {code!r} is not an undotted SIC 2007 code of 2-5 digits")
    return tuple(c for c in unique
                 if not any(c != o and c.startswith(o) for o in unique))


def _frontier_has_sic(rows: pd.DataFrame) -> dict[str, bool]:
    """Named frontier industries of a sector's rows -> whether any of their rows has a code."""
    out: dict[str, bool] = {}
    frontier = rows[(rows["row_kind"] == "frontier") & (rows["frontier_industry"] != "")]
    for name, code in zip(frontier["frontier_industry"], frontier["sic_code"], strict=True):
        out[str(name)] = out.get(str(name), False) or code != ""
    return out


def derive_grade(rows: pd.DataFrame) -> str:
    """Coverage grade of one sector from its rows of the definitions list.

    ``rows`` has the columns of the ``is8_sector_definitions`` table used here:
    ``row_kind`` (``sector`` / ``frontier``), ``frontier_industry`` and ``sic_code``
    (``""`` when the row is non-SIC). A named frontier industry has SIC codes when any of
    its rows has one; frontier rows naming no industry count as SIC rows of the sector.

    Examples
    --------
    >>> rows = pd.DataFrame({"row_kind": ["sector", "frontier", "frontier"],
    ...                      "frontier_industry": ["", "Asset", "Fintech"],
    ...                      "sic_code": ["64", "663", ""]})
    >>> derive_grade(rows), derive_grade(rows.iloc[:2])
    ('partial', 'well defined')
    >>> derive_grade(rows.assign(sic_code=["254", "", ""]))
    'proxy'
    >>> derive_grade(rows.assign(sic_code=""))
    'poor'
    """
    codes = rows.loc[rows["sic_code"] != "", "sic_code"]
    if codes.empty:
        return "poor"
    with_sic = _frontier_has_sic(rows)
    non_sic = sum(not v for v in with_sic.values())
    if non_sic and non_sic == len(with_sic) and not (codes.str.len() == 2).any():
        return "proxy"
    return "partial" if non_sic else "well defined"


def _config() -> list[dict]:
    text = resources.files("lis_analytics").joinpath("config", "is8_sectors.yaml").read_text()
    return list(yaml.safe_load(text)["sectors"])


def load_growth_sectors(definitions: pd.DataFrame,
                        config: Sequence[Mapping] | None = None) -> tuple[GrowthSector, ...]:
    """The eight sectors, in the config's order, with codes and grades from the list.

    Parameters
    ----------
    definitions : DataFrame
        The ``is8_sector_definitions`` table (columns ``sector, row_kind,
        frontier_industry, sic_code``).
    config : sequence of mappings, optional
        Sector entries (``id, name, short, grade, reason``); by default
        ``lis_analytics/config/is8_sectors.yaml``.

    Raises
    ------
    ValueError
        When a configured sector is missing from the list, the list has a sector the config
        does not know (other than :data:`FOUNDATIONAL`), a grade is not one of
        :data:`GRADES`, or a configured grade differs from :func:`derive_grade`.

    Examples
    --------
    >>> defs = pd.DataFrame({"sector": ["Defence", "Defence"],
    ...                      "row_kind": ["sector", "frontier"],
    ...                      "frontier_industry": ["", "Drones"], "sic_code": ["254", ""]})
    >>> cfg = [{"id": "defence", "name": "Defence", "short": "Defence", "grade": "proxy",
    ...         "reason": "two groups"}]
    >>> s = load_growth_sectors(defs, cfg)[0]
    >>> s.codes, s.non_sic_frontier, s.label
    (('254',), ('Drones',), 'Defence (SIC coverage: proxy)')
    """
    entries = list(config) if config is not None else _config()
    known = {e["name"] for e in entries}
    listed = set(definitions["sector"]) - {FOUNDATIONAL}
    if listed - known:
        raise ValueError(f"sector(s) {sorted(listed - known)} of the definitions list are not in "
                         "config/is8_sectors.yaml")
    out = []
    for e in entries:
        rows = definitions[definitions["sector"] == e["name"]]
        if rows.empty:
            raise ValueError(f"IS-8 sector {e['name']!r} has no rows in the definitions list")
        if e["grade"] not in GRADES:
            raise ValueError(f"{e['name']}: grade {e['grade']!r} is not one of {GRADES}")
        derived = derive_grade(rows)
        if derived != e["grade"]:
            raise ValueError(f"{e['name']}: config/is8_sectors.yaml grades it {e['grade']!r} "
                             f"but the list's rows give {derived!r} (see derive_grade)")
        has_sic = _frontier_has_sic(rows)
        out.append(GrowthSector(
            id=str(e["id"]), name=str(e["name"]), short=str(e.get("short") or e["name"]),
            grade=str(e["grade"]), reason=" ".join(str(e.get("reason", "")).split()),
            codes=normalise_codes(rows["sic_code"]),
            sic_frontier=tuple(k for k, v in has_sic.items() if v),
            non_sic_frontier=tuple(k for k, v in has_sic.items() if not v)))
    return tuple(out)


def source_categories(codes: Iterable[str]) -> dict[str, frozenset[str]]:
    """A source's industry categories -> the SIC divisions each covers.

    A code that cannot be read as SIC covers no division; ``Total`` and section aggregates
    are the caller's to leave out. (The Census's pseudo-division ``48``, wholesale and retail
    not otherwise specified, reads as "48", which no definition holds.)

    Examples
    --------
    >>> cats = source_categories(["41-43", "K (64-66)", "unknown"])
    >>> sorted(cats["41-43"]), sorted(cats["K (64-66)"]), sorted(cats["unknown"])
    (['41', '42', '43'], ['64', '65', '66'], [])
    """
    out = {}
    for code in codes:
        try:
            out[str(code)] = frozenset(d for d in industry_code_divisions(code) if d.isdigit())
        except ValueError:
            out[str(code)] = frozenset()
    return out


def category_bounds(codes: Sequence[str],
                    categories: Mapping[str, Iterable[str]]) -> CategoryBounds:
    """Categories of a source wholly inside a definition (lower) and touching it (upper).

    Parameters
    ----------
    codes : sequence of str
        The definition (undotted SIC codes at any level).
    categories : mapping of str to iterable of str
        Source category -> the 2-digit divisions it covers (:func:`source_categories`).

    Returns
    -------
    CategoryBounds
        ``lower``: categories whose divisions are all whole divisions of the definition;
        ``upper``: categories holding any code of the definition; ``partial``: the upper
        categories not in the lower one; ``unpublished``: divisions of the definition in no
        category. Each sorted.

    Examples
    --------
    >>> b = category_bounds(["58", "59", "60", "5821"], {"58-60": ["58", "59", "60"],
    ...                                                "61-63": ["61", "62", "63"]})
    >>> b.lower, b.exact
    (('58-60',), True)
    >>> category_bounds(["6201"], {"62": ["62"]}).lower
    ()
    """
    whole = {c for c in codes if len(c) == 2}
    touched = {c[:2] for c in codes}
    lower, upper = [], []
    for cat, divisions in categories.items():
        divs = set(divisions)
        if divs and divs <= whole:
            lower.append(cat)
        if divs & touched:
            upper.append(cat)
    lower, upper = sorted(lower), sorted(upper)
    published = set().union(*map(set, categories.values())) if categories else set()
    return CategoryBounds(tuple(lower), tuple(upper), tuple(c for c in upper if c not in lower),
                          tuple(sorted(touched - published)))


def coverage_table(sectors: Sequence[GrowthSector],
                   sources: Mapping[str, pd.Series]) -> pd.DataFrame:
    """How much of each sector's definition each source resolves exactly.

    Parameters
    ----------
    sectors : sequence of GrowthSector
    sources : mapping of str to Series
        Source name -> the source's England (or national) values by category (jobs, GVA),
        the weights of the coverage.

    Returns
    -------
    DataFrame
        One row per sector and source: ``sector_id, sector, grade, source, coverage``
        (England's value in the lower-bound categories over that in the upper-bound ones;
        NaN when the sector has no SIC code), ``exact`` (lower = upper), ``lower``,
        ``partial`` (the categories, joined with ", ").

    Examples
    --------
    >>> s = GrowthSector("f", "Finance", "Finance", "partial", "", ("64", "65", "66"))
    >>> census = pd.Series({"64": 60.0, "65": 30.0, "66": 10.0, "69": 50.0})
    >>> gva = pd.Series({"K (64-66)": 100.0, "69": 40.0})
    >>> t = coverage_table([s], {"Census 2021": census, "GVA": gva})
    >>> t[["source", "coverage", "exact", "lower"]].values.tolist()
    [['Census 2021', 1.0, True, '64, 65, 66'], ['GVA', 1.0, True, 'K (64-66)']]
    """
    rows = []
    for name, weights in sources.items():
        cats = source_categories(weights.index)
        w = weights.astype(float)
        for s in sectors:
            b = category_bounds(s.codes, cats)
            up = float(w[list(b.upper)].sum()) if b.upper else 0.0
            cov = float(w[list(b.lower)].sum()) / up if up > 0 else np.nan
            rows.append({"sector_id": s.id, "sector": s.name, "grade": s.grade, "source": name,
                         "coverage": cov if s.measurable else np.nan, "exact": b.exact,
                         "lower": ", ".join(b.lower), "partial": ", ".join(b.partial)})
    return pd.DataFrame(rows)


def _lq(part: pd.Series, total: pd.Series, area: str, benchmark: str) -> tuple[float, float]:
    """The area's share and its location quotient (:func:`.location_quotients`).

    NaN for the quotient where the benchmark has none of the sector.
    """
    share = float(part[area] / total[area]) if total[area] > 0 else np.nan
    if not part[benchmark] > 0:
        return share, np.nan
    lq = location_quotients(part.to_frame("sector"), benchmark, area_totals=total)
    return share, float(lq.loc[area, "sector"])


def sector_jobs(jobs: pd.DataFrame, sectors: Sequence[GrowthSector], area: str = "area",
                benchmark: str = "benchmark") -> pd.DataFrame:
    """Jobs, shares and location quotients of the sectors from a division-level matrix.

    Parameters
    ----------
    jobs : DataFrame
        Rows ``area`` and ``benchmark`` (each the sum of its districts), one column per
        source category (Census 2021 divisions); the share's denominator is the row's sum.
    sectors : sequence of GrowthSector
    area, benchmark : str
        The two row labels.

    Returns
    -------
    DataFrame
        One row per sector: ``sector_id, sector, grade, label, jobs_lower, jobs_upper,
        share_lower, share_upper, benchmark_share_lower, lq_lower, lq_upper, exact,
        missing_reason`` (empty unless the figures are missing). A sector SIC cannot
        measure has NaN figures and a reason.

    Examples
    --------
    >>> m = pd.DataFrame({"64": [30.0, 100.0], "62": [20.0, 400.0], "10": [50.0, 500.0]},
    ...                  index=["area", "benchmark"])
    >>> s = GrowthSector("x", "X", "X", "partial", "", ("64", "6201"))
    >>> r = sector_jobs(m, [s]).iloc[0]
    >>> [round(float(v), 2) for v in (r.jobs_lower, r.jobs_upper, r.lq_lower, r.lq_upper)]
    [30.0, 50.0, 3.0, 1.0]
    """
    cats = source_categories(jobs.columns)
    total = jobs.sum(axis=1)
    rows = []
    for s in sectors:
        row = {"sector_id": s.id, "sector": s.name, "grade": s.grade, "label": s.label}
        if not s.measurable:
            rows.append({**row, "exact": False, "missing_reason": "no SIC code: SIC data cannot "
                                                                  "measure it"})
            continue
        b = category_bounds(s.codes, cats)
        low = jobs[list(b.lower)].sum(axis=1)
        up = jobs[list(b.upper)].sum(axis=1)
        share_low, lq_low = _lq(low, total, area, benchmark)
        share_up, lq_up = _lq(up, total, area, benchmark)
        rows.append({**row, "jobs_lower": float(low[area]), "jobs_upper": float(up[area]),
                     "share_lower": share_low, "share_upper": share_up,
                     "benchmark_share_lower": float(low[benchmark] / total[benchmark]),
                     "lq_lower": lq_low if b.lower else np.nan, "lq_upper": lq_up,
                     "exact": b.exact,
                     "missing_reason": "" if b.lower else
                     "no published category lies wholly inside the definition"})
    columns = ["sector_id", "sector", "grade", "label", "jobs_lower", "jobs_upper",
               "share_lower", "share_upper", "benchmark_share_lower", "lq_lower", "lq_upper",
               "exact", "missing_reason"]
    return pd.DataFrame(rows).reindex(columns=columns)


def sector_gva(current: pd.DataFrame, real_start: pd.DataFrame, real_end: pd.DataFrame,
               sectors: Sequence[GrowthSector], area: str = "area",
               benchmark: str = "benchmark") -> pd.DataFrame:
    """GVA, share, LQ and real change of the sectors the GVA industries capture exactly.

    Parameters
    ----------
    current : DataFrame
        Current-price GVA, rows ``area`` and ``benchmark``, one column per GVA industry
        (a non-overlapping set, e.g. the sectors chapter's 35 industries).
    real_start, real_end : DataFrame
        The same at constant prices at the start and end of the window (additive: current
        prices deflated with one deflator per industry).
    sectors : sequence of GrowthSector

    Returns
    -------
    DataFrame
        One row per sector: ``sector_id, gva_industries`` (the GVA industries summed, joined
        with ", "), ``gva, gva_share, benchmark_gva_share, gva_lq, real_growth,
        benchmark_real_growth`` (fractions over the window) and
        ``gva_missing_reason``; figures are NaN, with the reason, unless the GVA industries'
        lower and upper bound are the same.

    Examples
    --------
    >>> cp = pd.DataFrame({"K (64-66)": [10.0, 100.0], "69": [10.0, 300.0],
    ...                    "70-71": [0.0, 100.0]}, index=["area", "benchmark"])
    >>> f = GrowthSector("f", "F", "F", "partial", "", ("64", "65", "66"))
    >>> p = GrowthSector("p", "P", "P", "well defined", "", ("69", "702"))
    >>> out = sector_gva(cp, cp, cp * 1.1, [f, p])
    >>> round(float(out.loc[0, "gva_lq"]), 2), round(float(out.loc[0, "real_growth"]), 2)
    (2.5, 0.1)
    >>> out.loc[1, "gva_missing_reason"]
    'the GVA industries are coarser than the definition (70-71 holds only part of it)'
    """
    cats = source_categories(current.columns)
    total = current.sum(axis=1)
    rows = []
    for s in sectors:
        row: dict = {"sector_id": s.id}
        b = category_bounds(s.codes, cats) if s.measurable else CategoryBounds((), ())
        if not s.measurable:
            reason = "no SIC code: SIC data cannot measure it"
        elif not b.exact:
            where = ", ".join(b.partial) or ", ".join(b.unpublished)
            reason = (f"the GVA industries are coarser than the definition ({where} "
                      f"hold{'s' if len(b.partial) <= 1 else ''} only part of it)"
                      if b.partial else f"GVA is not published for division(s) {where}")
        else:
            reason = ""
            cols = list(b.lower)
            gva = current[cols].sum(axis=1)
            share, lq = _lq(gva, total, area, benchmark)
            growth = real_end[cols].sum(axis=1) / real_start[cols].sum(axis=1) - 1.0
            row.update(gva_industries=", ".join(cols), gva=float(gva[area]), gva_share=share,
                       benchmark_gva_share=float(gva[benchmark] / total[benchmark]),
                       gva_lq=lq, real_growth=float(growth[area]),
                       benchmark_real_growth=float(growth[benchmark]))
        rows.append({**row, "gva_missing_reason": reason})
    columns = ["sector_id", "gva_industries", "gva", "gva_share", "benchmark_gva_share",
               "gva_lq", "real_growth", "benchmark_real_growth", "gva_missing_reason"]
    return pd.DataFrame(rows).reindex(columns=columns)


def strength_claim(sector: GrowthSector, lq_lower: float, threshold: float) -> str:
    """What the pack may say about a sector's concentration.

    ``"not measurable"`` when SIC cannot measure the sector (grade ``poor``); ``"proxy: no
    claim"`` when its SIC codes are only a proxy for it (grade ``proxy``), whatever the
    location quotient; else ``"strength"`` when the lower-bound (exact) LQ is at least
    ``threshold`` and ``"not a strength"`` otherwise (including a missing LQ).

    Examples
    --------
    >>> d = GrowthSector("d", "Defence", "Defence", "proxy", "", ("254",))
    >>> f = GrowthSector("f", "Finance", "Finance", "partial", "", ("64",))
    >>> strength_claim(d, 3.0, 1.25), strength_claim(f, 3.0, 1.25), strength_claim(f, 1.2, 1.25)
    ('proxy: no claim', 'strength', 'not a strength')
    """
    if not sector.measurable:
        return "not measurable"
    if not sector.claimable:
        return "proxy: no claim"
    if lq_lower is None or not np.isfinite(lq_lower) or lq_lower < threshold:
        return "not a strength"
    return "strength"


def growth_sector_profile(jobs: pd.DataFrame, current: pd.DataFrame, real_start: pd.DataFrame,
                          real_end: pd.DataFrame, sectors: Sequence[GrowthSector],
                          threshold: float, area: str = "area",
                          benchmark: str = "benchmark") -> pd.DataFrame:
    """One row per sector: jobs (:func:`sector_jobs`), GVA (:func:`sector_gva`) and the claim.

    The inputs are two-row matrices (``area``, ``benchmark``) as in :func:`sector_jobs` and
    :func:`sector_gva`; ``threshold`` is the location quotient from which a sector may be
    called a strength (:func:`strength_claim`, on the lower-bound jobs LQ). Adds
    ``reason`` (why the sector has its grade), ``non_sic_frontier`` (joined names) and
    ``claim``.

    Examples
    --------
    >>> jobs = pd.DataFrame({"64": [30.0, 100.0], "10": [70.0, 900.0]},
    ...                     index=["area", "benchmark"])
    >>> gva = pd.DataFrame({"K (64-66)": [5.0, 50.0], "CA-CB (10-15)": [5.0, 150.0]},
    ...                    index=["area", "benchmark"])
    >>> f = GrowthSector("f", "Finance", "Finance", "partial", "", ("64",))
    >>> c = GrowthSector("c", "Clean", "Clean", "poor", "", ())
    >>> p = growth_sector_profile(jobs, gva, gva, gva, [f, c], 1.25)
    >>> p[["sector", "claim"]].values.tolist()
    [['Finance', 'strength'], ['Clean', 'not measurable']]
    >>> p.loc[0, "gva_missing_reason"]
    'the GVA industries are coarser than the definition (K (64-66) holds only part of it)'

    """
    out = sector_jobs(jobs, sectors, area, benchmark).merge(
        sector_gva(current, real_start, real_end, sectors, area, benchmark), on="sector_id")
    by_id = {s.id: s for s in sectors}
    out["reason"] = [by_id[i].reason for i in out["sector_id"]]
    out["non_sic_frontier"] = ["; ".join(by_id[i].non_sic_frontier) for i in out["sector_id"]]
    out["claim"] = [strength_claim(by_id[i], lq, threshold)
                    for i, lq in zip(out["sector_id"], out["lq_lower"], strict=True)]
    return out


def configured_growth_sectors() -> list[dict[str, str]]:
    """The eight sectors of ``config/is8_sectors.yaml`` (``id, name, short, grade, reason``).

    The grades there are checked against the definitions list by
    :func:`load_growth_sectors` whenever a chapter computes them; this reads the file alone
    (for pages that compare packs and have no list at hand).

    Examples
    --------
    >>> [s["grade"] for s in configured_growth_sectors()][:2]
    ['partial', 'poor']
    """
    return [{k: " ".join(str(e.get(k, "")).split()) for k in ("id", "name", "short", "grade",
                                                             "reason")} for e in _config()]
