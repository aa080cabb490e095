"""Questionnaires: audience rules, structure checks and answer validation."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from forcegen.model.participant import Participant, ParticipantCode, ParticipantKind
from forcegen.model.questionnaire import (
    AnswerVocabulary,
    AudienceKind,
    AudienceRule,
    Field,
    FieldKind,
    FieldProblem,
    Option,
    Question,
    Questionnaire,
    validate_answers,
)

EU_MEMBERS = {"FRA", "DEU", "POL", "ESP", "NLD"}
NATO_MEMBERS = {"FRA", "DEU", "POL", "ESP", "NLD", "GBR", "NOR", "USA"}


def make_participant(code: str = "FRA") -> Participant:
    memberships = frozenset(
        org for org, members in (("EU", EU_MEMBERS), ("NATO", NATO_MEMBERS)) if code in members
    )
    kind = ParticipantKind.ORGANISATION if code in ("EU", "NATO") else ParticipantKind.STATE
    return Participant(code=ParticipantCode(code), name=code, kind=kind, memberships=memberships)


def reject_conditions_mentioning_typo(text: str) -> str | None:
    return "unknown driver 'us.air_covr'; did you mean 'us.air_cover'?" if "covr" in text else None


def make_vocabulary(
    check_condition: Callable[[str], str | None] = reject_conditions_mentioning_typo,
) -> AnswerVocabulary:
    return AnswerVocabulary(
        capabilities=frozenset({"land.combat", "land.training", "air.defence"}),
        caveats=frozenset({"no_contact_line", "training_only"}),
        us_enablers=frozenset({"us.air_cover", "us.isr"}),
        drivers=frozenset({"us.air_cover", "us.isr", "ceasefire"}),
        participants=frozenset({"FRA", "DEU", "GBR", "POL", "EU", "NATO"}),
        check_condition=check_condition,
    )


def options(*values: str) -> tuple[Option, ...]:
    return tuple(Option(value=value, label=value.title()) for value in values)


def make_questionnaire() -> Questionnaire:
    contributions = Field(
        key="contributions",
        label="Contributions",
        kind=FieldKind.REPEAT_GROUP,
        max_rows=3,
        fields=(
            Field(
                key="capability",
                label="Capability",
                kind=FieldKind.SELECT_ONE,
                options_from="capabilities",
                required=True,
            ),
            Field(key="personnel", label="Personnel", kind=FieldKind.INTEGER, min=0, max=200_000),
            Field(key="sustained", label="Sustained", kind=FieldKind.BOOLEAN, required=True),
            Field(
                key="caveats", label="Caveats", kind=FieldKind.SELECT_MANY, options_from="caveats"
            ),
            Field(key="condition", label="Condition", kind=FieldKind.CONDITION),
        ),
    )
    troops = Question(
        key="troops",
        number=1,
        title="Troops",
        text="Would you deploy?",
        fields=(
            Field(
                key="decision",
                label="Decision",
                kind=FieldKind.SELECT_ONE,
                options=options("yes", "no", "conditional"),
                required=True,
            ),
            contributions,
            Field(key="notes", label="Notes", kind=FieldKind.TEXT, max_length=20),
        ),
    )
    participants = Question(
        key="participants",
        number=2,
        title="Participants",
        text="Who else?",
        fields=(Field(key="countries", label="States", kind=FieldKind.COUNTRY_LIST),),
    )
    support = Question(
        key="support_for_ukraine",
        number=3,
        title="Support",
        text="What more?",
        fields=(Field(key="value_eur", label="Value", kind=FieldKind.MONEY_EUR, min=0),),
    )
    sanctions = Question(
        key="sanctions",
        number=4,
        title="Sanctions",
        text="Which measures?",
        audience=AudienceRule(kind=AudienceKind.MEMBERS_OF, organisation="EU"),
        fields=(
            Field(
                key="measures",
                label="Measures",
                kind=FieldKind.REPEAT_GROUP,
                unique_by="measure",
                fields=(
                    Field(
                        key="measure",
                        label="Measure",
                        kind=FieldKind.SELECT_ONE,
                        options=options("energy_phase_out", "shadow_fleet_listings"),
                        required=True,
                    ),
                    Field(key="support", label="Support", kind=FieldKind.BOOLEAN),
                ),
            ),
        ),
    )
    return Questionnaire(
        key="test", version=1, title="Test", questions=(troops, participants, support, sanctions)
    )


def problems_of(
    answers: Mapping[str, object], *, code: str = "FRA", require_complete: bool = False
) -> list[str]:
    found = validate_answers(
        make_questionnaire(),
        answers,
        participant=make_participant(code),
        vocabulary=make_vocabulary(),
        require_complete=require_complete,
    )
    return [str(problem) for problem in found]


COMPLETE: dict[str, dict[str, object]] = {
    "troops": {
        "decision": "conditional",
        "contributions": [
            {"capability": "land.combat", "personnel": 5000, "sustained": True},
            {
                "capability": "land.training",
                "personnel": 300,
                "sustained": False,
                "caveats": ["training_only"],
                "condition": "us.air_cover and ceasefire",
            },
        ],
        "notes": "",
    },
    "participants": {"countries": ["DEU", "POL"]},
    "support_for_ukraine": {"value_eur": 1_500_000.5},
    "sanctions": {"measures": [{"measure": "energy_phase_out", "support": True}]},
}


class TestAudience:
    @pytest.mark.parametrize(
        ("code", "is_asked"),
        [("GBR", False), ("NOR", False), ("USA", False), ("FRA", True), ("POL", True)],
        ids=["GBR", "NOR", "USA", "FRA", "POL"],
    )
    def test_sanctions_are_asked_of_eu_members_only(self, code: str, is_asked: bool) -> None:
        questionnaire = make_questionnaire()

        keys = [q.key for q in questionnaire.questions_for(make_participant(code))]

        assert ("sanctions" in keys) is is_asked

    def test_the_eu_itself_is_asked_the_eu_question_so_it_can_answer_jointly(self) -> None:
        keys = [q.key for q in make_questionnaire().questions_for(make_participant("EU"))]

        assert keys == ["troops", "participants", "support_for_ukraine", "sanctions"]

    def test_nato_the_organisation_is_not_in_the_eu_audience(self) -> None:
        rule = AudienceRule(kind=AudienceKind.MEMBERS_OF, organisation="EU")

        assert not rule.applies_to(make_participant("NATO"))

    def test_everyone_is_in_the_default_audience(self) -> None:
        assert all(AudienceRule().applies_to(make_participant(c)) for c in ("GBR", "EU", "USA"))

    def test_a_participants_audience_takes_codes_in_any_case(self) -> None:
        rule = AudienceRule(kind=AudienceKind.PARTICIPANTS, codes=frozenset({"fra", "deu"}))

        assert rule.codes == {"FRA", "DEU"}
        assert rule.applies_to(make_participant("DEU"))
        assert not rule.applies_to(make_participant("GBR"))

    def test_a_participants_audience_rejects_an_unknown_code(self) -> None:
        with pytest.raises(ValidationError, match="Unknown participant code 'FRX'"):
            AudienceRule(kind=AudienceKind.PARTICIPANTS, codes=frozenset({"FRX"}))

    def test_members_of_needs_a_known_organisation(self) -> None:
        with pytest.raises(
            ValidationError, match="needs 'organisation', one of EU, NATO; got 'UN'"
        ):
            AudienceRule(kind=AudienceKind.MEMBERS_OF, organisation="UN")

    def test_describe_names_the_audience(self) -> None:
        rule = AudienceRule(kind=AudienceKind.MEMBERS_OF, organisation="EU")

        assert rule.describe() == "EU members"


class TestStructure:
    def test_question_keys_must_be_unique(self) -> None:
        question = make_questionnaire().questions[0]

        with pytest.raises(ValidationError, match="question keys must be unique; repeated: troops"):
            Questionnaire(key="q", version=1, title="Q", questions=(question, question))

    @pytest.mark.parametrize(
        ("settings", "message"),
        [
            (
                {"kind": "select_one"},
                "a select_one field needs exactly one of 'options' (a list) or 'options_from'",
            ),
            (
                {"kind": "text", "options_from": "caveats"},
                "'options' only apply to select fields; remove them from text",
            ),
            ({"kind": "integer", "min": 10, "max": 1}, "'min' 10 is above 'max' 1; swap them"),
            (
                {"kind": "boolean", "max_length": 10},
                "'max_length' only applies to text; remove it from boolean",
            ),
            ({"kind": "repeat_group"}, "a repeat_group needs 'fields': the columns of one row"),
            (
                {
                    "kind": "repeat_group",
                    "unique_by": "rank",
                    "fields": [{"key": "rung", "label": "Rung", "kind": "text"}],
                },
                "'unique_by' 'rank' is not a field of the row; use one of rung",
            ),
            (
                {
                    "kind": "repeat_group",
                    "fields": [
                        {
                            "key": "rows",
                            "label": "R",
                            "kind": "repeat_group",
                            "fields": [{"key": "a", "label": "A", "kind": "text"}],
                        }
                    ],
                },
                "a repeat_group cannot contain another repeat_group",
            ),
        ],
        ids=[
            "select-without-options",
            "options-on-text",
            "min-above-max",
            "max-length-on-boolean",
            "group-without-fields",
            "unique-by-unknown",
            "nested-groups",
        ],
    )
    def test_field_settings_must_fit_the_kind(
        self, settings: dict[str, object], message: str
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            Field.model_validate({"key": "f", "label": "F", **settings})

        assert message in str(caught.value)

    def test_find_question_returns_none_for_an_unknown_key(self) -> None:
        assert make_questionnaire().find_question("nope") is None


class TestValidateAnswers:
    def test_a_complete_valid_answer_has_no_problems(self) -> None:
        assert problems_of(COMPLETE, require_complete=True) == []

    def test_an_unknown_question_is_named_with_the_closest_key(self) -> None:
        assert problems_of({"troop": {}}) == [
            "troop: 'troop' is not a question of 'test' version 1 (did you mean 'troops'?); "
            "use one of troops, participants, support_for_ukraine, sanctions"
        ]

    def test_gbr_cannot_answer_the_eu_only_question(self) -> None:
        answers = {"sanctions": {"measures": [{"measure": "energy_phase_out"}]}}

        assert problems_of(answers, code="GBR") == [
            "sanctions: question 'sanctions' is addressed to EU members only and GBR is not "
            "among them; remove this answer"
        ]

    def test_an_unknown_field_is_named_with_the_fields_of_its_question(self) -> None:
        assert problems_of({"troops": {"desicion": "yes"}}) == [
            "troops.desicion: 'desicion' is not a field of question 'troops' "
            "(did you mean 'decision'?); use one of decision, contributions, notes"
        ]

    def test_an_answer_that_is_not_a_mapping_is_rejected(self) -> None:
        assert problems_of({"troops": "yes"}) == [
            "troops: expected the answer to 'troops' as a mapping of field to value, got str; "
            "use {field: value, ...}"
        ]

    @pytest.mark.parametrize(
        ("answers", "expected"),
        [
            (
                {"troops": {"notes": 42}},
                "troops.notes: expected text, got number 42; enter the answer as text",
            ),
            (
                {"troops": {"notes": "x" * 21}},
                "troops.notes: is 21 characters long, above the limit of 20; shorten it",
            ),
            (
                {"troops": {"decision": "maybe"}},
                "troops.decision: 'maybe' is not an option here; use one of yes, no, conditional",
            ),
            (
                {"troops": {"decision": "Yes"}},
                "troops.decision: 'Yes' is not an option here (did you mean 'yes'?); "
                "use one of yes, no, conditional",
            ),
            (
                {"participants": {"countries": ["DEU", "fra"]}},
                "participants.countries[1]: 'fra' is not a known participant code (did you "
                "mean 'FRA'?); use an ISO 3166-1 alpha-3 country code such as 'FRA', or an "
                "organisation such as 'EU'",
            ),
            (
                {"participants": {"countries": "DEU"}},
                "participants.countries: expected a list of choices, got text 'DEU'",
            ),
            (
                {"participants": {"countries": ["DEU", "DEU"]}},
                "participants.countries[1]: 'DEU' is listed twice; keep it once",
            ),
            (
                {"support_for_ukraine": {"value_eur": "lots"}},
                "support_for_ukraine.value_eur: 'lots' is not an amount; write a number "
                "(7500 or 7,500), 'about 150', 'at least 5000', 'up to 7500', a range "
                "'5000-8000', or 'unknown'",
            ),
            (
                {"support_for_ukraine": {"value_eur": -1}},
                "support_for_ukraine.value_eur: -1 is below the minimum of 0; enter at least 0",
            ),
            (
                {"support_for_ukraine": {"value_eur": float("inf")}},
                "support_for_ukraine.value_eur: expected a finite number, got inf",
            ),
        ],
        ids=[
            "text-not-text",
            "text-too-long",
            "unknown-option",
            "option-wrong-case",
            "unknown-country",
            "country-list-not-a-list",
            "country-twice",
            "money-as-text",
            "money-negative",
            "money-infinite",
        ],
    )
    def test_a_bad_value_is_reported_with_its_path_and_fix(
        self, answers: dict[str, object], expected: str
    ) -> None:
        assert problems_of(answers) == [expected]

    @pytest.mark.parametrize(
        ("row", "expected"),
        [
            (
                {"personnel": 250_000},
                "troops.contributions[1].personnel: 250000 is above the maximum of 200000; "
                "enter at most 200000",
            ),
            (
                {"personnel": 12.5},
                "troops.contributions[1].personnel: expected a whole number, got 12.5; round it "
                "to a whole number",
            ),
            (
                {"personnel": True},
                "troops.contributions[1].personnel: expected a whole number, got true (yes/no); "
                "enter digits only, e.g. 1500",
            ),
            (
                {"sustained": "yes"},
                "troops.contributions[1].sustained: expected yes or no (true or false), "
                "got text 'yes'",
            ),
            (
                {"capability": "land.combt"},
                "troops.contributions[1].capability: 'land.combt' is not an option here (did you "
                "mean 'land.combat'?); use one of air.defence, land.combat, land.training",
            ),
            (
                {"caveats": ["no_contact_line", "daylight"]},
                "troops.contributions[1].caveats[1]: 'daylight' is not an option here; "
                "use one of no_contact_line, training_only",
            ),
            (
                {"condition": "us.air_covr"},
                "troops.contributions[1].condition: unknown driver 'us.air_covr'; did you mean "
                "'us.air_cover'?",
            ),
            (
                {"strength": 5},
                "troops.contributions[1].strength: 'strength' is not a column of "
                "'contributions'; use one of capability, personnel, sustained, caveats, condition",
            ),
        ],
        ids=[
            "above-max",
            "fraction",
            "boolean-as-number",
            "boolean-as-text",
            "unknown-capability",
            "unknown-caveat",
            "bad-condition",
            "unknown-column",
        ],
    )
    def test_a_bad_value_in_a_repeat_group_is_reported_with_its_row(
        self, row: dict[str, object], expected: str
    ) -> None:
        good = {"capability": "land.combat", "personnel": 100, "sustained": True}
        answers = {"troops": {"contributions": [good, {**good, **row}]}}

        assert problems_of(answers) == [expected]

    def test_a_repeated_unique_value_names_the_first_row(self) -> None:
        rows = [{"measure": "energy_phase_out"}, {"measure": "energy_phase_out"}]

        assert problems_of({"sanctions": {"measures": rows}}) == [
            "sanctions.measures[1].measure: 'energy_phase_out' already appears in "
            "sanctions.measures[0]; each measure may appear in one row only, so merge the two rows"
        ]

    def test_too_many_rows_are_rejected(self) -> None:
        row = {"capability": "land.combat", "sustained": True}

        assert problems_of({"troops": {"contributions": [row] * 4}}) == [
            "troops.contributions: has 4 rows, above the limit of 3; remove some"
        ]

    def test_a_row_that_is_not_a_mapping_is_rejected(self) -> None:
        assert problems_of({"troops": {"contributions": ["land.combat"]}}) == [
            "troops.contributions[0]: expected a row (a mapping of field to value), "
            "got text 'land.combat'"
        ]

    def test_an_empty_condition_is_not_sent_to_the_condition_check(self) -> None:
        seen: list[str] = []

        def record(text: str) -> str | None:
            seen.append(text)
            return None

        row = {"capability": "land.combat", "sustained": True, "condition": "  "}
        validate_answers(
            make_questionnaire(),
            {"troops": {"contributions": [row, {**row, "condition": "ceasefire"}]}},
            participant=make_participant(),
            vocabulary=make_vocabulary(record),
            require_complete=False,
        )

        assert seen == ["ceasefire"]


class TestDraftsAndCompleteAnswers:
    def test_a_draft_may_leave_required_fields_empty(self) -> None:
        answers = {"troops": {"contributions": [{"personnel": 100}]}}

        assert problems_of(answers, require_complete=False) == []

    def test_a_complete_answer_needs_every_required_field(self) -> None:
        answers = {"troops": {"contributions": [{"personnel": 100}]}}

        assert problems_of(answers, require_complete=True) == [
            "troops.decision: an answer is required; choose one of yes, no, conditional",
            "troops.contributions[0].capability: an answer is required; choose one of "
            "air.defence, land.combat, land.training",
            "troops.contributions[0].sustained: an answer is required; fill in this field",
        ]

    def test_unanswered_questions_outside_the_audience_are_not_required(self) -> None:
        answers = {k: v for k, v in COMPLETE.items() if k != "sanctions"}

        assert problems_of(answers, code="GBR", require_complete=True) == []

    def test_a_draft_still_reports_wrong_values(self) -> None:
        assert problems_of({"troops": {"decision": 3}}, require_complete=False) == [
            "troops.decision: expected one choice as text, got number 3"
        ]

    def test_blank_text_counts_as_unanswered(self) -> None:
        answers = {**COMPLETE, "troops": {**COMPLETE["troops"], "decision": "   "}}

        assert problems_of(answers, require_complete=True) == [
            "troops.decision: an answer is required; choose one of yes, no, conditional"
        ]

    def test_a_problem_prints_as_path_and_message(self) -> None:
        assert str(FieldProblem(path="troops.decision", message="missing")) == (
            "troops.decision: missing"
        )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 300_000) | st.sampled_from(["", "x", "yes"]),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.sampled_from("abc"), inner),
    max_leaves=4,
)
contribution_rows = st.fixed_dictionaries(
    {},
    optional={
        "capability": st.sampled_from(["land.combat", "land.combt", ""]) | json_values,
        "personnel": json_values,
        "sustained": st.booleans() | json_values,
        "condition": st.sampled_from(["", "ceasefire", "us.air_covr"]),
    },
)
troop_answers = st.fixed_dictionaries(
    {},
    optional={
        "decision": st.sampled_from(["yes", "maybe", ""]) | json_values,
        "contributions": st.lists(contribution_rows, max_size=4) | json_values,
    },
)


@given(troops=troop_answers, code=st.sampled_from(["FRA", "GBR", "EU"]))
def test_a_draft_reports_exactly_the_complete_problems_except_missing_answers(
    troops: dict[str, object], code: str
) -> None:
    draft = set(problems_of({"troops": troops}, code=code, require_complete=False))
    complete = set(problems_of({"troops": troops}, code=code, require_complete=True))

    assert draft <= complete
    assert all("an answer is required" in problem for problem in complete - draft)
