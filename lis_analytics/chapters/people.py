"""People and inclusive growth: who is in work, pay, skills, income and deprivation.

:func:`analyse` reads an area's indicator values (:class:`IndicatorInputs`) and returns
:class:`PeopleResult`: the chapter's headline figures against England and the region, the
series and district breakdowns its charts show. Prose, tables and charts are in
``lis_analytics.present.{text,findings,charts}.people``.

Examples
--------
>>> import lis_analytics as la
>>> area = la.get_area("E37000015")  # doctest: +SKIP
>>> result = analyse(area, load_inputs(area))  # doctest: +SKIP
>>> result.headline.set_index("indicator_id").loc["employment_rate", "value"]  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass

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
    area_rows,
    district_table,
    join_notes,
    latest_row,
    period_year,
    series_table,
    value_at,
)

__all__ = ["PAY", "PEOPLE", "PeopleResult", "analyse", "headline_figures", "load_inputs",
           "pay_period", "select_inputs", "served_years"]

PEOPLE: tuple[str, ...] = (
    "employment_rate", "inactivity_rate", "unemployment_rate", "claimant_rate",
    "pay_residence", "pay_workplace", "pay_gap_workplace_residence", "nvq4plus_share",
    "no_qualifications_share", "level3plus_rate", "gdhi_per_head", "child_poverty",
    "income_deprivation", "imd_score", "hle_female", "hle_male")
"""The chapter's headline indicators (recorded in ``figures.csv``), in order."""

PAY: tuple[str, str] = ("pay_workplace", "pay_residence")
"""Workplace and residence median pay, compared in one year (like with like)."""


@dataclass(frozen=True)
class PeopleResult:
    """The people and inclusive-growth chapter of one area.

    Attributes
    ----------
    inputs : IndicatorInputs
        The area's indicator values, framework and peers the results come from.
    headline : DataFrame
        One row per :data:`PEOPLE` indicator: ``indicator_id, indicator, period, value, unit,
        source_dataset_id, benchmark_england, benchmark_region, note`` (the area's latest
        figure; the benchmarks for the same period; the reason or method as the note).
    employment : DataFrame
        Employment rate, period x (area, England, region) by label.
    employment_band : DataFrame
        The area's employment-rate rows with their 95% intervals (``lci_95, uci_95``).
    pay_period : str
        Year of :attr:`pay_by_district` and :attr:`pay_gap` (:func:`pay_period`); ``""`` when
        no year up to the pack's latest year has both pay figures.
    pay_note : str
        Why there is no pay comparison (empty when there is one).
    pay_by_district : DataFrame
        ``LAD code, District, pay_workplace, pay_residence``: districts with a figure, lowest
        workplace pay first (no rows when :attr:`pay_period` is empty).
    pay_gap : float or None
        Workplace minus residence median weekly pay of the area, whole pounds (``None`` when
        either median is not published for exactly the area).
    england_workplace_pay : float or None
        England's median weekly workplace pay in :attr:`pay_period`.
    skills_period : str
        Latest period of the area's NVQ4+ share.
    skills : DataFrame
        ``label, value, lci, uci, kind`` (``area``, ``benchmark``, ``comparator``): the NVQ4+
        share of the area, benchmarks and comparators in :attr:`skills_period`, lowest first.
    gdhi_index : DataFrame
        Disposable household income per head, period x (area, region), England = 100
        (England's own column is 100).
    """

    inputs: IndicatorInputs
    headline: pd.DataFrame
    employment: pd.DataFrame
    employment_band: pd.DataFrame
    pay_period: str
    pay_note: str
    pay_by_district: pd.DataFrame
    pay_gap: float | None
    england_workplace_pay: float | None
    skills_period: str
    skills: pd.DataFrame
    gdhi_index: pd.DataFrame

    @property
    def area(self) -> Area:
        """The area of the chapter."""
        return self.inputs.area


def headline_figures(inputs: IndicatorInputs, indicator_ids: tuple[str, ...] = PEOPLE
                     ) -> pd.DataFrame:
    """The area's latest figure of each indicator with England and the region in that period.

    Examples
    --------
    >>> from lis_analytics.chapters.peers import Peers
    >>> from lis_analytics.indicators import load_framework
    >>> area = Area("X", "X", "LEP", ("A",))
    >>> values = pd.DataFrame({"indicator_id": "employment_rate", "area_code": ["X", "E92000001"],
    ...     "period": "2022", "period_label": "2022", "value": [70.0, 75.0], "reason": "",
    ...     "method": "ratio of sums over districts"})
    >>> peers = Peers(area, None, {"England": "E92000001"}, (), "user", "LEP", 38)
    >>> inputs = IndicatorInputs(load_framework(), values, peers)
    >>> row = headline_figures(inputs, ("employment_rate",)).iloc[0]
    >>> float(row["value"]), float(row["benchmark_england"])
    (70.0, 75.0)
    """
    values, framework, area = inputs.values, inputs.framework, inputs.area
    eng_code, region_code = inputs.benchmarks["England"], inputs.region_code
    rows = []
    for iid in indicator_ids:
        row = latest_row(values, area.code, iid)
        spec = framework.get(iid)
        eng = value_at(values, eng_code, iid, row["period"]) if row["period"] else None
        reg = value_at(values, region_code, iid, row["period"]) if row["period"] and \
            region_code else None
        rows.append({"indicator_id": iid, "indicator": spec.title,
                     "period": row.get("period_label") or row["period"], "value": row["value"],
                     "unit": spec.unit, "source_dataset_id": spec.datasets[0],
                     "benchmark_england": eng["value"] if eng is not None else np.nan,
                     "benchmark_region": reg["value"] if reg is not None else np.nan,
                     "rank": rank_words(row, inputs.peers),
                     "note": str(row["reason"] or row["method"] or "")})
    out = pd.DataFrame(rows)
    out["note"] = [join_notes(n, f"rank {r}" if r else "")
                   for n, r in zip(out["note"], out["rank"], strict=True)]
    return out


def rank_words(row: pd.Series, peers: Peers) -> str:
    """The rank of an indicator row among the area's peer group, in words ('' if unranked).

    Regional fallback figures are never ranked.

    Examples
    --------
    >>> from lis_analytics.chapters.peers import Peers
    >>> p = Peers(Area("X", "X", "CA", ("A",)), None, {}, (), "user", "CA", 12)
    >>> rank_words(pd.Series({"rank": 4, "n_ranked": 12, "status": "ok"}), p)
    '4th of 12 combined authorities'
    """
    if row.get("status") == "regional":
        return ""
    return rank_in_group(row.get("rank"), row.get("n_ranked"), peers)


def _skills(inputs: IndicatorInputs, period: str) -> pd.DataFrame:
    area, values = inputs.area, inputs.values
    codes = {area.name: area.code, **inputs.benchmarks,
             **{inputs.names.get(c, c): c for c in inputs.comparator_codes}}
    rows = []
    for label, code in codes.items():
        r = value_at(values, code, "nvq4plus_share", period)
        if r is not None:
            rows.append({"label": label, "value": r["value"], "lci": r["lci_95"],
                         "uci": r["uci_95"], "kind": "area" if code == area.code else
                         ("benchmark" if code in inputs.benchmarks.values() else "comparator")})
    return pd.DataFrame(rows, columns=["label", "value", "lci", "uci", "kind"]).sort_values(
        "value")


def pay_period(values: pd.DataFrame, lad_codes: tuple[str, ...] | list[str]) -> str:
    """The latest year in which a district of the area has both workplace and residence pay.

    ``values`` are the pack's indicator values, already cut at its latest year
    (:func:`select_inputs`), so the year is never after it. ``""`` when there is none.

    Examples
    --------
    >>> v = pd.DataFrame({"indicator_id": ["pay_workplace", "pay_residence", "pay_residence"],
    ...                   "area_code": "LA", "period": ["2024", "2024", "2019"],
    ...                   "value": [700.0, 650.0, 600.0]})
    >>> pay_period(v, ["LA"]), pay_period(v[v["period"] < "2024"], ["LA"])
    ('2024', '')
    """
    rows = values[values["indicator_id"].isin(PAY) & values["area_code"].isin(list(lad_codes))
                  & values["value"].notna()]
    both = rows.groupby(["area_code", "period"])["indicator_id"].nunique()
    years = sorted({str(p) for (_, p), n in both.items() if n == len(PAY)})
    return years[-1] if years else ""


def _no_pay_note(values: pd.DataFrame, area: Area) -> str:
    """Why no year up to the pack's latest year compares workplace and residence pay."""
    years = [period_year(p) for p in values["period"] if p]
    latest = f"up to {max(years)} " if years else ""
    held = values.loc[(values["indicator_id"] == "pay_workplace") & values["value"].notna()]
    why = ("median residence pay is missing in the years with workplace pay" if len(held)
           else "the workplace pay table held covers only later years")
    return (f"No year {latest}has both median workplace pay and median residence pay for "
            f"the districts of {area.name} ({why}), so the pay of jobs in the area and of "
            "its residents is not compared here.")


def served_years(values: pd.DataFrame) -> list[str]:
    """The years the indicator chapters can report (``latest_year``).

    The people, foundations and baseline chapters show each indicator's latest period up to
    the year asked for, a missing one with its reason, so they serve every year from the first
    to the last year of the indicator table.

    Examples
    --------
    >>> served_years(pd.DataFrame({"period": ["2019", "2020-2021", "", "2022"]}))
    ['2019', '2020', '2021', '2022']
    """
    years = [period_year(p) for p in values["period"] if p]
    return [str(y) for y in range(min(years), max(years) + 1)] if years else []


def analyse(area: Area, inputs: IndicatorInputs, pay_year: str | None = None) -> PeopleResult:
    """The people and inclusive-growth chapter of an area, from its indicator values.

    Parameters
    ----------
    area : Area
        The area of the pack (the area of ``inputs``).
    inputs : IndicatorInputs
        From :func:`load_inputs` (or :func:`select_inputs` on a table you hold).
    pay_year : str, optional
        Year in which workplace and residence pay are compared; by default the latest year up
        to the pack's latest year with both (:func:`pay_period`).

    Returns
    -------
    PeopleResult
    """
    check_area(area, inputs)
    values = inputs.values
    codes = {area.name: area.code, **inputs.benchmarks}
    year = pay_period(values, area.lad_codes) if pay_year is None else str(pay_year)
    pay = district_table(values, area, list(PAY), inputs.names, period=year or None)
    pay = pay.dropna(subset=list(PAY), how="all").sort_values("pay_workplace",
                                                              na_position="first")
    if not year:
        pay = pay.iloc[0:0]
    gap = value_at(values, area.code, "pay_gap_workplace_residence", year) if year else None
    eng_w = value_at(values, ENGLAND_CODE, "pay_workplace", year) if year else None
    skills_period = latest_row(values, area.code, "nvq4plus_share")["period"]
    gd = series_table(values, "gdhi_per_head", codes)
    return PeopleResult(
        inputs=inputs, headline=headline_figures(inputs),
        employment=series_table(values, "employment_rate", codes),
        employment_band=area_rows(values, area.code, "employment_rate").dropna(
            subset=["value"]),
        pay_period=year, pay_note="" if year else _no_pay_note(values, area),
        pay_by_district=pay,
        pay_gap=round(gap["value"]) + 0 if gap is not None else None,
        england_workplace_pay=float(eng_w["value"]) if eng_w is not None else None,
        skills_period=skills_period, skills=_skills(inputs, skills_period),
        gdhi_index=gd.div(gd["England"], axis=0) * 100 if "England" in gd else gd)
