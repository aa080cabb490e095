"""`forcegen users …` and `forcegen tokens …`: accounts and API tokens, every change audited."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Column, Table

from forcegen.cli import context
from forcegen.cli.app import app
from forcegen.model.api_token import DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS
from forcegen.service.accounts import api_tokens, user_admin, users

_out = Console(highlight=False, soft_wrap=True)

users_app = typer.Typer(help="Create, list, disable and re-enable accounts; reset passwords.")
tokens_app = typer.Typer(help="Issue, list and revoke API tokens (shown once, stored hashed).")
app.add_typer(users_app, name="users", no_args_is_help=True)
app.add_typer(tokens_app, name="tokens", no_args_is_help=True)

_PASSWORD_HELP = "At least 12 characters (prompted, hidden, if omitted)."


@users_app.command("list")
def users_list() -> None:
    """List accounts with their role and whether they are enabled."""
    table = Table("username", "name", "role", "state", "created")
    for user in users.list_users(uow=context.services().uow()):
        state = f"disabled {user.disabled_at:%Y-%m-%d}" if user.disabled_at else "enabled"
        table.add_row(
            user.username, user.display_name, user.role.value, state, f"{user.created_at:%Y-%m-%d}"
        )
    _out.print(table)


@users_app.command("create")
def users_create(
    username: str = typer.Argument(..., help="Lower-case login name, e.g. a.martin."),
    role: str = typer.Option(..., "--role", help="analyst or coordinator."),
    display_name: str = typer.Option("", "--display-name", help="Full name (default: username)."),
    password: str = typer.Option(
        None, "--password", help=_PASSWORD_HELP, envvar="FORCEGEN_NEW_PASSWORD"
    ),
) -> None:
    """Create an analyst or coordinator account that logs in with a password."""
    secret = password or typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    user = users.create_user(
        uow=context.services().uow(),
        username=username,
        password=secret,
        role=role,
        display_name=display_name or username,
        actor=context.actor(),
    )
    _out.print(f"Created {user.role.value} {user.username!r}: they log in at /login.")


@users_app.command("disable")
def users_disable(username: str = typer.Argument(..., help="The account to disable.")) -> None:
    """Disable an account: its password, API tokens and open sessions stop working at once."""
    user = user_admin.set_disabled(
        uow=context.services().uow(), username=username, is_disabled=True, actor=context.actor()
    )
    _out.print(f"Disabled {user.username!r}; re-enable with `forcegen users enable {username}`.")


@users_app.command("enable")
def users_enable(username: str = typer.Argument(..., help="The account to re-enable.")) -> None:
    """Re-enable a disabled account (its unexpired, unrevoked tokens work again)."""
    user = user_admin.set_disabled(
        uow=context.services().uow(), username=username, is_disabled=False, actor=context.actor()
    )
    _out.print(f"Enabled {user.username!r}.")


@users_app.command("reset-password")
def users_reset_password(
    username: str = typer.Argument(..., help="The account."),
    password: str = typer.Option(
        None, "--password", help=_PASSWORD_HELP, envvar="FORCEGEN_NEW_PASSWORD"
    ),
) -> None:
    """Give an account a new password; its browser sessions end at once."""
    secret = password or typer.prompt("New password", hide_input=True, confirmation_prompt=True)
    user = user_admin.reset_password(
        uow=context.services().uow(), username=username, password=secret, actor=context.actor()
    )
    _out.print(f"New password set for {user.username!r}; their open sessions were ended.")


@tokens_app.command("issue")
def tokens_issue(
    username: str = typer.Argument(..., help="The account the token acts as."),
    name: str = typer.Option(..., "--name", help="What uses it, e.g. 'nightly export'."),
    scope: str = typer.Option(
        "read", "--scope", help="read (GET only) or write (all the account's role may do)."
    ),
    days: int = typer.Option(
        DEFAULT_TOKEN_DAYS, "--days", help=f"Days until it expires (1 to {MAX_TOKEN_DAYS})."
    ),
) -> None:
    """Issue an API token and print it once: only its hash is kept."""
    issued = api_tokens.issue_token(
        uow=context.services().uow(),
        username=username,
        actor=context.actor(),
        name=name,
        scope=scope,
        valid_days=days,
    )
    token = issued.token
    typer.echo(issued.secret)
    typer.echo(
        f"Token {token.id} ({token.scope.value}) for {username!r}, expires "
        f"{token.expires_at:%Y-%m-%d}. Copy it now: it is not shown again. Send it as "
        "`Authorization: Bearer <token>`.",
        err=True,
    )


@tokens_app.command("list")
def tokens_list(
    username: str = typer.Option(None, "--user", help="Only this account's tokens."),
) -> None:
    """List tokens (never their secrets): id, account, name, scope, state, expiry."""
    services = context.services()
    now = services.clock.now()
    table = Table("user", "name", "scope", "state", "expires")
    table.columns.insert(0, Column("id", no_wrap=True, min_width=16))  # ids are typed back
    table.columns[-1].no_wrap = True
    for token, user in api_tokens.list_tokens(uow=services.uow(), username=username):
        table.add_row(
            token.id,
            user.username,
            token.name,
            token.scope.value,
            token.state(now),
            f"{token.expires_at:%Y-%m-%d}",
        )
    _out.print(table)


@tokens_app.command("revoke")
def tokens_revoke(
    token_id: str = typer.Argument(..., help="The id from `forcegen tokens list`."),
) -> None:
    """Revoke a token at once."""
    token = api_tokens.revoke_token(
        uow=context.services().uow(), token_id=token_id, actor=context.actor()
    )
    _out.print(f"Revoked token {token.id} ({token.name!r}).")
