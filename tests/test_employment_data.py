"""Employment by industry: Census 2011 / 2021 and BRES parsers, and the Nomis BRES loader."""

from __future__ import annotations

import gzip
import io
import urllib.error
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lis_analytics.data import fetch, get_dataset, nomis
from lis_analytics.data import parsers as P
from lis_analytics.data import parsers_employment as PE
from lis_analytics.data.schemas import SCHEMAS, validate
from lis_analytics.errors import DataUnavailableError, SourceFormatError

FIXTURES = Path(__file__).parent / "fixtures"
# Hand-made in the exact column layout of a Nomis API CSV response for NM_189_1 with
# select=SELECT_COLUMNS (quoted header and text, unquoted numbers). The values and status
# codes are invented to exercise the parser: a missing value with status Q, a true zero,
# provisional values (P) and a confidential cell (OBS_CONF T). It is not a Nomis download.
NOMIS_SAMPLE = FIXTURES / "nomis_bres_lad_division_sample.csv"


# ----------------------------------------------------------------- Nomis URL builder


def _query(url: str) -> dict[str, str]:
    base, query = url.split("?", 1)
    assert base == "https://www.nomisweb.co.uk/api/v01/dataset/NM_189_1.data.csv"
    return dict(part.split("=", 1) for part in query.split("&"))


def test_bres_url_for_districts_years_and_divisions():
    q = _query(nomis.bres_url(["E08000003", "E08000009"], [2021, 2022], "division"))
    assert q["geography"] == "E08000003,E08000009"
    assert q["date"] == "2021,2022"
    assert q["employment_status"] == "4" and q["measure"] == "1" and q["measures"] == "20100"
    ids = q["industry"].split(",")
    assert len(ids) == 88 and ids[0] == "146800641" and "146800687" in ids  # 01 and 47
    assert "146800644" not in ids  # there is no division 04
    assert q["select"].split(",") == [c.lower() for c in nomis.SELECT_COLUMNS]


def test_bres_url_levels_latest_and_employees():
    q = _query(nomis.bres_url(["E06000001"], "latest", "section", employment_status="employees"))
    assert q["date"] == "latest" and q["employment_status"] == "1"
    assert q["industry"].split(",") == [str(150994945 + i) for i in range(21)]
    assert _query(nomis.bres_url(["E06000001"], None, "total"))["industry"] == "37748736"
    assert "uid" in _query(nomis.bres_url(["E06000001"], uid="abc"))


def test_bres_urls_split_under_the_cell_limit():
    lads = [f"E07{i:06d}" for i in range(1, 301)]
    urls = nomis.bres_urls(lads, [2021, 2022], "division")
    per_call = [len(_query(u)["geography"].split(",")) for u in urls]
    assert sum(per_call) == 300
    assert all(n * 2 * 88 <= nomis.CELL_LIMIT for n in per_call)


@pytest.mark.parametrize("bad", [["Manchester"], ["E0800003"], []])
def test_bres_url_rejects_bad_codes(bad):
    with pytest.raises(ValueError):
        nomis.bres_url(bad)


def test_bres_url_rejects_bad_years_and_levels():
    with pytest.raises(ValueError, match="4-digit year"):
        nomis.bres_url(["E06000001"], ["21"])
    with pytest.raises(ValueError, match="level"):
        nomis.bres_url(["E06000001"], level="group")


# ----------------------------------------------------------------- Nomis CSV parser


def test_parse_recorded_nomis_response():
    t = nomis.parse_bres_csv(NOMIS_SAMPLE)
    assert list(t.columns[-2:]) == ["industry_code", "industry_name"]
    assert set(t["industry_code"]) == {"05", "10", "47", "69"}
    assert set(t["geography"]) == {"LAD"} and set(t["code_vintage"]) == {"LAD23"}
    v = t.set_index(["area_code", "period", "industry_code"])
    assert v.loc[("E08000003", "2021", "47"), "value"] == 21000
    assert v.loc[("E08000003", "2021", "47"), "industry_name"].startswith("Retail trade")
    # suppressed / missing stays missing with a flag; a true zero stays zero
    assert np.isnan(v.loc[("E08000003", "2021", "05"), "value"])
    assert v.loc[("E08000003", "2021", "05"), "flag"] == "[x]"
    assert v.loc[("E08000009", "2021", "05"), "value"] == 0
    assert v.loc[("E08000009", "2021", "05"), "flag"] == ""
    assert v.loc[("E08000003", "2022", "10"), "flag"] == "[p]"  # provisional keeps its value
    assert v.loc[("E08000003", "2022", "10"), "value"] == 4750
    assert np.isnan(v.loc[("E08000003", "2022", "05"), "value"])  # confidential
    assert v.loc[("E08000003", "2022", "05"), "flag"] == "[c]"
    assert not ((t["flag"].isin(["[x]", "[c]"])) & (t["value"] == 0)).any()
    assert "rounded" in t.attrs["caveats"]


def test_parse_nomis_response_passes_the_industry_schema():
    SCHEMAS["tidy_industry"].validate(nomis.parse_bres_csv(NOMIS_SAMPLE))


def test_parse_nomis_error_page_names_the_source():
    with pytest.raises(SourceFormatError, match=r"https://example.*missing column"):
        nomis.parse_bres_csv(io.StringIO("<html>Bad request</html>\n"),
                             name="https://example/nomis")


def test_parse_nomis_sections_and_total():
    csv = ('"DATE","GEOGRAPHY_NAME","GEOGRAPHY_CODE","INDUSTRY_NAME","OBS_VALUE"\n'
           '2022,"Hartlepool","E06000001","Total",35000\n'
           '2022,"Hartlepool","E06000001","C : Manufacturing",4500\n')
    t = nomis.parse_bres_csv(csv)
    assert t["industry_code"].tolist() == ["Total", "C"]
    assert t["industry_name"].tolist() == ["Total", "Manufacturing"]


def test_fetch_bres_offline_is_a_clear_error(monkeypatch):
    def offline(*args, **kwargs):
        raise urllib.error.URLError("Temporary failure in name resolution")

    monkeypatch.setattr(nomis.urllib.request, "urlopen", offline)
    with pytest.raises(DataUnavailableError, match="Could not reach the Nomis API.*mirror"):
        nomis.fetch_bres(["E08000003"], [2022])


def test_fetch_bres_parses_what_nomis_returns(monkeypatch):
    class Response(io.BytesIO):
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    calls = []

    def fake(url, timeout):
        calls.append(url)
        return Response(NOMIS_SAMPLE.read_bytes())

    monkeypatch.setattr(nomis.urllib.request, "urlopen", fake)
    t = nomis.fetch_bres(["E08000003", "E08000009"], [2021, 2022])
    assert len(calls) == 1 and len(t) == 12 and t["measure"].eq("employment").all()


# ------------------------------------------------------ parsers: hand-made bad inputs


def _write_gz(path: Path, text: str) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(text)
    return path


MSOA_META = ("areacd,areanm,parentcd,xmin,ymin,xmax,ymax\n"
             "E02000001,City of London,E09000001,0,0,0,0\n"
             "E02000002,Marks Gate,E09000002,0,0,0,0\n")
WP605_HEADER = ('2011 super output area - middle layer,All categories: Industry,"A Agriculture, '
                'forestry and fishing",B Mining and quarrying,C Manufacturing,D Electricity,'
                'E Water,F Construction,G Trade,H Transport,I Accommodation,J Information,'
                'K Finance,L Real estate,M Professional,N Administrative,O Public administration,'
                'P Education,Q Health,"R,S Arts; other services",T Households,U Extraterritorial\n')


def _wp605(tmp_path: Path, header: str = WP605_HEADER, rows: str | None = None,
           meta: str = MSOA_META) -> list[Path]:
    body = rows if rows is not None else (
        "E02000001 : City of London 001,20," + ",".join(["1"] * 20) + "\n"
        "E02000002 : Barking and Dagenham 001,40," + ",".join(["2"] * 20) + "\n")
    table = _write_gz(tmp_path / "wp605.csv.gz", header + body)
    metadata = _write_gz(tmp_path / "meta.csv.gz", meta)
    return [table, metadata]


def _census2011_ds(total: int | None = None):
    ds = get_dataset("census2011_workplace_industry_lad")
    return ds.__class__(**{**ds.__dict__, "expected_total": total})


def test_census2011_parser_reads_hand_made_extract(tmp_path):
    out = PE.parse_census2011_wp605_lad(_census2011_ds(60), _wp605(tmp_path))
    assert set(out["area_code"]) == {"E09000001", "E09000002"}
    assert "R,S" in set(out["industry_code"])
    names = out.drop_duplicates("area_code").set_index("area_code")["area_name"]
    assert names["E09000002"] == "Barking and Dagenham"
    total = out[out["industry_code"] == "Total"].set_index("area_code")["value"]
    assert total["E09000002"] == 40


def test_census2011_wrong_columns_name_the_file(tmp_path):
    paths = _wp605(tmp_path, header=WP605_HEADER.replace("All categories: Industry", "Total"))
    with pytest.raises(SourceFormatError, match=r"census2011_workplace_industry_lad: wp605\.csv"
                                                r"\.gz.*All categories: Industry"):
        PE.parse_census2011_wp605_lad(_census2011_ds(), paths)


def test_census2011_unknown_layout_names_the_files(tmp_path):
    paths = _wp605(tmp_path, header=WP605_HEADER.replace(
        "2011 super output area - middle layer", "msoa"))
    with pytest.raises(SourceFormatError, match=r"wp605\.csv\.gz.*meta\.csv\.gz|meta.*wp605"):
        PE.parse_census2011_wp605_lad(_census2011_ds(), paths)


def test_census2011_msoa_without_parent_is_an_error(tmp_path):
    paths = _wp605(tmp_path, meta=MSOA_META.splitlines()[0] + "\n" + MSOA_META.splitlines()[1])
    with pytest.raises(SourceFormatError, match="no parent LAD.*E02000002"):
        PE.parse_census2011_wp605_lad(_census2011_ds(), paths)


def test_census2011_sections_must_add_up_and_total_must_match(tmp_path):
    rows = "E02000001 : City of London 001,99," + ",".join(["1"] * 20) + "\n"
    with pytest.raises(SourceFormatError, match="do not add up"):
        PE.parse_census2011_wp605_lad(_census2011_ds(), _wp605(tmp_path, rows=rows))
    with pytest.raises(SourceFormatError, match="published total is 61"):
        PE.parse_census2011_wp605_lad(_census2011_ds(61), _wp605(tmp_path))


def test_census2011_suppressed_cell_is_refused_not_zeroed(tmp_path):
    rows = "E02000001 : City of London 001,20," + ",".join(["1"] * 19 + ["*"]) + "\n"
    with pytest.raises(SourceFormatError, match="non-numeric"):
        PE.parse_census2011_wp605_lad(_census2011_ds(), _wp605(tmp_path, rows=rows))


TS060_HEADER = ("Lower Tier Local Authorities Code,Lower Tier Local Authorities,Industry (current) "
                "(88 categories) Code,Industry (current) (88 categories),Observation\n")


def _ts060_ds(total: int | None = None):
    ds = get_dataset("census2021_industry_lad")
    return ds.__class__(**{**ds.__dict__, "expected_total": total})


def test_census2021_parser_takes_division_from_label(tmp_path):
    body = ("E06000001,Hartlepool,-8,Does not apply,54589\n"
            'E06000001,Hartlepool,1,"01 Crop and animal production, hunting",117\n'
            "E06000001,Hartlepool,38,41 Construction of buildings; 42 Civil engineering; "
            "43 Specialised construction activities,5000\n"
            "E06000001,Hartlepool,42,48 Wholesale and retail not otherwise specified,40\n")
    path = _write_gz(tmp_path / "ts060.csv.gz", TS060_HEADER + body)
    out = PE.parse_census2021_ts060(_ts060_ds(5157), [path])
    assert out["industry_code"].tolist() == ["01", "41-43", "48"]
    assert out["industry_name"].iloc[1].startswith("Construction of buildings; Civil")
    assert out["value"].sum() == 5157  # -8 (does not apply) dropped


def test_census2021_wrong_columns_name_the_file(tmp_path):
    path = _write_gz(tmp_path / "ts060.csv.gz", TS060_HEADER.replace("Observation", "Count")
                     + "E06000001,Hartlepool,1,01 Crops,117\n")
    with pytest.raises(SourceFormatError, match=r"census2021_industry_lad: ts060\.csv\.gz: "
                                                r"missing column.*Observation"):
        PE.parse_census2021_ts060(_ts060_ds(), [path])


def test_census2021_label_without_division_is_an_error(tmp_path):
    path = _write_gz(tmp_path / "ts060.csv.gz", TS060_HEADER
                     + "E06000001,Hartlepool,1,Crop and animal production,117\n")
    with pytest.raises(SourceFormatError, match="ts060.csv.gz.*2-digit division"):
        PE.parse_census2021_ts060(_ts060_ds(), [path])


def test_bres_itl2_wrong_columns_name_the_file(tmp_path):
    path = _write_gz(tmp_path / "bres.csv.gz", "DATE,GEOGRAPHY_CODE,INDUSTRY_CODE,COUNT\n"
                                               "2021,UKC1,01,5000\n")
    with pytest.raises(SourceFormatError, match=r"bres_itl2_division: bres\.csv\.gz.*missing "
                                                r"column"):
        PE.parse_bres_itl2_csv(get_dataset("bres_itl2_division"), [path])


def test_registry_entries_have_sources_caveats_and_checksums():
    for ds_id in ("census2011_workplace_industry_lad", "census2021_industry_lad",
                  "bres_itl2_division"):
        ds = get_dataset(ds_id)
        assert ds.schema == "tidy_industry" and ds.parser in P.PARSERS
        assert ds.caveats and ds.attribution and ds.licence.startswith("Open Government")
        assert all(len(f.mirror_checksum) == 64 for f in ds.files)
    assert len(get_dataset("census2011_workplace_industry_lad").files) == 2


# ---------------------------------------------------------------- integration (mirror)


def _parse(ds_id: str) -> pd.DataFrame:
    ds = get_dataset(ds_id)
    table = P.PARSERS[ds.parser](ds, fetch(ds_id, verify=True))
    validate(table, ds)
    return table


@pytest.mark.integration
def test_census2011_workplace_total_and_districts():
    t = _parse("census2011_workplace_industry_lad")
    total = t[t["industry_code"] == "Total"]
    parts = t[t["industry_code"] != "Total"]
    assert total["value"].sum() == 26_414_207 == parts["value"].sum()
    assert total["area_code"].nunique() == 348  # LAD 2011, England and Wales
    assert set(t["code_vintage"]) == {"LAD11"}
    assert sorted(parts["industry_code"].unique()) == sorted(
        [*"ABCDEFGHIJKLMNOPQ", "R,S", "T", "U"])
    manchester = total.set_index("area_code").loc["E08000003"]
    assert manchester["area_name"] == "Manchester" and 300_000 < manchester["value"] < 400_000
    assert t["value"].notna().all() and (t["flag"] == "").all()


@pytest.mark.integration
def test_census2021_industry_totals_and_codes():
    t = _parse("census2021_industry_lad")
    assert t["value"].sum() == 27_773_743
    assert t.loc[t["area_code"].str.startswith("E"), "value"].sum() == 26_405_282
    assert t["area_code"].nunique() == 331 and set(t["code_vintage"]) == {"LAD21"}
    per_lad = t.groupby("area_code")["industry_code"].nunique()
    assert (per_lad == 87).all()
    codes = set(t["industry_code"])
    assert {"41-43", "48", "01", "99"} <= codes and not {"41", "-8"} & codes
    assert t["value"].notna().all()  # no suppression in the census table: zeros are real


@pytest.mark.integration
def test_bres_itl2_totals_codes_and_years():
    t = _parse("bres_itl2_division")
    assert t["area_code"].nunique() == 40 and t["area_code"].str.match(r"^TL[C-M]\d$").all()
    assert t["industry_code"].nunique() == 88
    assert sorted(t["period"].unique()) == [str(y) for y in range(2015, 2022)]
    by_year = t.groupby("period")["value"].sum()
    assert by_year["2021"] == pytest.approx(31.34e6, rel=0.001)  # GB
    england = t[t["area_code"].str[2].isin(list("CDEFGHIJK"))].groupby("period")["value"].sum()
    assert england["2021"] == pytest.approx(27.39e6, rel=0.001)
    assert england["2015"] == pytest.approx(25.93e6, rel=0.001)
    assert t["value"].notna().all() and (t["flag"] == "").all()  # no zero-filled gaps
