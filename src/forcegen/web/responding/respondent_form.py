"""What the respondent's form page shows: the state of the answers and the page's context."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Self

from fastapi import Request

from forcegen.catalog import Catalog
from forcegen.model.capability import Driver, DriverGroup
from forcegen.model.common_name import names_for
from forcegen.model.questionnaire import FieldProblem
from forcegen.model.respondent import RespondentContext
from forcegen.model.response import EndorsementKind
from forcegen.web.responding.answer_view import answer_sections
from forcegen.web.responding.form_view import build_form
from forcegen.web.security import MAX_FORM_FIELDS, MAX_FORM_FILES

ATTESTATION_FIELDS = ("attestation_name", "attestation_title")
KIND_LABELS = {
    EndorsementKind.ENDORSE: "Endorsed",
    EndorsementKind.ENDORSE_WITH_RESERVATIONS: "Endorsed with reservations",
    EndorsementKind.REJECT: "Rejected",
}


@dataclass(frozen=True)
class FormState:
    """The answers on screen and the version they build on, with any reason they were refused."""

    answers: Mapping[str, object]
    base_version: int
    problems: Sequence[FieldProblem] = ()
    conflict: str | None = None
    attestation: tuple[str, str] = ("", "")
    notice: str | None = None
    is_draft_kept: bool = False  # the problems are in a saved draft, not a refused save

    @classmethod
    def from_context(cls, context: RespondentContext, *, notice: str | None) -> Self:
        """The latest saved version, and the last attestation to save retyping it."""
        response = context.response
        latest = response.latest if response else None
        attested = response.last_attestation if response else None
        return cls(
            answers=latest.answers if latest else {},
            base_version=latest.number if latest else 0,
            attestation=(attested.name, attested.title) if attested else ("", ""),
            notice=notice,
        )


def form_context(
    context: RespondentContext, state: FormState, catalog: Catalog
) -> dict[str, object]:
    """Everything `respond_form.html` needs."""
    answer_problems = [p for p in state.problems if p.path not in ATTESTATION_FIELDS]
    questions, links = build_form(
        context.questions, state.answers, answer_problems, catalog=catalog
    )
    attestation_errors = {
        key: " ".join(p.message for p in state.problems if p.path == key)
        for key in ATTESTATION_FIELDS
    }
    response = context.response
    verdicts = {e.joint_participant: e for e in context.own_endorsements}
    return {
        "round": context.round,
        "participant": context.participant,
        "invitation": context.invitation,
        "questions": questions,
        "problem_links": links,
        "attestation_problems": [p for p in state.problems if p.path in ATTESTATION_FIELDS],
        "base_version": state.base_version,
        "is_draft_kept": state.is_draft_kept,
        "conflict": state.conflict,
        "notice": state.notice,
        "attestation": state.attestation,
        "attestation_errors": attestation_errors,
        "latest": response.latest if response else None,
        "latest_submitted": response.latest_submitted if response else None,
        "version_count": response.version_count if response else 0,
        "is_open": context.round.is_open,
        "sections": answer_sections(context.questions, state.answers, catalog),
        "joint_drafts": [
            {
                "code": draft.joint_participant,
                "version": draft.response.latest.number if draft.response.latest else None,
                "verdict": KIND_LABELS.get(verdicts[draft.joint_participant].kind)
                if draft.joint_participant in verdicts
                else None,
            }
            for draft in context.joint_drafts
        ],
        "illustrative": context.round.is_illustrative,
        "condition_lists": condition_lists(catalog),
    }


def condition_lists(catalog: Catalog) -> dict[str, list[dict[str, object]]]:
    """What the condition builder offers: US support, political conditions, governments."""
    drivers = catalog.drivers.values()
    return {
        "us": [_driver(d) for d in drivers if d.group is DriverGroup.US_ENABLER],
        "political": [_driver(d) for d in drivers if d.group is not DriverGroup.US_ENABLER],
        "governments": [
            {
                "code": code,
                "name": catalog.participants[code].name,
                "aliases": list(names_for(code)),
            }
            for code in sorted(catalog.participants, key=lambda c: catalog.participants[c].name)
        ],
    }


def _driver(driver: Driver) -> dict[str, object]:
    return {"key": driver.key, "name": driver.name}


async def posted_values(request: Request) -> dict[str, list[str]]:
    """The posted form as every text value per name (files are ignored; NULs dropped)."""
    form = await request.form(max_fields=MAX_FORM_FIELDS, max_files=MAX_FORM_FILES)
    return {
        name: [v.replace("\x00", "") for v in form.getlist(name) if isinstance(v, str)]
        for name in form
    }
