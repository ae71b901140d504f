"""The productivity chapter: how productive an area is, how that changed, and why.

:func:`analyse` is pure: it takes the area, its comparators and the tables
(:class:`ProductivityInputs`, loaded by :func:`load_inputs`) and returns a
:class:`ProductivityResult`. The chapter's rules live here and nowhere else:

- **Benchmarks**: the UK as published (``UKX``, UK less extra-regio), England, and the
  English region holding most of the area's districts unless the region is the area
  (:func:`lis_analytics.chapters.peers.benchmark_codes`). Comparators are shown alongside
  on GVA per hour worked.
- **Levels** of GVA per hour worked and per filled job in the latest year, aggregated from
  districts as a ratio of sums, indexed to the UK = 100; the productivity gap in pounds
  against the UK. The latest year is the latest in which every district of the area has GVA
  and hours (:func:`latest_aggregable_period`); when that is earlier than the latest year in
  the data, :attr:`ProductivityResult.latest_year_note` says which districts lack it.
- **Real growth** of GVA per hour worked, always from one release and shown as growth or an
  index (2019 = 100), never as a pound level: for a combined authority ONS's own
  chained-volume index of the CA (``productivity_ca``, June 2025) and, as benchmark, ONS's UK
  index of the same release; for any other area chained-volume GVA of its districts (April 2025
  regional GVA) over their hours from the June 2025 productivity release, which ONS built on
  that GVA release, with the UK made the same way from every district. Growth over the
  standard windows (2004-2008, 2010-2019, 2019-latest) and the gap to the pre-2008 trend.
  **Coverage**: a year in which a district lacks chained-volume GVA or hours is missing for
  the area and each benchmark holding the district, never added up over fewer districts, and
  so is growth over a window starting or ending in it, with a note naming the district in
  the pack and in ``figures.csv`` (:data:`COVERAGE_RULE`, :attr:`ProductivityResult.growth_notes`).
- **Published CA levels**: for a combined authority, ONS's own current-price GVA per hour and
  per filled job of the CA are shown beside our ratio of sums of its districts (ONS smooths
  the CA's total; we add up districts each smoothed on its own, see :data:`CA_LEVEL_NOTE`).
- **Ranks** within the area's peer group (:mod:`lis_analytics.chapters.peers`), with the one
  rank rule :func:`lis_analytics.indicators.ranks.rank_values`: GVA per hour, the gap in
  pounds (rank 1 = the largest gap, a shortfall, not performance) and real growth since 2019;
  and GVA per hour among the area and its comparators.
- **GVA per head** in the latest year with both productivity figures and the working-age
  population of districts (:func:`decomposition_period`), decomposed exactly against the UK; shares
  of the gap are not shown when the gap is under :data:`MIN_LOG_POINTS_FOR_SHARES` log
  points (they would be large and meaningless, e.g. -300%).
- **Districts**: each district's level, index, growth over the last window and UK rank.

Examples
--------
>>> from lis_analytics.geography import Area
>>> tees = Area("tees", "Tees", "CUSTOM", ("E06000001", "E06000002"))
>>> r = analyse(tees, example_inputs())
>>> r.latest_year, list(r.benchmarks), round(float(r.level["gva_per_hour_index"]), 1)
('2022', ['UK', 'England'], 70.5)
>>> [w.label for w in r.windows], round(float(r.growth["cagr_pct"].iloc[0]), 2)
(['2004-2008', '2010-2019', '2019-2022'], 0.3)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from lis_analytics import productivity as prod
from lis_analytics.chapters.peers import (
    ENGLAND_CODE,
    benchmark_codes,
    peer_group,
    peer_group_type,
)
from lis_analytics.data import load_table
from lis_analytics.geography import Area, all_areas, canonical_lads, get_area
from lis_analytics.indicators.ranks import rank_values

POPULATION_TABLES = ("population_mye_mid2024", "population_mye_mid2022")
"""Mid-year estimates with the working-age population by district, newest release first.

The GVA per head decomposition uses the newest table that has ages for a year with
productivity figures (:func:`decomposition_period`)."""

REAL_BASE_PERIOD = "2019"
"""Base year (= 100) of the real productivity index."""

MIN_LOG_POINTS_FOR_SHARES = 5.0
"""Below this gap in GVA per head (log points) shares of the gap are not shown."""

UK_CENSUS_CODE = "K02000001"
"""The UK row of the population estimates."""

INPUT_TABLES = ("productivity_lad", "productivity_ca", "gva_lad_total", *POPULATION_TABLES)
"""Tables the chapter reads, as :func:`lis_analytics.data.load_table` ids."""

PUBLISHED_REAL_DATASETS = ("productivity_ca",)
"""Dataset of real growth for a combined authority: ONS's CVM index of the CA and the UK."""

DISTRICT_REAL_DATASETS = ("gva_lad_industry", "productivity_lad")
"""Datasets of real growth for other areas: CVM GVA (April 2025) over hours (June 2025)."""

CA_LEVEL_NOTE = (
    "ONS's figure for a combined authority smooths the CA's own total (its current-price GVA "
    "over its hours, a weighted five-year moving average); ours adds up districts that ONS "
    "smoothed one by one. Both use the same GVA and hours (the CA's hours are the sum of its "
    "districts'), so the two differ only by the order of smoothing and adding up, by up to "
    "about 0.5%; there is no extra-regio GVA in a combined authority.")
"""Why ONS's published CA level differs from our ratio of sums of its districts."""


@dataclass(frozen=True)
class ProductivityInputs:
    """The tables and areas the productivity chapter needs.

    Attributes
    ----------
    lads : DataFrame
        ``productivity_lad``: GVA per hour and per job, hours and jobs by district, and the
        ``UKX`` row.
    gva : DataFrame
        ``gva_lad_total``: all-industry rows of the regional GVA release (``gva_cvm``,
        GBP million, chained volume).
    population : dict of str to DataFrame
        :data:`POPULATION_TABLES` by id, newest first: ``population`` and
        ``population_16_64`` by district and for the UK (``K02000001``).
    uk_lads : tuple of str
        Every UK district (the canonical LADs), the UK's building blocks for real growth and
        GVA per head.
    england : Area
        England (benchmark).
    region : Area or None
        The English region holding most of the area's districts (benchmark), if any.
    published : DataFrame or None
        ``productivity_ca``: ONS's figures for combined authorities and the UK (June 2025),
        including the chained-volume indices; ``None`` when not loaded.
    peer_areas : tuple of Area
        The areas of the area's peer group (:func:`lis_analytics.chapters.peers.peer_group`);
        empty for no ranks.
    peer_group_type : str
        Kind of area of the peer group (``LEP``, ``CA``, ``RGN``, ``LAD``).
    """

    lads: pd.DataFrame
    gva: pd.DataFrame
    population: dict[str, pd.DataFrame]
    uk_lads: tuple[str, ...]
    england: Area
    region: Area | None
    published: pd.DataFrame | None = None
    peer_areas: tuple[Area, ...] = ()
    peer_group_type: str = "LEP"


def load_inputs(area: Area) -> ProductivityInputs:
    """Load the chapter's tables and benchmark areas for ``area`` through the data layer.

    Parameters
    ----------
    area : Area
        The area of the pack (its ``region_code`` gives the region benchmark).

    Returns
    -------
    ProductivityInputs
    """
    region = get_area(area.region_code) if area.region_code.startswith("E12") else None
    lads, gva = load_table("productivity_lad"), load_table("gva_lad_total")
    population = {t: load_table(t) for t in POPULATION_TABLES}
    return ProductivityInputs(lads, gva, population, tuple(canonical_lads()["lad_code"]),
                              get_area(ENGLAND_CODE), region, load_table("productivity_ca"),
                              tuple(peer_group(area, all_areas())), peer_group_type(area))


def example_inputs() -> ProductivityInputs:
    """Made-up inputs for examples and tests: three districts and the UK, 2004 to 2022.

    The 2021 and 2022 levels are those of :func:`lis_analytics.productivity.example_table`
    (Northtown, Southville and Eastham, UK = their ratio of sums). Earlier years fall back
    at 2%, 1% and 3% a year; real GVA is current-price GVA deflated at 1% a year to 2022
    money; 2022 population is 90,000, 180,000 and 300,000 (60% of working age).

    Returns
    -------
    ProductivityInputs
        England is the three districts; there is no region.

    Examples
    --------
    >>> inputs = example_inputs()
    >>> sorted(inputs.lads["period"].unique())[:2], inputs.uk_lads
    (['2004', '2005'], ('E06000001', 'E06000002', 'E06000003'))
    """
    codes = ["E06000001", "E06000002", "E06000003"]
    base = prod.example_table()
    names = prod.area_names(base)
    years = [str(y) for y in range(2004, 2023)]
    growth = pd.Series([1.02, 1.01, 1.03], index=codes)
    rate22 = prod.pivot_measure(base, "gva_per_hour", areas=codes)["2022"]
    rate = pd.DataFrame({y: rate22 / growth ** (2022 - int(y)) for y in years})
    rate.loc[:, ["2021"]] = prod.pivot_measure(base, "gva_per_hour", areas=codes)[["2021"]]
    hours = pd.DataFrame({y: [1e6, 3e6, 6e6] for y in years}, index=codes)
    jobs = pd.DataFrame({y: [3e4, 9e4, 1.5e5] for y in years}, index=codes)
    gva = rate * hours * prod.WEEKS_PER_YEAR
    rate.loc[prod.UK_CODE] = gva.sum() / (hours.sum() * prod.WEEKS_PER_YEAR)
    hours.loc[prod.UK_CODE], jobs.loc[prod.UK_CODE] = hours.sum(), jobs.sum()
    per_job = rate * hours * prod.WEEKS_PER_YEAR / jobs
    kw = {"price_basis": "current prices", "names": names}
    lads = pd.concat([
        prod.to_tidy(rate, "gva_per_hour", unit="GBP", **kw),
        prod.to_tidy(rate / rate.loc[prod.UK_CODE] * 100, "gva_per_hour_index", **kw),
        prod.to_tidy(hours, "hours_per_week", names=names),
        prod.to_tidy(per_job, "gva_per_job", unit="GBP", **kw),
        prod.to_tidy(per_job / per_job.loc[prod.UK_CODE] * 100, "gva_per_job_index", **kw),
        prod.to_tidy(jobs, "filled_jobs", names=names),
    ], ignore_index=True).assign(dataset_id="example_productivity_lad")
    prices = pd.Series({y: 1.01 ** (int(y) - 2022) for y in years})  # 2022 = 1
    gva_tidy = prod.to_tidy(gva / 1e6 / prices, "gva_cvm", unit="GBP million",
                            names=names).assign(industry_code="Total")
    pop_codes = [*codes, UK_CENSUS_CODE]
    population = pd.DataFrame({"2022": [9e4, 1.8e5, 3e5, 5.7e5]}, index=pop_codes)
    pop = pd.concat([prod.to_tidy(population, "population"),
                     prod.to_tidy(population * 0.6, "population_16_64")], ignore_index=True)
    england = Area(ENGLAND_CODE, "England", "CTRY", tuple(codes))
    return ProductivityInputs(lads, gva_tidy, {"example_population": pop}, tuple(codes),
                              england, None)


@dataclass(frozen=True)
class ProductivityResult:
    """Everything the productivity chapter shows for one area.

    Attributes
    ----------
    area : Area
        The area.
    area_label : str
        Its name with its type (``"Greater Manchester LEP"``), used in every output.
    latest_year : str
        Year of the levels, the gap and the district table: the latest year in which the
        area's aggregate is complete.
    data_latest_year : str
        The latest year of GVA per hour worked in the data (any district).
    latest_year_note : str
        Why ``latest_year`` is earlier than ``data_latest_year`` (empty when it is not).
    benchmarks : dict of str to tuple of str
        Benchmark name -> codes, in order: ``"UK"`` (``("UKX",)``), ``"England"`` and the
        region (by its name, or ``"<name> region"`` when it shares the area's name).
    region_label : str or None
        Key of the region in ``benchmarks``, if the region is a benchmark.
    comparators : dict of str to tuple of str
        Comparator label -> district codes.
    per_hour, per_job : DataFrame
        :func:`lis_analytics.productivity.aggregate_productivity` of the area per hour worked
        and per filled job, indexed by year.
    bench_hour : dict of str to DataFrame
        The same per hour for every benchmark and comparator.
    bench_job : dict of str to DataFrame
        The same per filled job for every benchmark.
    gap : DataFrame
        :func:`lis_analytics.productivity.productivity_gap_gbp` against the UK, by year.
    real_index : DataFrame
        Real GVA per hour worked, index (:data:`REAL_BASE_PERIOD` = 100), by year: a column
        for the area (its label) and each benchmark. Never a pound level.
    real_datasets : tuple of str
        Datasets the area's and the UK's real index come from
        (:data:`PUBLISHED_REAL_DATASETS` or :data:`DISTRICT_REAL_DATASETS`).
    real_published : bool
        Whether the area's and the UK's real index are ONS's published CVM indices (a
        combined authority) rather than built from districts.
    windows : list of GrowthWindow
        The standard growth windows available up to ``latest_year``.
    growth : DataFrame
        :func:`lis_analytics.productivity.growth_table` of the area's real GVA per hour.
    growth_bench : dict of str to DataFrame
        The same for every benchmark, ``"UK"`` first.
    growth_notes : dict of str to str
        Window label -> why its growth is missing for the area or a benchmark (a district
        without chained-volume GVA or hours in the window's first or last year, named);
        only windows with a missing figure (:data:`COVERAGE_RULE`).
    trend : DataFrame
        :func:`lis_analytics.productivity.trend_gap` of the area's real GVA per hour.
    counts_area, counts_uk : dict of str to float
        :func:`lis_analytics.productivity.gva_per_head_inputs` of the area and of the UK in
        :attr:`decomposition_year`.
    decomposition : DataFrame
        :func:`lis_analytics.productivity.decompose_gva_per_head` against the UK.
    decomposition_year : str
        Year of the decomposition (:func:`decomposition_period`).
    decomposition_note : str
        Why that year is earlier than ``latest_year`` (empty when it is not).
    population_dataset : str
        Registry id of the population estimates used in the decomposition.
    shares_shown : bool
        Whether shares of the GVA per head gap are meaningful enough to show (the gap is at
        least :data:`MIN_LOG_POINTS_FOR_SHARES` log points).
    lad_table : DataFrame
        :func:`lis_analytics.productivity.lad_variation` of the area's districts.
    district_index : DataFrame
        ``area_code, value``: the published GVA per hour index (UK = 100) of every district
        in ``latest_year`` (for a map of the area and its neighbours).
    published_level : dict of str to float
        For a combined authority, ONS's published ``gva_per_hour`` and ``gva_per_job`` of the
        CA in ``latest_year`` (``productivity_ca``); empty otherwise.
    ranks : DataFrame
        :func:`peer_ranks`: one row per ranked measure (``measure, period, group, rank, n``,
        ``value``, ``is_shortfall``); empty when there is no peer group.
    peer_group_type : str
        Kind of area of the peer group.
    """

    area: Area
    area_label: str
    latest_year: str
    data_latest_year: str
    latest_year_note: str
    benchmarks: dict[str, tuple[str, ...]]
    region_label: str | None
    comparators: dict[str, tuple[str, ...]]
    per_hour: pd.DataFrame
    per_job: pd.DataFrame
    bench_hour: dict[str, pd.DataFrame]
    bench_job: dict[str, pd.DataFrame]
    gap: pd.DataFrame
    real_index: pd.DataFrame
    real_datasets: tuple[str, ...]
    real_published: bool
    windows: list[prod.GrowthWindow]
    growth: pd.DataFrame
    growth_bench: dict[str, pd.DataFrame]
    trend: pd.DataFrame
    counts_area: dict[str, float]
    counts_uk: dict[str, float]
    decomposition: pd.DataFrame
    decomposition_year: str
    decomposition_note: str
    population_dataset: str
    shares_shown: bool
    lad_table: pd.DataFrame
    district_index: pd.DataFrame
    published_level: dict[str, float]
    ranks: pd.DataFrame
    peer_group_type: str
    growth_notes: dict[str, str] = field(default_factory=dict)

    @property
    def level(self) -> pd.Series:
        """The area's GVA per hour worked row (:attr:`per_hour`) in the latest year."""
        return self.per_hour.loc[self.latest_year]

    @property
    def growth_uk(self) -> pd.DataFrame:
        """Growth table of the UK's real GVA per hour worked."""
        return self.growth_bench["UK"]

    @property
    def gva_per_head(self) -> float:
        """The area's GVA per head (workplace GVA over residents) in the decomposition year."""
        return self.counts_area["gva"] / self.counts_area["population"]

    @property
    def gva_per_head_uk(self) -> float:
        """The UK's GVA per head in the decomposition year."""
        return self.counts_uk["gva"] / self.counts_uk["population"]

    @property
    def decomposition_total(self) -> pd.Series:
        """The total row (GVA per head) of :attr:`decomposition`."""
        return self.decomposition[self.decomposition["is_total"]].iloc[0]


def chapter_benchmarks(area: Area, england: Area, region: Area | None
                       ) -> tuple[dict[str, tuple[str, ...]], str | None]:
    """The chapter's benchmarks: name -> codes, and the region's name among them.

    The UK as published (``UKX``) first, then England and the region as
    :func:`lis_analytics.chapters.peers.benchmark_codes` chooses them.

    Examples
    --------
    >>> nw = Area("E12000002", "North West", "RGN", ("E08000001", "E08000010"))
    >>> eng = Area("E92000001", "England", "CTRY", ("E08000001", "E08000010", "E06000001"))
    >>> gm = Area("E37000015", "Greater Manchester", "LEP", ("E08000001",))
    >>> chapter_benchmarks(gm, eng, nw)
    ({'UK': ('UKX',), 'England': ('E08000001', 'E08000010', 'E06000001'), \
'North West': ('E08000001', 'E08000010')}, 'North West')
    """
    by_code = {england.code: england} | ({region.code: region} if region is not None else {})
    out: dict[str, tuple[str, ...]] = {"UK": (prod.UK_CODE,)}
    region_label = None
    for label, code in benchmark_codes(area, region).items():
        out[label] = tuple(by_code[code].lad_codes)
        if code != ENGLAND_CODE:
            region_label = label
    return out, region_label


def latest_period(lads: pd.DataFrame, latest_year: str | None = None) -> str:
    """The year the chapter reports: ``latest_year`` if given, else the latest with GVA per hour.

    Examples
    --------
    >>> from lis_analytics.productivity import example_table
    >>> latest_period(example_table()), latest_period(example_table(), "2021")
    ('2022', '2021')
    """
    if latest_year:
        return str(latest_year)
    return str(max(lads.loc[lads["measure"] == "gva_per_hour", "period"]))


def served_years(lads: pd.DataFrame) -> list[str]:
    """The years the chapter can report (``latest_year``): those with districts' GVA per hour.

    The levels, gap and district table of a year need ONS's GVA per hour worked of the
    districts in that year; growth windows end at the year (:func:`analyse`).

    Examples
    --------
    >>> from lis_analytics.productivity import example_table
    >>> served_years(example_table())[-2:]
    ['2021', '2022']
    """
    rows = lads[(lads["measure"] == "gva_per_hour") & lads["value"].notna()]
    return sorted({str(p) for p in rows["period"]})


def latest_aggregable_period(per_hour: pd.DataFrame, latest: str, area_label: str
                             ) -> tuple[str, str]:
    """The latest year, up to ``latest``, in which the area's aggregate is complete, and why.

    Parameters
    ----------
    per_hour : DataFrame
        :func:`lis_analytics.productivity.aggregate_productivity` of the area (``complete``
        and ``missing`` by year).
    latest : str
        The latest year in the data.
    area_label : str
        The area's name, for the note.

    Returns
    -------
    (str, str)
        The year, and a sentence saying why it is earlier than ``latest`` (empty if it is
        ``latest``).

    Examples
    --------
    >>> t = pd.DataFrame({"complete": [True, False], "missing": [(), ("E07000001",)]},
    ...                  index=["2022", "2023"])
    >>> latest_aggregable_period(t, "2023", "Tees")  # doctest: +NORMALIZE_WHITESPACE
    ('2022', 'Figures for Tees are for 2022, not 2023: ONS publishes no GVA or hours for
    2023 for E07000001, so the districts cannot be added up for that year.')
    >>> latest_aggregable_period(t.iloc[:1], "2022", "Tees")
    ('2022', '')
    """
    complete = per_hour.loc[per_hour.index <= latest, "complete"].astype(bool)
    if latest in complete.index and complete.loc[latest]:
        return latest, ""
    years = complete.index[complete.to_numpy()]
    if not len(years):
        return latest, ""
    year = str(max(years))
    missing = per_hour.loc[latest, "missing"] if latest in per_hour.index else ()
    names = ", ".join(str(m) for m in missing) or "some districts"
    return year, (f"Figures for {area_label} are for {year}, not {latest}: ONS publishes no "
                  f"GVA or hours for {latest} for {names}, so the districts cannot be added "
                  "up for that year.")


def decomposition_period(lads: pd.DataFrame, population: dict[str, pd.DataFrame],
                         latest: str) -> tuple[str, str, str]:
    """Year and population table of the GVA per head decomposition, and why.

    The latest year up to ``latest`` with filled jobs in ``lads`` and the UK's working-age
    population in one of the ``population`` tables (newest table first).

    Returns
    -------
    (str, str, str)
        Year, population table id, and a sentence saying why the year is earlier than
        ``latest`` (empty if it is not).

    Examples
    --------
    >>> inputs = example_inputs()
    >>> decomposition_period(inputs.lads, inputs.population, "2022")
    ('2022', 'example_population', '')
    """
    jobs = set(lads.loc[(lads["measure"] == "filled_jobs") & lads["value"].notna(), "period"])
    ages: dict[str, list[str]] = {}
    candidates: list[tuple[str, str]] = []  # (year, table), newest table first
    for ds_id, table in population.items():
        working_age = table[(table["measure"] == "population_16_64")
                            & (table["area_code"] == UK_CENSUS_CODE)]
        ages[ds_id] = sorted(str(p) for p in working_age["period"].unique())
        candidates += [(y, ds_id) for y in ages[ds_id] if y in jobs]
    if not candidates:
        raise ValueError("no year has both filled jobs and the working-age population")
    before = [c for c in candidates if c[0] <= latest]
    # the latest year up to `latest` (newest table on a tie), else the nearest year after it
    year, ds_id = (max(before, key=lambda c: c[0]) if before
                   else min(candidates, key=lambda c: c[0]))
    if year == latest:
        return year, ds_id, ""
    told = "; ".join(f"{d}: {', '.join(y)}" for d, y in ages.items())
    return year, ds_id, (f"GVA per head is split for {year}, not {latest}: it needs the "
                         "working-age population of every district, which the mid-year "
                         f"estimates held give only for these years ({told}).")


def analyse(area: Area, inputs: ProductivityInputs, *, comparators: Sequence[Area] = (),
            latest_year: str | None = None) -> ProductivityResult:
    """Compute the productivity chapter for ``area``.

    Parameters
    ----------
    area : Area
        The area of the pack.
    inputs : ProductivityInputs
        Tables and benchmark areas (:func:`load_inputs`).
    comparators : sequence of Area, optional
        Areas shown alongside on GVA per hour worked (the chapter's peers, e.g.
        ``lis_analytics.chapters.peers.load_peers(area).comparators``).
    latest_year : str, optional
        Year to report; empty or ``None`` for the latest year in the data.

    Returns
    -------
    ProductivityResult
    """
    lads, label = inputs.lads, area.label
    data_latest = latest_period(lads, None)
    latest = latest_period(lads, latest_year)
    benchmarks, region_label = chapter_benchmarks(area, inputs.england, inputs.region)
    comps = {a.label: tuple(a.lad_codes) for a in comparators}

    per_hour = prod.aggregate_productivity(lads, area, per="hour", name=label)
    per_job = prod.aggregate_productivity(lads, area, per="job", name=label)
    bench_hour = prod.aggregate_each(lads, {**benchmarks, **comps}, per="hour")
    bench_job = prod.aggregate_each(lads, {**benchmarks, **comps}, per="job")
    latest_note = ""
    if not latest_year:
        latest, latest_note = latest_aggregable_period(per_hour, latest, label)
    gap = prod.productivity_gap_gbp(per_hour, bench_hour["UK"])

    published = published_codes(inputs.published)
    real_published = area.type == "CA" and area.code in published
    real_index, real_level, real_missing = real_indices(area, label, inputs, benchmarks,
                                                        real_published)
    # nothing after the year reported (latest_year=2019 showed the trend gap "by 2023")
    real_index, real_level = (t.loc[[p for p in t.index if str(p) <= latest]]
                              for t in (real_index, real_level))
    real_missing = {n: {p: m for p, m in years.items() if p <= latest}
                    for n, years in real_missing.items()}
    real_series = real_index[label].dropna()
    windows = prod.standard_windows(real_level.index, latest=latest)
    growth = prod.growth_table(real_level[label], windows)  # NaN where a district is missing
    growth_bench = {name: prod.growth_table(real_level[name].rename(name), windows)
                    for name in benchmarks}
    growth_notes = prod.missing_growth_notes(windows, real_missing, district_names(inputs))
    trend = prod.trend_gap(real_series)
    published_level = {}
    if real_published and inputs.published is not None:
        for m in ("gva_per_hour", "gva_per_job"):
            row = prod.pivot_measure(inputs.published, m, areas=area.code).loc[area.code]
            if latest in row.index and pd.notna(row[latest]):
                published_level[m] = float(row[latest])
    ranks = peer_ranks(area, inputs, latest, bench_hour["UK"], comps,
                       published_growth=real_published, window=windows[-1] if windows else None)

    dec_year, pop_id, dec_note = decomposition_period(lads, inputs.population, latest)
    population = inputs.population[pop_id]
    counts_area = prod.gva_per_head_inputs(lads, population, area, dec_year)
    counts_uk = prod.gva_per_head_inputs(lads, population, inputs.uk_lads, dec_year,
                                         population_area=(UK_CENSUS_CODE,))
    decomposition = prod.decompose_gva_per_head(counts_area, counts_uk, area_name=label,
                                                benchmark_name="UK")
    total_points = float(decomposition.loc[decomposition["is_total"], "log_points"].iloc[0])

    lad_table = prod.lad_variation(
        lads, area, period=latest,
        window=(windows[-1].start, windows[-1].end) if windows else None)
    district_index = lads.loc[(lads["measure"] == "gva_per_hour_index")
                              & (lads["period"] == latest), ["area_code", "value"]]
    return ProductivityResult(
        area=area, area_label=label, latest_year=latest, data_latest_year=data_latest,
        latest_year_note=latest_note, benchmarks=benchmarks,
        region_label=region_label, comparators=comps, per_hour=per_hour, per_job=per_job,
        bench_hour=bench_hour, bench_job=bench_job, gap=gap, real_index=real_index,
        real_datasets=PUBLISHED_REAL_DATASETS if real_published else DISTRICT_REAL_DATASETS,
        real_published=real_published, windows=windows, growth=growth, growth_bench=growth_bench,
        trend=trend, counts_area=counts_area, counts_uk=counts_uk,
        decomposition=decomposition, decomposition_year=dec_year,
        decomposition_note=dec_note, population_dataset=pop_id,
        shares_shown=abs(total_points) >= MIN_LOG_POINTS_FOR_SHARES, lad_table=lad_table,
        district_index=district_index.reset_index(drop=True), published_level=published_level,
        ranks=ranks, peer_group_type=inputs.peer_group_type, growth_notes=growth_notes)


def published_codes(published: pd.DataFrame | None) -> set[str]:
    """Codes with a published chained-volume index of GVA per hour in ``productivity_ca``."""
    if published is None:
        return set()
    rows = published[(published["measure"] == "gva_per_hour_cvm_index")
                     & published["value"].notna()]
    return set(rows["area_code"])


COVERAGE_RULE = (
    "A real-growth figure compares the same districts at the start and end of its window: "
    "a year in which any district of an area lacks chained-volume GVA or hours is shown as "
    "missing for that area (and for each benchmark containing the district) rather than "
    "added up over fewer districts, and so is growth over a window starting or ending in it. "
    "The district is not dropped from the other years instead, since the figure would then "
    "describe a smaller place than the rest of the pack.")
"""The rule for a district without data in a year of the real-growth series (issue #16)."""


def real_indices(area: Area, label: str, inputs: ProductivityInputs,
                 benchmarks: dict[str, tuple[str, ...]], real_published: bool
                 ) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, dict[str, tuple[str, ...]]]]:
    """Real GVA per hour worked of the area and its benchmarks, index :data:`REAL_BASE_PERIOD`.

    A combined authority with a published index (``real_published``) takes ONS's CVM index
    of the CA and of the UK from ``productivity_ca``; otherwise the area and the UK are
    chained-volume GVA of their districts over hours (the UK from every district, like with
    like). England and the region are always built from districts (ONS publishes no index
    of them in the June 2025 release). A series built from districts has a value only in
    years when every one of its districts has GVA and hours (:data:`COVERAGE_RULE`); its index
    only when the base year has too.

    Returns
    -------
    (DataFrame, DataFrame, dict)
        The index and the series growth is measured on (the index, or for a series built
        from districts its chained-volume GVA per hour), both by period with a column per
        area, ``label`` first, then the benchmarks; and, per column, the years with missing
        districts -> those districts' codes.
    """
    base = REAL_BASE_PERIOD
    district_areas = {name: codes for name, codes in benchmarks.items() if name != "UK"}
    index: dict[str, pd.Series] = {}
    level: dict[str, pd.Series] = {}
    missing: dict[str, dict[str, tuple[str, ...]]] = {}
    if real_published:
        for name, code in ((label, area.code), ("UK", prod.UK_CODE)):
            index[name] = prod.published_real_index(inputs.published, code, base_period=base)
            level[name] = index[name]
    else:
        district_areas = {label: tuple(area.lad_codes), "UK": inputs.uk_lads, **district_areas}
    built = prod.real_productivity_each(inputs.gva, inputs.lads, district_areas,
                                        base_period=base)
    for name, frame in built.items():
        complete = frame["complete"].astype(bool)
        level[name] = frame["real_gva_per_hour"].where(complete)
        index[name] = frame["real_gva_per_hour_index"].where(
            complete & bool(complete.get(base, False)))
        missing[name] = {str(p): tuple(m) for p, m in frame.loc[~complete, "missing"].items()}
    order = [label, *benchmarks]
    return (pd.DataFrame({name: index[name] for name in order}),
            pd.DataFrame({name: level[name] for name in order}), missing)


def district_names(inputs: ProductivityInputs) -> dict[str, str]:
    """District code -> name, from the chapter's GVA table."""
    names = inputs.gva.drop_duplicates("area_code")
    return dict(zip(names["area_code"], names["area_name"], strict=True))


def peer_ranks(area: Area, inputs: ProductivityInputs, latest: str, uk: pd.DataFrame,
               comparators: dict[str, tuple[str, ...]], *, published_growth: bool = False,
               window: prod.GrowthWindow | None = None) -> pd.DataFrame:
    """The area's ranks within its peer group and among its comparators.

    Each rank uses :func:`lis_analytics.indicators.ranks.rank_values` (rank 1 = highest; ties
    share the best rank) over the areas with a complete figure:

    - ``gva_per_hour``: GVA per hour worked in ``latest`` (ratio of sums of districts);
    - ``gap_gbp``: the productivity gap to the UK in pounds; rank 1 is the **largest gap**, a
      shortfall (``is_shortfall``), never a measure of performance;
    - ``real_growth``: real GVA per hour, growth a year over ``window`` (ONS's CA indices when
      ``published_growth``, else chained-volume GVA of districts over hours);
    - ``gva_per_hour`` among ``"comparators"``: the area and its comparators.

    A custom area joins its peer group (LEPs) for the ranking.

    Parameters
    ----------
    area : Area
    inputs : ProductivityInputs
        ``peer_areas`` and ``peer_group_type`` give the group; no group, no group ranks.
    latest : str
    uk : DataFrame
        :func:`lis_analytics.productivity.aggregate_productivity` of the UK (``UKX``).
    comparators : dict of str to tuple of str
        Comparator label -> districts.
    published_growth : bool, default False
    window : GrowthWindow, optional
        Window of the growth rank; none, no growth rank.

    Returns
    -------
    DataFrame
        ``measure, period, group, rank, n, value, is_shortfall``; ``group`` is the peer group
        type (``LEP``, ``CA``...) or ``"comparators"``.

    Examples
    --------
    >>> inputs = example_inputs()
    >>> a, b, c = (Area(f"L{i}", f"L{i}", "LEP", (code,)) for i, code in
    ...            enumerate(inputs.uk_lads))
    >>> from dataclasses import replace
    >>> inputs = replace(inputs, peer_areas=(a, b, c))
    >>> uk = prod.aggregate_productivity(inputs.lads, prod.UK_CODE)
    >>> r = peer_ranks(b, inputs, "2022", uk, {})
    >>> r[["measure", "rank", "n", "is_shortfall"]].values.tolist()
    [['gva_per_hour', 3, 3, False], ['gap_gbp', 1, 3, True]]
    """
    cols = ["measure", "period", "group", "rank", "n", "value", "is_shortfall"]
    rows: list[dict[str, object]] = []

    def add(values: pd.Series, measure: str, period: str, group: str, shortfall: bool) -> None:
        values = values.dropna()
        if area.code not in values.index or len(values) < 2:
            return
        rank = rank_values(values, "higher_is_better")
        rows.append(dict(measure=measure, period=period, group=group,
                         rank=int(rank[area.code]), n=len(values),
                         value=float(values[area.code]), is_shortfall=shortfall))

    group = {a.code: tuple(a.lad_codes) for a in inputs.peer_areas}
    if group:
        group[area.code] = tuple(area.lad_codes)
        hour = prod.aggregate_each(inputs.lads, group, per="hour")
        level = pd.Series({c: f.loc[latest, "gva_per_hour"] if bool(f.loc[latest, "complete"])
                           else float("nan") for c, f in hour.items()})
        add(level, "gva_per_hour", latest, inputs.peer_group_type, False)
        gap = pd.Series({c: prod.productivity_gap_gbp(f, uk).loc[latest, "gap_gbp"]
                         for c, f in hour.items()}).where(level.notna())
        add(gap, "gap_gbp", latest, inputs.peer_group_type, True)
        if window is not None:
            add(_group_growth(group, inputs, window, published_growth), "real_growth",
                window.label, inputs.peer_group_type, False)
    if comparators:
        mine = {area.code: tuple(area.lad_codes), **comparators}
        hour = prod.aggregate_each(inputs.lads, mine, per="hour")
        add(pd.Series({c: f.loc[latest, "gva_per_hour"] if bool(f.loc[latest, "complete"])
                       else float("nan") for c, f in hour.items()}),
            "gva_per_hour", latest, "comparators", False)
    return pd.DataFrame(rows, columns=cols)


def _group_growth(group: dict[str, tuple[str, ...]], inputs: ProductivityInputs,
                  window: prod.GrowthWindow, published: bool) -> pd.Series:
    """Real growth a year over ``window`` of every area of a peer group (NaN when missing)."""
    out = {}
    if published:
        codes = published_codes(inputs.published)
        for code in group:
            if code in codes:
                s = prod.published_real_index(inputs.published, code)
                out[code] = prod.cagr(s.get(window.start, float("nan")),
                                      s.get(window.end, float("nan")), window.years)
    else:
        built = prod.real_productivity_each(inputs.gva, inputs.lads, group)
        for code, f in built.items():
            s = f["real_gva_per_hour"].where(f["complete"])
            out[code] = prod.cagr(s.get(window.start, float("nan")),
                                  s.get(window.end, float("nan")), window.years)
    return pd.Series(out, dtype=float) * 100

