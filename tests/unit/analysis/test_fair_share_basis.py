"""Who a fair share is split among: each basis names its members, sorted, once each."""

from __future__ import annotations

from forcegen.analysis import FairShareBasis, basis_members
from forcegen.model.participant import Participant, ParticipantCode, ParticipantKind


def participant(code: str, kind: ParticipantKind, *memberships: str) -> Participant:
    return Participant(
        code=ParticipantCode(code), name=code, kind=kind, memberships=frozenset(memberships)
    )


STATE, ORGANISATION = ParticipantKind.STATE, ParticipantKind.ORGANISATION
PARTICIPANTS: dict[str, Participant] = {
    p.code: p
    for p in (
        participant("NOR", STATE, "NATO"),
        participant("AUT", STATE, "EU"),
        participant("FRA", STATE, "EU", "NATO"),
        participant("CHE", STATE),
        participant("EU", ORGANISATION, "NATO"),
    )
}


def members(basis: FairShareBasis) -> tuple[str, ...]:
    return basis_members(
        basis,
        PARTICIPANTS,
        force_contributors=["FRA", "NOR", "FRA"],
        respondents=["CHE", "AUT", "FRA", "CHE"],
    )


def test_the_willing_are_the_governments_with_a_force_pledge() -> None:
    assert members(FairShareBasis.WILLING) == ("FRA", "NOR")


def test_respondents_are_every_government_that_answered() -> None:
    assert members(FairShareBasis.RESPONDENTS) == ("AUT", "CHE", "FRA")


def test_eu_and_nato_are_the_member_states_of_either_not_organisations() -> None:
    assert members(FairShareBasis.EU_NATO) == ("AUT", "FRA", "NOR")
