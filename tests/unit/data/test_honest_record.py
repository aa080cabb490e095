"""Issue 9, the record half: the shipped public dataset and the named scenarios read the
public record faithfully (findings 1, 3, 5, 6, 8 and 11, and the coalition's own figures)."""

from __future__ import annotations

import pytest

from forcegen.catalog import Catalog, load_catalog
from forcegen.catalog.public_dataset import PublicDataset, load_public_dataset
from forcegen.conditions import drivers_of, evaluate, parse, thresholds_of
from forcegen.model.amount import Stated
from forcegen.model.pledge import Pledge, PledgeKind

SEED_003 = "src-c24283e86a"
AUGUST_OFFER = {"us.isr": True, "us.logistics": True, "us.air_defence": True}


@pytest.fixture(scope="module")
def dataset() -> PublicDataset:
    return load_public_dataset()


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def troops_of(dataset: PublicDataset, contributor: str) -> Pledge:
    (pledge,) = (
        p for p in dataset.pledges if p.contributor == contributor and p.kind is PledgeKind.TROOPS
    )
    return pledge


class TestBoundsAndHearsay:
    def test_fewer_than_7500_british_troops_is_an_upper_bound(self, dataset: PublicDataset) -> None:
        uk = troops_of(dataset, "GBR").personnel

        assert (uk.stated, uk.low, uk.high) == (Stated.UP_TO, None, 7500)

    def test_an_opposition_leaders_6000_is_no_firm_point(self, dataset: PublicDataset) -> None:
        france = troops_of(dataset, "FRA")

        assert (france.personnel.low, france.personnel.central) == (0, 6000)
        assert "Hearsay" in france.note
        assert "not confirmed" in france.note

    def test_a_lead_time_of_9_to_12_months_is_not_month_0(self, dataset: PublicDataset) -> None:
        start = troops_of(dataset, "CHE").start_month

        assert (start.low, start.high) == (9, 12)


class TestUsBacking:
    @pytest.mark.parametrize("contributor", ["FRA", "GBR"])
    def test_france_and_the_uk_go_with_the_august_offer_but_not_without_the_us(
        self, dataset: PublicDataset, contributor: str
    ) -> None:
        """Findings 1 and 11: the tracker's "US backstop required" is in the pledge's
        condition, and seed 003's "ready alongside the limited US offer" too."""
        pledge = troops_of(dataset, contributor)
        settled = {"peace_agreement": True, "parliament.GBR": True}
        condition = parse(pledge.condition)

        def holds(drivers: dict[str, bool]) -> bool:
            return evaluate(condition, drivers=drivers, troops={}, contributors={})

        assert SEED_003 in pledge.source_ids
        assert not holds(settled)
        assert holds({**settled, **AUGUST_OFFER})
        assert holds({**settled, "us.backstop": True})


class TestUnknownIsNotZero:
    def test_estonias_ship_has_an_unknown_crew_and_waits_for_the_ceasefire_like_its_company(
        self, dataset: PublicDataset
    ) -> None:
        ship = next(p for p in dataset.pledges if p.kind is PledgeKind.ENABLER)
        company = troops_of(dataset, "EST")

        assert ship.contributor == "EST"
        assert not ship.personnel.is_quantified
        assert "ceasefire" in drivers_of(parse(ship.condition))
        assert "ceasefire" in drivers_of(parse(company.condition))


class TestReciprocity:
    @pytest.mark.parametrize(
        ("contributor", "tested"),
        [("BEL", {"GBR", "FRA"}), ("LTU", {"land.combat"}), ("TUR", {"land.combat"})],
    )
    def test_conditions_on_others_commitments_are_recorded(
        self, dataset: PublicDataset, contributor: str, tested: set[str]
    ) -> None:
        """Finding 5: Belgium "with the UK and France", Lithuania "if all coalition members
        commit", Türkiye "once each country's share is defined"."""
        condition = parse(troops_of(dataset, contributor).condition)

        assert {threshold.argument for threshold in thresholds_of(condition)} == tested


class TestSources:
    def test_nearly_every_source_has_its_publication_date(self, dataset: PublicDataset) -> None:
        undated = [s for s in dataset.sources if s.published is None]

        assert len(undated) <= len(dataset.sources) // 10


class TestScenarios:
    def test_the_august_offer_leaves_the_backstop_unset_as_its_sources_do(
        self, catalog: Catalog
    ) -> None:
        """Finding 1: the scenario does not set the backstop to false."""
        scenario = catalog.scenario("us_offer_aug_2025")

        assert "us.backstop" not in scenario.drivers
        assert scenario.unset == ("us.backstop",)
        assert SEED_003 in scenario.settings["us.backstop"].sources

    def test_every_driver_is_set_or_explained_in_every_scenario(self, catalog: Catalog) -> None:
        for scenario in catalog.scenarios.values():
            assert set(catalog.drivers) <= {*scenario.drivers, *scenario.settings}, scenario.key

    def test_a_named_scenario_sets_a_un_mandate_and_russias_consent(self, catalog: Catalog) -> None:
        """Finding 6: Switzerland's 200 are not excluded everywhere silently."""
        assert any(
            s.value("un_mandate") and s.value("russia_consent") for s in catalog.scenarios.values()
        )

    def test_every_cited_source_and_position_is_in_the_record(
        self, catalog: Catalog, dataset: PublicDataset
    ) -> None:
        sources = {s.id for s in dataset.sources}
        positions = {p.id for p in dataset.positions}
        for scenario in catalog.scenarios.values():
            for setting in scenario.settings.values():
                assert set(setting.sources) <= sources
                assert set(setting.positions) <= positions

    def test_the_us_drivers_cite_sources_in_the_august_offer(self, catalog: Catalog) -> None:
        scenario = catalog.scenario("us_offer_aug_2025")

        for driver in catalog.drivers:
            if driver.startswith("us."):
                assert scenario.settings[driver].sources, driver


class TestCoalitionFigures:
    def test_the_coalitions_own_planning_range_is_a_profile(
        self, catalog: Catalog, dataset: PublicDataset
    ) -> None:
        """Finding 2: about 15,000-30,000, beside Kyiv's 40-50k and the 100k high end."""
        low, high = catalog.requirement("coalition_15k"), catalog.requirement("coalition_30k")
        euractiv = next(p for p in dataset.positions if p.id == "pos-8ffcd00e1b")

        assert (low.total_personnel, high.total_personnel) == (15000, 30000)
        assert (euractiv.quantity_low, euractiv.quantity_high) == (15000, 30000)
        assert euractiv.source_id in low.source_ids

    def test_the_26_countries_of_september_2025_are_named_with_their_source(
        self, catalog: Catalog, dataset: PublicDataset
    ) -> None:
        position = next(p for p in dataset.positions if p.id == "pos-e24181c360")

        assert "26" in position.summary
        assert "26 countries" in catalog.requirement("coalition_15k").note
        assert position.source_id in catalog.requirement("coalition_15k").note
