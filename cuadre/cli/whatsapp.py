"""`cuadre whatsapp link`: an administrator links a WhatsApp number to a user."""

from __future__ import annotations

import typer

from api.channels.links import link_number
from cuadre.cli.context import cli_errors, console, open_context

whatsapp_app = typer.Typer(help="WhatsApp: números vinculados a usuarios.", no_args_is_help=True)


@whatsapp_app.command("link")
def link(
    phone: str = typer.Option(..., "--phone", help="Número con indicativo: +57 300 123 4567."),
    email: str = typer.Option(..., "--email", help="Usuario de la empresa."),
    company_nit: str | None = typer.Option(None, "--company-nit", help="NIT de la empresa."),
) -> None:
    """Vincula el número al usuario: Cuadre le responde por WhatsApp con su empresa."""
    with cli_errors():
        ctx = open_context(company_nit)
        assert ctx.company.id is not None
        digits = link_number(ctx.engine, phone=phone, email=email, company_id=ctx.company.id)
    console.print(f"El número {digits} queda vinculado a {email} en {ctx.company.name}.")
