"""Receivables and payables aging (cartera / cuentas por pagar por edades)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from sqlalchemy import func
from sqlmodel import Session, col, select

from ledger.models import Contact, Document, DocumentKind, DocumentSide, DocumentStatus, Payment
from ledger.money import ZERO

BUCKETS = ("0-30", "31-60", "61-90", ">90")


@dataclass(frozen=True)
class AgingRow:
    """What one contact owes (or is owed), by days past due."""

    contact_id: int | None
    contact_name: str
    days_0_30: Decimal
    days_31_60: Decimal
    days_61_90: Decimal
    over_90: Decimal

    @property
    def total(self) -> Decimal:
        """Everything outstanding for this contact."""
        return self.days_0_30 + self.days_31_60 + self.days_61_90 + self.over_90


def bucket_of(days_past_due: int) -> int:
    """Index into `BUCKETS`: not yet due and up to 30 days late both fall in 0-30."""
    if days_past_due <= 30:
        return 0
    if days_past_due <= 60:
        return 1
    if days_past_due <= 90:
        return 2
    return 3


def aging(
    session: Session,
    *,
    kind: Literal["receivable", "payable"] = "receivable",
    as_of: date,
) -> tuple[AgingRow, ...]:
    """Outstanding balances per contact as of a date: documents minus their payments.

    Receivables come from sales documents, payables from purchase documents. Credit notes
    subtract; withholdings are not owed. Days count from the due date (or issue date).
    """
    side = DocumentSide.SALE if kind == "receivable" else DocumentSide.PURCHASE
    paid = dict(
        session.exec(
            select(Payment.document_id, func.sum(Payment.amount))
            .where(Payment.date <= as_of)
            .group_by(col(Payment.document_id))
        ).all()
    )
    documents = session.exec(
        select(Document, Contact)
        .outerjoin(Contact, col(Contact.id) == col(Document.contact_id))
        .where(
            Document.side == side,
            Document.issue_date <= as_of,
            Document.status != DocumentStatus.VOIDED,
        )
    )
    buckets: dict[tuple[int | None, str], list[Decimal]] = defaultdict(lambda: [ZERO] * 4)
    for document, contact in documents:
        sign = -1 if document.kind == DocumentKind.CREDIT_NOTE else 1
        due = document.total - document.withholding_total - (paid.get(document.id) or ZERO)
        if due == ZERO:
            continue
        days = (as_of - (document.due_date or document.issue_date)).days
        key = (document.contact_id, contact.name if contact else "Sin tercero")
        buckets[key][bucket_of(days)] += sign * due
    return tuple(
        AgingRow(contact_id, name, *amounts)
        for (contact_id, name), amounts in sorted(buckets.items(), key=lambda kv: kv[0][1])
        if any(amounts)
    )
