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
from IPython.display import Markdown, display

import lis_analytics as la
from lis_analytics.chapters import sectors
from lis_analytics.present import Chapter
from lis_analytics.present.charts import sectors as charts
from lis_analytics.present.charts import show
from lis_analytics.present.findings import sectors as findings
from lis_analytics.present.text import is8 as is8_text
from lis_analytics.present.text import sectors as text

area = la.get_area(area_code)
inputs = sectors.load_inputs()  # all-district tables, built once per batch
result = sectors.analyse(area, inputs, latest_year or None)
chapter = Chapter("sectors", "Sectors", area.code, area.name, output_dir or None)
GVA, JOBS, WORK = sectors.GVA, sectors.RESIDENTS_2021, sectors.WORKPLACE_2011
IS8, BRES = sectors.IS8, sectors.BRES

# %% [markdown]
# ## Sectors
#
# Which industries make the area's economy distinctive, which employ most of its people, and
# how its industry mix has shaped growth and productivity, against England.

# %% tags=["remove"]
chapter.key_findings(findings.key_findings(result))
for record in findings.figure_records(result):
    chapter.figure(**record)

# %% [markdown]
# ### Distinctive strengths
#
# A location quotient (LQ) compares an industry's share of the area's output (GVA) with its
# share of England's: 2 means twice as concentrated. A *distinctive strength* has an LQ of 1.25
# or more in GVA and in residents' jobs, grew in real terms and passed the data-quality screens.

# %% tags=["remove"]
fig, alt = charts.bubble_chart(result)
show(fig, alt_text=alt)

# %% [markdown] tags=["appendix"]
# ### Distinctive strengths in detail
#
# Real growth deflates each industry's current-price GVA with England's price index for that
# industry, so industries can be added up. For non-market services (public administration,
# education, health and social work) ONS measures real output mostly by the volume of services
# delivered, not by deflating spending, so their real growth follows measured activity (see
# About the data).

# %% tags=["remove", "appendix"]
display(Markdown(text.strengths_text(result)))

# %% tags=["remove"]
fig, alt = charts.lq_chart(result)
show(fig, alt_text=alt)
chapter.table(text.industry_table(result), name="sectors_industries",
              title=f"GVA and residents' jobs by industry, location quotients and growth, "
                    f"{result.latest}", source=la.source_line(GVA, JOBS),
              source_dataset_ids=[GVA, JOBS],
              units="£ million (current prices); % a year (constant 2022 prices); persons",
              notes=["Jobs are Census 2021 residents in employment, counted where they live.",
                     "Industries are the finest level of the ONS district GVA release, with "
                     "construction combined to match the Census."], display=False)

# %% [markdown] tags=["appendix"]
# ### Data-quality screens
#
# District GVA by industry carries artefacts: output can move between districts when ONS
# re-allocates a business, and a national business's output can be booked where its head office
# is. The figures below were flagged before any finding was made; the industries they fall in
# carry no headline claim in this chapter.

# %% tags=["remove", "appendix"]
display(Markdown(text.screens_text(result)))
if len(result.screened):
    chapter.table(text.screens_table(result), name="sectors_screened",
                  title=f"District GVA figures flagged by the data-quality screens, "
                        f"{result.window}", source=la.source_line(GVA),
                  source_dataset_ids=[GVA], units="£ million (current prices); %; ratio",
                  notes=[text.screens_note()])

# %% [markdown]
# ### Growth: national trend, industry mix and local competitiveness
#
# Shift-share splits ten years' change in real GVA into England's growth rate (*national
# growth*), the area's *industry mix* and growth faster or slower than the same industries in
# England (*local competitiveness*).

# %% tags=["remove"]
fig, alt = charts.shift_share_chart(result)
show(fig, alt_text=alt)

# %% [markdown] tags=["appendix"]
# ### Growth: shift-share
#
# GVA is in constant 2022 prices, each industry deflated with England's implied deflator; the
# three parts add up exactly.

# %% tags=["remove", "appendix"]
display(Markdown(text.shift_share_text(result)))
chapter.table(text.shift_share_table(result), name="sectors_shift_share",
              title=f"Shift-share of real GVA by industry, {result.window}",
              source=la.source_line(GVA),
              source_dataset_ids=[GVA], units="£ million, constant 2022 prices",
              notes=["Classic shift-share (Dunn) against England; industries deflated with "
                     "England's implied deflators."], display=False)

# %% [markdown]
# ### Productivity: industry mix or performance within industries?
#
# Is output per worker different from England's because of the area's mix of industries
# (*mix*) or because its industries produce more or less per worker (*within*)? The latest
# year with output and jobs on the same workplace basis is 2011.

# %% tags=["remove"]
fig, alt = charts.productivity_chart(result)
show(fig, alt_text=alt)

# %% [markdown] tags=["appendix"]
# ### Productivity: industry mix or performance within industries?
#
# This needs output and jobs counted on the same workplace basis in the same year: for
# districts that is 2011, pairing 2011 GVA with the Census 2011 workplace population by
# industry section. (Census 2021 counts residents, not jobs in the area, and BRES workplace
# jobs by industry are not in the offline data.)

# %% tags=["remove", "appendix"]
display(Markdown(text.productivity_text(result)))
chapter.table(text.productivity_table(result), name="sectors_productivity_mix",
              title="GVA per worker by industry and the mix/within decomposition, 2011",
              source=la.source_line(GVA, WORK),
              source_dataset_ids=[GVA, WORK], units="£ per worker; %",
              notes=["Gap = industry mix + within industries; workers are the Census 2011 "
                     "workplace population (main job, ages 16-74), so GVA per worker is not "
                     "the ONS GVA per filled job."], display=False)

# %% [markdown] tags=["appendix"]
# ### The foundational economy and the Grand Challenges
#
# The *foundational economy* is the infrastructure of everyday life: utilities, food, retail,
# transport and banking (material), and education, health and care (providential). The four
# *Grand Challenge* groupings of the 2017 Industrial Strategy (AI and data, ageing society,
# clean growth, future of mobility) are approximated by the industries most tied to them; they
# are proxies, as the challenges cut across industries.

# %% tags=["remove", "appendix"]
display(Markdown(text.foundational_text(result)))
chapter.table(text.groupings_table(result), name="sectors_groupings",
              title="Foundational economy and Grand Challenge groupings: size, share, "
                    "location quotient and growth",
              source=la.source_line(JOBS, GVA), source_dataset_ids=[JOBS, GVA],
              units="persons; £ million (current prices); %; % a year (constant 2022 prices)",
              notes=["Groupings are sets of SIC 2007 divisions (lis_analytics/config/"
                     "sector_groupings.yaml); Grand Challenge groupings are proxies.",
                     "GVA leaves out industries only partly in a grouping, so GVA shares are "
                     "lower bounds; jobs use 2-digit divisions and are exact."])

# %% [markdown]
# ### Industrial Strategy growth sectors
#
# The Modern Industrial Strategy (June 2025) names eight growth-driving sectors (IS-8). DBT's
# sector definitions list maps them to SIC 2007 codes where it can; where SIC falls short the
# sector is only partly measurable, or not at all. Each sector carries its *SIC coverage
# grade*, and only sectors SIC captures at least in part can be called strengths.

# %% tags=["remove"]
display(Markdown(is8_text.is8_text(result)))
fig, alt = charts.is8_chart(result)
show(fig, alt_text=alt)

# %% tags=["remove", "appendix"]
display(Markdown(is8_text.is8_detail_text(result)))
chapter.table(is8_text.is8_table(result), name="sectors_is8",
              title=f"Industrial Strategy growth sectors: residents' jobs, GVA and location "
                    f"quotients with each sector's SIC coverage grade, 2021 and {result.latest}",
              source=la.source_line(JOBS, GVA, IS8), source_dataset_ids=[JOBS, GVA, IS8],
              units="persons; %; ratio; £ million (current prices); % over the period "
                    "(constant 2022 prices)",
              notes=is8_text.is8_notes())

# %% [markdown] tags=["appendix"]
# ### Industrial Strategy growth sectors: what the data can measure
#
# The list gives SIC codes at mixed levels (divisions, groups, classes, subclasses), while the
# sources publish divisions (Census 2021, BRES) or about 35 industries (district GVA). A code
# finer than a source's categories can only be bounded.

# %% tags=["remove", "appendix"]
chapter.table(is8_text.is8_coverage_table(result), name="sectors_is8_coverage",
              title="Industrial Strategy growth sectors: how much of each definition the "
                    "sources measure", source=la.source_line(IS8, JOBS, BRES, GVA),
              source_dataset_ids=[IS8, JOBS, BRES, GVA], units="%",
              notes=[is8_text.IS8_COVERAGE_NOTE, is8_text.IS8_GRADE_NOTE])

# %% [markdown]
# ### Where residents work

# %% tags=["remove"]
chapter.table(text.largest_divisions_table(result), name="sectors_largest_employers",
              title="Largest industries of working residents, 2021", source=la.source_line(JOBS),
              source_dataset_ids=[JOBS], units="persons; %",
              notes=["Residence-based: residents in employment by the industry they work in."])

# %% [markdown] tags=["appendix"]
# ### Industry classification
#
# Each industry is labelled on four tests (an industry can pass several or none). The tests use
# the best source for each: GVA for concentration and growth, the Census for employment, and
# England's GVA per worker in 2021 for productivity.

# %% tags=["remove", "appendix"]
display(Markdown(text.classification_text(result)))
chapter.table(text.classification_table(result), name="sectors_classification",
              title="Industry classification: distinctive strengths, large employers, "
                    "high-productivity industries and industries at risk",
              source=la.source_line(GVA, JOBS), source_dataset_ids=[GVA, JOBS],
              units="ratio; %; £ per worker",
              notes=[text.classification_note(result)])

# %% tags=["remove", "appendix"]
if comparator_codes:
    display(Markdown("### Compared with other areas"))
    others = [sectors.analyse(la.get_area(c), inputs, latest_year or None)
              for c in comparator_codes]
    chapter.table(text.comparison_table([result, *others]), name="sectors_comparators",
                  title="Specialisation, foundational economy and growth compared",
                  source=la.source_line(GVA, JOBS), source_dataset_ids=[GVA, JOBS],
                  units="index; %")

# %% [markdown] tags=["appendix"]
# ### About the data

# %% tags=["remove", "appendix"]
display(Markdown("\n".join(f"- {note}" for note in text.data_notes(result))))

# %% tags=["remove"]
_ = chapter.save()
