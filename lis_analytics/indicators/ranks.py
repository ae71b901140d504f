"""Ranking areas: the one way the library ranks an area among its peers.

Rank 1 is best: the highest value for ``higher_is_better`` (and ``neutral``) indicators, the
lowest for ``lower_is_better``; ties share the better rank (``method="min"``). An area is
ranked among areas of its **peer group**: areas of its own kind, custom areas among LEPs
(the policy of :mod:`lis_analytics.chapters.peers`, which also names the group in words with
:func:`~lis_analytics.chapters.peers.peer_group_label`).

Examples
--------
>>> position_among(pd.Series({"A": 70.0, "B": 75.0, "C": 72.0}), "C", "higher_is_better")
(2, 3)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from lis_analytics.geography import Area
from lis_analytics.indicators.framework import Framework

DEFAULT_POOLS: dict[str, str] = {"CUSTOM": "LEP"}
"""Area type -> the type it is ranked among, where it is not its own (custom areas: LEPs)."""


def rank_values(values: pd.Series, direction: str) -> pd.Series:
    """Rank 1 = best (highest for ``higher_is_better`` and ``neutral``, lowest otherwise).

    Examples
    --------
    >>> rank_values(pd.Series({"a": 3.0, "b": 1.0, "c": 2.0}), "lower_is_better").to_dict()
    {'a': 3, 'b': 1, 'c': 2}
    """
    ascending = direction == "lower_is_better"
    return values.rank(ascending=ascending, method="min").astype("Int64")


def add_ranks(results: pd.DataFrame, framework: Framework, areas: Sequence[Area],
              pools: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Add ``rank`` and ``n_ranked``: rank among areas of the same kind, same period.

    ``pools`` maps an area type to the type it is ranked among (default: each type among
    itself, custom areas among LEPs, to which they are closest in scale); districts are
    ranked among the districts of their own nation, as the peer policy says. Regional
    fallback figures, incomplete aggregates (some districts without data) and missing values
    are not ranked.

    Examples
    --------
    >>> from lis_analytics.indicators import parse_framework
    >>> fw = parse_framework({"indicators": [{"id": "x", "title": "X", "theme": "People",
    ...     "unit": "%", "direction": "higher_is_better", "aggregation": "sum",
    ...     "value": {"dataset": "d", "measures": ["m"]}}]})
    >>> res = pd.DataFrame({"indicator_id": "x", "area_code": ["A", "B", "Z"],
    ...                     "period": "2022", "value": [1.0, 2.0, 3.0], "status": "ok"})
    >>> areas = [Area("A", "A", "LEP", ("a",)), Area("B", "B", "LEP", ("b",)),
    ...          Area("Z", "Z", "CUSTOM", ("a", "b"))]
    >>> add_ranks(res, fw, areas)[["rank", "n_ranked"]].astype(int).values.tolist()
    [[2, 2], [1, 2], [1, 3]]
    >>> lads = [Area(c, c, "LAD", (c,)) for c in ("E1", "E2", "W1")]
    >>> res = pd.DataFrame({"indicator_id": "x", "area_code": ["E1", "E2", "W1"],
    ...                     "period": "2022", "value": [1.0, 2.0, 3.0], "status": "ok"})
    >>> add_ranks(res, fw, lads)[["rank", "n_ranked"]].astype(int).values.tolist()
    [[2, 2], [1, 2], [1, 1]]
    """
    pools = {**DEFAULT_POOLS, **(pools or {})}
    kind = {a.code: a.type for a in areas}
    res = results.assign(_type=results["area_code"].map(kind))
    res["rank"] = pd.array([pd.NA] * len(res), dtype="Int64")
    res["n_ranked"] = pd.array([pd.NA] * len(res), dtype="Int64")
    rankable = res["value"].notna() & ~res["status"].isin(["regional", "incomplete"])
    directions = {i.id: i.direction for i in framework.indicators}
    for (iid, period, typ), grp in res[rankable].groupby(["indicator_id", "period", "_type"]):
        pool_type = pools.get(typ, typ)
        if pool_type == typ:
            # districts are ranked among the districts of their own nation (E, W, S, N)
            parts = (grp.groupby(grp["area_code"].str[0]) if typ == "LAD"
                     else [("", grp)])
            for _, part in parts:
                r = rank_values(part.set_index("area_code")["value"], directions[iid])
                res.loc[part.index, "rank"] = r.to_numpy()
                res.loc[part.index, "n_ranked"] = len(part)
        else:
            peers = res[rankable & (res["indicator_id"] == iid) & (res["period"] == period)
                        & (res["_type"] == pool_type)]
            for idx, row in grp.iterrows():
                vals = pd.concat([peers.set_index("area_code")["value"],
                                  pd.Series({row["area_code"]: row["value"]})])
                r = rank_values(vals, directions[iid])
                res.at[idx, "rank"] = int(r[row["area_code"]])
                res.at[idx, "n_ranked"] = len(vals)
    return res.drop(columns="_type")



def position_among(values: pd.Series, code: str, direction: str) -> tuple[int, int]:
    """Rank of one area among a set of values (itself included) and the size of the set.

    Parameters
    ----------
    values : Series
        Area code -> value, the area ``code`` included; missing values are not ranked.
    code : str
        The area whose position is wanted.
    direction : str
        The indicator's direction (see :func:`rank_values`).

    Examples
    --------
    >>> position_among(pd.Series({"A": 3.0, "B": 1.0}), "B", "lower_is_better")
    (1, 2)
    """
    ranks = rank_values(values.dropna(), direction)
    return int(ranks[code]), len(ranks)
