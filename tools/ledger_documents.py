"""Tool: list the company's invoices and notes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field
from sqlmodel import col, select

from ledger.models import Contact, Document
from tools.context import ToolContext
from tools.ledger_common import Frozen
from tools.registry import ToolKind, tool


class ListDocumentsInput(Frozen):
    kind: (
        Literal[
            "sales_invoice",
            "purchase_invoice",
            "support_document",
            "credit_note",
            "debit_note",
            "adjustment_note",
        ]
        | None
    ) = None
    status: Literal["received", "posted", "paid", "voided"] | None = None
    start: date | None = None
    end: date | None = None
    limit: int = Field(default=50, ge=1, le=500)


class DocumentOut(Frozen):
    id: int
    kind: str
    number: str
    issue_date: date
    due_date: date | None
    contact: str
    total: Decimal
    status: str


class ListDocumentsOutput(Frozen):
    documents: tuple[DocumentOut, ...]
    total: int


@tool(
    kind=ToolKind.READ,
    examples=(
        "¿qué facturas de compra tengo de enero?",
        "muéstrame las facturas de venta",
        "lista las notas crédito",
        "¿cuáles documentos están pendientes de contabilizar?",
        "facturas recibidas este mes",
    ),
)
def list_documents(ctx: ToolContext, args: ListDocumentsInput) -> ListDocumentsOutput:
    """Lista las facturas, notas y documentos soporte registrados, los más recientes primero.

    Filtra por tipo (`sales_invoice` venta, `purchase_invoice` compra, `support_document`
    documento soporte, `credit_note`, `debit_note`, `adjustment_note`), por estado
    (`received` recibido, `posted` contabilizado, `paid` pagado, `voided` anulado) y por
    fecha de emisión.
    """
    statement = select(Document, Contact).outerjoin(
        Contact,
        col(Contact.id) == col(Document.contact_id),
    )
    if args.kind:
        statement = statement.where(Document.kind == args.kind)
    if args.status:
        statement = statement.where(Document.status == args.status)
    if args.start:
        statement = statement.where(Document.issue_date >= args.start)
    if args.end:
        statement = statement.where(Document.issue_date <= args.end)
    statement = statement.order_by(col(Document.issue_date).desc(), col(Document.id).desc())
    with ctx.session() as session:
        found = session.exec(statement).all()
    return ListDocumentsOutput(
        documents=tuple(
            DocumentOut(
                id=doc.id or 0,
                kind=doc.kind,
                number=doc.number,
                issue_date=doc.issue_date,
                due_date=doc.due_date,
                contact=contact.name if contact else "",
                total=doc.total,
                status=doc.status,
            )
            for doc, contact in found[: args.limit]
        ),
        total=len(found),
    )
