"""The declarative base shared by every row module, with names for every constraint.

Named constraints let Alembic migrations alter or drop them on both backends (SQLite
batch mode needs names to find them); the convention makes the names predictable:
`pk_users`, `uq_users_username`, `ck_users_role`, `fk_<table>_<column>_<other table>`,
`ix_<table>_<column>`.
"""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "pk": "pk_%(table_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
}


class Base(DeclarativeBase):
    """Base class of all rows (`UserRow`, `AuditRow`, ...); one MetaData for all tables."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
