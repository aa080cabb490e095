"""The shapes of path and query parameters, checked before any handler runs.

Every router takes ids from these aliases, so a round id, a country code or a version
number has one pattern everywhere (a malformed one is a 422 naming the parameter).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

RoundIdPath = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
InvitationIdPath = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
PositionIdPath = Annotated[str, Path(pattern=r"^[A-Za-z0-9._~-]{1,64}$")]
CodePath = Annotated[str, Path(pattern=r"^[A-Za-z]{2,8}$")]
VersionQuery = Annotated[int | None, Query(ge=1, le=1_000_000)]
PageQuery = Annotated[int, Query(ge=1, le=1_000_000)]
ShortQuery = Annotated[str, Query(max_length=64)]
