"""Respondent use cases: open an invitation, save drafts, submit, revise, withdraw.

Opening (`opening`) and reading one's own versions (`own_record`) live in modules of their
own; this module names every respondent use case, so callers import one place.

Every save adds a version numbered one above the version the client started from. If another
save came first, the new one is refused with a `ConflictError`, and nothing is overwritten:
the database's UNIQUE(response_id, number) decides the race when two saves arrive together.
"""

from __future__ import annotations

from collections.abc import Mapping

from forcegen.answers.consistency import contradictions
from forcegen.model.errors import RuleViolationError
from forcegen.model.questionnaire import (
    AnswerVocabulary,
    FieldProblem,
    question_problems,
    validate_answers,
)
from forcegen.model.respondent import RespondentContext
from forcegen.model.response import (
    Attestation,
    InvalidAnswersError,
    ResponseVersion,
)
from forcegen.model.round import ResponseEvent
from forcegen.service.joint.endorsing import endorse_joint
from forcegen.service.ports import UnitOfWork
from forcegen.service.responding import versions as versions
from forcegen.service.responding.answer_input import (
    attestation_problems,
    json_answers,
    plain_answers,
)
from forcegen.service.responding.form_questions import RespondentForm
from forcegen.service.responding.opening import (
    answer_vocabulary,
    open_invitation,
    respondent_context,
)
from forcegen.service.responding.own_record import history_page, own_history, own_version
from forcegen.service.responding.versions import record_event
from forcegen.service.rounds.access import (
    InvitationCredential,
    answers_digest,
    authenticate_invitation,
    participant_of,
    record_activity,
    require_open,
    respondent_actor,
)
from forcegen.service.rounds.ports import ParticipantCatalog

__all__ = [
    "answer_vocabulary",
    "check_answers",
    "endorse_joint",
    "history_page",
    "open_invitation",
    "own_history",
    "own_version",
    "respondent_context",
    "save_draft",
    "submit_response",
    "withdraw_response",
]


def save_draft(
    *,
    uow: UnitOfWork,
    catalog: ParticipantCatalog,
    token: InvitationCredential,
    answers: Mapping[str, object],
    base_version: int,
    vocabulary: AnswerVocabulary,
) -> ResponseVersion:
    """Save answers as a new draft version, as typed: a draft keeps values still to correct
    (`check_answers` names them) and answers still missing; only submission needs them right.

    `base_version` is the number of the latest version the client loaded (0 for none).
    Saving answers identical to the latest draft adds no version and returns that draft.

    Raises:
        AuthenticationError: the token is not valid.
        RuleViolationError: the round is closed.
        ConflictError: another save happened since `base_version`; nothing was saved.
        InvalidAnswersError: an answer fits none of the participant's questions (an unknown
            question, or one addressed to others); nothing was saved.
    """
    return _save(uow, catalog, token, answers, base_version, vocabulary, attestation=None)


def submit_response(
    *,
    uow: UnitOfWork,
    catalog: ParticipantCatalog,
    token: InvitationCredential,
    answers: Mapping[str, object],
    base_version: int,
    attestation_name: str,
    attestation_title: str,
    vocabulary: AnswerVocabulary,
) -> ResponseVersion:
    """Submit complete answers, attested by a named official; submitting again is a revision.

    Raises:
        AuthenticationError: the token is not valid.
        RuleViolationError: the round is closed.
        ConflictError: another save happened since `base_version`; nothing was saved.
        InvalidAnswersError: a value is wrong or a required answer or the attestation is
            missing (each problem names its field); nothing was saved.
    """
    name, title = " ".join(attestation_name.split()), " ".join(attestation_title.split())
    return _save(uow, catalog, token, answers, base_version, vocabulary, attestation=(name, title))


def withdraw_response(
    *, uow: UnitOfWork, token: InvitationCredential, base_version: int
) -> ResponseVersion:
    """Withdraw the response: a new version marks it withdrawn; every earlier one stays.

    Raises:
        AuthenticationError: the token is not valid.
        RuleViolationError: the round is closed, nothing was saved yet, or it is withdrawn.
        ConflictError: another save happened since `base_version`.
    """
    with uow:
        invitation, round_ = authenticate_invitation(uow, token)
        require_open(round_)
        response = uow.responses.head(round_.id, invitation.participant_code)
        latest = response.latest if response else None
        if response is None or latest is None:
            raise RuleViolationError(
                "There is nothing to withdraw: no answers were saved in this round yet."
            )
        if latest.is_withdrawn:
            raise RuleViolationError(
                f"The response was already withdrawn (version {latest.number}): submit it "
                "again to restore it."
            )
        versions.check_base(response, base_version)
        version = ResponseVersion(
            response_id=response.id,
            number=latest.number + 1,
            answers=latest.answers,
            is_withdrawn=True,
            saved_at=uow.clock.now(),
            saved_by=respondent_actor(invitation),
        )
        versions.append(uow, response, version, base_version)
        record_activity(uow, invitation, ResponseEvent.WITHDRAW)
        record_event(uow, invitation, "response.withdraw", version)
        uow.commit()
    return version


def check_answers(
    *,
    context: RespondentContext | RespondentForm,
    answers: Mapping[str, object],
    vocabulary: AnswerVocabulary,
    require_complete: bool = False,
) -> list[FieldProblem]:
    """What to correct in a respondent's answers: values a draft may keep but a submission
    may not, answers that contradict each other, and with `require_complete` also the
    answers still missing."""
    return validate_answers(
        context.round.questionnaire,
        answers,
        participant=context.participant,
        vocabulary=vocabulary,
        require_complete=require_complete,
    ) + contradictions(answers)


def _save(
    uow: UnitOfWork,
    catalog: ParticipantCatalog,
    token: InvitationCredential,
    answers: Mapping[str, object],
    base_version: int,
    vocabulary: AnswerVocabulary,
    *,
    attestation: tuple[str, str] | None,
) -> ResponseVersion:
    """Save a draft (`attestation` None) or a submission; see `save_draft`."""
    plain = plain_answers(answers, base_version)
    is_submission = attestation is not None
    with uow:
        invitation, round_ = authenticate_invitation(uow, token)
        require_open(round_)
        participant = participant_of(catalog, invitation.participant_code)
        response = uow.responses.head(round_.id, participant.code)
        versions.check_base(response, base_version)
        if is_submission:
            problems = validate_answers(
                round_.questionnaire,
                plain,
                participant=participant,
                vocabulary=vocabulary,
                require_complete=True,
            ) + contradictions(plain)
        else:
            problems = question_problems(round_.questionnaire, plain, participant=participant)
        problems += attestation_problems(attestation)
        if problems:
            raise InvalidAnswersError(problems)
        checked = json_answers(plain)
        unchanged = None if is_submission else versions.unchanged_draft(response, checked)
        if unchanged is not None:
            return unchanged
        if response is None:
            response = versions.new_response(round_, invitation)
            versions.create(uow, response, base_version)
        now = uow.clock.now()
        version = ResponseVersion(
            response_id=response.id,
            number=base_version + 1,
            answers=checked,
            is_submitted=is_submission,
            saved_at=now,
            saved_by=respondent_actor(invitation),
            attestation=None
            if attestation is None
            else Attestation(name=attestation[0], title=attestation[1], attested_at=now),
        )
        versions.append(uow, response, version, base_version)
        event = ResponseEvent.SUBMIT if is_submission else ResponseEvent.SAVE_DRAFT
        record_activity(uow, invitation, event, has_submitted=response.submitted_count > 0)
        action = "response.submit" if is_submission else "response.save_draft"
        record_event(uow, invitation, action, version, answers_sha256=answers_digest(checked))
        uow.commit()
    return version
