"""From questionnaire answers to pledges: the documented mapping the assessment relies on.

One submitted answer set (the default questionnaire's keys) becomes:

- `troops.contributions[i]` -> a `troops` pledge (an `enabler` pledge when it has platforms but
  no personnel: their crews are then unknown, never zero) in that capability, its personnel
  and platforms as stated (a number, or a statement such as "up to 7,500" or "unknown", read
  by `forcegen.model.amount`); `sustained` or held for `months` from
  `earliest_availability_month`; its caveats; its `condition`, or, when that is empty, the
  government's US preconditions (`us_support.enablers` rows marked `precondition`) joined
  with `and`. A `troops.decision` of `no` yields no force pledges in Ukraine, whatever the
  rows say (the rows are reported as not counted, and the form flags them before submission);
  a decision of `yes` or `conditional` without any row yields one troop pledge of unknown size
  (`FRA/troops/unspecified`), listed as unquantified, never as zero.
- `troops.from_outside[i]` (hubs, logistics, training abroad) -> the same kind of pledge, id
  `FRA/outside/1`, with the `outside_ukraine_only` caveat and where it is based as its note,
  whatever the decision on forces in Ukraine.
- `support_for_ukraine.items[i]` -> an `equipment` pledge (a `funding` pledge for the
  `funding` category) with its quantity, value in EUR and item.
- `if_attacked.rungs[i]` with `would_take_part` -> a `response_commitment` pledge for that rung.
- `sanctions.measures[i]` -> a `SanctionsStance` (a position on a measure, not a pledge).

Every pledge keeps the response version as its source (`source_ids`), and its id says which
row it came from, e.g. `FRA/troops/1`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from forcegen.model.amount import Count
from forcegen.model.amount_parse import parse_count
from forcegen.model.number import InvalidNumberError
from forcegen.model.pledge import Level, Pledge, PledgeId, PledgeKind

FORCE_QUESTION = "troops"
IN_UKRAINE = "contributions"
FROM_OUTSIDE = "from_outside"
OUTSIDE_UKRAINE = "outside_ukraine_only"  # the caveat every row from outside Ukraine carries
_NONE = Count.exact(0)
NO_TROOPS = "no"
WOULD_TAKE_PART = ("yes", "conditional")


@dataclass(frozen=True, slots=True)
class SanctionsStance:
    """One government's stance on one sanctions measure."""

    participant: str
    measure: str
    stance: str  # support | support_with_conditions | oppose
    conditions: str
    source_id: str


@dataclass(frozen=True, slots=True)
class PledgeDerivation:
    """The pledges and stances derived from one answer set, and rows that could not be used."""

    pledges: tuple[Pledge, ...]
    sanctions: tuple[SanctionsStance, ...]
    skipped: tuple[str, ...]


def us_preconditions(answers: Mapping[str, object]) -> tuple[str, ...]:
    """The US enablers a government marked as preconditions, in the order given."""
    rows = answer_rows(answers, "us_support", "enablers")
    return tuple(
        str(row["enabler"])
        for row in rows
        if row.get("necessity") == "precondition" and row.get("enabler")
    )


def default_condition(answers: Mapping[str, object]) -> str:
    """The condition troop pledges get when their row names none: all US preconditions."""
    return " and ".join(us_preconditions(answers))


def derive_pledges(
    *,
    participant: str,
    answers: Mapping[str, object],
    source_id: str,
    level: Level = Level.STATED,
) -> PledgeDerivation:
    """Turn one participant's answers into pledges and sanctions stances (see module doc)."""
    skipped: list[str] = []
    pledges = [
        *_force_pledges(participant, answers, source_id, level, skipped),
        *_support_pledges(participant, answers, source_id, level),
        *_response_commitments(participant, answers, source_id, level),
    ]
    stances = tuple(
        SanctionsStance(
            participant=participant,
            measure=str(row["measure"]),
            stance=str(row.get("stance", "")),
            conditions=str(row.get("conditions") or ""),
            source_id=source_id,
        )
        for row in answer_rows(answers, "sanctions", "measures")
        if row.get("measure")
    )
    return PledgeDerivation(pledges=tuple(pledges), sanctions=stances, skipped=tuple(skipped))


def _force_pledges(
    participant: str,
    answers: Mapping[str, object],
    source_id: str,
    level: Level,
    skipped: list[str],
) -> list[Pledge]:
    troops = answers.get(FORCE_QUESTION)
    if not isinstance(troops, Mapping):
        return []
    made = _RowMaker(participant, default_condition(answers), source_id, level, skipped)
    in_ukraine = answer_rows(answers, FORCE_QUESTION, IN_UKRAINE)
    pledges = []
    if troops.get("decision") == NO_TROOPS and in_ukraine:
        skipped.append(
            f"{participant} troops.{IN_UKRAINE}: {len(in_ukraine)} row(s) not counted, "
            "because the decision is 'no' (support from outside Ukraine has its own rows)"
        )
    elif troops.get("decision") != NO_TROOPS:
        pledges += made.pledges(IN_UKRAINE, "troops", in_ukraine)
    outside = answer_rows(answers, FORCE_QUESTION, FROM_OUTSIDE)
    if not in_ukraine and not outside and troops.get("decision") in WOULD_TAKE_PART:
        pledges.append(_unspecified(participant, made.fallback_condition, source_id, level))
    return pledges + made.pledges(FROM_OUTSIDE, "outside", outside)


@dataclass(frozen=True, slots=True)
class _RowMaker:
    """Turns the rows of a force group into troop pledges of one participant."""

    participant: str
    fallback_condition: str
    source_id: str
    level: Level
    skipped: list[str]

    def pledges(
        self, group: str, id_part: str, rows: Sequence[Mapping[str, object]]
    ) -> list[Pledge]:
        """Rows from outside Ukraine also carry its caveat; unusable rows are `skipped`."""
        extra = frozenset({OUTSIDE_UKRAINE}) if group == FROM_OUTSIDE else frozenset()
        made = (
            self._pledge(f"{group}[{i}]", f"{id_part}/{i + 1}", row, extra)
            for i, row in enumerate(rows)
        )
        return [pledge for pledge in made if pledge is not None]

    def _pledge(
        self, where: str, id_part: str, row: Mapping[str, object], extra: frozenset[str]
    ) -> Pledge | None:
        where = f"{self.participant} troops.{where}"
        try:
            personnel, platforms = _count(row.get("personnel")), _count(row.get("platforms"))
            start = _count(row.get("earliest_availability_month")) or _NONE  # "9-12" stays a range
        except InvalidNumberError as err:
            self.skipped.append(f"{where}: {err.message}")
            return None
        sustained = bool(row.get("sustained", True))
        months = _int(row.get("months")) or None
        if not sustained and months is None:
            self.skipped.append(f"{where}: not sustained and no months given")
            return None
        is_crewed = platforms is not None and (platforms.high or platforms.low or 0) > 0
        is_enabler = is_crewed and (
            personnel is None or personnel == _NONE or not personnel.is_quantified
        )
        return Pledge(
            id=PledgeId(f"{self.participant}/{id_part}"),
            contributor=self.participant,
            kind=PledgeKind.ENABLER if is_enabler else PledgeKind.TROOPS,
            capability=str(row.get("capability") or ""),
            personnel=Count.unknown() if is_enabler else personnel,
            platforms=platforms or _NONE,
            sustained=sustained,
            duration_months=None if sustained else months,
            start_month=start,
            caveats=frozenset(str(c) for c in _list(row.get("caveats"))) | extra,
            condition=str(row.get("condition") or "").strip() or self.fallback_condition,
            level=self.level,
            source_ids=(self.source_id,),
            note=str(row.get("based_in") or "").strip(),
        )


def _unspecified(participant: str, condition: str, source_id: str, level: Level) -> Pledge:
    """A government that would take part but describes no contribution: a troop pledge of
    unknown size and kind, so that it is listed as unquantified rather than left out."""
    return Pledge(
        id=PledgeId(f"{participant}/troops/unspecified"),
        contributor=participant,
        kind=PledgeKind.TROOPS,
        capability=None,
        personnel=Count.unknown(),
        condition=condition,
        level=level,
        source_ids=(source_id,),
        note="Would take part; no contribution described.",
    )


def _support_pledges(
    participant: str, answers: Mapping[str, object], source_id: str, level: Level
) -> list[Pledge]:
    pledges = []
    for index, row in enumerate(answer_rows(answers, "support_for_ukraine", "items")):
        category = str(row.get("category") or "other")
        value = row.get("value_eur")
        pledges.append(
            Pledge(
                id=PledgeId(f"{participant}/support/{index + 1}"),
                contributor=participant,
                kind=PledgeKind.FUNDING if category == "funding" else PledgeKind.EQUIPMENT,
                capability=None,
                item=f"{category}: {row.get('item') or ''}".strip(": "),
                quantity=_int(row.get("quantity")) if row.get("quantity") is not None else None,
                value_eur=float(value) if isinstance(value, int | float) else None,
                level=level,
                source_ids=(source_id,),
                note=_delivery_note(row.get("delivery_months")),
            )
        )
    return pledges


def _response_commitments(
    participant: str, answers: Mapping[str, object], source_id: str, level: Level
) -> list[Pledge]:
    return [
        Pledge(
            id=PledgeId(f"{participant}/if_attacked/{row['rung']}"),
            contributor=participant,
            kind=PledgeKind.RESPONSE_COMMITMENT,
            item=str(row["rung"]),
            level=level,
            source_ids=(source_id,),
        )
        for row in answer_rows(answers, "if_attacked", "rungs")
        if row.get("rung") and row.get("would_take_part") is True
    ]


def answer_rows(
    answers: Mapping[str, object], question: str, group: str
) -> list[Mapping[str, object]]:
    """The rows of a repeat group, e.g. `answer_rows(answers, "troops", "contributions")`."""
    section = answers.get(question)
    if not isinstance(section, Mapping):
        return []
    return [row for row in _list(section.get(group)) if isinstance(row, Mapping)]


def _list(value: object) -> Sequence[object]:
    return value if isinstance(value, list | tuple) else ()


def _int(value: object) -> int:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


def _count(value: object) -> Count | None:
    """An answered amount: a number, a statement ("up to 7,500"), or None if not answered.

    Raises:
        InvalidNumberError: the text states no amount.
    """
    if isinstance(value, Mapping):
        try:
            return Count.model_validate(value)
        except ValidationError as err:
            raise InvalidNumberError(f"{dict(value)!r} is not an amount: {err}") from None
    if isinstance(value, str) and value.strip():
        return parse_count(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Count.exact(int(value))
    return None


def _delivery_note(months: object) -> str:
    return f"delivered within {_int(months)} months" if isinstance(months, int) else ""
