"""Tables by industry as indicator terms: rows added up over a list of SIC codes.

An indicator term may name ``industries`` (SIC 2007 codes) of a table by industry, such as the
Census 2021 industry of residents in employment (``census2021_industry_lad``): the term is
then the sum over those industries, and without the list the sum over every industry (the
all-industry total). Shares of employment in a group of industries are ratios of such sums
over districts (e.g. knowledge-intensive industries, Eurostat's definition at 2-digit level).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["industry_total"]


def industry_total(table: pd.DataFrame, industries: Sequence[str] = (),
                   what: str = "table") -> pd.DataFrame:
    """Rows of a table by industry added up over ``industries`` (all of them if empty).

    A table with an ``industry_code`` column (schema ``tidy_industry``) becomes a tidy table
    with one row per area, period and measure; other tables are returned unchanged. A cell
    missing in any of the industries leaves the sum missing (never a partial sum).

    Raises
    ------
    ValueError
        An industry code that the table does not hold (naming it and the codes it holds), or
        ``industries`` for a table without industries.

    Examples
    --------
    >>> t = pd.DataFrame({"area_code": "A", "geography": "LAD", "period": "2021",
    ...                   "measure": "n", "industry_code": ["21", "26", "47"],
    ...                   "value": [1.0, 2.0, 7.0]})
    >>> industry_total(t, ["21", "26"])[["area_code", "value"]].values.tolist()
    [['A', 3.0]]
    >>> float(industry_total(t)["value"].iloc[0])
    10.0
    """
    if "industry_code" not in table.columns:
        if industries:
            raise ValueError(f"{what}: industries {list(industries)} given, but the table has "
                             "no industry_code column")
        return table
    rows = table
    if industries:
        held = set(table["industry_code"].unique())
        unknown = [c for c in industries if c not in held]
        if unknown:
            raise ValueError(f"{what}: industry codes {unknown} are not in the table "
                             f"(it holds {sorted(held)[:12]}...)")
        rows = table[table["industry_code"].isin(list(industries))]
    keys = ["area_code", "geography", "period", "measure"]
    out = rows.groupby(keys, sort=False, observed=True)["value"].sum(min_count=1)
    gaps = rows["value"].isna().groupby([rows[k] for k in keys], sort=False,
                                        observed=True).any()
    out = out.mask(gaps).reset_index()
    out["uci_95"] = np.nan
    out["lci_95"] = np.nan
    out["flag"] = ""
    return out
