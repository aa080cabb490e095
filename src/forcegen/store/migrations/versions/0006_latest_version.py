"""Latest-version pointer on responses, and data-version counters for cached results.

Revision ID: 0006_latest_version
Revises: 0005_amounts

Each response row gains the count of its versions (the latest's number), of its submissions,
and the numbers of its newest submission and withdrawal; existing responses get them from
their versions. `data_versions` holds one counter per scope (`round:<id>`, `public`) that
every write changing what an assessment reads raises; existing scopes start at 1.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_latest_version"
down_revision: str | None = "0005_amounts"
branch_labels: str | None = None
depends_on: str | None = None

_BACKFILL = """
UPDATE responses SET
    version_count = (
        SELECT COUNT(*) FROM response_versions v WHERE v.response_id = responses.id),
    submitted_count = (
        SELECT COUNT(*) FROM response_versions v
        WHERE v.response_id = responses.id AND v.is_submitted),
    last_submitted_number = (
        SELECT MAX(v.number) FROM response_versions v
        WHERE v.response_id = responses.id AND v.is_submitted),
    last_withdrawn_number = (
        SELECT MAX(v.number) FROM response_versions v
        WHERE v.response_id = responses.id AND v.is_withdrawn)
"""


def upgrade() -> None:
    with op.batch_alter_table("responses") as batch:
        batch.add_column(
            sa.Column("version_count", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("submitted_count", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("last_submitted_number", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("last_withdrawn_number", sa.Integer(), nullable=True))
        batch.create_check_constraint("version_count", "version_count >= 0")
    op.execute(_BACKFILL)
    op.create_table(
        "data_versions",
        sa.Column("scope", sa.String(80), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("scope", name=op.f("pk_data_versions")),
    )
    op.execute(
        "INSERT INTO data_versions (scope, version) "
        "SELECT 'round:' || id, 1 FROM rounds UNION ALL SELECT 'public', 1"
    )


def downgrade() -> None:
    op.drop_table("data_versions")
    with op.batch_alter_table("responses") as batch:
        batch.drop_constraint("ck_responses_version_count", type_="check")
        for column in (
            "last_withdrawn_number",
            "last_submitted_number",
            "submitted_count",
            "version_count",
        ):
            batch.drop_column(column)
