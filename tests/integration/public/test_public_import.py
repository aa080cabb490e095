"""Importing public-source data: all or nothing, every problem reported, and idempotent."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from public_factories import fifty_rows, make_position, make_source

import forcegen
from forcegen.catalog import load_catalog
from forcegen.catalog.public_dataset import load_public_dataset
from forcegen.files.public_bundle import PublicBundle, read_bundle, write_bundle
from forcegen.model.position import Stance
from forcegen.service.public import record as public_record
from forcegen.service.public.record import PublicData, PublicDataError
from forcegen.store.uow import SqlUnitOfWork

UowFactory = Callable[[], SqlUnitOfWork]
ANALYST = "user:ana"

# (position index, column, bad text, what the message must say)
BAD_CELLS = (
    (5, "date", "2025-13-01", "'2025-13-01' is not a date"),
    (20, "actor_code", "XYZ", "'XYZ'"),
    (41, "source_id", "src-missing", "'src-missing'"),
)


def _import(
    uow_factory: UowFactory, data: PublicData, *, dry_run: bool = False
) -> public_record.ImportReport:
    return public_record.import_public_data(
        uow=uow_factory(),
        catalog=load_catalog(),
        sources=data.sources,
        positions=data.positions,
        pledges=data.pledges,
        actor=ANALYST,
        dry_run=dry_run,
    )


def _import_file(
    uow_factory: UowFactory, path: Path, *, dry_run: bool = False
) -> public_record.ImportReport:
    bundle = read_bundle(path)
    return public_record.import_public_data(
        uow=uow_factory(),
        catalog=load_catalog(),
        sources=bundle.sources,
        positions=bundle.positions,
        pledges=bundle.pledges,
        rows=bundle.rows,
        problems=bundle.problems,
        actor=ANALYST,
        dry_run=dry_run,
    )


def _snapshot(uow_factory: UowFactory) -> tuple[PublicData, int]:
    """Everything the import could change: the record, and the length of the audit log."""
    data = public_record.export_public_data(uow=uow_factory())
    with uow_factory() as uow:
        audit_length = uow.audit.verify().entries_checked
    return data, audit_length


def _spoil_csv(path: Path, index: int, column: str, text: str) -> int:
    positions = path.with_name(f"{path.stem}.positions.csv")
    with positions.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    rows[index + 1][rows[0].index(column)] = text
    with positions.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(rows)
    return index + 2  # the header is row 1


def _spoil_xlsx(path: Path, index: int, column: str, text: str) -> int:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["positions"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=index + 2, column=header.index(column) + 1, value=text)
    workbook.save(path)
    return index + 2


def _spoil_json(path: Path, index: int, column: str, text: str) -> int:
    document = json.loads(path.read_text(encoding="utf-8"))
    document["positions"][index][column] = text
    path.write_text(json.dumps(document), encoding="utf-8")
    return index + 1  # JSON rows are item numbers


SPOILERS = {"csv": _spoil_csv, "xlsx": _spoil_xlsx, "json": _spoil_json}


class TestImportIsAllOrNothing:
    @pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
    def test_three_bad_rows_among_fifty_are_all_reported_and_nothing_is_imported(
        self, uow_factory: UowFactory, tmp_path: Path, file_format: str
    ) -> None:
        _import(uow_factory, PublicData(*_seed()))
        before = _snapshot(uow_factory)
        sources, positions, pledges = fifty_rows()
        path = tmp_path / f"fifty.{file_format}"
        write_bundle(path, sources=sources, positions=positions, pledges=pledges)
        expected = {
            (SPOILERS[file_format](path, index, column, text), column): fragment
            for index, column, text, fragment in BAD_CELLS
        }

        with pytest.raises(PublicDataError) as raised:
            _import_file(uow_factory, path)

        problems = raised.value.problems
        assert {(p.row, p.column) for p in problems} == set(expected)
        for problem in problems:
            assert problem.table == "positions"
            assert expected[(problem.row, problem.column)] in problem.message
        assert _snapshot(uow_factory) == before

    def test_a_dry_run_with_bad_rows_reports_them_too(
        self, uow_factory: UowFactory, tmp_path: Path
    ) -> None:
        sources, positions, pledges = fifty_rows()
        path = tmp_path / "fifty.json"
        write_bundle(path, sources=sources, positions=positions, pledges=pledges)
        _spoil_json(path, 3, "quantity", "many")

        with pytest.raises(PublicDataError) as raised:
            _import_file(uow_factory, path, dry_run=True)

        [problem] = raised.value.problems
        assert (problem.row, problem.column) == (4, "quantity")
        assert "'many' is not a number" in problem.message

    def test_the_error_message_lists_every_problem_with_row_and_column(
        self, uow_factory: UowFactory
    ) -> None:
        positions = [
            make_position("pos-1", source_id="src-nowhere"),
            make_position("pos-2", actor_code="XYZ"),
        ]

        with pytest.raises(PublicDataError) as raised:
            public_record.import_public_data(
                uow=uow_factory(),
                catalog=load_catalog(),
                sources=[make_source()],
                positions=positions,
                pledges=[],
                actor=ANALYST,
            )

        message = raised.value.message
        assert "positions: row 1, column source_id: source 'src-nowhere'" in message
        assert "positions: row 2, column actor_code: 'XYZ' is not a known country" in message


class TestReimport:
    def test_importing_the_same_file_again_changes_nothing(
        self, uow_factory: UowFactory, tmp_path: Path
    ) -> None:
        sources, positions, pledges = fifty_rows()
        path = tmp_path / "fifty.xlsx"
        write_bundle(path, sources=sources, positions=positions, pledges=pledges)
        first = _import_file(uow_factory, path)
        before = _snapshot(uow_factory)

        again = _import_file(uow_factory, path)

        assert [len(table.new) for _, table in first.tables()] == [5, 50, 3]
        assert not again.has_changes
        assert [len(table.unchanged) for _, table in again.tables()] == [5, 50, 3]
        assert _snapshot(uow_factory) == before

    def test_a_dry_run_reports_what_would_change_and_writes_nothing(
        self, uow_factory: UowFactory
    ) -> None:
        sources, positions, pledges = fifty_rows()
        _import(uow_factory, PublicData(sources, positions, pledges))
        before = _snapshot(uow_factory)
        changed = positions[7].model_copy(update={"stance": Stance.NO})
        new = make_position("pos-new", source_id="src-1")
        data = PublicData(sources, [*positions[:7], changed, *positions[8:], new], pledges)

        report = _import(uow_factory, data, dry_run=True)

        assert report.is_dry_run
        assert report.positions.new == ("pos-new",)
        [change] = report.positions.changed
        assert (change.id, change.fields, change.new_id) == ("pos-07", ("stance",), "pos-07-v2")
        assert len(report.positions.unchanged) == 49
        assert _snapshot(uow_factory) == before

    def test_a_changed_position_becomes_a_correction_and_importing_it_again_is_a_no_op(
        self, uow_factory: UowFactory
    ) -> None:
        sources, positions, pledges = fifty_rows()
        _import(uow_factory, PublicData(sources, positions, pledges))
        changed = positions[7].model_copy(update={"stance": Stance.NO})
        data = PublicData(sources, [*positions[:7], changed, *positions[8:]], pledges)

        report = _import(uow_factory, data)
        again = _import(uow_factory, data)

        assert report.positions.changed[0].new_id == "pos-07-v2"
        history = public_record.position_history(uow=uow_factory(), position_id="pos-07")
        assert [item.position.stance for item in history] == [positions[7].stance, Stance.NO]
        assert history[0].record.superseded_by == "pos-07-v2"
        assert not again.has_changes

    def test_a_changed_source_is_updated_and_its_old_values_are_audited(
        self, uow_factory: UowFactory
    ) -> None:
        _import(uow_factory, PublicData([make_source(outlet="First")], [make_position()], []))

        report = _import(uow_factory, PublicData([make_source(outlet="Second")], [], []))

        assert report.sources.changed[0].fields == ("outlet",)
        with uow_factory() as uow:
            assert uow.sources.get("src-1").outlet == "Second"  # type: ignore[union-attr]
            [entry, *_] = uow.audit.entries(entity="source", entity_id="src-1")
        assert entry.action == "source.update"
        assert entry.payload["previous"]["outlet"] == "First"  # type: ignore[index,call-overload]


class TestRoundTrip:
    @pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
    def test_export_then_import_gives_identical_data(
        self, uow_factory: UowFactory, tmp_path: Path, file_format: str
    ) -> None:
        sources, positions, pledges = _seed()
        _import(uow_factory, PublicData(sources, positions, pledges))
        public_record.correct_position(
            uow=uow_factory(),
            position_id=positions[0].id,
            changes={"stance": "no"},
            actor=ANALYST,
        )
        exported = public_record.export_public_data(uow=uow_factory())
        path = tmp_path / f"export.{file_format}"

        write_bundle(
            path, sources=exported.sources, positions=exported.positions, pledges=exported.pledges
        )
        bundle = read_bundle(path)
        report = _import_file(uow_factory, path)

        assert not bundle.problems
        assert (bundle.sources, bundle.positions, bundle.pledges) == tuple(exported)
        assert not report.has_changes
        assert public_record.export_public_data(uow=uow_factory()) == exported

    def test_a_file_with_history_imports_into_an_empty_database_as_it_was(
        self, uow_factory: UowFactory, tmp_path: Path
    ) -> None:
        old = make_position("pos-1", stance=Stance.CONSIDERING)
        correction = make_position("pos-1-v2", stance=Stance.YES, supersedes="pos-1")
        path = tmp_path / "history.json"
        # The correction comes first: the import must still store the old version first.
        write_bundle(path, sources=[make_source()], positions=[correction, old], pledges=[])

        _import_file(uow_factory, path)

        exported = public_record.export_public_data(uow=uow_factory())
        assert sorted(exported.positions, key=lambda p: p.id) == [old, correction]
        current = public_record.list_positions(uow=uow_factory())
        assert [item.position.id for item in current] == ["pos-1-v2"]


class TestShippedDataset:
    def test_the_shipped_dataset_imports_cleanly_from_its_files(
        self, uow_factory: UowFactory
    ) -> None:
        dataset = load_public_dataset()
        bundle = read_bundle(Path(forcegen.__file__).parent / "data" / "public")

        report = _import_file_values(uow_factory, bundle)

        assert not bundle.problems
        assert len(report.sources.new) == len(dataset.sources)
        assert len(report.positions.new) == len(dataset.positions)
        assert len(report.pledges.new) == len(dataset.pledges)
        exported = public_record.export_public_data(uow=uow_factory())
        assert sorted(exported.positions, key=lambda p: p.id) == sorted(
            dataset.positions, key=lambda p: p.id
        )


def _import_file_values(
    uow_factory: UowFactory, bundle: PublicBundle
) -> public_record.ImportReport:
    return public_record.import_public_data(
        uow=uow_factory(),
        catalog=load_catalog(),
        sources=bundle.sources,
        positions=bundle.positions,
        pledges=bundle.pledges,
        rows=bundle.rows,
        actor=ANALYST,
    )


def _seed() -> PublicData:
    """A small slice of the shipped dataset: enough to show the database is not empty."""
    dataset = load_public_dataset()
    positions = [p for p in dataset.positions if p.actor_code in {"POL", "FRA"}]
    cited = {p.source_id for p in positions}
    sources = [s for s in dataset.sources if s.id in cited]
    return PublicData(sources, positions, [])
