"""Rows of the pledges table to `Pledge` values."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from forcegen.conditions import Vocabulary, check
from forcegen.files.row_parser import RowParser
from forcegen.files.table import RowProblem, TableKind, TableRow
from forcegen.model.amount_parse import parse_count, parse_money
from forcegen.model.pledge import Level, Pledge, PledgeKind
from forcegen.model.public_problem import unknown_name_problem


def parse_pledges(
    rows: Iterable[TableRow],
    *,
    known_source_ids: Collection[str] | None = None,
    capabilities: Collection[str] | None = None,
    caveats: Collection[str] | None = None,
    condition_vocabulary: Vocabulary | None = None,
) -> tuple[list[Pledge], list[RowProblem]]:
    """Every valid pledge, and every problem of every row (empty when all are valid).

    Quantities are amounts as stated ("7500", "up to 7,500", "about 150 (50-250)",
    "unknown"; see `forcegen.model.amount`); a force pledge's empty personnel cell is unknown,
    not zero. Caveats and source ids are ';'-separated. Conditions must parse in the
    condition language; the names they use, and capabilities, caveats and source ids, are
    checked against the collections given (None: not checked).
    """
    names = _Names(known_source_ids, capabilities, caveats, condition_vocabulary)
    pledges: list[Pledge] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for row in rows:
        parser = RowParser(row, TableKind.PLEDGES)
        pledge = parser.build(Pledge, names.values(parser, seen))
        problems += parser.ordered_problems()
        if pledge is not None:
            pledges.append(pledge)
    return pledges, problems


class _Names:
    def __init__(
        self,
        source_ids: Collection[str] | None,
        capabilities: Collection[str] | None,
        caveats: Collection[str] | None,
        vocabulary: Vocabulary | None,
    ) -> None:
        self.source_ids = source_ids
        self.capabilities = capabilities
        self.caveats = caveats
        self.vocabulary = vocabulary

    def values(self, parser: RowParser, seen: dict[str, int]) -> dict[str, object]:
        pledge_id = parser.identifier("id")
        parser.unique("id", pledge_id, seen)
        source_ids = parser.items("source_ids")
        for source_id in source_ids:
            parser.reference("source_ids", source_id, self.source_ids)
        capability = _known(parser, "capability", parser.label("capability"), self.capabilities)
        caveats = [_known(parser, "caveats", c, self.caveats) for c in parser.items("caveats")]
        return {
            "id": pledge_id,
            "contributor": parser.participant("contributor"),
            "kind": parser.choice("kind", PledgeKind, is_required=True),
            "capability": capability,
            "personnel": parser.amount("personnel", parse_count),
            "platforms": parser.amount("platforms", parse_count),
            "value_eur": parser.amount("value_eur", parse_money),
            "quantity": parser.amount("quantity", parse_count),
            "item": parser.text("item"),
            "sustained": parser.boolean("sustained"),
            "duration_months": parser.integer("duration_months"),
            "start_month": parser.amount("start_month", parse_count),
            "caveats": frozenset(caveat for caveat in caveats if caveat is not None),
            "condition": self._condition(parser),
            "level": parser.choice("level", Level),
            "source_ids": source_ids,
            "note": parser.text("note"),
        }

    def _condition(self, parser: RowParser) -> str:
        condition = parser.text("condition")
        message = check(condition, self.vocabulary)
        if message is not None:
            parser.problem("condition", message)
        return condition


def _known(
    parser: RowParser, column: str, value: str | None, known: Collection[str] | None
) -> str | None:
    if value is None or known is None or value in known:
        return value
    parser.problem(column, unknown_name_problem(value, known))
    return None
