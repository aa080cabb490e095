"""Public-source record: sources, positions (with correction history) and reported pledges.

Revision ID: 0003_public
Revises: 0002_rounds
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_public"
down_revision: str | None = "0002_rounds"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    _create_sources()
    _create_positions()
    _create_pledges()


def _create_sources() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("locator", sa.Text(), nullable=False),
        sa.Column("outlet", sa.String(300), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("reliability", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
    )
    op.create_index(op.f("ix_sources_reliability"), "sources", ["reliability"])


def _create_positions() -> None:
    op.create_table(
        "positions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("actor_code", sa.String(8), nullable=False),
        sa.Column("actor", sa.String(300), nullable=False),
        sa.Column("topic", sa.String(40), nullable=False),
        sa.Column("stance", sa.String(20), nullable=False),
        sa.Column("quantity", sa.Float(), nullable=True),
        sa.Column("quantity_low", sa.Float(), nullable=True),
        sa.Column("quantity_high", sa.Float(), nullable=True),
        sa.Column("quantity_unit", sa.String(20), nullable=True),
        sa.Column("conditions", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("is_date_approximate", sa.Boolean(), nullable=False),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("supersedes", sa.String(64), nullable=True),
        sa.Column("superseded_by", sa.String(64), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_positions")),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_positions_source_id_sources")
        ),
        sa.ForeignKeyConstraint(
            ["supersedes"], ["positions.id"], name=op.f("fk_positions_supersedes_positions")
        ),
        sa.UniqueConstraint("supersedes", name=op.f("uq_positions_supersedes")),
    )
    for column in ("actor_code", "topic", "date", "source_id", "superseded_by"):
        op.create_index(op.f(f"ix_positions_{column}"), "positions", [column])


def _create_pledges() -> None:
    op.create_table(
        "public_pledges",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("contributor", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("capability", sa.String(100), nullable=True),
        sa.Column("personnel", sa.Integer(), nullable=False),
        sa.Column("platforms", sa.Integer(), nullable=False),
        sa.Column("value_eur", sa.Float(), nullable=True),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("sustained", sa.Boolean(), nullable=False),
        sa.Column("duration_months", sa.Integer(), nullable=True),
        sa.Column("start_month", sa.Integer(), nullable=False),
        sa.Column("caveats", sa.Text(), nullable=False),
        sa.Column("condition", sa.Text(), nullable=False),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_public_pledges")),
    )
    op.create_index(op.f("ix_public_pledges_contributor"), "public_pledges", ["contributor"])
    op.create_table(
        "public_pledge_sources",
        sa.Column("pledge_id", sa.String(64), nullable=False),
        sa.Column("ordinal", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("pledge_id", "ordinal", name=op.f("pk_public_pledge_sources")),
        sa.ForeignKeyConstraint(
            ["pledge_id"],
            ["public_pledges.id"],
            name=op.f("fk_public_pledge_sources_pledge_id_public_pledges"),
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_public_pledge_sources_source_id_sources")
        ),
    )
    op.create_index(
        op.f("ix_public_pledge_sources_source_id"), "public_pledge_sources", ["source_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_public_pledge_sources_source_id"), table_name="public_pledge_sources")
    op.drop_table("public_pledge_sources")
    op.drop_index(op.f("ix_public_pledges_contributor"), table_name="public_pledges")
    op.drop_table("public_pledges")
    for column in ("actor_code", "topic", "date", "source_id", "superseded_by"):
        op.drop_index(op.f(f"ix_positions_{column}"), table_name="positions")
    op.drop_table("positions")
    op.drop_index(op.f("ix_sources_reliability"), table_name="sources")
    op.drop_table("sources")
