"""Keep a good pack through a failed rebuild, and write nothing outside ``reports/``.

A pack is rebuilt in a temporary folder and moved into place only when complete
(:func:`lis_analytics.report.batch.run_area`). When a rebuild fails and the folder already
holds a good pack, the pack stays: the failure is recorded beside it (``last_failure.json``,
the failed notebook under ``failed/``), ``status.json`` says the latest build failed and that
a pack from an earlier date is available, and ``index.html`` gets a dated banner saying so.
The next successful build replaces the whole folder, banner and failure record included.

Runs may overlap (two ``lis report`` commands, for the same area or not). Each build folder
``.tmp-<code>-<pid>`` has a lock file beside it, ``.tmp-<code>-<pid>.lock``, that its run
holds (``fcntl.flock``) for as long as it builds: :func:`remove_build_folders` removes only
folders whose lock no live process holds (a folder without a lock file only when the process
named by its pid is gone). Moving a pack into place, or recording a failure beside it, is done
under the area's lock (:func:`area_lock`), and the manifest, combined figures and front page
are written under the reports folder's lock (:func:`publish_lock`), so the read-modify-write
of the manifest never loses another run's entry.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import html
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
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


# ------------------------------------------------------------------ locks

BUILD_PREFIX = ".tmp-"
LOCK_SUFFIX = ".lock"
PUBLISH_LOCK = ".publish.lock"
"""Lock file in the reports folder held while the manifest, figures and front page are written."""

_held: dict[tuple[str, int], int] = {}
"""Locks this process holds, by (path, thread): a thread may take a lock it holds again."""


@contextlib.contextmanager
def file_lock(path: Path, *, blocking: bool = True) -> Iterator[bool]:
    """Hold an exclusive ``fcntl.flock`` lock on ``path`` (created if missing).

    The lock is released when the block ends or the process dies, so a lock file left by a
    killed run never blocks the next. The same thread may take a lock it holds again (the
    inner block does nothing); other threads and processes wait, or with ``blocking=False``
    get ``False`` at once.

    Examples
    --------
    >>> import tempfile
    >>> lock = Path(tempfile.mkdtemp()) / "x.lock"
    >>> with file_lock(lock) as mine:
    ...     with file_lock(lock) as again:
    ...         mine, again
    (True, True)
    """
    key = (str(Path(path).resolve()), threading.get_ident())
    if _held.get(key):
        _held[key] += 1
        try:
            yield True
        finally:
            _held[key] -= 1
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        _held[key] = 1
        try:
            yield True
        finally:
            del _held[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def publish_lock(out_root: Path) -> contextlib.AbstractContextManager[bool]:
    """The lock under which ``manifest.json``, ``figures.csv`` and ``index.html`` are written."""
    return file_lock(Path(out_root) / PUBLISH_LOCK)


def area_lock(out_root: Path, area_code: str) -> contextlib.AbstractContextManager[bool]:
    """The lock under which an area's pack folder is replaced or a failure recorded in it."""
    return file_lock(Path(out_root) / f".{area_code}{LOCK_SUFFIX}")


@contextlib.contextmanager
def build_folder(out_root: Path, area_code: str) -> Iterator[Path]:
    """A build folder ``.tmp-<code>-<pid>`` owned by this run, removed when the block ends.

    Its lock file is taken before the folder exists and held until it is gone, so no other
    run's :func:`remove_build_folders` removes it while this one builds. The folder itself is
    not created (the build does).

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> with build_folder(root, "E37000019") as tmp:
    ...     tmp.mkdir()
    ...     [p.name for p in remove_build_folders(root)]  # owned: kept
    []
    >>> sorted(p.name for p in root.iterdir())  # gone, with its lock file
    []
    """
    tmp = Path(out_root) / f"{BUILD_PREFIX}{area_code}-{os.getpid()}"
    lock = tmp.with_name(tmp.name + LOCK_SUFFIX)
    with file_lock(lock):
        try:
            yield tmp
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            lock.unlink(missing_ok=True)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def _lock_free(lock: Path) -> bool:
    """Whether no process (this one included) holds the lock file."""
    if any(path == str(lock.resolve()) for path, _ in _held):
        return False
    with file_lock(lock, blocking=False) as free:
        return free


def _owned(folder: Path) -> bool:
    """Whether a live run owns a build folder.

    It does when a process holds the folder's lock file or, without a lock file, when the
    process named by the folder's pid is alive.
    """
    lock = folder.with_name(folder.name + LOCK_SUFFIX)
    if lock.exists():
        return not _lock_free(lock)
    pid = folder.name.rsplit("-", 1)[-1]
    return pid.isdigit() and _pid_alive(int(pid))


def remove_build_folders(out_root: Path, area_codes: list[str] | None = None) -> list[Path]:
    """Remove build folders (``.tmp-<code>-<pid>``) that no live run owns.

    A folder is removed only when no process holds its lock file (:func:`build_folder`), or,
    for a folder without a lock file, when the process its name gives is gone: a run still in
    progress, here or in another command, keeps its folder. Lock files left without a folder
    go too.

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
    >>> (root / ".tmp-E37000019-999999999").mkdir()  # no lock, no such process: stale
    >>> [p.name for p in remove_build_folders(root)], list(root.iterdir())
    (['.tmp-E37000019-999999999'], [])
    """
    patterns = ([f"{BUILD_PREFIX}{code}-*" for code in area_codes] if area_codes
                else [f"{BUILD_PREFIX}*"])
    removed = []
    for pattern in patterns:
        for folder in sorted(Path(out_root).glob(pattern)):
            if folder.name.endswith(LOCK_SUFFIX) or not folder.is_dir() or _owned(folder):
                continue
            shutil.rmtree(folder, ignore_errors=True)
            folder.with_name(folder.name + LOCK_SUFFIX).unlink(missing_ok=True)
            removed.append(folder)
        for lock in Path(out_root).glob(pattern + LOCK_SUFFIX):
            if not lock.with_name(lock.name[:-len(LOCK_SUFFIX)]).exists() and _lock_free(lock):
                lock.unlink(missing_ok=True)
    return removed
