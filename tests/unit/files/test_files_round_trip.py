"""Export then import gives back identical values, in CSV, XLSX and JSON alike."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from files_factories import make_pledge, make_position, make_source
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from forcegen.catalog.public_dataset import load_public_dataset
from forcegen.files import (
    COLUMNS,
    Record,
    RowProblem,
    TableKind,
    TableRow,
    column_names,
    parse_pledges,
    parse_positions,
    parse_sources,
    read_table,
    write_table,
    write_tables,
)
from forcegen.files.public_bundle import read_bundle
from forcegen.model.amount import Stated
from forcegen.model.pledge import Level, Pledge, PledgeKind
from forcegen.model.position import Position, QuantityUnit, Stance, Topic
from forcegen.model.source import Reliability, Source, SourceKind

FORMATS = ["csv", "xlsx", "json"]
Parser = Callable[[list[TableRow]], tuple[Sequence[Record], list[RowProblem]]]
PARSERS: dict[TableKind, Parser] = {
    TableKind.SOURCES: parse_sources,
    TableKind.POSITIONS: parse_positions,
    TableKind.PLEDGES: parse_pledges,
}

# Free text: any printable character, line breaks, and everything a spreadsheet might take
# for a formula or a separator. Carriage returns are read as line breaks (XLSX cannot keep
# them), so they are left out.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cn"))
    | st.sampled_from(["\n", "\t", "=", "+", "-", "@", "'", ";", ",", '"']),
    max_size=30,
)
IDS = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
NUMBERS = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)
DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
COUNTS = st.integers(min_value=0, max_value=1_000_000)


@st.composite
def positions(draw: st.DrawFn) -> Position:
    low, high = sorted(draw(st.lists(NUMBERS, min_size=2, max_size=2)))
    has_range = draw(st.booleans())
    quantity = draw(st.none() | NUMBERS)
    has_unit = has_range or quantity is not None
    return Position(
        id=draw(IDS),
        actor_code=draw(st.sampled_from(["ALL", "FRA", "DEU", "EU", "GBR", "UKR", "USA"])),
        actor=draw(TEXT),
        topic=draw(st.sampled_from(Topic)),
        stance=draw(st.sampled_from(Stance)),
        quantity=quantity,
        quantity_low=low if has_range else None,
        quantity_high=high if has_range else None,
        quantity_unit=draw(st.sampled_from(QuantityUnit)) if has_unit else None,
        conditions=draw(TEXT),
        date=draw(DATES),
        is_date_approximate=draw(st.booleans()),
        source_id=draw(IDS),
        summary=draw(TEXT),
        quote=draw(TEXT.filter(lambda text: not any(m in text for m in ".!?"))),
        supersedes=draw(st.none() | IDS),
    )


@st.composite
def amounts(draw: st.DrawFn, values: st.SearchStrategy[float]) -> object:
    """A number (exact), or a statement: about, at least, up to, a range, unknown."""
    low, central, high = sorted(draw(st.lists(values, min_size=3, max_size=3)))
    stated = draw(st.sampled_from(Stated))
    return {
        Stated.EXACT: central,
        Stated.ABOUT: {"stated": "about", "low": low, "central": central, "high": high},
        Stated.AT_LEAST: {"stated": "at_least", "low": low},
        Stated.UP_TO: {"stated": "up_to", "high": high},
        Stated.RANGE: {"stated": "range", "low": low, "high": high},
        Stated.UNKNOWN: "unknown",
    }[stated]


@st.composite
def pledges(draw: st.DrawFn) -> Pledge:
    sustained = draw(st.booleans())
    return Pledge(
        id=draw(IDS),
        contributor=draw(st.sampled_from(["FRA", "EST", "EU", "GBR", "CHE"])),
        kind=draw(st.sampled_from(PledgeKind)),
        capability=draw(st.sampled_from(["land.combat", "maritime.mcm", "isr"])),
        personnel=draw(amounts(COUNTS)),
        platforms=draw(amounts(COUNTS)),
        value_eur=draw(st.none() | amounts(NUMBERS)),
        quantity=draw(st.none() | amounts(COUNTS)),
        item=draw(TEXT),
        sustained=sustained,
        duration_months=None if sustained else draw(st.integers(1, 600)),
        start_month=draw(st.integers(0, 600)),
        caveats=frozenset(draw(st.lists(st.sampled_from(["no_combat", "training_only"])))),
        condition=draw(st.sampled_from(["", "ceasefire", "us.isr and (ceasefire or un_mandate)"])),
        level=draw(st.sampled_from(Level)),
        source_ids=tuple(draw(st.lists(IDS, max_size=3))),
        note=draw(TEXT),
    )


@st.composite
def sources(draw: st.DrawFn) -> Source:
    return Source(
        id=draw(IDS),
        kind=draw(st.sampled_from(SourceKind)),
        locator="https://example.org/" + draw(IDS),
        outlet=draw(TEXT),
        published=draw(st.none() | DATES),
        reliability=draw(st.sampled_from(Reliability)),
    )


def round_trip(kind: TableKind, records: Sequence[Record], file_format: str) -> list[Record]:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"{kind}.{file_format}"
        write_table(path, kind, records)
        parsed, problems = PARSERS[kind](read_table(path, kind))
    assert problems == []
    return list(parsed)


@pytest.mark.parametrize("file_format", FORMATS)
class TestRoundTrip:
    @settings(max_examples=30, deadline=None)
    @given(records=st.lists(positions(), max_size=4, unique_by=lambda p: p.id))
    def test_positions_come_back_identical(self, file_format: str, records: list[Position]) -> None:
        assert round_trip(TableKind.POSITIONS, records, file_format) == records

    @settings(max_examples=30, deadline=None)
    @given(records=st.lists(pledges(), max_size=4, unique_by=lambda p: p.id))
    def test_pledges_come_back_identical(self, file_format: str, records: list[Pledge]) -> None:
        assert round_trip(TableKind.PLEDGES, records, file_format) == records

    @settings(max_examples=30, deadline=None)
    @given(records=st.lists(sources(), max_size=4, unique_by=lambda s: s.id))
    def test_sources_come_back_identical(self, file_format: str, records: list[Source]) -> None:
        assert round_trip(TableKind.SOURCES, records, file_format) == records

    def test_the_shipped_dataset_comes_back_identical(
        self, file_format: str, tmp_path: Path
    ) -> None:
        dataset = load_public_dataset()
        tables: dict[TableKind, Sequence[Record]] = {
            TableKind.SOURCES: dataset.sources,
            TableKind.POSITIONS: dataset.positions,
            TableKind.PLEDGES: dataset.pledges,
        }

        for kind, records in tables.items():
            assert round_trip(kind, records, file_format) == list(records)

    def test_an_empty_table_comes_back_empty(self, file_format: str) -> None:
        assert round_trip(TableKind.POSITIONS, [], file_format) == []


@pytest.mark.parametrize("file_format", ["xlsx", "json"])
def test_a_whole_dataset_file_comes_back_with_its_citations_checked(
    tmp_path: Path, file_format: str
) -> None:
    dataset = load_public_dataset()
    path = tmp_path / f"dataset.{file_format}"
    write_tables(
        path,
        {
            TableKind.SOURCES: dataset.sources,
            TableKind.POSITIONS: dataset.positions,
            TableKind.PLEDGES: dataset.pledges,
        },
    )

    parsed = read_bundle(path, known_source_ids=set())

    assert not parsed.problems, parsed.problems[:3]
    assert (parsed.sources, parsed.positions, parsed.pledges) == (
        list(dataset.sources),
        list(dataset.positions),
        list(dataset.pledges),
    )


@pytest.mark.parametrize("file_format", FORMATS)
def test_pledge_files_written_before_amounts_were_stated_read_as_exact_figures(
    tmp_path: Path, file_format: str
) -> None:
    path = tmp_path / f"pledges.{file_format}"
    write_table(path, TableKind.PLEDGES, [make_pledge(personnel=7500, value_eur=None)])

    pledges, problems = parse_pledges(read_table(path, TableKind.PLEDGES))

    assert problems == []
    assert pledges[0].personnel.text == "7,500"
    assert pledges[0].personnel.stated is Stated.EXACT


def test_a_pledge_file_may_state_bounds_and_unknowns(tmp_path: Path) -> None:
    path = tmp_path / "pledges.csv"
    header = "id,contributor,kind,capability,personnel,platforms\n"
    rows = 'gb,GBR,troops,land.combat,"up to 7,500",0\nee,EST,enabler,maritime.mcm,unknown,1\n'
    path.write_text(header + rows, encoding="utf-8")

    pledges, problems = parse_pledges(read_table(path, TableKind.PLEDGES))

    assert problems == []
    assert [p.personnel.text for p in pledges] == ["up to 7,500", "unknown"]


def test_a_dataset_file_citing_a_source_it_lacks_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "dataset.json"
    write_tables(
        path,
        {
            TableKind.SOURCES: [make_source(id="src-1")],
            TableKind.POSITIONS: [make_position(source_id="src-2")],
            TableKind.PLEDGES: [make_pledge(source_ids=("src-1",))],
        },
    )

    parsed = read_bundle(path, known_source_ids=set())

    assert [(p.table, p.row, p.column) for p in parsed.problems] == [("positions", 1, "source_id")]


def test_a_dataset_may_cite_sources_already_known(tmp_path: Path) -> None:
    path = tmp_path / "positions.csv"
    write_table(path, TableKind.POSITIONS, [make_position(source_id="src-stored")])

    parsed = read_bundle(path, known_source_ids={"src-stored"})

    assert not parsed.problems
    assert parsed.positions == [make_position(source_id="src-stored")]


@pytest.mark.parametrize("kind", list(TableKind))
def test_the_columns_are_the_model_fields(kind: TableKind) -> None:
    model: dict[TableKind, type[BaseModel]] = {
        TableKind.SOURCES: Source,
        TableKind.POSITIONS: Position,
        TableKind.PLEDGES: Pledge,
    }
    required = {c.name for c in COLUMNS[kind] if c.is_required}

    assert column_names(kind) == tuple(model[kind].model_fields)
    assert required == {n for n, f in model[kind].model_fields.items() if f.is_required()}
