"""The dashboard's report tables and link lists as HTML, written in Python.

A round of 200 answers makes a dashboard of some 8,000 table cells, rendered again after
every submission (its HTML is kept per data version). Through Jinja macros, a macro call and
an attribute lookup per cell, the tables took a third of that recompute, and a view object
per cell another third; `table_view` writes each row's cells straight from the report
table, a list of ids as the links written once per id, escaping every text as the
template's autoescape did. The pledges and sources, one row each, are written the same way.
The templates call `links(...)`, `table_block(...)`, `pledge_rows(...)` and
`source_rows(...)` (registered in render.make_templates).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from forcegen.reports import Cell, Table, cell_display
from forcegen.web.assessment.dashboard_links import Link, PledgeView, SourceView

LONG_TABLE_ROWS = 12
_SPECIAL = re.compile("[&<>'\"]")  # what markupsafe.escape replaces
PLAIN_CELLS_KEPT = 65_536  # a few dashboards' worth of distinct cells, some 10 MB at most


@dataclass(frozen=True)
class TableView:
    """A report table ready for the page: its rows already written as HTML cells."""

    key: str
    title: str
    description: str
    columns: tuple[str, ...]
    rows: tuple[str, ...]  # each row's cells, `<td>...</td>...`, escaped

    @property
    def is_long(self) -> bool:
        return len(self.rows) > LONG_TABLE_ROWS


def table_view(
    table: Table, pledge_link: Mapping[str, Link], source_link: Mapping[str, Link]
) -> TableView:
    """The table's rows as HTML: ids in `..._pledge_ids` and `..._source_ids` columns become
    links to their pledge or source (an id without one stays text), numbers align right."""
    written: dict[str, dict[str, str]] = {"pledge": {}, "source": {}}
    kinds = tuple(_column_kind(column) for column in table.columns)
    targets = {"pledge": pledge_link, "source": source_link}

    def cell(kind: str, value: Cell) -> str:
        if kind != "text" and isinstance(value, tuple):
            seen, known = written[kind], targets[kind]
            html = []
            for item in value:
                link = seen.get(item)
                if link is None:
                    link = seen[item] = _link(known.get(item) or Link(item, ""))
                html.append(link)
            return f"<td>{', '.join(html)}</td>"
        if isinstance(value, float):  # not kept: 0.0 and -0.0 are equal keys, shown apart
            return _written_cell(value)
        return _plain_cell(value)

    rows = tuple(
        "".join(cell(kind, value) for kind, value in zip(kinds, row, strict=True))
        for row in table.rows
    )
    return TableView(
        key=table.key,
        title=table.title,
        description=table.description,
        columns=tuple(column.replace("_", " ") for column in table.columns),
        rows=rows,
    )


@functools.lru_cache(maxsize=PLAIN_CELLS_KEPT, typed=True)
def _plain_cell(value: Cell) -> str:
    """A cell without links, as HTML, kept by value and type (1 and True stay two cells):
    after a submission the next dashboard's tables repeat nearly all the cells of the last
    one, and writing each again was a third of the tables' cost."""
    return _written_cell(value)


def _written_cell(value: Cell) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<td class="num">{_esc(cell_display(value))}</td>'
    return f"<td>{_esc(cell_display(value))}</td>"


def _esc(value: object) -> str:
    """`markupsafe.escape(value)` as text, without making a Markup of every plain string: a
    dashboard escapes some 7,000 of them, nearly all ids and numbers with nothing to escape."""
    if type(value) is str and _SPECIAL.search(value) is None:
        return value
    return str(escape(value))


def _column_kind(column: str) -> str:
    if column.endswith("pledge_ids"):
        return "pledge"
    return "source" if column.endswith("source_ids") else "text"


def _link(link: Link) -> str:
    if link.href:
        return f'<a href="{_esc(link.href)}">{_esc(link.text)}</a>'
    return _esc(link.text)


def links(items: Iterable[Link], empty: str = "none") -> Markup:
    """Links joined by commas (a link without a target as its text); `empty` when none."""
    parts = [_link(link) for link in items]  # f-strings: Markup's % costs a helper per value
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
        body = "".join(f"  <tr>{row}</tr>\n" for row in table.rows)
    else:
        body = f'  <tr><td colspan="{len(table.columns)}" class="muted">None.</td></tr>\n'
    return Markup(
        f'<div class="table-wrap">\n<table class="report-table" id="table-{escape(table.key)}">\n'
        f"  <caption>{caption}</caption>\n"
        f"  <thead><tr>{header}</tr></thead>\n"
        f"  <tbody>\n{body}  </tbody>\n</table>\n</div>\n"
    )


def table_block(table: TableView) -> Markup:
    """A report table, folded under its title when it is long."""
    if not table.is_long:
        return table_html(table)
    summary = Markup("<summary>%s (%d rows)</summary>") % (table.title, len(table.rows))
    return Markup(f'<details class="long-table">{summary}{table_html(table)}</details>')


def pledge_rows(pledges: Iterable[PledgeView]) -> Markup:
    """The pledges table's body: a row per pledge, anchored, with its sources' links."""
    rows = []
    for view in pledges:
        p, active = view.pledge, view.is_active
        marked = ' class="active"' if active else ""
        rows.append(
            f'      <tr id="{_esc(view.anchor)}"{marked}>\n'
            f"        <td><code>{_esc(p.id)}</code></td><td>{_esc(p.contributor)}</td>"
            f"<td>{_esc(p.kind.value)}</td><td>{_esc(p.capability or '')}</td>\n"
            f'        <td class="num">{_esc(p.personnel.text)}</td>'
            f'<td class="num">{_esc(p.platforms.text)}</td>\n'
            f"        <td><code>{_esc(p.condition or 'unconditional')}</code></td>"
            f"<td>{_esc(p.level.value)}</td><td>{'yes' if active else 'no'}</td>\n"
            f'        <td class="wrap-anywhere">{links(view.sources)}</td>\n'
            "      </tr>"
        )
    return Markup("\n".join(rows))  # the template's line ends the last


def source_rows(sources: Iterable[SourceView]) -> Markup:
    """The sources table's body: a row per source, anchored, with where it can be read and
    the pledges citing it."""
    rows = []
    for view in sources:
        source, target = view.source, view.target
        where = (
            f'<a href="{_esc(target.href)}" rel="noopener noreferrer">{_esc(target.text)}</a>'
            if target.href
            else _esc(target.text)
        )
        rows.append(
            f'      <tr id="{_esc(view.anchor)}">\n'
            f"        <td><code>{_esc(source.id)}</code></td>\n"
            f'        <td class="wrap-anywhere">{where}</td>\n'
            f"        <td>{_esc(source.outlet)}</td><td>{_esc(source.published or '')}</td>"
            f"<td>{_esc(source.reliability.value)}</td>\n"
            f"        <td>{links(view.cited_by)}</td>\n"
            "      </tr>"
        )
    return Markup("\n".join(rows))  # the template's line ends the last
