"""`cuadre reconcile`: the fiscal reconciler (the DIAN against the books) from the terminal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from cuadre.cli.context import (
    CliError,
    CompanyNitOption,
    cli_errors,
    console,
    open_context,
    parse_date,
    print_json,
)
from ledger.money import format_cop, format_date


def reconcile_command(
    files: list[Path] = typer.Option([], "--file", help="Listado DIAN o documentos."),
    token_link: str | None = typer.Option(None, "--token-link", help="Enlace de acceso DIAN."),
    start_on: str = typer.Option(..., "--from", help="Desde."),
    end_on: str = typer.Option(..., "--to", help="Hasta."),
    xlsx: Path | None = typer.Option(None, "--xlsx", help="Guarda el informe en Excel."),
    register: str | None = typer.Option(None, "--register", help="Registra ese número faltante."),
    as_json: bool = typer.Option(False, "--json"),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Conciliador fiscal: compara la DIAN con tus libros (no escribe nada, salvo --register)."""
    from tools.dian import DianDocument, iter_documents
    from tools.sync.reconcile import CATEGORIES_ES, reconcile, register_missing, write_xlsx

    with cli_errors():
        ctx = open_context(company_nit)
        first, last = parse_date(start_on), parse_date(end_on)
        assert first is not None and last is not None
        if token_link:
            from tools.sync.portal import download_period

            files = download_period(token_link, first, last, ctx.settings)
        if not files:
            raise CliError("Indica --file con el listado o los documentos, o --token-link.")
        if register:
            doc = next(
                (
                    d
                    for d in iter_documents(files)
                    if isinstance(d, DianDocument) and d.number == register
                ),
                None,
            )
            if doc is None:
                raise CliError(f"No encuentro el documento {register} en los archivos.")
            added = register_missing(
                ctx.engine, ctx.company_id, doc, sync_date=date.today(), actor="cli"
            )
            console.print(f"Registré {added.number} por {format_cop(added.total)}.")
            return
        with ctx.session() as session:
            result = reconcile(session, ctx.company.nit, iter_documents(files), first, last)
    if xlsx:
        write_xlsx(result, xlsx)
    if as_json:
        print_json(result)
        return
    table = Table(title=f"Conciliación fiscal {format_date(first)} a {format_date(last)}")
    for header in ("Categoría", "Número", "Fecha", "Tercero", "DIAN", "Libros"):
        table.add_column(header)
    for row in result.rows:
        if row.category == "matched":
            continue
        table.add_row(
            CATEGORIES_ES[row.category],
            row.number,
            format_date(row.issue_date) if row.issue_date else "",
            f"{row.name} ({row.nit})",
            format_cop(row.dian_total) if row.dian_total is not None else "",
            format_cop(row.books_total) if row.books_total is not None else "",
        )
    console.print(table)
    for category, label in CATEGORIES_ES.items():
        console.print(f"{label}: {result.counts.get(category, 0)}")
    if xlsx:
        console.print(f"Informe guardado en {xlsx}.")
