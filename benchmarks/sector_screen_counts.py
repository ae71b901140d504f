"""Count what each sector data-quality screen removed across the default areas (issue #12).

Run with the data mirror set: ``.venv/bin/python -m benchmarks.sector_screen_counts``.
Prints every screen and threshold with the number of district cells and of area findings
it removed, over every LEP, combined authority and custom area
(:func:`lis_analytics.report.batch.default_areas`).
"""

from __future__ import annotations

import pandas as pd

from lis_analytics import sectors as S
from lis_analytics.chapters import sectors as chapter
from lis_analytics.report.batch import default_areas


def district_counts(inputs: chapter.SectorsInputs, start: str, latest: str) -> dict[str, int]:
    """Cells flagged over every English district, before materiality to any area."""
    gva = inputs.gva_cp
    england = gva[gva["area_code"].str.startswith("E")]
    codes = chapter.analysis_codes(gva.columns)
    years = [str(y) for y in range(int(start), int(latest) + 1)]
    jumps = S.flag_gva_jumps(england[england["period"].isin(years)], industries=codes)
    shares = S.flag_implausible_shares(
        england[england["period"] == latest].set_index("area_code")[codes])
    return {"district jump cells (year on year)": len(jumps),
            "district jump cells that persist to the latest year": int(jumps["persists"].sum()),
            "district implausible-share cells (latest year)": len(shares)}


def area_counts(inputs: chapter.SectorsInputs) -> pd.DataFrame:
    """One row per default area: what the screens and the two-measure rule removed."""
    rows = []
    for area in default_areas():
        r = chapter.analyse(area, inputs)
        t = r.harmonised
        old = t["concentrated_and_growing"].astype(bool)
        screened = t["screened"].astype(bool)
        jobs_ok = t["jobs_lq"] >= chapter.LQ_STRENGTH
        by_screen = r.screened.groupby("screen")["harmonised_code"]
        old_top = t[t["lq"] >= chapter.LQ_STRENGTH].sort_values("lq", ascending=False)
        new_top = t[(t["lq"] >= chapter.LQ_STRENGTH) & jobs_ok & ~screened].sort_values(
            "lq", ascending=False)
        t_row = t.set_index("industry_code").loc["T (97-98)"]
        rows.append({
            "area": area.code,
            "jump_cells": int((r.screened["screen"] == "jump").sum()),
            "share_cells": int((r.screened["screen"] == "share").sum()),
            "industries_screened_by_jump": by_screen.nunique().get("jump", 0),
            "industries_screened_by_share": by_screen.nunique().get("share", 0),
            "strengths_before": int(old.sum()),
            "strengths_removed_by_screens": int((old & screened).sum()),
            "strengths_removed_by_jobs_lq": int((old & ~screened & ~jobs_ok).sum()),
            "strengths_after": int(t["distinctive_strength"].fillna(False).sum()),
            "lead_industry_changed": bool(len(old_top) and (
                not len(new_top) or old_top.iloc[0]["industry_code"]
                != new_top.iloc[0]["industry_code"])),
            "lead_industry_screened": bool(len(old_top) and old_top.iloc[0]["screened"]),
            "t_high_productivity_removed": bool(t_row["productivity"]
                                                > t_row["benchmark_productivity"]),
        })
    return pd.DataFrame(rows)


def main() -> None:
    inputs = chapter.load_inputs()
    latest, start = chapter.periods(inputs.gva_cp)
    print(f"Thresholds: jump > {S.JUMP_THRESHOLD:.0%} relative to England (or < "
          f"{1 / (1 + S.JUMP_THRESHOLD):.0%}), floor £{S.CELL_FLOOR:g}m; share > "
          f"{S.SHARE_LQ_CEILING:g}x England's for {', '.join(S.LOCAL_SERVICE_INDUSTRIES)}; "
          f"material share {S.MATERIAL_SHARE:.0%}; window {start}-{latest}")
    for name, n in district_counts(inputs, start, latest).items():
        print(f"{name}: {n}")
    areas = area_counts(inputs)
    print(f"areas: {len(areas)}")
    print(areas.drop(columns="area").sum(numeric_only=False).to_string())
    print(areas.to_string())


if __name__ == "__main__":
    main()
