"""The demo: accounts, the public dataset, and an illustrative round answered from public reporting.

`forcegen demo` calls `load_demo` on a fresh database so that a newcomer sees the whole system:
the round and its statuses, a respondent's view, the tracker and the assessment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from forcegen.answers.illustrative import illustrative_answers
from forcegen.model.pledge import Pledge
from forcegen.model.position import Position
from forcegen.model.questionnaire import AnswerVocabulary, Questionnaire
from forcegen.model.response import InvalidAnswersError
from forcegen.model.round import Round
from forcegen.model.source import Source
from forcegen.model.user import Role
from forcegen.service.accounts import users
from forcegen.service.ports import UnitOfWork
from forcegen.service.public.importing import import_public_data
from forcegen.service.public.ports import PledgeCatalog
from forcegen.service.responding import answering
from forcegen.service.rounds import coordinating
from forcegen.service.rounds.ports import ParticipantCatalog

DEMO_ACTOR = "system:demo"
ROUND_TITLE = "Security guarantee for Ukraine: illustrative round (derived from public reporting)"
ATTESTATION_NAME = "forcegen demo"
ATTESTATION_TITLE = "Illustrative, not an official answer: derived from public reporting"
# Left unanswered so that the demo shows open invitations and the respondent's empty form.
UNANSWERED = ("NLD",)


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    password: str
    role: Role


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What the demo created, for the banner it prints."""

    accounts: tuple[DemoAccount, ...]
    round: Round
    links: Mapping[str, str]  # participant code -> respondent path with its token
    answered: tuple[str, ...]
    not_answered: tuple[str, ...]
    skipped: Mapping[str, str]  # participant -> why its derived answers were not submitted
    positions: int
    sources: int
    pledges: int


class DemoCatalog(ParticipantCatalog, PledgeCatalog, Protocol):
    """The reference data the demo needs: participants to invite, names pledges may use."""


def load_demo(
    *,
    uow: Callable[[], UnitOfWork],
    catalog: DemoCatalog,
    questionnaire: Questionnaire,
    vocabulary: AnswerVocabulary,
    sources: Sequence[Source],
    positions: Sequence[Position],
    pledges: Sequence[Pledge],
    accounts_to_create: Sequence[DemoAccount],
    now: dt.datetime,
) -> DemoSummary:
    """Fill an empty database with the demo: accounts, public data, the illustrative round."""
    for account in accounts_to_create:
        users.create_user(
            uow=uow(),
            username=account.username,
            password=account.password,
            role=account.role,
            display_name=f"Demo {account.role.value}",
            actor=DEMO_ACTOR,
        )
    import_public_data(
        uow=uow(),
        catalog=catalog,
        sources=sources,
        positions=positions,
        pledges=pledges,
        actor=DEMO_ACTOR,
    )
    derived = illustrative_answers(
        positions=positions,
        pledges=pledges,
        sources={s.id: s for s in sources},
        respondents=catalog.participants.keys(),
    )
    round_ = coordinating.create_round(
        uow=uow(),
        questionnaire=questionnaire,
        title=ROUND_TITLE,
        deadline=now + dt.timedelta(days=30),
        actor=DEMO_ACTOR,
        is_illustrative=True,
    )
    codes = sorted({d.participant for d in derived} | set(UNANSWERED))
    issued = coordinating.invite(
        uow=uow(), catalog=catalog, round_id=round_.id, participant_codes=codes, actor=DEMO_ACTOR
    )
    tokens = {i.invitation.participant_code: i.token for i in issued}
    skipped: dict[str, str] = {}
    answered = []
    for answer in derived:
        if answer.participant in UNANSWERED:
            continue
        try:
            answering.submit_response(
                uow=uow(),
                catalog=catalog,
                token=tokens[answer.participant],
                answers=answer.answers,
                base_version=0,
                attestation_name=ATTESTATION_NAME,
                attestation_title=ATTESTATION_TITLE,
                vocabulary=vocabulary,
            )
            answered.append(answer.participant)
        except InvalidAnswersError as err:
            skipped[answer.participant] = err.message
    return DemoSummary(
        accounts=tuple(accounts_to_create),
        round=round_,
        links={code: f"/respond/{token}" for code, token in tokens.items()},
        answered=tuple(answered),
        not_answered=tuple(code for code in codes if code not in answered),
        skipped=skipped,
        positions=len(positions),
        sources=len(sources),
        pledges=len(pledges),
    )
