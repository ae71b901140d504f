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

from lis_analytics.data import get_dataset, source_line
from lis_analytics.present.text.words import format_gbp

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
    "releases_paragraph",
]

LEVELS_DATASETS = ("productivity_lad",)
"""Datasets behind levels, the gap and the district table."""
GROWTH_DATASETS = ("gva_lad_industry", "productivity_lad")
"""Datasets behind real growth and the trend."""
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

    lines = [
        f"**Data as at:** levels, the gap and districts are for {result.latest_year} "
        f"(subregional productivity, {_release_words('productivity_lad')}; current prices). "
        f"Real growth runs to {result.windows[-1].end if result.windows else result.latest_year}: "
        "chained-volume GVA from regional GVA, "
        f"{_release_words('gva_lad_industry')}, over hours worked from the same productivity "
        "release, which is itself built on that regional GVA release. Real growth is an index "
        f"({REAL_BASE_PERIOD} = 100), never shown as a £ "
        "level beside the current-price figures. GVA per head is for "
        f"{result.decomposition_year}"
        + (f" ({get_dataset(result.population_dataset).title}, published "
           f"{get_dataset(result.population_dataset).release})."
           if not result.population_dataset.startswith("example") else "."),
    ]
    for note in (result.latest_year_note, result.decomposition_note):
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
             benchmark_england=_at(job, "England", latest, "gva_per_job")),
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
            price_basis="chained volume measure", source_dataset_id="gva_lad_industry",
            benchmark_uk=uk_growth.loc[row.window]))
    out.append(dict(
        indicator_id="gva_per_head", indicator="GVA per head", period=result.decomposition_year,
        value=result.gva_per_head, unit="GBP per resident", **current,
        benchmark_uk=result.gva_per_head_uk,
        note="workplace GVA over resident population: affected by commuting"
             + (f"; {result.decomposition_year}, not {result.latest_year}: working-age "
                "population by district" if result.decomposition_year != result.latest_year
                else "")))
    return out


def gap_paragraph(result: ProductivityResult) -> str:
    """The productivity gap to the UK in the latest year, in a sentence (Markdown)."""
    g = result.gap.loc[result.latest_year]
    return (
        f"In {result.latest_year}, {result.area_label} worked {g['hours'] / 1e9:,.2f} billion "
        f"hours. At the UK's GVA per hour (£{g['benchmark_gva_per_hour']:,.2f}) rather than its "
        f"own (£{g['area_gva_per_hour']:,.2f}), its GVA would be "
        f"**{format_gbp(abs(g['gap_gbp']), compact=True)} a year "
        f"{'higher' if g['gap_gbp'] > 0 else 'lower'}** "
        f"({abs(g['gap_pct_of_gva']):.1f}% of its GVA).")


def levels_table(result: ProductivityResult) -> dict[str, Any]:
    """GVA per hour worked and per filled job of the area, its benchmarks and comparators."""
    latest, level, per_job = result.latest_year, result.level, result.per_job
    job = result.bench_job
    rows = [{"Area": result.area_label, "GVA per hour worked (£)": level["gva_per_hour"],
             "Index (UK = 100)": level["gva_per_hour_index"],
             "GVA per filled job (£)": per_job.loc[latest, "gva_per_job"],
             "Index, per job (UK = 100)": per_job.loc[latest, "gva_per_job_index"]}]
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
               "total hours (or jobs), not an average of district figures."])


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
    """Real GVA per hour worked: compound growth a year of the area and its benchmarks."""
    view = result.growth[["window", "cagr_pct"]].merge(
        result.growth_uk[["window", "cagr_pct"]], on="window", suffixes=("", "_uk"))
    for name, other in result.growth_bench.items():
        if name != "UK":
            view = view.merge(other[["window", "cagr_pct"]].rename(columns={"cagr_pct": name}),
                              on="window")
    view = view.rename(columns={"window": "Period", "cagr_pct": result.area_label,
                                "cagr_pct_uk": "UK"})
    return dict(frame=view.round(2), name="real_growth",
                title="Real GVA per hour worked: compound growth a year",
                source=source_line(*GROWTH_DATASETS), source_dataset_ids=list(GROWTH_DATASETS),
                units="% a year",
                notes=["Chained-volume GVA (2022 money) over hours worked; district deflators "
                       "are regional, so small-area real growth is indicative."])


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
