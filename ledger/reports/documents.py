"""Documents by status: how many invoices and notes are in each state, and for how much."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from ledger.models import Document
from ledger.money import ZERO


@dataclass(frozen=True)
class DocumentStatusRow:
    """Count and total of the documents of one kind in one status."""

    kind: str
    status: str
    count: int
    total: Decimal


def documents_by_status(
    session: Session,
    *,
    start: date | None = None,
    end: date | None = None,
    kind: str | None = None,
) -> tuple[DocumentStatusRow, ...]:
    """Documents grouped by kind and status, issued between `start` and `end`."""
    statement = select(
        Document.kind, Document.status, func.count(col(Document.id)), func.sum(Document.total)
    ).group_by(Document.kind, Document.status)
    if start:
        statement = statement.where(Document.issue_date >= start)
    if end:
        statement = statement.where(Document.issue_date <= end)
    if kind:
        statement = statement.where(Document.kind == kind)
    return tuple(
        DocumentStatusRow(kind=k, status=s, count=int(n), total=total or ZERO)
        for k, s, n, total in sorted(session.exec(statement), key=lambda row: (row[0], row[1]))
    )
