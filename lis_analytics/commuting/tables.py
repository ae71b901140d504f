"""Builders of the commuting derived tables (declared in ``lis_analytics/data/derived.yaml``).

Each builder is a pure function of the tables named by its keyword arguments (their ids)
and returns one DataFrame; :func:`lis_analytics.data.load_table` serves the results and
rebuilds them when an input, this package or the area definitions change.

``msoa11_points``
    A map point per MSOA 2011 (:func:`msoa11_points`).
``ttwa_msoa11_zones``
    The Census 2011 travel-to-work areas of the 7,201 MSOAs of England and Wales
    (:func:`~lis_analytics.commuting.travel_to_work_areas`, default policy and parameters):
    one row per MSOA (:func:`ttwa_msoa11_zones`).
``ttwa_msoa11_areas``
    One row per TTWA (:func:`ttwa_msoa11_areas`).
``commuting_lad_flows_2011``, ``commuting_lad_flows_2021``
    Census 2011 (LAD 2011) and Census 2021 (LAD 2021) flows on LAD December 2023 codes
    (:func:`~lis_analytics.commuting.bridge_lad_flows`).
``commuting_area_summaries``
    Commuting totals and self-containment of every area for both census years
    (:func:`commuting_area_summaries`): the table every pack ranks an area against.

Arguments named ``**geography_inputs`` are the look-ups :mod:`lis_analytics.geography`
reads to bridge codes and list areas; they are declared as inputs so that a new edition
rebuilds the table.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from lis_analytics.commuting.fema_fit import workers_in_mostly_inside_ttwas
from lis_analytics.commuting.flows import bridge_lad_flows, build_zone_flows
from lis_analytics.commuting.self_containment import area_commuting_totals
from lis_analytics.commuting.ttwa import travel_to_work_areas, ttwas_from_membership
from lis_analytics.geography import Area, all_areas, bridge_codes

__all__ = [
    "COUNTRY_OF_PREFIXES",
    "SUMMARY_TYPES",
    "commuting_area_summaries",
    "commuting_lad_flows_2011",
    "commuting_lad_flows_2021",
    "msoa11_points",
    "summary_areas",
    "ttwa_msoa11_areas",
    "ttwa_labels",
    "ttwa_msoa11_zones",
]

SUMMARY_TYPES: tuple[str, ...] = ("LEP", "CA", "SA", "RGN", "CUSTOM", "LAD")
"""Area types summarised in ``commuting_area_summaries`` (LADs of England and Wales only)."""

COUNTRY_OF_PREFIXES: dict[str, str] = {"E": "England", "W": "Wales",
                                       "EW": "England and Wales"}
"""Country of a TTWA from the first letters of its zone codes."""

ENGLAND = ("E92000001", "England")


def _clean_lad_name(name: str) -> str:
    """'Bristol, City of' -> 'Bristol'; 'Herefordshire, County of' -> 'Herefordshire'."""
    for suffix in (", City of", ", County of"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def ttwa_labels(
    areas: pd.DataFrame, zones: pd.DataFrame, lad_names: Mapping[str, str] | pd.Series
) -> pd.Series:
    """Readable TTWA names from the districts holding their jobs (not ONS's official names).

    A TTWA is named after the district (LAD 2011) with most of its jobs, or "A / B" when
    the second district has at least half as many jobs as the first (ONS names many
    TTWAs after two places, e.g. "Warrington and Wigan"). A TTWA holding the City of
    London is "London". Labels used twice get the name of their largest workplace zone in
    brackets (e.g. "Cornwall (Truro South & Central)").

    Parameters
    ----------
    areas : pandas.DataFrame
        ``TTWAResult.areas`` (``area_id``, ``area_name``).
    zones : pandas.DataFrame
        One row per zone with ``area_id``, ``lad11_code`` and ``jobs``.
    lad_names : mapping or pandas.Series
        LAD 2011 code to name.

    Returns
    -------
    pandas.Series
        Label indexed by ``area_id``.

    Examples
    --------
    >>> areas = pd.DataFrame({"area_id": [1, 2, 3], "area_name": ["Z1", "Z3", "Z5"]})
    >>> zones = pd.DataFrame({"area_id": [1, 1, 2, 2, 3], "jobs": [900, 100, 500, 300, 50],
    ...                       "lad11_code": ["L1", "L2", "L3", "L4", "L3"]})
    >>> ttwa_labels(areas, zones, {"L1": "Aton", "L2": "Beeby", "L3": "Ceeham, City of",
    ...                            "L4": "Deeby"}).tolist()
    ['Aton', 'Ceeham / Deeby', 'Ceeham']
    """
    names = pd.Series(lad_names) if not isinstance(lad_names, pd.Series) else lad_names
    jobs = (zones.groupby(["area_id", "lad11_code"])["jobs"].sum().reset_index()
            .sort_values(["area_id", "jobs", "lad11_code"], ascending=[True, False, True],
                         kind="stable"))
    labels = {}
    for area_id, grp in jobs.groupby("area_id", sort=True):
        codes = grp["lad11_code"].tolist()
        values = grp["jobs"].tolist()
        if "E09000001" in codes:
            labels[area_id] = "London"
            continue
        first = _clean_lad_name(str(names.get(codes[0], codes[0])))
        if len(codes) > 1 and values[0] > 0 and values[1] >= 0.5 * values[0]:
            labels[area_id] = f"{first} / {_clean_lad_name(str(names.get(codes[1], codes[1])))}"
        else:
            labels[area_id] = first
    ids = areas["area_id"].to_numpy()
    zone_name = pd.Series(areas["area_name"].astype(str).to_numpy(), index=ids)
    out = pd.Series(labels, dtype=object).reindex(ids).fillna(zone_name)
    dup = out.duplicated(keep=False)
    out[dup] = out[dup] + " (" + zone_name[dup] + ")"
    out.index.name = "area_id"
    return out.rename("ttwa_label")


def msoa11_points(msoa11_names: pd.DataFrame) -> pd.DataFrame:
    """MSOA 2011 map points: ``zone_code, x, y`` (EPSG:27700), the centre of each bounding box.

    No MSOA boundaries are stored, so each MSOA is drawn as the centre of its bounding box
    (lon/lat in the ONS origin-destination app's metadata, the source of ``msoa11_names``),
    projected to British National Grid.

    Examples
    --------
    >>> names = pd.DataFrame({"zone_code": ["E02000001"], "xmin": [-0.114], "ymin": [51.508],
    ...                       "xmax": [-0.073], "ymax": [51.523]})
    >>> p = msoa11_points(names)
    >>> round(float(p["x"].iloc[0]), -2), round(float(p["y"].iloc[0]), -2)
    (532400.0, 181300.0)
    """
    from pyproj import Transformer  # heavy; only needed when the table is built

    lon = (msoa11_names["xmin"] + msoa11_names["xmax"]) / 2
    lat = (msoa11_names["ymin"] + msoa11_names["ymax"]) / 2
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True).transform(
        lon.to_numpy(), lat.to_numpy())
    return pd.DataFrame({"zone_code": msoa11_names["zone_code"].astype(str).to_numpy(),
                         "x": x, "y": y})


def ttwa_msoa11_zones(census2011_flows_msoa: pd.DataFrame, msoa11_names: pd.DataFrame,
                      msoa11_points: pd.DataFrame, lookup_lad11_lad21: pd.DataFrame,
                      **geography_inputs: pd.DataFrame) -> pd.DataFrame:
    """The Census 2011 MSOA travel-to-work areas, one row per MSOA.

    Returns
    -------
    pandas.DataFrame
        ``zone_code``, ``area_id``, ``area_name`` (the TTWA and the name of its largest
        workplace MSOA), ``residents``, ``jobs``, ``live_and_work`` (of the MSOA),
        ``zone_name``, ``lad11_code``, ``lad23_code`` (parent LAD, 2011 and December 2023),
        ``x``, ``y`` (map point, EPSG:27700) and ``ttwa_label``
        (:func:`ttwa_labels`).

    Raises
    ------
    ValueError
        When an MSOA has no LAD 2023 building block.
    """
    zone_names = msoa11_names.set_index("zone_code")["zone_name"]
    result = travel_to_work_areas(census2011_flows_msoa, zone_names=zone_names)
    lad11_of = msoa11_names.set_index("zone_code")["lad_code"]
    zones = result.zones.merge(result.zone_stats, on="zone_code", how="left")
    zones["zone_name"] = zone_names.reindex(zones["zone_code"]).to_numpy()
    zones["lad11_code"] = lad11_of.reindex(zones["zone_code"]).to_numpy()
    zones["lad23_code"] = bridge_codes(zones["lad11_code"].fillna("")).to_numpy()
    if zones["lad23_code"].isna().any():
        bad = zones.loc[zones["lad23_code"].isna(), "zone_code"].tolist()[:10]
        raise ValueError(f"MSOAs without a LAD 2023 building block: {bad}")
    zones = zones.merge(msoa11_points, on="zone_code", how="left")
    lad11_names = lookup_lad11_lad21.set_index("LAD11CD")["LAD11NM"]
    labels = ttwa_labels(result.areas, zones, lad11_names)
    zones["ttwa_label"] = labels.reindex(zones["area_id"]).to_numpy()
    return zones


def ttwa_msoa11_areas(ttwa_msoa11_zones: pd.DataFrame, census2011_flows_msoa: pd.DataFrame,
                      msoa11_names: pd.DataFrame) -> pd.DataFrame:
    """One row per MSOA 2011 travel-to-work area, with its readable label and country.

    The stored zone assignment is evaluated on the flows again
    (:func:`~lis_analytics.commuting.ttwas_from_membership`), which gives back the run's own
    ``area_id`` and every column of ``TTWAResult.areas``.

    Returns
    -------
    pandas.DataFrame
        The columns of :attr:`~lis_analytics.commuting.TTWAResult.areas`, then
        ``ttwa_label`` and ``countries`` (England, Wales or England and Wales).
    """
    zones = ttwa_msoa11_zones
    result = ttwas_from_membership(
        build_zone_flows(census2011_flows_msoa), zones[["zone_code", "area_id"]],
        zone_names=msoa11_names.set_index("zone_code")["zone_name"])
    check = result.zones.set_index("zone_code")["area_id"]
    if not check.reindex(zones["zone_code"]).to_numpy().tolist() == zones["area_id"].tolist():
        raise ValueError("ttwa_msoa11_areas: the stored TTWAs renumber differently")
    areas = result.areas.copy()
    first = zones.drop_duplicates("area_id").set_index("area_id")
    areas["ttwa_label"] = first["ttwa_label"].reindex(areas["area_id"]).to_numpy()
    countries = zones.assign(country=zones["zone_code"].str[0]).groupby("area_id")[
        "country"].agg(lambda c: "".join(sorted(set(c))))
    areas["countries"] = countries.reindex(areas["area_id"]).map(COUNTRY_OF_PREFIXES).to_numpy()
    return areas


def commuting_lad_flows_2011(census2011_flows_lad: pd.DataFrame,
                             **geography_inputs: pd.DataFrame) -> pd.DataFrame:
    """Census 2011 LAD flows on LAD December 2023 codes (special destinations unchanged)."""
    return bridge_lad_flows(census2011_flows_lad)


def commuting_lad_flows_2021(census2021_flows_lad: pd.DataFrame,
                             **geography_inputs: pd.DataFrame) -> pd.DataFrame:
    """Census 2021 LAD flows on LAD December 2023 codes (special destinations unchanged)."""
    return bridge_lad_flows(census2021_flows_lad)


def summary_areas() -> list[Area]:
    """The areas of ``commuting_area_summaries``: :data:`SUMMARY_TYPES`, LADs of E and W."""
    areas = all_areas([t for t in SUMMARY_TYPES if t != "LAD"])
    lads = all_areas(["LAD"])
    return areas + [a for a in lads if a.code[0] in "EW"]


def commuting_area_summaries(commuting_lad_flows_2011: pd.DataFrame,
                             commuting_lad_flows_2021: pd.DataFrame,
                             ttwa_msoa11_zones: pd.DataFrame,
                             **geography_inputs: pd.DataFrame) -> pd.DataFrame:
    """Commuting totals and self-containment of every area, 2011 and 2021.

    Every LEP, Combined Authority, region, custom area and LAD of England or Wales
    (:func:`summary_areas`), and England (``E92000001``, type ``CTRY``: every English
    district in the flows as one area), for each census year
    (:func:`~lis_analytics.commuting.area_commuting_totals`); for 2011 also the share of
    its workers living in MSOA TTWAs mostly inside it
    (:func:`~lis_analytics.commuting.workers_in_mostly_inside_ttwas`; missing for England).

    Returns
    -------
    pandas.DataFrame
        ``area_code``, ``area_name``, ``area_type``, ``year``, the columns of
        :func:`~lis_analytics.commuting.area_commuting_totals`,
        ``share_of_workers_in_mostly_inside_ttwas`` and ``n_ttwas``.
    """
    areas = summary_areas()
    lad_sets = {a.code: a.lad_codes for a in areas}
    frames = []
    for year, flows in ((2011, commuting_lad_flows_2011), (2021, commuting_lad_flows_2021)):
        zone_flows = build_zone_flows(flows)
        england = [c for c in zone_flows.zone_codes if str(c).startswith("E")]
        totals = area_commuting_totals(zone_flows, {**lad_sets, ENGLAND[0]: england})
        totals.insert(1, "year", year)
        frames.append(totals)
    summaries = pd.concat(frames, ignore_index=True)
    meta = pd.DataFrame([{"area_code": a.code, "area_name": a.name, "area_type": a.type}
                         for a in areas] + [{"area_code": ENGLAND[0], "area_name": ENGLAND[1],
                                             "area_type": "CTRY"}])
    fit = workers_in_mostly_inside_ttwas(ttwa_msoa11_zones, lad_sets, unit="lad23_code")
    fit.insert(1, "year", 2011)
    out = meta.merge(summaries, on="area_code").merge(fit, on=["area_code", "year"],
                                                      how="left")
    return out
