"""Benchmark the TTWA algorithm on the Census 2011 LAD and MSOA flows for England and Wales.

Run with ``.venv/bin/python benchmarks/bench_ttwa.py`` (needs the data layer, i.e. the
offline mirror in ``LIS_DATA_MIRROR`` or network access). Prints, for each run, the time
taken by the algorithm (flows already loaded), the number of areas, how many are
valid, and minimum / median self-containment and size (employed residents).

For comparison: ONS published 228 TTWAs for the UK from the 2011 Census (built from
LSOAs), about 170 of them in England and Wales including cross-border areas.
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from lis_analytics.data import load_table
from lis_analytics.ttwa import travel_to_work_areas


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--form", default="lma", choices=["lma", "linear"])
    parser.add_argument("--repeat", type=int, default=1, help="runs per level; best time shown")
    parser.add_argument("--top", type=int, default=10, help="largest MSOA-based areas to list")
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
    print(f"\nLargest {args.top} MSOA-based areas:")
    cols = ["area_id", "area_name", "residents", "jobs", "self_containment", "n_zones"]
    print(msoa_result.areas[cols].head(args.top).to_string(index=False))
    print("\nONS 2011: 228 TTWAs for the UK (from LSOAs), about 170 in England and Wales.")


if __name__ == "__main__":
    main()
