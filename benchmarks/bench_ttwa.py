"""Benchmark the TTWA algorithm on the Census 2011 LAD and MSOA flows for England and Wales.

Run with ``.venv/bin/python benchmarks/bench_ttwa.py`` (needs the data layer, i.e. the
offline mirror in ``LIS_DATA_MIRROR`` or network access). Prints, for each run, the time
taken by the algorithm (flows already loaded), the number of areas, how many are
valid, and minimum / median self-containment and size (employed residents); then how
the MSOA areas split between England, Wales and the border, against ONS's 2011 TTWAs.
``--sensitivity`` adds the count under other special-destination policies and the
linear X-equation (see the module docstring of :mod:`lis_analytics.commuting.ttwa`).

For comparison: ONS published 228 TTWAs for the UK from the 2011 Census (built from
LSOAs): 149 in England, 18 in Wales and 6 cross-border, about 173 covering England and
Wales. The defaults here (home workers and no-fixed-place workers at their residence)
give 152 from MSOAs: 131 in England, 18 in Wales, 3 across the border.
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from lis_analytics.commuting import (
    MSOA_2011_AREAS,
    ONS_2011_TTWAS,
    SpecialDestinationPolicy,
    membership_digest,
    travel_to_work_areas,
)
from lis_analytics.data import load_table


def timed_run(flows: pd.DataFrame, repeat: int, **kwargs) -> tuple[float, object]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = travel_to_work_areas(flows, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best, result


def describe(label: str, n_zones: int, n_flows: int, seconds: float, result) -> str:
    areas = result.areas
    return (
        f"{label:<10} zones {n_zones:>6,}  flows {n_flows:>9,}  time {seconds:7.2f} s  "
        f"areas {len(areas):>4}  valid {int(areas['valid'].sum()):>4}  "
        f"unresolved {len(result.unresolved):>2}  "
        f"SC min {areas['self_containment'].min():.3f} median "
        f"{areas['self_containment'].median():.3f}  "
        f"size min {areas['residents'].min():>9,.0f} median {areas['residents'].median():>9,.0f}  "
        f"({result.n_dissolutions:,} dissolutions, {result.n_zone_moves:,} zone moves)"
    )


def country_split(result) -> dict[str, int]:
    """Areas wholly in England, wholly in Wales and across the border (by zone code prefix)."""
    kinds = (
        result.zones.assign(country=result.zones["zone_code"].str[0])
        .groupby("area_id")["country"]
        .agg(lambda c: "".join(sorted(set(c))))
    )
    return {
        "England": int((kinds == "E").sum()),
        "Wales": int((kinds == "W").sum()),
        "cross-border": int((~kinds.isin(["E", "W"])).sum()),
    }


SENSITIVITY = {
    "no fixed place excluded (previous default)": {
        "policy": SpecialDestinationPolicy(no_fixed_place="exclude")},
    "home workers and no fixed place excluded": {
        "policy": SpecialDestinationPolicy(at_home="exclude", no_fixed_place="exclude")},
    "home workers excluded, no fixed place at residence": {
        "policy": SpecialDestinationPolicy(at_home="exclude")},
    "no fixed place as out-commuters": {
        "policy": SpecialDestinationPolicy(no_fixed_place="outside")},
    "linear X-equation": {"form": "linear"},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--form", default="lma", choices=["lma", "linear"])
    parser.add_argument("--repeat", type=int, default=1, help="runs per level; best time shown")
    parser.add_argument("--top", type=int, default=10, help="largest MSOA-based areas to list")
    parser.add_argument("--sensitivity", action="store_true",
                        help="also run the MSOA flows under other policies / X-equation")
    args = parser.parse_args()

    start = time.perf_counter()
    lad = load_table("census2011_flows_lad")
    msoa = load_table("census2011_flows_msoa")
    names = load_table("msoa11_names").set_index("zone_code")["zone_name"]
    print(f"loaded flows in {time.perf_counter() - start:.1f} s (not included below)")

    lad_time, lad_result = timed_run(lad, args.repeat, form=args.form)
    print(describe("LAD 2011", lad["origin_code"].nunique(), len(lad), lad_time, lad_result))
    msoa_time, msoa_result = timed_run(msoa, args.repeat, form=args.form, zone_names=names)
    print(describe("MSOA 2011", msoa["origin_code"].nunique(), len(msoa), msoa_time, msoa_result))

    print("\nSpecial destinations (MSOA run):")
    print(
        msoa_result.special_destinations[["category", "persons", "handling"]].to_string(index=False)
    )
    split = country_split(msoa_result)
    ons_ew = ONS_2011_TTWAS["England"] + ONS_2011_TTWAS["Wales"] + ONS_2011_TTWAS["cross-border"]
    print(
        f"\nMSOA 2011 TTWAs with the defaults: {msoa_result.n_areas} "
        f"(documented: {MSOA_2011_AREAS}; membership sha256 "
        f"{membership_digest(msoa_result.zones)[:12]}...): {split['England']} wholly in England, "
        f"{split['Wales']} wholly in Wales, {split['cross-border']} across the border.\n"
        f"ONS 2011 (LSOAs, whole UK): {ONS_2011_TTWAS['England']} in England, "
        f"{ONS_2011_TTWAS['Wales']} in Wales, {ONS_2011_TTWAS['cross-border']} cross-border "
        f"(about {ons_ew} covering England and Wales; {ONS_2011_TTWAS['UK']} UK)."
    )
    print(f"\nLargest {args.top} MSOA-based areas:")
    cols = ["area_id", "area_name", "residents", "jobs", "self_containment", "n_zones"]
    print(msoa_result.areas[cols].head(args.top).to_string(index=False))

    if args.sensitivity:
        print("\nSensitivity (MSOA 2011, areas; everything else at the defaults):")
        print(f"  {'defaults':<52} {msoa_result.n_areas:>4}")
        for label, kwargs in SENSITIVITY.items():
            seconds, result = timed_run(msoa, 1, **kwargs)
            print(f"  {label:<52} {result.n_areas:>4}  ({seconds:.1f} s)")
        print(f"  {'LAD 2011 zones instead of MSOAs':<52} {lad_result.n_areas:>4}")


if __name__ == "__main__":
    main()
