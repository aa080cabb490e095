"""Issue 9, the engine's findings on the demo data: a bound is never a point (3), unknown is
never zero (2, 8), one fair-share basis for rounds and the record (7), honest precision and
active funding pledges (10)."""

from __future__ import annotations

import json

from assessment_world import DemoWorld

from forcegen.analysis.assessment import Origin
from forcegen.catalog import Catalog
from forcegen.model.amount import parse_count
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
        self, demo_world: DemoWorld, catalog: Catalog
    ) -> None:
        selection = assessing.select(catalog, overrides=PEACE_AND_COMMONS)

        result = assessing.assess(
            pledge_set=with_uk_stated_as(demo_world, "up to 7,500"),
            selection=selection,
            catalog=catalog,
        )

        force = result.chosen.total.personnel
        assert (force.low, force.central, force.high) == (6300, None, 13800)
        assert "the active force is 6,300–13,800 of the 40,000" in result.summary[0]
        assert result.gap.text == "26,200–33,700"

    def test_the_json_names_the_ends_of_the_force(
        self, demo_world: DemoWorld, catalog: Catalog
    ) -> None:
        selection = assessing.select(catalog, overrides=PEACE_AND_COMMONS)
        result = assessing.assess(
            pledge_set=with_uk_stated_as(demo_world, "up to 7,500"),
            selection=selection,
            catalog=catalog,
        )

        document = json.loads(assessment_json(assessment_tables(result), headline=headline(result)))

        assert document["force"] == {
            "low": 6300,
            "central": None,
            "high": 13800,
            "text": "6,300–13,800",
        }
        scenarios = document["tables"]["scenarios"]["rows"]
        selected = next(row for row in scenarios if row["scenario"] == "selected")
        assert (selected["personnel"], selected["personnel_low"]) == ("6,300–13,800", 6300)


class TestUnknownIsNeverZero:
    def test_a_ship_without_a_reported_crew_is_unquantified_personnel(
        self, demo_world: DemoWorld
    ) -> None:
        result = round_assessment(demo_world)

        ship = next(p for p in result.pledges if p.contributor == "EST" and p.kind == "enabler")

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
    def test_three_hundred_of_forty_thousand_is_not_one_percent(
        self, demo_world: DemoWorld
    ) -> None:
        result = round_assessment(demo_world)

        assert "(0.75%)" in result.summary[0]

    def test_an_unconditional_funding_pledge_is_active(self, demo_world: DemoWorld) -> None:
        result = public_assessment(demo_world)

        rows = assessment_tables(result)[-2].records()
        funding = [row for row in rows if row["kind"] == "funding"]

        assert funding
        assert all(row["is_active"] is True for row in funding if not row["condition"])
