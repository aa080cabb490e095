"""Alembic environment: runs on the connection `forcegen.store.migrate` hands over.

From the developer config (store/alembic.ini), pass the database with `-x url=...`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from forcegen.store.engine import make_engine
from forcegen.store.migrate import row_metadata

config = context.config
target_metadata = row_metadata()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by rebuilding them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("Pass the database to migrate: alembic ... -x url=sqlite:///var/dev.db")
    return url


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    handed_over: Connection | None = config.attributes.get("connection")
    if handed_over is not None:
        _run(handed_over)
    else:
        engine = make_engine(_url())
        try:
            with engine.connect() as connection:
                _run(connection)
                connection.commit()
        finally:
            engine.dispose()
