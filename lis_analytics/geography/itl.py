"""International Territorial Levels (ITL, January 2025) of districts and areas.

The ONS lookup *LAD (April 2025) to LAU1 to ITL3 to ITL2 to ITL1 (January 2025)* (dataset
``lookup_lad25_itl25``) places every UK district in one ITL3, ITL2 and ITL1 area, except
North Ayrshire, whose two LAU1s sit in two ITL3 areas. The catalogue's districts are LAD
2023 codes: Barnsley (E08000016) and Sheffield (E08000019) changed code in 2025
(E08000038, E08000039) while the lookup's ``LAU125CD`` keeps the 2023 codes, so LAD 2023
codes are joined on ``LAU125CD``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

__all__ = ["ITL_LEVELS", "itl25_of_districts", "itl25_of_area"]

ITL_LEVELS = ("ITL1", "ITL2", "ITL3")
"""Levels of the ITL (January 2025) classification, largest first."""


def itl25_of_districts(lookup: pd.DataFrame) -> pd.DataFrame:
    """ITL (January 2025) codes and names of each district, keyed by LAD 2023 code.

    Parameters
    ----------
    lookup
        The ``lookup_lad25_itl25`` table (columns ``LAU125CD``, ``ITL325CD``, ``ITL325NM``,
        ``ITL225CD``, ``ITL225NM``, ``ITL125CD``, ``ITL125NM``).

    Returns
    -------
    pandas.DataFrame
        ``lad_code, itl3_code, itl3_name, itl2_code, itl2_name, itl1_code, itl1_name``; a
        district split between ITL3 areas (North Ayrshire) has one row per ITL3.

    Examples
    --------
    >>> lu = pd.DataFrame({"LAD25CD": ["E08000038"], "LAU125CD": ["E08000016"],
    ...                    "ITL325CD": ["TLE34"], "ITL325NM": ["Barnsley"],
    ...                    "ITL225CD": ["TLE3"], "ITL225NM": ["South Yorkshire"],
    ...                    "ITL125CD": ["TLE"], "ITL125NM": ["Yorkshire and The Humber"]})
    >>> itl25_of_districts(lu)[["lad_code", "itl3_code", "itl1_code"]].to_dict("records")
    [{'lad_code': 'E08000016', 'itl3_code': 'TLE34', 'itl1_code': 'TLE'}]
    """
    columns = {"LAU125CD": "lad_code", "ITL325CD": "itl3_code", "ITL325NM": "itl3_name",
               "ITL225CD": "itl2_code", "ITL225NM": "itl2_name", "ITL125CD": "itl1_code",
               "ITL125NM": "itl1_name"}
    # Scottish LAU1s have codes of their own (S30...): there the district is LAD25CD
    lad_shaped = lookup["LAU125CD"].str.fullmatch(r"[EWN]\d{8}|S12\d{6}")
    frame = lookup.assign(LAU125CD=lookup["LAU125CD"].where(lad_shaped, lookup["LAD25CD"]))
    return (frame[list(columns)].rename(columns=columns).drop_duplicates()
            .sort_values(["lad_code", "itl3_code"]).reset_index(drop=True))


def itl25_of_area(lad_codes: Iterable[str], districts: pd.DataFrame) -> dict[str, str]:
    """The ITL (January 2025) area at each level wholly holding an area's districts.

    Parameters
    ----------
    lad_codes
        The area's districts (LAD 2023 codes).
    districts
        :func:`itl25_of_districts`.

    Returns
    -------
    dict
        ``{"ITL1": code, "ITL2": code, "ITL3": code}`` for each level at which every district
        lies in one and the same ITL area; a level the area straddles is left out.

    Examples
    --------
    >>> d = pd.DataFrame({"lad_code": ["A", "B"], "itl3_code": ["X1", "X2"],
    ...                   "itl2_code": ["X", "X"], "itl1_code": ["T", "T"]})
    >>> itl25_of_area(["A", "B"], d)
    {'ITL1': 'T', 'ITL2': 'X'}
    """
    lads = set(lad_codes)
    rows = districts[districts["lad_code"].isin(lads)]
    if rows.empty or set(rows["lad_code"]) != lads:
        return {}
    out = {}
    for level in ITL_LEVELS:
        codes = rows[f"{level.lower()}_code"].unique()
        if len(codes) == 1:
            out[level] = str(codes[0])
    return out
