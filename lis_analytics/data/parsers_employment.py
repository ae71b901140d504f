"""Parsers for employment by industry: Census 2011 and 2021, and BRES by ITL2 region.

Registered with :func:`lis_analytics.data.parsers.parser` (this module is imported by
:func:`~lis_analytics.data.parsers.load_parser_modules`). Each returns the tidy layout with
``industry_code`` and ``industry_name`` columns (schema ``tidy_industry``):

* :func:`parse_census2011_wp605_lad`: WP605EW workplace population by SIC section for
  MSOAs, summed to LAD 2011 with the MSOA's parent district (codes kept as LAD 2011;
  bridging to LAD 2023 is left to the analysis, which has the lookups);
* :func:`parse_census2021_ts060`: TS060 residents in employment by 2-digit division for
  LTLAs (LAD 2021);
* :func:`parse_bres_itl2_csv`: BRES employment by 2-digit division for ITL2 regions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from lis_analytics.data.nomis import parse_bres_csv
from lis_analytics.data.parsers import finish_tidy, parser, to_values_and_flags
from lis_analytics.data.registry import Dataset
from lis_analytics.data.sic import sic_division_to_section
from lis_analytics.data.tidy import NOT_APPLICABLE
from lis_analytics.errors import SourceFormatError

INDUSTRY_COLUMNS = ("industry_code", "industry_name")


def _read_csv(path: Path, ds: Dataset) -> pd.DataFrame:
    try:
        return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise SourceFormatError(f"{ds.id}: {path.name} cannot be read as CSV ({exc})") from exc


def _check_total(total: float, ds: Dataset, path: Path, what: str) -> None:
    if ds.expected_total is not None and round(total) != int(ds.expected_total):
        raise SourceFormatError(
            f"{ds.id}: {path.name}: {what} add up to {total:,.0f} but the published total is "
            f"{int(ds.expected_total):,}; the file is incomplete or a different table.")


# ------------------------------------------------------------------ Census 2011 WP605EW

_WP605_ZONE = "2011 super output area - middle layer"
_WP605_TOTAL = "All categories: Industry"
_SECTION_HEADER = re.compile(r"^(?P<code>[A-U](?:,[A-U])*)\s+(?P<name>\S.*)$")


def _split_wp605(paths: Sequence[Path], ds: Dataset) -> tuple[Path, Path]:
    """Tell the WP605 table from the MSOA metadata by their first header cell."""
    if len(paths) != 2:
        raise SourceFormatError(f"{ds.id}: expected 2 files (WP605EW MSOA table and MSOA "
                                f"metadata), got {len(paths)}")
    heads = {}
    for path in paths:
        first = pd.read_csv(path, encoding="utf-8-sig", nrows=0).columns
        heads[path] = str(first[0]).strip() if len(first) else ""
    table = [p for p, h in heads.items() if h == _WP605_ZONE]
    meta = [p for p, h in heads.items() if h == "areacd"]
    if len(table) != 1:
        names = ", ".join(f"{p.name} ({h!r})" for p, h in heads.items())
        raise SourceFormatError(
            f"{ds.id}: none of {names} starts with the WP605EW column {_WP605_ZONE!r}; the "
            "extract may have a different layout.")
    if len(meta) != 1:
        raise SourceFormatError(f"{ds.id}: no MSOA metadata file (first column 'areacd') in "
                                f"{[p.name for p in paths]}")
    return table[0], meta[0]


def census_counts(raw: pd.DataFrame, columns: Sequence[str], ds: Dataset,
                  path: Path) -> pd.DataFrame:
    """Census count columns as numbers; any non-numeric cell is an error naming file and column.

    Census tables are never suppressed, so a marker (``*``, ``[c]``) means a different file.

    Examples
    --------
    >>> from lis_analytics.data.registry import get_dataset
    >>> raw = pd.DataFrame({"A": ["1", "2"], "B": ["3", "*"]})
    >>> try:
    ...     census_counts(raw, ["A", "B"], get_dataset("census2021_industry_lad"), Path("t.csv"))
    ... except SourceFormatError as err:
    ...     print(err)  # doctest: +ELLIPSIS
    census2021_industry_lad: t.csv: column 'B' has non-numeric cells ['*']; census counts ...
    """
    counts = {}
    for col in columns:
        values, flags = to_values_and_flags(raw[col])
        if (flags != "").any():
            raise SourceFormatError(
                f"{ds.id}: {path.name}: column {col!r} has non-numeric cells "
                f"{sorted(set(flags[flags != '']))[:3]}; census counts are never suppressed")
        counts[col] = values
    return pd.DataFrame(counts)


@parser
def parse_census2011_wp605_lad(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Parse Census 2011 WP605EW (workplace population by industry) for MSOAs into LAD 2011.

    The table's first column is ``"E02002559 : Darlington 001"`` (code : official MSOA
    name); every other column is ``All categories: Industry`` or a SIC 2007 section
    (``"A Agriculture, forestry and fishing"`` ... ``"R,S Arts, ..."``, ``"U ..."``). Each
    MSOA is summed into its parent LAD 2011 (from the MSOA metadata file). Checks: every
    MSOA has a parent, sections add up to the MSOA total, and the grand total matches the
    registry's ``expected_total``.

    Returns
    -------
    DataFrame
        Tidy rows per LAD 2011 and industry (``Total`` plus sections; ``R,S`` is one code),
        measure ``workplace_population``, period ``2011``.
    """
    table_path, meta_path = _split_wp605(paths, ds)
    raw = _read_csv(table_path, ds)
    header = [str(c).strip() for c in raw.columns]
    raw.columns = header
    if header[:2] != [_WP605_ZONE, _WP605_TOTAL]:
        raise SourceFormatError(
            f"{ds.id}: {table_path.name}: expected the first columns "
            f"{[_WP605_ZONE, _WP605_TOTAL]}, found {header[:2]}")
    sections = {c: _SECTION_HEADER.match(c) for c in header[2:]}
    unread = [c for c, m in sections.items() if m is None]
    if unread or len(sections) < 18:
        raise SourceFormatError(
            f"{ds.id}: {table_path.name}: expected one column per SIC 2007 section named like "
            f"'C Manufacturing'; could not read {unread[:3]} ({len(sections)} columns)")
    zone = raw[_WP605_ZONE].str.split(" : ", n=1, expand=True)
    if zone.shape[1] != 2 or zone[0].isna().any() or zone[1].isna().any():
        raise SourceFormatError(
            f"{ds.id}: {table_path.name}: column {_WP605_ZONE!r} should read 'E02002559 : "
            "Darlington 001' (code : name)")
    msoa = zone[0].str.strip()
    if not msoa.str.fullmatch(r"[EW]02\d{6}").all():
        bad = msoa[~msoa.str.fullmatch(r"[EW]02\d{6}")].head(3).tolist()
        raise SourceFormatError(f"{ds.id}: {table_path.name}: not MSOA 2011 codes: {bad}")
    meta = _read_csv(meta_path, ds)
    if not {"areacd", "parentcd"} <= set(meta.columns):
        raise SourceFormatError(f"{ds.id}: {meta_path.name}: expected columns areacd, parentcd; "
                                f"found {list(meta.columns)}")
    parent = meta.set_index("areacd")["parentcd"]
    lad = msoa.map(parent)
    if lad.isna().any():
        raise SourceFormatError(
            f"{ds.id}: {lad.isna().sum()} MSOA(s) of {table_path.name} have no parent LAD in "
            f"{meta_path.name}, e.g. {msoa[lad.isna()].head(3).tolist()}")
    cols = [_WP605_TOTAL, *sections]
    counts = census_counts(raw, cols, ds, table_path)
    diff = (counts[list(sections)].sum(axis=1) - counts[_WP605_TOTAL]).abs()
    if (diff > 0).any():
        raise SourceFormatError(
            f"{ds.id}: {table_path.name}: sections do not add up to '{_WP605_TOTAL}' for "
            f"{int((diff > 0).sum())} MSOA(s), e.g. {msoa[diff > 0].iloc[0]}")
    _check_total(float(counts[_WP605_TOTAL].sum()), ds, table_path, "MSOA totals")
    # the LAD name is the MSOA name without its number ("Darlington 001" -> "Darlington")
    lad_name = zone[1].str.strip().str.replace(r"\s+\d{3}$", "", regex=True)
    counts["lad"] = lad.to_numpy()
    summed = counts.groupby("lad")[cols].sum()
    names = pd.Series(lad_name.to_numpy(), index=lad.to_numpy()).groupby(level=0).agg(
        lambda s: s.mode().iloc[0])
    long = summed.reset_index().melt(id_vars="lad", var_name="column", value_name="value")
    code = {_WP605_TOTAL: "Total"} | {c: m.group("code") for c, m in sections.items()}
    name = {_WP605_TOTAL: "All industries"} | {c: m.group("name").strip()
                                              for c, m in sections.items()}
    out = pd.DataFrame({
        "area_code": long["lad"], "area_name": long["lad"].map(names), "geography": "LAD",
        "code_vintage": ds.code_vintage, "period": "2011", "measure": "workplace_population",
        "value": long["value"].astype("float64"),
        "unit": "persons aged 16-74 in employment, counted at their workplace",
        "price_basis": NOT_APPLICABLE, "flag": "",
        "industry_code": long["column"].map(code), "industry_name": long["column"].map(name),
    })
    return finish_tidy(out, ds, extra=INDUSTRY_COLUMNS)


# ------------------------------------------------------------------ Census 2021 TS060

_TS060_COLUMNS = {
    "code": "Lower Tier Local Authorities Code",
    "name": "Lower Tier Local Authorities",
    "category": "Industry (current) (88 categories) Code",
    "label": "Industry (current) (88 categories)",
    "count": "Observation",
}
_LABEL_DIVISION = re.compile(r"(?:^|;\s*)(\d{2})\s")


def division_of_label(label: str) -> tuple[str, str]:
    """SIC code and name of a TS060 category label.

    The category code of TS060 is a running number, not the division: the division is
    the first two characters of the label. The one category that combines divisions
    (``"41 Construction of buildings; 42 Civil engineering; 43 ..."``) becomes ``"41-43"``.

    Examples
    --------
    >>> division_of_label("01 Crop and animal production, hunting and related service activities")
    ('01', 'Crop and animal production, hunting and related service activities')
    >>> division_of_label("41 Construction of buildings; 42 Civil engineering; "
    ...                   "43 Specialised construction activities")
    ('41-43', 'Construction of buildings; Civil engineering; Specialised construction activities')
    """
    text = str(label).strip()
    found = _LABEL_DIVISION.findall(text)
    if not found or not text[:2].isdigit():
        raise ValueError(f"TS060 label {label!r} does not start with a 2-digit division")
    code = found[0] if len(found) == 1 else f"{found[0]}-{found[-1]}"
    name = re.sub(r"(^|;\s*)\d{2}\s+", r"\1", text).strip()
    return code, name


_NOMIS_TS060_CODE = "geography code"
_NOMIS_TS060_PREFIX = "Industry (current): "
_NOMIS_TS060_DIVISION = re.compile(r"^Industry \(current\): (\d{2}) \S")


def ts060_nomis_to_long(raw: pd.DataFrame, ds: Dataset, path: Path) -> pd.DataFrame:
    """Turn the Nomis bulk TS060 file (wide) into the ONS custom-dataset layout (long).

    The Nomis member ``census2021-ts060-ltla.csv`` has ``date, geography, geography code``,
    a total column (``Industry (current): Total: ...``) and one column per SIC section
    (``Industry (current): A: ...``) and per census division (``Industry (current): 01
    ...``). Only the 87 division columns are kept (sections are sums of them); each row of
    the result is one area and division, with the label after the ``Industry (current): ``
    prefix, in the custom dataset's column names. The divisions must add up to the total
    column for every area.

    Raises
    ------
    SourceFormatError
        When there are not 87 division columns or they do not add up to the total.
    """
    divisions = [c for c in raw.columns if _NOMIS_TS060_DIVISION.match(c)]
    totals = [c for c in raw.columns if c.startswith(_NOMIS_TS060_PREFIX + "Total")]
    if len(divisions) != 87 or len(totals) != 1 or "geography" not in raw.columns:
        raise SourceFormatError(
            f"{ds.id}: {path.name}: expected the Nomis TS060 layout (geography, geography "
            f"code, one total column and 87 division columns 'Industry (current): 01 ...'); "
            f"found {len(divisions)} division column(s) and {len(totals)} total column(s)")
    counts = census_counts(raw, [*divisions, totals[0]], ds, path)
    off = (counts[divisions].sum(axis=1) - counts[totals[0]]).abs() > 0
    if off.any():
        raise SourceFormatError(
            f"{ds.id}: {path.name}: the 87 divisions do not add up to {totals[0]!r} for "
            f"{int(off.sum())} area(s), e.g. {raw.loc[off, _NOMIS_TS060_CODE].iloc[0]}")
    wide = raw[[_NOMIS_TS060_CODE, "geography", *divisions]]
    long = wide.melt(id_vars=[_NOMIS_TS060_CODE, "geography"], value_vars=divisions,
                     var_name="column", value_name="count")
    long["order"] = long["column"].map({c: i for i, c in enumerate(divisions)})
    long["area"] = long[_NOMIS_TS060_CODE].map(
        {c: i for i, c in enumerate(raw[_NOMIS_TS060_CODE])})
    long = long.sort_values(["area", "order"], kind="stable")
    return pd.DataFrame({
        _TS060_COLUMNS["code"]: long[_NOMIS_TS060_CODE].to_numpy(),
        _TS060_COLUMNS["name"]: long["geography"].to_numpy(),
        _TS060_COLUMNS["category"]: (long["order"] + 1).astype(str).to_numpy(),
        _TS060_COLUMNS["label"]: long["column"].str[len(_NOMIS_TS060_PREFIX):].to_numpy(),
        _TS060_COLUMNS["count"]: long["count"].to_numpy(),
    })


@parser
def parse_census2021_ts060(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Parse Census 2021 TS060 (industry, 88 categories) by LTLA into SIC divisions.

    Reads the ONS custom-dataset download (long, the mirror's copy) or the Nomis bulk
    member ``census2021-ts060-ltla.csv`` (wide; see :func:`ts060_nomis_to_long`).

    Category ``-8`` (does not apply: aged under 16 or not in employment) is dropped. The
    division comes from the first two characters of the label (see
    :func:`division_of_label`); every division is checked against SIC 2007 (``48`` is the
    census pseudo-division for wholesale and retail not otherwise specified, section G).
    The 87 categories must add up to the registry's ``expected_total``.

    Returns
    -------
    DataFrame
        Tidy rows per LAD 2021 and division, measure ``employed_residents``, period
        ``2021``.
    """
    (path,) = paths
    raw = _read_csv(path, ds)
    raw.columns = [str(c).strip() for c in raw.columns]
    if _NOMIS_TS060_CODE in raw.columns:
        raw = ts060_nomis_to_long(raw, ds, path)
    missing = [c for c in _TS060_COLUMNS.values() if c not in raw.columns]
    if missing:
        raise SourceFormatError(
            f"{ds.id}: {path.name}: missing column(s) {missing}; expected the TS060 custom "
            f"dataset layout {list(_TS060_COLUMNS.values())}, found {list(raw.columns)}")
    raw = raw[raw[_TS060_COLUMNS["category"]].str.strip() != "-8"]
    labels = raw[_TS060_COLUMNS["label"]].drop_duplicates()
    mapping = {}
    for label in labels:
        try:
            code, name = division_of_label(label)
            sic_division_to_section(code.split("-")[0])
        except ValueError as exc:
            raise SourceFormatError(f"{ds.id}: {path.name}: {exc}") from None
        mapping[label] = (code, name)
    values, flags = to_values_and_flags(raw[_TS060_COLUMNS["count"]])
    if values.isna().any():
        raise SourceFormatError(
            f"{ds.id}: {path.name}: {int(values.isna().sum())} observation(s) are not numbers, "
            f"e.g. {raw.loc[values.isna(), _TS060_COLUMNS['count']].iloc[0]!r}")
    _check_total(float(values.sum()), ds, path, "the 87 categories (without -8)")
    label = raw[_TS060_COLUMNS["label"]]
    out = pd.DataFrame({
        "area_code": raw[_TS060_COLUMNS["code"]].str.strip(),
        "area_name": raw[_TS060_COLUMNS["name"]].str.strip(), "geography": "LAD",
        "code_vintage": ds.code_vintage, "period": "2021", "measure": "employed_residents",
        "value": values, "unit": "usual residents aged 16+ in employment, counted where they live",
        "price_basis": NOT_APPLICABLE, "flag": flags,
        "industry_code": label.map(lambda x: mapping[x][0]),
        "industry_name": label.map(lambda x: mapping[x][1]),
    })
    return finish_tidy(out, ds, extra=INDUSTRY_COLUMNS)


# ------------------------------------------------------------------ BRES by ITL2


@parser
def parse_bres_itl2_csv(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Parse BRES open-access employment by NUTS2 2016 area and 2-digit SIC division.

    The file is a Nomis NM_189_1 download with the count column named ``EMPLOYMENT``;
    NUTS 2016 codes (``UKC1``) become ITL 2021 codes (``TLC1``). Parsed with
    :func:`lis_analytics.data.nomis.parse_bres_csv`.
    """
    (path,) = paths
    frame = parse_bres_csv(path, dataset_id=ds.id, code_vintage=ds.code_vintage,
                           value_column="EMPLOYMENT", code_prefix_map={"UK": "TL"},
                           name=f"{ds.id}: {path.name}")
    bad = sorted(set(frame.loc[frame["geography"] != "ITL2", "area_code"]))
    if bad:
        raise SourceFormatError(f"{ds.id}: {path.name}: codes {bad[:5]} are not NUTS2/ITL2 areas")
    return finish_tidy(frame, ds, extra=INDUSTRY_COLUMNS)
