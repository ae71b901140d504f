"""The dataset registry: what each source is, where it comes from and how to read it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from lis_analytics.errors import UnknownDatasetError


@dataclass(frozen=True)
class SourceFile:
    """One published file: official URL, path inside a mirror and expected sha256."""

    url: str
    mirror_path: str
    sha256: str
    note: str = ""


@dataclass(frozen=True)
class Dataset:
    """A registry entry.

    Attributes mirror the keys of ``registry.yaml``: ``id``, ``title``, ``publisher``,
    ``landing_page``, ``licence``, ``attribution``, ``release``, ``vintage``, ``format``,
    ``parser``, ``schema`` and the list of ``files``.
    """

    id: str
    title: str
    publisher: str
    landing_page: str
    licence: str
    attribution: str
    release: str
    vintage: str
    code_vintage: str
    format: str
    parser: str
    schema: str
    files: tuple[SourceFile, ...]
    source_in_words: str = ""
    licence_url: str = ""
    caveats: str = ""
    expected_total: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def source_line(self) -> str:
        """Source line in words for a chart or table, e.g. ``"Source: Subregional ..."``."""
        return f"Source: {self.source_in_words or self.title}"


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster

_KNOWN_KEYS = {f for f in Dataset.__dataclass_fields__} - {"id", "files", "extra"}


@cache
def registry() -> dict[str, Dataset]:
    """Return every registered dataset, keyed by id.

    Examples
    --------
    >>> reg = registry()
    >>> reg["productivity_lad"].publisher
    'Office for National Statistics'
    """
    folder = resources.files("lis_analytics.data")
    names = ["registry.yaml"] + sorted(
        p.name for p in folder.iterdir() if p.name.startswith("registry_") and
        p.name.endswith(".yaml"))
    raw: dict[str, dict] = {}
    for name in names:  # registry.yaml plus one registry_<theme>.yaml per theme
        entries = yaml.load(folder.joinpath(name).read_text("utf-8"), Loader=_YAML_LOADER)[
            "datasets"]
        clash = set(entries) & set(raw)
        if clash:
            raise ValueError(f"dataset id(s) {sorted(clash)} registered twice ({name})")
        raw.update(entries)
    out: dict[str, Dataset] = {}
    for ds_id, entry in raw.items():
        files = tuple(SourceFile(**{k: str(v) for k, v in f.items()}) for f in entry["files"])
        known = {k: entry[k] for k in entry if k in _KNOWN_KEYS}
        known = {k: (v if k == "expected_total" else str(v)) for k, v in known.items()}
        extra = {k: v for k, v in entry.items() if k not in _KNOWN_KEYS and k != "files"}
        out[ds_id] = Dataset(id=ds_id, files=files, extra=extra, **known)
    return out


def source_line(*dataset_ids: str) -> str:
    """One source line in words for several datasets.

    Examples
    --------
    >>> source_line("productivity_lad", "population_rgva")  # doctest: +NORMALIZE_WHITESPACE
    'Source: Subregional productivity, Office for National Statistics;
    Regional gross value added (balanced), population estimates, Office for National Statistics'
    """
    names = []
    for ds_id in dataset_ids:
        ds = get_dataset(ds_id)
        text = ds.source_in_words or ds.title
        if text not in names:
            names.append(text)
    return "Source: " + "; ".join(names)


def get_dataset(dataset_id: str) -> Dataset:
    """Return the registry entry for ``dataset_id``.

    Raises
    ------
    UnknownDatasetError
        If the id is not registered; the message suggests close matches.

    Examples
    --------
    >>> get_dataset("census2011_flows_lad").code_vintage
    'LAD11'
    >>> try:
    ...     get_dataset("productivity_lads")
    ... except UnknownDatasetError as err:
    ...     print(err)  # doctest: +ELLIPSIS
    Unknown dataset 'productivity_lads'. Did you mean: productivity_lad, ...
    """
    reg = registry()
    if dataset_id not in reg:
        close = difflib.get_close_matches(dataset_id, reg, n=3, cutoff=0.5)
        known = ", ".join(sorted(reg))
        hint = f" Did you mean: {', '.join(close)}?" if close else f" Known: {known}."
        raise UnknownDatasetError(f"Unknown dataset {dataset_id!r}.{hint}")
    return reg[dataset_id]
