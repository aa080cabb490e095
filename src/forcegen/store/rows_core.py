"""Rows of the core tables: user accounts and the hash-chained audit log (migration 0001_core)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from forcegen.model.user import Role
from forcegen.store.base import Base
from forcegen.store.timestamp import UtcDateTime

_ROLES_SQL = ", ".join(f"'{role.value}'" for role in Role)


class UserRow(Base):
    """A user account; secrets are stored only as hashes (argon2 password, sha256 token)."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(f"role IN ({_ROLES_SQL})", name="role"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    api_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    disabled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class AuditRow(Base):
    """One audit entry. `seq` is assigned by the audit log itself, without gaps.

    `seq` is written explicitly rather than drawn from a database sequence: the hash
    covers it, so it must be known before the insert, and PostgreSQL sequences skip
    values on rollback, which would look like a deleted entry.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index(None, "entity", "entity_id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(100))
    entity_id: Mapped[str] = mapped_column(String(200))
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON (see model.audit)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
