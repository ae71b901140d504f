"""The data lock file: which release of each dataset a checkout uses, byte for byte.

``lis data update`` writes here the release, URL and sha256 of every dataset it brings in
(and ``lis data fetch`` the sha256 of a published artefact whose checksum the registry did
not know yet). The file is JSON, sorted and stable, so a user can commit it: a pack can then
always be rebuilt from the same bytes. Its path is ``lis-data.lock.json`` in the project, or
``LIS_DATA_LOCK``.

Layout::

    {"datasets": {"productivity_lad": {"release": "2025-06-26", "locked_at": "...",
                  "files": [{"url": "...", "sha256": "...", "member": ""}]}}}

An entry whose release is the registry's only fills in checksums; one with another release
replaces the registry's release and files (see :func:`lis_analytics.data.registry.registry`).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from lis_analytics.errors import ConfigurationError

__all__ = ["LOCK_ENV", "lock_entry", "lock_path", "lock_stamp", "read_lock", "record",
           "write_lock"]

LOCK_ENV = "LIS_DATA_LOCK"


def lock_path() -> Path:
    """Path of the data lock file (``LIS_DATA_LOCK`` or ``lis-data.lock.json`` in the project)."""
    value = os.environ.get(LOCK_ENV, "").strip()
    if value:
        return Path(value).expanduser()
    return Path(__file__).resolve().parents[2] / "lis-data.lock.json"


def lock_stamp() -> tuple:
    """What identifies the lock file's state: path, modification time and size (or absence)."""
    path = lock_path()
    try:
        stat = path.stat()
    except OSError:
        return (str(path),)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def read_lock() -> dict[str, dict]:
    """Lock entries keyed by dataset id (empty when there is no lock file).

    Raises
    ------
    ConfigurationError
        If the file exists but is not a lock file; the message names it.
    """
    path = lock_path()
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text("utf-8"))
        return dict(data["datasets"])
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ConfigurationError(f"{path} is not a lis-analytics data lock file ({exc}); fix "
                                 "or delete it") from exc


def lock_entry(dataset_id: str) -> dict | None:
    """The lock entry of one dataset, or ``None``."""
    return read_lock().get(dataset_id)


def record(dataset_id: str, release: str, files: list[dict]) -> Path:
    """Write one dataset's entry (release and its files' url, sha256, member) atomically.

    Examples
    --------
    >>> import os, tempfile, pathlib
    >>> os.environ["LIS_DATA_LOCK"] = str(pathlib.Path(tempfile.mkdtemp()) / "lock.json")
    >>> _ = record("x", "2025-06-26", [{"url": "https://a/b.csv", "sha256": "ab", "member": ""}])
    >>> lock_entry("x")["release"]
    '2025-06-26'
    >>> del os.environ["LIS_DATA_LOCK"]
    """
    entries = read_lock()
    entries[dataset_id] = {
        "release": release,
        "locked_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "files": [{"url": f["url"], "sha256": f["sha256"], "member": f.get("member", "")}
                  for f in files],
    }
    return write_lock(entries)


def write_lock(entries: dict[str, dict]) -> Path:
    """Write the whole lock file atomically (sorted, stable JSON); return its path."""
    path = lock_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"datasets": dict(sorted(entries.items()))}, indent=2,
                              sort_keys=True) + "\n", "utf-8")
    tmp.replace(path)
    return path
