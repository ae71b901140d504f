"""The one-call API for economists: one function per question, one tidy table per answer.

Every function takes an :class:`~lis_analytics.geography.Area`, a code (``"E37000015"``,
``"E08000010"``, ``"oxford_cambridge_arc"``) or a name (``"Cumbria"``, ``"Wigan"``), reads
what it needs through the data layer, calls the library's pure functions and returns a
tidy DataFrame whose columns are documented below. Nothing here is specific to a pack: the
chapters use the same functions underneath.

Examples
--------
>>> # needs the data
>>> import lis_analytics as la
>>> la.productivity("LEP:Cumbria").query("measure == 'gva_per_hour'")["period"].max()
'2023'
"""

from __future__ import annotations

import pandas as pd

from lis_analytics.chapters import sectors as chapter
from lis_analytics.commuting import area_commuting_totals, build_zone_flows
from lis_analytics.data import load_table
from lis_analytics.geography import Area, get_area
from lis_analytics.indicators.framework import load_framework
from lis_analytics.productivity import aggregate_productivity
from lis_analytics.sectors import location_quotients as lqs
from lis_analytics.sectors import sector_shares
from lis_analytics.sectors import shift_share as decompose

__all__ = [
    "as_area",
    "comparators",
    "indicators",
    "location_quotients",
    "productivity",
    "self_containment",
    "shift_share",
    "ttwas",
]


def as_area(area: Area | str) -> Area:
    """An :class:`Area` from itself, a code or a name (close matches suggested for a typo).

    Examples
    --------
    >>> # needs the data
    >>> as_area("Wigan").code, as_area("E37000007").name
    ('E08000010', 'Cumbria')
    """
    return area if isinstance(area, Area) else get_area(area)


_PRODUCTIVITY_UNITS = {
    "gva_per_hour": ("GBP per hour worked", "current prices"),
    "gva_per_hour_index": ("index (UK = 100)", "current prices"),
    "hours": ("hours worked a year", ""),
    "gva": ("GBP a year", "current prices"),
    "gva_per_job": ("GBP per filled job", "current prices"),
    "gva_per_job_index": ("index (UK = 100)", "current prices"),
    "jobs": ("filled jobs", ""),
}


def productivity(area: Area | str) -> pd.DataFrame:
    """GVA per hour worked and per filled job of an area, every year of the ONS release.

    District figures are aggregated as a ratio of sums (the hours- or jobs-weighted mean of
    district rates, never a mean of rates); the index has the UK less extra-regio at 100.

    Parameters
    ----------
    area : Area or str
        An area, its code or its name.

    Returns
    -------
    DataFrame
        One row per period and measure: ``area_code``, ``area_name``, ``period`` (calendar
        year), ``measure`` (``gva_per_hour``, ``gva_per_hour_index``, ``hours``, ``gva``,
        ``gva_per_job``, ``gva_per_job_index``, ``jobs``), ``value``, ``unit``,
        ``price_basis`` (current prices for money), ``n_lads`` (districts in the area),
        ``missing_lads`` (districts without data that period, comma-separated) and
        ``complete`` (every district had data).

    Examples
    --------
    >>> # needs the data
    >>> t = productivity("E37000015")
    >>> row = t.query("period == '2023' and measure == 'gva_per_hour'").iloc[0]
    >>> round(float(row["value"]), 2), row["unit"], bool(row["complete"])
    (39.88, 'GBP per hour worked', True)
    """
    a = as_area(area)
    lads = load_table("productivity_lad")
    frames = []
    for per, measures in (("hour", ["gva_per_hour", "gva_per_hour_index", "hours", "gva"]),
                          ("job", ["gva_per_job", "gva_per_job_index", "jobs"])):
        wide = aggregate_productivity(lads, a.lad_codes, per=per, name=a.name)
        long = wide[measures].rename_axis("period").reset_index().melt(
            id_vars="period", var_name="measure", value_name="value")
        extra = wide[["n_lads", "missing", "complete"]].rename_axis("period").reset_index()
        frames.append(long.merge(extra, on="period"))
    out = pd.concat(frames, ignore_index=True)
    out["missing_lads"] = out.pop("missing").map(", ".join)
    out["unit"] = out["measure"].map(lambda m: _PRODUCTIVITY_UNITS[m][0])
    out["price_basis"] = out["measure"].map(lambda m: _PRODUCTIVITY_UNITS[m][1])
    out.insert(0, "area_name", a.name)
    out.insert(0, "area_code", a.code)
    cols = ["area_code", "area_name", "period", "measure", "value", "unit", "price_basis",
            "n_lads", "missing_lads", "complete"]
    return out[cols].sort_values(["measure", "period"], kind="stable").reset_index(drop=True)


def comparators(area: Area | str) -> pd.DataFrame:
    """An area's statistical nearest neighbours (the comparator set every chapter uses).

    Parameters
    ----------
    area : Area or str
        An area, its code or its name.

    Returns
    -------
    DataFrame
        One row per neighbour, nearest first: ``area_code``, ``rank``, ``comparator_code``,
        ``comparator_name``, ``distance`` (Euclidean, on z-scored structural features),
        ``pool_type`` (the peer group's kind of area) and ``n_pool`` (its size). Empty for
        an area without a peer group.

    Examples
    --------
    >>> # needs the data
    >>> t = comparators("LEP:Cumbria")
    >>> len(t), t["pool_type"].iloc[0], int(t["n_pool"].iloc[0])
    (5, 'LEP', 37)
    """
    a = as_area(area)
    table = load_table("comparator_neighbours")
    return (table[table["area_code"] == a.code].sort_values("rank")
            .reset_index(drop=True))


def _sector_matrix(area: Area, measure: str, year: str | int | None
                   ) -> tuple[pd.DataFrame, str, str, str]:
    """Area and England rows of GVA (current prices) or residents' jobs for one year."""
    if measure == "gva":
        gva = load_table("sectors_gva_cp")
        years = sorted(gva["period"].unique())
        period = str(year) if year not in (None, "") else years[-1]
        if period not in years:
            raise ValueError(f"no GVA by industry for {period}: years {years[0]}-{years[-1]}")
        codes = chapter.analysis_codes(gva.columns)
        return (chapter.area_and_england(gva, area.lad_codes, codes, period), period,
                "GBP million", "gva_lad_industry")
    if measure == "jobs":
        if year not in (None, "", 2021, "2021"):
            raise ValueError("residents' jobs by industry are from Census 2021 only: year=2021")
        jobs = load_table("sectors_residents2021")
        codes = [c for c in jobs.columns if c != "area_code"]
        return (chapter.area_and_england(jobs, area.lad_codes, codes), "2021",
                "residents in employment", "census2021_industry_lad")
    raise ValueError(f"measure must be 'gva' or 'jobs', not {measure!r}")


def location_quotients(area: Area | str, year: str | int | None = None,
                       measure: str = "gva") -> pd.DataFrame:
    """Location quotients of an area's industries against England.

    ``LQ = (area industry / area total) / (England industry / England total)``: 2 means the
    industry is twice as concentrated in the area as in England.

    Parameters
    ----------
    area : Area or str
        An area, its code or its name.
    year : str or int, optional
        For GVA, the year (default the latest); jobs are Census 2021 only.
    measure : {"gva", "jobs"}, default "gva"
        ``"gva"``: workplace GVA at current prices from the ONS regional accounts, at the
        finest industry level of the LAD release (imputed rent left out; cells ONS
        suppressed are estimated from their totals). ``"jobs"``: residents in employment
        by industry division, Census 2021 (residence-based).

    Returns
    -------
    DataFrame
        One row per industry: ``area_code``, ``area_name``, ``measure``, ``period``,
        ``industry_code``, ``industry``, ``value`` (GBP million or residents), ``unit``,
        ``share`` and ``england_share`` (fractions of the totals), ``lq`` and
        ``source_dataset_id``.

    Examples
    --------
    >>> # needs the data
    >>> lq = location_quotients("Wigan")
    >>> lq["period"].iloc[0], round(float(lq["share"].sum()), 6)
    ('2023', 1.0)
    """
    a = as_area(area)
    matrix, period, unit, source = _sector_matrix(a, measure, year)
    area_row, england_row = matrix.index
    share = sector_shares(matrix)
    names = (chapter.load_inputs().division_names if measure == "jobs" else None)
    out = pd.DataFrame({
        "area_code": a.code, "area_name": a.name, "measure": measure, "period": period,
        "industry_code": matrix.columns,
        "industry": [names.get(c, c) if names is not None else chapter.short_name(c)
                     for c in matrix.columns],
        "value": matrix.loc[area_row].to_numpy(), "unit": unit,
        "share": share.loc[area_row].to_numpy(), "england_share": share.loc[england_row].to_numpy(),
        "lq": lqs(matrix, england_row).loc[area_row].to_numpy(), "source_dataset_id": source,
    })
    return out


def shift_share(area: Area | str, start: str | int, end: str | int) -> pd.DataFrame:
    """Shift-share of an area's real GVA growth against England, industry by industry.

    Classic (Dunn) decomposition of the change in GVA at constant 2022 prices (each
    industry deflated with England's implied deflator for it): ``national_share`` (growth
    had every industry grown as England's economy), ``industry_mix`` (the area's mix of fast
    and slow industries) and ``competitive`` (the area's industries growing faster or slower
    than England's). The three add up to ``actual_change`` by construction.

    Parameters
    ----------
    area : Area or str
        An area, its code or its name.
    start, end : str or int
        Years of the LAD GVA release.

    Returns
    -------
    DataFrame
        One row per industry: ``area_code``, ``area_name``, ``start_period``, ``end_period``,
        ``industry_code``, ``industry``, ``start`` and ``end`` (GBP million, 2022 prices),
        ``actual_change``, ``national_share``, ``industry_mix``, ``competitive``,
        ``area_industry_growth``, ``benchmark_industry_growth`` and ``benchmark_growth``.

    Examples
    --------
    >>> # needs the data
    >>> ss = shift_share("E37000015", start=2012, end=2022)
    >>> ss.loc[ss["industry_code"] == "CC (16-18)", ["industry_mix", "competitive"]].round(1)
       industry_mix  competitive
    2         -81.0         48.3
    """
    a = as_area(area)
    deflators = load_table("sectors_gva_deflators")
    ends = {}
    for key, year in (("start", start), ("end", end)):
        matrix, period, _, _ = _sector_matrix(a, "gva", year)
        ends[key] = (chapter.constant_prices(matrix, deflators, period), period)
    (m0, p0), (m1, p1) = ends["start"], ends["end"]
    result = decompose(m0, m1, benchmark=m0.index[1])
    rows = result.by_industry[result.by_industry["area_code"] == m0.index[0]].copy()
    rows["industry"] = rows["industry_code"].map(chapter.short_name)
    rows.insert(0, "end_period", p1)
    rows.insert(0, "start_period", p0)
    rows.insert(0, "area_name", a.name)
    rows["area_code"] = a.code
    cols = ["area_code", "area_name", "start_period", "end_period", "industry_code", "industry",
            "start", "end", "actual_change", "national_share", "industry_mix", "competitive",
            "area_industry_growth", "benchmark_industry_growth", "benchmark_growth"]
    return rows[cols].reset_index(drop=True)


COMMUTING_YEARS = (2011, 2021)
"""Census years with commuting flows between districts."""


def self_containment(area: Area | str, year: int = 2021) -> pd.DataFrame:
    """How much of an area's commuting stays inside it, from the Census flows between districts.

    Supply-side self-containment is the share of the area's employed residents who work in
    the area; demand-side, the share of its jobs held by its residents; ``self_containment``
    is the smaller of the two (the ONS travel-to-work-area measure). Working mainly at or
    from home and having no fixed place of work count as working in the home district;
    offshore and outside the UK are left out. The 2021 Census was taken in lockdown, so its
    commuting is unusually local: compare areas within a year, not years.

    Parameters
    ----------
    area : Area or str
        An area, its code or its name (any set of districts; older district codes of the
        2011 flows are bridged onto today's).
    year : {2011, 2021}, default 2021
        Census year.

    Returns
    -------
    DataFrame
        One row: ``area_code``, ``area_name``, ``year``, ``employed_residents``,
        ``workplace_jobs``, ``live_and_work_in_area``, ``in_commuters``, ``out_commuters``,
        ``net_commuting``, ``n_zones`` (districts found in the flows), ``supply_side_sc``,
        ``demand_side_sc`` and ``self_containment`` (fractions).

    Examples
    --------
    >>> # needs the data
    >>> t = self_containment("LEP:Cumbria", year=2011)
    >>> round(float(t["self_containment"].iloc[0]), 3), int(t["n_zones"].iloc[0])
    (0.951, 2)
    """
    if int(year) not in COMMUTING_YEARS:
        raise ValueError(f"commuting flows are from the Census of {COMMUTING_YEARS}, not {year}")
    a = as_area(area)
    flows = load_table(f"commuting_lad_flows_{int(year)}")
    out = area_commuting_totals(build_zone_flows(flows), {a.code: a.lad_codes})
    out.insert(1, "year", int(year))
    out.insert(1, "area_name", a.name)
    return out


def ttwas(year: int = 2011) -> pd.DataFrame:
    """Travel-to-work areas built with the ONS 2011 method from the Census 2011 MSOA flows.

    The ONS method (Coombes and Bond): zones are grouped until every area reaches the
    size and self-containment the method requires. Built on middle layer super output
    areas (MSOA 2011), so there are fewer areas than ONS's LSOA-based 2011 TTWAs.

    Parameters
    ----------
    year : {2011}, default 2011
        Census year of the flows. Only 2011: the 2021 flows were collected in lockdown,
        and ONS advises against using them for travel-to-work areas (run
        :func:`lis_analytics.commuting.travel_to_work_areas` on
        ``load_table("census2021_flows_msoa")`` to try it).

    Returns
    -------
    DataFrame
        One row per MSOA: ``zone_code``, ``zone_name``, ``ttwa`` (area number), ``ttwa_name``
        (a readable label from its largest places), ``residents``, ``jobs``,
        ``live_and_work``, ``lad11_code`` and ``lad23_code`` (the MSOA's district, 2011 and
        December 2023 codes).

    Examples
    --------
    >>> # needs the data
    >>> zones = ttwas(2011)
    >>> len(zones), zones["ttwa"].nunique()
    (7201, 152)
    """
    if int(year) != 2011:
        raise ValueError("travel-to-work areas are built from the 2011 Census flows only: the "
                         "2021 flows were collected in lockdown (see help(la.ttwas))")
    zones = load_table("ttwa_msoa11_zones")
    out = zones.rename(columns={"area_id": "ttwa", "ttwa_label": "ttwa_name"})
    cols = ["zone_code", "zone_name", "ttwa", "ttwa_name", "residents", "jobs", "live_and_work",
            "lad11_code", "lad23_code"]
    return out[cols]


def indicators(area: Area | str) -> pd.DataFrame:
    """Every indicator of the five-foundations framework for an area, every period.

    Values are built from districts as the framework says (sums, ratios of sums, population
    weights) or taken from the published figure for the area; survey estimates carry their
    95% confidence interval. Ranks are among the area's peer group (``n_ranked`` areas).

    Parameters
    ----------
    area : Area or str
        An area, its code or its name.

    Returns
    -------
    DataFrame
        One row per indicator and period: ``area_code``, ``indicator_id``, ``indicator``
        (title), ``theme`` (People, Ideas, Infrastructure, Business Environment, Places,
        Inclusive growth or Grand Challenges), ``period``, ``period_label``, ``value``,
        ``unit``, ``lci_95`` and ``uci_95`` (95% interval, where published), ``direction``
        (higher or lower is better), ``status`` (``ok``, ``incomplete``, ``regional`` or
        ``missing``), ``reason`` (why a value is missing or regional), ``method``,
        ``n_lads``, ``missing_lads``, ``rank`` and ``n_ranked``.

    Examples
    --------
    >>> # needs the data
    >>> t = indicators("oxford_cambridge_arc")
    >>> t.groupby("theme")["indicator_id"].nunique().to_dict()
    ... # doctest: +NORMALIZE_WHITESPACE
    {'Business Environment': 9, 'Grand Challenges': 3, 'Ideas': 10, 'Inclusive growth': 11,
     'Infrastructure': 3, 'People': 7, 'Places': 4}
    """
    a = as_area(area)
    table = load_table("indicator_values")
    table = table[table["area_code"] == a.code]
    framework = {i.id: i for i in load_framework().indicators}
    known = table["indicator_id"].map(framework)
    out = table.assign(indicator=known.map(lambda i: i.title), theme=known.map(lambda i: i.theme),
                       unit=known.map(lambda i: i.unit),
                       direction=known.map(lambda i: i.direction))
    cols = ["area_code", "indicator_id", "indicator", "theme", "period", "period_label", "value",
            "unit", "lci_95", "uci_95", "direction", "status", "reason", "method", "n_lads",
            "missing_lads", "rank", "n_ranked"]
    return out[cols].reset_index(drop=True)
