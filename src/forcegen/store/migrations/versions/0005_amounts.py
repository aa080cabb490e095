"""Reported pledges keep their amounts as stated ("up to 7500", "about 150", "unknown").

The personnel, platforms, value, quantity and start month (lead time) of a reported pledge
become text holding the statement (`Amount.file_text`); the numbers stored so far read back
as exact amounts.

Revision ID: 0005_amounts
Revises: 0004_accounts
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005_amounts"
down_revision: str | None = "0004_accounts"
branch_labels: str | None = None
depends_on: str | None = None

STATEMENT_LENGTH = 80
# column -> (type before, nullable)
_COLUMNS: dict[str, tuple[sa.types.TypeEngine[Any], bool]] = {
    "personnel": (sa.Integer(), False),
    "platforms": (sa.Integer(), False),
    "value_eur": (sa.Float(), True),
    "quantity": (sa.Integer(), True),
    "start_month": (sa.Integer(), False),
}


def upgrade() -> None:
    with op.batch_alter_table("public_pledges") as batch:
        for column, (before, nullable) in _COLUMNS.items():
            batch.alter_column(
                column,
                existing_type=before,
                type_=sa.String(STATEMENT_LENGTH),
                existing_nullable=nullable,
                postgresql_using=f"{column}::text",
            )


def downgrade() -> None:
    """Back to numbers; fails on any amount that is not one (nothing is silently lost)."""
    cast = {
        "personnel": "integer",
        "platforms": "integer",
        "value_eur": "double precision",
        "quantity": "integer",
        "start_month": "integer",
    }
    with op.batch_alter_table("public_pledges") as batch:
        for column, (before, nullable) in _COLUMNS.items():
            batch.alter_column(
                column,
                existing_type=sa.String(STATEMENT_LENGTH),
                type_=before,
                existing_nullable=nullable,
                postgresql_using=f"{column}::{cast[column]}",
            )
