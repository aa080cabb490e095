"""Exporting an assessment to files: XLSX (one sheet per table), CSV (a directory with one
file per table), JSON (one document) or Markdown (one document)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from forcegen.analysis.assessment import Assessment
from forcegen.reports.assessment_tables import assessment_tables
from forcegen.reports.csv_report import write_csv_directory
from forcegen.reports.headline import headline
from forcegen.reports.json_report import assessment_json
from forcegen.reports.markdown_report import assessment_markdown
from forcegen.reports.xlsx_report import write_xlsx


class ExportFormat(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"
    JSON = "json"
    MARKDOWN = "markdown"


def export_assessment(assessment: Assessment, *, format: ExportFormat, output: Path) -> list[Path]:
    """Write the assessment's tables to `output` and return the files written.

    For CSV, `output` is a directory (created if missing, never its parents) that gets
    `<table>.csv` per table and `index.csv`; for the other formats it is the file to write.

    Raises:
        InvalidInputError: `output` is a file where a directory is needed.
    """
    tables = assessment_tables(assessment)
    if format is ExportFormat.CSV:
        return write_csv_directory(output, tables)
    if format is ExportFormat.XLSX:
        write_xlsx(output, tables)
    elif format is ExportFormat.JSON:
        output.write_text(
            assessment_json(tables, headline=headline(assessment)) + "\n", encoding="utf-8"
        )
    else:
        output.write_text(assessment_markdown(assessment.title, tables), encoding="utf-8")
    return [output]
