"""Getting source files: from an offline mirror, or from the official URL with checksums.

Many council networks block downloads, so the mirror is a first-class route: set
``LIS_DATA_MIRROR`` to a folder laid out like the registry's ``mirror_path`` entries and no
network is used. Without a mirror, files are downloaded with :mod:`pooch` into a cache
folder (``LIS_DATA_CACHE``, default ``data/raw`` in the project) and verified against the
registry's sha256.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from lis_analytics.data.registry import Dataset, SourceFile, get_dataset
from lis_analytics.errors import ChecksumError, DataUnavailableError

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


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = p.write_bytes(b"abc")
    >>> sha256_of(p)[:12]
    'ba7816bf8f01'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_checksum(path: Path, expected: str, dataset_id: str) -> None:
    """Raise :class:`ChecksumError` if ``path`` does not have the registry's sha256."""
    actual = sha256_of(path)
    if actual != expected:
        raise ChecksumError(
            f"{dataset_id}: {path.name} has sha256 {actual[:16]}… but the registry expects "
            f"{expected[:16]}…. The file is corrupted or is a different release; if ONS has "
            "published a new release, update lis_analytics/data/registry.yaml (and check the "
            "parser) before using it."
        )


def _from_mirror(mirror: Path, ds: Dataset, source: SourceFile) -> Path:
    path = mirror / source.mirror_path
    if not path.is_file():
        raise DataUnavailableError(
            f"{ds.id}: {source.mirror_path} is not in the mirror {mirror} "
            f"({MIRROR_ENV}). Download it from {source.url} into that path, or unset "
            f"{MIRROR_ENV} to fetch from the web."
        )
    return path


def _download(ds: Dataset, source: SourceFile) -> Path:
    import pooch  # imported lazily: only needed online

    target_dir = cache_dir() / Path(source.mirror_path).parent
    fname = Path(source.mirror_path).name
    try:
        return Path(
            pooch.retrieve(
                url=source.url,
                known_hash=f"sha256:{source.sha256}",
                fname=fname,
                path=target_dir,
                progressbar=False,
            )
        )
    except ValueError as exc:  # pooch's checksum failure
        raise ChecksumError(
            f"{ds.id}: download of {source.url} failed its checksum: {exc}"
        ) from exc
    except Exception as exc:  # network errors of all kinds
        raise DataUnavailableError(
            f"{ds.id}: could not download {source.url} ({type(exc).__name__}: {exc}). "
            f"Without internet access set {MIRROR_ENV} to a folder holding {source.mirror_path}."
        ) from exc


def fetch(dataset_id: str, *, verify: bool = True) -> list[Path]:
    """Return local paths of a dataset's files, from the mirror or the web.

    Parameters
    ----------
    dataset_id
        Registry id, e.g. ``"productivity_lad"``.
    verify
        Check each file's sha256 against the registry (default ``True``).

    Returns
    -------
    list of Path
        One path per file in the registry entry, in registry order.

    Raises
    ------
    DataUnavailableError
        The file is neither in the mirror nor downloadable.
    ChecksumError
        The file is not the release the registry describes.
    """
    ds = get_dataset(dataset_id)
    mirror = mirror_dir()
    paths = []
    for source in ds.files:
        if mirror is not None:
            path = _from_mirror(mirror, ds, source)
            if verify:
                verify_checksum(path, source.sha256, ds.id)
        else:
            cached = cache_dir() / source.mirror_path
            if cached.is_file():
                path = cached
                if verify:
                    verify_checksum(path, source.sha256, ds.id)
            else:
                path = _download(ds, source)
        paths.append(path)
    return paths
