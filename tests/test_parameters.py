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


# ------------------------------------------------------------------ latest_year (fault 2)

from lis_analytics.report import parameters as P  # noqa: E402


@pytest.mark.parametrize("value", [2019, "2019", " 2019 ", 2019.0])
def test_latest_year_is_accepted_as_a_number_or_a_string(value):
    assert P.normalise_parameters({"latest_year": value}) == {"latest_year": "2019"}
    assert P.normalise_parameters({"latest_year": ""}) == {"latest_year": ""}


@pytest.mark.parametrize("value", ["last", "19", True, "2019-20"])
def test_a_latest_year_that_is_not_a_year_is_refused(value):
    with pytest.raises(P.ParameterError, match="latest_year must be a year such as 2019"):
        P.normalise_parameters({"latest_year": value})


def test_the_error_lists_the_years_of_each_chapter_and_of_every_chapter():
    served = {"productivity": [str(y) for y in range(2004, 2024)],
              "sectors": [str(y) for y in range(1998, 2024)],
              "people, foundations and baseline": [str(y) for y in range(1997, 2027)]}
    assert P.years_every_chapter_serves(served) == [str(y) for y in range(2004, 2024)]
    P.check_latest_year("2019", served)
    P.check_latest_year("", served)
    with pytest.raises(P.ParameterError) as caught:
        P.check_latest_year("2025", served)
    message = str(caught.value)
    assert "productivity serves 2004–2023; sectors 1998–2023;" in message
    assert "Choose a year every chapter serves: 2004–2023" in message


def _readme_parameters() -> list[dict]:
    """Every ``-p NAME=VALUE`` the README shows, parsed as the CLI parses it."""
    import re
    import shlex

    from lis_analytics.cli import _parse_params
    from lis_analytics.data.fetch import project_root

    found = []
    for line in (project_root() / "README.md").read_text().splitlines():
        if "lis report" not in line or " -p " not in line:
            continue
        words = shlex.split(line.split("#")[0])
        values = [words[i + 1] for i, w in enumerate(words) if w in ("-p", "--param")]
        found.append(_parse_params(values))
    assert found and all(re.search(r"latest_year", str(f)) for f in found)
    return found


@pytest.mark.integration  # the years come from the built tables
def test_every_latest_year_the_readme_shows_passes_the_check_and_others_are_refused():
    years = P.chapter_years()
    assert set(years) == {"productivity", "sectors", "people, foundations and baseline"}
    every = P.years_every_chapter_serves(years)
    for params in _readme_parameters() + [{"latest_year": 2022}, {"latest_year": 2019}]:
        batch.check_user_parameters(params)  # no error
        assert P.normalise_parameters(params)["latest_year"] in every
    for bad in (1990, "2030", "1850"):
        with pytest.raises(P.ParameterError, match="Choose a year every chapter serves: 2004"):
            batch.check_user_parameters({"latest_year": bad})


@pytest.mark.integration
def test_a_year_no_chapter_serves_is_refused_before_any_area_is_built(tmp_path, monkeypatch):
    def no_kernel(*args, **kwargs):  # pragma: no cover - reached only if the check is missing
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(batch, "_run_area_safely", no_kernel)
    with pytest.raises(P.ParameterError, match="latest_year 2030 cannot be served"):
        batch.run_reports(["E37000043"], parameters={"latest_year": 2030}, out_root=tmp_path,
                          progress=False)
    assert not any(tmp_path.iterdir())
    result = CliRunner().invoke(app, ["report", "E37000043", "-p", "latest_year=1990"])
    assert result.exit_code != 0 and "2004–2023" in result.output
    assert "pack:" not in result.output


@pytest.mark.integration
@pytest.mark.parametrize("value", ['"2019"', "2019", "2022"])
def test_the_people_chapter_builds_for_the_readme_years(value, tmp_path):
    """'2019' failed when the pack was put together: pay was fixed to 2024 (no rows)."""
    import json

    from lis_analytics.cli import _parse_params

    params = _parse_params([f"latest_year={value}"])
    result = batch.run_area("E37000015", params, out_root=tmp_path, chapters=("people.ipynb",))
    assert result.status == "succeeded", result.error
    page = (tmp_path / "E37000015" / "index.html").read_text()
    assert "No year up to" in page and "not compared here" in page  # pay: the reason shown
    status = json.loads((tmp_path / "E37000015" / "status.json").read_text())
    assert status["status"] == "succeeded"


def test_the_pack_head_says_which_parameters_changed_it():
    import pandas as pd

    from lis_analytics.geography import Area
    from lis_analytics.report.front_matter import _front_matter

    area = Area("E47000001", "Greater Manchester", "CA", ("E08000001",))
    vintages = pd.DataFrame(columns=["title", "publisher", "release", "vintage", "sha256"])
    head, _ = _front_matter(area, [], vintages, {"latest_year": "2019"}, run_date="2026-11-28")
    assert "Built with latest\\_year = 2019" in head[0]["source"]
    head, _ = _front_matter(area, [], vintages, {"latest_year": ""}, run_date="2026-11-28")
    assert "Built with" not in head[0]["source"]
