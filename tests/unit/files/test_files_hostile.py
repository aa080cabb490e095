"""Hostile or broken files get a one-line error naming the place, never a crash: deep nesting,
numbers beyond 17 digits, broken workbook XML, zip bombs, oversized files, too many cells."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from forcegen.files import limits
from forcegen.files.pledges import parse_pledges
from forcegen.files.positions import parse_positions
from forcegen.files.table_file import read_table
from forcegen.model.errors import DataFileError

POSITION_HEADER = "id,actor_code,topic,stance,quantity,quantity_unit,date,source_id"


def one_line(err: pytest.ExceptionInfo[DataFileError]) -> str:
    message = err.value.message
    assert "\n" not in message
    assert len(message) < 400
    return message


def test_json_nested_beyond_reason_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"positions": ' + "[" * 100_000 + "]" * 100_000 + "}")

    with pytest.raises(DataFileError) as err:
        read_table(path, "positions")

    assert "deep.json: the JSON is nested too deeply" in one_line(err)


@pytest.mark.parametrize("number", ["9" * 5000, "9" * 18, "1" + "0" * 4400 + ".5"])
def test_json_numbers_beyond_17_digits_name_the_item_and_key(tmp_path: Path, number: str) -> None:
    path = tmp_path / "big.json"
    path.write_text('{"positions": [{"id": "pos-1", "quantity": ' + number + "}]}")

    with pytest.raises(DataFileError) as err:
        read_table(path, "positions")

    assert "positions item 1, key 'quantity': a number with" in one_line(err)
    assert "at most 17 digits" in one_line(err)


def test_csv_numbers_beyond_17_digits_name_the_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "positions.csv"
    path.write_text(
        f"{POSITION_HEADER}\npos-1,FRA,training,yes,{'9' * 5000},personnel,2025-03-01,src-1\n"
    )

    _, problems = parse_positions(read_table(path, "positions"))

    assert [str(p) for p in problems] == [
        "positions: row 2, column 'quantity': a number with 5000 digits; numbers may have "
        "at most 17 digits (write amounts in full units, e.g. 40000)"
    ]


def test_a_condition_threshold_beyond_17_digits_is_a_problem_of_its_row(tmp_path: Path) -> None:
    path = tmp_path / "pledges.csv"
    path.write_text(
        "id,contributor,kind,capability,personnel,condition,source_ids\n"
        f"pl-1,FRA,troops,land.combat,100,troops(DEU) >= {'9' * 5000},src-1\n"
    )
    from forcegen.catalog import load_catalog

    catalog = load_catalog()
    _, problems = parse_pledges(
        read_table(path, "pledges"), condition_vocabulary=catalog.condition_vocabulary()
    )

    assert len(problems) == 1
    text = str(problems[0])
    assert text.startswith("pledges: row 2, column 'condition'")
    assert "has 5000 digits" in text
    assert "at most 17 digits" in text
    assert len(text) < 400


def _workbook(tmp_path: Path, name: str, damage: bytes | None = None) -> Path:
    good = io.BytesIO()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "positions"
    sheet.append(["id", "actor_code"])
    sheet.append(["pos-1", "FRA"])
    book.save(good)
    path = tmp_path / name
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("sheet1.xml") and damage is not None:
                data = damage
            target.writestr(info, data)
    return path


@pytest.mark.parametrize(
    "damage",
    [b"<worksheet><sheetData><row", b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;"],
    ids=["truncated-xml", "entity-declaration"],
)
def test_a_workbook_with_broken_xml_is_refused(tmp_path: Path, damage: bytes) -> None:
    path = _workbook(tmp_path, "broken.xlsx", damage)

    with pytest.raises(DataFileError) as err:
        read_table(path, "positions")

    assert "broken.xlsx: not a readable XLSX workbook" in one_line(err)


def test_a_zip_bomb_is_refused_before_unpacking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_BYTES", 10_000)
    path = _workbook(tmp_path, "bomb.xlsx", b"<x>" + b" " * 50_000 + b"</x>")

    with pytest.raises(DataFileError) as err:
        read_table(path, "positions")

    assert "bomb.xlsx: the workbook unpacks to" in one_line(err)


def test_too_many_cells_are_refused_naming_the_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("forcegen.files.xlsx_table.MAX_CELLS", 3)
    path = _workbook(tmp_path, "wide.xlsx")

    with pytest.raises(DataFileError) as err:
        read_table(path, "positions")

    assert "wide.xlsx: more than 3 cells (row 2)" in one_line(err)


def test_an_oversized_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    path = tmp_path / "positions.csv"
    path.write_text(POSITION_HEADER + "\n" + "x" * 200)

    with pytest.raises(DataFileError) as err:
        read_table(path, "positions")

    assert "positions.csv: 265 bytes is more than the 100 bytes" in one_line(err)


@pytest.mark.parametrize(
    ("name", "content", "place"),
    [
        (
            "positions.csv",
            f"{POSITION_HEADER}\npos-1,FRA,training,yes,,,2025-03-01,src-1\x00\n",
            "positions.csv: row 2, column 'source_id'",
        ),
        (
            "nul.json",
            '{"positions": [{"id": "pos-1", "summary": "a\\u0000b"}]}',
            "nul.json: positions item 1, key 'summary'",
        ),
    ],
)
def test_a_nul_character_is_refused_naming_the_row_and_column(
    tmp_path: Path, name: str, content: str, place: str
) -> None:
    path = tmp_path / name
    path.write_text(content)

    with pytest.raises(DataFileError) as err:
        read_table(path, "positions")

    assert one_line(err).startswith(f"{place}: a NUL character")
