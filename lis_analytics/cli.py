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
                         help="Only these types: LEP, CA, RGN, CTRY, CUSTOM, LAD.")] = None,
    show: Annotated[str | None, typer.Option("--show", help="List the LADs of one area.")] = None,
) -> None:
    """List areas with code, name, type and number of LADs."""
    from lis_analytics import geography

    try:
        if show:
            area = geography.get_area(show)
            names = geography.canonical_lads().set_index("lad_code")["lad_name"]
            typer.echo(f"{area.code}  {area.name}  ({area.type}, {len(area)} LADs, "
                       f"{area.vintage} codes)")
            for lad in area.lad_codes:
                shared = "  (also in another area of this type)" if lad in area.shared_lads else ""
                typer.echo(f"  {lad}  {names.get(lad, '?')}{shared}")
            return
        types = [t.upper() for t in area_type] if area_type else None
        table = geography.areas_table(types) if types else geography.areas_table()
    except LisError as exc:
        _fail(exc)
    typer.echo(table.to_string(index=False))


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
    typer.echo(f"{built} built, {len(result) - built} unchanged")


@data_app.command("list")
def data_list() -> None:
    """List registered datasets with release, vintage and publisher."""
    from lis_analytics.data import registry

    for ds in registry().values():
        typer.echo(f"{ds.id:28s} {ds.release}  {ds.publisher[:40]:40s}  {ds.vintage[:60]}")


@app.command("ttwa")
def ttwa_command(
    dataset: Annotated[str, typer.Option(help="Flow dataset id, e.g. census2011_flows_msoa.")] = (
        "census2011_flows_msoa"),
    output: Annotated[Path, typer.Option("--output", "-o", help="CSV to write.")] = Path(
        "ttwa_zones.csv"),
) -> None:
    """Run the travel-to-work-area algorithm and write zone_code, area_id, area_name as CSV."""
    from lis_analytics import fema

    try:
        result = fema.ttwa_from_dataset(dataset)
    except LisError as exc:
        _fail(exc)
    zones = result.zones[["zone_code", "area_id", "area_name"]]
    output.parent.mkdir(parents=True, exist_ok=True)
    zones.to_csv(output, index=False)
    typer.echo(f"{zones['area_id'].nunique()} areas from {len(zones)} zones written to {output}")


if __name__ == "__main__":  # pragma: no cover
    app()
