"""FEMA fit: how well an area (e.g. a LEP) fits a set of travel-to-work areas.

* :func:`fema_fit` -- for one area, the TTWAs it overlaps, who shares them and a summary;
* :func:`workers_in_mostly_inside_ttwas` -- the summary measure for many areas at once:
  the share of an area's employed residents living in TTWAs with more than half of their
  residents in the area (used for the all-area table every pack ranks an area against).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from lis_analytics.commuting.flows import (
    UNMAPPED_GROUP,
    _as_mapping_series,
    _check_zone_set,
)
from lis_analytics.commuting.ttwa import TTWAResult
from lis_analytics.geography import membership_matrix

__all__ = [
    "OUTSIDE_AREA_GROUP",
    "FemaFit",
    "fema_fit",
    "workers_in_mostly_inside_ttwas",
]


@dataclass(frozen=True)
class FemaFit:
    """How an area fits a set of travel-to-work areas (see :func:`fema_fit`).

    Attributes
    ----------
    ttwa_shares : pandas.DataFrame
        One row per TTWA the area overlaps: ``area_id``, ``area_name``,
        ``residents_in_area`` and ``jobs_in_area`` (the area's residents / jobs in
        that TTWA), ``share_of_area_residents``, ``share_of_area_jobs``,
        ``ttwa_residents``, ``share_of_ttwa_residents_in_area`` and
        ``mostly_inside`` (more than half of the TTWA's residents live in the area).
        Sorted by ``residents_in_area`` descending.
    shared_ttwas : pandas.DataFrame
        For each overlapping TTWA not wholly inside the area, the other groups
        (e.g. neighbouring LEPs) whose zones are in it: ``area_id``, ``area_name``,
        ``group``, ``residents``, ``share_of_ttwa_residents``.
    summary : pandas.Series
        ``employed_residents``, ``workplace_jobs``, ``n_ttwas``,
        ``share_of_workers_in_mostly_inside_ttwas`` (share of the area's employed
        residents living in TTWAs with more than half of their residents in the
        area), ``largest_ttwa_share_of_residents``.
    special_destinations : pandas.DataFrame
        How each special destination was handled when the TTWAs were built.
    """

    ttwa_shares: pd.DataFrame
    shared_ttwas: pd.DataFrame
    summary: pd.Series = field(default_factory=pd.Series)
    special_destinations: pd.DataFrame = field(default_factory=pd.DataFrame)


OUTSIDE_AREA_GROUP = "(outside the area)"
"""Group label used by :func:`fema_fit` when no neighbouring groups are given."""


def fema_fit(
    ttwas: TTWAResult | pd.DataFrame,
    area_zones: Iterable[str],
    *,
    zone_to_parent: Mapping[str, str] | pd.Series | None = None,
    neighbour_groups: Mapping[str, str] | pd.Series | None = None,
) -> FemaFit:
    """Measure how well an area (e.g. a LEP) fits a set of travel-to-work areas.

    Parameters
    ----------
    ttwas : TTWAResult or pandas.DataFrame
        Result of :func:`~lis_analytics.commuting.travel_to_work_areas` (uses its
        ``zones``, ``areas`` and ``zone_stats`` tables), or a zone table with one row per
        zone: ``zone_code``, ``area_id``, ``residents``, ``jobs`` and optionally
        ``area_name`` (e.g. the ``ttwa_msoa11_zones`` derived table). With a zone table,
        ``special_destinations`` of the result is empty.
    area_zones : iterable of str
        The area as TTWA zones or, with ``zone_to_parent``, as parent units (e.g.
        the LADs of a LEP when the TTWAs were built from MSOAs).
    zone_to_parent : mapping or pandas.Series, optional
        TTWA zone to parent unit (e.g. MSOA to LAD). A zone belongs to the area
        when its parent is in ``area_zones``. Every TTWA zone must be mapped.
    neighbour_groups : mapping or pandas.Series, optional
        Unit (parent unit, or zone without ``zone_to_parent``) to neighbouring
        group (e.g. LAD to LEP) naming who shares each TTWA. Units not in it are
        reported as ``"(no group)"``; without it all outside units are
        ``"(outside the area)"``.

    Returns
    -------
    FemaFit
        TTWA shares, shared TTWAs and a summary.

    Examples
    --------
    Zones ``a`` and ``b`` form one TTWA (named after ``b``, its largest
    workplace), ``c`` is its own. The area {a, c} holds all of TTWA ``c`` but only
    half the residents of TTWA ``b``, which it shares with LEP2:

    >>> from lis_analytics.commuting.ttwa import travel_to_work_areas
    >>> flows = pd.DataFrame({
    ...     "origin_code":      ["a", "a", "b", "b", "c", "c"],
    ...     "destination_code": ["a", "b", "b", "a", "c", "b"],
    ...     "persons":          [2000, 1000, 2500, 500, 6000, 50],
    ... })
    >>> ttwas = travel_to_work_areas(flows)
    >>> fit = fema_fit(ttwas, ["a", "c"], neighbour_groups={"b": "LEP2"})
    >>> fit.ttwa_shares[["area_name", "residents_in_area", "share_of_ttwa_residents_in_area",
    ...                  "mostly_inside"]]
      area_name  residents_in_area  share_of_ttwa_residents_in_area  mostly_inside
    0         c             6050.0                              1.0           True
    1         b             3000.0                              0.5          False
    >>> fit.shared_ttwas[["area_name", "group", "residents", "share_of_ttwa_residents"]]
      area_name group  residents  share_of_ttwa_residents
    0         b  LEP2     3000.0                      0.5
    >>> round(float(fit.summary["share_of_workers_in_mostly_inside_ttwas"]), 4)
    0.6685
    """
    if isinstance(ttwas, TTWAResult):
        stats = ttwas.zone_stats.set_index("zone_code")
        zone_area = ttwas.zones.set_index("zone_code")
        names = ttwas.areas.set_index("area_id")["area_name"]
        special = ttwas.special_destinations
    else:
        stats = ttwas.set_index("zone_code")
        zone_area = stats
        first = ttwas.drop_duplicates("area_id")
        names = pd.Series(first["area_name"].to_numpy() if "area_name" in first
                          else first["area_id"].astype(str).to_numpy(),
                          index=first["area_id"].to_numpy())
        special = pd.DataFrame()
    zone_codes = pd.Index(stats.index.astype(str))
    if zone_to_parent is not None:
        parent = _as_mapping_series(zone_to_parent, "zone_to_parent")
        unit = parent.reindex(zone_codes)
        if unit.isna().any():
            missing = list(zone_codes[unit.isna().to_numpy()][:10])
            raise ValueError(
                f"zone_to_parent misses {int(unit.isna().sum())} TTWA zone(s): {missing}"
            )
        unit = unit.astype(str)
        known_units = pd.Index(pd.unique(unit.to_numpy()))
        _check_zone_set(area_zones, known_units, "area_zones")
    else:
        unit = pd.Series(zone_codes.to_numpy(), index=zone_codes)
        _check_zone_set(area_zones, zone_codes, "area_zones")
    area_units = set(pd.Series(list(area_zones), dtype=object).astype(str))
    inside = unit.isin(area_units).to_numpy()

    frame = pd.DataFrame(
        {
            "zone_code": zone_codes,
            "unit": unit.to_numpy(),
            "inside": inside,
            "residents": stats["residents"].to_numpy(dtype=float),
            "jobs": stats["jobs"].to_numpy(dtype=float),
            "area_id": zone_area.reindex(zone_codes)["area_id"].to_numpy(),
        }
    )
    ttwa_res = frame.groupby("area_id")["residents"].sum()
    mine = frame[frame["inside"]]
    area_res = float(mine["residents"].sum())
    area_jobs = float(mine["jobs"].sum())
    shares = mine.groupby("area_id")[["residents", "jobs"]].sum()
    shares.columns = ["residents_in_area", "jobs_in_area"]
    shares["share_of_area_residents"] = shares["residents_in_area"] / area_res if area_res else 0.0
    shares["share_of_area_jobs"] = shares["jobs_in_area"] / area_jobs if area_jobs else 0.0
    shares["ttwa_residents"] = ttwa_res.reindex(shares.index)
    positive = shares["ttwa_residents"] > 0
    shares["share_of_ttwa_residents_in_area"] = np.where(
        positive, shares["residents_in_area"] / shares["ttwa_residents"].where(positive, 1), 0.0
    )
    shares["mostly_inside"] = shares["share_of_ttwa_residents_in_area"] > 0.5
    shares["area_name"] = names.reindex(shares.index).to_numpy()
    shares = shares.reset_index().sort_values(
        ["residents_in_area", "area_id"], ascending=[False, True], kind="stable"
    )
    shares = shares[
        [
            "area_id",
            "area_name",
            "residents_in_area",
            "jobs_in_area",
            "share_of_area_residents",
            "share_of_area_jobs",
            "ttwa_residents",
            "share_of_ttwa_residents_in_area",
            "mostly_inside",
        ]
    ].reset_index(drop=True)

    overlapping = set(shares["area_id"])
    others = frame[(~frame["inside"]) & frame["area_id"].isin(overlapping)].copy()
    if neighbour_groups is not None:
        groups = _as_mapping_series(neighbour_groups, "neighbour_groups")
        others["group"] = (
            groups.reindex(others["unit"]).fillna(UNMAPPED_GROUP).astype(str).to_numpy()
        )
    else:
        others["group"] = OUTSIDE_AREA_GROUP
    shared = others.groupby(["area_id", "group"])["residents"].sum().reset_index()
    shared["share_of_ttwa_residents"] = (
        shared["residents"] / ttwa_res.reindex(shared["area_id"]).to_numpy()
    )
    shared["area_name"] = names.reindex(shared["area_id"]).to_numpy()
    shared = shared.sort_values(["area_id", "residents"], ascending=[True, False], kind="stable")[
        ["area_id", "area_name", "group", "residents", "share_of_ttwa_residents"]
    ]

    inside_share = (
        float(shares.loc[shares["mostly_inside"], "residents_in_area"].sum()) / area_res
        if area_res
        else float("nan")
    )
    summary = pd.Series(
        {
            "employed_residents": area_res,
            "workplace_jobs": area_jobs,
            "n_ttwas": float(len(shares)),
            "share_of_workers_in_mostly_inside_ttwas": inside_share,
            "largest_ttwa_share_of_residents": float(shares["share_of_area_residents"].max())
            if len(shares)
            else float("nan"),
        }
    )
    return FemaFit(
        ttwa_shares=shares,
        shared_ttwas=shared.reset_index(drop=True),
        summary=summary,
        special_destinations=special,
    )


def workers_in_mostly_inside_ttwas(
    zones: pd.DataFrame,
    areas: Mapping[str, Iterable[str]],
    *,
    unit: str = "lad23_code",
    ttwa: str = "area_id",
    residents: str = "residents",
) -> pd.DataFrame:
    """Share of each area's workers living in TTWAs mostly inside it, for many areas at once.

    The ``share_of_workers_in_mostly_inside_ttwas`` of :func:`fema_fit` for every area in
    one pass: residents by TTWA and unit (e.g. LAD) times a unit-by-area membership matrix
    give each area's residents in each TTWA; a TTWA is mostly inside an area when over half
    of its residents live there.

    Parameters
    ----------
    zones : pandas.DataFrame
        One row per TTWA zone with its TTWA (``ttwa``), the unit it lies in (``unit``) and
        its employed residents (``residents``).
    areas : mapping of str to iterable of str
        Area code to its units (e.g. LEP code to LAD codes); units not in ``zones`` are
        ignored.
    unit, ttwa, residents : str
        Column names in ``zones``.

    Returns
    -------
    pandas.DataFrame
        One row per area, in the order given: ``area_code``,
        ``share_of_workers_in_mostly_inside_ttwas`` (NaN for an area with no residents in
        the zones) and ``n_ttwas`` (TTWAs holding some of its residents).

    Examples
    --------
    >>> zones = pd.DataFrame({"area_id": [1, 1, 2, 2], "lad": ["A", "B", "B", "C"],
    ...                       "residents": [600, 400, 100, 900]})
    >>> workers_in_mostly_inside_ttwas(zones, {"AB": ["A", "B"], "Q": ["Q"]}, unit="lad")
      area_code  share_of_workers_in_mostly_inside_ttwas  n_ttwas
    0        AB                                 0.909091        2
    1         Q                                      NaN        0
    """
    ttwa_idx, _ = pd.factorize(zones[ttwa])
    unit_idx, unit_codes = pd.factorize(zones[unit].astype(str))
    weights = zones[residents].to_numpy(dtype=float)
    by_ttwa_unit = sp.csr_matrix((weights, (ttwa_idx, unit_idx)),
                                 shape=(ttwa_idx.max() + 1 if len(ttwa_idx) else 0,
                                        len(unit_codes)))
    codes = list(areas)
    member = membership_matrix(pd.Index(unit_codes), areas)
    inside = (by_ttwa_unit @ member).toarray()  # TTWA x area
    total = np.asarray(by_ttwa_unit.sum(axis=1)).ravel()[:, None]
    overlap = inside > 0
    mostly = overlap & (inside > 0.5 * total)
    area_total = inside.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(area_total > 0, (inside * mostly).sum(axis=0) / area_total, np.nan)
    return pd.DataFrame({"area_code": codes,
                         "share_of_workers_in_mostly_inside_ttwas": share,
                         "n_ttwas": overlap.sum(axis=0).astype(np.int64)})

