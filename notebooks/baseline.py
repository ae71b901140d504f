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
from pathlib import Path

import numpy as np
import pandas as pd
from IPython.display import Markdown, display

import lis_analytics as la
from lis_analytics.present import charts
from lis_analytics import indicators as ind
from lis_analytics.present import Chapter
from lis_analytics.report import shared_indicators

area = la.get_area(area_code)
framework = ind.load_framework()
values = ind.up_to(shared_indicators.indicator_values(), latest_year)
values = ind.for_areas(values, [area.code, "E92000001"])
chapter = Chapter("baseline", "Monitoring baseline", area.code, area.name, output_dir or None)
baseline = ind.baseline_table(values, framework, area)

# %% [markdown]
# ## Monitoring baseline
#
# A Local Industrial Strategy needs a small set of headline indicators to track. For each, the
# table gives a **baseline** (the period closest to 2019, when most strategies were agreed),
# the **latest** value, the change and whether the area is **improving, worsening or showing
# no significant change**. For survey estimates (Annual Population Survey) a change counts
# only when the 95% confidence intervals of the two years do not overlap; for other
# statistics, changes smaller than the last decimal shown count as no change. England's
# change over the same periods is given for context. The table is in the pack's workbook and
# in `monitoring_baseline.csv`, ready to be updated as new releases come out.

# %% tags=["remove"]
chapter.key_findings(ind.baseline_findings(baseline, area, framework))
for r in baseline.itertuples():
    spec = framework.get(r.indicator_id)
    chapter.figure(f"{r.indicator_id}_baseline", f"{spec.title} (baseline)", r.baseline_period,
                   r.baseline_value, spec.unit, source_dataset_id=spec.datasets[0],
                   note="monitoring baseline")
    chapter.figure(f"{r.indicator_id}_latest", f"{spec.title} (latest)", r.latest_period,
                   r.latest_value, spec.unit, source_dataset_id=spec.datasets[0],
                   note=f"{r.assessment}; {r.significance}".strip("; "))

# %% tags=["remove"]
track = baseline.rename(columns={
    "theme": "Theme", "indicator": "Indicator", "unit": "Unit", "direction": "Better when",
    "baseline_period": "Baseline period", "baseline_value": "Baseline value",
    "latest_period": "Latest period", "latest_value": "Latest value", "change": "Change",
    "significance": "Significance test", "assessment": "Direction of travel",
    "england_change": "England change", "england_change_pct": "England change (%)",
    "note": "Note", "basis": "Direction judged on", "datasets": "Source datasets"})
track["Better when"] = track["Better when"].str.replace("is better", "").str.strip()
track["Unit"] = track["Unit"].replace({"%": "per cent"})
track = track.drop(columns=["status"])
track["Note"] = [n or "none" for n in track["Note"]]
track["Source"] = [ind.source_words(framework.get(i)) for i in baseline["indicator_id"]]
decimals = {i.id: i.decimals for i in framework.indicators}
track["England change (%)"] = track["England change (%)"].round(1)
for col in ("Baseline value", "Latest value", "Change", "England change"):
    track[col] = [round(v, decimals[i]) + 0.0 if not pd.isna(v) else np.nan
                  for v, i in zip(track[col], baseline["indicator_id"], strict=True)]
shown = track.drop(columns=["indicator_id", "Source datasets", "Theme"])
# the page shows each value with its own indicator's decimals (the workbook keeps numbers)
text = shown.copy()
for col in ("Baseline value", "Latest value", "Change", "England change"):
    text[col] = [("" if pd.isna(v) else f"{v:+,.{decimals[i]}f}" if col.endswith("hange") and v
                  else f"{v:,.{decimals[i]}f}")
                 for v, i in zip(shown[col], baseline["indicator_id"], strict=True)]
text["England change (%)"] = ["" if pd.isna(v) else f"{v + 0.0:+.1f}" if v else "0.0"
                              for v in shown["England change (%)"]]
chapter.table(ind.table_ready(shown), name="monitoring_baseline", shown=ind.table_ready(text),
              title=f"Monitoring baseline: {area.name}",
              source=ind.source_line(framework, baseline["indicator_id"]),
              source_dataset_ids=sorted({d for i in baseline["indicator_id"]
                                         for d in framework.get(i).datasets}),
              units="each indicator in its own unit (see Unit)",
              notes=["Baseline: the period closest to 2019 that is earlier than the latest, "
                     "among the periods published for this area (the Note says when that is "
                     "far from 2019).",
                     "Money values in current prices (pay, GVA per hour, income) are judged "
                     "against England's change over the same periods, not on their cash "
                     "change, which mostly reflects inflation.",
                     "Survey changes: significant only when the 95% confidence intervals do "
                     "not overlap (a conservative test).",
                     "Regional-only statistics and medians without a published area figure "
                     "are listed with the reason and not assessed."])
if output_dir:
    track.to_csv(Path(output_dir) / "monitoring_baseline.csv", index=False)

# %% [markdown]
# ### Direction of travel since the baseline

# %% tags=["remove"]
moved = baseline.dropna(subset=["change", "baseline_value"]).copy()
moved = moved[moved["baseline_value"] != 0]
is_rate = moved["unit"].astype(str).str.startswith("%")
# rates move in percentage points; other indicators in % of their baseline value
moved["pct"] = np.where(is_rate, moved["change"],
                        100 * moved["change"] / moved["baseline_value"].abs())
moved["eng_pct"] = np.where(is_rate, moved["england_change"], moved["england_change_pct"])
moved = moved.iloc[::-1].reset_index(drop=True)
colour = {"improving": charts.AF_TURQUOISE, "worsening": charts.AF_PLUM,
          "no significant change": charts.AF_GREY, "no change": charts.AF_GREY,
          "increased": charts.AF_DARK_BLUE, "decreased": charts.AF_DARK_BLUE}
n_up = int((moved["assessment"] == "improving").sum())
n_down = int((moved["assessment"] == "worsening").sum())
fig, ax = charts.new_chart(
    f"{area.name}: {n_up} headline indicators improving and {n_down} worsening since the "
    "baseline", "Change from baseline to latest period: percentage points for rates (%), "
    "% of the baseline value for other indicators; England's change over the same periods "
    "as a hollow marker", figsize=(9.5, 1.8 + 0.45 * len(moved)))
y = np.arange(len(moved))
ax.barh(y, moved["pct"], color=[colour.get(a, charts.AF_GREY) for a in moved["assessment"]],
        height=0.55)
ax.scatter(moved["eng_pct"], y, facecolors="none", edgecolors="#000000", s=45, zorder=3,
           label="England")
for i, r in moved.iterrows():
    ax.annotate(f"{r['assessment']} ({r['baseline_period']} to {r['latest_period']})",
                (max(r["pct"], 0 if pd.isna(r["eng_pct"]) else max(r["eng_pct"], 0)), i),
                xytext=(6, 0), textcoords="offset points", va="center", fontsize=8.5,
                color=colour.get(r["assessment"], charts.AF_GREY))
ax.axvline(0, color=charts.AF_GREY, lw=1)
ax.set_yticks(y, [framework.get(i).name[:1].upper() + framework.get(i).name[1:]
                 for i in moved["indicator_id"]], fontsize=9)
span = np.nanmax(np.abs(np.r_[moved["pct"].to_numpy(), moved["eng_pct"].to_numpy(), 1.0]))
ax.set_xlim(-span * 1.15, span * 2.3)
ax.grid(axis="y", visible=False)
ax.set_xlabel("Change from baseline (percentage points for rates, % for others)")
ax.legend(frameon=False, loc="lower right", fontsize=9)
fig.subplots_adjust(left=0.33, bottom=0.85 / (1.8 + 0.45 * len(moved)))
charts.add_source(fig, "Source: ONS (Annual Population Survey, ASHE, regional GDHI, subregional "
                       "productivity, UK Business Counts), DWP, DESNZ; each indicator's source "
                       "is in the table above")
charts.show(fig, alt_text=(
    f"Bar chart of the change in {len(moved)} headline indicators for {area.name} from their "
    "baseline to the latest period, as a percentage of the baseline, with England's change "
    "for comparison: " + "; ".join(
        f"{r.indicator} {r.pct:+.1f}{' percentage points' if str(r.unit).startswith('%') else '%'}"
        f" ({r.assessment})" for r in moved.iloc[::-1].itertuples())
    + "."))
missing = baseline[baseline["change"].isna()]
if len(missing):
    display(Markdown("Not assessed: " + "; ".join(
        f"{r.indicator} ({r.note or r.assessment})" for r in missing.itertuples()) + "."))

# %% tags=["remove"]
_ = chapter.save()
