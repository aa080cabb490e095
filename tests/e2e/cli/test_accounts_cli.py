"""`forcegen users …` and `forcegen tokens …`: what an administrator types, every change
audited, a token's secret printed once and never listed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from forcegen.cli import app, context
from forcegen.model.web_session import ABSOLUTE_TIMEOUT, WebSession
from forcegen.service.accounts import api_tokens, users

PASSWORD = "correct horse battery staple"


@pytest.fixture
def cli(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("FORCEGEN_DATABASE_URL", database_url)
    monkeypatch.setenv("FORCEGEN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("FORCEGEN_SECRET_KEY", "k" * 48)
    context.reset()
    runner = CliRunner()
    runner.invoke(app, ["init", "--username", "alice", "--password", PASSWORD])
    yield runner
    context.reset()


def run(cli: CliRunner, *args: str) -> Result:
    return cli.invoke(app, list(args), catch_exceptions=False)


def words(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def audit_actions() -> list[str]:
    with context.services().uow() as uow:
        return [entry.action for entry in reversed(uow.audit.entries())]


def test_an_analyst_is_created_listed_disabled_and_re_enabled(cli: CliRunner) -> None:
    created = run(cli, "users", "create", "ana", "--role", "analyst", "--password", PASSWORD)
    disabled = run(cli, "users", "disable", "ana")
    listed = words(run(cli, "users", "list").stdout)
    enabled = run(cli, "users", "enable", "ana")

    assert created.exit_code == 0, created.output
    assert "Created analyst 'ana'" in created.stdout
    assert "Disabled 'ana'" in disabled.stdout
    assert "ana ana analyst disabled" in listed
    assert "alice alice coordinator enabled" in listed
    assert enabled.exit_code == 0
    assert audit_actions()[-3:] == ["user.create", "user.disable", "user.enable"]


def test_reset_password_replaces_the_password(cli: CliRunner) -> None:
    new = "another long passphrase"

    result = run(cli, "users", "reset-password", "alice", "--password", new)

    assert result.exit_code == 0, result.output
    assert users.authenticate(uow=context.services().uow(), username="alice", password=new)
    assert audit_actions()[-1] == "user.reset_password"


def test_a_token_is_printed_once_works_and_is_never_listed(cli: CliRunner) -> None:
    issued = run(cli, "tokens", "issue", "alice", "--name", "nightly export", "--days", "30")
    secret = issued.stdout.strip()
    listed = run(cli, "tokens", "list")

    assert issued.exit_code == 0, issued.output
    assert "it is not shown again" in words(issued.stderr)
    holder = api_tokens.authenticate_token(uow=context.services().uow(), token=secret)
    assert holder.user.username == "alice"
    assert holder.scope.value == "read"
    assert "nightly" in listed.stdout
    assert secret not in listed.stdout
    assert audit_actions()[-1] == "api_token.issue"


def test_a_revoked_token_stops_working(cli: CliRunner) -> None:
    secret = run(cli, "tokens", "issue", "alice", "--name", "script", "--scope", "write").stdout
    token_id = next(
        line.split()[1]
        for line in run(cli, "tokens", "list", "--user", "alice").stdout.splitlines()
        if "script" in line
    )

    result = run(cli, "tokens", "revoke", token_id)

    assert result.exit_code == 0, result.output
    assert "revoked" in words(run(cli, "tokens", "list").stdout)
    from forcegen.model.errors import AuthenticationError

    with pytest.raises(AuthenticationError):
        api_tokens.authenticate_token(uow=context.services().uow(), token=secret.strip())


def test_mistakes_are_one_line_errors(cli: CliRunner) -> None:
    role = run(cli, "users", "create", "bob", "--role", "admin", "--password", PASSWORD)
    last = run(cli, "users", "disable", "alice")
    ghost = run(cli, "tokens", "issue", "ghost", "--name", "x")

    assert (role.exit_code, last.exit_code, ghost.exit_code) == (1, 1, 1)
    assert "Unknown role 'admin': use one of coordinator, analyst" in role.stderr
    assert "'alice' is the last active coordinator" in words(last.stderr)
    assert "No user named 'ghost'" in ghost.stderr


def test_sessions_prune_deletes_ended_sessions_and_keeps_live_ones(cli: CliRunner) -> None:
    store = context.services().sessions
    now = context.services().clock.now()
    ended = [  # past the absolute end; idle for too long; and one still in use
        _session("a", created=now - dt.timedelta(hours=13), seen=now - dt.timedelta(hours=12)),
        _session("b", created=now - dt.timedelta(hours=5), seen=now - dt.timedelta(hours=3)),
    ]
    live = _session("c", created=now - dt.timedelta(hours=1), seen=now)
    for session in [*ended, live]:
        store.add(session)

    pruned = run(cli, "sessions", "prune")

    assert pruned.exit_code == 0
    assert "Deleted 2 ended sessions." in pruned.stdout
    assert [store.get(s.id_hash) for s in ended] == [None, None]
    assert store.get(live.id_hash) == live


def _session(letter: str, *, created: dt.datetime, seen: dt.datetime) -> WebSession:
    return WebSession(
        id_hash=letter * 64,
        csrf="x" * 32,
        created_at=created,
        last_seen_at=seen,
        expires_at=created + ABSOLUTE_TIMEOUT,
    )
