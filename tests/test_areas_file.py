"""The areas file is checked when it is read; every error names the file and line (#16)."""

from __future__ import annotations

import pytest

from lis_analytics.errors import AreaDefinitionError
from lis_analytics.geography.areas_file import parse_areas_yaml, read_areas_file

GOOD = """\
areas:
  wigan_and_neighbours:
    name: Wigan and its neighbouring districts
    description: >-
      Wigan with the districts its economy faces.
    lads: [E08000010, E08000001]
  oxford_cambridge_arc:
    name: Oxford-Cambridge Arc
    areas: [E37000053, E37000043]
"""


def test_a_good_file_gives_its_entries_with_lines():
    entries = parse_areas_yaml(GOOD, "areas.yaml")
    assert [(e.code, e.line, e.lads, e.areas) for e in entries] == [
        ("wigan_and_neighbours", 2, ("E08000010", "E08000001"), ()),
        ("oxford_cambridge_arc", 7, (), ("E37000053", "E37000043"))]
    assert entries[0].description == "Wigan with the districts its economy faces."


@pytest.mark.parametrize(("text", "message"), [
    ("areas:\n  E37000015:\n    name: Mine\n    lads: [E08000010]\n",
     r"mine\.yaml, line 2: custom area code 'E37000015' is shaped like a GSS code and would "
     r"replace an official area"),
    ("areas:\n  ../../../victim:\n    name: V\n    lads: [E08000010]\n",
     r"line 2: custom area code '\.\./\.\./\.\./victim' is not a lower-case slug"),
    ("areas:\n  123:\n    name: N\n    lads: [E08000010]\n",
     r"line 2: custom area code 123 is not a lower-case slug"),
    ("areas:\n  a:\n    name: A\n    lads: [E08000010]\n  a:\n    name: B\n    lads: [E08000001]\n",
     r"mine\.yaml, line 5: 'a' appears twice \(first on line 2\)"),
    ("areas:\n  a:\n    name: A\n    lads: [E08000010\n", r"mine\.yaml, line \d+: not valid YAML"),
    ("areas:\n  a:\n    name: A\n    lads: E08000010\n", r"line 2: 'lads' must be a list of codes"),
    ("areas:\n  a:\n    name: A\n    lads: [8000010]\n", r"line 2: 'lads' must be a list of codes"),
    ("areas:\n  a:\n    lads: [E08000010]\n", r"line 2: custom area 'a' needs a 'name'"),
    ("areas:\n  a:\n    name: A\n", r"line 2: custom area 'a' needs 'lads' and/or 'areas'"),
    ("areas:\n  a:\n    name: A\n    ladz: [E08000010]\n", r"unknown field\(s\) \['ladz'\]"),
    ("places:\n  a: {}\n", r"expected a top-level 'areas:' mapping"),
    ("areas: [a, b]\n", r"line 1: 'areas' must map each custom area code"),
])
def test_a_bad_file_is_a_clear_error_naming_file_and_line(text, message):
    with pytest.raises(AreaDefinitionError, match=message):
        parse_areas_yaml(text, "mine.yaml")


@pytest.mark.parametrize("text", ["", "areas:\n", "areas: []\n", "areas: {}\n"])
def test_an_empty_file_has_no_custom_areas(text):
    assert parse_areas_yaml(text) == []


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(AreaDefinitionError, match=r"nowhere\.yaml does not exist"):
        read_areas_file(tmp_path / "nowhere.yaml")
