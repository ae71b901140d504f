"""Parameters a user passes are checked before any kernel starts (issue #16)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from lis_analytics.cli import app
from lis_analytics.report import batch


@pytest.mark.parametrize("name", ["area_code", "output_dir"])
def test_a_runner_parameter_is_refused_before_any_area_is_built(name, tmp_path, monkeypatch):
    def no_kernel(*args, **kwargs):  # pragma: no cover - reached only if the check is missing
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(batch, "_run_area_safely", no_kernel)
    monkeypatch.setattr(batch, "prepare_shared", no_kernel, raising=False)
    with pytest.raises(batch.ParameterError, match=f"{name} is set by the runner"):
        batch.run_reports(["E37000043", "E37000007"], parameters={name: "E37000001"},
                          out_root=tmp_path, progress=False)
    assert not any(tmp_path.iterdir())  # nothing written


def test_the_cli_exits_with_the_error_and_names_no_pack(tmp_path, monkeypatch):
    monkeypatch.setenv("LIS_REPORTS_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["reports", "--areas", "E37000043 E37000007",
                                      "-p", "area_code=E37000001"])
    assert result.exit_code != 0
    assert "area_code is set by the runner" in result.output
    result = CliRunner().invoke(app, ["report", "E37000043", "-p", "output_dir=elsewhere"])
    assert result.exit_code != 0
    assert "output_dir is set by the runner" in result.output
    assert "pack:" not in result.output


@pytest.mark.integration  # names resolve through the area catalogue (real lookups)
def test_an_area_named_twice_is_built_once():
    areas = batch.unique_areas(batch.get_area(c) for c in
                               ["E37000043", "E37000043", "LEP:Buckinghamshire"])
    assert [a.code for a in areas] == ["E37000043"]
