"""Run the chapter notebooks for many areas and write comparable evidence packs.

For each area the chapter notebooks are joined into one pack notebook (one parameters cell,
then each chapter's cells) and executed once with papermill in a worker process, with the
project's registered kernel named explicitly. The executed notebook is kept as the audit
record; ``index.html``, ``workbook.xlsx`` and ``figures.csv`` are written in-process. Each
area is built in a temporary folder and moved into place only when complete, so an
interrupted run never leaves a half-written pack that looks finished. A failing area keeps
its executed notebook with the error and is marked failed; the others carry on.
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import json
import os
import shutil
import time
import traceback
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lis_analytics import __version__
from lis_analytics.data.fetch import project_root
from lis_analytics.errors import LisError
from lis_analytics.geography import Area, all_areas, get_area
from lis_analytics.geography.catalogue import is_safe_area_code
from lis_analytics.report.frames import frame_pages
from lis_analytics.report.front_matter import (
    _data_vintages,
    _front_matter,
    _version_label,
    data_as_at,
)
from lis_analytics.report.parameters import (
    ParameterError,
    chapter_years,
    check_latest_year,
    normalise_parameters,
)
from lis_analytics.report.safety import (
    FAILURE_FILE,
    STATUS_FILE,
    UnsafePackFolderError,
    area_lock,
    build_folder,
    failure_record,
    kept_pack,
    pack_folder,
    publish_lock,
    read_status,
    record_failure_beside_pack,
    remove_build_folders,
)

if TYPE_CHECKING:  # nbformat is imported where a notebook is built (see chapter_parameters)
    import nbformat

KERNEL_NAME = "lis-analytics"
CHAPTER_NOTEBOOKS: tuple[str, ...] = (
    "productivity.ipynb", "sectors.ipynb", "fema.ipynb", "people.ipynb", "foundations.ipynb",
    "baseline.ipynb",
)
"""Chapter notebooks in ``notebooks/``, in pack order."""

START_TIMEOUT = 120
EXECUTION_TIMEOUT = 600


RUNNER_PARAMETERS: tuple[str, ...] = ("area_code", "output_dir")
"""Parameters the runner sets for each area; a user cannot pass them (``-p``)."""


def check_user_parameters(parameters: dict,
                          chapters: Sequence[str] = CHAPTER_NOTEBOOKS) -> None:
    """Refuse parameters a user passes for a batch before any kernel starts.

    ``area_code`` and ``output_dir`` are set by the runner for each area: passed by a user
    they would give a pack titled for one area holding another's figures, or be ignored.
    Names no chapter accepts, and a ``latest_year`` some chapter cannot serve, are refused
    by :func:`check_parameters`.

    Examples
    --------
    >>> check_user_parameters({"area_code": "E37000001"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lis_analytics.report.parameters.ParameterError: area_code is set by the runner ...
    """
    for name in RUNNER_PARAMETERS:
        if name in parameters:
            raise ParameterError(
                f"{name} is set by the runner for each area and cannot be passed as a "
                "parameter; " + ("choose areas with --areas (lis reports) or the AREA argument "
                                 "(lis report)" if name == "area_code" else
                                 "packs are written to reports/<area code>/ (set "
                                 "LIS_REPORTS_DIR to move reports/)"))
    check_parameters({"area_code": "E92000001", **normalise_parameters(parameters)}, chapters)


@dataclass
class AreaResult:
    """Outcome of one area's run.

    ``status`` is that of the latest build: ``succeeded``, ``failed`` or ``skipped``
    (inputs unchanged). ``pack_available`` says whether the folder holds a good pack to
    link to, built on ``pack_built`` (ISO date): after a failed rebuild, the last good pack
    is kept, so a failed area may still have one. ``datasets`` and ``data_as_at`` describe
    that available pack. ``run_at`` is when this build ran (ISO date and time).
    """

    area_code: str
    area_name: str
    area_type: str
    status: str  # succeeded / failed / skipped
    seconds: float
    error: str = ""
    inputs_hash: str = ""
    datasets: dict = field(default_factory=dict)  # id -> release, sha256 of what was read
    data_as_at: list = field(default_factory=list)  # the pack's "Data as at" panel rows
    pack_available: bool = False
    pack_built: str = ""
    run_at: str = ""


def notebooks_dir() -> Path:
    """Folder of the chapter notebooks (``LIS_NOTEBOOKS_DIR`` or ``notebooks/``)."""
    value = os.environ.get("LIS_NOTEBOOKS_DIR", "").strip()
    return Path(value) if value else project_root() / "notebooks"


def reports_dir() -> Path:
    """Folder of generated packs (``LIS_REPORTS_DIR`` or ``reports/``)."""
    value = os.environ.get("LIS_REPORTS_DIR", "").strip()
    return Path(value) if value else project_root() / "reports"


def default_areas() -> list[Area]:
    """Every LEP (2021), combined (county) authority, proposed strategic authority and custom area.

    The proposed strategic authorities are the six Devolution Priority Programme areas.
    """
    return all_areas(["LEP", "CA", "SA", "CUSTOM"])


# ------------------------------------------------------------------ parameters


def chapter_parameters(chapters: Sequence[str] = CHAPTER_NOTEBOOKS) -> dict[str, str]:
    """Parameters accepted by the chapter notebooks: name -> source of its default value.

    Read, as papermill reads them, from the top-level assignments of each notebook's cell
    tagged ``parameters``, but without importing papermill and nbformat: their JSON-schema
    dependencies take seconds to import, which a run with nothing to rebuild should not pay.
    """
    params: dict[str, str] = {}
    for name in chapters:
        path = notebooks_dir() / name
        notebook = json.loads(path.read_text(encoding="utf-8"))
        cells = [c for c in notebook.get("cells", [])
                 if "parameters" in c.get("metadata", {}).get("tags", [])]
        if not cells:
            raise ParameterError(f"{path}: no cell tagged 'parameters'")
        source = cells[0]["source"]
        source = "".join(source) if isinstance(source, list) else source
        for node in ast.parse(source).body:
            targets = (node.targets if isinstance(node, ast.Assign)
                       else [node.target] if isinstance(node, ast.AnnAssign) else [])
            for target in targets:
                if isinstance(target, ast.Name) and node.value is not None:
                    params.setdefault(target.id, ast.get_source_segment(source, node.value))
    return params


def check_parameters(parameters: dict, chapters: Sequence[str] = CHAPTER_NOTEBOOKS) -> None:
    """Raise :class:`ParameterError` for a name no chapter accepts, an unknown area or year.

    papermill only warns about unknown parameter names; a typo would silently render the
    default, so we refuse it here. ``latest_year`` must be a year every chapter can serve
    (:func:`~lis_analytics.report.parameters.check_latest_year`), as a number or a string.
    """
    known = chapter_parameters(chapters)
    unknown = sorted(set(parameters) - set(known))
    if unknown:
        raise ParameterError(f"unknown parameter(s) {unknown}; the chapters accept "
                             f"{sorted(known)}")
    for key in ("area_code",):
        if key in parameters:
            get_area(parameters[key])  # raises UnknownAreaError with suggestions
    for code in parameters.get("comparator_codes", []) or []:
        get_area(code)
    year = normalise_parameters(parameters).get("latest_year", "")
    if year:  # reading the tables costs a second: only when a year is asked for
        check_latest_year(year, chapter_years())


# ------------------------------------------------------------------ pack notebook


def pack_notebook(chapters: Sequence[str] = CHAPTER_NOTEBOOKS) -> nbformat.NotebookNode:
    """Join chapter notebooks into one: the first parameters cell, then every other cell.

    Chapters share the parameters cell (same names and defaults), so every chapter of an
    area runs with the same area, benchmarks and comparators.
    """
    import nbformat

    merged = None
    seen_params = False
    for name in chapters:
        nb = nbformat.read(notebooks_dir() / name, as_version=4)
        if merged is None:
            merged = nbformat.v4.new_notebook(metadata=nb.metadata)
        for cell in nb.cells:
            tags = cell.get("metadata", {}).get("tags", [])
            if "parameters" in tags:
                if seen_params:
                    continue
                seen_params = True
            merged.cells.append(cell)
    merged.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "Python (lis-analytics)",
                                     "language": "python"}
    return merged


# ------------------------------------------------------------------ incremental


def _hash_files(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def code_and_data_hash(chapters: Sequence[str] = CHAPTER_NOTEBOOKS) -> str:
    """Hash of what every pack depends on: library code, notebooks and processed-data manifest."""
    from lis_analytics.data.store import processed_dir

    pkg = Path(__file__).resolve().parents[1]
    files = [p for p in pkg.rglob("*") if p.is_file() and p.suffix in
             {".py", ".yaml", ".csv", ".j2", ".json"} and "__pycache__" not in p.parts]
    files += [notebooks_dir() / n for n in chapters]
    manifest = processed_dir() / "_manifest.json"
    digest = hashlib.sha256(_hash_files(files).encode())
    if manifest.is_file():
        entries = json.loads(manifest.read_text())
        digest.update(json.dumps({k: v.get("sha256") for k, v in sorted(entries.items())},
                                 sort_keys=True).encode())
    return digest.hexdigest()


def inputs_hash(area: Area, parameters: dict, base_hash: str) -> str:
    """Hash of an area's inputs: code/data hash, the area's LADs and its parameters."""
    payload = json.dumps({"base": base_hash, "lads": area.lad_codes, "params": parameters},
                         sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


# ------------------------------------------------------------------ one area


def _atomic_replace(tmp: Path, final: Path) -> None:
    """Move a finished build folder into place, replacing the folder there.

    Both must be in the same reports folder (:func:`~lis_analytics.report.safety.pack_folder`
    checks ``final``), so no folder outside it is ever replaced. Done under the area's lock,
    so two runs of the same area replace the folder one after the other, each with a whole
    pack.
    """
    if tmp.resolve().parent != final.resolve().parent:
        raise UnsafePackFolderError(f"refusing to replace {final} with {tmp}: not in the "
                                    "same reports folder")
    with area_lock(final.parent, final.name):
        trash = final.with_name(f".{final.name}.old-{os.getpid()}")
        if final.exists():
            final.rename(trash)
        tmp.rename(final)
        shutil.rmtree(trash, ignore_errors=True)


def run_area(area_code: str, parameters: dict | None = None, *, out_root: Path | None = None,
             chapters: Sequence[str] = CHAPTER_NOTEBOOKS, force: bool = False,
             base_hash: str | None = None, frame: str = "lis") -> AreaResult:
    """Build one area's pack under ``<out_root>/<area code>/``, never losing a good pack.

    The pack is built in ``<out_root>/.tmp-<code>-<pid>/`` and moved into place only when
    complete. A failure (bad parameters, an error in a notebook or in assembling the pack)
    does not raise: the result says ``failed``. If the folder held a good pack, it stays,
    with the failure recorded beside it (:mod:`lis_analytics.report.safety`); otherwise the
    folder holds the failed build's executed notebook and status. The temporary folder is
    removed however the run ends, interrupted (``KeyboardInterrupt``) or not.

    Parameters
    ----------
    area_code : str
        Code or name of the area.
    parameters : dict, optional
        Notebook parameters (checked against the chapters).
    out_root : Path, optional
        The reports folder; default :func:`reports_dir`.
    chapters : sequence of str
        Chapter notebooks, in pack order.
    force : bool
        Rebuild even when the inputs are those of the good pack in place.
    base_hash : str, optional
        :func:`code_and_data_hash`, when the caller has it.
    frame : str
        The views to write (:func:`~lis_analytics.report.frames.frame_pages`): ``"lis"``
        (``index.html``) or ``"lgp"`` (``growth_plan.html`` beside it too).

    Returns
    -------
    AreaResult

    Raises
    ------
    UnknownAreaError
        For an unknown area (nothing is written).
    UnsafePackFolderError
        For an area code that would name a folder outside ``out_root`` (nothing is written).
    FrameError
        For an unknown ``frame`` (nothing is written).

    Examples
    --------
    >>> result = run_area("E37000019", chapters=("productivity.ipynb",))  # doctest: +SKIP
    >>> result.status, result.pack_available                               # doctest: +SKIP
    ('succeeded', True)
    """
    start = time.perf_counter()
    frame_pages(frame)  # an unknown frame: refused before anything runs
    area = get_area(area_code)
    out_root = Path(out_root or reports_dir())
    final = pack_folder(out_root, area.code)  # refuses a code that would escape out_root
    out_root.mkdir(parents=True, exist_ok=True)
    params = {"area_code": area.code, **(parameters or {})}
    run_at = dt.datetime.now().isoformat(timespec="seconds")
    # owned (locked) while it builds; removed however the run ends, interrupted or not
    with build_folder(out_root, area.code) as tmp:
        try:
            return _build_area(area, params, out_root, final, tmp, chapters, force, base_hash,
                               start, run_at, frame)
        except Exception as exc:  # noqa: BLE001 - any other failure is recorded, never lost
            return _record_failed_build(area, final, tmp, f"{type(exc).__name__}: {exc}", "",
                                        start, run_at, params)


def _record_failed_build(area: Area, final: Path, tmp: Path, error: str, ihash: str,
                         start: float, run_at: str, params: dict) -> AreaResult:
    """Record a failed build: beside the good pack if there is one, else in its place."""
    with area_lock(final.parent, final.name):  # another run may be replacing the folder
        return _record_failed_build_locked(area, final, tmp, error, ihash, start, run_at,
                                           params)


def _record_failed_build_locked(area: Area, final: Path, tmp: Path, error: str, ihash: str,
                                start: float, run_at: str, params: dict) -> AreaResult:
    kept = kept_pack(final)
    result = AreaResult(area.code, area.name, area.type, "failed",
                        round(time.perf_counter() - start, 2), error, ihash,
                        datasets=kept.get("datasets", {}), data_as_at=kept.get("data_as_at", []),
                        pack_available=kept["pack_available"], pack_built=kept["pack_built"],
                        run_at=run_at)
    status = {**asdict(result), "parameters": params}
    if kept["pack_available"]:
        status["pack_inputs_hash"] = kept["pack_inputs_hash"]
        record_failure_beside_pack(final, tmp if tmp.is_dir() else None, status, kept)
        return result
    tmp.mkdir(parents=True, exist_ok=True)  # no good pack: the failed build takes its place
    notebook = Path("notebooks") / "evidence_pack.ipynb"
    failed_files = [str(p) for p in (notebook, Path("assembly_error.txt"))
                    if (tmp / p).is_file()]
    (tmp / FAILURE_FILE).write_text(json.dumps(failure_record(status, failed_files), indent=2,
                                               default=str))
    (tmp / STATUS_FILE).write_text(json.dumps(status, indent=2, default=str))
    _atomic_replace(tmp, final)
    return result


def _build_area(area: Area, params: dict, out_root: Path, final: Path, tmp: Path,
                chapters: Sequence[str], force: bool, base_hash: str | None, start: float,
                run_at: str, frame: str = "lis") -> AreaResult:
    """Check, execute and assemble one pack in ``tmp``, then move it to ``final``."""
    try:
        params = normalise_parameters(params)  # 2019 and "2019" build the same pack
        check_parameters(params, chapters)
    except Exception as exc:  # noqa: BLE001 - a refused parameter is a failed build too
        return _record_failed_build(area, final, tmp, f"{type(exc).__name__}: {exc}", "",
                                    start, run_at, params)
    ihash = inputs_hash(area, params, base_hash or code_and_data_hash(chapters))
    status_file = final / STATUS_FILE
    if not force and status_file.is_file():
        previous = read_status(final)
        if (previous.get("inputs_hash") == ihash and previous.get("status") == "succeeded"
                and not (final / FAILURE_FILE).exists()  # a failed area is never "unchanged"
                and all((final / f.page).is_file()
                        for f in frame_pages(frame, area.type))):
            return AreaResult(area.code, area.name, area.type, "skipped",
                              time.perf_counter() - start, inputs_hash=ihash,
                              pack_available=True, pack_built=kept_pack(final)["pack_built"],
                              run_at=run_at)
    import papermill as pm  # here, not at the top: an unchanged area never needs it

    from lis_analytics.report.kernels import ForkServerKernelManager, forkserver_enabled

    shutil.rmtree(tmp, ignore_errors=True)  # the folder, never its lock file (beside it)
    (tmp / "notebooks").mkdir(parents=True)
    executed_path = tmp / "notebooks" / "evidence_pack.ipynb"
    error = ""
    run_params = {**params, "output_dir": str(tmp)}
    # a kernel per area, forked from a pre-loaded process unless LIS_KERNEL_FORKSERVER=0
    # (its outputs are all in by then, so it is stopped at once rather than asked to stop)
    engine_options = ({"kernel_manager_class": ForkServerKernelManager,
                       "shutdown_kernel": "immediate"} if forkserver_enabled() else {})
    executed = None
    used: dict = {}
    data_rows: list = []
    try:
        executed = pm.execute_notebook(
            pack_notebook(chapters), str(executed_path), parameters=run_params,
            kernel_name=KERNEL_NAME, start_timeout=START_TIMEOUT,
            execution_timeout=EXECUTION_TIMEOUT, progress_bar=False, log_output=False,
            request_save_on_cell_execute=False,  # write once at the end, not after every cell
            cwd=str(notebooks_dir()), **engine_options,
        )
    except Exception as exc:  # noqa: BLE001 - any failure inside the notebook marks the area
        error = f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1] if str(exc) else ''}"
    try:
        if not error:
            from lis_analytics.report.assemble import (
                figures_table,
                read_chapters,
                write_figures_csv,
                write_workbook,
            )
            from lis_analytics.report.frames import write_pages

            chapters_meta = read_chapters(tmp)
            ids = {d for c in chapters_meta for t in c["tables"] for d in t["source_dataset_ids"]}
            figures = figures_table(tmp)
            ids |= set(figures["source_dataset_id"].dropna())
            vintages = _data_vintages(ids)
            run_date = dt.date.today().isoformat()
            panel = data_as_at(chapters_meta, figures, run_date)
            data_rows = panel.to_dict("records")
            used = {r["dataset id"]: {"release": r["release"], "sha256": r["sha256"]}
                    for r in vintages.to_dict("records")}
            (tmp / "data_as_at.json").write_text(json.dumps(
                {"run_date": run_date, "chapters": data_rows, "datasets": used}, indent=2))
            head, tail = _front_matter(area, chapters_meta, vintages, params, panel,
                                       run_date, build_dir=tmp, figures=figures)
            # one page per view of the same executed cells, the detail in an appendix
            write_pages(executed, head, tail, tmp, chapters_meta,
                        frame_pages(frame, area.type))
            write_workbook(tmp, tmp / "workbook.xlsx", area.name, area.code, vintages)
            write_figures_csv(figures, tmp / "figures.csv")
    except Exception as exc:  # noqa: BLE001
        error = f"{type(exc).__name__} while assembling the pack: {exc}"
        (tmp / "assembly_error.txt").write_text(traceback.format_exc())
    if error:
        return _record_failed_build(area, final, tmp, error, ihash, start, run_at, params)
    result = AreaResult(area.code, area.name, area.type, "succeeded",
                        round(time.perf_counter() - start, 2), error, ihash,
                        datasets=used, data_as_at=data_rows, pack_available=True,
                        pack_built=run_at[:10], run_at=run_at)
    (tmp / STATUS_FILE).write_text(json.dumps(asdict(result), indent=2))
    _atomic_replace(tmp, final)
    return result


def _run_area_safely(area_code: str, parameters: dict, out_root: str, force: bool,
                     base_hash: str, chapters: Sequence[str], frame: str = "lis") -> AreaResult:
    if not is_safe_area_code(area_code):  # its log would be named after it: write nothing
        return _run_area_logged(area_code, parameters, out_root, force, base_hash, chapters,
                                frame)
    # the kernel inherits this worker's stderr: send its chatter to a log, not the terminal
    log_dir = Path(out_root) / ".logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    saved = os.dup(2)
    from lis_analytics.report.kernels import LOG_ENV

    log_path = log_dir / f"{area_code}.log"
    with open(log_path, "ab") as log:
        os.dup2(log.fileno(), 2)
        os.environ[LOG_ENV] = str(log_path)  # where a forked kernel writes its chatter
        try:
            return _run_area_logged(area_code, parameters, out_root, force, base_hash, chapters,
                                    frame)
        finally:
            os.environ.pop(LOG_ENV, None)
            os.dup2(saved, 2)
            os.close(saved)


def _run_area_logged(area_code: str, parameters: dict, out_root: str, force: bool,
                     base_hash: str, chapters: Sequence[str], frame: str = "lis") -> AreaResult:
    try:
        return run_area(area_code, parameters, out_root=Path(out_root), force=force,
                        base_hash=base_hash, chapters=chapters, frame=frame)
    except Exception as exc:  # noqa: BLE001 - e.g. bad parameters: report, don't crash the batch
        area = None
        try:
            area = get_area(area_code)
        except LisError:
            pass
        code = area.code if area else area_code
        kept = (kept_pack(Path(out_root) / code) if is_safe_area_code(code)
                else {"pack_available": False, "pack_built": ""})
        return AreaResult(code, area.name if area else area_code,
                          area.type if area else "?", "failed", 0.0,
                          f"{type(exc).__name__}: {exc}", datasets=kept.get("datasets", {}),
                          data_as_at=kept.get("data_as_at", []),
                          pack_available=kept["pack_available"], pack_built=kept["pack_built"],
                          run_at=dt.datetime.now().isoformat(timespec="seconds"))


# ------------------------------------------------------------------ the batch


def run_reports(area_codes: Sequence[str] | None = None, *, jobs: int = 2, force: bool = False,
                parameters: dict | None = None, progress: bool = True,
                out_root: Path | None = None,
                chapters: Sequence[str] = CHAPTER_NOTEBOOKS,
                kind: str | None = None, frame: str = "lis") -> list[AreaResult]:
    """Build packs for many areas in parallel, then the front page and manifest.

    Parameters
    ----------
    area_codes
        Codes or names; default :func:`default_areas`.
    jobs
        Worker processes (one kernel each).
    force
        Rebuild areas whose inputs are unchanged.
    parameters
        Extra notebook parameters applied to every area (checked against the notebooks).
    kind
        Area type that settles a name several areas share (``"CA"`` for Greater
        Manchester's combined authority); see :func:`~lis_analytics.geography.get_area`.
    frame
        ``"lis"`` writes each pack's ``index.html``; ``"lgp"`` also its Local Growth Plan
        view, ``growth_plan.html`` (:func:`~lis_analytics.report.frames.frame_pages`).
    """
    from lis_analytics.report.frontpage import write_front_page

    out_root = out_root or reports_dir()
    out_root.mkdir(parents=True, exist_ok=True)
    parameters = dict(parameters or {})
    frame_pages(frame)  # an unknown frame is refused first
    check_user_parameters(parameters, chapters)
    parameters = normalise_parameters(parameters)  # before any area is resolved or kernel started
    areas = (unique_areas(get_area(c, kind) for c in area_codes) if area_codes
             else default_areas())
    remove_build_folders(out_root)  # left by killed runs; never a live run's folder
    from lis_analytics.report.shared import prepare_shared

    started = time.perf_counter()
    prepare_shared()
    base_hash = code_and_data_hash(chapters)
    results: list[AreaResult] = []
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(areas), unit="area", desc="packs")
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        try:
            futures = {pool.submit(_run_area_safely, a.code, parameters, str(out_root), force,
                                   base_hash, tuple(chapters), frame): a
                       for a in slowest_first(areas, out_root)}
            for future in as_completed(futures):
                result = future.result()
                results.append(result)
                if bar is not None:
                    failed = sum(r.status == "failed" for r in results)
                    bar.set_postfix(done=len(results) - failed, failed=failed,
                                    remaining=len(areas) - len(results))
                    bar.update(1)
        except BaseException:  # interrupted: start no other area, sweep the build folders
            pool.shutdown(wait=True, cancel_futures=True)
            remove_build_folders(out_root, [a.code for a in areas])
            raise
    if bar is not None:
        bar.close()
    order = {a.code: i for i, a in enumerate(areas)}
    results.sort(key=lambda r: order.get(r.area_code, 0))
    nothing_built = all(r.status == "skipped" for r in results)
    with publish_lock(out_root):  # another run may be publishing: one at a time
        if not (nothing_built and (out_root / "manifest.json").is_file()
                and (out_root / "index.html").is_file()):  # a run that changed nothing
            _write_manifest(out_root, results, parameters, time.perf_counter() - started)
            _write_combined_figures(out_root)
            write_front_page(out_root)
    return results


def unique_areas(areas: Iterable[Area]) -> list[Area]:
    """Areas in their first-named order, each once (a code and its name are the same area).

    Examples
    --------
    >>> from lis_analytics.geography import Area
    >>> a = Area("E37000043", "Buckinghamshire", "LEP", ("E06000060",))
    >>> [x.code for x in unique_areas([a, a, a])]
    ['E37000043']
    """
    seen: dict[str, Area] = {}
    for area in areas:
        seen.setdefault(area.code, area)
    return list(seen.values())


def slowest_first(areas: Sequence[Area], out_root: Path) -> list[Area]:
    """Areas in the order to start them: slowest first by the last run's timings.

    With a few workers, starting the longest packs first keeps one long pack from running
    alone at the end (longest-processing-time-first scheduling). Areas without a timing
    keep their order, after the timed ones.
    """
    path = out_root / "manifest.json"
    try:
        previous = json.loads(path.read_text()).get("areas", {}) if path.is_file() else {}
    except (OSError, json.JSONDecodeError):
        previous = {}
    seconds = {code: float(entry.get("seconds") or 0.0) for code, entry in previous.items()
               if entry.get("status") == "succeeded"}
    return sorted(areas, key=lambda a: -seconds.get(a.code, 0.0))


def _write_combined_figures(out_root: Path) -> Path:
    """Write ``<out_root>/figures.csv``: every succeeded area's ``figures.csv``, concatenated.

    Areas are those the manifest lists as succeeded (this run's and earlier runs'), in code
    order; the columns are exactly the per-area files' (:data:`FIGURE_COLUMNS`). Written to a
    temporary file and moved into place, so a reader never sees half a file.
    """
    from lis_analytics.report.assemble import combined_figures

    path = out_root / "manifest.json"
    areas = json.loads(path.read_text()).get("areas", {}) if path.is_file() else {}
    codes = sorted(code for code, entry in areas.items() if entry.get("status") == "succeeded")
    target = out_root / "figures.csv"
    tmp = target.with_suffix(".csv.tmp")
    combined_figures(out_root, codes).to_csv(tmp, index=False)
    tmp.replace(target)
    return target


def _write_manifest(out_root: Path, results: list[AreaResult], parameters: dict,
                    seconds: float) -> None:
    """Add this run's areas to ``manifest.json``, under the reports folder's lock.

    The manifest is read, updated and replaced while :func:`publish_lock` is held, so two
    runs finishing at once keep each other's entries.
    """
    with publish_lock(out_root):
        _write_manifest_locked(out_root, results, parameters, seconds)


def _write_manifest_locked(out_root: Path, results: list[AreaResult], parameters: dict,
                           seconds: float) -> None:
    from lis_analytics.data.store import processed_dir

    path = out_root / "manifest.json"
    previous = json.loads(path.read_text()) if path.is_file() else {}
    areas = previous.get("areas", {})
    for r in results:
        entry = asdict(r)
        if r.status == "skipped":  # unchanged: the entry of the build that made the pack
            entry = {**areas.get(r.area_code, {}), "last_checked": r.run_at,
                     "status": areas.get(r.area_code, {}).get("status", "succeeded"),
                     "pack_available": True,
                     "pack_built": areas.get(r.area_code, {}).get("pack_built") or r.pack_built}
        areas[r.area_code] = entry
    store = processed_dir() / "_manifest.json"
    datasets = json.loads(store.read_text()) if store.is_file() else {}
    manifest = {
        "generated": dt.datetime.now().isoformat(timespec="seconds"),
        "code_version": _version_label(),
        "package_version": __version__,
        "parameters": parameters,
        "datasets": {k: {"sha256": v.get("sha256"), "release": v.get("release"),
                         "vintage": v.get("vintage")} for k, v in sorted(datasets.items())},
        "run_seconds": round(seconds, 1),
        "areas": areas,
    }
    tmp = path.with_name(f".manifest.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(manifest, indent=2, default=str))
    tmp.replace(path)
