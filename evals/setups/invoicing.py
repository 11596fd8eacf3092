"""E-invoicing set-ups: the issuer profile with its DIAN numbering resolutions, invoices
already issued, a draft, and the contingency switched on."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from cuadre.settings import Settings
from ledger.db import company_session
from tools.context import Principal, ToolContext
from tools.invoicing.numbering import ResolutionKind, add_resolution
from tools.invoicing.profile import configure_profile, require_profile
from tools.registry import run_tool

PARQUE: dict[str, Any] = {
    "customer_nit": "830048145-8",
    "customer_name": "Cafetería El Parque Ltda.",
    "customer_email": "compras@elparque.com.co",
}
BREAD = {"description": "Pan tajado integral", "quantity": "120", "unit_price": "4500"}


def profile(engine: Engine, company_id: int, folder: Path, settings: Settings) -> None:
    """Address, software and the FE / NC / ND resolutions (1 to 5000, valid to 2099)."""
    with company_session(engine, company_id) as session:
        configure_profile(
            session,
            address_line="Calle 72 # 10-34 Of. 501",
            email="facturacion@laespiga.com.co",
            phone="6015551234",
            software_id="56f2ae4e-9812-4fad-9255-08fcfcd5ccb0",
            software_pin="20191",
        )
        for kind, prefix in (
            (ResolutionKind.INVOICE, "FE"),
            (ResolutionKind.CREDIT, "NC"),
            (ResolutionKind.DEBIT, "ND"),
        ):
            add_resolution(
                session,
                kind=kind,
                resolution_number="18760000001",
                prefix=prefix,
                range_from=1,
                range_to=5000,
                valid_from=date(2025, 1, 1),
                valid_to=date(2099, 12, 31),
                technical_key="fc8eac422eba16e22ffd8c6f94b3f40a6e38162c",
            )


def issued(engine: Engine, company_id: int, folder: Path, settings: Settings) -> None:
    """The profile, FE1 and FE2 to Cafetería El Parque (in process) and borrador 3."""
    profile(engine, company_id, folder, settings)
    ctx = ToolContext(
        principal=Principal(company_id=company_id, user_name="fixture"),
        engine=engine,
        settings=settings,
    )
    known = {"customer_nit": "830048145"}
    run_tool(ctx, "issue_invoice", {**PARQUE, "lines": [BREAD]})
    run_tool(ctx, "issue_invoice", {**known, "lines": [{**BREAD, "quantity": "40"}]})
    run_tool(ctx, "create_invoice_draft", {**known, "lines": [{**BREAD, "quantity": "15"}]})


def contingency(engine: Engine, company_id: int, folder: Path, settings: Settings) -> None:
    """The contingency on since the set-up (the DIAN is down)."""
    with company_session(engine, company_id) as session:
        current = require_profile(session)
        current.contingency_active = True
        current.contingency_since = datetime.now(UTC)
        session.add(current)
        session.commit()
