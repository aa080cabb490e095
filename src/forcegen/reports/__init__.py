"""Exports of assessment results: tables as XLSX, CSV, JSON and Markdown.

tables = assessment_tables(assessment)        # one concept per table
export_assessment(assessment, format=ExportFormat.XLSX, output=Path("brief.xlsx"))
"""

from forcegen.reports.assessment_tables import assessment_tables
from forcegen.reports.chart_style import Chart
from forcegen.reports.charts import dashboard_charts
from forcegen.reports.export import ExportFormat, export_assessment
from forcegen.reports.headline import headline
from forcegen.reports.json_report import assessment_json
from forcegen.reports.markdown_report import assessment_markdown
from forcegen.reports.table import Cell, Table, cell_display, cell_text
from forcegen.reports.xlsx_report import write_xlsx

__all__ = [
    "Cell",
    "Chart",
    "ExportFormat",
    "Table",
    "assessment_json",
    "assessment_markdown",
    "assessment_tables",
    "cell_display",
    "cell_text",
    "dashboard_charts",
    "export_assessment",
    "headline",
    "write_xlsx",
]
