"""The reference assessment and the quantities it adds up: a line counts only its own
capability, the rows name the active pledges, and the least fixpoint is honoured."""

from __future__ import annotations

import pytest

from factories import make_line, make_pledge, make_requirement, make_scenario
from forcegen.analysis import Fixpoint, MetCriterion, reference_combinations
from forcegen.analysis.pledge_conditions import pledge_conditions
from forcegen.analysis.quantity import Measure, Quantity, line_quantities, offered
from forcegen.analysis.reference import totals
from forcegen.model.errors import InvalidInputError

LINE = make_line(
    key="sky", capability="air.defence", personnel=100, excluded_caveats=frozenset({"no_air"})
)


def test_a_lines_quantities_are_its_employable_personnel_and_platforms() -> None:
    assert line_quantities(LINE) == (
        Quantity(Measure.EMPLOYABLE_PERSONNEL, "sky", "air.defence", frozenset({"no_air"})),
        Quantity(Measure.EMPLOYABLE_PLATFORMS, "sky", "air.defence", frozenset({"no_air"})),
    )


def test_what_is_offered_in_a_capability_is_keyed_by_that_capability() -> None:
    assert offered(Measure.PLATFORMS, "air.defence") == Quantity(
        Measure.PLATFORMS, "air.defence", "air.defence"
    )


def test_a_line_counts_only_pledges_of_its_capability_without_its_excluded_caveats() -> None:
    pledges = [
        make_pledge(capability="air.defence", kind="enabler", personnel=60, platforms=2),
        make_pledge(capability="land.combat", personnel=1000),
        make_pledge(
            capability="air.defence", kind="enabler", personnel=30, caveats=frozenset({"no_air"})
        ),
    ]

    personnel, platforms = line_quantities(LINE)
    found = totals(pledges, [personnel, platforms])

    assert found == {personnel: 60, platforms: 2}


def test_each_reference_row_names_its_active_pledges_at_the_chosen_fixpoint() -> None:
    pledges = [
        make_pledge(id="fra", contributor="FRA", personnel=30_000, condition="troops(GBR) >= 1"),
        make_pledge(
            id="gbr", contributor="GBR", personnel=20_000, condition="us.isr and troops(FRA) >= 1"
        ),
    ]

    def rows(fixpoint: Fixpoint) -> list[tuple[frozenset[str], bool]]:
        found = reference_combinations(
            pledges,
            make_requirement(total_personnel=50_000),
            make_scenario(),
            ["us.isr"],
            range(2),
            fixpoint=fixpoint,
            criterion=MetCriterion.TOTAL_ONLY,
        )
        return [(row.active_ids, row.is_met) for row in found]

    assert rows(Fixpoint.LEAST) == [(frozenset(), False), (frozenset(), False)]
    assert rows(Fixpoint.GREATEST) == [(frozenset(), False), (frozenset({"fra", "gbr"}), True)]


def test_two_pledges_with_one_id_are_refused_with_the_reason_and_the_remedy() -> None:
    with pytest.raises(InvalidInputError) as raised:
        pledge_conditions([make_pledge(id="same"), make_pledge(id="same")])

    assert raised.value.message == (
        "Two pledges share the id 'same': every pledge needs its own id, so that each total "
        "can name the pledges behind it. Rename one of them."
    )
