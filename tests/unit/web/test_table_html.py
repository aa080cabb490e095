"""The dashboard's tables written in Python escape exactly as the templates' autoescape does,
and cells kept from one dashboard to the next are the cells written afresh."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from forcegen.reports import Table
from forcegen.web.assessment.dashboard_links import Link
from forcegen.web.assessment.table_html import _esc, _plain_cell, _written_cell, table_view

TEXT = st.text(alphabet=st.sampled_from("ab1 &<>'\"é-_;"), max_size=12)


@given(TEXT)
def test_text_is_escaped_as_markupsafe_escapes_it(text: str) -> None:
    assert _esc(text) == str(escape(text))


def test_markup_and_other_values_are_escaped_as_markupsafe_escapes_them() -> None:
    for value in (Markup("<b>kept</b>"), dt.date(2025, 8, 20), 7500, None, "plain"):
        assert _esc(value) == str(escape(value))


@given(st.one_of(TEXT, st.integers(), st.booleans(), st.none(), st.tuples(TEXT, TEXT)))
def test_a_kept_cell_is_the_cell_written_afresh(value: object) -> None:
    assert _plain_cell(value) == _written_cell(value)  # type: ignore[arg-type]


def test_true_and_one_are_kept_as_two_cells() -> None:
    assert _plain_cell(True) == "<td>yes</td>"
    assert _plain_cell(1) == '<td class="num">1</td>'
    assert _plain_cell(False) == "<td>no</td>"
    assert _plain_cell(0) == '<td class="num">0</td>'


def test_ids_become_links_and_text_is_escaped_in_a_table() -> None:
    table = Table(
        key="t",
        title="T",
        columns=("note", "personnel", "pledge_ids"),
        rows=(("a <b> & 'c'", 7500, ("FRA-1", "GBR-2")),),
    )
    links = {"FRA-1": Link("FRA-1", "#pledge-FRA-1")}

    (row,) = table_view(table, links, {}).rows

    assert row == (
        "<td>a &lt;b&gt; &amp; &#39;c&#39;</td>"
        '<td class="num">7,500</td>'
        '<td><a href="#pledge-FRA-1">FRA-1</a>, GBR-2</td>'
    )
