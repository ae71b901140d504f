"""Prose and tables of the people and inclusive-growth chapter.

Each ``*_table`` function returns the keyword arguments of
:meth:`lis_analytics.present.Chapter.table` for one of the chapter's tables, built from a
:class:`~lis_analytics.chapters.people.PeopleResult`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lis_analytics.geography import Area
from lis_analytics.indicators import (
    Framework,
    join_notes,
    latest_row,
    significant_difference,
    value_at,
)
from lis_analytics.present.text.indicators import (
    ENGLAND_CODE,
    format_value,
    rounded,
    source_line,
    source_words,
    table_ready,
)
from lis_analytics.present.text.words import its

LABOUR: tuple[str, ...] = ("employment_rate", "inactivity_rate", "unemployment_rate",
                           "claimant_rate")
"""Employment, inactivity, unemployment and claimant rates."""
PAY: tuple[str, ...] = ("pay_residence", "pay_workplace", "pay_gap_workplace_residence",
                        "pay_residence_ft", "pay_workplace_ft")
"""Pay indicators of the pay table (the first three in the result's ``pay_period``)."""
SKILLS: tuple[str, ...] = ("nvq4plus_share", "no_qualifications_share", "level3plus_rate")
"""Skills indicators."""
INCOME: tuple[str, ...] = ("gdhi_per_head", "child_poverty", "income_deprivation", "imd_score",
                           "hle_female", "hle_male")
"""Income, poverty, deprivation and health indicators."""

if TYPE_CHECKING:
    from lis_analytics.chapters.people import PeopleResult


def comparison_table(results: pd.DataFrame, framework: Framework, area: Area,
                     indicator_ids: Sequence[str], benchmarks: Mapping[str, str],
                     comparator_codes: Sequence[str],
                     periods: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Latest value of each indicator with benchmarks, comparator median and a significance test.

    The England comparison of a survey indicator says whether the difference is
    significant (:func:`significant_difference`); others say "higher" or "lower".
    ``periods`` (indicator -> period) fixes the period of some indicators (e.g. workplace
    and residence pay in the same year). When the area has no figure, England, the region
    and the comparators are shown for England's latest period; the ``Note`` column says why
    a figure is missing or where it comes from.
    """
    rows = []
    periods = dict(periods or {})
    for iid in indicator_ids:
        ind = framework.get(iid)
        own = latest_row(results, area.code, iid)
        if iid in periods:
            fixed = value_at(results, area.code, iid, periods[iid])
            own = fixed if fixed is not None else pd.Series(
                {**own.to_dict(), "period": periods[iid], "period_label": periods[iid],
                 "value": np.nan, "reason": own.get("reason") or "no figure for this year"})
        period = own["period"]
        if not period or pd.isna(own["value"]):
            eng_latest = latest_row(results, ENGLAND_CODE, iid)
            period = periods.get(iid) or eng_latest["period"] or ""
            eng_at = value_at(results, ENGLAND_CODE, iid, period) if period else None
            label = eng_at.get("period_label") if eng_at is not None else None
            own = pd.Series({**own.to_dict(), "period": period, "period_label": label or period})
        rec = {"Indicator": ind.title, "Period": own.get("period_label") or period,
               area.name: own["value"]}
        eng = None
        for label, code in benchmarks.items():
            b = value_at(results, code, iid, period) if period else None
            rec[label] = b["value"] if b is not None else np.nan
            if code == ENGLAND_CODE:
                eng = b
        comp = [value_at(results, c, iid, period) for c in comparator_codes] if period else []
        comp_vals = [c["value"] for c in comp if c is not None and c["status"] != "regional"]
        rec["Comparator median"] = float(np.median(comp_vals)) if comp_vals else np.nan
        if eng is not None and not pd.isna(own["value"]) and own["status"] != "regional":
            diff = own["value"] - eng["value"]
            word = "higher" if diff > 0 else "lower"
            if ind.ci:
                sig = significant_difference(own["value"], own["lci_95"], own["uci_95"],
                                             eng["value"], eng["lci_95"], eng["uci_95"])
                if sig.significant is None:
                    word = f"{word} (not tested: no interval)"
                elif sig.significant is False:
                    word = "no significant difference"
                elif sig.significant:
                    word = f"significantly {word}"
            if diff == 0 or rounded(diff, ind.decimals) == 0:
                word = "the same"
            rec["Compared with England"] = word
        elif own["status"] == "regional":
            rec["Compared with England"] = "not compared (regional figure)"
        else:
            rec["Compared with England"] = "not available"
        notes = [own.get("reason") or ""]
        if eng is None:
            notes.append("England: no published figure for this period")
        rec["Note"] = join_notes(*notes) or "none"
        rec["Unit"] = "per cent" if ind.unit == "%" else ind.unit
        rec["Source"] = source_words(ind)
        rows.append(rec)
    return pd.DataFrame(rows)



def pay_gap_sentence(results: pd.DataFrame, framework: Framework, area: Area, period: str,
                     subject: str | None = None) -> str:
    """Workplace against residence median pay for the SAME year, worded from the sign.

    Both medians are all employee jobs (full- and part-time); a gap that rounds to
    zero is called "about the same".
    """
    subject = subject or area.name
    w = value_at(results, area.code, "pay_workplace", period)
    r = value_at(results, area.code, "pay_residence", period)
    if w is None or r is None:
        return ""
    spec = framework.get("pay_residence")
    when = r.get("period_label") or period
    gap = rounded(w["value"] - r["value"], 0)
    figures = (f"jobs {format_value(w['value'], spec)}, residents "
               f"{format_value(r['value'], spec)}")
    if gap == 0:
        return (f"Jobs in {subject} paid about the same as {its(subject)} residents earned in "
                f"{when} "
                f"(median weekly pay, all employees: {figures}).")
    more = "more" if gap > 0 else "less"
    why = ("in-commuters take a share of the better-paid jobs." if gap > 0
           else "residents earn more by working elsewhere.")
    return (f"Jobs in {subject} paid £{abs(gap):,.0f} a week {more} than {its(subject)} "
            "residents earned "
            f"in {when} (median weekly pay, all employees: {figures}): {why}")



def periods_sentence(result: PeopleResult) -> str:
    """The latest period of each headline indicator, grouped: the chapter mixes periods openly.

    Each survey and each table has its own latest year (for example employment 2023,
    unemployment 2022, residence pay 2025, workplace pay 2024); the sentence lists them so no
    figure is read as of another year.
    """
    head = result.headline
    groups: dict[str, list[str]] = {}
    for r in head.itertuples():
        if r.period and not pd.isna(r.value):
            groups.setdefault(str(r.period), []).append(
                result.inputs.framework.get(r.indicator_id).name)
    if not groups:
        return ""
    parts = [f"{', '.join(names)}: {period}" for period, names in groups.items()]
    parts[0] = parts[0][:1].upper() + parts[0][1:]
    return ("Latest figures are not all for the same year; each comes from its newest "
            "release. " + "; ".join(parts) + ".")


def comparators_sentence(result: PeopleResult) -> str:
    """Which areas the chapter compares with, and how they were chosen."""
    inputs = result.inputs
    return ("Comparator areas (statistical nearest neighbours unless chosen by the user): "
            + ", ".join(inputs.names.get(c, c) for c in inputs.comparator_codes) + ".")


def _comparison(result: PeopleResult, ids: Sequence[str], **kwargs) -> pd.DataFrame:
    inputs = result.inputs
    return comparison_table(inputs.values, inputs.framework, result.area, ids, inputs.benchmarks,
                            inputs.comparator_codes, **kwargs)


def _datasets(framework: Framework, ids: Sequence[str]) -> list[str]:
    return [d for i in ids for d in framework.get(i).datasets]


def labour_table(result: PeopleResult) -> dict:
    """Employment, inactivity and unemployment against England, the region and comparators."""
    framework, area = result.inputs.framework, result.area
    labour = _comparison(result, LABOUR)
    return dict(frame=table_ready(labour.round(1).replace(-0.0, 0.0)),
                name="people_labour_market",
                title=f"Employment, inactivity and unemployment: {area.name}",
                source=source_line(framework, LABOUR),
                source_dataset_ids=_datasets(framework, LABOUR),
                units="% (see Unit column)",
                notes=["Survey differences from England: two-sided z-test at 5% with "
                       "standard errors from the 95% confidence intervals, se = (upper - "
                       "lower) / 3.92, z = difference / sqrt(se1^2 + se2^2).",
                       "Comparator median: the middle value of the comparator areas."])


def pay_table(result: PeopleResult) -> dict:
    """Median pay by workplace and residence, the first three in the same year."""
    framework, area, pay_period = result.inputs.framework, result.area, result.pay_period
    table = _comparison(result, PAY, periods={i: pay_period for i in PAY[:3]})
    num_cols = table.select_dtypes("number").columns
    table[num_cols] = table[num_cols].round(0) + 0.0  # no "-0"
    latest = latest_row(result.inputs.values, area.code, "pay_residence")
    newer = []
    if latest["period"] and latest["period"] != pay_period and not pd.isna(latest["value"]):
        spec = framework.get("pay_residence")
        newer = [f"Residence pay is also published for {latest['period_label'] or latest['period']}"
                 f" ({format_value(latest['value'], spec)} for {area.name}, the chapter's "
                 f"headline figure); the table shows April {pay_period}, the latest year with "
                 "workplace pay, so that the gap compares the same year."]
    return dict(frame=table_ready(table), name="people_pay",
                title=f"Median weekly pay by workplace and residence: {area.name}",
                source=source_line(framework, PAY),
                source_dataset_ids=sorted({d for i in PAY[:2] + PAY[3:]
                                           for d in framework.get(i).datasets}),
                units="£ per week",
                notes=["Medians are not aggregated: [x] means ONS publishes no figure for "
                       "exactly this area's districts (the Note column says why).",
                       f"Workplace pay, residence pay and the gap are all for April "
                       f"{pay_period}, all employee jobs, so that they compare like with like; "
                       f"residence pay for April {pay_period} is the revised ASHE estimate, "
                       "workplace pay the provisional table 7. Full-time rows are for their "
                       "own latest year (the Period column): full-time residence pay comes "
                       "from ASHE table 8, the newest full-time residence file held.", *newer])


def district_pay_table(result: PeopleResult) -> dict:
    """Median pay of each district (workbook only)."""
    framework = result.inputs.framework
    district_pay = result.pay_by_district.rename(columns={
        "pay_workplace": "Workplace median (£/week)", "pay_residence": "Residence median (£/week)"})
    return dict(frame=table_ready(district_pay.round(0)), name="people_pay_by_district",
                title=f"Median weekly pay by district, April {result.pay_period}",
                source=source_line(framework, ["pay_workplace", "pay_residence"]),
                source_dataset_ids=["ashe_t7_workplace_2024", "els_median_weekly_pay"],
                units="£ per week, all employee jobs", display=False)


def skills_table(result: PeopleResult) -> dict:
    """Skills against England, the region and comparators."""
    framework, area = result.inputs.framework, result.area
    skills = _comparison(result, SKILLS)
    return dict(frame=table_ready(skills.round(1).replace(-0.0, 0.0)), name="people_skills",
                title=f"Skills: {area.name}", source=source_line(framework, SKILLS),
                source_dataset_ids=_datasets(framework, SKILLS),
                units="% of residents aged 16 to 64",
                notes=["NVQ (to 2021) and RQF (from 2022) qualification levels are not "
                       "comparable."])


def income_table(result: PeopleResult) -> dict:
    """Income, poverty, deprivation and health against England, the region and comparators."""
    framework, area = result.inputs.framework, result.area
    income = _comparison(result, INCOME)
    return dict(frame=table_ready(income.round(1).replace(-0.0, 0.0)),
                name="people_income_deprivation",
                title=f"Income, poverty, deprivation and health: {area.name}",
                source=source_line(framework, INCOME),
                source_dataset_ids=_datasets(framework, INCOME),
                units="see Unit column",
                notes=["IoD 2019 covers England only; healthy life expectancy is published for "
                       "upper-tier authorities and combined authorities only."])
