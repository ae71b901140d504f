"""The ``lis`` command-line tool."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from lis_analytics.errors import LisError

app = typer.Typer(help="lis-analytics: evidence for Local Industrial Strategies.",
                  no_args_is_help=True, add_completion=False)
data_app = typer.Typer(help="Build and inspect the processed data store.", no_args_is_help=True)
app.add_typer(data_app, name="data")


def _fail(exc: Exception) -> None:
    typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=2)


@app.command("areas")
def areas_command(
    area_type: Annotated[list[str] | None, typer.Option("--type", "-t",
                         help="Only these types: LEP, CA, SA, RGN, CTRY, CUSTOM, LAD.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Only this kind: lep, ca (or "
                    "combined-authority), cca, sa (or strategic-authority), region, country, "
                    "district, custom; any case.")] = None,
    lads: Annotated[bool, typer.Option("--lads", help="List each area's districts (always "
                    "for strategic authorities).")] = False,
    show: Annotated[str | None, typer.Option("--show", help="List the LADs of one area.")] = None,
    itl: Annotated[bool, typer.Option("--itl", help="Add each area's ITL (January 2025) "
                   "regions: the ITL1 and ITL2 code holding all its districts, or how many "
                   "it spans.")] = False,
) -> None:
    """List areas with code, name, type and number of LADs."""
    from lis_analytics import geography

    try:
        if show:
            area = geography.get_area(show, kind=kind)
            _echo_area_lads(area, geography)
            return
        if kind:
            resolved = geography.resolve_kind(kind)
            table = geography.areas_table([resolved.type], cca_only=resolved.cca_only)
            if lads or resolved.type == "SA":
                for code in table["code"]:
                    _echo_area_lads(geography.get_area(code), geography)
                return
        else:
            types = [t.upper() for t in area_type] if area_type else None
            table = geography.areas_table(types) if types else geography.areas_table()
        if itl:
            table = _with_itl25(table, geography)
    except LisError as exc:
        _fail(exc)
    typer.echo(table.to_string(index=False))


def _with_itl25(table, geography):  # noqa: ANN001, ANN202 - a DataFrame and the module
    """The areas table with ``itl1_2025`` and ``itl2_2025``: a code, or "spans N"."""
    from lis_analytics.data import load_table

    districts = geography.itl25_of_districts(load_table("lookup_lad25_itl25"))
    by_lad = districts.set_index("lad_code")
    columns: dict[str, list[str]] = {"itl1_2025": [], "itl2_2025": []}
    for code in table["code"]:
        lads = [lad for lad in geography.get_area(code).lad_codes if lad in by_lad.index]
        held = geography.itl25_of_area(lads, districts) if lads else {}
        for level, column in (("ITL1", "itl1_2025"), ("ITL2", "itl2_2025")):
            n = by_lad.loc[lads, f"{level.lower()}_code"].nunique() if lads else 0
            columns[column].append(held.get(level) or (f"spans {n}" if n else "[x]"))
    return table.assign(**columns)


def _echo_area_lads(area, geography) -> None:  # noqa: ANN001 - the geography module
    names = geography.canonical_lads().set_index("lad_code")["lad_name"]
    typer.echo(f"{area.code}  {area.label}  ({area.type}, {len(area)} LADs, "
               f"{area.vintage} codes)")
    if area.type == "SA":
        for council, members in geography.programme_area_councils(area.code).items():
            typer.echo(f"  {council}:")
            for lad in members:
                typer.echo(f"    {lad}  {names.get(lad, '?')}")
        typer.echo(f"  source: {area.source}")
        return
    for lad in area.lad_codes:
        shared = "  (also in another area of this type)" if lad in area.shared_lads else ""
        typer.echo(f"  {lad}  {names.get(lad, '?')}{shared}")


@data_app.command("build")
def data_build(
    dataset: Annotated[list[str] | None, typer.Argument(help="Dataset ids (default: all).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if unchanged.")] = False,
) -> None:
    """Build the processed store from the web or the mirror (LIS_DATA_MIRROR)."""
    from lis_analytics.data import build, mirror_dir, processed_dir

    where = mirror_dir() or "the web (set LIS_DATA_MIRROR to use an offline mirror)"
    typer.echo(f"sources: {where}\nprocessed tables: {processed_dir()}")
    try:
        result = build(dataset or None, force=force, progress=sys.stderr.isatty())
    except LisError as exc:
        _fail(exc)
    typer.echo(result.to_string(index=False))
    built = int((result["status"] == "built").sum())
    absent = result.loc[result["status"] == "not held", "dataset_id"].tolist()
    typer.echo(f"{built} built, {len(result) - built - len(absent)} unchanged"
               + (f", {len(absent)} optional source{'' if len(absent) == 1 else 's'} not held "
                  f"(get {'it' if len(absent) == 1 else 'them'} with `lis data fetch "
                  f"{' '.join(absent)}`, then build again)" if absent else ""))


@data_app.command("status")
def data_status(
    dataset: Annotated[list[str] | None, typer.Argument(help="Dataset ids (default: all).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    check: Annotated[bool, typer.Option("--check/--no-check",
                     help="Ask each publisher for its newest release (default).")] = True,
) -> None:
    """One row per dataset: release in use, period, code vintage, origin, newest upstream.

    Offline, upstream is "not checked (offline)" and the command still succeeds.
    """
    import json

    from lis_analytics.data.status import check_upstream, dataset_status

    try:
        ids = list(dataset) if dataset else None
        if ids:
            from lis_analytics.data import get_dataset

            for ds_id in ids:
                get_dataset(ds_id)
        if check:
            check_upstream(ids)
        table = dataset_status(ids)
    except LisError as exc:
        _fail(exc)
    if as_json:
        typer.echo(json.dumps(table.to_dict(orient="records"), indent=2))
        return
    shown = table.drop(columns=["title", "latest_period"])
    typer.echo(shown.to_string(index=False))


@data_app.command("fetch")
def data_fetch(
    dataset: Annotated[list[str], typer.Argument(help="Dataset ids.")],
) -> None:
    """Get exactly the pinned release of each dataset, from the mirror or the publisher."""
    from lis_analytics.data.fetch import locate

    failed = 0
    for ds_id in dataset:
        try:
            for found in locate(ds_id, verify=True):
                typer.echo(f"{ds_id}: {found.origin:6s} {found.sha256[:12]}  {found.path}")
        except LisError as exc:
            failed += 1
            typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    if failed:
        raise typer.Exit(code=2)


@data_app.command("update")
def data_update(
    dataset: Annotated[list[str] | None, typer.Argument(
        help="Dataset ids (default: every dataset whose publisher announces releases).")] = None,
) -> None:
    """Bring in newer releases: checked before anything is replaced, recorded in the lock file."""
    from lis_analytics.data.lock import lock_path
    from lis_analytics.data.update import update

    try:
        results = update(list(dataset) if dataset else None)
    except LisError as exc:
        _fail(exc)
    for r in results:
        change = (f"{r.release_before} -> {r.release_after}" if r.status == "updated"
                  else r.release_before)
        line = f"{r.dataset:28s} {r.status:12s} {change}  {r.detail}"
        if r.status == "failed":
            typer.secho(line, fg=typer.colors.RED, err=True)
        else:
            typer.echo(line)
    if any(r.status == "updated" for r in results):
        typer.echo(f"data lock file: {lock_path()} (commit it to rebuild from the same bytes)")
    if any(r.status == "failed" for r in results):
        raise typer.Exit(code=2)


@data_app.command("list")
def data_list(
    markdown: Annotated[bool, typer.Option("--markdown", help="A Markdown table of published "
                                           "artefacts, mirror copies and reachability.")] = False,
) -> None:
    """List registered datasets with release, vintage and publisher."""
    from lis_analytics.data import registry

    if markdown:
        from lis_analytics.data.status import sources_markdown

        typer.echo(sources_markdown(), nl=False)
        return
    for ds in registry().values():
        typer.echo(f"{ds.id:28s} {ds.release}  {ds.publisher[:40]:40s}  {ds.vintage[:60]}")


def _parse_params(values: list[str] | None) -> dict:
    import json

    params = {}
    for item in values or []:
        if "=" not in item:
            raise typer.BadParameter(f"--param {item!r}: use NAME=VALUE")
        key, value = item.split("=", 1)
        try:
            params[key] = json.loads(value)
        except json.JSONDecodeError:
            params[key] = value
    return params


_FRAME_HELP = ("Views of each pack: lis writes index.html, the Local Industrial Strategy view; "
               "lgp also writes growth_plan.html, the same figures ordered as a Local Growth "
               "Plan evidence annex reads; auto (default) writes index.html for every area "
               "and growth_plan.html too for combined and proposed strategic authorities.")


def _summarise(results) -> None:
    failed = [r for r in results if r.status == "failed"]
    counts = {s: sum(r.status == s for r in results) for s in ("succeeded", "skipped", "failed")}
    typer.echo(f"{counts['succeeded']} built, {counts['skipped']} unchanged (skipped), "
               f"{counts['failed']} failed")
    for r in failed:
        typer.secho(f"  FAILED {r.area_code} {r.area_name}: {r.error}", fg=typer.colors.RED,
                    err=True)
    if failed:
        raise typer.Exit(code=1)


@app.command("reports")
def reports_command(
    areas: Annotated[str | None, typer.Option("--areas", help="Codes or names, space- or "
                     "comma-separated (default: every LEP, CA and custom area).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Parallel workers.")] = 2,
    force: Annotated[bool, typer.Option("--force", help="Rebuild unchanged areas.")] = False,
    param: Annotated[list[str] | None, typer.Option("--param", "-p",
                     help="Notebook parameter NAME=VALUE (JSON values allowed).")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Area type settling a name "
                    "several areas share: LEP, CA, SA, RGN, CTRY, LAD, CUSTOM or a kind word "
                    "(strategic-authority, cca, region, district, ...).")] = None,
    frame: Annotated[str, typer.Option("--frame", help=_FRAME_HELP)] = "auto",
) -> None:
    """Build evidence packs for many areas, the front page and manifest (reports/)."""
    from lis_analytics.report.batch import reports_dir, run_reports

    codes = [c for c in (areas or "").replace(",", " ").split() if c] or None
    try:
        results = run_reports(codes, jobs=jobs, force=force, parameters=_parse_params(param),
                              progress=True, kind=kind, frame=frame)
    except LisError as exc:
        _fail(exc)
    typer.echo(f"front page: {reports_dir() / 'index.html'}")
    _summarise(results)


@app.command("report")
def report_command(
    area: Annotated[str, typer.Argument(help="Area code or name, e.g. E37000015.")],
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if unchanged.")] = False,
    param: Annotated[list[str] | None, typer.Option("--param", "-p",
                     help="Notebook parameter NAME=VALUE (JSON values allowed).")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Area type settling a name "
                    "several areas share: LEP, CA, SA, RGN, CTRY, LAD, CUSTOM or a kind word "
                    "(strategic-authority, cca, region, district, ...).")] = None,
    frame: Annotated[str, typer.Option("--frame", help=_FRAME_HELP)] = "auto",
) -> None:
    """Build one area's evidence pack (reports/<code>/)."""
    from lis_analytics.report.batch import reports_dir, run_reports
    from lis_analytics.report.frames import frame_pages

    try:
        results = run_reports([area], jobs=1, force=force, parameters=_parse_params(param),
                              progress=False, kind=kind, frame=frame)
    except LisError as exc:
        _fail(exc)
    if results[0].status != "failed":  # never point at a pack that was not built
        for view in frame_pages(frame, results[0].area_type):
            typer.echo(f"pack: {reports_dir() / results[0].area_code / view.page}")
    _summarise(results)


@app.command("ttwa")
def ttwa_command(
    dataset: Annotated[str, typer.Option(help="Flow dataset id, e.g. census2011_flows_msoa.")] = (
        "census2011_flows_msoa"),
    output: Annotated[Path, typer.Option("--output", "-o", help="CSV to write.")] = Path(
        "ttwa_zones.csv"),
) -> None:
    """Run the travel-to-work-area algorithm and write zone_code, area_id, area_name as CSV."""
    from lis_analytics.commuting import travel_to_work_areas
    from lis_analytics.data import get_dataset, load_table

    names_for = {"MSOA11": "msoa11_names", "MSOA21": "msoa21_names"}
    try:
        ds = get_dataset(dataset)
        if ds.schema != "flows":
            raise LisError(f"{dataset} is not an origin-destination flow dataset")
        flows = load_table(dataset)
        names = None
        if ds.code_vintage in names_for:
            lookup = load_table(names_for[ds.code_vintage])
            names = dict(zip(lookup["zone_code"], lookup["zone_name"], strict=True))
        elif ds.code_vintage.startswith("LAD"):
            from lis_analytics.geography import canonical_lads

            lads = canonical_lads()
            names = dict(zip(lads["lad_code"], lads["lad_name"], strict=True))
        result = travel_to_work_areas(flows, zone_names=names)
    except LisError as exc:
        _fail(exc)
    zones = result.zones[["zone_code", "area_id", "area_name"]]
    output.parent.mkdir(parents=True, exist_ok=True)
    zones.to_csv(output, index=False)
    typer.echo(f"{zones['area_id'].nunique()} areas from {len(zones)} zones written to {output}")


if __name__ == "__main__":  # pragma: no cover
    app()
