"""Which release of each dataset is in use, how current it is, and what is newer upstream.

:func:`dataset_status` is what ``lis data status`` prints and what a pack's "Data as at"
panel reads. Checking upstream (:func:`check_upstream`) asks each publisher for its newest
release and keeps the answers in ``_upstream.json`` beside the processed tables, so a pack
built later, offline, can still say that a newer release was known, and when that was
checked. Offline, a dataset is "not checked (offline)" and nothing fails.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pandas as pd

from lis_analytics.data.registry import Dataset, get_dataset, registry
from lis_analytics.data.store import processed_dir, table_build
from lis_analytics.errors import DataUnavailableError

__all__ = ["STATUS_COLUMNS", "check_upstream", "dataset_status", "read_upstream",
           "sources_markdown", "stale_before"]

_UPSTREAM = "_upstream.json"
STALE_YEARS = 2

STATUS_COLUMNS = (
    "dataset", "title", "release", "period", "latest_period", "code_vintage", "read_from",
    "sha256", "newest_release", "upstream",
)
"""Columns of :func:`dataset_status`.

``period`` is the span covered (e.g. ``2002-2023``); ``read_from`` is mirror, cache or web
(or ``not built``); ``newest_release`` the newest release known upstream (ISO date, or empty);
``upstream`` says in words whether a newer release exists, or why that is not known.
"""


def _upstream_path() -> Path:
    return processed_dir() / _UPSTREAM


def read_upstream() -> dict[str, dict]:
    """The last upstream answers, keyed by dataset id (empty if never checked)."""
    path = _upstream_path()
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError:
        return {}


def _write_upstream(answers: dict[str, dict]) -> None:
    path = _upstream_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{_UPSTREAM}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(answers, indent=2, sort_keys=True), "utf-8")
    tmp.replace(path)


def check_upstream(dataset_ids: list[str] | None = None) -> dict[str, dict]:
    """Ask each publisher for its newest release; keep and return the answers.

    The first dataset whose publisher cannot be reached marks the machine as offline: the
    rest are recorded as "not checked (offline)" without waiting for more timeouts.

    Returns
    -------
    dict
        ``{dataset id: {"newest_release", "note", "checked_at", "checked"}}``.
    """
    from lis_analytics.data.releases import newest_release

    ids = dataset_ids or list(registry())
    answers = read_upstream()
    offline = False
    now = time.strftime("%Y-%m-%dT%H:%M:%S")
    for ds_id in ids:
        ds = get_dataset(ds_id)
        if offline and ds.discover.get("kind", "none") != "none":
            answers[ds_id] = {"newest_release": None, "note": "not checked (offline)",
                              "checked_at": now, "checked": False}
            continue
        try:
            up = newest_release(ds)
            answers[ds_id] = {"newest_release": up.release, "note": up.note,
                              "checked_at": now, "checked": up.checked}
        except DataUnavailableError as exc:
            offline = offline or "HTTP" not in str(exc)
            note = "not checked (offline)" if offline else f"not checked ({exc})"
            answers[ds_id] = {"newest_release": None, "note": note, "checked_at": now,
                              "checked": False}
    _write_upstream(answers)
    return {k: answers[k] for k in ids}


def _period_text(periods: list[str]) -> str:
    if not periods:
        return ""
    first, last = str(periods[0]), str(periods[1])
    return first if first == last else f"{first} to {last}"


def _sha_text(digests: list[str]) -> str:
    """Short sha256s: all of them for one or two files, else the first and a count."""
    short = [str(d)[:12] for d in digests]
    return ", ".join(short) if len(short) <= 2 else f"{short[0]} (+{len(short) - 1} files)"


def _upstream_words(ds: Dataset, answer: dict | None) -> str:
    if answer is None:
        return "not checked (run `lis data status` online)"
    newest = answer.get("newest_release")
    when = str(answer.get("checked_at", ""))[:10]
    if not answer.get("checked"):
        return str(answer.get("note") or "not checked")
    if newest and str(newest) > ds.release:
        return f"newer release {newest} (checked {when})"
    if newest:
        return f"up to date (checked {when})"
    return f"newest release not stated ({answer.get('note')}, checked {when})"


def stale_before(run_date: str | None = None) -> str:
    """The year before which a latest period counts as old: two years before the run date.

    Examples
    --------
    >>> stale_before("2026-11-28")
    '2024'
    """
    year = int((run_date or time.strftime("%Y-%m-%d"))[:4])
    return str(year - STALE_YEARS)


def dataset_status(dataset_ids: list[str] | None = None) -> pd.DataFrame:
    """One row per dataset: release in use, period, code vintage, origin and upstream news.

    Reads only the registry, the processed store's manifest and the last upstream answers:
    no network (see :func:`check_upstream`).

    Examples
    --------
    >>> table = dataset_status(["productivity_lad"])
    >>> list(table.columns) == list(STATUS_COLUMNS)
    True
    """
    upstream = read_upstream()
    rows = []
    for ds_id in dataset_ids or list(registry()):
        ds = get_dataset(ds_id)
        build = table_build(ds_id) or {}
        sources = build.get("sources") or []
        origins = sorted({s.get("origin", "") for s in sources}) if sources else []
        periods = build.get("periods") or []
        rows.append({
            "dataset": ds_id,
            "title": ds.title,
            "release": ds.release,
            "period": _period_text(periods),
            "latest_period": str(periods[1]) if periods else "",
            "code_vintage": ds.code_vintage,
            "read_from": "+".join(origins) if origins else (
                "built before release tracking" if build else "not built"),
            "sha256": _sha_text(build.get("sha256", [])),
            "newest_release": (upstream.get(ds_id) or {}).get("newest_release") or "",
            "upstream": _upstream_words(ds, upstream.get(ds_id)),
        })
    return pd.DataFrame(rows, columns=list(STATUS_COLUMNS))


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def sources_markdown() -> str:
    """Every registered dataset as a Markdown table: artefact, mirror copy and reachability.

    ``docs/data_sources.md`` is this text (a test keeps them the same).

    Examples
    --------
    >>> print(sources_markdown().splitlines()[4][:56])
    | dataset | release | published artefact | mirror copy |
    """
    lines = [
        "# Data sources: published artefacts and how each is reached",
        "",
        "Generated from the registry by `lis data list --markdown`; do not edit by hand.",
        "",
        "| dataset | release | published artefact | mirror copy | from the publisher | "
        "newer releases announced by |",
        "|---|---|---|---|---|---|",
    ]
    for ds in registry().values():
        arts = []
        for f in ds.files[:2]:
            member = f" (member `{f.member}`)" if f.member else ""
            pinned = "sha256 pinned" if f.sha256 else "sha256 recorded on first download"
            arts.append(f"<{f.url}>{member}, {pinned}")
        if len(ds.files) > 2:
            arts.append(f"and {len(ds.files) - 2} more files of the same release")
        copies = sorted({f.mirror_copy for f in ds.files})
        copy = ", ".join(copies)
        if ds.reshaping:
            copy += f": {ds.reshaping}"
        kind = ds.discover.get("kind", "none")
        feed = {"ons": "ONS page JSON", "els": "Explore Local Statistics metadata",
                "nomis": f"Nomis {ds.discover.get('dataset', '')} definition"}.get(
            kind, f"none ({ds.discover.get('reason', 'not declared')})")
        lines.append("| " + " | ".join(_cell(c) for c in (
            f"`{ds.id}`", ds.release, "<br>".join(arts), copy, ds.reachable, feed)) + " |")
    return "\n".join(lines) + "\n"
