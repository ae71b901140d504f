"""Monitoring baseline: headline indicators at the baseline and now, and the direction of travel.

:func:`analyse` returns :class:`BaselineResult`: for each headline indicator of the framework,
the value at the baseline (the latest period ending by the end of the framework's baseline year,
2019, or the earliest with the gap shown) and the latest value, the change, its z-test (surveys
with intervals) and whether the area is improving, worsening, showing no significant change or
not tested (:func:`baseline_table`), with England's change over the same periods and the test of
the difference; and the changes on one scale for the chart (:func:`travel_frame`).

Examples
--------
>>> import lis_analytics as la
>>> area = la.get_area("E37000015")  # doctest: +SKIP
>>> analyse(area, load_inputs(area)).table["assessment"].value_counts()  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lis_analytics.chapters._indicator_chapters import (
    ENGLAND_CODE,
    IndicatorInputs,
    check_area,
    load_inputs,
    select_inputs,
)
from lis_analytics.chapters.peers import Peers, rank_in_group
from lis_analytics.geography import Area
from lis_analytics.indicators import (
    Framework,
    Indicator,
    Significance,
    area_rows,
    baseline_gap,
    baseline_period,
    change_against_benchmark,
    classify_change,
    compare_periods,
    join_notes,
    latest_row,
    value_at,
)

__all__ = ["SERIES_COLUMNS", "BaselineResult", "against_england_words", "analyse",
           "baseline_table", "headline_split", "load_inputs", "monitoring_series",
           "select_inputs", "travel_frame"]


@dataclass(frozen=True)
class BaselineResult:
    """The monitoring baseline of one area.

    Attributes
    ----------
    inputs : IndicatorInputs
        The area's indicator values, framework and peers.
    table : DataFrame
        The baseline table (:func:`baseline_table`), one row per headline indicator.
    travel : DataFrame
        Indicators with a change (:func:`travel_frame`), for the direction-of-travel chart.
    not_assessed : DataFrame
        Rows of :attr:`table` without a change (no comparable earlier figure).
    moved_out : DataFrame
        Headline candidates moved out of the headline set for lack of coverage across the
        default areas (:func:`headline_split`), with ``n_covered``, ``n_areas``, ``coverage``.
    series : DataFrame
        Every published period of the indicators of :attr:`table`, for the area and England
        (:func:`monitoring_series`), with the z statistic of each tested change.
    """

    inputs: IndicatorInputs
    table: pd.DataFrame
    travel: pd.DataFrame
    not_assessed: pd.DataFrame
    moved_out: pd.DataFrame = field(default_factory=pd.DataFrame)
    series: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def area(self) -> Area:
        """The area of the chapter."""
        return self.inputs.area


def _england_test(results: pd.DataFrame, area: Area, england_code: str, ind: Indicator,
                  base: str, latest: str, cmp: dict, eng: dict) -> Significance:
    """The area's change against England's over the same periods (money: % changes)."""
    if not ind.ci:
        return Significance(None, "none" if ind.is_survey else "no sampling error")
    a1, a2 = (value_at(results, area.code, ind.id, p) for p in (base, latest))
    e1, e2 = (value_at(results, england_code, ind.id, p) for p in (base, latest))
    if e1 is None or e2 is None:
        return Significance(None, "none")
    return change_against_benchmark(a1["value"], cmp["se_base"], a2["value"], cmp["se_latest"],
                                    e1["value"], eng["se_base"], e2["value"], eng["se_latest"],
                                    relative=ind.unit.startswith("£"))


def against_england_words(sig: Significance, direction: str, difference: float = np.nan,
                          unit: str = "") -> str:
    """The area's change against England's in words, with the z statistic when tested.

    ``difference`` and ``unit`` describe the difference in changes of a value without
    sampling error (``sig.method == "no sampling error"``), e.g. ``+0.7`` ``"percentage
    points"``.

    Examples
    --------
    >>> against_england_words(Significance(False, "z", -0.49), "higher_is_better")
    'not significantly different from England (z = -0.49)'
    >>> against_england_words(Significance(True, "z", 2.5, 1.2), "lower_is_better")
    'significantly worse than England (z = 2.50)'
    >>> against_england_words(Significance(None, "none"), "higher_is_better")
    'not tested (no interval)'
    >>> against_england_words(Significance(None, "no sampling error"), "higher_is_better",
    ...                       0.74, "percentage points of growth")
    "+0.7 percentage points of growth against England's change (not a survey estimate)"
    """
    if sig.method == "no sampling error":
        if pd.isna(difference):
            return "no England change to compare"
        return (f"{difference:+,.1f} {unit} against England's change "
                "(not a survey estimate)").replace("  ", " ")
    if sig.significant is None:
        return "not tested (no interval)"
    z = f"z = {sig.statistic:.2f}"
    if not sig.significant:
        return f"not significantly different from England ({z})"
    if direction == "neutral":
        return f"significantly {'above' if sig.difference > 0 else 'below'} England's change ({z})"
    better = sig.difference > 0 if direction == "higher_is_better" else sig.difference < 0
    return f"significantly {'better' if better else 'worse'} than England ({z})"


def baseline_table(results: pd.DataFrame, framework: Framework, area: Area,
                   england_code: str = ENGLAND_CODE, indicators: Sequence[str] | None = None
                   ) -> pd.DataFrame:
    """The monitoring baseline: baseline and latest values, change, its test and direction.

    The baseline period of each indicator follows the stated rule
    (:data:`~lis_analytics.indicators.BASELINE_RULE`): the latest period ending on or before
    31 December of the framework's ``baseline_year``; if the area has none, its earliest
    period, with the gap in years (``baseline_gap``, positive: after the target).

    Tests (:mod:`lis_analytics.indicators.significance`):

    - survey indicators with 95% intervals: the change is z-tested
      (``z = (x2 - x1) / sqrt(se1^2 + se2^2)``, ``se = (u - l) / 3.92``), and the change
      against England's (``against_england``) with
      ``d = (a2 - a1) - (e2 - e1)``, ``se_d = sqrt(sa1^2 + sa2^2 + se1^2 + se2^2)``;
    - survey indicators without intervals: "not tested", never improving or worsening;
    - other indicators have no sampling error: the change is described as it is (beyond half
      the last decimal shown), and the words say so.

    ``z`` is the z statistic of the test the direction of travel rests on (the change, or for
    survey money the change against England's); NaN when the change is not z-tested.

    Money in current prices (units starting ``£``) is judged **against England's change**
    (cash changes are mostly inflation): survey money (residents' pay) by the z-test on the
    difference in percentage changes; money without sampling error (GVA per hour, income)
    by the difference in percentage changes beyond 0.5 points. ``basis`` says which.
    """
    ids = list(indicators or [i.id for i in framework.indicators if i.headline])
    rows = []
    for iid in ids:
        ind = framework.get(iid)
        own = area_rows(results, area.code, iid)
        pers = list(own.loc[own["value"].notna(), "period"])
        latest = latest_row(results, area.code, iid)
        rec = {"theme": ind.theme, "indicator_id": iid, "indicator": ind.title,
               "unit": ind.unit, "direction": ind.direction.replace("_", " "),
               "baseline_period": "", "baseline_gap": pd.NA, "baseline_value": np.nan,
               "latest_period": latest.get("period_label") or latest["period"],
               "latest_value": latest["value"], "change": np.nan,
               "significance": "", "assessment": "", "england_change": np.nan,
               "england_change_pct": np.nan, "against_england": "",
               "status": latest["status"], "note": latest.get("reason") or "",
               "basis": "", "datasets": ", ".join(ind.datasets), "z": np.nan}
        if pers and latest["status"] != "regional":
            base = baseline_period(pers, framework.baseline_year, latest["period"])
            if base is None:
                rec["assessment"] = "single period: baseline only"
                rec["note"] = join_notes(rec["note"], "only one period published so far: "
                                          "the latest figure is the baseline")
                rec["baseline_period"] = rec["latest_period"]
                rec["baseline_gap"] = baseline_gap(latest["period"], framework.baseline_year)
                rec["baseline_value"] = latest["value"]
            else:
                b = value_at(results, area.code, iid, base)
                cmp = compare_periods(results, area.code, ind, base, latest["period"])
                gap = baseline_gap(base, framework.baseline_year)
                rec.update(baseline_period=b["period_label"] or base, baseline_value=b["value"],
                           baseline_gap=gap, change=cmp["change"],
                           significance=cmp["significance"], assessment=cmp["assessment"],
                           z=cmp["z"])
                e = compare_periods(results, england_code, ind, base, latest["period"])
                rec["england_change"] = e["change"]
                eb = value_at(results, england_code, iid, base)
                rec["england_change_pct"] = (100 * e["change"] / abs(eb["value"])
                                             if eb is not None and eb["value"] else np.nan)
                own_pct = 100 * cmp["change"] / abs(b["value"]) if b["value"] else np.nan
                vs = _england_test(results, area, england_code, ind, base, latest["period"],
                                   cmp, e)
                money = ind.unit.startswith("£")
                d_units = (own_pct - rec["england_change_pct"] if money
                           else cmp["change"] - e["change"])
                rec["against_england"] = against_england_words(
                    vs, ind.direction, d_units,
                    "percentage points of growth" if money else
                    "percentage points" if ind.unit.startswith("%") else ind.unit)
                notes = [rec["note"]]
                if gap > 0:
                    notes.append(f"baseline {rec['baseline_period']}: no period ending by "
                                 f"{framework.baseline_year} is published for this area, so "
                                 f"its earliest ({gap} year{'s' if gap != 1 else ''} after "
                                 f"{framework.baseline_year})")
                elif gap < 0:
                    notes.append(f"baseline {rec['baseline_period']}: the latest period ending "
                                 f"by {framework.baseline_year} ({-gap} year"
                                 f"{'s' if gap != -1 else ''} before)")
                if ind.unit.startswith("£") and ind.direction != "neutral":
                    rec["basis"] = "against England's change (current prices)"
                    notes.append(f"cash change {own_pct:+.1f}% against England "
                                 f"{rec['england_change_pct']:+.1f}%")
                    if ind.ci:
                        rec["assessment"] = (
                            "not significantly different from England"
                            if vs.significant is False
                            else classify_change(vs.difference, ind.direction, vs))
                        rec["significance"] = (f"{vs.label} against England (z = "
                                               f"{vs.statistic:.2f})" if vs.significant
                                               is not None else vs.label)
                        rec["z"] = vs.statistic  # the test the direction rests on
                        rec["basis"] += ", z-test on the difference in % changes"
                    elif ind.is_survey:
                        rec["assessment"] = "not tested"
                        rec["z"] = np.nan
                    else:
                        rel = own_pct - rec["england_change_pct"]
                        if pd.isna(rel):
                            rec["assessment"] = "not assessed (no England change)"
                        else:
                            rec["assessment"] = classify_change(rel, ind.direction,
                                                                None, 0.5)
                        rec["basis"] += ", not a survey estimate (difference beyond 0.5 points)"
                else:
                    rec["basis"] = ("change, z-test at 5% on the 95% intervals" if ind.ci
                                    else "not tested: survey estimate without an interval"
                                    if ind.is_survey
                                    else "change (not a survey estimate: no sampling error)")
                rec["note"] = join_notes(*notes)
        elif not pers:
            rec["assessment"] = "not available"
        else:
            rec["assessment"] = "regional figure only"
        rows.append(rec)
    return pd.DataFrame(rows)


def headline_split(framework: Framework, coverage: pd.DataFrame | None
                   ) -> tuple[list[str], pd.DataFrame]:
    """The headline set and the candidates moved out of it, from the headline coverage.

    A ``headline`` candidate stays when at least ``framework.headline_min_coverage`` of the
    default areas have a baseline and a later value
    (:func:`~lis_analytics.indicators.headline_coverage`); without coverage every candidate
    stays.

    Examples
    --------
    >>> from lis_analytics.indicators import parse_framework
    >>> spec = {"title": "T", "theme": "People", "unit": "%", "direction": "neutral",
    ...         "aggregation": "sum", "headline": True, "value": {"dataset": "d", "measure": "m"}}
    >>> fw = parse_framework({"indicators": [{**spec, "id": "a"}, {**spec, "id": "b"}]})
    >>> cov = pd.DataFrame({"indicator_id": ["a", "b"], "n_areas": 55, "n_covered": [55, 5],
    ...                     "coverage": [1.0, 5 / 55], "headline": [True, False]})
    >>> kept, moved = headline_split(fw, cov)
    >>> kept, moved["indicator_id"].tolist()
    (['a'], ['b'])
    """
    ids = [i.id for i in framework.indicators if i.headline]
    if coverage is None or not len(coverage):
        return ids, pd.DataFrame(columns=["indicator_id", "n_areas", "n_covered", "coverage",
                                          "headline"])
    keep = set(coverage.loc[coverage["headline"].astype(bool), "indicator_id"])
    moved = coverage[~coverage["indicator_id"].isin(keep)].reset_index(drop=True)
    return [i for i in ids if i in keep], moved


def travel_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Changes since the baseline on one scale: percentage points for rates, % for others.

    Adds ``pct`` (the area's change) and ``eng_pct`` (England's over the same periods) to
    the rows of :func:`baseline_table` that have a change and a non-zero baseline, in
    reverse order (the chart draws them bottom up).

    Examples
    --------
    >>> t = pd.DataFrame({"unit": ["%", "£"], "change": [1.5, 10.0],
    ...                   "baseline_value": [70.0, 200.0], "england_change": [1.0, 8.0],
    ...                   "england_change_pct": [1.4, 4.0]})
    >>> travel_frame(t)[["pct", "eng_pct"]].values.tolist()
    [[5.0, 4.0], [1.5, 1.0]]
    """
    moved = table.dropna(subset=["change", "baseline_value"]).copy()
    moved = moved[moved["baseline_value"] != 0]
    is_rate = moved["unit"].astype(str).str.startswith("%")
    # rates move in percentage points; other indicators in % of their baseline value
    moved["pct"] = np.where(is_rate, moved["change"],
                            100 * moved["change"] / moved["baseline_value"].abs())
    moved["eng_pct"] = np.where(is_rate, moved["england_change"], moved["england_change_pct"])
    return moved.iloc[::-1].reset_index(drop=True)


SERIES_COLUMNS: tuple[str, ...] = (
    "indicator_id", "indicator", "unit", "decimals", "direction", "area", "area_code",
    "period", "period_label", "value", "lci_95", "uci_95", "rank", "n_ranked", "rank_words",
    "role", "z")
"""Columns of :func:`monitoring_series`."""


def monitoring_series(values: pd.DataFrame, framework: Framework, area: Area,
                      table: pd.DataFrame, england_code: str = ENGLAND_CODE,
                      peers: Peers | None = None) -> pd.DataFrame:
    """Every published period of the baseline's indicators, for the area and for England.

    The trend behind each row of the baseline table, for a reader's small trend lines: one
    row per indicator, place and period with a value, oldest period first.

    Parameters
    ----------
    values : DataFrame
        Indicator values (the ``indicator_values`` table or the rows of the area and England).
    framework : Framework
        The indicator framework (titles, units, decimals, directions).
    area : Area
        The area of the pack.
    table : DataFrame
        The baseline table (:func:`baseline_table`) with its ``z`` column: the indicators to
        take, their baseline and latest periods and the test of each change.
    england_code : str
        England's code.
    peers : Peers, optional
        The area's peer group, to name each rank in words (``rank_words``, e.g. ``'15th of
        38 LEPs'``); without it ``rank_words`` is empty.

    Returns
    -------
    DataFrame
        :data:`SERIES_COLUMNS`. ``area`` is ``"area"`` or ``"England"``; ``rank`` and
        ``n_ranked`` are the area's rank among its peer group in that period (1 = best) and
        ``rank_words`` the rank naming its group; ``role`` marks the area's
        ``"baseline"`` and ``"latest"`` rows (as the baseline table labels them); ``z`` on the
        area's latest row is the z statistic of the test of the change since the baseline
        (NaN when the change is not z-tested).

    Examples
    --------
    >>> from lis_analytics.indicators import parse_framework
    >>> fw = parse_framework({"indicators": [{
    ...     "id": "emp", "title": "Employment rate", "theme": "People", "unit": "%",
    ...     "direction": "higher_is_better", "aggregation": "sum", "headline": True,
    ...     "value": {"dataset": "d", "measure": "m"}}]})
    >>> v = pd.DataFrame({"indicator_id": "emp", "area_code": ["X", "X", "E92000001"],
    ...                   "period": ["2019", "2023", "2023"], "period_label": None,
    ...                   "value": [70.0, 72.0, 75.0], "lci_95": np.nan, "uci_95": np.nan,
    ...                   "rank": [3, 2, np.nan], "n_ranked": [38, 38, np.nan]})
    >>> t = pd.DataFrame({"indicator_id": ["emp"], "baseline_period": ["2019"],
    ...                   "latest_period": ["2023"], "z": [np.nan]})
    >>> s = monitoring_series(v, fw, Area("X", "X", "LEP", ("A",)), t)
    >>> s[["area", "period", "value", "role"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['area', '2019', 70.0, 'baseline'], ['area', '2023', 72.0, 'latest'],
     ['England', '2023', 75.0, '']]
    """
    rows = []
    for rec in table.itertuples(index=False):
        ind = framework.get(rec.indicator_id)
        for place, code in (("area", area.code), ("England", england_code)):
            own = area_rows(values, code, ind.id)
            own = own[own["value"].notna()]
            for r in own.to_dict("records"):
                label = r.get("period_label") or r["period"]
                role = ""
                if place == "area":
                    role = ("latest" if label == rec.latest_period else
                            "baseline" if label == rec.baseline_period else "")
                rows.append({
                    "indicator_id": ind.id, "indicator": ind.title, "unit": ind.unit,
                    "decimals": ind.decimals, "direction": ind.direction.replace("_", " "),
                    "area": place, "area_code": code, "period": r["period"],
                    "period_label": label, "value": float(r["value"]),
                    "lci_95": r.get("lci_95", np.nan), "uci_95": r.get("uci_95", np.nan),
                    "rank": r.get("rank", np.nan) if place == "area" else np.nan,
                    "n_ranked": r.get("n_ranked", np.nan) if place == "area" else np.nan,
                    "rank_words": (rank_in_group(r.get("rank"), r.get("n_ranked"), peers)
                                   if place == "area" and peers is not None
                                   and r.get("status") != "regional" else ""),
                    "role": role,
                    "z": getattr(rec, "z", np.nan) if role == "latest" else np.nan})
    out = pd.DataFrame(rows, columns=list(SERIES_COLUMNS))
    for col in ("value", "lci_95", "uci_95", "rank", "n_ranked", "z"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
    return out


def analyse(area: Area, inputs: IndicatorInputs) -> BaselineResult:
    """The monitoring baseline of an area, from its indicator values.

    Parameters
    ----------
    area : Area
        The area of the pack (the area of ``inputs``).
    inputs : IndicatorInputs
        From :func:`load_inputs` (or :func:`select_inputs` on a table you hold).

    Returns
    -------
    BaselineResult
    """
    check_area(area, inputs)
    kept, moved = headline_split(inputs.framework, inputs.coverage)
    table = baseline_table(inputs.values, inputs.framework, area, ENGLAND_CODE, kept)
    table["headline"] = "yes"
    if len(moved):
        # outside the headline set, but shown where this area has a baseline and a later value
        extra = baseline_table(inputs.values, inputs.framework, area, ENGLAND_CODE,
                               list(moved["indicator_id"]))
        extra = extra[extra["change"].notna()].copy()
        cov = moved.set_index("indicator_id")
        extra["headline"] = [f"no: {cov.at[i, 'n_covered']} of {cov.at[i, 'n_areas']} default "
                             "areas have a baseline and a later value"
                             for i in extra["indicator_id"]]
        table = pd.concat([table, extra], ignore_index=True)
    ranks = []
    for iid in table["indicator_id"]:
        row = latest_row(inputs.values, area.code, iid)
        ranks.append("" if row.get("status") == "regional" else
                     rank_in_group(row.get("rank"), row.get("n_ranked"), inputs.peers))
    table["rank_latest"] = ranks
    series = monitoring_series(inputs.values, inputs.framework, area, table, ENGLAND_CODE,
                               inputs.peers)
    table = table.drop(columns="z")  # kept with the series, beside the latest value it tests
    return BaselineResult(inputs, table, travel_frame(table), table[table["change"].isna()],
                          moved, series)
