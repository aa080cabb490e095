"""Serve the app with uvicorn (used by `forcegen serve` and the browser tests).

One process, or several (`workers`): uvicorn then starts that many processes that share the
listening socket, each building its own services from the environment. They share nothing
in memory that matters: sessions and rate limits live in the database (or Redis), and
cached assessments are keyed by the data version every process reads from the database, so
any process can answer any request.

Connections are kept open for `KEEP_ALIVE_SECONDS` between requests. uvicorn's default of
5 s caused the connection resets seen under load (docs/operations.md): a client sends its
next request on a kept-alive connection just as the busy server's keep-alive timer fires
and closes it, and the kernel answers the unread request with a reset. Behind a proxy,
the server must keep connections longer than the proxy does, so that the proxy is always
the side that closes an idle connection; proxies commonly keep them for 60 s.
"""

from __future__ import annotations

import functools
import os

import uvicorn
from fastapi import FastAPI

from forcegen.bootstrap import Services, build_services
from forcegen.config import Settings
from forcegen.web.access_log import logging_config
from forcegen.web.app import create_app
from forcegen.web.gc_policy import collect_rarely

KEEP_ALIVE_SECONDS = 75
"""Longer than a proxy's idle timeout (nginx, common load balancers: 60 s)."""
HEALTHCHECK_SECONDS = 60
"""How long uvicorn's parent waits for a busy worker to answer its ping before killing it
(uvicorn's 5 s default kills workers that are merely saturated, dropping their requests)."""
BACKLOG = 4096
"""Connections the kernel queues before the server accepts them (a deadline-day burst)."""


def run(
    services: Services,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    dashboard_processes: int | None = None,
) -> None:
    """Serve until interrupted. uvicorn ignores forwarded headers; the rate limiter reads
    X-Forwarded-For only from FORCEGEN_TRUSTED_PROXIES. Behind a TLS proxy, set
    FORCEGEN_SECURE_COOKIES=true.

    With `workers` > 1 the given services are only used to check the database (and upgrade
    its schema) once before the processes start; each process builds its own. Each server
    process starts `dashboard_processes` processes that build the assessment dashboards
    (default: FORCEGEN_DASHBOARD_PROCESSES; see web/assessment/dashboard_parts.py). A server
    process, once built, is garbage-collected rarely (gc_policy); an app built by a test is
    not, since its process goes on to build many more.
    """
    serve = functools.partial(
        uvicorn.run,
        host=host,
        port=port,
        proxy_headers=False,
        server_header=False,
        log_level="info",
        log_config=logging_config(),  # invitation tokens never reach the access log
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        backlog=BACKLOG,
    )
    if workers <= 1:
        app = create_app(services, dashboard_processes=dashboard_processes)
        collect_rarely()
        serve(app)
        return
    if dashboard_processes is not None:  # the worker processes read their settings from here
        os.environ["FORCEGEN_DASHBOARD_PROCESSES"] = str(dashboard_processes)
    services.close()
    serve(
        f"{__name__}:app_from_environment",
        factory=True,
        workers=workers,
        timeout_worker_healthcheck=HEALTHCHECK_SECONDS,
    )


def app_from_environment() -> FastAPI:
    """The app of one worker process: services from the same environment as the parent's."""
    app = create_app(build_services(Settings.from_env(os.environ)))
    collect_rarely()
    return app
