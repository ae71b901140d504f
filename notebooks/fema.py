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
import textwrap

import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
from IPython.display import Markdown, display
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from shapely.geometry import box

import lis_analytics as la
from lis_analytics.present import charts
from lis_analytics.present import Chapter
from lis_analytics.report import shared_fema as sf

area = la.get_area(area_code)
comparators = [la.get_area(c) for c in comparator_codes]
chapter = Chapter("fema", "Functional economic area", area.code, area.name, output_dir or None)
fema_data = sf.load()  # MSOA 2011 TTWAs, LAD flows 2011/2021, all-area summaries: built once
group_of = sf.group_labels(area)
lad_names = fema_data.lad_names
bench = sf.benchmarks(fema_data, area, comparators)
summaries = sf.commuting_summaries(fema_data, area, group_of)
partners = sf.partner_lads(summaries, group_of, lad_names)
groups = sf.group_ties(partners, {y: s.totals for y, s in summaries.items()})
districts = sf.district_ties(summaries[2011], area, lad_names)
fit = sf.area_fit(fema_data, area, group_of)
ttwa_table = sf.ttwa_view(fit, fema_data)
handling = sf.special_destination_table(fema_data, area)
balance = sf.balance_table(bench, area)
kind = sf.TYPE_LABELS[sf.benchmark_type(area)]
area_s = charts.possessive(area.name)  # "Greater Manchester's", "... districts'"
own = bench[bench["is_area"]].set_index("year")
peers = bench[bench["is_peer"]]
n_pool = int(own.loc[2011, "n_of_type"])  # ranks and medians: the area and its peers
pool_desc = sf.pool_text(area, n_pool)
england = sf.england_totals(fema_data)  # all English districts as one area


def add_source(fig, text):
    """charts.add_source with the line breaks made here (matplotlib's own wrapping is slow)."""
    charts.add_source(fig, "\n".join(textwrap.wrap(text, int(fig.get_figwidth() * 13.5))))
    fig.texts[-1].set_wrap(False)


SRC_BOTH = la.source_line("census2011_flows_lad", "census2021_flows_lad")
SRC_2011 = la.source_line("census2011_flows_lad")
SRC_TTWA = (la.source_line("census2011_flows_msoa", "msoa11_names")
            + "; travel-to-work areas built with the ONS 2011 method (lis-analytics)")

# %% [markdown]
# ## Functional economic area
#
# Does the area work as one labour market? A functional economic market area (FEMA) is where
# most residents work and most jobs are filled by residents. This chapter measures the area's
# commuting balance and self-containment from Census origin-destination flows, names its main
# commuting partners across its boundary, and compares it with travel-to-work areas (TTWAs)
# built from Census 2011 flows between small areas with the ONS 2011 method.
#
# **Census 2021 and lockdown.** Census 2021 was taken on 21 March 2021, during a national
# lockdown with many workers furloughed. Almost half of workers were mainly at or from home, so
# 2021 commuting is far lower and self-containment far higher than in a normal year. The 2021
# figures are shown for completeness, not as evidence of change: 2011 is the basis here.

# %% tags=["remove"]
findings = sf.key_findings(area, bench, groups, partners, ttwa_table, fit, districts, handling)
chapter.key_findings(findings)

# %% tags=["remove"]
for year in sf.YEARS:
    row = own.loc[year]
    src = "census2011_flows_lad" if year == 2011 else "census2021_flows_lad"
    lockdown = "; Census 2021 was taken in lockdown" if year == 2021 else ""
    chapter.figure("employed_residents", "Employed residents (commuting basis)", year,
                   row["employed_residents"], "people", source_dataset_id=src,
                   note="home and no-fixed-place workers counted at home; offshore and "
                        "abroad excluded" + lockdown)
    chapter.figure("workplace_jobs", "Workplace jobs filled by residents of England and Wales",
                   year, row["workplace_jobs"], "jobs", source_dataset_id=src, note=lockdown[2:])
    chapter.figure("net_commuting", "Net commuting (in-commuters minus out-commuters)", year,
                   row["net_commuting"], "people", source_dataset_id=src,
                   note="positive = net in-commuting" + lockdown)
    for col, label in (("supply_side_sc", "Supply-side self-containment (residents working "
                                          "in the area)"),
                       ("demand_side_sc", "Demand-side self-containment (jobs filled by "
                                          "residents)"),
                       ("self_containment", "Self-containment, the smaller of supply- and "
                                            "demand-side (the TTWA test)")):
        rank = int(row["rank_sc" if col == "self_containment" else f"rank_{col}"])
        med = sf.pool_median(bench, year, col)
        chapter.figure(col, label, year, row[col] * 100, "%", source_dataset_id=src,
                       benchmark_england=england.loc[year, col] * 100,
                       note=f"benchmark_england: England (all English districts as one area); "
                            f"median {med * 100:.1f}% and rank {rank} (1 = highest) among "
                            f"{pool_desc}{lockdown}")
fit_median = sf.pool_median(bench, 2011, "share_of_workers_in_mostly_inside_ttwas")
chapter.figure("share_in_mostly_inside_ttwas",
               "Share of employed residents living in TTWAs mostly inside the area", 2011,
               own.loc[2011, "share_of_workers_in_mostly_inside_ttwas"] * 100, "%",
               source_dataset_id="census2011_flows_msoa",
               note=f"median {fit_median * 100:.1f}% among {pool_desc}; no England figure "
                    "(England is not a TTWA fit); "
                    "TTWAs from MSOA 2011 flows (ONS 2011 method)")

# %% [markdown]
# ### Commuting balance and self-containment
#
# Supply-side self-containment is the share of the area's working residents who work in the
# area; demand-side self-containment is the share of its jobs filled by its residents. ONS
# travel-to-work areas need the smaller of the two to be at least 75% for small areas, falling
# to 66.7% for areas with 25,000 or more workers. People who work mainly at or from home or
# have no fixed place of work are counted as working where they live, as ONS does.

# %% tags=["remove"]
t0, t1 = own.loc[2011], own.loc[2021]
display(Markdown(
    f"In 2011, {area.name} had **{t0['employed_residents']:,.0f} employed residents** and "
    f"**{t0['workplace_jobs']:,.0f} jobs** filled by workers living in England and Wales. "
    f"{t0['out_commuters']:,.0f} residents worked outside the area and "
    f"{t0['in_commuters']:,.0f} people came in to work, a net "
    f"{'inflow' if t0['net_commuting'] > 0 else 'outflow'} of "
    f"{abs(t0['net_commuting']):,.0f}. In 2021 (lockdown) {t1['out_commuters']:,.0f} residents "
    f"worked outside the area and {t1['in_commuters']:,.0f} came in."))

b11 = bench[bench["year"] == 2011].set_index("area_code")
b21 = bench[bench["year"] == 2021].set_index("area_code")
show = b11[b11["is_area"] | b11["is_peer"] | b11["is_comparator"]].copy()
if len(show) > 40:  # e.g. a district among 296: keep the 40 nearest in rank
    order = (show["rank_sc"] - t0["rank_sc"]).abs().sort_values(kind="stable")
    show = show.loc[order.index[:40].union(show.index[show["is_comparator"]])]
show = show.sort_values("self_containment")
ypos = np.arange(len(show))
colours = np.where(show["is_area"], charts.AF_ORANGE,
                   np.where(show["is_comparator"], charts.AF_PLUM, charts.AF_DARK_BLUE))
x11 = show["self_containment"] * 100
x21 = b21["self_containment"].reindex(show.index) * 100
rank_text = sf.rank_text(area, int(t0["rank_sc"]), n_pool)
fig, ax = charts.new_chart(
    f"{area.name} {rank_text} for commuting self-containment",
    f"Self-containment (the smaller of supply- and demand-side), %, {kind}, Census 2011 (filled) "
    "and Census 2021 in lockdown (hollow)", figsize=(9.5, max(5.0, 0.24 * len(show) + 2.2)))
ax.hlines(ypos, np.minimum(x11, x21), np.maximum(x11, x21), color=charts.AF_LIGHT_GREY, lw=1.5)
ax.scatter(x11, ypos, color=colours, s=42, zorder=3)
ax.scatter(x21, ypos, facecolors="white", edgecolors=colours, s=42, lw=1.5, zorder=3)
median11 = sf.pool_median(bench, 2011) * 100
ax.axvline(median11, color=charts.AF_GREY, lw=1, ls="--")
ax.annotate(f"2011 median {median11:.0f}%", (median11, len(show) - 0.5), xytext=(4, 0),
            textcoords="offset points", fontsize=9, color=charts.AF_GREY, va="bottom")
ax.set_yticks(ypos, show["area_name"], fontsize=9)
for tick, is_area in zip(ax.get_yticklabels(), show["is_area"], strict=True):
    if is_area:
        tick.set_fontweight("bold")
        tick.set_color(charts.AF_ORANGE)
ax.set_ylim(-0.8, len(show) + 0.3)
ax.xaxis.set_major_formatter(mticker.StrMethodFormatter("{x:.0f}%"))
ax.grid(axis="y", visible=False)
ax.legend(handles=[Line2D([], [], marker="o", ls="", color=charts.AF_DARK_BLUE, label="2011"),
                   Line2D([], [], marker="o", ls="", markerfacecolor="white",
                          color=charts.AF_DARK_BLUE, label="2021 (lockdown)")],
          loc="lower right", frameon=True, fontsize=9)
fig.subplots_adjust(left=0.36, bottom=1.0 / fig.get_figheight())
add_source(fig, SRC_BOTH)
charts.show(fig, alt_text=(
    f"Dot chart of commuting self-containment in 2011 and 2021 for {area.name} and "
    f"{len(show) - 1} {kind} shown as benchmarks. "
    f"{area.name} is at {x11[show['is_area']].iloc[0]:.1f}% in 2011 and "
    f"{x21[show['is_area']].iloc[0]:.1f}% in 2021; the 2011 median is {median11:.1f}%. "
    f"Highest in 2011: {show['area_name'].iloc[-1]} ({x11.iloc[-1]:.1f}%); lowest: "
    f"{show['area_name'].iloc[0]} ({x11.iloc[0]:.1f}%)."))

balance_view = balance.copy()
for col in ("2011", "2021", "Median 2011", "Median 2021"):  # counts whole, shares to 0.1
    balance_view[col] = ["[x]" if pd.isna(v) else f"{v:,.1f}" if "self-containment" in m.lower()
                         else f"{v:,.0f}"
                         for m, v in zip(balance["Measure"], balance[col], strict=True)]
for col in ("Rank 2011", "Rank 2021"):
    balance_view[col] = balance[col].astype("Int64")
chapter.table(balance_view, name="commuting_balance",
              title=f"Commuting balance and self-containment of {area.name}, 2011 and 2021",
              source=SRC_BOTH, source_dataset_ids=["census2011_flows_lad",
                                                   "census2021_flows_lad"],
              units="people; self-containment in %; rank 1 = highest",
              notes=[f"Rank and median among {pool_desc}. Self-containment is the smaller "
                     "of supply- and demand-side self-containment, the measure of the "
                     "travel-to-work-area test, the ranking chart and the key findings.",
                     sf.LOCKDOWN_CAVEAT,
                     "Jobs are those filled by residents of England and Wales (the flow tables "
                     "start from residents), so jobs held by commuters from Scotland or "
                     "Northern Ireland are missing."])
bench_view = (bench[bench["is_area"] | bench["is_peer"] | bench["is_comparator"]]
              .pivot_table(index=["area_code", "area_name"], columns="year",
                           values=["supply_side_sc", "demand_side_sc", "self_containment",
                                   "net_commuting", "rank_sc"]))
bench_view.columns = [f"{m} {y}" for m, y in bench_view.columns]
bench_view = bench_view.reset_index().sort_values("rank_sc 2011")
for col in [c for c in bench_view.columns if "_sc " in c or c.startswith("self_")]:
    bench_view[col] = bench_view[col] * 100
bench_view = bench_view.rename(columns=lambda c: c.replace("_", " ").capitalize())
bench_view = bench_view.round(1)
for col in [c for c in bench_view.columns if c.startswith(("Net", "Rank"))]:
    bench_view[col] = bench_view[col].round().astype("Int64")
chapter.table(bench_view, name="self_containment_ranking", display=False,
              title=f"Self-containment of {kind}, 2011 and 2021", source=SRC_BOTH,
              source_dataset_ids=["census2011_flows_lad", "census2021_flows_lad"],
              units="self-containment in %; net commuting in people; rank 1 = highest",
              notes=[sf.LOCKDOWN_CAVEAT])

# %% [markdown]
# ### The main commuting ties across the boundary
#
# Which districts outside the area send workers in, and which take its residents? Flows are
# between local authority districts (December 2023 building blocks; Census 2011 districts are
# added up where councils have since merged), with each district labelled by its LEP or
# Combined Authority.

# %% tags=["remove"]
top = partners[partners["total_2011"] > 0].head(12).iloc[::-1]
outside_groups = groups[(groups["group"] != area.name) & (groups["total_2011"] > 0)]
gtop = outside_groups.head(6).iloc[::-1]
g1 = outside_groups.iloc[0] if len(outside_groups) else None
title = (f"{g1['share_2011']:.0f}% of commuting across {area_s} boundary is with "
         f"{g1['group']}" if g1 is not None else f"{area_s} commuting partners")
fig, (ax, gx) = charts.new_chart(
    title, "Out-commuters (residents of the area working there) and in-commuters (residents "
    "there working in the area), largest partner districts and neighbouring areas (with their "
    "share of all cross-boundary commuting), Census 2011",
    figsize=(10.0, 6.6), ncols=2)
bottom = 1.05 / fig.get_figheight()
top_edge = ax.get_position().y1 - 0.06
ax.set_position([0.2, bottom, 0.34, top_edge - bottom])
gx.set_position([0.75, bottom, 0.22, top_edge - bottom])
ypos = np.arange(len(top))
ax.barh(ypos, -top["out_2011"], color=charts.AF_DARK_BLUE)
ax.barh(ypos, top["in_2011"], color=charts.AF_TURQUOISE)
ax.set_yticks(ypos, top["name"], fontsize=9)
ax.axvline(0, color=charts.AF_GREY, lw=1)
span = max(top["out_2011"].max(), top["in_2011"].max()) * 1.1
ax.set_xlim(-span, span)
ax.xaxis.set_major_locator(mticker.MaxNLocator(4, symmetric=True))
ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{abs(v):,.0f}"))
ax.set_ylim(-0.7, len(top) - 0.3)
ax.set_title("Largest partner districts", loc="left", fontsize=10.5, fontweight="bold")
ax.grid(axis="y", visible=False)
ax.set_xlabel("← out-commuters        in-commuters →")
gpos = np.arange(len(gtop))
gx.barh(gpos, gtop["out_2011"], color=charts.AF_DARK_BLUE)
gx.barh(gpos, gtop["in_2011"], left=gtop["out_2011"], color=charts.AF_TURQUOISE)
for y, r in zip(gpos, gtop.itertuples(), strict=True):
    gx.annotate(f"{r.share_2011:.0f}%", (r.total_2011, y), xytext=(3, 0),
                textcoords="offset points", va="center", fontsize=9)
gx.set_yticks(gpos, [textwrap.fill(g, 26) for g in gtop["group"]], fontsize=8.5)
gx.set_xlim(0, max(gtop["total_2011"].max(), 1) * 1.3)
gx.set_ylim(-0.7, max(len(gtop), 1) - 0.3)
gx.xaxis.set_major_locator(mticker.MaxNLocator(3))
gx.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
gx.set_title("By neighbouring area", loc="left", fontsize=10.5, fontweight="bold")
gx.grid(axis="y", visible=False)
gx.set_xlabel("people, out + in")
fig.legend(handles=[Patch(color=charts.AF_DARK_BLUE,
                          label="Out-commuters (residents of the area working there)"),
                    Patch(color=charts.AF_TURQUOISE,
                          label="In-commuters (residents there working in the area)")],
           loc="lower left", bbox_to_anchor=(0.2, top_edge + 0.045), ncol=2, frameon=False,
           fontsize=9)
add_source(fig, SRC_2011)
charts.show(fig, alt_text=(
    f"Two bar charts of commuting across the boundary of {area.name} in 2011. Left, the 12 "
    "largest partner districts, out-commuters and in-commuters: " + "; ".join(
        f"{r.name} ({r.group}) {r.out_2011:,.0f} out, {r.in_2011:,.0f} in"
        for r in top.iloc[::-1].itertuples()) + ". Right, by neighbouring area: " + "; ".join(
        f"{r.group} {r.total_2011:,.0f} ({r.share_2011:.0f}%)"
        for r in gtop.iloc[::-1].itertuples()) + "."))

group_view = groups.rename(columns={
    "group": "Neighbouring area", "out_2011": "Out 2011", "in_2011": "In 2011",
    "total_2011": "Total 2011", "share_2011": "Share of cross-boundary commuting 2011 (%)",
    "out_2021": "Out 2021", "in_2021": "In 2021", "total_2021": "Total 2021",
    "share_2021": "Share of cross-boundary commuting 2021 (%)"})
group_view = group_view.round(1)
for col in [c for c in group_view.columns if c.startswith(("Out", "In", "Total"))]:
    group_view[col] = group_view[col].round().astype("Int64")
chapter.table(group_view, name="ties_by_neighbour",
              title=f"Commuting between {area.name} and neighbouring LEPs, Combined "
                    "Authorities and nations, 2011 and 2021",
              source=SRC_BOTH, source_dataset_ids=["census2011_flows_lad",
                                                   "census2021_flows_lad"],
              units="people (out = area residents working there; in = their residents working "
                    "in the area)",
              notes=["Districts in two LEPs are labelled with both.", sf.LOCKDOWN_CAVEAT])
partner_view = partners.head(25).rename(columns={
    "code": "District code", "name": "District", "group": "LEP / CA",
    "out_2011": "Out 2011", "in_2011": "In 2011", "total_2011": "Total 2011",
    "out_2021": "Out 2021", "in_2021": "In 2021", "total_2021": "Total 2021"})
for col in [c for c in partner_view.columns if c.startswith(("Out", "In", "Total"))]:
    partner_view[col] = partner_view[col].round().astype("Int64")
chapter.table(partner_view, name="partner_districts", display=False,
              title=f"The 25 districts exchanging most commuters with {area.name}",
              source=SRC_BOTH, source_dataset_ids=["census2011_flows_lad",
                                                   "census2021_flows_lad"],
              units="people", notes=[sf.LOCKDOWN_CAVEAT])
if len(districts) > 1:
    d0 = districts.iloc[0]
    display(Markdown(
        f"Within the area, **{d0['district']}** looks outward most: "
        f"{d0['share_outside']:.0f}% of its commuting with other districts crosses the area's "
        f"boundary, most of it with {d0['strongest_partner']} ({d0['partner_share']:.0f}%). "
        f"{districts.iloc[-1]['district']} is the most inward-looking "
        f"({districts.iloc[-1]['share_outside']:.0f}%)."))
district_view = districts.rename(columns={
    "district": "District", "commuting_outside": "Commuting across the area boundary",
    "share_outside": "Share of its commuting across the boundary (%)",
    "strongest_partner": "Strongest partner outside the area",
    "partner_share": "Share with that partner (%)"})
district_view = district_view.round(1)
district_view["Commuting across the area boundary"] = (
    district_view["Commuting across the area boundary"].round().astype("Int64"))
chapter.table(district_view, name="district_ties",
              title=f"Where each district of {area.name} commutes across the area's boundary, "
                    "2011", source=SRC_2011, source_dataset_ids=["census2011_flows_lad"],
              units="people; shares of each district's commuting (in + out) with other "
                    "districts")

# %% [markdown]
# ### Travel-to-work areas around the area
#
# Travel-to-work areas are built here from the Census 2011 flows between the 7,201 middle-layer
# super output areas (MSOAs) of England and Wales with the ONS 2011 method (Coombes and Bond):
# each starts as its own area and the least self-contained is repeatedly dissolved into the
# areas it is most tied to, until every area has at least 3,500 workers and self-containment of
# 75% (66.7% at 25,000 workers or more). They are named here after the districts holding most of
# their jobs, not with ONS's official names.

# %% tags=["remove"]
n_ttwas = len(fema_data.ttwa_areas)
countries = fema_data.ttwa_areas["countries"].value_counts()
display(Markdown(
    f"The method gives {n_ttwas} travel-to-work areas ({countries.get('England', 0)} in England, "
    f"{countries.get('Wales', 0)} in Wales, {countries.get('England and Wales', 0)} across the "
    "border). ONS's 2011 TTWAs, built from the five-times finer LSOAs, number about 173 in "
    "England and Wales (18 in Wales): MSOAs cannot separate some small towns, so rural TTWAs "
    f"here are larger. {len(ttwa_table)} of them overlap {area.name}."))

boundaries = la.load_table("boundaries_lad23")
inside = boundaries[boundaries["area_code"].isin(area.lad_codes)]
outline = inside.dissolve()
minx, miny, maxx, maxy = outline.total_bounds
pad = max(12_000.0, 0.2 * max(maxx - minx, maxy - miny))
minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad
zones = fema_data.zones
zones = zones[zones["x"].between(minx, maxx) & zones["y"].between(miny, maxy)]
main_ids = ttwa_table["area_id"].head(6).tolist()
palette = dict(zip(main_ids, charts.AF_COLOURS, strict=False))
point_colours = zones["area_id"].map(palette).fillna(charts.AF_LIGHT_GREY)
fig, ax = charts.new_chart(
    f"{ttwa_table.iloc[0]['ttwa']} is the travel-to-work area of "
    f"{ttwa_table.iloc[0]['share_of_area_residents_pct']:.0f}% of {area_s} working "
    "residents",
    "Travel-to-work areas from Census 2011 commuting between MSOAs (one dot per MSOA), with "
    f"the boundary of {area.name} and local authority districts (December 2023)",
    figsize=(9.5, min(11.0, max(5.5, 5.9 * (maxy - miny) / (maxx - minx) + 2.3))))
view_box = box(minx, miny, maxx, maxy)
ax.add_collection(LineCollection(
    sf.boundary_lines(boundaries.geometry[boundaries.intersects(view_box)]), colors="#8C8C8C",
    linewidths=0.6))
grey = point_colours == charts.AF_LIGHT_GREY
ax.scatter(zones.loc[grey, "x"], zones.loc[grey, "y"], s=9, color=charts.AF_LIGHT_GREY, zorder=2)
ax.scatter(zones.loc[~grey, "x"], zones.loc[~grey, "y"], s=11, c=point_colours[~grey], zorder=3)
ax.add_collection(LineCollection(sf.boundary_lines(outline.geometry), colors="black",
                                 linewidths=2.2, zorder=4))
ax.set_xlim(minx, maxx)
ax.set_ylim(miny, maxy)
ax.set_aspect("equal")
ax.set_axis_off()
ax.grid(False)
handles = [Line2D([], [], marker="o", ls="", color=palette[i],
                  label=f"{r.ttwa} ({r.share_of_area_residents_pct:.0f}% of the area's workers)")
           for i, r in zip(main_ids, ttwa_table.head(6).itertuples(), strict=True)]
handles += [Line2D([], [], marker="o", ls="", color=charts.AF_LIGHT_GREY,
                   label="Other travel-to-work areas"),
            Patch(facecolor="none", edgecolor="black", lw=2, label=f"{area.name} boundary")]
ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
          fontsize=9)
fig.subplots_adjust(left=0.02, right=0.64, bottom=0.95 / fig.get_figheight())
add_source(fig, SRC_TTWA + "; LAD boundaries (December 2023), ONS Geography. Contains "
                  "OS data © Crown copyright and database right 2023")
charts.show(fig, alt_text=(
    f"Map of {area.name} (outlined) and surrounding districts with one dot per MSOA coloured by "
    "its 2011 travel-to-work area. " + "; ".join(
        f"{r.ttwa}: {r.share_of_area_residents_pct:.0f}% of the area's working residents, "
        f"{r.inside_pct:.0f}% of the TTWA's residents live in the area"
        for r in ttwa_table.head(6).itertuples()) + "."))
display(Markdown(
    "*MSOA boundaries are not held by the toolkit, so each MSOA is drawn as a dot at the centre "
    "of its bounding box (from the ONS origin-destination map metadata). Districts are the "
    "grey lines. Travel-to-work areas beyond the six largest in the area are grey.*"))

# %% [markdown]
# ### How well the area fits its travel-to-work areas

# %% tags=["remove"]
share_in = fit.summary["share_of_workers_in_mostly_inside_ttwas"]
display(Markdown(
    f"{share_in * 100:.0f}% of {area_s} working residents live in travel-to-work areas "
    f"that lie mostly (over half of their residents) inside it; its largest TTWA holds "
    f"{fit.summary['largest_ttwa_share_of_residents'] * 100:.0f}% of them. "
    + " ".join(
        f"The {r.ttwa} TTWA ({r.inside_pct:.0f}% inside the area) is shared with "
        f"{r.shared_with}." for r in ttwa_table.head(4).itertuples() if r.shared_with)))

fit_rows = ttwa_table.head(8).iloc[::-1]
fig, ax = charts.new_chart(
    f"{share_in * 100:.0f}% of {area_s} workers live in travel-to-work areas mostly inside "
    "it", "Employed residents of each travel-to-work area overlapping the area, inside and "
    "outside it, Census 2011", figsize=(9.5, max(4.6, 0.5 * len(fit_rows) + 2.8)))
ypos = np.arange(len(fit_rows))
ax.barh(ypos, fit_rows["residents_in_area"], color=charts.AF_DARK_BLUE)
ax.barh(ypos, fit_rows["ttwa_residents"] - fit_rows["residents_in_area"],
        left=fit_rows["residents_in_area"], color=charts.AF_LIGHT_GREY)
for y, r in zip(ypos, fit_rows.itertuples(), strict=True):
    ax.annotate(f"{sf.pct_label(r.inside_pct)} inside", (r.ttwa_residents, y), xytext=(4, 0),
                textcoords="offset points", va="center", fontsize=9)
ax.set_yticks(ypos, fit_rows["ttwa"], fontsize=9)
ax.set_xlim(0, fit_rows["ttwa_residents"].max() * 1.22)
ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
ax.grid(axis="y", visible=False)
ax.set_xlabel("employed residents")
ax.legend(handles=[Patch(color=charts.AF_DARK_BLUE, label=f"living in {area.name}"),
                   Patch(color=charts.AF_LIGHT_GREY, label="living outside it")],
          loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, frameon=False, fontsize=9)
fig.subplots_adjust(left=0.3, bottom=1.25 / fig.get_figheight(),
                    top=ax.get_position().y1 - 0.4 / fig.get_figheight())
add_source(fig, SRC_TTWA)
charts.show(fig, alt_text=(
    f"Bar chart of the employed residents of the {len(fit_rows)} largest travel-to-work areas "
    f"overlapping {area.name}, split into those living inside and outside the area: "
    + "; ".join(f"{r.ttwa} {r.ttwa_residents:,.0f} residents, {r.inside_pct:.0f}% inside"
                for r in fit_rows.iloc[::-1].itertuples()) + "."))
fit_view = ttwa_table.drop(columns="area_id").assign(
    shared_with=ttwa_table["shared_with"].replace("", "no other area holds 5% or more"),
    mostly_inside=ttwa_table["mostly_inside"].map({True: "Yes", False: "No"})).round(1)
for col in ("residents_in_area", "jobs_in_area", "ttwa_residents"):
    fit_view[col] = fit_view[col].round().astype("Int64")
fit_view = fit_view.rename(columns={
    "ttwa": "Travel-to-work area", "residents_in_area": "Area residents in it",
    "jobs_in_area": "Area jobs in it", "share_of_area_residents_pct": "Share of area residents (%)",
    "share_of_area_jobs_pct": "Share of area jobs (%)", "ttwa_residents": "TTWA residents",
    "inside_pct": "Share of TTWA residents living in the area (%)",
    "mostly_inside": "Mostly inside the area", "shared_with": "Shared with (share of TTWA "
                                                              "residents)"})
chapter.table(fit_view, name="ttwa_fit",
              title=f"Travel-to-work areas overlapping {area.name}, 2011", source=SRC_TTWA,
              source_dataset_ids=["census2011_flows_msoa", "msoa11_names"],
              units="employed residents and jobs (workplace) from Census 2011 flows",
              notes=["TTWAs built from MSOA flows with the ONS 2011 method and parameters "
                     "(3,500 / 25,000 workers; 66.7% / 75% self-containment); named after the "
                     "districts holding most of their jobs.",
                     "Shared with: other LEPs / Combined Authorities / nations holding at least "
                     "5% of the TTWA's residents."])

# %% [markdown]
# ### How special destinations are counted
#
# Census flow tables include workers without an ordinary workplace. Each is handled the same
# way in every figure of this chapter and in the travel-to-work areas:

# %% tags=["remove"]
handling_table = sf.handling_view(handling)
for col in ("Area residents 2011", "Area residents 2021"):
    handling_table[col] = handling_table[col].round().astype("Int64")
chapter.table(handling_table, name="special_destinations",
              title=f"Special destinations: how they are counted, with {area_s} employed "
                    "residents in each", source=SRC_BOTH,
              source_dataset_ids=["census2011_flows_lad", "census2021_flows_lad"],
              units="people (employed residents of the area)",
              notes=["Census 2011 records home workers and no fixed place separately; Census 2021 "
                     "publishes them as one category.", sf.LOCKDOWN_CAVEAT])

# %% tags=["remove"]
_ = chapter.save()
