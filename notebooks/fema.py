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
from lis_analytics.chapters import fema
from lis_analytics.chapters.peers import load_peers
from lis_analytics.present import Chapter, charts
from lis_analytics.present.charts import fema as fema_charts
from lis_analytics.present.findings.fema import key_findings
from lis_analytics.present.text import fema as text

area = la.get_area(area_code)
peers = load_peers(area, comparator_codes)
chapter = Chapter("fema", "Functional economic area", area.code, area.name, output_dir or None)
result = fema.analyse(area, fema.load_inputs(), peers.comparators)
kind = text.kind_label(result.group_type, area)
area_s = charts.possessive(area.name)  # "Greater Manchester's", "... districts'"
pool_desc = text.pool_text(area, result.group_type, result.n_pool)

SRC_BOTH = la.source_line("census2011_flows_lad", "census2021_flows_lad")
SRC_2011 = la.source_line("census2011_flows_lad")
SRC_TTWA = (la.source_line("census2011_flows_msoa", "msoa11_names")
            + "; travel-to-work areas built with the ONS 2011 method (lis-analytics)")
FLOW_IDS = ["census2011_flows_lad", "census2021_flows_lad"]

# %% [markdown]
# ## Functional economic area
#
# Does the area work as one labour market? A functional economic market area (FEMA) is where
# most residents work and most jobs are filled by residents. Census 2021 was taken in
# lockdown, so 2011 commuting is the basis here.

# %% [markdown] tags=["appendix"]
# ### Scope and Census 2021
#
# This chapter measures the area's commuting balance and self-containment from Census
# origin-destination flows, names its main commuting partners across its boundary, and
# compares it with travel-to-work areas (TTWAs) built from Census 2011 flows between small
# areas with the ONS 2011 method.
#
# **Census 2021 and lockdown.** Census 2021 was taken on 21 March 2021, during a national
# lockdown with many workers furloughed. Almost half of workers were mainly at or from home, so
# 2021 commuting is far lower and self-containment far higher than in a normal year. The 2021
# figures are shown for completeness, not as evidence of change: 2011 is the basis here.

# %% tags=["remove"]
chapter.key_findings(key_findings(result))
text.record_figures(chapter, result)

# %% [markdown]
# ### Commuting balance and self-containment
#
# Self-containment is the smaller of two shares: working residents who work in the area, and
# jobs in the area filled by its residents.

# %% [markdown] tags=["appendix"]
# ### Commuting balance and self-containment: method
#
# Supply-side self-containment is the share of the area's working residents who work in the
# area; demand-side self-containment is the share of its jobs filled by its residents. ONS
# travel-to-work areas need the smaller of the two to be at least 75% for small areas, falling
# to 66.7% for areas with 25,000 or more workers. People who work mainly at or from home or
# have no fixed place of work are counted as working where they live, as ONS does.

# %% tags=["remove", "appendix"]
display(Markdown(text.balance_paragraph(result)))

# %% tags=["remove"]
fig, alt = fema_charts.ranking_chart(result, SRC_BOTH)
charts.show(fig, alt_text=alt)
chapter.table(text.balance_view(result), name="commuting_balance",
              title=f"Commuting balance and self-containment of {area.name}, 2011 and 2021",
              source=SRC_BOTH, source_dataset_ids=FLOW_IDS,
              units="people; self-containment in %; rank 1 = highest",
              notes=[f"Rank and median among {pool_desc}. Self-containment is the smaller "
                     "of supply- and demand-side self-containment, the measure of the "
                     "travel-to-work-area test, the ranking chart and the key findings.",
                     text.LOCKDOWN_CAVEAT,
                     "Jobs are those filled by residents of England and Wales (the flow tables "
                     "start from residents), so jobs held by commuters from Scotland or "
                     "Northern Ireland are missing."])
chapter.table(text.ranking_view(result), name="self_containment_ranking", display=False,
              title=f"Self-containment of {kind}, 2011 and 2021", source=SRC_BOTH,
              source_dataset_ids=FLOW_IDS,
              units="self-containment in %; net commuting in people; rank 1 = highest",
              notes=[text.LOCKDOWN_CAVEAT])

# %% [markdown]
# ### The main commuting ties across the boundary
#
# Which districts outside the area send workers in, and which take its residents?

# %% tags=["remove"]
fig, alt = fema_charts.partners_chart(result, SRC_2011)
charts.show(fig, alt_text=alt)

# %% [markdown] tags=["appendix"]
# ### Commuting ties by neighbour and district
#
# Flows are between local authority districts (December 2023 building blocks; Census 2011
# districts are added up where councils have since merged), with each district labelled by its
# LEP or Combined Authority.

# %% tags=["remove", "appendix"]
chapter.table(text.group_view(result), name="ties_by_neighbour",
              title=f"Commuting between {area.name} and neighbouring LEPs, Combined "
                    "Authorities and nations, 2011 and 2021",
              source=SRC_BOTH, source_dataset_ids=FLOW_IDS,
              units="people (out = area residents working there; in = their residents working "
                    "in the area)",
              notes=["Districts in two LEPs are labelled with both.", text.LOCKDOWN_CAVEAT])
chapter.table(text.partner_view(result), name="partner_districts", display=False,
              title=f"The 25 districts exchanging most commuters with {area.name}",
              source=SRC_BOTH, source_dataset_ids=FLOW_IDS, units="people",
              notes=[text.LOCKDOWN_CAVEAT])
if paragraph := text.district_paragraph(result):
    display(Markdown(paragraph))
chapter.table(text.district_view(result), name="district_ties",
              title=f"Where each district of {area.name} commutes across the area's boundary, "
                    "2011", source=SRC_2011, source_dataset_ids=["census2011_flows_lad"],
              units="people; shares of each district's commuting (in + out) with other "
                    "districts")

# %% [markdown]
# ### Travel-to-work areas around the area

# %% tags=["remove"]
fig, alt = fema_charts.ttwa_map(result, la.load_table("boundaries_lad23"),
                                SRC_TTWA + "; LAD boundaries (December 2023), ONS Geography. "
                                "Contains OS data © Crown copyright and database right 2023")
charts.show(fig, alt_text=alt)

# %% [markdown] tags=["appendix"]
# ### Travel-to-work areas: method
#
# Travel-to-work areas are built here from the Census 2011 flows between the 7,201 middle-layer
# super output areas (MSOAs) of England and Wales with the ONS 2011 method (Coombes and Bond):
# each starts as its own area and the least self-contained is repeatedly dissolved into the
# areas it is most tied to, until every area has at least 3,500 workers and self-containment of
# 75% (66.7% at 25,000 workers or more). They are named here after the districts holding most of
# their jobs, not with ONS's official names.

# %% tags=["remove", "appendix"]
display(Markdown(text.ttwa_count_paragraph(result)))
display(Markdown(
    "*MSOA boundaries are not held by the toolkit, so each MSOA is drawn as a dot at the centre "
    "of its bounding box (from the ONS origin-destination map metadata). Districts are the "
    "grey lines. Travel-to-work areas beyond the six largest in the area are grey.*"))

# %% [markdown]
# ### How well the area fits its travel-to-work areas

# %% tags=["remove"]
fig, alt = fema_charts.fit_chart(result, SRC_TTWA)
charts.show(fig, alt_text=alt)

# %% [markdown] tags=["appendix"]
# ### Travel-to-work areas overlapping the area

# %% tags=["remove", "appendix"]
display(Markdown(text.fit_paragraph(result)))
chapter.table(text.fit_view(result), name="ttwa_fit",
              title=f"Travel-to-work areas overlapping {area.name}, 2011", source=SRC_TTWA,
              source_dataset_ids=["census2011_flows_msoa", "msoa11_names"],
              units="employed residents and jobs (workplace) from Census 2011 flows",
              notes=["TTWAs built from MSOA flows with the ONS 2011 method and parameters "
                     "(3,500 / 25,000 workers; 66.7% / 75% self-containment); named after the "
                     "districts holding most of their jobs.",
                     "Shared with: other LEPs / Combined Authorities / nations holding at least "
                     "5% of the TTWA's residents."])

# %% [markdown] tags=["appendix"]
# ### How special destinations are counted
#
# Census flow tables include workers without an ordinary workplace. Each is handled the same
# way in every figure of this chapter and in the travel-to-work areas:

# %% tags=["remove", "appendix"]
chapter.table(text.handling_view(result), name="special_destinations",
              title=f"Special destinations: how they are counted, with {area_s} employed "
                    "residents in each", source=SRC_BOTH, source_dataset_ids=FLOW_IDS,
              units="people (employed residents of the area)",
              notes=["Census 2011 records home workers and no fixed place separately; Census 2021 "
                     "publishes them as one category.", text.LOCKDOWN_CAVEAT])

# %% tags=["remove"]
_ = chapter.save()
