"""Why an indicator has no figure: sources not held here, regions that do not stand for an area.

Pure functions returning indicator rows (:data:`~lis_analytics.indicators.framework.RESULT_COLUMNS`)
or setting their ``reason``, used by :func:`lis_analytics.indicators.compute_all`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from lis_analytics.geography import Area
from lis_analytics.indicators.framework import RESULT_COLUMNS, Indicator

__all__ = ["itl3_blocks_reason", "not_held", "spanning_reason"]


def spanning_reason(res: pd.DataFrame, areas: Sequence[Area],
                     region_areas: Mapping[str, Area]) -> pd.DataFrame:
    """Reason of a regional-only figure missing for areas that no single region stands for."""
    if not areas:
        return res
    res = res.copy()
    for a in areas:
        spans = [r.name for r in region_areas.values() if set(a.lad_codes) & set(r.lad_codes)]
        if len(spans) < 2:
            continue
        names = ", ".join(spans[:-1]) + f" and {spans[-1]}"
        res.loc[(res["area_code"] == a.code) & res["value"].isna(), "reason"] = (
            f"published for regions (ITL1) only, and this area's districts lie in "
            f"{len(spans)} regions ({names}): no regional figure stands for it")
    return res


def itl3_blocks_reason(name: str, atoms: frozenset,
                       published_sets: Mapping[str, frozenset]) -> str:
    """Why a figure published for ITL3 regions (summed over whole ones) is missing for an area.

    Parameters
    ----------
    name : str
        The area's name.
    atoms : frozenset
        The area's districts as geography atoms (``Geo.atoms_of``).
    published_sets : mapping
        Published code -> atoms (``Geo.published_sets``); ITL3 regions have 5-character
        ``TL`` codes.

    Returns
    -------
    str
        That the area is not made of whole ITL3 regions or, when it is, that its regions have
        no figure.

    Examples
    --------
    >>> sets = {"TLD33": frozenset({"A"}), "TLD34": frozenset({"B", "C"}), "TLD3": frozenset("ABC")}
    >>> itl3_blocks_reason("X", frozenset({"A", "B"}), sets).split(", and ")[1]
    'X is not made of whole ITL3 regions (sums are taken over whole ITL3 regions only)'
    >>> itl3_blocks_reason("Y", frozenset({"A", "B", "C"}), sets)[:42]
    'no figure is published for exactly this ar'
    """
    inside = [s for c, s in published_sets.items()
              if len(c) == 5 and c.startswith("TL") and s <= atoms]
    if inside and frozenset().union(*inside) == atoms:
        return (f"no figure is published for exactly this area, and the ITL3 regions that make "
                f"up {name} have no figure (missing or suppressed) in any period")
    return (f"no figure is published for exactly this area, and {name} is not made of whole "
            "ITL3 regions (sums are taken over whole ITL3 regions only)")


def not_held(ind: Indicator, areas: Sequence[Area], datasets: Sequence[str]) -> pd.DataFrame:
    """Rows of an indicator whose source tables are not held here: missing, with the reason.

    Examples
    --------
    >>> from lis_analytics.indicators import load_framework
    >>> r = not_held(load_framework().get("gva_per_hour"), [Area("X", "X", "CUSTOM", ("A",))],
    ...              ["productivity_lad"])
    >>> r["status"].item(), r["reason"].item()[:54]
    ('missing', 'not in this data store: the source productivity_lad is')
    """
    fetches = " and ".join(f"'lis data fetch {d}'" for d in datasets)
    reason = (f"not in this data store: the source {', '.join(datasets)} is not in the offline "
              f"mirror and has not been downloaded; get it with the command {fetches}, then "
              "'lis data build'")
    return pd.DataFrame({
        "indicator_id": ind.id, "area_code": [a.code for a in areas], "period": "",
        "period_label": "", "value": np.nan, "lci_95": np.nan, "uci_95": np.nan,
        "status": "missing", "reason": reason, "method": ind.rule,
        "n_lads": [len(a.lad_codes) for a in areas], "n_missing": 0, "missing_lads": ""},
        columns=list(RESULT_COLUMNS))
