"""Words and tables of the FEMA chapter, built from its result (:mod:`lis_analytics.chapters.fema`).

Nothing here computes a figure: every number is read from the result and only formatted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from lis_analytics.geography import Area
from lis_analytics.present.record import Chapter
from lis_analytics.present.text.words import is_plural, its, ordinal, possessive

if TYPE_CHECKING:  # the result type only; present never calls into chapters
    from lis_analytics.chapters.fema import FemaResult

__all__ = [
    "LOCKDOWN_CAVEAT",
    "TYPE_LABELS",
    "balance_paragraph",
    "balance_view",
    "codes_short",
    "district_paragraph",
    "district_view",
    "fit_paragraph",
    "fit_view",
    "group_view",
    "handling_view",
    "kind_label",
    "partner_view",
    "pct_label",
    "pool_text",
    "rank_text",
    "ranking_view",
    "record_figures",
    "ttwa_count_paragraph",
]

LOCKDOWN_CAVEAT = (
    "Census 2021 was taken on 21 March 2021, during a national lockdown with many workers "
    "furloughed: 45% of workers in England and Wales were mainly working at or from home (or "
    "had no fixed place), against 19% in 2011. Self-containment from 2021 flows is therefore "
    "inflated and is not evidence of a change in travel-to-work patterns; 2011 is the basis "
    "for travel-to-work areas."
)

TYPE_LABELS: dict[str, str] = {"LEP": "LEPs", "CA": "Combined Authorities", "RGN": "regions",
                               "SA": "proposed strategic authorities",
                               "LAD": "districts in England", "CUSTOM": "custom areas"}
"""How the chapter names each peer group in words (districts: those of the area's nation)."""


def kind_label(group_type: str, area: Area | None = None) -> str:
    """The peer group in words, e.g. ``'LEPs'``; districts are ranked among their nation's.

    Examples
    --------
    >>> kind_label("CA")
    'Combined Authorities'
    >>> kind_label("LAD", Area("E08000010", "Wigan", "LAD", ("E08000010",)))
    'districts in England'
    >>> kind_label("LAD", Area("W06000015", "Cardiff", "LAD", ("W06000015",)))
    'districts in Wales'
    """
    if group_type == "LAD" and area is not None and area.code.startswith("W"):
        return "districts in Wales"
    return TYPE_LABELS[group_type]


def rank_text(area: Area, group_type: str, rank: int, n: int) -> str:
    """'ranks 13th of 38 LEPs' (or 'would rank 5th of 39 alongside the 38 LEPs' for others).

    ``n`` is the size of the ranking pool, the area included (``n_of_type``).

    Examples
    --------
    >>> rank_text(Area("E1", "X", "LEP", ("A",)), "LEP", 13, 38)
    'ranks 13th of 38 LEPs'
    >>> rank_text(Area("C1", "Y", "CUSTOM", ("A",)), "LEP", 5, 39)
    'would rank 5th of 39 alongside the 38 LEPs'
    """
    kind = kind_label(group_type, area)
    if area.type == group_type:
        return f"ranks {ordinal(rank)} of {n} {kind}"
    return f"would rank {ordinal(rank)} of {n} alongside the {n - 1} {kind}"


def pool_text(area: Area, group_type: str, n: int) -> str:
    """What ranks and medians are taken over: 'the 38 LEPs (Greater Manchester included)'.

    Examples
    --------
    >>> pool_text(Area("E1", "X", "LEP", ("A",)), "LEP", 38)
    'the 38 LEPs (X included)'
    >>> pool_text(Area("C1", "Y", "CUSTOM", ("A",)), "LEP", 39)
    'Y and the 38 LEPs (39 areas)'
    """
    kind = kind_label(group_type, area)
    if area.type == group_type:
        return f"the {n} {kind} ({area.name} included)"
    return f"{area.name} and the {n - 1} {kind} ({n} areas)"


def pct_label(value: float) -> str:
    """A percentage for a label that never rounds a part up to the whole (or down to nothing).

    Examples
    --------
    >>> pct_label(99.6), pct_label(100.0), pct_label(0.3), pct_label(42.4)
    ('over 99%', '100%', 'under 1%', '42%')
    """
    if 99.5 <= value < 100:
        return "over 99%"
    if 0 < value < 0.5:
        return "under 1%"
    return f"{value:.0f}%"


def codes_short(codes: str, keep: int = 4) -> str:
    """Shorten a long comma-separated code list.

    Examples
    --------
    >>> codes_short("A, B, C, D, E, F")
    'A, B, C, D and 2 more'
    """
    items = [c for c in codes.split(", ") if c]
    if len(items) <= keep:
        return ", ".join(items)
    return f"{', '.join(items[:keep])} and {len(items) - keep} more"


def _pool(result: FemaResult) -> str:
    return pool_text(result.area, result.group_type, result.n_pool)


def record_figures(chapter: Chapter, result: FemaResult) -> None:
    """Record the chapter's headline figures (``figures.csv``) from the result, once each."""
    pool_desc = _pool(result)
    for year in result.own.index:
        row = result.own.loc[year]
        src = "census2011_flows_lad" if year == 2011 else "census2021_flows_lad"
        lockdown = "; Census 2021 was taken in lockdown" if year == 2021 else ""
        chapter.figure("employed_residents", "Employed residents (commuting basis)", year,
                       row["employed_residents"], "people", source_dataset_id=src,
                       note="home and no-fixed-place workers counted at home; offshore and "
                            "abroad excluded" + lockdown)
        chapter.figure("workplace_jobs",
                       "Workplace jobs filled by residents of England and Wales", year,
                       row["workplace_jobs"], "jobs", source_dataset_id=src, note=lockdown[2:])
        chapter.figure("net_commuting", "Net commuting (in-commuters minus out-commuters)",
                       year, row["net_commuting"], "people", source_dataset_id=src,
                       note="positive = net in-commuting" + lockdown)
        for col, label in (("supply_side_sc", "Supply-side self-containment (residents "
                                              "working in the area)"),
                           ("demand_side_sc", "Demand-side self-containment (jobs filled by "
                                              "residents)"),
                           ("self_containment", "Self-containment, the smaller of supply- and "
                                                "demand-side (the TTWA test)")):
            rank = int(row["rank_sc" if col == "self_containment" else f"rank_{col}"])
            med = result.medians.loc[year, col]
            chapter.figure(col, label, year, row[col] * 100, "%", source_dataset_id=src,
                           benchmark_england=result.england.loc[year, col] * 100,
                           rank=rank, rank_of=result.n_pool, peer_group=_peer_group(result),
                           note=f"benchmark_england: England (all English districts as one "
                                f"area); median {med * 100:.1f}% and rank {rank} (1 = highest) "
                                f"among {pool_desc}{lockdown}")
    fit_median = result.medians.loc[2011, "share_of_workers_in_mostly_inside_ttwas"]
    chapter.figure("share_in_mostly_inside_ttwas",
                   "Share of employed residents living in TTWAs mostly inside the area", 2011,
                   result.own.loc[2011, "share_of_workers_in_mostly_inside_ttwas"] * 100, "%",
                   source_dataset_id="census2011_flows_msoa",
                   note=f"median {fit_median * 100:.1f}% among {pool_desc}; no England figure "
                        "(England is not a TTWA fit); "
                        "TTWAs from MSOA 2011 flows (ONS 2011 method)")


def balance_paragraph(result: FemaResult) -> str:
    """The commuting balance in words (Markdown)."""
    t0, t1 = result.own.loc[2011], result.own.loc[2021]
    return (
        f"In 2011, {result.area.name} had **{t0['employed_residents']:,.0f} employed "
        f"residents** and **{t0['workplace_jobs']:,.0f} jobs** filled by workers living in "
        f"England and Wales. {t0['out_commuters']:,.0f} residents worked outside the area and "
        f"{t0['in_commuters']:,.0f} people came in to work, a net "
        f"{'inflow' if t0['net_commuting'] > 0 else 'outflow'} of "
        f"{abs(t0['net_commuting']):,.0f}. In 2021 (lockdown) {t1['out_commuters']:,.0f} "
        f"residents worked outside the area and {t1['in_commuters']:,.0f} came in.")


def balance_view(result: FemaResult) -> pd.DataFrame:
    """The commuting balance table as shown: counts whole, shares to 0.1, ranks as integers."""
    balance = result.balance
    view = balance.copy()
    for col in ("2011", "2021", "Median 2011", "Median 2021"):
        view[col] = ["[x]" if pd.isna(v) else f"{v:,.1f}" if "self-containment" in m.lower()
                     else f"{v:,.0f}"
                     for m, v in zip(balance["Measure"], balance[col], strict=True)]
    for col in ("Rank 2011", "Rank 2021"):
        view[col] = balance[col].astype("Int64")
    return view


def ranking_view(result: FemaResult) -> pd.DataFrame:
    """Self-containment of the area, its peers and comparators, 2011 and 2021 (ranking table)."""
    bench = result.bench
    view = (bench[bench["is_area"] | bench["is_peer"] | bench["is_comparator"]]
            .pivot_table(index=["area_code", "area_name"], columns="year",
                         values=["supply_side_sc", "demand_side_sc", "self_containment",
                                 "net_commuting", "rank_sc"]))
    view.columns = [f"{m} {y}" for m, y in view.columns]
    view = view.reset_index().sort_values("rank_sc 2011")
    shares = [c for c in view.columns if not c.startswith("rank")
              and ("_sc " in c or c.startswith("self_"))]  # ranks are not shares
    for col in shares:
        view[col] = view[col] * 100
    view = view.rename(columns=lambda c: c.replace("_", " ").capitalize())
    view = view.round(1)
    for col in [c for c in view.columns if c.startswith(("Net", "Rank"))]:
        view[col] = view[col].round().astype("Int64")
    return view


def group_view(result: FemaResult) -> pd.DataFrame:
    """Commuting with neighbouring LEPs, Combined Authorities and nations, as shown."""
    view = result.groups.rename(columns={
        "group": "Neighbouring area", "out_2011": "Out 2011", "in_2011": "In 2011",
        "total_2011": "Total 2011", "share_2011": "Share of cross-boundary commuting 2011 (%)",
        "out_2021": "Out 2021", "in_2021": "In 2021", "total_2021": "Total 2021",
        "share_2021": "Share of cross-boundary commuting 2021 (%)"})
    view = view.round(1)
    for col in [c for c in view.columns if c.startswith(("Out", "In", "Total"))]:
        view[col] = view[col].round().astype("Int64")
    return view


def partner_view(result: FemaResult, n: int = 25) -> pd.DataFrame:
    """The ``n`` districts exchanging most commuters with the area, as shown."""
    view = result.partners.head(n).rename(columns={
        "code": "District code", "name": "District", "group": "LEP / CA",
        "out_2011": "Out 2011", "in_2011": "In 2011", "total_2011": "Total 2011",
        "out_2021": "Out 2021", "in_2021": "In 2021", "total_2021": "Total 2021"})
    for col in [c for c in view.columns if c.startswith(("Out", "In", "Total"))]:
        view[col] = view[col].round().astype("Int64")
    return view


def district_paragraph(result: FemaResult) -> str:
    """Which district looks outward most, and which inward (Markdown; empty for one district)."""
    districts = result.districts
    if len(districts) <= 1:
        return ""
    d0 = districts.iloc[0]
    return (
        f"Within the area, **{d0['district']}** looks outward most: "
        f"{d0['share_outside']:.0f}% of its commuting with other districts crosses the area's "
        f"boundary, most of it with {d0['strongest_partner']} ({d0['partner_share']:.0f}%). "
        f"{districts.iloc[-1]['district']} is the most inward-looking "
        f"({districts.iloc[-1]['share_outside']:.0f}%).")


def district_view(result: FemaResult) -> pd.DataFrame:
    """Where each district of the area commutes across its boundary, as shown."""
    view = result.districts.rename(columns={
        "district": "District", "commuting_outside": "Commuting across the area boundary",
        "share_outside": "Share of its commuting across the boundary (%)",
        "strongest_partner": "Strongest partner outside the area",
        "partner_share": "Share with that partner (%)"})
    view = view.round(1)
    view["Commuting across the area boundary"] = (
        view["Commuting across the area boundary"].round().astype("Int64"))
    return view


def ttwa_count_paragraph(result: FemaResult) -> str:
    """How many TTWAs the method gives, against ONS's, and how many overlap the area."""
    countries = result.ttwa_areas["countries"].value_counts()
    return (
        f"The method gives {len(result.ttwa_areas)} travel-to-work areas "
        f"({countries.get('England', 0)} in England, {countries.get('Wales', 0)} in Wales, "
        f"{countries.get('England and Wales', 0)} across the border). ONS's 2011 TTWAs, built "
        "from the five-times finer LSOAs, number about 173 in England and Wales (18 in Wales): "
        "MSOAs cannot separate some small towns, so rural TTWAs here are larger. "
        f"{len(result.ttwa_table)} of them overlap {result.area.name}.")


def fit_paragraph(result: FemaResult) -> str:
    """How well the area fits its TTWAs, in words (Markdown)."""
    share_in = result.fit.summary["share_of_workers_in_mostly_inside_ttwas"]
    return (
        f"{share_in * 100:.0f}% of {possessive(result.area.name)} working residents live in "
        f"travel-to-work areas that lie mostly (over half of their residents) inside "
        f"{'them' if is_plural(result.area.name) else 'it'}; {its(result.area.name)} "
        f"largest TTWA holds "
        f"{result.fit.summary['largest_ttwa_share_of_residents'] * 100:.0f}% of them. "
        + " ".join(
            f"The {r.ttwa} TTWA ({r.inside_pct:.0f}% inside the area) is shared with "
            f"{r.shared_with}." for r in result.ttwa_table.head(4).itertuples()
            if r.shared_with))


def fit_view(result: FemaResult) -> pd.DataFrame:
    """The TTWAs overlapping the area, as shown."""
    table = result.ttwa_table
    view = table.drop(columns="area_id").assign(
        shared_with=table["shared_with"].replace("", "no other area holds 5% or more"),
        mostly_inside=table["mostly_inside"].map({True: "Yes", False: "No"})).round(1)
    for col in ("residents_in_area", "jobs_in_area", "ttwa_residents"):
        view[col] = view[col].round().astype("Int64")
    return view.rename(columns={
        "ttwa": "Travel-to-work area", "residents_in_area": "Area residents in it",
        "jobs_in_area": "Area jobs in it",
        "share_of_area_residents_pct": "Share of area residents (%)",
        "share_of_area_jobs_pct": "Share of area jobs (%)", "ttwa_residents": "TTWA residents",
        "inside_pct": "Share of TTWA residents living in the area (%)",
        "mostly_inside": "Mostly inside the area",
        "shared_with": "Shared with (share of TTWA residents)"})


def handling_view(result: FemaResult) -> pd.DataFrame:
    """The special-destination table as shown (short code lists, labels, whole counts).

    The per-category note (the Census 2021 lockdown warning) is left out: the chapter states
    it as a table note.
    """
    out = result.handling.copy()
    out["codes"] = out["codes"].map(codes_short).replace("", "none in the flows")
    out = out.rename(columns={
        "description": "Special destination", "codes": "Census codes",
        "persons_2011": "Area residents 2011", "persons_2021": "Area residents 2021",
        "handling": "Handling", "effect": "Effect"}).drop(columns=["category", "note"])
    for col in ("Area residents 2011", "Area residents 2021"):
        out[col] = out[col].round().astype("Int64")
    return out


def _peer_group(result: FemaResult) -> str:
    """The ranking pool of the self-containment ranks, without its size or the area's name.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> _peer_group(SimpleNamespace(area=Area("C1", "Y", "CUSTOM", ("A",)), group_type="LEP"))
    'LEPs and this area'
    """
    kind = kind_label(result.group_type, result.area)
    return kind if result.area.type == result.group_type else f"{kind} and this area"
