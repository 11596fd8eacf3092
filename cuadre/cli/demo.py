"""`cuadre demo`: the main job on the embedded defaults (no server, no key).

Creates the demo company once, posts a short month of its books (each entry once, keyed
by its batch id, so running the demo again duplicates nothing), prints the trial balance.
"""

from __future__ import annotations

from sqlmodel import Session, select

from cuadre.cli.context import CliContext, cli_errors, console, open_engine, set_default_company
from cuadre.cli.ledger import render_trial_balance
from cuadre.cli.sync import import_demo_year
from cuadre.settings import get_settings
from ledger.companies import create_company, find_company
from ledger.db import admin_session, company_session
from ledger.journal_text import parse_journal
from ledger.models import Company, JournalEntry
from ledger.posting import post_entry
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


def demo() -> None:
    """Create the demo company and print its trial balance."""
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
        import_demo_year(ctx)  # a generated year of DIAN documents, synced once
        result = run_tool(
            ctx.tool_context(user_name="demo"), "trial_balance", TrialBalanceInput(level=4)
        )
    assert isinstance(result, TrialBalanceOutput)
    console.print(
        f"[bold]Cuadre[/bold]: empresa de demostración {company.name} (NIT {company.nit_with_dv}); "
        + (f"{posted} asientos nuevos." if posted else "sus asientos ya estaban registrados.")
    )
    render_trial_balance(ctx, result, "Balance de prueba a nivel de cuenta")
