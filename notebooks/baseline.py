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

from IPython.display import Markdown, display

import lis_analytics as la
from lis_analytics.chapters import baseline
from lis_analytics.present import Chapter, charts
from lis_analytics.present.charts import baseline as baseline_charts
from lis_analytics.present.findings import baseline as baseline_findings
from lis_analytics.present.text import baseline as baseline_text

area = la.get_area(area_code)
result = baseline.analyse(area, baseline.load_inputs(area, comparator_codes, latest_year))
chapter = Chapter("baseline", "Monitoring baseline", area.code, area.name, output_dir or None)

# %% [markdown]
# ## Monitoring baseline
#
# A Local Industrial Strategy needs a small set of headline indicators to track: where each
# stood at the **baseline** (2019, when most strategies were agreed), where it is now, and
# whether the area is improving, worsening or showing no significant change.

# %% [markdown] tags=["appendix"]
# ### The monitoring table
#
# For each headline indicator the table gives a **baseline** (the latest period ending on or before 31 December 2019, when most
# strategies were agreed; where an area has none, its earliest period, with the gap to 2019
# shown), the **latest** value, the change and whether the area is **improving, worsening,
# showing no significant change or not tested**. Survey estimates with 95% confidence intervals
# (Annual Population Survey, ASHE) are tested: a two-sided z-test at 5% on the change, with
# standard errors from the intervals, and the same test on the area's change against England's.
# Surveys published without an interval are "not tested". Administrative and census figures
# have no sampling error: changes smaller than the last decimal shown count as no change. The
# table is in the pack's workbook and in `monitoring_baseline.csv`, ready to be updated as new
# releases come out.

# %% tags=["remove"]
chapter.key_findings(baseline_findings.findings(result))
for r in result.table.itertuples():
    spec = result.inputs.framework.get(r.indicator_id)
    chapter.figure(f"{r.indicator_id}_baseline", f"{spec.title} (baseline)", r.baseline_period,
                   r.baseline_value, spec.unit, source_dataset_id=spec.datasets[0],
                   note="monitoring baseline")
    chapter.figure(f"{r.indicator_id}_latest", f"{spec.title} (latest)", r.latest_period,
                   r.latest_value, spec.unit, source_dataset_id=spec.datasets[0],
                   note=f"{r.assessment}; {r.significance}".strip("; "))

# %% tags=["remove", "appendix"]
track = baseline_text.track_table(result)
chapter.table(**baseline_text.baseline_table_record(result, track))
if output_dir:
    track.to_csv(Path(output_dir) / "monitoring_baseline.csv", index=False)

# %% [markdown]
# ### Direction of travel since the baseline

# %% tags=["remove"]
fig, alt = baseline_charts.travel(result)
charts.show(fig, alt_text=alt)

# %% tags=["remove", "appendix"]
if len(result.not_assessed):
    display(Markdown(baseline_text.not_assessed_sentence(result)))
if len(result.moved_out):
    display(Markdown(baseline_text.moved_out_sentence(result)))

# %% tags=["remove"]
chapter.table(**baseline_text.monitoring_series_table(result), display=False)

# %% tags=["remove"]
_ = chapter.save()
