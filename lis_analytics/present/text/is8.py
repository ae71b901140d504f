"""The Industrial Strategy's eight growth sectors (IS-8) in words and tables.

Part of the sectors chapter's text (:mod:`lis_analytics.present.text.sectors` holds the rest):
every function reads a computed :class:`~lis_analytics.chapters.sectors.SectorsResult`
(``is8`` and ``is8_coverage``) and computes no figure of its own.
"""

from __future__ import annotations

import numpy as np  # noqa: F401  (the examples)
import pandas as pd

from lis_analytics import sectors as S
from lis_analytics.chapters.sectors import BASE_YEAR, LQ_STRENGTH, SectorsResult
from lis_analytics.present.text.sectors import _int, _lq, gbp_million, pct
from lis_analytics.present.text.words import join_words, possessive

IS8_CLAIM_WORDS: dict[str, str] = {
    "strength": "a strength on SIC data",
    "not a strength": "not concentrated here",
    "proxy: no claim": "its SIC codes are only a proxy for the sector, so no claim is made",
    "not measurable": "SIC data cannot measure it",
}
"""The claim of :func:`lis_analytics.sectors.strength_claim` in the pack's words."""


def is8_lq_words(row: pd.Series) -> str:
    """A sector's jobs LQ in words, and on every division holding part of it where that differs.

    The second is not a bound on the first: adding divisions can lower or raise it.

    Examples
    --------
    >>> is8_lq_words(pd.Series({"lq_lower": 0.78, "lq_upper": 0.781, "exact": False}))
    '0.78'
    >>> is8_lq_words(pd.Series({"lq_lower": 4.95, "lq_upper": 4.81, "exact": False}))
    '4.95 (4.81 counting every division partly in the sector)'
    >>> is8_lq_words(pd.Series({"lq_lower": np.nan, "lq_upper": 0.76, "exact": False}))
    '0.76 on the divisions holding its SIC codes (none lies wholly inside it)'
    """
    low, up = row["lq_lower"], row["lq_upper"]
    if pd.isna(low) and pd.isna(up):
        return "no location quotient"
    if pd.isna(low):
        return f"{up:.2f} on the divisions holding its SIC codes (none lies wholly inside it)"
    if row["exact"] or pd.isna(up) or abs(up - low) < 0.005:
        return f"{low:.2f}"
    return f"{low:.2f} ({up:.2f} counting every division partly in the sector)"


def is8_text(r: SectorsResult) -> str:
    """The Industrial Strategy's eight growth sectors in a paragraph (the chapter's main text).

    Names the strengths by the rule of :func:`is8_detail_text`; the sector-by-sector list is
    in :func:`is8_detail_text`, which the pack puts in its Appendix.
    """
    return _is8_parts(r)[0]


def is8_detail_text(r: SectorsResult) -> str:
    """Each of the eight growth sectors: grade, jobs (a range where needed), LQ and GVA.

    Names the sectors that are strengths (lower-bound jobs LQ of at least
    :data:`~lis_analytics.chapters.sectors.LQ_STRENGTH` and a grade that allows a claim),
    says of each sector its grade and LQ (a range where the definition is finer than the
    Census divisions), and says that SIC data cannot measure a sector graded poor.
    """
    return _is8_parts(r)[1]


def _is8_parts(r: SectorsResult) -> tuple[str, str]:
    t = r.is8
    if t.empty:
        return ("The Industrial Strategy sector definitions list is not in the data.", "")
    strong = t[t["claim"] == "strength"]
    lead = (f"On residents' jobs (Census 2021), {possessive(r.area.name)} growth-sector "
            "strengths are " + join_words(
                [f"{x.sector} (location quotient {x.lq_lower:.2f})"
                 for x in strong.itertuples()]) + "."
            if len(strong) else
            f"No growth sector that SIC data can measure is concentrated among "
            f"{possessive(r.area.name)} working residents (location quotient of "
            f"{LQ_STRENGTH:.2f} or more on the exact measure, Census 2021).")
    items = []
    for _, x in t.iterrows():
        grade = f"*{x['grade']}*"
        if x["claim"] == "not measurable":
            items.append(f"- **{x['sector']}** ({grade}): SIC data cannot measure it; no "
                         "location quotient is shown.")
            continue
        jobs = (f"{x['jobs_lower']:,.0f} working residents ({pct(x['share_lower'], 1)})"
                if x["exact"] else
                f"up to {x['jobs_upper']:,.0f} working residents" if pd.isna(x["lq_lower"]) else
                f"{x['jobs_lower']:,.0f} to {x['jobs_upper']:,.0f} working residents")
        flag = (" (a GVA industry of the sector was flagged by a data-quality screen, so "
                "treat these GVA figures with care)" if x.get("gva_screened", False) else "")
        gva = ("" if pd.isna(x["gva"]) else
               f"; GVA {gbp_million(x['gva'])} in {r.latest} (location quotient "
               f"{x['gva_lq']:.2f}), {pct(x['real_growth'], 1)} real change over {r.window}"
               f" (England {pct(x['benchmark_real_growth'], 1)}){flag}")
        items.append(f"- **{x['sector']}** ({grade}): {jobs}, location quotient "
                     f"{is8_lq_words(x)}{gva}: {IS8_CLAIM_WORDS[x['claim']]}.")
    main = (lead + " The chart shows each sector's location quotient with its SIC coverage "
            "grade; the figures for each sector are in the Appendix.")
    detail = ("A sector is called a strength only when its location quotient on the "
              "industries wholly inside its definition reaches the threshold and SIC captures "
              "it at least in part; each sector's grade says how well SIC captures it. Where a "
              "sector's SIC codes are finer than the Census divisions, its jobs are a range, "
              "from the divisions wholly inside it to every division holding part of it.\n\n"
              + "\n".join(items) + "\n\n" + S.GRADE_SOURCE_NOTE)
    return main, detail


def is8_table(r: SectorsResult) -> pd.DataFrame:
    """One row per IS-8 sector: grade, residents' jobs bounds, shares, LQs, GVA and claim."""
    t = r.is8
    return pd.DataFrame({
        "Sector (SIC coverage grade)": t["label"],
        "Residents in employment, lower bound 2021": _int(t["jobs_lower"]),
        "Residents in employment, upper bound 2021": _int(t["jobs_upper"]),
        "Share of residents' jobs, lower bound 2021 (%)": (t["share_lower"] * 100).round(1),
        "England share of jobs, lower bound 2021 (%)":
            (t["benchmark_share_lower"] * 100).round(1),
        "Jobs location quotient on lower-bound jobs 2021": _lq(t["lq_lower"]),
        "Jobs location quotient on upper-bound jobs 2021": _lq(t["lq_upper"]),
        f"GVA {r.latest} (£m)": _int(t["gva"]),
        f"GVA location quotient {r.latest}": _lq(t["gva_lq"]),
        f"Real GVA change {r.window} (%)": (t["real_growth"] * 100).round(1),
        f"England real GVA change {r.window} (%)": (t["benchmark_real_growth"] * 100).round(1),
        "Claim on SIC data": t["claim"],
        "Why a figure is missing": [
            _is8_missing(a, b) for a, b in zip(t["missing_reason"], t["gva_missing_reason"],
                                               strict=True)],
    })


def _is8_missing(jobs_reason: object, gva_reason: object) -> str:
    """Short reasons for the IS-8 table (the coverage table lists the categories).

    Examples
    --------
    >>> _is8_missing("", "the GVA industries are coarser than the definition (69 holds ...)")
    'GVA: industries coarser than the definition'
    >>> _is8_missing("no SIC code: SIC data cannot measure it", "no SIC code: SIC data ...")
    'no SIC code: SIC data cannot measure it'
    """
    jobs_reason = jobs_reason if isinstance(jobs_reason, str) else ""
    gva_reason = gva_reason if isinstance(gva_reason, str) else ""
    if jobs_reason.startswith("no SIC code"):
        return jobs_reason
    parts = []
    if jobs_reason:
        parts.append("lower bound: no division wholly inside the definition")
    if gva_reason.startswith("the GVA industries are coarser"):
        parts.append("GVA: industries coarser than the definition")
    elif gva_reason:
        parts.append(f"GVA: {gva_reason}")
    return "; ".join(parts)


def is8_coverage_table(r: SectorsResult) -> pd.DataFrame:
    """Sector x source: how much of the definition each source's industries resolve exactly."""
    c = r.is8_coverage.copy()
    labels = dict(zip(r.is8["sector_id"], r.is8["label"], strict=True))
    return pd.DataFrame({
        "Sector (SIC coverage grade)": c["sector_id"].map(labels),
        "Source": c["source"].map(IS8_SOURCE_WORDS).fillna(c["source"]),
        "Coverage (% of the definition measured exactly)": (c["coverage"] * 100).round(0),
        "Categories wholly inside (lower bound)": c["lower"].replace("", "none"),
        "Categories partly inside (upper bound only)": c["partial"].replace("", "none"),
    })


IS8_SOURCE_WORDS: dict[str, str] = {
    "Census 2021": "Census 2021 industry by district (87 divisions)",
    "BRES": "BRES by 2-digit SIC (ITL2 regions only)",
    "GVA": "District GVA by industry (35 industries)",
}
"""Sources of the IS-8 coverage table in words."""

IS8_COVERAGE_NOTE = (
    "Coverage is England's jobs (Census 2021, BRES) or GVA in the categories wholly inside a "
    "sector's SIC definition, as a share of those in every category holding any part of it: "
    "100% means the source measures the definition exactly. SIC codes finer than a division "
    "(groups, classes, subclasses) cannot be weighted with 2-digit data, so a division holding "
    "only part of the definition counts wholly in the upper bound and not at all in the "
    "lower. BRES is held only for ITL2 regions, so it gives coverage here, not area figures.")
"""How the IS-8 coverage is computed, for the table's notes."""

IS8_GRADE_NOTE = S.GRADE_SOURCE_NOTE
"""Where the IS-8 coverage grades come from (derived from the list's rows)."""


def is8_notes() -> list[str]:
    """Notes of the IS-8 table: bases, bounds, GVA, no change across Census bases, grades."""
    return [
        "Jobs are Census 2021 residents in employment, counted where they live. Lower bound: "
        "divisions wholly inside the sector's SIC definition; upper bound: every division "
        "holding part of it. Location quotients against England on each of the two; the one "
        "on upper-bound jobs is not a bound on the other. An area's figures are sums over its "
        "districts.",
        "GVA is shown only where the district GVA industries capture the definition exactly "
        "(current prices); real change deflates each industry with England's implied deflator "
        f"(constant {BASE_YEAR} prices).",
        "No change in jobs is shown: Census 2011 counted workers where they work, Census 2021 "
        "residents where they live.",
        IS8_GRADE_NOTE,
        "Definitions: DBT's Industrial Strategy sector definitions list (23 June 2025) as "
        "transcribed by a third party, not verified against gov.uk; a sector's SIC codes and "
        "its frontier industries' codes are taken together; Creative Industries and Digital "
        "and Technologies share divisions 58-60, so the sectors overlap and do not add up.",
    ]
