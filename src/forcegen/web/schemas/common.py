"""What every API body shares: the error shape, plain-text fields and the request base class.

Errors always have the shape `{"ok": false, "error": "...", "status": N}`, with `problems`
when particular fields are at fault; `ERROR_RESPONSES` documents it on every router.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, JsonValue

MAX_VERSION = 1_000_000


def _no_nul(value: JsonValue) -> JsonValue:
    """Refuse NUL characters anywhere: no database stores them, so they could only fail later."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("text must not contain NUL (\\u0000) characters; remove them")
    if isinstance(value, list):
        for item in value:
            _no_nul(item)
    if isinstance(value, dict):
        for key, item in value.items():
            _no_nul(key)
            _no_nul(item)
    return value


PlainText = Annotated[str, AfterValidator(_no_nul)]


AnswersJson = Annotated[dict[str, JsonValue], AfterValidator(_no_nul)]


class RequestBody(BaseModel):
    """A request body: unknown fields are refused, so a typo in a name is a 422 naming it."""

    model_config = ConfigDict(extra="forbid")


class ReadModel(BaseModel):
    """A response body read off a domain value attribute by attribute: `from_domain` copies
    the fields of the same name (nested bodies too), so a body lists its fields once."""

    model_config = ConfigDict(from_attributes=True)

    @classmethod
    def from_domain(cls, value: object) -> Self:
        return cls.model_validate(value)


class ProblemRead(BaseModel):
    path: str
    message: str


class ErrorRead(BaseModel):
    """Every error: what happened and what to do, its status, and the fields at fault."""

    ok: Literal[False] = False
    error: str
    status: int
    problems: list[ProblemRead] | None = None


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorRead, "description": description}
    for status, description in {
        400: "The request could not be read",
        401: "Missing or unknown token",
        403: "The token does not allow this",
        404: "No such round, invitation, response or version",
        409: "Conflict with the current state (closed round, concurrent save...)",
        413: "Request body too large",
        422: "Invalid fields; `problems` names each",
        429: "Too many failed attempts; see Retry-After",
    }.items()
}
