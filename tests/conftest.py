"""Shared fixtures: the real data mirror for integration tests, temporary stores for the rest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The offline mirror of official sources (``LIS_DATA_MIRROR``)."""
    path = Path(os.environ["LIS_DATA_MIRROR"])
    assert path.is_dir(), f"LIS_DATA_MIRROR={path} is not a folder"
    return path


@pytest.fixture
def empty_store(tmp_path, monkeypatch):
    """A fresh processed-store folder, so a test cannot see tables built elsewhere."""
    folder = tmp_path / "processed"
    monkeypatch.setenv("LIS_DATA_PROCESSED", str(folder))
    from lis_analytics.data import derived, store

    store._memory.clear()
    derived._memory.clear()
    yield folder
    store._memory.clear()
    derived._memory.clear()


@pytest.fixture(scope="session")
def default_packs(tmp_path_factory):
    """Every default area's pack, built once per test session as ``make reports`` builds them.

    Returns ``(out_root, results)``: the reports folder and the batch's per-area results.
    Tests that read whole packs (one record per figure, length, generated English) share it.
    """
    from lis_analytics.report import batch

    out_root = tmp_path_factory.mktemp("default_packs")
    codes = [a.code for a in batch.default_areas()]
    results = batch.run_reports(codes, jobs=2, progress=False, out_root=out_root)
    return out_root, results
