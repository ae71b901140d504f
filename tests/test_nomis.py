"""The Nomis client against a local HTTP server: paging, retries, errors, key, cache, flags.

Every test points ``LIS_URL_REWRITE`` at :class:`tests.http_server.LocalServer` and
``LIS_DATA_CACHE`` at a temporary folder; nothing is mocked below the HTTP layer. The samples
in ``tests/fixtures/nomis`` are hand-made in the Nomis published layout (see its README).
"""

from __future__ import annotations

import io
import socket
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pandas as pd
import pytest

from lis_analytics.data import nomis
from lis_analytics.errors import DataUnavailableError, SourceFormatError, UnknownDatasetError
from tests.http_server import LocalServer

FIXTURES = Path(__file__).parent / "fixtures" / "nomis"
CLAIMANTS = FIXTURES / "NM_162_1_claimant_count_lad_sample.csv"
APS = FIXTURES / "NM_17_5_aps_lad_sample.csv"
OVERVIEW = FIXTURES / "NM_162_1.overview.json"
DEFINITION = FIXTURES / "NM_189_1.def.sdmx.json"
CODELIST = FIXTURES / "NM_189_1.employment_status.def.sdmx.json"
BRES_SAMPLE = Path(__file__).parent / "fixtures" / "nomis_bres_lad_division_sample.csv"
API = "/api/v01/dataset"


@pytest.fixture(scope="module")
def _server():
    with LocalServer() as server:  # one per module: stopping a server takes half a second
        yield server


@pytest.fixture
def env(_server, monkeypatch, tmp_path):
    """The server with no routes yet; Nomis routed to it; cache in tmp_path; no key set."""
    _server.routes.clear()
    _server.requests.clear()
    monkeypatch.setenv("LIS_DATA_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv(nomis.KEY_ENV, raising=False)
    monkeypatch.setenv("LIS_URL_REWRITE", f"https://www.nomisweb.co.uk/={_server.url}/")
    return _server


def _query(path: str) -> dict[str, str]:
    return {k.lower(): v[0] for k, v in parse_qs(urlsplit(path).query).items()}


def _pager(csv_path: Path, *, drop_count: bool = False):
    """A route serving ``csv_path`` by RecordOffset / RecordLimit, as Nomis pages."""
    table = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    if drop_count:
        table = table.drop(columns="RECORD_COUNT")

    def route(path: str) -> tuple[int, bytes]:
        q = _query(path)
        offset = int(q.get("recordoffset", 0))
        limit = int(q.get("recordlimit", nomis.PAGE_SIZE))
        page = table.iloc[offset:offset + limit]
        return 200, page.to_csv(index=False).encode()

    return route


def _data_requests(server: LocalServer) -> list[str]:
    return [r for r in server.requests if ".data.csv" in r]


# ---------------------------------------------------------------------------- paging


@pytest.mark.parametrize("drop_count, expected_requests", [(False, 3), (True, 3)])
def test_pages_by_record_offset_until_all_rows(env, drop_count, expected_requests):
    env.routes[f"{API}/NM_162_1.data.csv"] = _pager(CLAIMANTS, drop_count=drop_count)
    t = nomis.nomis_get_data("NM_162_1", geography="lad_2023", date=["2024-12", "2025-01"],
                             measures=20100, page_size=3, cache=False)
    assert len(t) == 7 and t["URN"].is_unique
    requests = _data_requests(env)
    assert len(requests) == expected_requests
    offsets = [int(_query(r).get("recordoffset", 0)) for r in requests]
    assert offsets == [0, 3, 6]
    first = _query(requests[0])
    assert first["geography"] == "TYPE424" and first["date"] == "2024-12,2025-01"
    assert first["recordlimit"] == "3" and "uid" not in first


def test_a_full_page_of_exactly_page_size_asks_once_more_without_record_count(env):
    table = pd.read_csv(CLAIMANTS, dtype=str, keep_default_na=False).iloc[:6]

    def route(p):
        q = _query(p)
        offset, limit = int(q.get("recordoffset", 0)), int(q["recordlimit"])
        body = table.drop(columns="RECORD_COUNT").iloc[offset:offset + limit]
        return 200, body.to_csv(index=False).encode()

    env.routes[f"{API}/NM_162_1.data.csv"] = route
    t = nomis.nomis_get_data("NM_162_1", geography=["E08000003"], page_size=3, cache=False)
    assert len(t) == 6 and len(_data_requests(env)) == 3  # 3 + 3 + an empty page


def test_default_page_size_sends_no_record_limit(env):
    env.routes[f"{API}/NM_162_1.data.csv"] = _pager(CLAIMANTS)
    t = nomis.nomis_get_data("NM_162_1", geography="E08000003", cache=False)
    assert len(t) == 7 and len(env.requests) == 1
    assert "recordlimit" not in _query(env.requests[0])
    assert t.attrs["dataset_id"] == "NM_162_1" and "Universal Credit" in t.attrs["notes"]


# ----------------------------------------------------------------- retries and errors


def test_retries_after_one_503(env):
    calls = []

    def flaky(path):
        calls.append(path)
        return (503, b"Service Unavailable") if len(calls) == 1 else (200, CLAIMANTS.read_bytes())

    env.routes[f"{API}/NM_162_1.data.csv"] = flaky
    t = nomis.nomis_get_data("NM_162_1", geography="E08000003", cache=False, backoff=0)
    assert len(t) == 7 and len(calls) == 2 and calls[0] == calls[1]


def test_400_is_not_retried_and_its_text_is_in_the_error(env):
    env.routes[f"{API}/NM_17_5.data.csv"] = lambda p: (
        400, b"Cannot create query: unknown dimension 'variabel'")
    with pytest.raises(DataUnavailableError) as err:
        nomis.nomis_get_data("NM_17_5", geography="E08000003", variabel=45, backoff=0)
    message = str(err.value)
    assert "unknown dimension 'variabel'" in message and "HTTP 400" in message
    assert "NM_17_5" in message and "variabel=45" in message  # names dataset and query
    assert "127.0.0.1" not in message  # the official URL, not the rewritten one
    assert len(env.requests) == 1


def test_5xx_gives_up_after_the_retries(env):
    env.routes[f"{API}/NM_17_5.data.csv"] = lambda p: (502, b"Bad Gateway")
    with pytest.raises(DataUnavailableError, match=r"HTTP 502.*NM_17_5.*4 attempt"):
        nomis.nomis_get_data("NM_17_5", geography="E08000003", backoff=0)
    assert len(env.requests) == 4


def test_unreachable_nomis_is_a_clear_error_at_once(monkeypatch, tmp_path):
    monkeypatch.setenv("LIS_DATA_CACHE", str(tmp_path))
    with socket.socket() as sock:  # a free port that nothing listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("LIS_URL_REWRITE", f"https://www.nomisweb.co.uk/=http://127.0.0.1:{port}/")
    with pytest.raises(DataUnavailableError, match="Could not reach the Nomis API.*mirror"):
        nomis.nomis_get_data("NM_162_1", geography="E08000003")


def test_html_or_wrong_columns_is_a_source_format_error(env):
    env.routes[f"{API}/NM_162_1.data.csv"] = b'"DATE","SOMETHING"\n2024,1\n'
    with pytest.raises(SourceFormatError) as err:
        nomis.nomis_get_data("NM_162_1", geography="E08000003", cache=False)
    message = str(err.value)
    assert "['GEOGRAPHY_CODE', 'OBS_VALUE']" in message  # missing
    assert "['DATE', 'SOMETHING']" in message  # found
    env.routes[f"{API}/NM_162_1.data.csv"] = b"<html><body>Error</body></html>"
    with pytest.raises(SourceFormatError, match="NM_162_1"):
        nomis.nomis_get_data("NM_162_1", geography="E08000003", cache=False)


def test_select_columns_are_checked_and_record_count_dropped(env):
    table = pd.read_csv(CLAIMANTS, dtype=str, keep_default_na=False)
    env.routes[f"{API}/NM_162_1.data.csv"] = (
        table[["DATE", "GEOGRAPHY_CODE", "OBS_VALUE", "OBS_STATUS", "RECORD_COUNT"]]
        .to_csv(index=False).encode())
    t = nomis.nomis_get_data("NM_162_1", geography="E08000003",
                             select=["date", "geography_code", "obs_value", "obs_status"],
                             cache=False)
    assert _query(env.requests[0])["select"] == (
        "DATE,GEOGRAPHY_CODE,OBS_VALUE,OBS_STATUS,RECORD_COUNT")
    assert list(t.columns) == ["DATE", "GEOGRAPHY_CODE", "OBS_VALUE", "OBS_STATUS", "OBS_FLAG"]
    with pytest.raises(SourceFormatError, match="GEOGRAPHY_NAME"):
        nomis.nomis_get_data("NM_162_1", geography="E08000003", cache=False,
                             select=["DATE", "GEOGRAPHY_NAME", "OBS_VALUE"])


def test_unknown_dataset_and_geography_type_suggest_close_matches(env):
    with pytest.raises(UnknownDatasetError, match="did you mean 'NM_17_5'"):
        nomis.nomis_get_data("NM_17_6", geography="E08000003")
    with pytest.raises(ValueError, match="did you mean 'lep_2021'"):
        nomis.nomis_get_data("NM_17_5", geography="lep2021")
    assert env.requests == []


# ------------------------------------------------------------------------ key and cache


def test_key_is_sent_as_uid_but_never_in_cache_names(env, monkeypatch, tmp_path):
    secret = "0xSECRETKEY123"
    monkeypatch.setenv(nomis.KEY_ENV, secret)
    env.routes[f"{API}/NM_162_1.data.csv"] = _pager(CLAIMANTS)
    nomis.nomis_get_data("NM_162_1", geography="E08000003")
    assert _query(env.requests[0])["uid"] == secret
    files = list((tmp_path / "cache" / "nomis").rglob("*"))
    assert files and all(secret not in str(f) for f in files)
    # the cache is keyed by the URL without the key: another key (or none) finds it
    monkeypatch.delenv(nomis.KEY_ENV)
    nomis.nomis_get_data("NM_162_1", geography="E08000003", key="0xOTHER")
    assert len(env.requests) == 1


def test_key_is_absent_from_error_messages(env):
    secret = "0xSECRETKEY123"
    env.routes[f"{API}/NM_162_1.data.csv"] = lambda p: (
        400, f"bad query {urlsplit(p).query}".encode())  # a server echoing the query
    with pytest.raises(DataUnavailableError) as err:
        nomis.nomis_get_data("NM_162_1", geography="E08000003", key=secret, backoff=0)
    assert secret not in str(err.value)
    assert secret not in repr(err.value.__cause__)
    assert "uid=" in env.requests[0]


def test_cache_hit_makes_no_request_and_cache_false_bypasses_it(env, tmp_path):
    env.routes[f"{API}/NM_162_1.data.csv"] = _pager(CLAIMANTS)
    first = nomis.nomis_get_data("NM_162_1", geography="E08000003", page_size=3)
    assert len(env.requests) == 3
    again = nomis.nomis_get_data("NM_162_1", geography="E08000003", page_size=3)
    assert len(env.requests) == 3  # all pages from the cache
    pd.testing.assert_frame_equal(first, again)
    assert len(list((tmp_path / "cache" / "nomis").glob("NM_162_1-*.csv"))) == 3
    nomis.nomis_get_data("NM_162_1", geography="E08000003", page_size=3, cache=False)
    assert len(env.requests) == 6


def test_a_failed_query_leaves_nothing_in_the_cache(env, tmp_path):
    env.routes[f"{API}/NM_162_1.data.csv"] = b"<html>Error</html>"
    with pytest.raises(SourceFormatError):
        nomis.nomis_get_data("NM_162_1", geography="E08000003")
    assert not list((tmp_path / "cache").rglob("*.csv"))


# --------------------------------------------------------------- suppression markers


def test_suppression_markers_become_missing_with_a_flag(env):
    env.routes[f"{API}/NM_17_5.data.csv"] = APS.read_bytes()
    t = nomis.nomis_get_data("NM_17_5", geography="lad_2023", date="latest", variable=45,
                             measures=[20599, 21003], cache=False)
    v = t.set_index(["GEOGRAPHY_CODE", "MEASURES"])
    assert v.loc[("E08000003", "20599"), "OBS_VALUE"] == pytest.approx(71.2)
    assert v.loc[("E08000003", "20599"), "OBS_FLAG"] == ""
    for key, flag in [(("E08000009", "21003"), "!"), (("E08000006", "20599"), "*"),
                      (("E08000006", "21003"), "-"), (("E08000007", "20599"), "~")]:
        assert np.isnan(v.loc[key, "OBS_VALUE"]), key
        assert v.loc[key, "OBS_FLAG"] == flag
    # "~" came with 0 in OBS_VALUE: still missing, never zero; a normal 0 stays 0
    assert v.loc[("E08000007", "21003"), "OBS_VALUE"] == 0
    assert not ((t["OBS_FLAG"] != "") & (t["OBS_VALUE"] == 0)).any()


def test_markers_in_the_value_cell_and_empty_cells():
    csv = ('"DATE","GEOGRAPHY_CODE","OBS_VALUE","OBS_STATUS","OBS_CONF"\n'
           '2024,"E08000003",x,"A","false"\n2024,"E08000009",-,"A","false"\n'
           '2024,"E08000006",,"A","false"\n2024,"E08000007",12,"Q","false"\n'
           '2024,"E08000001",40,"A","true"\n2024,"E08000002",15,"P","false"\n')
    t = nomis.parse_nomis_csv(io.StringIO(csv))
    assert t["OBS_VALUE"].isna().tolist() == [True, True, True, True, True, False]
    assert t["OBS_FLAG"].tolist() == ["[x]", "-", "[x]", "[x]", "[c]", "[p]"]


# -------------------------------------------------------------------------- metadata


def test_latest_release_from_the_overview(env):
    env.routes[f"{API}/NM_162_1.overview.json"] = OVERVIEW.read_bytes()
    info = nomis.nomis_latest_release("NM_162_1")
    assert info["last_updated"] == "2025-02-18" and info["latest_period"] == "2025-01"
    assert info["next_update"] == "2025-03-20"
    assert info["latest_period_name"] == "January 2025"
    assert info["title"] == "Claimant count by sex and age"
    assert info["source_url"].endswith("NM_162_1.overview.json")
    assert len(env.requests) == 1


def test_latest_release_falls_back_to_the_definition(env):
    env.routes[f"{API}/NM_189_1.overview.json"] = b'{"overview": {"id": "NM_189_1"}}'
    env.routes[f"{API}/NM_189_1.def.sdmx.json"] = DEFINITION.read_bytes()
    info = nomis.nomis_latest_release("NM_189_1")
    assert info["last_updated"] == "2024-09-25" and info["next_update"] == "2025-10-08"
    assert info["latest_period"] is None  # the definition does not say
    assert len(env.requests) == 2


def test_overview_definition_and_codelist(env):
    env.routes[f"{API}/NM_162_1.overview.json"] = OVERVIEW.read_bytes()
    env.routes[f"{API}/NM_189_1.def.sdmx.json"] = DEFINITION.read_bytes()
    env.routes[f"{API}/NM_189_1/employment_status.def.sdmx.json"] = CODELIST.read_bytes()
    overview = nomis.nomis_overview("NM_162_1")
    types = overview["dimensions"]["dimension"][0]["types"]["type"]
    assert {"name": "local enterprise partnerships (as of April 2021)",
            "value": "TYPE459"} in types
    assert nomis.nomis_dataset_definition("NM_189_1")["id"] == "NM_189_1"
    codes = nomis.nomis_codelist("NM_189_1", "employment_status")
    assert codes["code"].tolist() == ["1", "2", "3", "4"]
    assert codes.loc[3, "name"] == "Employment" and codes.loc[1, "parent"] == "1"
    assert codes.loc[3, "Note"] == "employees plus working owners"


def test_latest_release_a_nomis_json_error(env):
    env.routes[f"{API}/NM_30_1.overview.json"] = b'{"error": "dataset not found"}'
    with pytest.raises(DataUnavailableError, match="NM_30_1.*dataset not found"):
        nomis.nomis_latest_release("NM_30_1")


# ------------------------------------------------------------------- BRES on the client


def test_fetch_bres_goes_through_the_client(env):
    env.routes[f"{API}/NM_189_1.data.csv"] = BRES_SAMPLE.read_bytes()
    t = nomis.fetch_bres(["E08000003", "E08000009"], [2021, 2022])
    assert len(t) == 12 and "rounded" in t.attrs["caveats"]
    q = _query(env.requests[0])
    assert q["geography"] == "E08000003,E08000009" and q["measures"] == "20100"
    assert q["select"].endswith("RECORD_COUNT")
