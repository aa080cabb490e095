"""The answers that are not force, as the exports and the dashboard show them: the response
ladder and sanctions unanimity, with the response versions behind each row."""

from __future__ import annotations

import pytest

from forcegen.answers.summary import AnswerSet
from forcegen.catalog import Catalog, load_catalog
from forcegen.reports import assessment_tables, dashboard_charts
from forcegen.service.assessment import assessing
from forcegen.service.assessment.assessing import Assessment, Origin, PledgeSet

FRA = "response:r-FRA/v1"
HUN = "response:r-HUN/v2"


def answers(stance: str, *, takes_part: bool) -> dict[str, object]:
    return {
        "troops": {"decision": "no"},
        "if_attacked": {
            "rungs": [
                {"rung": "consult", "supports": True, "would_take_part": takes_part},
                {"rung": "air_support", "supports": takes_part, "would_take_part": False},
            ]
        },
        "sanctions": {"measures": [{"measure": "shadow_fleet_listings", "stance": stance}]},
    }


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def assessment(catalog: Catalog) -> Assessment:
    pledge_set = PledgeSet(
        origin=Origin.ROUND,
        title="Answers only",
        pledges=(),
        sources={},
        round_id="r",
        answer_sets=(
            AnswerSet("FRA", answers("support", takes_part=True), FRA),
            AnswerSet("HUN", answers("oppose", takes_part=False), HUN),
        ),
        invited=("FRA", "HUN"),
    )
    return assessing.assess(
        pledge_set=pledge_set, selection=assessing.select(catalog), catalog=catalog
    )


def test_a_single_eu_member_opposing_blocks_a_sanctions_measure(assessment: Assessment) -> None:
    table = {t.key: t for t in assessment_tables(assessment)}["sanctions"]

    (row,) = table.records()

    assert row["measure"] == "shadow_fleet_listings"
    assert row["blockers"] == ("HUN",)
    assert row["has_unanimity"] is False
    assert row["source_ids"] == (FRA, HUN)


def test_the_ladder_counts_support_and_participation_per_rung(assessment: Assessment) -> None:
    table = {t.key: t for t in assessment_tables(assessment)}["ladder"]

    rows = {row["rung"]: row for row in table.records()}

    assert (rows["consult"]["support_count"], rows["consult"]["take_part_count"]) == (2, 1)
    assert rows["air_support"]["supporters"] == ("FRA",)


def test_the_answer_charts_name_the_response_versions(assessment: Assessment) -> None:
    charts = {c.key: c for c in dashboard_charts(assessment, {"kyiv_40k": 40_000}, {})}

    assert charts["sanctions"].source_ids == (FRA, HUN)
    assert charts["sanctions"].is_answers
    assert "blocked: shadow fleet listings" in str(charts["sanctions"].figure["layout"])


def test_without_pledges_the_force_is_zero_and_the_summary_says_so(
    assessment: Assessment,
) -> None:
    assert assessment.chosen.total.personnel == 0
    assert "No pledge makes its condition depend on US support." in assessment.summary


@pytest.mark.parametrize(
    "only",
    [
        frozenset({"ladder"}),
        frozenset({"burden", "sanctions", "pledges"}),
        frozenset({"about", "sources"}),
        frozenset(),
    ],
)
def test_asking_for_some_tables_gives_those_tables_as_all_tables_hold_them(
    assessment: Assessment, only: frozenset[str]
) -> None:
    every = assessment_tables(assessment)

    assert assessment_tables(assessment, only=only) == tuple(t for t in every if t.key in only)


def test_each_table_can_be_asked_for_alone_by_its_key(assessment: Assessment) -> None:
    for table in assessment_tables(assessment):
        assert assessment_tables(assessment, only={table.key}) == (table,)


def test_every_table_is_built_when_none_is_named(assessment: Assessment) -> None:
    keys = [t.key for t in assessment_tables(assessment)]

    assert keys[:3] == ["about", "summary", "scenarios"]
    assert keys[-2:] == ["pledges", "sources"]
    assert {"enabler_demand", "nominations", "ladder", "support", "sanctions"} <= set(keys)
