"""Derived tables: declared builders, signature-based freshness, safe copies (no data needed)."""

from __future__ import annotations

import pandas as pd
import pytest

from lis_analytics import data
from lis_analytics.data import derived
from lis_analytics.errors import LisError, UnknownDatasetError

CALLS: dict[str, int] = {}


def build_base() -> pd.DataFrame:
    CALLS["base"] = CALLS.get("base", 0) + 1
    return pd.DataFrame({"area_code": ["A", "B"], "value": [1.0, 2.0]})


def build_doubled(test_base: pd.DataFrame) -> pd.DataFrame:
    CALLS["doubled"] = CALLS.get("doubled", 0) + 1
    return test_base.assign(value=test_base["value"] * 2)


def build_wrong() -> list:
    return [1, 2]


TABLES = {
    "test_base": derived.DerivedTable("test_base", "base", f"{__name__}:build_base"),
    "test_doubled": derived.DerivedTable("test_doubled", "doubled", f"{__name__}:build_doubled",
                                         inputs=("test_base",)),
    "test_wrong": derived.DerivedTable("test_wrong", "wrong", f"{__name__}:build_wrong"),
}


@pytest.fixture
def declared(empty_store, monkeypatch):
    monkeypatch.setattr(derived, "derived_tables", lambda: TABLES)
    monkeypatch.delenv(derived.AREAS_FILE_ENV, raising=False)
    CALLS.clear()
    return empty_store


def test_inputs_are_built_first_and_fresh_tables_are_not_rebuilt(declared):
    table = data.load_table("test_doubled")
    assert table["value"].tolist() == [2.0, 4.0]
    assert CALLS == {"base": 1, "doubled": 1}
    derived._memory.clear()  # a new process: reads the stored tables, builds nothing
    assert data.load_table("test_doubled")["value"].tolist() == [2.0, 4.0]
    assert CALLS == {"base": 1, "doubled": 1}
    status = data.build(["test_base", "test_doubled"])
    assert status["status"].tolist() == ["fresh", "fresh"]


def test_a_changed_area_definition_rebuilds_the_chain(declared, tmp_path, monkeypatch):
    data.load_table("test_doubled")
    areas = tmp_path / "areas.yaml"
    areas.write_text("areas: {}\n")
    monkeypatch.setenv(derived.AREAS_FILE_ENV, str(areas))
    data.load_table("test_doubled")
    assert CALLS == {"base": 2, "doubled": 2}


def test_the_caller_gets_a_copy_it_may_change(declared):
    first = data.load_table("test_base")
    first["value"] = 0.0
    first.loc[0, "area_code"] = "Z"
    again = data.load_table("test_base")
    assert again["value"].tolist() == [1.0, 2.0] and again["area_code"].tolist() == ["A", "B"]


def test_bad_declarations_are_clear_errors(declared):
    with pytest.raises(LisError, match="returned list, not a DataFrame"):
        data.load_table("test_wrong")
    with pytest.raises(UnknownDatasetError, match="Did you mean test_base"):
        derived.get_derived("test_bse")


def test_the_signature_covers_the_code_the_builder_imports():
    closure = derived.source_closure("lis_analytics.sectors.matrix")
    assert "lis_analytics.sectors.suppression" in closure  # imported by matrix
    assert "lis_analytics.geography.bridge" in closure  # imported through geography
    assert "lis_analytics.report.batch" not in closure


def test_every_declared_builder_exists_and_every_input_is_known():
    known = set(data.registry()) | set(derived.derived_tables())
    for table in derived.derived_tables().values():
        assert callable(derived._resolve(table.builder)), table.id
        assert set(derived.input_ids(table)) <= known, table.id


def test_an_unknown_table_suggests_datasets_and_derived_tables(declared):
    with pytest.raises(UnknownDatasetError, match="Did you mean: test_base"):
        data.load_table("test_bse")
