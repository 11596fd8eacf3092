"""`cuadre dian ...`: read DIAN files (XML, AttachedDocument, ZIP, folders, portal listing)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ledger.money import format_cop, format_date
from tools.dian import (
    DianDocument,
    IngestFailure,
    SourceRef,
    direction,
    iter_documents,
    result_to_json,
)
from tools.errors import ToolError

dian_app = typer.Typer(help="Documentos electrónicos de la DIAN: leer y revisar archivos.")

KIND_ES = {
    "invoice": "Factura",
    "credit_note": "Nota crédito",
    "debit_note": "Nota débito",
    "equivalent": "Doc. equivalente",
}
DIRECTION_ES = {"received": "compra", "issued": "venta"}


@dian_app.command("inspect")
def inspect(
    paths: list[Path] = typer.Argument(..., help="Archivos XML, ZIP, XLSX o carpetas."),
    company_nit: str | None = typer.Option(
        None,
        "--company-nit",
        help="NIT de la empresa: muestra si cada documento es compra o venta.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Salida JSON (un arreglo)."),
) -> None:
    """Muestra cada documento encontrado (o por qué no se pudo leer) y sus observaciones."""
    results = iter_documents(paths)
    if as_json:
        _print_json(results, company_nit)
        return
    console = Console()
    table = Table(title="Documentos DIAN", show_lines=False)
    for header in ("Origen", "Tipo", "Número", "Fecha", "Emisor", "Receptor", "Total"):
        table.add_column(header, overflow="fold")
    if company_nit:
        table.add_column("Dirección")
    table.add_column("Observaciones", overflow="fold")
    documents = failures = with_issues = 0
    for result in results:
        if isinstance(result, IngestFailure):
            failures += 1
            row = [_origin(result.source), "[red]error[/red]", "", "", "", "", ""]
            if company_nit:
                row.append("")
            table.add_row(*row, f"[red]{result.message_es}[/red]")
            continue
        documents += 1
        with_issues += bool(result.issues)
        table.add_row(*_row(result, company_nit))
    console.print(table)
    console.print(
        f"{documents} documentos, {with_issues} con observaciones, {failures} archivos o filas "
        "con error."
    )


def _print_json(results: object, company_nit: str | None) -> None:
    # Streamed item by item so a 100,000-document batch never sits in memory.
    typer.echo("[", nl=False)
    first = True
    for result in results:  # type: ignore[attr-defined]
        text = json.dumps(result_to_json(result, company_nit), ensure_ascii=False)
        typer.echo(("\n  " if first else ",\n  ") + text, nl=False)
        first = False
    typer.echo("\n]" if not first else "]")


def _origin(source: SourceRef) -> str:
    label = Path(source.file).name
    if source.member:
        label += f" › {source.member}"
    if source.sheet_row is not None:
        label += f" fila {source.sheet_row}"
    return label


def _party(name: str | None, nit: str | None, dv: str | None) -> str:
    ident = f"{nit}-{dv}" if nit and dv else (nit or "?")
    return f"{name or '?'}\n{ident}"


def _row(doc: DianDocument, company_nit: str | None) -> list[str]:
    total = doc.totals.payable
    amount = ""
    if total is not None:
        amount = (
            format_cop(total) if doc.currency in (None, "COP") else f"{total:.2f} {doc.currency}"
        )
    notes = [issue.message_es for issue in doc.issues]
    row = [
        _origin(doc.source),
        f"{KIND_ES[doc.kind.value]} {doc.type_code or ''}".strip(),
        doc.number or "?",
        format_date(doc.issue_date) if doc.issue_date else "?",
        _party(doc.issuer.name, doc.issuer.nit, doc.issuer.dv),
        _party(doc.receiver.name, doc.receiver.nit, doc.receiver.dv),
        amount,
    ]
    if company_nit:
        try:
            row.append(DIRECTION_ES[direction(doc, company_nit).value])
        except ToolError as exc:
            row.append("[yellow]ninguna[/yellow]")
            notes.insert(0, f"[yellow]{exc.message_es}[/yellow]")
    if doc.validation and doc.validation.code == "02" and not notes:
        notes.append("Validada por la DIAN")
    row.append("\n".join(notes) or "Sin observaciones")
    return row
