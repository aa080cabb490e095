"""The answers that are not force: US-enabler demand, nominations, the response ladder,
support for Ukraine (DESIGN "What the assessment computes", item 6); sanctions are in
sanctions.py.

Each figure lists the participants and sources behind it, so a briefing can name them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from forcegen.answers.pledges import (
    PledgeDerivation,
    answer_rows,
    derive_pledges,
)

_Entry = tuple[str, Mapping[str, object], str]  # (participant, answer row, source id)

LADDER = (
    "consult",
    "sanctions",
    "arms_surge",
    "isr_support",
    "air_support",
    "reinforce",
    "collective_defence",
)


@dataclass(frozen=True)
class AnswerSet:
    """One participant's latest submitted answers and the response version they come from.

    `derived` are the pledges and sanctions stances the answers mean, derived once here so
    that the pledge set, the troop contributors and the sanctions summary read the same.
    """

    participant: str
    answers: Mapping[str, object]
    source_id: str
    derived: PledgeDerivation = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        derived = derive_pledges(
            participant=self.participant, answers=self.answers, source_id=self.source_id
        )
        object.__setattr__(self, "derived", derived)


@dataclass(frozen=True, slots=True)
class EnablerDemand:
    enabler: str
    precondition: tuple[str, ...]  # participants for whom it is a precondition
    desirable: tuple[str, ...]
    short_term: tuple[str, ...]  # term short or both
    long_term: tuple[str, ...]  # term long or both
    source_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Nomination:
    nominee: str
    nominated_by: tuple[str, ...]
    is_invited: bool
    source_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RungSupport:
    rung: str
    supporters: tuple[str, ...]
    participants: tuple[str, ...]  # would take part
    answered: tuple[str, ...]
    has_all_troop_contributors: bool  # every troop contributor supports it
    source_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LadderSummary:
    """`highest_rung_all_contributors` is over the troop contributors that answered question 4;
    None with `contributors_answered` empty means nobody could say, not that none is backed."""

    rungs: tuple[RungSupport, ...]
    troop_contributors: tuple[str, ...]
    highest_rung_all_contributors: str | None  # highest rung every troop contributor supports
    contributors_answered: tuple[str, ...] = ()  # troop contributors that answered question 4

    @property
    def highest_text(self) -> str:
        """The highest rung in words, telling "nobody answered" apart from "none"."""
        if not self.troop_contributors:
            return "no troop contributor to ask"
        if not self.contributors_answered:
            return "not answered (no troop contributor answered question 4)"
        missing = sorted(set(self.troop_contributors) - set(self.contributors_answered))
        found = self.highest_rung_all_contributors or "none"
        return found + (f" (not answered by {', '.join(missing)})" if missing else "")


@dataclass(frozen=True, slots=True)
class SupportTotal:
    category: str
    quantity: int | None  # None when no item of the category states one (funding)
    value_eur: float
    contributors: tuple[str, ...]
    source_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SupportSummary:
    by_category: tuple[SupportTotal, ...]
    value_eur_by_participant: Mapping[str, float]
    value_eur_per_gdp_usd_bn: Mapping[str, float]  # EUR pledged per US$ bn of GDP
    without_figures: tuple[str, ...]


def enabler_demand(answer_sets: Sequence[AnswerSet]) -> tuple[EnablerDemand, ...]:
    """Q1: for each US enabler, who needs it, how badly and when."""
    rows: dict[str, list[_Entry]] = {}
    for answer_set in answer_sets:
        for row in answer_rows(answer_set.answers, "us_support", "enablers"):
            enabler = str(row.get("enabler") or "")
            if enabler:
                rows.setdefault(enabler, []).append(
                    (answer_set.participant, row, answer_set.source_id)
                )
    return tuple(
        EnablerDemand(
            enabler=enabler,
            precondition=_who(entries, lambda r: r.get("necessity") == "precondition"),
            desirable=_who(entries, lambda r: r.get("necessity") == "desirable"),
            short_term=_who(entries, lambda r: r.get("term") in ("short", "both")),
            long_term=_who(entries, lambda r: r.get("term") in ("long", "both")),
            source_ids=tuple(sorted({source for _, _, source in entries})),
        )
        for enabler, entries in sorted(rows.items())
    )


def nominations(
    answer_sets: Sequence[AnswerSet], invited: Collection[str]
) -> tuple[Nomination, ...]:
    """Q2: who was suggested as a participant, by whom, and whether they were invited."""
    by_nominee: dict[str, list[AnswerSet]] = {}
    for answer_set in answer_sets:
        section = answer_set.answers.get("participants")
        codes = section.get("countries") if isinstance(section, Mapping) else None
        for code in codes if isinstance(codes, list) else []:
            by_nominee.setdefault(str(code), []).append(answer_set)
    return tuple(
        Nomination(
            nominee=nominee,
            nominated_by=tuple(sorted({s.participant for s in sets})),
            is_invited=nominee in invited,
            source_ids=tuple(sorted({s.source_id for s in sets})),
        )
        for nominee, sets in sorted(by_nominee.items(), key=lambda item: (-len(item[1]), item[0]))
    )


def troop_contributors(answer_sets: Sequence[AnswerSet]) -> tuple[str, ...]:
    """Participants whose answers yield at least one force pledge."""
    return tuple(
        sorted(
            s.participant
            for s in answer_sets
            if any(p.kind in ("troops", "enabler") for p in s.derived.pledges)
        )
    )


def response_ladder(answer_sets: Sequence[AnswerSet]) -> LadderSummary:
    """Q4: support and participation per rung, and the highest rung all troop contributors back."""
    contributors = troop_contributors(answer_sets)
    answered = set(answering(answer_sets, "if_attacked"))
    asked = [c for c in contributors if c in answered]
    rungs = []
    for rung in LADDER:
        entries = [
            (s.participant, row, s.source_id)
            for s in answer_sets
            for row in answer_rows(s.answers, "if_attacked", "rungs")
            if row.get("rung") == rung
        ]
        supporters = _who(entries, lambda r: r.get("supports") is True)
        rungs.append(
            RungSupport(
                rung=rung,
                supporters=supporters,
                participants=_who(entries, lambda r: r.get("would_take_part") is True),
                answered=_who(entries, lambda r: True),
                has_all_troop_contributors=bool(asked) and set(asked) <= set(supporters),
                source_ids=tuple(sorted({source for _, _, source in entries})),
            )
        )
    highest = next((r.rung for r in reversed(rungs) if r.has_all_troop_contributors), None)
    return LadderSummary(
        rungs=tuple(rungs),
        troop_contributors=contributors,
        highest_rung_all_contributors=highest,
        contributors_answered=tuple(asked),
    )


def answering(answer_sets: Sequence[AnswerSet], question: str) -> tuple[str, ...]:
    """The participants that gave any answer to `question` (an empty form is no answer)."""
    return tuple(sorted(s.participant for s in answer_sets if _has_answer(s.answers.get(question))))


def _has_answer(value: object) -> bool:
    # Texts first: most leaves are, and the `Mapping` check (an ABC) is the slow one.
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple):
        return any(_has_answer(v) for v in value)
    if isinstance(value, Mapping):
        return any(_has_answer(v) for v in value.values())
    return value is not None


def support_for_ukraine(
    answer_sets: Sequence[AnswerSet], gdp_usd_bn: Mapping[str, float]
) -> SupportSummary:
    """Q5: totals by category, and each contributor's value per US$ bn of its GDP."""
    totals: dict[str, tuple[int | None, float, set[str], set[str]]] = {}
    by_participant: dict[str, float] = {}
    for s in answer_sets:
        for row in answer_rows(s.answers, "support_for_ukraine", "items"):
            category = str(row.get("category") or "other")
            quantity, value, who, sources = totals.get(category, (None, 0.0, set(), set()))
            row_value = _number(row.get("value_eur"))
            who.add(s.participant)
            sources.add(s.source_id)
            stated = row.get("quantity")
            if stated is not None and stated != "":
                quantity = (quantity or 0) + int(_number(stated))
            totals[category] = (
                quantity,
                value + row_value,
                who,
                sources,
            )
            by_participant[s.participant] = by_participant.get(s.participant, 0.0) + row_value
    per_gdp = {
        code: value / gdp_usd_bn[code]
        for code, value in by_participant.items()
        if code in gdp_usd_bn
    }
    return SupportSummary(
        by_category=tuple(
            SupportTotal(category, q, v, tuple(sorted(w)), tuple(sorted(src)))
            for category, (q, v, w, src) in sorted(totals.items())
        ),
        value_eur_by_participant=by_participant,
        value_eur_per_gdp_usd_bn=per_gdp,
        without_figures=tuple(sorted(set(by_participant) - set(gdp_usd_bn))),
    )


def _who(
    entries: Sequence[_Entry], keep: Callable[[Mapping[str, object]], bool]
) -> tuple[str, ...]:
    return tuple(sorted({participant for participant, row, _ in entries if keep(row)}))


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0
