"""Devolution Priority Programme areas, combined county authorities and the kind vocabulary."""

from __future__ import annotations

import pytest

from lis_analytics.errors import UnknownAreaError
from lis_analytics.geography import (
    Area,
    programme_area_councils,
    resolve_kind,
    strategic_authority_areas,
)
from lis_analytics.geography.strategic import strategic_spec


def test_kind_aliases_resolve_case_insensitively():
    assert resolve_kind("SA").type == resolve_kind("strategic-authority").type == "SA"
    assert resolve_kind("Combined_Authority") == resolve_kind("ca")
    assert resolve_kind("CCA").cca_only and not resolve_kind("ca").cca_only
    assert resolve_kind("Region").type == "RGN" and resolve_kind("district").type == "LAD"


def test_unknown_kind_lists_the_choices():
    with pytest.raises(UnknownAreaError, match="strategic-authority.*custom"):
        resolve_kind("county")


def test_cca_label_and_sa_label():
    assert Area("E47000015", "Devon and Torbay", "CA", ("A",), subtype="CCA").label == \
        "Devon and Torbay Combined County Authority"
    assert Area("E47000001", "Greater Manchester", "CA", ("A",)).label == \
        "Greater Manchester Combined Authority"


def test_programme_areas_are_slugs_with_councils_and_source():
    spec = strategic_spec()
    assert spec["programme"]["url"].startswith("https://www.gov.uk/")
    assert str(spec["programme"]["announced"]) == "2025-02-05"
    codes = set(spec["programme_areas"])
    assert codes == {"sa_cheshire_warrington", "sa_cumbria", "sa_greater_essex",
                     "sa_hampshire_solent", "sa_norfolk_suffolk", "sa_sussex_brighton"}
    assert list(programme_area_councils("sa_greater_essex")) == [
        "Essex County Council", "Southend-on-Sea City Council", "Thurrock Council"]


def test_a_declared_code_that_is_not_a_lad_is_refused():
    with pytest.raises(Exception, match="not a LAD December 2023 code"):
        strategic_authority_areas({"E06000049": "Cheshire East"})


@pytest.mark.integration
def test_programme_lads_match_the_canonical_lad_names():
    from lis_analytics.geography import canonical_lads

    names = dict(zip(canonical_lads()["lad_code"], canonical_lads()["lad_name"], strict=True))
    for code in strategic_spec()["programme_areas"]:
        for members in programme_area_councils(code).values():
            for lad, name in members.items():
                assert names.get(lad) == name, (code, lad, name)
    areas = strategic_authority_areas(names)
    assert {c: len(a) for c, a in areas.items()} == {
        "sa_cheshire_warrington": 3, "sa_cumbria": 2, "sa_greater_essex": 14,
        "sa_hampshire_solent": 14, "sa_norfolk_suffolk": 12, "sa_sussex_brighton": 13}
    assert "no official lookup" in areas["sa_cumbria"].source


@pytest.mark.integration
def test_catalogue_has_15_cas_4_ccas_and_6_sas_and_kind_lookup():
    from lis_analytics.geography import all_areas, areas_table, get_area

    assert len(all_areas(["CA"])) == 15
    assert set(areas_table(["CA"], cca_only=True)["code"]) == {
        "E47000013", "E47000015", "E47000017", "E47000018"}
    assert get_area("E47000017").label == "Greater Lincolnshire Combined County Authority"
    assert len(all_areas(["SA"])) == 6
    assert get_area("SA:Cheshire and Warrington").code == "sa_cheshire_warrington"
    assert get_area("cumbria", kind="strategic-authority").code == "sa_cumbria"
    with pytest.raises(UnknownAreaError, match="E37000007.*sa_cumbria"):
        get_area("Cumbria")


@pytest.mark.integration
def test_default_areas_include_every_kind():
    from lis_analytics.report.batch import default_areas

    types = [a.type for a in default_areas()]
    assert types.count("LEP") == 38 and types.count("CA") == 15 and types.count("SA") == 6


@pytest.mark.integration
def test_lis_areas_kind_strategic_authority_lists_the_programme_areas_with_their_districts():
    from typer.testing import CliRunner

    from lis_analytics.cli import app

    result = CliRunner().invoke(app, ["areas", "--kind", "strategic-authority"])
    assert result.exit_code == 0, result.output
    for name in ("Cheshire and Warrington", "Cumbria", "Greater Essex", "Hampshire",
                 "Norfolk and Suffolk", "Sussex and Brighton"):
        assert name in result.output
    # districts with codes, under the council that holds them
    assert "E06000007  Warrington" in result.output and "E06000064  Westmorland" in result.output
    assert "E92000001" not in result.output and "E37000015" not in result.output
    wrong = CliRunner().invoke(app, ["areas", "--kind", "foo"])
    assert wrong.exit_code != 0 and "strategic-authority" in wrong.output
