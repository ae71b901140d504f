"""Key findings of the productivity chapter: short plain-English sentences from its results.

:func:`key_findings` turns the frames of :mod:`lis_analytics.productivity` into sentences;
:func:`findings` applies it to a :class:`~lis_analytics.chapters.productivity.ProductivityResult`.
Every number comes from the inputs; nothing is recomputed beyond the ratios a sentence states.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from lis_analytics.present.text import (
    format_gbp,
    format_pct,
    its,
    join_words,
    lower_first,
    ordinal,
    possessive,
)
from lis_analytics.productivity import UK_CODE, ProductivityError

if TYPE_CHECKING:
    from lis_analytics.chapters.productivity import ProductivityResult

__all__ = ["findings", "key_findings"]

# rate column -> (labour column, noun in sentences, decimals of pounds)
_PER_WORDS = {
    "gva_per_hour": ("hours", "hour worked", 2),
    "gva_per_job": ("jobs", "filled job", 0),
}


def _per_words(frame: pd.DataFrame) -> tuple[str, str, str, int]:
    """Rate column, labour column, noun and decimals of an ``aggregate_productivity`` frame."""
    for rate, (labour, noun, decimals) in _PER_WORDS.items():
        if rate in frame.columns and labour in frame.columns:
            return rate, labour, noun, decimals
    raise ProductivityError(
        "expected a frame from aggregate_productivity (columns gva_per_hour and hours, or "
        "gva_per_job and jobs)"
    )


def _short_label(row: pd.Series) -> str:
    code = str(row.get("area_code", "benchmark"))
    if code == UK_CODE:
        return "UK"
    name = row.get("area_name")
    return str(name) if isinstance(name, str) and name else code


def key_findings(
    area_name: str,
    productivity: pd.DataFrame,
    benchmark: pd.DataFrame | None = None,
    *,
    benchmark_name: str = "the UK average",
    period: str | None = None,
    gap: pd.DataFrame | None = None,
    growth: pd.DataFrame | None = None,
    benchmark_growth: pd.DataFrame | None = None,
    growth_measure: str = "Real GVA per hour worked",
    trend: pd.DataFrame | None = None,
    decomposition: pd.DataFrame | None = None,
    lads: pd.DataFrame | None = None,
    decomposition_period: str | None = None,
) -> list[str]:
    """Turn computed results into short plain-English sentences.

    Every number comes from the inputs; pass only the results you have.

    Parameters
    ----------
    area_name : str
        Name used in the sentences.
    productivity : DataFrame
        :func:`~lis_analytics.productivity.aggregate_productivity` output for the area.
    benchmark : DataFrame, optional
        :func:`~lis_analytics.productivity.aggregate_productivity` output for the
        benchmark (same ``per``).
    benchmark_name : str, default "the UK average"
        How to name the benchmark in a sentence.
    period : str, optional
        Year to report; defaults to the latest with a value.
    gap : DataFrame, optional
        :func:`~lis_analytics.productivity.productivity_gap_gbp` output.
    growth, benchmark_growth : DataFrame, optional
        :func:`~lis_analytics.productivity.growth_table` or
        :func:`~lis_analytics.productivity.cvm_growth` output for the area (one area)
        and, optionally, for the benchmark.
    growth_measure : str, default "Real GVA per hour worked"
        What ``growth`` measures, for the sentence.
    trend : DataFrame, optional
        :func:`~lis_analytics.productivity.trend_gap` output.
    decomposition : DataFrame, optional
        :func:`~lis_analytics.productivity.decompose_gva_per_head` output.
    lads : DataFrame, optional
        :func:`~lis_analytics.productivity.lad_variation` output.
    decomposition_period : str, optional
        Year of ``decomposition``; named in its sentence, with a word on why when it is
        not ``period``.

    Returns
    -------
    list of str

    Examples
    --------
    >>> from lis_analytics.productivity import aggregate_productivity, example_table
    >>> t = example_table()
    >>> area = aggregate_productivity(t, ["E06000001", "E06000002"], name="Tees")
    >>> uk = aggregate_productivity(t, "UKX")
    >>> key_findings("Tees", area, uk)[0]
    'GVA per hour worked in Tees was £24.75 in 2022, 70.5% of the UK average (£35.10).'
    """
    if not isinstance(productivity, pd.DataFrame) or productivity.empty:
        raise ProductivityError("productivity must be a non-empty aggregate_productivity frame")
    rate, labour, noun, dec = _per_words(productivity)
    what = f"GVA per {noun}"
    sentences: list[str] = []

    avail = [p for p in productivity.index if pd.notna(productivity.at[p, rate])]
    if period is None:
        if not avail:
            raise ProductivityError(f"no {rate} values for {area_name}")
        period = avail[-1]
    period = str(period)
    if period not in productivity.index:
        raise ProductivityError(f"period {period!r} not in the productivity results")
    row = productivity.loc[period]
    level = row[rate]
    s = f"{what} in {area_name} was {format_gbp(level, dec)} in {period}"
    index_col = f"{rate}_index"
    if benchmark is not None and period in benchmark.index:
        bval = benchmark.at[period, rate]
        s += f", {format_pct(level / bval * 100)} of {benchmark_name} ({format_gbp(bval, dec)})"
    elif index_col in productivity.columns and pd.notna(row[index_col]):
        s += f", {format_pct(row[index_col])} of {benchmark_name}"
    sentences.append(s + ".")
    if "complete" in productivity.columns and not bool(row["complete"]):
        miss = list(row.get("missing", ())) + list(row.get("base_missing", ()))
        sentences.append(
            f"The {period} figure for {area_name} is incomplete: no data for {', '.join(miss)}."
        )
    first = avail[0] if avail else None
    if (
        benchmark is not None
        and first is not None
        and first != period
        and first in benchmark.index
        and pd.notna(benchmark.at[first, rate])
    ):
        then = productivity.at[first, rate] / benchmark.at[first, rate] * 100
        now = level / benchmark.at[period, rate] * 100
        change = now - then
        verb = "up" if change > 0 else "down" if change < 0 else "unchanged"
        amount = "" if verb == "unchanged" else f" {abs(change):.1f} points"
        sentences.append(
            f"Relative to {benchmark_name}, {area_name} stood at {format_pct(now)} in {period}, "
            f"{verb}{amount} from {format_pct(then)} in {first} (current prices)."
        )

    if gap is not None and period in gap.index and pd.notna(gap.at[period, "gap_gbp"]):
        g = gap.at[period, "gap_gbp"]
        pct = gap.at[period, "gap_pct_of_gva"]
        own = its(area_name)
        if g > 0:
            sentences.append(
                f"If {area_name} matched {benchmark_name} {what} with {own} own "
                f"{labour} worked, {own} GVA would be about "
                f"{format_gbp(g, compact=True)} a year "
                f"higher ({format_pct(pct)} of {own} GVA, {period}, current prices)."
                if labour == "hours"
                else f"If {area_name} matched {benchmark_name} {what} with {own} own jobs, {own} "
                f"GVA would be about {format_gbp(g, compact=True)} a year higher "
                f"({format_pct(pct)} of {own} GVA, {period}, current prices)."
            )
        elif g < 0:
            sentences.append(
                f"{possessive(area_name)} {what} is above {benchmark_name}: at that level {own} "
                "GVA would be "
                f"about {format_gbp(-g, compact=True)} a year lower ({period}, current prices)."
            )

    if growth is not None and not growth.empty:
        parts = []
        for w in growth.itertuples(index=False):
            if pd.isna(w.cagr_pct):
                continue
            txt = f"{format_pct(w.cagr_pct, signed=True)} a year in {w.window}"
            if benchmark_growth is not None:
                m = benchmark_growth.loc[benchmark_growth["window"] == w.window]
                if len(m) and pd.notna(m["cagr_pct"].iloc[0]):
                    label = _short_label(m.iloc[0])
                    txt += f" ({label}: {format_pct(m['cagr_pct'].iloc[0], signed=True)})"
            parts.append(txt)
        if parts:
            sentences.append(f"{growth_measure} in {area_name} changed by {join_words(parts)}.")

    if trend is not None and not trend.empty:
        tp = trend["actual"].dropna()
        if len(tp):
            last = tp.index[-1]
            sh = trend.at[last, "shortfall_pct"]
            rel = "below" if sh > 0 else "above"
            sentences.append(
                f"By {last}, {lower_first(growth_measure)} in {area_name} was "
                f"{format_pct(abs(sh))} {rel} where it would have been had its "
                f"{trend['trend_start'].iloc[0]}-{trend['trend_end'].iloc[0]} trend "
                f"({format_pct(trend['trend_cagr_pct'].iloc[0], signed=True)} a year) continued."
            )

    if decomposition is not None and not decomposition.empty:
        tot = decomposition.loc[decomposition["is_total"]].iloc[0]
        diff = (tot["ratio"] - 1) * 100
        rel = "below" if diff < 0 else "above"
        bname = str(tot["benchmark"])
        parts_df = decomposition.loc[~decomposition["is_total"]]
        top = parts_df.reindex(parts_df["log_points"].abs().sort_values(ascending=False).index)
        drivers = [
            f"{lower_first(r.component)} ({r.log_points:+.1f} log points)"
            for r in top.head(2).itertuples()
        ]
        when = ""
        if decomposition_period:
            when = f" in {decomposition_period}"
            if period and str(decomposition_period) != str(period):
                when += (f" (the latest year with working-age population by district, "
                         f"not {period})")
        sentences.append(
            f"GVA per head in {tot['area']}{when} was {format_pct(abs(diff))} {rel} {bname} "
            f"({format_gbp(tot['area_value'], 0)} v {format_gbp(tot['benchmark_value'], 0)}); "
            f"the largest contributions to the {tot['log_points']:+.1f} log-point difference were "
            f"{join_words(drivers)}."
        )

    if lads is not None and len(lads) > 1 and rate in lads.columns:
        ok = lads.dropna(subset=[rate]).sort_values(rate)
        if len(ok) > 1:
            lo, hi = ok.iloc[0], ok.iloc[-1]
            n_uk = int(ok["n_uk"].iloc[0]) if "n_uk" in ok.columns else None
            rank_lo = f" ({ordinal(lo['rank_uk'])} of {n_uk} UK local authorities)" if n_uk else ""
            rank_hi = f" ({ordinal(hi['rank_uk'])})" if n_uk else ""
            lad_period = lo["period"] if "period" in ok.columns else period
            sentences.append(
                f"Within {area_name}, {what} ranged from {format_gbp(lo[rate], dec)} in "
                f"{lo['area_name']}{rank_lo} to {format_gbp(hi[rate], dec)} in "
                f"{hi['area_name']}{rank_hi} in {lad_period}."
            )
    return sentences


def findings(result: ProductivityResult) -> list[str]:
    """The chapter's key findings: :func:`key_findings` of its result against the UK.

    Parameters
    ----------
    result : ProductivityResult
        :func:`lis_analytics.chapters.productivity.analyse` output.

    Returns
    -------
    list of str

    Examples
    --------
    >>> from lis_analytics.chapters.productivity import analyse, example_inputs
    >>> from lis_analytics.geography import Area
    >>> r = analyse(Area("tees", "Tees", "CUSTOM", ("E06000001", "E06000002")),
    ...             example_inputs())
    >>> findings(r)[0]
    'GVA per hour worked in Tees was £24.75 in 2022, 70.5% of the UK average (£35.10).'
    """
    from lis_analytics.present.text.productivity import rank_words

    out = key_findings(result.area_label, result.per_hour, result.bench_hour["UK"],
                       period=result.latest_year, gap=result.gap, growth=result.growth,
                       benchmark_growth=result.growth_uk, trend=result.trend,
                       decomposition=result.decomposition, lads=result.lad_table,
                       decomposition_period=result.decomposition_year)
    group = result.ranks[result.ranks["group"] != "comparators"]
    if len(group):
        custom = getattr(result.area, "type", "") == "CUSTOM"  # ranked among its peers and itself
        words = [rank_words(r, result.peer_group_type, custom=custom) for _, r in group.iterrows()]
        out.insert(1, f"Ranks of {result.area_label}: {'; '.join(words)}.")
    out += list(result.growth_notes.values())  # a window left out is said, never silent
    return out
