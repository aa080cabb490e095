"""PostgreSQL appends an audit entry in one statement: `forcegen_audit_append`.

Revision ID: 0008_audit_append
Revises: 0007_position_quote

Appends are serialised (the chain must not fork), and the append lock is held until the
transaction commits. Taking the lock, reading the last entry and inserting the next were
three round trips from a busy server process, each waiting for the interpreter again, so on
a deadline day every save queued behind that lock for tens of milliseconds. The function
does the three inside the database: the lock, then (in a fresh snapshot, as a volatile
function's statements each take) the last entry, then the insert with its hash. The
application passes the canonical JSON of everything but the seq (`seq_free_content`) and
checks the hash the database computed against its own (store/audit.py). SQLite needs no
function: its writers hold the database's write lock from their first statement.
"""

from __future__ import annotations

from alembic import op

revision = "0008_audit_append"
down_revision: str | None = "0007_position_quote"
branch_labels: str | None = None
depends_on: str | None = None

# The advisory-lock key the appends took before: 0x666F726361756474, "forcaudt".
_CREATE = """
CREATE FUNCTION forcegen_audit_append(
    p_at timestamptz, p_actor text, p_action text, p_entity text, p_entity_id text,
    p_payload text, p_seq_free_content text
) RETURNS TABLE (out_seq integer, out_prev_hash text, out_hash text)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    last_seq integer;
    last_hash text;
BEGIN
    PERFORM pg_advisory_xact_lock(7381244085445944436);
    SELECT a.seq, a.hash INTO last_seq, last_hash
        FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
    IF NOT FOUND THEN
        last_seq := 0;
        last_hash := repeat('0', 64);
    END IF;
    out_seq := last_seq + 1;
    out_prev_hash := last_hash;
    out_hash := encode(sha256(convert_to(
        last_hash || p_seq_free_content || out_seq::text || '}', 'UTF8')), 'hex');
    INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, payload, prev_hash, hash)
        VALUES (out_seq, p_at, p_actor, p_action, p_entity, p_entity_id, p_payload,
                out_prev_hash, out_hash);
    RETURN NEXT;
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_CREATE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION forcegen_audit_append")
