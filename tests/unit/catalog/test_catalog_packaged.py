"""The packaged catalog: it loads, and its data says what the seeds and reference files say."""

from __future__ import annotations

import pycountry
import pytest

from forcegen.catalog import Catalog, load_catalog
from forcegen.model.capability import DriverGroup
from forcegen.model.errors import NotFoundError, UnknownParticipantError
from forcegen.model.participant import ParticipantKind
from forcegen.model.questionnaire import FieldKind, Option, validate_answers

DEFAULT_KEYS = (
    "us_support",
    "participants",
    "troops",
    "if_attacked",
    "support_for_ukraine",
    "sanctions",
)
US_ENABLERS = (
    "us.air_cover",
    "us.air_defence",
    "us.isr",
    "us.logistics",
    "us.c2",
    "us.backstop",
    "us.ground_troops",
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


class TestDefaultQuestionnaire:
    def test_it_has_the_six_questions_in_order(self, catalog: Catalog) -> None:
        questionnaire = catalog.questionnaire()

        assert questionnaire.question_keys == DEFAULT_KEYS
        assert [q.number for q in questionnaire.questions] == [1, 2, 3, 4, 5, 6]

    @pytest.mark.parametrize(
        ("code", "is_asked"),
        [
            ("GBR", False),
            ("NOR", False),
            ("USA", False),
            ("FRA", True),
            ("DEU", True),
            ("EU", True),
        ],
        ids=["GBR", "NOR", "USA", "FRA", "DEU", "EU"],
    )
    def test_only_eu_members_and_the_eu_are_asked_about_sanctions(
        self, catalog: Catalog, code: str, is_asked: bool
    ) -> None:
        asked = catalog.questionnaire().questions_for(catalog.participant(code))

        assert ("sanctions" in [q.key for q in asked]) is is_asked
        assert len(asked) == (6 if is_asked else 5)

    def test_us_support_rows_choose_among_the_us_enablers(self, catalog: Catalog) -> None:
        enablers = catalog.questionnaire().find_question("us_support")
        assert enablers is not None
        group = enablers.fields[0]

        assert group.kind is FieldKind.REPEAT_GROUP
        assert [o.value for o in catalog.options_for(group.fields[0])] == list(US_ENABLERS)

    @pytest.mark.parametrize(
        ("question", "group", "unique_by", "values"),
        [
            (
                "if_attacked",
                "rungs",
                "rung",
                [
                    "consult",
                    "sanctions",
                    "arms_surge",
                    "isr_support",
                    "air_support",
                    "reinforce",
                    "collective_defence",
                ],
            ),
            (
                "sanctions",
                "measures",
                "measure",
                [
                    "shadow_fleet_listings",
                    "energy_phase_out",
                    "anti_circumvention",
                    "third_country_enablers",
                    "immobilised_assets",
                    "enforcement_resources",
                ],
            ),
        ],
        ids=["response-ladder", "sanctions-measures"],
    )
    def test_ladder_and_measures_allow_one_row_per_choice(
        self, catalog: Catalog, question: str, group: str, unique_by: str, values: list[str]
    ) -> None:
        found = catalog.questionnaire().find_question(question)
        assert found is not None
        field = found.find_field(group)
        assert field is not None

        assert field.unique_by == unique_by
        assert [o.value for o in field.fields[0].options] == values

    def test_a_realistic_complete_answer_is_valid(self, catalog: Catalog) -> None:
        answers = {
            "us_support": {
                "enablers": [
                    {"enabler": "us.air_cover", "term": "both", "necessity": "precondition"}
                ]
            },
            "participants": {"countries": ["DEU", "CAN"]},
            "troops": {
                "decision": "conditional",
                "contributions": [
                    {
                        "capability": "land.combat",
                        "personnel": 5000,
                        "sustained": True,
                        "caveats": ["western_ukraine_only"],
                        "condition": "us.air_cover and ceasefire",
                    }
                ],
            },
            "if_attacked": {
                "rungs": [{"rung": "consult", "supports": True, "would_take_part": True}]
            },
            "support_for_ukraine": {
                "items": [{"category": "drones", "item": "Reconnaissance drones", "quantity": 100}]
            },
            "sanctions": {"measures": [{"measure": "energy_phase_out", "stance": "support"}]},
        }

        problems = validate_answers(
            catalog.questionnaire(),
            answers,
            participant=catalog.participant("FRA"),
            vocabulary=catalog.answer_vocabulary(),
            require_complete=True,
        )

        assert problems == []

    def test_conditions_are_checked_with_the_condition_language(self, catalog: Catalog) -> None:
        answers = {
            "troops": {"contributions": [{"capability": "land.combat", "condition": "us.air_covr"}]}
        }

        problems = validate_answers(
            catalog.questionnaire(),
            answers,
            participant=catalog.participant("FRA"),
            vocabulary=catalog.answer_vocabulary(),
            require_complete=False,
        )

        assert [p.path for p in problems] == ["troops.contributions[0].condition"]
        assert "'us.air_cover'" in problems[0].message


class TestVocabularies:
    def test_the_taxonomy_has_the_design_capabilities(self, catalog: Catalog) -> None:
        expected = {
            "land.combat",
            "land.training",
            "land.engineering",
            "air.policing",
            "air.defence",
            "isr",
            "logistics",
            "medical",
            "c2",
            "maritime.mcm",
            "maritime.security",
        }

        assert expected <= set(catalog.capabilities)

    def test_the_caveats_include_the_design_ones(self, catalog: Catalog) -> None:
        expected = {"no_contact_line", "training_only", "western_ukraine_only", "no_combat"}

        assert expected <= set(catalog.caveats)

    def test_the_us_enablers_are_the_us_drivers(self, catalog: Catalog) -> None:
        assert tuple(d.key for d in catalog.us_enablers) == US_ENABLERS

    @pytest.mark.parametrize(
        ("key", "group"),
        [
            ("ceasefire", DriverGroup.POLITICAL),
            ("peace_agreement", DriverGroup.POLITICAL),
            ("un_mandate", DriverGroup.POLITICAL),
            ("russia_consent", DriverGroup.POLITICAL),
            ("parliament.DEU", DriverGroup.PARLIAMENT),
            ("parliament.GBR", DriverGroup.PARLIAMENT),
        ],
        ids=lambda value: str(value),
    )
    def test_political_and_parliament_drivers_exist(
        self, catalog: Catalog, key: str, group: DriverGroup
    ) -> None:
        assert catalog.drivers[key].group is group
        assert catalog.drivers[key].description

    def test_options_for_a_static_select_are_its_own(self, catalog: Catalog) -> None:
        troops = catalog.questionnaire().find_question("troops")
        assert troops is not None
        decision = troops.fields[0]

        assert catalog.options_for(decision)[0] == Option(value="yes", label="Yes")

    def test_the_catalog_is_read_only(self, catalog: Catalog) -> None:
        with pytest.raises(TypeError):
            catalog.capabilities["x"] = catalog.capabilities["isr"]  # type: ignore[index]


class TestRequirementsAndScenarios:
    @pytest.mark.parametrize(
        ("key", "total"),
        [("kyiv_40k", 40_000), ("kyiv_50k", 50_000), ("high_100k", 100_000)],
        ids=["kyiv_40k", "kyiv_50k", "high_100k"],
    )
    def test_each_profile_splits_its_total_into_planning_assumptions(
        self, catalog: Catalog, key: str, total: int
    ) -> None:
        requirement = catalog.requirement(key)

        assert requirement.total_personnel == total
        assert sum(line.personnel for line in requirement.lines) == total
        assert all(line.is_planning_assumption for line in requirement.lines)
        assert requirement.source_ids == ("seed:004_7de40e1cfbd345eb.txt",)
        assert (requirement.rotation_ratio, requirement.duration_months) == (3, 24)
        assert "planning assumption" in requirement.note

    def test_combat_lines_exclude_contact_line_training_and_outside_caveats(
        self, catalog: Catalog
    ) -> None:
        combat = [
            line
            for line in catalog.requirement("kyiv_40k").lines
            if line.capability == "land.combat"
        ]

        assert [line.excluded_caveats for line in combat] == [
            frozenset({"no_contact_line", "training_only", "outside_ukraine_only"})
        ]

    def test_the_august_2025_offer_has_air_isr_logistics_and_air_defence_only(
        self, catalog: Catalog
    ) -> None:
        scenario = catalog.scenario("us_offer_aug_2025")

        assert {d for d in US_ENABLERS if scenario.value(d)} == {
            "us.air_cover",
            "us.isr",
            "us.logistics",
            "us.air_defence",
        }
        assert scenario.value("ceasefire")
        assert "seed:002_b3b555d9d92b6347.txt" in scenario.source
        assert "seed:003_9090c35cc40e081f.txt" in scenario.source

    def test_no_us_support_sets_every_us_driver_false(self, catalog: Catalog) -> None:
        scenario = catalog.scenario("no_us_support")

        assert not any(scenario.value(d) for d in US_ENABLERS)
        assert scenario.value("ceasefire")

    def test_full_backstop_sets_every_us_driver_but_ground_troops(self, catalog: Catalog) -> None:
        scenario = catalog.scenario("full_backstop")

        assert {d for d in US_ENABLERS if not scenario.value(d)} == {"us.ground_troops"}

    def test_an_unknown_profile_lists_the_known_ones(self, catalog: Catalog) -> None:
        with pytest.raises(NotFoundError) as caught:
            catalog.requirement("kyiv_45k")

        assert caught.value.message == (
            "No requirement profile with key 'kyiv_45k'; use one of kyiv_40k, kyiv_50k, "
            "high_100k, coalition_15k, coalition_30k."
        )


class TestParticipants:
    def test_every_iso_state_and_both_organisations_are_participants(
        self, catalog: Catalog
    ) -> None:
        codes = {country.alpha_3 for country in pycountry.countries}

        assert set(catalog.participants) == codes | {"EU", "NATO"}
        assert catalog.participants["EU"].kind is ParticipantKind.ORGANISATION

    def test_memberships_come_from_the_reference_columns(self, catalog: Catalog) -> None:
        members = {
            org: {p.code for p in catalog.participants.values() if p.is_member_of(org)}
            for org in ("EU", "NATO")
        }

        assert (len(members["EU"]), len(members["NATO"])) == (27, 32)
        assert ("GBR" in members["EU"], "GBR" in members["NATO"]) == (False, True)
        assert ("AUT" in members["EU"], "AUT" in members["NATO"]) == (True, False)

    @pytest.mark.parametrize(
        ("code", "column", "value"),
        [
            ("DEU", "gdp_usd_bn", 4684.182),
            ("DEU", "population_m", 83.517),
            ("FRA", "active_military_k", 202.0),
            ("POL", "defence_pct_gdp", 3.79),
            ("USA", "defence_spending_usd_bn", 997.309),
            ("IRL", "active_military_k", 7.497),
            ("ISL", "active_military_k", 0.0),
            ("ISL", "defence_spending_usd_bn", None),
        ],
        ids=lambda value: str(value),
    )
    def test_figures_equal_the_reference_file(
        self, catalog: Catalog, code: str, column: str, value: float | None
    ) -> None:
        figures = catalog.participants[code].figures
        assert figures is not None

        assert getattr(figures, column) == value
        assert figures.year == 2024

    def test_each_figure_keeps_its_source(self, catalog: Catalog) -> None:
        figures = catalog.participants["IRL"].figures
        assert figures is not None

        assert figures.sources["active_military_k"] == (
            "Irish Dept of Defence, Dail PQ 19 Mar 2025 (PDF strength 31 Jan 2025)"
        )
        assert figures.sources["gdp_usd_bn"].startswith("IMF WEO Oct 2025")

    def test_states_outside_the_reference_file_have_no_figures(self, catalog: Catalog) -> None:
        brazil = catalog.participant("bra")

        assert (brazil.name, brazil.figures, brazil.memberships) == ("Brazil", None, frozenset())

    def test_the_reference_name_is_kept(self, catalog: Catalog) -> None:
        assert catalog.participant("TUR").name == "Türkiye"

    def test_an_unknown_code_suggests_the_closest(self, catalog: Catalog) -> None:
        with pytest.raises(UnknownParticipantError, match="Did you mean 'DEU'"):
            catalog.participant("Germny")
