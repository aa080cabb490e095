"""The respondent's JSON API: the same operations as the form (bearer invitation token).

No route takes a participant or round id: both come from the token, so a token can only ever
reach its own participant's response in its own round.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from forcegen.model.response import Endorsement
from forcegen.service.responding import answering
from forcegen.web.accounts.auth import RespondentApi, respondent_api
from forcegen.web.api_router import api_router
from forcegen.web.deps import ServicesDep
from forcegen.web.responding.condition_check import check_condition_text
from forcegen.web.schemas.responding import (
    AnswersUpdate,
    ConditionCheckRead,
    EndorsementCreate,
    RespondentContextRead,
    SubmissionCreate,
    WithdrawalCreate,
)
from forcegen.web.schemas.rounds import ResponseRead, ResponseVersionRead

router = api_router("/api/respond", "respondent", caller=respondent_api)


@router.get("", summary="Your round, your questions, your latest answers")
def respondent_context(services: ServicesDep, token: RespondentApi) -> RespondentContextRead:
    context = answering.open_invitation(uow=services.uow(), catalog=services.catalog, token=token)
    return RespondentContextRead.from_domain(context)


@router.put("/draft", summary="Save a draft from the version you loaded")
def save_draft(
    body: AnswersUpdate, services: ServicesDep, token: RespondentApi
) -> ResponseVersionRead:
    """409 if someone saved since `base_version`: nothing is overwritten."""
    version = answering.save_draft(
        uow=services.uow(),
        catalog=services.catalog,
        token=token,
        answers=body.answers,
        base_version=body.base_version,
        vocabulary=answering.answer_vocabulary(services.catalog),
    )
    return ResponseVersionRead.from_domain(version)


@router.post("/submission", status_code=201, summary="Submit (or revise) with attestation")
def submit(
    body: SubmissionCreate, services: ServicesDep, token: RespondentApi
) -> ResponseVersionRead:
    version = answering.submit_response(
        uow=services.uow(),
        catalog=services.catalog,
        token=token,
        answers=body.answers,
        base_version=body.base_version,
        attestation_name=body.attestation_name,
        attestation_title=body.attestation_title,
        vocabulary=answering.answer_vocabulary(services.catalog),
    )
    return ResponseVersionRead.from_domain(version)


@router.post("/withdrawal", status_code=201, summary="Withdraw your response")
def withdraw(
    body: WithdrawalCreate, services: ServicesDep, token: RespondentApi
) -> ResponseVersionRead:
    version = answering.withdraw_response(
        uow=services.uow(), token=token, base_version=body.base_version
    )
    return ResponseVersionRead.from_domain(version)


@router.get("/history", summary="Every version of your response")
def history(services: ServicesDep, token: RespondentApi) -> ResponseRead:
    return ResponseRead.from_domain(answering.own_history(uow=services.uow(), token=token))


@router.post("/endorsements", status_code=201, summary="Endorse or reject a joint response")
def endorse(body: EndorsementCreate, services: ServicesDep, token: RespondentApi) -> Endorsement:
    return answering.endorse_joint(
        uow=services.uow(),
        catalog=services.catalog,
        token=token,
        joint_participant=body.joint_participant,
        kind=body.kind,
        reserved_questions=body.reserved_questions,
        comment=body.comment,
    )


@router.get("/condition-check", summary="Check a condition as the form does, live")
def condition_check(
    services: ServicesDep,
    token: RespondentApi,
    text: Annotated[str, Query(max_length=2000)] = "",
) -> ConditionCheckRead:
    # the token must be valid
    answering.respondent_context(uow=services.uow(), catalog=services.catalog, token=token)
    return check_condition_text(text, services.catalog)
