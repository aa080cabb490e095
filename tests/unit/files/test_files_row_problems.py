"""Reading a table reports every problem of every row, each with its row and column, in a
message that says what is wrong and what to write instead."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from files_factories import make_pledge, make_position

from forcegen.files import (
    RowProblem,
    TableKind,
    TableRow,
    parse_pledges,
    parse_positions,
    parse_sources,
    read_table,
    write_table,
)
from forcegen.model.errors import DataFileError

FORMATS = ["csv", "xlsx", "json"]


def corrupt(path: Path, kind: str, changes: dict[tuple[int, str], str]) -> None:
    """Overwrite cells of a written file; keys are (0-based data row, column)."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as file:
            records = list(csv.DictReader(file))
        for (index, column), text in changes.items():
            records[index][column] = text
        with path.open("w", encoding="utf-8-sig", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=list(records[0]))
            writer.writeheader()
            writer.writerows(records)
    elif path.suffix == ".xlsx":
        workbook = openpyxl.load_workbook(path)
        sheet = workbook[kind]
        header = [cell.value for cell in sheet[1]]
        for (index, column), text in changes.items():
            sheet.cell(row=index + 2, column=header.index(column) + 1, value=text)
        workbook.save(path)
    else:
        document = json.loads(path.read_text(encoding="utf-8"))
        for (index, column), text in changes.items():
            document[kind][index][column] = text
        path.write_text(json.dumps(document), encoding="utf-8")


def first_data_row(file_format: str) -> int:
    """Spreadsheets count the header as row 1; JSON counts list items from 1."""
    return 1 if file_format == "json" else 2


def row(**values: str) -> TableRow:
    return TableRow(row=2, values=values)


def where(problems: list[RowProblem]) -> list[tuple[int, str]]:
    return [(problem.row, problem.column) for problem in problems]


class TestFiftyRowsWithThreeBad:
    @pytest.mark.parametrize("file_format", FORMATS)
    def test_exactly_the_three_bad_rows_are_reported_with_row_and_column(
        self, tmp_path: Path, file_format: str
    ) -> None:
        path = tmp_path / f"positions.{file_format}"
        write_table(path, "positions", [make_position(id=f"pos-{i}") for i in range(50)])
        corrupt(
            path,
            "positions",
            {(6, "actor_code"): "FRANCE", (22, "date"): "17/02/2025", (39, "quantity"): "lots"},
        )

        positions, problems = parse_positions(
            read_table(path, "positions"), known_source_ids={"src-1"}
        )

        start = first_data_row(file_format)
        assert where(problems) == [
            (6 + start, "actor_code"),
            (22 + start, "date"),
            (39 + start, "quantity"),
        ]
        assert len(positions) == 47

    def test_the_messages_say_what_is_wrong_and_what_to_write(self, tmp_path: Path) -> None:
        path = tmp_path / "positions.csv"
        write_table(path, "positions", [make_position(id=f"pos-{i}") for i in range(50)])
        corrupt(
            path,
            "positions",
            {(6, "actor_code"): "FRANCE", (22, "date"): "17/02/2025", (39, "quantity"): "40.000,5"},
        )

        _, problems = parse_positions(read_table(path, "positions"))

        country, date, quantity = (str(problem) for problem in problems)
        assert country.startswith(
            "positions: row 8, column 'actor_code': 'FRANCE' is not a known country"
        )
        assert "Did you mean 'FRA'?" in country
        assert "'17/02/2025' is not a date; write it as YYYY-MM-DD" in date
        assert "'40.000,5' is not a number" in quantity
        assert "e.g. 7500, 7,500 or 0.75" in quantity


class TestPositionProblems:
    def test_a_quote_of_two_sentences_is_refused(self) -> None:
        _, [problem] = parse_positions([valid_position_row(quote="One. Two.")])

        assert problem.column == "quote"
        assert "at most one sentence" in problem.message

    def test_every_bad_cell_of_one_row_is_reported(self) -> None:
        bad = row(
            id="pos-1",
            actor_code="XXQ",
            topic="troops",
            stance="maybe",
            date="2025-02-30",
            source_id="",
            quantity="many",
        )

        positions, problems = parse_positions([bad])

        assert positions == []
        assert where(problems) == [
            (2, "actor_code"),
            (2, "topic"),
            (2, "stance"),
            (2, "quantity"),
            (2, "date"),
            (2, "source_id"),
        ]

    def test_an_unknown_topic_suggests_the_closest(self) -> None:
        _, [problem] = parse_positions([valid_position_row(topic="troops")])

        assert problem.column == "topic"
        assert "did you mean 'troop_deployment'?" in problem.message

    def test_a_missing_source_is_reported(self) -> None:
        _, [problem] = parse_positions([valid_position_row(source_id=" ")])

        assert (problem.column, problem.message) == ("source_id", "is empty; enter a value")

    def test_a_source_that_is_not_known_is_reported(self) -> None:
        _, [problem] = parse_positions(
            [valid_position_row(source_id="src-9")], known_source_ids={"src-1"}
        )

        assert problem.column == "source_id"
        assert "source 'src-9' is neither in the sources table nor stored" in problem.message

    def test_a_quantity_without_unit_is_reported_on_the_unit(self) -> None:
        _, [problem] = parse_positions([valid_position_row(quantity="200", quantity_unit="")])

        assert problem.column == "quantity_unit"

    def test_a_repeated_id_names_the_first_row(self) -> None:
        first = valid_position_row()
        second = TableRow(row=3, values=first.values)

        positions, [problem] = parse_positions([first, second])

        assert len(positions) == 1
        assert (problem.row, problem.column) == (3, "id")
        assert "first in row 2" in problem.message

    def test_the_coalition_actor_and_lower_case_codes_are_accepted(self) -> None:
        positions, problems = parse_positions(
            [valid_position_row(actor_code="all"), valid_position_row(id="p2", actor_code="fra")]
        )

        assert problems == []
        assert [p.actor_code for p in positions] == ["ALL", "FRA"]


class TestPledgeProblems:
    @pytest.mark.parametrize(
        ("column", "text", "message"),
        [
            ("personnel", "1.5", "'1.5' is not a whole number"),
            ("personnel", "about 5.000", "'5.000' is ambiguous"),
            ("kind", "soldiers", "'soldiers' is not a known kind"),
            ("condition", "ceasefire and", "condition"),
            ("caveats", "no_tanks", "'no_tanks' is not in the taxonomy"),
            ("level", "rumoured", "'rumoured' is not a known level"),
            ("sustained", "perhaps", "'perhaps' is not true or false"),
            ("contributor", "ALL", "'ALL' is not a known country"),
            (
                "source_ids",
                "src-1;src-9",
                "source 'src-9' is neither in the sources table nor stored",
            ),
        ],
        ids=[
            "fraction",
            "dotted-thousands",
            "kind",
            "condition",
            "caveat",
            "level",
            "boolean",
            "coalition",
            "source",
        ],
    )
    def test_a_bad_cell_is_reported_in_its_column(
        self, column: str, text: str, message: str
    ) -> None:
        values = {**valid_pledge_row().values, column: text}

        pledges, [problem] = parse_pledges(
            [TableRow(row=7, values=values)],
            known_source_ids={"src-1"},
            caveats={"parliament_approval_required"},
        )

        assert pledges == []
        assert (problem.row, problem.column) == (7, column)
        assert message in problem.message

    def test_a_rule_across_columns_is_reported_on_a_column_it_names(self) -> None:
        values = {**valid_pledge_row().values, "sustained": "true", "duration_months": "12"}

        _, [problem] = parse_pledges([TableRow(row=4, values=values)])

        assert problem.column == "duration_months"
        assert "either sustained or for duration_months" in problem.message


class TestSourceProblems:
    def test_a_quote_on_a_source_is_refused_and_sent_to_its_position(self, tmp_path: Path) -> None:
        path = tmp_path / "sources.csv"
        path.write_text("id,locator,quote\nsrc-1,https://x.example,No troops.\n", encoding="utf-8")

        with pytest.raises(DataFileError, match="move each quote to the 'quote' column"):
            read_table(path, TableKind.SOURCES)

    def test_missing_locator_and_bad_date_are_both_reported(self) -> None:
        _, problems = parse_sources([row(id="src-1", published="yesterday")])

        assert where(problems) == [(2, "locator"), (2, "published")]


class TestHeaderProblems:
    def test_an_unknown_column_stops_reading_and_suggests_the_name(self, tmp_path: Path) -> None:
        path = tmp_path / "sources.csv"
        path.write_text("id,locator,outlett\nsrc-1,https://x.example,Press\n", encoding="utf-8")

        with pytest.raises(
            DataFileError, match="unknown column 'outlett' \\(did you mean 'outlet'"
        ):
            read_table(path, TableKind.SOURCES)

    def test_a_missing_required_column_is_named(self, tmp_path: Path) -> None:
        path = tmp_path / "positions.csv"
        path.write_text("id,actor_code,topic,stance,source_id\n", encoding="utf-8")

        with pytest.raises(DataFileError, match="the required column 'date' is missing"):
            read_table(path, TableKind.POSITIONS)


def valid_position_row(**changes: str) -> TableRow:
    position = make_position()
    values = {
        "id": position.id,
        "actor_code": position.actor_code,
        "topic": position.topic.value,
        "stance": position.stance.value,
        "date": position.date.isoformat(),
        "source_id": position.source_id,
    }
    return TableRow(row=2, values={**values, **changes})


def valid_pledge_row() -> TableRow:
    pledge = make_pledge()
    return TableRow(
        row=2,
        values={
            "id": pledge.id,
            "contributor": pledge.contributor,
            "kind": pledge.kind.value,
            "capability": pledge.capability or "",
            "personnel": pledge.personnel.file_text,
            "caveats": ";".join(sorted(pledge.caveats)),
            "condition": pledge.condition,
            "level": pledge.level.value,
            "source_ids": ";".join(pledge.source_ids),
        },
    )
