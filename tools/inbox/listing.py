"""The reception inbox read for lists and detail: paging, totals, and per-line advice.

Reads only. A pending or doubtful entry's lines carry the suggestion registering it
would use now (`tools.inbox.register.advise`); a registered one shows the accounts it
was posted with (and any later correction).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func
from sqlmodel import Session, col, select

from ledger.models import InboxEntry
from tools.errors import ToolError
from tools.inbox.intake import IGNORED, NEEDS_REVIEW, PENDING, REGISTERED, REJECTED
from tools.inbox.register import advise
from tools.sync.codec import loads

STATUSES = (PENDING, REGISTERED, NEEDS_REVIEW, REJECTED, IGNORED)
STATUS_ES = {
    PENDING: "pendiente",
    REGISTERED: "registrada",
    NEEDS_REVIEW: "por revisar",
    REJECTED: "rechazada",
    IGNORED: "ignorada",
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class InboxItem(_Frozen):
    """One received document as the inbox lists it."""

    id: int
    number: str
    supplier_nit: str
    supplier_name: str
    issue_date: date | None
    total: Decimal | None
    source: str
    arrivals: int
    received_at: datetime
    status: str
    status_es: str
    reasons: list[str]
    document_id: int | None
    processed_by: str


class InboxPage(_Frozen):
    """A page of the inbox, newest first, and how many match in all."""

    items: list[InboxItem]
    total: int
    page: int
    size: int
    by_status: dict[str, int]


class InboxLine(_Frozen):
    """One line: what it says and the account it goes (or would go) to."""

    number: int
    description: str
    quantity: Decimal | None
    total: Decimal
    account_code: str
    account_name: str
    item: str
    confidence: float | None
    confident: bool
    reason: str
    corrected: bool


class InboxDetail(_Frozen):
    """An entry with its lines; `suggested` when they are suggestions, not posted accounts."""

    entry: InboxItem
    cufe: str
    suggested: bool
    lines: list[InboxLine]


def _item(entry: InboxEntry) -> InboxItem:
    doc = loads(entry.payload)
    return InboxItem(
        id=entry.id or 0,
        number=entry.number,
        supplier_nit=entry.supplier_nit,
        supplier_name=entry.supplier_name,
        issue_date=entry.issue_date,
        total=doc.totals.payable,
        source=entry.source,
        arrivals=entry.arrivals,
        received_at=entry.received_at,
        status=entry.status,
        status_es=STATUS_ES.get(entry.status, entry.status),
        reasons=list(json.loads(entry.reasons or "[]")),
        document_id=entry.document_id,
        processed_by=entry.processed_by,
    )


def list_entries(session: Session, *, status: str = "", page: int = 1, size: int = 50) -> InboxPage:
    """The inbox newest first, optionally of one status, one page at a time."""
    if status and status not in STATUSES:
        raise ToolError(
            "estado_desconocido", f"El estado «{status}» no existe: {', '.join(STATUSES)}."
        )
    query = select(InboxEntry)
    counted = select(func.count()).select_from(InboxEntry)
    if status:
        query = query.where(InboxEntry.status == status)
        counted = counted.where(InboxEntry.status == status)
    rows = session.exec(
        query.order_by(col(InboxEntry.received_at).desc(), col(InboxEntry.id).desc())
        .offset((max(page, 1) - 1) * size)
        .limit(size)
    ).all()
    grouped = session.exec(
        select(InboxEntry.status, func.count()).group_by(col(InboxEntry.status))
    ).all()
    return InboxPage(
        items=[_item(row) for row in rows],
        total=int(session.exec(counted).one()),
        page=page,
        size=size,
        by_status={name: int(n) for name, n in grouped},
    )


def load_entry(session: Session, entry_id: int) -> InboxEntry:
    """The entry, or the Spanish error for one this company does not have."""
    entry = session.get(InboxEntry, entry_id)
    if entry is None:
        raise ToolError("entrada_no_existe", f"No hay entrada {entry_id} en la bandeja.")
    return entry


def entry_detail(session: Session, entry_id: int) -> InboxDetail:
    """One entry with, per line, the suggested account (to register) or the posted one."""
    entry = load_entry(session, entry_id)
    doc = loads(entry.payload)
    suggested = entry.status in (PENDING, NEEDS_REVIEW)
    lines: list[InboxLine] = []
    if suggested:
        for advice, line in zip(advise(session, doc), doc.lines, strict=True):
            s = advice.suggestion
            lines.append(
                InboxLine(
                    number=advice.number,
                    description=advice.description,
                    quantity=line.quantity,
                    total=line.line_total,
                    account_code=s.account_code,
                    account_name=s.account_name,
                    item=s.item,
                    confidence=s.confidence,
                    confident=advice.certain,
                    reason=s.reason_es,
                    corrected=False,
                )
            )
    else:
        posted = json.loads(entry.lines or "[]")
        for number, (record, line) in enumerate(zip(posted, doc.lines, strict=False), start=1):
            lines.append(
                InboxLine(
                    number=number,
                    description=str(record.get("description", "")),
                    quantity=line.quantity,
                    total=line.line_total,
                    account_code=str(record.get("account_code", "")),
                    account_name="",
                    item=str(record.get("item", "")),
                    confidence=record.get("confidence"),
                    confident=True,
                    reason=str(record.get("reason", "")),
                    corrected="corrected_at" in record,
                )
            )
    return InboxDetail(entry=_item(entry), cufe=entry.cufe, suggested=suggested, lines=lines)
