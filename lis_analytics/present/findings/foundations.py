"""Key findings of the five-foundations chapter (the scorecard)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from lis_analytics.geography import Area
from lis_analytics.present.text.words import subject_verb

if TYPE_CHECKING:
    from lis_analytics.chapters.foundations import FoundationsResult


def findings(result: FoundationsResult) -> list[str]:
    """The chapter's key findings (:func:`scorecard_findings` on the result's scorecard)."""
    return scorecard_findings(result.card, result.area)


def scorecard_findings(card: pd.DataFrame, area: Area, benchmark: str = "England") -> list[str]:
    """Findings of the foundations scorecard: how many indicators beat England, best and worst."""
    judged = card[(card["direction"] != "neutral") & card["value"].notna()
                  & card[benchmark].notna() & (card["status"] != "regional")]
    better = [r for r in judged.itertuples() if (r.value > getattr(r, benchmark)) ==
              (r.direction == "higher_is_better") and r.value != getattr(r, benchmark)]
    out = [f"{subject_verb(area.name, 'does', 'do')} better than {benchmark} on "
           f"{len(better)} of the {len(judged)} indicators that have a direction and an "
           f"{benchmark} figure."]
    by_theme = []
    for theme, grp in judged.groupby("theme", sort=False):
        n_better = sum(1 for r in grp.itertuples() if r.Index in {b.Index for b in better})
        by_theme.append(f"{theme} {n_better} of {len(grp)}")
    if by_theme:
        out.append("By foundation: " + "; ".join(by_theme) + ".")
    ranked = card[card["rank_of"].notna()].copy()
    if len(ranked):
        ranked["_r"] = ranked["rank_value"].astype(float) / ranked["rank_of"].astype(float)
        ranked = ranked[ranked["direction"] != "neutral"]
        if len(ranked):
            best = ranked.sort_values("_r").iloc[0]
            worst = ranked.sort_values("_r").iloc[-1]
            out.append(f"Its best position among comparable areas is on {best['name']} (ranked "
                       f"{best['rank']}); its weakest on {worst['name']} (ranked "
                       f"{worst['rank']}).")
    improving = card["trend"].str.startswith("improving").sum()
    worsening = card["trend"].str.startswith("worsening").sum()
    out.append(f"Over about five years, {improving} indicators improved and {worsening} worsened "
               "(survey changes count only when a z-test finds them significant; surveys "
               "without an interval are not tested).")
    return out

