"""Benchmark: does saving get slower as a response's history grows? 2,000 versions against 2.

On a fresh database and a real `forcegen serve` (as in `load.py`), one government's response
is given 2,000 versions through the JSON API, another's 2. Then both respondents autosave
through the form, in turn, as the browser does; the median save time of each is compared.
The respondent's and the coordinator's pages for the long history are timed and weighed too.
The last line has the form

    history: save at <n> versions <ms> ms, at 2 versions <ms> ms, ratio <r> (<database>)

Run with `.venv/bin/python bench/history.py [--database postgresql+psycopg://...]`.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from load_profile import answer_fields
from load_server import Fixture, fresh_database, prepare, server_env, serving
from load_way_in import FormPage, enter_as_respondent, log_in

SHORT_HISTORY = 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="a PostgreSQL server URL (default: SQLite)")
    parser.add_argument("--versions", type=int, default=2000, help="the long history")
    parser.add_argument("--saves", type=int, default=41, help="timed saves per response")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="forcegen-history-") as work:
        work_dir = Path(work)
        with fresh_database(args.database, work_dir) as database:
            env = server_env(database, work_dir)
            fixture = prepare(env, invitations=2)
            with serving(env, work_dir, workers=1) as url:
                long_saves, short_saves = asyncio.run(_measure(url, fixture, args))
    long_ms, short_ms = statistics.median(long_saves) * 1000, statistics.median(short_saves) * 1000
    print(
        f"history: save at {args.versions} versions {long_ms:.1f} ms, at {SHORT_HISTORY} "
        f"versions {short_ms:.1f} ms, ratio {long_ms / short_ms:.2f} ({database.kind})"
    )


async def _measure(
    url: str, fixture: Fixture, args: argparse.Namespace
) -> tuple[list[float], list[float]]:
    (long_code, long_link), (_, short_link) = sorted(fixture.links.items())
    started = time.monotonic()
    await _fill(url, long_link, args.versions)
    await _fill(url, short_link, SHORT_HISTORY)
    print(f"history: {args.versions} versions saved in {time.monotonic() - started:.0f} s")
    async with _client(url) as long_client, _client(url) as short_client:
        long_page = await enter_as_respondent(long_client, long_link)
        short_page = await enter_as_respondent(short_client, short_link)
        long_saves: list[float] = []
        short_saves: list[float] = []
        for number in range(args.saves):  # in turn, so that both see the same machine load
            long_saves.append(await _timed_save(long_client, long_page, number))
            short_saves.append(await _timed_save(short_client, short_page, number))
        await _weigh(long_client, "respondent history", "/respond/history")
        await _weigh(long_client, "respondent form", "/respond")
    async with _client(url) as reader:
        await log_in(reader, fixture.coordinator.username, fixture.coordinator.password)
        await _weigh(reader, "round status", f"/rounds/{fixture.round_id}")
        await _weigh(reader, "response page", f"/rounds/{fixture.round_id}/responses/{long_code}")
    return long_saves[1:], short_saves[1:]  # the first save of each pays for warming up


def _client(url: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=url, timeout=60)


async def _fill(url: str, link: str, versions: int) -> None:
    """Give a response `versions` draft versions through the respondent API."""
    headers = {"Authorization": f"Bearer {link.rsplit('/', 1)[1]}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60) as client:
        for number in range(versions):
            answers = {"us_support": {"notes": f"version {number + 1}"}}
            body = {"answers": answers, "base_version": number}
            (await client.put("/api/respond/draft", json=body)).raise_for_status()


async def _timed_save(client: httpx.AsyncClient, page: FormPage, number: int) -> float:
    """One autosave through the form, as the browser sends it; its seconds."""
    body = answer_fields(f"timed save {number}", 1000 + number) | {
        "base_version": str(page.base_version)
    }
    headers = {"Accept": "application/json", "X-CSRF-Token": page.csrf}
    started = time.perf_counter()
    saved = await client.post("/respond/draft", data=body, headers=headers)
    seconds = time.perf_counter() - started
    saved.raise_for_status()
    page.base_version = int(saved.json()["version"])
    return seconds


async def _weigh(client: httpx.AsyncClient, what: str, path: str) -> None:
    """Time (median of five) and weigh a page."""
    timings = []
    size = 0
    for _ in range(5):
        started = time.perf_counter()
        page = await client.get(path)
        timings.append(time.perf_counter() - started)
        page.raise_for_status()
        size = len(page.content)
    median_ms = statistics.median(timings) * 1000
    print(f"history:   {what:<20} {median_ms:7.1f} ms, {size / 1024:8.1f} KiB")


if __name__ == "__main__":
    main()
