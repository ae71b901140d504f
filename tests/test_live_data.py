"""The live data path: publisher -> HTTP -> checksum -> parser -> schema -> store.

Every test serves files in the publisher's layout from a local HTTP server on 127.0.0.1 and
points ``LIS_URL_REWRITE`` at it (one rule, ``https://=<server>/https/``, so a request for
``https://host/path`` arrives as ``/https/host/path``). Nothing is mocked below HTTP: the real
fetch, checksum, parser, schema and store code runs, with the mirror switched off.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from lis_analytics.cli import app
from lis_analytics.data.fetch import locate
from lis_analytics.data.lock import lock_entry, read_lock
from lis_analytics.data.registry import get_dataset, registry
from lis_analytics.data.releases import ELS_RAW, resolve_url
from lis_analytics.data.status import check_upstream, dataset_status
from lis_analytics.data.store import build_one, load_dataset, table_build
from lis_analytics.data.update import UpdateError, update_dataset
from lis_analytics.errors import ChecksumError, SourceFormatError
from tests.http_server import LocalServer

FIXTURES = Path(__file__).parent / "fixtures"
GIGABIT = (FIXTURES / "els" / "gigabit-capable-broadband.csv").read_bytes()
COMMIT = "4972c588d0c192839afc8fa54ae82cb3dc7721ed"
ELS_PATH = "gigabit-capable-broadband/gigabit-capable-broadband.csv"
ONS_PAGE = "/economy/test/datasets/testdataset"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def local(url: str) -> str:
    """The path a request for the official ``url`` reaches the test server under."""
    assert url.startswith("https://")
    return "/https/" + url[len("https://"):]


REGISTRY = """
datasets:
  test_gigabit:
    title: Gigabit-capable broadband (test copy of the Explore Local Statistics file)
    publisher: Ofcom
    landing_page: https://www.ofcom.org.uk/
    licence: Open Government Licence v3.0
    attribution: "Source: Ofcom"
    release: 2026-05-13
    vintage: January 2026
    code_vintage: LAD23
    format: csv
    parser: parse_els_csv
    schema: tidy_indicator
    measures: {"Gigabit capable broadband": gigabit_coverage_pct}
    expect: {measures: [gigabit_coverage_pct], value_ranges: {gigabit_coverage_pct: [0, 100]}}
    discover: {kind: els, path: gigabit-capable-broadband/gigabit-capable-broadband.json}
    files:
      - url: %(els_url)s
        mirror_path: indicators/none.csv.gz
        sha256: "%(els_sha)s"
        mirror_copy: none
  test_ons_versions:
    title: A versioned ONS dataset (test)
    publisher: Office for National Statistics
    landing_page: https://www.ons.gov.uk%(page)s
    licence: Open Government Licence v3.0
    attribution: "Source: ONS"
    release: 2025-06-26
    vintage: June 2025
    code_vintage: LAD23
    format: csv
    parser: parse_els_csv
    schema: tidy_indicator
    measures: {"Gigabit capable broadband": gigabit_coverage_pct}
    discover: {kind: ons}
    files:
      - url: "https://www.ons.gov.uk/file?uri=%(page)s/current{version}/testfile.csv"
        mirror_path: none/testfile.csv
        sha256: "%(els_sha)s"
        mirror_copy: none
"""


@pytest.fixture
def web(tmp_path, monkeypatch):
    """No mirror; cache, store and lock in tmp; a local server standing in for publishers."""
    monkeypatch.delenv("LIS_DATA_MIRROR", raising=False)
    for name, sub in [("LIS_DATA_CACHE", "raw"), ("LIS_DATA_PROCESSED", "processed"),
                      ("LIS_DATA_LOCK", "lis-data.lock.json")]:
        monkeypatch.setenv(name, str(tmp_path / sub))
    extra = tmp_path / "registry_test.yaml"
    extra.write_text(REGISTRY % {"els_url": f"{ELS_RAW}/{COMMIT}/{ELS_PATH}",
                                 "els_sha": sha(GIGABIT), "page": ONS_PAGE})
    monkeypatch.setenv("LIS_REGISTRY_EXTRA", str(extra))
    from lis_analytics.data import store

    store._memory.clear()
    registry.cache_clear()
    with LocalServer() as server:
        monkeypatch.setenv("LIS_URL_REWRITE", f"https://={server.url}/https/")
        server.routes[local(f"{ELS_RAW}/{COMMIT}/{ELS_PATH}")] = GIGABIT
        yield server
    registry.cache_clear()
    store._memory.clear()


def test_whole_download_path_from_the_publisher_layout(web):
    status, seconds = build_one("test_gigabit")
    assert status == "built"
    table = load_dataset("test_gigabit")
    wigan = table[table["area_code"] == "E08000010"].iloc[0]
    assert pd.isna(wigan["value"]) and wigan["flag"] == "[x]"  # suppressed: missing, not zero
    bolton = table[table["area_code"] == "E08000001"].iloc[0]
    assert bolton["value"] == 95.0 and bolton["period"] == "2026"
    source = table_build("test_gigabit")["sources"][0]
    assert source["origin"] == "web" and source["sha256"] == sha(GIGABIT)
    assert source["url"] == f"{ELS_RAW}/{COMMIT}/{ELS_PATH}"
    assert web.requests == [local(f"{ELS_RAW}/{COMMIT}/{ELS_PATH}")]


def test_second_fetch_reads_the_cache_without_a_request(web):
    locate("test_gigabit")
    (found,) = locate("test_gigabit")
    assert found.origin == "cache"
    assert len(web.requests) == 1


def test_a_different_file_at_the_pinned_address_fails_its_checksum(web):
    web.routes[local(f"{ELS_RAW}/{COMMIT}/{ELS_PATH}")] = GIGABIT.replace(b"95.0", b"96.0")
    with pytest.raises(ChecksumError, match=r"test_gigabit: gigabit-capable-broadband.csv "
                                            r"\(from https://raw.githubusercontent.com"):
        locate("test_gigabit")


def test_unknown_checksum_is_recorded_on_first_download_then_enforced(web, tmp_path):
    extra = Path(str(tmp_path / "registry_test.yaml"))
    extra.write_text(extra.read_text().replace(f'sha256: "{sha(GIGABIT)}"', 'sha256: ""', 1))
    registry.cache_clear()
    locate("test_gigabit")
    assert lock_entry("test_gigabit")["files"][0]["sha256"] == sha(GIGABIT)
    assert get_dataset("test_gigabit").files[0].sha256 == sha(GIGABIT)
    # the publisher now serves other bytes under the same address: refused
    web.routes[local(f"{ELS_RAW}/{COMMIT}/{ELS_PATH}")] = GIGABIT + b"\n"
    for path in (tmp_path / "raw").rglob("*.csv"):
        path.unlink()
    with pytest.raises(ChecksumError):
        locate("test_gigabit")


def _ons_json(release_utc: str, versions: list[str] = ()) -> bytes:
    """An ONS dataset page's JSON (``<page>/data``), reduced to the fields we read."""
    return json.dumps({
        "type": "dataset",
        "uri": ONS_PAGE + "/current",
        "description": {"title": "Test dataset", "releaseDate": release_utc,
                        "nextRelease": "To be announced"},
        "downloads": [{"file": "testfile.csv"}],
        "versions": [{"uri": v, "updateDate": release_utc, "correctionNotice": ""}
                     for v in versions],
    }).encode()


def test_ons_version_is_resolved_by_release_date_not_current(web):
    ons = "https://www.ons.gov.uk"
    web.routes[local(f"{ons}{ONS_PAGE}/current/data")] = _ons_json(
        "2026-06-24T23:00:00.000Z", [f"{ONS_PAGE}/current/previous/v1",
                                     f"{ONS_PAGE}/current/previous/v2"])
    web.routes[local(f"{ons}{ONS_PAGE}/current/previous/v1/data")] = _ons_json(
        "2024-06-17T23:00:00.000Z")
    web.routes[local(f"{ons}{ONS_PAGE}/current/previous/v2/data")] = _ons_json(
        "2025-06-25T23:00:00.000Z")  # 26 June 2025, UK time
    pinned = f"{ons}/file?uri={ONS_PAGE}/current/previous/v2/testfile.csv"
    web.routes[local(pinned)] = GIGABIT
    ds = get_dataset("test_ons_versions")
    assert resolve_url(ds, ds.files[0]) == pinned
    (found,) = locate("test_ons_versions")
    assert found.origin == "web" and found.url == pinned
    assert local(f"{ons}/file?uri={ONS_PAGE}/current/testfile.csv") not in web.requests


def _announce_newer_els(web, csv: bytes, new_commit: str = "b" * 40) -> None:
    web.routes[local(f"{ELS_RAW}/main/gigabit-capable-broadband/"
                     "gigabit-capable-broadband.json")] = (
        b'{"ess-beta-metadata": {"shared": {"sourceDate": "01/06/2027"}}}')
    api = ("https://api.github.com/repos/ONSdigital/explore-local-statistics-data/commits"
           f"?path={ELS_PATH}&per_page=1")
    web.routes[local(api)] = json.dumps([{"sha": new_commit}]).encode()
    web.routes[local(f"{ELS_RAW}/{new_commit}/{ELS_PATH}")] = csv


def test_update_brings_in_a_newer_release_and_locks_it(web):
    build_one("test_gigabit")
    newer = GIGABIT.replace(b"2026-01-01,95.0", b"2027-01-01,97.5")
    _announce_newer_els(web, newer)
    result = update_dataset("test_gigabit")
    assert (result.status, result.release_before, result.release_after) == (
        "updated", "2026-05-13", "2027-06-01")
    entry = lock_entry("test_gigabit")
    assert entry["release"] == "2027-06-01"
    assert entry["files"][0] == {"url": f"{ELS_RAW}/{'b' * 40}/{ELS_PATH}",
                                 "sha256": sha(newer), "member": ""}
    table = load_dataset("test_gigabit")
    assert table.loc[table["area_code"] == "E08000001", "value"].tolist() == [97.5]
    assert dataset_status(["test_gigabit"]).iloc[0]["release"] == "2027-06-01"


def test_update_with_a_renamed_column_changes_nothing(web, tmp_path):
    build_one("test_gigabit")
    parquet = tmp_path / "processed" / "test_gigabit.parquet"
    before = (parquet.read_bytes(), (tmp_path / "processed" / "_manifest.json").read_bytes())
    _announce_newer_els(web, GIGABIT.replace(b",observation,", b",obs_value,"))
    with pytest.raises(UpdateError, match=r"(?s)release 2027-06-01 was not brought in.*"
                                          r"gigabit-capable-broadband.csv.*missing "
                                          r"\['observation'\]"):
        update_dataset("test_gigabit")
    assert read_lock() == {}
    assert get_dataset("test_gigabit").release == "2026-05-13"
    after = (parquet.read_bytes(), (tmp_path / "processed" / "_manifest.json").read_bytes())
    assert after == before


def test_status_offline_says_not_checked_and_succeeds(web, monkeypatch):
    monkeypatch.setenv("LIS_URL_REWRITE", "https://=http://127.0.0.1:9/")  # nothing listens
    result = CliRunner().invoke(app, ["data", "status", "--json", "test_gigabit",
                                      "test_ons_versions", "lookup_lad21_lep21"])
    assert result.exit_code == 0, result.output
    rows = {r["dataset"]: r for r in json.loads(result.output)}
    assert rows["test_gigabit"]["upstream"] == "not checked (offline)"
    assert rows["test_ons_versions"]["upstream"] == "not checked (offline)"
    assert rows["lookup_lad21_lep21"]["upstream"].startswith("no release feed")
    assert rows["test_gigabit"]["release"] == "2026-05-13"


def test_status_online_reports_a_newer_release(web):
    build_one("test_gigabit")
    _announce_newer_els(web, GIGABIT)
    answers = check_upstream(["test_gigabit"])
    assert answers["test_gigabit"]["newest_release"] == "2027-06-01"
    row = dataset_status(["test_gigabit"]).iloc[0]
    assert row["upstream"].startswith("newer release 2027-06-01")
    assert (row["read_from"], row["period"]) == ("web", "2026")


def test_a_member_missing_from_the_published_zip_is_named(web, tmp_path):
    extra = Path(str(tmp_path / "registry_test.yaml"))
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as bundle:
        bundle.writestr("other.csv", GIGABIT)
    text = extra.read_text().replace(f"{ELS_RAW}/{COMMIT}/{ELS_PATH}",
                                     "https://www.nomisweb.co.uk/output/test.zip", 1)
    text = text.replace(f'sha256: "{sha(GIGABIT)}"', f'sha256: "{sha(zipped.getvalue())}"\n'
                        '        member: "gigabit*.csv"', 1)
    extra.write_text(text)
    registry.cache_clear()
    web.routes[local("https://www.nomisweb.co.uk/output/test.zip")] = zipped.getvalue()
    with pytest.raises(SourceFormatError, match=r"test.zip should hold exactly one member "
                                                r"matching 'gigabit\*.csv'; it holds none"):
        locate("test_gigabit")


# ------------------------------------------------------------------ with the real mirror


def _published_bytes(mirror: Path, ds_id: str, index: int) -> tuple[str, bytes] | None:
    """The published artefact of one file, rebuilt from the mirror copy, if the mirror holds it."""
    ds = get_dataset(ds_id)
    source = ds.files[index]
    data = (mirror / source.mirror_path).read_bytes()
    url = source.url.replace("{version}", "")
    if source.mirror_copy == "official":
        return url, data
    if source.mirror_copy == "gzip":
        return url, gzip.decompress(data)
    if source.mirror_copy in ("member", "member-gzip"):
        content = gzip.decompress(data) if source.mirror_copy == "member-gzip" else data
        name = source.member.replace("*", "PROV - ", 1).replace("*", "")
        zipped = io.BytesIO()
        with zipfile.ZipFile(zipped, "w") as bundle:
            bundle.writestr(name, content)
        return url, zipped.getvalue()
    return None


def _serve_publishers(web, mirror: Path, ids: list[str]) -> None:
    for ds_id in ids:
        ds = get_dataset(ds_id)
        for i, source in enumerate(ds.files):
            url, body = _published_bytes(mirror, ds_id, i)
            web.routes[local(url)] = body
            if "{version}" in source.url:
                from lis_analytics.data.releases import _edition_page

                page = _edition_page(source.url)
                web.routes[local(page + "/data")] = json.dumps({
                    "type": "dataset", "description": {"releaseDate": ds.release}}).encode()


def _reachable_in_mirror() -> list[str]:
    return [d.id for d in registry().values()
            if d.reachable.startswith("yes") and not d.id.startswith("test_")
            and all(f.mirror_copy in ("official", "gzip", "member", "member-gzip")
                    for f in d.files)]


@pytest.mark.integration
def test_web_route_builds_the_same_tables_as_the_mirror(web, mirror, tmp_path, monkeypatch):
    """``lis data fetch`` + ``lis data build`` from publisher-layout files = the mirror's tables."""
    ids = _reachable_in_mirror()
    assert len(ids) >= 25, ids
    _serve_publishers(web, mirror, ids)
    runner = CliRunner()
    result = runner.invoke(app, ["data", "fetch", *ids])
    assert result.exit_code == 0, result.output
    assert " web " in result.output and "mirror" not in result.output
    result = runner.invoke(app, ["data", "build", *ids])
    assert result.exit_code == 0, result.output
    web_tables = {ds_id: pd.read_parquet(tmp_path / "processed" / f"{ds_id}.parquet")
                  for ds_id in ids}
    # the same datasets from the mirror, into another store
    monkeypatch.setenv("LIS_DATA_MIRROR", str(mirror))
    monkeypatch.setenv("LIS_DATA_PROCESSED", str(tmp_path / "processed_mirror"))
    from lis_analytics.data import store

    store._memory.clear()
    for ds_id in ids:
        build_one(ds_id)
        from_mirror = pd.read_parquet(tmp_path / "processed_mirror" / f"{ds_id}.parquet")
        pd.testing.assert_frame_equal(web_tables[ds_id], from_mirror, obj=ds_id)
        assert table_build(ds_id)["sources"][0]["origin"] == "mirror"


@pytest.mark.integration
def test_update_to_an_edition_with_a_renamed_column_fails_and_keeps_the_pack_data(
        web, mirror, tmp_path):
    """The ONS workbook as served, then a 'newer edition' whose 'LA code' column was renamed."""
    import openpyxl

    ds = get_dataset("population_rgva")
    _serve_publishers(web, mirror, ["population_rgva"])
    assert build_one("population_rgva")[0] == "built"
    processed = tmp_path / "processed"
    before = {p.name: p.read_bytes() for p in processed.iterdir()}

    book = openpyxl.load_workbook(mirror / ds.files[0].mirror_path)
    sheet = book["Population data"]
    assert sheet["B1"].value == "LA code"
    sheet["B1"] = "Local authority code"
    newer = io.BytesIO()
    book.save(newer)
    page = "https://www.ons.gov.uk" + ds.files[0].url.split("uri=", 1)[1].split("{version}")[0]
    web.routes[local(page + "/data")] = _ons_json("2026-04-23T23:00:00.000Z")
    web.routes[local(ds.landing_page + "/data")] = json.dumps({
        "type": "dataset_landing_page", "description": {"releaseDate":
                                                         "2026-04-23T23:00:00.000Z"}}).encode()
    web.routes[local(ds.files[0].url.replace("{version}", ""))] = newer.getvalue()

    result = CliRunner().invoke(app, ["data", "update", "population_rgva"])
    assert result.exit_code != 0
    assert "populationestimatesbylocalauthority.xlsx, sheet 'Population data': no column " \
           "'LA code'" in result.output
    assert "release 2026-04-24 was not brought in" in result.output
    assert read_lock() == {}
    assert {p.name: p.read_bytes() for p in processed.iterdir()} == before


def test_docs_list_every_source_as_the_registry_says(monkeypatch):
    monkeypatch.delenv("LIS_REGISTRY_EXTRA", raising=False)
    monkeypatch.delenv("LIS_DATA_LOCK", raising=False)
    registry.cache_clear()
    from lis_analytics.data.status import sources_markdown

    docs = Path(__file__).parents[1] / "docs" / "data_sources.md"
    assert docs.read_text("utf-8") == sources_markdown(), (
        "docs/data_sources.md is out of date: run `lis data list --markdown > "
        "docs/data_sources.md`")


def test_status_asks_nomis_for_its_newest_release(web):
    """A dataset announced by Nomis: the overview JSON (recorded layout) gives the last update."""
    overview = (FIXTURES / "nomis" / "NM_162_1.overview.json").read_bytes()
    web.routes[local("https://www.nomisweb.co.uk/api/v01/dataset/NM_162_1.overview.json")] = (
        overview)
    from dataclasses import replace

    from lis_analytics.data.releases import newest_release

    ds = replace(get_dataset("test_gigabit"), discover={"kind": "nomis", "dataset": "NM_162_1"})
    upstream = newest_release(ds)
    assert (upstream.checked, upstream.release) == (True, "2025-02-18")
    assert upstream.note == "Nomis NM_162_1, latest period 2025-01"
    assert upstream.is_newer_than("2025-01-21")


def test_an_unreachable_host_fails_at_once_and_a_5xx_is_retried(monkeypatch):
    from lis_analytics.data.http import get_bytes
    from lis_analytics.errors import DataUnavailableError

    monkeypatch.setenv("LIS_URL_REWRITE", "https://=http://127.0.0.1:9/")  # nothing listens
    with pytest.raises(DataUnavailableError) as err:
        get_bytes("https://www.ons.gov.uk/x", backoff=0)
    assert "attempts" not in str(err.value) and "rewritten to http://127.0.0.1:9/" in str(
        err.value)
    calls = []

    def flaky(path):
        calls.append(path)
        return (503, b"busy") if len(calls) == 1 else (200, b"ok")

    with LocalServer({"/https/www.ons.gov.uk/y": flaky}) as server:
        monkeypatch.setenv("LIS_URL_REWRITE", f"https://={server.url}/https/")
        assert get_bytes("https://www.ons.gov.uk/y", backoff=0) == b"ok"
    assert len(calls) == 2


def test_bad_settings_are_clear_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("LIS_URL_REWRITE", "a=b=c=d")
    result = CliRunner().invoke(app, ["data", "status", "els_gigabit"])
    assert result.exit_code == 2
    assert "LIS_URL_REWRITE: cannot split 'a=b=c=d'" in result.output
    monkeypatch.delenv("LIS_URL_REWRITE")
    bad = tmp_path / "lock.json"
    bad.write_text("{not json")
    monkeypatch.setenv("LIS_DATA_LOCK", str(bad))
    result = CliRunner().invoke(app, ["data", "status", "--no-check", "els_gigabit"])
    assert result.exit_code == 2
    assert "lock.json is not a lis-analytics data lock file" in result.output
