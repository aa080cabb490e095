"""Hostile files through both doors of the web app, the upload form and the JSON API: deep
nesting, numbers of thousands of digits (in JSON, CSV, a condition's threshold), a workbook
whose XML is broken, a NUL byte (which PostgreSQL cannot store). Each gets a 4xx whose one
line names the place (row and column, item and key, or the JSON path), and nothing is stored.
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from typing import Any

import openpyxl
import pytest
from web_env import PASSWORD, TestClient, log_in
from web_world import World

from forcegen.service.accounts import api_tokens, users
from forcegen.service.public import record as public_record

HEADER = "id,actor_code,topic,stance,quantity,quantity_unit,date,source_id,summary"
SOURCE = {"id": "src-1", "locator": "https://n.example.org", "reliability": "wire"}
POSITION = {
    "id": "pos-1",
    "actor_code": "NLD",
    "topic": "training",
    "stance": "yes",
    "date": "2025-04-01",
    "source_id": "src-1",
}
PLEDGE = {
    "id": "pl-1",
    "contributor": "FRA",
    "kind": "troops",
    "capability": "land.combat",
    "personnel": 100,
    "source_ids": ["src-1"],
}
HUGE = "9" * 5000
DEEP = "[" * 20_000 + "]" * 20_000  # fits the test app's 64 KiB body limit


def broken_workbook() -> bytes:
    good, out = io.BytesIO(), io.BytesIO()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "positions"
    sheet.append(["id", "actor_code"])
    book.save(good)
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            broken = info.filename.endswith("sheet1.xml")
            target.writestr(info, b"<worksheet><sheetData><row" if broken else source.read(info))
    return out.getvalue()


def document(**tables: list[dict[str, Any]]) -> str:
    return json.dumps({"sources": [SOURCE], **tables})


UPLOADS = {
    "deep JSON": (
        "deep.json",
        '{"positions": ' + DEEP + "}",
        "deep.json: the JSON is nested too deeply",
    ),
    "long number in JSON": (
        "big.json",
        document(positions=[POSITION]).replace('"date"', f'"quantity": {HUGE}, "date"'),
        "big.json: positions item 1, key 'quantity': a number with 5000 digits; numbers may "
        "have at most 17 digits",
    ),
    "long number in CSV": (
        "mine.positions.csv",
        f"{HEADER}\npos-1,FRA,training,yes,{HUGE},personnel,2025-03-01,src-1,x\n",
        "positions: row 2, column quantity: a number with 5000 digits",
    ),
    "long condition threshold": (
        "mine.pledges.csv",
        "id,contributor,kind,capability,personnel,condition,source_ids\n"
        f"pl-1,FRA,troops,land.combat,100,troops(DEU) >= {HUGE},src-1\n",
        "pledges: row 2, column condition: Number '99999999",
    ),
    "broken workbook XML": (
        "broken.xlsx",
        broken_workbook(),
        "broken.xlsx: not a readable XLSX workbook (unclosed token: line 1, column 22)",
    ),
    "NUL in CSV": (
        "mine.positions.csv",
        f"{HEADER}\npos-1,FRA,training,yes,,,2025-03-01,src-1,bad\x00text\n",
        "positions.csv: row 2, column 'summary': a NUL character",
    ),
    "NUL in JSON": (
        "nul.json",
        document(positions=[POSITION | {"summary": "a\x00b"}]),
        "nul.json: positions item 1, key 'summary': a NUL character",
    ),
}
API_BODIES = {
    "deep": ('{"positions": ' + DEEP + "}", "", "nested more than 32 levels deep"),
    "deep but parseable": (
        '{"positions": ' + "[" * 100 + "]" * 100 + "}",
        "positions" + "[1]" * 32,
        "nested more than 32 levels deep",
    ),
    "long number": (
        document(positions=[POSITION]).replace('"date"', f'"quantity": {HUGE}, "date"'),
        "positions[1].quantity",
        "a number with 5000 digits; numbers may have at most 17 digits",
    ),
    "long condition threshold": (
        document(pledges=[PLEDGE | {"condition": f"troops(DEU) >= {HUGE}"}]),
        "pledges[1].condition",
        "has 5000 digits",
    ),
    "NUL": (
        document(positions=[POSITION | {"summary": "a\x00b"}]),
        "positions[1].summary",
        "a NUL character",
    ),
}


@pytest.fixture
def analyst(world: World) -> TestClient:
    users.create_user(
        uow=world.services.uow(),
        username="ana",
        password=PASSWORD,
        role="analyst",
        display_name="Ana Analyst",
    )
    return log_in(world.app, "ana")


def the_one_line(page: str) -> str:
    """The single error of an error page or of the import's problem list."""
    lines = re.findall(r'id="import-problems".*?<li>(.*?)</li>', page, re.S)
    lines += re.findall(r'id="error">\s*<h1>.*?</h1>\s*<p>(.*?)</p>', page, re.S)
    assert len(lines) == 1, lines
    return html.unescape(lines[0])


def nothing_stored(world: World) -> bool:
    data = public_record.export_public_data(uow=world.services.uow())
    return not (data.sources or data.positions or data.pledges)


@pytest.mark.parametrize("case", UPLOADS)
def test_a_hostile_upload_gets_one_line_naming_the_place(
    world: World, analyst: TestClient, case: str
) -> None:
    name, content, expected = UPLOADS[case]
    data = content.encode() if isinstance(content, str) else content

    response = analyst.post(
        "/public-data/import",
        files=[("files", (name, data, "application/octet-stream"))],
        data={"csrf_token": analyst.headers["X-CSRF-Token"], "action": "import"},
    )

    assert response.status_code == 422
    line = the_one_line(response.text)
    assert expected in line
    assert "\n" not in line
    assert len(line) < 400
    assert nothing_stored(world)


@pytest.mark.parametrize("case", API_BODIES)
def test_a_hostile_api_body_gets_one_line_naming_the_place(
    world: World, analyst: TestClient, case: str
) -> None:
    body, path, expected = API_BODIES[case]
    token = api_tokens.issue_token(uow=world.services.uow(), username="ana", actor="t").secret

    response = world.api(token).post(
        "/api/public-data/import",
        content=body.encode(),
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 422
    error = response.json()
    assert expected in error["error"]
    assert len(error["error"]) < 400
    assert [(p["path"], expected in p["message"]) for p in error["problems"]] == [
        (path or "body", True)
    ]
    assert nothing_stored(world)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (HUGE, "a number with 5000 digits"),
        (json.dumps("x\x00y"), "a NUL character"),
    ],
)
def test_a_respondents_draft_with_a_hostile_value_is_refused_and_not_saved(
    world: World, value: str, expected: str
) -> None:
    before = world.latest_version("A:DEU")
    body = (
        '{"base_version": 0, "answers": {"troops": {"decision": "conditional", '
        f'"contributions": [{{"capability": "land.combat", "personnel": {value}}}]}}}}}}'
    )

    response = world.api(world.tokens["A:DEU"]).put(
        "/api/respond/draft", content=body.encode(), headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 422
    assert "answers.troops.contributions[1].personnel" in response.json()["error"]
    assert expected in response.json()["error"]
    assert world.latest_version("A:DEU") == before
