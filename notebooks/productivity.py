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
from lis_analytics.chapters import productivity
from lis_analytics.chapters.peers import load_peers
from lis_analytics.present import Chapter, charts
from lis_analytics.present.charts import productivity as chart
from lis_analytics.present.findings import productivity as findings
from lis_analytics.present.text import productivity as text

area = la.get_area(area_code)
peers = load_peers(area, comparator_codes)  # the same comparators as every other chapter
result = productivity.analyse(area, productivity.load_inputs(area),
                              comparators=peers.comparators, latest_year=latest_year)
chapter = Chapter("productivity", "Productivity", area.code, area.name, output_dir or None)

# %% [markdown]
# ## Productivity
#
# How productive is the area's economy, how has that changed, and how far behind (or ahead of)
# the UK is it? Productivity here is gross value added (GVA) per hour worked.

# %% tags=["remove"]
chapter.key_findings(findings.findings(result))
for record in text.figure_records(result):
    chapter.figure(**record)

# %% [markdown] tags=["appendix"]
# ### Measures and releases
#
# Labour productivity is measured as gross value added (GVA) per hour worked, the ONS's
# preferred measure, and GVA per filled job. Levels are in current prices and compare areas
# within a year; growth uses chained-volume (inflation-adjusted) measures.

# %% tags=["remove", "appendix"]
display(Markdown(text.releases_paragraph(result)))
display(Markdown(text.ranks_paragraph(result)))

# %% [markdown]
# ### Productivity level compared with the UK

# %% tags=["remove"]
charts.show(*chart.index_chart(result))
chapter.table(**text.levels_table(result))

# %% [markdown]
# Comparator areas are the area's statistical nearest neighbours (or the areas given in the
# parameters), the same set in every chapter.

# %% [markdown] tags=["appendix"]
# ### The productivity gap in pounds
#
# The gap is the extra GVA the area would produce each year if every hour worked there were as
# productive as the UK average, keeping its own hours: (UK GVA per hour − area GVA per hour) ×
# the area's annual hours worked.

# %% tags=["remove", "appendix"]
display(Markdown(text.gap_paragraph(result)))
chapter.table(**text.gap_table(result))

# %% [markdown]
# ### Real productivity growth and the pre-2008 trend
#
# The dashed line continues the 2004–2008 growth rate: the gap to it is the local
# "productivity puzzle".

# %% tags=["remove"]
charts.show(*chart.trend_chart(result))

# %% [markdown] tags=["appendix"]
# ### Real productivity growth: method
#
# Growth is measured in real terms and from one release. For a combined authority it is ONS's
# own chained-volume index of GVA per hour worked for the CA (and the UK). For other areas it is
# chained-volume GVA of the districts (regional GVA) over their hours worked from the
# productivity release that ONS built on that same regional GVA release (the releases are named
# under "Data as at"). Real productivity is shown as growth and as an index (2019 = 100),
# never as a £ level: a level in one year's money beside current-price levels misleads. At
# district level the deflators are national industry prices applied to the local industry
# mix, so real growth for small areas is indicative.

# %% tags=["remove", "appendix"]
chapter.table(**text.real_growth_table(result))
chapter.table(**text.real_index_table(result))

# %% [markdown]
# ### Why GVA per head differs from the UK
#
# GVA per head counts output where people work but divides it by the people who live there, so
# commuting moves it: it is not a productivity measure.

# %% tags=["remove"]
charts.show(*chart.decomposition_chart(result))

# %% [markdown] tags=["appendix"]
# ### GVA per head: method
#
# Splitting GVA per head shows how much of the gap comes from productivity (GVA per hour),
# hours per job, jobs per working-age resident (which reflects commuting and employment) and
# the share of residents of working age. The terms add up exactly in logarithms.

# %% tags=["remove", "appendix"]
chapter.table(**text.decomposition_table(result))

# %% [markdown]
# ### Variation between the area's districts

# %% tags=["remove"]
charts.show(*chart.district_map(result, la.load_table("boundaries_lad23")))

# %% tags=["remove", "appendix"]
chapter.table(**text.district_table(result))

# %% tags=["remove"]
_ = chapter.save()
