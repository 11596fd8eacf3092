"""Reports: trial balance, account ledger, receivables and payables aging."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import SessionDep, ToolCtx
from ledger.reports import aging
from tools.ledger_tools import (
    AccountLedgerInput,
    AccountLedgerOutput,
    TrialBalanceInput,
    TrialBalanceOutput,
)
from tools.registry import run_tool

router = APIRouter(prefix="/reports", tags=["reports"])


class AgingLine(BaseModel):
    contact_id: int | None
    contact_name: str
    days_0_30: Decimal
    days_31_60: Decimal
    days_61_90: Decimal
    over_90: Decimal
    total: Decimal


class AgingOut(BaseModel):
    kind: str
    as_of: dt.date
    rows: list[AgingLine]
    total: Decimal


@router.get("/trial-balance", response_model=TrialBalanceOutput)
def trial_balance(
    ctx: ToolCtx,
    start: dt.date | None = None,
    end: dt.date | None = None,
    level: Literal["1", "2", "4", "6"] = "6",
) -> TrialBalanceOutput:
    """Balance de prueba: opening, debits, credits and closing per account."""
    params = TrialBalanceInput(start=start, end=end, level=int(level))
    result = run_tool(ctx, "trial_balance", params)
    assert isinstance(result, TrialBalanceOutput)
    return result


@router.get("/ledger", response_model=AccountLedgerOutput)
def account_ledger(
    ctx: ToolCtx, params: Annotated[AccountLedgerInput, Query()]
) -> AccountLedgerOutput:
    """Libro auxiliar of one account (and its subaccounts) with running balance."""
    result = run_tool(ctx, "account_ledger", params)
    assert isinstance(result, AccountLedgerOutput)
    return result


@router.get("/aging", response_model=AgingOut)
def aging_report(
    session: SessionDep,
    kind: Literal["receivable", "payable"] = "receivable",
    as_of: dt.date | None = None,
) -> AgingOut:
    """Cartera (receivable) or cuentas por pagar (payable) by days past due."""
    day = as_of or dt.date.today()
    rows = aging(session, kind=kind, as_of=day)
    lines = [
        AgingLine(
            contact_id=r.contact_id,
            contact_name=r.contact_name,
            days_0_30=r.days_0_30,
            days_31_60=r.days_31_60,
            days_61_90=r.days_61_90,
            over_90=r.over_90,
            total=r.total,
        )
        for r in rows
    ]
    return AgingOut(
        kind=kind, as_of=day, rows=lines, total=sum((r.total for r in lines), Decimal(0))
    )
