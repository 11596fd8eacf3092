"""`cuadre tokens create|list|revoke`: API tokens for integrations (shown once, stored hashed)."""

from __future__ import annotations

import typer
from rich.table import Table

from api.auth.tokens import create_token, list_tokens, revoke_token
from api.auth.users import find_user
from cuadre.cli.context import CliError, cli_errors, console, open_context
from ledger.money import format_date

tokens_app = typer.Typer(help="Tokens de API para integraciones.", no_args_is_help=True)
NIT = typer.Option(None, "--company-nit", help="NIT de la empresa (por defecto, la configurada).")


@tokens_app.command("create")
def create(
    email: str = typer.Option(..., "--email", help="Usuario dueño del token."),
    name: str = typer.Option("integración", "--name", help="Para qué es (p. ej. nómina)."),
    company_nit: str | None = NIT,
) -> None:
    """Crea un token y lo muestra una sola vez."""
    with cli_errors():
        ctx = open_context(company_nit)
        user = find_user(ctx.engine, email)
        if user is None or user.id is None or ctx.company.id is None:
            raise CliError(f"No existe el usuario {email}; créalo con `cuadre users create`.")
        issued = create_token(ctx.engine, company_id=ctx.company.id, user_id=user.id, name=name)
    console.print(
        f"Token «{issued.name}» (id {issued.prefix}). Cópialo ahora; no se vuelve a mostrar:"
    )
    console.print(issued.token, soft_wrap=True, highlight=False)


@tokens_app.command("list")
def list_command(company_nit: str | None = NIT) -> None:
    """Lista los tokens de la empresa (nunca el secreto)."""
    with cli_errors():
        ctx = open_context(company_nit)
        assert ctx.company.id is not None
        rows = list_tokens(ctx.engine, company_id=ctx.company.id)
    table = Table("Id", "Nombre", "Usuario", "Creado", "Estado")
    for row in rows:
        state = f"revocado {format_date(row.revoked_at.date())}" if row.revoked_at else "activo"
        table.add_row(
            row.prefix, row.name, row.user_email, format_date(row.created_at.date()), state
        )
    console.print(table)


@tokens_app.command("revoke")
def revoke(
    prefix: str = typer.Argument(..., help="Id del token (lo muestra `cuadre tokens list`)."),
    company_nit: str | None = NIT,
) -> None:
    """Revoca un token: deja de funcionar de inmediato."""
    with cli_errors():
        ctx = open_context(company_nit)
        assert ctx.company.id is not None
        if not revoke_token(ctx.engine, company_id=ctx.company.id, prefix=prefix):
            raise CliError(f"No hay un token activo con id {prefix} en esta empresa.")
    console.print(f"Token {prefix} revocado.")
