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

from lis_analytics.present import charts
from lis_analytics import indicators as ind
from lis_analytics.present import Chapter
from lis_analytics.report import shared_indicators

inputs = shared_indicators.chapter_inputs(area_code, comparator_codes, latest_year)
area, framework, values = inputs.area, inputs.framework, inputs.values
comparator_list, region, benchmarks, names = (inputs.comparators, inputs.region,
                                              inputs.benchmarks, inputs.names)
chapter = Chapter("foundations", "The five foundations of productivity", area.code, area.name,
                  output_dir or None)
THEMES = [*ind.FOUNDATIONS, "Grand Challenges"]
card = ind.scorecard(values, framework, area, benchmarks, comparator_list, themes=THEMES)

# %% [markdown]
# ## The five foundations of productivity and the Grand Challenges
#
# The Industrial Strategy (2017) set out five foundations of productivity, which Local
# Industrial Strategies were asked to build their evidence around: **ideas** (innovation),
# **people** (skills and jobs), **infrastructure** (digital and transport), the **business
# environment** and **places**. This scorecard gives each indicator's latest value for the area
# against England, its region and its comparator areas, its rank among areas of the same kind
# and its trend over about five years. Regional-only statistics (business and public R&D) are
# shown with the region's figure and are not ranked.

# %% tags=["remove"]
chapter.key_findings(ind.scorecard_findings(card, area))
display(Markdown(
    "Comparator areas (statistical nearest neighbours unless chosen by the user): "
    + ", ".join(names.get(c, c) for c in comparator_list) + f". Ranks are among "
    f"{ind.pool_label(area)}, 1 = best (for indicators with no better direction, 1 = highest)."))
region_label = next((lbl for lbl in benchmarks if lbl != "England"), None)
for r in card.to_dict("records"):
    spec = framework.get(r["indicator_id"])
    chapter.figure(spec.id, spec.title, r["period"], r["value"], spec.unit,
                   source_dataset_id=spec.datasets[0], benchmark_england=r["England"],
                   benchmark_region=r[region_label] if region_label else np.nan,
                   note=r["note"] or (f"rank {r['rank']}" if r["rank"] else ""))

# %% [markdown]
# ### Scorecard by foundation

# %% tags=["remove"]
shown = ind.format_scorecard(card, framework, list(benchmarks))
for theme in THEMES:
    part = shown[card["theme"].to_numpy() == theme]
    ids = list(card.loc[card["theme"] == theme, "indicator_id"])
    title = next((t["title"] for t in framework.themes if t["id"] == theme), theme)
    slug = {"Business Environment": "business", "Grand Challenges": "grand_challenges"}.get(
        theme, theme.lower())
    chapter.table(ind.table_ready(part), name=f"scorecard_{slug}",
                  title=f"{title}: {area.name}", source=ind.source_line(framework, ids),
                  source_dataset_ids=sorted({d for i in ids for d in framework.get(i).datasets}),
                  units="each indicator in its own unit",
                  notes=["Trend compares the latest period with the one closest to five years "
                         "earlier; survey changes count only when the 95% confidence intervals "
                         "do not overlap.", "[x]: not available; the Note says why."])
numeric = card.drop(columns=["direction", "name"]).copy()
for col in ["value", *benchmarks, "comparator_min", "comparator_median", "comparator_max"]:
    numeric[col] = [round(v, framework.get(i).decimals) + 0.0 if not pd.isna(v) else np.nan
                    for v, i in zip(numeric[col], numeric["indicator_id"], strict=True)]
numeric = numeric.rename(columns={
    "theme": "Theme", "indicator_id": "Indicator code", "indicator": "Indicator",
    "period": "Period", "value": "Value", "unit": "Unit", "status": "Status", "note": "Note",
    "comparator_min": "Comparator lowest", "comparator_median": "Comparator median",
    "comparator_max": "Comparator highest", "n_comparators": "Number of comparators",
    "position_among_comparators": "Position among comparators", "rank": "Rank (1 = best)",
    "trend": "Trend", "datasets": "Source datasets"})
chapter.table(ind.table_ready(numeric), name="scorecard_values", display=False,
              title=f"Five foundations and Grand Challenges scorecard, values: {area.name}",
              source=ind.source_line(framework, list(card["indicator_id"])),
              source_dataset_ids=sorted({d for i in card["indicator_id"]
                                         for d in framework.get(i).datasets}),
              units="each indicator in its own unit (see unit column)")

# %% [markdown]
# ### The area against its comparators
#
# Each row compares the area (large dot) and its comparators (small dots; the grey line spans
# their range) with England (the dashed line at 100). Indicators where lower is better are
# inverted, so **right is always better**; indicators with no better direction are left out.

# %% tags=["remove"]
dots = ind.dot_plot_frame(card, values, framework, comparator_list)
ypos, headers, y = [], [], 0.0
for theme in reversed(THEMES):  # bottom to top; a header row above each theme's rows
    rows = dots.index[dots["theme"] == theme][::-1]
    if not len(rows):
        continue
    for idx in rows:
        ypos.append((idx, y))
        y += 1
    headers.append((theme, y - 0.25))
    y += 1.2
ypos = dict(ypos)
fig, ax = charts.new_chart(
    f"{area.name} is ahead of England on {int((dots['area_index'] > 100).sum())} of "
    f"{len(dots)} foundation indicators",
    "Index, England = 100 (lower-is-better indicators inverted so right is better); "
    "latest period of each indicator; grey: comparator areas", figsize=(9.5, 1.9 + 0.3 * y))
theme_colour = dict(zip(THEMES, [charts.AF_DARK_BLUE, charts.AF_TURQUOISE, charts.AF_PLUM,
                                 charts.AF_ORANGE, charts.AF_LILAC, charts.AF_DARK_BLUE],
                        strict=True))
every = [v for r in dots.itertuples() for v in [r.area_index, *r.comparator_indices]
         if not pd.isna(v)]
lo_lim = max(40, 10 * np.floor(min(every + [90]) / 10) - 5)
hi_lim = min(220, 10 * np.ceil(max(every + [110]) / 10) + 5)
seg_y, seg_lo, seg_hi, comp_x, comp_y, marks = [], [], [], [], [], {}
for i, r in dots.iterrows():
    yy = ypos[i]
    comp = [min(max(v, lo_lim), hi_lim) for v in r["comparator_indices"] if not pd.isna(v)]
    if comp:
        seg_y.append(yy)
        seg_lo.append(min(comp))
        seg_hi.append(max(comp))
        comp_x += comp
        comp_y += [yy] * len(comp)
    v = r["area_index"]
    clipped = min(max(v, lo_lim), hi_lim)
    marker = "o" if clipped == v else (">" if v > hi_lim else "<")
    marks.setdefault((theme_colour[r["theme"]], marker), []).append((clipped, yy))
    if clipped != v:
        ax.annotate(f"{v:.0f}", (clipped, yy), xytext=(-8 if v > hi_lim else 8, 6),
                    textcoords="offset points", fontsize=8, ha="center")
ax.hlines(seg_y, seg_lo, seg_hi, color=charts.AF_LIGHT_GREY, lw=5, zorder=1)
ax.scatter(comp_x, comp_y, color=charts.AF_GREY, s=12, zorder=2)
for (colour, marker), pts in marks.items():
    ax.scatter([p[0] for p in pts], [p[1] for p in pts], color=colour, s=70, zorder=3,
               marker=marker)
for theme, yy in headers:
    ax.annotate(theme, (0, yy), xycoords=("axes fraction", "data"), xytext=(-8, 0),
                textcoords="offset points", ha="right", va="center", fontsize=10,
                fontweight="bold", color=theme_colour[theme])
ax.axvline(100, color=charts.AF_GREY, ls="--", lw=1)
short = {i.id: i.name[:1].upper() + i.name[1:] for i in framework.indicators}
ax.set_yticks([ypos[i] for i in dots.index], [short[i] for i in dots["indicator_id"]],
              fontsize=9)
ax.set_xlim(lo_lim - 5, hi_lim + 5)
ax.set_ylim(-0.8, y - 0.6)
ax.grid(axis="y", visible=False)
ax.set_xlabel("England = 100 (right is better)")
height = 1.9 + 0.3 * y
fig.subplots_adjust(left=0.42, bottom=0.75 / height)
charts.add_source(fig, "Source: indicators listed in the scorecard tables (ONS, Nomis, DfT, "
                       "Ofcom, DESNZ, DWP, MHCLG)")
charts.show(fig, alt_text=(
    f"Dot plot of {len(dots)} indicators for {area.name} as an index of England (100), with "
    "right meaning better and the comparator areas' range as a grey line. "
    + "; ".join(f"{short[r.indicator_id]} {r.area_index:.0f}" for r in dots.itertuples())
    + "."))

# %% [markdown]
# ### Grand Challenges
#
# The Industrial Strategy's Grand Challenges asked places to say how they would contribute to
# an **ageing society** and **clean growth** (as well as AI and data and the future of mobility,
# for which there are no comparable local statistics here). The panel shows the share of
# residents aged 65 and over and territorial greenhouse gas emissions per resident.

# %% tags=["remove"]
codes = {area.name: area.code, **benchmarks}
ghg = ind.series_table(values, "ghg_per_head", codes)
old = ind.series_table(values, "share_65plus", codes)
ghg_fall = {c: 100 * (1 - ghg[c].iloc[-1] / ghg[c].iloc[0]) for c in ghg.columns}
lines = [ind.describe_against(values, framework, area, "share_65plus"),
         ind.describe_against(values, framework, area, "old_age_dependency"),
         ind.describe_against(values, framework, area, "ghg_per_head")]
if area.name in ghg_fall and "England" in ghg_fall:
    lines.append(f"Emissions per resident in {area.name} fell {ghg_fall[area.name]:.0f}% between "
                 f"{ghg.index[0]} and {ghg.index[-1]}, against {ghg_fall['England']:.0f}% for "
                 "England.")
display(Markdown("\n".join(f"- {s}" for s in lines)))
fig, axes = charts.new_chart(
    f"Emissions per resident in {area.name} fell {ghg_fall.get(area.name, np.nan):.0f}% since "
    f"{ghg.index[0]}; {old[area.name].iloc[-1]:.0f}% of residents are 65 or over",
    f"Left: greenhouse gas emissions, tonnes CO2 equivalent per resident, {ghg.index[0]} to "
    f"{ghg.index[-1]}. Right: residents aged 65 and over, % of population, "
    f"{', '.join(old.index)}", figsize=(10, 5), ncols=2)
ax1, ax2 = axes
yrs = ghg.index.astype(int)
for i, col in enumerate(ghg.columns):
    colour = charts.AF_COLOURS[i % len(charts.AF_COLOURS)]
    ax1.plot(yrs, ghg[col], color=colour, lw=3 if i == 0 else 1.8, label=col)
ax1.set_xticks([y for y in range(2005, int(yrs[-1]) + 1, 5)])
ax1.set_ylim(bottom=0)
ax1.legend(frameon=False, fontsize=9)
ax1.set_title("Emissions, tonnes CO2e per resident", loc="left", fontsize=10)
width = 0.8 / len(old.columns)
for i, col in enumerate(old.columns):
    colour = charts.AF_COLOURS[i % len(charts.AF_COLOURS)]
    ax2.bar(np.arange(len(old)) + i * width, old[col], width=width, color=colour, label=col)
ax2.set_xticks(np.arange(len(old)) + width * (len(old.columns) - 1) / 2, list(old.index))
ax2.grid(axis="x", visible=False)
ax2.set_ylim(0, float(np.nanmax(old.to_numpy())) * 1.3)
ax2.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:.0f}%"))
ax2.legend(frameon=False, fontsize=8.5, loc="upper left", ncol=min(3, len(old.columns)))
ax2.set_title("Residents aged 65 and over, %", loc="left", fontsize=10)
fig.subplots_adjust(wspace=0.25, left=0.07)
charts.add_source(fig, ind.source_line(framework, ["ghg_per_head", "share_65plus"]))
charts.show(fig, alt_text=(
    f"Two charts. Left, a line chart of greenhouse gas emissions per resident from "
    f"{ghg.index[0]} to {ghg.index[-1]}: "
    + "; ".join(f"{c} from {ghg[c].iloc[0]:.1f} to {ghg[c].iloc[-1]:.1f} tonnes"
                for c in ghg.columns)
    + ". Right, bars of the share of residents aged 65 and over: "
    + "; ".join(f"{c} {old[c].iloc[-1]:.1f}% in {old.index[-1]}" for c in old.columns) + "."))

# %% tags=["remove"]
_ = chapter.save()
