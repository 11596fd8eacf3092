"""`cuadre accounts ...`: the company's chart of accounts."""

from __future__ import annotations

import typer
from rich.table import Table

from cuadre.cli.context import CompanyNitOption, cli_errors, console, open_context, print_json
from tools.ledger_tools import ListAccountsInput, ListAccountsOutput
from tools.registry import run_tool

accounts_app = typer.Typer(help="Plan de cuentas (PUC) de la empresa.", no_args_is_help=True)


@accounts_app.command("list")
def list_(
    search: str = typer.Option("", "--search", "-s", help="Nombre o código inicial."),
    leaf: bool = typer.Option(False, "--leaf", help="Solo cuentas de último nivel."),
    limit: int = typer.Option(600, "--limit", help="Máximo de cuentas a mostrar."),
    as_json: bool = typer.Option(False, "--json", help="Salida JSON."),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Lista o busca cuentas del PUC de la empresa."""
    with cli_errors():
        ctx = open_context(company_nit)
        result = run_tool(
            ctx.tool_context(),
            "list_accounts",
            ListAccountsInput(search=search, only_leaf=leaf, limit=limit),
        )
    assert isinstance(result, ListAccountsOutput)
    if as_json:
        print_json(result)
        return
    table = Table(title=f"Plan de cuentas · {ctx.company.name}")
    table.add_column("Código")
    table.add_column("Nombre")
    table.add_column("Naturaleza")
    table.add_column("Imputable")
    for account in result.accounts:
        indent = "  " * {1: 0, 2: 1, 4: 2, 6: 3}.get(account.level, 4)
        table.add_row(
            account.code,
            indent + account.name,
            "débito" if account.nature == "debit" else "crédito",
            "sí" if account.is_leaf and account.active else "",
        )
    console.print(table)
    console.print(f"{len(result.accounts)} de {result.total} cuentas.")
