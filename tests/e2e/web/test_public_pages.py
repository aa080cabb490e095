"""The public-source tracker in the web app: pages render, filters work, roles are enforced.

Analysts and coordinators use the tracker; respondents and anonymous visitors never see it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from web_env import PASSWORD, TestClient, csrf_of
from web_world import World

from forcegen.catalog import load_catalog
from forcegen.model.position import Position, Stance, Topic
from forcegen.model.source import Reliability, Source
from forcegen.service.accounts import api_tokens, users
from forcegen.service.public import record as public_record

SEED = "seed:000_7a244714040bc68c.txt"
POLAND_QUOTE = "Poland stated that it does not plan to send its troops."
US_QUESTION = (
    "What requirements for US support, if any, does your government consider necessary for "
    "its participation in these security agreements?"
)
SOURCES = [
    Source(id="src-seed", locator=SEED, outlet="Seed outlet", reliability=Reliability.PRESS),
    Source(
        id="src-wire",
        locator="https://wire.example.org/a",
        outlet="Example Wire",
        published=dt.date(2025, 3, 1),
        reliability=Reliability.WIRE,
    ),
]
POSITIONS = [
    Position(
        id="pos-pol",
        actor_code="POL",
        topic=Topic.TROOP_DEPLOYMENT,
        stance=Stance.NO,
        date=dt.date(2024, 12, 12),
        source_id="src-seed",
        summary="Poland has no plans to deploy its own soldiers.",
        quote=POLAND_QUOTE,
    ),
    Position(
        id="pos-fra",
        actor_code="FRA",
        topic=Topic.TROOP_DEPLOYMENT,
        stance=Stance.YES,
        date=dt.date(2025, 3, 11),
        source_id="src-wire",
        summary="France is ready to lead.",
    ),
    Position(
        id="pos-deu",
        actor_code="DEU",
        topic=Topic.RUSSIA_COORDINATION,
        stance=Stance.CONDITIONAL,
        date=dt.date(2025, 3, 2),
        source_id="src-wire",
        summary="Mission must be coordinated with Russia.",
    ),
]
TRACKER_PAGES = (
    "/positions",
    "/positions?topic=troop_deployment",
    "/countries/POL",
    "/timeline",
    "/matrix",
    "/positions/new",
    "/positions/pos-pol",
    "/positions/pos-pol/correct",
    "/public-data",
    "/public-data/export.json",
    "/public-data/export/positions.csv",
)
TRACKER_API = (
    "/api/positions",
    "/api/countries/POL",
    "/api/matrix",
    "/api/timeline",
    "/api/public-data",
    "/api/positions/pos-pol/history",
)


@pytest.fixture
def tracker(world: World) -> World:
    """The web world with an analyst account and a few positions recorded."""
    users.create_user(
        uow=world.services.uow(),
        username="ana",
        password=PASSWORD,
        role="analyst",
        display_name="Ana Analyst",
    )
    public_record.import_public_data(
        uow=world.services.uow(),
        catalog=load_catalog(),
        sources=SOURCES,
        positions=POSITIONS,
        pledges=[],
        actor="t",
    )
    return world


def analyst(world: World, username: str = "ana") -> TestClient:
    client = TestClient(world.app, follow_redirects=False)
    page = client.get("/login")
    response = client.post(
        "/login",
        data={
            "username": username,
            "password": PASSWORD,
            "csrf_token": csrf_of(page.text),
            "next": "/positions",
        },
    )
    assert response.status_code == 303, response.text
    client.headers["X-CSRF-Token"] = csrf_of(client.get("/positions").text)
    return client


def row_ids(html: str) -> list[str]:
    return [part.split('"')[0] for part in html.split('data-position-id="')[1:]]


class TestPages:
    @pytest.mark.parametrize("path", TRACKER_PAGES)
    def test_every_tracker_page_renders_for_an_analyst(self, tracker: World, path: str) -> None:
        response = analyst(tracker).get(path)

        assert response.status_code == 200, response.text

    def test_the_table_filters_by_topic_and_shows_reliability_next_to_each_position(
        self, tracker: World
    ) -> None:
        response = analyst(tracker).get("/positions?topic=troop_deployment")

        assert sorted(row_ids(response.text)) == ["pos-fra", "pos-pol"]
        assert 'class="badge rel-wire"' in response.text
        assert 'class="badge rel-press"' in response.text

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("country=pol", ["pos-pol"]),
            ("stance=conditional", ["pos-deu"]),
            ("reliability=wire&sort=country&order=asc", ["pos-deu", "pos-fra"]),
            ("date_from=2025-03-01&date_to=2025-03-05", ["pos-deu"]),
            ("q=russia", ["pos-deu"]),
            ("sort=date&order=asc", ["pos-pol", "pos-deu", "pos-fra"]),
        ],
        ids=["country", "stance", "reliability-sorted", "date-range", "text", "sorted-by-date"],
    )
    def test_filters_and_sorting_select_and_order_the_rows(
        self, tracker: World, query: str, expected: list[str]
    ) -> None:
        response = analyst(tracker).get(f"/positions?{query}")

        assert row_ids(response.text) == expected

    def test_htmx_gets_only_the_table(self, tracker: World) -> None:
        response = analyst(tracker).get(
            "/positions?topic=russia_coordination", headers={"HX-Request": "true"}
        )

        assert "<html" not in response.text
        assert row_ids(response.text) == ["pos-deu"]

    def test_an_unknown_filter_value_is_named(self, tracker: World) -> None:
        response = analyst(tracker).get("/positions?topic=troops")

        assert response.status_code == 422
        assert "topic=&#39;troops&#39; is not known" in response.text

    def test_a_country_page_shows_its_stance_with_its_citation(self, tracker: World) -> None:
        response = analyst(tracker).get("/countries/POL")

        assert "Poland" in response.text
        assert 'class="stance stance-no"' in response.text
        assert SEED in response.text

    def test_the_matrix_colours_each_cell_and_links_it_to_its_sources(self, tracker: World) -> None:
        response = analyst(tracker).get("/matrix")

        assert 'class="cell stance-no" data-country="POL" data-topic="troop_deployment"' in (
            response.text
        )
        assert "/positions?country=POL&amp;topic=troop_deployment" in response.text
        assert "sources: src-seed" in response.text

    def test_the_timeline_lists_one_topic_in_date_order(self, tracker: World) -> None:
        response = analyst(tracker).get("/timeline?topic=troop_deployment")

        assert row_ids(response.text) == ["pos-pol", "pos-fra"]
        assert 'id="lane-russia_coordination"' not in response.text


class TestEditing:
    def test_an_analyst_adds_a_position_with_its_citation(self, tracker: World) -> None:
        client = analyst(tracker)
        form = {
            "actor_code": "EST",
            "speaker": "Prime Minister",
            "topic": "troop_deployment",
            "stance": "conditional",
            "date": "2025-03-20",
            "summary": "Ready to send a company.",
            "locator": "https://news.example.ee/1",
            "outlet": "ERR",
            "published": "2025-03-20",
            "reliability": "wire",
            "quantity": "150",
            "quantity_unit": "personnel",
        }

        response = client.post("/positions", data=form)
        detail = client.get(response.headers["location"])
        timeline = client.get("/timeline?topic=troop_deployment")

        assert response.status_code == 303
        assert "recorded with its citation" in detail.text
        assert "150 personnel" in detail.text
        assert "Ready to send a company." in timeline.text

    def test_a_form_with_bad_fields_lists_each_and_saves_nothing(self, tracker: World) -> None:
        client = analyst(tracker)
        form = {
            "actor_code": "",
            "topic": "troop_deployment",
            "stance": "no",
            "date": "2025-13-01",
            "quantity": "many",
            "locator": "",
        }

        response = client.post("/positions", data=form)

        assert response.status_code == 422
        for field in ("actor_code", "date", "quantity", "locator"):
            assert f'href="#{field}"' in response.text
        assert len(public_record.list_positions(uow=tracker.services.uow())) == len(POSITIONS)

    def test_a_correction_shows_both_versions_in_the_history(self, tracker: World) -> None:
        client = analyst(tracker)
        form = client.get("/positions/pos-deu/correct")
        values = _form_values(form.text)
        values["stance"] = "no"

        response = client.post("/positions/pos-deu/correct", data=values)
        detail = client.get(response.headers["location"])

        assert response.status_code == 303, response.text
        assert response.headers["location"].startswith("/positions/pos-deu-v2")
        assert 'data-position-id="pos-deu"' in detail.text
        assert 'data-position-id="pos-deu-v2"' in detail.text
        assert "user:ana" in detail.text

    def test_correcting_an_old_version_again_is_refused(self, tracker: World) -> None:
        client = analyst(tracker)
        values = _form_values(client.get("/positions/pos-deu/correct").text)
        client.post("/positions/pos-deu/correct", data=values | {"stance": "no"})

        response = client.post("/positions/pos-deu/correct", data=values | {"stance": "yes"})

        assert response.status_code == 409
        assert "already corrected" in response.text


class TestImportExport:
    def test_an_upload_is_previewed_then_imported(self, tracker: World) -> None:
        client = analyst(tracker)
        document = json.dumps(
            {
                "sources": [
                    {"id": "src-new", "locator": "https://n.example.org", "reliability": "wire"}
                ],
                "positions": [
                    {
                        "id": "pos-new",
                        "actor_code": "NLD",
                        "topic": "training",
                        "stance": "yes",
                        "date": "2025-04-01",
                        "source_id": "src-new",
                    }
                ],
            }
        )

        preview = _upload(client, "new.json", document, "preview")
        imported = _upload(client, "new.json", document, "import")
        again = _upload(client, "new.json", document, "import")

        assert "Preview: nothing was written yet" in preview.text
        assert "Imported" in imported.text
        assert "the tracker already holds this data" in again.text
        assert "pos-new" in row_ids(client.get("/positions?country=NLD").text)

    def test_an_upload_with_bad_rows_lists_them_and_imports_nothing(self, tracker: World) -> None:
        client = analyst(tracker)
        header = "id,actor_code,topic,stance,date,source_id\n"
        rows = "pos-a,POL,troop_deployment,no,2025-13-01,src-seed\npos-b,XYZ,training,yes,2025-01-01,src-none\n"  # noqa: E501

        response = _upload(client, "mine.positions.csv", header + rows, "import")

        assert response.status_code == 422
        assert "positions: row 2, column date" in response.text
        assert "positions: row 3, column actor_code" in response.text
        assert "positions: row 3, column source_id" in response.text
        assert len(public_record.list_positions(uow=tracker.services.uow())) == len(POSITIONS)

    def test_an_upload_without_the_security_token_is_refused(self, tracker: World) -> None:
        client = analyst(tracker)
        del client.headers["X-CSRF-Token"]

        response = client.post(
            "/public-data/import",
            files=[("files", ("x.json", b'{"positions": []}', "application/json"))],
            data={"csrf_token": "forged", "action": "import"},
        )

        assert response.status_code == 403
        assert "security token" in response.text

    @pytest.mark.parametrize(
        ("path", "media_type"),
        [
            ("/public-data/export.json", "application/json"),
            ("/public-data/export.xlsx", "application/vnd.openxmlformats"),
            ("/public-data/export/sources.csv", "text/csv"),
        ],
    )
    def test_downloads_come_in_three_formats(
        self, tracker: World, path: str, media_type: str
    ) -> None:
        response = analyst(tracker).get(path)

        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media_type)
        assert "attachment" in response.headers["content-disposition"]


class TestAccess:
    @pytest.mark.parametrize("path", TRACKER_PAGES)
    @pytest.mark.parametrize("role", ["anonymous", "respondent_a", "revoked"])
    def test_respondents_and_visitors_never_see_the_tracker(
        self, tracker: World, role: str, path: str
    ) -> None:
        token = {"respondent_a": "A:FRA", "revoked": "A:POL"}.get(role)
        client = tracker.session_browser(tracker.tokens[token]) if token else tracker.anonymous()

        response = client.get(path)

        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")

    def test_a_respondent_cannot_post_a_position(self, tracker: World) -> None:
        client = tracker.session_browser(tracker.tokens["A:FRA"])

        response = client.post("/positions", data={"actor_code": "FRA"})

        assert response.status_code in {303, 401, 403}
        assert len(public_record.list_positions(uow=tracker.services.uow())) == len(POSITIONS)

    def test_a_coordinator_may_use_the_tracker(self, tracker: World) -> None:
        response = tracker.coordinator().get("/matrix")

        assert response.status_code == 200

    @pytest.mark.parametrize("path", TRACKER_API)
    def test_the_api_takes_an_analyst_token_and_refuses_invitation_tokens(
        self, tracker: World, path: str
    ) -> None:
        token = api_tokens.issue_token(
            uow=tracker.services.uow(), username="ana", actor="test"
        ).secret

        allowed = tracker.api(token).get(path)
        refused = tracker.api(tracker.tokens["A:FRA"]).get(path)
        anonymous = tracker.api(None).get(path)

        assert allowed.status_code == 200, allowed.text
        assert refused.status_code == 401
        assert anonymous.status_code == 401
        assert refused.json()["ok"] is False

    def test_an_api_import_with_problems_names_each_one(self, tracker: World) -> None:
        token = api_tokens.issue_token(
            uow=tracker.services.uow(), username="ana", actor="test"
        ).secret
        body = {
            "positions": [
                {
                    "id": "p1",
                    "actor_code": "XYZ",
                    "topic": "training",
                    "stance": "yes",
                    "date": "2025-01-01",
                    "source_id": "nowhere",
                }
            ]
        }

        response = tracker.api(token).post("/api/public-data/import", json=body)

        assert response.status_code == 422
        paths = {problem["path"] for problem in response.json()["problems"]}
        assert paths == {"positions[1].actor_code", "positions[1].source_id"}


class TestQuotes:
    """A quote belongs to the position it supports, not to the source: the seed that reports
    Poland's "no troops" also quotes the US questionnaire, which is not Poland's position."""

    def _record_the_questionnaire(self, world: World) -> tuple[TestClient, str]:
        token = api_tokens.issue_token(uow=world.services.uow(), username="ana", actor="t").secret
        body = {
            "actor_code": "USA",
            "topic": "other",
            "stance": "unknown",
            "date": "2025-03-24",
            "summary": "Washington sent European governments a questionnaire.",
            "source_id": "src-seed",
            "quote": US_QUESTION,
        }
        created = world.api(token).post("/api/positions", json=body)
        assert created.status_code == 201, created.text
        return world.api(token), created.json()["id"]

    def test_the_api_gives_each_position_its_own_quote(self, tracker: World) -> None:
        api, us_id = self._record_the_questionnaire(tracker)

        poland = api.get("/api/positions?country=POL").json()
        usa = api.get(f"/api/positions/{us_id}/history").json()

        assert [item["position"]["quote"] for item in poland] == [POLAND_QUOTE]
        assert [item["position"]["quote"] for item in usa] == [US_QUESTION]
        assert "quote" not in poland[0]["source"]

    def test_polands_no_troops_page_shows_polands_words_not_the_us_question(
        self, tracker: World
    ) -> None:
        _, us_id = self._record_the_questionnaire(tracker)
        client = analyst(tracker)

        poland_pages = [client.get("/positions/pos-pol").text, client.get("/countries/POL").text]
        us_page = client.get(f"/positions/{us_id}").text

        for page in poland_pages:
            assert POLAND_QUOTE in page
            assert "requirements for US support" not in page
        assert "requirements for US support" in us_page
        assert POLAND_QUOTE not in us_page


def _upload(client: TestClient, name: str, content: str, action: str) -> Any:
    return client.post(
        "/public-data/import",
        files=[("files", (name, content.encode("utf-8"), "application/octet-stream"))],
        data={"csrf_token": client.headers["X-CSRF-Token"], "action": action},
    )


def _form_values(html: str) -> dict[str, str]:
    """The values a browser would send back from the correction form (text inputs and
    selected options), enough to resubmit it unchanged."""
    values: dict[str, str] = {}
    for name, value in re.findall(
        r'<input type="(?:text|date)" id="\w+" name="(\w+)" value="([^"]*)"', html
    ):
        values[name] = value
    for name, body in re.findall(r'<select id="\w+" name="(\w+)">(.*?)</select>', html, re.S):
        selected = re.search(r'<option value="([^"]*)" selected>', body)
        values[name] = selected.group(1) if selected else ""
    summary = re.search(r'<textarea id="summary" name="summary"[^>]*>(.*?)</textarea>', html, re.S)
    values["summary"] = summary.group(1) if summary else ""
    return {
        name: value.replace("&#39;", "'").replace("&amp;", "&") for name, value in values.items()
    }


def test_an_analyst_without_a_destination_lands_on_the_positions(tracker: World) -> None:
    analyst(tracker)  # creates the account and checks that logging in works
    client = TestClient(tracker.app, follow_redirects=False)
    page = client.get("/login")

    response = client.post(
        "/login",
        data={"username": "ana", "password": PASSWORD, "csrf_token": csrf_of(page.text)},
    )

    assert response.headers["location"] == "/positions"
