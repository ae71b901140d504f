"""Words and tables of the productivity chapter, read from its computed result.

- :func:`figure_records`: the chapter's headline figures for ``figures.csv`` (keyword
  arguments of :meth:`lis_analytics.present.Chapter.figure`);
- :func:`gap_paragraph`: the productivity gap in pounds in a sentence;
- :func:`levels_table`, :func:`gap_table`, :func:`real_growth_table`,
  :func:`decomposition_table`, :func:`district_table`: the chapter's tables (keyword
  arguments of :meth:`lis_analytics.present.Chapter.table`).

Nothing here computes a figure: every number is read from a
:class:`~lis_analytics.chapters.productivity.ProductivityResult` and only rounded or scaled
to the unit it is shown in.

Examples
--------
>>> from lis_analytics.chapters.productivity import analyse, example_inputs
>>> from lis_analytics.geography import Area
>>> r = analyse(Area("tees", "Tees", "CUSTOM", ("E06000001", "E06000002")),
...             example_inputs())
>>> print(gap_paragraph(r))  # doctest: +NORMALIZE_WHITESPACE
In 2022, Tees worked 0.21 billion hours. At the UK's GVA per hour (£35.10) rather than its
own (£24.75), its GVA would be **£2.2 billion a year higher** (41.8% of its GVA).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from lis_analytics.chapters.peers import peer_group_label
from lis_analytics.chapters.productivity import CA_LEVEL_NOTE
from lis_analytics.data import get_dataset, source_line
from lis_analytics.present.text.words import format_gbp, its, ordinal, subject_verb

if TYPE_CHECKING:
    from lis_analytics.chapters.productivity import ProductivityResult

__all__ = [
    "decomposition_datasets",
    "decomposition_table",
    "district_table",
    "figure_records",
    "gap_paragraph",
    "gap_table",
    "levels_table",
    "real_growth_table",
    "ranks_paragraph",
    "rank_words",
    "releases_paragraph",
]

LEVELS_DATASETS = ("productivity_lad",)
"""Datasets behind levels, the gap and the district table."""
GROWTH_DATASETS = ("gva_lad_industry", "productivity_lad")
"""Datasets behind real growth and the trend of an area built from districts (a combined
authority uses ``productivity_ca``: :attr:`ProductivityResult.real_datasets`)."""
DECOMPOSITION_DATASETS = ("productivity_lad", "population_mye_mid2022")
"""Datasets behind the GVA per head decomposition by default (the population table is the
result's :attr:`population_dataset`; see :func:`decomposition_datasets`)."""


def decomposition_datasets(result: ProductivityResult) -> tuple[str, ...]:
    """Datasets behind the decomposition: productivity and the population table it used."""
    pop = result.population_dataset
    return ("productivity_lad", pop) if not pop.startswith("example") else ("productivity_lad",)


def _release_words(ds_id: str) -> str:
    """A dataset's release in words, e.g. ``"June 2025 release (published 2025-06-26)"``."""
    ds = get_dataset(ds_id)
    return f"{ds.vintage.split(';')[0]} (published {ds.release})"


def releases_paragraph(result: ProductivityResult) -> str:
    """Which release each part of the chapter rests on, and its latest year (Markdown).

    Examples
    --------
    >>> from lis_analytics.chapters.productivity import analyse, example_inputs
    >>> from lis_analytics.geography import Area
    >>> r = analyse(Area("tees", "Tees", "CUSTOM", ("E06000001", "E06000002")),
    ...             example_inputs())
    >>> print(releases_paragraph(r))  # doctest: +ELLIPSIS
    **Data as at:** levels, the gap and districts are for 2022 ...
    """
    from lis_analytics.chapters.productivity import REAL_BASE_PERIOD

    end = result.windows[-1].end if result.windows else result.latest_year
    if result.real_published:
        real = (f"Real growth runs to {end}: ONS's own chained-volume index of GVA per hour "
                f"worked for {result.area_label} and for the UK (subregional productivity by "
                f"combined authority, {_release_words('productivity_ca')}). England and the "
                "region are chained-volume GVA of their districts "
                f"({_release_words('gva_lad_industry')}) over their hours "
                f"({_release_words('productivity_lad')}).")
    else:
        real = (f"Real growth runs to {end}: chained-volume GVA of the districts from regional "
                f"GVA, {_release_words('gva_lad_industry')}, over their hours worked from the "
                f"productivity release ({_release_words('productivity_lad')}), which ONS built "
                "on that regional GVA release; the UK is made the same way from every district.")
    lines = [
        f"**Data as at:** levels, the gap and districts are for {result.latest_year} "
        f"(subregional productivity, {_release_words('productivity_lad')}; current prices). "
        f"{real} Real growth is shown as growth and as an index "
        f"({REAL_BASE_PERIOD} = 100), never as a £ "
        "level beside the current-price figures. GVA per head is for "
        f"{result.decomposition_year}"
        + (f" ({get_dataset(result.population_dataset).title}, published "
           f"{get_dataset(result.population_dataset).release})."
           if not result.population_dataset.startswith("example") else "."),
    ]
    for note in (result.latest_year_note, result.decomposition_note,
                 *result.growth_notes.values()):
        if note:
            lines.append(note)
    return " ".join(lines)

GAP_NOTE = ("positive: GVA the area would add at the UK's GVA per hour; negative: "
            "the area is more productive than the UK")


def _at(frames: dict[str, pd.DataFrame], name: str | None, period: str, column: str) -> float:
    """``frames[name].loc[period, column]``, NaN when there is no such benchmark."""
    if name is None or name not in frames:
        return np.nan
    return frames[name].loc[period, column]


def figure_records(result: ProductivityResult) -> list[dict[str, Any]]:
    """The chapter's headline figures, each the keyword arguments of ``Chapter.figure``.

    GVA per hour worked (with the UK, England and region benchmarks) and its index, GVA per
    filled job, the productivity gap to the UK (GBP million a year), real growth of GVA per
    hour worked in each window, and GVA per head.

    Parameters
    ----------
    result : ProductivityResult

    Returns
    -------
    list of dict

    Examples
    --------
    >>> from lis_analytics.chapters.productivity import analyse, example_inputs
    >>> from lis_analytics.geography import Area
    >>> r = analyse(Area("tees", "Tees", "CUSTOM", ("E06000001", "E06000002")),
    ...             example_inputs())
    >>> [f["indicator_id"] for f in figure_records(r)][:4]
    ['gva_per_hour', 'gva_per_hour_index', 'gva_per_job', 'productivity_gap_gbp']
    """
    latest, level = result.latest_year, result.level
    hour, job = result.bench_hour, result.bench_job
    current = {"price_basis": "current prices", "source_dataset_id": "productivity_lad"}
    out: list[dict[str, Any]] = [
        dict(indicator_id="gva_per_hour", indicator="GVA per hour worked", period=latest,
             value=level["gva_per_hour"], unit="GBP per hour worked", **current,
             benchmark_uk=hour["UK"].loc[latest, "gva_per_hour"],
             benchmark_england=_at(hour, "England", latest, "gva_per_hour"),
             benchmark_region=_at(hour, result.region_label, latest, "gva_per_hour"),
             note=result.latest_year_note if level["complete"]
             else f"missing LADs: {level['missing']}"),
        dict(indicator_id="gva_per_hour_index", indicator="GVA per hour worked, index (UK = 100)",
             period=latest, value=level["gva_per_hour_index"], unit="index (UK = 100)",
             **current, benchmark_uk=100.0),
        dict(indicator_id="gva_per_job", indicator="GVA per filled job", period=latest,
             value=result.per_job.loc[latest, "gva_per_job"], unit="GBP per filled job",
             **current, benchmark_uk=job["UK"].loc[latest, "gva_per_job"],
             benchmark_england=_at(job, "England", latest, "gva_per_job"),
             benchmark_region=_at(job, result.region_label, latest, "gva_per_job")),
        dict(indicator_id="productivity_gap_gbp",
             indicator="Productivity gap to the UK (GVA a year)", period=latest,
             value=result.gap.loc[latest, "gap_gbp"] / 1e6, unit="GBP million a year",
             **current, note=GAP_NOTE),
    ]
    uk_growth = result.growth_uk.set_index("window")["cagr_pct"]
    for row in result.growth.itertuples():
        out.append(dict(
            indicator_id=f"real_gva_per_hour_cagr_{row.window}",
            indicator=f"Real GVA per hour worked, growth a year {row.window}",
            period=row.window, value=row.cagr_pct, unit="% a year",
            price_basis="chained volume measure", source_dataset_id=result.real_datasets[0],
            benchmark_uk=uk_growth.loc[row.window],
            note=" ".join(n for n in (result.growth_notes.get(row.window, ""),
                                      real_note(result)) if n)))
    # every pack has the same rows: empty unless ONS publishes the area (a combined authority)
    out.append(dict(
        indicator_id="gva_per_hour_ons_published",
        indicator="GVA per hour worked, ONS's published figure for the combined authority",
        period=latest, value=result.published_level.get("gva_per_hour", np.nan),
        unit="GBP per hour worked", price_basis="current prices",
        source_dataset_id="productivity_ca",
        benchmark_uk=hour["UK"].loc[latest, "gva_per_hour"],
        note=CA_LEVEL_NOTE if result.published_level
        else "ONS publishes GVA per hour for combined authorities only; see gva_per_hour"))
    custom = getattr(result.area, "type", "") == "CUSTOM"  # ranked among its peers and itself
    for _, r in result.ranks.iterrows():
        among = "comparators" if r["group"] == "comparators" else "peer_group"
        out.append(dict(
            indicator_id=f"rank_{r['measure']}_{among}",
            indicator=f"Rank, {rank_words(r, result.peer_group_type, custom=custom)}",
            period=r["period"],
            value=float(r["rank"]), unit=f"rank of {int(r['n'])} (1 = highest)",
            source_dataset_id=("productivity_lad" if r["measure"] != "real_growth"
                                               else result.real_datasets[0]),
            note="rank 1 = the largest gap (a shortfall, not performance)"
            if bool(r["is_shortfall"]) else ""))
    out.append(dict(
        indicator_id="gva_per_head", indicator="GVA per head", period=result.decomposition_year,
        value=result.gva_per_head, unit="GBP per resident", **current,
        benchmark_uk=result.gva_per_head_uk,
        note="workplace GVA over resident population: affected by commuting"
             + (f"; {result.decomposition_year}, not {result.latest_year}: working-age "
                "population by district" if result.decomposition_year != result.latest_year
                else "")))
    return _with_ranks(out, result)


def gap_paragraph(result: ProductivityResult) -> str:
    """The productivity gap to the UK in the latest year, in a sentence (Markdown)."""
    g = result.gap.loc[result.latest_year]
    own = its(result.area_label)
    return (
        f"In {result.latest_year}, {result.area_label} worked {g['hours'] / 1e9:,.2f} billion "
        f"hours. At the UK's GVA per hour (£{g['benchmark_gva_per_hour']:,.2f}) rather than "
        f"{own} own (£{g['area_gva_per_hour']:,.2f}), {own} GVA would be "
        f"**{format_gbp(abs(g['gap_gbp']), compact=True)} a year "
        f"{'higher' if g['gap_gbp'] > 0 else 'lower'}** "
        f"({abs(g['gap_pct_of_gva']):.1f}% of {own} GVA).")


def levels_table(result: ProductivityResult) -> dict[str, Any]:
    """GVA per hour worked and per filled job of the area, its benchmarks and comparators."""
    latest, level, per_job = result.latest_year, result.level, result.per_job
    job = result.bench_job
    rows = [{"Area": result.area_label, "GVA per hour worked (£)": level["gva_per_hour"],
             "Index (UK = 100)": level["gva_per_hour_index"],
             "GVA per filled job (£)": per_job.loc[latest, "gva_per_job"],
             "Index, per job (UK = 100)": per_job.loc[latest, "gva_per_job_index"]}]
    pub = result.published_level
    if pub:
        rows.append({"Area": f"{result.area_label} (ONS published)",
                     "GVA per hour worked (£)": pub.get("gva_per_hour", np.nan),
                     "Index (UK = 100)": pub.get("gva_per_hour", np.nan)
                     / result.bench_hour["UK"].loc[latest, "gva_per_hour"] * 100,
                     "GVA per filled job (£)": pub.get("gva_per_job", np.nan),
                     "Index, per job (UK = 100)": pub.get("gva_per_job", np.nan)
                     / job["UK"].loc[latest, "gva_per_job"] * 100})
    rows += [{"Area": n, "GVA per hour worked (£)": b.loc[latest, "gva_per_hour"],
              "Index (UK = 100)": b.loc[latest, "gva_per_hour_index"],
              "GVA per filled job (£)": _at(job, n, latest, "gva_per_job"),
              "Index, per job (UK = 100)": _at(job, n, latest, "gva_per_job_index")}
             for n, b in result.bench_hour.items()]
    return dict(
        frame=pd.DataFrame(rows).round(1), name="productivity_levels",
        title=f"GVA per hour worked and per filled job, {latest}",
        source=source_line(*LEVELS_DATASETS), source_dataset_ids=list(LEVELS_DATASETS),
        units="£, current prices (smoothed); index UK less extra-regio = 100",
        notes=["Areas are aggregated from local authority districts as total GVA over "
               "total hours (or jobs), not an average of district figures."]
        + ([f"The row '(ONS published)' is ONS's own figure for the combined authority "
            f"(subregional productivity by combined authority, {_release_words('productivity_ca')}"
            f"). {CA_LEVEL_NOTE}"] if pub else []))


def gap_table(result: ProductivityResult) -> dict[str, Any]:
    """The productivity gap to the UK in pounds, by year (workbook only)."""
    label = result.area_label
    t = result.gap[["area_gva_per_hour", "benchmark_gva_per_hour", "hours", "gap_gbp"]].copy()
    t = t.assign(hours=t["hours"] / 1e6, gap_gbp=t["gap_gbp"] / 1e6)
    t = t.reset_index().rename(columns={
        "period": "Year", "area_gva_per_hour": f"{label} GVA per hour (£)",
        "benchmark_gva_per_hour": "UK GVA per hour (£)", "hours": "Annual hours worked (million)",
        "gap_gbp": "Gap (£ million a year)"})
    return dict(frame=t.round(1), name="productivity_gap", display=False,
                title="Productivity gap to the UK in pounds, by year",
                source=source_line(*LEVELS_DATASETS), source_dataset_ids=list(LEVELS_DATASETS),
                units="£ and hours, current prices")


def real_growth_table(result: ProductivityResult) -> dict[str, Any]:
    """Real GVA per hour worked: compound growth a year of the area and its benchmarks.

    The index (base year = 100) of the same series is in the workbook (``real_index``).
    """
    view = result.growth[["window", "cagr_pct"]].merge(
        result.growth_uk[["window", "cagr_pct"]], on="window", suffixes=("", "_uk"))
    for name, other in result.growth_bench.items():
        if name != "UK":
            view = view.merge(other[["window", "cagr_pct"]].rename(columns={"cagr_pct": name}),
                              on="window")
    view = view.rename(columns={"window": "Period", "cagr_pct": result.area_label,
                                "cagr_pct_uk": "UK"})
    datasets = sorted({*result.real_datasets, *GROWTH_DATASETS}) if result.real_published \
        else list(GROWTH_DATASETS)
    return dict(frame=view.round(2), name="real_growth",
                title="Real GVA per hour worked: compound growth a year",
                source=source_line(*datasets), source_dataset_ids=list(datasets),
                units="% a year", notes=[real_note(result), *result.growth_notes.values()])


def real_index_table(result: ProductivityResult) -> dict[str, Any]:
    """Real GVA per hour worked as an index (base year = 100), by year (workbook only)."""
    from lis_analytics.chapters.productivity import REAL_BASE_PERIOD

    t = result.real_index.reset_index().rename(columns={"period": "Year"})
    datasets = sorted({*result.real_datasets, *GROWTH_DATASETS})
    return dict(frame=t.round(2), name="real_index", display=False,
                title=f"Real GVA per hour worked, index {REAL_BASE_PERIOD} = 100",
                source=source_line(*datasets), source_dataset_ids=datasets,
                units=f"index, {REAL_BASE_PERIOD} = 100", notes=[real_note(result)])


def real_note(result: ProductivityResult) -> str:
    """Where the real series comes from, for table and figure notes."""
    if result.real_published:
        return (f"{result.area_label} and the UK: ONS's chained-volume index of GVA per hour "
                f"worked (combined authority workbook, {_release_words('productivity_ca')}), "
                "rebased; England and the region: chained-volume GVA of districts "
                f"({_release_words('gva_lad_industry')}) over hours "
                f"({_release_words('productivity_lad')}).")
    return ("Chained-volume GVA of the districts (regional GVA, "
            f"{_release_words('gva_lad_industry')}) over hours worked "
            f"({_release_words('productivity_lad')}, built on that GVA release); the UK is the "
            "sum of every district. Deflators are national industry prices applied to the "
            "local industry mix, so small-area real growth is indicative.")


def real_short_note(result: ProductivityResult) -> str:
    """The releases of the real series in a few words, for a figure's foot."""
    def release(ds_id: str) -> str:
        return get_dataset(ds_id).vintage.split(";")[0]

    if result.real_published:
        return ("Real series: ONS's chained-volume index, combined authority workbook, "
                f"{release('productivity_ca')}")
    return (f"Real series: chained-volume GVA (regional GVA, {release('gva_lad_industry')}) "
            f"over hours (subregional productivity, {release('productivity_lad')})")


_RANK_MEASURES = {"gva_per_hour": "GVA per hour worked",
                  "real_growth": "real growth of GVA per hour worked"}


def rank_words(row: pd.Series, group_type: str, *, custom: bool = False) -> str:
    """One rank in words, naming its group and size (a custom area counts itself in).

    Examples
    --------
    >>> rank_words(pd.Series({"measure": "gva_per_hour", "period": "2023", "group": "LEP",
    ...                       "rank": 3, "n": 38, "is_shortfall": False}), "LEP")
    'GVA per hour worked: 3rd of 38 LEPs (2023)'
    >>> rank_words(pd.Series({"measure": "gap_gbp", "period": "2023", "group": "LEP",
    ...                       "rank": 3, "n": 38, "is_shortfall": True}), "LEP")
    'productivity gap to the UK in £: the 3rd-largest gap of 38 LEPs (2023)'
    >>> rank_words(pd.Series({"measure": "gva_per_hour", "period": "2023",
    ...                       "group": "comparators", "rank": 2, "n": 6,
    ...                       "is_shortfall": False}), "LEP")
    'GVA per hour worked: 2nd of 6, the area and its 5 comparator areas (2023)'
    >>> rank_words(pd.Series({"measure": "gva_per_hour", "period": "2023", "group": "LEP",
    ...                       "rank": 3, "n": 39, "is_shortfall": False}), "LEP", custom=True)
    'GVA per hour worked: 3rd of 38 LEPs and this area (2023)'
    """
    rank, n = int(row["rank"]), int(row["n"])
    if row["group"] == "comparators":
        group = f"{n}, the area and its {n - 1} comparator areas"
    elif custom:  # a custom area is ranked among its peer group's areas and itself
        group = f"{peer_group_label(group_type, n - 1)} and this area"
    else:
        group = peer_group_label(group_type, n)
    if bool(row["is_shortfall"]):
        nth = "the largest" if rank == 1 else f"the {ordinal(rank)}-largest"
        return f"productivity gap to the UK in £: {nth} gap of {group} ({row['period']})"
    return f"{_RANK_MEASURES[str(row['measure'])]}: {ordinal(rank)} of {group} ({row['period']})"


def ranks_paragraph(result: ProductivityResult) -> str:
    """The area's ranks, each with its peer group and size (Markdown; empty when none)."""
    if result.ranks.empty:
        return ""
    custom = getattr(result.area, "type", "") == "CUSTOM"
    words = [rank_words(r, result.peer_group_type, custom=custom)
             for _, r in result.ranks.iterrows()]
    where = subject_verb(result.area_label, "stands")
    return (f"**Where {where}** (rank 1 = highest; a gap rank orders the "
            "size of a shortfall, not performance): " + "; ".join(words) + ".")


def decomposition_table(result: ProductivityResult) -> dict[str, Any]:
    """The decomposition of GVA per head against the UK; shares only when meaningful."""
    t = result.decomposition[["component", "area_value", "benchmark_value", "log_points",
                              "pct_contribution"]].copy()
    if not result.shares_shown:
        t["pct_contribution"] = np.nan
    t = t.rename(columns={
        "component": "Component", "area_value": result.area_label, "benchmark_value": "UK",
        "log_points": "Log points", "pct_contribution": "Share of gap (%)"})
    year = result.decomposition_year
    datasets = decomposition_datasets(result)
    population = (get_dataset(result.population_dataset).title if len(datasets) > 1
                  else "example")
    return dict(
        frame=t.round(3), name="gva_per_head_decomposition",
        title=f"Decomposition of GVA per head against the UK, {year}",
        source=source_line(*datasets),
        source_dataset_ids=list(datasets),
        units="ratios; log points = 100 x ln(area / UK)",
        notes=["GVA implied by the productivity release (GVA per hour x hours); "
               f"working age is 16-64; population: {population}."]
        + ([result.decomposition_note] if result.decomposition_note else [])
        + ([] if result.shares_shown else
           ["Shares of the gap are not shown: the gap is under 5 log points, so "
            "shares would be large and meaningless."]))


def district_table(result: ProductivityResult) -> dict[str, Any]:
    """GVA per hour worked by district: level, index, growth, UK rank and share of hours."""
    view = result.lad_table.rename(columns={
        "area_code": "LAD code", "area_name": "District", "period": "Year",
        "gva_per_hour": "GVA per hour (£)", "gva_per_hour_index": "Index (UK = 100)",
        "rank_uk": "Rank of 361 UK districts", "labour_share_pct": "Share of area hours (%)"})
    view = view.drop(columns=[c for c in ["n_uk"] if c in view.columns])
    view = view.rename(columns={c: f"Growth a year {c[9:].replace('_', '-')} (%, current "
                                   "prices)" for c in view.columns if c.startswith("cagr_pct_")})
    return dict(frame=view.round(1), name="productivity_by_district",
                title=f"GVA per hour worked by district, {result.latest_year}",
                source=source_line(*LEVELS_DATASETS), source_dataset_ids=list(LEVELS_DATASETS),
                units="£ per hour, current prices; rank 1 = highest in the UK")


_RANKED_FIGURES = {"gva_per_hour": "gva_per_hour", "gap_gbp": "productivity_gap_gbp"}
"""Measures of ``ProductivityResult.ranks`` that rank a headline figure: measure -> figure."""


def _with_ranks(records: list[dict[str, Any]], result: ProductivityResult
                ) -> list[dict[str, Any]]:
    """Figure records with the chapter's ranks as columns (``rank``, ``rank_of``, ``peer_group``).

    A rank row (``rank_<measure>_<group>``) carries its own rank; a headline figure its rank
    in the peer group (real growth: the window the rank is for). A custom area's group
    counts the area itself.

    Examples
    --------
    >>> from lis_analytics.chapters.productivity import analyse, example_inputs
    >>> from lis_analytics.geography import Area
    >>> r = analyse(Area("tees", "Tees", "CUSTOM", ("E06000001", "E06000002")),
    ...             example_inputs())
    >>> rows = {f["indicator_id"]: f for f in figure_records(r)}
    >>> all("rank_of" in f for k, f in rows.items() if k.startswith("rank_"))
    True
    """
    import re

    custom = getattr(result.area, "type", "") == "CUSTOM"
    by_id = {(f["indicator_id"], str(f["period"])): f for f in records}
    for _, r in result.ranks.iterrows():
        n = int(r["n"])
        if r["group"] == "comparators":
            group = "the area and its comparator areas"
        else:
            members = peer_group_label(result.peer_group_type, n - 1 if custom else n)
            group = re.sub(r"^\d+ ", "", members) + (" and this area" if custom else "")
        fields = {"rank": float(r["rank"]), "rank_of": float(n), "peer_group": group}
        among = "comparators" if r["group"] == "comparators" else "peer_group"
        rank_row = by_id.get((f"rank_{r['measure']}_{among}", str(r["period"])))
        if rank_row is not None:
            rank_row.update(fields)
        if among != "peer_group":
            continue
        figure = _RANKED_FIGURES.get(str(r["measure"]))
        if figure is None and r["measure"] == "real_growth":
            figure = f"real_gva_per_hour_cagr_{r['period']}"
        headline = by_id.get((figure, str(r["period"]))) if figure else None
        if headline is not None:
            headline.update(fields)
    return records
