"""Read and check a custom areas file: every error names the file and the line.

A council describes its own areas in YAML (``lis_analytics/config/areas.yaml`` or the file
``LIS_AREAS_FILE`` names)::

    areas:
      wigan_and_neighbours:
        name: Wigan and its neighbouring districts
        lads: [E08000010, E08000001]
      oxford_cambridge_arc:
        name: Oxford-Cambridge Arc
        areas: [E37000053, E37000043]

This module checks the file's shape only: YAML syntax, the code pattern (lower-case slugs,
never a GSS-shaped code that could replace an official area), duplicate codes, and that
names, descriptions and code lists have the right types. Whether the codes exist is checked
by :func:`lis_analytics.geography.load_custom_areas`, which needs the lookups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from lis_analytics.errors import AreaDefinitionError

__all__ = ["CUSTOM_CODE_PATTERN", "AreaEntry", "parse_areas_yaml", "read_areas_file"]

CUSTOM_CODE_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,63}")
"""Codes of custom areas: lower-case slugs (a letter, then letters, digits or ``_``).

A slug is safe as a folder name under ``reports/`` and cannot be mistaken for a GSS code.
"""

_GSS_SHAPED = re.compile(r"[A-Za-z]\d{8}")


@dataclass(frozen=True)
class AreaEntry:
    """One custom area as written in the file (codes not yet checked against the lookups)."""

    code: str
    name: str
    lads: tuple[str, ...]
    areas: tuple[str, ...]
    description: str
    line: int  # 1-based line of the entry's code in the file


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that refuses duplicate keys and remembers each key's line."""

    origin = "areas file"


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[object, int] = {}
    lines: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        line = key_node.start_mark.line + 1
        if isinstance(key, (str, int, float, bool)) or key is None:
            if key in seen:
                raise AreaDefinitionError(
                    f"{loader.origin}, line {line}: {key!r} appears twice (first on line "
                    f"{seen[key]}); each code and each field may appear once")
            seen[key] = line
            lines[key] = line
    mapping = loader.construct_mapping(node, deep=deep)
    return _Mapping(mapping, lines)


class _Mapping(dict):
    """A mapping that knows the line of each key."""

    def __init__(self, data: dict, lines: dict) -> None:
        super().__init__(data)
        self.lines = lines


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strings(value: object, field: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise AreaDefinitionError(
            f"{where}: '{field}' must be a list of codes written as text, e.g. "
            f"[E08000010, E08000001]; found {value!r}")
    return tuple(v.strip() for v in value)


def parse_areas_yaml(text: str, origin: str = "areas file") -> list[AreaEntry]:
    r"""Check the text of an areas file and return its entries in file order.

    Parameters
    ----------
    text
        The YAML text.
    origin
        How errors name the file (its name or path as the user gave it).

    Raises
    ------
    AreaDefinitionError
        Naming ``origin`` and the line: invalid YAML, a duplicate code or field, a code
        that is not a lower-case slug (a GSS-shaped code would replace an official area), a
        missing name, or a field of the wrong type.

    Examples
    --------
    >>> text = "areas:\n  my_area:\n    name: My area\n    lads: [E08000010]\n"
    >>> [(e.code, e.name, e.lads, e.line) for e in parse_areas_yaml(text)]
    [('my_area', 'My area', ('E08000010',), 2)]
    >>> parse_areas_yaml("areas:\n  E37000015:\n    name: Mine\n    lads: [E08000010]\n")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lis_analytics.errors.AreaDefinitionError: areas file, line 2: custom area code ...
    """
    loader = type("_FileLineLoader", (_LineLoader,), {"origin": origin})
    try:
        spec = yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f", line {mark.line + 1}" if mark is not None else ""
        raise AreaDefinitionError(f"{origin}{line}: not valid YAML: "
                                  f"{exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise AreaDefinitionError(f"{origin}: not valid YAML: {exc}") from None
    if spec is None:
        return []
    if not isinstance(spec, dict) or "areas" not in spec:
        raise AreaDefinitionError(f"{origin}: expected a top-level 'areas:' mapping of custom "
                                  "area codes to their definitions")
    areas = spec["areas"]
    if areas in (None, [], {}):
        return []
    if not isinstance(areas, dict):
        line = spec.lines.get("areas", 1) if isinstance(spec, _Mapping) else 1
        raise AreaDefinitionError(f"{origin}, line {line}: 'areas' must map each custom area "
                                  "code to its definition (name, lads and/or areas)")
    entries = []
    for code, entry in areas.items():
        line = areas.lines.get(code, 0) if isinstance(areas, _Mapping) else 0
        where = f"{origin}, line {line}"
        if not isinstance(code, str) or not CUSTOM_CODE_PATTERN.fullmatch(code):
            shaped = isinstance(code, str) and _GSS_SHAPED.fullmatch(code)
            why = ("is shaped like a GSS code and would replace an official area"
                   if shaped else "is not a lower-case slug")
            raise AreaDefinitionError(
                f"{where}: custom area code {code!r} {why}; use a lower-case slug such as "
                "'my_area' (a letter, then letters, digits or _)")
        if not isinstance(entry, dict):
            raise AreaDefinitionError(f"{where}: custom area {code!r} needs a mapping with "
                                      "'name' and 'lads' and/or 'areas'")
        unknown = sorted(set(map(str, entry)) - {"name", "lads", "areas", "description"})
        if unknown:
            raise AreaDefinitionError(f"{where}: custom area {code!r} has unknown field(s) "
                                      f"{unknown}; use name, lads, areas, description")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise AreaDefinitionError(f"{where}: custom area {code!r} needs a 'name' (text)")
        lads = _strings(entry.get("lads"), "lads", where)
        subs = _strings(entry.get("areas"), "areas", where)
        if not lads and not subs:
            raise AreaDefinitionError(f"{where}: custom area {code!r} needs 'lads' and/or "
                                      "'areas' (lists of codes)")
        description = entry.get("description") or ""
        if not isinstance(description, str):
            raise AreaDefinitionError(f"{where}: 'description' of {code!r} must be text")
        entries.append(AreaEntry(code, " ".join(name.split()), lads, subs,
                                 " ".join(description.split()), line))
    return entries


def read_areas_file(path: str | Path) -> list[AreaEntry]:
    """Read and check an areas file (:func:`parse_areas_yaml`); a missing file is an error.

    Raises
    ------
    AreaDefinitionError
        When the file does not exist or cannot be read, or as :func:`parse_areas_yaml`.
    """
    path = Path(path)
    if not path.is_file():
        raise AreaDefinitionError(
            f"areas file {path} does not exist (set by LIS_AREAS_FILE?); point it at a YAML "
            "file laid out as lis_analytics/config/areas.yaml, or unset it")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AreaDefinitionError(f"areas file {path}: cannot be read ({exc})") from None
    return parse_areas_yaml(text, str(path))
