"""The one place where errors become HTTP responses, for pages and the API alike.

    ForcegenError subclass  ->  status (STATUS_BY_ERROR, most specific class wins)
    HTTPException           ->  its status (404 unknown route, 405, 413 body too large)
    RequestValidationError  ->  422, naming the field
    TooManyAttemptsError    ->  429 with Retry-After
    anything else           ->  500, logged, with no internals in the body

The API (and any request asking for JSON) gets `{"ok": false, "error": "...", "status": N}`
(plus `problems`, a list of `{path, message}`, when fields are at fault); pages get
`_error.html`, as a full page or as an HTMX fragment.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from forcegen.model.errors import (
    AuthenticationError,
    ConflictError,
    ForcegenError,
    IntegrityError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    RuleViolationError,
    StorageUnavailableError,
)
from forcegen.web.deps import client_address
from forcegen.web.ratelimit import AttemptLimiter, TooManyAttemptsError
from forcegen.web.render import is_htmx, render

logger = logging.getLogger(__name__)

STATUS_BY_ERROR: dict[type[ForcegenError], int] = {
    ForcegenError: 400,
    InvalidInputError: 422,
    NotFoundError: 404,
    ConflictError: 409,
    RuleViolationError: 409,
    AuthenticationError: 401,
    PermissionDeniedError: 403,
    IntegrityError: 500,
    StorageUnavailableError: 503,
}

_TITLES = {
    400: "Request not accepted",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Not possible right now",
    413: "Request too large",
    422: "Please correct the input",
    429: "Too many attempts",
    500: "Something went wrong on our side",
    503: "Temporarily unavailable",
}


class LoginRequiredError(AuthenticationError):
    """A coordinator page was requested without a coordinator session: pages redirect to login."""


def status_for(error: ForcegenError) -> int:
    """The status of the most specific mapped class in the error's ancestry."""
    for cls in type(error).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return 400


def wants_json(request: Request) -> bool:
    """The API, and scripts or autosave calls that ask for JSON, get JSON errors."""
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(
    request: Request,
    *,
    status_code: int,
    message: str,
    problems: Sequence[Mapping[str, str]] = (),
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The error in the shape the caller reads: JSON for the API, `_error.html` for pages."""
    if wants_json(request):
        body: dict[str, Any] = {"ok": False, "error": message, "status": status_code}
        if problems:
            body["problems"] = [dict(problem) for problem in problems]
        return JSONResponse(body, status_code=status_code, headers=dict(headers or {}))
    context = {
        "title": _TITLES.get(status_code, "Request not accepted"),
        "message": message,
        "status": status_code,
        "problems": list(problems),
    }
    return render(request, "_error.html", context, status_code=status_code, headers=headers)


async def _forcegen_error(request: Request, error: Exception) -> Response:
    if not isinstance(error, ForcegenError):  # pragma: no cover - registered for the class
        raise error
    if isinstance(error, LoginRequiredError) and not wants_json(request):
        login = f"/login?next={quote(request.url.path, safe='/')}"
        if is_htmx(request):
            # A fragment request (e.g. the polled invitee table) reloads the whole page instead
            # of swapping the login form into the table.
            return Response(status_code=401, headers={"HX-Redirect": login})
        return RedirectResponse(login, status_code=303)
    if isinstance(error, AuthenticationError) and (refused := _count_failed_attempt(request)):
        return refused
    status_code = status_for(error)
    if status_code >= 500:
        logger.error("%s: %s", type(error).__name__, error.message)
    raw_problems = getattr(error, "problems", ())
    problems = [{"path": str(p.path), "message": str(p.message)} for p in raw_problems]
    return error_response(
        request, status_code=status_code, message=error.message, problems=problems
    )


def _count_failed_attempt(request: Request) -> Response | None:
    """A wrong token counts towards the caller's limit (purpose set by the auth dependency);
    an address already over it gets the 429 instead of the 401."""
    purpose = getattr(request.state, "auth_purpose", None)
    limiter: AttemptLimiter | None = getattr(request.app.state, "limiter", None)
    if not purpose or limiter is None:
        return None
    client = client_address(request)
    try:
        limiter.refuse_if_throttled(client, purpose)
    except TooManyAttemptsError as err:
        limiter.record_failure(client, purpose)
        headers = {"Retry-After": str(err.retry_after_seconds)}
        return error_response(request, status_code=429, message=err.message, headers=headers)
    limiter.record_failure(client, purpose)
    return None


async def _http_error(request: Request, error: Exception) -> Response:
    if not isinstance(error, StarletteHTTPException):  # pragma: no cover
        raise error
    message = error.detail if isinstance(error.detail, str) else "Request not accepted."
    if error.status_code == 404 and message == "Not Found":
        message = f"There is no page or endpoint at {request.url.path}. Check the address."
    if error.status_code == 405:
        message = f"{request.method} is not accepted at {request.url.path}."
    return error_response(
        request, status_code=error.status_code, message=message, headers=error.headers
    )


async def _validation_error(request: Request, error: Exception) -> Response:
    if not isinstance(error, RequestValidationError):  # pragma: no cover
        raise error
    problems = [_describe_problem(item) for item in error.errors()]
    if any(item.get("type") == "json_invalid" for item in error.errors()):
        message = (
            "The request body is not valid JSON: send a JSON object with the fields listed "
            "in /api/openapi.json."
        )
    else:
        listed = "; ".join(f"{p['path']}: {p['message']}" for p in problems[:5])
        message = f"The request has invalid fields: {listed}. Correct them and send again."
    return error_response(request, status_code=422, message=message, problems=problems)


def _describe_problem(item: Mapping[str, Any]) -> dict[str, str]:
    path = ".".join(str(part) for part in item.get("loc", ()))
    message = str(item.get("msg", "is not valid"))
    if "input" in item and item.get("type") not in {"missing", "json_invalid"}:
        shown = repr(item["input"])
        message += f" (got {shown[:60]}{'…' if len(shown) > 60 else ''})"
    return {"path": path, "message": message}


async def _too_many_attempts(request: Request, error: Exception) -> Response:
    if not isinstance(error, TooManyAttemptsError):  # pragma: no cover
        raise error
    headers = {"Retry-After": str(error.retry_after_seconds)}
    return error_response(request, status_code=429, message=error.message, headers=headers)


async def _unexpected_error(request: Request, error: Exception) -> Response:
    logger.exception("Unexpected error on %s %s", request.method, request.url.path)
    message = (
        "An unexpected error stopped this request; nothing was saved by it. Try again, and "
        "if it happens again tell the system's operator the time it happened."
    )
    return error_response(request, status_code=500, message=message)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers on `app` (called once by `create_app`)."""
    app.add_exception_handler(ForcegenError, _forcegen_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(TooManyAttemptsError, _too_many_attempts)
    app.add_exception_handler(Exception, _unexpected_error)
