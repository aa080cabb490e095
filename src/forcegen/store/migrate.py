"""Schema migrations, run from code: Alembic with its scripts inside the package.

Revisions are chained by fixed ids: `0001_core` <- `0002_rounds` <- `0003_public` ...
(at most 32 characters, Alembic's limit). To write one, add
`migrations/versions/<id>.py` (copy 0001_core.py) or generate it against a scratch
database with the developer config:

    alembic -c src/forcegen/store/alembic.ini -x url=sqlite:///var/dev.db \\
        revision --autogenerate --rev-id 0002_rounds -m "rounds"

The whole upgrade runs in one transaction on both backends, so a failing migration
leaves the schema as it was.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData, func, select

from forcegen.model.errors import IntegrityError
from forcegen.store.base import Base

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# pg_advisory_xact_lock key: two processes starting at once must not both migrate.
_MIGRATION_LOCK_KEY = 0x666F7263_6D696772  # "forcmigr"


def alembic_config(connection: Connection | None = None) -> Config:
    """Return an Alembic config pointing at the packaged scripts (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database schema up to `revision` (default: the newest), in one transaction.

    Raises:
        IntegrityError: on SQLite, the migrated data breaks a foreign key (nothing is kept).
    """
    with (
        engine.connect() as connection,
        _sqlite_foreign_keys_deferred(connection),
        connection.begin(),
    ):
        if connection.dialect.name == "postgresql":
            connection.execute(select(func.pg_advisory_xact_lock(_MIGRATION_LOCK_KEY)))
        command.upgrade(alembic_config(connection), revision)
        _check_foreign_keys(connection)


def current_revision(engine: Engine) -> str | None:
    """Return the revision the database is at, or None for a database never migrated."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """Return the newest revision the packaged scripts define."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise IntegrityError(f"No migration scripts found in {MIGRATIONS_DIR}: reinstall forcegen.")
    return head


def row_metadata() -> MetaData:
    """Import every `forcegen.store.rows_*` module and return the metadata of all their tables."""
    package = importlib.import_module("forcegen.store")
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("rows_"):
            importlib.import_module(f"forcegen.store.{module.name}")
    return Base.metadata


@contextmanager
def _sqlite_foreign_keys_deferred(connection: Connection) -> Iterator[None]:
    """Switch SQLite's foreign keys off while migrating, as SQLite advises for table rebuilds.

    Alembic's batch mode alters an SQLite table by copying it and dropping the old one;
    with foreign keys on, that drop would fail or cascade into the referring tables.
    The pragma only works outside a transaction, so it is set on the driver connection
    before BEGIN; `_check_foreign_keys` verifies the result before commit.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    _sqlite_pragma(connection, "PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        _sqlite_pragma(connection, "PRAGMA foreign_keys=ON")


def _sqlite_pragma(connection: Connection, pragma: str) -> None:
    dbapi_connection = connection.connection.dbapi_connection
    if dbapi_connection is not None:
        cursor = dbapi_connection.cursor()
        cursor.execute(pragma)
        cursor.close()


def _check_foreign_keys(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        return
    violations = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if violations:
        shown = ", ".join(f"{row[0]} rowid {row[1]} -> {row[2]}" for row in violations[:5])
        raise IntegrityError(
            f"Migration would leave {len(violations)} rows pointing at missing rows "
            f"({shown}): nothing was changed. Fix the migration script or the data first."
        )
