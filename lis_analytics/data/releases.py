"""Releases: the pinned edition of each published file, and the newest one upstream.

* :func:`resolve_url` turns a registry URL into the fixed address of the pinned release.
  ONS keeps every version of a dataset: the newest in the edition folder (``current`` or,
  for a dataset published in several editions, e.g. one per region, the edition's own
  folder), older ones in ``previous/vN``. A registry URL holding ``{version}`` is resolved by
  reading the ONS page JSON (``<edition page>/data``) and its previous versions, and picking
  the version whose release date is the dataset's ``release``. ``/current/`` is only read to
  discover which folder holds it.
* :func:`newest_release` asks the publisher for its newest release: the ONS page's JSON, the
  Nomis dataset definition, or the Explore Local Statistics repository's metadata file.
* :func:`newer_files` gives the fixed URLs of a newer release, for ``lis data update``.

Every request goes through :mod:`lis_analytics.data.http`, so ``LIS_URL_REWRITE`` applies.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from lis_analytics.data.http import get_bytes, get_json
from lis_analytics.data.registry import Dataset, SourceFile
from lis_analytics.errors import DataUnavailableError

__all__ = ["ELS_RAW", "Upstream", "els_source_date", "newer_files", "newest_release", "ons_date",
           "resolve_url"]

ONS = "https://www.ons.gov.uk"
ELS_RAW = "https://raw.githubusercontent.com/ONSdigital/explore-local-statistics-data"
ELS_API = "https://api.github.com/repos/ONSdigital/explore-local-statistics-data"
VERSION = "{version}"
COMMIT = "{commit}"


@dataclass(frozen=True)
class Upstream:
    """What the publisher says about a dataset's newest release.

    ``release`` is an ISO date or ``None`` when unknown; ``note`` says how it was found or
    why it could not be.
    """

    release: str | None
    note: str
    checked: bool

    def is_newer_than(self, release: str) -> bool:
        """Whether the upstream release is later than ``release`` (both ISO dates)."""
        return bool(self.release) and str(self.release) > str(release)


def ons_date(value: str) -> str:
    """An ONS JSON ``releaseDate`` as the UK calendar date.

    ONS writes midnight UK time in UTC, so a summer release reads as 23:00 the day before.

    Examples
    --------
    >>> ons_date("2025-06-25T23:00:00.000Z")
    '2025-06-26'
    >>> ons_date("2024-12-05T00:00:00.000Z")
    '2024-12-05'
    """
    from zoneinfo import ZoneInfo

    stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if stamp.tzinfo is None:
        return stamp.date().isoformat()
    return stamp.astimezone(ZoneInfo("Europe/London")).date().isoformat()


def _ons_file_path(url: str) -> str:
    """The ``uri=`` path of an ONS ``/file?uri=`` URL (or the URL's own path)."""
    parts = urlsplit(url)
    if "uri=" in parts.query:
        return unquote(parts.query.split("uri=", 1)[1].split("&", 1)[0])
    return parts.path


def _edition_page(url: str) -> str:
    """The edition page of a ``{version}`` URL.

    Examples
    --------
    >>> _edition_page("https://www.ons.gov.uk/file?uri=/a/datasets/x/current{version}/x.xls")
    'https://www.ons.gov.uk/a/datasets/x/current'
    """
    path = _ons_file_path(url)
    return ONS + path.split(VERSION, 1)[0].rstrip("/")


def _release_of(page_json: dict) -> str | None:
    date = (page_json.get("description") or {}).get("releaseDate")
    return ons_date(date) if date else None


def resolve_url(ds: Dataset, source: SourceFile, release: str | None = None) -> str:
    """The fixed URL of ``source`` in the pinned release (``ds.release`` unless given).

    Parameters
    ----------
    ds, source
        Registry entry and one of its files.
    release
        Release date wanted (default: the dataset's pinned release).

    Raises
    ------
    DataUnavailableError
        If no version of the ONS dataset was released on that date.

    Examples
    --------
    >>> from lis_analytics.data.registry import get_dataset
    >>> ds = get_dataset("els_gigabit")
    >>> resolve_url(ds, ds.files[0]).startswith(ELS_RAW)
    True
    """
    url = source.url
    if VERSION not in url:
        return url
    release = release or ds.release
    page = _edition_page(url)
    current = get_json(page + "/data", what=ds.id)
    if _release_of(current) == release:
        return url.replace(VERSION, "")
    for version in current.get("versions") or []:
        uri = version.get("uri", "")
        match = re.search(r"/previous/v\d+$", uri)
        if not match:
            continue
        older = get_json(ONS + uri + "/data", what=ds.id)
        if _release_of(older) == release:
            return url.replace(VERSION, match.group(0))
    raise DataUnavailableError(
        f"{ds.id}: no version of {page} was released on {release} (the current version is of "
        f"{_release_of(current)}). Run `lis data status` to see the newest release.")


# ---------------------------------------------------------------------- upstream


def _ons_newest(ds: Dataset) -> Upstream:
    page = ds.discover.get("page") or ds.landing_page
    data = get_json(page.rstrip("/") + "/data", what=ds.id, retries=0)
    release = _release_of(data)
    if release is None and data.get("datasets"):  # a landing page: read its edition
        edition = data["datasets"][0].get("uri", "")
        release = _release_of(get_json(ONS + edition + "/data", what=ds.id, retries=0))
    return Upstream(release, f"ONS page {page}", True)


def els_source_date(metadata: str) -> str | None:
    """The newest ``sourceDate`` in an Explore Local Statistics metadata file, as ISO.

    The files are JSON-like and a date may list several sources (``"23/10/2025|23/10/2025"``),
    so the dates are read with a pattern rather than a JSON parser.

    Examples
    --------
    >>> els_source_date('{"shared": {"sourceDate": "19/06/2025|23/10/2025"}}')
    '2025-10-23'
    >>> els_source_date("{}") is None
    True
    """
    dates = []
    for field in re.findall(r'"sourceDate"\s*:\s*"([^"]*)"', metadata):
        for text in field.split("|"):
            text = text.strip()
            try:
                dates.append(dt.datetime.strptime(text, "%d/%m/%Y").date().isoformat())
            except ValueError:
                continue
    return max(dates) if dates else None


def _els_newest(ds: Dataset) -> Upstream:
    path = ds.discover["path"]
    body = get_bytes(f"{ELS_RAW}/main/{path}", what=ds.id, retries=0)
    release = els_source_date(body.decode("utf-8-sig", "replace"))
    return Upstream(release, f"Explore Local Statistics metadata {path}", True)


def _nomis_newest(ds: Dataset) -> Upstream:
    try:
        from lis_analytics.data.nomis import nomis_latest_release
    except ImportError:  # the client predates release checks
        return Upstream(None, "Nomis release check not available", False)
    info = nomis_latest_release(ds.discover["dataset"])
    release = info.get("last_updated")
    period = info.get("latest_period")
    note = f"Nomis {ds.discover['dataset']}" + (f", latest period {period}" if period else "")
    return Upstream(release[:10] if release else None, note, True)


def newest_release(ds: Dataset) -> Upstream:
    """Ask the publisher for the newest release of ``ds``.

    Raises :class:`~lis_analytics.errors.DataUnavailableError` when the publisher cannot be
    reached (the caller decides whether that means "offline").

    Examples
    --------
    >>> from lis_analytics.data.registry import get_dataset
    >>> newest_release(get_dataset("lookup_lad21_lep21")).note  # doctest: +ELLIPSIS
    'no release feed: ...'
    """
    kind = ds.discover.get("kind", "none")
    if kind == "ons":
        return _ons_newest(ds)
    if kind == "els":
        return _els_newest(ds)
    if kind == "nomis":
        return _nomis_newest(ds)
    reason = ds.discover.get("reason", "the publisher offers no machine-readable release date")
    return Upstream(None, f"no release feed: {reason}", False)


def newer_files(ds: Dataset, release: str) -> list[dict]:
    """Fixed URLs (and members) of ``release`` of ``ds``, for the data lock file.

    ONS files keep their ``{version}`` URL (resolved by release date when fetched); Explore
    Local Statistics files are pinned to the newest commit of the repository that touched
    them.

    Raises
    ------
    DataUnavailableError
        If the dataset cannot be updated automatically; the message says what to do.
    """
    out = []
    for source in ds.files:
        if VERSION in source.url:
            out.append({"url": source.url, "sha256": "", "member": source.member})
        elif source.url.startswith(ELS_RAW + "/"):
            rest = source.url[len(ELS_RAW) + 1:]
            path = rest.split("/", 1)[1]
            commits = get_json(f"{ELS_API}/commits?path={path}&per_page=1", what=ds.id)
            if not commits:
                raise DataUnavailableError(f"{ds.id}: no commit of {path} found upstream")
            sha = commits[0]["sha"]
            out.append({"url": f"{ELS_RAW}/{sha}/{path}", "sha256": "",
                        "member": source.member})
        else:
            raise DataUnavailableError(
                f"{ds.id}: a newer release ({release}) is published, but {source.url} is not a "
                "versioned address lis-analytics can follow. Download the new file, then "
                "update this dataset's entry in the registry (url, sha256, release).")
    return out
