"""Migrations and the engine: one schema on both backends, SQLite set up for concurrent use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from forcegen.model.amount import Count, Money
from forcegen.model.errors import InvalidInputError
from forcegen.model.pledge import Level, Pledge, PledgeId, PledgeKind
from forcegen.service.ports import Clock
from forcegen.service.public.ports import PositionQuery
from forcegen.store.engine import make_engine
from forcegen.store.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    row_metadata,
    upgrade,
)
from forcegen.store.uow import SqlUnitOfWork, make_session_factory


class TestUpgrade:
    def test_upgrade_brings_an_empty_database_to_the_newest_revision(
        self, database_url: str
    ) -> None:
        engine = make_engine(database_url)
        assert current_revision(engine) is None

        upgrade(engine)

        assert current_revision(engine) == head_revision()
        assert {"users", "audit_log"} <= set(inspect(engine).get_table_names())
        engine.dispose()

    def test_upgrade_twice_changes_nothing(self, engine: Engine) -> None:
        upgrade(engine)

        assert current_revision(engine) == head_revision()

    def test_core_revision_is_the_root_others_chain_from(self) -> None:
        scripts = ScriptDirectory.from_config(alembic_config())

        core = scripts.get_revision("0001_core")

        assert core is not None
        assert core.down_revision is None
        assert "0001_core" in {rev.revision for rev in scripts.walk_revisions()}

    def test_rows_and_migrations_describe_the_same_schema(self, engine: Engine) -> None:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, row_metadata())

        assert differences == []


class TestSqliteEngine:
    def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(
        self, tmp_path: Path
    ) -> None:
        engine = make_engine(f"sqlite:///{tmp_path / 'forcegen.db'}", busy_timeout_ms=4321)

        with engine.connect() as connection:
            journal = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
            foreign_keys = connection.exec_driver_sql("PRAGMA foreign_keys").scalar()
            busy_timeout = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()

        assert (journal, foreign_keys, busy_timeout) == ("wal", 1, 4321)
        engine.dispose()

    def test_sqlite_file_directory_is_created(self, tmp_path: Path) -> None:
        engine = make_engine(f"sqlite:///{tmp_path / 'var' / 'forcegen.db'}")

        upgrade(engine)

        assert (tmp_path / "var" / "forcegen.db").exists()
        engine.dispose()

    def test_a_failed_sqlite_transaction_leaves_no_table_behind(self, tmp_path: Path) -> None:
        engine = make_engine(f"sqlite:///{tmp_path / 'forcegen.db'}")

        def create_then_fail() -> None:
            with engine.begin() as connection:
                connection.execute(text("CREATE TABLE scratch (id INTEGER)"))
                raise RuntimeError("abort")

        with pytest.raises(RuntimeError):
            create_then_fail()

        assert "scratch" not in inspect(engine).get_table_names()
        engine.dispose()


class TestUnsupportedUrl:
    @pytest.mark.parametrize(
        "url",
        [
            "mysql://root@localhost/forcegen",
            "postgresql+psycopg2://postgres@localhost/forcegen",
            "oracle://scott:tiger@localhost/forcegen",
        ],
        ids=["mysql", "psycopg2", "oracle"],
    )
    def test_other_databases_are_refused_naming_the_setting(self, url: str) -> None:
        with pytest.raises(InvalidInputError, match="FORCEGEN_DATABASE_URL") as caught:
            make_engine(url)

        assert "sqlite:///var/forcegen.db" in caught.value.message

    def test_in_memory_sqlite_is_refused_with_a_file_example(self) -> None:
        with pytest.raises(InvalidInputError, match="in-memory") as caught:
            make_engine("sqlite://")

        assert "FORCEGEN_DATABASE_URL" in caught.value.message

    def test_garbage_is_refused_as_not_a_url(self) -> None:
        with pytest.raises(InvalidInputError, match="is not a database URL"):
            make_engine("not a url")

    def test_password_is_not_shown_in_the_message(self) -> None:
        with pytest.raises(InvalidInputError) as caught:
            make_engine("mysql://root:hunter2hunter2@localhost/forcegen")

        assert "hunter2hunter2" not in caught.value.message

    def test_bare_postgresql_urls_mean_psycopg_3(self) -> None:
        engine = make_engine("postgresql://postgres@127.0.0.1:5432/test")

        assert engine.dialect.driver == "psycopg"
        engine.dispose()


class TestAmountsMigration:
    def test_reported_pledges_stored_as_numbers_read_back_as_exact_amounts(
        self, database_url: str, clock: Clock
    ) -> None:
        engine = make_engine(database_url)
        upgrade(engine, "0004_accounts")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO public_pledges (id, contributor, kind, capability, personnel,"
                    " platforms, value_eur, quantity, item, sustained, duration_months,"
                    " start_month, caveats, condition, level, note) VALUES ('pl-1', 'GBR',"
                    " 'troops', 'land.combat', 7500, 0, NULL, NULL, '', TRUE, NULL, 0, '[]',"
                    " '', 'reported', ''), ('pl-2', 'EU', 'funding', NULL, 0, 0, 90000000000.0,"
                    " NULL, 'aid', TRUE, NULL, 0, '[]', '', 'reported', '')"
                )
            )

        upgrade(engine)

        with SqlUnitOfWork(make_session_factory(engine), clock) as uow:
            pledges: dict[str, Pledge] = {p.id: p for p in uow.pledges.list()}
        assert pledges["pl-1"].personnel == Count.exact(7500)
        assert pledges["pl-2"].value_eur == Money.exact(9e10)
        engine.dispose()

    def test_stated_amounts_are_stored_as_stated(
        self, uow_factory: Callable[[], SqlUnitOfWork]
    ) -> None:
        pledge = Pledge(
            id=PledgeId("pl-gb"),
            contributor="GBR",
            kind=PledgeKind.TROOPS,
            capability="land.combat",
            personnel="up to 7,500",
            start_month="9-12",
            level=Level.REPORTED,
        )
        with uow_factory() as uow:
            uow.pledges.add(pledge)
            uow.commit()

        with uow_factory() as uow:
            (stored,) = uow.pledges.list()

        assert stored == pledge


class TestPositionQuoteMigration:
    """0007 moves a source's quote to the position it was shown beside, and to no other."""

    def test_a_quote_moves_to_the_one_position_citing_its_source_and_to_no_other(
        self, database_url: str, clock: Clock
    ) -> None:
        engine = make_engine(database_url)
        upgrade(engine, "0006_latest_version")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO sources (id, kind, locator, outlet, published, quote, reliability)"
                    " VALUES ('src-pol', 'citation', 'https://a.example', '', NULL,"
                    " 'Poland stated that it does not plan to send its troops.', 'press'),"
                    " ('src-seed', 'citation', 'seed:000.txt', '', NULL,"
                    " 'What requirements for US support, if any?', 'press')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO positions (id, actor_code, actor, topic, stance, conditions,"
                    " date, is_date_approximate, source_id, summary, recorded_at, recorded_by)"
                    " VALUES"
                    " ('pos-pol', 'POL', '', 'troop_deployment', 'no', '', '2024-12-12', FALSE,"
                    " 'src-pol', 'No troops.', '2025-01-01 00:00:00', 't'),"
                    " ('pos-usa', 'USA', '', 'other', 'unknown', '', '2025-03-24', FALSE,"
                    " 'src-seed', 'Questionnaire.', '2025-01-01 00:00:00', 't'),"
                    " ('pos-ita', 'ITA', '', 'troop_deployment', 'considering', '', '2024-11-30',"
                    " FALSE, 'src-seed', 'Talk of peacekeepers.', '2025-01-01 00:00:00', 't')"
                )
            )

        upgrade(engine)

        with SqlUnitOfWork(make_session_factory(engine), clock) as uow:
            records = uow.positions.search(PositionQuery(is_history_included=True))
        quotes = {record.position.id: record.position.quote for record in records}
        assert quotes == {
            "pos-pol": "Poland stated that it does not plan to send its troops.",
            "pos-usa": "",
            "pos-ita": "",
        }
        engine.dispose()
