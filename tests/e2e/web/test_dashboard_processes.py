"""Dashboards built in a process beside the server (`forcegen serve` starts one per server
process, so that saves never wait for them): the same page as built in the server, a change
shown at once, errors answered as in the server, and the process stopped with the app."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest
from demo_world import Demo
from web_env import PASSWORD, TestClient, csrf_of, log_in

from forcegen.model.round import RoundId
from forcegen.service.responding.answering import withdraw_response
from forcegen.web import create_app

HTMX = {"HX-Request": "true"}
SELECTIONS = ("", "?scenario=full_backstop", "?scenario=no_us_support&p-us-backstop=70")


@pytest.fixture(scope="module")
def beside(demo: Demo) -> Iterator[TestClient]:
    """A coordinator's browser on an app whose dashboards are built in a process of their own
    (the app is started, as a server starts it, for the process to start)."""
    app = create_app(demo.services, dashboard_processes=1)
    with TestClient(app, follow_redirects=False) as client:
        page = client.get("/login")
        answer = client.post(
            "/login",
            data={"username": "alice", "password": PASSWORD, "csrf_token": csrf_of(page.text)},
        )
        assert answer.status_code == 303, answer.text
        assert app.state.dashboard_processes is not None
        yield client
    assert app.state.dashboard_processes is None  # stopped with the app


def test_a_dashboard_built_beside_the_server_is_the_one_built_in_it(
    demo: Demo, beside: TestClient
) -> None:
    inside = log_in(demo.app)
    for path in (demo.round_path, "/assessment/public"):
        for selection in SELECTIONS:
            built_beside = beside.get(path + selection, headers=HTMX)
            built_inside = inside.get(path + selection, headers=HTMX)

            assert built_beside.status_code == 200, built_beside.text
            assert built_beside.text == built_inside.text


def test_the_full_page_is_served_with_its_title(demo: Demo, beside: TestClient) -> None:
    page = beside.get(demo.round_path)

    assert page.status_code == 200
    assert f"<title>Assessment: {demo.summary.round.title}" in page.text
    assert 'id="dashboard"' in page.text


def test_a_withdrawal_shows_on_the_next_dashboard_at_once(demo: Demo, beside: TestClient) -> None:
    code = demo.summary.answered[0]
    shown = f"{code}&#39;s answers, version"
    assert shown in beside.get(demo.round_path, headers=HTMX).text
    round_id = RoundId(demo.summary.round.id)
    with demo.services.uow() as uow:
        head = uow.responses.head(round_id, code)
    assert head is not None
    assert head.latest is not None

    withdraw_response(
        uow=demo.services.uow(),
        token=demo.summary.links[code].removeprefix("/respond/"),
        base_version=head.latest.number,
    )

    assert shown not in beside.get(demo.round_path, headers=HTMX).text


def test_a_dashboard_process_that_dies_is_replaced(demo: Demo, beside: TestClient) -> None:
    processes = beside.app.state.dashboard_processes  # type: ignore[attr-defined]
    killed = processes.pids()
    for pid in killed:
        os.kill(pid, signal.SIGKILL)

    page = beside.get(demo.round_path + "?scenario=un_peacekeeping", headers=HTMX)

    assert page.status_code == 200, page.text
    assert 'id="dashboard"' in page.text
    assert not set(processes.pids()) & set(killed)


def test_a_round_that_does_not_exist_is_not_found_as_in_the_server(beside: TestClient) -> None:
    answer = beside.get("/rounds/nosuchround/assessment")

    assert answer.status_code == 404
    assert "No round with id &#39;nosuchround&#39;" in answer.text
