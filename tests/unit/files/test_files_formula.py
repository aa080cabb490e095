"""Exported text never runs as a spreadsheet formula, and import gives back the exact text."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from files_factories import make_source
from hypothesis import given
from hypothesis import strategies as st

from forcegen.files import (
    TableKind,
    neutralise,
    parse_sources,
    read_table,
    restore,
    write_table,
)

FORMULA_LIKE = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "'=1", "''+x"]


@given(st.text())
def test_restore_undoes_neutralise_for_any_text(text: str) -> None:
    assert restore(neutralise(text)) == text


@given(st.text())
def test_neutralised_text_never_starts_like_a_formula(text: str) -> None:
    assert neutralise(text)[:1] not in ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("'=A1", "''=A1"),
        ("'quoted", "'quoted"),
        ("plain", "plain"),
    ],
    ids=["equals", "plus", "minus", "at", "apostrophe-formula", "apostrophe-text", "plain"],
)
def test_only_formula_like_text_gets_an_apostrophe(text: str, written: str) -> None:
    assert neutralise(text) == written


def test_csv_cells_that_start_like_formulas_are_written_with_an_apostrophe(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sources.csv"

    write_table(path, "sources", [make_source(outlet="=HYPERLINK(1)", locator="@SUM(A1)")])

    text = path.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    assert "'@SUM(A1)" in text


def test_xlsx_cells_that_start_like_formulas_are_text_not_formulas(tmp_path: Path) -> None:
    path = tmp_path / "sources.xlsx"

    write_table(path, "sources", [make_source(outlet="=1+1", locator="-5")])

    sheet = openpyxl.load_workbook(path)["sources"]
    cells = {cell.value: cell.data_type for cell in sheet[2]}
    assert cells["'=1+1"] == "s"
    assert cells["'-5"] == "s"
    assert "f" not in cells.values()


def test_json_keeps_text_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "sources.json"

    write_table(path, "sources", [make_source(outlet="=1+1")])

    assert json.loads(path.read_text(encoding="utf-8"))["sources"][0]["outlet"] == "=1+1"


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_formula_like_text_comes_back_exactly(tmp_path: Path, file_format: str) -> None:
    sources = [make_source(id=f"src-{i}", outlet=text) for i, text in enumerate(FORMULA_LIKE)]
    path = tmp_path / f"sources.{file_format}"

    write_table(path, TableKind.SOURCES, sources)
    parsed, problems = parse_sources(read_table(path, TableKind.SOURCES))

    assert problems == []
    assert [source.outlet for source in parsed] == FORMULA_LIKE


def test_a_real_formula_in_an_imported_workbook_is_read_as_its_text(tmp_path: Path) -> None:
    path = tmp_path / "sources.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "sources"
    sheet.append(["id", "locator", "outlet"])
    sheet.append(["src-1", "https://x.example", '=CONCAT("a","b")'])
    workbook.save(path)

    [row] = read_table(path, TableKind.SOURCES)

    assert row.get("outlet") == '=CONCAT("a","b")'
