"""Name and code lookups say what they chose, or refuse to guess (issue #16)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from lis_analytics import geography as geo
from lis_analytics.cli import app
from lis_analytics.errors import UnknownAreaError

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(("name", "types"), [("Greater Manchester", {"LEP", "CA"}),
                                             ("South East", {"LEP", "RGN"})])
def test_a_shared_name_is_an_error_listing_the_candidates_with_their_types(name, types):
    with pytest.raises(UnknownAreaError) as err:
        geo.get_area(name)
    message = str(err.value)
    for area_type in types:
        assert f"{name}, {area_type})" in message
    assert "type before the name" in message


def test_a_type_prefix_or_kind_settles_a_shared_name():
    assert geo.get_area("CA:Greater Manchester").type == "CA"
    assert geo.get_area("Greater Manchester", kind="LEP").code == "E37000015"
    region = geo.get_area("South East", kind="RGN")
    assert (region.type, len(region)) == ("RGN", 64)
    assert len(geo.get_area("LEP:South East")) == 32
    with pytest.raises(UnknownAreaError, match="is a LEP, not a CA"):
        geo.get_area("E37000015", kind="CA")
    with pytest.raises(UnknownAreaError, match="Unknown kind"):
        geo.get_area("Greater Manchester", kind="BOROUGH")


def test_an_old_district_code_resolves_to_its_successor_with_a_warning():
    with pytest.warns(geo.OldAreaCodeWarning, match="E07000026 is an old district code.*"
                      "Cumberland \\(E06000063\\)"):
        area = geo.get_area("E07000026")  # Allerdale until 2023
    assert (area.code, area.type) == ("E06000063", "LAD")


def test_the_cli_takes_a_kind_and_an_unknown_type_is_a_clear_error():
    result = CliRunner().invoke(app, ["areas", "--show", "CA:Greater Manchester"])
    assert result.exit_code == 0 and result.output.startswith("E47000001")
    result = CliRunner().invoke(app, ["areas", "-t", "FOO"])
    assert result.exit_code == 2 and "Unknown area type(s) FOO" in result.output
