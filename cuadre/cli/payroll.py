"""`cuadre payroll map|mappings|check|source|run`: the payroll integration from the terminal."""

from __future__ import annotations

from datetime import UTC, date, datetime

import typer
from rich.table import Table
from sqlmodel import select

from cuadre.cli.context import CliError, cli_errors, console, open_context
from cuadre.sealing import sealer
from ledger.models import Account, CostCenter, PayrollMapping, PayrollSource
from tools.errors import ToolError
from tools.payroll.concepts import CONCEPTS
from tools.payroll.mapping import check_report, set_mapping
from tools.payroll.schedule import post_due_payrolls

payroll_app = typer.Typer(help="Integración con el sistema de nómina.", no_args_is_help=True)
NIT = typer.Option(None, "--company-nit", help="NIT de la empresa (por defecto, la configurada).")


@payroll_app.command("map")
def map_command(
    concept: str = typer.Argument(..., help="Concepto de nómina (p. ej. salaries)."),
    account: str = typer.Argument(..., help="Cuenta auxiliar existente (p. ej. 510506)."),
    cost_center: str | None = typer.Option(None, "--cost-center", help="Código del centro."),
    company_nit: str | None = NIT,
) -> None:
    """Mapea un concepto de nómina a una cuenta auxiliar (y un centro de costo)."""
    with cli_errors():
        ctx = open_context(company_nit)
        with ctx.session() as session:
            try:
                set_mapping(session, ctx.company_id, concept, account, cost_center)
            except ToolError as exc:
                raise CliError(exc.message_es) from None
    extra = f" con centro de costo {cost_center}" if cost_center else ""
    console.print(f"Concepto {concept} → cuenta {account}{extra}.")


@payroll_app.command("mappings")
def mappings_command(company_nit: str | None = NIT) -> None:
    """Muestra el mapeo de conceptos de nómina."""
    with cli_errors():
        ctx = open_context(company_nit)
        with ctx.session() as session:
            rows = {m.concept: m for m in session.exec(select(PayrollMapping)).all()}
            table = Table("Concepto", "Nombre", "Cuenta", "Centro de costo")
            for item in CONCEPTS:
                row = rows.get(item.code)
                account = session.get(Account, row.account_id) if row else None
                center = (
                    session.get(CostCenter, row.cost_center_id)
                    if row and row.cost_center_id
                    else None
                )
                table.add_row(
                    item.code,
                    item.name,
                    account.code if account else "(sin mapear)",
                    center.code if center else "",
                )
    console.print(table)


@payroll_app.command("check")
def check_command(
    today: str | None = typer.Option(None, "--today", help="AAAA-MM-DD (por defecto, hoy)."),
    company_nit: str | None = NIT,
) -> None:
    """Advierte lo que falta antes de la próxima contabilización (el 1 y el 16)."""
    with cli_errors():
        ctx = open_context(company_nit)
        when = date.fromisoformat(today) if today else date.today()
        with ctx.session() as session:
            warnings = check_report(session, when)
    for line in warnings:
        console.print(f"[yellow]Advertencia:[/yellow] {line}", highlight=False)
    if warnings:
        raise typer.Exit(1)
    console.print("El mapeo de nómina está completo.")


# Sealed, a secret grows by about a half; the column holds 300 characters.
MAX_SECRET = 150


@payroll_app.command("source")
def source_command(
    username: str = typer.Option(..., "--username", help="Usuario en el sistema de nómina."),
    secret: str = typer.Option(..., "--secret", prompt=True, hide_input=True),
    base_url: str = typer.Option("", "--base-url", help="Por defecto CUADRE_PAYROLL_API_URL."),
    company_nit: str | None = NIT,
) -> None:
    """Configura la fuente de nómina de la empresa (URL y credenciales)."""
    with cli_errors():
        if not 0 < len(secret) <= MAX_SECRET:
            raise CliError(f"La clave de la nómina debe tener entre 1 y {MAX_SECRET} caracteres.")
        ctx = open_context(company_nit)
        with ctx.session() as session:
            sealed = sealer(ctx.settings).seal(secret)
            row = session.exec(select(PayrollSource)).first()
            row = row or PayrollSource(
                company_id=ctx.company_id, base_url=base_url, username=username, secret=sealed
            )
            row.base_url, row.username, row.secret, row.active = base_url, username, sealed, True
            session.add(row)
            session.commit()
    console.print("Fuente de nómina configurada.")


@payroll_app.command("run")
def run_command() -> None:
    """Contabiliza ya el último periodo cerrado de cada empresa con fuente de nómina."""
    with cli_errors():
        ctx = open_context(None)
        runs = post_due_payrolls(ctx.engine, ctx.settings, datetime.now(UTC))
    for run in runs:
        if run.posted:
            console.print(
                f"Empresa {run.company_id}: nómina {run.posted.period_key} contabilizada "
                f"(asiento {run.posted.adjustment_entry_id})."
            )
        else:
            console.print(f"Empresa {run.company_id}: {run.error}")
