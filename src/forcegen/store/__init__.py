"""SQL storage: engine, typed rows, repositories, the unit of work and Alembic migrations.

The only package that imports SQLAlchemy. Entry points for bootstrap:
`engine.make_engine`, `migrate.upgrade`, `uow.make_session_factory`, `uow.SqlUnitOfWork`.
"""
