"""`cuadre demo`: the main job on the embedded defaults (no server, no key).

Creates the demo company once, posts a short month of its books (each entry once, keyed
by its batch id, so running the demo again duplicates nothing), then plays a short scripted
conversation through the agent (a cited rule answer; the import of a generated DIAN year,
each write previewed and confirmed; a report) and prints the trial balance. The DIAN year
is imported once: a second run says it is already in the books and skips that part.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.markup import escape
from sqlmodel import Session, select

from cuadre.cli.chat import show_preview, show_result
from cuadre.cli.context import CliContext, cli_errors, console, open_engine, set_default_company
from cuadre.cli.ledger import render_trial_balance
from cuadre.cli.sync import DEMO_YEAR, demo_year_synced, write_demo_year
from cuadre.settings import get_settings
from ledger.companies import create_company, find_company
from ledger.db import admin_session, company_session
from ledger.journal_text import parse_journal
from ledger.models import Company, JournalEntry
from ledger.posting import post_entry
from tools.context import Principal
from tools.ledger_tools import TrialBalanceInput, TrialBalanceOutput
from tools.registry import run_tool

DEMO_NIT = "901458723-1"
DEMO_NAME = "FERRETERÍA EL TORNILLO FELIZ SAS"
DEMO_CIIU = ("4752", "4663")  # retail hardware; wholesale construction materials

DEMO_JOURNAL = """
2025-01-02 Aporte de capital de los socios
  111005  20000000.00
  311505             20000000.00
2025-01-10 Compra de mercancía FV-2231 a Distribuidora Ferretera del Valle
  143505   8000000.00
  240810   1520000.00
  236540              200000.00 ; retención en la fuente 2,5 %
  220505             9320000.00
2025-01-18 Venta de contado FE-1001 (tornillería y herramienta)
  110505   2380000.00
  413505             2000000.00
  240805              380000.00
2025-01-18 Costo de la venta FE-1001
  613505   1200000.00
  143505             1200000.00
2025-01-25 Pago a Distribuidora Ferretera del Valle FV-2231
  220505   9320000.00
  111005             9320000.00
2025-01-31 Comisión bancaria de enero
  530505     15000.00
  111005               15000.00
"""


def _demo_company(session: Session) -> Company:
    existing = find_company(session, DEMO_NIT)
    if existing is not None:
        return existing
    return create_company(session, nit=DEMO_NIT, name=DEMO_NAME, ciiu_codes=DEMO_CIIU, actor="demo")


def post_demo_books(session: Session) -> int:
    """Post the demo journal entries not posted before; returns how many were new."""
    posted = 0
    for number, proposal in enumerate(parse_journal(DEMO_JOURNAL, source="demo"), start=1):
        batch_id = f"demo-{number:02d}"
        already = session.exec(select(JournalEntry.id).where(JournalEntry.batch_id == batch_id))
        if already.first() is None:
            post_entry(session, proposal, actor="demo", batch_id=batch_id)
            posted += 1
    return posted


@dataclass(frozen=True)
class Said:
    """One scripted line of the demo conversation (`attach`: send the DIAN year along)."""

    text: str
    attach: bool = False


RULE_QUESTION = (Said("oye xq mis compras de la dian no me movieron el inventario?"),)
# Staging and committing are two writes, each previewed and confirmed.
DIAN_IMPORT = (
    Said("importa esto de la dian porfa", attach=True),
    Said("sí"),
    Said("listo, regístralos en los libros"),
    Said("dale"),
)
REPORT = (Said(f"como quedo el balance de prueba de {DEMO_YEAR}?"),)
# The conversation happens early in the year after the imported one, as a real first sync
# would: invoices of the last months of the year are still open, not paid automatically.
CONVERSATION_DAY = date(DEMO_YEAR + 1, 2, 3)


def play_conversation(ctx: CliContext) -> None:
    """The scripted conversation, through the same agent and planner as `cuadre chat`."""
    from agent.turn import Agent

    synced = demo_year_synced(ctx)
    attachments = () if synced else tuple(str(path) for path in write_demo_year(ctx))
    principal = Principal(company_id=ctx.company_id, user_name="demo", channel="cli")
    console.rule("[bold]Conversación de ejemplo[/bold]")
    with Agent.open(ctx.settings, ctx.engine, today=lambda: CONVERSATION_DAY) as agent:
        thread = "demo"
        agent.delete_thread(principal, thread)  # the conversation starts fresh every time
        for said in (*RULE_QUESTION, *(() if synced else DIAN_IMPORT), *REPORT):
            if synced and said in REPORT:
                console.print(
                    f"[dim](Los datos de la DIAN de {DEMO_YEAR} ya están en los libros, lote "
                    f"{escape(synced)}: esta vez no los importo de nuevo.)[/dim]\n"
                )
            files = attachments if said.attach else ()
            say(said.text, files)
            show_turn(agent.run_turn(principal, thread, said.text, attachments=files))
    console.rule()


def say(text: str, files: tuple[str, ...]) -> None:
    """The person's line, with the names of the files attached."""
    console.print(f"[bold cyan]tú>[/bold cyan] {escape(text)}")
    for path in files:
        console.print(f"[dim]   📎 {escape(path)}[/dim]")


def show_turn(result: Any) -> None:
    """Cuadre's answer: the reply with its sources, or the preview waiting for consent."""
    console.print("[bold green]cuadre>[/bold green]")
    if result.pending_confirmation:
        show_preview(result.pending_confirmation)
        console.print("¿Lo hago? Responde «sí» o «no».")
    else:
        show_result(result)
    console.print()


def demo() -> None:
    """Create the demo company, play the demo conversation and print the trial balance."""
    settings = get_settings()
    with cli_errors():
        engine = open_engine(settings)
        with admin_session(engine) as session:
            company = _demo_company(session)
        assert company.id is not None
        set_default_company(settings, company.nit_with_dv)
        with company_session(engine, company.id) as session:
            posted = post_demo_books(session)
        ctx = CliContext(settings=settings, engine=engine, company=company)
        console.print(
            f"[bold]Cuadre[/bold]: empresa de demostración {escape(company.name)} "
            f"(NIT {company.nit_with_dv}); "
            + (f"{posted} asientos nuevos." if posted else "sus asientos ya estaban registrados.")
        )
        play_conversation(ctx)
        result = run_tool(
            ctx.tool_context(user_name="demo"), "trial_balance", TrialBalanceInput(level=4)
        )
    assert isinstance(result, TrialBalanceOutput)
    render_trial_balance(ctx, result, "Balance de prueba a nivel de cuenta")
