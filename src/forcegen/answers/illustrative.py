"""Illustrative answers derived from public reporting, for the demo round.

These are NOT official answers. Nothing is filled in that the public record does not say:

- `troops` (Q3): for each government with a reported position on sending troops, the latest
  such position (most reliable source first on the same day) is the decision; its reported
  pledges become contribution rows with their figures as stated ("up to 7500", "about 150")
  and their conditions as the record gives them (US backing, reciprocity, a ceasefire).
- `us_support` (Q1): only for a government that would send troops, and only where the record
  reports it asking for US backing. It is a precondition only where a report says so (a
  condition, "must", "essential", "unwilling ... without"); otherwise it is desirable. When it
  is needed (initial phase or longer term) is never reported, so it is left unanswered.
- `support_for_ukraine` (Q5): reported funding pledges of a government that has a troop
  position (Greece's PURL money). The EU's EUR 90bn stays in the public record (`--public`):
  the EU takes no troop decision, which every submitted answer needs.
- Questions 2, 4 and 6 have no reported material and stay unanswered ("not answered", never
  "none").

Every answer set notes the sources and positions it was derived from (`source_ids`,
`position_ids`), and its remarks name each of them (a position with its source, a reported
pledge with its sources), so the stored answers, the response page and the answers export
carry the ids of everything a derived figure rests on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from forcegen.model.amount import Count, Money, Stated
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
_SENDS_TROOPS = frozenset({"yes", "conditional"})
# Words by which a report makes US backing a condition rather than something that matters.
_PRECONDITION = re.compile(
    r"\b(must|conditions?|essential|required|requires|only if|only with|unwilling|without)\b",
    re.IGNORECASE,
)
_RELIABILITY_ORDER = list(Reliability)
_NOT_RESPONDENTS = frozenset({"USA", "RUS", "UKR", "ALL"})
NOTE = "Illustrative, derived from public reporting"


@dataclass(frozen=True, slots=True)
class IllustrativeAnswer:
    """One government's derived answers and the sources and positions they rest on."""

    participant: str
    answers: dict[str, object]
    source_ids: tuple[str, ...]
    position_ids: tuple[str, ...] = ()


def illustrative_answers(
    *,
    positions: Sequence[Position],
    pledges: Sequence[Pledge],
    sources: Mapping[str, Source],
    respondents: Iterable[str],
) -> list[IllustrativeAnswer]:
    """Derive answers for each respondent with a reported position on sending troops."""
    result = []
    for code in sorted(set(respondents) - _NOT_RESPONDENTS):
        derived = _Derivation(code)
        troop_position = _latest(positions, code, Topic.TROOP_DEPLOYMENT, sources)
        own = [p for p in pledges if p.contributor == code]
        if troop_position is not None and derived.troops(troop_position, own) in _SENDS_TROOPS:
            backing = [
                p
                for p in positions
                if p.actor_code == code
                and p.topic is Topic.US_BACKSTOP_REQUIRED
                and p.stance is Stance.YES
            ]
            derived.us_support(backing, sources)
        if troop_position is None:
            continue  # the form needs a troop decision; the EU's funding stays in the record
        derived.support_for_ukraine([p for p in own if p.kind is PledgeKind.FUNDING])
        result.append(derived.result())
    return result


class _Derivation:
    """The answers of one government, and what they rest on."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.answers: dict[str, object] = {}
        self.sources: set[str] = set()
        self.positions: set[str] = set()

    def result(self) -> IllustrativeAnswer:
        return IllustrativeAnswer(
            self.code, self.answers, tuple(sorted(self.sources)), tuple(sorted(self.positions))
        )

    def cite(self, position: Position) -> str:
        self.sources.add(position.source_id)
        self.positions.add(position.id)
        return f"{position.summary} ({position.source_id}, {position.id})"

    def cite_pledges(self, pledges: Sequence[Pledge]) -> str:
        """The remark naming the reported pledges (and their sources) an answer's rows come from."""
        for pledge in pledges:
            self.sources.update(pledge.source_ids)
        cited = [f"{p.id} ({', '.join(p.source_ids)})" for p in pledges]
        return f" Reported pledges: {'; '.join(cited)}." if cited else ""

    def troops(self, position: Position, pledges: Sequence[Pledge]) -> str:
        """The troop decision and contribution rows; returns the decision."""
        decision = _DECISION[position.stance]
        used = []
        if decision != "no":
            used = [
                pledge
                for pledge in pledges
                if pledge.kind in (PledgeKind.TROOPS, PledgeKind.ENABLER) and pledge.capability
            ]
        self.answers["troops"] = {
            "decision": decision,
            "contributions": [_contribution_row(pledge) for pledge in used],
            "notes": f"{NOTE}: {self.cite(position)}{self.cite_pledges(used)}",
        }
        return decision

    def us_support(self, backing: Sequence[Position], sources: Mapping[str, Source]) -> None:
        """US backstop: a precondition where a report says so, else desirable; no term."""
        if not backing:
            return
        stated = [p for p in backing if _PRECONDITION.search(f"{p.summary} {p.conditions}")]
        chosen = _most_recent(stated or backing, sources)
        necessity = "precondition" if stated else "desirable"
        self.answers["us_support"] = {
            "enablers": [{"enabler": "us.backstop", "necessity": necessity}],
            "notes": f"{NOTE}; when it is needed is not reported: {self.cite(chosen)}",
        }

    def support_for_ukraine(self, funding: Sequence[Pledge]) -> None:
        used = [pledge for pledge in funding if pledge.value_eur is not None]
        if not used:
            return
        notes = " ".join(p.note for p in used)
        self.answers["support_for_ukraine"] = {
            "items": [_support_row(pledge) for pledge in used],
            "notes": f"{NOTE}: {notes}{self.cite_pledges(used)}",
        }


def _contribution_row(pledge: Pledge) -> dict[str, object]:
    """A reported pledge as a contribution row, with its condition as the record gives it."""
    row: dict[str, object] = {
        "capability": pledge.capability,
        "personnel": _answered(pledge.personnel),
        "platforms": _answered(pledge.platforms),
        "sustained": pledge.sustained,
        "caveats": sorted(pledge.caveats),
        "condition": pledge.condition,
    }
    if pledge.duration_months is not None:
        row["months"] = pledge.duration_months
    if pledge.start_month != 0:
        row["earliest_availability_month"] = _answered(pledge.start_month)
    return row


def _support_row(pledge: Pledge) -> dict[str, object]:
    value: Money = pledge.value_eur  # type: ignore[assignment]
    row: dict[str, object] = {
        "category": "funding",
        "item": pledge.item or "Funding",
        "value_eur": value.figure if value.stated is Stated.EXACT else value.file_text,
    }
    if pledge.duration_months is not None:
        row["delivery_months"] = pledge.duration_months
    return row


def _answered(amount: Count) -> int | str:
    """An amount as a respondent answers it: a number, or its statement ("up to 7500")."""
    return amount.figure if amount.stated is Stated.EXACT else amount.file_text


def _rank(position: Position, sources: Mapping[str, Source]) -> tuple[object, int]:
    source = sources.get(position.source_id)
    reliability = source.reliability if source else Reliability.AGGREGATOR
    return (position.date, -_RELIABILITY_ORDER.index(reliability))


def _most_recent(positions: Sequence[Position], sources: Mapping[str, Source]) -> Position:
    return max(positions, key=lambda p: _rank(p, sources))


def _latest(
    positions: Sequence[Position], code: str, topic: Topic, sources: Mapping[str, Source]
) -> Position | None:
    candidates = [p for p in positions if p.actor_code == code and p.topic is topic]
    return _most_recent(candidates, sources) if candidates else None
