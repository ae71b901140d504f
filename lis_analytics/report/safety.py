"""Keep a good pack through a failed rebuild, and write nothing outside ``reports/``.

A pack is rebuilt in a temporary folder and moved into place only when complete
(:func:`lis_analytics.report.batch.run_area`). When a rebuild fails and the folder already
holds a good pack, the pack stays: the failure is recorded beside it (``last_failure.json``,
the failed notebook under ``failed/``), ``status.json`` says the latest build failed and that
a pack from an earlier date is available, and ``index.html`` gets a dated banner saying so.
The next successful build replaces the whole folder, banner and failure record included.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
from pathlib import Path

from lis_analytics.errors import AreaDefinitionError
from lis_analytics.geography.catalogue import (
    SAFE_AREA_CODE,
    SAFE_AREA_CODE_WORDS,
    is_safe_area_code,
)

STATUS_FILE = "status.json"
FAILURE_FILE = "last_failure.json"
"""Beside a kept pack: date, error and inputs hash of the latest failed rebuild."""
FAILED_DIR = "failed"
"""Beside a kept pack: what the failed rebuild left for diagnosis (its executed notebook)."""
PACK_PAGE = "index.html"

BANNER_START = "<!-- lis:failed-rebuild -->"
BANNER_END = "<!-- /lis:failed-rebuild -->"
BANNER_REASON_CHARS = 300
"""Longest reason shown in the banner (the full error is in ``last_failure.json``)."""


class UnsafePackFolderError(AreaDefinitionError):
    """An area code that would name a folder outside the reports folder."""


def pack_folder(out_root: Path, area_code: str) -> Path:
    """The folder of an area's pack, ``<out_root>/<area code>``, refused if it is unsafe.

    The code must be a GSS code or a lower-case slug and the folder must resolve to a direct
    child of ``out_root`` (a symbolic link pointing elsewhere is refused too), so a pack is
    never written, and no folder replaced, outside the reports folder.

    Parameters
    ----------
    out_root : Path
        The reports folder.
    area_code : str
        The area's code.

    Returns
    -------
    Path
        ``out_root / area_code``.

    Raises
    ------
    UnsafePackFolderError
        For a code such as ``../../victim`` or a folder that resolves outside ``out_root``.

    Examples
    --------
    >>> pack_folder(Path("reports"), "E37000019").name
    'E37000019'
    >>> pack_folder(Path("reports"), "../../victim")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lis_analytics.report.safety.UnsafePackFolderError: refusing area code '../../victim': ...
    """
    if not is_safe_area_code(area_code):
        raise UnsafePackFolderError(
            f"refusing area code {area_code!r}: a pack folder is named after the area code, "
            f"which must be {SAFE_AREA_CODE_WORDS} (pattern {SAFE_AREA_CODE.pattern})")
    root = Path(out_root).resolve()
    folder = Path(out_root) / area_code
    if folder.resolve().parent != root:
        raise UnsafePackFolderError(
            f"refusing area code {area_code!r}: its pack folder {folder} resolves to "
            f"{folder.resolve()}, outside the reports folder {root}")
    return folder


def long_date(value: str | dt.date | dt.datetime) -> str:
    """A date as a reader writes it: ``"28 November 2026"``.

    Examples
    --------
    >>> long_date("2026-11-28T15:06:51")
    '28 November 2026'
    >>> long_date(dt.date(2026, 3, 1))
    '1 March 2026'
    """
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return f"{value.day} {value:%B %Y}"


def read_status(folder: Path) -> dict:
    """The ``status.json`` of a pack folder, or ``{}`` when there is none (or it is unreadable)."""
    try:
        return json.loads((folder / STATUS_FILE).read_text())
    except (OSError, json.JSONDecodeError):
        return {}


def kept_pack(folder: Path) -> dict:
    """Whether a folder holds a good pack, and when it was built.

    A good pack has its ``index.html`` and a ``status.json`` saying it succeeded, or that a
    later rebuild failed with the pack kept (``pack_available``). Packs written before
    ``pack_built`` was recorded are dated by their page's modification time.

    Returns
    -------
    dict
        ``pack_available`` (bool) and ``pack_built`` (ISO date, ``""`` without a pack), and
        for an available pack ``pack_inputs_hash``, ``datasets`` and ``data_as_at`` (what
        the kept pack was built from).

    Examples
    --------
    >>> import tempfile
    >>> kept_pack(Path(tempfile.mkdtemp()))
    {'pack_available': False, 'pack_built': ''}
    """
    status = read_status(folder)
    page = folder / PACK_PAGE
    good = page.is_file() and (status.get("status") == "succeeded"
                               or bool(status.get("pack_available")))
    if not good:
        return {"pack_available": False, "pack_built": ""}
    built = status.get("pack_built") or dt.date.fromtimestamp(page.stat().st_mtime).isoformat()
    succeeded = status.get("status") == "succeeded"
    return {"pack_available": True, "pack_built": built,
            "pack_inputs_hash": status.get("inputs_hash" if succeeded else "pack_inputs_hash",
                                           ""),
            "datasets": status.get("datasets", {}), "data_as_at": status.get("data_as_at", [])}


def failure_banner(failed_on: str, reason: str, built_on: str) -> str:
    """The dated banner a kept pack shows after a failed rebuild, as HTML (reason escaped).

    Parameters
    ----------
    failed_on, built_on : str
        ISO dates of the failed rebuild and of the kept pack's build.
    reason : str
        The error; shortened to :data:`BANNER_REASON_CHARS` characters.

    Examples
    --------
    >>> print(failure_banner("2026-11-28", "ValueError: year <1990> not in data.",
    ...                      "2026-11-20"))  # doctest: +NORMALIZE_WHITESPACE
    <!-- lis:failed-rebuild --><div class="lis-failed-rebuild" role="alert" ...>The latest
    rebuild, on 28 November 2026, failed: ValueError: year &lt;1990&gt; not in data. This pack
    is from the last successful build, on 20 November 2026.</div><!-- /lis:failed-rebuild -->
    """
    reason = " ".join(str(reason).split()) or "no reason was given"
    if len(reason) > BANNER_REASON_CHARS:
        reason = reason[:BANNER_REASON_CHARS - 1].rstrip() + "…"
    reason = reason.rstrip(" .;:,")  # the sentence ends with our full stop, never two
    style = ("background:#fff4e5;border-left:6px solid #d4351c;padding:10px 16px;"
             "margin:12px 0;font-weight:bold")
    return (f'{BANNER_START}<div class="lis-failed-rebuild" role="alert" style="{style}">'
            f"The latest rebuild, on {long_date(failed_on)}, failed: {html.escape(reason)}. "
            f"This pack is from the last successful build, on {long_date(built_on)}."
            f"</div>{BANNER_END}")


_BANNER = re.compile(re.escape(BANNER_START) + ".*?" + re.escape(BANNER_END), re.S)
_TOP = re.compile(r"<main\b[^>]*>|<body\b[^>]*>", re.I)


def with_banner(page: str, banner: str) -> str:
    """A page with ``banner`` at the top of its content, replacing an earlier banner.

    Examples
    --------
    >>> page = "<html><body><main><h1>Pack</h1></main></body></html>"
    >>> once = with_banner(page, BANNER_START + "first" + BANNER_END)
    >>> twice = with_banner(once, BANNER_START + "second" + BANNER_END)
    >>> twice.count(BANNER_START), "first" in twice, twice.index("second") < twice.index("<h1>")
    (1, False, True)
    """
    page = _BANNER.sub("", page)
    top = _TOP.search(page)
    at = top.end() if top else 0
    return page[:at] + banner + page[at:]


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def failure_record(status: dict, failed_files: list[str], pack_built: str = "") -> dict:
    """What ``last_failure.json`` holds: date, error, inputs hash and the files kept.

    Examples
    --------
    >>> failure_record({"run_at": "2026-11-28T15:00:00", "error": "E", "inputs_hash": "ab"},
    ...                ["failed/evidence_pack.ipynb"])["date"]
    '2026-11-28T15:00:00'
    """
    return {"date": status.get("run_at") or dt.datetime.now().isoformat(timespec="seconds"),
            "error": status.get("error", ""), "inputs_hash": status.get("inputs_hash", ""),
            "parameters": status.get("parameters", {}), "failed_files": failed_files,
            "pack_built": pack_built}


def record_failure_beside_pack(folder: Path, build_dir: Path | None, status: dict,
                               kept: dict) -> None:
    """Record a failed rebuild beside the good pack in ``folder``, leaving the pack in place.

    Writes, in this order, so that an interruption never leaves a failure looking like a
    success: ``status.json`` (the latest build failed; the pack kept, with its date),
    ``last_failure.json``, ``failed/`` (the failed build's executed notebook and assembly
    traceback, when there are any) and the dated banner in ``index.html`` and the pack's
    other views (``growth_plan.html``). ``workbook.xlsx``, ``figures.csv`` and the rest of the
    pack are not touched.

    Parameters
    ----------
    folder : Path
        The pack folder (from :func:`pack_folder`).
    build_dir : Path or None
        The failed build's temporary folder, or ``None`` when it failed before one existed.
    status : dict
        The failed build's status (:class:`~lis_analytics.report.batch.AreaResult` as a dict
        with ``pack_available`` and ``pack_built`` set from ``kept``).
    kept : dict
        :func:`kept_pack` of ``folder``.
    """
    _write_atomically(folder / STATUS_FILE, json.dumps(status, indent=2, default=str))
    failed_files = {}
    if build_dir is not None:
        failed_files = {name: build_dir / rel for name, rel in (
            ("evidence_pack.ipynb", Path("notebooks") / "evidence_pack.ipynb"),
            ("assembly_error.txt", Path("assembly_error.txt"))) if (build_dir / rel).is_file()}
    record = failure_record(status, [f"{FAILED_DIR}/{name}" for name in failed_files],
                            kept["pack_built"])
    _write_atomically(folder / FAILURE_FILE, json.dumps(record, indent=2, default=str))
    staging = folder / f".{FAILED_DIR}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    for name, source in failed_files.items():
        shutil.copy2(source, staging / name)
    shutil.rmtree(folder / FAILED_DIR, ignore_errors=True)
    staging.rename(folder / FAILED_DIR)
    banner = failure_banner(record["date"], status.get("error", ""), kept["pack_built"])
    for page in sorted(folder.glob("*.html")):  # index.html and any other view (report.frames)
        _write_atomically(page, with_banner(page.read_text(encoding="utf-8"), banner))


def remove_build_folders(out_root: Path, area_codes: list[str] | None = None) -> list[Path]:
    """Remove temporary build folders (``.tmp-<code>-<pid>``) from the reports folder.

    Parameters
    ----------
    out_root : Path
        The reports folder.
    area_codes : list of str, optional
        Only these areas' build folders; default every one.

    Returns
    -------
    list of Path
        The folders removed.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / ".tmp-E37000019-123").mkdir()
    >>> [p.name for p in remove_build_folders(root)], list(root.iterdir())
    (['.tmp-E37000019-123'], [])
    """
    patterns = [f".tmp-{code}-*" for code in area_codes] if area_codes else [".tmp-*"]
    removed = []
    for pattern in patterns:
        for folder in Path(out_root).glob(pattern):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
