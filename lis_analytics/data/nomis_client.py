"""One client for the Nomis API (https://www.nomisweb.co.uk/api/v01/help), modelled on nomisr.

The R package ``nomisr`` (https://github.com/ropensci/nomisr) is the model for the interface:

* :data:`NOMIS_DATASETS` (the datasets we use, with their caveats) and
  :data:`GEOGRAPHY_TYPES` (Nomis geography types for districts and LEPs);
* pure builders and parsers: :func:`nomis_data_url`, :func:`geography_param`,
  :func:`parse_nomis_csv`, :func:`latest_release_from_json`;
* thin fetchers, every request through :mod:`lis_analytics.data.http` (so
  ``LIS_URL_REWRITE`` and retries apply): :func:`nomis_get_data` (``.data.csv``, paged under
  Nomis's 25,000-row limit with ``RecordOffset``, cached on disk), :func:`nomis_overview`,
  :func:`nomis_dataset_definition`, :func:`nomis_codelist` and :func:`nomis_latest_release`.

An optional Nomis API key (``key=`` or the ``NOMIS_API_KEY`` environment variable) is sent as
``uid=``; it never appears in cache file names or error messages. Everything here is also
importable from :mod:`lis_analytics.data.nomis`, which adds the BRES helpers.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import json
import os
import re
import urllib.error
import urllib.parse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pandas as pd

from lis_analytics.data.http import BACKOFF_SECONDS, REWRITE_ENV, get_bytes
from lis_analytics.data.paths import cache_dir
from lis_analytics.data.tidy import SUPPRESSION_MARKERS
from lis_analytics.errors import DataUnavailableError, SourceFormatError, UnknownDatasetError

__all__ = [
    "GEOGRAPHY_TYPES",
    "KEY_ENV",
    "NOMIS_API",
    "NOMIS_DATASETS",
    "PAGE_SIZE",
    "GeographyType",
    "NomisDataset",
    "geography_param",
    "latest_release_from_json",
    "nomis_codelist",
    "nomis_data_url",
    "nomis_dataset",
    "nomis_dataset_definition",
    "nomis_get_data",
    "nomis_latest_release",
    "nomis_overview",
    "parse_nomis_csv",
]

NOMIS_API = "https://www.nomisweb.co.uk/api/v01/dataset"

# Nomis observation status codes: "A" normal; others are kept as flags. Missing values with a
# Nomis/APS marker keep that marker (see lis_analytics.data.tidy.SUPPRESSION_MARKERS).
_STATUS_FLAGS = {"A": "", "": "", "P": "[p]", "R": "[r]", "E": "[e]", "Q": "[x]", "M": "[x]"}
# Statuses that mean "no usable value": the value is set missing even if a number is present.
_MISSING_STATUSES = {"Q", "M", *(m.upper() for m in SUPPRESSION_MARKERS)}


KEY_ENV = "NOMIS_API_KEY"
"""Environment variable with an optional Nomis API key (sent as ``uid=``)."""
PAGE_SIZE = 25_000
"""Most rows Nomis returns to one ``.data.csv`` call (anonymous users; pages follow with
``RecordOffset``)."""


@dataclass(frozen=True)
class NomisDataset:
    """One Nomis dataset the toolkit uses: its id, title and the caveats to carry."""

    id: str
    title: str
    notes: str


NOMIS_DATASETS: dict[str, NomisDataset] = {d.id: d for d in (
    NomisDataset(
        "NM_17_5", "Annual Population Survey (APS) / Labour Force Survey: 12-month rolling",
        "Survey estimates for 12-month periods ending each quarter (DATE like 2023-12). "
        "Each variable comes with measures 20599 (value), 21001 (numerator), 21002 "
        "(denominator) and 21003 (95% confidence interval, +/-): quote the CI, small areas "
        "are imprecise. Disclosive or unreliable cells are '!', '*', '-' or '~' (missing, "
        "never zero)."),
    NomisDataset(
        "NM_189_1", "Business Register and Employment Survey: open access (2015 onwards)",
        "Counts rounded (nearest 5 below 50, up to the nearest 1,000 at 5,000 and over; "
        "https://www.nomisweb.co.uk/articles/1103.aspx). Farm agriculture only for regions "
        "and countries; the latest year is provisional; not designed for year-on-year "
        "comparison."),
    NomisDataset(
        "NM_30_1", "Annual Survey of Hours and Earnings (ASHE): resident analysis",
        "Earnings of people living in the area (April each year). Survey estimates: "
        "measures include a coefficient of variation; unreliable estimates are suppressed. "
        "Units differ by pay variable (GB pounds, pounds per week, hours per week)."),
    NomisDataset(
        "NM_99_1", "Annual Survey of Hours and Earnings (ASHE): workplace analysis",
        "Earnings of jobs located in the area (April each year); compare with NM_30_1 for "
        "commuting effects. Survey estimates with coefficients of variation; unreliable "
        "estimates are suppressed."),
    NomisDataset(
        "NM_141_1", "UK Business Counts: local units by industry and employment size band",
        "Inter-Departmental Business Register snapshot (March each year): VAT- or "
        "PAYE-registered units only. Counts rounded to the nearest 5."),
    NomisDataset(
        "NM_142_1", "UK Business Counts: enterprises by industry and employment size band",
        "Inter-Departmental Business Register snapshot (March each year): VAT- or "
        "PAYE-registered enterprises only, located at their head office. Counts rounded to "
        "the nearest 5."),
    NomisDataset(
        "NM_162_1", "Claimant count by sex and age",
        "Monthly; Universal Credit (searching for work) and Jobseeker's Allowance claimants. "
        "Rates are claimants as a proportion of residents aged 16-64 (measure 2). Affected by "
        "Universal Credit roll-out: not a measure of unemployment."),
)}
"""The Nomis datasets the toolkit uses or plans to use, by Nomis id. Add an entry to use
another dataset (titles as on https://www.nomisweb.co.uk/datasets; check them with
:func:`nomis_overview`)."""


@dataclass(frozen=True)
class GeographyType:
    """One Nomis geography type (``TYPEnnn``) with its Nomis name and where it was checked."""

    type_id: str
    name: str
    source: str


# Where each type number was checked (Nomis's own lists of types appear in a dataset's
# overview JSON, dimension "geography", "types"):
# - TYPE424, TYPE423, TYPE459, TYPE480: a published list of Nomis geography types used with
#   the API, https://github.com/safer-streets/safer-streets-core (README "NomisWeb").
# - TYPE464, TYPE480, TYPE499: the NM_162_1 overview JSON reproduced in a public Nomis client's
#   schema (types "local authorities: district / unitary (prior to April 2015)", "regions",
#   "countries"); TYPE464 and TYPE499 also in nomisr's own examples and tests
#   (ropensci/nomisr, R/data_download.R, tests/testthat/test_get_data.R).
GEOGRAPHY_TYPES: dict[str, GeographyType] = {
    "lad_2023": GeographyType(
        "TYPE424", "local authorities: district / unitary (as of April 2023)",
        "safer-streets-core README list of Nomis types"),
    "lad_pre2015": GeographyType(
        "TYPE464", "local authorities: district / unitary (prior to April 2015)",
        "NM_162_1 overview JSON; nomisr examples"),
    "county_ua_2023": GeographyType(
        "TYPE423", "local authorities: county / unitary (as of April 2023)",
        "safer-streets-core README list of Nomis types"),
    "lep_2021": GeographyType(
        "TYPE459", "local enterprise partnerships (as of April 2021)",
        "safer-streets-core README list; NM_162_1 overview types"),
    "region": GeographyType("TYPE480", "regions", "NM_162_1 overview JSON; nomisr examples"),
    "country": GeographyType("TYPE499", "countries", "NM_162_1 overview JSON; nomisr README"),
}
"""Nomis geography types by short name: districts (current and pre-2015 vintages), LEPs (for
history; abolished 2024), regions and countries. Other ``TYPEnnn`` ids are accepted as given;
the types a dataset offers are listed by :func:`nomis_overview`."""

_GSS = re.compile(r"^[EWSNK]\d{8}$")
_NOMIS_ID = re.compile(r"^\d{6,12}$")  # Nomis's own numeric geography ids
_TYPE = re.compile(r"^TYPE\d{1,4}$")


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.5)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def nomis_dataset(dataset_id: str) -> NomisDataset:
    """The :data:`NOMIS_DATASETS` entry for ``dataset_id`` (case-insensitive).

    Raises
    ------
    UnknownDatasetError
        For an id not in the table, suggesting close ids.

    Examples
    --------
    >>> nomis_dataset("nm_189_1").title
    'Business Register and Employment Survey: open access (2015 onwards)'
    >>> nomis_dataset("NM_189_2")
    Traceback (most recent call last):
    ...
    lis_analytics.errors.UnknownDatasetError: 'NM_189_2' is not a Nomis dataset known to \
lis-analytics (known: NM_141_1, NM_142_1, NM_162_1, NM_17_5, NM_189_1, NM_30_1, NM_99_1); \
did you mean 'NM_189_1', ...? Add it to NOMIS_DATASETS to use it.
    """
    key = str(dataset_id).strip().upper()
    if key in NOMIS_DATASETS:
        return NOMIS_DATASETS[key]
    raise UnknownDatasetError(
        f"{dataset_id!r} is not a Nomis dataset known to lis-analytics (known: "
        f"{', '.join(sorted(NOMIS_DATASETS))}){_suggest(key, NOMIS_DATASETS)} Add it to "
        "NOMIS_DATASETS to use it.")


def geography_param(geography: str | Iterable[str]) -> str:
    """The Nomis ``geography=`` value for GSS codes, Nomis ids or a geography type.

    Parameters
    ----------
    geography
        A short name from :data:`GEOGRAPHY_TYPES` (``"lad_2023"``), a Nomis type id
        (``"TYPE424"``), or one or more GSS codes (``"E08000003"``) or Nomis numeric ids;
        a comma-separated string is split.

    Returns
    -------
    str
        Comma-separated, duplicates removed, order kept.

    Raises
    ------
    ValueError
        For anything else, suggesting close geography type names.

    Examples
    --------
    >>> geography_param("lad_2023"), geography_param("type459")
    ('TYPE424', 'TYPE459')
    >>> geography_param(["E08000003", "E08000009", "E08000003"])
    'E08000003,E08000009'
    >>> geography_param("lad2023")
    Traceback (most recent call last):
    ...
    ValueError: geography 'lad2023' is not a GSS code, Nomis id or geography type \
(GEOGRAPHY_TYPES: country, county_ua_2023, lad_2023, lad_pre2015, lep_2021, region); \
did you mean 'lad_2023', ...?
    """
    items = [geography] if isinstance(geography, str) else list(geography)
    parts = [p.strip() for item in items for p in str(item).split(",") if p.strip()]
    if not parts:
        raise ValueError("no geography given")
    out = []
    for part in parts:
        if part.lower() in GEOGRAPHY_TYPES:
            out.append(GEOGRAPHY_TYPES[part.lower()].type_id)
        elif _TYPE.match(part.upper()):
            out.append(part.upper())
        elif _GSS.match(part.upper()) or _NOMIS_ID.match(part):
            out.append(part.upper())
        else:
            names = list(GEOGRAPHY_TYPES) + [g.type_id for g in GEOGRAPHY_TYPES.values()]
            raise ValueError(
                f"geography {part!r} is not a GSS code, Nomis id or geography type "
                f"(GEOGRAPHY_TYPES: {', '.join(sorted(GEOGRAPHY_TYPES))})"
                f"{_suggest(part.lower(), names)}")
    return ",".join(dict.fromkeys(out))


def _join(value: str | int | Iterable[str | int]) -> str:
    if isinstance(value, str | int):
        return str(value).strip()
    return ",".join(str(v).strip() for v in value)


def _quote(value: str) -> str:
    return urllib.parse.quote(value, safe=",._-|:")


def nomis_data_url(dataset_id: str, *, geography: str | Iterable[str] | None = None,
                   date: str | int | Iterable[str | int] | None = None,
                   measures: int | str | Iterable[int | str] | None = None,
                   select: Iterable[str] | None = None, record_offset: int = 0,
                   record_limit: int | None = None,
                   **dimensions: str | int | Iterable[str | int]) -> str:
    """The ``.data.csv`` URL of a Nomis query (never with the key; pure).

    Parameters
    ----------
    dataset_id
        A :data:`NOMIS_DATASETS` id.
    geography
        See :func:`geography_param`.
    date
        Nomis dates: ``"latest"``, ``"latestMINUS1"``, ``2022``, ``"2023-12"`` or a list.
    measures
        Nomis ``measures`` codes (``20100`` value, ``21003`` APS confidence interval, ...).
    select
        Columns to return (Nomis names, any case); ``RECORD_COUNT`` is added so that paging
        can check it got every row.
    record_offset, record_limit
        Paging: ``RecordOffset`` (sent when above 0) and ``RecordLimit`` (sent when given).
    **dimensions
        Other dimensions of the dataset, e.g. ``industry=[146800687]``, ``sex=7``.

    Examples
    --------
    >>> nomis_data_url("NM_17_5", geography="lad_2023", date="latest",
    ...                variable=[18, 45], measures=[20599, 21003])
    ... # doctest: +NORMALIZE_WHITESPACE
    'https://www.nomisweb.co.uk/api/v01/dataset/NM_17_5.data.csv?geography=TYPE424&date=latest&variable=18,45&measures=20599,21003'
    >>> nomis_data_url("NM_162_1", geography=["E08000003"], select=["date", "obs_value"],
    ...                record_offset=25000).split("?")[1]
    'geography=E08000003&select=DATE,OBS_VALUE,RECORD_COUNT&RecordOffset=25000'
    """
    ds = nomis_dataset(dataset_id)
    params: list[tuple[str, str]] = []
    if geography is not None:
        params.append(("geography", geography_param(geography)))
    if date is not None:
        params.append(("date", _join(date)))
    for name, value in dimensions.items():
        if value is not None:
            params.append((name.lower(), _join(value)))
    if measures is not None:
        params.append(("measures", _join(measures)))
    if select is not None:
        cols = [str(c).strip().upper() for c in select]
        params.append(("select", ",".join(dict.fromkeys([*cols, "RECORD_COUNT"]))))
    if record_offset:
        params.append(("RecordOffset", str(int(record_offset))))
    if record_limit is not None:
        params.append(("RecordLimit", str(int(record_limit))))
    query = "&".join(f"{k}={_quote(v)}" for k, v in params)
    return f"{NOMIS_API}/{ds.id}.data.csv" + (f"?{query}" if query else "")


def _api_key(key: str | None) -> str | None:
    value = key if key is not None else os.environ.get(KEY_ENV, "")
    return value.strip() or None


def _with_key(url: str, key: str | None) -> str:
    if not key:
        return url
    return f"{url}{'&' if '?' in url else '?'}uid={urllib.parse.quote(key, safe='')}"


def _cache_path(url: str, dataset_id: str, suffix: str) -> Path:
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:20]
    return cache_dir() / "nomis" / f"{dataset_id}-{digest}{suffix}"


def _retry_if(exc: Exception) -> bool:
    """Retry HTTP 429/5xx and time-outs; an unreachable host (offline) is reported at once."""
    if isinstance(exc, urllib.error.HTTPError):
        return exc.code == 429 or exc.code >= 500
    if isinstance(exc, urllib.error.URLError):
        return isinstance(exc.reason, TimeoutError | ConnectionResetError)
    return isinstance(exc, TimeoutError | ConnectionResetError)


def _get(url: str, *, dataset_id: str, key: str | None, backoff: float | None,
         what: str) -> bytes:
    """GET a Nomis URL (``url`` has no key) with errors that never show the key."""
    ds = NOMIS_DATASETS.get(dataset_id)
    label = f"{dataset_id} ({ds.title})" if ds else dataset_id
    try:
        return get_bytes(_with_key(url, key), what=f"Nomis {dataset_id}", retry_if=_retry_if,
                         backoff=BACKOFF_SECONDS if backoff is None else backoff)
    except DataUnavailableError as exc:
        status = getattr(exc, "status", None)
        detail = " ".join(str(getattr(exc, "detail", "") or "").split())
        if key:
            detail = detail.replace(key, "***")
        cause = exc.__cause__
        if status is not None and 400 <= status < 500:
            message = (f"Nomis rejected the {what} for {label}: HTTP {status}"
                       f"{': ' + detail if detail else ''}. Query: {url}. Check the dimension "
                       "codes with nomis_overview() / nomis_codelist().")
        elif status is not None:
            tries = getattr(exc, "attempts", 1)
            message = (f"Nomis answered HTTP {status}{': ' + detail if detail else ''} for "
                       f"{label} after {tries} attempt(s). Query: {url}. Try again later.")
        else:
            reason = getattr(cause, "reason", cause)
            message = (f"Could not reach the Nomis API ({reason}) for {label}. Nomis data are "
                       "not in the offline mirror: run this where www.nomisweb.co.uk is "
                       f"reachable (or set {REWRITE_ENV} for a proxy), or download {url} "
                       "and read it with parse_nomis_csv().")
        if cause is not None and key:  # the cause may carry the keyed URL: keep only its type
            cause = type(cause).__name__
        raise DataUnavailableError(message) from (
            cause if isinstance(cause, BaseException) else None)


def read_nomis_frame(source: str | bytes | Path | IO | pd.DataFrame,
                     name: str = "Nomis") -> pd.DataFrame:
    r"""A Nomis CSV answer (text, bytes, path, file or frame) as text columns, upper-case names.

    Raises :class:`SourceFormatError` naming ``name`` when the answer is not CSV.

    Examples
    --------
    >>> read_nomis_frame('"date","obs_value"\n2023,1\n').columns.tolist()
    ['DATE', 'OBS_VALUE']
    """
    if isinstance(source, pd.DataFrame):
        raw = source.copy()
    else:
        if isinstance(source, bytes):
            source = io.BytesIO(source)
        elif isinstance(source, str) and "\n" in source:
            source = io.StringIO(source)
        try:
            raw = pd.read_csv(source, dtype=str, keep_default_na=False, na_values=[""],
                              encoding="utf-8-sig")
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            raise SourceFormatError(f"{name}: not a Nomis CSV ({exc})") from exc
    raw.columns = [str(c).strip().upper() for c in raw.columns]
    return raw


def parse_nomis_csv(source: str | bytes | Path | IO[str] | IO[bytes], *,
                    expected: Sequence[str] = ("DATE", "GEOGRAPHY_CODE", "OBS_VALUE"),
                    name: str = "Nomis response") -> pd.DataFrame:
    r"""Read a Nomis ``.data.csv`` answer; suppressed cells become ``NaN`` with a flag (pure).

    Parameters
    ----------
    source
        CSV text or bytes, a path or a file object, in the Nomis layout (upper-case column
        names: ``DATE, DATE_NAME, GEOGRAPHY, GEOGRAPHY_NAME, GEOGRAPHY_CODE, ..., OBS_VALUE,
        OBS_STATUS, OBS_STATUS_NAME, OBS_CONF, ...``).
    expected
        Columns that must be present.
    name
        What to call the source in error messages (never a URL with a key).

    Returns
    -------
    DataFrame
        All columns as text except ``OBS_VALUE`` (float) and a new ``OBS_FLAG``: ``""`` for a
        normal value; for a marker (``*``, ``!``, ``-``, ``~``, ``x``, ...), an empty cell, a
        missing status (``Q``, ``M``) or a confidential cell (``OBS_CONF`` true) the value is
        ``NaN`` and the flag says why, never zero; provisional (``P``) or revised (``R``)
        values keep their value with flag ``[p]`` / ``[r]``.

    Raises
    ------
    SourceFormatError
        When the answer is not CSV or lacks an ``expected`` column (naming both lists).

    Examples
    --------
    >>> csv = ('"DATE","GEOGRAPHY_CODE","OBS_VALUE","OBS_STATUS"\n'
    ...        '2023-12,"E08000003",71.5,"A"\n2023-12,"E08000009",,"!"\n'
    ...        '2023-12,"E08000010",0,"*"\n')
    >>> t = parse_nomis_csv(csv)
    >>> t["OBS_VALUE"].tolist(), t["OBS_FLAG"].tolist()
    ([71.5, nan, nan], ['', '!', '*'])
    """
    raw = read_nomis_frame(source, name)
    need = [str(c).upper() for c in expected]
    missing = [c for c in need if c not in raw.columns]
    if missing:
        raise SourceFormatError(
            f"{name}: missing column(s) {missing}; expected the Nomis CSV layout with columns "
            f"{need}; found {list(raw.columns)[:15]}")
    if "OBS_VALUE" in raw.columns:
        text = raw["OBS_VALUE"]
        values = pd.to_numeric(text.astype("string").str.replace(",", "", regex=False),
                               errors="coerce").astype("float64")
        values, flags = _flags(values, text, raw.get("OBS_STATUS"), raw.get("OBS_CONF"))
        raw["OBS_VALUE"] = values
        raw["OBS_FLAG"] = flags
    return raw.reset_index(drop=True)


def nomis_get_data(dataset_id: str, *, geography: str | Iterable[str] | None = None,
                   date: str | int | Iterable[str | int] | None = None,
                   measures: int | str | Iterable[int | str] | None = None,
                   select: Iterable[str] | None = None, key: str | None = None,
                   cache: bool = True, page_size: int = PAGE_SIZE,
                   backoff: float | None = None,
                   **dimensions: str | int | Iterable[str | int]) -> pd.DataFrame:
    """Download a Nomis dataset query as a table (the ``.data.csv`` API), all pages.

    Parameters
    ----------
    dataset_id, geography, date, measures, select, **dimensions
        The query, as for :func:`nomis_data_url`.
    key
        Nomis API key (default: ``NOMIS_API_KEY``), sent as ``uid=``; never cached or shown.
    cache
        Keep each page under ``cache_dir()/nomis``, named by a hash of its URL without the
        key, and reuse it; ``False`` always asks Nomis and writes nothing.
    page_size
        Rows per call. Nomis returns at most 25,000 rows to one call; pages are asked for
        with ``RecordOffset`` until one comes back short (or ``RECORD_COUNT`` rows arrived).
        Another size is sent as ``RecordLimit``.
    backoff
        Seconds before the first retry of a 429/5xx answer (default
        :data:`lis_analytics.data.http.BACKOFF_SECONDS`).

    Returns
    -------
    DataFrame
        As :func:`parse_nomis_csv`: Nomis's columns, ``OBS_VALUE`` numeric with ``NaN`` for
        suppressed cells and an ``OBS_FLAG`` column. ``attrs`` hold ``dataset_id``,
        ``notes`` (the dataset's caveats) and ``query`` (the first URL, without key).

    Raises
    ------
    UnknownDatasetError
        An id not in :data:`NOMIS_DATASETS`.
    DataUnavailableError
        Nomis unreachable, or it rejected the query (the message has its reason and the URL
        without key).
    SourceFormatError
        The answer is not a Nomis CSV with the selected columns.
    """
    ds = nomis_dataset(dataset_id)
    if page_size < 1:
        raise ValueError("page_size must be positive")
    api_key = _api_key(key)
    limit = None if page_size == PAGE_SIZE else page_size
    expected = ([str(c).upper() for c in select] if select is not None
                else ["DATE", "GEOGRAPHY_CODE", "OBS_VALUE"])
    frames: list[pd.DataFrame] = []
    offset, total = 0, None
    first_url = ""
    while True:
        url = nomis_data_url(ds.id, geography=geography, date=date, measures=measures,
                             select=select, record_offset=offset, record_limit=limit,
                             **dimensions)
        first_url = first_url or url
        path = _cache_path(url, ds.id, ".csv")
        if cache and path.is_file():
            body = path.read_bytes()
        else:
            body = _get(url, dataset_id=ds.id, key=api_key, backoff=backoff, what="query")
        page = parse_nomis_csv(body, expected=expected, name=f"Nomis {ds.id} query {url}")
        if cache and not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
            tmp.write_bytes(body)
            tmp.replace(path)
        frames.append(page)
        offset += len(page)
        if total is None and "RECORD_COUNT" in page.columns and len(page):
            counts = pd.to_numeric(page["RECORD_COUNT"], errors="coerce").dropna()
            total = int(counts.iloc[0]) if len(counts) else None
        if len(page) == 0 or (total is not None and offset >= total):
            break
        if total is None and len(page) < page_size:
            break
    out = pd.concat(frames, ignore_index=True)
    if select is not None and "RECORD_COUNT" not in expected:
        out = out.drop(columns="RECORD_COUNT", errors="ignore")
    out.attrs.update({"dataset_id": ds.id, "notes": ds.notes, "query": first_url})
    return out


def _get_json(url: str, *, dataset_id: str, key: str | None, backoff: float | None,
              what: str) -> dict:
    body = _get(url, dataset_id=dataset_id, key=key, backoff=backoff, what=what)
    try:
        doc = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceFormatError(f"Nomis {dataset_id} {what} {url} is not JSON ({exc})") from exc
    if not isinstance(doc, dict):
        raise SourceFormatError(f"Nomis {dataset_id} {what} {url}: expected a JSON object")
    if "error" in doc and len(doc) == 1:
        raise DataUnavailableError(f"Nomis {dataset_id} {what}: {doc['error']}. Query: {url}")
    return doc


def nomis_overview(dataset_id: str, *, select: Iterable[str] | None = None,
                   key: str | None = None, backoff: float | None = None) -> dict:
    """The dataset overview (``{id}.overview.json``): title, dates, dimensions, types.

    Parameters
    ----------
    dataset_id
        A :data:`NOMIS_DATASETS` id.
    select
        Overview parts, e.g. ``["DatasetInfo", "Dimensions"]`` (as in ``nomisr``).
    key, backoff
        As for :func:`nomis_get_data`.

    Returns
    -------
    dict
        The ``"overview"`` object: ``name``, ``lastupdated``, ``nextupdate``,
        ``dimensions`` (with geography ``types`` and codes), ...
    """
    ds = nomis_dataset(dataset_id)
    url = f"{NOMIS_API}/{ds.id}.overview.json"
    if select is not None:
        url += f"?select={_quote(_join(select))}"
    doc = _get_json(url, dataset_id=ds.id, key=_api_key(key), backoff=backoff,
                    what="overview")
    return doc.get("overview", doc)


def nomis_dataset_definition(dataset_id: str, *, key: str | None = None,
                             backoff: float | None = None) -> dict:
    """The dataset definition (``{id}.def.sdmx.json``): the SDMX key family.

    Returns
    -------
    dict
        The ``structure.keyfamilies.keyfamily[0]`` object: ``id``, ``name``,
        ``annotations`` (``LastUpdated``, ...) and ``components`` (dimensions with codelists).
    """
    ds = nomis_dataset(dataset_id)
    url = f"{NOMIS_API}/{ds.id}.def.sdmx.json"
    doc = _get_json(url, dataset_id=ds.id, key=_api_key(key), backoff=backoff,
                    what="definition")
    return _keyfamily(doc, f"Nomis {ds.id} definition {url}")


def _keyfamily(doc: dict, name: str) -> dict:
    try:
        families = doc["structure"]["keyfamilies"]["keyfamily"]
    except (KeyError, TypeError) as exc:
        raise SourceFormatError(f"{name}: no structure.keyfamilies.keyfamily") from exc
    families = families if isinstance(families, list) else [families]
    if not families:
        raise SourceFormatError(f"{name}: empty keyfamily list")
    return families[0]


def _text(value: object) -> str:
    if isinstance(value, dict):
        return str(value.get("value", ""))
    return "" if value is None else str(value)


def nomis_codelist(dataset_id: str, concept: str, *, key: str | None = None,
                   backoff: float | None = None) -> pd.DataFrame:
    """The codes of one dimension (``{id}/{concept}.def.sdmx.json``), e.g. ``"industry"``.

    Returns
    -------
    DataFrame
        ``code`` and ``name`` (text), ``parent`` when Nomis gives one, and one column per
        code annotation (e.g. ``GeogCode`` for geographies).

    Raises
    ------
    SourceFormatError
        When the answer has no ``structure.codelists.codelist``.
    """
    ds = nomis_dataset(dataset_id)
    concept = str(concept).strip().lower()
    url = f"{NOMIS_API}/{ds.id}/{_quote(concept)}.def.sdmx.json"
    doc = _get_json(url, dataset_id=ds.id, key=_api_key(key), backoff=backoff,
                    what=f"codelist {concept!r}")
    try:
        lists = doc["structure"]["codelists"]["codelist"]
    except (KeyError, TypeError) as exc:
        raise SourceFormatError(
            f"Nomis {ds.id} codelist {url}: no structure.codelists.codelist") from exc
    lists = lists if isinstance(lists, list) else [lists]
    rows = []
    for codelist in lists:
        codes = codelist.get("code", [])
        for code in codes if isinstance(codes, list) else [codes]:
            row = {"code": str(code.get("value", "")), "name": _text(code.get("description"))}
            if code.get("parentcode") is not None:
                row["parent"] = str(code["parentcode"])
            for note in _annotations(code):
                row[note[0]] = note[1]
            rows.append(row)
    return pd.DataFrame(rows, columns=None if rows else ["code", "name"])


def _annotations(node: dict) -> list[tuple[str, str]]:
    notes = (node.get("annotations") or {}).get("annotation", [])
    notes = notes if isinstance(notes, list) else [notes]
    return [(str(n.get("annotationtitle", "")), _text(n.get("annotationtext")))
            for n in notes if isinstance(n, dict)]


def _iso_date(text: object) -> str | None:
    match = re.match(r"^\s*(\d{4}-\d{2}-\d{2})", str(text or ""))
    return match.group(1) if match else None


def latest_release_from_json(doc: dict) -> dict[str, str | None]:
    """Release dates and latest period from a Nomis overview or definition JSON (pure).

    Parameters
    ----------
    doc
        The ``.overview.json`` answer (or its ``"overview"`` object): ``lastupdated``,
        ``nextupdate`` and the ``time`` dimension's default (latest) code; or the
        ``.def.sdmx.json`` answer (or its key family), whose annotations ``LastUpdated``,
        ``NextUpdate`` and, where present, a latest-date annotation are read.

    Returns
    -------
    dict
        ``title``, ``last_updated`` and ``next_update`` (ISO dates or ``None``),
        ``latest_period`` (Nomis date code such as ``"2025-01"`` or ``"2023"``, or ``None``)
        and ``latest_period_name``.

    Examples
    --------
    >>> overview = {"overview": {"name": "Claimant count by sex and age",
    ...     "lastupdated": "2025-02-18 07:00:00", "nextupdate": "2025-03-20 07:00:00",
    ...     "dimensions": {"dimension": [{"concept": "time", "defaults": {"code": {
    ...         "name": "January 2025", "value": "2025-01"}}}]}}}
    >>> latest_release_from_json(overview)["last_updated"]
    '2025-02-18'
    >>> latest_release_from_json(overview)["latest_period"]
    '2025-01'
    """
    out: dict[str, str | None] = {"title": None, "last_updated": None, "next_update": None,
                                  "latest_period": None, "latest_period_name": None}
    node = doc.get("overview", doc) if isinstance(doc, dict) else {}
    if "structure" in node:
        node = _keyfamily(node, "Nomis definition")
    if "lastupdated" in node or "dimensions" in node:  # overview JSON
        out["title"] = _text(node.get("name")) or None
        out["last_updated"] = _iso_date(node.get("lastupdated"))
        out["next_update"] = _iso_date(node.get("nextupdate"))
        dims = (node.get("dimensions") or {}).get("dimension", [])
        for dim in dims if isinstance(dims, list) else [dims]:
            if str(dim.get("concept", "")).lower() not in {"time", "date"}:
                continue
            default = (dim.get("defaults") or {}).get("code")
            default = default[-1] if isinstance(default, list) and default else default
            codes = (dim.get("codes") or {}).get("code", [])
            codes = codes if isinstance(codes, list) else [codes]
            chosen = default if isinstance(default, dict) else (codes[-1] if codes else None)
            if isinstance(chosen, dict):
                out["latest_period"] = str(chosen.get("value")) if chosen.get(
                    "value") is not None else None
                out["latest_period_name"] = _text(chosen.get("name")) or None
    else:  # SDMX key family
        out["title"] = _text(node.get("name")) or None
        notes = {title.lower(): text for title, text in _annotations(node)}
        out["last_updated"] = _iso_date(notes.get("lastupdated"))
        out["next_update"] = _iso_date(notes.get("nextupdate"))
        for title in ("latestdate", "latestperiod", "enddate"):
            if notes.get(title):
                out["latest_period"] = notes[title]
                break
    return out


def nomis_latest_release(dataset_id: str, *, key: str | None = None,
                         backoff: float | None = None) -> dict[str, str | None]:
    """When Nomis last updated a dataset and its latest period (for ``lis data status``).

    Reads the overview JSON (``lastupdated``, ``nextupdate``, the ``time`` dimension's
    default code, which Nomis sets to the latest date); when that has no date, the
    definition's ``LastUpdated`` annotation.

    Returns
    -------
    dict
        ``dataset_id``, ``title``, ``last_updated`` (ISO date or ``None``),
        ``next_update``, ``latest_period`` (e.g. ``"2025-01"`` or ``None``),
        ``latest_period_name`` and ``source_url`` (without key).
    """
    ds = nomis_dataset(dataset_id)
    api_key = _api_key(key)
    overview_url = f"{NOMIS_API}/{ds.id}.overview.json"
    info = latest_release_from_json(_get_json(overview_url, dataset_id=ds.id, key=api_key,
                                              backoff=backoff, what="overview"))
    source = overview_url
    if info["last_updated"] is None:
        source = f"{NOMIS_API}/{ds.id}.def.sdmx.json"
        fallback = latest_release_from_json(_get_json(source, dataset_id=ds.id, key=api_key,
                                                      backoff=backoff, what="definition"))
        info = {k: info[k] or fallback[k] for k in info}
    return {"dataset_id": ds.id, **info, "title": info["title"] or ds.title,
            "source_url": source}


def _flags(values: pd.Series, raw: pd.Series, status: pd.Series | None,
           conf: pd.Series | None) -> tuple[pd.Series, pd.Series]:
    text = raw.astype("string").str.strip()
    stat = (status.astype("string").str.strip().fillna("") if status is not None
            else pd.Series("", index=raw.index, dtype="string"))
    flag = stat.map(lambda s: _STATUS_FLAGS.get(s, SUPPRESSION_MARKERS.get(s.lower(), f"[{s}]")))
    marker = text.str.lower().map(SUPPRESSION_MARKERS)  # a marker in the value cell itself
    flag = flag.mask(marker.notna() & values.isna(), marker)
    values = values.mask(stat.str.upper().isin(_MISSING_STATUSES).to_numpy(dtype=bool))
    missing = values.isna()
    flag = flag.mask(missing & (flag.fillna("") == ""), "[x]")
    if conf is not None:
        confidential = conf.astype("string").str.strip().str.lower().isin(
            {"t", "true", "1", "y", "yes"})
        values = values.mask(confidential)
        flag = flag.mask(confidential, "[c]")
    return values, flag.fillna("").astype(str)
