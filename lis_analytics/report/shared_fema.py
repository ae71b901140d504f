"""Functional economic market areas: the shared all-area step and the FEMA chapter's helpers.

:func:`prepare` runs once per batch (``lis_analytics.report.shared.prepare_shared`` calls
it) and writes, under ``derived_dir() / "fema"``:

``ttwa_zones.parquet``
    The Census 2011 travel-to-work areas built from the 7,201 MSOAs of England and Wales
    (:func:`lis_analytics.ttwa.travel_to_work_areas`, default policy and parameters):
    one row per MSOA with its TTWA, residents, jobs, parent LAD (2011 and December 2023
    codes) and a map point (``x``, ``y``, EPSG:27700).
``ttwa_areas.parquet``
    One row per TTWA, with a readable ``ttwa_label`` (see :func:`ttwa_labels`).
``ttwa_special_destinations.parquet`` and ``ttwa_meta.json``
    How special destinations were handled and the run's parameters and totals.
``lad_flows_2011.parquet``, ``lad_flows_2021.parquet``
    Census 2011 (LAD 2011) and Census 2021 (LAD 2021) flows re-expressed on LAD
    December 2023 building blocks: reorganisations since 2011 only merged whole districts,
    so flows are summed (:func:`lis_analytics.fema.aggregate_flows`). Special destinations
    pass through unchanged.
``area_summaries.parquet``
    Commuting totals and self-containment of every LEP, Combined Authority, region,
    custom area and English or Welsh LAD for 2011 and 2021, and (2011) the share of its
    workers living in TTWAs mostly inside it: the benchmarks the chapter ranks an area
    against.

Work is skipped when ``stamp.json`` matches the inputs: the processed tables' checksums
and parser signatures, and the source of this module, :mod:`lis_analytics.fema`,
:mod:`lis_analytics.ttwa`, :mod:`lis_analytics.geography` and the area definitions.
:func:`load` reads everything back for the chapter notebook (computing it if missing or
stale). The remaining functions turn those tables into what the chapter shows for one
area, so the notebook only draws.

MSOA map points: no MSOA boundaries are stored, so each MSOA is drawn as the centre of its
bounding box (lon/lat in the ONS origin-destination app's metadata file, the source of
``msoa11_names``), projected to British National Grid.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from lis_analytics import fema, geography, ttwa
from lis_analytics.fema import (
    AreaCommutingSummary,
    FemaFit,
    SpecialDestinationPolicy,
    ZoneFlows,
    aggregate_flows,
    area_commuting_summary,
    build_zone_flows,
    fema_fit,
)
from lis_analytics.geography import Area
from lis_analytics.present.text import possessive
from lis_analytics.report import shared
from lis_analytics.report.shared import derived_dir
from lis_analytics.ttwa import TTWAParameters, TTWAResult

__all__ = [
    "YEARS",
    "FLOW_DATASETS",
    "FEMA_DATASETS",
    "FemaData",
    "fema_dir",
    "prepare",
    "load",
    "ttwa_labels",
    "bridge_flows",
    "area_totals",
    "fit_share",
    "group_labels",
    "benchmark_type",
    "benchmarks",
    "pool_median",
    "rank_text",
    "pool_text",
    "england_totals",
    "commuting_summaries",
    "balance_table",
    "partner_lads",
    "group_ties",
    "district_ties",
    "area_fit",
    "ttwa_view",
    "special_destination_table",
    "handling_view",
    "possessive",
    "pct_label",
    "boundary_lines",
    "key_findings",
    "LOCKDOWN_CAVEAT",
]

YEARS: tuple[int, int] = (2011, 2021)
"""Census years of the flow tables."""

FLOW_DATASETS: dict[int, str] = {2011: "census2011_flows_lad", 2021: "census2021_flows_lad"}
"""LAD-level flow table of each census year."""

FEMA_DATASETS: tuple[str, ...] = (
    "census2011_flows_msoa", "census2011_flows_lad", "census2021_flows_lad", "msoa11_names",
    "boundaries_lad23", "productivity_lad", "lookup_lad11_lad21", "lad_code_history",
    "lookup_lad21_lep21", "lookup_lad25_cauth25", "lookup_lad23_rgn23",
)
"""Processed tables the shared step and the chapter read."""

SUMMARY_TYPES: tuple[str, ...] = ("LEP", "CA", "RGN", "CUSTOM", "LAD")
"""Area types whose commuting summaries are computed for benchmarking."""

TYPE_LABELS: dict[str, str] = {"LEP": "LEPs", "CA": "Combined Authorities", "RGN": "regions",
                               "LAD": "districts in England and Wales", "CUSTOM": "custom areas"}

_FORMAT_VERSION = "1"
_FILES = ("ttwa_zones.parquet", "ttwa_areas.parquet", "ttwa_special_destinations.parquet",
          "ttwa_meta.json", "lad_flows_2011.parquet", "lad_flows_2021.parquet",
          "area_summaries.parquet")

LOCKDOWN_CAVEAT = (
    "Census 2021 was taken on 21 March 2021, during a national lockdown with many workers "
    "furloughed: 45% of workers in England and Wales were mainly working at or from home (or "
    "had no fixed place), against 19% in 2011. Self-containment from 2021 flows is therefore "
    "inflated and is not evidence of a change in travel-to-work patterns; 2011 is the basis "
    "for travel-to-work areas."
)


# ------------------------------------------------------------------ the shared step


def fema_dir() -> Path:
    """Folder of the FEMA chapter's shared tables (``derived_dir() / "fema"``)."""
    return derived_dir() / "fema"


def _inputs_stamp() -> str:
    """Signature of the inputs: processed flow tables, the FEMA/TTWA code, area definitions."""
    import sys

    return shared.inputs_signature(FEMA_DATASETS, modules=(fema, ttwa, sys.modules[__name__]),
                                   texts=(_FORMAT_VERSION,))


def _is_current(folder: Path, stamp: str) -> bool:
    return shared.stamp_is_current(folder, stamp, _FILES)


def prepare(force: bool = False) -> Path:
    """Build the FEMA chapter's all-area tables once; skip when the inputs are unchanged.

    Parameters
    ----------
    force
        Recompute even when ``stamp.json`` matches the inputs.

    Returns
    -------
    Path
        The folder holding the tables (:func:`fema_dir`).
    """
    from lis_analytics.data import build

    build(list(FEMA_DATASETS))  # checks file stamps; reads nothing when all are fresh
    folder = fema_dir()
    stamp = _inputs_stamp()
    if not force and _is_current(folder, stamp):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "stamp.json").unlink(missing_ok=True)
    _compute(folder)
    shared.write_stamp(folder, stamp)
    return folder


def msoa_points() -> pd.DataFrame:
    """MSOA 2011 map points: ``zone_code, x, y`` (EPSG:27700), the centre of each bounding box.

    Read from the checksum-verified source file of ``msoa11_names`` (the ONS
    origin-destination app's metadata, which gives each MSOA's bounding box in lon/lat).
    """
    from pyproj import Transformer

    from lis_analytics.data.fetch import fetch

    (path,) = fetch("msoa11_names")
    meta = pd.read_csv(path, encoding="utf-8-sig", usecols=["areacd", "xmin", "ymin",
                                                             "xmax", "ymax"])
    lon = (meta["xmin"] + meta["xmax"]) / 2
    lat = (meta["ymin"] + meta["ymax"]) / 2
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True).transform(
        lon.to_numpy(), lat.to_numpy())
    return pd.DataFrame({"zone_code": meta["areacd"].astype(str), "x": x, "y": y})


def _clean_lad_name(name: str) -> str:
    """'Bristol, City of' -> 'Bristol'; 'Herefordshire, County of' -> 'Herefordshire'."""
    for suffix in (", City of", ", County of"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def ttwa_labels(areas: pd.DataFrame, zones: pd.DataFrame,
                lad_names: Mapping[str, str] | pd.Series) -> pd.Series:
    """Readable TTWA names from the districts holding their jobs (not ONS's official names).

    A TTWA is named after the district (LAD 2011) with most of its jobs, or "A / B" when
    the second district has at least half as many jobs as the first (ONS names many
    TTWAs after two places, e.g. "Warrington and Wigan"). A TTWA holding the City of
    London is "London". Labels used twice get the name of their largest workplace MSOA in
    brackets (e.g. "Cornwall (Truro South & Central)").

    Parameters
    ----------
    areas
        ``TTWAResult.areas`` (``area_id``, ``area_name``).
    zones
        One row per zone with ``area_id``, ``lad11_code`` and ``jobs``.
    lad_names
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
    msoa_name = pd.Series(areas["area_name"].astype(str).to_numpy(), index=ids)
    out = pd.Series(labels, dtype=object).reindex(ids).fillna(msoa_name)
    dup = out.duplicated(keep=False)
    out[dup] = out[dup] + " (" + msoa_name[dup] + ")"
    out.index.name = "area_id"
    return out.rename("ttwa_label")


def bridge_flows(flows: pd.DataFrame) -> pd.DataFrame:
    """Re-express a LAD flow table of any vintage on LAD December 2023 codes.

    Every origin and ordinary destination must be a LAD code of a known vintage; special
    destinations (``OD...``, ``111111111``, Scotland, ...) pass through. Totals are kept.

    Raises
    ------
    ValueError
        Naming the codes that are not LADs of any known vintage.
    """
    codes = pd.unique(pd.concat([flows["origin_code"], flows["destination_code"]]).astype(str))
    zones = [c for c in codes if fema.classify_destinations([c]).iloc[0] == fema.ZONE]
    bridged = geography.bridge_codes(zones)
    unknown = [c for c, b in zip(zones, bridged, strict=True) if b is None]
    if unknown:
        raise ValueError(f"{len(unknown)} flow code(s) are not LADs of any known vintage: "
                         f"{unknown[:10]}")
    return aggregate_flows(flows, dict(zip(zones, bridged, strict=True)))


def area_totals(zone_flows: ZoneFlows, lad_sets: Mapping[str, Iterable[str]]) -> pd.DataFrame:
    """Commuting totals of many areas at once from one zone-flow matrix.

    Gives the same ``employed_residents``, ``workplace_jobs`` and ``live_and_work_in_area``
    as :func:`lis_analytics.fema.area_commuting_summary` (tested), for every area in one
    pass. LADs missing from the flows are ignored; areas with none are left out.

    Returns
    -------
    pandas.DataFrame
        ``area_code`` and the totals, in-, out- and net commuting and self-containment.
    """
    matrix = zone_flows.matrix.tocsr()
    rows = []
    for code, lads in lad_sets.items():
        pos = zone_flows.zone_codes.get_indexer(list(lads))
        pos = np.unique(pos[pos >= 0])
        if not len(pos):
            continue
        residents = float(zone_flows.residents[pos].sum())
        jobs = float(zone_flows.jobs[pos].sum())
        live = float(matrix[pos][:, pos].sum())
        rows.append({"area_code": code, "employed_residents": residents,
                     "workplace_jobs": jobs, "live_and_work_in_area": live,
                     "in_commuters": jobs - live, "out_commuters": residents - live,
                     "net_commuting": jobs - residents, "n_lads": len(pos)})
    out = pd.DataFrame(rows)
    out["supply_side_sc"] = out["live_and_work_in_area"] / out["employed_residents"]
    out["demand_side_sc"] = out["live_and_work_in_area"] / out["workplace_jobs"]
    out["self_containment"] = out[["supply_side_sc", "demand_side_sc"]].min(axis=1)
    return out


def fit_share(residents_by_ttwa_lad: pd.DataFrame, lads: Iterable[str]) -> tuple[float, int]:
    """Share of an area's workers living in TTWAs mostly (over half) inside it, and TTWA count.

    ``residents_by_ttwa_lad`` is employed residents by TTWA (rows) and LAD (columns). Same
    definition as ``share_of_workers_in_mostly_inside_ttwas`` of
    :func:`lis_analytics.fema.fema_fit` (tested).

    Examples
    --------
    >>> pivot = pd.DataFrame({"A": [600, 0], "B": [400, 100], "C": [0, 900]}, index=[1, 2])
    >>> fit_share(pivot, ["A", "B"])
    (0.9090909090909091, 2)
    """
    cols = [c for c in lads if c in residents_by_ttwa_lad.columns]
    if not cols:
        return float("nan"), 0
    inside = residents_by_ttwa_lad[cols].sum(axis=1)
    total = residents_by_ttwa_lad.sum(axis=1)
    overlap = inside > 0
    mostly = overlap & (inside > 0.5 * total)
    area_total = float(inside.sum())
    share = float(inside[mostly].sum()) / area_total if area_total else float("nan")
    return share, int(overlap.sum())


def _summary_areas() -> list[Area]:
    areas = geography.all_areas([t for t in SUMMARY_TYPES if t != "LAD"])
    lads = geography.all_areas(["LAD"])
    return areas + [a for a in lads if a.code[0] in "EW"]


def _compute(folder: Path) -> None:
    from lis_analytics.data import load_table

    names = load_table("msoa11_names")
    msoa_flows = load_table("census2011_flows_msoa")
    result = ttwa.travel_to_work_areas(
        msoa_flows, zone_names=names.set_index("zone_code")["zone_name"])
    lad11_of = names.set_index("zone_code")["lad_code"]
    zones = result.zones.merge(result.zone_stats, on="zone_code", how="left")
    zones["zone_name"] = names.set_index("zone_code")["zone_name"].reindex(
        zones["zone_code"]).to_numpy()
    zones["lad11_code"] = lad11_of.reindex(zones["zone_code"]).to_numpy()
    lad23 = geography.bridge_codes(zones["lad11_code"].fillna(""))
    zones["lad23_code"] = lad23.to_numpy()
    if zones["lad23_code"].isna().any():
        bad = zones.loc[zones["lad23_code"].isna(), "zone_code"].tolist()[:10]
        raise ValueError(f"MSOAs without a LAD 2023 building block: {bad}")
    zones = zones.merge(msoa_points(), on="zone_code", how="left")
    lad11_names = load_table("lookup_lad11_lad21").set_index("LAD11CD")["LAD11NM"]
    labels = ttwa_labels(result.areas, zones, lad11_names)
    areas = result.areas.copy()
    areas["ttwa_label"] = labels.reindex(areas["area_id"]).to_numpy()
    countries = zones.assign(country=zones["zone_code"].str[0]).groupby("area_id")["country"].agg(
        lambda c: "".join(sorted(set(c))))
    areas["countries"] = countries.reindex(areas["area_id"]).map(
        {"E": "England", "W": "Wales", "EW": "England and Wales"}).to_numpy()
    zones["ttwa_label"] = labels.reindex(zones["area_id"]).to_numpy()
    shared.write_parquet(zones, folder / "ttwa_zones.parquet")
    shared.write_parquet(areas, folder / "ttwa_areas.parquet")
    shared.write_parquet(result.special_destinations, folder / "ttwa_special_destinations.parquet")
    p = result.parameters
    shared.write_json({"parameters": {"min_size": p.min_size, "target_size": p.target_size,
                                "min_self_containment": p.min_self_containment,
                                "target_self_containment": p.target_self_containment,
                                "form": p.form},
                 "total_persons": result.total_persons,
                 "excluded_persons": result.excluded_persons,
                 "n_dissolutions": result.n_dissolutions,
                 "n_zone_moves": result.n_zone_moves,
                 "n_areas": result.n_areas}, folder / "ttwa_meta.json")

    summary_areas = _summary_areas()
    lad_sets = {a.code: a.lad_codes for a in summary_areas}
    pivot = zones.pivot_table(index="area_id", columns="lad23_code", values="residents",
                              aggfunc="sum", fill_value=0)
    frames = []
    for year, ds_id in FLOW_DATASETS.items():
        flows = bridge_flows(load_table(ds_id))
        shared.write_parquet(flows, folder / f"lad_flows_{year}.parquet")
        totals = area_totals(build_zone_flows(flows), lad_sets)
        totals.insert(1, "year", year)
        frames.append(totals)
    summaries = pd.concat(frames, ignore_index=True)
    meta = pd.DataFrame([{"area_code": a.code, "area_name": a.name, "area_type": a.type}
                         for a in summary_areas])
    fit = pd.DataFrame([{"area_code": a.code, "year": 2011,
                         **dict(zip(("share_of_workers_in_mostly_inside_ttwas", "n_ttwas"),
                                    fit_share(pivot, a.lad_codes), strict=True))}
                        for a in summary_areas])
    summaries = meta.merge(summaries, on="area_code").merge(fit, on=["area_code", "year"],
                                                           how="left")
    shared.write_parquet(summaries, folder / "area_summaries.parquet")


# ------------------------------------------------------------------ loading


@dataclass(frozen=True)
class FemaData:
    """Everything the FEMA chapter reads (see the module docstring).

    Attributes
    ----------
    ttwas
        The MSOA 2011 TTWAs as a :class:`~lis_analytics.ttwa.TTWAResult` (for
        :func:`~lis_analytics.fema.fema_fit`).
    zones
        One row per MSOA: TTWA, label, residents, jobs, LAD 2011 and 2023 codes, ``x``, ``y``.
    ttwa_areas
        One row per TTWA, with ``ttwa_label`` and ``countries``.
    lad_flows
        Year to LAD 2023 flow table.
    summaries
        All-area commuting summaries by year.
    """

    ttwas: TTWAResult
    zones: pd.DataFrame
    ttwa_areas: pd.DataFrame
    lad_flows: dict[int, pd.DataFrame]
    summaries: pd.DataFrame

    @property
    def lad_names(self) -> pd.Series:
        """LAD 2023 code to name (all UK)."""
        return geography.canonical_lads().set_index("lad_code")["lad_name"]


_loaded: dict[str, FemaData] = {}


def load() -> FemaData:
    """Read the shared FEMA tables, computing them first if missing or stale.

    The tables are kept in memory for later calls while their inputs are unchanged (the
    same object is returned, as :func:`lis_analytics.load_table` does).
    """
    folder = fema_dir()
    stamp = _inputs_stamp()
    if not _is_current(folder, stamp):
        prepare()
    key = f"{folder}:{stamp}"
    if key not in _loaded:
        _loaded.clear()
        _loaded[key] = _read(folder)
    return _loaded[key]


def _read(folder: Path) -> FemaData:
    zones = pd.read_parquet(folder / "ttwa_zones.parquet")
    areas = pd.read_parquet(folder / "ttwa_areas.parquet")
    meta = json.loads((folder / "ttwa_meta.json").read_text())
    result = TTWAResult(
        zones=zones[["zone_code", "area_id", "area_name"]],
        areas=areas.drop(columns=["ttwa_label", "countries"]),
        zone_stats=zones[["zone_code", "residents", "jobs", "live_and_work"]],
        special_destinations=pd.read_parquet(folder / "ttwa_special_destinations.parquet"),
        parameters=TTWAParameters(**meta["parameters"]),
        total_persons=int(meta["total_persons"]),
        excluded_persons=int(meta["excluded_persons"]),
        n_dissolutions=int(meta["n_dissolutions"]),
        n_zone_moves=int(meta["n_zone_moves"]),
    )
    flows = {year: pd.read_parquet(folder / f"lad_flows_{year}.parquet") for year in YEARS}
    return FemaData(result, zones, areas, flows,
                    pd.read_parquet(folder / "area_summaries.parquet"))


# ------------------------------------------------------------------ one area


def group_labels(area: Area, prefer: str | None = None) -> pd.Series:
    """Label every LAD 2023 with the group it belongs to, for naming commuting partners.

    LADs of the area get the area's name; other English LADs their Combined Authority
    (``prefer="CA"``, the default for CA areas) or LEP ("A / B LEP" for the seven LADs in
    two LEPs); LADs outside England are "Wales", "Scotland" or "Northern Ireland".

    Returns
    -------
    pandas.Series
        Label indexed by LAD 2023 code.
    """
    prefer = prefer or ("CA" if area.type == "CA" else "LEP")
    lads = geography.canonical_lads()
    leps = geography.lad_to_area_lookup(["LEP"])
    lep_label = leps.sort_values("area_code").groupby("lad_code")["area_name"].agg(
        lambda n: " / ".join(n) + " LEP")
    cas = geography.lad_to_area_lookup(["CA"])
    ca_label = cas.groupby("lad_code")["area_name"].first() + " CA"
    nations = {"W": "Wales", "S": "Scotland", "N": "Northern Ireland"}
    labels = {}
    inside = set(area.lad_codes)
    for code, region in zip(lads["lad_code"], lads["region_name"], strict=True):
        if code in inside:
            labels[code] = area.name
        elif code[0] in nations:
            labels[code] = nations[code[0]]
        elif prefer == "CA" and code in ca_label.index:
            labels[code] = ca_label[code]
        elif code in lep_label.index:
            labels[code] = lep_label[code]
        elif code in ca_label.index:
            labels[code] = ca_label[code]
        else:
            labels[code] = str(region)
    return pd.Series(labels, name="group")


def benchmark_type(area: Area) -> str:
    """Area type an area is ranked against: its own for LEPs, CAs, regions and LADs, else LEPs."""
    return area.type if area.type in ("LEP", "CA", "RGN", "LAD") else "LEP"


def _own_rows(data: FemaData, area: Area) -> pd.DataFrame:
    """Summary rows of an area from the shared table, or computed (e.g. a new custom area)."""
    table = data.summaries
    own = table[table["area_code"] == area.code]
    if not own.empty:
        return own
    rows = []
    for year in YEARS:
        zone_flows = build_zone_flows(data.lad_flows[year])
        totals = area_totals(zone_flows, {area.code: area.lad_codes})
        totals.insert(1, "year", year)
        rows.append(totals)
    own = pd.concat(rows, ignore_index=True).assign(area_name=area.name, area_type=area.type)
    pivot = data.zones.pivot_table(index="area_id", columns="lad23_code", values="residents",
                                   aggfunc="sum", fill_value=0)
    share, n = fit_share(pivot, area.lad_codes)
    own["share_of_workers_in_mostly_inside_ttwas"] = np.where(own["year"] == 2011, share,
                                                              np.nan)
    own["n_ttwas"] = np.where(own["year"] == 2011, n, np.nan)
    return own


def benchmarks(data: FemaData, area: Area, comparators: Iterable[Area] = ()) -> pd.DataFrame:
    """Summaries of the area, every area of its benchmark type and any comparators, both years.

    Adds ``is_area``, ``is_peer`` (of the benchmark type), ``is_comparator``, ``rank_sc``
    (1 = most self-contained, by the smaller of supply- and demand-side self-containment,
    among the area and its peers; missing for comparators of another type),
    ``rank_supply_side_sc``, ``rank_demand_side_sc``, ``rank_net_commuting`` (1 = most net
    in-commuting) and ``n_of_type`` (the area and its peers) per year. The area is included
    even when it is not of the benchmark type (e.g. a custom area ranked among LEPs).
    """
    kind = benchmark_type(area)
    table = data.summaries
    peers = table[(table["area_type"] == kind) & (table["area_code"] != area.code)]
    if kind == "LAD":
        peers = peers[peers["area_code"].str.startswith("E")]
    own = _own_rows(data, area)
    extra = [_own_rows(data, c) for c in comparators
             if c.code != area.code and c.code not in set(peers["area_code"])]
    out = pd.concat([own, peers, *extra], ignore_index=True)
    out["is_area"] = out["area_code"] == area.code
    out["is_peer"] = out["area_code"].isin(set(peers["area_code"]))
    out["is_comparator"] = out["area_code"].isin({c.code for c in comparators})
    ranked = out["is_area"] | out["is_peer"]
    for col, name in (("self_containment", "rank_sc"), ("supply_side_sc", "rank_supply_side_sc"),
                      ("demand_side_sc", "rank_demand_side_sc"),
                      ("net_commuting", "rank_net_commuting")):
        out[name] = np.nan
        out.loc[ranked, name] = out[ranked].groupby("year")[col].rank(ascending=False,
                                                                      method="min")
    out["n_of_type"] = out["year"].map(out[ranked].groupby("year").size())
    return out.sort_values(["year", "rank_sc", "area_code"]).reset_index(drop=True)


def commuting_summaries(data: FemaData, area: Area, labels: pd.Series | None = None,
                        ) -> dict[int, AreaCommutingSummary]:
    """:func:`~lis_analytics.fema.area_commuting_summary` of the area for each census year.

    Every outside origin and destination is kept (``top_n`` covers them all) and zone ties
    are grouped with :func:`group_labels`.
    """
    labels = group_labels(area) if labels is None else labels
    out = {}
    for year in YEARS:
        flows = data.lad_flows[year]
        known = pd.Index(flows["origin_code"].unique())
        lads = [c for c in area.lad_codes if c in known]
        out[year] = area_commuting_summary(flows, lads, zone_to_group=labels, top_n=10_000)
    return out


def pool_median(bench: pd.DataFrame, year: int, col: str = "self_containment") -> float:
    """Median of ``col`` over the ranking pool (the area and its peers) in one year."""
    sub = bench[(bench["year"] == year) & (bench["is_area"] | bench["is_peer"])]
    return float(sub[col].median())


def rank_text(area: Area, rank: int, n: int) -> str:
    """'ranks 13 of 38 LEPs' (or 'would rank 5 of 39 alongside the 38 LEPs' for other types).

    ``n`` is the size of the ranking pool, the area included (``n_of_type``).

    Examples
    --------
    >>> rank_text(Area("E1", "X", "LEP", ("A",)), 13, 38)
    'ranks 13 of 38 LEPs'
    >>> rank_text(Area("C1", "Y", "CUSTOM", ("A",)), 5, 39)
    'would rank 5 of 39 alongside the 38 LEPs'
    """
    kind = TYPE_LABELS[benchmark_type(area)]
    if area.type == benchmark_type(area):
        return f"ranks {rank} of {n} {kind}"
    return f"would rank {rank} of {n} alongside the {n - 1} {kind}"


def pool_text(area: Area, n: int) -> str:
    """What ranks and medians are taken over: 'the 38 LEPs (Greater Manchester included)'."""
    kind = TYPE_LABELS[benchmark_type(area)]
    if area.type == benchmark_type(area):
        return f"the {n} {kind} ({area.name} included)"
    return f"{area.name} and the {n - 1} {kind} ({n} areas)"


def england_totals(data: FemaData) -> pd.DataFrame:
    """Commuting totals and self-containment of England (all English LADs as one area).

    One row per census year, the columns of :func:`area_totals` plus ``year``.
    """
    rows = []
    for year in YEARS:
        zone_flows = build_zone_flows(data.lad_flows[year])
        lads = [c for c in zone_flows.zone_codes if str(c).startswith("E")]
        totals = area_totals(zone_flows, {"E92000001": lads})
        totals.insert(1, "year", year)
        rows.append(totals)
    return pd.concat(rows, ignore_index=True).set_index("year")


_MEASURES = (
    ("employed_residents", "Employed residents", "people"),
    ("workplace_jobs", "Workplace jobs (filled by residents of England and Wales)", "jobs"),
    ("live_and_work_in_area", "Live and work in the area", "people"),
    ("out_commuters", "Out-commuters (live in the area, work outside)", "people"),
    ("in_commuters", "In-commuters (work in the area, live outside)", "people"),
    ("net_commuting", "Net commuting (in minus out)", "people"),
    ("supply_side_sc", "Supply-side self-containment (residents working locally)", "share"),
    ("demand_side_sc", "Demand-side self-containment (jobs filled locally)", "share"),
    ("self_containment", "Self-containment: the smaller of the two (the TTWA test)", "share"),
)


def balance_table(bench: pd.DataFrame, area: Area) -> pd.DataFrame:
    """The area's commuting balance in 2011 and 2021 with its rank and the median of its type.

    Rank and median are over one pool, the area and its peers (:func:`ranking_pool_text`),
    the same as in :func:`key_findings`. Shares are in per cent. Rank 1 = highest (for net
    commuting: most net in-commuting).
    """
    rows = []
    for col, label, unit in _MEASURES:
        row = {"Measure": label}
        for year in YEARS:
            sub = bench[(bench["year"] == year) & (bench["is_area"] | bench["is_peer"])]
            value = sub.loc[sub["is_area"], col]
            value = float(value.iloc[0]) if len(value) else float("nan")
            pool = sub[col]  # the area and its peers: the same pool as the rank
            scale = 100.0 if unit == "share" else 1.0
            row[f"{year}"] = value * scale
            if unit == "share" or col == "net_commuting":
                ranked = sub[col].rank(ascending=False, method="min")
                row[f"Rank {year}"] = (int(ranked[sub["is_area"]].iloc[0])
                                       if sub["is_area"].any() else np.nan)
                row[f"Median {year}"] = float(pool.median()) * scale
            else:
                row[f"Rank {year}"] = np.nan
                row[f"Median {year}"] = np.nan
        rows.append(row)
    out = pd.DataFrame(rows)
    return out[["Measure", "2011", "Rank 2011", "Median 2011", "2021", "Rank 2021",
                "Median 2021"]]


def partner_lads(summaries: Mapping[int, AreaCommutingSummary], labels: pd.Series,
                 names: pd.Series) -> pd.DataFrame:
    """Every outside district the area exchanges commuters with, both years, largest first.

    Returns
    -------
    pandas.DataFrame
        ``code, name, group``, and per year ``out_<year>`` (area residents working there),
        ``in_<year>`` (its residents working in the area) and ``total_<year>``; sorted by
        ``total_2011``. Destinations handled as "outside" (Scotland, Northern Ireland) are
        rows too.
    """
    frames = []
    for year, summary in summaries.items():
        out = summary.top_destinations.set_index("zone_code")["persons"].rename(f"out_{year}")
        inn = summary.top_origins.set_index("zone_code")["persons"].rename(f"in_{year}")
        frames += [out, inn]
    table = pd.concat(frames, axis=1).fillna(0.0)
    for year in summaries:
        table[f"total_{year}"] = table[f"out_{year}"] + table[f"in_{year}"]
    table.index.name = "code"
    table = table.reset_index()
    special = {"S92000003": "Scotland", "N92000002": "Northern Ireland"}
    table["name"] = [names.get(c, special.get(c, c)) for c in table["code"]]
    table["group"] = [labels.get(c, special.get(c, "Outside England and Wales"))
                      for c in table["code"]]
    first = min(summaries)
    table = table.sort_values([f"total_{first}", "code"], ascending=[False, True], kind="stable")
    cols = ["code", "name", "group"] + [f"{k}_{y}" for y in summaries for k in ("out", "in",
                                                                                "total")]
    return table[cols].reset_index(drop=True)


def group_ties(partners: pd.DataFrame, area_totals_by_year: Mapping[int, pd.Series]
               ) -> pd.DataFrame:
    """Cross-boundary commuting by neighbouring LEP / CA (or nation), both years.

    Shares are of the area's cross-boundary commuting (in + out) in that year.
    """
    years = sorted(area_totals_by_year)
    agg = partners.groupby("group")[[f"{k}_{y}" for y in years for k in ("out", "in",
                                                                         "total")]].sum()
    for y in years:
        t = area_totals_by_year[y]
        cross = float(t["in_commuters"] + t["out_commuters"])
        agg[f"share_{y}"] = agg[f"total_{y}"] / cross * 100 if cross else np.nan
    return agg.sort_values(f"total_{years[0]}", ascending=False).reset_index()


def district_ties(summary: AreaCommutingSummary, area: Area, names: pd.Series) -> pd.DataFrame:
    """For each district of the area, where its cross-boundary commuting goes (one year).

    Returns
    -------
    pandas.DataFrame
        ``district``, ``commuting_outside`` (in + out with districts outside the area),
        ``share_outside`` (% of the district's commuting with other districts),
        ``strongest_partner`` (group outside the area with most commuting) and its
        ``partner_share`` (% of the district's commuting).
    """
    ties = summary.zone_group_ties
    rows = []
    for code, grp in ties.groupby("zone_code"):
        total = grp["commuting"].sum()
        outside = grp[grp["group"] != area.name]
        out_total = outside["commuting"].sum()
        best = outside.sort_values(["commuting", "group"], ascending=[False, True]).head(1)
        rows.append({
            "district": names.get(code, code),
            "commuting_outside": out_total,
            "share_outside": out_total / total * 100 if total else np.nan,
            "strongest_partner": best["group"].iloc[0] if len(best) else "",
            "partner_share": (best["commuting"].iloc[0] / total * 100
                              if len(best) and total else np.nan),
        })
    return pd.DataFrame(rows).sort_values("share_outside", ascending=False).reset_index(
        drop=True)


def area_fit(data: FemaData, area: Area, labels: pd.Series) -> FemaFit:
    """:func:`~lis_analytics.fema.fema_fit` of the area against the MSOA 2011 TTWAs."""
    parent = data.zones.set_index("zone_code")["lad23_code"]
    known = pd.Index(parent.unique())
    lads = [c for c in area.lad_codes if c in known]
    outside = labels[labels != area.name]
    return fema_fit(data.ttwas, lads, zone_to_parent=parent, neighbour_groups=outside)


def ttwa_view(fit: FemaFit, data: FemaData) -> pd.DataFrame:
    """The TTWAs the area overlaps with readable labels and who shares them.

    Returns
    -------
    pandas.DataFrame
        One row per TTWA: ``area_id``, ``ttwa``, residents and jobs in the area, shares
        (%), the TTWA's residents, ``inside_pct`` (% of the TTWA's residents living in the
        area), ``mostly_inside`` and ``shared_with`` (other groups holding at least 5% of
        its residents, largest first).
    """
    labels = data.ttwa_areas.set_index("area_id")["ttwa_label"]
    shares = fit.ttwa_shares.copy()
    shared = fit.shared_ttwas
    partners = {}
    for area_id, grp in shared.groupby("area_id"):
        big = grp[grp["share_of_ttwa_residents"] >= 0.05].sort_values(
            "residents", ascending=False)
        partners[area_id] = ", ".join(f"{g} ({s * 100:.0f}%)" for g, s in
                                      zip(big["group"], big["share_of_ttwa_residents"],
                                          strict=True))
    return pd.DataFrame({
        "area_id": shares["area_id"],
        "ttwa": labels.reindex(shares["area_id"]).to_numpy(),
        "residents_in_area": shares["residents_in_area"],
        "jobs_in_area": shares["jobs_in_area"],
        "share_of_area_residents_pct": shares["share_of_area_residents"] * 100,
        "share_of_area_jobs_pct": shares["share_of_area_jobs"] * 100,
        "ttwa_residents": shares["ttwa_residents"],
        "inside_pct": shares["share_of_ttwa_residents_in_area"] * 100,
        "mostly_inside": shares["mostly_inside"],
        "shared_with": [partners.get(a, "") for a in shares["area_id"]],
    })


def special_destination_table(data: FemaData, area: Area,
                              policy: SpecialDestinationPolicy | None = None) -> pd.DataFrame:
    """How each special destination was handled, with the area's residents in it, both years.

    Counts are the area's employed residents in each category (from the LAD flows); the
    same handling applies to every figure of the chapter and to the TTWAs.

    Returns
    -------
    pandas.DataFrame
        ``category, description, codes, persons_2011, persons_2021, handling, effect, note``.
    """
    base = None
    codes: dict[str, set[str]] = {}
    notes: dict[str, list[str]] = {}
    for year in YEARS:
        flows = data.lad_flows[year]
        own = flows[flows["origin_code"].isin(area.lad_codes)]
        table = build_zone_flows(own, policy).special_destinations.set_index("category")
        if base is None:
            base = table[["description", "handling", "effect"]].copy()
        base[f"persons_{year}"] = table["persons"]
        for category, text, note in zip(table.index, table["codes"], table["note"],
                                        strict=True):
            codes.setdefault(category, set()).update(c for c in text.split(", ") if c)
            if note:
                notes.setdefault(category, []).append(note)
    base["codes"] = [", ".join(sorted(codes.get(c, set()))) for c in base.index]
    base["note"] = [" ".join(notes.get(c, [])) for c in base.index]
    cols = ["description", "codes"] + [f"persons_{y}" for y in YEARS] + ["handling", "effect",
                                                                        "note"]
    return base[cols].reset_index()


def boundary_lines(geometries: Iterable) -> list[np.ndarray]:
    """Boundary lines of (multi)polygons as coordinate arrays, for a matplotlib LineCollection.

    Drawing boundaries this way is several times faster than ``GeoSeries.plot``, which
    redraws the whole figure.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> [line.shape for line in boundary_lines([box(0, 0, 1, 1)])]
    [(5, 2)]
    """
    import shapely

    lines = []
    for geom in geometries:
        for part in shapely.get_parts(shapely.boundary(geom)):
            lines.append(np.asarray(shapely.get_coordinates(part)))
    return lines


def pct_label(value: float) -> str:
    """A percentage for a label that never rounds a part up to the whole (or down to nothing).

    Examples
    --------
    >>> pct_label(99.6), pct_label(100.0), pct_label(0.3), pct_label(42.4)
    ('over 99%', '100%', 'under 1%', '42%')
    """
    if 99.5 <= value < 100:
        return "over 99%"
    if 0 < value < 0.5:
        return "under 1%"
    return f"{value:.0f}%"


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _people(x: float) -> str:
    x = abs(float(x))
    return f"{x / 1e6:.2f} million" if x >= 1e6 else f"{x:,.0f}"


def _codes_short(codes: str, keep: int = 4) -> str:
    """Shorten a long comma-separated code list: 'A, B, C, D and 38 more'."""
    items = [c for c in codes.split(", ") if c]
    if len(items) <= keep:
        return ", ".join(items)
    return f"{', '.join(items[:keep])} and {len(items) - keep} more"


def handling_view(handling: pd.DataFrame) -> pd.DataFrame:
    """The special-destination table as shown in the chapter (short code lists, labels).

    The per-category note (the Census 2021 lockdown warning) is left out: the chapter states
    it as a table note.
    """
    out = handling.copy()
    out["codes"] = out["codes"].map(_codes_short).replace("", "none in the flows")
    return out.rename(columns={
        "description": "Special destination", "codes": "Census codes",
        "persons_2011": "Area residents 2011", "persons_2021": "Area residents 2021",
        "handling": "Handling", "effect": "Effect"}).drop(columns=["category", "note"])


def key_findings(area: Area, bench: pd.DataFrame, groups: pd.DataFrame,
                 partners: pd.DataFrame, view: pd.DataFrame, fit: FemaFit,
                 districts: pd.DataFrame, handling: pd.DataFrame) -> list[str]:
    """Plain-English key findings generated from the chapter's tables, most important first."""
    out = []
    own = bench[bench["is_area"]].set_index("year")
    y0, y1 = YEARS
    t0, t1 = own.loc[y0], own.loc[y1]
    med = pool_median(bench, y0)
    where = rank_text(area, int(t0["rank_sc"]), int(t0["n_of_type"]))
    out.append(
        f"In {y0}, {_pct(t0['supply_side_sc'])} of {possessive(area.name)} working residents "
        "worked in "
        f"the area and {_pct(t0['demand_side_sc'])} of its jobs were filled by its residents; "
        f"on self-containment, the smaller of the two (the travel-to-work-area test, "
        f"{_pct(t0['self_containment'])}), it {where} (median {_pct(med)}).")
    if len(view):
        main = view.iloc[0]
        share_inside = fit.summary["share_of_workers_in_mostly_inside_ttwas"]
        sentence = (f"{main['share_of_area_residents_pct']:.0f}% of its working residents live "
                    f"in the {main['ttwa']} travel-to-work area")
        if main["shared_with"]:
            # names may contain commas ("Derby, Derbyshire, ..."): take the first "name (NN%)"
            first = re.match(r"(.+?) \((\d+%)\)", main["shared_with"])
            group, share = first.group(1), first.group(2)
            sentence += f", which extends into {group} ({share.rstrip(')')} of its residents)"
        sentence += (f"; {_pct(share_inside)} live in travel-to-work areas mostly inside "
                     f"{area.name} ({len(view)} overlap it in all).")
        out.append(sentence)
    outside = groups[groups["group"] != area.name].head(2)
    if len(outside):
        first = outside.iloc[0]
        sentence = (f"{first['group']} accounted for {first[f'share_{y0}']:.0f}% of the "
                    f"commuting across its boundary in {y0}")
        if len(outside) > 1:
            second = outside.iloc[1]
            sentence += f" and {second['group']} for {second[f'share_{y0}']:.0f}%"
        if len(partners):
            sentence += f"; its largest single partner district is {partners.iloc[0]['name']}"
        out.append(sentence + ".")
    net = t0["net_commuting"]
    direction = "drew in more workers than it sent out" if net > 0 else (
        "sent out more workers than it drew in")
    out.append(
        f"With {_people(t0['employed_residents'])} employed residents and "
        f"{_people(t0['workplace_jobs'])} jobs in {y0}, {area.name} {direction}: net "
        f"{'in' if net > 0 else 'out'}-commuting of {_people(net)} "
        f"({abs(net) / t0['employed_residents'] * 100:.1f}% of its employed residents).")
    h = handling.set_index("category")
    home_2011 = (h.loc["at_home", "persons_2011"] + h.loc["no_fixed_place", "persons_2011"]) / (
        t0["employed_residents"])
    home_2021 = h.loc["home_or_no_fixed_place", "persons_2021"] / t1["employed_residents"]
    out.append(
        f"Census {y1} reads higher ({_pct(t1['supply_side_sc'])} and "
        f"{_pct(t1['demand_side_sc'])}), but it was taken in lockdown: {_pct(home_2021)} of "
        f"its working residents were mainly at or from home or had no fixed place, against "
        f"{_pct(home_2011)} in {y0}. The rise is not a change in travel to work; {y0} is the "
        "better guide.")
    if len(districts) and len(districts) <= 15:
        d = districts.iloc[0]
        if d["strongest_partner"]:
            out.append(
                f"{d['district']} is the district least tied into the area: "
                f"{d['share_outside']:.0f}% of its commuting with other districts is across "
                f"the area's boundary, most with {d['strongest_partner']} "
                f"({d['partner_share']:.0f}%).")
    return out
