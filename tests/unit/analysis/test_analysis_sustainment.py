"""Sustainment: the force month by month, and the rotation pool behind it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factories import make_pledge, make_requirement
from forcegen.analysis import sustainment
from forcegen.analysis.sustainment import holds_in
from forcegen.model.amount import Bound

REQUIREMENT = make_requirement(total_personnel=3000, duration_months=12, rotation_ratio=3.0)


class TestSchedule:
    def test_a_six_month_pledge_holds_only_its_six_months(self) -> None:
        pledges = [
            make_pledge(id="fra", contributor="FRA", personnel=2000),
            make_pledge(
                id="gbr",
                contributor="GBR",
                personnel=1000,
                sustained=False,
                duration_months=6,
                start_month=2,
            ),
        ]

        result = sustainment(pledges, REQUIREMENT)

        assert [m.total.personnel for m in result.months] == [2000] * 2 + [3000] * 6 + [2000] * 4
        assert result.months[2].total.pledge_ids == ("fra", "gbr")
        assert result.months[8].total.pledge_ids == ("fra",)
        assert result.months[8].shortfall_personnel == 1000
        assert result.first_short_month == 0

    def test_a_lead_time_of_nine_to_twelve_months_is_not_month_zero(self) -> None:
        swiss = make_pledge(id="che", personnel=200, start_month="9-12")

        months = sustainment([swiss], REQUIREMENT).months

        assert [m.month for m in months if m.total.personnel.high] == [9, 10, 11]
        assert [m.total.personnel.text for m in months[8:]] == ["0", "0–200", "0–200", "0–200"]

    def test_an_unknown_lead_time_deploys_from_month_zero_only_at_the_high_end(self) -> None:
        pledge = make_pledge(id="x", personnel=100, start_month="unknown")

        months = sustainment([pledge], REQUIREMENT).months

        assert {m.total.personnel.text for m in months} == {"0–100"}

    def test_a_sustained_pledge_starts_at_its_start_month(self) -> None:
        pledge = make_pledge(id="late", personnel=3000, start_month=3)

        result = sustainment([pledge], REQUIREMENT)

        assert [m.total.personnel for m in result.months[:4]] == [0, 0, 0, 3000]
        assert result.first_short_month == 0

    def test_a_schedule_that_covers_every_month_has_no_short_month(self) -> None:
        result = sustainment([make_pledge(personnel=3000)], REQUIREMENT)

        assert result.first_short_month is None
        assert len(result.months) == 12

    def test_months_report_each_capability(self) -> None:
        pledges = [
            make_pledge(id="fra", personnel=2000),
            make_pledge(
                id="sam",
                kind="enabler",
                capability="air.defence",
                personnel=100,
                platforms=2,
                sustained=False,
                duration_months=1,
            ),
        ]

        first, second = sustainment(pledges, REQUIREMENT).months[:2]

        assert [(c.capability, c.total.platforms) for c in first.capabilities] == [
            ("air.defence", 2),
            ("land.combat", 0),
        ]
        assert second.capabilities[0].total.platforms == 0


class TestRotation:
    def test_a_sustained_pledge_needs_a_pool_of_its_size_times_the_rotation_ratio(self) -> None:
        pledges = [
            make_pledge(id="fra", personnel=2000),
            make_pledge(id="gbr", personnel=1000, sustained=False, duration_months=6),
        ]

        result = sustainment(pledges, REQUIREMENT)

        assert [(n.pledge_id, n.pool_personnel) for n in result.pool] == [
            ("fra", 6000),
            ("gbr", 1000),
        ]
        assert result.pool_personnel == 7000
        assert result.required_pool_personnel == 9000

    def test_pools_round_up_for_fractional_ratios(self) -> None:
        requirement = make_requirement(total_personnel=3, rotation_ratio=2.5)

        result = sustainment([make_pledge(personnel=3)], requirement)

        assert result.pool[0].pool_personnel == 8
        assert result.required_pool_personnel == 8

    def test_pledges_that_are_not_force_are_ignored(self) -> None:
        money = make_pledge(kind="funding", capability=None, personnel=0, value_eur=1e9)

        result = sustainment([money], REQUIREMENT)

        assert result.pool == ()
        assert result.months[0].total.personnel == 0


class TestRotationOfLimitedPledges:
    def test_a_pledge_held_longer_than_a_tour_needs_a_rotation_pool_too(self) -> None:
        requirement = make_requirement(duration_months=24, rotation_ratio=3.0, tour_months=6)
        limited = make_pledge(id="lim", personnel=6000, sustained=False, duration_months=24)
        sustained = make_pledge(id="sus", personnel=6000)
        one_tour = make_pledge(id="one", personnel=6000, sustained=False, duration_months=6)

        pool = {
            need.pledge_id: need.pool_personnel
            for need in sustainment([limited, sustained, one_tour], requirement).pool
        }

        assert pool == {"lim": 18_000, "sus": 18_000, "one": 6000}

    def test_a_pool_keeps_the_range_of_its_pledge(self) -> None:
        pledge = make_pledge(id="gbr", personnel="up to 7500")

        (need,) = sustainment([pledge], REQUIREMENT).pool

        assert need.pool_personnel.text == "up to 22,500"


_SCHEDULES = st.lists(
    st.tuples(
        st.integers(0, 5_000),  # personnel
        st.integers(0, 14),  # start month
        st.one_of(st.none(), st.integers(1, 14)),  # months held; None: sustained
        st.sampled_from(["land.combat", "air.policing"]),
    ),
    max_size=8,
)


@given(_SCHEDULES, st.integers(1, 16))
def test_each_month_holds_exactly_the_pledges_deployed_in_it(
    schedules: list[tuple[int, int, int | None, str]], duration: int
) -> None:
    """Months are added up once per distinct set of pledges present; each month must still
    hold what a month-by-month count of `holds_in` gives."""
    pledges = [
        make_pledge(
            id=f"p{i}",
            personnel=personnel,
            start_month=start,
            sustained=held is None,
            duration_months=held,
            capability=capability,
        )
        for i, (personnel, start, held, capability) in enumerate(schedules)
    ]
    requirement = make_requirement(total_personnel=3000, duration_months=duration)

    result = sustainment(pledges, requirement)

    assert len(result.months) == duration
    for month in result.months:
        present = [p for p in pledges if holds_in(p.fixed(Bound.HIGH), month.month)]
        assert month.total.pledge_ids == tuple(p.id for p in present)
        assert month.total.personnel == sum(p.personnel.figure for p in present)
