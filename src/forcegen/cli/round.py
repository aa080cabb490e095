"""`forcegen round …`: create a round, invite participants, follow it, export links, close it.

The commands call the same `service.rounds.coordinating` use cases as the web app and the API.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from forcegen.cli import context
from forcegen.cli.app import app
from forcegen.model.errors import InvalidInputError
from forcegen.model.participant import participant_name
from forcegen.model.round import IssuedInvitation, Round, invitation_path, parse_deadline
from forcegen.reports.invitation_links import LinkRow, links_csv
from forcegen.service.rounds import coordinating

round_app = typer.Typer(
    help="Run questionnaire rounds: create, invite, status, links, close.",
    no_args_is_help=True,
)
app.add_typer(round_app, name="round")

_out = Console(highlight=False, soft_wrap=True)
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


@round_app.command("create")
def create(
    title: str = typer.Option(..., "--title", help="Title respondents and coordinators see."),
    deadline: str = typer.Option(
        ..., "--deadline", help="Answer by: 2025-09-30 (end of day UTC) or 2025-09-30T18:00+02:00."
    ),
    questionnaire: str = typer.Option("default", "--questionnaire", help="Questionnaire key."),
    illustrative: bool = typer.Option(
        False, "--illustrative", help="Label the round as illustrative (not official answers)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the round as JSON."),
) -> None:
    """Create a round of a questionnaire with a deadline."""
    services = context.services()
    round_ = coordinating.create_round(
        uow=services.uow(),
        questionnaire=services.catalog.questionnaire(questionnaire),
        title=title,
        deadline=parse_deadline(deadline),
        actor=_actor(),
        is_illustrative=illustrative,
    )
    if as_json:
        typer.echo(json.dumps(_round_json(round_), indent=2, ensure_ascii=False))
        return
    _out.print(f"Round {round_.id} created: {round_.title!r}, deadline {_when(round_.deadline)}.")
    _out.print(f"Next: forcegen round invite {round_.id} FRA DEU POL GBR EU")


@round_app.command("list")
def list_() -> None:
    """List the rounds, newest first."""
    table = Table("id", "title", "status", "deadline", "questionnaire")
    for round_ in coordinating.list_rounds(uow=context.services().uow()):
        questionnaire = round_.questionnaire
        table.add_row(
            round_.id,
            round_.title,
            round_.status.value,
            _when(round_.deadline),
            f"{questionnaire.key} v{questionnaire.version}",
        )
    _out.print(table)


@round_app.command("invite")
def invite(
    round_id: str = typer.Argument(..., help="The round's id (see `forcegen round list`)."),
    codes: list[str] = typer.Argument(..., help="Participant codes, e.g. FRA DEU POL GBR EU."),
    valid_days: int = typer.Option(30, "--valid-days", help="Days the links stay valid."),
) -> None:
    """Invite participants; an organisation such as EU answers jointly for its members."""
    services = context.services()
    issued = coordinating.invite(
        uow=services.uow(),
        catalog=services.catalog,
        round_id=round_id,
        participant_codes=[c for code in codes for c in code.replace(",", " ").split()],
        actor=_actor(),
        valid_days=valid_days,
    )
    table = Table("code", "name", "joint", "link valid until")
    for item in issued:
        invitation = item.invitation
        table.add_row(
            invitation.participant_code,
            participant_name(invitation.participant_code),
            "yes" if invitation.is_joint else "",
            _when(invitation.expires_at),
        )
    _out.print(table)
    _out.print(
        f"Invited {len(issued)}. Export their links with: "
        f"forcegen round links {round_id} --output links.csv"
    )


@round_app.command("status")
def status(
    round_id: str = typer.Argument(..., help="The round's id."),
    as_json: bool = typer.Option(False, "--json", help="Print the status as JSON."),
) -> None:
    """Show where every invitee stands: status, last activity, versions, submissions."""
    report = coordinating.round_status(uow=context.services().uow(), round_id=round_id)
    if as_json:
        rows = [
            {
                "participant_code": row.invitation.participant_code,
                "participant_name": row.participant_name,
                "status": row.status.value,
                "last_activity_at": _iso(row.last_activity_at),
                "version_count": row.version_count,
                "submitted_count": row.submitted_count,
                "is_joint": row.invitation.is_joint,
                "is_revoked": row.invitation.is_revoked,
                "expires_at": _iso(row.invitation.expires_at),
            }
            for row in report.rows
        ]
        data = {"round": _round_json(report.round), "invitees": rows}
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    round_ = report.round
    _out.print(f"{round_.title} ({round_.id}), {round_.status.value}, due {_when(round_.deadline)}")
    table = Table("code", "name", "status", "last activity", "versions", "submitted")
    for row in report.rows:
        revoked = " (revoked)" if row.invitation.is_revoked else ""
        table.add_row(
            row.invitation.participant_code,
            row.participant_name,
            row.status.value + revoked,
            _when(row.last_activity_at) if row.last_activity_at else "",
            str(row.version_count),
            str(row.submitted_count),
        )
    _out.print(table)
    _out.print(", ".join(f"{s.value}: {n}" for s, n in report.counts.items()))


@round_app.command("close")
def close(round_id: str = typer.Argument(..., help="The round's id.")) -> None:
    """Close a round: no more drafts, submissions, withdrawals or endorsements."""
    round_ = coordinating.close_round(
        uow=context.services().uow(), round_id=round_id, actor=_actor()
    )
    closed = _when(round_.closed_at) if round_.closed_at else ""
    _out.print(f"Round {round_.id} ({round_.title!r}) closed at {closed}.")


@round_app.command("links")
def links(
    round_id: str = typer.Argument(..., help="The round's id."),
    output: Path = typer.Option(..., "--output", "-o", help="CSV file to write."),
    base_url: str = typer.Option(
        DEFAULT_BASE_URL, "--base-url", help="Address respondents use to reach forcegen."
    ),
    include_opened: bool = typer.Option(
        False, "--include-opened", help="Also reissue links already opened (they stop working)."
    ),
    valid_days: int = typer.Option(30, "--valid-days", help="Days the new links stay valid."),
) -> None:
    """Write invitation links to a CSV file, for delivery through your own channels.

    Tokens are stored only as hashes, so every export issues new links: the links it
    replaces stop working. Without --include-opened, only invitations never opened get one.
    """
    base = _checked_base_url(base_url)
    issued = coordinating.export_links(
        uow=context.services().uow(),
        round_id=round_id,
        actor=_actor(),
        include_opened=include_opened,
        valid_days=valid_days,
        deliver=lambda issued: write_links_csv(output, base, issued),
    )
    _out.print(
        f"Wrote {len(issued)} links to {output} (readable by you only). Earlier links for "
        "these invitations no longer work."
    )
    if not include_opened:
        _out.print("Invitations already opened were left alone; add --include-opened to reissue.")


def write_links_csv(path: Path, base_url: str, issued: list[IssuedInvitation]) -> None:
    """Write the links (see `forcegen.reports.invitation_links`); the file is private (0600)."""
    rows = [
        LinkRow(
            participant_code=item.invitation.participant_code,
            participant_name=participant_name(item.invitation.participant_code),
            link=base_url + invitation_path(item.token),
            expires_at=item.invitation.expires_at.isoformat(),
        )
        for item in issued
    ]
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
        handle.write(links_csv(rows))


def _checked_base_url(base_url: str) -> str:
    base = base_url.strip().rstrip("/")
    if not base.startswith(("https://", "http://")) or " " in base:
        raise InvalidInputError(
            f"--base-url {base_url!r} is not a web address: write it as "
            "https://forcegen.example.org (the address respondents open)."
        )
    return base


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _round_json(round_: Round) -> dict[str, object]:
    return {
        "id": round_.id,
        "title": round_.title,
        "status": round_.status.value,
        "deadline": _iso(round_.deadline),
        "questionnaire": round_.questionnaire.key,
        "questionnaire_version": round_.questionnaire.version,
        "created_at": _iso(round_.created_at),
        "created_by": round_.created_by,
        "closed_at": _iso(round_.closed_at),
        "is_illustrative": round_.is_illustrative,
    }


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _when(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
