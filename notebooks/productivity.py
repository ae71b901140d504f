# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: tags,-all
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python (lis-analytics)
#     language: python
#     name: lis-analytics
# ---

# %% tags=["parameters"]
# Parameters (papermill injects the area's values after this cell)
area_code = "E37000015"  # any LEP, CA, region, custom area or LAD (see lis areas)
comparator_codes = []  # other areas to show alongside, as a list of area codes
latest_year = ""  # empty for the latest year in the data
output_dir = ""  # folder where the batch collects tables and figures; empty keeps them in memory

# %% tags=["remove"]
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
from IPython.display import Markdown, display

import lis_analytics as la
from lis_analytics.present import charts
from lis_analytics import productivity as prod
from lis_analytics.comparators import comparators_for
from lis_analytics.present import Chapter

area = la.get_area(area_code)
area_label = area.label  # e.g. "West Midlands Combined Authority", never confused with a region
lads = la.load_table("productivity_lad")
gva = la.load_table("gva_lad_total")  # all-industry rows of the regional GVA release, built once per run
population = la.load_table("population_mye_mid2022")
canonical = la.geography.canonical_lads()
SRC_PROD = la.get_dataset("productivity_lad").source_line

uk_lads = tuple(canonical["lad_code"])
benchmarks = {"UK": prod.UK, "England": la.get_area("E92000001").lad_codes}
region = la.get_area(area.region_code) if area.region_code.startswith("E12") else None
region_label = None
if region is not None and set(region.lad_codes) != set(area.lad_codes):
    region_label = f"{region.name} region" if region.name == area.name else region.name
    benchmarks[region_label] = region.lad_codes
# the same comparator set as every other chapter: the user's list, else nearest neighbours
comparators = {la.get_area(c).label: la.get_area(c).lad_codes
               for c in comparators_for(area.code, comparator_codes)}
latest = latest_year or max(lads.loc[lads.measure == "gva_per_hour", "period"])
chapter = Chapter("productivity", "Productivity", area.code, area.name, output_dir or None)

per_hour = prod.aggregate_productivity(lads, area.lad_codes, per="hour", name=area_label)
per_job = prod.aggregate_productivity(lads, area.lad_codes, per="job", name=area_label)
bench_hour = prod.aggregate_each(lads, {**benchmarks, **comparators}, per="hour")
bench_job = prod.aggregate_each(lads, benchmarks, per="job")

# %% [markdown]
# ## Productivity
#
# How productive is the area's economy, how has that changed, and how far behind (or ahead of)
# the UK is it? Labour productivity is measured as gross value added (GVA) per hour worked, the
# ONS's preferred measure, and GVA per filled job. Levels are in current prices and compare
# areas within a year; growth uses chained-volume (inflation-adjusted) measures.

# %% tags=["remove"]
gap = prod.productivity_gap_gbp(per_hour, bench_hour["UK"])
real_area = prod.real_productivity_lad(gva, lads, area.lad_codes, base_period="2019",
                                       name=area_label)
real_bench = prod.real_productivity_each(
    gva, lads, {name: codes if name != "UK" else uk_lads for name, codes in benchmarks.items()},
    base_period="2019")
real_series = real_area["real_gva_per_hour"].dropna()
windows = prod.standard_windows(real_series.index, latest=latest)
growth = prod.growth_table(real_series.rename(area_label), windows)
growth_uk = prod.growth_table(real_bench["UK"]["real_gva_per_hour"].dropna().rename("UK"), windows)
trend = prod.trend_gap(real_series)
counts_area = prod.gva_per_head_inputs(lads, population, area.lad_codes, "2022")
counts_uk = prod.gva_per_head_inputs(lads, population, uk_lads, "2022",
                                     population_area=("K02000001",))
decomposition = prod.decompose_gva_per_head(counts_area, counts_uk, area_name=area_label,
                                            benchmark_name="UK")
lad_table = prod.lad_variation(lads, area.lad_codes, period=latest,
                               window=(windows[-1].start, windows[-1].end) if windows else None)
findings = prod.key_findings(area_label, per_hour, bench_hour["UK"], period=latest, gap=gap,
                             growth=growth, benchmark_growth=growth_uk, trend=trend,
                             decomposition=decomposition, lads=lad_table)
chapter.key_findings(findings)

# %% tags=["remove"]
level = per_hour.loc[latest]
uk_level = bench_hour["UK"].loc[latest]
chapter.figure("gva_per_hour", "GVA per hour worked", latest, level["gva_per_hour"],
               "GBP per hour worked", price_basis="current prices",
               source_dataset_id="productivity_lad", benchmark_uk=uk_level["gva_per_hour"],
               benchmark_england=bench_hour["England"].loc[latest, "gva_per_hour"],
               benchmark_region=(bench_hour[region_label].loc[latest, "gva_per_hour"]
                                 if region_label else np.nan),
               note="" if level["complete"] else f"missing LADs: {level['missing']}")
chapter.figure("gva_per_hour_index", "GVA per hour worked, index (UK = 100)", latest,
               level["gva_per_hour_index"], "index (UK = 100)", price_basis="current prices",
               source_dataset_id="productivity_lad", benchmark_uk=100.0)
chapter.figure("gva_per_job", "GVA per filled job", latest, per_job.loc[latest, "gva_per_job"],
               "GBP per filled job", price_basis="current prices",
               source_dataset_id="productivity_lad",
               benchmark_uk=bench_job["UK"].loc[latest, "gva_per_job"],
               benchmark_england=bench_job["England"].loc[latest, "gva_per_job"])
chapter.figure("productivity_gap_gbp", "Productivity gap to the UK (GVA a year)", latest,
               gap.loc[latest, "gap_gbp"] / 1e6, "GBP million a year",
               price_basis="current prices", source_dataset_id="productivity_lad",
               note="positive: GVA the area would add at the UK's GVA per hour; negative: "
                    "the area is more productive than the UK")
for row in growth.itertuples():
    chapter.figure(f"real_gva_per_hour_cagr_{row.window}",
                   f"Real GVA per hour worked, growth a year {row.window}", row.window,
                   row.cagr_pct, "% a year", price_basis="chained volume measure",
                   source_dataset_id="gva_lad_industry",
                   benchmark_uk=growth_uk.set_index("window").loc[row.window, "cagr_pct"])
gva_head = counts_area["gva"] / counts_area["population"]
chapter.figure("gva_per_head", "GVA per head", "2022", gva_head, "GBP per resident",
               price_basis="current prices", source_dataset_id="productivity_lad",
               benchmark_uk=counts_uk["gva"] / counts_uk["population"],
               note="workplace GVA over resident population: affected by commuting")

# %% [markdown]
# ### Productivity level compared with the UK

# %% tags=["remove"]
idx = pd.DataFrame({area_label: per_hour["gva_per_hour_index"]}
                   | {n: bench_hour[n]["gva_per_hour_index"] for n in benchmarks if n != "UK"})
above = level["gva_per_hour_index"] >= 100
title = (f"{charts.possessive(area_label)} GVA per hour worked is "
         f"{abs(level['gva_per_hour_index'] - 100):.0f}% {'above' if above else 'below'} "
         "the UK average")
fig, ax = charts.new_chart(title, f"GVA per hour worked, index UK = 100, current prices, "
                                  f"{idx.index.min()} to {latest}")
ends = {}
for i, col in enumerate(idx.columns):
    colour = charts.AF_COLOURS[i % len(charts.AF_COLOURS)]
    ax.plot(idx.index.astype(int), idx[col], color=colour, lw=3 if i == 0 else 1.8)
    ends[col] = (idx[col].iloc[-1], colour)
ax.axhline(100, color=charts.AF_GREY, lw=1, ls="--")
charts.label_line_ends(ax, int(idx.index[-1]) + 0.4, ends)
ax.annotate("UK = 100", (int(idx.index[0]), 100), xytext=(0, 4), textcoords="offset points",
            fontsize=9, color=charts.AF_GREY)
ax.set_xlim(int(idx.index[0]), int(idx.index[-1]) + 5)
ax.set_xticks([y for y in range(2005, int(latest) + 1, 5)])
charts.add_source(fig, SRC_PROD)
charts.show(fig, alt_text=(
    f"Line chart of GVA per hour worked as an index of the UK average from {idx.index.min()} "
    f"to {latest}. {area_label} is at {level['gva_per_hour_index']:.1f} in {latest}; "
    + "; ".join(f"{c} {idx[c].iloc[-1]:.1f}" for c in idx.columns[1:]) + "."))

# %% tags=["remove"]
levels = pd.DataFrame(
    [{"Area": area_label, "GVA per hour worked (£)": level["gva_per_hour"],
      "Index (UK = 100)": level["gva_per_hour_index"],
      "GVA per filled job (£)": per_job.loc[latest, "gva_per_job"],
      "Index, per job (UK = 100)": per_job.loc[latest, "gva_per_job_index"]}]
    + [{"Area": n, "GVA per hour worked (£)": b.loc[latest, "gva_per_hour"],
        "Index (UK = 100)": b.loc[latest, "gva_per_hour_index"],
        "GVA per filled job (£)": bench_job[n].loc[latest, "gva_per_job"] if n in bench_job
        else np.nan,
        "Index, per job (UK = 100)": bench_job[n].loc[latest, "gva_per_job_index"]
        if n in bench_job else np.nan} for n, b in bench_hour.items()])
chapter.table(levels.round(1), name="productivity_levels",
              title=f"GVA per hour worked and per filled job, {latest}",
              source=SRC_PROD, source_dataset_ids=["productivity_lad"],
              units="£, current prices (smoothed); index UK less extra-regio = 100",
              notes=["Areas are aggregated from local authority districts as total GVA over "
                     "total hours (or jobs), not an average of district figures."])

# %% [markdown]
# Comparator areas in the table are the area's statistical nearest neighbours (or the areas
# given in the parameters), the same set in every chapter.
#
# ### The productivity gap in pounds
#
# The gap is the extra GVA the area would produce each year if every hour worked there were as
# productive as the UK average, keeping its own hours: (UK GVA per hour − area GVA per hour) ×
# the area's annual hours worked.

# %% tags=["remove"]
g = gap.loc[latest]
display(Markdown(
    f"In {latest}, {area_label} worked {g['hours'] / 1e9:,.2f} billion hours. At the UK's GVA per "
    f"hour (£{g['benchmark_gva_per_hour']:,.2f}) rather than its own "
    f"(£{g['area_gva_per_hour']:,.2f}), its GVA would be "
    f"**{prod.format_gbp(abs(g['gap_gbp']), compact=True)} a year "
    f"{'higher' if g['gap_gbp'] > 0 else 'lower'}** "
    f"({abs(g['gap_pct_of_gva']):.1f}% of its GVA)."))
gap_table = gap[["area_gva_per_hour", "benchmark_gva_per_hour", "hours", "gap_gbp"]].copy()
gap_table = gap_table.assign(hours=gap_table["hours"] / 1e6, gap_gbp=gap_table["gap_gbp"] / 1e6)
gap_table = gap_table.reset_index().rename(columns={
    "period": "Year", "area_gva_per_hour": f"{area_label} GVA per hour (£)",
    "benchmark_gva_per_hour": "UK GVA per hour (£)", "hours": "Annual hours worked (million)",
    "gap_gbp": "Gap (£ million a year)"})
chapter.table(gap_table.round(1), name="productivity_gap", display=False,
              title="Productivity gap to the UK in pounds, by year", source=SRC_PROD,
              source_dataset_ids=["productivity_lad"], units="£ and hours, current prices")

# %% [markdown]
# ### Real productivity growth and the pre-2008 trend
#
# Growth is measured in real terms: chained-volume GVA (April 2025 regional GVA release, deflated
# by ONS with industry-level regional deflators) over hours worked (June 2024 productivity
# release). At district level the deflators are regional industry prices applied to the local
# industry mix, so real growth for small areas is indicative; the two releases also differ in
# vintage. The dashed line continues the 2004–2008 growth rate: the gap to it is the local
# "productivity puzzle".

# %% tags=["remove"]
tg = trend.dropna(subset=["actual"])
short = tg.iloc[-1]
below_trend = short["shortfall_pct"] >= 0
fig, ax = charts.new_chart(
    f"Real productivity in {area_label} is {abs(short['shortfall_pct']):.0f}% "
    f"{'below' if below_trend else 'above'} where its pre-2008 trend would have taken it",
    f"Real GVA per hour worked, £ (2022 money), {tg.index[0]} to {tg.index[-1]}, "
    "with the 2004-2008 trend continued")
years = tg.index.astype(int)
ax.plot(years, tg["actual"], color=charts.AF_DARK_BLUE, lw=3)
ax.plot(years, tg["trend"], color=charts.AF_ORANGE, lw=2, ls="--")
ax.annotate(area_label, (years[-1], tg["actual"].iloc[-1]), xytext=(6, 0),
            textcoords="offset points", color=charts.AF_DARK_BLUE, va="center")
ax.annotate(f"Pre-2008 trend ({short['trend_cagr_pct']:.1f}% a year)",
            (years[-1], tg["trend"].iloc[-1]), xytext=(6, 0), textcoords="offset points",
            color=charts.AF_ORANGE, va="center")
ax.set_xlim(years[0], years[-1] + 7)
ax.set_xticks([y for y in range(2005, int(years[-1]) + 1, 5)])
span = tg[["actual", "trend"]].max().max() - tg[["actual", "trend"]].min().min()
ax.yaxis.set_major_formatter(mticker.StrMethodFormatter("£{x:,.0f}" if span >= 6 else "£{x:,.1f}"))
charts.add_source(fig, la.source_line("gva_lad_industry", "productivity_lad"))
charts.show(fig, alt_text=(
    f"Line chart of real GVA per hour worked in {area_label} from {tg.index[0]} to "
    f"{tg.index[-1]} against its 2004 to 2008 trend. In {tg.index[-1]} it was "
    f"£{short['actual']:,.2f} against a trend value of £{short['trend']:,.2f}, "
    f"{abs(short['shortfall_pct']):.1f}% {'short' if below_trend else 'ahead'}."))

growth_view = growth[["window", "cagr_pct"]].merge(
    growth_uk[["window", "cagr_pct"]], on="window", suffixes=("", "_uk"))
for name in [n for n in real_bench if n != "UK"]:
    other = prod.growth_table(real_bench[name]["real_gva_per_hour"].dropna().rename(name), windows)
    growth_view = growth_view.merge(other[["window", "cagr_pct"]].rename(
        columns={"cagr_pct": name}), on="window")
growth_view = growth_view.rename(columns={"window": "Period", "cagr_pct": area_label,
                                          "cagr_pct_uk": "UK"})
chapter.table(growth_view.round(2), name="real_growth",
              title="Real GVA per hour worked: compound growth a year",
              source=la.source_line("gva_lad_industry", "productivity_lad"),
              source_dataset_ids=["gva_lad_industry", "productivity_lad"], units="% a year",
              notes=["Chained-volume GVA (2022 money) over hours worked; district deflators are "
                     "regional, so small-area real growth is indicative."])

# %% [markdown]
# ### Why GVA per head differs from the UK
#
# GVA per head divides output produced in the area (by everyone who works there) by the people
# who live there, so commuting moves it: a city that draws in workers has high GVA per head.
# That is why it is not a productivity measure. Splitting it shows how much of the gap comes
# from productivity (GVA per hour), hours per job, jobs per working-age resident (which
# reflects commuting and employment) and the share of residents of working age. The terms add
# up exactly in logarithms.

# %% tags=["remove"]
comp = decomposition[~decomposition["is_total"]]
total = decomposition[decomposition["is_total"]].iloc[0]
biggest = comp.loc[comp["log_points"].abs().idxmax()]
same_sign = np.sign(biggest["log_points"]) == np.sign(total["log_points"])
fig, ax = charts.new_chart(
    f"GVA per head in {area_label} is {abs(total['ratio'] - 1) * 100:.0f}% "
    f"{'above' if total['ratio'] >= 1 else 'below'} the UK"
    + (f"; the biggest factor is {biggest['component']}" if same_sign else
       f", despite {'lower' if biggest['log_points'] < 0 else 'higher'} "
       f"{biggest['component']}"),
    "Contribution to the gap in GVA per head against the UK, log points (100 x ln ratio), 2022",
    figsize=(9.5, 5.2))
labels = list(comp["component"]) + ["GVA per head (total)"]
values = list(comp["log_points"]) + [total["log_points"]]
starts = np.concatenate([[0], np.cumsum(values[:-1])[:-1]]).tolist() + [0]
colours = [charts.AF_TURQUOISE if v >= 0 else charts.AF_PLUM for v in values[:-1]] + [
    charts.AF_DARK_BLUE]
ax.barh(range(len(values)), values, left=starts, color=colours)
for i, (v, s) in enumerate(zip(values, starts, strict=True)):
    ax.annotate(f"{v:+.1f}", (max(s, s + v), i), xytext=(4, 0), textcoords="offset points",
                ha="left", va="center", fontsize=10)
span = max(max(max(s, s + v) for v, s in zip(values, starts, strict=True)), 0)
ax.set_xlim(right=span + (span - min(min(s, s + v) for v, s in zip(values, starts, strict=True)))
            * 0.12 + 0.5)
ax.set_yticks(range(len(values)), labels)
ax.invert_yaxis()
ax.axvline(0, color=charts.AF_GREY, lw=1)
ax.grid(axis="y", visible=False)
ax.grid(axis="x", visible=True)
ax.set_xlabel("log points")
fig.subplots_adjust(left=0.36)
charts.add_source(fig, la.source_line("productivity_lad", "population_mye_mid2022"))
charts.show(fig, alt_text=(
    f"Waterfall bar chart decomposing the {total['log_points']:+.1f} log point gap in GVA per "
    f"head between {area_label} and the UK in 2022: "
    + "; ".join(f"{r.component} {r.log_points:+.1f}" for r in comp.itertuples()) + "."))
dec_table = decomposition[["component", "area_value", "benchmark_value", "log_points",
                           "pct_contribution"]].copy()
if abs(total["log_points"]) < 5:  # shares of a tiny gap are meaningless (e.g. -300%)
    dec_table["pct_contribution"] = np.nan
dec_table = dec_table.rename(columns={
    "component": "Component", "area_value": area_label, "benchmark_value": "UK",
    "log_points": "Log points", "pct_contribution": "Share of gap (%)"})
chapter.table(dec_table.round(3), name="gva_per_head_decomposition",
              title="Decomposition of GVA per head against the UK, 2022",
              source=la.source_line("productivity_lad", "population_mye_mid2022"),
              source_dataset_ids=["productivity_lad", "population_mye_mid2022"],
              units="ratios; log points = 100 x ln(area / UK)",
              notes=["GVA implied by the productivity release (GVA per hour x hours); "
                     "working age is 16-64; population mid-2022 estimates."]
              + (["Shares of the gap are not shown: the gap is under 5 log points, so "
                  "shares would be large and meaningless."] if abs(total["log_points"]) < 5
                 else []))

# %% [markdown]
# ### Variation between the area's districts

# %% tags=["remove"]
boundaries = la.load_table("boundaries_lad23")
inside = boundaries[boundaries["area_code"].isin(area.lad_codes)]
ring = inside.geometry.union_all().buffer(25_000)
nearby = boundaries[boundaries.intersects(ring)].merge(
    lads[(lads.measure == "gva_per_hour_index") & (lads.period == latest)][["area_code", "value"]],
    on="area_code", how="left")
fig, ax = charts.new_chart(
    f"Productivity varies from {lad_table['gva_per_hour_index'].min():.0f} to "
    f"{lad_table['gva_per_hour_index'].max():.0f} (UK = 100) across "
    f"{charts.possessive(area_label)} districts",
    f"GVA per hour worked, index UK = 100, local authority districts, {latest}",
    figsize=(9, 7.5))
nearby.plot(column="value", ax=ax, cmap="Blues", legend=True, edgecolor="white", linewidth=0.4,
            missing_kwds={"color": charts.AF_LIGHT_GREY, "label": "no data"},
            legend_kwds={"label": "GVA per hour, UK = 100", "shrink": 0.6})
inside.dissolve().boundary.plot(ax=ax, color=charts.AF_ORANGE, linewidth=2.2)
ax.set_axis_off()
ax.grid(False)
charts.add_source(fig, f"{SRC_PROD}; LAD boundaries (December 2023), ONS Geography. Contains OS "
                       "data © Crown copyright and database right 2023")
best = lad_table.sort_values("gva_per_hour_index").iloc[-1]
worst = lad_table.sort_values("gva_per_hour_index").iloc[0]
charts.show(fig, alt_text=(
    f"Map of GVA per hour worked (UK = 100) in {latest} for the districts of {area_label} "
    f"(outlined in orange) and their neighbours. Highest inside the area: {best['area_name']} "
    f"({best['gva_per_hour_index']:.1f}); lowest: {worst['area_name']} "
    f"({worst['gva_per_hour_index']:.1f})."))
lad_view = lad_table.rename(columns={
    "area_code": "LAD code", "area_name": "District", "period": "Year",
    "gva_per_hour": "GVA per hour (£)", "gva_per_hour_index": "Index (UK = 100)",
    "rank_uk": "Rank of 361 UK districts", "labour_share_pct": "Share of area hours (%)"})
lad_view = lad_view.drop(columns=[c for c in ["n_uk"] if c in lad_view.columns])
lad_view = lad_view.rename(columns={c: f"Growth a year {c[9:].replace('_', '-')} (%, current "
                                       "prices)" for c in lad_view.columns
                                    if c.startswith("cagr_pct_")})
chapter.table(lad_view.round(1), name="productivity_by_district",
              title=f"GVA per hour worked by district, {latest}", source=SRC_PROD,
              source_dataset_ids=["productivity_lad"],
              units="£ per hour, current prices; rank 1 = highest in the UK")

# %% tags=["remove"]
_ = chapter.save()
