"""The SIC 2007 classification: sections, their titles and the divisions in each.

Reference data about the Standard Industrial Classification 2007, used by the parsers
(to check industry codes) and by :mod:`lis_analytics.sectors` (which re-exports it).

Examples
--------
>>> sic_division_to_section("47"), sic_section_name("F")
('G', 'Construction')
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "CENSUS_PSEUDO_DIVISIONS",
    "DIVISION_SECTION",
    "SECTION_RANGES",
    "SIC2007_SECTIONS",
    "VALID_RANGES_TEXT",
    "sic2007_sections",
    "sic_division_to_section",
    "sic_section_name",
]


SIC2007_SECTIONS: dict[str, str] = {
    "A": "Agriculture, forestry and fishing",
    "B": "Mining and quarrying",
    "C": "Manufacturing",
    "D": "Electricity, gas, steam and air conditioning supply",
    "E": "Water supply; sewerage, waste management and remediation activities",
    "F": "Construction",
    "G": "Wholesale and retail trade; repair of motor vehicles and motorcycles",
    "H": "Transportation and storage",
    "I": "Accommodation and food service activities",
    "J": "Information and communication",
    "K": "Financial and insurance activities",
    "L": "Real estate activities",
    "M": "Professional, scientific and technical activities",
    "N": "Administrative and support service activities",
    "O": "Public administration and defence; compulsory social security",
    "P": "Education",
    "Q": "Human health and social work activities",
    "R": "Arts, entertainment and recreation",
    "S": "Other service activities",
    "T": (
        "Activities of households as employers; undifferentiated goods- and "
        "services-producing activities of households for own use"
    ),
    "U": "Activities of extraterritorial organisations and bodies",
}
"""SIC 2007 section letters and their official titles."""


SECTION_RANGES: dict[str, tuple[int, int]] = {
    "A": (1, 3),
    "B": (5, 9),
    "C": (10, 33),
    "D": (35, 35),
    "E": (36, 39),
    "F": (41, 43),
    "G": (45, 47),
    "H": (49, 53),
    "I": (55, 56),
    "J": (58, 63),
    "K": (64, 66),
    "L": (68, 68),
    "M": (69, 75),
    "N": (77, 82),
    "O": (84, 84),
    "P": (85, 85),
    "Q": (86, 88),
    "R": (90, 93),
    "S": (94, 96),
    "T": (97, 98),
    "U": (99, 99),
}
"""First and last division of each SIC 2007 section."""

DIVISION_SECTION: dict[int, str] = {
    d: s for s, (lo, hi) in SECTION_RANGES.items() for d in range(lo, hi + 1)
}
"""Section of each SIC 2007 division (as a number)."""

CENSUS_PSEUDO_DIVISIONS: dict[int, str] = {48: "G"}
"""Census 2021 pseudo-divisions and their section (48: wholesale and retail not specified)."""


VALID_RANGES_TEXT = (
    "01-03, 05-09, 10-33, 35-39, 41-43, 45-47, 49-53, 55-56, 58-66, 68-75, 77-82, 84-88, 90-99"
)
"""The SIC 2007 divisions in words, for error messages."""


def sic_division_to_section(division: int | str) -> str:
    """Return the SIC 2007 section letter of a 2-digit division.

    Parameters
    ----------
    division
        Division number as an int (``1``), a string with or without leading zero
        (``"01"``, ``"1"``), or a dotted group/class code whose first part is the
        division (``"47.11"``). The Census 2021 pseudo-division ``48`` ("wholesale and
        retail not otherwise specified") is accepted and placed in section G.

    Returns
    -------
    str
        Section letter ``"A"`` to ``"U"``.

    Raises
    ------
    ValueError
        If the value is not a SIC 2007 division (e.g. ``4``, ``34``, ``40``).
    TypeError
        If ``division`` is neither an int nor a string.

    Examples
    --------
    >>> sic_division_to_section("01"), sic_division_to_section(47), sic_division_to_section("86.10")
    ('A', 'G', 'Q')
    >>> sic_division_to_section(34)
    Traceback (most recent call last):
    ...
    ValueError: 34 is not a SIC 2007 division; valid divisions are 01-03, 05-09, 10-33, ...
    """
    if isinstance(division, bool) or not isinstance(division, int | np.integer | str):
        raise TypeError(f"division must be an int or a string, got {type(division).__name__}")
    if isinstance(division, str):
        head = division.strip().split(".")[0]
        if not head.isdigit() or len(head) > 2:
            raise ValueError(
                f"{division!r} is not a SIC 2007 division: expected a 2-digit number such as "
                "'01' or '47' (or a dotted code such as '47.11')"
            )
        number = int(head)
    else:
        number = int(division)
    if number in CENSUS_PSEUDO_DIVISIONS:
        return CENSUS_PSEUDO_DIVISIONS[number]
    try:
        return DIVISION_SECTION[number]
    except KeyError:
        raise ValueError(
            f"{division!r} is not a SIC 2007 division; valid divisions are 01-03, 05-09, "
            f"10-33, ... (in full: {VALID_RANGES_TEXT}; 48 is accepted as the Census 2021 "
            "pseudo-division)"
        ) from None


def sic_section_name(section: str) -> str:
    """Return the official title of a SIC 2007 section.

    Parameters
    ----------
    section
        Section letter, ``"A"`` to ``"U"`` (case-insensitive).

    Returns
    -------
    str
        The section title.

    Examples
    --------
    >>> sic_section_name("q")
    'Human health and social work activities'
    """
    key = str(section).strip().upper()
    if key not in SIC2007_SECTIONS:
        raise ValueError(f"{section!r} is not a SIC 2007 section letter (A-U)")
    return SIC2007_SECTIONS[key]


def sic2007_sections() -> pd.DataFrame:
    """Return the SIC 2007 sections with their titles and division ranges.

    Returns
    -------
    DataFrame
        Columns ``section``, ``section_name``, ``divisions`` (text, e.g. ``"10-33"``),
        ``first_division`` and ``last_division`` (ints); one row per section A-U.

    Examples
    --------
    >>> table = sic2007_sections()
    >>> table.loc[table["section"] == "C", ["section", "divisions"]].to_numpy().tolist()
    [['C', '10-33']]
    >>> len(table)
    21
    """
    rows = []
    for section, (lo, hi) in SECTION_RANGES.items():
        rows.append(
            {
                "section": section,
                "section_name": SIC2007_SECTIONS[section],
                "divisions": f"{lo:02d}" if lo == hi else f"{lo:02d}-{hi:02d}",
                "first_division": lo,
                "last_division": hi,
            }
        )
    return pd.DataFrame(rows)
