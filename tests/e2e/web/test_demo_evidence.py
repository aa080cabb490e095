"""Issue 9, evidence behind every derived figure: each answer of the illustrative round keeps
the ids of the positions and sources it was derived from, in what is stored, on the response
page and in the answers export."""

from __future__ import annotations

import html
import json

import pytest
from demo_world import Demo
from web_env import log_in

from forcegen.answers.illustrative import IllustrativeAnswer, illustrative_answers
from forcegen.catalog import load_public_dataset
from forcegen.service.rounds import coordinating


@pytest.fixture(scope="module")
def derived(demo: Demo) -> dict[str, IllustrativeAnswer]:
    """What the derivation says each submitted answer rests on."""
    dataset = load_public_dataset()
    answers = illustrative_answers(
        positions=dataset.positions,
        pledges=dataset.pledges,
        sources={s.id: s for s in dataset.sources},
        respondents=demo.services.catalog.participants.keys(),
    )
    return {a.participant: a for a in answers if a.participant in demo.summary.answered}


def evidence(answer: IllustrativeAnswer) -> set[str]:
    return {*answer.position_ids, *answer.source_ids}


def test_every_derived_answer_rests_on_positions_and_sources(
    derived: dict[str, IllustrativeAnswer],
) -> None:
    assert len(derived) >= 20
    assert all(a.position_ids and a.source_ids for a in derived.values())


def test_the_stored_answers_keep_the_ids_they_were_derived_from(
    demo: Demo, derived: dict[str, IllustrativeAnswer]
) -> None:
    responses = coordinating.round_responses(
        uow=demo.services.uow(), round_id=demo.summary.round.id
    )
    stored = {r.participant_code: json.dumps(r.versions[-1].answers) for r in responses}

    missing = {
        code: sorted(i for i in evidence(answer) if i not in stored[code])
        for code, answer in derived.items()
    }

    assert {code: ids for code, ids in missing.items() if ids} == {}


def test_the_response_page_and_the_export_show_those_ids(
    demo: Demo, derived: dict[str, IllustrativeAnswer]
) -> None:
    coordinator = log_in(demo.app)
    round_id = demo.summary.round.id
    export = coordinator.get(f"/rounds/{round_id}/answers.csv").text

    for code in ("FRA", "GBR", "GRC"):
        page = html.unescape(coordinator.get(f"/rounds/{round_id}/responses/{code}").text)
        assert {i for i in evidence(derived[code]) if i not in page} == set(), code
        assert {i for i in evidence(derived[code]) if i not in export} == set(), code
