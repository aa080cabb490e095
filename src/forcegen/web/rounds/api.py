"""The coordinator's JSON API: the same round operations as the pages (bearer API token)."""

from __future__ import annotations

from fastapi import Request

from forcegen.model.response import diff_answers
from forcegen.service.joint import backing
from forcegen.service.rounds import coordinating, response_views
from forcegen.web.accounts.auth import CoordinatorApi, actor_of, coordinator_api
from forcegen.web.api_router import api_router
from forcegen.web.deps import ServicesDep
from forcegen.web.paths import CodePath, InvitationIdPath, RoundIdPath, VersionQuery
from forcegen.web.rounds.lookups import require_invitation_in_round
from forcegen.web.schemas.rounds import (
    DiffRead,
    InvitationCreate,
    InvitationRead,
    IssuedInvitationRead,
    LinksExport,
    QuestionnaireSummaryRead,
    ResponseRead,
    RoundCreate,
    RoundRead,
    RoundStatusRead,
)

router = api_router("/api", "coordinator", caller=coordinator_api)


def _base_url(request: Request) -> str:
    return str(request.base_url)


@router.get("/questionnaires", summary="List the questionnaires a round can use")
def list_questionnaires(services: ServicesDep) -> list[QuestionnaireSummaryRead]:
    return [
        QuestionnaireSummaryRead(
            key=q.key, version=q.version, title=q.title, question_keys=list(q.question_keys)
        )
        for q in services.catalog.questionnaires.values()
    ]


@router.get("/rounds", summary="List rounds, newest first")
def list_rounds(services: ServicesDep) -> list[RoundRead]:
    return [RoundRead.from_domain(r) for r in coordinating.list_rounds(uow=services.uow())]


@router.post("/rounds", status_code=201, summary="Create a round")
def create_round(body: RoundCreate, services: ServicesDep, user: CoordinatorApi) -> RoundRead:
    created = coordinating.create_round(
        uow=services.uow(),
        questionnaire=services.catalog.questionnaire(body.questionnaire),
        title=body.title,
        deadline=body.deadline,
        actor=actor_of(user),
        is_illustrative=body.is_illustrative,
    )
    return RoundRead.from_domain(created)


@router.get("/rounds/{round_id}", summary="A round and the status of every invitee")
def round_status(round_id: RoundIdPath, services: ServicesDep) -> RoundStatusRead:
    return RoundStatusRead.from_domain(
        coordinating.round_status(uow=services.uow(), round_id=round_id)
    )


@router.post("/rounds/{round_id}/invitations", status_code=201, summary="Invite participants")
def invite(
    request: Request,
    round_id: RoundIdPath,
    body: InvitationCreate,
    services: ServicesDep,
    user: CoordinatorApi,
) -> list[IssuedInvitationRead]:
    """Returns each invitation's token and link: this is the only time they are shown."""
    issued = coordinating.invite(
        uow=services.uow(),
        catalog=services.catalog,
        round_id=round_id,
        participant_codes=body.participant_codes,
        actor=actor_of(user),
        valid_days=body.valid_days,
    )
    return [IssuedInvitationRead.from_domain(i, base_url=_base_url(request)) for i in issued]


@router.post(
    "/rounds/{round_id}/invitations/{invitation_id}/revoke", summary="Revoke an invitation"
)
def revoke(
    round_id: RoundIdPath,
    invitation_id: InvitationIdPath,
    services: ServicesDep,
    user: CoordinatorApi,
) -> InvitationRead:
    require_invitation_in_round(services, round_id, invitation_id)
    revoked = coordinating.revoke_invitation(
        uow=services.uow(), invitation_id=invitation_id, actor=actor_of(user)
    )
    return InvitationRead.from_domain(revoked)


@router.post(
    "/rounds/{round_id}/invitations/{invitation_id}/reissue",
    summary="Issue a new link (the old one stops working)",
)
def reissue(
    request: Request,
    round_id: RoundIdPath,
    invitation_id: InvitationIdPath,
    services: ServicesDep,
    user: CoordinatorApi,
) -> IssuedInvitationRead:
    require_invitation_in_round(services, round_id, invitation_id)
    issued = coordinating.reissue_invitation(
        uow=services.uow(), invitation_id=invitation_id, actor=actor_of(user)
    )
    return IssuedInvitationRead.from_domain(issued, base_url=_base_url(request))


@router.post("/rounds/{round_id}/links", summary="Issue fresh links for delivery")
def export_links(
    request: Request,
    round_id: RoundIdPath,
    body: LinksExport,
    services: ServicesDep,
    user: CoordinatorApi,
) -> list[IssuedInvitationRead]:
    """Links already handed out for these invitations stop working."""
    issued = coordinating.export_links(
        uow=services.uow(),
        round_id=round_id,
        actor=actor_of(user),
        include_opened=body.include_opened,
    )
    return [IssuedInvitationRead.from_domain(i, base_url=_base_url(request)) for i in issued]


@router.get(
    "/rounds/{round_id}/responses/{code}", summary="A participant's response, every version"
)
def get_response(round_id: RoundIdPath, code: CodePath, services: ServicesDep) -> ResponseRead:
    response = coordinating.get_response(
        uow=services.uow(), round_id=round_id, participant_code=code
    )
    return ResponseRead.from_domain(response)


@router.get("/rounds/{round_id}/responses/{code}/diff", summary="What changed between two versions")
def diff_response(
    round_id: RoundIdPath,
    code: CodePath,
    services: ServicesDep,
    from_version: VersionQuery = None,
    to_version: VersionQuery = None,
) -> DiffRead:
    _, response, before, after = response_views.compare_versions(
        uow=services.uow(), round_id=round_id, participant_code=code, a=from_version, b=to_version
    )
    changes = diff_answers(before.answers, after.answers)
    return DiffRead(
        participant_code=response.participant_code,
        from_version=before.number,
        to_version=after.number,
        changes=changes,
    )


@router.get("/rounds/{round_id}/joint", summary="Joint responses: verdicts and departures")
def joint_overview(round_id: RoundIdPath, services: ServicesDep) -> backing.JointOverview:
    return backing.joint_overview(uow=services.uow(), catalog=services.catalog, round_id=round_id)


@router.post("/rounds/{round_id}/close", summary="Close the round (no more changes)")
def close_round(round_id: RoundIdPath, services: ServicesDep, user: CoordinatorApi) -> RoundRead:
    return RoundRead.from_domain(
        coordinating.close_round(uow=services.uow(), round_id=round_id, actor=actor_of(user))
    )
