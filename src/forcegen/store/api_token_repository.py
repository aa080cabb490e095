"""API tokens in SQL: the ApiTokenRepository port over the `api_tokens` table."""

from __future__ import annotations

import builtins

from sqlalchemy import select

from forcegen.model.api_token import ApiToken, ApiTokenId
from forcegen.model.errors import NotFoundError
from forcegen.model.user import UserId
from forcegen.store.mapping import copy_fields, from_row
from forcegen.store.repository import SqlRepository
from forcegen.store.rows_core import ApiTokenRow


class SqlApiTokenRepository(SqlRepository):
    """Reads and writes `ApiToken` values through one session; never commits."""

    def add(self, token: ApiToken) -> None:
        row = ApiTokenRow(id=token.id)
        copy_fields(token, row)
        self._session.add(row)
        self._session.flush()

    def update(self, token: ApiToken) -> None:
        row = self._session.get(ApiTokenRow, token.id)
        if row is None:
            raise NotFoundError(
                f"No API token with id {token.id!r}: list them with `forcegen tokens list`."
            )
        copy_fields(token, row)
        self._session.flush()

    def get(self, token_id: ApiTokenId) -> ApiToken | None:
        row = self._session.get(ApiTokenRow, token_id)
        return from_row(ApiToken, row) if row else None

    def get_by_hash(self, token_hash: str) -> ApiToken | None:
        row = self._session.scalar(select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash))
        return from_row(ApiToken, row) if row else None

    def for_user(self, user_id: UserId | None = None) -> builtins.list[ApiToken]:
        query = select(ApiTokenRow).order_by(ApiTokenRow.created_at.desc(), ApiTokenRow.id)
        if user_id is not None:
            query = query.where(ApiTokenRow.user_id == user_id)
        return [from_row(ApiToken, row) for row in self._session.scalars(query)]
