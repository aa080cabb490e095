"""Rounds: rounds, invitations, responses with append-only versions, and endorsements.

Revision ID: 0002_rounds
Revises: 0001_core

Triggers refuse UPDATE and DELETE on response versions and endorsements, so that even a
hand-written SQL statement cannot rewrite what a government answered.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_rounds"
down_revision: str | None = "0001_core"
branch_labels: str | None = None
depends_on: str | None = None

_APPEND_ONLY_TABLES = ("response_versions", "endorsements")
_INVITEE_STATUSES = "'invited', 'opened', 'draft', 'submitted', 'revised', 'withdrawn'"
_KINDS = "'endorse', 'endorse_with_reservations', 'reject'"


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    _create_rounds()
    _create_invitations()
    _create_responses()
    _create_endorsements()
    for table in _APPEND_ONLY_TABLES:
        _forbid_changes(table)


def _create_rounds() -> None:
    op.create_table(
        "rounds",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("questionnaire_key", sa.String(100), nullable=False),
        sa.Column("questionnaire_version", sa.Integer(), nullable=False),
        sa.Column("questionnaire", sa.JSON(), nullable=False),
        sa.Column("deadline", _when(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("closed_at", _when(), nullable=True),
        sa.Column("is_illustrative", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rounds")),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_rounds_status")),
    )


def _create_invitations() -> None:
    op.create_table(
        "invitations",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("round_id", sa.String(32), nullable=False),
        sa.Column("participant_code", sa.String(8), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("expires_at", _when(), nullable=False),
        sa.Column("revoked_at", _when(), nullable=True),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("last_activity_at", _when(), nullable=True),
        sa.Column("is_joint", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
        sa.ForeignKeyConstraint(
            ["round_id"], ["rounds.id"], name=op.f("fk_invitations_round_id_rounds")
        ),
        sa.UniqueConstraint(
            "round_id", "participant_code", name=op.f("uq_invitations_round_id_participant_code")
        ),
        sa.UniqueConstraint("token_hash", name=op.f("uq_invitations_token_hash")),
        sa.CheckConstraint(f"status IN ({_INVITEE_STATUSES})", name=op.f("ck_invitations_status")),
    )


def _create_responses() -> None:
    op.create_table(
        "responses",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("round_id", sa.String(32), nullable=False),
        sa.Column("participant_code", sa.String(8), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_responses")),
        sa.ForeignKeyConstraint(
            ["round_id"], ["rounds.id"], name=op.f("fk_responses_round_id_rounds")
        ),
        sa.UniqueConstraint(
            "round_id", "participant_code", name=op.f("uq_responses_round_id_participant_code")
        ),
    )
    op.create_table(
        "response_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("response_id", sa.String(64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("is_submitted", sa.Boolean(), nullable=False),
        sa.Column("is_withdrawn", sa.Boolean(), nullable=False),
        sa.Column("saved_at", _when(), nullable=False),
        sa.Column("saved_by", sa.String(200), nullable=False),
        sa.Column("attestation_name", sa.String(200), nullable=True),
        sa.Column("attestation_title", sa.String(200), nullable=True),
        sa.Column("attested_at", _when(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response_versions")),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["responses.id"],
            name=op.f("fk_response_versions_response_id_responses"),
        ),
        sa.UniqueConstraint(
            "response_id", "number", name=op.f("uq_response_versions_response_id_number")
        ),
        sa.CheckConstraint("number >= 1", name=op.f("ck_response_versions_number_positive")),
        sa.CheckConstraint(
            "NOT (is_submitted AND is_withdrawn)",
            name=op.f("ck_response_versions_submitted_or_withdrawn"),
        ),
    )


def _create_endorsements() -> None:
    op.create_table(
        "endorsements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("round_id", sa.String(32), nullable=False),
        sa.Column("joint_participant", sa.String(8), nullable=False),
        sa.Column("participant_code", sa.String(8), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("reserved_questions", sa.JSON(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("recorded_at", _when(), nullable=False),
        sa.Column("joint_version", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_endorsements")),
        sa.ForeignKeyConstraint(
            ["round_id"], ["rounds.id"], name=op.f("fk_endorsements_round_id_rounds")
        ),
        sa.UniqueConstraint(
            "round_id",
            "joint_participant",
            "participant_code",
            "number",
            name="uq_endorsements_verdict_number",
        ),
        sa.CheckConstraint(f"kind IN ({_KINDS})", name=op.f("ck_endorsements_kind")),
        sa.CheckConstraint("number >= 1", name=op.f("ck_endorsements_number_positive")),
    )


def _forbid_changes(table: str) -> None:
    """Refuse UPDATE and DELETE on an append-only table, on either backend."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION forcegen_append_only() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION '% rows are append-only: add a new row instead', TG_TABLE_NAME; "
            "END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION forcegen_append_only()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only: add a new row instead'); "
            "END"
        )


def downgrade() -> None:
    is_postgres = op.get_bind().dialect.name == "postgresql"
    for table in _APPEND_ONLY_TABLES:
        if is_postgres:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    if is_postgres:
        op.execute("DROP FUNCTION IF EXISTS forcegen_append_only()")
    op.drop_table("endorsements")
    op.drop_table("response_versions")
    op.drop_table("responses")
    op.drop_table("invitations")
    op.drop_table("rounds")
