"""Published ONS productivity figures, June 2025 release, that the packs are checked against.

Every value is copied from a published workbook (no computation), with its source. Values are
as published (rounded to the pence for GVA per hour, the pound for GVA per filled job); a test
compares them with what the data layer reads and with our own aggregates of districts.

Sources (Office for National Statistics, Open Government Licence v3.0):

- LAD workbook: *Subregional productivity: labour productivity (GVA per hour worked and GVA
  per filled job) indices by local authority district*, released 26 June 2025
  (``productivity/ons_subregional_productivity_lad_jun2025.xls`` in the data mirror; checks in
  the mirror's SOURCES.md, "Added 2026-11-28", Productivity).
- CA workbook: *... by combined authority and economic enterprise region*, released 26 June
  2025 (``productivity/ons_subregional_productivity_ca_eer_jun2025.xlsx``).
"""

from __future__ import annotations


class LadWorkbookA3:
    """GVA per hour worked, GBP, current prices (smoothed): LAD workbook, sheet A3.

    Source: LAD workbook, June 2025, sheet A3 (rows UKX, E07000092, E09000001); the UK figures
    also match the Explore Local Statistics extract (SOURCES.md section 1: £41.87 in 2023).
    """

    dataset_id = "productivity_lad"
    measure = "gva_per_hour"
    values = {
        ("UKX", "2022"): 40.97,       # UK less extra-regio
        ("UKX", "2023"): 41.87,
        ("E07000092", "2023"): 84.13,  # Rushmoor
        ("E09000001", "2023"): 79.02,  # City of London
    }
    tolerance = 0.005  # GBP: the workbook's own rounding


class CombinedAuthorityA3:
    """GVA per hour worked and per filled job of combined authorities, CA workbook, June 2025.

    Source: CA workbook, June 2025, sheets A3 (GBP per hour) and B3 (GBP per filled job),
    row E47000001 (Greater Manchester) and E47000007 (West Midlands).

    Our aggregate is the ratio of sums of the districts' implied GVA (GVA per hour x hours)
    over hours, from the LAD workbook of the same release. ONS sums unrounded district figures,
    so the two agree to within about 0.5% (methods.md), not exactly.
    """

    dataset_id = "productivity_ca"
    values = {
        ("E47000001", "gva_per_hour", "2022"): 38.58,
        ("E47000001", "gva_per_hour", "2023"): 39.77,
        ("E47000001", "gva_per_job", "2023"): 62480.0,
        ("E47000007", "gva_per_hour", "2023"): 35.72,
    }
    relative_tolerance_of_aggregate = 0.005
