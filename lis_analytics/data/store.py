"""The processed store: parsed, validated tables as parquet in a git-ignored folder.

``build_one()`` parses a registered dataset into
``data/processed/<dataset id>.parquet`` (folder overridable with ``LIS_DATA_PROCESSED``)
and records in ``_manifest.json`` what each table was built from: the source files'
sha256, size and modification time, and a hash of the parser code and registry entry.
A table whose inputs are unchanged is skipped. ``load_dataset()`` reads a table, building
it first if it is missing or stale. :mod:`lis_analytics.data.tables` serves these and the
derived tables through one ``load_table``.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from dataclasses import asdict, replace
from functools import cache
from pathlib import Path

import pandas as pd

from lis_analytics.data import parsers
from lis_analytics.data.fetch import locate, project_root
from lis_analytics.data.registry import Dataset, get_dataset
from lis_analytics.errors import LisError

PROCESSED_ENV = "LIS_DATA_PROCESSED"
_MANIFEST = "_manifest.json"
_lock = threading.Lock()
_memory: dict[str, tuple[str, pd.DataFrame]] = {}


def processed_dir() -> Path:
    """Folder of processed tables (``LIS_DATA_PROCESSED`` or ``data/processed``)."""
    value = os.environ.get(PROCESSED_ENV, "").strip()
    return Path(value).expanduser() if value else project_root() / "data" / "processed"


@cache
def _module_digest(module: str) -> str:
    """Digest of one module's source file (read once per process)."""
    import importlib.util

    spec = importlib.util.find_spec(module)
    return hashlib.sha256(Path(spec.origin).read_bytes()).hexdigest()


@cache
def _parser_modules_by_name() -> dict[str, str]:
    """Parser name -> module that defines it, read from the modules' source, not imported.

    Checking a table's freshness must not import every parser module (they pull in pandera
    and take longer than reading the table): a parser is a top-level function decorated
    with ``@parser`` in ``parsers.py`` or a ``parsers_<theme>.py`` module.
    """
    import re

    folder = Path(parsers.__file__).parent
    found: dict[str, str] = {}
    for path in sorted(folder.glob("parsers*.py")):
        module = f"lis_analytics.data.{path.stem}"
        for name in re.findall(r"^@parser\s*\n(?:@.*\n)*def\s+(\w+)\(", path.read_text(),
                               flags=re.MULTILINE):
            found.setdefault(name, module)
    return found


def _parser_module(parser_name: str) -> str | None:
    """The module defining a registered parser (``None`` if no module defines it)."""
    module = _parser_modules_by_name().get(parser_name)
    if module is None:  # e.g. registered some other way: fall back to importing them all
        parsers.load_parser_modules()
        func = parsers.PARSERS.get(parser_name)
        module = func.__module__ if func is not None else None
    return module


def _code_signature(ds: Dataset) -> str:
    """Hash of what turns the files into the table.

    The shared parser helpers and schemas, the module that defines this dataset's parser,
    and its registry entry: editing one theme's parsers rebuilds only that theme's tables.
    """
    modules = ["lis_analytics.data.parsers", "lis_analytics.data.schemas"]
    module = _parser_module(ds.parser)
    if module is not None and module not in modules:
        modules.append(module)
    parts = [_module_digest(m) for m in modules]
    parts.append(json.dumps(asdict(ds), sort_keys=True, default=str))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _read_manifest(folder: Path) -> dict:
    path = folder / _MANIFEST
    if path.is_file():
        try:
            return json.loads(path.read_text())
        except json.JSONDecodeError:
            return {}
    return {}


_manifest_cache: dict[Path, tuple[tuple[int, int], dict]] = {}


def _manifest_read_only(folder: Path) -> dict:
    """The manifest, parsed once per change of the file (for reading only: never modify it)."""
    path = folder / _MANIFEST
    try:
        stat = path.stat()
    except OSError:
        return {}
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _manifest_cache.get(path)
    if cached is None or cached[0] != key:
        cached = (key, _read_manifest(folder))
        _manifest_cache[path] = cached
    return cached[1]


def table_build(dataset_id: str) -> dict | None:
    """What a processed table was built from (its manifest entry), or ``None`` if never built.

    Keys: ``sha256`` (source files as read), ``sources`` (per file: ``origin`` mirror, cache
    or web, ``url``, ``sha256``, ``published_sha256``, ``mirror_copy``), ``periods`` (first
    and last), ``code_signature`` (parser and registry entry), ``files``, ``rows``,
    ``release``, ``vintage`` and ``built_at``. Treat it as read-only.
    """
    return _manifest_read_only(processed_dir()).get(dataset_id)


def manifest_stamp() -> str:
    """Fingerprint of the processed store's manifest (changes whenever a table is rebuilt)."""
    path = processed_dir() / _MANIFEST
    return f"{path}:{path.stat().st_mtime_ns}" if path.is_file() else ""


def _write_manifest(folder: Path, manifest: dict) -> None:
    tmp = folder / f".{_MANIFEST}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True))
    tmp.replace(folder / _MANIFEST)


def _file_stamp(path: Path) -> dict:
    stat = path.stat()
    return {"path": path.name, "size": stat.st_size, "mtime": stat.st_mtime_ns}


def _is_fresh(ds: Dataset, entry: dict | None, folder: Path, paths: list[Path] | None) -> bool:
    if not entry or not (folder / f"{ds.id}.parquet").is_file():
        return False
    if entry.get("code_signature") != _code_signature(ds):
        return False
    if paths is not None and entry.get("files") != [_file_stamp(p) for p in paths]:
        return False
    return True


def _period_range(table: pd.DataFrame) -> list[str]:
    """First and last period of a table with a ``period`` column (else empty)."""
    if "period" not in table.columns or table.empty:
        return []
    periods = table["period"].dropna().astype(str)
    return [periods.min(), periods.max()] if len(periods) else []


def _table_path(dataset_id: str) -> Path:
    return processed_dir() / f"{dataset_id}.parquet"


def build_one(dataset_id: str, *, force: bool = False) -> tuple[str, float]:
    """Build one processed table; return ``(status, seconds)``, status 'built' or 'fresh'."""
    ds = get_dataset(dataset_id)
    folder = processed_dir()
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with _lock:
        manifest = _read_manifest(folder)
    first = locate(dataset_id, verify=False)
    paths = [f.path for f in first]
    if not force and _is_fresh(ds, manifest.get(ds.id), folder, paths):
        return "fresh", time.perf_counter() - start
    found = locate(dataset_id, verify=True)  # checksum only when we actually (re)build
    found = [f if a.origin != "web" else replace(f, origin="web", url=a.url)
             for f, a in zip(found, first, strict=True)]  # downloaded just now, above
    paths = [f.path for f in found]
    parsers.load_parser_modules()
    if ds.parser not in parsers.PARSERS:
        raise LisError(f"{ds.id}: parser {ds.parser!r} is not defined in "
                       "lis_analytics.data.parsers or a parsers_<theme> module")
    table = parsers.PARSERS[ds.parser](ds, paths)
    from lis_analytics.data import schemas  # pandera is only needed when building

    schemas.validate(table, ds)
    target = _table_path(ds.id)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    table.to_parquet(tmp, index=False)
    tmp.replace(target)
    with _lock:
        manifest = _read_manifest(folder)
        manifest[ds.id] = {
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "code_signature": _code_signature(ds),
            "files": [_file_stamp(p) for p in paths],
            "sha256": [f.sha256 for f in found],
            "sources": [{"origin": f.origin, "url": f.url or s.url, "sha256": f.sha256,
                         "published_sha256": s.sha256, "mirror_copy": s.mirror_copy}
                        for f, s in zip(found, ds.files, strict=True)],
            "periods": _period_range(table),
            "rows": len(table),
            "release": ds.release,
            "vintage": ds.vintage,
        }
        _write_manifest(folder, manifest)
    _memory.pop(ds.id, None)
    return "built", time.perf_counter() - start


def load_dataset(dataset_id: str) -> pd.DataFrame:
    """A processed dataset, built first if missing or stale (the object kept in memory).

    Use :func:`lis_analytics.data.load_table`, which returns a frame the caller may change.
    """
    ds = get_dataset(dataset_id)
    folder = processed_dir()
    entry = _read_manifest(folder).get(ds.id)
    key = json.dumps(entry, sort_keys=True) if entry else ""
    cached = _memory.get(ds.id)
    if cached and cached[0] == key and key:
        return cached[1]
    if not _is_fresh(ds, entry, folder, None):
        build_one(dataset_id)
        entry = _read_manifest(folder).get(ds.id)
        key = json.dumps(entry, sort_keys=True)
    if ds.schema == "boundaries":
        import geopandas as gpd

        table = gpd.read_parquet(_table_path(ds.id))
    else:
        table = pd.read_parquet(_table_path(ds.id))
    _memory[ds.id] = (key, table)
    return table
