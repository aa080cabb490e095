"""Assessment tables as Markdown: a heading, the description and a pipe table per table.

Pipes and line breaks in cells are escaped so that the table stays a table.
"""

from __future__ import annotations

from collections.abc import Sequence

from forcegen.reports.table import Table, cell_display


def assessment_markdown(title: str, tables: Sequence[Table]) -> str:
    """The whole document: `# title`, then each table; the summary table as a list."""
    parts = [f"# {_escape(title)}", ""]
    for t in tables:
        parts += [f"## {_escape(t.title)}", ""]
        if t.description:
            parts += [_escape(t.description), ""]
        if t.key == "summary":
            parts += [f"- {_escape(str(row[0]))}" for row in t.rows]
        elif not t.rows:
            parts.append("_(none)_")
        else:
            parts += _pipe_table(t)
        parts.append("")
    return "\n".join(parts)


def _pipe_table(t: Table) -> list[str]:
    lines = ["| " + " | ".join(_escape(c) for c in t.columns) + " |"]
    lines.append("|" + "|".join(" --- " for _ in t.columns) + "|")
    for row in t.rows:
        lines.append("| " + " | ".join(_escape(cell_display(cell)) for cell in row) + " |")
    return lines


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
