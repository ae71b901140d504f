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

# %% [markdown]
# # Exploring the evidence base: five questions in a few lines each
#
# `import lis_analytics as la` gives one function per question. Each takes an area as an
# object, a code or a name, and returns a tidy table with documented columns (see
# `help(la.productivity)`). The evidence packs use the same functions underneath.
#
# | function | answers |
# | --- | --- |
# | `la.productivity(area)` | GVA per hour and per job, every year |
# | `la.location_quotients(area, year=None, measure="gva" or "jobs")` | industries' concentration against England |
# | `la.shift_share(area, start, end)` | growth split into national, industry-mix and local effects |
# | `la.self_containment(area, year=2011 or 2021)` | how much of the area's commuting stays inside it |
# | `la.ttwas(year=2011)` | travel-to-work areas built from the Census flows |
# | `la.indicators(area)` | the five-foundations indicators, every period |
# | `la.comparators(area)` | the statistical nearest neighbours |

# %%
import pandas as pd

import lis_analytics as la

pd.set_option("display.width", 120)

# %% [markdown]
# ## 1. Which industries make Wigan distinctive, against England?
#
# Location quotients of GVA (current prices) for the latest year: 2 means twice as
# concentrated as in England.

# %%
lq = la.location_quotients("Wigan")
lq.sort_values("lq", ascending=False).head(8)[["industry", "value", "share", "england_share", "lq"]]

# %% [markdown]
# ## 2. Which LEPs have the largest productivity gap to the UK?
#
# GVA per hour worked of each of the 38 LEPs of 2021 (a ratio of sums over their
# districts), and the gap in pounds a year: (UK rate − LEP rate) × the LEP's hours.

# %%
leps = la.all_areas(["LEP"])
prod = pd.concat([la.productivity(a) for a in leps])
latest = prod["period"].max()
wide = prod[prod["period"] == latest].pivot(index="area_name", columns="measure", values="value")
uk_per_hour = wide["gva_per_hour"] / wide["gva_per_hour_index"] * 100
wide["gap_gbp_million"] = (uk_per_hour - wide["gva_per_hour"]) * wide["hours"] / 1e6
wide.sort_values("gap_gbp_million", ascending=False)[
    ["gva_per_hour", "gva_per_hour_index", "gap_gbp_million"]].head(5).round(1)

# %% [markdown]
# ## 3. How self-contained is Cumbria's labour market?
#
# The share of the area's working residents who also work there (supply side), and the
# share of its jobs held by its residents (demand side), in 2011 and 2021. The 2021
# Census was taken in lockdown, so its commuting is unusually local.

# %%
pd.concat([la.self_containment("LEP:Cumbria", year=year) for year in (2011, 2021)])

# %% [markdown]
# ## 4. How did Greater Manchester's industry mix shape its growth?
#
# Shift-share of real GVA between two years: what national growth, the industry mix and
# local competitiveness each contributed.

# %%
ss = la.shift_share("E37000015", start="2012", end="2022")
effects = ["actual_change", "national_share", "industry_mix", "competitive"]
print(ss[effects].sum().round(0))  # £ million at 2022 prices
ss.sort_values("competitive")[["industry", *effects]].head(5).round(0)

# %% [markdown]
# ## 5. Who are the Oxford–Cambridge Arc's comparators, and how does it score on Ideas?
#
# A value that cannot be computed is missing, with the reason (here: R&D spending is
# published for regions, not for the Arc's districts).

# %%
la.comparators("oxford_cambridge_arc")[["rank", "comparator_name", "distance"]]

# %%
ind = la.indicators("oxford_cambridge_arc")
ideas = ind[ind["theme"] == "Ideas"].groupby("indicator_id").tail(1)  # latest period of each
ideas[["indicator", "period", "value", "unit", "status", "reason"]]

# %% [markdown]
# ## And the travel-to-work areas themselves
#
# The ONS method (Coombes and Bond) run on the 2011 Census flows between districts.

# %%
zones = la.ttwas(year=2011)
zones["ttwa"].nunique(), zones.head()
