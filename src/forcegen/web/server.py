"""Serve the app with uvicorn (used by `forcegen serve` and the browser tests)."""

from __future__ import annotations

import uvicorn

from forcegen.bootstrap import Services
from forcegen.web.access_log import logging_config
from forcegen.web.app import create_app


def run(services: Services, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until interrupted. uvicorn ignores forwarded headers; the rate limiter reads
    X-Forwarded-For only from FORCEGEN_TRUSTED_PROXIES. Behind a TLS proxy, set
    FORCEGEN_SECURE_COOKIES=true."""
    uvicorn.run(
        create_app(services),
        host=host,
        port=port,
        proxy_headers=False,
        server_header=False,
        log_level="info",
        log_config=logging_config(),  # invitation tokens never reach the access log
    )
