"""Two saves from the same version: exactly one wins, the other gets a 409 that explains, and
nothing is lost: the winner's text is the new version, the loser's stays with its client."""

from __future__ import annotations

import threading
from typing import Any

from web_env import TestClient
from web_world import World, some_troops

from forcegen.service import audit_check


def _race(calls: list[Any]) -> list[Any]:
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        results[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_api_clients_saving_from_the_same_version_one_wins_one_gets_409(world: World) -> None:
    token = world.tokens["A:DEU"]
    first, second = world.api(token), world.api(token)
    texts = ["Answer typed in the capital", "Answer typed at the embassy"]
    bodies = [{"answers": some_troops(notes=text), "base_version": 0} for text in texts]

    responses = _race(
        [
            lambda b=body, c=client: c.put("/api/respond/draft", json=b)
            for client, body in zip((first, second), bodies, strict=True)
        ]
    )

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 409]
    winner = next(r for r in responses if r.status_code == 200)
    loser = next(r for r in responses if r.status_code == 409)
    assert "another save (version 1" in loser.json()["error"]
    assert "Copy your text, reload" in loser.json()["error"]
    history = world.api(token).get("/api/respond/history").json()["versions"]
    assert len(history) == 1
    saved_notes = history[0]["answers"]["troops"]["notes"]
    assert saved_notes == winner.json()["answers"]["troops"]["notes"]
    assert saved_notes in texts
    assert audit_check.verify_audit(uow=world.services.uow()).is_intact


def test_the_form_autosave_conflict_keeps_the_text_and_says_why(world: World) -> None:
    first, second = world.respondent("A:DEU"), world.respondent("A:DEU")
    form = {"base_version": "0", "troops.decision": "undecided"}
    json_only = {"Accept": "application/json"}
    first.post("/respond/draft", data=form | {"troops.notes": "first"}, headers=json_only)

    late = second.post("/respond/draft", data=form | {"troops.notes": "kept on screen"})

    assert late.status_code == 409
    assert "kept on screen" in late.text
    assert "another save (version 1" in late.text
    assert 'name="base_version" value="0"' in late.text


def test_a_late_autosave_by_script_gets_the_json_conflict(world: World) -> None:
    browsers: list[TestClient] = [world.respondent("A:DEU"), world.respondent("A:DEU")]
    form = {"base_version": "0", "troops.decision": "undecided"}

    results = [
        browser.post(
            "/respond/draft",
            data=form | {"troops.notes": f"text {i}"},
            headers={"Accept": "application/json"},
        )
        for i, browser in enumerate(browsers)
    ]

    assert [r.status_code for r in results] == [200, 409]
    assert results[1].json()["ok"] is False
