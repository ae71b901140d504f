"""Key findings and headline figures of the sectors chapter, written from its computed result.

:func:`key_findings` gives the sentences; :func:`figure_records` the headline figures for
``figures.csv``, each a dict of keyword arguments of
:meth:`lis_analytics.present.Chapter.figure`, so a notebook records them with
``for record in figure_records(result): chapter.figure(**record)``.
"""

from __future__ import annotations

from lis_analytics.chapters.sectors import (
    AREA,
    GVA,
    IS8,
    LQ_STRENGTH,
    RESIDENTS_2021,
    SectorsResult,
)
from lis_analytics.present.text.sectors import (
    gbp_million,
    join_clauses,
    lower_name,
    pct,
    signed_gbp,
    strengths,
    unscreened,
)
from lis_analytics.present.text.words import join_words, ordinal, possessive


def key_findings(r: SectorsResult) -> list[str]:
    """The chapter's key findings, in order of importance.

    Distinctive industries, the foundational economy and low-paying industries, real growth
    and its shift-share, the productivity gap (when there is one) and specialisation with
    its rank in the peer group.
    """
    name = r.area.name
    out = []
    top = strengths(r).head(3)
    n_strong = int(r.harmonised["distinctive_strength"].fillna(False).sum())
    if len(top):
        listed = join_clauses([f"{lower_name(x.industry)} (location quotient {x.lq:.2f})"
                               for x in top.itertuples()])
        out.append(f"Measured by their share of GVA against England in {r.latest}, and "
                   f"concentrated in residents' jobs too, {possessive(name)} most distinctive "
                   f"industries are {listed}; {n_strong} "
                   f"industr{'y is' if n_strong == 1 else 'ies are'} concentrated here on both "
                   f"measures (LQ of 1.25 or more) and grew in real terms over {r.window}.")
    else:
        first = unscreened(r).sort_values("lq", ascending=False).iloc[0]
        out.append(f"{possessive(name)} economy has no industry with GVA and residents' jobs "
                   f"location quotients both of 1.25 or more that passes the data-quality "
                   f"screens; the most concentrated by GVA in {r.latest} is "
                   f"{lower_name(first.industry)} ({first.lq:.2f}).")
    fe = r.groupings.set_index("grouping_id").loc["foundational_economy"]
    out.append(f"The foundational economy (everyday services and utilities) employs "
               f"{pct(fe.jobs_share)} of working residents (England "
               f"{pct(fe.jobs_share_england)}) and produces at least {pct(fe.gva_share)} of "
               f"GVA; {pct(r.low_pay_share)} of working residents are in typically low-paying "
               f"industries such as retail, hospitality and social care (England "
               f"{pct(r.low_pay_share_england)}).")
    if len(r.is8):
        out.append(is8_finding(r))
    tot = r.shift.totals.set_index("area_code").loc[AREA]
    out.append(f"Real GVA grew by {pct(tot.area_growth, 1)} over {r.window} (England "
               f"{pct(tot.benchmark_growth, 1)}): England's growth rate accounts for "
               f"{gbp_million(tot.national_share)}, the area's industry mix for "
               f"{gbp_million(tot.industry_mix)} and its local competitive performance for "
               f"{gbp_million(tot.competitive)} (2022 prices).")
    p = r.productivity.totals.set_index("area_code").loc[AREA]
    rel = p.productivity_area / p.productivity_benchmark - 1
    if abs(p.gap) > 1:
        main = ("the industry mix" if abs(p.mix) > abs(p.within)
                else "productivity within industries")
        out.append(f"In {r.productivity_year} GVA per worker was {pct(abs(rel))} "
                   f"{'above' if rel > 0 else 'below'} England (£{abs(p.gap):,.0f} a worker); "
                   f"industry mix accounts for {signed_gbp(p.mix)} and productivity within "
                   f"industries for {signed_gbp(p.within)} a worker, so {main} explains most "
                   "of the gap.")
    k = r.krugman_rank
    where = (f"ranked {ordinal(k.rank)} of {k.label} (1 = most specialised)" if k.member
             else f"it would rank {ordinal(k.rank)} of the {k.label} (1 = most specialised)")
    out.append(f"The Krugman specialisation index of GVA is {r.krugman['gva']:.2f} (0 = same "
               f"structure as England, 2 = nothing in common): {where}.")
    return out


def is8_finding(r: SectorsResult) -> str:
    """One sentence on the Industrial Strategy's eight growth sectors, with their grades.

    Only sectors whose grade allows a claim are named as strengths; sectors SIC cannot
    measure are named as such, and proxy sectors carry no claim.
    """
    t = r.is8
    strong = t[t["claim"] == "strength"]
    poor = list(t.loc[t["claim"] == "not measurable", "sector"])
    proxy = list(t.loc[t["grade"] == "proxy", "sector"])
    lead = ("Of the Industrial Strategy's eight growth sectors, "
            + (join_words([f"{x.sector} ({x.lq_lower:.2f}, {x.grade})"
                           for x in strong.itertuples()])
               + (" is a strength" if len(strong) == 1 else " are strengths")
               + " on residents' jobs (location quotient against England, SIC coverage grade)"
               if len(strong) else
               f"none that SIC data can measure is concentrated among working residents "
               f"(location quotient of {LQ_STRENGTH:.2f} or more)"))
    caveats = []
    if poor:
        caveats.append(f"SIC data cannot measure {join_clauses(poor)}")
    if proxy:
        caveats.append(f"{join_clauses(proxy)} {'is' if len(proxy) == 1 else 'are'} measured "
                       "only by a proxy, so no claim is made")
    return lead + (f"; {'; '.join(caveats)}" if caveats else "") + "."


def figure_records(r: SectorsResult) -> list[dict]:
    """The chapter's headline figures, as keyword arguments of :meth:`Chapter.figure`.

    Highest GVA location quotient, number of distinctive strengths, Krugman indices (GVA with
    its rank in the peer group, residents' jobs), foundational economy shares, the share of
    residents' jobs in low-paying industries, real GVA growth and its local competitiveness
    effect, and the 2011 productivity gap.
    """
    top = unscreened(r).sort_values("lq", ascending=False).iloc[0]
    fe = r.groupings.set_index("grouping_id").loc["foundational_economy"]
    tot = r.shift.totals.set_index("area_code").loc[AREA]
    gap = r.productivity.totals.set_index("area_code").loc[AREA]
    k = r.krugman_rank
    specialisation = "index (0 = same structure as England, 2 = none shared)"
    is8 = []
    if len(r.is8):
        strong = r.is8[r.is8["claim"] == "strength"]
        named = "; ".join(f"{x.sector} ({x.grade})" for x in strong.itertuples()) or "none"
        grades = "; ".join(f"{x.sector} {x.grade}" for x in r.is8.itertuples())
        is8 = [dict(indicator_id="is8_strengths",
                    indicator="Industrial Strategy growth sectors that are strengths "
                              "(residents' jobs)", period="2021", value=len(strong),
                    unit="sectors", source_dataset_id=RESIDENTS_2021,
                    note=f"strengths: {named}; SIC coverage grades: {grades}; jobs location "
                         f"quotient of {LQ_STRENGTH} or more on the exact measure and a grade "
                         f"other than proxy or poor; definitions: {IS8}")]
    return is8 + [
        dict(indicator_id="gva_lq_highest", indicator="Highest GVA location quotient (England = 1)",
             period=r.latest, value=top["lq"], unit="ratio", price_basis="current prices",
             source_dataset_id=GVA, benchmark_england=1.0,
             note=f"industry: {top['industry']}; industries flagged by a data-quality screen "
                  "left out"),
        dict(indicator_id="distinctive_strengths",
             indicator="Industries that are distinctive strengths", period=r.window,
             value=int(r.harmonised["distinctive_strength"].fillna(False).sum()),
             unit="industries", price_basis="constant 2022 prices", source_dataset_id=GVA,
             note="GVA and residents' jobs location quotients of 1.25 or more, real GVA "
                  "growth, no data-quality flag"),
        dict(indicator_id="sector_cells_screened",
             indicator="District GVA figures flagged by the data-quality screens",
             period=r.window, value=len(r.screened), unit="district x industry cells",
             price_basis="current prices", source_dataset_id=GVA,
             note=f"in {len(r.screened_codes)} industries"),
        dict(indicator_id="krugman_index_gva", indicator="Krugman specialisation index, GVA",
             period=r.latest, value=r.krugman["gva"], unit=specialisation,
             price_basis="current prices", source_dataset_id=GVA, benchmark_england=0.0,
             note=f"rank {k.rank} of {k.label} (1 = most specialised)"),
        dict(indicator_id="krugman_index_jobs",
             indicator="Krugman specialisation index, residents' jobs", period="2021",
             value=r.krugman["jobs"], unit=specialisation, source_dataset_id=RESIDENTS_2021,
             benchmark_england=0.0, note="88 Census industries, residence-based"),
        dict(indicator_id="foundational_share_jobs",
             indicator="Foundational economy, share of residents' jobs", period="2021",
             value=fe["jobs_share"] * 100, unit="%", source_dataset_id=RESIDENTS_2021,
             benchmark_england=fe["jobs_share_england"] * 100, note="residence-based"),
        dict(indicator_id="foundational_share_gva",
             indicator="Foundational economy, share of GVA (lower bound)", period=r.latest,
             value=fe["gva_share"] * 100, unit="%", price_basis="current prices",
             source_dataset_id=GVA, benchmark_england=fe["gva_share_england"] * 100,
             note="excludes GVA industries only partly foundational"),
        dict(indicator_id="low_pay_industries_share_jobs",
             indicator="Share of residents' jobs in low-paying industries", period="2021",
             value=r.low_pay_share * 100, unit="%", source_dataset_id=RESIDENTS_2021,
             benchmark_england=r.low_pay_share_england * 100,
             note="Low Pay Commission low-paying industries, division-level approximation"),
        dict(indicator_id="real_gva_growth", indicator="Real GVA growth", period=r.window,
             value=tot["area_growth"] * 100, unit="% over the period",
             price_basis="constant 2022 prices", source_dataset_id=GVA,
             benchmark_england=tot["benchmark_growth"] * 100,
             note="industries deflated with England's implied deflators"),
        dict(indicator_id="shift_share_competitive",
             indicator="Shift-share: local competitiveness effect", period=r.window,
             value=tot["competitive"], unit="GBP million (2022 prices)",
             price_basis="constant 2022 prices", source_dataset_id=GVA,
             note=f"industry mix {tot['industry_mix']:,.0f}; national growth "
                  f"{tot['national_share']:,.0f}"),
        dict(indicator_id="productivity_gap_2011", indicator="GVA per worker gap to England",
             period=r.productivity_year, value=gap["gap"], unit="GBP per worker",
             price_basis="current prices", source_dataset_id=GVA, benchmark_england=0.0,
             note=f"industry mix {gap['mix']:,.0f}; within industries {gap['within']:,.0f}; "
                  "Census 2011 workplace population"),
    ]
