"""A control character sent through any door is removed on the way in, so the exports that
spreadsheets open keep working (issue: a bell in a summary made the XLSX export answer 422)."""

from __future__ import annotations

from web_world import World


def test_a_bell_in_an_api_position_leaves_the_xlsx_export_working(world: World) -> None:
    api = world.api(world.api_token)
    created = api.post(
        "/api/positions",
        json={
            "actor_code": "POL",
            "topic": "troop_deployment",
            "stance": "no",
            "date": "2025-02-17",
            "summary": "bell\u0007char",
            "locator": "https://example.org/bell",
            "outlet": "Example\u001b outlet",
        },
    )

    export = world.coordinator().get("/public-data/export.xlsx")

    assert created.status_code == 201, created.text
    assert created.json()["summary"] == "bellchar"
    assert export.status_code == 200


def test_a_control_character_in_an_answer_is_removed_before_it_is_stored(world: World) -> None:
    api = world.api(world.tokens["A:FRA"])

    saved = api.put(
        "/api/respond/draft",
        json={
            "answers": {"troops": {"notes": "ring\u0007ring\ttab"}},
            "base_version": world.latest_version("A:FRA"),
        },
    )
    history = api.get("/api/respond/history").json()

    assert saved.status_code == 200, saved.text
    assert "ring\u0007" not in str(history)
    assert "ringring\\ttab" in str(history) or "ringring\ttab" in str(history)
