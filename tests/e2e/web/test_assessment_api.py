"""The JSON assessment takes the same choices as `forcegen assess` and the dashboard."""

from __future__ import annotations

from web_world import World


def test_the_fair_share_basis_is_chosen_as_on_the_command_line_and_named_in_the_answer(
    world: World,
) -> None:
    api = world.api(world.api_token)

    default = api.get("/api/public/assessment")
    eu_nato = api.get("/api/public/assessment", params={"fair_share": "eu_nato"})

    assert default.status_code == eu_nato.status_code == 200
    assert default.json()["fair_share_basis"] == "willing"
    assert eu_nato.json()["fair_share_basis"] == "eu_nato"


def test_an_unknown_fair_share_basis_is_refused_with_the_ones_that_exist(world: World) -> None:
    answer = world.api(world.api_token).get(
        "/api/public/assessment", params={"fair_share": "eu-nato"}
    )

    assert answer.status_code in (400, 422)
    assert "eu_nato" in answer.text
