"""`cuadre chat` (interactive) and `cuadre ask "mensaje"` (one turn) against the agent.

Without `--company-nit` the data directory's default company is used; questions about
rules work without any company.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.markdown import Markdown
from rich.panel import Panel
from rich.prompt import Confirm
from rich.table import Table

from agent.render import amount_cell, label
from cuadre.cli.context import (
    CliError,
    CompanyNitOption,
    cli_errors,
    console,
    err_console,
    open_engine,
    print_json,
    resolve_company,
)
from cuadre.settings import get_settings
from tools.context import Principal

ThreadOption = typer.Option(None, "--thread", help="Nombre del hilo de conversación.")
EXIT_WORDS = {"salir", "exit", "quit", "chao", "adios", "adiós"}


@contextmanager
def open_agent(company_nit: str | None) -> Iterator[tuple[Any, Principal]]:
    """The agent on the data directory and the principal (company resolved when possible)."""
    from agent.turn import Agent

    settings = get_settings()
    engine = open_engine(settings)
    try:
        company_id = resolve_company(engine, settings, company_nit).id
    except CliError as exc:
        if company_nit:
            raise
        company_id = None  # questions about rules need no company
        err_console.print(f"[dim]Sin empresa: {exc.message_es}[/dim]")
    principal = Principal(company_id=company_id, user_name="cli", channel="cli")
    with Agent.open(settings, engine) as agent:
        yield agent, principal


def ask(
    message: Annotated[str, typer.Argument(help="Lo que le quieres decir a Cuadre.")],
    company_nit: str | None = CompanyNitOption,
    thread: str | None = ThreadOption,
    as_json: Annotated[bool, typer.Option("--json", help="Imprime el TurnResult en JSON.")] = False,
) -> None:
    """Un turno de conversación: pregunta, pide un reporte o responde «sí»/«no»."""
    with cli_errors(), open_agent(company_nit) as (agent, principal):
        result = agent.run_turn(principal, thread, message)
    if as_json:
        print_json(result.model_dump())
        return
    show_result(result)


# A rule with its citation, a report, and a write shown and declined (so the demo can
# run again without adding entries).
DEMO_SCRIPT = (
    "xq mis compras de la dian no me movieron el inventario??",
    "oye como quedo el balance de enero de 2025 porfa",
    "haz un asiento: débito 519530 por 35.000 y crédito 110505 por resmas de papel del 31/01/2025",
    "no, mejor no",
)


def chat(
    company_nit: str | None = CompanyNitOption,
    thread: str | None = ThreadOption,
    demo: Annotated[
        bool, typer.Option("--demo", help="Reproduce una conversación corta de ejemplo.")
    ] = False,
) -> None:
    """Conversa con Cuadre en la consola (escribe «salir» para terminar)."""
    if demo:
        demo_conversation(company_nit)
        return
    with cli_errors(), open_agent(company_nit) as (agent, principal):
        company = f"empresa #{principal.company_id}" if principal.company_id else "sin empresa"
        console.print(f"[bold]Cuadre[/bold] · {company} · escribe «salir» para terminar.")
        while True:
            try:
                message = console.input("[bold cyan]tú>[/bold cyan] ").strip()
            except (EOFError, KeyboardInterrupt):
                break
            if message.lower() in EXIT_WORDS:
                break
            if message:
                chat_turn(agent, principal, thread, message)


def demo_conversation(company_nit: str | None = None) -> None:
    """A short scripted conversation: a cited rule answer, a report, a previewed write."""
    with cli_errors(), open_agent(company_nit) as (agent, principal):
        thread = "demo"
        agent.delete_thread(principal, thread)  # the demo starts fresh every time
        for message in DEMO_SCRIPT:
            console.print(f"[bold cyan]tú>[/bold cyan] {message}")
            console.print("[bold green]cuadre>[/bold green]")
            result = agent.run_turn(principal, thread, message)
            if result.pending_confirmation:
                show_preview(result.pending_confirmation)
                console.print("¿Lo registro? Responde «sí» o «no».")
            else:
                show_result(result)


def chat_turn(agent: Any, principal: Principal, thread: str | None, message: str) -> None:
    """One streamed turn; a preview is answered with y/n on the spot."""
    result = None
    console.print("[bold green]cuadre>[/bold green] ", end="")
    for event in agent.stream_turn(principal, thread, message):
        if event.type == "token":
            console.print(event.data["text"], end="", markup=False, highlight=False)
        elif event.type == "tool_start":
            console.print(f"\n[dim]· {event.data['tool']}…[/dim]")
        elif event.type == "final":
            result = event.result
    console.print()
    if result is None or result.pending_confirmation is None:
        show_citations(result.citations if result else [])
        return
    pending = result.pending_confirmation
    show_preview(pending)
    approve = Confirm.ask("¿Lo registro?", default=False, console=console)
    show_result(agent.confirm(principal, result.thread_id, pending["id"], approve))


def show_result(result: Any) -> None:
    """A turn's reply as Markdown, its preview and its sources."""
    if result.pending_confirmation:
        show_preview(result.pending_confirmation)
        console.print('Responde con `cuadre ask --thread ... "sí"` o «no».')
    else:
        console.print(Markdown(result.reply))
    show_citations(result.citations)


def show_preview(pending: dict[str, Any]) -> None:
    """The WRITE preview: journal lines and totals in a panel."""
    preview = pending.get("preview") or {}
    table = Table(show_header=True, header_style="bold")
    for column in ("Cuenta", "Nombre", "Débito", "Crédito"):
        table.add_column(column, justify="right" if column in ("Débito", "Crédito") else "left")
    for line in preview.get("lines") or []:
        table.add_row(
            line.get("account", ""),
            line.get("account_name", ""),
            amount_cell(line.get("debit")),
            amount_cell(line.get("credit")),
        )
    totals = " · ".join(
        f"{label(k)}: {amount_cell(v)}" for k, v in (preview.get("totals") or {}).items()
    )
    body = Table.grid()
    body.add_row(preview.get("summary", pending.get("summary", "")))
    if preview.get("lines"):
        body.add_row(table)
    if totals:
        body.add_row(totals)
    console.print(Panel(body, title="Vista previa", border_style="yellow"))


def show_citations(citations: list[dict[str, str]]) -> None:
    """The sources of an answer, one per line."""
    for cite in citations:
        console.print(f"[dim]Fuente: {cite['title']} §{cite['section']} ({cite['doc_id']})[/dim]")
