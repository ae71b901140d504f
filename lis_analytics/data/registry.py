"""The dataset registry: what each source is, where it comes from and how to read it."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from lis_analytics.errors import UnknownDatasetError

MIRROR_COPIES = ("official", "gzip", "member", "member-gzip", "reshaped", "stand-in", "none")
"""How a mirror's copy relates to the published artefact (``SourceFile.mirror_copy``).

* ``official``: byte for byte the published file (same sha256);
* ``gzip``: the published file, gzip-compressed (its content has the published sha256);
* ``member``: one file taken out of the published zip (``member``), unchanged;
* ``member-gzip``: that member, gzip-compressed;
* ``reshaped``: the same figures in another layout; the parser reads both layouts
  (the dataset's ``reshaping`` says how, and a test covers each layout);
* ``stand-in``: not the published artefact at all (e.g. a lookup derived from boundaries
  where the official lookup was not available); ``reshaping`` says what it is;
* ``none``: the mirror has no copy (web only).
"""


@dataclass(frozen=True)
class SourceFile:
    """One published artefact: where the publisher serves it, its sha256, and the mirror copy.

    Attributes
    ----------
    url
        The publisher's URL of the pinned edition. It may hold ``{edition}``: the folder of an
        ONS dataset version (``current`` or ``previous/vN``), found through the ONS page JSON
        as the version released on the dataset's ``release`` date (see
        :func:`lis_analytics.data.releases.resolve_url`). ``/current/`` is never pinned.
    mirror_path
        Path of the copy inside an offline mirror (``LIS_DATA_MIRROR``).
    sha256
        sha256 of the published artefact; empty when nobody has downloaded it yet (the first
        download is then recorded in the data lock file and checked from then on).
    mirror_copy
        How the mirror copy relates to the artefact: one of :data:`MIRROR_COPIES`.
    mirror_sha256
        sha256 of the mirror copy when it is not byte for byte the artefact.
    member
        File inside the published zip that the parser reads.
    """

    url: str
    mirror_path: str
    sha256: str
    note: str = ""
    mirror_copy: str = "official"
    mirror_sha256: str = ""
    member: str = ""

    def __post_init__(self) -> None:
        if self.mirror_copy not in MIRROR_COPIES:
            raise ValueError(f"mirror_copy {self.mirror_copy!r} is not one of {MIRROR_COPIES}")

    @property
    def mirror_checksum(self) -> str:
        """The sha256 the mirror copy must have."""
        return self.mirror_sha256 or self.sha256

    @property
    def published_name(self) -> str:
        """File name of the published artefact (last path part of the URL).

        Examples
        --------
        >>> SourceFile("https://x/file?uri=/a/b/c.xls", "m/c.xls", "").published_name
        'c.xls'
        """
        from urllib.parse import unquote, urlsplit

        parts = urlsplit(self.url)
        path = parts.path
        if "uri=" in parts.query:  # ONS: /file?uri=/path/to/name.xls
            path = unquote(parts.query.split("uri=", 1)[1].split("&", 1)[0])
        name = path.rstrip("/").rsplit("/", 1)[-1]
        return name or self.mirror_path.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Dataset:
    """A registry entry.

    Attributes mirror the keys of ``registry.yaml``: ``id``, ``title``, ``publisher``,
    ``landing_page``, ``licence``, ``attribution``, ``release``, ``vintage``, ``format``,
    ``parser``, ``schema`` and the list of ``files``, plus:

    * ``reshaping``: for a mirror copy that is not the published artefact, how it is read
      (an adapter in the parser) or how it is made from the artefact (a declared step);
    * ``reachable``: ``"yes"`` when the published artefact can be fetched and parsed with no
      mirror, else the reason it cannot;
    * ``discover``: where a newer release is announced: ``{kind: ons, page: <landing page>}``,
      ``{kind: nomis, dataset: NM_x_y}``, ``{kind: els, path: <dir>/<dir>.json}`` or
      ``{kind: none, reason: ...}``.
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
    reshaping: str = ""
    reachable: str = "yes"
    discover: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def source_line(self) -> str:
        """Source line in words for a chart or table, e.g. ``"Source: Subregional ..."``."""
        return f"Source: {self.source_in_words or self.title}"


EXTRA_ENV = "LIS_REGISTRY_EXTRA"
"""Path of an extra registry YAML file (same layout) whose datasets are added to the package's."""

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster

_KNOWN_KEYS = {f for f in Dataset.__dataclass_fields__} - {"id", "files", "extra", "discover"}


def registry() -> dict[str, Dataset]:
    """Return every registered dataset, keyed by id.

    Examples
    --------
    >>> reg = registry()
    >>> reg["productivity_lad"].publisher
    'Office for National Statistics'
    """
    from lis_analytics.data.lock import lock_stamp

    return _load_registry(lock_stamp(), os.environ.get(EXTRA_ENV, "").strip())


@cache
def _load_registry(lock_state: tuple, extra_file: str) -> dict[str, Dataset]:
    """The registry as read with one state of the lock file and one extra registry file."""
    folder = resources.files("lis_analytics.data")
    names = ["registry.yaml"] + sorted(
        p.name for p in folder.iterdir() if p.name.startswith("registry_") and
        p.name.endswith(".yaml"))
    texts = [(name, folder.joinpath(name).read_text("utf-8")) for name in names]
    if extra_file:  # a council's own datasets (or a test's), beside the package's
        path = Path(extra_file).expanduser()
        if not path.is_file():
            raise UnknownDatasetError(f"{EXTRA_ENV}={extra_file}: no such registry file")
        texts.append((str(path), path.read_text("utf-8")))
    raw: dict[str, dict] = {}
    for name, text in texts:  # registry.yaml plus one registry_<theme>.yaml per theme
        entries = yaml.load(text, Loader=_YAML_LOADER)["datasets"]
        clash = set(entries) & set(raw)
        if clash:
            raise ValueError(f"dataset id(s) {sorted(clash)} registered twice ({name})")
        raw.update(entries)
    out: dict[str, Dataset] = {}
    for ds_id, entry in raw.items():
        files = tuple(SourceFile(**{k: str(v) for k, v in f.items()}) for f in entry["files"])
        known = {k: entry[k] for k in entry if k in _KNOWN_KEYS}
        known = {k: (v if k == "expected_total" else str(v)) for k, v in known.items()}
        discover = {str(k): str(v) for k, v in (entry.get("discover") or {}).items()}
        extra = {k: v for k, v in entry.items()
                 if k not in _KNOWN_KEYS and k not in ("files", "discover")}
        out[ds_id] = Dataset(id=ds_id, files=files, extra=extra, discover=discover, **known)
    from lis_analytics.data.lock import read_lock

    for ds_id, entry in read_lock().items():
        if ds_id in out:
            out[ds_id] = with_lock(out[ds_id], entry)
    return out


registry.cache_clear = _load_registry.cache_clear  # type: ignore[attr-defined]


def with_lock(ds: Dataset, entry: dict) -> Dataset:
    """The registry entry as the data lock file pins it.

    An entry for the registry's own release fills in published checksums the registry did not
    know; one for another release (brought in by ``lis data update``) replaces the release and
    the files' URL and sha256. The mirror holds only the registry's release, so a newer one
    is read from the web or the download cache.

    Examples
    --------
    >>> ds = registry()["els_gigabit"]
    >>> entry = {"release": "2027-05-01", "files": [{"url": "https://x/g.csv", "sha256": "ab"}]}
    >>> newer = with_lock(ds, entry)
    >>> newer.release, newer.files[0].url, newer.files[0].mirror_copy
    ('2027-05-01', 'https://x/g.csv', 'none')
    """
    from dataclasses import replace

    files = entry.get("files") or []
    if len(files) != len(ds.files):
        raise ValueError(f"data lock entry for {ds.id} lists {len(files)} file(s) but the "
                         f"registry has {len(ds.files)}; delete the entry and run lis data "
                         "update again")
    if str(entry.get("release")) == ds.release:
        return replace(ds, files=tuple(
            replace(f, sha256=f.sha256 or str(lf.get("sha256", ""))) for f, lf in
            zip(ds.files, files, strict=True)))
    new_files = tuple(
        replace(f, url=str(lf["url"]), sha256=str(lf.get("sha256", "")),
                member=str(lf.get("member") or f.member), mirror_copy="none", mirror_sha256="")
        for f, lf in zip(ds.files, files, strict=True))
    return replace(ds, release=str(entry["release"]), files=new_files,
                   vintage=f"release of {entry['release']} (data lock file; the registry pins "
                           f"{ds.release}: {ds.vintage})")


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
