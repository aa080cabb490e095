"""Illustrative answers derived from public reporting, for the demo round.

These are NOT official answers. For each state with a reported position on sending troops,
the latest such position (most reliable source first on the same day) becomes the `troops`
decision; its reported pledges become contribution rows, with their figures exactly as reported;
a reported demand for a US backstop becomes a `us_support` precondition. Nothing is filled in
that the public record does not say: questions without reported material stay unanswered.
Every answer set notes the sources it was derived from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from forcegen.model.amount import Count, Stated
from forcegen.model.pledge import Pledge, PledgeKind
from forcegen.model.position import Position, Stance, Topic
from forcegen.model.source import Reliability, Source

_DECISION = {
    Stance.YES: "yes",
    Stance.NO: "no",
    Stance.CONDITIONAL: "conditional",
    Stance.CONSIDERING: "undecided",
    Stance.UNKNOWN: "undecided",
}
_NECESSITY = {Stance.YES: "precondition", Stance.CONDITIONAL: "desirable"}
_RELIABILITY_ORDER = list(Reliability)
_NOT_RESPONDENTS = frozenset({"USA", "RUS", "UKR", "ALL"})


@dataclass(frozen=True, slots=True)
class IllustrativeAnswer:
    """One government's derived answers and the sources they rest on."""

    participant: str
    answers: dict[str, object]
    source_ids: tuple[str, ...]


def illustrative_answers(
    *,
    positions: Sequence[Position],
    pledges: Sequence[Pledge],
    sources: Mapping[str, Source],
    respondents: Iterable[str],
) -> list[IllustrativeAnswer]:
    """Derive answers for each respondent that has a reported position on sending troops."""
    result = []
    for code in sorted(set(respondents) - _NOT_RESPONDENTS):
        troop_position = _latest(positions, code, Topic.TROOP_DEPLOYMENT, sources)
        if troop_position is None:
            continue
        backstop = _latest(positions, code, Topic.US_BACKSTOP_REQUIRED, sources)
        own_pledges = [p for p in pledges if p.contributor == code]
        answers, basis = _answers(troop_position, backstop, own_pledges)
        result.append(IllustrativeAnswer(code, answers, tuple(sorted(basis))))
    return result


def _answers(
    troop_position: Position, backstop: Position | None, pledges: Sequence[Pledge]
) -> tuple[dict[str, object], set[str]]:
    decision = _DECISION[troop_position.stance]
    basis = {troop_position.source_id}
    needs_backstop = backstop is not None and backstop.stance is Stance.YES
    rows = []
    if decision != "no":
        for pledge in pledges:
            if pledge.kind in (PledgeKind.TROOPS, PledgeKind.ENABLER) and pledge.capability:
                rows.append(_contribution_row(pledge, needs_backstop=needs_backstop))
                basis.update(pledge.source_ids)
    answers: dict[str, object] = {
        "troops": {
            "decision": decision,
            "contributions": rows,
            "notes": f"Illustrative, derived from public reporting: {troop_position.summary}",
        }
    }
    if backstop is not None and backstop.stance in _NECESSITY:
        basis.add(backstop.source_id)
        answers["us_support"] = {
            "enablers": [
                {"enabler": "us.backstop", "term": "both", "necessity": _NECESSITY[backstop.stance]}
            ],
            "notes": f"Illustrative, derived from public reporting: {backstop.summary}",
        }
    return answers, basis


def _contribution_row(pledge: Pledge, *, needs_backstop: bool) -> dict[str, object]:
    """A reported pledge as a contribution row; a reported US-backstop demand joins its condition
    (a row's own condition replaces the default one, so both reports must be in it)."""
    condition = pledge.condition
    if needs_backstop:
        condition = f"({condition}) and us.backstop" if condition else "us.backstop"
    row: dict[str, object] = {
        "capability": pledge.capability,
        "personnel": _answered(pledge.personnel),
        "platforms": _answered(pledge.platforms),
        "sustained": pledge.sustained,
        "caveats": sorted(pledge.caveats),
        "condition": condition,
    }
    if pledge.duration_months is not None:
        row["months"] = pledge.duration_months
    return row


def _answered(amount: Count) -> int | str:
    """An amount as a respondent answers it: a number, or its statement ("up to 7500")."""
    return amount.figure if amount.stated is Stated.EXACT else amount.file_text


def _latest(
    positions: Sequence[Position], code: str, topic: Topic, sources: Mapping[str, Source]
) -> Position | None:
    candidates = [p for p in positions if p.actor_code == code and p.topic is topic]
    if not candidates:
        return None

    def rank(position: Position) -> tuple[object, int]:
        source = sources.get(position.source_id)
        reliability = source.reliability if source else Reliability.AGGREGATOR
        return (position.date, -_RELIABILITY_ORDER.index(reliability))

    return max(candidates, key=rank)
