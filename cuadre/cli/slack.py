"""`cuadre slack link`: an administrator links a Slack member to a Cuadre user."""

from __future__ import annotations

import typer

from api.channels.links import link_slack_user
from cuadre.cli.context import cli_errors, console, open_context

slack_app = typer.Typer(
    help="Slack: usuarios vinculados a usuarios de Cuadre.", no_args_is_help=True
)


@slack_app.command("link")
def link(
    team: str = typer.Option(..., "--team", help="Id del espacio de trabajo de Slack (T0123…)."),
    user: str = typer.Option(..., "--user", help="Id del miembro de Slack (U0456…)."),
    email: str = typer.Option(..., "--email", help="Usuario de la empresa."),
    company_nit: str | None = typer.Option(None, "--company-nit", help="NIT de la empresa."),
) -> None:
    """Vincula el miembro de Slack al usuario: Cuadre le responde con su empresa."""
    with cli_errors():
        ctx = open_context(company_nit)
        assert ctx.company.id is not None
        team_id, member = link_slack_user(
            ctx.engine, team_id=team, slack_user_id=user, email=email, company_id=ctx.company.id
        )
    console.print(
        f"El usuario de Slack {member} ({team_id}) queda vinculado a {email} en {ctx.company.name}."
    )
