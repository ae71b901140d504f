"""One client for the Nomis API, and BRES employment by district and industry on top of it.

The Nomis API client itself (datasets table, geography types, ``nomis_get_data``,
``nomis_overview``, ``nomis_dataset_definition``, ``nomis_codelist``,
``nomis_latest_release``, ``parse_nomis_csv``) lives in :mod:`lis_analytics.data.nomis_client`
and is re-exported here, so ``from lis_analytics.data.nomis import nomis_get_data`` works.

BRES (NM_189_1) keeps its own helpers, now fetched through the client:

* :func:`bres_url` / :func:`bres_urls` (pure) build the API query for districts, years and an
  industry level (``"total"``, ``"section"`` or 2-digit ``"division"``), split so that no
  call asks for more than Nomis's 25,000 cells;
* :func:`parse_bres_csv` (pure) turns the Nomis CSV response into the tidy industry layout of
  :mod:`lis_analytics.data.tidy` (``industry_code, industry_name`` columns), keeping
  suppressed or missing cells as ``NaN`` with a flag, never zero;
* :func:`fetch_bres` (thin) downloads and raises
  :class:`~lis_analytics.errors.DataUnavailableError` with a clear message when offline.

Caveats that travel with every BRES table (``DataFrame.attrs["caveats"]``): open-access BRES
counts are **rounded** (to 5 below 50 and up to the nearest 1,000 at 5,000 and over; see
https://www.nomisweb.co.uk/articles/1103.aspx), so small cells and sums of many cells are
approximate; farm agriculture (SIC 01000) is only published for regions and countries;
the latest year is provisional; the series is not designed for year-on-year comparison.

Industry ids used here: all industries ``37748736``; sections A-U ``150994945``-``150994965``;
a 2-digit division *dd* is ``146800640 + dd`` (e.g. 47 retail trade = ``146800687``).
"""

from __future__ import annotations

import urllib.parse
import urllib.request  # noqa: F401 - kept: callers and tests patch nomis.urllib.request
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Literal

import numpy as np
import pandas as pd

from lis_analytics.data.nomis_client import (
    GEOGRAPHY_TYPES,
    KEY_ENV,
    NOMIS_API,
    NOMIS_DATASETS,
    PAGE_SIZE,
    GeographyType,
    NomisDataset,
    _flags,
    geography_param,
    latest_release_from_json,
    nomis_codelist,
    nomis_data_url,
    nomis_dataset,
    nomis_dataset_definition,
    nomis_get_data,
    nomis_latest_release,
    nomis_overview,
    parse_nomis_csv,
    read_nomis_frame,
)
from lis_analytics.data.tidy import NOT_APPLICABLE, TIDY_COLUMNS
from lis_analytics.errors import SourceFormatError

__all__ = [
    "BRES_DATASET",
    "CELL_LIMIT",
    "GEOGRAPHY_TYPES",
    "KEY_ENV",
    "NOMIS_DATASETS",
    "PAGE_SIZE",
    "ROUNDING_CAVEAT",
    "SELECT_COLUMNS",
    "GeographyType",
    "NomisDataset",
    "bres_url",
    "bres_urls",
    "fetch_bres",
    "geography_param",
    "industry_ids",
    "latest_release_from_json",
    "nomis_codelist",
    "nomis_data_url",
    "nomis_dataset",
    "nomis_dataset_definition",
    "nomis_get_data",
    "nomis_latest_release",
    "nomis_overview",
    "parse_bres_csv",
    "parse_nomis_csv",
]

BRES_DATASET = "NM_189_1"
"""Nomis id of 'Business Register and Employment Survey: open access' (2015 onwards)."""
CELL_LIMIT = 25_000
"""Most cells Nomis returns to one anonymous API call."""

ALL_INDUSTRIES_ID = 37748736
_SECTION_LETTERS = "ABCDEFGHIJKLMNOPQRSTU"
_SECTION_ID_A = 150994945
_DIVISION_ID_BASE = 146800640
_DIVISIONS: tuple[int, ...] = (
    *range(1, 4), *range(5, 10), *range(10, 34), 35, *range(36, 40), *range(41, 44),
    *range(45, 48), *range(49, 54), 55, 56, *range(58, 64), *range(64, 67), 68,
    *range(69, 76), *range(77, 83), 84, 85, *range(86, 89), *range(90, 94), *range(94, 97),
    97, 98, 99,
)

EMPLOYMENT_STATUS: dict[str, int] = {
    "employees": 1, "full_time_employees": 2, "part_time_employees": 3, "employment": 4,
}
"""Nomis ``employment_status`` codes; ``employment`` = employees plus working owners."""

SELECT_COLUMNS: tuple[str, ...] = (
    "DATE", "GEOGRAPHY_NAME", "GEOGRAPHY_CODE", "INDUSTRY_NAME", "INDUSTRY_CODE",
    "EMPLOYMENT_STATUS_NAME", "MEASURE_NAME", "OBS_VALUE", "OBS_STATUS", "OBS_STATUS_NAME",
    "OBS_CONF",
)
"""Columns asked for with ``select=``; Nomis returns them upper-case, in this order."""

ROUNDING_CAVEAT = (
    "BRES open-access counts are rounded (to the nearest 5 below 50, 25 or 50 up to 249, and up "
    "to the nearest 1,000 at 5,000 and over; https://www.nomisweb.co.uk/articles/1103.aspx): "
    "small cells and sums of many cells are approximate. Farm agriculture (SIC 01000) is only "
    "published for regions and countries. The latest year is provisional; BRES is not designed "
    "for year-on-year comparison."
)

Level = Literal["total", "section", "division"]

def industry_ids(level: Level = "division") -> list[int]:
    """Nomis industry ids of NM_189_1 for one SIC 2007 level.

    Parameters
    ----------
    level
        ``"total"`` (all industries), ``"section"`` (A-U) or ``"division"`` (the 88 2-digit
        divisions).

    Examples
    --------
    >>> industry_ids("total")
    [37748736]
    >>> industry_ids("section")[:2], len(industry_ids("section"))
    ([150994945, 150994946], 21)
    >>> ids = industry_ids("division")
    >>> len(ids), ids[0], 146800687 in ids
    (88, 146800641, True)
    """
    if level == "total":
        return [ALL_INDUSTRIES_ID]
    if level == "section":
        return [_SECTION_ID_A + i for i in range(len(_SECTION_LETTERS))]
    if level == "division":
        return [_DIVISION_ID_BASE + d for d in _DIVISIONS]
    raise ValueError(f"level must be 'total', 'section' or 'division', got {level!r}")


def _dates(years: Iterable[int | str] | str | None) -> str:
    if years is None or (isinstance(years, str) and years.strip().lower() == "latest"):
        return "latest"
    if isinstance(years, str | int):
        years = [years]
    out = []
    for year in years:
        text = str(year).strip()
        if not (text.isdigit() and len(text) == 4) and not text.startswith("latest"):
            raise ValueError(f"year {year!r} is not a 4-digit year or 'latest'/'latestMINUSn'")
        out.append(text)
    if not out:
        raise ValueError("no years given")
    return ",".join(dict.fromkeys(out))


def _geographies(lad_codes: Iterable[str]) -> list[str]:
    codes = [str(c).strip() for c in lad_codes]
    if not codes:
        raise ValueError("no geography codes given")
    bad = [c for c in codes if not (len(c) == 9 and c[0] in "EWSN" and c[1:].isdigit())]
    if bad:
        raise ValueError(f"not GSS codes (like E08000003): {bad[:5]}")
    return list(dict.fromkeys(codes))


def bres_url(lad_codes: Iterable[str], years: Iterable[int | str] | str | None = "latest",
             level: Level = "division", *,
             employment_status: str = "employment", uid: str | None = None) -> str:
    """Build the Nomis API URL of BRES counts for districts, years and an industry level.

    Parameters
    ----------
    lad_codes
        GSS codes of the districts (the vintage Nomis uses for BRES, LAD 2023 for recent
        years; 9 characters each).
    years
        Years (``[2021, 2022]``), ``"latest"`` (default) or Nomis forms like
        ``"latestMINUS1"``.
    level
        ``"total"``, ``"section"`` or ``"division"``.
    employment_status
        ``"employment"`` (employees plus working owners, default) or ``"employees"``,
        ``"full_time_employees"``, ``"part_time_employees"``.
    uid
        Optional Nomis API key (raises the cell limit for registered users).

    Returns
    -------
    str
        One URL (check the size with :func:`bres_urls`, which splits large queries).

    Examples
    --------
    >>> url = bres_url(["E08000003", "E08000009"], [2021, 2022], "section")
    >>> url.split("?")[0]
    'https://www.nomisweb.co.uk/api/v01/dataset/NM_189_1.data.csv'
    >>> q = dict(p.split("=") for p in url.split("?")[1].split("&"))
    >>> q["geography"], q["date"], q["employment_status"], q["measure"], q["measures"]
    ('E08000003,E08000009', '2021,2022', '4', '1', '20100')
    >>> q["industry"].split(",")[:2]
    ['150994945', '150994946']
    """
    if employment_status not in EMPLOYMENT_STATUS:
        raise ValueError(f"employment_status must be one of {sorted(EMPLOYMENT_STATUS)}")
    params = [
        ("geography", ",".join(_geographies(lad_codes))),
        ("date", _dates(years)),
        ("industry", ",".join(str(i) for i in industry_ids(level))),
        ("employment_status", str(EMPLOYMENT_STATUS[employment_status])),
        ("measure", "1"),  # count (2 would be the industry percentage)
        ("measures", "20100"),  # the value (20701 would be its status as a separate row)
        ("select", ",".join(c.lower() for c in SELECT_COLUMNS)),
    ]
    if uid:
        params.append(("uid", uid))
    query = "&".join(f"{k}={urllib.parse.quote(v, safe=',._')}" for k, v in params)
    return f"{NOMIS_API}/{BRES_DATASET}.data.csv?{query}"


def bres_urls(lad_codes: Sequence[str], years: Iterable[int | str] | str | None = "latest",
              level: Level = "division", *, employment_status: str = "employment",
              uid: str | None = None, max_cells: int = CELL_LIMIT) -> list[str]:
    """Like :func:`bres_url`, split by district so that each call stays under ``max_cells``.

    Examples
    --------
    >>> lads = [f"E07{i:06d}" for i in range(1, 301)]
    >>> urls = bres_urls(lads, [2022], "division")   # 300 x 88 cells > 25,000
    >>> len(urls), sum(u.count("E07") for u in urls)
    (2, 300)
    """
    codes = _geographies(lad_codes)
    n_years = 1 if _dates(years) == "latest" else len(_dates(years).split(","))
    per_area = n_years * len(industry_ids(level))
    if per_area > max_cells:
        raise ValueError(f"one district alone needs {per_area:,} cells (> {max_cells:,}); "
                         "ask for fewer years")
    step = max(1, max_cells // per_area)
    return [bres_url(codes[i:i + step], years, level, employment_status=employment_status,
                     uid=uid) for i in range(0, len(codes), step)]


def _geography_of(code: str) -> str:
    if code.startswith(("TL", "UK")) and len(code) in (3, 4, 5):
        return {3: "ITL1", 4: "ITL2", 5: "ITL3"}[len(code)]
    prefix = code[:3]
    if prefix in {"E06", "E07", "E08", "E09", "W06", "S12", "N09"}:
        return "LAD"
    return {"E12": "RGN", "E92": "CTRY", "W92": "CTRY", "S92": "CTRY", "K02": "UK",
            "K03": "GB", "K04": "EW"}.get(prefix, "OTHER")


def _industry_code(code: pd.Series, name: pd.Series) -> pd.Series:
    """Industry code as in the rest of the package: ``01``, ``A``, or ``Total``."""
    name_text = name.fillna("").astype(str).str.strip()
    from_name = name_text.str.extract(r"^\s*([0-9A-U]{1,2}(?:\.\d+)?)\s*:", expand=False)
    text = code.fillna("").astype(str).str.strip() if code is not None else from_name
    text = text.where(text != "", from_name).fillna("")
    text = text.where(~text.str.fullmatch(r"\d"), "0" + text)  # 1 -> 01 if read as a number
    total = name_text.str.lower().isin({"total", "all industries"})
    return text.mask(total, "Total")


def parse_bres_csv(source: str | Path | IO[str] | IO[bytes] | pd.DataFrame, *,
                   dataset_id: str = "bres_lad_nomis", code_vintage: str = "LAD23",
                   value_column: str = "OBS_VALUE", measure: str = "employment",
                   code_prefix_map: dict[str, str] | None = None,
                   name: str = "Nomis response") -> pd.DataFrame:
    r"""Parse a Nomis BRES CSV (as returned by the API) into the tidy industry layout.

    Parameters
    ----------
    source
        Path, file object, CSV text or an already-read DataFrame in the Nomis layout: at
        least ``DATE, GEOGRAPHY_NAME, GEOGRAPHY_CODE, INDUSTRY_NAME`` and the value column;
        ``INDUSTRY_CODE``, ``OBS_STATUS`` and ``OBS_CONF`` are used when present.
    dataset_id
        Written to the ``dataset_id`` column.
    code_vintage
        Boundary vintage of the geography codes (``LAD23`` for recent Nomis districts).
    value_column
        Column with the counts (``OBS_VALUE`` from the API).
    measure
        Measure id for the rows (``employment`` or ``employees``).
    code_prefix_map
        Replace code prefixes, e.g. ``{"UK": "TL"}`` to turn NUTS 2016 codes into ITL codes.
    name
        What to call the source in error messages (a file name or URL).

    Returns
    -------
    DataFrame
        :data:`~lis_analytics.data.tidy.TIDY_COLUMNS` plus ``industry_code`` (``"01"``,
        ``"A"`` or ``"Total"``) and ``industry_name``; ``period`` is the year. Missing,
        suppressed (Nomis ``OBS_STATUS`` other than normal with no value) or confidential
        (``OBS_CONF`` true) cells are ``NaN`` with a flag, never zero; provisional values
        keep their value with flag ``[p]``. ``attrs["caveats"]`` holds
        :data:`ROUNDING_CAVEAT`.

    Raises
    ------
    SourceFormatError
        Naming ``name`` and the columns expected, when the layout is not Nomis's (e.g. an
        error page instead of CSV).

    Examples
    --------
    >>> csv = ('"DATE","GEOGRAPHY_NAME","GEOGRAPHY_CODE","INDUSTRY_NAME","INDUSTRY_CODE",'
    ...        '"OBS_VALUE","OBS_STATUS"\n'
    ...        '2022,"Manchester","E08000003","47 : Retail trade","47",21000,"A"\n'
    ...        '2022,"Manchester","E08000003","05 : Mining of coal and lignite","05",,"Q"\n')
    >>> t = parse_bres_csv(csv)
    >>> t[["area_code", "industry_code", "value", "flag"]].to_dict("list")
    ... # doctest: +NORMALIZE_WHITESPACE
    {'area_code': ['E08000003', 'E08000003'], 'industry_code': ['47', '05'],
     'value': [21000.0, nan], 'flag': ['', '[x]']}
    """
    raw = read_nomis_frame(source, name)
    need = ["DATE", "GEOGRAPHY_NAME", "GEOGRAPHY_CODE", "INDUSTRY_NAME", value_column.upper()]
    missing = [c for c in need if c not in raw.columns]
    if missing:
        raise SourceFormatError(
            f"{name}: missing column(s) {missing}; expected the Nomis BRES layout with columns "
            f"{need} (+ INDUSTRY_CODE, OBS_STATUS, OBS_CONF); found {list(raw.columns)[:12]}")
    raw = raw[raw["GEOGRAPHY_CODE"].notna()]
    codes = raw["GEOGRAPHY_CODE"].astype(str).str.strip()
    for old, new in (code_prefix_map or {}).items():
        codes = codes.where(~codes.str.startswith(old), new + codes.str[len(old):])
    values_raw = raw[value_column.upper()]
    values = pd.to_numeric(values_raw.astype("string").str.replace(",", "", regex=False),
                           errors="coerce").astype("float64")
    values, flags = _flags(values, values_raw, raw.get("OBS_STATUS"), raw.get("OBS_CONF"))
    period = raw["DATE"].astype(str).str.strip().str[:4]
    if not period.str.fullmatch(r"\d{4}").all():
        bad = sorted(set(period[~period.str.fullmatch(r"\d{4}")]))[:3]
        raise SourceFormatError(f"{name}: DATE values {bad} are not years")
    industry = _industry_code(raw.get("INDUSTRY_CODE"), raw["INDUSTRY_NAME"])
    industry_name = raw["INDUSTRY_NAME"].astype(str).str.replace(
        r"^\s*[0-9A-U]{1,2}(?:\.\d+)?\s*:\s*", "", regex=True).str.strip()
    unit = ("jobs: employees plus working owners (BRES employment)" if measure == "employment"
            else "employee jobs (BRES)")
    out = pd.DataFrame({
        "dataset_id": dataset_id,
        "area_code": codes.to_numpy(),
        "area_name": raw["GEOGRAPHY_NAME"].astype(str).str.strip().to_numpy(),
        "geography": codes.map(_geography_of).to_numpy(),
        "code_vintage": code_vintage,
        "period": period.to_numpy(),
        "measure": measure,
        "value": values.to_numpy(dtype="float64"),
        "unit": unit,
        "price_basis": NOT_APPLICABLE,
        "flag": flags.to_numpy(),
        "industry_code": industry.to_numpy(),
        "industry_name": industry_name.to_numpy(),
    })
    out = out[list(TIDY_COLUMNS) + ["industry_code", "industry_name"]]
    for col in out.columns:
        if col != "value":
            out[col] = out[col].astype(str)
    dup = out.duplicated(["area_code", "period", "industry_code"], keep=False)
    if dup.any():
        example = out.loc[dup, ["area_code", "period", "industry_code"]].iloc[0].tolist()
        raise SourceFormatError(
            f"{name}: {int(dup.sum())} rows repeat an area/year/industry (e.g. {example}); was "
            "the query for one employment status and measure?")
    out = out.reset_index(drop=True)
    out.attrs["caveats"] = ROUNDING_CAVEAT
    return out


def fetch_bres(lad_codes: Sequence[str], years: Iterable[int | str] | str | None = "latest",
               level: Level = "division", *, employment_status: str = "employment",
               uid: str | None = None, timeout: float | None = None,
               code_vintage: str = "LAD23", cache: bool = False,
               backoff: float | None = None) -> pd.DataFrame:
    """Download BRES counts from Nomis and return them in the tidy industry layout.

    A thin wrapper: the districts are split as by :func:`bres_urls`, each part is fetched
    with :func:`nomis_get_data` (retries, ``LIS_URL_REWRITE``, paging) and read with
    :func:`parse_bres_csv`.

    Parameters
    ----------
    lad_codes, years, level, employment_status
        As for :func:`bres_url`.
    uid
        Nomis API key (default ``NOMIS_API_KEY``); never shown in messages or cache names.
    timeout
        Ignored, kept for compatibility: the data layer's HTTP time-out applies.
    code_vintage
        Boundary vintage of the codes, for the tidy table.
    cache
        Reuse and keep the answers under ``cache_dir()/nomis`` (default ``False``: BRES is
        revised each year, so ask Nomis each time unless asked otherwise).
    backoff
        Seconds before the first retry of a 429/5xx answer.

    Raises
    ------
    DataUnavailableError
        When Nomis cannot be reached (offline, proxy, time-out) or answers with an HTTP
        error; the message gives the URL (without key) to try in a browser.
    SourceFormatError
        When the answer is not a Nomis CSV.
    """
    del timeout
    if employment_status not in EMPLOYMENT_STATUS:
        raise ValueError(f"employment_status must be one of {sorted(EMPLOYMENT_STATUS)}")
    codes = _geographies(lad_codes)
    urls = bres_urls(codes, years, level, employment_status=employment_status)
    frames = []
    measure = "employment" if employment_status == "employment" else "employees"
    start = 0
    for url in urls:
        n = len(urllib.parse.parse_qs(url.split("?", 1)[1])["geography"][0].split(","))
        part = codes[start:start + n]
        start += n
        raw = nomis_get_data(
            BRES_DATASET, geography=part, date=_dates(years),
            industry=industry_ids(level),
            employment_status=EMPLOYMENT_STATUS[employment_status], measure=1,
            measures=20100, select=SELECT_COLUMNS, key=uid, cache=cache, backoff=backoff)
        frames.append(parse_bres_csv(raw, measure=measure, code_vintage=code_vintage,
                                     name=f"Nomis {BRES_DATASET} query {raw.attrs['query']}"))
    out = pd.concat(frames, ignore_index=True)
    out["value"] = out["value"].astype(np.float64)
    out.attrs["caveats"] = ROUNDING_CAVEAT
    return out
