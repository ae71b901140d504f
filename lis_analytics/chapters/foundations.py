"""The five foundations of productivity and the Grand Challenges: the scorecard.

:func:`analyse` returns :class:`FoundationsResult`: for each indicator of the five
foundations (Industrial Strategy, 2017) and the Grand Challenges, the area's latest value
against England, its region and its comparators, its rank in its peer group and its trend
(:func:`scorecard`); the indices of England the dot plot shows (:func:`dot_plot_frame`); and
the Grand Challenges series (emissions per resident, residents aged 65 and over); and the
Grand Challenge industry proxies (:func:`grand_challenge_proxies`), computed exactly as the
sectors chapter computes its Grand Challenge groupings, so the two chapters cannot disagree.

Examples
--------
>>> import lis_analytics as la
>>> area = la.get_area("E37000015")  # doctest: +SKIP
>>> card = analyse(area, load_inputs(area)).card  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lis_analytics import sectors as S
from lis_analytics.chapters._indicator_chapters import (
    ENGLAND_CODE,
    IndicatorInputs,
    check_area,
    load_inputs,
    select_inputs,
)
from lis_analytics.chapters.peers import (
    Peers,
    comparator_position_words,
    peer_group_label,
    rank_in_group,
)
from lis_analytics.chapters.sectors import AREA, BENCHMARK, GROUPINGS, area_and_england
from lis_analytics.chapters.sectors import TABLES as SECTORS_TABLES
from lis_analytics.data import load_table
from lis_analytics.geography import Area
from lis_analytics.indicators import (
    FOUNDATIONS,
    THEMES,
    Framework,
    Indicator,
    area_rows,
    closest_earlier_period,
    compare_periods,
    has_value,
    join_notes,
    latest_row,
    period_year,
    position_among,
    series_table,
    value_at,
)

__all__ = ["GRAND_CHALLENGE_GROUPINGS", "SCORECARD_THEMES", "FoundationsResult", "analyse",
           "dot_plot_frame", "grand_challenge_proxies", "load_inputs", "load_residents",
           "rank_group", "scorecard", "select_inputs"]

SCORECARD_THEMES: tuple[str, ...] = (*FOUNDATIONS, "Grand Challenges")
"""Themes of the scorecard, in order."""

GRAND_CHALLENGE_GROUPINGS: tuple[str, ...] = tuple(g for g in GROUPINGS if g.startswith("gc_"))
"""The Grand Challenge groupings of the sectors chapter (``config/sector_groupings.yaml``):
the one set of industry proxies both chapters show."""


@dataclass(frozen=True)
class FoundationsResult:
    """The five-foundations chapter of one area.

    Attributes
    ----------
    inputs : IndicatorInputs
        The area's indicator values, framework and peers.
    themes : tuple of str
        The scorecard's themes (:data:`SCORECARD_THEMES`).
    card : DataFrame
        The scorecard (:func:`scorecard`), one row per indicator.
    dots : DataFrame
        The area and its comparators as an index of England (:func:`dot_plot_frame`).
    ghg : DataFrame
        Greenhouse gas emissions per resident, period x (area, England, region).
    older : DataFrame
        Residents aged 65 and over, % of population, period x (area, England, region).
    ghg_fall : dict of str to float
        Per cent fall of emissions per resident from the first to the last period, by label.
    rank_group : str
        What the scorecard ranks the area among, in words (:func:`rank_group`).
    proxies : DataFrame
        The Grand Challenge industry proxies (:func:`grand_challenge_proxies`); empty when
        the residents' industry table was not given.
    """

    inputs: IndicatorInputs
    themes: tuple[str, ...]
    card: pd.DataFrame
    dots: pd.DataFrame
    ghg: pd.DataFrame
    older: pd.DataFrame
    ghg_fall: dict[str, float]
    rank_group: str = ""
    proxies: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def area(self) -> Area:
        """The area of the chapter."""
        return self.inputs.area


def scorecard(results: pd.DataFrame, framework: Framework, area: Area,
              benchmarks: Mapping[str, str], comparator_codes: Sequence[str],
              themes: Sequence[str] | None = None, peers: Peers | None = None) -> pd.DataFrame:
    """The scorecard: latest value, benchmarks, comparator range, rank and trend per indicator.

    Parameters
    ----------
    results
        The ``indicator_values`` table (:func:`lis_analytics.indicators.compute_all` with
        :func:`~lis_analytics.indicators.add_ranks`), or the rows of it the chapter needs.
    benchmarks
        Label -> area code (e.g. ``{"England": "E92000001", "North West": "E12000002"}``).
        Benchmarks and comparators are taken in the area's own latest period.
    comparator_codes
        The comparator areas (the same for every chapter: see
        :func:`lis_analytics.chapters.peers.load_peers`).
    peers
        The area's peers: ranks are then worded with their group and size
        (:func:`~lis_analytics.chapters.peers.rank_in_group`, e.g. ``'3rd of 38 LEPs'``);
        without them, ``'3 of 38'``.

    Returns
    -------
    DataFrame
        One row per indicator: theme, indicator, period, value, unit, status/reason,
        benchmark columns, comparator min / median / max and the area's position among
        them (in words, the area counted in), rank among areas of its peer group (in words,
        with ``rank_value`` and ``rank_of`` as numbers), trend and the source dataset ids.
    """
    themes = list(themes or THEMES)
    rows = []
    for ind in [i for t in themes for i in framework.by_theme(t)]:
        own = area_rows(results, area.code, ind.id)
        row = latest_row(results, area.code, ind.id)
        period = row["period"]
        notes = [row.get("reason") or ""]
        if not period or pd.isna(row["value"]):
            eng_latest = latest_row(results, ENGLAND_CODE, ind.id)
            period = eng_latest["period"] or ""
            row = pd.Series({**row.to_dict(), "period": period,
                             "period_label": eng_latest.get("period_label") or period})
        rec = {"theme": ind.theme, "indicator_id": ind.id, "indicator": ind.title,
               "name": ind.name, "period": row.get("period_label") or period,
               "value": row["value"],
               "unit": ind.unit, "status": row["status"], "note": "",
               "direction": ind.direction}
        for label, code in benchmarks.items():
            b = value_at(results, code, ind.id, period) if period else None
            rec[label] = b["value"] if b is not None else np.nan
            if b is None:
                other = latest_row(results, code, ind.id)
                why = ("no figure for this period" if has_value(other.to_dict())
                       else "not published" if ind.aggregation in (
                           "published_only",) or (ind.numerator is not None
                                                  and ind.numerator.level != "lad")
                       else "no figure")
                notes.append(f"{label}: {why}")
        comp_vals = {}
        for code in comparator_codes:
            c = value_at(results, code, ind.id, period) if period else None
            if c is not None and c["status"] != "regional":
                comp_vals[code] = c["value"]
        vals = pd.Series(comp_vals, dtype=float)
        if comparator_codes and not len(vals) and period:
            notes.append("comparators: none has a figure for this period")
        rec["comparator_min"] = vals.min() if len(vals) else np.nan
        rec["comparator_median"] = vals.median() if len(vals) else np.nan
        rec["comparator_max"] = vals.max() if len(vals) else np.nan
        rec["n_comparators"] = len(vals)
        if len(vals) and not pd.isna(row["value"]) and row["status"] != "regional":
            pos, n = position_among(pd.concat([vals, pd.Series({area.code: row["value"]})]),
                                    area.code, ind.direction)
            rec["position_among_comparators"] = comparator_position_words(pos, n)
        else:
            rec["position_among_comparators"] = ""
        rank, n = row.get("rank", pd.NA), row.get("n_ranked", pd.NA)
        ranked = rank is not None and n is not None and not pd.isna(rank) and not pd.isna(n)
        if row["status"] == "regional":
            ranked = False
        rec["rank_value"] = float(rank) if ranked else np.nan
        rec["rank_of"] = float(n) if ranked else np.nan
        rec["rank"] = ("" if not ranked else rank_in_group(rank, n, peers) if peers is not None
                       else f"{int(rank)} of {int(n)}")
        if not rec["rank"] and row["status"] == "incomplete":
            notes.append("not ranked: the figure leaves out districts without data")
        elif not rec["rank"] and row["status"] == "regional":
            notes.append("not ranked: regional figure")
        # trend: latest against the period closest to trend_years earlier
        pers = list(own.loc[own["value"].notna(), "period"])
        trend, since = "", ""
        if period and len(pers) > 1 and row["status"] != "regional":
            base = closest_earlier_period(pers, period_year(period) - framework.trend_years,
                                              period)
            if base:
                cmp = compare_periods(results, area.code, ind, base, period)
                trend, since = cmp["assessment"], base
        rec["trend"] = f"{trend} since {since}" if trend and trend != "not available" else ""
        if not rec["trend"] and not pd.isna(row["value"]) and row["status"] != "regional":
            notes.append("trend: only one period published" if len(pers) <= 1
                         else "trend: no earlier comparable period")
        rec["note"] = join_notes(*notes)
        rec["datasets"] = ", ".join(ind.datasets)
        rows.append(rec)
    out = pd.DataFrame(rows)
    out.attrs["area_code"] = area.code
    return out


def dot_plot_frame(card: pd.DataFrame, results: pd.DataFrame, framework: Framework,
                   comparator_codes: Sequence[str], benchmark: str = "England") -> pd.DataFrame:
    """Rows for the scorecard dot plot: area and comparators as an index of the benchmark.

    ``index = 100 x value / benchmark``, inverted (``100 x benchmark / value``) for
    lower-is-better indicators so that right is always better; neutral indicators are left
    out. Regional figures are left out.
    """
    rows = []
    for r in card.to_dict("records"):
        spec = framework.get(r["indicator_id"])
        b = r[benchmark]
        if spec.direction == "neutral" or pd.isna(r["value"]) or pd.isna(b) or not b \
                or r["status"] == "regional":
            continue

        def idx(v: float, b: float = b, spec: Indicator = spec) -> float:
            if pd.isna(v) or v == 0:
                return np.nan
            return 100 * (v / b if spec.direction == "higher_is_better" else b / v)

        period = latest_row(results, card.attrs.get("area_code", ""), spec.id)["period"] \
            if card.attrs.get("area_code") else None
        comp = []
        for code in comparator_codes:
            c = value_at(results, code, spec.id, period) if period else None
            if c is not None and c["status"] != "regional":
                comp.append(idx(c["value"]))
        rows.append({"theme": spec.theme, "indicator_id": spec.id, "indicator": spec.title,
                     "area_index": idx(r["value"]), "comparator_indices": comp,
                     "direction": spec.direction})
    return pd.DataFrame(rows)


def rank_group(card: pd.DataFrame, peers: Peers) -> str:
    """What the scorecard's ranks are among, in words, e.g. ``'38 LEPs'``.

    The group is named with :func:`~lis_analytics.chapters.peers.peer_group_label`, with the
    number of areas the ranks are out of (the largest in the card; the peer group's size when
    nothing is ranked); a custom area is ranked among the LEPs and itself.

    Examples
    --------
    >>> from lis_analytics.chapters.peers import Peers
    >>> arc = Area("arc", "Arc", "CUSTOM", ("A",))
    >>> rank_group(pd.DataFrame({"rank_of": [39, pd.NA]}), Peers(arc, None, {}, (), "user",
    ...                                                        "LEP", 38))
    '38 LEPs and this area'
    """
    custom = peers.area.type == "CUSTOM"
    ranked = [int(r) for r in card["rank_of"] if not pd.isna(r)]
    size = max(ranked) - (1 if custom else 0) if ranked else peers.group_size
    return peer_group_label(peers.group_type, size) + (" and this area" if custom else "")


PROXY_COLUMNS: tuple[str, ...] = (
    "grouping_id", "title", "proxy", "jobs", "jobs_share", "jobs_share_england", "jobs_lq",
    "description", "notes")
"""Columns of :func:`grand_challenge_proxies`."""


def grand_challenge_proxies(residents: pd.DataFrame, area: Area,
                            groupings: Sequence[str] = GRAND_CHALLENGE_GROUPINGS
                            ) -> pd.DataFrame:
    """The Grand Challenge industry proxies of an area: residents' jobs share, England's, LQ.

    The figures are those of the sectors chapter's groupings table, by construction: the same
    table (``sectors_residents2021``: Census 2021 residents in employment by SIC division on
    LAD 2023 codes, England as a row), the same area and England rows
    (:func:`lis_analytics.chapters.sectors.area_and_england`) and the same pure function
    (:func:`lis_analytics.sectors.grouping_summary`) on the same grouping ids.

    Parameters
    ----------
    residents : DataFrame
        The ``sectors_residents2021`` derived table (``area_code`` and a column per division).
    area : Area
        The area (its districts are summed).
    groupings : sequence of str
        Grouping ids of ``config/sector_groupings.yaml`` (default the four Grand Challenges).

    Returns
    -------
    DataFrame
        :data:`PROXY_COLUMNS`, one row per grouping: its title (which says it is a proxy),
        ``proxy`` (True), residents in employment in its divisions (``jobs``), their share of
        all residents in employment (``jobs_share``, a fraction) and England's, the
        location quotient, and the grouping's description and caveats.

    Examples
    --------
    >>> t = pd.DataFrame({"area_code": ["A", "E92000001"], "26": [5.0, 10.0],
    ...                   "49": [5.0, 40.0], "47": [90.0, 950.0]})
    >>> p = grand_challenge_proxies(t, Area("A", "A", "LAD", ("A",)), ["gc_ai_data_economy"])
    >>> round(float(p["jobs_share"].iloc[0]), 3), round(float(p["jobs_lq"].iloc[0]), 2)
    (0.05, 5.0)
    """
    codes = [c for c in residents.columns if c not in ("area_code", "period")]
    matrix = area_and_england(residents, area.lad_codes, codes)
    summary = S.grouping_summary(matrix, groupings=list(groupings), benchmark=BENCHMARK)
    own = summary[summary["area_code"] == AREA].set_index("grouping_id").loc[list(groupings)]
    specs = S.load_sector_groupings()
    return pd.DataFrame({
        "grouping_id": list(groupings), "title": own["title"].to_numpy(),
        "proxy": own["proxy"].to_numpy(), "jobs": own["size"].to_numpy(),
        "jobs_share": own["share"].to_numpy(),
        "jobs_share_england": own["benchmark_share"].to_numpy(),
        "jobs_lq": own["lq"].to_numpy(),
        "description": [specs[g].description for g in groupings],
        "notes": [specs[g].notes for g in groupings]}, columns=list(PROXY_COLUMNS))


def load_residents() -> pd.DataFrame:
    """The sectors chapter's residents-by-industry table (read through the data layer)."""
    return load_table(SECTORS_TABLES["residents2021"])


def analyse(area: Area, inputs: IndicatorInputs,
            themes: Sequence[str] = SCORECARD_THEMES,
            residents: pd.DataFrame | None = None) -> FoundationsResult:
    """The five-foundations chapter of an area, from its indicator values.

    Parameters
    ----------
    area : Area
        The area of the pack (the area of ``inputs``).
    inputs : IndicatorInputs
        From :func:`load_inputs` (or :func:`select_inputs` on a table you hold).
    themes : sequence of str
        Themes of the scorecard, in order.
    residents : DataFrame, optional
        The sectors chapter's residents-by-industry table (:func:`load_residents`), for the
        Grand Challenge proxies; without it the result has no proxies.

    Returns
    -------
    FoundationsResult
    """
    check_area(area, inputs)
    values, framework = inputs.values, inputs.framework
    card = scorecard(values, framework, area, inputs.benchmarks, inputs.comparator_codes,
                     themes=themes, peers=inputs.peers)
    codes = {area.name: area.code, **inputs.benchmarks}
    ghg = series_table(values, "ghg_per_head", codes)
    fall = {c: 100 * (1 - ghg[c].iloc[-1] / ghg[c].iloc[0]) for c in ghg.columns}
    return FoundationsResult(inputs, tuple(themes), card,
                             dot_plot_frame(card, values, framework, inputs.comparator_codes),
                             ghg, series_table(values, "share_65plus", codes), fall,
                             rank_group(card, inputs.peers),
                             grand_challenge_proxies(residents, area) if residents is not None
                             else pd.DataFrame(columns=list(PROXY_COLUMNS)))
