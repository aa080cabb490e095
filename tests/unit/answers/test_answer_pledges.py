"""Specification of the mapping from questionnaire answers to pledges."""

from typing import Any

from forcegen.answers.pledges import default_condition, derive_pledges
from forcegen.model.pledge import Level, PledgeKind

FRANCE: dict[str, Any] = {
    "us_support": {
        "enablers": [
            {"enabler": "us.air_cover", "term": "both", "necessity": "precondition"},
            {"enabler": "us.isr", "term": "short", "necessity": "precondition"},
            {"enabler": "us.logistics", "term": "long", "necessity": "desirable"},
        ]
    },
    "troops": {
        "decision": "conditional",
        "contributions": [
            {"capability": "land.combat", "personnel": 5000, "sustained": True},
            {
                "capability": "land.training",
                "personnel": 300,
                "sustained": False,
                "months": 6,
                "earliest_availability_month": 2,
                "caveats": ["training_only"],
                "condition": "ceasefire",
            },
        ],
    },
    "if_attacked": {
        "rungs": [
            {"rung": "consult", "supports": True, "would_take_part": True},
            {"rung": "reinforce", "supports": True, "would_take_part": False},
        ]
    },
    "support_for_ukraine": {
        "items": [
            {"category": "air_defence", "item": "SAMP/T battery", "quantity": 1},
            {"category": "funding", "item": "maintenance fund", "value_eur": 2_000_000},
        ]
    },
    "sanctions": {"measures": [{"measure": "energy_phase_out", "stance": "oppose"}]},
}


def test_us_preconditions_become_the_default_condition_of_troop_rows() -> None:
    assert default_condition(FRANCE) == "us.air_cover and us.isr"

    pledges = derive_pledges(participant="FRA", answers=FRANCE, source_id="response:r1/v2").pledges

    combat = next(p for p in pledges if p.capability == "land.combat")
    assert combat.condition == "us.air_cover and us.isr"
    assert combat.kind is PledgeKind.TROOPS
    assert combat.personnel.figure == 5000
    assert combat.sustained
    assert combat.level is Level.STATED
    assert combat.source_ids == ("response:r1/v2",)


def test_a_row_condition_and_a_limited_duration_are_kept() -> None:
    pledges = derive_pledges(participant="FRA", answers=FRANCE, source_id="s").pledges

    training = next(p for p in pledges if p.capability == "land.training")

    assert training.condition == "ceasefire"
    assert not training.sustained
    assert training.duration_months == 6
    assert training.start_month.figure == 2
    assert training.caveats == frozenset({"training_only"})


def test_a_no_decision_yields_no_force_whatever_the_rows_say() -> None:
    answers = {**FRANCE, "troops": {**FRANCE["troops"], "decision": "no"}}

    pledges = derive_pledges(participant="POL", answers=answers, source_id="s").pledges

    assert not [p for p in pledges if p.kind in (PledgeKind.TROOPS, PledgeKind.ENABLER)]


def test_rows_a_no_decision_leaves_out_are_reported_not_dropped_silently() -> None:
    answers = {**FRANCE, "troops": {**FRANCE["troops"], "decision": "no"}}

    skipped = derive_pledges(participant="POL", answers=answers, source_id="s").skipped

    assert skipped == (
        "POL troops.contributions: 2 row(s) not counted, because the decision is 'no' "
        "(support from outside Ukraine has its own rows)",
    )


def test_support_from_outside_ukraine_counts_whatever_the_decision_with_its_caveat() -> None:
    hub = {
        "capability": "logistics",
        "personnel": 1500,
        "sustained": True,
        "based_in": "Rzeszów hub, Poland",
    }
    answers = {"troops": {"decision": "no", "from_outside": [hub]}}

    (pledge,) = derive_pledges(participant="POL", answers=answers, source_id="s").pledges

    assert pledge.id == "POL/outside/1"
    assert (pledge.kind, pledge.capability) == (PledgeKind.TROOPS, "logistics")
    assert pledge.caveats == frozenset({"outside_ukraine_only"})
    assert pledge.note == "Rzeszów hub, Poland"
    assert pledge.source_ids == ("s",)


def test_support_items_commitments_and_sanctions_are_mapped() -> None:
    derivation = derive_pledges(participant="FRA", answers=FRANCE, source_id="s")

    kinds = sorted(p.kind for p in derivation.pledges)
    commitments = [p.item for p in derivation.pledges if p.kind is PledgeKind.RESPONSE_COMMITMENT]

    assert kinds.count(PledgeKind.EQUIPMENT) == 1
    assert kinds.count(PledgeKind.FUNDING) == 1
    assert commitments == ["consult"]
    assert [(s.measure, s.stance) for s in derivation.sanctions] == [("energy_phase_out", "oppose")]


def test_a_limited_row_without_months_is_reported_not_guessed() -> None:
    answers = {
        "troops": {
            "decision": "yes",
            "contributions": [{"capability": "medical", "personnel": 50, "sustained": False}],
        }
    }

    derivation = derive_pledges(participant="EST", answers=answers, source_id="s")

    assert derivation.pledges == ()
    assert derivation.skipped == ("EST troops.contributions[0]: not sustained and no months given",)


def _troop_rows(*rows: dict[str, object]) -> dict[str, object]:
    return {"troops": {"decision": "yes", "contributions": list(rows)}}


def test_a_platform_without_a_stated_crew_has_unknown_personnel_not_zero() -> None:
    answers = _troop_rows(
        {"capability": "maritime.mcm", "personnel": 0, "platforms": 1, "sustained": True},
        {"capability": "maritime.mcm", "platforms": 2, "sustained": True},
    )

    pledges = derive_pledges(participant="EST", answers=answers, source_id="s").pledges

    assert [(p.kind, p.personnel.text, p.platforms.text) for p in pledges] == [
        (PledgeKind.ENABLER, "unknown", "1"),
        (PledgeKind.ENABLER, "unknown", "2"),
    ]


def test_personnel_stated_as_a_bound_or_a_range_keeps_its_statement() -> None:
    answers = _troop_rows(
        {"capability": "land.combat", "personnel": "up to 7,500", "sustained": True},
        {"capability": "land.combat", "personnel": "5,000-8,000", "sustained": True},
        {"capability": "land.combat", "personnel": "a brigade", "sustained": True},
    )

    derived = derive_pledges(participant="GBR", answers=answers, source_id="s")

    assert [p.personnel.text for p in derived.pledges] == ["up to 7,500", "5,000–8,000"]
    assert derived.skipped == (
        "GBR troops.contributions[2]: 'a brigade' is not an amount; write a number (7500 or "
        "7,500), 'about 150', 'at least 5000', 'up to 7500', a range '5000-8000', or 'unknown'",
    )
