"""Documents (invoices, notes, support documents): filters, detail and activity timeline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlmodel import col, select

from api.deps import RowId, SessionDep, ToolCtx
from api.errors import not_found
from ledger.models import AuditEvent, Contact, Document, DocumentLine, DocumentTax, Payment
from tools.ledger_tools import ListDocumentsInput, ListDocumentsOutput
from tools.registry import run_tool

router = APIRouter(prefix="/documents", tags=["documents"])


class LineOut(BaseModel):
    line_no: int
    description: str
    account_code: str | None
    quantity: Decimal
    unit_price: Decimal
    line_total: Decimal


class TaxOut(BaseModel):
    scheme: str
    is_withholding: bool
    rate: Decimal
    base: Decimal
    amount: Decimal


class ActivityOut(BaseModel):
    occurred_at: dt.datetime
    actor: str
    action: str
    summary: str


class DocumentDetail(BaseModel):
    id: int
    kind: str
    side: str
    number: str
    cufe: str | None
    issue_date: dt.date
    due_date: dt.date | None
    status: str
    contact: str
    subtotal: Decimal
    tax_total: Decimal
    withholding_total: Decimal
    total: Decimal
    paid: Decimal
    lines: list[LineOut]
    taxes: list[TaxOut]
    activity: list[ActivityOut]


@router.get("", response_model=ListDocumentsOutput)
def list_documents(
    ctx: ToolCtx, filters: Annotated[ListDocumentsInput, Query()]
) -> ListDocumentsOutput:
    """Documents by kind, status and issue date, newest first."""
    result = run_tool(ctx, "list_documents", filters)
    assert isinstance(result, ListDocumentsOutput)
    return result


@router.get("/{document_id}", response_model=DocumentDetail)
def get_document(session: SessionDep, document_id: RowId) -> DocumentDetail:
    """One document with its lines, taxes, payments and activity timeline."""
    doc = session.get(Document, document_id)
    if doc is None or doc.id is None:
        raise not_found("El documento")
    contact = session.get(Contact, doc.contact_id) if doc.contact_id else None
    lines = session.exec(
        select(DocumentLine)
        .where(DocumentLine.document_id == doc.id)
        .order_by(col(DocumentLine.line_no))
    ).all()
    taxes = session.exec(select(DocumentTax).where(DocumentTax.document_id == doc.id)).all()
    payments = session.exec(select(Payment).where(Payment.document_id == doc.id)).all()
    events = session.exec(
        select(AuditEvent)
        .where(AuditEvent.entity == "document", AuditEvent.entity_id == doc.id)
        .order_by(col(AuditEvent.occurred_at))
    ).all()
    return DocumentDetail(
        id=doc.id,
        kind=doc.kind,
        side=doc.side,
        number=doc.number,
        cufe=doc.cufe,
        issue_date=doc.issue_date,
        due_date=doc.due_date,
        status=doc.status,
        contact=contact.name if contact else "",
        subtotal=doc.subtotal,
        tax_total=doc.tax_total,
        withholding_total=doc.withholding_total,
        total=doc.total,
        paid=sum((p.amount for p in payments), Decimal(0)),
        lines=[LineOut.model_validate(line, from_attributes=True) for line in lines],
        taxes=[TaxOut.model_validate(tax, from_attributes=True) for tax in taxes],
        activity=[ActivityOut.model_validate(e, from_attributes=True) for e in events],
    )
