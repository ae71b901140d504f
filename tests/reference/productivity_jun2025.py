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

YEARS_HOURS = tuple(str(y) for y in range(2004, 2024))
"""Years of GVA per hour worked in the June 2025 release."""


class UkLessExtraRegioA3:
    """UK less extra-regio GVA per hour worked, GBP, current prices (smoothed), 2004-2023.

    Source: LAD workbook, June 2025, sheet A3, row UKX (the same row is in the CA workbook,
    sheet A3). SOURCES.md checks: £40.97 (2022) and £41.87 (2023), as in Explore Local
    Statistics.
    """

    dataset_id = "productivity_lad"
    measure = "gva_per_hour"
    values_by_area = {
        "UKX": (25.52, 25.40, 26.82, 27.78, 28.63, 29.24, 29.77, 30.23, 30.75, 31.32, 31.96,
                32.69, 33.45, 34.30, 35.38, 36.58, 38.00, 39.53, 40.97, 41.87),
    }
    years = YEARS_HOURS
    tolerance = 0.005  # GBP: published to the penny


class LadWorkbookA3:
    """GVA per hour worked of single districts, LAD workbook June 2025, sheet A3.

    Source: LAD workbook, June 2025, sheet A3 (rows E07000092 Rushmoor, E09000001 City of
    London; SOURCES.md "Added 2026-11-28").
    """

    dataset_id = "productivity_lad"
    measure = "gva_per_hour"
    values_by_area = {"E07000092": {"2023": 84.13}, "E09000001": {"2023": 79.02}}
    tolerance = 0.005


class CombinedAuthorityA3:
    """GVA per hour worked of every combined authority (E47), GBP, current prices (smoothed).

    Source: CA workbook (*Subregional productivity: labour productivity indices by combined
    authority and economic enterprise region*), released 26 June 2025, sheet A3, every E47
    row and year 2004-2023 as published (14 CAs x 20 years = 280 values), transcribed once
    from the workbook; the tests never read the workbook for them.
    """

    dataset_id = "productivity_ca"
    measure = "gva_per_hour"
    years = YEARS_HOURS
    values_by_area = {
        # Greater Manchester
        "E47000001": (22.85, 22.71, 24.32, 25.39, 26.20, 26.76, 27.18, 27.60, 28.01, 28.47,
                      28.88, 29.49, 30.09, 30.80, 31.83, 33.04, 34.78, 36.61, 38.58, 39.77),
        # South Yorkshire
        "E47000002": (20.70, 20.60, 22.06, 23.03, 23.79, 24.23, 24.60, 25.03, 25.52, 25.98,
                      26.24, 26.61, 26.95, 27.51, 28.17, 29.06, 30.19, 31.57, 32.90, 33.77),
        # West Yorkshire
        "E47000003": (22.68, 22.53, 24.06, 24.98, 25.58, 25.94, 26.23, 26.51, 26.81, 27.20,
                      27.69, 28.27, 28.83, 29.51, 30.43, 31.51, 32.92, 34.60, 36.27, 37.33),
        # Liverpool City Region
        "E47000004": (23.68, 23.58, 24.86, 25.82, 26.78, 27.64, 28.09, 28.28, 28.23, 28.50,
                      28.85, 29.37, 29.78, 30.12, 30.80, 31.79, 33.35, 35.03, 36.49, 37.33),
        # Tees Valley
        "E47000006": (23.12, 22.99, 24.05, 24.79, 25.45, 26.06, 26.55, 27.05, 27.56, 28.25,
                      29.08, 29.88, 30.43, 30.72, 31.20, 31.71, 32.55, 33.47, 34.61, 35.37),
        # West Midlands
        "E47000007": (22.29, 22.22, 23.04, 23.80, 24.69, 25.46, 26.13, 26.56, 26.99, 27.38,
                      28.05, 28.89, 29.97, 30.86, 31.66, 32.36, 33.25, 34.27, 35.18, 35.72),
        # Cambridgeshire and Peterborough
        "E47000008": (26.13, 26.13, 26.69, 27.29, 27.92, 28.53, 29.31, 30.06, 30.63, 30.80,
                      30.99, 31.29, 31.91, 32.60, 33.69, 35.04, 36.76, 38.37, 39.63, 40.29),
        # West of England
        "E47000009": (24.41, 24.36, 25.70, 26.97, 28.35, 29.27, 29.98, 30.30, 30.74, 31.17,
                      32.04, 33.05, 34.02, 34.68, 35.28, 36.14, 37.35, 39.18, 40.84, 42.01),
        # York and North Yorkshire
        "E47000012": (25.02, 25.06, 25.59, 26.06, 26.36, 26.29, 26.27, 26.46, 26.74, 27.02,
                      27.33, 28.02, 28.82, 29.83, 30.99, 32.75, 34.78, 36.59, 37.72, 38.18),
        # East Midlands
        "E47000013": (22.47, 22.38, 23.42, 24.16, 24.94, 25.42, 25.87, 26.29, 26.81, 27.26,
                      27.68, 28.03, 28.61, 29.24, 30.46, 31.85, 33.30, 34.41, 35.16, 35.62),
        # North East
        "E47000014": (22.62, 22.53, 23.42, 23.98, 24.51, 25.05, 25.75, 26.42, 26.97, 27.30,
                      27.64, 28.12, 28.66, 29.31, 30.15, 31.20, 32.45, 33.82, 35.14, 35.97),
        # Hull and East Yorkshire
        "E47000016": (23.25, 23.04, 25.24, 26.63, 27.57, 27.38, 26.77, 26.10, 26.11, 26.64,
                      27.44, 28.36, 28.90, 29.34, 29.77, 30.95, 32.70, 34.91, 36.55, 37.45),
        # Greater Lincolnshire
        "E47000017": (21.96, 21.96, 22.69, 23.34, 24.04, 24.24, 24.39, 24.64, 25.47, 26.39,
                      27.07, 27.47, 27.87, 28.67, 29.86, 31.40, 33.07, 34.71, 36.01, 36.73),
        # Lancashire
        "E47000018": (22.86, 22.79, 23.69, 24.22, 24.62, 24.68, 24.87, 25.16, 25.65, 26.14,
                      26.83, 28.00, 29.21, 30.14, 30.74, 31.70, 33.23, 35.08, 36.50, 37.25),
    }
    tolerance = 0.005  # GBP: published to the penny


class CombinedAuthorityB3:
    """GVA per filled job of two combined authorities, CA workbook June 2025, sheet B3."""

    dataset_id = "productivity_ca"
    measure = "gva_per_job"
    values_by_area = {"E47000001": {"2023": 62480.0}}
    tolerance = 0.5  # GBP: published to the pound


def as_table(reference: type) -> dict[tuple[str, str], float]:
    """``(area_code, year) -> value`` of a reference class (tuples follow ``years``)."""
    out = {}
    for code, values in reference.values_by_area.items():
        if isinstance(values, dict):
            out.update({(code, y): v for y, v in values.items()})
        else:
            out.update({(code, y): v for y, v in zip(reference.years, values, strict=True)})
    return out
