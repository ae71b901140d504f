"""Test-suite wide hooks (here so they also see the doctests collected from the package)."""

from __future__ import annotations

import os

import pytest

DATA_DOCTEST_MARK = "# needs the data"
"""A doctest whose examples hold this comment reads processed tables (an integration test)."""


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Integration tests need the mirror: skip them, loudly, when LIS_DATA_MIRROR is unset.

    Doctests that read the data say so with a ``>>> # needs the data`` line and are marked
    as integration tests, so ``make test-unit`` runs offline with no mirror.
    """
    for item in items:
        test = getattr(item, "dtest", None)
        if test is not None and DATA_DOCTEST_MARK in (test.docstring or ""):
            item.add_marker(pytest.mark.integration)
    if os.environ.get("LIS_DATA_MIRROR"):
        return
    skip = pytest.mark.skip(reason="LIS_DATA_MIRROR is not set (run through `make test`)")
    for item in items:
        if "integration" in item.keywords:
            item.add_marker(skip)
