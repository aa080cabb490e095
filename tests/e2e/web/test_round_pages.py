"""The pages do what the coordinator and the respondents need, without JavaScript too."""

from __future__ import annotations

import csv
import io
import re

from web_env import open_link
from web_world import World

from forcegen.files.formula import neutralise
from forcegen.reports.invitation_links import LinkRow, links_csv
from forcegen.service.rounds import coordinating


class TestRespondentForm:
    def test_a_state_outside_the_eu_never_sees_the_sanctions_question(self, world: World) -> None:
        gbr = world.respondent("A:GBR").get("/respond").text
        deu = world.respondent("A:DEU").get("/respond").text

        assert 'id="q-sanctions"' not in gbr
        assert "sanctions." not in gbr
        assert 'id="q-sanctions"' in deu

    def test_the_form_labels_every_input(self, world: World) -> None:
        page = world.respondent("A:DEU").get("/respond").text
        ids = set(re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', page))
        labelled = set(re.findall(r'<label[^>]*\bfor="([^"]+)"', page))
        wrapped = set(re.findall(r'<label class="choice"[^>]*><input[^>]*\bid="([^"]+)"', page))

        assert ids, "the form has inputs"
        assert ids - labelled - wrapped == set()

    def test_saving_without_script_keeps_the_draft_after_a_reload(self, world: World) -> None:
        browser = world.respondent("A:DEU")
        form = {"base_version": "0", "troops.decision": "conditional", "troops.notes": "Kept"}

        saved = browser.post("/respond/draft", data=form)
        page = browser.get(saved.headers["location"]).text

        assert saved.status_code == 303
        assert "Your draft is saved" in page
        assert ">Kept</textarea>" in page
        assert 'value="conditional" id="f-troops-decision-2" checked' in page

    def test_problems_are_shown_next_to_their_fields_and_nothing_is_saved(
        self, world: World
    ) -> None:
        browser = world.respondent("A:DEU")
        form = {
            "base_version": "0",
            "troops.contributions[0]._row": "1",
            "troops.contributions[0].personnel": "many",
            "troops.contributions[0].condition": "us.air_cover and ceasfire",
        }

        page = browser.post("/respond/submit", data=form)

        assert page.status_code == 422
        assert re.search(
            r'data-error-for="troops.contributions\[0\].condition"[^>]*>[^<]*'
            r"did you mean &#39;ceasefire&#39;",
            page.text,
        )
        assert re.search(
            r'data-error-for="troops.contributions\[0\].personnel"[^>]*>[^<]*is not an amount',
            page.text,
        )
        assert re.search(r'data-error-for="attestation_name"[^>]*>required to submit', page.text)
        assert 'value="many"' in page.text
        assert world.latest_version("A:DEU") == 0

    def test_a_submission_with_attestation_then_a_revision_keeps_both(self, world: World) -> None:
        browser = world.respondent("A:DEU")
        attest = {"attestation_name": "Hans Weber", "attestation_title": "Head of Division"}
        first = {"base_version": "0", "troops.decision": "no"} | attest

        browser.post("/respond/submit", data=first)
        browser.post("/respond/submit", data=first | {"base_version": "1", "troops.notes": "x"})
        history = browser.get("/respond/history").text

        assert world.latest_version("A:DEU") == 2
        assert history.count("submitted, attested by Hans Weber (Head of Division)") == 2
        assert "revised" in browser.get("/respond").text

    def test_the_condition_check_explains_and_normalises(self, world: World) -> None:
        browser = world.respondent("A:DEU")
        ask = {"Accept": "application/json"}

        bad = browser.get("/respond/check-condition?text=us.air_cvr", headers=ask).json()
        good = browser.get("/respond/check-condition?text=ceasefire  and us.isr", headers=ask)

        assert bad["ok"] is False
        assert "us.air_cover" in bad["message"]
        assert good.json() == {
            "ok": True,
            "message": None,
            "normalised": "ceasefire and us.isr",
            "plain": "Ceasefire in force and US intelligence",
            "parts": [
                {"kind": "driver", "name": "ceasefire", "at_least": None},
                {"kind": "driver", "name": "us.isr", "at_least": None},
            ],
        }
        assert "forcegen" not in bad["message"]

    def test_a_closed_round_shows_the_answers_read_only(self, world: World) -> None:
        coordinating.close_round(
            uow=world.services.uow(), round_id=world.round_a, actor="user:alice"
        )

        page = world.respondent("A:FRA").get("/respond").text

        assert "This round is closed" in page
        assert 'id="response-form"' not in page
        assert "5,000" in page


class TestJointResponse:
    def test_a_member_endorses_with_a_reservation_and_the_coordinator_sees_it(
        self, world: World
    ) -> None:
        member = world.respondent("A:DEU")
        draft = member.get("/respond/joint/EU")

        recorded = member.post(
            "/respond/joint/EU",
            data={
                "kind": "endorse_with_reservations",
                "reserved": "troops",
                "comment": "Bundestag",
            },
        )
        overview = world.coordinator().get(f"/rounds/{world.round_a}/joint").text

        assert draft.status_code == 200
        assert "20,000" in draft.text
        assert recorded.status_code == 303
        assert "endorse with reservations" in overview
        assert "Bundestag" in overview

    def test_a_non_member_has_no_joint_response_to_review(self, world: World) -> None:
        page = world.respondent("A:GBR").get("/respond/joint/EU")

        assert page.status_code == 404


class TestCoordinatorPages:
    def test_htmx_gets_the_invitee_table_alone_and_a_browser_the_whole_page(
        self, world: World
    ) -> None:
        browser = world.coordinator()
        path = f"/rounds/{world.round_a}/invitees"

        fragment = browser.get(path, headers={"HX-Request": "true"}).text
        page = browser.get(path).text

        assert fragment.lstrip().startswith('<div id="invitees"')
        assert "<html" not in fragment
        assert "<html" in page
        assert 'id="invitees"' in page

    def test_an_expired_session_sends_htmx_to_the_login_page_not_into_the_table(
        self, world: World
    ) -> None:
        path = f"/rounds/{world.round_a}/invitees"

        response = world.anonymous().get(path, headers={"HX-Request": "true"})

        assert response.status_code == 401
        assert response.headers["HX-Redirect"] == f"/login?next={path}"

    def test_the_status_table_shows_each_invitee_with_versions(self, world: World) -> None:
        page = world.coordinator().get(f"/rounds/{world.round_a}").text

        row = re.search(r'<tr id="invitee-FRA">(.*?)</tr>', page, re.S)
        assert row is not None
        assert "submitted" in row.group(1)
        assert ">2 <" in row.group(1)
        assert "link revoked" in page

    def test_the_diff_names_the_changed_answer_in_words(self, world: World) -> None:
        page = world.coordinator().get(f"/rounds/{world.round_a}/responses/FRA/diff?a=1&b=2")

        assert "Q3 Forces on the ground in Ukraine › Contributions, row 1 › Personnel" in page.text
        assert "4000" in page.text
        assert "5000" in page.text

    def test_inviting_an_unknown_code_says_which_and_suggests_one(self, world: World) -> None:
        page = world.coordinator().post(
            f"/rounds/{world.round_a}/invitations", data={"pasted": "ESP FRNCE"}
        )

        assert page.status_code == 422
        assert "FRNCE" in page.text

    def test_an_illustrative_round_says_so_on_every_page(self, world: World) -> None:
        browser = world.coordinator()
        created = browser.post(
            "/rounds",
            data={
                "title": "Illustrative",
                "deadline": "2099-01-01T10:00",
                "is_illustrative": "true",
            },
        )
        round_page = browser.get(created.headers["location"])
        issued = browser.post(
            created.headers["location"].split("?")[0] + "/invitations", data={"pasted": "FRA"}
        )
        link = re.search(r"/respond/[A-Za-z0-9_-]+", issued.text)
        assert link is not None
        respondent = open_link(world.app, link.group(0).rsplit("/", 1)[1])

        for page in (round_page, issued, respondent.get("/respond")):
            assert 'id="illustrative-banner"' in page.text

    def test_the_links_csv_neutralises_spreadsheet_formulas(self, world: World) -> None:
        response = world.coordinator().post(
            f"/rounds/{world.round_a}/links.csv",
            data={
                "code": "FRA",
                "link": f"http://testserver/respond/{'b' * 43}",
                "expires": '=HYPERLINK("http://evil")',
            },
        )

        rows = list(csv.reader(io.StringIO(response.text)))
        assert response.headers["content-type"].startswith("text/csv")
        assert rows[1][3] == '\'=HYPERLINK("http://evil")'


def test_neutralise_prefixes_every_formula_start_and_nothing_else() -> None:
    cells = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "FRA", "http://x/respond/abc"]

    assert [neutralise(cell) for cell in cells] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "FRA",
        "http://x/respond/abc",
    ]
    assert links_csv([LinkRow("FRA", "France", "=x", "")]).splitlines()[1] == "FRA,France,'=x,"
