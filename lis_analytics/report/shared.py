"""Computations shared by every area in a batch, done once per run before the workers start.

Workers must never build the processed store concurrently, so every table a chapter reads
is built (or checked fresh) here first; all-area results that several packs use are
written to ``data/processed/derived/`` for the chapters to read.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from types import ModuleType

import pandas as pd

from lis_analytics.data.derived import derived_dir, derived_tables
from lis_analytics.data.store import load_table, processed_dir, table_build

CHAPTER_DATASETS: tuple[str, ...] = (
    "productivity_lad", "gva_lad_industry", "population_mye_mid2022", "boundaries_lad23",
    "lookup_lad21_lep21", "lookup_lad25_cauth25", "lookup_lad23_rgn23", "lookup_lad11_lad21",
    "lad_code_history",
)
"""Processed tables the chapter notebooks read."""


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Write a table atomically (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    frame.to_parquet(tmp, index=False)
    tmp.replace(path)


def write_json(obj: object, path: Path) -> None:
    """Write JSON atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(obj, indent=2, sort_keys=True, default=str))
    tmp.replace(path)


def inputs_signature(dataset_ids: Iterable[str], modules: Iterable[ModuleType] = (),
                     texts: Iterable[str] = ()) -> str:
    """Hash of what a shared step's tables depend on.

    The processed tables' builds (sha256 and parser signature from the store manifest), the
    source of the given modules, any extra texts, and the area definitions (packaged custom
    areas, ``LIS_AREAS_FILE`` and LAD code changes), which every all-area step depends on.
    """
    from lis_analytics.geography import AREAS_FILE_ENV

    builds = {ds: {k: (table_build(ds) or {}).get(k) for k in ("sha256", "code_signature")}
              for ds in dataset_ids}
    digest = hashlib.sha256(json.dumps(builds, sort_keys=True).encode())
    from lis_analytics.geography import area, bridge, catalogue

    for module in (area, bridge, catalogue, *modules):  # every step depends on the catalogue
        digest.update(Path(inspect.getsourcefile(module)).read_bytes())
    for text in texts:
        digest.update(text.encode())
    config = resources.files("lis_analytics.config")
    for name in ("areas.yaml", "lad_code_changes.yaml"):
        digest.update(config.joinpath(name).read_bytes())
    custom = os.environ.get(AREAS_FILE_ENV, "").strip()
    if custom and Path(custom).is_file():
        digest.update(Path(custom).read_bytes())
    return digest.hexdigest()


def stamp_is_current(folder: Path, signature: str, files: Iterable[str]) -> bool:
    """True when ``folder`` holds every file and a ``stamp.json`` with this signature."""
    path = folder / "stamp.json"
    if not path.is_file() or not all((folder / name).is_file() for name in files):
        return False
    try:
        return json.loads(path.read_text()).get("signature") == signature
    except (json.JSONDecodeError, OSError, AttributeError):
        return False


def write_stamp(folder: Path, signature: str) -> None:
    """Record that ``folder``'s tables match ``signature`` (write it after the tables)."""
    write_json({"signature": signature}, folder / "stamp.json")


def prepare_shared() -> Path:
    """Build every table the chapters read and the shared all-area tables; return their folder."""
    from lis_analytics.data.store import build

    build(list(CHAPTER_DATASETS))  # checks file stamps; reads nothing when all are fresh
    build(list(derived_tables()))  # every declared all-area table, rebuilt only when stale
    for module in chapter_shared_modules():
        module.prepare()
    return derived_dir()


def chapter_shared_modules() -> list:
    """Modules ``lis_analytics.report.shared_<chapter>``, each with a ``prepare()`` function.

    A chapter that needs an all-area computation (e.g. LQs of every LAD, TTWAs, comparators)
    puts it in such a module: ``prepare()`` computes it once per batch run (skipping work
    whose inputs are unchanged) and writes it under :func:`derived_dir`, and a loader in the
    same module reads it back in the chapter notebook (computing it if missing).
    """
    import importlib
    import pkgutil

    import lis_analytics.report as package

    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__)
                   if m.name.startswith("shared_"))
    return [importlib.import_module(f"lis_analytics.report.{name}") for name in names]


def cache_stamp() -> str:
    """Fingerprint of the processed store and derived tables (manifest and stamp files).

    It changes whenever a table is rebuilt or a shared step recomputed; a process that keeps
    tables in memory for many packs (the kernel zygote) is replaced when it changes.
    """
    folder = processed_dir()
    paths = [folder / "_manifest.json", derived_dir() / "_manifest.json",
             *sorted(derived_dir().glob("**/stamp.json"))]
    parts = [f"{p}:{p.stat().st_mtime_ns}" for p in paths if p.is_file()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def warm_caches() -> None:
    """Read what every pack reads into this process's in-memory caches.

    The kernel zygote (:mod:`lis_analytics.report.kernels`) calls this once, so that each
    kernel forked from it starts with the processed tables, area catalogue, indicator
    framework and shared all-area tables in memory. The caches check their inputs (the
    store's manifest, the shared steps' signatures) and the zygote is replaced when
    :func:`cache_stamp` changes, so nothing stale is served.
    """
    from lis_analytics import geography, sectors
    from lis_analytics import indicators as ind
    from lis_analytics.present import charts
    from lis_analytics.report import shared_indicators, shared_sectors

    for ds in ("productivity_lad", "population_mye_mid2022", "boundaries_lad23",
               *derived_tables()):
        load_table(ds)
    geography.all_areas()
    geography.canonical_lads()
    ind.load_framework()
    sectors.load_sector_groupings()
    shared_indicators.indicator_values()
    shared_indicators.comparator_table()
    shared_indicators.comparator_features()
    for loader in (shared_sectors.gva_current_prices, shared_sectors.gva_estimated_cells,
                   shared_sectors.gva_deflators, shared_sectors.workplace_jobs_2011,
                   shared_sectors.residents_in_employment_2021,
                   shared_sectors.specialisation):
        loader()
    fig, _ = charts.new_chart("Warm-up", "Fonts and style")  # fonts and style, once
    charts.figure_svg(fig)
