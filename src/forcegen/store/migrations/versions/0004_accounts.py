"""Accounts: API tokens (several per user, named, scoped, expiring), server-side browser
sessions, and rate-limit counters shared by every server process.

Revision ID: 0004_accounts
Revises: 0003_public

The single `users.api_token_hash` of 0001_core becomes a row per token; a token issued
before this migration keeps working as a write token for 90 more days.
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0004_accounts"
down_revision: str | None = "0003_public"
branch_labels: str | None = None
depends_on: str | None = None

LEGACY_TOKEN_DAYS = 90


def upgrade() -> None:
    tokens = op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("scope", sa.String(10), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("scope IN ('read', 'write')", name=op.f("ck_api_tokens_scope")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_index(op.f("ix_api_tokens_user_id"), "api_tokens", ["user_id"])
    _carry_over_legacy_tokens(tokens)
    _create_sessions_and_rate_limits()
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(op.f("uq_users_api_token_hash"), type_="unique")
        batch.drop_column("api_token_hash")


def _create_sessions_and_rate_limits() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id_hash", sa.String(64), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=True),
        sa.Column("password_stamp", sa.String(16), nullable=True),
        sa.Column("invitation_token_hash", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_web_sessions")),
    )
    op.create_index(op.f("ix_web_sessions_user_id"), "web_sessions", ["user_id"])
    op.create_index(op.f("ix_web_sessions_expires_at"), "web_sessions", ["expires_at"])
    op.create_table(
        "rate_limits",
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_limits")),
    )


def _carry_over_legacy_tokens(tokens: sa.Table) -> None:
    users = sa.table("users", sa.column("id"), sa.column("api_token_hash"))
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(users.c.id, users.c.api_token_hash).where(users.c.api_token_hash.is_not(None))
    ).all()
    now = dt.datetime.now(dt.UTC)
    is_sqlite = connection.dialect.name == "sqlite"
    stamp = now.replace(tzinfo=None) if is_sqlite else now
    expires = stamp + dt.timedelta(days=LEGACY_TOKEN_DAYS)
    for user_id, token_hash in rows:
        connection.execute(
            tokens.insert().values(
                id=uuid.uuid4().hex,
                user_id=user_id,
                name="token issued before named tokens",
                scope="write",
                token_hash=token_hash,
                created_at=stamp,
                expires_at=expires,
            )
        )


def downgrade() -> None:
    op.drop_table("rate_limits")
    op.drop_index(op.f("ix_web_sessions_expires_at"), table_name="web_sessions")
    op.drop_index(op.f("ix_web_sessions_user_id"), table_name="web_sessions")
    op.drop_table("web_sessions")
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("api_token_hash", sa.String(64), nullable=True))
        batch.create_unique_constraint(op.f("uq_users_api_token_hash"), ["api_token_hash"])
    op.drop_index(op.f("ix_api_tokens_user_id"), table_name="api_tokens")
    op.drop_table("api_tokens")
