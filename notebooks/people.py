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
chapter = Chapter("people", "People and inclusive growth", area.code, area.name,
                  output_dir or None)
PEOPLE = ["employment_rate", "inactivity_rate", "unemployment_rate", "claimant_rate",
          "pay_residence", "pay_workplace", "pay_gap_workplace_residence", "nvq4plus_share",
          "no_qualifications_share", "level3plus_rate", "gdhi_per_head", "child_poverty",
          "income_deprivation", "imd_score", "hle_female", "hle_male"]

# %% [markdown]
# ## People and inclusive growth
#
# Does growth reach the area's residents? This chapter looks at who is in work, what jobs in
# the area pay compared with what residents earn, skills, and household income and
# deprivation, against England, the region and the area's comparators. Survey estimates (the
# Annual Population Survey) come with 95% confidence intervals: a difference is called
# significant only when the intervals do not overlap.

# %% tags=["remove"]
chapter.key_findings(ind.people_findings(values, framework, area, benchmarks, comparator_list))
display(Markdown(
    "Comparator areas (statistical nearest neighbours unless chosen by the user): "
    + ", ".join(names.get(c, c) for c in comparator_list) + "."))
eng_code = benchmarks["England"]
region_code = next((c for lbl, c in benchmarks.items() if lbl != "England"), None)
for iid in PEOPLE:
    row = ind.latest_row(values, area.code, iid)
    spec = framework.get(iid)
    eng = ind.value_at(values, eng_code, iid, row["period"]) if row["period"] else None
    reg = ind.value_at(values, region_code, iid, row["period"]) if row["period"] and \
        region_code else None
    chapter.figure(iid, spec.title, row.get("period_label") or row["period"], row["value"],
                   spec.unit, source_dataset_id=spec.datasets[0],
                   benchmark_england=eng["value"] if eng is not None else np.nan,
                   benchmark_region=reg["value"] if reg is not None else np.nan,
                   note=str(row["reason"] or row["method"] or ""))

# %% [markdown]
# ### Employment and economic inactivity
#
# The employment rate is the share of residents aged 16 to 64 in work; the inactivity rate the
# share neither in work nor looking for it. Area figures add up the survey's district counts
# (which reproduces Nomis's published LEP figures); the shaded band is the 95% confidence
# interval.

# %% tags=["remove"]
codes = {area.name: area.code, **benchmarks}
emp = ind.series_table(values, "employment_rate", codes)
band = ind.area_rows(values, area.code, "employment_rate").dropna(subset=["value"])
fig, ax = charts.new_chart(
    ind.describe_against(values, framework, area, "employment_rate").rstrip("."),
    f"Employment rate, % of residents aged 16 to 64, {emp.index[0]} to {emp.index[-1]}, "
    "with the 95% confidence interval for " + area.name)
years = emp.index.astype(int)
ax.fill_between(band["period"].astype(int), band["lci_95"], band["uci_95"],
                color=charts.AF_DARK_BLUE, alpha=0.15, lw=0)
for i, col in enumerate(emp.columns):
    colour = charts.AF_COLOURS[i % len(charts.AF_COLOURS)]
    ax.plot(years, emp[col], color=colour, lw=3 if i == 0 else 1.8, marker="o", ms=4)
    ax.annotate(f"{col} {emp[col].iloc[-1]:.1f}%", (years[-1], emp[col].iloc[-1]), xytext=(8, 0),
                textcoords="offset points", color=colour, va="center", fontsize=10)
ax.set_xlim(years[0] - 0.2, years[-1] + 1.6)
ax.set_xticks(list(years))
ax.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:.0f}%"))
charts.add_source(fig, ind.source_line(framework, ["employment_rate"]))
charts.show(fig, alt_text=(
    f"Line chart of the employment rate of residents aged 16 to 64 from {emp.index[0]} to "
    f"{emp.index[-1]}. " + "; ".join(f"{c}: {emp[c].iloc[-1]:.1f}% in {emp.index[-1]}"
                                     for c in emp.columns)
    + f". The shaded 95% confidence interval for {area.name} runs from "
    f"{band['lci_95'].iloc[-1]:.1f}% to {band['uci_95'].iloc[-1]:.1f}%."))

labour = ind.comparison_table(values, framework, area, PEOPLE[:4], benchmarks, comparator_list)
chapter.table(ind.table_ready(labour.round(1).replace(-0.0, 0.0)), name="people_labour_market",
              title=f"Employment, inactivity and unemployment: {area.name}",
              source=ind.source_line(framework, PEOPLE[:4]),
              source_dataset_ids=[d for i in PEOPLE[:4] for d in framework.get(i).datasets],
              units="% (see Unit column)",
              notes=["Survey differences from England are tested on the 95% confidence "
                     "intervals (significant only when they do not overlap).",
                     "Comparator median: the middle value of the comparator areas."])

# %% [markdown]
# ### Pay: jobs in the area and the people who live there
#
# ASHE median weekly pay is published for districts, counties, metropolitan counties and some
# combined authorities. Medians cannot be added up or averaged, so an area gets a figure only
# where ONS publishes one for exactly its districts; the chart shows every district. Where jobs
# pay more than residents earn, higher-paid jobs are taken by people commuting in.

# %% tags=["remove"]
pay_period = "2024"
pay = ind.district_table(values, area, ["pay_workplace", "pay_residence"], names,
                         period=pay_period)
pay = pay.dropna(subset=["pay_workplace", "pay_residence"], how="all").sort_values(
    "pay_workplace", na_position="first")
area_gap = ind.value_at(values, area.code, "pay_gap_workplace_residence", pay_period)
gap_pounds = round(area_gap["value"]) + 0 if area_gap is not None else None
if gap_pounds == 0:
    title = f"Jobs in {area.name} pay about the same as its residents earn"
elif gap_pounds is not None:
    title = (f"Jobs in {area.name} pay £{abs(gap_pounds):,.0f} a week "
             f"{'more' if gap_pounds > 0 else 'less'} than its residents earn")
elif len(pay):
    widest = (pay["pay_workplace"] - pay["pay_residence"]).abs().idxmax()
    title = (f"The gap between workplace and resident pay is widest in "
             f"{pay.loc[widest, 'District']}")
else:
    title = f"Median pay is not published for {area.name}'s districts"
fig, ax = charts.new_chart(
    title, f"Median gross weekly pay, all employee jobs, £, April {pay_period}, by district: "
    "jobs located there (workplace) and residents (residence)",
    figsize=(9.0, max(3.5, 1.6 + 0.32 * len(pay))))
y = np.arange(len(pay))
ax.hlines(y, pay[["pay_workplace", "pay_residence"]].min(axis=1),
          pay[["pay_workplace", "pay_residence"]].max(axis=1), color=charts.AF_LIGHT_GREY, lw=2)
ax.scatter(pay["pay_workplace"], y, color=charts.AF_DARK_BLUE, s=40, zorder=3,
           label="Jobs in the district (workplace)")
ax.scatter(pay["pay_residence"], y, color=charts.AF_ORANGE, s=40, zorder=3,
           label="Residents (residence)")
eng_w = ind.value_at(values, "E92000001", "pay_workplace", pay_period)
if eng_w is not None:
    ax.axvline(eng_w["value"], color=charts.AF_GREY, ls="--", lw=1)
    ax.annotate(f"England (jobs) £{eng_w['value']:,.0f}", (eng_w["value"], -0.6),
                xytext=(4, 0), textcoords="offset points", fontsize=9, color=charts.AF_GREY)
ax.set_yticks(y, pay["District"])
ax.set_ylim(-0.7, len(pay) - 0.2)
ax.xaxis.set_major_formatter(mticker.StrMethodFormatter("£{x:,.0f}"))
ax.grid(axis="y", visible=False)
ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False, fontsize=9,
          borderaxespad=0.2)
fig.subplots_adjust(left=0.3)
charts.add_source(fig, ind.source_line(framework, ["pay_workplace", "pay_residence"]))
charts.show(fig, alt_text=(
    f"Dot plot of median weekly pay in April {pay_period} for each district of {area.name}: "
    "jobs located in the district and residents of the district. "
    + "; ".join(f"{r.District}: jobs £{r.pay_workplace:,.0f}, residents £{r.pay_residence:,.0f}"
                for r in pay.itertuples() if not pd.isna(r.pay_workplace)
                and not pd.isna(r.pay_residence))[:1500] + "."))

PAY = ["pay_residence", "pay_workplace", "pay_gap_workplace_residence", "pay_residence_ft",
       "pay_workplace_ft"]
pay_table = ind.comparison_table(values, framework, area, PAY, benchmarks, comparator_list,
                                 periods={i: pay_period for i in PAY[:3]})
num_cols = pay_table.select_dtypes("number").columns
pay_table[num_cols] = pay_table[num_cols].round(0) + 0.0  # no "-0"
chapter.table(ind.table_ready(pay_table), name="people_pay",
              title=f"Median weekly pay by workplace and residence: {area.name}",
              source=ind.source_line(framework, PAY),
              source_dataset_ids=sorted({d for i in PAY[:2] + PAY[3:]
                                         for d in framework.get(i).datasets}),
              units="£ per week",
              notes=["Medians are not aggregated: [x] means ONS publishes no figure for "
                     "exactly this area's districts (the Note column says why).",
                     f"Workplace pay, residence pay and the gap are all for April {pay_period}, "
                     "all employee jobs, so that they compare like with like; residence pay "
                     f"for April {pay_period} is the revised ASHE estimate, workplace pay the "
                     "provisional table 7. Full-time rows are for their own latest year."])
district_pay = pay.rename(columns={"pay_workplace": "Workplace median (£/week)",
                                   "pay_residence": "Residence median (£/week)"})
chapter.table(ind.table_ready(district_pay.round(0)), name="people_pay_by_district",
              title=f"Median weekly pay by district, April {pay_period}",
              source=ind.source_line(framework, ["pay_workplace", "pay_residence"]),
              source_dataset_ids=["ashe_t7_workplace_2024", "els_median_weekly_pay"],
              units="£ per week, all employee jobs", display=False)

# %% [markdown]
# ### Skills
#
# The share of working-age residents qualified to NVQ level 4 or above (degree level) and the
# share with no qualifications come from the survey's old NVQ framework, last published for
# 2021; from 2022 ONS uses the RQF framework, which is not comparable.

# %% tags=["remove"]
skills_row = ind.latest_row(values, area.code, "nvq4plus_share")
skill_codes = {area.name: area.code, **benchmarks,
               **{names.get(c, c): c for c in comparator_list}}
rows = []
for label, code in skill_codes.items():
    r = ind.value_at(values, code, "nvq4plus_share", skills_row["period"])
    if r is not None:
        rows.append({"label": label, "value": r["value"], "lci": r["lci_95"], "uci": r["uci_95"],
                     "kind": "area" if code == area.code else
                     ("benchmark" if code in benchmarks.values() else "comparator")})
sk = pd.DataFrame(rows).sort_values("value")
fig, ax = charts.new_chart(
    ind.describe_against(values, framework, area, "nvq4plus_share").rstrip("."),
    f"Residents aged 16 to 64 qualified to NVQ level 4 or above, %, {skills_row['period']}, "
    f"with 95% confidence intervals: {area.name} (dark blue), England and region (grey), "
    "comparator areas (turquoise)", figsize=(9.0, max(3.5, 1.8 + 0.4 * len(sk))))
colours = sk["kind"].map({"area": charts.AF_DARK_BLUE, "benchmark": charts.AF_GREY,
                          "comparator": charts.AF_TURQUOISE})
ax.barh(range(len(sk)), sk["value"], color=colours)
err = np.vstack([sk["value"] - sk["lci"], sk["uci"] - sk["value"]])
ax.errorbar(sk["value"], range(len(sk)), xerr=np.nan_to_num(err), fmt="none",
            ecolor="#000000", elinewidth=1, capsize=3)
for i, r in enumerate(sk.itertuples()):
    ax.annotate(f"{r.value:.1f}%", (r.uci if not pd.isna(r.uci) else r.value, i), xytext=(4, 0),
                textcoords="offset points", va="center", fontsize=9)
ax.set_yticks(range(len(sk)), sk["label"])
ax.set_xlim(0, sk["uci"].max() * 1.15)
ax.xaxis.set_major_formatter(mticker.StrMethodFormatter("{x:.0f}%"))
ax.grid(axis="y", visible=False)
fig.subplots_adjust(left=0.32)
charts.add_source(fig, ind.source_line(framework, ["nvq4plus_share"]))
charts.show(fig, alt_text=(
    f"Bar chart of the share of residents aged 16 to 64 qualified to NVQ level 4 or above in "
    f"{skills_row['period']}, with 95% confidence intervals: "
    + "; ".join(f"{r.label} {r.value:.1f}%" for r in sk.iloc[::-1].itertuples()) + "."))
SKILLS = ["nvq4plus_share", "no_qualifications_share", "level3plus_rate"]
skills = ind.comparison_table(values, framework, area, SKILLS, benchmarks, comparator_list)
chapter.table(ind.table_ready(skills.round(1).replace(-0.0, 0.0)), name="people_skills",
              title=f"Skills: {area.name}",
              source=ind.source_line(framework, SKILLS),
              source_dataset_ids=[d for i in SKILLS for d in framework.get(i).datasets],
              units="% of residents aged 16 to 64",
              notes=["NVQ (to 2021) and RQF (from 2022) qualification levels are not "
                     "comparable."])

# %% [markdown]
# ### Income, poverty and deprivation
#
# Gross disposable household income (GDHI) is what households have to spend or save after
# taxes and benefits. The Index of Multiple Deprivation (2019) and its income domain measure
# concentrated disadvantage; child poverty counts children in families below 60% of median
# income before housing costs.

# %% tags=["remove"]
gd_codes = {area.name: area.code, **benchmarks}
gd = ind.series_table(values, "gdhi_per_head", gd_codes)
gd_index = gd.div(gd["England"], axis=0) * 100
last = gd_index.index[-1]
gap_now = gd_index[area.name].iloc[-1] - 100
start = gd_index.index[0]
fig, ax = charts.new_chart(
    f"Household income per head in {area.name} is {abs(gap_now):.0f}% "
    f"{'above' if gap_now >= 0 else 'below'} England's, against "
    f"{abs(gd_index[area.name].iloc[0] - 100):.0f}% "
    f"{'above' if gd_index[area.name].iloc[0] >= 100 else 'below'} in {start}",
    f"Gross disposable household income per head, index England = 100, {start} to {last}")
years = gd_index.index.astype(int)
lines = [c for c in gd_index.columns if c != "England"]
for i, col in enumerate(lines):
    colour = (charts.AF_DARK_BLUE, charts.AF_PLUM)[min(i, 1)]
    ax.plot(years, gd_index[col], color=colour, lw=3 if i == 0 else 1.8)
    ax.annotate(f"{col} {gd_index[col].iloc[-1]:.0f}", (years[-1], gd_index[col].iloc[-1]),
                xytext=(6, 0), textcoords="offset points", color=colour, va="center",
                fontsize=10)
ax.axhline(100, color=charts.AF_GREY, lw=1, ls="--")
ax.annotate("England = 100", (years[0], 100), xytext=(0, 4), textcoords="offset points",
            fontsize=9, color=charts.AF_GREY)
ax.set_xlim(years[0], years[-1] + 8)
ax.set_xticks([y for y in range(2000, int(years[-1]) + 1, 5)])
charts.add_source(fig, ind.source_line(framework, ["gdhi_per_head"]))
charts.show(fig, alt_text=(
    f"Line chart of gross disposable household income per head as an index of England from "
    f"{start} to {last}: " + "; ".join(f"{c} {gd_index[c].iloc[-1]:.1f} in {last}"
                                       for c in gd_index.columns) + "."))
INCOME = ["gdhi_per_head", "child_poverty", "income_deprivation", "imd_score", "hle_female",
          "hle_male"]
income = ind.comparison_table(values, framework, area, INCOME, benchmarks, comparator_list)
chapter.table(ind.table_ready(income.round(1).replace(-0.0, 0.0)), name="people_income_deprivation",
              title=f"Income, poverty, deprivation and health: {area.name}",
              source=ind.source_line(framework, INCOME),
              source_dataset_ids=[d for i in INCOME for d in framework.get(i).datasets],
              units="see Unit column",
              notes=["IoD 2019 covers England only; healthy life expectancy is published for "
                     "upper-tier authorities and combined authorities only."])

# %% tags=["remove"]
_ = chapter.save()
