"""How every router of the JSON API is declared: its path prefix and OpenAPI tag, the error
shape every route may answer (`ERROR_RESPONSES`), and, where one check serves every route,
who may call it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends

from forcegen.web.schemas.common import ERROR_RESPONSES


def api_router(prefix: str, tag: str, *, caller: Callable[..., Any] | None = None) -> APIRouter:
    """A JSON API router; `caller` is the dependency that authenticates every route of it."""
    dependencies = [Depends(caller)] if caller is not None else []
    return APIRouter(
        prefix=prefix, tags=[tag], dependencies=dependencies, responses=ERROR_RESPONSES
    )
