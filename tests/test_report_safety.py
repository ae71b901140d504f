"""Outputs that never lose a good pack, and nothing unsafe from configuration (issue #13).

A failed rebuild keeps the last good pack with a dated banner and a recorded failure; an
interrupted run leaves no build folder; names from the areas file are escaped in the HTML;
an area code that would name a folder outside ``reports/`` is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import nbformat
import pytest

from lis_analytics.errors import AreaDefinitionError
from lis_analytics.geography import Area
from lis_analytics.report import batch, safety

LANCASHIRE = "E37000019"
ONE_CHAPTER = ("productivity.ipynb",)
FAILING = {"latest_year": "1990"}  # a year before the data: the chapter raises
"""Refused before any kernel by the runner's year check, which these tests lift to see a
notebook fail inside its kernel (:func:`_let_any_year_through`)."""


def _let_any_year_through(monkeypatch) -> None:
    monkeypatch.setattr(batch, "check_latest_year", lambda year, years: None)
PACK_FILES = ("index.html", "workbook.xlsx", "figures.csv", "data_as_at.json")


def _pack_bytes(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in PACK_FILES if name != "index.html"}


def _without_banner(page: str) -> str:
    return safety._BANNER.sub("", page)


# ------------------------------------------------------------------ failed rebuild


@pytest.fixture(scope="module")
def good_pack(tmp_path_factory) -> tuple[Path, batch.AreaResult]:
    """A one-chapter Lancashire pack, built once for the failed-rebuild tests."""
    out = tmp_path_factory.mktemp("reports")
    result = batch.run_area(LANCASHIRE, out_root=out, chapters=ONE_CHAPTER)
    assert result.status == "succeeded", result.error
    return out, result


@pytest.mark.integration
def test_a_failed_rebuild_keeps_the_good_pack_with_a_banner(good_pack, monkeypatch):
    _let_any_year_through(monkeypatch)
    out, good = good_pack
    folder = out / LANCASHIRE
    before = _pack_bytes(folder)
    page_before = (folder / "index.html").read_text()
    assert good.pack_available and good.pack_built == dt.date.today().isoformat()
    assert safety.BANNER_START not in page_before

    failed = batch.run_area(LANCASHIRE, FAILING, out_root=out, chapters=ONE_CHAPTER)

    assert failed.status == "failed" and "1990" in failed.error
    assert failed.pack_available and failed.pack_built == good.pack_built
    assert _pack_bytes(folder) == before  # workbook, figures and data panel untouched
    page = (folder / "index.html").read_text()
    today = safety.long_date(dt.date.today())
    assert page.count(safety.BANNER_START) == 1
    assert f"The latest rebuild, on {today}, failed: " in page
    assert f"This pack is from the last successful build, on {today}." in page
    assert page.index(safety.BANNER_START) < page.index("<h1")  # near the top
    assert _without_banner(page) == page_before  # the rest of the page is the good pack
    record = json.loads((folder / "last_failure.json").read_text())
    assert record["error"] == failed.error and record["inputs_hash"] == failed.inputs_hash
    assert record["date"].startswith(dt.date.today().isoformat())
    assert record["failed_files"] == ["failed/evidence_pack.ipynb"]
    kept = nbformat.read(folder / "failed" / "evidence_pack.ipynb", as_version=4)
    assert any(o.get("output_type") == "error" for c in kept.cells for o in c.get("outputs", []))
    status = json.loads((folder / "status.json").read_text())
    assert status["status"] == "failed" and status["pack_available"] is True
    assert status["pack_inputs_hash"] == good.inputs_hash
    assert not list(out.glob(".tmp-*"))

    # the manifest says the latest build failed, and that a pack from its date is available
    batch._write_manifest(out, [failed], {}, 1.0)
    entry = json.loads((out / "manifest.json").read_text())["areas"][LANCASHIRE]
    assert entry["status"] == "failed" and entry["error"] == failed.error
    assert entry["pack_available"] is True and entry["pack_built"] == good.pack_built
    assert entry["run_at"] == failed.run_at


@pytest.mark.integration
def test_every_failure_path_is_recorded_beside_the_pack(good_pack, monkeypatch):
    out, good = good_pack
    folder = out / LANCASHIRE
    before = _pack_bytes(folder)
    # a parameter the runner refuses (an unknown comparator): no kernel starts
    refused = batch.run_area(LANCASHIRE, {"comparator_codes": ["E99999999"]}, out_root=out,
                             chapters=ONE_CHAPTER)
    assert refused.status == "failed" and "E99999999" in refused.error
    assert refused.pack_available and refused.pack_built == good.pack_built
    page = (folder / "index.html").read_text()
    assert page.count(safety.BANNER_START) == 1 and "E99999999" in page  # replaced, not added
    assert not (folder / "failed" / "evidence_pack.ipynb").exists()  # no notebook ran
    # assembling the pack fails after the notebook ran
    from lis_analytics.report import assemble

    def broken_export(notebook, path):
        raise OSError("disk full while writing the page")

    monkeypatch.setattr(assemble, "export_html", broken_export)
    assembly = batch.run_area(LANCASHIRE, out_root=out, chapters=ONE_CHAPTER, force=True)
    assert assembly.status == "failed" and "while assembling" in assembly.error
    assert (folder / "failed" / "assembly_error.txt").read_text().count("disk full") >= 1
    page = (folder / "index.html").read_text()
    assert page.count(safety.BANNER_START) == 1 and "disk full while writing the page" in page
    assert _pack_bytes(folder) == before
    monkeypatch.undo()

    # a failed area is never skipped as unchanged, and a good rebuild clears the failure
    rebuilt = batch.run_area(LANCASHIRE, out_root=out, chapters=ONE_CHAPTER)
    assert rebuilt.status == "succeeded" and rebuilt.inputs_hash == good.inputs_hash
    assert safety.BANNER_START not in (folder / "index.html").read_text()
    assert not (folder / "last_failure.json").exists() and not (folder / "failed").exists()
    assert batch.run_area(LANCASHIRE, out_root=out, chapters=ONE_CHAPTER).status == "skipped"


@pytest.mark.integration
def test_a_failure_without_a_good_pack_is_recorded_in_its_place(tmp_path):
    result = batch.run_area(LANCASHIRE, {"comparator_codes": ["E99999999"]}, out_root=tmp_path,
                            chapters=ONE_CHAPTER)
    folder = tmp_path / LANCASHIRE
    assert result.status == "failed" and not result.pack_available
    assert not (folder / "index.html").exists()
    status = json.loads((folder / "status.json").read_text())
    assert status["status"] == "failed" and status["pack_available"] is False
    assert json.loads((folder / "last_failure.json").read_text())["error"] == result.error


def test_the_banner_is_dated_escaped_and_replaced():
    banner = safety.failure_banner("2026-11-28T10:00:00", "bad <b>year</b>.", "2026-11-01")
    assert ("The latest rebuild, on 28 November 2026, failed: bad &lt;b&gt;year&lt;/b&gt;. "
            "This pack is from the last successful build, on 1 November 2026.") in banner
    page = "<html><body class='x'>\n<main>\n<h1>Pack</h1></main></body></html>"
    once = safety.with_banner(page, banner)
    twice = safety.with_banner(once, safety.failure_banner("2026-11-29", "other", "2026-11-01"))
    assert twice.count(safety.BANNER_START) == 1 and "29 November 2026" in twice
    assert "bad &lt;b&gt;" not in twice and _without_banner(twice) == page


# ------------------------------------------------------------------ interrupted runs


def _fake_good_pack(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True)
    for name in PACK_FILES:
        (folder / name).write_text(f"good {name}")
    (folder / "status.json").write_text(json.dumps({"status": "succeeded",
                                                    "inputs_hash": "earlier"}))
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.integration
def test_an_interrupted_build_leaves_no_build_folder_and_the_pack_intact(tmp_path, monkeypatch):
    import papermill

    before = _fake_good_pack(tmp_path / LANCASHIRE)
    seen = []

    def interrupted(*args, **kwargs):
        seen.extend(tmp_path.glob(".tmp-*"))  # the build folder existed
        raise KeyboardInterrupt

    monkeypatch.setattr(papermill, "execute_notebook", interrupted)
    with pytest.raises(KeyboardInterrupt):
        batch.run_area(LANCASHIRE, out_root=tmp_path, chapters=ONE_CHAPTER, force=True)
    assert seen and not list(tmp_path.glob(".tmp-*"))
    assert {p.name: p.read_bytes() for p in (tmp_path / LANCASHIRE).iterdir()} == before


def _worker_that_is_interrupted(area_code, parameters, out_root, force, base_hash, chapters,
                                frame="lis"):
    """A worker interrupted mid-build: its build folder is left, as a killed worker's is."""
    (Path(out_root) / f".tmp-{area_code}-{os.getpid()}").mkdir()
    time.sleep(0.2)
    return batch.AreaResult(area_code, area_code, "LEP", "succeeded", 0.2)


@pytest.mark.integration
def test_an_interrupted_batch_sweeps_its_build_folders(tmp_path, monkeypatch):
    from concurrent.futures import wait

    from lis_analytics.report import shared

    def interrupt_when_all_started(futures):
        wait(futures)
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "_run_area_safely", _worker_that_is_interrupted)
    monkeypatch.setattr(batch, "as_completed", interrupt_when_all_started)
    monkeypatch.setattr(shared, "prepare_shared", lambda: None)
    with pytest.raises(KeyboardInterrupt):
        batch.run_reports([LANCASHIRE, "E37000015"], jobs=2, progress=False, out_root=tmp_path,
                          chapters=ONE_CHAPTER)
    assert not list(tmp_path.glob(".tmp-*"))
    assert not (tmp_path / "manifest.json").exists()  # an interrupted batch publishes nothing


# ------------------------------------------------------------------ names from configuration

NAME = "Test <script>alert(1)</script> & Co"
DESCRIPTION = 'Made by <img src=x onerror="alert(2)"> for a test & nothing else'
NAMES_CHAPTER = '''
# %% tags=["parameters"]
area_code = "E37000015"
comparator_codes = []
latest_year = ""
output_dir = ""

# %% tags=["remove"]
import pandas as pd
from IPython.display import Markdown, display

import lis_analytics as la
from lis_analytics.present import Chapter

area = la.get_area(area_code)
chapter = Chapter("names", "Names", area.code, area.name, output_dir or None)

# %% [markdown]
# ## Names

# %% tags=["remove"]
display(Markdown(f"{area.name}: {area.description}"))
chapter.key_findings([f"{area.name} has {len(area)} district."])
chapter.table(pd.DataFrame({"Area": [area.name], "Districts": [len(area)]}), name="names",
              title=f"Districts of {area.name}", source=f"Source: {area.name}",
              source_dataset_ids=["productivity_lad"], units=area.name,
              notes=[area.description])
chapter.figure("districts", f"Districts of {area.name}", "2023", len(area), "count",
               source_dataset_id="productivity_lad")
chapter.save()
'''


@pytest.fixture
def unsafe_name_area(tmp_path, monkeypatch):
    """A custom area whose name and description carry HTML, and a chapter that quotes them."""
    import jupytext

    from lis_analytics.geography import catalogue

    areas = tmp_path / "areas.yaml"
    areas.write_text(json.dumps({"areas": {"test_co": {
        "name": NAME, "description": DESCRIPTION, "lads": ["E08000010"]}}}))
    monkeypatch.setenv("LIS_AREAS_FILE", str(areas))
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = jupytext.reads(NAMES_CHAPTER, fmt="py:percent")
    nb.metadata["kernelspec"] = {"name": batch.KERNEL_NAME, "language": "python",
                                 "display_name": "lis"}
    nbformat.write(nb, notebooks / "names.ipynb")
    monkeypatch.setenv("LIS_NOTEBOOKS_DIR", str(notebooks))
    # a plain kernel: the pre-loaded one warms every all-area table, which another areas
    # file would rebuild (minutes); this chapter reads none of them
    monkeypatch.setenv("LIS_KERNEL_FORKSERVER", "0")
    catalogue._catalogue.cache_clear()
    yield "test_co"
    catalogue._catalogue.cache_clear()


@pytest.mark.integration
def test_names_from_the_areas_file_are_escaped_in_the_pack(unsafe_name_area, tmp_path):
    result = batch.run_area(unsafe_name_area, out_root=tmp_path / "reports",
                            chapters=("names.ipynb",))
    assert result.status == "succeeded", result.error
    page = (tmp_path / "reports" / unsafe_name_area / "index.html").read_text()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "onerror=\"alert" not in page
    shown = page.count("Test &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co")
    assert shown >= 6  # heading, title, markdown, finding, table caption, cell, units, source
    assert "&amp;lt;" not in page  # escaped once, not twice


# ------------------------------------------------------------------ area codes


def test_an_area_code_that_is_a_path_is_refused_when_the_file_is_read(tmp_path):
    from lis_analytics.geography import load_custom_areas

    path = tmp_path / "areas.yaml"
    path.write_text("areas:\n  ../../../victim:\n    name: Victim\n    lads: [E08000010]\n")
    with pytest.raises(AreaDefinitionError) as caught:
        load_custom_areas(path, known={})
    message = str(caught.value)
    assert str(path) in message and "'../../../victim'" in message
    assert "lower-case slug" in message  # custom codes are slugs only (#16): never GSS-shaped
    for good in ("oxford_cambridge_arc", "wigan_and_neighbours", "E37000019"):
        assert safety.is_safe_area_code(good)
    for bad in ("../x", "Arc", "arc-2", ".tmp-x", "x/y", "", "E3700001/"):
        assert not safety.is_safe_area_code(bad)


def test_run_area_refuses_a_code_that_would_escape_the_reports_folder(tmp_path, monkeypatch):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.txt").write_text("keep me")
    out = tmp_path / "a" / "b" / "reports"
    escaping = Area("../../../victim", "Victim", "CUSTOM", ("E08000010",))
    monkeypatch.setattr(batch, "get_area", lambda code, kind=None: escaping)
    with pytest.raises(safety.UnsafePackFolderError, match="refusing area code"):
        batch.run_area(escaping.code, out_root=out, chapters=ONE_CHAPTER)
    assert (victim / "precious.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["victim"]  # nothing written
    # the batch worker neither builds nor writes its log outside the reports folder
    result = batch._run_area_safely(escaping.code, {}, str(out), False, "", ONE_CHAPTER)
    assert result.status == "failed" and "refusing area code" in result.error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["victim"]


def test_a_pack_folder_linked_outside_the_reports_folder_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "reports"
    out.mkdir()
    (out / "E37000019").symlink_to(outside, target_is_directory=True)
    with pytest.raises(safety.UnsafePackFolderError, match="outside the reports folder"):
        safety.pack_folder(out, "E37000019")
    build = out / ".tmp-x"
    build.mkdir()
    with pytest.raises(safety.UnsafePackFolderError):
        batch._atomic_replace(build, outside)
    assert outside.is_dir() and build.is_dir()


# ------------------------------------------------------------------ runs at the same time (#16)


def _hold_build_folder(out_root, area_code, ready, release):
    """Another run: owns a build folder until told to stop."""
    with safety.build_folder(Path(out_root), area_code) as tmp:
        tmp.mkdir()
        (tmp / "half-written.txt").write_text("a pack in progress")
        ready.set()
        release.wait()


def test_a_build_folder_of_a_live_run_survives_another_runs_cleanup(tmp_path):
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    other = ctx.Process(target=_hold_build_folder, args=(str(tmp_path), LANCASHIRE, ready,
                                                         release))
    other.start()
    try:
        assert ready.wait(60)
        live = tmp_path / f".tmp-{LANCASHIRE}-{other.pid}"
        stale = tmp_path / ".tmp-E37000015-999999999"  # its process is gone, no lock file
        stale.mkdir()
        dead_lock = tmp_path / ".tmp-E37000001-999999998"  # a lock file nobody holds
        dead_lock.mkdir()
        dead_lock.with_name(dead_lock.name + ".lock").touch()
        removed = safety.remove_build_folders(tmp_path)
        assert sorted(p.name for p in removed) == sorted([stale.name, dead_lock.name])
        assert (live / "half-written.txt").read_text() == "a pack in progress"
        assert safety.remove_build_folders(tmp_path, [LANCASHIRE]) == []
    finally:
        release.set()
        other.join(60)
    assert not list(tmp_path.glob(".tmp-*"))  # the other run removed its own folder and lock


def test_a_lock_held_elsewhere_is_not_free_and_a_thread_may_retake_its_own(tmp_path):
    lock = tmp_path / "x.lock"
    with safety.file_lock(lock):
        import threading

        seen = []
        worker = threading.Thread(target=lambda: seen.append(
            safety.file_lock(lock, blocking=False).__enter__()))
        worker.start()
        worker.join()
        assert seen == [False]
        with safety.file_lock(lock, blocking=False) as again:
            assert again  # the same thread
    with safety.file_lock(lock, blocking=False) as free:
        assert free


def _entry(code: str) -> batch.AreaResult:
    return batch.AreaResult(code, code, "LEP", "succeeded", 1.0, run_at="2026-11-28T18:00:00",
                            pack_available=True, pack_built="2026-11-28")


def test_manifest_updates_at_the_same_time_keep_both_entries(tmp_path, monkeypatch):
    """One run pauses between reading and writing the manifest while another writes it."""
    import threading

    paused, go = threading.Event(), threading.Event()
    first_thread = []

    def version_label():  # called by _write_manifest between reading and writing
        if threading.get_ident() in first_thread:
            paused.set()
            go.wait(60)
        return "test"

    monkeypatch.setattr(batch, "_version_label", version_label)

    def first():
        first_thread.append(threading.get_ident())
        batch._write_manifest(tmp_path, [_entry("E37000001")], {}, 1.0)

    one = threading.Thread(target=first)
    one.start()
    assert paused.wait(60)
    two = threading.Thread(target=batch._write_manifest,
                           args=(tmp_path, [_entry("E37000002")], {}, 1.0))
    two.start()
    two.join(2)  # without a lock it has written by now; with one it waits for the first
    go.set()
    one.join(60)
    two.join(60)
    areas = json.loads((tmp_path / "manifest.json").read_text())["areas"]
    assert sorted(areas) == ["E37000001", "E37000002"]


def _publish_pack(out_root: str, area_code: str, marker: str, rounds: int) -> None:
    """A run moving whole packs of one area into place again and again."""
    for i in range(rounds):
        with safety.build_folder(Path(out_root), area_code) as tmp:
            tmp.mkdir()
            for name in PACK_FILES:
                (tmp / name).write_text(f"{marker} {i}")
            batch._atomic_replace(tmp, Path(out_root) / area_code)


def test_two_runs_replacing_the_same_pack_leave_a_whole_pack(tmp_path):
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    runs = [ctx.Process(target=_publish_pack, args=(str(tmp_path), LANCASHIRE, m, 30))
            for m in ("first", "second")]
    for run in runs:
        run.start()
    for run in runs:
        run.join(120)
    assert [run.exitcode for run in runs] == [0, 0]  # neither run failed on the other's move
    folder = tmp_path / LANCASHIRE
    contents = {(folder / name).read_text() for name in PACK_FILES}
    assert len(contents) == 1 and contents.pop() in {"first 29", "second 29"}  # one whole pack
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != LANCASHIRE
                 and not p.name.endswith(".lock")]
    assert leftovers == []
