"""Access logs without secrets: path segments shaped like a token are written as `[redacted]`.

An invitation link is `/respond/<43 random characters>`; whoever reads a log line with it could
act as that government. Any path segment of 32 or more URL-safe characters is replaced
before the line is written, whatever route it belongs to; query strings are dropped from
logged paths (forcegen never puts secrets there, but a caller might).
"""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

from uvicorn.config import LOGGING_CONFIG

REDACTED = "[redacted]"
_TOKEN_SEGMENT = re.compile(r"(?<=/)[A-Za-z0-9_\-]{32,}(?=/|$|\?)")


def redact_path(path: str) -> str:
    """`path` with token-shaped segments redacted and without its query string."""
    return _TOKEN_SEGMENT.sub(REDACTED, path.split("?", 1)[0])


class RedactTokens(logging.Filter):
    """Rewrite the path argument of uvicorn's access lines (client, method, path, ...)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], redact_path(args[2]), *args[3:])
        return True


def logging_config() -> dict[str, Any]:
    """uvicorn's logging configuration with the redacting filter on the access handler."""
    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["redact_tokens"] = {"()": RedactTokens}
    config["handlers"]["access"]["filters"] = ["redact_tokens"]
    return config
