"""Key findings of the people and inclusive-growth chapter."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from lis_analytics.geography import Area
from lis_analytics.indicators import Framework, latest_row, value_at
from lis_analytics.present.text.indicators import (
    ENGLAND_CODE,
    describe_against,
    value_in_sentence,
)
from lis_analytics.present.text.people import pay_gap_sentence
from lis_analytics.present.text.words import its

if TYPE_CHECKING:
    from lis_analytics.chapters.people import PeopleResult


def findings(result: PeopleResult) -> list[str]:
    """The chapter's key findings (:func:`people_findings` on the result's inputs)."""
    inputs = result.inputs
    return people_findings(inputs.values, inputs.framework, result.area, inputs.benchmarks,
                           inputs.comparator_codes)


def people_findings(results: pd.DataFrame, framework: Framework, area: Area,
                    benchmarks: Mapping[str, str], comparator_codes: Sequence[str]) -> list[str]:
    """Key findings of the people and inclusive-growth chapter, generated from the data."""
    out = [describe_against(results, framework, area, "employment_rate"),
           describe_against(results, framework, area, "inactivity_rate")]
    res_pay = latest_row(results, area.code, "pay_residence")
    gap = latest_row(results, area.code, "pay_gap_workplace_residence")
    if not pd.isna(gap["value"]):
        out.append(pay_gap_sentence(results, framework, area, gap["period"]))
    elif not pd.isna(res_pay["value"]):
        out.append(describe_against(results, framework, area, "pay_residence"))
    else:
        out.append(f"Median pay is published only for districts, counties and combined "
                   f"authorities, not for {area.name} as a whole; the chapter shows "
                   f"{its(area.name)} districts.")
    out.append(describe_against(results, framework, area, "nvq4plus_share"))
    gdhi = latest_row(results, area.code, "gdhi_per_head")
    eng = value_at(results, ENGLAND_CODE, "gdhi_per_head", gdhi["period"]) if gdhi["period"] \
        else None
    if eng is not None and not pd.isna(gdhi["value"]):
        idx = 100 * gdhi["value"] / eng["value"]
        out.append(f"Disposable household income per head was "
                   f"{value_in_sentence(gdhi['value'], framework.get('gdhi_per_head'))} in "
                   f"{gdhi['period']}, {abs(idx - 100):.0f}% "
                   f"{'above' if idx >= 100 else 'below'} the England average.")
    out.append(describe_against(results, framework, area, "child_poverty"))
    return [s for s in out if s]

