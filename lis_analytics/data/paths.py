"""Where the data layer keeps things: the project, the offline mirror and the download cache."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CACHE_ENV", "MIRROR_ENV", "cache_dir", "mirror_dir", "project_root"]

MIRROR_ENV = "LIS_DATA_MIRROR"
CACHE_ENV = "LIS_DATA_CACHE"


def project_root() -> Path:
    """Folder of the project checkout (parent of the package)."""
    return Path(__file__).resolve().parents[2]


def mirror_dir() -> Path | None:
    """The offline mirror folder from ``LIS_DATA_MIRROR``, or ``None`` when unset."""
    value = os.environ.get(MIRROR_ENV, "").strip()
    return Path(value).expanduser().resolve() if value else None


def cache_dir() -> Path:
    """Folder where downloaded files are kept (``LIS_DATA_CACHE`` or ``data/raw``)."""
    value = os.environ.get(CACHE_ENV, "").strip()
    return Path(value).expanduser() if value else project_root() / "data" / "raw"
