"""The API reference page, rendered by us from the OpenAPI schema (no CDN, no script)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from forcegen.web.render import render

router = APIRouter(include_in_schema=False)

_METHODS = ("get", "post", "put", "patch", "delete")


@router.get("/api/docs", response_class=HTMLResponse)
def api_reference(request: Request) -> HTMLResponse:
    schema: dict[str, Any] = request.app.openapi()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": operation.get("summary", ""),
            "description": operation.get("description", ""),
            "security": ", ".join(
                name for requirement in operation.get("security", []) for name in requirement
            ),
        }
        for path, item in schema.get("paths", {}).items()
        for method, operation in item.items()
        if method in _METHODS
    ]
    context = {"operations": operations, "description": schema["info"].get("description", "")}
    return render(request, "api_docs.html", context)
