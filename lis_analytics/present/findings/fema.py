"""Key findings of the FEMA chapter, read from its result (:mod:`lis_analytics.chapters.fema`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lis_analytics.present.text.fema import rank_text
from lis_analytics.present.text.words import is_plural, it, its, possessive

if TYPE_CHECKING:  # the result type only; present never calls into chapters
    from lis_analytics.chapters.fema import FemaResult

__all__ = ["key_findings"]


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _people(x: float) -> str:
    x = abs(float(x))
    return f"{x / 1e6:.2f} million" if x >= 1e6 else f"{x:,.0f}"


def key_findings(result: FemaResult) -> list[str]:
    """Plain-English key findings from the chapter's result, most important first."""
    area = result.area
    out = []
    y0, y1 = 2011, 2021
    t0, t1 = result.own.loc[y0], result.own.loc[y1]
    med = result.medians.loc[y0, "self_containment"]
    where = rank_text(area, result.group_type, int(t0["rank_sc"]), int(t0["n_of_type"]))
    out.append(
        f"In {y0}, {_pct(t0['supply_side_sc'])} of {possessive(area.name)} working residents "
        "worked in "
        f"the area and {_pct(t0['demand_side_sc'])} of {its(area.name)} jobs were filled by "
        f"{its(area.name)} residents; on self-containment, the smaller of the two (the "
        f"travel-to-work-area test, {_pct(t0['self_containment'])}), {it(area.name)} {where} "
        f"(median {_pct(med)}).")
    view = result.ttwa_table
    if len(view):
        main = view.iloc[0]
        share_inside = result.fit.summary["share_of_workers_in_mostly_inside_ttwas"]
        sentence = (f"{main['share_of_area_residents_pct']:.0f}% of {its(area.name)} working "
                    "residents live "
                    f"in the {main['ttwa']} travel-to-work area")
        if main["shared_with"]:
            # names may contain commas ("Derby, Derbyshire, ..."): take the first "name (NN%)"
            first = re.match(r"(.+?) \((\d+%)\)", main["shared_with"])
            group, share = first.group(1), first.group(2)
            # "its residents": the travel-to-work area's, not the area's
            sentence += f", which extends into {group} ({share.rstrip(')')} of its residents)"
        them = "them" if is_plural(area.name) else "it"
        sentence += (f"; {_pct(share_inside)} live in travel-to-work areas mostly inside "
                     f"{area.name} ({len(view)} overlap {them} in all).")
        out.append(sentence)
    groups, partners = result.groups, result.partners
    outside = groups[groups["group"] != area.name].head(2)
    if len(outside):
        first = outside.iloc[0]
        sentence = (f"{first['group']} accounted for {first[f'share_{y0}']:.0f}% of the "
                    f"commuting across {its(area.name)} boundary in {y0}")
        if len(outside) > 1:
            second = outside.iloc[1]
            sentence += f" and {second['group']} for {second[f'share_{y0}']:.0f}%"
        if len(partners):
            sentence += (f"; {its(area.name)} largest single partner district is "
                         f"{partners.iloc[0]['name']}")
        out.append(sentence + ".")
    net = t0["net_commuting"]
    direction = (f"drew in more workers than {it(area.name)} sent out" if net > 0 else
                 f"sent out more workers than {it(area.name)} drew in")
    out.append(
        f"With {_people(t0['employed_residents'])} employed residents and "
        f"{_people(t0['workplace_jobs'])} jobs in {y0}, {area.name} {direction}: net "
        f"{'in' if net > 0 else 'out'}-commuting of {_people(net)} "
        f"({abs(net) / t0['employed_residents'] * 100:.1f}% of {its(area.name)} employed "
        "residents).")
    h = result.handling.set_index("category")
    home_2011 = (h.loc["at_home", "persons_2011"] + h.loc["no_fixed_place", "persons_2011"]) / (
        t0["employed_residents"])
    home_2021 = h.loc["home_or_no_fixed_place", "persons_2021"] / t1["employed_residents"]
    out.append(
        f"Census {y1} reads higher ({_pct(t1['supply_side_sc'])} and "
        f"{_pct(t1['demand_side_sc'])}), but it was taken in lockdown: {_pct(home_2021)} of "
        f"{its(area.name)} working residents were mainly at or from home or had no fixed "
        "place, against "
        f"{_pct(home_2011)} in {y0}. The rise is not a change in travel to work; {y0} is the "
        "better guide.")
    districts = result.districts
    if len(districts) and len(districts) <= 15:
        d = districts.iloc[0]
        if d["strongest_partner"]:
            out.append(
                f"{d['district']} is the district least tied into the area: "
                f"{d['share_outside']:.0f}% of its commuting with other districts is across "
                f"the area's boundary, most with {d['strongest_partner']} "
                f"({d['partner_share']:.0f}%).")
    return out
