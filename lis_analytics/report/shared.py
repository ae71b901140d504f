"""Computations shared by every area in a batch, done once per run before the workers start.

Workers must never build the processed store concurrently, so every table a chapter reads
is built (or checked fresh) here first; all-area results that several packs use are
written to ``data/processed/derived/`` for the chapters to read.
"""

from __future__ import annotations

from pathlib import Path

from lis_analytics.data.store import load_table, processed_dir

CHAPTER_DATASETS: tuple[str, ...] = (
    "productivity_lad", "gva_lad_industry", "population_mye_mid2022", "boundaries_lad23",
    "lookup_lad21_lep21", "lookup_lad25_cauth25", "lookup_lad23_rgn23", "lookup_lad11_lad21",
    "lad_code_history",
)
"""Processed tables the chapter notebooks read."""


def derived_dir() -> Path:
    """Folder of all-area derived tables shared between packs."""
    return processed_dir() / "derived"


def prepare_shared() -> Path:
    """Build every table the chapters read and the shared all-area tables; return their folder."""
    for dataset_id in CHAPTER_DATASETS:
        load_table(dataset_id)
    folder = derived_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder
