"""`cuadre inbox ...` and `cuadre expense-agent ...`: the reception inbox and its agent."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table
from sqlmodel import select

from cuadre.cli.context import (
    CompanyNitOption,
    cli_errors,
    console,
    fail,
    open_context,
    parse_date,
    print_json,
)
from ledger.models import DailySummary, InboxEntry
from tools.inbox.agent import BOGOTA, start
from tools.inbox.intake import receive_files
from tools.inbox.polling import masked_link, save_portal_link
from tools.registry import preview_tool, run_tool

inbox_app = typer.Typer(help="Bandeja de recepción de documentos de compra.")
agent_app = typer.Typer(help="Agente de gastos: registra las compras que llegan.")
STATUS_ES = {
    "pending": "pendiente",
    "registered": "registrada",
    "needs_review": "por revisar",
    "rejected": "rechazada",
    "ignored": "ignorada",
}


@inbox_app.command("list")
def list_command(
    status: str | None = typer.Option(None, "--status", help="pending, registered, ..."),
    as_json: bool = typer.Option(False, "--json"),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Documentos recibidos con su estado."""
    with cli_errors():
        ctx = open_context(company_nit).tool_context()
        rows = run_tool(ctx, "inbox_list", {"status": status}).entries  # type: ignore[attr-defined]
        if as_json:
            print_json(rows)
            return
        table = Table("Id", "Número", "Proveedor", "Fecha", "Origen", "Estado", "Motivos")
        for row in rows:
            table.add_row(
                str(row.id),
                row.number,
                escape(row.supplier),
                row.issue_date.strftime("%d/%m/%Y") if row.issue_date else "",
                row.source,
                STATUS_ES.get(row.status, row.status),
                escape("; ".join(row.reasons)),
            )
        console.print(table)


@inbox_app.command("show")
def show(
    entry_id: int,
    as_json: bool = typer.Option(False, "--json"),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Una entrada: estado, motivos y la cuenta de cada línea (sugerida o registrada)."""
    with cli_errors():
        cli = open_context(company_nit)
        with cli.session() as session:
            entry = session.get(InboxEntry, entry_id)
            if entry is None:
                fail(f"No hay entrada {entry_id} en la bandeja.")
            data = {
                "id": entry.id,
                "numero": entry.number,
                "proveedor": f"{entry.supplier_name} ({entry.supplier_nit})",
                "estado": STATUS_ES.get(entry.status, entry.status),
                "origen": entry.source,
                "llegadas": entry.arrivals,
                "motivos": json.loads(entry.reasons),
                "lineas": json.loads(entry.lines),
                "documento": entry.document_id,
            }
        if as_json:
            print_json(data)
            return
        for key, value in data.items():
            console.print(f"[bold]{key}[/]: {escape(str(value))}")


@inbox_app.command("portal-link")
def portal_link_command(
    link: str = typer.Argument(..., help="El enlace del botón «Ingrese aquí» del correo DIAN."),
    days: int = typer.Option(7, "--days", help="Días hacia atrás que revisa cada consulta."),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Guarda el enlace de la DIAN: cada 15 minutos se traen las facturas recibidas."""
    with cli_errors():
        cli = open_context(company_nit)
        with cli.session() as session:
            save_portal_link(session, link, cli.settings, now=datetime.now(UTC), lookback_days=days)
            shown = masked_link(link)
        console.print(
            f"Guardé el enlace {escape(shown)}: reviso los últimos {days} días cada 15 minutos "
            "mientras el enlace siga vigente (la DIAN lo deja una hora)."
        )


@inbox_app.command("upload")
def upload(
    files: list[Path] = typer.Argument(..., help="XML o ZIP de facturas de compra."),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Sube facturas de compra a la bandeja (una vez por CUFE)."""
    with cli_errors():
        cli = open_context(company_nit)
        with cli.session() as session:
            report = receive_files(session, files, now=datetime.now(UTC))
        console.print(
            f"Nuevas: {len(report.added)}. Repetidas: {report.duplicates}. "
            f"Rechazadas: {report.rejected}. Ignoradas: {report.ignored}."
        )
        for failure in report.failures:
            console.print(f"[red]{escape(failure)}[/]")


@inbox_app.command("register")
def register(
    entry_id: int,
    accounts: list[str] = typer.Option([], "--account", help="LÍNEA=CUENTA, p. ej. 2=513505"),
    yes: bool = typer.Option(False, "--yes", help="Registrar sin preguntar."),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Muestra la cuenta sugerida por línea y registra la compra al confirmar."""
    with cli_errors():
        chosen: dict[int, str] = {}
        for text in accounts:
            line, _, code = text.partition("=")
            if not line.strip().isdigit() or not code.strip():
                fail(f"«{text}» no es LÍNEA=CUENTA.")
            chosen[int(line)] = code.strip()
        ctx = open_context(company_nit).tool_context()
        args = {"entry_id": entry_id, "accounts": chosen}
        preview = preview_tool(ctx, "register_purchase", args)
        console.print(escape(preview.summary))
        for line in preview.details["lineas"]:
            mark = "✓" if line["segura"] else "?"
            console.print(
                f" {mark} {line['linea']}. {escape(line['descripcion'])} -> {line['cuenta']} "
                f"({line['confianza']:.0%}): {escape(line['motivo'])}"
            )
        if not yes and not typer.confirm("¿Registrar?"):
            raise typer.Exit(1)
        done = run_tool(ctx, "register_purchase", args)
        row = done.entry  # type: ignore[attr-defined]
        console.print(f"{row.number}: {STATUS_ES.get(row.status, row.status)}")
        for reason in row.reasons:
            console.print(f"  - {escape(reason)}")


@agent_app.command("activate")
def activate_command(
    all_pending: bool = typer.Option(
        False, "--all", help="Tomar también los pendientes (no solo los más recientes)."
    ),
    user: str = typer.Option("", "--user", help="Nombre para el saludo."),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Activa el agente de gastos."""
    with cli_errors():
        ctx = open_context(company_nit).tool_context(user_name=user or "cli")
        shown = run_tool(ctx, "expense_agent_activate", {"only_recent": not all_pending})
        console.print(f"{shown.greeting}. Desde ahora me encargo de:")  # type: ignore[attr-defined]
        for task in shown.tasks:  # type: ignore[attr-defined]
            console.print(f" • {task}")


@agent_app.command("start")
def start_command(company_nit: str | None = CompanyNitOption) -> None:
    """Arranca (o reanuda) el agente: toma lo que llegue desde ahora."""
    with cli_errors():
        cli = open_context(company_nit)
        with cli.session() as session:
            start(session, now=datetime.now(UTC))
        console.print("Agente de gastos activo.")


@agent_app.command("pause")
def pause_command(company_nit: str | None = CompanyNitOption) -> None:
    """Pausa el agente de gastos."""
    with cli_errors():
        ctx = open_context(company_nit).tool_context()
        console.print(run_tool(ctx, "expense_agent_pause", {}).message)  # type: ignore[attr-defined]


@agent_app.command("status")
def status_command(
    day: str | None = typer.Option(None, "--day", help="Día (por defecto hoy)."),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Estado del agente y las cifras del día."""
    with cli_errors():
        ctx = open_context(company_nit).tool_context()
        shown = run_tool(ctx, "expense_agent_status", {"day": parse_date(day)})
        console.print(escape(shown.text))  # type: ignore[attr-defined]


@agent_app.command("summary")
def summary_command(
    as_json: bool = typer.Option(False, "--json"), company_nit: str | None = CompanyNitOption
) -> None:
    """Los resúmenes diarios guardados a las 00:00 (hora de Bogotá)."""
    with cli_errors():
        cli = open_context(company_nit)
        with cli.session() as session:
            rows = session.exec(select(DailySummary).order_by(DailySummary.day)).all()  # type: ignore[arg-type]
            data = [
                {
                    "dia": row.day.strftime("%d/%m/%Y"),
                    "registradas": row.registered,
                    "minutos_ahorrados": row.minutes_saved,
                    "sin_registrar": row.not_registered,
                    "motivos": json.loads(row.reasons),
                }
                for row in rows
            ]
        if as_json:
            print_json(data)
            return
        if not data:
            today = datetime.now(UTC).astimezone(BOGOTA).strftime("%d/%m/%Y")
            console.print(f"Aún no hay resúmenes (hoy es {today}).")
        for item in data:
            console.print(
                f"{item['dia']}: {item['registradas']} registradas, "
                f"{item['minutos_ahorrados']} min ahorrados, {item['sin_registrar']} sin registrar."
            )
