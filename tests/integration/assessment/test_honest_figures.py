"""Issue 9, the engine's findings on the demo data: a bound is never a point (3), unknown is
never zero (2, 8), one fair-share basis for rounds and the record (7), honest precision and
active funding pledges (10)."""

from __future__ import annotations

import json

from assessment_world import DemoWorld

from forcegen.analysis.assessment import Origin
from forcegen.catalog import Catalog
from forcegen.model.amount_parse import parse_count
from forcegen.reports import assessment_json, assessment_tables, headline
from forcegen.service.assessment import assessing
from forcegen.service.assessment.assessing import Assessment
from forcegen.service.assessment.pledge_set import PledgeSet, pledge_set_for_public

PEACE_AND_COMMONS = {"peace_agreement": True, "parliament.GBR": True, "us.backstop": True}


def round_assessment(world: DemoWorld, **options: object) -> Assessment:
    selection = assessing.select(world.catalog, **options)  # type: ignore[arg-type]
    return assessing.run_assessment(
        uow=world.uow(), catalog=world.catalog, selection=selection, round_id=world.round_id
    )


def public_assessment(world: DemoWorld, **options: object) -> Assessment:
    selection = assessing.select(world.catalog, **options)  # type: ignore[arg-type]
    return assessing.run_assessment(uow=world.uow(), catalog=world.catalog, selection=selection)


def with_uk_stated_as(world: DemoWorld, statement: str) -> PledgeSet:
    """The public record with the UK's pledge stated as `statement`."""
    record = pledge_set_for_public(uow=world.uow())
    pledges = tuple(
        p.model_copy(update={"personnel": parse_count(statement)}) if p.contributor == "GBR" else p
        for p in record.pledges
    )
    return PledgeSet(origin=Origin.PUBLIC, title=record.title, pledges=pledges, sources={})


class TestABoundIsNeverAPoint:
    def test_fewer_than_7500_british_troops_make_a_range_not_7500(
        self, demo_world: DemoWorld
    ) -> None:
        """Finding 3: the UK's "fewer than 7,500" counts 0 at the low end, and France's
        hearsay 6,000 is nothing confirmed there either."""
        result = public_assessment(demo_world, overrides=PEACE_AND_COMMONS)

        force = result.chosen.total.personnel
        assert (force.low, force.central, force.high) == (50, None, 13900)
        assert "the active force is 50–13,900 of the 40,000" in result.summary[0]
        assert result.gap.text == "26,100–39,950"

    def test_a_bound_stated_differently_changes_the_range(
        self, demo_world: DemoWorld, catalog: Catalog
    ) -> None:
        selection = assessing.select(catalog, overrides=PEACE_AND_COMMONS)

        result = assessing.assess(
            pledge_set=with_uk_stated_as(demo_world, "5,000-7,500"),
            selection=selection,
            catalog=catalog,
        )

        assert result.chosen.total.personnel.text == "5,050–13,900"

    def test_the_json_names_the_ends_of_the_force(self, demo_world: DemoWorld) -> None:
        result = public_assessment(demo_world, overrides=PEACE_AND_COMMONS)

        document = json.loads(assessment_json(assessment_tables(result), headline=headline(result)))

        assert document["force"] == {
            "low": 50,
            "central": None,
            "high": 13900,
            "text": "50–13,900",
        }
        scenarios = document["tables"]["scenarios"]["rows"]
        selected = next(row for row in scenarios if row["scenario"] == "selected")
        assert (selected["personnel"], selected["personnel_low"]) == ("50–13,900", 50)

    def test_the_json_says_which_driver_a_scenario_leaves_unset(
        self, demo_world: DemoWorld
    ) -> None:
        result = public_assessment(demo_world)

        document = json.loads(assessment_json(assessment_tables(result), headline=headline(result)))

        august = document["scenarios"]["us_offer_aug_2025"]["drivers"]
        assert august["us.backstop"]["value"] is None
        assert august["us.isr"] == {"value": True, "sources": ["src-c24283e86a"]}


class TestUnknownIsNeverZero:
    def test_a_ship_without_a_reported_crew_is_unquantified_personnel(
        self, demo_world: DemoWorld
    ) -> None:
        result = round_assessment(demo_world)

        ship = next(p for p in result.pledges if p.contributor == "EST" and p.kind == "enabler")

        assert ship.capability == "maritime.mcm"
        assert not ship.personnel.is_quantified
        assert ("EST", ship.id) in result.unquantified
        assert "state no number" in " ".join(result.summary) or "states no number" in " ".join(
            result.summary
        )

    def test_the_json_lists_the_unquantified_pledges(self, demo_world: DemoWorld) -> None:
        result = round_assessment(demo_world)

        document = json.loads(assessment_json(assessment_tables(result), headline=headline(result)))

        ship = next(p for p in result.pledges if p.contributor == "EST" and p.kind == "enabler")
        assert {"contributor": "EST", "pledge_id": ship.id} in document["unquantified"]


class TestOneFairShareBasis:
    def test_rounds_and_the_record_share_the_requirement_the_same_way(
        self, demo_world: DemoWorld
    ) -> None:
        in_round = round_assessment(demo_world, overrides=PEACE_AND_COMMONS)
        in_public = public_assessment(demo_world, overrides=PEACE_AND_COMMONS)

        for result in (in_round, in_public):
            force = {p.contributor for p in result.pledges if p.kind in ("troops", "enabler")}
            shares = {r.contributor: r.fair_share_personnel for r in result.burden.contributors}

            # The same definition in both: every government with a force pledge, whether
            # active or not (not all 34 respondents in one and the active few in the other).
            assert result.burden.fair_share_basis.value == "willing"
            assert set(result.burden.basis) == force
            assert (shares["EST"] or 0) < 1000  # not 13,478 against an army of 7,100

    def test_every_output_names_the_basis(self, demo_world: DemoWorld) -> None:
        result = public_assessment(demo_world, fair_share="eu_nato")

        document = json.loads(assessment_json(assessment_tables(result), headline=headline(result)))

        assert document["fair_share_basis"] == "eu_nato"
        assert "EU and NATO members" in document["tables"]["burden"]["description"]
        assert {"DEU", "POL", "USA"} <= set(result.burden.basis)


class TestHonestPrecision:
    def test_fifty_of_forty_thousand_is_not_zero_percent(self, demo_world: DemoWorld) -> None:
        result = round_assessment(demo_world)

        assert "(0.12–35%)" in result.summary[0]

    def test_an_unconditional_funding_pledge_is_active(self, demo_world: DemoWorld) -> None:
        result = public_assessment(demo_world)

        rows = assessment_tables(result)[-2].records()
        funding = [row for row in rows if row["kind"] == "funding"]

        assert funding
        assert all(row["is_active"] is True for row in funding if not row["condition"])
