"""Prose and tables of the five-foundations chapter (the scorecard)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lis_analytics.indicators import Framework, Indicator, join_notes
from lis_analytics.present.text.indicators import (
    describe_against,
    format_range,
    format_value,
    source_line,
    table_ready,
)
from lis_analytics.present.text.words import possessive

if TYPE_CHECKING:
    from lis_analytics.chapters.foundations import FoundationsResult


THEME_SLUGS = {"Business Environment": "business", "Grand Challenges": "grand_challenges"}
"""Table-name slug of a theme where it is not the theme in lower case."""


def comparators_and_ranks(result: FoundationsResult) -> str:
    """Which areas the scorecard compares with, and what it ranks the area among."""
    inputs = result.inputs
    return ("Comparator areas (statistical nearest neighbours unless chosen by the user): "
            + ", ".join(inputs.names.get(c, c) for c in inputs.comparator_codes)
            + f". Ranks are among {result.rank_group}, 1 = best (for indicators with no better "
              "direction, 1 = highest).")


def figure_note(row: dict) -> str:
    """The ``figures.csv`` note of a scorecard row: its note and its rank, with the group.

    An area that takes a published figure (e.g. a LEP with its combined authority's) keeps
    its rank among areas of its own kind.

    Examples
    --------
    >>> figure_note({"note": "published for X, same districts", "rank": "3rd of 38 LEPs"})
    'published for X, same districts; rank 3rd of 38 LEPs'
    """
    return join_notes(row.get("note") or "", f"rank {row['rank']}" if row.get("rank") else "")


def format_scorecard(card: pd.DataFrame, framework: Framework, benchmark_labels: Sequence[str]
                     ) -> pd.DataFrame:
    """The scorecard with values as text in each indicator's unit, for display and the pack."""
    rows = []
    for r in card.to_dict("records"):
        spec = framework.get(r["indicator_id"])

        def fmt(v: float, spec: Indicator = spec) -> str:
            return format_value(v, spec) if not pd.isna(v) else "[x]"

        rng = (format_range(r["comparator_min"], r["comparator_max"], spec)
               if r["n_comparators"] else "[x]")
        rec = {"Indicator": r["indicator"], "Period": r["period"] or "[x]",
               "Value": fmt(r["value"]) if r["status"] != "missing" else "[x]"}
        for label in benchmark_labels:
            rec[label] = fmt(r[label])
        rec.update({"Comparator range": rng,
                    "Position among comparators": r["position_among_comparators"] or "[x]",
                    "Rank (1 = best)": r["rank"] or "[x]", "Trend": r["trend"] or "[x]",
                    "Note": r["note"] or ("higher is better" if r["direction"] ==
                                          "higher_is_better" else "lower is better"
                                          if r["direction"] == "lower_is_better" else
                                          "no better or worse direction")})
        rows.append(rec)
    return pd.DataFrame(rows)



def theme_tables(result: FoundationsResult) -> list[dict]:
    """One scorecard table per theme: keyword arguments of ``Chapter.table``."""
    card, framework, area = result.card, result.inputs.framework, result.area
    shown = format_scorecard(card, framework, list(result.inputs.benchmarks))
    out = []
    for theme in result.themes:
        part = shown[card["theme"].to_numpy() == theme]
        ids = list(card.loc[card["theme"] == theme, "indicator_id"])
        title = next((t["title"] for t in framework.themes if t["id"] == theme), theme)
        slug = THEME_SLUGS.get(theme, theme.lower())
        out.append(dict(
            frame=table_ready(part), name=f"scorecard_{slug}", title=f"{title}: {area.name}",
            source=source_line(framework, ids),
            source_dataset_ids=sorted({d for i in ids for d in framework.get(i).datasets}),
            units="each indicator in its own unit",
            notes=["Trend compares the latest period with the one closest to five years "
                   "earlier; survey changes are z-tested at 5% with standard errors from the "
                   "95% confidence intervals (surveys without an interval: not tested).",
                   "Rank: among the area's peer group, named in each cell (1 = best); "
                   "position among comparators counts the area itself.",
                   "[x]: not available; the Note says why."]))
    return out


def values_table(result: FoundationsResult) -> dict:
    """The scorecard's numbers, rounded to each indicator's decimals (workbook only)."""
    card, framework, area = result.card, result.inputs.framework, result.area
    numeric = card.drop(columns=["direction", "name"]).copy()
    for col in ["value", *result.inputs.benchmarks, "comparator_min", "comparator_median",
                "comparator_max"]:
        numeric[col] = [round(v, framework.get(i).decimals) + 0.0 if not pd.isna(v) else np.nan
                        for v, i in zip(numeric[col], numeric["indicator_id"], strict=True)]
    numeric = numeric.rename(columns={
        "theme": "Theme", "indicator_id": "Indicator code", "indicator": "Indicator",
        "period": "Period", "value": "Value", "unit": "Unit", "status": "Status", "note": "Note",
        "comparator_min": "Comparator lowest", "comparator_median": "Comparator median",
        "comparator_max": "Comparator highest", "n_comparators": "Number of comparators",
        "position_among_comparators": "Position among comparators", "rank": "Rank (1 = best)",
        "rank_value": "Rank (number)", "rank_of": "Number of areas ranked",
        "trend": "Trend", "datasets": "Source datasets"})
    return dict(frame=table_ready(numeric), name="scorecard_values", display=False,
                title=f"Five foundations and Grand Challenges scorecard, values: {area.name}",
                source=source_line(framework, list(card["indicator_id"])),
                source_dataset_ids=sorted({d for i in card["indicator_id"]
                                           for d in framework.get(i).datasets}),
                units="each indicator in its own unit (see unit column)")


def grand_challenges_lines(result: FoundationsResult) -> list[str]:
    """Sentences on ageing and emissions against England."""
    inputs, area = result.inputs, result.area
    lines = [describe_against(inputs.values, inputs.framework, area, iid)
             for iid in ("share_65plus", "old_age_dependency", "ghg_per_head")]
    fall, ghg = result.ghg_fall, result.ghg
    if area.name in fall and "England" in fall:
        lines.append(f"Emissions per resident in {area.name} fell {fall[area.name]:.0f}% "
                     f"between {ghg.index[0]} and {ghg.index[-1]}, against "
                     f"{fall['England']:.0f}% for England.")
    return lines


PROXY_HEADINGS: dict[str, str] = {
    "title": "Grouping", "jobs": "Residents in employment 2021",
    "jobs_share": "Share of residents' jobs (%)", "jobs_share_england": "England share of jobs (%)",
    "jobs_lq": "Jobs LQ"}
"""Column headings of the Grand Challenge proxies table: the words of the sectors chapter's
groupings table for the same figures."""


def proxies_table(result: FoundationsResult) -> pd.DataFrame:
    """The Grand Challenge industry proxies, in the sectors chapter's columns and rounding.

    Shares are per cent to 1 decimal, location quotients text to 2 decimals, counts whole
    numbers, as in :func:`lis_analytics.present.text.sectors.groupings_table`.
    """
    p = result.proxies
    return pd.DataFrame({
        PROXY_HEADINGS["title"]: p["title"],
        PROXY_HEADINGS["jobs"]: pd.to_numeric(p["jobs"]).round(0).astype("Int64"),
        PROXY_HEADINGS["jobs_share"]: (pd.to_numeric(p["jobs_share"]) * 100).round(1),
        PROXY_HEADINGS["jobs_share_england"]:
            (pd.to_numeric(p["jobs_share_england"]) * 100).round(1),
        PROXY_HEADINGS["jobs_lq"]: [f"{v:.2f}" if not pd.isna(v) else np.nan
                                    for v in pd.to_numeric(p["jobs_lq"])],
        "What the proxy leaves out or adds": p["notes"],
    })


def grand_challenge_proxy_lines(result: FoundationsResult,
                                ids: Sequence[str] = ("gc_ai_data_economy",
                                                      "gc_future_of_mobility")) -> list[str]:
    """One sentence per Grand Challenge that only an industry proxy can describe.

    AI and data and the future of mobility have no local statistics of their own: each is
    described by its industry proxy, with the same figure as the sectors chapter and the
    proxy's own caveat. Without proxies (no residents' industry table), says so.
    """
    p = result.proxies
    if p is None or p.empty:
        return ["AI and data and the future of mobility: the industry proxies were not "
                "computed (the Census 2021 industry table was not given)."]
    rows = p.set_index("grouping_id")
    out = []
    for gid in ids:
        if gid not in rows.index:
            continue
        r = rows.loc[gid]
        comparison = ("about England's share" if abs(r["jobs_lq"] - 1) < 0.05 else
                      "a larger share than England's" if r["jobs_lq"] > 1
                      else "a smaller share than England's")
        out.append(
            f"{r['title']}: {r['jobs_share'] * 100:.1f}% of "
            f"{possessive(result.area.name)} working residents (England "
            f"{r['jobs_share_england'] * 100:.1f}%, a location quotient of "
            f"{r['jobs_lq']:.2f}: {comparison}) work in the industries that stand for "
            f"it (Census 2021, counted where they live). {r['notes']}")
    return out
