"""Q6: sanctions measures. EU sanctions need unanimity, so any EU member that opposes a
measure blocks it; each figure names the participants and sources behind it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from forcegen.answers.pledges import SanctionsStance
from forcegen.answers.summary import AnswerSet


@dataclass(frozen=True, slots=True)
class MeasureSupport:
    measure: str
    support: tuple[str, ...]
    support_with_conditions: tuple[str, ...]
    oppose: tuple[str, ...]
    not_answered: tuple[str, ...]  # EU members in the set that gave no stance
    blockers: tuple[str, ...]  # EU members whose opposition breaks unanimity
    has_unanimity: bool
    source_ids: tuple[str, ...]


def sanctions_unanimity(
    answer_sets: Sequence[AnswerSet], eu_members: Collection[str]
) -> tuple[MeasureSupport, ...]:
    """Q6: support per measure; EU sanctions need unanimity, so opponents are blockers."""
    stances: list[SanctionsStance] = [stance for s in answer_sets for stance in s.derived.sanctions]
    respondents = {s.participant for s in answer_sets} & set(eu_members)
    summaries = []
    for measure in sorted({stance.measure for stance in stances}):
        on_measure = [stance for stance in stances if stance.measure == measure]
        oppose = _stance(on_measure, "oppose")
        blockers = tuple(code for code in oppose if code in eu_members)
        summaries.append(
            MeasureSupport(
                measure=measure,
                support=_stance(on_measure, "support"),
                support_with_conditions=_stance(on_measure, "support_with_conditions"),
                oppose=oppose,
                not_answered=tuple(sorted(respondents - {s.participant for s in on_measure})),
                blockers=blockers,
                has_unanimity=not blockers,
                source_ids=tuple(sorted({s.source_id for s in on_measure})),
            )
        )
    return tuple(summaries)


def _stance(stances: Sequence[SanctionsStance], stance: str) -> tuple[str, ...]:
    return tuple(sorted({s.participant for s in stances if s.stance == stance}))
