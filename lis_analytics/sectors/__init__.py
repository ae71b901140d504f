"""Sector structure: shares, location quotients, specialisation, shift-share and productivity mix.

Every function here is pure: it takes pandas objects and returns new ones. The working
shape is an **industry matrix** of additive quantities (jobs, hours, current-price GVA):

* index: one row per area (``area_code``), optionally including a benchmark row such as
  England or the UK;
* columns: one column per industry (``industry_code``) forming a *non-overlapping*
  partition, e.g. SIC 2007 sections, 2-digit divisions, or one level of the ONS regional
  GVA hierarchy;
* values: non-negative numbers; ``NaN`` means suppressed / not available (never zero).

:func:`industry_matrix` builds that matrix from a tidy long table of the data layer
(columns ``area_code, period, measure, value, industry_code, ...``), and
:func:`select_industry_level` picks one level (``"section"`` or ``"finest"``) out of
hierarchical code lists such as the ONS LAD GVA workbook, where ``Total``, ``A-E``,
``C (10-33)`` and ``CA-CB (10-15)`` all appear together. Overlapping columns, a
``Total`` column, negative values and zero totals are rejected with an error that
names the offending cells.

**Chained-volume (CVM) values are not additive** across industries or areas, and
indices and deflators are not quantities at all: shares, location quotients,
shift-share and grouping totals need current prices or counts of jobs/hours. A matrix
built by :func:`industry_matrix` remembers its measure and price basis in
``DataFrame.attrs`` and is refused by those functions if it is a CVM, index or
deflator. Growth of current-price GVA mixes price and volume change; prefer jobs or
hours for shift-share, or read current-price results as nominal.

Imputed rent: section L in ONS GVA (``L (68)``) includes owner-occupiers' imputed
rental (``68IMP``), output with no jobs attached. Many LIS analyses exclude it; use
``exclude_imputed_rent=True`` in :func:`select_industry_level` / :func:`industry_matrix`.

Modules (one per method; everything public is re-exported here)
----------------------------------------------------------------
- :mod:`.sic`: SIC 2007 sections and divisions, industry codes and levels
  (:func:`sic_division_to_section`, :func:`sic_section_name`, :func:`sic2007_sections`,
  :func:`industry_code_divisions`, :func:`select_industry_level`,
  :func:`describe_industry_level`);
- :mod:`.matrix`: :func:`industry_matrix`, :func:`industry_panel`,
  :func:`industry_code_mapping`, :func:`aggregate_industries`,
  :func:`aggregate_to_sections`, and the builders of the all-district derived tables
  (``data/derived.yaml``: :func:`all_industry_rows`, :func:`~.matrix.gva_filled_by_lad`,
  :func:`~.matrix.gva_estimated_by_lad`, :func:`~.matrix.gva_deflators_england`,
  :func:`~.matrix.workplace_jobs_2011_by_lad`,
  :func:`~.matrix.residents_in_employment_2021_by_lad`);
- :mod:`.shares`: :func:`sector_shares`;
- :mod:`.specialisation`: :func:`location_quotients`, :func:`krugman_index`,
  :func:`hoover_index`, :func:`herfindahl_index`, :func:`krugman_by_area` (and the builder
  :func:`~.specialisation.krugman_of_default_areas`);
- :mod:`.shift_share`: :func:`shift_share` (classic, Esteban-Marquillas),
  :func:`dynamic_shift_share`;
- :mod:`.productivity_mix`: :func:`productivity_gap_decomposition`;
- :mod:`.groupings`: :func:`classify_industries`, :func:`load_sector_groupings`,
  :func:`map_industries_to_groupings`, :func:`grouping_summary`;
- :mod:`.suppression`: :func:`fill_suppressed` (estimate suppressed cells from published
  parents);
- :mod:`.concordance`: :func:`industry_concordance`, :func:`harmonise_matrices` (bring two
  sources to common industries), :func:`label_industries`;
- :mod:`.growth_sectors`: the Industrial Strategy's eight growth sectors (IS-8) on SIC data:
  :func:`load_growth_sectors`, :func:`configured_growth_sectors`,
  :func:`derive_grade`, :func:`category_bounds`,
  :func:`coverage_table`, :func:`sector_jobs`,
  :func:`growth_sector_profile`, :func:`sector_gva`, :func:`strength_claim`;
- :mod:`.screens`: data-quality screens before a finding (:func:`flag_gva_jumps`,
  :func:`flag_implausible_shares`, :func:`material_flags`,
  :func:`is_ranked_for_productivity`) and their thresholds.

Examples
--------
>>> counts = pd.DataFrame({"A": [10.0, 90.0], "C": [30.0, 70.0]}, index=["R", "rest"])
>>> location_quotients(counts).round(2).loc["R"].tolist()
[0.5, 1.5]
"""

import pandas as pd  # noqa: F401  (the example above)

from lis_analytics.sectors.concordance import (
    IndustryConcordance,
    harmonise_matrices,
    industry_concordance,
    label_industries,
)
from lis_analytics.sectors.groupings import (
    SectorGrouping,
    classify_industries,
    grouping_summary,
    load_sector_groupings,
    map_industries_to_groupings,
)
from lis_analytics.sectors.growth_sectors import (
    GRADE_SOURCE_NOTE,
    CategoryBounds,
    GrowthSector,
    category_bounds,
    configured_growth_sectors,
    coverage_table,
    derive_grade,
    growth_sector_profile,
    load_growth_sectors,
    normalise_codes,
    sector_gva,
    sector_jobs,
    source_categories,
    strength_claim,
)
from lis_analytics.sectors.matrix import (
    aggregate_industries,
    aggregate_to_sections,
    all_industry_rows,
    industry_code_mapping,
    industry_matrix,
    industry_panel,
)
from lis_analytics.sectors.productivity_mix import (
    ProductivityGapResult,
    productivity_gap_decomposition,
)
from lis_analytics.sectors.screens import (
    CELL_FLOOR,
    JUMP_THRESHOLD,
    LOCAL_SERVICE_INDUSTRIES,
    MATERIAL_SHARE,
    NOT_RANKED_FOR_PRODUCTIVITY,
    SHARE_LQ_CEILING,
    flag_gva_jumps,
    flag_implausible_shares,
    is_ranked_for_productivity,
    material_flags,
)
from lis_analytics.sectors.shares import sector_shares
from lis_analytics.sectors.shift_share import ShiftShareResult, dynamic_shift_share, shift_share
from lis_analytics.sectors.sic import (
    IMPUTED_RENT,
    SIC2007_SECTIONS,
    describe_industry_level,
    industry_code_divisions,
    select_industry_level,
    sic2007_sections,
    sic_division_to_section,
    sic_section_name,
)
from lis_analytics.sectors.specialisation import (
    herfindahl_index,
    hoover_index,
    krugman_by_area,
    krugman_index,
    location_quotients,
)
from lis_analytics.sectors.suppression import fill_suppressed

__all__ = [
    "configured_growth_sectors",
    "growth_sector_profile",
    "strength_claim",
    "source_categories",
    "sector_jobs",
    "sector_gva",
    "normalise_codes",
    "load_growth_sectors",
    "derive_grade",
    "coverage_table",
    "category_bounds",
    "GrowthSector",
    "CategoryBounds",
    "GRADE_SOURCE_NOTE",
    "CELL_FLOOR",
    "IMPUTED_RENT",
    "JUMP_THRESHOLD",
    "LOCAL_SERVICE_INDUSTRIES",
    "MATERIAL_SHARE",
    "NOT_RANKED_FOR_PRODUCTIVITY",
    "SHARE_LQ_CEILING",
    "SIC2007_SECTIONS",
    "IndustryConcordance",
    "ProductivityGapResult",
    "SectorGrouping",
    "ShiftShareResult",
    "aggregate_industries",
    "aggregate_to_sections",
    "all_industry_rows",
    "classify_industries",
    "describe_industry_level",
    "dynamic_shift_share",
    "fill_suppressed",
    "flag_gva_jumps",
    "flag_implausible_shares",
    "grouping_summary",
    "harmonise_matrices",
    "herfindahl_index",
    "hoover_index",
    "industry_code_divisions",
    "industry_code_mapping",
    "industry_concordance",
    "industry_matrix",
    "industry_panel",
    "is_ranked_for_productivity",
    "krugman_by_area",
    "krugman_index",
    "label_industries",
    "load_sector_groupings",
    "location_quotients",
    "map_industries_to_groupings",
    "material_flags",
    "productivity_gap_decomposition",
    "sector_shares",
    "select_industry_level",
    "shift_share",
    "sic2007_sections",
    "sic_division_to_section",
    "sic_section_name",
]
