"""``lis data update``: bring in a newer release safely, or leave everything as it was.

For each dataset whose publisher announces releases (:mod:`lis_analytics.data.releases`),
:func:`update_dataset`:

1. asks for the newest release; stops if it is not newer than the one in use;
2. downloads its files into their own folder of the download cache (nothing in use is
   touched);
3. parses them with the dataset's parser and validates the table against the schema and the
   registry's expectations. A release that changed shape fails here, with the file, sheet and
   column the parser names, and nothing else happens;
4. records the release, URL and sha256 of each file in the data lock file;
5. rebuilds the processed table (and, through the usual signatures, the derived tables that
   read it). If that fails, the lock entry is put back as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lis_analytics.data import lock
from lis_analytics.data.fetch import _extract_member, download_dir, sha256_of
from lis_analytics.data.http import download
from lis_analytics.data.registry import Dataset, get_dataset, registry, with_lock
from lis_analytics.errors import LisError

__all__ = ["UpdateError", "UpdateResult", "update", "update_dataset"]


class UpdateError(LisError):
    """A newer release could not be brought in; the release in use is unchanged."""


@dataclass(frozen=True)
class UpdateResult:
    """Outcome for one dataset: ``status`` is updated, up to date, not checked or failed."""

    dataset: str
    status: str
    release_before: str
    release_after: str
    detail: str = ""


def _stage(candidate: Dataset, release: str) -> tuple[list[Path], list[dict]]:
    """Download a release's files into its own cache folder; return parser paths and lock rows."""
    from lis_analytics.data.releases import resolve_url

    folder = download_dir(candidate)
    paths, rows = [], []
    for source in candidate.files:
        url = resolve_url(candidate, source, release=release)
        path = download(url, folder / source.published_name, what=candidate.id)
        rows.append({"url": source.url, "sha256": sha256_of(path), "member": source.member})
        paths.append(_extract_member(path, source.member, candidate) if source.member else path)
    return paths, rows


def _validate(candidate: Dataset, paths: list[Path]) -> int:
    from lis_analytics.data import parsers, schemas

    parsers.load_parser_modules()
    table = parsers.PARSERS[candidate.parser](candidate, paths)
    schemas.validate(table, candidate)
    return len(table)


def update_dataset(dataset_id: str) -> UpdateResult:
    """Bring in the newest release of one dataset if it is newer (see the module docstring).

    Raises
    ------
    UpdateError
        If the newer release cannot be downloaded, parsed or validated; the message names the
        release and passes on the parser's words (file, sheet, column).
    """
    from lis_analytics.data.releases import newer_files, newest_release
    from lis_analytics.data.store import build_one

    ds = get_dataset(dataset_id)
    if ds.discover.get("kind", "none") == "none":
        return UpdateResult(ds.id, "not checked", ds.release, ds.release,
                            "no release feed: " + ds.discover.get("reason", "none declared"))
    upstream = newest_release(ds)
    if not upstream.is_newer_than(ds.release):
        return UpdateResult(ds.id, "up to date", ds.release, ds.release, upstream.note)
    release = str(upstream.release)
    try:
        files = newer_files(ds, release)
        candidate = with_lock(get_dataset(ds.id), {"release": release, "files": files})
        paths, rows = _stage(candidate, release)
        rows_parsed = _validate(candidate, paths)
    except LisError as exc:
        raise UpdateError(f"{ds.id}: release {release} was not brought in, and the release in "
                          f"use ({ds.release}) is unchanged: {exc}") from exc
    previous = lock.lock_entry(ds.id)
    lock.record(ds.id, release, rows)
    try:
        build_one(ds.id, force=True)
    except LisError as exc:
        _restore(ds.id, previous)
        raise UpdateError(f"{ds.id}: release {release} parsed but the rebuild failed, so the "
                          f"lock entry was put back: {exc}") from exc
    return UpdateResult(ds.id, "updated", ds.release, release,
                        f"{rows_parsed:,} rows; {upstream.note}")


def _restore(dataset_id: str, previous: dict | None) -> None:
    """Put a dataset's lock entry back as it was (or remove it if there was none)."""
    entries = lock.read_lock()
    if previous is None:
        entries.pop(dataset_id, None)
    else:
        entries[dataset_id] = previous
    lock.write_lock(entries)


def update(dataset_ids: list[str] | None = None) -> list[UpdateResult]:
    """Update each dataset (default: all with a release feed); one failure does not stop the rest.

    Derived tables that read an updated dataset are rebuilt afterwards.
    """
    ids = dataset_ids or [d.id for d in registry().values()
                          if d.discover.get("kind", "none") != "none"]
    results = []
    for ds_id in ids:
        before = get_dataset(ds_id).release
        try:
            results.append(update_dataset(ds_id))
        except LisError as exc:
            status = "not checked" if "could not download" in str(exc) and \
                "was not brought in" not in str(exc) else "failed"
            results.append(UpdateResult(ds_id, status, before, before, str(exc)))
    if any(r.status == "updated" for r in results):
        from lis_analytics.data.tables import build

        build()
    return results
