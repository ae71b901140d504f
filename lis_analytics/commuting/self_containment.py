"""Self-containment: commuting totals of an area, and of every area at once.

* :func:`area_commuting_summary` -- residents, jobs, in-, out- and net commuting and
  self-containment of one area given as a set of zones (or an
  :class:`~lis_analytics.geography.Area`), its largest outside origins and destinations
  and the ties of each of its zones to neighbouring groups. LAD flows of another vintage
  than the area's codes (e.g. Census 2011 districts and a LEP of December 2023 districts)
  are bridged first.
* :func:`area_commuting_totals` -- the same totals for many areas in one pass over one
  zone matrix (used for the all-area table every pack ranks an area against).

Supply-side self-containment is the share of the area's employed residents who work in it
(``T_AA / R``), demand-side the share of its jobs filled by its residents (``T_AA / W``);
self-containment is the smaller of the two, the travel-to-work-area test.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lis_analytics.commuting.flows import (
    UNMAPPED_GROUP,
    SpecialDestinationPolicy,
    ZoneFlows,
    _as_mapping_series,
    _check_zone_set,
    _prepare,
    _PreparedFlows,
    bridge_lad_flows,
)
from lis_analytics.geography import Area, bridge_codes, membership_matrix

__all__ = [
    "OUTSIDE_ZONES_GROUP",
    "TOTAL_COLUMNS",
    "AreaCommutingSummary",
    "area_commuting_summary",
    "area_commuting_totals",
]

TOTAL_COLUMNS: tuple[str, ...] = (
    "employed_residents", "workplace_jobs", "live_and_work_in_area", "in_commuters",
    "out_commuters", "net_commuting", "supply_side_sc", "demand_side_sc", "self_containment",
)
"""Totals both :func:`area_commuting_summary` and :func:`area_commuting_totals` give."""

_LAD_ENTITIES = ("E06", "E07", "E08", "E09", "W06")


@dataclass(frozen=True)
class AreaCommutingSummary:
    """Commuting summary of one area (see :func:`area_commuting_summary`).

    Attributes
    ----------
    totals : pandas.Series
        ``employed_residents`` (R), ``workplace_jobs`` (W), ``live_and_work_in_area``
        (T_AA), ``in_commuters`` (W - T_AA), ``out_commuters`` (R - T_AA, including
        residents working at destinations handled as ``"outside"``),
        ``out_commuters_outside_zones``, ``net_commuting`` (in - out = W - R),
        ``supply_side_sc`` (T_AA / R), ``demand_side_sc`` (T_AA / W),
        ``self_containment`` (the smaller of the two), ``n_zones``.
    top_origins : pandas.DataFrame
        Largest origin zones outside the area sending workers into it:
        ``zone_code``, ``persons``, ``share_of_in_commuters``.
    top_destinations : pandas.DataFrame
        Largest destinations outside the area of its out-commuters (zones and
        destinations handled as ``"outside"``, e.g. ``S92000003``): ``zone_code``,
        ``persons``, ``share_of_out_commuters``.
    zone_group_ties : pandas.DataFrame or None
        With a ``zone_to_group`` mapping: for each zone of the area and each group
        it has commuting with, ``zone_code``, ``group``, ``out_commuters`` (zone
        residents working in the group), ``in_commuters`` (group residents working
        in the zone), ``commuting`` (their sum) and ``share`` of the zone's
        commuting (in + out, its own intra-zone flow left out).
    special_destinations : pandas.DataFrame
        How each special destination was handled, with persons counted.
    """

    totals: pd.Series
    top_origins: pd.DataFrame
    top_destinations: pd.DataFrame
    zone_group_ties: pd.DataFrame | None
    special_destinations: pd.DataFrame


OUTSIDE_ZONES_GROUP = "(outside the zones)"
"""Group label of commuting to destinations handled as ``"outside"``."""

def _safe_ratio(numerator: float, denominator: float) -> float:
    return float(numerator / denominator) if denominator > 0 else float("nan")


def _area_codes(area_zones: Iterable[str] | Area) -> list[str]:
    if isinstance(area_zones, Area):
        return list(area_zones.lad_codes)
    if isinstance(area_zones, str):
        raise TypeError("area_zones must be a collection of zone codes, not a single string")
    return [str(c) for c in area_zones]


def _needs_bridging(codes: list[str], zones: pd.Index) -> bool:
    """True when some area codes are not zones of the flows and all are LAD codes.

    Then the flows and the area are LADs of different vintages; any other mismatch (a
    typo, MSOA codes) is reported by the zone check without touching the look-ups.
    """
    missing = pd.Index(codes).difference(zones)
    if not len(missing):
        return False
    lad_like = all(str(c)[:3] in _LAD_ENTITIES and len(str(c)) == 9 for c in codes)
    return lad_like and all(str(z)[:3] in _LAD_ENTITIES for z in zones)


def area_commuting_summary(
    flows: pd.DataFrame,
    area_zones: Iterable[str] | Area,
    *,
    zone_to_group: Mapping[str, str] | pd.Series | None = None,
    policy: SpecialDestinationPolicy | None = None,
    top_n: int = 5,
) -> AreaCommutingSummary:
    """Summarise commuting of an area given as a set of zones (e.g. the LADs of a LEP).

    Parameters
    ----------
    flows : pandas.DataFrame
        Flow table (``origin_code``, ``destination_code``, ``persons``) at the
        zone level of ``area_zones``; use
        :func:`~lis_analytics.commuting.aggregate_flows` first if needed (e.g. MSOA to LAD).
    area_zones : iterable of str or Area
        Zone codes making up the area, or an :class:`~lis_analytics.geography.Area` (its
        ``lad_codes``). Every code must be a zone of ``flows``, except that when the
        flows and the codes are LADs of different vintages (e.g. Census 2011 flows and a
        LEP of December 2023 districts) both are first bridged onto LAD December 2023
        codes (:func:`~lis_analytics.commuting.bridge_lad_flows`); zone codes in the
        result are then LAD 2023 codes.
    zone_to_group : mapping or pandas.Series, optional
        Zone to neighbouring-group code (e.g. LAD to LEP) for the zone ties table.
        Zones not in it get the group ``"(no group)"``; destinations handled as
        ``"outside"`` get ``"(outside the zones)"``.
    policy : SpecialDestinationPolicy, optional
        How special destinations are counted (see the module docstring).
    top_n : int
        Number of rows in ``top_origins`` and ``top_destinations``.

    Returns
    -------
    AreaCommutingSummary
        Totals, largest outside origins and destinations, zone ties, handling table.

    Examples
    --------
    >>> flows = pd.DataFrame({
    ...     "origin_code":      ["A", "A", "A", "B", "B", "C", "C"],
    ...     "destination_code": ["A", "B", "C", "B", "OD0000001", "C", "A"],
    ...     "persons":          [50, 10, 20, 30, 10, 40, 5],
    ... })
    >>> s = area_commuting_summary(flows, ["A", "B"], zone_to_group={"A": "X", "B": "X", "C": "Y"})
    >>> s.totals[["employed_residents", "workplace_jobs", "live_and_work_in_area"]].tolist()
    [120.0, 105.0, 100.0]
    >>> round(float(s.totals["supply_side_sc"]), 4), round(float(s.totals["demand_side_sc"]), 4)
    (0.8333, 0.9524)
    >>> s.top_destinations
      zone_code  persons  share_of_out_commuters
    0         C     20.0                     1.0
    >>> s.zone_group_ties[["zone_code", "group", "commuting", "share"]]
      zone_code group  commuting     share
    0         A     X       10.0  0.285714
    1         A     Y       25.0  0.714286
    2         B     X       10.0  1.000000
    """
    if top_n < 0:
        raise ValueError("top_n must be non-negative")
    codes = _area_codes(area_zones)
    prepared = _prepare(flows, policy)
    if _needs_bridging(codes, prepared.zone_codes):
        bridged = bridge_codes(codes)
        codes = list(dict.fromkeys(b if b is not None else c
                                   for c, b in zip(codes, bridged, strict=True)))
        prepared = _prepare(bridge_lad_flows(flows), policy)
    zones = prepared.zone_codes
    area_idx = _check_zone_set(codes, zones, "area_zones")
    in_area = np.zeros(len(zones), dtype=bool)
    in_area[area_idx] = True
    orig, dest, persons = prepared.origin, prepared.destination, prepared.persons.astype(float)
    outside_dest = dest < 0
    orig_in = in_area[orig]
    dest_in = np.zeros(len(dest), dtype=bool)
    dest_in[~outside_dest] = in_area[dest[~outside_dest]]

    residents = persons[orig_in].sum()
    jobs = persons[dest_in].sum()
    live_work = persons[orig_in & dest_in].sum()
    out_outside = persons[orig_in & outside_dest].sum()
    totals = pd.Series(
        {
            "employed_residents": residents,
            "workplace_jobs": jobs,
            "live_and_work_in_area": live_work,
            "in_commuters": jobs - live_work,
            "out_commuters": residents - live_work,
            "out_commuters_outside_zones": out_outside,
            "net_commuting": jobs - residents,
            "supply_side_sc": _safe_ratio(live_work, residents),
            "demand_side_sc": _safe_ratio(live_work, jobs),
            "self_containment": min(
                _safe_ratio(live_work, residents), _safe_ratio(live_work, jobs)
            ),
            "n_zones": float(len(area_idx)),
        }
    )

    # Largest origins outside the area (in-commuting).
    in_rows = dest_in & ~orig_in
    origins = (
        pd.Series(persons[in_rows])
        .groupby(zones.to_numpy()[orig[in_rows]])
        .sum()
        .sort_values(ascending=False, kind="stable")
    )
    top_origins = pd.DataFrame(
        {"zone_code": origins.index.astype(str), "persons": origins.to_numpy()}
    ).head(top_n)
    top_origins["share_of_in_commuters"] = top_origins["persons"] / max(
        totals["in_commuters"], 1e-300
    )

    out_rows = orig_in & ~dest_in
    dest_codes = np.where(
        outside_dest[out_rows],
        prepared.outside_code[out_rows],
        zones.to_numpy()[np.where(outside_dest[out_rows], 0, dest[out_rows])],
    )
    destinations = (
        pd.Series(persons[out_rows])
        .groupby(dest_codes)
        .sum()
        .sort_values(ascending=False, kind="stable")
    )
    top_destinations = pd.DataFrame(
        {"zone_code": destinations.index.astype(str), "persons": destinations.to_numpy()}
    ).head(top_n)
    top_destinations["share_of_out_commuters"] = top_destinations["persons"] / max(
        totals["out_commuters"], 1e-300
    )

    ties = None
    if zone_to_group is not None:
        ties = _zone_group_ties(prepared, in_area, zone_to_group)
    return AreaCommutingSummary(
        totals=totals,
        top_origins=top_origins.reset_index(drop=True),
        top_destinations=top_destinations.reset_index(drop=True),
        zone_group_ties=ties,
        special_destinations=prepared.handling,
    )


def _zone_group_ties(
    prepared: _PreparedFlows, in_area: np.ndarray, zone_to_group: Mapping[str, str] | pd.Series
) -> pd.DataFrame:
    zones = prepared.zone_codes
    mapping = _as_mapping_series(zone_to_group, "zone_to_group")
    group_of_zone = mapping.reindex(zones).fillna(UNMAPPED_GROUP).astype(str).to_numpy()
    orig, dest, persons = prepared.origin, prepared.destination, prepared.persons.astype(float)
    not_intra = orig != dest
    outside = dest < 0
    # Outflows: area zone as origin.
    out_rows = in_area[orig] & not_intra
    out_group = np.where(
        outside[out_rows], OUTSIDE_ZONES_GROUP, group_of_zone[np.maximum(dest[out_rows], 0)]
    )
    out_frame = pd.DataFrame(
        {
            "zone_code": zones.to_numpy()[orig[out_rows]],
            "group": out_group,
            "out_commuters": persons[out_rows],
            "in_commuters": 0.0,
        }
    )
    # Inflows: area zone as destination.
    in_rows = (~outside) & not_intra
    in_rows[in_rows] = in_area[dest[in_rows]]
    in_frame = pd.DataFrame(
        {
            "zone_code": zones.to_numpy()[dest[in_rows]],
            "group": group_of_zone[orig[in_rows]],
            "out_commuters": 0.0,
            "in_commuters": persons[in_rows],
        }
    )
    both = pd.concat([out_frame, in_frame], ignore_index=True)
    ties = both.groupby(["zone_code", "group"], sort=True)[["out_commuters", "in_commuters"]].sum()
    ties = ties.reset_index()
    ties["commuting"] = ties["out_commuters"] + ties["in_commuters"]
    zone_total = ties.groupby("zone_code")["commuting"].transform("sum")
    ties["share"] = np.where(
        zone_total > 0, ties["commuting"] / zone_total.where(zone_total > 0, 1), 0.0
    )
    ties["zone_code"] = ties["zone_code"].astype(str)
    ties["group"] = ties["group"].astype(str)
    return ties


def area_commuting_totals(
    zone_flows: ZoneFlows, areas: Mapping[str, Iterable[str]]
) -> pd.DataFrame:
    """Commuting totals and self-containment of many areas at once from one zone matrix.

    The totals of :func:`area_commuting_summary` (:data:`TOTAL_COLUMNS`) for every area in
    one pass: a sparse zone-by-area membership matrix ``M`` gives residents ``M'r``, jobs
    ``M'w`` and live-and-work ``diag(M' F M)`` for the flow matrix ``F``. Counts are sums
    of whole numbers, so they equal the per-area sums exactly.

    Parameters
    ----------
    zone_flows : ZoneFlows
        From :func:`~lis_analytics.commuting.build_zone_flows` (special destinations
        already handled).
    areas : mapping of str to iterable of str
        Area code to its zone codes (e.g. LEP code to LAD codes). Zones missing from the
        flows are ignored; areas with none are left out.

    Returns
    -------
    pandas.DataFrame
        One row per area, in the order given: ``area_code``, ``employed_residents``,
        ``workplace_jobs``, ``live_and_work_in_area``, ``in_commuters``,
        ``out_commuters``, ``net_commuting``, ``n_zones`` (zones found in the flows),
        ``supply_side_sc``, ``demand_side_sc``, ``self_containment``.

    Examples
    --------
    >>> from lis_analytics.commuting.flows import build_zone_flows
    >>> flows = pd.DataFrame({
    ...     "origin_code":      ["A", "A", "A", "B", "B", "C", "C"],
    ...     "destination_code": ["A", "B", "C", "B", "OD0000001", "C", "A"],
    ...     "persons":          [50, 10, 20, 30, 10, 40, 5],
    ... })
    >>> t = area_commuting_totals(build_zone_flows(flows), {"AB": ["A", "B"], "Q": ["Q"]})
    >>> t[["area_code", "employed_residents", "workplace_jobs", "live_and_work_in_area"]]
      area_code  employed_residents  workplace_jobs  live_and_work_in_area
    0        AB               120.0           105.0                  100.0
    >>> round(float(t.loc[0, "self_containment"]), 4)
    0.8333
    """
    codes = list(areas)
    member = membership_matrix(zone_flows.zone_codes, areas)
    n_zones = np.asarray(member.sum(axis=0)).ravel()
    residents = member.T @ zone_flows.residents
    jobs = member.T @ zone_flows.jobs
    live = np.asarray((zone_flows.matrix.tocsr() @ member).multiply(member).sum(axis=0)).ravel()
    out = pd.DataFrame({"area_code": codes, "employed_residents": residents,
                        "workplace_jobs": jobs, "live_and_work_in_area": live})
    out["in_commuters"] = out["workplace_jobs"] - out["live_and_work_in_area"]
    out["out_commuters"] = out["employed_residents"] - out["live_and_work_in_area"]
    out["net_commuting"] = out["workplace_jobs"] - out["employed_residents"]
    out["n_zones"] = n_zones.astype(np.int64)
    out = out[out["n_zones"] > 0].reset_index(drop=True)
    out["supply_side_sc"] = out["live_and_work_in_area"] / out["employed_residents"]
    out["demand_side_sc"] = out["live_and_work_in_area"] / out["workplace_jobs"]
    out["self_containment"] = out[["supply_side_sc", "demand_side_sc"]].min(axis=1)
    return out
