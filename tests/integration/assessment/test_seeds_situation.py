"""The seeds' situation on the demo data: the force the reported pledges make, against the
40,000 / 50,000 / 100,000 profiles, with and without US support, what the coalition needs
from the United States, and every number traceable to its sources.

The shipped pledges are few (the UK under 7,500, France 6,000, Estonia 150 and a ship,
Lithuania 150, Switzerland 200), and the big ones wait for a peace agreement and a US
backstop. The assessment must say so plainly, not pad the numbers.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from assessment_world import DemoWorld

from forcegen.catalog import Catalog
from forcegen.model.source import SourceKind
from forcegen.service.assessment import assessing
from forcegen.service.assessment.assessing import Assessment

PROFILES = {"kyiv_40k": 40_000, "kyiv_50k": 50_000, "high_100k": 100_000}
# Outside US control: the two largest pledges also wait for these (public reporting).
PEACE_AND_COMMONS = {"peace_agreement": True, "parliament.GBR": True}


def round_assessment(world: DemoWorld, **options: object) -> Assessment:
    selection = assessing.select(world.catalog, **options)  # type: ignore[arg-type]
    return assessing.run_assessment(
        uow=world.uow(), catalog=world.catalog, selection=selection, round_id=world.round_id
    )


def public_assessment(world: DemoWorld, **options: object) -> Assessment:
    selection = assessing.select(world.catalog, **options)  # type: ignore[arg-type]
    return assessing.run_assessment(uow=world.uow(), catalog=world.catalog, selection=selection)


def figures_pledge_ids(a: Assessment) -> Iterator[str]:
    """Every pledge id any figure of the assessment names."""
    for force in a.scenarios:
        yield from force.total.pledge_ids
    for coverage in (a.coverage.least, a.coverage.greatest):
        yield from coverage.total.pledge_ids
        for line in coverage.lines:
            yield from line.offered.pledge_ids
            yield from line.employable.pledge_ids
    for month in a.sustainment.months:
        yield from month.total.pledge_ids
    for package in a.packages:
        yield from package.total.pledge_ids
    for ids in a.driver_pledges.values():
        yield from ids
    for row in a.burden.contributors:
        yield from row.pledge_ids
    yield from (b.pledge_id for b in a.blocked)


class TestRoundOfTheDemo:
    def test_the_force_is_shown_against_every_profile_in_every_named_scenario(
        self, demo_world: DemoWorld
    ) -> None:
        result = round_assessment(demo_world)

        shown = {force.key: {c.key: c for c in force.checks} for force in result.scenarios}

        assert set(shown) == {"selected", "no_us_support", "us_offer_aug_2025", "full_backstop"}
        for checks in shown.values():
            assert {key: check.required for key, check in checks.items()} == PROFILES

    def test_only_a_us_backstop_brings_in_the_french_and_british_troops(
        self, demo_world: DemoWorld
    ) -> None:
        result = round_assessment(demo_world, scenario="full_backstop")

        # Every named scenario assumes a settlement and national approvals; Estonia's 150 and
        # Lithuania's 150 need nothing more, France and the UK also wait for a US backstop.
        assert {f.key: f.total.personnel for f in result.scenarios} == {
            "selected": 13_800,
            "no_us_support": 300,
            "us_offer_aug_2025": 300,
            "full_backstop": 13_800,
        }
        assert result.gap == 26_200

    def test_without_a_peace_agreement_only_the_small_pledges_count(
        self, demo_world: DemoWorld
    ) -> None:
        result = round_assessment(
            demo_world, scenario="full_backstop", overrides={"peace_agreement": False}
        )

        assert result.chosen.total.personnel == 300
        assert result.gap == 39_700

    def test_with_and_without_us_support_once_peace_and_the_commons_vote_hold(
        self, demo_world: DemoWorld
    ) -> None:
        result = round_assessment(demo_world, overrides=PEACE_AND_COMMONS)

        by_key = {f.key: f for f in result.scenarios}
        without_us, full = by_key["no_us_support"], by_key["full_backstop"]

        assert without_us.total.personnel == 300
        assert full.total.personnel == 13_800  # GBR 7,500 + FRA 6,000 + EST 150 + LTU 150
        assert {c.key: c.gap for c in full.checks} == {
            "kyiv_40k": 26_200,
            "kyiv_50k": 36_200,
            "high_100k": 86_200,
        }
        assert not any(c.is_met for f in result.scenarios for c in f.checks)

    def test_names_the_us_backstop_as_what_the_coalition_needs(
        self, demo_world: DemoWorld, catalog: Catalog
    ) -> None:
        result = round_assessment(demo_world, overrides=PEACE_AND_COMMONS)

        leverage = {lever.driver: lever.personnel for lever in result.what_it_takes.leverage}
        enablers = {d.key for d in catalog.us_enablers}

        assert leverage["us.backstop"] == 13_500
        assert all(leverage[d] == 0 for d in enablers - {"us.backstop"})
        # France and the UK, and the governments that would take part without a number
        assert {"FRA/troops/1", "GBR/troops/1"} <= set(result.driver_pledges["us.backstop"])
        assert result.packages == ()  # no US package closes a 40,000 gap
        text = " ".join(result.summary)
        assert "What the pledges ask of the United States: US backstop" in text
        assert "US backstop unlocks the most force: 13,500" in text
        assert "no combination of the US enablers closes the gap" in text

    def test_says_what_holds_the_large_pledges_back(self, demo_world: DemoWorld) -> None:
        result = round_assessment(demo_world)

        waits = {b.pledge_id: b.waits_for for b in result.blocked}

        assert waits["GBR/troops/1"] == ("us.backstop",)
        assert waits["FRA/troops/1"] == ("us.backstop",)
        assert result.pledged.personnel == 14_000

    def test_every_number_is_traceable_to_a_response_version(self, demo_world: DemoWorld) -> None:
        result = round_assessment(demo_world, overrides=PEACE_AND_COMMONS)
        pledges = {p.id: p for p in result.pledges}

        named = set(figures_pledge_ids(result))

        assert named, "the figures name no pledge"
        for pledge_id in named:
            for source_id in pledges[pledge_id].source_ids:
                source = result.sources[source_id]
                assert source.kind is SourceKind.RESPONSE_VERSION
                assert result.response_refs[source_id].participant == pledges[pledge_id].contributor

    def test_the_round_is_marked_illustrative(self, demo_world: DemoWorld) -> None:
        result = round_assessment(demo_world)

        assert result.is_illustrative
        assert result.not_answered == ("NLD",)


class TestPublicRecord:
    def test_the_reported_force_against_the_profiles_with_and_without_us_support(
        self, demo_world: DemoWorld
    ) -> None:
        result = public_assessment(demo_world, overrides=PEACE_AND_COMMONS)

        by_key = {f.key: f.total.personnel for f in result.scenarios}

        # The public record has no US-backstop demand in the pledges' conditions, so the
        # big pledges come with a peace agreement whatever the US does.
        assert by_key["no_us_support"] == by_key["full_backstop"] == 13_800
        assert result.chosen.shortfall_personnel == 26_200

    def test_every_number_is_traceable_to_a_citation(self, demo_world: DemoWorld) -> None:
        result = public_assessment(demo_world, overrides=PEACE_AND_COMMONS)
        pledges = {p.id: p for p in result.pledges}

        named = set(figures_pledge_ids(result))

        assert "pl-307526e947" in named  # the UK's upper bound of 7,500
        for pledge_id in named:
            for source_id in pledges[pledge_id].source_ids:
                assert result.sources[source_id].kind is SourceKind.CITATION
                assert result.sources[source_id].locator

    def test_has_no_answer_summaries(self, demo_world: DemoWorld) -> None:
        assert public_assessment(demo_world).answers is None


@pytest.mark.parametrize(
    ("level_floor", "personnel"),
    [("reported", 13_800), ("stated", 0)],
    ids=["reported", "stated"],
)
def test_the_level_floor_leaves_out_reported_pledges(
    demo_world: DemoWorld, level_floor: str, personnel: int
) -> None:
    result = public_assessment(demo_world, level_floor=level_floor)

    assert result.chosen.total.personnel == personnel
