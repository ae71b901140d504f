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
from lis_analytics.chapters import foundations
from lis_analytics.present import Chapter, charts
from lis_analytics.present.charts import foundations as foundations_charts
from lis_analytics.present.findings import foundations as foundations_findings
from lis_analytics.present.text import foundations as foundations_text

area = la.get_area(area_code)
result = foundations.analyse(area, foundations.load_inputs(area, comparator_codes, latest_year),
                             residents=foundations.load_residents())
chapter = Chapter("foundations", "The five foundations of productivity and the Grand Challenges",
                  area.code, area.name, output_dir or None)

# %% [markdown]
# ## The five foundations of productivity and the Grand Challenges
#
# The Industrial Strategy (2017) set out five foundations of productivity: **ideas**,
# **people**, **infrastructure**, the **business environment** and **places**. How does the
# area compare with England and its comparators on each?

# %% [markdown] tags=["appendix"]
# ### The scorecard
#
# The scorecard gives each indicator's latest value for the area against England, its region
# and its comparator areas, its rank among areas of the same kind and its trend over about
# five years. Regional-only statistics (business and public R&D) are shown with the region's
# figure, marked as regional and not ranked; an area spanning regions has no figure, and the
# note says why.

# %% tags=["remove", "appendix"]
display(Markdown(foundations_text.comparators_and_ranks(result)))

# %% tags=["remove"]
chapter.key_findings(foundations_findings.findings(result))
region_label = next((lbl for lbl in result.inputs.benchmarks if lbl != "England"), None)
for r in result.card.to_dict("records"):
    spec = result.inputs.framework.get(r["indicator_id"])
    chapter.figure(spec.id, spec.title, r["period"], r["value"], spec.unit,
                   source_dataset_id=spec.datasets[0], benchmark_england=r["England"],
                   benchmark_region=r[region_label] if region_label else float("nan"),
                   note=foundations_text.figure_note(r))

# %% [markdown] tags=["appendix"]
# ### Scorecard by foundation

# %% tags=["remove", "appendix"]
for table in foundations_text.theme_tables(result):
    chapter.table(**table)
chapter.table(**foundations_text.values_table(result))

# %% [markdown]
# ### The area against its comparators
#
# The area (large dot) and its comparators (small dots) against England (100). **Right is
# always better.**

# %% [markdown] tags=["appendix"]
# ### Reading the comparator chart
#
# Each row compares the area (large dot) and its comparators (small dots; the grey line spans
# their range) with England (the dashed line at 100). Indicators where lower is better are
# inverted, so right is always better; indicators with no better direction are left out.

# %% tags=["remove"]
fig, alt = foundations_charts.dot_plot(result)
charts.show(fig, alt_text=alt)

# %% [markdown]
# ### Grand Challenges
#
# How the area stands on the Industrial Strategy's four Grand Challenges. An **ageing
# society** and **clean growth** have local statistics (residents' ages, emissions per
# resident). **AI and data** and the **future of mobility** have none of their own: they are
# described by the industries most tied to them, the same proxies as in the sectors chapter
# and with the same figures (Census 2021 residents in employment, counted where they live).

# %% tags=["remove"]
display(Markdown("\n".join(f"- {s}" for s in foundations_text.grand_challenges_lines(result))))
display(Markdown("\n".join(f"- {s}" for s in
                             foundations_text.grand_challenge_proxy_lines(result))))
fig, alt = foundations_charts.grand_challenges(result)
charts.show(fig, alt_text=alt)

# %% tags=["remove", "appendix"]
chapter.table(foundations_text.proxies_table(result), name="grand_challenge_proxies",
              title=f"Grand Challenge industry proxies: residents in employment, 2021: "
                    f"{area.name}",
              source=la.source_line("census2021_industry_lad"),
              source_dataset_ids=["census2021_industry_lad"], units="persons; %",
              notes=["Groupings are sets of SIC 2007 divisions (lis_analytics/config/"
                     "sector_groupings.yaml); Grand Challenge groupings are proxies, the same "
                     "as in the sectors chapter, with the same figures.",
                     "Residence-based: residents in employment counted where they live, by "
                     "the industry they work in (Census 2021)."])

# %% tags=["remove"]
_ = chapter.save()
