"""Key findings of the monitoring baseline."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from lis_analytics.geography import Area
from lis_analytics.indicators import Framework
from lis_analytics.present.text.indicators import format_change

if TYPE_CHECKING:
    from lis_analytics.chapters.baseline import BaselineResult


def findings(result: BaselineResult) -> list[str]:
    """The chapter's key findings (:func:`baseline_findings` on the result's table)."""
    return baseline_findings(result.table, result.area, result.inputs.framework)


def baseline_findings(table: pd.DataFrame, area: Area, framework: Framework | None = None
                      ) -> list[str]:
    """Findings of the monitoring baseline."""
    rows = table
    if "headline" in table:
        table = table[table["headline"] == "yes"]
    counts = table["assessment"].value_counts()
    n_up, n_down = counts.get("improving", 0), counts.get("worsening", 0)
    n_same = (counts.get("no significant change", 0) + counts.get("no change", 0)
              + counts.get("not significantly different from England", 0))
    n_untested = counts.get("not tested", 0)
    n_other = len(table) - n_up - n_down - n_same - n_untested
    out = [f"The baseline tracks {len(table)} headline indicators for {area.name}: {n_up} "
           f"improving, {n_down} worsening, {n_same} with no (significant) change since the "
           f"baseline, {n_untested} not tested (survey figures without an interval) and "
           f"{n_other} without a comparable earlier figure."]
    for r in rows.itertuples():
        judged_on_england = str(getattr(r, "basis", "")).startswith("against")
        if (r.assessment in ("improving", "worsening") or judged_on_england) \
                and not pd.isna(r.change):
            spec = framework.get(r.indicator_id) if framework else None
            if spec is not None:
                change = format_change(r.change, spec)
                eng = (f"; England {format_change(r.england_change, spec)}"
                       if not pd.isna(r.england_change) else "")
            else:
                unit = "percentage points" if str(r.unit).startswith("%") else str(r.unit)
                change = f"{r.change:+,.1f} {unit}"
                eng = (f"; England {r.england_change:+,.1f}" if not pd.isna(r.england_change)
                       else "")
            if judged_on_england:
                pct = (f" ({100 * r.change / abs(r.baseline_value):+.1f}% against England's "
                       f"{r.england_change_pct:+.1f}%)" if r.baseline_value
                       and not pd.isna(r.england_change_pct) else "")
                out.append(f"{r.indicator} changed by {change}{pct} from {r.baseline_period} "
                           f"to {r.latest_period}: {r.against_england}.")
            else:
                tested = str(getattr(r, "against_england", "")).startswith(
                    ("significantly", "not significantly"))
                vs = f"; {r.against_england}" if tested else ""
                out.append(f"{r.indicator}: {r.assessment} ({r.baseline_period} to "
                           f"{r.latest_period}, {change}{eng}{vs}).")
    return out[:6]

