"""Reception-inbox set-ups: a purchase invoice received, one registered, the agent on."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from cuadre.settings import Settings
from evals.companies import FILES
from ledger.db import company_session
from tools.context import Principal, ToolContext
from tools.dian import IngestFailure, iter_documents
from tools.inbox.intake import receive
from tools.registry import run_tool


def _ctx(engine: Engine, company_id: int, settings: Settings) -> ToolContext:
    principal = Principal(company_id=company_id, user_name="fixture")
    return ToolContext(principal=principal, engine=engine, settings=settings)


def received(engine: Engine, company_id: int, folder: Path, settings: Settings) -> None:
    """Entry 1: FE2001 from DISTRIBUIDORA ANDINA, pending in the inbox."""
    with company_session(engine, company_id) as session:
        for result in iter_documents([str(FILES / "compra_andina.xml")]):
            assert not isinstance(result, IngestFailure), result
            receive(session, result, source="mailbox", now=datetime.now(UTC))


def registered(engine: Engine, company_id: int, folder: Path, settings: Settings) -> None:
    """Entry 1 received and registered with the suggested accounts."""
    received(engine, company_id, folder, settings)
    run_tool(_ctx(engine, company_id, settings), "register_purchase", {"entry_id": 1})


def agent_active(engine: Engine, company_id: int, folder: Path, settings: Settings) -> None:
    """The expenses agent switched on."""
    run_tool(_ctx(engine, company_id, settings), "expense_agent_activate", {})
