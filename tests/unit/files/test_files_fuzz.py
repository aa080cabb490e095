"""Fuzzing each import format: arbitrary bytes, and arbitrary cells under a real header, read as
sources, positions and pledges. Whatever the file holds, the reader returns rows or raises one
DataFileError line, and the parsers return values or row problems; nothing else escapes.
Bounded: forty examples per target, a deadline per example."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from tempfile import TemporaryDirectory

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from forcegen.catalog import load_catalog
from forcegen.files.pledges import parse_pledges
from forcegen.files.positions import parse_positions
from forcegen.files.sources import parse_sources
from forcegen.files.table import TableKind, column_names
from forcegen.files.table_file import read_table
from forcegen.model.errors import DataFileError

VOCABULARY = load_catalog().condition_vocabulary()
FUZZ = settings(
    max_examples=40,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
KINDS = st.sampled_from(list(TableKind))
CELL = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "FRA",
            "troops",
            "yes",
            "2025-02-30",
            "1e999",
            "9" * 5000,
            "=1+1",
            "us.isr and",
            "-3",
            "1,5",
            "about 7,500",
            "<script>",
            "\x00",
            "nan",
        ]
    ),
)


def read_everything(path: Path, kind: TableKind) -> None:
    """Read `path` as `kind` and parse the rows; only documented outcomes may occur."""
    try:
        rows = read_table(path, kind)
    except DataFileError as error:
        message = error.message
    else:
        message = ""
    assert "\n" not in message
    if message:
        return
    if kind is TableKind.SOURCES:
        parse_sources(rows)
    elif kind is TableKind.POSITIONS:
        parse_positions(rows)
    else:
        parse_pledges(rows, condition_vocabulary=VOCABULARY)


def in_file(name: str, data: bytes, kind: TableKind) -> None:
    with TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        read_everything(path, kind)


@FUZZ
@given(st.binary(max_size=2000), KINDS, st.sampled_from(["t.csv", "t.json", "t.xlsx"]))
def test_arbitrary_bytes_in_any_format(data: bytes, kind: TableKind, name: str) -> None:
    in_file(name, data, kind)


def rows_for(kind: TableKind) -> st.SearchStrategy[list[list[str]]]:
    width = len(column_names(kind))
    return st.lists(st.lists(CELL, min_size=width, max_size=width), max_size=8)


@FUZZ
@given(st.data(), KINDS)
def test_arbitrary_cells_in_csv(data: st.DataObject, kind: TableKind) -> None:
    rows = data.draw(rows_for(kind))
    text = io.StringIO()
    csv.writer(text).writerows([list(column_names(kind)), *rows])
    in_file("t.csv", text.getvalue().encode("utf-8", "surrogatepass"), kind)


@FUZZ
@given(st.data(), KINDS)
def test_arbitrary_values_in_json(data: st.DataObject, kind: TableKind) -> None:
    names = list(column_names(kind))
    value = st.one_of(
        CELL,
        st.integers(),
        st.floats(),
        st.booleans(),
        st.none(),
        st.lists(st.text(max_size=5), max_size=3),
        st.dictionaries(st.text(), st.text()),
    )
    items = data.draw(st.lists(st.dictionaries(st.sampled_from(names), value), max_size=6))
    document = json.dumps({str(kind): items}, allow_nan=True, ensure_ascii=False)
    in_file("t.json", document.encode("utf-8", "surrogatepass"), kind)


@FUZZ
@given(st.data(), KINDS)
def test_arbitrary_cells_in_xlsx(data: st.DataObject, kind: TableKind) -> None:
    rows = data.draw(rows_for(kind))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = str(kind)
    sheet.append(list(column_names(kind)))
    for row in rows:
        try:
            sheet.append(row)
        except (ValueError, IllegalCharacterError):  # no file can hold control characters
            continue
    buffer = io.BytesIO()
    book.save(buffer)
    in_file("t.xlsx", buffer.getvalue(), kind)


@FUZZ
@given(st.binary(min_size=1, max_size=400), KINDS)
def test_a_workbook_with_an_arbitrary_sheet_xml(xml: bytes, kind: TableKind) -> None:
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    assert book.active is not None
    book.active.title = str(kind)
    book.save(buffer)
    damaged = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            is_sheet = info.filename.endswith("sheet1.xml")
            target.writestr(info, xml if is_sheet else source.read(info))
    in_file("t.xlsx", damaged.getvalue(), kind)
