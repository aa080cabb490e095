"""Benchmark: a deadline day, 200 respondents autosaving and 50 coordinators and analysts
reading at once, against a real `forcegen serve` on a fresh database.

The bench prepares a fresh database (a temporary SQLite file, or a new database on the
PostgreSQL server `--database` names, dropped afterwards) with the demo's accounts and public
record and one round with 200 invitations, starts `forcegen serve` on a free port of
127.0.0.1 (`--workers N` processes), lets every user in (not timed), then runs the seeded
profile of `load_profile.py` for a 10 s warm-up and a 60 s measured window. Afterwards it
reads the database and checks that every save the server acknowledged is stored, as
acknowledged (a save that is missing or holds other answers is lost). The last line is, on
one line,

    load: <users> users, <rps> req/s, p50 <ms> ms, p99 <ms> ms, errors <n>, lost <n>
          (<database>, <workers> workers)

Run with `.venv/bin/python bench/load.py` (SQLite, one process) or
`.venv/bin/python bench/load.py --database postgresql+psycopg://postgres@127.0.0.1:5432/test
--workers 2`. It only talks to 127.0.0.1 and stops by itself. The load generator runs beside
the server on the same machine; its own CPU use and event-loop lag are printed, since a
saturated generator inflates the latencies it measures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from forcegen.catalog import load_catalog
from load_profile import (
    REQUEST_TIMEOUT_SECONDS,
    Ack,
    Reader,
    Recorder,
    Respondent,
    Sample,
    Window,
    analyst_pages,
    coordinator_pages,
)
from load_server import Fixture, fresh_database, prepare, server_env, server_pids, serving
from load_way_in import enter_as_respondent, log_in

ANALYST_SHARE = 5  # one reader in five is an analyst, the others coordinators
ENTRY_CONCURRENCY = 20


def main() -> None:
    args = _arguments()
    print(f"load: machine load before the run: {_uptime()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="forcegen-load-") as work:
        work_dir = Path(work)
        with fresh_database(args.database, work_dir) as database:
            env = server_env(database, work_dir)
            started = time.monotonic()
            fixture = prepare(env, args.respondents)
            print(f"load: database ready in {time.monotonic() - started:.1f} s", flush=True)
            with serving(env, work_dir, workers=args.workers) as url, _profiling(url, args):
                recorder = asyncio.run(_run(url, fixture, args))
            lost = _lost_saves(database.url, fixture, recorder.acks)
    _report(recorder, lost, args, database.kind)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="a PostgreSQL server URL (default: SQLite)")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--respondents", type=int, default=200)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--warmup", type=float, default=10.0, help="seconds not measured")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds measured")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--timeline", action="store_true", help="print the latencies second by second"
    )
    parser.add_argument(
        "--profile",
        type=Path,
        help="record the server processes with py-spy into this folder (samples holding the GIL)",
    )
    return parser.parse_args()


async def _run(url: str, fixture: Fixture, args: argparse.Namespace) -> Recorder:
    rng = random.Random(args.seed)
    clients: list[httpx.AsyncClient] = []
    try:
        respondents, readers = await _let_in(url, fixture, args, rng, clients)
        start = time.monotonic() + 0.5
        window = Window(start, start + args.warmup, start + args.warmup + args.duration)
        for respondent in respondents:
            respondent.submit_at = _submission_times(window, rng)
        recorder = Recorder(window)
        cpu_before, lag = time.process_time(), _LoopLag()
        users = [user.run(recorder) for user in (*respondents, *readers)]
        limit = window.end - time.monotonic() + 2 * REQUEST_TIMEOUT_SECONDS + 5
        server = _ServerCpu(server_pids(url))
        try:
            await asyncio.wait_for(
                asyncio.gather(*users, lag.watch(window), server.watch(window)), timeout=limit
            )
        except TimeoutError:
            print("load: some users were still waiting for answers; they were stopped")
        recorder_cpu = (time.process_time() - cpu_before) / (window.end - window.start)
        print(
            f"load: generator used {recorder_cpu:.0%} of a core; event-loop lag p99 "
            f"{lag.p99_ms():.0f} ms; the server (and its dashboard processes) used "
            f"{server.cores:.0%} of a core, "
            f"{server.cores * 1000 / max(len(recorder.samples) / args.duration, 1):.1f} ms of "
            "CPU per request",
            flush=True,
        )
        return recorder
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))


async def _let_in(
    url: str,
    fixture: Fixture,
    args: argparse.Namespace,
    rng: random.Random,
    clients: list[httpx.AsyncClient],
) -> tuple[list[Respondent], list[Reader]]:
    """Every user enters (respondents by their link, readers by password); not timed."""
    gate = asyncio.Semaphore(ENTRY_CONCURRENCY)
    scenarios = list(load_catalog().scenarios)

    def client() -> httpx.AsyncClient:
        made = httpx.AsyncClient(
            base_url=url,
            timeout=REQUEST_TIMEOUT_SECONDS,
            limits=httpx.Limits(max_connections=2, max_keepalive_connections=1),
        )
        clients.append(made)
        return made

    async def respondent(code: str, link: str, seed: int) -> Respondent:
        async with gate:
            user_client = client()
            page = await enter_as_respondent(user_client, link)
        return Respondent(code, user_client, page, random.Random(seed), submit_at=[])

    async def reader(index: int, seed: int) -> Reader:
        is_analyst = index % ANALYST_SHARE == 0
        account = fixture.analyst if is_analyst else fixture.coordinator
        user_rng = random.Random(seed)
        async with gate:
            user_client = client()
            await log_in(user_client, account.username, account.password)
        pages = (
            analyst_pages()
            if is_analyst
            else coordinator_pages(fixture.round_id, scenarios, user_rng)
        )
        return Reader(user_client, pages, user_rng)

    started = time.monotonic()
    links = sorted(fixture.links.items())[: args.respondents]
    respondents = await asyncio.gather(
        *(respondent(code, link, rng.getrandbits(32)) for code, link in links)
    )
    readers = await asyncio.gather(*(reader(i, rng.getrandbits(32)) for i in range(args.readers)))
    print(
        f"load: {len(respondents)} respondents and {len(readers)} readers in after "
        f"{time.monotonic() - started:.1f} s",
        flush=True,
    )
    return list(respondents), list(readers)


def _submission_times(window: Window, rng: random.Random) -> list[float]:
    """Two submissions in the measured window: one in each half."""
    middle = (window.measured_from + window.end) / 2
    return [
        rng.uniform(window.measured_from + 1, middle),
        rng.uniform(middle, window.end - 2),
    ]


class _ServerCpu:
    """The CPU the server's processes and theirs (the dashboard processes) used in the
    measured window (from /proc): what a request costs, whatever else the machine is doing."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = _with_children(pids)
        self.cores = 0.0

    async def watch(self, window: Window) -> None:
        await asyncio.sleep(max(0.0, window.measured_from - time.monotonic()))
        before, started = self._seconds(), time.monotonic()
        await asyncio.sleep(max(0.0, window.end - time.monotonic()))
        self.cores = (self._seconds() - before) / max(time.monotonic() - started, 1e-9)

    def _seconds(self) -> float:
        ticks = 0
        for pid in self.pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")


def _with_children(pids: list[int]) -> list[int]:
    """`pids` and the processes they started (one level: the dashboard processes)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent in pids:
            children.append(int(stat.parent.name))
    return sorted({*pids, *children})  # the supervisor's children are listed already


class _LoopLag:
    """How late the event loop wakes up: when high, the generator itself is saturated."""

    def __init__(self) -> None:
        self.lags: list[float] = []

    async def watch(self, window: Window) -> None:
        while time.monotonic() < window.end:
            before = time.monotonic()
            await asyncio.sleep(0.05)
            if window.is_measured(before):
                self.lags.append(time.monotonic() - before - 0.05)

    def p99_ms(self) -> float:
        return _percentile(self.lags, 99) * 1000 if self.lags else 0.0


def _lost_saves(database_url: str, fixture: Fixture, acks: list[Ack]) -> int:
    """Acknowledged saves whose version is missing from the database or holds other text."""
    engine = create_engine(database_url, poolclass=NullPool)
    query = text(  # the stored rows themselves, not what the application makes of them
        "SELECT r.participant_code, v.number, v.answers, v.is_submitted "
        "FROM response_versions v JOIN responses r ON r.id = v.response_id "
        "WHERE r.round_id = :round_id"
    )
    with engine.connect() as connection:
        rows = connection.execute(query, {"round_id": fixture.round_id}).all()
    engine.dispose()
    stored: dict[tuple[str, int], tuple[str, bool]] = {}
    for code, number, answers, is_submitted in rows:
        values = json.loads(answers) if isinstance(answers, str) else answers
        notes = (values.get("us_support") or {}).get("notes", "")
        stored[(code, number)] = (notes, bool(is_submitted))
    lost = [a for a in acks if stored.get((a.code, a.version)) != (a.notes, a.is_submitted)]
    for ack in lost[:5]:
        print(f"load: LOST {ack}", flush=True)
    print(f"load: {len(acks)} acknowledged saves checked against {len(rows)} versions stored")
    return len(lost)


@contextmanager
def _profiling(url: str, args: argparse.Namespace) -> Iterator[None]:
    """With --profile, py-spy records each server process during the run (folded stacks)."""
    if args.profile is None:
        yield
        return
    args.profile.mkdir(parents=True, exist_ok=True)
    seconds = int(args.warmup + args.duration + 15)
    py_spy = Path(sys.executable).with_name("py-spy")
    recorders = [
        subprocess.Popen(
            [
                str(py_spy),
                "record",
                "--format",
                "raw",
                "--duration",
                str(seconds),
                "--pid",
                str(pid),
                "--output",
                str(args.profile / f"server-{pid}.txt"),
                "--nonblocking",
                "--gil",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for pid in server_pids(url)
    ]
    try:
        yield
    finally:
        for recorder in recorders:
            recorder.send_signal(2)
            recorder.wait(timeout=30)


def _report(recorder: Recorder, lost: int, args: argparse.Namespace, database: str) -> None:
    samples = recorder.samples
    by_kind: dict[str, list[float]] = {}
    for sample in samples:
        by_kind.setdefault(sample.kind, []).append(sample.seconds)
    for kind, seconds in sorted(by_kind.items()):
        p50, p99 = _percentile(seconds, 50) * 1000, _percentile(seconds, 99) * 1000
        print(f"load:   {kind:<10} {len(seconds):>6} requests, p50 {p50:.0f} ms, p99 {p99:.0f} ms")
    for error, count in recorder.errors().most_common(8):
        print(f"load:   error x{count}: {error}")
    print(f"load: machine load after the run: {_uptime()}")
    if args.timeline:
        _print_timeline(samples)
    latencies = [sample.seconds for sample in samples]
    users = args.respondents + args.readers
    print(
        f"load: {users} users, {len(samples) / args.duration:.1f} req/s, "
        f"p50 {_percentile(latencies, 50) * 1000:.0f} ms, "
        f"p99 {_percentile(latencies, 99) * 1000:.0f} ms, "
        f"errors {sum(recorder.errors().values())}, lost {lost} "
        f"({database}, {args.workers} workers)"
    )


def _print_timeline(samples: list[Sample]) -> None:
    """Per second of the measured window: requests started, median and slowest latency (a
    pause of the whole server shows as a second where even the median is slow)."""
    if not samples:
        return
    first = min(sample.started for sample in samples)
    seconds: dict[int, list[float]] = {}
    for sample in samples:
        seconds.setdefault(int(sample.started - first), []).append(sample.seconds * 1000)
    for second, latencies in sorted(seconds.items()):
        print(
            f"load:   second {second:3d}: {len(latencies):4d} requests, "
            f"p50 {statistics.median(latencies):5.0f} ms, slowest {max(latencies):5.0f} ms"
        )


def _percentile(values: list[float], percent: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def _uptime() -> str:
    return "load average " + ", ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
