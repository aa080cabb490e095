"""The dashboard's report tables and link lists as HTML, written in Python.

A round's dashboard holds some 8,000 table cells and is rendered again after every
submission (its HTML is kept per data version). Through Jinja macros, a macro call and an
attribute lookup per cell, the tables took a third of that recompute; these functions write
the same markup, escaping every text as the template's autoescape did. The templates call
them as `links(...)` and `table_html(...)` (registered in render.make_templates).
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from forcegen.web.assessment.dashboard_links import CellView, Link, TableView


def links(items: Iterable[Link], empty: str = "none") -> Markup:
    """Links joined by commas (a link without a target as its text); `empty` when none."""
    parts = [  # f-strings over escaped values: Markup's % operator costs a helper per value
        f'<a href="{escape(link.href)}">{escape(link.text)}</a>' if link.href else escape(link.text)
        for link in items
    ]
    if not parts:
        return Markup(f'<span class="muted">{escape(empty)}</span>')
    return Markup(", ".join(parts))


def table_html(table: TableView) -> Markup:
    """A report table: caption, a header row, a row per entry ("None." when it has none)."""
    caption = escape(table.title)
    if table.description:
        caption += Markup(' <span class="muted">— %s</span>') % table.description
    header = "".join(f'<th scope="col">{escape(column)}</th>' for column in table.columns)
    if table.rows:
        body = "".join(f"  <tr>{''.join(map(_cell, row))}</tr>\n" for row in table.rows)
    else:
        body = f'  <tr><td colspan="{len(table.columns)}" class="muted">None.</td></tr>\n'
    return Markup(
        f'<div class="table-wrap">\n<table class="report-table" id="table-{escape(table.key)}">\n'
        f"  <caption>{caption}</caption>\n"
        f"  <thead><tr>{header}</tr></thead>\n"
        f"  <tbody>\n{body}  </tbody>\n</table>\n</div>\n"
    )


def _cell(cell: CellView) -> str:
    content = links(cell.links) if cell.links else escape(cell.text)
    return f'<td class="num">{content}</td>' if cell.is_number else f"<td>{content}</td>"


def table_block(table: TableView) -> Markup:
    """A report table, folded under its title when it is long."""
    if not table.is_long:
        return table_html(table)
    summary = Markup("<summary>%s (%d rows)</summary>") % (table.title, len(table.rows))
    return Markup(f'<details class="long-table">{summary}{table_html(table)}</details>')
