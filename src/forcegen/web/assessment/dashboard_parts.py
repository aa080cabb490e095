"""The dashboard's costly parts: built here, or in a process of their own beside the server.

A round's dashboard is assessed again after every submission (its parts are kept per data
version, see pages.py): about 100 ms of Python for a round of 200 answers. Inside a server
process that time holds the interpreter's lock, and every save waiting for a database
answer in that process waits for the lock too; on a deadline day the respondents' saves,
most of the traffic, queued behind the coordinators' dashboards for seconds. Built in a
separate process (`DashboardProcesses`, `forcegen serve` starts two per server process),
the work is shared out by the operating system instead, and a save never waits for a
dashboard.

The child builds its own services from the same settings: it reads the same database and
keeps its own caches. The parent hands it the data version it read (`at`), so the parts are
never older than the version they are kept under, exactly as when built in the server.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from jinja2 import Environment

from forcegen.bootstrap import Services, build_services
from forcegen.config import Settings
from forcegen.service.assessment.cached import DataAt, cached_assessment, cached_pledge_set
from forcegen.web.assessment.dashboard_query import DashboardQuery, selection_of
from forcegen.web.assessment.dashboard_view import dashboard_view
from forcegen.web.assessment.probability_view import probability_panel
from forcegen.web.gc_policy import collect_rarely
from forcegen.web.render import make_templates

PARTS_TEMPLATE = "_assessment_dashboard.html"  # the dashboard below the page header
START_TIMEOUT_SECONDS = 120
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DashboardParts:
    """The dashboard below its page header, as HTML (it holds nothing of the visitor's)."""

    title: str
    is_illustrative: bool
    html: str


@dataclass(frozen=True)
class PartsRequest:
    """What a dashboard is built from: the controls, the round (None: the public record), the
    query string as given (the probability sliders), the page's path and the data version."""

    query: DashboardQuery
    round_id: str | None
    params: tuple[tuple[str, str], ...]
    action: str
    at: DataAt


def build_parts(services: Services, templates: Environment, asked: PartsRequest) -> DashboardParts:
    """The assessment, the probability panel and their HTML at version `asked.at`.

    Raises:
        NotFoundError: no such round.
        InvalidInputError: an unknown control value.
        ConditionError: a pledge condition does not parse.
    """
    selection = selection_of(asked.query, services.catalog)
    assessment = cached_assessment(
        uow=services.uow(),
        catalog=services.catalog,
        selection=selection,
        cache=services.assessments,
        round_id=asked.round_id,
        pledge_sets=services.page_parts,
        at=asked.at,
    )
    panel = probability_panel(
        pledge_set=cached_pledge_set(
            uow=services.uow(), cache=services.page_parts, round_id=asked.round_id, at=asked.at
        ),
        catalog=services.catalog,
        selection=selection,
        params=asked.params,
        round_id=asked.round_id,
        action=asked.action,
    )
    view = dashboard_view(assessment, selection, services.catalog, asked.action)
    html = templates.get_template(PARTS_TEMPLATE).render(view=view, probability=panel)
    return DashboardParts(assessment.title, assessment.is_illustrative, html)


class DashboardProcesses:
    """Processes that build dashboards for one server process (started with it, stopped with
    it). Errors raised there (a round not found, a bad control value) are raised here; a
    process that dies (killed, out of memory) is replaced, and its dashboard built again."""

    def __init__(self, settings: Settings, processes: int) -> None:
        self._settings = settings
        self._processes = processes
        self._lock = threading.Lock()
        self._pool = self._started()

    def _started(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(
            max_workers=self._processes,
            # spawned, not forked: the server process runs threads, which a fork would copy
            # mid-way (a lock held by one of them stays held forever in the child)
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(self._settings,),
        )
        # start them now, not on the first coordinator's click (importing takes seconds)
        for started in [pool.submit(_ready) for _ in range(self._processes)]:
            started.result(timeout=START_TIMEOUT_SECONDS)
        return pool

    def build(self, asked: PartsRequest) -> DashboardParts:
        """Build the parts in one of the processes and wait for them."""
        pool = self._pool
        try:
            return pool.submit(_build, asked).result()
        except BrokenProcessPool:
            _log.warning("A dashboard process stopped; starting another and building again.")
            with self._lock:
                if self._pool is pool:
                    self._pool = self._started()
            return self._pool.submit(_build, asked).result()

    def pids(self) -> list[int]:
        """The processes' ids (for an operator's `ps`, and the test that kills one)."""
        return sorted(self._pool._processes)  # concurrent.futures keeps them by pid

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


_child: tuple[Services, Environment] | None = None


def _start(settings: Settings) -> None:
    global _child
    _child = (build_services(settings), make_templates())
    collect_rarely()


def _ready() -> bool:
    return _child is not None


def _build(asked: PartsRequest) -> DashboardParts:
    if _child is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("the dashboard process was not started")
    services, templates = _child
    return build_parts(services, templates, asked)


def params_of(items: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The query string's items as a hashable, picklable value."""
    return tuple((str(name), str(value)) for name, value in items)
