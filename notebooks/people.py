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
from lis_analytics.chapters import people
from lis_analytics.present import Chapter, charts
from lis_analytics.present.charts import people as people_charts
from lis_analytics.present.findings import people as people_findings
from lis_analytics.present.text import people as people_text

area = la.get_area(area_code)
result = people.analyse(area, people.load_inputs(area, comparator_codes, latest_year))
chapter = Chapter("people", "People and inclusive growth", area.code, area.name,
                  output_dir or None)

# %% [markdown]
# ## People and inclusive growth
#
# Does growth reach the area's residents? Work, pay, skills, income and deprivation, against
# England, the region and the area's comparators.

# %% [markdown] tags=["appendix"]
# ### Comparisons and periods
#
# Survey estimates (the Annual Population Survey) come with 95% confidence intervals: a
# difference from England is tested with a two-sided z-test at 5% on the standard errors the
# intervals imply. Ranks name their peer group (LEPs among LEPs, combined authorities among
# combined authorities).

# %% tags=["remove", "appendix"]
display(Markdown(people_text.comparators_sentence(result)))
display(Markdown(people_text.periods_sentence(result)))

# %% tags=["remove"]
chapter.key_findings(people_findings.findings(result))
for r in result.headline.to_dict("records"):
    chapter.figure(r["indicator_id"], r["indicator"], r["period"], r["value"], r["unit"],
                   source_dataset_id=r["source_dataset_id"],
                   benchmark_england=r["benchmark_england"],
                   benchmark_region=r["benchmark_region"], note=r["note"])

# %% [markdown]
# ### Employment and economic inactivity
#
# The employment rate is the share of residents aged 16 to 64 in work; the inactivity rate the
# share neither in work nor looking for it. The shaded band is the 95% confidence interval.

# %% tags=["remove"]
fig, alt = people_charts.employment(result)
charts.show(fig, alt_text=alt)
chapter.table(**people_text.labour_table(result))

# %% [markdown] tags=["appendix"]
# ### Employment and economic inactivity: method
#
# Rates are from the Annual Population Survey, to 2023. Districts,
# combined authorities, regions and England use ONS's published rate; for a LEP or custom area,
# which ONS does not publish, district rates are weighted by the population aged 16 to 64 (an
# approximation, said in the Note column). The unemployment rate is from the survey's district
# counts and ends in 2022.

# %% [markdown]
# ### Pay: jobs in the area and the people who live there
#
# Where jobs pay more than residents earn, higher-paid jobs are taken by people commuting in.

# %% tags=["remove"]
if result.pay_period:
    fig, alt = people_charts.pay(result)
    charts.show(fig, alt_text=alt)
else:  # no year up to latest_year has both pay figures: say so, show nothing
    display(Markdown(result.pay_note))

# %% [markdown] tags=["appendix"]
# ### Pay: method and tables
#
# ASHE median weekly pay is published for districts, counties, metropolitan counties and some
# combined authorities. Medians cannot be added up or averaged, so an area gets a figure only
# where ONS publishes one for exactly its districts; the chart shows every district.

# %% tags=["remove", "appendix"]
if result.pay_period:
    chapter.table(**people_text.pay_table(result))
    chapter.table(**people_text.district_pay_table(result))

# %% [markdown]
# ### Skills
#
# Degree-level (NVQ 4+) qualifications and no qualifications, to 2021, when the old framework
# ended.

# %% tags=["remove"]
fig, alt = people_charts.skills(result)
charts.show(fig, alt_text=alt)

# %% [markdown] tags=["appendix"]
# ### Skills: method and table
#
# The share of working-age residents qualified to NVQ level 4 or above (degree level) and the
# share with no qualifications come from the survey's old NVQ framework, last published for
# 2021; from 2022 ONS uses the RQF framework, which is not comparable.

# %% tags=["remove", "appendix"]
chapter.table(**people_text.skills_table(result))

# %% [markdown]
# ### Income, poverty and deprivation

# %% tags=["remove"]
fig, alt = people_charts.income(result)
charts.show(fig, alt_text=alt)

# %% [markdown] tags=["appendix"]
# ### Income, poverty and deprivation: measures and table
#
# Gross disposable household income (GDHI) is what households have to spend or save after
# taxes and benefits. The Index of Multiple Deprivation (2019) and its income domain measure
# concentrated disadvantage; child poverty counts children in families below 60% of median
# income before housing costs.

# %% tags=["remove", "appendix"]
chapter.table(**people_text.income_table(result))

# %% tags=["remove"]
_ = chapter.save()
