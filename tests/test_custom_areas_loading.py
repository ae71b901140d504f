"""load_custom_areas checks the areas file at load time; every error names the file and line."""

from __future__ import annotations

import pytest

from lis_analytics.errors import AreaDefinitionError
from lis_analytics.geography import load_custom_areas
from lis_analytics.geography.catalogue import OldAreaCodeWarning

pytestmark = pytest.mark.integration


def _load(tmp_path, text):
    path = tmp_path / "mine.yaml"
    path.write_text(text)
    return load_custom_areas(path, known={})


def test_gss_shaped_custom_code_is_refused(tmp_path):
    with pytest.raises(AreaDefinitionError, match=r"mine.yaml, line 2: .*GSS code"):
        _load(tmp_path, "areas:\n  E37000015:\n    name: Mine\n    lads: [E08000010]\n")


def test_duplicate_code_is_refused(tmp_path):
    text = ("areas:\n  a_b:\n    name: A\n    lads: [E08000010]\n"
            "  a_b:\n    name: B\n    lads: [E08000001]\n")
    with pytest.raises(AreaDefinitionError, match="line 5: 'a_b' appears twice"):
        _load(tmp_path, text)


def test_malformed_yaml_names_file_and_line(tmp_path):
    with pytest.raises(AreaDefinitionError, match=r"mine.yaml, line \d+: not valid YAML"):
        _load(tmp_path, "areas:\n  a_b:\n    name: [unclosed\n")


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(AreaDefinitionError, match="does not exist"):
        load_custom_areas(tmp_path / "absent.yaml", known={})


@pytest.mark.parametrize("text", ["areas:\n  123:\n    name: A\n    lads: [E08000010]\n",
                                  "areas:\n  a_b:\n    name: A\n    lads: E08000010\n"])
def test_bad_codes_and_lists_are_clear_errors(tmp_path, text):
    with pytest.raises(AreaDefinitionError, match="mine.yaml, line 2"):
        _load(tmp_path, text)


def test_scottish_district_is_refused(tmp_path):
    with pytest.raises(AreaDefinitionError, match="line 2: 'S12000036' is not an English"):
        _load(tmp_path, "areas:\n  scot:\n    name: S\n    lads: [S12000036]\n")


def test_old_code_is_bridged_with_a_warning_naming_its_successor(tmp_path):
    with pytest.warns(OldAreaCodeWarning, match=r"E07000004.*Buckinghamshire \(E06000060\)"):
        areas = _load(tmp_path, "areas:\n  av:\n    name: AV\n    lads: [E07000004]\n")
    assert areas["av"].lad_codes == ("E06000060",)
