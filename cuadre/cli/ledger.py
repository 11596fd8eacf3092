"""`cuadre ledger ...`: trial balance, journal, and a manual entry."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import typer
from rich.table import Table

from cuadre.cli.context import (
    CliContext,
    CliError,
    CompanyNitOption,
    cli_errors,
    console,
    open_context,
    parse_date,
    print_json,
)
from ledger.money import format_cop, format_date
from ledger.reports import journal as journal_report
from tools.ledger_tools import (
    ManualEntryInput,
    ManualLine,
    PostedEntryOutput,
    TrialBalanceInput,
    TrialBalanceOutput,
)
from tools.registry import preview_tool, run_tool

ledger_app = typer.Typer(
    help="Libros: balance de prueba, libro diario, asientos.", no_args_is_help=True
)


def _money(value: Decimal) -> str:
    # The header says pesos; the "$ " would only widen every column.
    return "" if value == 0 else format_cop(value).replace("$ ", "")


def render_trial_balance(ctx: CliContext, result: TrialBalanceOutput, title: str) -> None:
    """Print a trial balance as a rich table (also used by `cuadre demo`)."""
    with_opening = any(row.opening for row in result.rows)
    table = Table(title=f"{title} · {ctx.company.name} (pesos)", caption=result.summary)
    table.add_column("Cuenta", no_wrap=True)
    table.add_column("Nombre", overflow="fold", min_width=12)
    amounts = ("Saldo inicial", "Débitos", "Créditos", "Saldo final")
    for column in amounts if with_opening else amounts[1:]:
        table.add_column(column, justify="right", no_wrap=True)
    for row in result.rows:
        cells = [_money(row.opening)] if with_opening else []
        cells += [_money(row.debit), _money(row.credit), _money(row.closing)]
        table.add_row(row.code, row.name, *cells)
    table.add_section()
    totals = [_money(result.total_debit), _money(result.total_credit), ""]
    table.add_row("", "Totales", *([""] if with_opening else []), *totals)
    console.print(table)


@ledger_app.command("trial-balance")
def trial_balance(
    start: str | None = typer.Option(None, "--from", help="Desde (AAAA-MM-DD o DD/MM/AAAA)."),
    end: str | None = typer.Option(None, "--to", help="Hasta (inclusive)."),
    level: int = typer.Option(4, "--level", help="1 clase, 2 grupo, 4 cuenta, 6 subcuenta."),
    as_json: bool = typer.Option(False, "--json", help="Salida JSON."),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Balance de prueba por periodo y nivel de cuenta."""
    with cli_errors():
        if level not in (1, 2, 4, 6):
            raise CliError("El nivel debe ser 1, 2, 4 o 6.")
        ctx = open_context(company_nit)
        args = TrialBalanceInput.model_validate(
            {"start": parse_date(start), "end": parse_date(end), "level": level}
        )
        result = run_tool(ctx.tool_context(), "trial_balance", args)
    assert isinstance(result, TrialBalanceOutput)
    if as_json:
        print_json(result)
    else:
        render_trial_balance(ctx, result, "Balance de prueba")


@ledger_app.command("journal")
def journal(
    start: str | None = typer.Option(None, "--from", help="Desde (AAAA-MM-DD o DD/MM/AAAA)."),
    end: str | None = typer.Option(None, "--to", help="Hasta (inclusive)."),
    as_json: bool = typer.Option(False, "--json", help="Salida JSON."),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Libro diario: los asientos con sus líneas."""
    with cli_errors():
        ctx = open_context(company_nit)
        with ctx.session() as session:
            entries = journal_report(session, start=parse_date(start), end=parse_date(end))
    if as_json:
        print_json(entries)
        return
    if not entries:
        console.print("No hay asientos en el periodo.")
        return
    table = Table(title=f"Libro diario · {ctx.company.name} (pesos)")
    for column in ("N.º", "Fecha", "Cuenta", "Descripción", "Débito", "Crédito"):
        right = column in ("N.º", "Débito", "Crédito")
        table.add_column(
            column,
            justify="right" if right else "left",
            no_wrap=column != "Descripción",
            overflow="fold",
        )
    for entry in entries:
        note = f" (reversa el {entry.reverses})" if entry.reverses else ""
        note += f" (reversado por el {entry.reversed_by})" if entry.reversed_by else ""
        table.add_row(
            str(entry.number),
            format_date(entry.date),
            "",
            f"[bold]{entry.description}[/bold]{note}",
            "",
            "",
        )
        for line in entry.lines:
            table.add_row(
                "",
                "",
                line.account_code,
                line.account_name,
                _money(line.debit),
                _money(line.credit),
            )
        table.add_section()
    console.print(table)


def _parse_line(text: str) -> ManualLine:
    """`519530:50000` is a debit, `110505::50000` a credit."""
    parts = text.split(":")
    try:
        code, debit, credit = [*parts, "", ""][:3]
        return ManualLine(
            account_code=code.strip(),
            debit=Decimal(debit or "0"),
            credit=Decimal(credit or "0"),
        )
    except (InvalidOperation, ValueError) as exc:
        raise CliError(
            f"La línea «{text}» no es válida: usa CUENTA:DÉBITO para un débito "
            "o CUENTA::CRÉDITO para un crédito."
        ) from exc


@ledger_app.command("post")
def post(
    on: str = typer.Option(..., "--date", help="Fecha del asiento."),
    description: str = typer.Option(..., "--description", "-d", help="Qué se registra."),
    lines: list[str] = typer.Option(
        ..., "--line", help="CUENTA:DÉBITO o CUENTA::CRÉDITO (repetible)."
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help="Registrar sin preguntar."),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Registra un asiento manual, mostrando antes la vista previa."""
    with cli_errors():
        ctx = open_context(company_nit)
        on_date = parse_date(on)
        assert on_date is not None
        args = ManualEntryInput(
            date=on_date, description=description, lines=tuple(_parse_line(t) for t in lines)
        )
        preview = preview_tool(ctx.tool_context(), "post_manual_entry", args)
        table = Table(title=preview.summary)
        for column in ("Cuenta", "Nombre", "Débito", "Crédito"):
            table.add_column(column, justify="right" if column in ("Débito", "Crédito") else "left")
        for line in preview.lines:
            debit, credit = Decimal(line.debit), Decimal(line.credit)
            table.add_row(line.account, line.account_name, _money(debit), _money(credit))
        console.print(table)
        if not yes and not typer.confirm("¿Registrar el asiento?"):
            console.print("No se registró nada.")
            return
        result = run_tool(ctx.tool_context(), "post_manual_entry", args)
    assert isinstance(result, PostedEntryOutput)
    console.print(result.message)
