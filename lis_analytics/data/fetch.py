"""Getting source files: from an offline mirror, or from the official URL with checksums.

Many council networks block downloads, so the mirror is a first-class route: set
``LIS_DATA_MIRROR`` to a folder laid out like the registry's ``mirror_path`` entries and no
network is used. Without a mirror, each published file is downloaded from the publisher
(through :mod:`lis_analytics.data.http`, so ``LIS_URL_REWRITE`` applies) into a cache folder
(``LIS_DATA_CACHE``, default ``data/raw`` in the project, one folder per dataset and release)
and verified against the registry's sha256; a zip's member is then taken out for the parser.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lis_analytics.data.http import download
from lis_analytics.data.paths import CACHE_ENV, MIRROR_ENV, cache_dir, mirror_dir, project_root
from lis_analytics.data.registry import Dataset, SourceFile, get_dataset
from lis_analytics.errors import ChecksumError, DataUnavailableError, SourceFormatError

__all__ = ["CACHE_ENV", "MIRROR_ENV", "Located", "cache_dir", "download_dir", "fetch", "locate",
           "mirror_dir", "project_root", "sha256_of", "verify_checksum"]


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


def verify_checksum(path: Path, expected: str, dataset_id: str, *, what: str = "") -> None:
    """Raise :class:`ChecksumError` if ``path`` does not have the sha256 ``expected``."""
    actual = sha256_of(path)
    if actual != expected:
        raise ChecksumError(
            f"{dataset_id}: {path.name}{what} has sha256 {actual[:16]}… but the registry "
            f"expects {expected[:16]}…. The file is corrupted or is a different release. "
            "`lis data status` shows the release in use and the newest upstream; "
            "`lis data update` brings a newer release in after checking it."
        )


@dataclass(frozen=True)
class Located:
    """A dataset file on this machine: its path, where it came from and its sha256.

    ``origin`` is ``"mirror"``, ``"cache"`` (downloaded before) or ``"web"``; ``url`` the
    publisher's address of the release (empty when read from the mirror).
    """

    path: Path
    origin: str
    sha256: str
    url: str = ""


def _url_in_words(ds: Dataset, source: SourceFile) -> str:
    """The URL for a person: an ONS ``{version}`` folder said in words."""
    if "{version}" not in source.url:
        return source.url
    return (f"{source.url.replace('{version}', '')} (or, once superseded, the previous/vN "
            f"version released on {ds.release})")


def _from_mirror(mirror: Path, ds: Dataset, source: SourceFile) -> Path:
    path = mirror / source.mirror_path
    if not path.is_file():
        raise DataUnavailableError(
            f"{ds.id}: {source.mirror_path} is not in the mirror {mirror} "
            f"({MIRROR_ENV}). Download it from {_url_in_words(ds, source)} into that path, "
            f"or unset {MIRROR_ENV} to fetch from the web."
        )
    return path


def download_dir(ds: Dataset) -> Path:
    """Folder of one dataset's downloads: ``<cache>/<dataset id>/<release>``."""
    return cache_dir() / ds.id / ds.release


def _extract_member(archive: Path, member: str, ds: Dataset) -> Path:
    """Take the one member matching ``member`` (a name or glob) out of the published zip."""
    import fnmatch

    try:
        with zipfile.ZipFile(archive) as bundle:
            names = [n for n in bundle.namelist() if not n.endswith("/")]
            matches = [n for n in names if n == member or fnmatch.fnmatchcase(n, member) or
                       fnmatch.fnmatchcase(n.rsplit("/", 1)[-1], member)]
            if len(matches) != 1:
                found = "none" if not matches else f"{len(matches)}: {matches[:5]}"
                raise SourceFormatError(
                    f"{ds.id}: {archive.name} should hold exactly one member matching "
                    f"{member!r}; it holds {found} (members: {names[:10]}). The publisher "
                    "changed the bundle: update the registry's member (and check the parser).")
            target = archive.parent / "members" / matches[0].rsplit("/", 1)[-1]
            if target.is_file() and target.stat().st_mtime_ns >= archive.stat().st_mtime_ns:
                return target
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
            with bundle.open(matches[0]) as src, open(tmp, "wb") as dst:
                shutil.copyfileobj(src, dst)
            tmp.replace(target)
    except zipfile.BadZipFile as exc:
        raise SourceFormatError(f"{ds.id}: {archive.name} is not a zip file ({exc})") from exc
    return target


def _from_web(ds: Dataset, source: SourceFile, *, verify: bool,
              record_unknown: bool) -> Located:
    from lis_analytics.data.releases import resolve_url

    folder = download_dir(ds)
    path = folder / source.published_name
    origin = "cache"
    url = ""
    if not path.is_file() or (verify and source.sha256 and sha256_of(path) != source.sha256):
        url = resolve_url(ds, source)
        download(url, path, what=ds.id)
        origin = "web"
    digest = sha256_of(path) if (verify or not source.sha256) else source.sha256
    if verify and source.sha256:
        verify_checksum(path, source.sha256, ds.id, what=f" (from {url or 'the cache'})")
    elif not source.sha256 and record_unknown:
        from lis_analytics.data import lock

        lock.record(ds.id, ds.release, [
            {"url": f.url, "sha256": digest if f is source else f.sha256, "member": f.member}
            for f in ds.files])
    return Located(path, origin, digest, url or source.url)


def locate(dataset_id: str, *, verify: bool = True) -> list[Located]:
    """Each file of a dataset's pinned release on this machine, fetched if need be.

    From the mirror when ``LIS_DATA_MIRROR`` is set and the mirror holds the pinned release;
    otherwise from the download cache or the publisher (``LIS_URL_REWRITE`` applies). When
    the registry names a ``member`` of a published zip, the path is that member, taken out of
    the zip. A published file whose sha256 the registry does not know yet is recorded in the
    data lock file on first download and checked from then on.

    Raises
    ------
    DataUnavailableError
        The file is neither in the mirror nor downloadable.
    ChecksumError
        The file is not the release the registry (or the data lock file) pins.
    """
    ds = get_dataset(dataset_id)
    mirror = mirror_dir()
    out = []
    for source in ds.files:
        if mirror is not None and source.mirror_copy != "none":
            path = _from_mirror(mirror, ds, source)
            if verify and source.mirror_checksum:
                verify_checksum(path, source.mirror_checksum, ds.id, what=" (mirror copy)")
            out.append(Located(path, "mirror", source.mirror_checksum))
            continue
        if not ds.reachable.startswith("yes"):
            raise DataUnavailableError(
                f"{ds.id} cannot be fetched from its publisher: {ds.reachable}. Set "
                f"{MIRROR_ENV} to an offline mirror holding {source.mirror_path}.")
        found = _from_web(ds, source, verify=verify, record_unknown=True)
        if source.member:
            found = Located(_extract_member(found.path, source.member, ds), found.origin,
                            found.sha256, found.url)
        out.append(found)
    return out


def is_optional(dataset_id: str) -> bool:
    """True for a dataset the registry marks ``optional: true``.

    An offline mirror need not hold such a source (no stored copy of it was found):
    ``lis data build`` skips it until it is held, and indicators that read it are shown as
    missing, with the reason.
    """
    return bool(get_dataset(dataset_id).extra.get("optional", False))


def is_held(dataset_id: str) -> bool:
    """True when every file of a dataset is on this machine: in the mirror or the download cache.

    Never downloads (see :func:`locate` for that).

    Examples
    --------
    >>> # needs the data
    >>> is_held("productivity_lad")
    True
    """
    ds = get_dataset(dataset_id)
    mirror = mirror_dir()
    for source in ds.files:
        if mirror is not None and source.mirror_copy != "none":
            if not (mirror / source.mirror_path).is_file():
                return False
        elif not (download_dir(ds) / source.published_name).is_file():
            return False
    return True


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
        One path per file in the registry entry, in registry order (see :func:`locate`).

    Raises
    ------
    DataUnavailableError
        The file is neither in the mirror nor downloadable.
    ChecksumError
        The file is not the release the registry describes.
    """
    return [found.path for found in locate(dataset_id, verify=verify)]
