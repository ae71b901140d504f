"""Sectors chapter in words and tables: prose, data notes and the pack's readable tables.

Every function reads a computed :class:`~lis_analytics.chapters.sectors.SectorsResult` and
computes no figure of its own.

Examples
--------
>>> gbp_million(1234.5), gbp_million(-12.3), signed_gbp(-633.2)
('£1.2 billion', '-£12 million', '-£633')
>>> join_clauses(["a, b", "c"]), lower_name("R&D, other professional")
('a, b; and c', 'R&D, other professional')
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from lis_analytics import sectors as S
from lis_analytics.chapters.sectors import (
    AREA,
    BASE_YEAR,
    GVA,
    LQ_STRENGTH,
    SectorsResult,
    short_name,
)
from lis_analytics.data import get_dataset
from lis_analytics.present.text.words import format_pct, possessive

UNMATCHED_NAMES: dict[str, str] = {
    "48": "wholesale and retail, not otherwise specified (a Census 2021 pseudo-division, "
          "code 48)",
    "99": "activities of extraterritorial organisations and bodies (code 99)",
}
"""Names of Census 2021 industry codes with no GVA counterpart, for the data notes."""

NON_MARKET = {"O": "public administration", "P": "education", "Q": "health and social work"}
"""ONS GVA sections that are mostly non-market services (first letter of the industry code)."""

NON_MARKET_NOTE = (
    "Real GVA of non-market services (public administration, education, health and social "
    "work) is not cash spending deflated by prices: ONS measures it mostly by the volume of "
    "services delivered (treatments, pupils, cases), and this chapter's deflators are the "
    "implied ones (current prices over ONS's chained volumes), so they reproduce those "
    "volumes. Health output in particular fell sharply in 2020 as routine care stopped, so "
    "low real growth here means measured activity, not spending, and is sensitive to how "
    "ONS counts pandemic-era health output.")
"""How real GVA of non-market services is measured (checked against the implied deflators)."""


# ------------------------------------------------------------------ words


def pct(x: float, digits: int = 0) -> str:
    """A fraction as a percentage, e.g. ``0.123`` -> ``'12%'`` (:func:`.words.format_pct`).

    Examples
    --------
    >>> pct(0.123), pct(0.1234, 1)
    ('12%', '12.3%')
    """
    return format_pct(x * 100, digits)


def gbp_million(x: float) -> str:
    """£ million in words: ``£12 million``, ``£1.2 billion`` (signed).

    Examples
    --------
    >>> gbp_million(999.4), gbp_million(1000.0)
    ('£999 million', '£1.0 billion')
    """
    sign = "-" if x < 0 else ""
    x = abs(x)
    return f"{sign}£{x / 1000:,.1f} billion" if x >= 1000 else f"{sign}£{x:,.0f} million"


def signed_gbp(x: float) -> str:
    """Signed pounds, e.g. ``-£633``, ``+£1,204``.

    Examples
    --------
    >>> signed_gbp(1204.4)
    '+£1,204'
    """
    return f"{'-' if x < 0 else '+'}£{abs(x):,.0f}"


def join_clauses(items: Sequence[str]) -> str:
    """Join as in a sentence; semicolons when the items have commas of their own.

    Examples
    --------
    >>> join_clauses(["a", "b", "c"]), join_clauses(["a, b", "c"]), join_clauses(["a"])
    ('a, b and c', 'a, b; and c', 'a')
    """
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    sep = "; " if any("," in i for i in items) else ", "
    return sep.join(items[:-1]) + (";" if sep == "; " else "") + " and " + items[-1]


def lower_name(name: str) -> str:
    """Lower-case the first letter of a name inside a sentence (not acronyms such as R&D).

    Examples
    --------
    >>> lower_name("Retail"), lower_name("R&D, other professional"), lower_name("IT")
    ('retail', 'R&D, other professional', 'IT')
    """
    name = str(name)
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


def division_name(code: str, name: str) -> str:
    """Short name of a Census division label for sentences.

    Examples
    --------
    >>> division_name("47", "Retail trade, except of motor vehicles and motorcycles")
    'Retail trade'
    >>> division_name("41-43", "Construction of buildings; Civil engineering; Specialised ...")
    'Construction'
    """
    if code == "41-43":
        return "Construction"
    return str(name).split(";")[0].split(", except")[0].strip()


def strengths(r: SectorsResult) -> pd.DataFrame:
    """Industries concentrated on two measures and not screened, highest GVA LQ first.

    GVA and residents' jobs location quotients both of at least 1.25; industries a
    data-quality screen flagged (:attr:`SectorsResult.screened`) are left out.
    """
    t = unscreened(r)
    return t[(t["lq"] >= LQ_STRENGTH) & (t["jobs_lq"] >= LQ_STRENGTH)].sort_values(
        "lq", ascending=False)


def unscreened(r: SectorsResult) -> pd.DataFrame:
    """The industries of ``harmonised`` that no data-quality screen flagged."""
    t = r.harmonised
    return t[~t["industry_code"].isin(r.screened_codes)]


def screened_out(r: SectorsResult) -> pd.DataFrame:
    """Industries with a GVA LQ of at least 1.25 that a screen flagged, highest LQ first."""
    t = r.harmonised
    return t[(t["lq"] >= LQ_STRENGTH) & t["industry_code"].isin(r.screened_codes)].sort_values(
        "lq", ascending=False)


def low_pay_names(r: SectorsResult) -> list[str]:
    """Short names of the low-paying industries of the area's residents, largest first."""
    return [division_name(code, name) for code, name in r.low_pay_divisions]


# ------------------------------------------------------------------ prose


def strengths_text(r: SectorsResult) -> str:
    """Plain-English summary of the area's distinctive strengths."""
    t = r.harmonised
    strong = t[t["distinctive_strength"].fillna(False).astype(bool)].sort_values(
        "lq", ascending=False)
    clean = unscreened(r)
    concentrated_falling = clean[(clean["lq"] >= LQ_STRENGTH) & (clean["growth"] <= 0)]
    parts = []
    if len(strong):
        parts.append(
            f"**Distinctive strengths.** {len(strong)} industr"
            f"{'y is' if len(strong) == 1 else 'ies are'} more concentrated in "
            f"{r.area.name} than in England on two measures (location quotients of 1.25 or more "
            f"for GVA in {r.latest} and for residents' jobs in 2021) and grew in real terms "
            f"over {r.window}: "
            + join_clauses([f"{lower_name(x.industry)} ({gbp_million(x.gva)}, GVA LQ "
                            f"{x.lq:.2f}, jobs LQ {x.jobs_lq:.2f}, {x.cagr:+.1f}% a year)"
                            for x in strong.itertuples()]) + ".")
    else:
        parts.append(f"**Distinctive strengths.** No industry is concentrated in "
                     f"{r.area.name} on both GVA and residents' jobs (location quotients of "
                     f"1.25 or more) and growing in real terms over {r.window}.")
    flagged = screened_out(r)
    if len(flagged):
        parts.append("Not counted, because a data-quality screen flagged the district figures "
                     "behind them (see *Data-quality screens*): " + join_clauses(
                         [f"{lower_name(x.industry)} (GVA LQ {x.lq:.2f})"
                          for x in flagged.itertuples()]) + ".")
    if len(concentrated_falling):
        parts.append("Concentrated here but shrinking in real terms: " + join_clauses(
            [f"{lower_name(x.industry)} (LQ {x.lq:.2f}, {x.cagr:+.1f}% a year)"
             for x in concentrated_falling.itertuples()]) + ".")
    big = t.sort_values("gva", ascending=False).head(3)
    parts.append("By size, the largest industries are " + join_clauses(
        [f"{lower_name(x.industry)} ({gbp_million(x.gva)})" for x in big.itertuples()])
        + f" of GVA in {r.latest}. A high location quotient does not make an industry large: "
        "the two views together show what is distinctive and what matters for jobs and output.")
    return " ".join(parts)


def foundational_text(r: SectorsResult) -> str:
    """Plain-English summary of where residents work and of the foundational economy."""
    g = r.groupings.set_index("grouping_id")
    fe, mat, prov = (g.loc[k] for k in ("foundational_economy", "foundational_economy_material",
                                        "foundational_economy_providential"))
    top = r.largest_divisions.head(5)
    names = low_pay_names(r)
    return (
        f"**Where most people work.** The five largest industries of {possessive(r.area.name)} "
        "working residents in 2021 were " + join_clauses(
            [f"{lower_name(division_name(x.division, x.industry))} ({pct(x.share, 1)})"
             for x in top.itertuples()])
        + f"; {int(top['foundational'].sum())} of these five are part of the foundational "
        "economy.\n\n"
        f"**The foundational economy** (utilities, food, retail, transport, banking, and "
        f"education, health and care) employs {pct(fe.jobs_share)} of working residents "
        f"(England {pct(fe.jobs_share_england)}): {pct(prov.jobs_share)} in education, health "
        f"and care and {pct(mat.jobs_share)} in the material foundational economy. It produces "
        f"at least {pct(fe.gva_share)} of the area's GVA (England "
        f"{pct(fe.gva_share_england)}; a lower bound, because district GVA is not published "
        "separately for some of its divisions).\n\n"
        f"**Low-paid, high-employment work.** {pct(r.low_pay_share)} of working residents "
        f"(England {pct(r.low_pay_share_england)}) are in industries the Low Pay Commission "
        "counts as low-paying, the largest here being "
        + join_clauses([lower_name(n) for n in names[:4]])
        + ". Much of this is the everyday economy: retail, hospitality and social care employ "
        "many people, often part-time and close to the minimum wage, and add little GVA per "
        "worker. They are not distinctive strengths, but improving their productivity, pay and "
        "progression matters for most residents as much as growing the high-productivity "
        "industries.")


def classification_text(r: SectorsResult) -> str:
    """One paragraph per label: which industries carry it."""
    t = r.harmonised
    lines = []
    for col, label, meaning in (
        ("distinctive_strength", "Distinctive strengths",
         f"GVA location quotient of 1.25 or more in {r.latest}, residents' jobs location "
         f"quotient of 1.25 or more in 2021, real growth over {r.window} and no data-quality "
         "flag"),
        ("large_employer", "Large employers",
         "at least 5% of working residents' jobs, Census 2021"),
        ("high_productivity", "High-productivity industries",
         "GVA per worker in England above the all-industry average, 2021; households as "
         "employers and imputed rent are never ranked"),
        ("at_risk", "At risk",
         f"real GVA fell over {r.window} and by more than in England"),
    ):
        names = t.loc[t[col].fillna(False).astype(bool), "industry"].tolist()
        lines.append(f"- **{label}** ({meaning}): " + (join_clauses([lower_name(n) for n in names])
                                                       if names else "none") + ".")
    risky = t[t["at_risk"].fillna(False).astype(bool)
              & t["industry_code"].astype(str).str[:1].isin(list(NON_MARKET))]
    if len(risky):
        lines.append("\n" + " ".join(
            f"{x.industry}: England's real GVA changed {x.benchmark_cagr:+.1f}% a year "
            f"over {r.window}, and the area's by {x.growth * 100:+.1f}% in all."
            for x in risky.itertuples()) + " " + NON_MARKET_NOTE)
    return "\n".join(lines)


def classification_note(r: SectorsResult) -> str:
    """The four tests of the classification, as a table note."""
    return (f"Distinctive strength: GVA LQ of 1.25 or more in {r.latest} and residents' jobs "
            f"LQ of 1.25 or more in 2021, real growth over {r.window}, and no data-quality "
            "flag. Large employer: 5% or more of residents' jobs in 2021. High productivity: "
            "England's GVA per worker in the industry above the all-industry average in 2021 "
            "(households as employers and imputed rent never count). At risk: real GVA fell "
            "and by more than in England.")


def shift_share_text(r: SectorsResult, n: int = 4) -> str:
    """Which industries drove the local competitiveness effect, in words."""
    by = r.shift.by_industry
    by = by[by["area_code"] == AREA].sort_values("competitive")
    flagged = by["industry_code"].map(lambda c: _harmonised_code(r, c)).isin(r.screened_codes)
    screened_gain = float(by.loc[flagged, "competitive"].sum())
    by = by[~flagged]
    up = by[by["competitive"] > 0].tail(n).iloc[::-1]
    down = by[by["competitive"] < 0].head(n)
    tot = r.shift.totals.set_index("area_code").loc[AREA]
    mix = ("helped" if tot.industry_mix > 0 else "held back")
    parts = [f"The area's industry mix {mix} growth by {gbp_million(abs(tot.industry_mix))}: it "
             f"has {'more' if tot.industry_mix > 0 else 'less'} of the industries that grew "
             "fastest in England."]
    if len(up):
        parts.append("Industries that grew faster here than in England added most: "
                     + join_clauses([f"{lower_name(short_name(x.industry_code))} "
                                     f"({gbp_million(x.competitive)})" for x in up.itertuples()])
                     + ".")
    if len(down):
        parts.append("The largest shortfalls against England's growth were in "
                     + join_clauses([f"{lower_name(short_name(x.industry_code))} "
                                     f"({gbp_million(x.competitive)})"
                                     for x in down.itertuples()]) + ".")
    if flagged.any():
        parts.append(f"Industries a data-quality screen flagged are not named here; together "
                     f"they account for {gbp_million(screened_gain)} of the competitiveness "
                     "effect (see *Data-quality screens*).")
    return " ".join(parts)


def _harmonised_code(r: SectorsResult, gva_code: str) -> str:
    """The chapter's industry (``harmonised``) that a GVA industry code falls in."""
    return r.concordance.map_a.get(str(gva_code), str(gva_code))


def productivity_text(r: SectorsResult, n: int = 3) -> str:
    """Which industries contribute most to the mix and within parts of the gap, in words."""
    by = r.productivity.by_industry
    by = by[(by["area_code"] == AREA) & by["industry_code"].map(S.is_ranked_for_productivity)]
    p = r.productivity.totals.set_index("area_code").loc[AREA]
    within = by.sort_values("within")
    mix = by.reindex(by["mix"].abs().sort_values(ascending=False).index).head(n)
    weakest = within.head(n) if p.within < 0 else within.iloc[::-1].head(n)
    word = "below" if p.within < 0 else "above"
    return (
        f"GVA per worker was £{p.productivity_area:,.0f} against £{p.productivity_benchmark:,.0f} "
        f"in England. Within industries, productivity was furthest {word} England's in "
        + join_clauses([f"{lower_name(short_name(x.industry_code))} (contributing "
                        f"{signed_gbp(x.within)} a worker)" for x in weakest.itertuples()])
        + ". The largest industry-mix effects come from "
        + join_clauses([f"{lower_name(short_name(x.industry_code))} ({signed_gbp(x.mix)}: "
                        f"{x.labour_share_area * 100:.1f}% of workers against "
                        f"{x.labour_share_benchmark * 100:.1f}% in England)"
                        for x in mix.itertuples()])
        + ". These are 2011 figures: the structure has changed since, but later years lack "
          "workplace jobs by industry for districts in the offline data.")


def screens_rules() -> str:
    """The data-quality screens and their thresholds, in words (from the analysis constants).

    Examples
    --------
    >>> "more than 50%" in screens_rules() and "£25 million" in screens_rules()
    True
    """
    local = join_clauses([lower_name(short_name(c)) for c in S.LOCAL_SERVICE_INDUSTRIES])
    return (
        "Three screens run on the district figures before a finding is made. *Jumps*: a "
        "district's GVA in an industry that changes from one year to the next by more than "
        f"{S.JUMP_THRESHOLD:.0%} relative to England's change in that industry (or falls to "
        f"less than {1 / (1 + S.JUMP_THRESHOLD):.0%} of it) and stays at the new level to the "
        "latest year; cells under "
        f"£{S.CELL_FLOOR:,.0f} million are not judged. *Implausible shares*: a local-serving "
        f"industry ({local}) making up more than {S.SHARE_LQ_CEILING:g} times England's share "
        "of a district's GVA, which usually means a national business's output booked at its "
        "head office. A flagged district cell counts against the area's industry when the "
        f"district holds at least {S.MATERIAL_SHARE:.0%} of the area's GVA in it; such an "
        "industry cannot be a distinctive strength, lead the key findings or be named as "
        "adding to the competitiveness effect. *Productivity rankings* never include "
        "households as employers or owner-occupiers' imputed rent: the first is domestic "
        "staff's pay, the second output with no workers.")


def screens_note() -> str:
    """The screens' thresholds as a plain-text table note.

    Examples
    --------
    >>> "*" in screens_note()
    False
    """
    return (f"Jump: a change on the year before beyond +{S.JUMP_THRESHOLD:.0%} (or "
            f"-{1 - 1 / (1 + S.JUMP_THRESHOLD):.0%}) relative to England's change in the "
            f"industry, still beyond it in the latest year; cells under £{S.CELL_FLOOR:,.0f} "
            f"million not judged. Implausible share: a local-serving industry above "
            f"{S.SHARE_LQ_CEILING:g} times England's share of a district's GVA. A cell counts "
            f"where the district holds {S.MATERIAL_SHARE:.0%} or more of the area's GVA in the "
            "industry.")


def screens_text(r: SectorsResult) -> str:
    """What the data-quality screens removed for this area, and why."""
    t = r.screened
    if not len(t):
        found = f"No district figure behind {possessive(r.area.name)} findings was flagged."
    else:
        names = t.drop_duplicates("harmonised_code")["harmonised_code"].map(short_name)
        flagged = screened_out(r)
        found = (
            f"In {r.area.name}, {len(t)} district figure{'s were' if len(t) != 1 else ' was'} "
            f"flagged, in {len(names)} industr{'ies' if len(names) != 1 else 'y'}: "
            + join_clauses([lower_name(n) for n in names]) + ".")
        if len(flagged):
            found += (" Of these, " + join_clauses(
                [f"{lower_name(x.industry)} (GVA LQ {x.lq:.2f})" for x in flagged.itertuples()])
                + " would otherwise count as concentrated in the area.")
    return f"**Data-quality screens.** {screens_rules()}\n\n{found}"


def data_notes(r: SectorsResult) -> list[str]:
    """Caveats of the sources as used in this chapter, including cells that were estimated."""
    gva = get_dataset(GVA)
    notes = [
        f"GVA: {gva.title} ({gva.vintage}). Current prices for "
        f"shares and location quotients; growth in constant {BASE_YEAR} prices, each industry "
        "deflated with England's implied deflator (so industries add up; ONS's own "
        "chained-volume figures do not). Owner-occupiers' imputed rent is left out. "
        f"{r.latest} figures are provisional.",
        "Jobs: Census 2021 counts residents in employment where they LIVE (residence-based), "
        "during lockdown (furloughed people are counted in their industry): they describe the "
        "industries of the area's residents, not the jobs located in it. "
        "Census 2011 counts workers where they WORK "
        "(workplace-based) and is used for the productivity decomposition with 2011 GVA, the "
        "one year where both are available on the same basis for districts.",
        "BRES (workplace jobs by detailed industry) is not in the offline data for districts; "
        "lis_analytics.data.nomis fetches it from Nomis where the network allows.",
        NON_MARKET_NOTE,
    ]
    if len(r.is8):
        notes.append("Industrial Strategy growth sectors: DBT's sector definitions list of 23 "
                     "June 2025, as transcribed by a third party and not verified against "
                     "gov.uk. " + S.GRADE_SOURCE_NOTE + " A sector's figures cover the SIC "
                     "codes of its sector-level and frontier rows together; \"Foundational "
                     "industries and inputs\" are not one of the eight and are left out."
                     + ("" if (r.is8_coverage["source"] == "BRES").any() else
                        " BRES was not available, so its coverage is not shown."))
    if len(r.estimated):
        cells = r.estimated.groupby("period")["industry_code"].nunique()
        notes.append("ONS suppressed some district GVA cells ([c]); they were estimated from the "
                     "published totals above them: " + "; ".join(
                         f"{p}: {n} industr{'y' if n == 1 else 'ies'}" for p, n in cells.items())
                     + ".")
    if r.unmatched_jobs:
        notes.append("Census 2021 categories with no GVA counterpart are left out of the "
                     "industry comparisons: " + "; ".join(
                         f"{UNMATCHED_NAMES.get(str(k), short_name(k))} ({v:,.0f} residents)"
                         for k, v in r.unmatched_jobs.items()) + ".")
    return notes


# ------------------------------------------------------------------ tables


def _int(values: pd.Series) -> pd.Series:
    """Counts and £ million shown as whole numbers (missing stays missing)."""
    return pd.to_numeric(values, errors="coerce").round(0).astype("Int64")


def _lq(values: pd.Series) -> pd.Series:
    """Location quotients as text to 2 decimals, so the 1.25 threshold stays visible."""
    return pd.to_numeric(values, errors="coerce").map(
        lambda v: np.nan if pd.isna(v) else f"{v:.2f}").astype(object)


def _names(codes: str) -> str:
    return "; ".join(short_name(c.strip()) for c in str(codes).split(";") if c.strip()) or "none"


def _yes(values: pd.Series) -> pd.Series:
    return values.fillna(False).astype(bool).map({True: "yes", False: "no"})


def industry_table(r: SectorsResult) -> pd.DataFrame:
    """GVA and residents' jobs by industry, with location quotients, growth and labels."""
    t = r.harmonised.sort_values("lq", ascending=False)
    return pd.DataFrame({
        "Industry": t["industry"], "Code (ONS GVA)": t["industry_code"],
        f"GVA {r.latest} (£m)": _int(t["gva"]),
        "GVA flagged by a data-quality screen": t.get(
            "gva_screened", pd.Series(False, index=t.index)).map({True: "yes", False: "no"}),
        f"GVA location quotient {r.latest}": _lq(t["lq"]),
        f"Real GVA growth {r.window} (% a year)": t["cagr"].round(1),
        f"England real GVA growth {r.window} (% a year)": t["benchmark_cagr"].round(1),
        "Residents in employment 2021": _int(t["jobs"]),
        "Share of residents' jobs 2021 (%)": (t["share"] * 100).round(1),
        "Jobs location quotient 2021": _lq(t["jobs_lq"]),
        "England GVA per worker 2021 (£)": _int(t["productivity"].round(-2)),
        "Classification": t["labels"].replace("", "none"),
    })


def classification_table(r: SectorsResult) -> pd.DataFrame:
    """One row per industry with at least one label, with the evidence for each."""
    t = r.harmonised
    t = t[t["labels"] != ""].copy()
    order = (t["distinctive_strength"].fillna(False).astype(int) * 8
             + t["large_employer"].fillna(False).astype(int) * 4
             + t["high_productivity"].fillna(False).astype(int) * 2
             + t["at_risk"].fillna(False).astype(int))
    t = t.assign(_o=order).sort_values(["_o", "gva"], ascending=False)
    return pd.DataFrame({
        "Industry": t["industry"],
        "Distinctive strength": _yes(t["distinctive_strength"]),
        "Large employer": _yes(t["large_employer"]),
        "High productivity": _yes(t["high_productivity"]),
        "At risk": _yes(t["at_risk"]),
        f"GVA LQ {r.latest}": _lq(t["lq"]),
        f"Real GVA change {r.window} (%)": (t["growth"] * 100).round(1),
        f"England change {r.window} (%)": (t["benchmark_growth"] * 100).round(1),
        "Share of residents' jobs 2021 (%)": (t["share"] * 100).round(1),
        "England GVA per worker 2021 (£)": _int(t["productivity"].round(-2)),
    })


def groupings_table(r: SectorsResult) -> pd.DataFrame:
    """Foundational economy and Grand Challenge groupings: size, share, LQ and growth."""
    g = r.groupings
    return pd.DataFrame({
        "Grouping": g["title"],
        "Residents in employment 2021": _int(g["jobs"]),
        "Share of residents' jobs (%)": (g["jobs_share"] * 100).round(1),
        "England share of jobs (%)": (g["jobs_share_england"] * 100).round(1),
        "Jobs LQ": _lq(g["jobs_lq"]),
        f"GVA {r.latest} (£m)": _int(g["gva"]),
        "Share of GVA (%)": (g["gva_share"] * 100).round(1),
        "England share of GVA (%)": (g["gva_share_england"] * 100).round(1),
        "GVA LQ": _lq(g["gva_lq"]),
        f"Real GVA growth {r.window} (% a year)": g["gva_cagr"].round(1),
        "England real GVA growth (% a year)": g["gva_cagr_england"].round(1),
        "GVA industries left out (only partly in the grouping)": g["gva_partial"].map(_names),
    })


def shift_share_table(r: SectorsResult) -> pd.DataFrame:
    """Shift-share components by industry (£m, 2022 prices), largest change first."""
    t = r.shift.by_industry
    t = t[t["area_code"] == AREA].copy()
    t = t.reindex(t["actual_change"].abs().sort_values(ascending=False).index)
    return pd.DataFrame({
        "Industry": t["industry_code"].map(short_name),
        f"GVA {r.start} (£m)": _int(t["start"]), f"GVA {r.latest} (£m)": _int(t["end"]),
        "Change (£m)": t["actual_change"].round(1),
        "National growth (£m)": t["national_share"].round(1),
        "Industry mix (£m)": t["industry_mix"].round(1),
        "Local competitiveness (£m)": t["competitive"].round(1),
    })


def productivity_table(r: SectorsResult) -> pd.DataFrame:
    """Productivity gap decomposition by section (2011), £ per worker."""
    t = r.productivity.by_industry
    t = t[t["area_code"] == AREA].copy()
    t = t.assign(total=t["mix"] + t["within"]).sort_values("total")
    return pd.DataFrame({
        "Industry (section)": t["industry_code"].map(short_name),
        "Share of workers (%)": (t["labour_share_area"] * 100).round(1),
        "England share of workers (%)": (t["labour_share_benchmark"] * 100).round(1),
        "GVA per worker (£)": _int(t["productivity_area"].round(-1)),
        "England GVA per worker (£)": _int(t["productivity_benchmark"].round(-1)),
        "Industry mix (£ per worker)": _int(t["mix"]),
        "Within industry (£ per worker)": _int(t["within"]),
    })


def largest_divisions_table(r: SectorsResult, n: int = 12) -> pd.DataFrame:
    """The largest industries (2-digit SIC) of working residents in 2021."""
    t = r.largest_divisions.head(n)
    return pd.DataFrame({
        "SIC division": t["division"], "Industry": t["industry"],
        "Residents in employment": _int(t["jobs"]),
        "Share (%)": (t["share"] * 100).round(1),
        "England share (%)": (t["benchmark_share"] * 100).round(1),
        "Foundational economy": t["foundational"].map({True: "yes", False: "no"}),
    })


def screens_table(r: SectorsResult) -> pd.DataFrame:
    """The flagged district figures: industry, district, screen, years and the jump."""
    t = r.screened
    years = [f"{a}-{b}" if isinstance(a, str) and a else str(b)
             for a, b in zip(t["previous_period"], t["period"], strict=True)]
    screen = t["screen"].map({"jump": "jump that persisted", "share": "implausible share"})
    return pd.DataFrame({
        "Industry": t["industry"], "District": t["district"], "Screen": screen,
        "Year(s)": years,
        "GVA before (£m)": _int(t["previous"]), "GVA after (£m)": _int(t["value"]),
        "Change relative to England (%)": (t["relative_change"].astype(float) * 100).round(0),
        "District share against England's (LQ)": _lq(t["lq"]),
        "District's share of the area's GVA in the industry (%)":
            (t["share_of_area"].astype(float) * 100).round(0),
    })


def comparison_table(results: Sequence[SectorsResult]) -> pd.DataFrame:
    """Specialisation, foundational economy and growth of several areas side by side."""
    rows = []
    for r in results:
        fe = r.groupings.set_index("grouping_id").loc["foundational_economy"]
        tot = r.shift.totals.set_index("area_code").loc[AREA]
        rows.append({"Area": r.area.label, "Krugman index, GVA": round(r.krugman["gva"], 3),
                     "Krugman index, residents' jobs": round(r.krugman["jobs"], 3),
                     "Foundational economy, share of residents' jobs (%)":
                         round(fe.jobs_share * 100, 1),
                     f"Real GVA growth {r.window} (%)": round(tot.area_growth * 100, 1)})
    return pd.DataFrame(rows)

