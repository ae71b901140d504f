"""Derived tables: all-area results computed once from processed tables, declared like datasets.

Some results are needed by every pack but depend on every area: each LAD's industry matrix,
commuting totals of every area, every indicator of every area, comparator features. They are
declared in ``derived.yaml`` beside the dataset registry, each with:

- ``builder``: a pure function ``"package.module:function"`` that takes the input tables as
  keyword arguments (named by their ids) and returns one DataFrame;
- ``inputs``: the processed or derived tables it reads (``inputs_from`` may name a function
  returning more ids, e.g. the datasets of the indicator framework);
- ``config``: packaged configuration files it reads (``lis_analytics/config/...``).

A derived table is rebuilt when its signature changes: the builds of its inputs (sha256 of
the source files and parser code, or the input's own signature), the source of the builder's
module and of every library module it imports, directly or not (read with ``ast``, so a
change anywhere in the code it runs counts), of any ``modules`` listed, its configuration
files and the area definitions (packaged ``areas.yaml``, ``lad_code_changes.yaml`` and
``LIS_AREAS_FILE``). This is the one freshness mechanism for all-area results.

:func:`lis_analytics.data.load_table` serves derived tables like any other table.

Examples
--------
>>> "gva_lad_total" in derived_tables()
True
>>> get_derived("gva_lad_total").inputs
('gva_lad_industry',)
"""

from __future__ import annotations

import contextlib
import difflib
import fcntl
import hashlib
import importlib
import importlib.util
import json
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd

from lis_analytics.data import store
from lis_analytics.errors import LisError, UnknownDatasetError

AREAS_FILE_ENV = "LIS_AREAS_FILE"
_MANIFEST = "_manifest.json"
_AREA_CONFIG = ("areas.yaml", "lad_code_changes.yaml")


@dataclass(frozen=True)
class DerivedTable:
    """A declared all-area table.

    Attributes mirror the keys of ``derived.yaml``: ``id``, ``description``, ``builder``,
    ``inputs``, ``inputs_from``, ``config`` and ``modules``.
    """

    id: str
    description: str
    builder: str
    inputs: tuple[str, ...] = ()
    inputs_from: str = ""
    config: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()


@cache
def derived_tables() -> dict[str, DerivedTable]:
    """Every declared derived table, by id (read once from ``derived.yaml``)."""
    import yaml

    text = resources.files("lis_analytics.data").joinpath("derived.yaml").read_text("utf-8")
    spec = yaml.safe_load(text) or {}
    out = {}
    for table_id, entry in spec.items():
        unknown = set(entry) - {"description", "builder", "inputs", "inputs_from", "config",
                                "modules"}
        if unknown or "builder" not in entry:
            raise LisError(f"derived.yaml: entry {table_id!r} needs a 'builder' and may not "
                           f"have {sorted(unknown)}")
        out[table_id] = DerivedTable(
            id=table_id, description=str(entry.get("description", "")).strip(),
            builder=entry["builder"], inputs=tuple(entry.get("inputs", ())),
            inputs_from=entry.get("inputs_from", ""), config=tuple(entry.get("config", ())),
            modules=tuple(entry.get("modules", ())))
    return out


def is_derived(table_id: str) -> bool:
    """True when ``table_id`` is a declared derived table."""
    return table_id in derived_tables()


def get_derived(table_id: str) -> DerivedTable:
    """The declaration of one derived table (close matches suggested for a typo)."""
    tables = derived_tables()
    if table_id not in tables:
        close = difflib.get_close_matches(table_id, tables, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise UnknownDatasetError(f"no derived table {table_id!r}.{hint}")
    return tables[table_id]


def _resolve(dotted: str) -> Callable:
    module, _, name = dotted.partition(":")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise LisError(f"derived.yaml names {dotted!r}, which cannot be imported: {exc}") from exc


def input_ids(table: DerivedTable) -> tuple[str, ...]:
    """The tables a derived table reads: ``inputs`` plus those ``inputs_from`` returns."""
    ids = list(table.inputs)
    if table.inputs_from:
        ids += [i for i in _resolve(table.inputs_from)() if i not in ids]
    return tuple(ids)


def derived_dir() -> Path:
    """Folder of derived tables (``derived/`` inside the processed store)."""
    return store.processed_dir() / "derived"


def _table_path(table_id: str) -> Path:
    return derived_dir() / f"{table_id}.parquet"


def _module_file(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    return Path(spec.origin) if spec is not None and spec.origin else None


_FROM_IMPORT = re.compile(r"^[ \t]*from[ \t]+([.\w]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)",
                          re.MULTILINE)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([^\n]+)", re.MULTILINE)


def _names(text: str) -> list[str]:
    """``a as b, c`` (or a parenthesised, commented list) -> ``['a', 'c']``."""
    text = re.sub(r"#[^\n]*", "", text).strip("() \t\n")
    return [part.split(" as ")[0].strip() for part in text.split(",") if part.strip()]


def _imported_modules(path: Path, module: str) -> set[str]:
    """``lis_analytics`` modules a source file imports, anywhere in it (function bodies too).

    Read from the import statements' text, which is much faster than walking the syntax
    tree; a name that is not a module is dropped later, so a false match only costs time.
    """
    text = path.read_text("utf-8")
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for match in _FROM_IMPORT.finditer(text):
        base = match.group(1)
        if base.startswith("."):
            level = len(base) - len(base.lstrip("."))
            parts = module.split(".")
            parts = parts[: len(parts) - level + (1 if is_package else 0)]
            rest = base.lstrip(".")
            base = ".".join([*parts, rest] if rest else parts)
        found.add(base)
        found.update(f"{base}.{name}" for name in _names(match.group(2)))
    for match in _IMPORT.finditer(text):
        found.update(_names(match.group(1)))
    return {name for name in found if name.startswith("lis_analytics.")}


@cache
def source_closure(module: str) -> tuple[str, ...]:
    """Every ``lis_analytics`` module whose source ``module`` depends on, itself included.

    Follows imports transitively (a package brings its ``__init__``); names that are not
    modules (imported functions) are skipped.

    Examples
    --------
    >>> "lis_analytics.geography.area" in source_closure("lis_analytics.geography.aggregate")
    True
    """
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        try:
            path = _module_file(name)
        except (ImportError, ValueError):
            path = None
        if path is None or path.suffix != ".py":
            continue
        seen.add(name)
        todo.extend(_imported_modules(path, name) - seen)
    return tuple(sorted(seen))


@cache
def _source_digest(module: str) -> str:
    """Digest of the source of a module and of every module it depends on (read once)."""
    digest = hashlib.sha256()
    for name in source_closure(module):
        digest.update(name.encode())
        digest.update(_module_file(name).read_bytes())
    return digest.hexdigest()


def _inputs_stamp() -> tuple:
    """What can change a signature within a process: the store's manifest and the areas file."""
    stamp: list = [store.manifest_stamp()]
    custom = os.environ.get(AREAS_FILE_ENV, "").strip()
    if custom:
        path = Path(custom)
        stamp.append((custom, path.stat().st_mtime_ns if path.is_file() else None))
    return tuple(stamp)


def signature(table_id: str) -> str:
    """Hash of everything a derived table depends on (see the module docstring).

    Computed once per state of the store's manifest and of ``LIS_AREAS_FILE`` in a process
    (library code and packaged configuration do not change under a running process).
    """
    return _signature(table_id, _inputs_stamp())


@cache
def _signature(table_id: str, stamp: tuple) -> str:
    table = get_derived(table_id)
    digest = hashlib.sha256(json.dumps(asdict(table), sort_keys=True).encode())
    for dep in input_ids(table):
        if is_derived(dep):
            digest.update(f"{dep}={_signature(dep, stamp)}".encode())
        else:
            entry = store.table_build(dep) or {}
            digest.update(json.dumps({dep: [entry.get("sha256"), entry.get("code_signature")]},
                                     sort_keys=True).encode())
    modules = (table.builder.partition(":")[0], *table.modules)
    for module in dict.fromkeys(modules):
        digest.update(_source_digest(module).encode())
    config = resources.files("lis_analytics.config")
    for name in (*_AREA_CONFIG, *table.config):
        digest.update(config.joinpath(name).read_bytes())
    custom = os.environ.get(AREAS_FILE_ENV, "").strip()
    if custom and Path(custom).is_file():
        digest.update(Path(custom).read_bytes())
    return digest.hexdigest()


def _read_manifest() -> dict:
    path = derived_dir() / _MANIFEST
    try:
        return json.loads(path.read_text()) if path.is_file() else {}
    except (json.JSONDecodeError, OSError):
        return {}


def table_build(table_id: str) -> dict | None:
    """What the stored derived table was built from (its manifest entry), or ``None``."""
    return _read_manifest().get(table_id)


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    """An exclusive lock on the derived folder, so two processes never build at once."""
    folder = derived_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def is_fresh(table_id: str, sig: str | None = None) -> bool:
    """True when the stored table was built from exactly today's inputs and code."""
    entry = table_build(table_id)
    sig = sig or signature(table_id)
    return bool(entry) and entry.get("signature") == sig and _table_path(table_id).is_file()


def build_derived(table_id: str, *, force: bool = False) -> tuple[str, float]:
    """Build one derived table if it is stale; return ``(status, seconds)``.

    Inputs are loaded (and built, if needed) from the store or as derived tables; the
    builder's result is written atomically and recorded with its signature.
    """
    start = time.perf_counter()
    table = get_derived(table_id)
    for dep in input_ids(table):  # inputs first, outside the lock (they take it themselves)
        if is_derived(dep):
            build_derived(dep)
        else:
            store.build_one(dep)
    sig = signature(table_id)
    with _locked():
        if not force and is_fresh(table_id, sig):
            return "fresh", time.perf_counter() - start
        frames = {dep: load_derived(dep) if is_derived(dep) else store.load_dataset(dep)
                  for dep in input_ids(table)}
        result = _resolve(table.builder)(**frames)
        if not isinstance(result, pd.DataFrame):
            raise LisError(f"derived table {table_id}: {table.builder} returned "
                           f"{type(result).__name__}, not a DataFrame")
        path = _table_path(table_id)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        result.to_parquet(tmp, index=False)
        tmp.replace(path)
        manifest = _read_manifest()
        manifest[table_id] = {"signature": sig, "rows": len(result),
                              "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                              "inputs": list(input_ids(table))}
        out = derived_dir() / f".{_MANIFEST}.{os.getpid()}.tmp"
        out.write_text(json.dumps(manifest, indent=2, sort_keys=True))
        out.replace(derived_dir() / _MANIFEST)
    return "built", time.perf_counter() - start


_memory: dict[str, tuple[str, pd.DataFrame]] = {}


def load_derived(table_id: str) -> pd.DataFrame:
    """A derived table, built first if it is missing or stale (kept in memory by signature)."""
    sig = signature(table_id)
    cached = _memory.get(table_id)
    if cached and cached[0] == sig:
        return cached[1]
    if not is_fresh(table_id, sig):
        build_derived(table_id)
    frame = pd.read_parquet(_table_path(table_id))
    _memory[table_id] = (sig, frame)
    return frame
