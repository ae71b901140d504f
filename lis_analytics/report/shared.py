"""What a batch does once per run before the workers start: build every table, warm caches.

Workers must never build the processed store concurrently, so every table a chapter reads,
the processed datasets and the derived all-area tables (``lis_analytics/data/derived.yaml``),
is built (or checked fresh) here first.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from lis_analytics.data import build, load_table, processed_dir
from lis_analytics.data.derived import derived_dir, derived_tables


def prepare_shared() -> Path:
    """Build every processed and derived table that is missing or stale; return the derived folder.

    Fresh tables are only checked (file stamps and signatures), not read.
    """
    build()
    return derived_dir()


def cache_stamp() -> str:
    """Fingerprint of the processed store and derived tables (their manifests).

    It changes whenever a table is rebuilt; a process that keeps tables in memory for many
    packs (the kernel zygote) is replaced when it changes.
    """
    paths = [processed_dir() / "_manifest.json", derived_dir() / "_manifest.json"]
    parts = [f"{p}:{p.stat().st_mtime_ns}" for p in paths if p.is_file()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def warm_caches() -> None:
    """Read what every pack reads into this process's in-memory caches.

    The kernel zygote (:mod:`lis_analytics.report.kernels`) calls this once, so that each
    kernel forked from it starts with the processed tables, area catalogue, indicator
    framework and derived all-area tables in memory. The caches check their inputs (the
    store's manifest, the derived tables' signatures) and the zygote is replaced when
    :func:`cache_stamp` changes, so nothing stale is served.
    """
    from lis_analytics import geography, sectors
    from lis_analytics import indicators as ind
    from lis_analytics.chapters import fema as fema_chapter
    from lis_analytics.chapters import sectors as sectors_chapter
    from lis_analytics.present import charts

    for ds in ("productivity_lad", "population_mye_mid2022", "boundaries_lad23",
               *derived_tables()):
        load_table(ds)
    geography.all_areas()
    geography.canonical_lads()
    ind.load_framework()
    sectors.load_sector_groupings()
    sectors_chapter.load_inputs()
    fema_chapter.load_inputs()
    fig, _ = charts.new_chart("Warm-up", "Fonts and style")  # fonts and style, once
    charts.figure_svg(fig)
