"""`cuadre companies ...`: create and list the companies of this data directory."""

from __future__ import annotations

import typer
from rich.table import Table

from cuadre.cli.context import (
    cli_errors,
    console,
    open_engine,
    print_json,
    read_config,
    set_default_company,
)
from cuadre.settings import get_settings
from ledger.companies import create_company, list_companies
from ledger.db import admin_session

companies_app = typer.Typer(help="Empresas: crear y listar.", no_args_is_help=True)


@companies_app.command("create")
def create(
    nit: str = typer.Option(..., "--nit", help="NIT con dígito de verificación: 900123456-7."),
    name: str = typer.Option(..., "--name", help="Razón social."),
    ciiu: list[str] = typer.Option([], "--ciiu", help="Actividad económica CIIU (repetible)."),
    not_vat_responsible: bool = typer.Option(
        False, "--no-iva", help="La empresa no es responsable de IVA."
    ),
    default: bool = typer.Option(False, "--default", help="Usarla por defecto en los comandos."),
) -> None:
    """Crea una empresa con el PUC completo, el banco «Banco 1» y el ítem de datos iniciales."""
    settings = get_settings()
    with cli_errors():
        engine = open_engine(settings)
        with admin_session(engine) as session:
            first = not list_companies(session)
            company = create_company(
                session,
                nit=nit,
                name=name,
                ciiu_codes=ciiu,
                vat_responsible=not not_vat_responsible,
                actor="cli",
            )
        if default or first or not read_config(settings).get("default_company_nit"):
            set_default_company(settings, company.nit_with_dv)
            note = " (empresa por defecto)"
        else:
            note = ""
    console.print(f"Empresa creada: [bold]{company.name}[/bold] NIT {company.nit_with_dv}{note}.")


@companies_app.command("list")
def list_(as_json: bool = typer.Option(False, "--json", help="Salida JSON.")) -> None:
    """Lista las empresas de este directorio de datos."""
    settings = get_settings()
    with cli_errors():
        engine = open_engine(settings)
        with admin_session(engine) as session:
            companies = list_companies(session)
    default = read_config(settings).get("default_company_nit")
    rows = [
        {
            "nit": c.nit_with_dv,
            "name": c.name,
            "ciiu": list(c.ciiu_list),
            "vat_responsible": c.vat_responsible,
            "books_closed_through": c.books_closed_through,
            "default": c.nit_with_dv == default,
        }
        for c in companies
    ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("Aún no hay empresas. Crea una con `cuadre companies create`.")
        return
    table = Table(title="Empresas")
    for column in ("NIT", "Razón social", "CIIU", "IVA", "Por defecto"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            str(row["nit"]),
            str(row["name"]),
            ", ".join(row["ciiu"]),  # type: ignore[arg-type]
            "sí" if row["vat_responsible"] else "no",
            "✓" if row["default"] else "",
        )
    console.print(table)
