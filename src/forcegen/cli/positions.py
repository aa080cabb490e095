"""`forcegen positions import|export`: the public-source record in and out of files."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from forcegen.cli import context
from forcegen.cli.app import app
from forcegen.files.public_bundle import write_bundle
from forcegen.service.public import record as public_record
from forcegen.service.public.record import ImportReport, PublicDataError

_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)

_FILES_HELP = (
    "JSON and XLSX files hold the sources, positions and pledges tables together (keys or "
    "sheets named after them). CSV holds one table per file, so a CSV bundle is three "
    "files: FILE.csv stands for FILE.sources.csv, FILE.positions.csv and FILE.pledges.csv; "
    "a directory (or a path without a suffix) stands for DIR/sources.csv, "
    "DIR/positions.csv and DIR/pledges.csv (the layout of the packaged dataset in "
    "forcegen/data/public/)."
)

positions_app = typer.Typer(
    help="Import and export positions, reported pledges and their sources.\n\n" + _FILES_HELP,
    no_args_is_help=True,
)
app.add_typer(positions_app, name="positions")


_IMPORT_HELP = (
    "Check a file and import what is new or changed.\n\n"
    "Every row is checked first; if any row is bad, every problem is listed with its row "
    "and column, nothing is imported and the exit code is 1. Importing the same file again "
    "changes nothing; a changed position is stored as a correction (its old version stays "
    "in the history).\n\n" + _FILES_HELP
)
_EXPORT_HELP = (
    "Write every source, position (with the history of corrections) and reported pledge "
    "to a file that `forcegen positions import` reads back.\n\n" + _FILES_HELP
)


@positions_app.command("import", help=_IMPORT_HELP)
def import_command(
    file: Path = typer.Argument(..., help="A .json, .xlsx or .csv file, or a directory of CSV."),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Only check the file and show what would change."
    ),
) -> None:
    services = context.services()
    try:
        with _err.status("Checking and importing..."):
            report = public_record.import_public_file(
                uow=services.uow(),
                catalog=services.catalog,
                path=file,
                actor=context.actor(),
                dry_run=dry_run,
            )
    except PublicDataError as err:
        _print_problems(err, files=[str(file)])
        raise typer.Exit(1) from None
    _print_report(report)


@positions_app.command("export", help=_EXPORT_HELP)
def export_command(
    output: Path = typer.Option(..., "--output", "-o", help="File (or, for CSV, directory)."),
    file_format: str = typer.Option(
        None, "--format", help="csv, xlsx or json (default: from the --output suffix)."
    ),
) -> None:
    data = public_record.export_public_data(uow=context.services().uow())
    written = write_bundle(
        output,
        sources=data.sources,
        positions=data.positions,
        pledges=data.pledges,
        file_format=file_format,
    )
    _out.print(
        f"Exported {len(data.sources)} sources, {len(data.positions)} positions and "
        f"{len(data.pledges)} pledges to {', '.join(str(path) for path in written)}"
    )


def _print_problems(err: PublicDataError, *, files: list[str]) -> None:
    _err.print(
        f"{len(err.problems)} problem(s) in {', '.join(files) or 'the file'}; nothing was imported:"
    )
    for problem in err.problems:
        _err.print(f"  {problem}")
    _err.print("Fix these rows and run the import again (add --dry-run to check first).")


def _print_report(report: ImportReport) -> None:
    table = Table("table", "new", "changed", "unchanged", title=_title(report))
    for name, changes in report.tables():
        table.add_row(
            name, str(len(changes.new)), str(len(changes.changed)), str(len(changes.unchanged))
        )
    _out.print(table)
    for name, changes in report.tables():
        for change in changes.changed:
            became = f" -> correction {change.new_id}" if change.new_id else ""
            _out.print(f"  changed {name[:-1]} {change.id}: {', '.join(change.fields)}{became}")
    if report.is_dry_run:
        _out.print("Dry run: nothing was written. Run again without --dry-run to import.")
    elif not report.has_changes:
        _out.print("Nothing to import: the database already holds this data.")


def _title(report: ImportReport) -> str:
    return "What the import would do" if report.is_dry_run else "Imported"
