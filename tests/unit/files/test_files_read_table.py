"""Reading tables as spreadsheet users and scripts write them, and refusing malformed files
with a message naming the file and the place."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from files_factories import make_position, make_source

from forcegen.files import (
    FileFormat,
    TableKind,
    format_of,
    parse_positions,
    read_table,
    tables_in,
    write_table,
    write_tables,
)
from forcegen.model.errors import DataFileError, InvalidInputError

HEADER = "id,locator,outlet"


class TestCsv:
    def test_semicolons_a_byte_order_mark_and_header_case_are_accepted(
        self, tmp_path: Path
    ) -> None:
        path = tmp_path / "sources.csv"
        path.write_bytes("\ufeffID ; Locator;OUTLET\nsrc-1;https://x.example;Presse\n".encode())

        [row] = read_table(path, "sources")

        assert row.values == {"id": "src-1", "locator": "https://x.example", "outlet": "Presse"}

    def test_blank_rows_are_skipped_but_counted(self, tmp_path: Path) -> None:
        path = tmp_path / "sources.csv"
        path.write_text(f"{HEADER}\n\nsrc-1,https://x.example,P\n,,\nsrc-2,https://y,Q\n")

        rows = read_table(path, "sources")

        assert [row.row for row in rows] == [3, 5]

    def test_a_file_that_is_not_utf8_is_refused(self, tmp_path: Path) -> None:
        path = tmp_path / "sources.csv"
        path.write_bytes(
            f"{HEADER}\nsrc-1,https://x.example,Presse Fran\xe7aise\n".encode("latin-1")
        )

        with pytest.raises(DataFileError, match=r"sources\.csv: not UTF-8 text.*CSV UTF-8"):
            read_table(path, "sources")

    def test_values_beyond_the_header_are_refused(self, tmp_path: Path) -> None:
        path = tmp_path / "sources.csv"
        path.write_text(f"{HEADER}\nsrc-1,https://x.example,P,extra\n")

        with pytest.raises(DataFileError, match="row 2 has values beyond the last"):
            read_table(path, "sources")


class TestXlsx:
    def test_the_sheet_named_after_the_table_is_read(self, tmp_path: Path) -> None:
        path = tmp_path / "all.xlsx"
        write_tables(
            path,
            {TableKind.SOURCES: [make_source()], TableKind.POSITIONS: [make_position()]},
        )

        assert tables_in(path) == [TableKind.SOURCES, TableKind.POSITIONS]
        assert [row.get("id") for row in read_table(path, "positions")] == ["pos-1"]

    def test_a_single_sheet_is_read_whatever_its_name(self, tmp_path: Path) -> None:
        path = tmp_path / "mine.xlsx"
        workbook = openpyxl.Workbook()
        workbook.active.title = "Sheet 1"
        workbook.active.append(["id", "locator"])
        workbook.active.append(["src-1", "https://x.example"])
        workbook.save(path)

        [row] = read_table(path, "sources")

        assert (row.row, row.get("locator")) == (2, "https://x.example")

    def test_a_workbook_without_the_table_names_its_sheets(self, tmp_path: Path) -> None:
        path = tmp_path / "all.xlsx"
        write_tables(path, {TableKind.SOURCES: [], TableKind.PLEDGES: []})

        with pytest.raises(DataFileError, match="no sheet named 'positions'; the sheets are"):
            read_table(path, "positions")

    def test_a_file_that_is_not_a_workbook_is_refused(self, tmp_path: Path) -> None:
        path = tmp_path / "positions.xlsx"
        path.write_text("id,actor_code\n")

        with pytest.raises(DataFileError, match=r"positions\.xlsx: not a readable XLSX"):
            read_table(path, "positions")

    def test_dates_typed_in_a_spreadsheet_are_read_as_dates(self, tmp_path: Path) -> None:
        path = tmp_path / "positions.xlsx"
        write_table(path, "positions", [make_position()])
        workbook = openpyxl.load_workbook(path)
        sheet = workbook["positions"]
        assert sheet["K2"].is_date

        [position], problems = parse_positions(read_table(path, "positions"))

        assert problems == []
        assert position == make_position()

    def test_text_an_xlsx_cell_cannot_hold_is_refused_on_export(self, tmp_path: Path) -> None:
        with pytest.raises(InvalidInputError, match="sources: row 2, column 'outlet'"):
            write_table(tmp_path / "s.xlsx", "sources", [make_source(outlet="x" * 32_768)])

    def test_control_characters_never_reach_an_export(self, tmp_path: Path) -> None:
        write_table(tmp_path / "s.xlsx", "sources", [make_source(outlet="bell\x07char")])

        assert read_table(tmp_path / "s.xlsx", "sources")[0].get("outlet") == "bellchar"


class TestJson:
    def test_a_table_the_document_lacks_is_empty(self, tmp_path: Path) -> None:
        path = tmp_path / "data.json"
        path.write_text(json.dumps({"sources": []}))

        assert read_table(path, "positions") == []
        assert tables_in(path) == [TableKind.SOURCES]

    def test_typed_values_are_read_as_their_text(self, tmp_path: Path) -> None:
        path = tmp_path / "data.json"
        item = {"id": "p", "personnel": 150, "sustained": False, "caveats": ["a", "b"]}
        path.write_text(json.dumps({"pledges": [item]}))

        [row] = read_table(path, "pledges")

        assert row.values == {"id": "p", "personnel": "150", "sustained": "false", "caveats": "a;b"}

    @pytest.mark.parametrize(
        ("document", "message"),
        [
            ("{", "not valid JSON at line 1"),
            ("[]", "must be an object with keys sources, positions, pledges"),
            ('{"rows": []}', "unknown key 'rows' at the top level"),
            ('{"positions": {}}', "'positions' must be a list of objects"),
            ('{"positions": [1]}', "positions item 1 must be an object"),
            ('{"positions": [{"topc": "x"}]}', "unknown column 'topc' \\(did you mean 'topic'"),
            ('{"positions": [{"actor": {"a": 1}}]}', "positions item 1, key 'actor'"),
        ],
        ids=["syntax", "not-object", "top-key", "not-list", "not-item", "column", "nested"],
    )
    def test_a_malformed_document_is_refused(
        self, tmp_path: Path, document: str, message: str
    ) -> None:
        path = tmp_path / "data.json"
        path.write_text(document)

        with pytest.raises(DataFileError, match=message):
            read_table(path, "positions")


class TestFormats:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [("a.csv", FileFormat.CSV), ("b.XLSX", FileFormat.XLSX), ("c.json", FileFormat.JSON)],
    )
    def test_the_format_comes_from_the_suffix(self, name: str, expected: FileFormat) -> None:
        assert format_of(Path(name)) == expected

    def test_an_unknown_suffix_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match=r"name the file \.csv, \.xlsx or \.json"):
            format_of(Path("positions.ods"))

    def test_a_csv_file_holds_one_table(self, tmp_path: Path) -> None:
        with pytest.raises(InvalidInputError, match="A CSV file holds one table, not 2"):
            write_tables(tmp_path / "x.csv", {TableKind.SOURCES: [], TableKind.POSITIONS: []})

    def test_the_format_can_be_named_whatever_the_suffix(self, tmp_path: Path) -> None:
        path = tmp_path / "export.txt"
        write_table(path, "sources", [make_source()], "json")

        assert read_table(path, "sources", "json")[0].get("id") == "src-1"

    def test_a_missing_file_is_named(self, tmp_path: Path) -> None:
        with pytest.raises(DataFileError, match=r"nowhere\.csv: cannot be read"):
            read_table(tmp_path / "nowhere.csv", "sources")

    def test_an_unknown_table_is_refused(self, tmp_path: Path) -> None:
        with pytest.raises(InvalidInputError, match="Unknown table 'rows'"):
            read_table(tmp_path / "x.csv", "rows")
