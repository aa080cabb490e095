"""Limits on what a request may carry: body size (413), NUL characters and, in JSON bodies,
depth and long numbers (422, naming the place; see json_body.py).

Both are plain ASGI middleware in front of everything, so no route can forget them, and
both answer in the same error shape as the rest of the app (see errors.py).
"""

from __future__ import annotations

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from forcegen.web.errors import error_response
from forcegen.web.http_middleware import HttpMiddleware
from forcegen.web.json_body import json_body_problem


class BodyTooLargeError(HTTPException):
    """The 413; an HTTPException so that FastAPI's body parsing lets it through as is."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(
            status_code=413,
            detail=(
                f"The request body is larger than the limit of {max_bytes:,} bytes. Send less "
                "data (e.g. shorter texts or fewer rows per request)."
            ),
        )


class BodySizeLimitMiddleware(HttpMiddleware):
    """Refuse request bodies above `max_bytes` (413), whether announced or streamed."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        super().__init__(app)
        self.max_bytes = max_bytes

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        announced = _content_length(scope)
        if announced is not None and announced > self.max_bytes:
            await _refuse(scope, receive, send, BodyTooLargeError(self.max_bytes))
            return
        received = 0
        has_started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLargeError(self.max_bytes)
            return message

        async def watching_send(message: Message) -> None:
            nonlocal has_started
            has_started = has_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except BodyTooLargeError as error:
            # Raised while a middleware (not the app) was reading the body.
            if has_started:
                raise
            await _refuse(scope, receive, send, error)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() else None
    return None


async def _refuse(scope: Scope, receive: Receive, send: Send, error: HTTPException) -> None:
    response = error_response(Request(scope), status_code=error.status_code, message=error.detail)
    await response(scope, receive, send)


_NUL_MARKERS = (b"\x00", b"%00", b"\\u0000")
_TEXT_BODIES = ("application/json", "application/x-www-form-urlencoded", "text/")
NUL_MESSAGE = (
    "The request contains a NUL character (\\u0000 or %00), which no field may hold and "
    "neither database can store: remove it and send again."
)


class BodyContentGuardMiddleware(HttpMiddleware):
    """Refuse NUL characters in the path, the query and text bodies, and JSON bodies that
    json_body.py refuses (422), for every route.

    PostgreSQL cannot store NUL in text, so without this guard one would surface deep in a
    repository as a server error; a deep or long-numbered JSON body would be a server error
    or an unexplained 400 of the JSON parser. Files in multipart uploads pass (the file
    readers check them, naming row and column).
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw_path = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
        if _has_nul(raw_path) or _has_nul(scope.get("query_string", b"")):
            await _refuse_nul(scope, receive, send)
            return
        if not _content_type(scope).startswith(_TEXT_BODIES):
            await self.app(scope, receive, send)
            return
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False) and message["type"] == "http.request"
        if _content_type(scope).startswith("application/json"):
            problem = json_body_problem(body)
            if problem is not None:
                await _refuse_json(scope, receive, send, *problem)
                return
        elif _has_nul(body):
            await _refuse_nul(scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


def _has_nul(data: bytes) -> bool:
    lowered = data.lower()
    return any(marker in lowered for marker in _NUL_MARKERS)


def _content_type(scope: Scope) -> str:
    headers: list[tuple[bytes, bytes]] = scope["headers"]
    for name, value in headers:
        if name == b"content-type":
            return value.decode("latin-1").strip().lower()
    return ""


async def _refuse_nul(scope: Scope, receive: Receive, send: Send) -> None:
    response = error_response(Request(scope), status_code=422, message=NUL_MESSAGE)
    await response(scope, receive, send)


async def _refuse_json(scope: Scope, receive: Receive, send: Send, path: str, problem: str) -> None:
    where = f" at {path}" if path else ""
    response = error_response(
        Request(scope),
        status_code=422,
        message=f"The JSON body{where}: {problem}.",
        problems=[{"path": path or "body", "message": problem}],
    )
    await response(scope, receive, send)
