"""Import and export of the public-source record in the web app, for analysts.

Upload a JSON or XLSX file, or up to three CSV files named after their tables
(`sources.csv`, `x.positions.csv`...). "Preview" is a dry run that shows what would change;
"Import" applies it. With HTMX the file stays chosen between the two, so one can preview
and then import without choosing it again. Downloads come in all three formats.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from forcegen.files import FileFormat, Record, TableKind, write_table
from forcegen.files.public_bundle import table_of_csv, write_bundle
from forcegen.model.errors import DataFileError, InvalidInputError
from forcegen.service.public import record as public_record
from forcegen.service.public.record import PublicDataError
from forcegen.web.accounts.analyst_auth import AnalystPage, analyst_page
from forcegen.web.accounts.auth import actor_of
from forcegen.web.deps import ServicesDep
from forcegen.web.render import render
from forcegen.web.security import CsrfChecked

router = APIRouter(dependencies=[Depends(analyst_page)], include_in_schema=False)

MAX_FILES = 3
_MEDIA_TYPES = {
    FileFormat.JSON: "application/json",
    FileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileFormat.CSV: "text/csv; charset=utf-8",
}


@router.get("/public-data", response_class=HTMLResponse)
def public_data(request: Request) -> HTMLResponse:
    return render(request, "public_data.html", {"result": None, "tables": list(TableKind)})


@router.post("/public-data/import", response_class=HTMLResponse)
def public_data_import(
    request: Request,
    services: ServicesDep,
    user: AnalystPage,
    _: CsrfChecked,
    files: Annotated[list[UploadFile], File(description="JSON, XLSX, or CSV per table")],
    action: Annotated[str, Form(max_length=10)] = "preview",
) -> HTMLResponse:
    is_dry_run = action != "import"
    with tempfile.TemporaryDirectory(prefix="forcegen-upload-") as directory:
        try:
            report = public_record.import_public_file(
                uow=services.uow(),
                catalog=services.catalog,
                path=_save_uploads(files, Path(directory)),
                actor=actor_of(user),
                dry_run=is_dry_run,
            )
            result: dict[str, object] = {"report": report, "problems": []}
        except PublicDataError as err:
            result = {"report": None, "problems": list(err.problems)}
    context = {"result": result, "tables": list(TableKind), "is_dry_run": is_dry_run}
    status = 422 if result["problems"] else 200
    return render(
        request, "public_data.html", context, fragment="_import_result.html", status_code=status
    )


@router.get("/public-data/export.{extension}")
def public_data_export(extension: str, services: ServicesDep) -> Response:
    file_format = _single_file_format(extension)
    data = public_record.export_public_data(uow=services.uow())
    with tempfile.TemporaryDirectory(prefix="forcegen-export-") as directory:
        path = Path(directory) / f"forcegen-public.{file_format.value}"
        write_bundle(path, sources=data.sources, positions=data.positions, pledges=data.pledges)
        content = path.read_bytes()
    return _download(content, path.name, file_format)


@router.get("/public-data/export/{table}.csv")
def public_data_export_csv(table: TableKind, services: ServicesDep) -> Response:
    data = public_record.export_public_data(uow=services.uow())
    tables: dict[TableKind, Sequence[Record]] = {
        TableKind.SOURCES: data.sources,
        TableKind.POSITIONS: data.positions,
        TableKind.PLEDGES: data.pledges,
    }
    records = tables[table]
    with tempfile.TemporaryDirectory(prefix="forcegen-export-") as directory:
        path = Path(directory) / f"forcegen-public.{table.value}.csv"
        write_table(path, table, records)
        content = path.read_bytes()
    return _download(content, path.name, FileFormat.CSV)


def _single_file_format(extension: str) -> FileFormat:
    if extension not in (FileFormat.JSON.value, FileFormat.XLSX.value):
        raise InvalidInputError(
            f"No export as {extension!r}: download .json or .xlsx, or the CSV tables at "
            "/public-data/export/sources.csv, positions.csv and pledges.csv."
        )
    return FileFormat(extension)


def _download(content: bytes, filename: str, file_format: FileFormat) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(content, media_type=_MEDIA_TYPES[file_format], headers=headers)


def _save_uploads(files: list[UploadFile], directory: Path) -> Path:
    """Save the uploads under names the bundle reader understands; return the bundle's path.

    Raises:
        DataFileError: no file, too many, or names that do not say which table they hold.
    """
    chosen = [upload for upload in files if upload.filename]
    if not chosen or len(chosen) > MAX_FILES:
        raise DataFileError(
            f"Choose one JSON or XLSX file, or up to {MAX_FILES} CSV files (one per table)."
        )
    target = _target_path(chosen, directory)
    for upload in chosen:
        name = Path(upload.filename or "").name
        kind = table_of_csv(Path(name))
        path = target if kind is None else directory / f"{kind.value}.csv"
        path.write_bytes(upload.file.read())
    return target


def _target_path(files: list[UploadFile], directory: Path) -> Path:
    names = [Path(upload.filename or "").name for upload in files]
    suffixes = {Path(name).suffix.lower() for name in names}
    if suffixes == {".csv"}:
        unnamed = [name for name in names if table_of_csv(Path(name)) is None]
        if unnamed:
            raise DataFileError(
                f"{unnamed[0]!r}: name CSV files after their table (sources.csv, "
                "positions.csv, pledges.csv, or e.g. mydata.positions.csv)."
            )
        return directory
    if len(files) == 1 and suffixes <= {".json", ".xlsx"}:
        # Keep the user's file name, so that errors name the file they chose.
        stem = re.sub(r"[^\w-]", "_", Path(names[0]).stem)[:80] or "upload"
        return directory / f"{stem}{suffixes.pop()}"
    raise DataFileError(
        f"Cannot import {', '.join(names)}: choose one .json or .xlsx file, or CSV files "
        "named after their tables."
    )
