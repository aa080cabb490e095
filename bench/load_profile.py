"""The load bench's users: respondents autosaving and submitting, coordinators and analysts
reading, each on a seeded schedule, with every request timed and every save acknowledged.

    respondent   every 2 s a draft save of what was typed since the last one (the form's
                 debounced autosave: one request per pause in typing); twice in the measured
                 minute a submission (the form posted, then the page it redirects to)
    coordinator  every 3 s the next of: the round's status, one response, the round's
                 assessment (one of the named scenarios), the positions page
    analyst      every 3 s the next of: the public assessment, the positions page

A request counts when it starts inside the measured window; errors are transport failures and
answers of 400 and above. Each acknowledged save is kept to be checked against the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

from load_way_in import FORM_PATH, EntryError, FormPage, read_form_page

SAVE_PERIOD_SECONDS = 2.0
READ_PERIOD_SECONDS = 3.0
REQUEST_TIMEOUT_SECONDS = 30.0
Page = Callable[["Recorder"], tuple[str, str] | None]
"""A step of a reader's cycle: what kind of page to load, and its path (None: skip it)."""
WORDS = (
    *("ground", "forces", "contingent", "rotation", "air", "policing", "logistics", "hub"),
    *("medical", "team", "engineers", "precondition", "parliament", "approval", "ceasefire"),
    *("mandate", "headquarters", "training", "mission"),
)


@dataclass(frozen=True)
class Window:
    """The run's clock: warm-up from `start`, then the measured window, then stop."""

    start: float
    measured_from: float
    end: float

    def is_measured(self, moment: float) -> bool:
        return self.measured_from <= moment < self.end


@dataclass(frozen=True)
class Sample:
    kind: str
    seconds: float
    error: str | None
    started: float = 0.0


@dataclass(frozen=True)
class Ack:
    """A save the server acknowledged: which version, with which text, submitted or not."""

    code: str
    version: int
    notes: str
    is_submitted: bool


@dataclass
class Recorder:
    """Times requests and keeps those started in the measured window."""

    window: Window
    samples: list[Sample] = field(default_factory=list)
    acks: list[Ack] = field(default_factory=list)
    saved_codes: list[str] = field(default_factory=list)  # respondents with a stored save
    _saved: set[str] = field(default_factory=set)

    async def send(
        self, kind: str, call: Callable[[], Awaitable[httpx.Response]]
    ) -> httpx.Response | None:
        started = time.monotonic()
        error: str | None = None
        response: httpx.Response | None = None
        try:
            response = await call()
            if response.status_code >= 400:
                error = f"{kind} answered {response.status_code}"
        except httpx.HTTPError as err:
            error = f"{kind}: {type(err).__name__} {err}".strip()
        if self.window.is_measured(started):
            self.samples.append(Sample(kind, time.monotonic() - started, error, started))
        return None if error else response

    def acknowledge(self, ack: Ack) -> None:
        if ack.code not in self._saved:
            self._saved.add(ack.code)
            self.saved_codes.append(ack.code)
        self.acks.append(ack)

    def errors(self) -> Counter[str]:
        return Counter(sample.error for sample in self.samples if sample.error)


def answer_fields(notes: str, personnel: int) -> dict[str, str]:
    """A complete answer as the form posts it (fields named by answer path)."""
    return {
        "us_support.enablers[0].enabler": "us.air_cover",
        "us_support.enablers[0].term": "both",
        "us_support.enablers[0].necessity": "precondition",
        "us_support.notes": notes,
        "troops.decision": "conditional",
        "troops.contributions[0].capability": "land.combat",
        "troops.contributions[0].personnel": str(personnel),
        "troops.contributions[0].sustained": "true",
        "troops.contributions[0].condition": "us.air_cover",
    }


@dataclass
class Respondent:
    """One government's desk officer, typing into the form of its invitation."""

    code: str
    client: httpx.AsyncClient
    page: FormPage
    rng: random.Random
    submit_at: list[float]
    saves: int = 0

    async def run(self, recorder: Recorder) -> None:
        window = recorder.window
        next_at = window.start + self.rng.uniform(0, SAVE_PERIOD_SECONDS)
        while True:
            await _sleep_until(next_at)
            if time.monotonic() >= window.end:
                return
            if self.submit_at and time.monotonic() >= self.submit_at[0]:
                self.submit_at.pop(0)
                await self._submit(recorder)
            else:
                await self._save_draft(recorder)
            next_at = max(next_at + SAVE_PERIOD_SECONDS, time.monotonic())

    def _typed(self) -> tuple[str, int]:
        self.saves += 1
        words = " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(3, 12)))
        return f"{self.code} save {self.saves}: {words}", self.rng.randrange(100, 5000, 50)

    async def _save_draft(self, recorder: Recorder) -> None:
        notes, personnel = self._typed()
        body = answer_fields(notes, personnel) | {"base_version": str(self.page.base_version)}
        headers = {"Accept": "application/json", "X-CSRF-Token": self.page.csrf}
        response = await recorder.send(
            "save", lambda: self.client.post("/respond/draft", data=body, headers=headers)
        )
        if response is None:
            await self._reload(recorder)
            return
        self.page.base_version = int(response.json()["version"])
        recorder.acknowledge(Ack(self.code, self.page.base_version, notes, is_submitted=False))

    async def _submit(self, recorder: Recorder) -> None:
        notes, personnel = self._typed()
        body = answer_fields(notes, personnel) | {
            "base_version": str(self.page.base_version),
            "csrf_token": self.page.csrf,
            "attestation_name": f"Desk officer of {self.code}",
            "attestation_title": "Head of the planning unit",
        }
        posted = await recorder.send(
            "submit", lambda: self.client.post("/respond/submit", data=body)
        )
        if posted is None or posted.status_code != 303:
            await self._reload(recorder)
            return
        shown = await recorder.send("form", lambda: self.client.get(posted.headers["location"]))
        if shown is None:
            await self._reload(recorder)
            return
        self.page = read_form_page(shown)
        recorder.acknowledge(Ack(self.code, self.page.base_version, notes, is_submitted=True))

    async def _reload(self, recorder: Recorder) -> None:
        """After a failed save, load the form again, as the respondent would."""
        if time.monotonic() >= recorder.window.end:
            return
        shown = await recorder.send("form", lambda: self.client.get(FORM_PATH))
        if shown is not None:
            with contextlib.suppress(EntryError):
                self.page = read_form_page(shown)


@dataclass
class Reader:
    """A coordinator or analyst going through a cycle of pages, one every 3 s."""

    client: httpx.AsyncClient
    pages: list[Page]
    rng: random.Random
    position: int = 0

    async def run(self, recorder: Recorder) -> None:
        window = recorder.window
        self.position = self.rng.randrange(len(self.pages))
        next_at = window.start + self.rng.uniform(0, READ_PERIOD_SECONDS)
        while True:
            await _sleep_until(next_at)
            if time.monotonic() >= window.end:
                return
            choose = self.pages[self.position % len(self.pages)]
            self.position += 1
            page = choose(recorder)
            if page is not None:
                kind, path = page
                await recorder.send(kind, lambda path=path: self.client.get(path))
            next_at = max(next_at + READ_PERIOD_SECONDS, time.monotonic())


def coordinator_pages(round_id: str, scenarios: list[str], rng: random.Random) -> list[Page]:
    """The coordinator's cycle: status, a response someone saved, assessment, positions."""

    def status(_: Recorder) -> tuple[str, str]:
        return "status", f"/rounds/{round_id}"

    def response(recorder: Recorder) -> tuple[str, str] | None:
        if not recorder.saved_codes:
            return None
        return "response", f"/rounds/{round_id}/responses/{rng.choice(recorder.saved_codes)}"

    def assessment(_: Recorder) -> tuple[str, str]:
        return "assessment", f"/rounds/{round_id}/assessment?scenario={rng.choice(scenarios)}"

    return [status, response, assessment, _positions]


def analyst_pages() -> list[Page]:
    """The analyst's cycle: the public assessment, the positions page."""
    return [lambda _: ("public", "/assessment/public"), _positions]


def _positions(_: Recorder) -> tuple[str, str]:
    return "positions", "/positions"


async def _sleep_until(moment: float) -> None:
    delay = moment - time.monotonic()
    if delay > 0:
        await asyncio.sleep(delay)
