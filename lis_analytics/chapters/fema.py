"""The functional economic area (FEMA) chapter: commuting of one area, analysed.

:func:`analyse` is pure: it takes the area, the all-area commuting tables
(:class:`FemaInputs`, read by :func:`load_inputs` through the data layer) and the
comparators, and returns a :class:`FemaResult` holding every table and number the chapter
shows. Words, tables for the pack, key findings and charts are built from the result in
:mod:`lis_analytics.present` (``text.fema``, ``findings.fema``, ``charts.fema``).

Peer group and ranks follow :mod:`lis_analytics.chapters.peers`: an area is ranked among
the areas of its peer group (:func:`~lis_analytics.chapters.peers.peer_group`), itself
included; comparators of another type are shown but not ranked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lis_analytics import geography
from lis_analytics.chapters.peers import peer_group, peer_group_type
from lis_analytics.commuting import (
    AreaCommutingSummary,
    FemaFit,
    SpecialDestinationPolicy,
    area_commuting_summary,
    area_commuting_totals,
    build_zone_flows,
    fema_fit,
    workers_in_mostly_inside_ttwas,
)
from lis_analytics.data import load_table
from lis_analytics.geography import Area
from lis_analytics.indicators.ranks import rank_values

__all__ = [
    "FLOW_TABLES",
    "MEASURES",
    "SOURCE_DATASETS",
    "YEARS",
    "FemaInputs",
    "FemaResult",
    "analyse",
    "area_fit",
    "balance_table",
    "benchmarks",
    "commuting_summaries",
    "district_ties",
    "group_labels",
    "group_ties",
    "load_inputs",
    "partner_lads",
    "pool_median",
    "special_destination_table",
    "ttwa_view",
]

YEARS: tuple[int, int] = (2011, 2021)
"""Census years of the flow tables."""

FLOW_TABLES: dict[int, str] = {2011: "commuting_lad_flows_2011",
                               2021: "commuting_lad_flows_2021"}
"""Derived LAD 2023 flow table of each census year."""

SOURCE_DATASETS: dict[int, str] = {2011: "census2011_flows_lad", 2021: "census2021_flows_lad"}
"""Published flow dataset behind each census year."""

MEASURES: tuple[tuple[str, str, str], ...] = (
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
"""Rows of the commuting balance table: column, label, unit."""

ENGLAND_CODE = "E92000001"

_MEDIAN_COLUMNS = ("self_containment", "supply_side_sc", "demand_side_sc", "net_commuting",
                   "share_of_workers_in_mostly_inside_ttwas")


@dataclass(frozen=True)
class FemaInputs:
    """The all-area tables the chapter reads (see :func:`load_inputs`).

    Attributes
    ----------
    zones : pandas.DataFrame
        ``ttwa_msoa11_zones``: one row per MSOA with its TTWA, residents, jobs, LADs and
        map point.
    ttwa_areas : pandas.DataFrame
        ``ttwa_msoa11_areas``: one row per TTWA with ``ttwa_label`` and ``countries``.
    lad_flows : mapping of int to pandas.DataFrame
        Census year to LAD December 2023 flow table.
    summaries : pandas.DataFrame
        ``commuting_area_summaries``: every area's commuting totals by year.
    areas : sequence of Area
        Every area of the catalogue (for the peer group).
    lads : pandas.DataFrame
        LAD 2023 building blocks (``lad_code, lad_name, region_code, region_name``).
    lep_lookup, ca_lookup : pandas.DataFrame
        LAD to LEP and LAD to Combined Authority (``lad_code, area_code, area_name``).
    """

    zones: pd.DataFrame
    ttwa_areas: pd.DataFrame
    lad_flows: Mapping[int, pd.DataFrame]
    summaries: pd.DataFrame
    areas: Sequence[Area]
    lads: pd.DataFrame
    lep_lookup: pd.DataFrame
    ca_lookup: pd.DataFrame

    @property
    def lad_names(self) -> pd.Series:
        """LAD 2023 code to name (all UK)."""
        return self.lads.set_index("lad_code")["lad_name"]


def load_inputs() -> FemaInputs:
    """Read the chapter's tables through the data layer (derived tables built if stale)."""
    return FemaInputs(
        zones=load_table("ttwa_msoa11_zones"),
        ttwa_areas=load_table("ttwa_msoa11_areas"),
        lad_flows={year: load_table(table) for year, table in FLOW_TABLES.items()},
        summaries=load_table("commuting_area_summaries"),
        areas=geography.all_areas(),
        lads=geography.canonical_lads(),
        lep_lookup=geography.lad_to_area_lookup(["LEP"]),
        ca_lookup=geography.lad_to_area_lookup(["CA"]),
    )


@dataclass(frozen=True)
class FemaResult:
    """Everything the FEMA chapter shows for one area.

    Attributes
    ----------
    area : Area
    group_type : str
        Kind of area it is ranked among (``LEP``, ``CA``, ``RGN``, ``LAD``).
    comparators : tuple of Area
    bench : pandas.DataFrame
        Commuting totals of the area, its peers and comparators by year, with ``is_area``,
        ``is_peer``, ``is_comparator``, ranks (1 = highest) and ``n_of_type`` (see
        :func:`benchmarks`).
    own : pandas.DataFrame
        The area's rows of ``bench``, indexed by year.
    n_pool : int
        Size of the ranking pool in 2011 (the area and its peers).
    medians : pandas.DataFrame
        Median over the ranking pool, by year (index) and measure (columns).
    england : pandas.DataFrame
        England's commuting totals (all English districts as one area), indexed by year.
    summaries : dict of int to AreaCommutingSummary
        The area's full commuting summary per census year.
    group_of : pandas.Series
        Every LAD 2023 labelled with its group (:func:`group_labels`).
    partners, groups, districts : pandas.DataFrame
        :func:`partner_lads`, :func:`group_ties` and (2011) :func:`district_ties`.
    fit : FemaFit
        The area against the MSOA 2011 TTWAs.
    ttwa_table : pandas.DataFrame
        :func:`ttwa_view` of ``fit``.
    handling : pandas.DataFrame
        :func:`special_destination_table`.
    balance : pandas.DataFrame
        :func:`balance_table`.
    ttwa_areas : pandas.DataFrame
        Every MSOA 2011 TTWA (for counts by country).
    ttwa_zones : pandas.DataFrame
        Every MSOA with its TTWA and map point (for the map).
    lad_names : pandas.Series
        LAD 2023 code to name.
    """

    area: Area
    group_type: str
    comparators: tuple[Area, ...]
    bench: pd.DataFrame
    own: pd.DataFrame
    n_pool: int
    medians: pd.DataFrame
    england: pd.DataFrame
    summaries: dict[int, AreaCommutingSummary]
    group_of: pd.Series
    partners: pd.DataFrame
    groups: pd.DataFrame
    districts: pd.DataFrame
    fit: FemaFit
    ttwa_table: pd.DataFrame
    handling: pd.DataFrame
    balance: pd.DataFrame
    ttwa_areas: pd.DataFrame
    ttwa_zones: pd.DataFrame
    lad_names: pd.Series


def analyse(area: Area, inputs: FemaInputs, comparators: Iterable[Area] = ()) -> FemaResult:
    """Analyse the commuting of one area (see the module docstring).

    Parameters
    ----------
    area : Area
        The area of the pack.
    inputs : FemaInputs
        From :func:`load_inputs`.
    comparators : iterable of Area
        Areas shown alongside (e.g. ``peers.load_peers(area).comparators``); those outside
        the peer group are not ranked.

    Returns
    -------
    FemaResult
    """
    comparators = tuple(comparators)
    group_of = group_labels(area, inputs.lads, inputs.lep_lookup, inputs.ca_lookup)
    bench = benchmarks(inputs, area, comparators)
    own = bench[bench["is_area"]].set_index("year")
    summaries = commuting_summaries(inputs.lad_flows, area, group_of)
    lad_names = inputs.lad_names
    partners = partner_lads(summaries, group_of, lad_names)
    groups = group_ties(partners, {y: s.totals for y, s in summaries.items()})
    districts = district_ties(summaries[2011], area, lad_names)
    fit = area_fit(inputs.zones, area, group_of)
    medians = pd.DataFrame({col: [pool_median(bench, year, col) for year in YEARS]
                            for col in _MEDIAN_COLUMNS}, index=pd.Index(YEARS, name="year"))
    england = inputs.summaries[inputs.summaries["area_code"] == ENGLAND_CODE].set_index("year")
    return FemaResult(
        area=area, group_type=peer_group_type(area), comparators=comparators, bench=bench,
        own=own, n_pool=int(own.loc[2011, "n_of_type"]), medians=medians, england=england,
        summaries=summaries, group_of=group_of, partners=partners, groups=groups,
        districts=districts, fit=fit, ttwa_table=ttwa_view(fit, inputs.ttwa_areas),
        handling=special_destination_table(inputs.lad_flows, area),
        balance=balance_table(bench), ttwa_areas=inputs.ttwa_areas, ttwa_zones=inputs.zones,
        lad_names=lad_names)


def group_labels(area: Area, lads: pd.DataFrame, lep_lookup: pd.DataFrame,
                 ca_lookup: pd.DataFrame, prefer: str | None = None) -> pd.Series:
    """Label every LAD 2023 with the group it belongs to, for naming commuting partners.

    LADs of the area get the area's name; other English LADs their Combined Authority
    (``prefer="CA"``, the default for CA areas) or LEP ("A / B LEP" for the seven LADs in
    two LEPs); LADs outside England are "Wales", "Scotland" or "Northern Ireland"; other
    English LADs their region.

    Parameters
    ----------
    area : Area
    lads : pandas.DataFrame
        ``lad_code, region_name`` of every LAD 2023.
    lep_lookup, ca_lookup : pandas.DataFrame
        ``lad_code, area_code, area_name`` of LEPs and of Combined Authorities.
    prefer : {"LEP", "CA"}, optional

    Returns
    -------
    pandas.Series
        Label indexed by LAD 2023 code.

    Examples
    --------
    >>> lads = pd.DataFrame({"lad_code": ["E1", "E2", "E3", "W1"],
    ...                      "region_name": ["North", "North", "South", "Wales"]})
    >>> lep = pd.DataFrame({"lad_code": ["E2"], "area_code": ["L"], "area_name": ["Two"]})
    >>> ca = pd.DataFrame({"lad_code": ["E9"], "area_code": ["C"], "area_name": ["Nine"]})
    >>> group_labels(Area("X", "Ex", "CUSTOM", ("E1",)), lads, lep, ca).tolist()
    ['Ex', 'Two LEP', 'South', 'Wales']
    """
    prefer = prefer or ("CA" if area.type == "CA" else "LEP")
    lep_label = lep_lookup.sort_values("area_code").groupby("lad_code")["area_name"].agg(
        lambda n: " / ".join(n) + " LEP")
    ca_label = ca_lookup.groupby("lad_code")["area_name"].first() + " CA"
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


def _own_rows(inputs: FemaInputs, area: Area) -> pd.DataFrame:
    """Summary rows of an area from the all-area table, or computed (e.g. a new custom area).

    Computed with the same functions as the table, so the numbers are the same either way.
    """
    table = inputs.summaries
    own = table[table["area_code"] == area.code]
    if not own.empty:
        return own
    rows = []
    for year in YEARS:
        totals = area_commuting_totals(build_zone_flows(inputs.lad_flows[year]),
                                       {area.code: area.lad_codes})
        totals.insert(1, "year", year)
        rows.append(totals)
    own = pd.concat(rows, ignore_index=True).assign(area_name=area.name, area_type=area.type)
    fit = workers_in_mostly_inside_ttwas(inputs.zones, {area.code: area.lad_codes})
    share, n = fit["share_of_workers_in_mostly_inside_ttwas"].iloc[0], fit["n_ttwas"].iloc[0]
    own["share_of_workers_in_mostly_inside_ttwas"] = np.where(own["year"] == 2011, share,
                                                              np.nan)
    own["n_ttwas"] = np.where(own["year"] == 2011, n, np.nan)
    return own


def benchmarks(inputs: FemaInputs, area: Area, comparators: Iterable[Area] = ()) -> pd.DataFrame:
    """Summaries of the area, its peer group and any comparators, both years.

    Adds ``is_area``, ``is_peer`` (in the peer group), ``is_comparator``, ``rank_sc``
    (1 = most self-contained, by the smaller of supply- and demand-side self-containment,
    among the area and its peers; missing for comparators outside the group),
    ``rank_supply_side_sc``, ``rank_demand_side_sc``, ``rank_net_commuting`` (1 = most net
    in-commuting) and ``n_of_type`` (the area and its peers) per year. The area is included
    even when it is not of the peer group's type (e.g. a custom area ranked among LEPs).
    """
    comparators = list(comparators)
    kind = peer_group_type(area)
    table = inputs.summaries
    group = {a.code for a in peer_group(area, inputs.areas)} - {area.code}
    peers = table[(table["area_type"] == kind) & table["area_code"].isin(group)]
    own = _own_rows(inputs, area)
    extra = [_own_rows(inputs, c) for c in comparators
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
        out.loc[ranked, name] = out[ranked].groupby("year")[col].transform(
            lambda v: rank_values(v, "higher_is_better").astype(float))
    out["n_of_type"] = out["year"].map(out[ranked].groupby("year").size())
    return out.sort_values(["year", "rank_sc", "area_code"]).reset_index(drop=True)


def commuting_summaries(lad_flows: Mapping[int, pd.DataFrame], area: Area,
                        labels: pd.Series) -> dict[int, AreaCommutingSummary]:
    """:func:`~lis_analytics.commuting.area_commuting_summary` of the area for each year.

    Every outside origin and destination is kept (``top_n`` covers them all) and zone ties
    are grouped with :func:`group_labels`. Districts of the area missing from the flows
    (none in England and Wales) are left out.
    """
    out = {}
    for year in YEARS:
        flows = lad_flows[year]
        known = pd.Index(flows["origin_code"].unique())
        lads = [c for c in area.lad_codes if c in known]
        out[year] = area_commuting_summary(flows, lads, zone_to_group=labels, top_n=10_000)
    return out


def pool_median(bench: pd.DataFrame, year: int, col: str = "self_containment") -> float:
    """Median of ``col`` over the ranking pool (the area and its peers) in one year.

    Examples
    --------
    >>> b = pd.DataFrame({"year": [2011] * 3, "is_area": [True, False, False],
    ...                   "is_peer": [False, True, False], "x": [1.0, 3.0, 99.0]})
    >>> pool_median(b, 2011, "x")
    2.0
    """
    sub = bench[(bench["year"] == year) & (bench["is_area"] | bench["is_peer"])]
    return float(sub[col].median())


def balance_table(bench: pd.DataFrame) -> pd.DataFrame:
    """The area's commuting balance in 2011 and 2021 with its rank and the pool's median.

    Rank and median are over one pool, the area and its peers, the same as in the key
    findings. Shares are in per cent. Rank 1 = highest (for net commuting: most net
    in-commuting); counts have no rank.
    """
    rows = []
    for col, label, unit in MEASURES:
        row = {"Measure": label}
        for year in YEARS:
            sub = bench[(bench["year"] == year) & (bench["is_area"] | bench["is_peer"])]
            value = sub.loc[sub["is_area"], col]
            value = float(value.iloc[0]) if len(value) else float("nan")
            pool = sub[col]  # the area and its peers: the same pool as the rank
            scale = 100.0 if unit == "share" else 1.0
            row[f"{year}"] = value * scale
            if unit == "share" or col == "net_commuting":
                ranked = rank_values(sub[col], "higher_is_better")
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
        the first year's total. Destinations handled as "outside" (Scotland, Northern
        Ireland) are rows too.
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
    cols = ["code", "name", "group"] + [f"{k}_{y}" for y in summaries
                                        for k in ("out", "in", "total")]
    return table[cols].reset_index(drop=True)


def group_ties(partners: pd.DataFrame, area_totals_by_year: Mapping[int, pd.Series]
               ) -> pd.DataFrame:
    """Cross-boundary commuting by neighbouring LEP / CA (or nation), both years.

    Shares are of the area's cross-boundary commuting (in + out) in that year, in per cent.
    """
    years = sorted(area_totals_by_year)
    agg = partners.groupby("group")[[f"{k}_{y}" for y in years
                                     for k in ("out", "in", "total")]].sum()
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


def area_fit(zones: pd.DataFrame, area: Area, labels: pd.Series) -> FemaFit:
    """:func:`~lis_analytics.commuting.fema_fit` of the area against the MSOA 2011 TTWAs.

    ``zones`` is the ``ttwa_msoa11_zones`` table; outside districts are grouped by
    ``labels`` (:func:`group_labels`).
    """
    parent = zones.set_index("zone_code")["lad23_code"]
    known = pd.Index(parent.unique())
    lads = [c for c in area.lad_codes if c in known]
    outside = labels[labels != area.name]
    return fema_fit(zones, lads, zone_to_parent=parent, neighbour_groups=outside)


def ttwa_view(fit: FemaFit, ttwa_areas: pd.DataFrame) -> pd.DataFrame:
    """The TTWAs the area overlaps with readable labels and who shares them.

    Returns
    -------
    pandas.DataFrame
        One row per TTWA: ``area_id``, ``ttwa``, residents and jobs in the area, shares
        (%), the TTWA's residents, ``inside_pct`` (% of the TTWA's residents living in the
        area), ``mostly_inside`` and ``shared_with`` (other groups holding at least 5% of
        its residents, largest first).
    """
    labels = ttwa_areas.set_index("area_id")["ttwa_label"]
    shares = fit.ttwa_shares
    partners = {}
    for area_id, grp in fit.shared_ttwas.groupby("area_id"):
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


def special_destination_table(lad_flows: Mapping[int, pd.DataFrame], area: Area,
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
        flows = lad_flows[year]
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
