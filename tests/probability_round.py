"""A round whose answers meet a requirement profile exactly when one driver holds, so that the
chance of meeting it is the chance of that driver: P(met) = P(driver).

One government answers with a contribution for every line of the profile (personnel and
platforms as the line asks), and land combat forces large enough for the total too, on the
condition that the driver holds. Made through the service layer, as a respondent would.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from forcegen.bootstrap import Services
from forcegen.service.responding import answering
from forcegen.service.rounds import coordinating, invitations

CONTRIBUTOR = "FRA"


def answers_meeting(services: Services, requirement: str, condition: str) -> dict[str, Any]:
    """Troop answers meeting every line of `requirement`, land combat only if `condition`."""
    profile = services.catalog.requirements[requirement]
    short = max(0, profile.total_personnel - sum(line.personnel for line in profile.lines))
    contributions = []
    for line in profile.lines:
        row: dict[str, Any] = {
            "capability": line.capability,
            "personnel": line.personnel,
            "platforms": line.platforms,
            "sustained": True,
        }
        if line.capability == "land.combat":
            row |= {"personnel": line.personnel + short + 100, "condition": condition}
        contributions.append(row)
    return {"troops": {"decision": "conditional", "contributions": contributions}}


def round_meeting(
    services: Services, *, requirement: str, condition: str, actor: str = "user:test"
) -> str:
    """Open a round in which one government's answers meet `requirement` when `condition`
    holds; its id."""
    created = coordinating.create_round(
        uow=services.uow(),
        questionnaire=services.catalog.questionnaire(),
        title="Meets the requirement on one condition",
        deadline=dt.datetime.now(dt.UTC) + dt.timedelta(days=14),
        actor=actor,
    )
    (issued,) = invitations.invite(
        uow=services.uow(),
        catalog=services.catalog,
        round_id=created.id,
        participant_codes=(CONTRIBUTOR,),
        actor=actor,
    )
    answering.submit_response(
        uow=services.uow(),
        catalog=services.catalog,
        token=issued.token,
        answers=answers_meeting(services, requirement, condition),
        base_version=0,
        attestation_name="Jeanne Martin",
        attestation_title="Director",
        vocabulary=answering.answer_vocabulary(services.catalog),
    )
    return created.id
