"""`cuadre users create`: a person who can log in to the panel of one company."""

from __future__ import annotations

import typer

from api.auth.users import create_user
from cuadre.cli.context import cli_errors, console, open_context

users_app = typer.Typer(help="Usuarios del panel.", no_args_is_help=True)


@users_app.command("create")
def create(
    email: str = typer.Option(..., "--email", help="Correo con el que inicia sesión."),
    name: str = typer.Option("", "--name", help="Nombre de la persona."),
    password: str = typer.Option(
        ..., "--password", prompt=True, hide_input=True, help="Contraseña (mínimo 8 caracteres)."
    ),
    company_nit: str | None = typer.Option(None, "--company-nit", help="NIT de la empresa."),
    role: str = typer.Option("owner", "--role", help="owner, accountant o viewer."),
) -> None:
    """Crea el usuario (o cambia su contraseña) y le da acceso a la empresa."""
    with cli_errors():
        ctx = open_context(company_nit)
        assert ctx.company.id is not None
        user = create_user(
            ctx.engine,
            email=email,
            name=name,
            password=password,
            company_id=ctx.company.id,
            role=role,
        )
    console.print(
        f"Usuario {user.email} con acceso a {ctx.company.name} ({ctx.company.nit_with_dv})."
    )
