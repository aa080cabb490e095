"""Public data enters through four doors: the upload page, the JSON API, `forcegen positions
import` and the file-import use case. The same bad rows get the same problems at each, and
nothing is stored.

Each bad row breaks one rule that only the whole catalog can check (an unknown country,
capability, caveat or source, a condition that does not parse or names an unknown driver,
a threshold of 4,301 digits): before one use case served every door, the JSON API stored
such pledges, after which every public assessment failed.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from web_env import PASSWORD, TestClient, csrf_of
from web_world import World

from forcegen.cli import app, context
from forcegen.model.public_problem import PublicDataError
from forcegen.service.accounts import api_tokens, users
from forcegen.service.public import record as public_record

Problem = tuple[str, int, str, str]  # table, row, column, message

SOURCE = {"id": "src-ok", "locator": "https://news.example.org/a", "reliability": "press"}
POSITION = {
    "id": "pos-1",
    "topic": "troop_deployment",
    "stance": "yes",
    "date": "2025-03-01",
}
PLEDGE = {"kind": "troops", "contributor": "FRA", "personnel": "100", "source_ids": ["src-ok"]}
BAD_ROWS: dict[str, list[dict[str, Any]]] = {
    "sources": [SOURCE],
    "positions": [
        POSITION | {"actor_code": "XYZ", "source_id": "src-ok"},
        POSITION | {"id": "pos-2", "actor_code": "FRA", "source_id": "src-nowhere"},
    ],
    "pledges": [
        PLEDGE | {"id": "pl-1", "capability": "starships"},
        PLEDGE | {"id": "pl-2", "capability": "land.combat", "caveats": ["no_weekends"]},
        PLEDGE | {"id": "pl-3", "capability": "land.combat", "condition": "troops(USA) >="},
        PLEDGE | {"id": "pl-4", "capability": "land.combat", "condition": "us_backstopp"},
        PLEDGE
        | {"id": "pl-5", "capability": "land.combat", "condition": "troops(GBR) >= " + "9" * 4301},
    ],
}
_LINE = re.compile(r"^(\w+): row (\d+), column (\w+): (.*)$")
_PATH = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)$")


def _parsed(lines: list[str]) -> set[Problem]:
    found = set()
    for line in lines:
        match = _LINE.match(line.strip())
        assert match, f"not a problem line: {line!r}"
        table, row, column, message = match.groups()
        found.add((table, int(row), column, message))
    return found


def _upload(world: World, document: Path) -> set[Problem]:
    client = TestClient(world.app, follow_redirects=False)
    page = client.get("/login")
    client.post(
        "/login",
        data={"username": "ana", "password": PASSWORD, "csrf_token": csrf_of(page.text)},
    )
    token = csrf_of(client.get("/public-data").text)
    response = client.post(
        "/public-data/import",
        files=[("files", ("bad.json", document.read_bytes(), "application/json"))],
        data={"csrf_token": token, "action": "import"},
    )
    assert response.status_code == 422, response.text
    items = re.findall(
        r"<li>(.*?)</li>", response.text.split('id="import-problems"')[1].split("</ul>")[0]
    )
    return _parsed([html.unescape(item) for item in items])


def _api(world: World) -> set[Problem]:
    token = api_tokens.issue_token(uow=world.services.uow(), username="ana", actor="t").secret
    response = world.api(token).post("/api/public-data/import", json=BAD_ROWS)
    assert response.status_code == 422, response.text
    found = set()
    for problem in response.json()["problems"]:
        match = _PATH.match(problem["path"])
        assert match, problem
        table, row, column = match.groups()
        found.add((table, int(row), column, problem["message"]))
    return found


def _cli(document: Path, monkeypatch: pytest.MonkeyPatch, world: World) -> set[Problem]:
    monkeypatch.setenv("FORCEGEN_DATABASE_URL", world.services.settings.database_url)
    monkeypatch.setenv("FORCEGEN_SECRET_KEY", "k" * 48)
    monkeypatch.setenv("COLUMNS", "2000")  # one problem a line, however long
    context.reset()
    try:
        result = CliRunner().invoke(app, ["positions", "import", str(document)])
    finally:
        context.reset()
    assert result.exit_code == 1, result.output
    return _parsed([line for line in result.stderr.splitlines() if line.startswith("  ")])


def _file(document: Path, world: World) -> set[Problem]:
    services = world.services
    with pytest.raises(PublicDataError) as raised:
        public_record.import_public_file(
            uow=services.uow(), catalog=services.catalog, path=document, actor="t"
        )
    return {(p.table, p.row, p.column, p.message) for p in raised.value.problems}


def _stored(world: World) -> tuple[int, int, int]:
    data = public_record.export_public_data(uow=world.services.uow())
    return len(data.sources), len(data.positions), len(data.pledges)


def test_every_door_finds_the_same_problems_and_stores_nothing(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    users.create_user(
        uow=world.services.uow(),
        username="ana",
        password=PASSWORD,
        role="analyst",
        display_name="Ana",
    )
    document = tmp_path / "bad.json"
    document.write_text(json.dumps(BAD_ROWS), encoding="utf-8")

    doors = {
        "upload": _upload(world, document),
        "api": _api(world),
        "cli": _cli(document, monkeypatch, world),
        "file": _file(document, world),
    }

    columns = {(table, row, column) for table, row, column, _ in doors["file"]}
    assert columns == {
        ("positions", 1, "actor_code"),
        ("positions", 2, "source_id"),
        ("pledges", 1, "capability"),
        ("pledges", 2, "caveats"),
        ("pledges", 3, "condition"),
        ("pledges", 4, "condition"),
        ("pledges", 5, "condition"),
    }
    for door, problems in doors.items():
        assert problems == doors["file"], door
    assert _stored(world) == (0, 0, 0)
