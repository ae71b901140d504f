"""Travel-to-work areas (TTWAs) by the Coombes and Bond method used for the ONS 2011 TTWAs.

The algorithm (:func:`travel_to_work_areas`)
--------------------------------------------
1. Every zone starts as its own proto-area. For an area A, ``R`` = employed
   residents of A, ``W`` = jobs in A, ``T_AA`` = people living and working in A;
   supply-side self-containment is ``T_AA / R``, demand-side is ``T_AA / W`` and
   self-containment ``SC`` is the smaller of the two. Size is ``R``.
2. Each area gets a validity score ``V`` from the X-equation
   (:func:`x_equation_validity`); an area is valid when ``V >= 1``.
3. While some area is invalid, the *least valid* area is dissolved: each of its
   zones ``i`` moves to the area ``j`` with the strongest tie
   ``T_ij**2 / (R_i W_j) + T_ji**2 / (R_j W_i)`` (``T_ij``: zone ``i``
   residents working in area ``j``; ``T_ji``: area ``j`` residents working in
   zone ``i``; ``R``/``W`` of the zone and of the area).
4. Stop when every remaining area is valid (or reported unresolvable).

Choices the published method leaves open, as made here
------------------------------------------------------
* **X-equation.** Default ``form="lma"``, the multiplicative form of the R
  package LabourMarketAreas: ``Y = min(SC / tSC, 1)``,
  ``s = max(0, (tSZ - size) / (tSZ - mSZ))``, ``Z = 1 - (1 - mSC / tSC) s``,
  ``V = Y Z tSC / mSC``. At size >= tSZ, SC >= mSC is enough; at size mSZ, SC >=
  tSC is needed; below mSZ no area is valid (``Z < mSC / tSC`` so ``V < Y <= 1``,
  even with SC = 1). ``form="linear"`` is the straight-line trade-off
  ``SC >= tSC + k (min(size, tSZ) - mSZ)``, ``k = (mSC - tSC) / (tSZ - mSZ)``,
  with size >= mSZ required; its score is ``V = SC / threshold(size)`` (the
  threshold extrapolated below mSZ), capped at ``size / mSZ`` below mSZ so that
  too-small areas are invalid and rank by size.
* **Size** is employed residents ``R`` (after the special-destination policy).
* **Reassignment is not restricted to contiguous neighbours**: we have no
  boundaries, so ties come from flows only (a zone can join any area it has
  commuting with).
* **Order of moves.** The zones of a dissolved area move one at a time, the zone
  with most commuting to and from zones outside the dissolved area first (ties:
  zone code); each move updates the area aggregates, so later zones see where
  earlier ones went. A zone with no tie to any other area waits until the other
  zones have moved, then tries again.
* **No reserve list.** Unlike LabourMarketAreas, a move is made even if it does
  not improve validity; the dissolved area always disappears unless some of its
  zones have no commuting with any zone outside it.
* **Tie-breaking.** Least valid area: lowest ``V``, then smallest ``R``, then
  lowest area index (areas are indexed by their first zone in code order).
  Strongest tie: highest tie, then lowest area index.
* **Unresolvable areas.** If a dissolved area's remaining zones have no
  commuting with any zone outside them (an island of flows, or a zone with no
  flows at all), they cannot move: they stay together as an area, kept in the
  result with ``valid=False`` and an ``unresolved_reason``. This ends the loop:
  every round removes one area or freezes one, so at most ``n_zones`` rounds run.
* **Naming.** An area is named after its zone with most workplace jobs (ties:
  zone code), using ``zone_names`` when given, else the zone code. ``area_id``
  numbers areas 1, 2, ... by jobs, largest first.
* **Special destinations** follow :class:`lis_analytics.commuting.SpecialDestinationPolicy`:
  home workers *and* workers with no fixed place count as living and working in
  their zone (ONS's workday-population convention, and the way ONS codes the
  single Census 2021 category); offshore and outside-UK workers are excluded;
  workers in Scotland / NI count as out-commuters.

How many areas: the ONS 2011 comparison
---------------------------------------
ONS's 2011 TTWAs (Coombes, for ONS, from 2011 Census flows between LSOAs of the
whole UK) number 228: 149 wholly in England, 18 in Wales, 45 in Scotland, 10 in
Northern Ireland and 6 cross-border, so about 170-175 cover England and Wales.
With the defaults above and the published parameters (3,500 / 25,000 / 0.6667 /
0.75), the Census 2011 MSOA flows (7,201 zones) give **152 areas: 131 wholly in
England, 18 wholly in Wales (ONS: 18) and 3 across the border**, all valid, in
about 2 seconds (``benchmarks/bench_ttwa.py`` prints the breakdown). The algorithm is
deterministic: the integration test pins the count (:data:`MSOA_2011_AREAS`) and a
:func:`membership_digest` of the zone-to-area assignment exactly.

Sensitivity of the MSOA 2011 count (areas; everything else at the defaults). The
special-destination, X-equation and LAD rows are reproduced by
``benchmarks/bench_ttwa.py --sensitivity``; the size, order and reserve-list rows
were measured with throw-away variants of :func:`_cluster`, not kept in the code:

=====================================================================  =====
Variant                                                                Areas
=====================================================================  =====
Defaults (home workers and no fixed place at the residence)              152
No fixed place excluded (the previous default)                           128
Home workers and no fixed place both excluded                             96
Home workers excluded, no fixed place at the residence                   115
No fixed place counted as out-commuters ("outside")                       90
``form="linear"`` X-equation                                             152
Size = jobs / min(residents, jobs) / max(residents, jobs)       148 / 149 / 152
Zones of a dissolved area reassigned simultaneously                      146
Zones leave in the opposite order (least external commuting first)       153
One zone per round with a LabourMarketAreas-style reserve list            94
LAD 2011 zones (348) instead of MSOAs                                    133
=====================================================================  =====

So the treatment of no-fixed-place workers is what matters (2.2 million people,
8% of workers in 2011); the X-equation form, the size measure and the order of
moves change the count by a handful. The LabourMarketAreas variant (dissolving
one zone per round and parking on a reserve list any zone whose move would lower
the receiving area's validity) is *not* what Coombes and Bond describe for the
ONS TTWAs (the whole least-valid proto-area is dissolved and each of its zones
joins the area it is most tied to), and it gives far fewer areas here, so it is
not used. The remaining gap to ONS is in England, and is mostly the zones: an
MSOA holds about five LSOAs (3,700 workers on average, the size of the smallest
valid TTWA), so small towns and rural labour markets that ONS could separate
with LSOAs are merged into neighbours here; coarser zones give fewer areas (LAD
zones give 133). England-Scotland border areas also lose their Scottish part.

Speed: the flows are a scipy CSR matrix (and its CSC copy); per-area ``R``,
``W`` and ``T_AA`` are arrays updated incrementally when a zone moves, using only
that zone's row and column; the least valid area is a vectorised ``argmin``
over the validity array, and only the areas touched by a dissolution are
re-scored. All 7,201 MSOAs with the 2.4 million 2011 flows run in seconds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lis_analytics.commuting.flows import SpecialDestinationPolicy, ZoneFlows, build_zone_flows

__all__ = [
    "MSOA_2011_AREAS",
    "ONS_2011_TTWAS",
    "TTWA_DEFAULTS",
    "TTWAParameters",
    "TTWAResult",
    "membership_digest",
    "travel_to_work_areas",
    "ttwas_from_membership",
    "ttwas_from_zone_flows",
    "x_equation_validity",
]

MSOA_2011_AREAS: int = 152
"""Areas of the default run on the 2011 MSOA flows (131 in England, 18 in Wales, 3 across)."""

ONS_2011_TTWAS: dict[str, int] = {
    "England": 149,
    "Wales": 18,
    "Scotland": 45,
    "Northern Ireland": 10,
    "cross-border": 6,
    "UK": 228,
}
"""ONS 2011 TTWAs by country ("Travel to work area analysis in Great Britain: 2016", ONS)."""

TTWA_DEFAULTS: dict[str, float] = {
    "min_size": 3500.0,
    "target_size": 25000.0,
    "min_self_containment": 0.6667,
    "target_self_containment": 0.75,
}
"""ONS 2011 TTWA parameters (Coombes and Bond)."""

VALIDITY_FORMS = ("lma", "linear")


@dataclass(frozen=True)
class TTWAParameters:
    """Parameters of the X-equation.

    Parameters
    ----------
    min_size, target_size : float
        Minimum and target size (employed residents).
    min_self_containment, target_self_containment : float
        Minimum and target self-containment.
    form : {"lma", "linear"}
        X-equation form (see the module docstring).

    Examples
    --------
    >>> TTWAParameters().target_size
    25000.0
    >>> TTWAParameters(min_size=30000)
    Traceback (most recent call last):
    ...
    ValueError: need 0 < min_size < target_size, got 30000 and 25000.0
    """

    min_size: float = TTWA_DEFAULTS["min_size"]
    target_size: float = TTWA_DEFAULTS["target_size"]
    min_self_containment: float = TTWA_DEFAULTS["min_self_containment"]
    target_self_containment: float = TTWA_DEFAULTS["target_self_containment"]
    form: str = "lma"

    def __post_init__(self) -> None:
        if not 0 < self.min_size < self.target_size:
            raise ValueError(
                f"need 0 < min_size < target_size, got {self.min_size} and {self.target_size}"
            )
        if not 0 < self.min_self_containment <= self.target_self_containment <= 1:
            raise ValueError(
                "need 0 < min_self_containment <= target_self_containment <= 1, got "
                f"{self.min_self_containment} and {self.target_self_containment}"
            )
        if self.form not in VALIDITY_FORMS:
            raise ValueError(f"form must be one of {VALIDITY_FORMS}, not {self.form!r}")


def x_equation_validity(
    size: float | np.ndarray,
    self_containment: float | np.ndarray,
    params: TTWAParameters | None = None,
) -> np.ndarray:
    """Score areas with the X-equation; an area is valid when its score is >= 1.

    Parameters
    ----------
    size : float or array_like
        Area size (employed residents).
    self_containment : float or array_like
        Area self-containment, min(supply-side, demand-side).
    params : TTWAParameters, optional
        Parameters and form; defaults to the ONS 2011 values, ``form="lma"``.

    Returns
    -------
    numpy.ndarray
        Validity score per area (float).

    Examples
    --------
    At the target size SC = 0.6667 is enough, at the minimum size SC = 0.75 is
    needed, and below the minimum size even SC = 1 is not valid:

    >>> x_equation_validity([25000, 3500, 3500, 3000], [0.6667, 0.75, 0.74, 1.0]).round(4)
    array([1.    , 1.    , 0.9867, 0.9971])
    >>> x_equation_validity([14250], [0.70835], TTWAParameters(form="linear")).round(4)
    array([1.])
    """
    p = params or TTWAParameters()
    size_arr = np.atleast_1d(np.asarray(size, dtype=float))
    sc_arr = np.atleast_1d(np.asarray(self_containment, dtype=float))
    span = p.target_size - p.min_size
    if p.form == "lma":
        y = np.minimum(sc_arr / p.target_self_containment, 1.0)
        s = np.maximum(0.0, (p.target_size - size_arr) / span)
        z = 1.0 - (1.0 - p.min_self_containment / p.target_self_containment) * s
        return y * z * (p.target_self_containment / p.min_self_containment)
    slope = (p.min_self_containment - p.target_self_containment) / span
    threshold = p.target_self_containment + slope * (
        np.minimum(size_arr, p.target_size) - p.min_size
    )
    score = sc_arr / threshold
    small = size_arr < p.min_size
    score[small] = np.minimum(score[small], size_arr[small] / p.min_size)
    return score


def _validity_one(size: float, sc: float, p: TTWAParameters) -> float:
    return float(x_equation_validity(size, sc, p)[0])


def _self_containment(
    live_work: np.ndarray, residents: np.ndarray, jobs: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    with np.errstate(divide="ignore", invalid="ignore"):
        supply = np.where(residents > 0, live_work / np.where(residents > 0, residents, 1), 0.0)
        demand = np.where(jobs > 0, live_work / np.where(jobs > 0, jobs, 1), 0.0)
    return supply, demand, np.minimum(supply, demand)


@dataclass(frozen=True)
class TTWAResult:
    """Result of :func:`travel_to_work_areas`.

    Attributes
    ----------
    zones : pandas.DataFrame
        Exactly ``zone_code``, ``area_id``, ``area_name``: one row per zone, each
        zone in exactly one area (ready to write as CSV).
    areas : pandas.DataFrame
        One row per area: ``area_id``, ``area_name``, ``residents``, ``jobs``,
        ``supply_sc``, ``demand_sc``, ``self_containment``, ``validity``,
        ``valid``, ``n_zones``, ``live_and_work``, ``largest_zone`` (zone code the
        area is named after) and ``unresolved_reason`` (empty unless the area is
        an unresolvable invalid area).
    zone_stats : pandas.DataFrame
        Per zone: ``zone_code``, ``residents``, ``jobs``, ``live_and_work``.
    special_destinations : pandas.DataFrame
        How each special destination was handled, with persons counted.
    parameters : TTWAParameters
        X-equation parameters used.
    total_persons : int
        Persons in the input flow table.
    excluded_persons : int
        Persons excluded by the special-destination policy.
    n_dissolutions : int
        Number of areas dissolved.
    n_zone_moves : int
        Number of single-zone moves made.
    """

    zones: pd.DataFrame
    areas: pd.DataFrame
    zone_stats: pd.DataFrame
    special_destinations: pd.DataFrame
    parameters: TTWAParameters
    total_persons: int
    excluded_persons: int
    n_dissolutions: int
    n_zone_moves: int
    notes: list[str] = field(default_factory=list)

    @property
    def unresolved(self) -> pd.DataFrame:
        """Areas that are invalid and could not be dissolved, with the reason."""
        return self.areas[self.areas["unresolved_reason"] != ""].reset_index(drop=True)

    @property
    def n_areas(self) -> int:
        """Number of areas."""
        return len(self.areas)


def travel_to_work_areas(
    flows: pd.DataFrame,
    *,
    min_size: float = TTWA_DEFAULTS["min_size"],
    target_size: float = TTWA_DEFAULTS["target_size"],
    min_self_containment: float = TTWA_DEFAULTS["min_self_containment"],
    target_self_containment: float = TTWA_DEFAULTS["target_self_containment"],
    form: str = "lma",
    policy: SpecialDestinationPolicy | None = None,
    zone_names: Mapping[str, str] | pd.Series | None = None,
) -> TTWAResult:
    """Build travel-to-work areas from a commuting flow table (Coombes and Bond, ONS 2011).

    See the module docstring for the algorithm and every choice made.

    Parameters
    ----------
    flows : pandas.DataFrame
        Flow table (``origin_code``, ``destination_code``, ``persons``), e.g.
        ``load_table("census2011_flows_msoa")``.
    min_size, target_size : float
        Minimum (3,500) and target (25,000) size in employed residents.
    min_self_containment, target_self_containment : float
        Minimum (0.6667) and target (0.75) self-containment.
    form : {"lma", "linear"}
        X-equation form; ``"lma"`` is the LabourMarketAreas form.
    policy : SpecialDestinationPolicy, optional
        How special destinations are counted (default: home workers and no fixed
        place in their zone, offshore / outside UK excluded, Scotland / NI outside).
    zone_names : mapping or pandas.Series, optional
        Zone code to name (e.g. MSOA names); areas are named after their zone
        with most jobs. Zones without a name use their code.

    Returns
    -------
    TTWAResult
        ``zones`` (zone_code, area_id, area_name), ``areas`` and more.

    Examples
    --------
    Two towns, ``a`` and ``b``, each too small alone (3,000 residents), merge
    and take the name of ``b``, which has more jobs; ``c`` (with 1,000 home
    workers counted as working in ``c``) is valid alone:

    >>> flows = pd.DataFrame({
    ...     "origin_code":      ["a", "a", "b", "b", "c", "c"],
    ...     "destination_code": ["a", "b", "b", "a", "c", "OD0000001"],
    ...     "persons":          [2500, 500, 2600, 400, 9000, 1000],
    ... })
    >>> result = travel_to_work_areas(flows, zone_names={"a": "Aton", "b": "Beeton",
    ...                                                  "c": "Ceeville"})
    >>> result.zones
      zone_code  area_id area_name
    0         a        2    Beeton
    1         b        2    Beeton
    2         c        1  Ceeville
    >>> result.areas[["area_name", "residents", "jobs", "self_containment", "valid"]]
      area_name  residents   jobs  self_containment  valid
    0  Ceeville      10000  10000               1.0   True
    1    Beeton       6000   6000               1.0   True
    """
    params = TTWAParameters(
        min_size=float(min_size),
        target_size=float(target_size),
        min_self_containment=float(min_self_containment),
        target_self_containment=float(target_self_containment),
        form=form,
    )
    zone_flows = build_zone_flows(flows, policy)
    return ttwas_from_zone_flows(zone_flows, params, zone_names=zone_names)


def ttwas_from_zone_flows(
    zone_flows: ZoneFlows,
    params: TTWAParameters | None = None,
    *,
    zone_names: Mapping[str, str] | pd.Series | None = None,
) -> TTWAResult:
    """Run the TTWA algorithm on flows built by :func:`~lis_analytics.commuting.build_zone_flows`.

    Parameters
    ----------
    zone_flows : ZoneFlows
        Zone matrix, residents and jobs.
    params : TTWAParameters, optional
        X-equation parameters; ONS 2011 values by default.
    zone_names : mapping or pandas.Series, optional
        Zone code to name, for naming areas.

    Returns
    -------
    TTWAResult
        See :func:`travel_to_work_areas`.

    Examples
    --------
    >>> from lis_analytics.commuting.flows import build_zone_flows
    >>> flows = pd.DataFrame({"origin_code": ["x"], "destination_code": ["x"],
    ...                       "persons": [100]})
    >>> res = ttwas_from_zone_flows(build_zone_flows(flows))
    >>> res.unresolved[["area_name", "unresolved_reason"]].iloc[0].tolist()
    ['x', 'no commuting with any zone outside the area; invalid (size 100 < 3,500 minimum)']
    """
    params = params or TTWAParameters()
    labels, reasons, n_dissolutions, n_moves = _cluster(zone_flows, params)
    return _build_result(zone_flows, params, labels, reasons, n_dissolutions, n_moves, zone_names)


def _cluster(zf: ZoneFlows, p: TTWAParameters) -> tuple[np.ndarray, dict[int, str], int, int]:
    """Run the dissolve-and-reassign loop; return area label (index) per zone."""
    n = zf.n_zones
    csr = zf.matrix.tocsr()
    csr.sort_indices()
    csc = csr.tocsc()
    csc.sort_indices()
    row_ptr, row_idx, row_val = csr.indptr, csr.indices.astype(np.int64), csr.data
    col_ptr, col_idx, col_val = csc.indptr, csc.indices.astype(np.int64), csc.data
    diag = csr.diagonal().astype(float)
    zone_res = zf.residents.astype(float)
    zone_jobs = zf.jobs.astype(float)
    # Commuting of each zone with all other zones (for the order of moves).
    zone_commuting = (
        np.asarray(csr.sum(axis=1)).ravel() + np.asarray(csr.sum(axis=0)).ravel() - 2.0 * diag
    )

    label = np.arange(n, dtype=np.int64)
    members: list[list[int]] = [[i] for i in range(n)]
    area_res = zone_res.copy()
    area_jobs = zone_jobs.copy()
    area_live = diag.copy()
    _, _, sc = _self_containment(area_live, area_res, area_jobs)
    score = x_equation_validity(area_res, sc, p)
    reasons: dict[int, str] = {}
    n_dissolutions = 0
    n_moves = 0

    def rescore(a: int) -> None:
        r, w, t = area_res[a], area_jobs[a], area_live[a]
        sc_a = min(t / r if r > 0 else 0.0, t / w if w > 0 else 0.0)
        score[a] = _validity_one(r, sc_a, p)

    def neighbours(z: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Areas with commuting to/from zone z and the flows, aggregated by area."""
        rs, re_ = row_ptr[z], row_ptr[z + 1]
        cs, ce = col_ptr[z], col_ptr[z + 1]
        out_areas = label[row_idx[rs:re_]]
        in_areas = label[col_idx[cs:ce]]
        all_areas = np.concatenate((out_areas, in_areas))
        uniq, inverse = np.unique(all_areas, return_inverse=True)
        k = len(uniq)
        n_out = re_ - rs
        out_flow = np.bincount(inverse[:n_out], weights=row_val[rs:re_], minlength=k)
        in_flow = np.bincount(inverse[n_out:], weights=col_val[cs:ce], minlength=k)
        return uniq, out_flow, in_flow

    ranking = score.copy()
    while True:
        a = int(np.argmin(ranking))
        lowest = ranking[a]
        if not lowest < 1.0:
            break
        tied = np.flatnonzero(ranking == lowest)
        if len(tied) > 1:
            a = int(tied[np.lexsort((tied, area_res[tied]))[0]])
        n_dissolutions += 1

        zones_a = members[a]
        if len(zones_a) > 1:
            # Commuting of each zone with zones outside the dissolved area.
            external = []
            for z in zones_a:
                uniq, out_flow, in_flow = neighbours(z)
                pos = np.searchsorted(uniq, a)
                inner = 0.0
                if pos < len(uniq) and uniq[pos] == a:
                    inner = out_flow[pos] + in_flow[pos] - 2.0 * diag[z]
                external.append(zone_commuting[z] - inner)
            order = sorted(range(len(zones_a)), key=lambda k: (-external[k], zones_a[k]))
            pending = [zones_a[k] for k in order]
        else:
            pending = list(zones_a)

        touched: set[int] = set()
        moved_any = False
        while pending:
            waiting: list[int] = []
            for z in pending:
                uniq, out_flow, in_flow = neighbours(z)
                tie = _tie_strength(
                    out_flow, in_flow, zone_res[z], zone_jobs[z], area_res[uniq], area_jobs[uniq]
                )
                own = uniq == a
                tie[own] = -1.0
                best = int(np.argmax(tie)) if len(tie) else -1
                if best < 0 or tie[best] <= 0.0:
                    waiting.append(z)
                    continue
                b = int(uniq[best])
                d = diag[z]
                if own.any():
                    k = int(np.flatnonzero(own)[0])
                    area_live[a] -= out_flow[k] + in_flow[k] - d
                else:
                    area_live[a] -= d
                area_live[b] += out_flow[best] + in_flow[best] + d
                area_res[a] -= zone_res[z]
                area_jobs[a] -= zone_jobs[z]
                area_res[b] += zone_res[z]
                area_jobs[b] += zone_jobs[z]
                label[z] = b
                members[b].append(z)
                touched.add(b)
                n_moves += 1
                moved_any = True
            if len(waiting) == len(pending):
                break
            pending = waiting

        members[a] = pending if pending else []
        for b in touched:
            rescore(b)
            ranking[b] = score[b]
        if members[a]:
            # What is left has no commuting with any zone outside it: frozen for good.
            area_live[a] = max(area_live[a], 0.0)
            rescore(a)
            ranking[a] = np.inf
            if score[a] < 1.0:
                reasons[a] = _unresolved_reason(
                    area_res[a], area_jobs[a], area_live[a], p, moved_any
                )
        else:
            ranking[a] = np.inf
            score[a] = np.nan
    return label, reasons, n_dissolutions, n_moves


def _tie_strength(
    out_flow: np.ndarray,
    in_flow: np.ndarray,
    zone_residents: float,
    zone_jobs: float,
    area_residents: np.ndarray,
    area_jobs: np.ndarray,
) -> np.ndarray:
    """Tie T_ij^2/(R_i W_j) + T_ji^2/(R_j W_i) of one zone i with areas j (0/0 terms = 0)."""
    first = np.zeros(len(out_flow))
    second = np.zeros(len(out_flow))
    if zone_residents > 0:
        np.divide(out_flow**2, zone_residents * area_jobs, out=first, where=area_jobs > 0)
    if zone_jobs > 0:
        np.divide(in_flow**2, area_residents * zone_jobs, out=second, where=area_residents > 0)
    return first + second


def _unresolved_reason(
    residents: float, jobs: float, live_work: float, p: TTWAParameters, partly: bool
) -> str:
    if residents <= 0 and jobs <= 0:
        return "no residents or jobs after special-destination handling"
    _, _, sc = _self_containment(np.array([live_work]), np.array([residents]), np.array([jobs]))
    what = "no commuting with any zone outside the area"
    if partly:
        what += " (left after its other zones moved)"
    if residents < p.min_size:
        why = f"size {residents:,.0f} < {p.min_size:,.0f} minimum"
    else:
        why = f"size {residents:,.0f}, self-containment {sc[0]:.3f}"
    return f"{what}; invalid ({why})"


def _as_count(values: np.ndarray) -> np.ndarray:
    """Whole-number person counts (sums of integer flows) as int64."""
    return np.rint(values).astype(np.int64)


def _build_result(
    zf: ZoneFlows,
    p: TTWAParameters,
    labels: np.ndarray,
    reasons: dict[int, str],
    n_dissolutions: int,
    n_moves: int,
    zone_names: Mapping[str, str] | pd.Series | None,
) -> TTWAResult:
    n = zf.n_zones
    codes = zf.zone_codes.to_numpy(dtype=object).astype(str)
    csr = zf.matrix.tocoo()
    same = labels[csr.row] == labels[csr.col]
    live = np.bincount(labels[csr.row[same]], weights=csr.data[same], minlength=n)
    res = np.bincount(labels, weights=zf.residents, minlength=n)
    jobs = np.bincount(labels, weights=zf.jobs, minlength=n)
    area_index = np.unique(labels)

    # Largest zone by jobs in each area (ties: zone code, i.e. lowest index).
    order = np.lexsort((np.arange(n), -zf.jobs, labels))
    first = np.ones(n, dtype=bool)
    first[1:] = labels[order][1:] != labels[order][:-1]
    largest_zone = dict(zip(labels[order][first].tolist(), order[first].tolist(), strict=True))

    names = None
    if zone_names is not None:
        names = (
            zone_names.copy()
            if isinstance(zone_names, pd.Series)
            else pd.Series(dict(zone_names), dtype=object)
        )
        names.index = names.index.astype(str)
        names = names[~names.index.duplicated()]

    def name_of(zone_pos: int) -> str:
        code = codes[zone_pos]
        if names is not None and code in names.index and pd.notna(names[code]):
            return str(names[code])
        return code

    supply, demand, sc = _self_containment(live[area_index], res[area_index], jobs[area_index])
    validity = x_equation_validity(res[area_index], sc, p)
    n_zones = np.bincount(labels, minlength=n)[area_index]
    areas = pd.DataFrame(
        {
            "area_index": area_index,
            "area_name": [name_of(largest_zone[a]) for a in area_index],
            "residents": _as_count(res[area_index]),
            "jobs": _as_count(jobs[area_index]),
            "supply_sc": supply,
            "demand_sc": demand,
            "self_containment": sc,
            "validity": validity,
            "valid": validity >= 1.0,
            "n_zones": n_zones.astype(np.int64),
            "live_and_work": _as_count(live[area_index]),
            "largest_zone": [codes[largest_zone[a]] for a in area_index],
            "unresolved_reason": [reasons.get(int(a), "") for a in area_index],
        }
    )
    areas = areas.sort_values(
        ["jobs", "largest_zone"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)
    areas.insert(0, "area_id", np.arange(1, len(areas) + 1, dtype=np.int64))
    id_of_index = dict(zip(areas["area_index"], areas["area_id"], strict=True))
    name_of_id = dict(zip(areas["area_id"], areas["area_name"], strict=True))
    areas = areas.drop(columns="area_index")

    zone_area = np.array([id_of_index[a] for a in labels], dtype=np.int64)
    zones = pd.DataFrame(
        {
            "zone_code": codes,
            "area_id": zone_area,
            "area_name": [name_of_id[i] for i in zone_area],
        }
    )
    zone_stats = pd.DataFrame(
        {
            "zone_code": codes,
            "residents": _as_count(zf.residents),
            "jobs": _as_count(zf.jobs),
            "live_and_work": _as_count(zf.matrix.diagonal()),
        }
    )
    return TTWAResult(
        zones=zones,
        areas=areas,
        zone_stats=zone_stats,
        special_destinations=zf.special_destinations,
        parameters=p,
        total_persons=zf.total_persons,
        excluded_persons=zf.excluded_persons,
        n_dissolutions=n_dissolutions,
        n_zone_moves=n_moves,
    )


def ttwas_from_membership(
    zone_flows: ZoneFlows,
    membership: pd.DataFrame,
    params: TTWAParameters | None = None,
    *,
    zone_names: Mapping[str, str] | pd.Series | None = None,
) -> TTWAResult:
    """Evaluate a given zone-to-area assignment on flows, as the TTWA algorithm reports it.

    Use it to describe areas built earlier (e.g. a stored run) or elsewhere (e.g. ONS's
    official TTWAs on their zones): sizes, self-containment and validity of each area.
    Areas are renumbered and named as :func:`travel_to_work_areas` does (by jobs, after
    their largest workplace zone), so a stored run gets back its own ``area_id``.

    Parameters
    ----------
    zone_flows : ZoneFlows
        From :func:`~lis_analytics.commuting.build_zone_flows`.
    membership : pandas.DataFrame
        ``zone_code`` and ``area_id``; every zone of ``zone_flows`` must be assigned.
    params : TTWAParameters, optional
        Parameters for the validity score; ONS 2011 values by default.
    zone_names : mapping or pandas.Series, optional
        Zone code to name, for naming areas.

    Returns
    -------
    TTWAResult
        As :func:`travel_to_work_areas`, with no dissolutions or moves and no
        ``unresolved_reason``.

    Examples
    --------
    >>> from lis_analytics.commuting.flows import build_zone_flows
    >>> flows = pd.DataFrame({"origin_code": ["a", "a", "b", "b"],
    ...                       "destination_code": ["a", "b", "b", "a"],
    ...                       "persons": [3000, 500, 3000, 400]})
    >>> res = ttwas_from_membership(build_zone_flows(flows),
    ...                             pd.DataFrame({"zone_code": ["a", "b"], "area_id": [7, 7]}))
    >>> res.areas[["area_id", "area_name", "residents", "self_containment", "valid"]]
       area_id area_name  residents  self_containment  valid
    0        1         b       6900               1.0   True
    """
    params = params or TTWAParameters()
    assigned = membership.assign(zone_code=membership["zone_code"].astype(str)).set_index(
        "zone_code")["area_id"]
    area_of = assigned.reindex(zone_flows.zone_codes.astype(str))
    if area_of.isna().any():
        missing = list(area_of.index[area_of.isna()][:10])
        raise ValueError(f"membership misses {int(area_of.isna().sum())} zone(s): {missing}")
    # Label each area by its first zone's position, as the algorithm does.
    first = pd.Series(np.arange(len(area_of))).groupby(area_of.to_numpy()).transform("min")
    labels = first.to_numpy(dtype=np.int64)
    return _build_result(zone_flows, params, labels, {}, 0, 0, zone_names)


def membership_digest(zones: pd.DataFrame) -> str:
    """A sha256 of the zone-to-area assignment, to pin a run exactly.

    Hashes the ``zone_code,area_id`` lines sorted by zone code, so it pins both which
    zones are together and how areas are numbered.

    Examples
    --------
    >>> z = pd.DataFrame({"zone_code": ["b", "a"], "area_id": [1, 2]})
    >>> membership_digest(z) == membership_digest(z.iloc[::-1])
    True
    >>> len(membership_digest(z))
    64
    """
    pairs = sorted(zip(zones["zone_code"].astype(str), zones["area_id"].astype(int),
                       strict=True))
    text = "\n".join(f"{z},{a}" for z, a in pairs)
    return hashlib.sha256(text.encode()).hexdigest()
