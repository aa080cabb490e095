"""Issue 9, the demo derivation: the illustrative round reads the public record faithfully
(findings 2, 4 and 9), and the round and the record tell the same story (Done-when 2)."""

from __future__ import annotations

from assessment_world import DemoWorld

from forcegen.service.assessment import assessing
from forcegen.service.assessment.assessing import Assessment


def round_assessment(world: DemoWorld, **options: object) -> Assessment:
    selection = assessing.select(world.catalog, **options)  # type: ignore[arg-type]
    return assessing.run_assessment(
        uow=world.uow(), catalog=world.catalog, selection=selection, round_id=world.round_id
    )


def public_assessment(world: DemoWorld, **options: object) -> Assessment:
    selection = assessing.select(world.catalog, **options)  # type: ignore[arg-type]
    return assessing.run_assessment(uow=world.uow(), catalog=world.catalog, selection=selection)


class TestUsSupportAsReported:
    def test_only_governments_that_would_send_troops_ask_for_us_support(
        self, demo_world: DemoWorld
    ) -> None:
        """Finding 9: Greece and Romania send no troops; their "important" and "crucial"
        are not preconditions of a participation they do not offer."""
        result = round_assessment(demo_world)
        assert result.answers is not None

        (backstop,) = result.answers.enabler_demand
        askers = set(backstop.precondition) | set(backstop.desirable)

        assert backstop.enabler == "us.backstop"
        assert not {"GRC", "ROU"} & askers
        assert askers <= {p.contributor for p in result.pledges if p.kind == "troops"}

    def test_a_precondition_only_where_a_report_says_so_and_no_invented_term(
        self, demo_world: DemoWorld
    ) -> None:
        result = round_assessment(demo_world)
        assert result.answers is not None

        (backstop,) = result.answers.enabler_demand

        # Belgium "must", Germany "among Merz's conditions", France and the UK "unwilling
        # ... without": each a condition in its report
        assert {"BEL", "DEU", "FRA", "GBR"} <= set(backstop.precondition)
        assert backstop.short_term == backstop.long_term == ()


class TestNothingMissingIsAFinding:
    def test_the_summary_says_which_yes_answers_add_no_number(self, demo_world: DemoWorld) -> None:
        """Finding 2: governments that would take part without a number are named."""
        result = round_assessment(demo_world)

        unquantified = {contributor for contributor, _ in result.unquantified}
        text = " ".join(result.summary)

        assert {"BEL", "DNK", "ESP", "LVA", "NOR", "NZL", "SVN", "TUR"} <= unquantified
        assert f"{len(result.unquantified)} active pledges state no number" in text
        assert "never as zero" in text

    def test_no_answer_to_question_4_is_not_answered_not_none(self, demo_world: DemoWorld) -> None:
        """Finding 4: nobody answered question 4, so there is no highest rung to report."""
        result = round_assessment(demo_world)
        assert result.answers is not None

        assert "not answered" in result.answers.ladder.highest_text
        assert "none" not in result.answers.ladder.highest_text

    def test_question_5_shows_the_funding_the_record_holds(self, demo_world: DemoWorld) -> None:
        """Finding 4: Greece's PURL money is in the round; the EU's EUR 90bn is in the public
        record, where the EU (which takes no troop decision) has its pledge."""
        in_round = round_assessment(demo_world)
        in_public = public_assessment(demo_world)
        assert in_round.answers is not None

        funding = {p.contributor: p for p in in_public.pledges if p.kind == "funding"}

        assert in_round.answers.support.value_eur_by_participant == {"GRC": 20e6}
        (funding_total,) = in_round.answers.support.by_category
        assert funding_total.quantity is None  # money has no count of items, not zero items
        assert funding["EU"].value_eur == 90e9


class TestOneStory:
    def test_the_round_and_the_record_show_the_same_force(self, demo_world: DemoWorld) -> None:
        """Done-when 2: the demo's headline agrees with `--public` on the same sources."""
        in_round = round_assessment(demo_world)
        in_public = public_assessment(demo_world)

        assert in_round.chosen.total.personnel == in_public.chosen.total.personnel
        assert in_round.summary[0].split(":")[0] == in_public.summary[0].split(":")[0]
