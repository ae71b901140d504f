"""Parsers of origin-destination (commuting) flow tables: the Census 2011 and 2021 files.

Each reads the Nomis bulk layout as published and the mirror's reshaped copies (see each
registry entry's ``reshaping``), through one parser per dataset.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from lis_analytics.data.parsers import parser
from lis_analytics.data.registry import Dataset
from lis_analytics.data.tidy import FLOW_COLUMNS
from lis_analytics.errors import SourceFormatError

# ------------------------------------------------------------------- flows


def _finish_flows(frame: pd.DataFrame, ds: Dataset, path: Path) -> pd.DataFrame:
    frame = frame.assign(dataset_id=ds.id)[list(FLOW_COLUMNS)]
    frame["origin_code"] = frame["origin_code"].astype(str).str.strip()
    frame["destination_code"] = frame["destination_code"].astype(str).str.strip()
    if frame["persons"].isna().any():
        raise SourceFormatError(f"{ds.id}: {path.name}: {int(frame['persons'].isna().sum())} "
                                "flows have no count")
    frame["persons"] = frame["persons"].astype("int64")
    expected = ds.expected_total
    if expected is not None and int(frame["persons"].sum()) != int(expected):
        raise SourceFormatError(
            f"{ds.id}: {path.name}: flows total {int(frame['persons'].sum()):,} persons but the "
            f"published total is {int(expected):,}; the file is incomplete or a different table."
        )
    return frame.reset_index(drop=True)


# The layouts a flow file may come in. A parser is handed either the publisher's file (the
# member CSV of the Nomis bulk zip) or the mirror's reshaped copy, and tells them apart by
# their header (see ``reshaping`` in the registry).

MIRROR_FLOW_COUNT = "persons"
"""Count column of the mirror's three-column flow tables (origin, destination, persons)."""

WU01EW_COLUMNS: tuple[str, ...] = (
    "Area of residence", "Area of workplace", "All categories: Sex", "Male", "Female")
"""Header of ``wu01ew_msoa.csv`` in the Nomis bulk zip ``wu01ew_msoa.zip`` (Census 2011)."""

ODWP01EW_MSOA_COLUMNS: dict[str, str] = {
    "origin": "Middle layer Super Output Areas code",
    "dest": "MSOA of workplace code",
    "pow": "Place of work indicator (4 categories) code",
    "count": "Count",
}
"""Columns read from ``ODWP01EW_MSOA.csv`` in the Nomis bulk zip ``odwp01ew.zip`` (2021)."""

ODWP01EW_LTLA_COLUMNS: dict[str, str] = {
    "origin": "Lower tier local authorities code",
    "dest": "LTLA of workplace code",
    "pow": "Place of work indicator (4 categories) code",
    "count": "Count",
}
"""Columns read from ``ODWP01EW_LTLA.csv`` in the same zip."""

HOME_OR_NO_FIXED_PLACE = "111111111"

NI_PSEUDO_CODES: dict[str, str] = {
    f"N999999{n}": f"N090000{i:02d}"
    for i, n in enumerate(["91", "92", "93", "94", "95", "96", "97", "98", "10", "11", "12"],
                          start=1)
}
"""Census 2021 pseudo-codes of Northern Ireland districts -> LGD 2014 codes (N09...).

ONS's origin-destination app recodes them this way before making its chunks; a file that
already uses N09 codes is unchanged.
"""


def flow_counts(raw: pd.Series, ds: Dataset, path: Path, column: str) -> pd.Series:
    """Read a column of published flow counts as int64.

    Census flow counts are never suppressed, so a marker such as ``*`` or ``[c]``, or an
    empty cell, means the file is not the table the registry describes.

    Raises
    ------
    SourceFormatError
        Naming the dataset, the file and the column, with examples of the cells.

    Examples
    --------
    >>> from lis_analytics.data.registry import get_dataset
    >>> flow_counts(pd.Series(["3", "12"]), get_dataset("census2011_flows_msoa"),
    ...             Path("f.csv"), "persons").tolist()
    [3, 12]
    """
    text = raw.astype("string").str.strip()
    values = pd.to_numeric(text, errors="coerce")
    bad = values.isna() | (values % 1 != 0) | (values < 0)
    if bad.any():
        examples = sorted(set(text[bad].fillna("<empty>").tolist()))[:3]
        raise SourceFormatError(
            f"{ds.id}: {path.name}: column {column!r} has {int(bad.sum()):,} cell(s) that are "
            f"not whole counts, e.g. {examples}; census flow counts are never suppressed, so "
            "the file is not the published table."
        )
    return values.astype("int64")


def _read_text_csv(path: Path, ds: Dataset) -> pd.DataFrame:
    try:
        return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise SourceFormatError(f"{ds.id}: {path.name} cannot be read as CSV ({exc})") from exc


def _odwp01ew_flows(raw: pd.DataFrame, cols: dict[str, str], ds: Dataset,
                    path: Path) -> pd.DataFrame:
    """Flows from an ODWP01EW bulk CSV (LTLA or MSOA): the shared adapter.

    Rows with place-of-work indicator or workplace ``-8`` (does not apply: not in
    employment) are dropped; indicator 1 (mainly at or from home, or no fixed place), which
    ONS codes to the residence area, becomes destination ``111111111``; Northern Ireland
    pseudo-codes become N09 codes (:data:`NI_PSEUDO_CODES`). Equal pairs are summed and
    zero flows dropped, as in ONS's origin-destination app.
    """
    missing = [c for c in cols.values() if c not in raw.columns]
    if missing:
        raise SourceFormatError(f"{ds.id}: {path.name}: missing column(s) {missing}")
    pow_code = raw[cols["pow"]].str.strip()
    dest = raw[cols["dest"]].str.strip()
    keep = (pow_code != "-8") & (dest != "-8")
    raw, pow_code, dest = raw[keep], pow_code[keep], dest[keep]
    dest = dest.where(pow_code != "1", HOME_OR_NO_FIXED_PLACE).replace(NI_PSEUDO_CODES)
    frame = pd.DataFrame({
        "origin_code": raw[cols["origin"]].str.strip(),
        "destination_code": dest,
        "persons": flow_counts(raw[cols["count"]], ds, path, cols["count"]),
    })
    frame = frame.groupby(["origin_code", "destination_code"], as_index=False)["persons"].sum()
    return frame[frame["persons"] > 0]


def read_flow_table(path: Path, ds: Dataset) -> pd.DataFrame:
    """Read origin-destination flows from any layout the registry allows.

    The layout is recognised from the header:

    * the mirror's reshaped copies: three columns, the last named ``persons``
      (``origin_msoa11cd, destination_code, persons`` and the like);
    * Census 2011 WU01EW from the Nomis bulk zip (:data:`WU01EW_COLUMNS`): the count is
      ``All categories: Sex`` (checked to equal ``Male + Female``);
    * Census 2021 ODWP01EW MSOA or LTLA from the Nomis bulk zip: see
      :func:`_odwp01ew_flows`.

    Returns
    -------
    DataFrame
        ``origin_code``, ``destination_code`` (text) and ``persons`` (int64).
    """
    raw = _read_text_csv(path, ds)
    header = [str(c).strip() for c in raw.columns]
    raw.columns = header
    if len(header) == 3 and header[2] == MIRROR_FLOW_COUNT:
        return pd.DataFrame({
            "origin_code": raw[header[0]], "destination_code": raw[header[1]],
            "persons": flow_counts(raw[header[2]], ds, path, header[2]),
        })
    if tuple(header) == WU01EW_COLUMNS:
        total, male, female = (flow_counts(raw[c], ds, path, c) for c in WU01EW_COLUMNS[2:])
        if (male + female != total).any():
            raise SourceFormatError(
                f"{ds.id}: {path.name}: 'Male' + 'Female' differs from 'All categories: Sex' "
                f"in {int((male + female != total).sum())} row(s)")
        return pd.DataFrame({"origin_code": raw["Area of residence"],
                             "destination_code": raw["Area of workplace"], "persons": total})
    for cols in (ODWP01EW_MSOA_COLUMNS, ODWP01EW_LTLA_COLUMNS):
        if cols["origin"] in header:
            return _odwp01ew_flows(raw, cols, ds, path)
    raise SourceFormatError(
        f"{ds.id}: {path.name}: not a flow table this parser knows; expected 3 columns "
        f"ending in {MIRROR_FLOW_COUNT!r} (mirror copy), the WU01EW bulk header "
        f"{list(WU01EW_COLUMNS)} or an ODWP01EW bulk header; found {header}"
    )


_MSOA_CODE = r"[EW]02\d{6}"


def flows_msoa_to_lad(flows: pd.DataFrame, parent: pd.Series, ds: Dataset,
                      path: Path) -> pd.DataFrame:
    """Sum MSOA flows into flows between their parent districts (the declared LAD step).

    Origins must all have a parent; a destination is mapped when it is an MSOA (pseudo
    destinations such as ``OD0000001`` and the Scotland / Northern Ireland codes are kept).

    Parameters
    ----------
    flows
        ``origin_code``, ``destination_code``, ``persons``.
    parent
        MSOA code -> LAD code.

    Returns
    -------
    DataFrame
        Flows between districts, sorted by origin and destination, zero flows dropped.

    Examples
    --------
    >>> from lis_analytics.data.registry import get_dataset
    >>> f = pd.DataFrame({"origin_code": ["E02000001", "E02000002", "E02000002"],
    ...                   "destination_code": ["E02000002", "E02000001", "OD0000001"],
    ...                   "persons": [5, 2, 1]})
    >>> parent = pd.Series({"E02000001": "E09000001", "E02000002": "E09000001"})
    >>> flows_msoa_to_lad(f, parent, get_dataset("census2011_flows_lad"), Path("x"))
      origin_code destination_code  persons
    0   E09000001        E09000001        7
    1   E09000001        OD0000001        1
    """
    origin = flows["origin_code"].map(parent)
    if origin.isna().any():
        bad = flows.loc[origin.isna(), "origin_code"].drop_duplicates().head(3).tolist()
        raise SourceFormatError(f"{ds.id}: {path.name}: origin(s) {bad} have no parent "
                                "district in the MSOA lookup")
    is_msoa = flows["destination_code"].str.fullmatch(_MSOA_CODE)
    dest = flows["destination_code"].where(~is_msoa, flows["destination_code"].map(parent))
    if dest.isna().any():
        bad = flows.loc[dest.isna(), "destination_code"].drop_duplicates().head(3).tolist()
        raise SourceFormatError(f"{ds.id}: {path.name}: destination MSOA(s) {bad} have no "
                                "parent district in the MSOA lookup")
    out = pd.DataFrame({"origin_code": origin, "destination_code": dest,
                        "persons": flows["persons"]})
    out = out.groupby(["origin_code", "destination_code"], as_index=False)["persons"].sum()
    return out[out["persons"] > 0].reset_index(drop=True)


@parser
def parse_flows_csv(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Parse an origin-destination flow table, in the published or the mirror layout.

    One file: a flow table in any layout :func:`read_flow_table` knows. Two files: a flow
    table and an MSOA metadata file (``areacd, parentcd``), for a district-level dataset
    whose published artefact is the MSOA table: when the flow table's origins are MSOAs it
    is summed to districts with :func:`flows_msoa_to_lad` (the declared step); when they are
    already districts (the mirror's copy) it is read as it is.
    """
    if len(paths) == 1:
        (path,) = paths
        return _finish_flows(read_flow_table(path, ds), ds, path)
    if len(paths) != 2:
        raise SourceFormatError(f"{ds.id}: expected a flow table and, optionally, an MSOA "
                                f"lookup; got {len(paths)} files")
    path, lookup_path = paths
    frame = read_flow_table(path, ds)
    if frame["origin_code"].str.fullmatch(_MSOA_CODE).all():
        meta = _read_text_csv(lookup_path, ds)
        if not {"areacd", "parentcd"} <= set(meta.columns):
            raise SourceFormatError(f"{ds.id}: {lookup_path.name}: expected columns areacd, "
                                    f"parentcd; found {list(meta.columns)}")
        frame = flows_msoa_to_lad(frame, meta.set_index("areacd")["parentcd"], ds, path)
    return _finish_flows(frame, ds, path)


@parser
def parse_flows_odwp01ew_ltla(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """Parse the Census 2021 ODWP01EW LTLA bulk file into flows.

    Rows with place-of-work indicator -8 (not in employment) are dropped; indicator 1
    (mainly at or from home, or no fixed place), which ONS codes to the residence LTLA,
    is recoded to destination ``111111111`` as in the MSOA table, so that it is not
    mistaken for commuting within the area (see :func:`_odwp01ew_flows`).
    """
    (path,) = paths
    raw = _read_text_csv(path, ds)
    raw.columns = [str(c).strip() for c in raw.columns]
    return _finish_flows(_odwp01ew_flows(raw, ODWP01EW_LTLA_COLUMNS, ds, path), ds, path)
