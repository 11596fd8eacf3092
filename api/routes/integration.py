"""The integration API payroll products call (HTTP Basic: user e-mail + API token).

Everything is scoped to the token's company. Posts carry an `Idempotency-Key` header:
a retry with the same key and body gets the first answer; a different body gets 409.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from api.deps import CurrentPrincipal, SessionDep, ToolCtx
from api.idempotency import run_once
from api.routes.cost_centers import CostCenterCreate, CostCenterOut, create_cost_center
from ledger.posting import EntryProposal, post_entry
from tools.integration import (
    ExternalLine,
    ExternalPayment,
    bank_account_code,
    disbursement_proposal,
    resolve_lines,
)
from tools.ledger_tools import ListAccountsInput, ListAccountsOutput
from tools.registry import run_tool

router = APIRouter(prefix="/integration", tags=["integration"])

IdempotencyKey = Annotated[
    str,
    Header(
        alias="Idempotency-Key",
        min_length=8,
        max_length=200,
        description="Clave única por operación; reintentar con la misma no duplica.",
        examples=["nomina-2025-03-1-ajuste"],
    ),
]
Money = Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2)]


class LineIn(BaseModel):
    model_config = ConfigDict(frozen=True)
    account: str = Field(pattern=r"^\d{6,12}$", description="Cuenta auxiliar del PUC.")
    debit: Money = Decimal(0)
    credit: Money = Decimal(0)
    contact: str | None = Field(default=None, max_length=20, description="NIT o cédula.")
    cost_center: str | None = Field(default=None, max_length=20)
    description: str = Field(default="", max_length=300)


class EntryIn(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        json_schema_extra={
            "examples": [
                {
                    "date": "2025-03-15",
                    "description": "Nómina 1-15 marzo",
                    "lines": [
                        {"account": "510506", "debit": "2000000", "cost_center": "ADM"},
                        {"account": "250505", "credit": "2000000", "contact": "1020304050"},
                    ],
                }
            ]
        },
    )
    date: dt.date
    description: str = Field(min_length=1, max_length=300)
    lines: list[LineIn] = Field(min_length=2, max_length=500)


class PaymentIn(BaseModel):
    model_config = ConfigDict(frozen=True)
    contact: str = Field(max_length=20, description="NIT o cédula de quien recibe el pago.")
    amount: Annotated[Decimal, Field(gt=0, max_digits=18, decimal_places=2)]
    account: str = Field(default="250505", pattern=r"^\d{6,12}$", description="Pasivo que se paga.")
    description: str = Field(default="", max_length=300)


class DisbursementIn(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        json_schema_extra={
            "examples": [
                {
                    "date": "2025-03-16",
                    "description": "Pago nómina 1-15 marzo",
                    "bank_account": "Banco 1",
                    "payments": [{"contact": "1020304050", "amount": "1840000"}],
                }
            ]
        },
    )
    date: dt.date
    description: str = Field(min_length=1, max_length=300)
    bank_account: str | None = Field(
        default=None, description="Nombre; la predeterminada si falta."
    )
    payments: list[PaymentIn] = Field(min_length=1, max_length=500)


class PostedOut(BaseModel):
    entry_id: int
    number: int
    date: dt.date
    total: Decimal


def _actor(principal: CurrentPrincipal) -> str:
    return f"{principal.user_name} (integración)"


def _posted(session: SessionDep, proposal: EntryProposal, actor: str) -> dict[str, Any]:
    entry = post_entry(session, proposal, actor=actor)
    assert entry.id is not None
    out = PostedOut(
        entry_id=entry.id, number=entry.number, date=entry.date, total=proposal.total_debit
    )
    return out.model_dump(mode="json")


@router.get("/accounts", response_model=ListAccountsOutput)
def list_accounts(
    ctx: ToolCtx,
    search: Annotated[str, Query(max_length=100, examples=["sueldos"])] = "",
    only_leaf: Annotated[bool, Query(description="Solo cuentas auxiliares.")] = True,
    limit: Annotated[int, Query(ge=1, le=600)] = 200,
) -> ListAccountsOutput:
    """The company's chart as it is now (accounts created in Cuadre appear at once)."""
    args = ListAccountsInput(search=search, only_leaf=only_leaf, limit=limit)
    result = run_tool(ctx, "list_accounts", args)
    assert isinstance(result, ListAccountsOutput)
    return result


@router.get("/cost-centers", response_model=list[CostCenterOut])
def list_cost_centers(session: SessionDep) -> list[CostCenterOut]:
    """The company's cost centers."""
    from api.routes.cost_centers import list_cost_centers as listing

    return listing(session)


@router.post("/cost-centers", response_model=CostCenterOut, status_code=201)
def create_center(
    session: SessionDep, principal: CurrentPrincipal, body: CostCenterCreate
) -> CostCenterOut:
    """Create a cost center (a repeated code answers 409)."""
    return create_cost_center(session, principal, body)


@router.post(
    "/journal-entries",
    response_model=PostedOut,
    status_code=201,
    responses={409: {"description": "La clave ya se usó con otro contenido."}},
)
def post_journal_entry(
    session: SessionDep, principal: CurrentPrincipal, body: EntryIn, key: IdempotencyKey
) -> JSONResponse:
    """Post a balanced journal entry; lines name accounts, NITs and cost center codes."""
    assert principal.company_id is not None

    def work() -> dict[str, Any]:
        external = [
            ExternalLine(x.account, x.debit, x.credit, x.contact, x.cost_center, x.description)
            for x in body.lines
        ]
        proposal = EntryProposal(
            date=body.date,
            description=body.description,
            lines=resolve_lines(session, external),
            source="integration",
        )
        return _posted(session, proposal, _actor(principal))

    return run_once(
        session,
        company_id=principal.company_id,
        key=key,
        route="journal-entries",
        body=body.model_dump(),
        work=work,
    )


@router.post(
    "/disbursements",
    response_model=PostedOut,
    status_code=201,
    responses={409: {"description": "La clave ya se usó con otro contenido."}},
)
def post_disbursement(
    session: SessionDep, principal: CurrentPrincipal, body: DisbursementIn, key: IdempotencyKey
) -> JSONResponse:
    """Post an egreso: Dr the liability per contact (2505 by default), Cr the bank."""
    assert principal.company_id is not None

    def work() -> dict[str, Any]:
        payments = [
            ExternalPayment(p.contact, p.amount, p.account, p.description) for p in body.payments
        ]
        proposal = disbursement_proposal(
            session,
            on=body.date,
            description=body.description,
            payments=payments,
            bank_code=bank_account_code(session, body.bank_account),
        )
        return _posted(session, proposal, _actor(principal))

    return run_once(
        session,
        company_id=principal.company_id,
        key=key,
        route="disbursements",
        body=body.model_dump(),
        work=work,
    )
