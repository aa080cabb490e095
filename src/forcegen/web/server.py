"""Serve the app with uvicorn (used by `forcegen serve` and the browser tests)."""

from __future__ import annotations

import uvicorn

from forcegen.bootstrap import Services
from forcegen.web.app import create_app


def run(services: Services, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until interrupted. Forwarded headers are ignored: run behind a proxy that sets
    no trust in them, or terminate TLS in front and set FORCEGEN_SECURE_COOKIES=true."""
    uvicorn.run(
        create_app(services),
        host=host,
        port=port,
        proxy_headers=False,
        server_header=False,
        log_level="info",
    )
