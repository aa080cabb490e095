"""Specification of the summaries of the questions that are not force."""

import pytest

from forcegen.answers.sanctions import sanctions_unanimity
from forcegen.answers.summary import (
    AnswerSet,
    enabler_demand,
    nominations,
    response_ladder,
    support_for_ukraine,
)

EU = {"FRA", "DEU", "HUN", "POL"}


def troops(personnel: int) -> dict[str, object]:
    return {
        "decision": "yes",
        "contributions": [{"capability": "land.combat", "personnel": personnel, "sustained": True}],
    }


def rungs(*supported: str) -> dict[str, object]:
    return {
        "rungs": [
            {"rung": rung, "supports": True, "would_take_part": rung == "consult"}
            for rung in supported
        ]
    }


class TestSanctionsUnanimity:
    def test_a_measure_opposed_by_one_eu_member_is_blocked_by_that_member(self) -> None:
        sets = [
            AnswerSet(
                "FRA",
                {"sanctions": {"measures": [{"measure": "energy_phase_out", "stance": "support"}]}},
                "r/FRA/v1",
            ),
            AnswerSet(
                "DEU",
                {
                    "sanctions": {
                        "measures": [
                            {"measure": "energy_phase_out", "stance": "support_with_conditions"}
                        ]
                    }
                },
                "r/DEU/v1",
            ),
            AnswerSet(
                "HUN",
                {"sanctions": {"measures": [{"measure": "energy_phase_out", "stance": "oppose"}]}},
                "r/HUN/v1",
            ),
        ]

        (measure,) = sanctions_unanimity(sets, EU)

        assert measure.blockers == ("HUN",)
        assert not measure.has_unanimity
        assert measure.support == ("FRA",)
        assert measure.support_with_conditions == ("DEU",)
        assert measure.source_ids == ("r/DEU/v1", "r/FRA/v1", "r/HUN/v1")

    def test_a_measure_nobody_opposes_has_unanimity_and_lists_silent_members(self) -> None:
        sets = [
            AnswerSet(
                "FRA",
                {
                    "sanctions": {
                        "measures": [{"measure": "shadow_fleet_listings", "stance": "support"}]
                    }
                },
                "a",
            ),
            AnswerSet("POL", {"troops": troops(0)}, "b"),
        ]

        (measure,) = sanctions_unanimity(sets, EU)

        assert measure.has_unanimity
        assert measure.not_answered == ("POL",)


def test_the_highest_rung_is_the_last_one_every_troop_contributor_supports() -> None:
    sets = [
        AnswerSet(
            "FRA",
            {"troops": troops(5000), "if_attacked": rungs("consult", "sanctions", "air_support")},
            "f",
        ),
        AnswerSet(
            "GBR", {"troops": troops(5000), "if_attacked": rungs("consult", "sanctions")}, "g"
        ),
        AnswerSet("POL", {"troops": {"decision": "no"}, "if_attacked": rungs("consult")}, "p"),
    ]

    ladder = response_ladder(sets)

    assert ladder.troop_contributors == ("FRA", "GBR")
    assert ladder.highest_rung_all_contributors == "sanctions"
    consult = ladder.rungs[0]
    assert consult.supporters == ("FRA", "GBR", "POL")
    assert consult.participants == ("FRA", "GBR", "POL")


def test_enabler_demand_separates_preconditions_from_wishes_and_terms() -> None:
    sets = [
        AnswerSet(
            "FRA",
            {
                "us_support": {
                    "enablers": [{"enabler": "us.isr", "term": "both", "necessity": "precondition"}]
                }
            },
            "f",
        ),
        AnswerSet(
            "DEU",
            {
                "us_support": {
                    "enablers": [{"enabler": "us.isr", "term": "long", "necessity": "desirable"}]
                }
            },
            "d",
        ),
    ]

    (isr,) = enabler_demand(sets)

    assert isr.precondition == ("FRA",)
    assert isr.desirable == ("DEU",)
    assert isr.short_term == ("FRA",)
    assert isr.long_term == ("DEU", "FRA")


def test_nominations_flag_who_is_suggested_but_not_invited() -> None:
    sets = [
        AnswerSet("FRA", {"participants": {"countries": ["CAN", "TUR"]}}, "f"),
        AnswerSet("GBR", {"participants": {"countries": ["CAN"]}}, "g"),
    ]

    result = nominations(sets, invited={"FRA", "GBR", "CAN"})

    assert [(n.nominee, n.nominated_by, n.is_invited) for n in result] == [
        ("CAN", ("FRA", "GBR"), True),
        ("TUR", ("FRA",), False),
    ]


def test_support_totals_by_category_and_per_gdp() -> None:
    sets = [
        AnswerSet(
            "FRA",
            {
                "support_for_ukraine": {
                    "items": [
                        {
                            "category": "drones",
                            "item": "x",
                            "quantity": 100,
                            "value_eur": 3_000_000,
                        },
                        {"category": "drones", "item": "y", "quantity": 50, "value_eur": 1_000_000},
                    ]
                }
            },
            "f",
        ),
        AnswerSet(
            "XKX",
            {
                "support_for_ukraine": {
                    "items": [{"category": "funding", "item": "z", "value_eur": 10.0}]
                }
            },
            "k",
        ),
    ]

    summary = support_for_ukraine(sets, gdp_usd_bn={"FRA": 2000.0})

    drones = summary.by_category[0]
    assert (drones.category, drones.quantity, drones.value_eur) == ("drones", 150, 4_000_000)
    assert summary.value_eur_per_gdp_usd_bn["FRA"] == pytest.approx(2000.0)
    assert summary.without_figures == ("XKX",)


def test_nobody_answering_question_4_is_not_answered_rather_than_no_rung() -> None:
    sets = [
        AnswerSet("FRA", {"troops": troops(5000)}, "f"),
        AnswerSet("GBR", {"troops": troops(5000), "if_attacked": {"rungs": []}}, "g"),
    ]

    ladder = response_ladder(sets)

    assert ladder.highest_rung_all_contributors is None
    assert ladder.highest_text == "not answered (no troop contributor answered question 4)"


def test_a_troop_contributor_that_did_not_answer_question_4_is_named_not_counted_against() -> None:
    sets = [
        AnswerSet("FRA", {"troops": troops(5000), "if_attacked": rungs("consult")}, "f"),
        AnswerSet("GBR", {"troops": troops(5000)}, "g"),
    ]

    ladder = response_ladder(sets)

    assert ladder.highest_text == "consult (not answered by GBR)"
