"""A quote belongs to the position it supports, not to the source.

Revision ID: 0007_position_quote
Revises: 0006_latest_version

One source backs several positions, so a quote stored on the source was shown beside
positions it does not support. Positions gain `quote`; the source's `quote` column goes.
An existing quote moves to the positions citing its source when they are versions of one
position (one current position cites the source): that quote was shown beside that
position alone. Where several current positions cite the source, which one the quote
supports cannot be told from the data, so it is not copied to any of them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_position_quote"
down_revision: str | None = "0006_latest_version"
branch_labels: str | None = None
depends_on: str | None = None

_MOVE_TO_POSITIONS = """
UPDATE positions SET quote = (
    SELECT s.quote FROM sources s WHERE s.id = positions.source_id)
WHERE (
    SELECT COUNT(*) FROM positions p
    WHERE p.source_id = positions.source_id AND p.superseded_by IS NULL) = 1
  AND EXISTS (
    SELECT 1 FROM sources s WHERE s.id = positions.source_id AND s.quote <> '')
"""

_MOVE_BACK_TO_SOURCES = """
UPDATE sources SET quote = COALESCE((
    SELECT MAX(p.quote) FROM positions p WHERE p.source_id = sources.id), '')
"""


def upgrade() -> None:
    with op.batch_alter_table("positions") as batch:
        batch.add_column(sa.Column("quote", sa.Text(), nullable=False, server_default=""))
    op.execute(_MOVE_TO_POSITIONS)
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("quote")


def downgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("quote", sa.Text(), nullable=False, server_default=""))
    op.execute(_MOVE_BACK_TO_SOURCES)
    with op.batch_alter_table("positions") as batch:
        batch.drop_column("quote")
