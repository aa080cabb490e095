"""Pledge sets: the pledges an assessment runs on, from a round's answers or the public record.

A round's pledges come from the latest submitted version of each response (read through each
response's pointer, never the whole history), through the
documented answers-to-pledges mapping (`forcegen.answers.pledges`); each carries the
source id `response:<response_id>/v<number>`, and the set holds a `Source` for every such
version, so a figure can be traced to the exact answers behind it. The public record's
pledges carry the ids of their citations, and the set holds those sources.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from forcegen.analysis.assessment import Origin, ResponseRef
from forcegen.answers.summary import AnswerSet
from forcegen.model.participant import participant_name
from forcegen.model.pledge import Pledge
from forcegen.model.position import COALITION_ACTOR, Topic
from forcegen.model.response import ResponseVersion
from forcegen.model.response_head import ResponseTally
from forcegen.model.round import Round
from forcegen.model.source import Reliability, Source, SourceId, SourceKind
from forcegen.service.assessment.answer_memo import answer_set as derived_answer_set
from forcegen.service.ports import UnitOfWork
from forcegen.service.public.ports import PositionQuery
from forcegen.service.rounds.access import find_round

PUBLIC_TITLE = "Public record: pledges reported in public sources"


@dataclass(frozen=True, slots=True)
class PledgeSet:
    """Pledges with every source they cite, and (for a round) the answers they come from.

    `answer_sets` are the latest submitted answers per participant (empty for the public
    record); `response_refs` says which response version each `response:...` source is;
    `invited` the participant codes invited to the round and `not_answered` those
    without a submitted answer; `skipped` the answer rows the mapping could not turn into
    pledges, each saying why.
    """

    origin: Origin
    title: str
    pledges: tuple[Pledge, ...]
    sources: Mapping[str, Source]
    round_id: str | None = None
    is_illustrative: bool = False
    answer_sets: tuple[AnswerSet, ...] = ()
    invited: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    not_answered: tuple[str, ...] = ()
    response_refs: Mapping[str, ResponseRef] = field(default_factory=dict)
    respondents: tuple[str, ...] = ()  # who answered; the record: who took a troop position

    @property
    def contributors(self) -> tuple[str, ...]:
        return tuple(sorted({pledge.contributor for pledge in self.pledges}))


def response_source_id(response_id: str, number: int) -> str:
    """The source id of one response version, e.g. `response:3f2a9c/v2`."""
    return f"response:{response_id}/v{number}"


def pledge_set_for_round(*, uow: UnitOfWork, round_id: str) -> PledgeSet:
    """The pledges of a round: the latest submitted version of each response, mapped.

    Responses never submitted, or withdrawn after their last submission, contribute nothing;
    their participants are listed in `not_answered`.

    Raises:
        NotFoundError: no such round; the message says how to list rounds.
    """
    with uow.reading():
        round_ = find_round(uow, round_id)
        invited = tuple(sorted(uow.invitations.codes_for_round(round_.id)))
        submitted = uow.responses.latest_submitted_for_round(round_.id)
    answered = sorted(submitted, key=lambda item: item[0].participant_code)
    pledges: list[Pledge] = []
    skipped: list[str] = []
    answer_sets: list[AnswerSet] = []
    sources: dict[str, Source] = {}
    refs: dict[str, ResponseRef] = {}
    for response, version in answered:
        source = _version_source(round_, response, version)
        sources[source.id] = source
        refs[source.id] = ResponseRef(response.participant_code, version.number)
        answer_set = derived_answer_set(response.participant_code, version.answers, source.id)
        pledges += answer_set.derived.pledges
        skipped += answer_set.derived.skipped
        answer_sets.append(answer_set)
    answered_codes = {r.participant_code for r, _ in answered}
    return PledgeSet(
        origin=Origin.ROUND,
        title=round_.title,
        pledges=tuple(pledges),
        sources=sources,
        round_id=round_.id,
        is_illustrative=round_.is_illustrative,
        answer_sets=tuple(answer_sets),
        invited=invited,
        skipped=tuple(skipped),
        not_answered=tuple(code for code in invited if code not in answered_codes),
        response_refs=refs,
        respondents=tuple(sorted(answered_codes)),
    )


def pledge_set_for_public(*, uow: UnitOfWork) -> PledgeSet:
    """The pledges recorded from public sources, with the citations they name."""
    with uow.reading():
        pledges = uow.pledges.list()
        cited = {source_id for pledge in pledges for source_id in pledge.source_ids}
        sources = uow.sources.get_many(cited)
        stances = uow.positions.search(PositionQuery(topics=(Topic.TROOP_DEPLOYMENT,)))
    return PledgeSet(
        origin=Origin.PUBLIC,
        title=PUBLIC_TITLE,
        pledges=tuple(pledges),
        sources=dict(sorted(sources.items())),
        respondents=tuple(sorted({r.position.actor_code for r in stances} - {COALITION_ACTOR})),
    )


def _version_source(round_: Round, response: ResponseTally, version: ResponseVersion) -> Source:
    """A response version as a source: who answered, in which round, which version, when."""
    attested = version.attestation
    by = f", attested by {attested.name} ({attested.title})" if attested else ""
    name = participant_name(response.participant_code)
    return Source(
        id=SourceId(response_source_id(response.id, version.number)),
        kind=SourceKind.RESPONSE_VERSION,
        locator=(
            f"round {round_.id} ({round_.title}), response of {name} "
            f"({response.participant_code}), version {version.number}{by}"
        ),
        outlet=f"{response.participant_code} answer in round {round_.id}",
        published=version.saved_at.date(),
        reliability=Reliability.PRESS if round_.is_illustrative else Reliability.OFFICIAL,
    )
