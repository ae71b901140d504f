"""The tidy long-table layout shared by every processed dataset.

Every parser turns a published file into a table with these columns (one row per
area, period and measure; extra dimension columns such as ``industry_code`` are
allowed where a dataset has them):

========== =============================================================== ===========
column     meaning                                                         example
========== =============================================================== ===========
dataset_id id of the registry entry the row came from                      productivity_lad
area_code  GSS / ITL code of the area                                      E08000003
area_name  name as published                                               Manchester
geography  level: LAD, ITL1, ITL2, ITL3, CA, LEP, RGN, CTRY, UK, ...       LAD
code_vintage boundary vintage of the code                                  LAD23
period     period as text: a year ``"2022"``, or a span ``"2019-2021"``    2022
measure    snake-case measure id                                           gva_per_hour
value      float; missing stays NaN (never zero)                           31.4
unit       unit in words                                                   GBP
price_basis current prices / chained volume (… money) / not applicable     current prices
flag       why a value is missing or qualified: ``""``, ``"[c]"``, ...     [c]
========== =============================================================== ===========

Origin-destination flow tables have their own layout: ``origin_code``,
``destination_code``, ``persons`` (int), ``dataset_id``.
"""

from __future__ import annotations

TIDY_COLUMNS: tuple[str, ...] = (
    "dataset_id",
    "area_code",
    "area_name",
    "geography",
    "code_vintage",
    "period",
    "measure",
    "value",
    "unit",
    "price_basis",
    "flag",
)
"""Columns of every tidy statistical table, in order."""

FLOW_COLUMNS: tuple[str, ...] = ("dataset_id", "origin_code", "destination_code", "persons")
"""Columns of every origin-destination flow table."""

CURRENT_PRICES = "current prices"
NOT_APPLICABLE = "not applicable"

SUPPRESSION_MARKERS: dict[str, str] = {
    "[c]": "[c]",
    "c": "[c]",
    "[x]": "[x]",
    "x": "[x]",
    "[u]": "[u]",
    "u": "[u]",
    "[z]": "[z]",
    "*": "*",
    "!": "!",
    "-": "-",
    "~": "~",
    "..": "..",
    ":": ":",
}
"""Cell markers that mean 'no value' in ONS/Nomis files, mapped to the flag we keep."""
