"""Reviewing a staged job: filter, page, open one document, select and unselect.

Reads staged rows only; the detail shows the entry and the payment the commit would
write, built by the same rules (`tools.sync.rules`), without touching the books.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, or_, update
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from ledger.models import StagedContact, StagedDocument, SyncJob
from ledger.money import ZERO
from tools.errors import ToolError
from tools.sync import codec
from tools.sync.commit import plan_row
from tools.sync.job import company_profile, load_job
from tools.sync.stage import NEW, STATUSES

KIND_GROUPS = {
    "sales": ("issued",),
    "purchases": ("received",),
    "ventas": ("issued",),
    "compras": ("received",),
}


class ReviewFilter(BaseModel):
    """Which staged documents to show or to (un)select; empty fields do not filter."""

    model_config = ConfigDict(frozen=True)

    kind: str = Field(default="", description="sales/ventas o purchases/compras.")
    document_type: str = Field(
        default="",
        description="sales_invoice, purchase_invoice, support_document, credit_note, "
        "debit_note o adjustment_note.",
    )
    start: date | None = None
    end: date | None = None
    status: str = Field(default="", description="new, already_in_books, conflicting, ...")
    text: str = Field(default="", description="Parte del número, NIT o nombre.")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _filtered(query: Any, job_id: int, flt: ReviewFilter) -> Any:
    query = query.where(StagedDocument.job_id == job_id)
    if flt.kind:
        directions = KIND_GROUPS.get(flt.kind.lower())
        if directions is None:
            raise ToolError(
                "tipo_desconocido", f"No conozco el tipo «{flt.kind}»: usa ventas o compras."
            )
        query = query.where(col(StagedDocument.direction).in_(directions))
    if flt.document_type:
        query = query.where(StagedDocument.kind == flt.document_type)
    if flt.start:
        query = query.where(col(StagedDocument.issue_date) >= flt.start)
    if flt.end:
        query = query.where(col(StagedDocument.issue_date) <= flt.end)
    if flt.status:
        if flt.status not in STATUSES:
            raise ToolError(
                "estado_desconocido", f"El estado «{flt.status}» no existe: {', '.join(STATUSES)}."
            )
        query = query.where(StagedDocument.status == flt.status)
    if flt.text.strip():
        pattern = f"%{flt.text.strip()}%"
        query = query.where(
            or_(
                col(StagedDocument.number).ilike(pattern),
                col(StagedDocument.nit).ilike(pattern),
                col(StagedDocument.name).ilike(pattern),
            )
        )
    return query


class StagedRow(BaseModel):
    """One staged document as the review lists it."""

    model_config = ConfigDict(frozen=True)

    id: int
    number: str
    kind: str
    direction: str
    issue_date: date | None
    nit: str
    name: str
    status: str
    selected: bool
    total: Decimal
    note: str
    outcome: str


class ReviewPage(BaseModel):
    """A page of staged documents plus the job's totals for the whole filter."""

    model_config = ConfigDict(frozen=True)

    job_id: int
    state: str
    total_rows: int
    page: int
    page_size: int
    rows: tuple[StagedRow, ...]
    selected: int
    selected_total: Decimal
    contacts_new: int
    contacts_existing: int


def review(
    session: Session, job_id: int, flt: ReviewFilter, *, page: int = 1, page_size: int = 50
) -> ReviewPage:
    """The staged documents of a job matching `flt`, one page at a time."""
    job: SyncJob = load_job(session, job_id)
    count_q: SelectOfScalar[int] = select(func.count())
    total_rows = int(session.exec(_filtered(count_q, job_id, flt)).one())
    rows_q = _filtered(select(StagedDocument), job_id, flt).order_by(
        col(StagedDocument.issue_date), col(StagedDocument.id)
    )
    rows = session.exec(rows_q.offset((max(page, 1) - 1) * page_size).limit(page_size))
    selected_q = select(func.count(), func.sum(StagedDocument.total)).where(
        StagedDocument.job_id == job_id,
        col(StagedDocument.selected).is_(True),
        StagedDocument.status == NEW,
    )
    selected, selected_total = session.exec(selected_q).one()
    contacts = dict(
        session.exec(
            select(StagedContact.status, func.count())
            .where(StagedContact.job_id == job_id)
            .group_by(StagedContact.status)
        ).all()
    )
    return ReviewPage(
        job_id=job_id,
        state=job.state,
        total_rows=total_rows,
        page=page,
        page_size=page_size,
        rows=tuple(
            StagedRow(
                id=row.id or 0,
                number=row.number,
                kind=row.kind,
                direction=row.direction,
                issue_date=row.issue_date,
                nit=row.nit,
                name=row.name,
                status=row.status,
                selected=row.selected,
                total=row.total,
                note=row.note,
                outcome=row.outcome,
            )
            for row in rows
        ),
        selected=int(selected or 0),
        selected_total=Decimal(selected_total or ZERO),
        contacts_new=int(contacts.get(NEW, 0)),
        contacts_existing=int(sum(n for status, n in contacts.items() if status != NEW)),
    )


class EntryLineOut(BaseModel):
    """One line of the entry a document will produce."""

    model_config = ConfigDict(frozen=True)

    account: str
    debit: Decimal
    credit: Decimal


class DocumentDetail(BaseModel):
    """A staged document opened: its lines, taxes, entry and automatic payment."""

    model_config = ConfigDict(frozen=True)

    row: StagedRow
    lines: tuple[dict[str, Any], ...]
    taxes: tuple[dict[str, Any], ...]
    entry: tuple[EntryLineOut, ...]
    payment: tuple[EntryLineOut, ...]
    payment_note: str
    rules: tuple[str, ...]
    problem: str = ""


def detail(session: Session, job_id: int, staged_id: int) -> DocumentDetail:
    """One staged document with what the commit would write for it."""
    job = load_job(session, job_id)
    row = session.get(StagedDocument, staged_id)
    if row is None or row.job_id != job_id:
        raise ToolError(
            "documento_no_existe", f"La sincronización {job_id} no tiene el documento {staged_id}."
        )
    page = review(session, job_id, ReviewFilter(text=row.number), page_size=500)
    listed = next(r for r in page.rows if r.id == staged_id)
    doc = codec.loads(row.payload)
    lines = tuple(
        {"description": line.description, "quantity": line.quantity, "total": line.line_total}
        for line in doc.lines
    )
    taxes = tuple(
        {"scheme": tax.scheme, "rate": tax.rate, "amount": tax.amount, "withholding": held}
        for held, group in ((False, doc.taxes), (True, doc.withholdings))
        for tax in group
    )
    try:
        plan = plan_row(row, company_profile(session, row.company_id), job.sync_date, None)
    except ToolError as exc:
        return DocumentDetail(
            row=listed,
            lines=lines,
            taxes=taxes,
            entry=(),
            payment=(),
            payment_note="",
            rules=(),
            problem=exc.message_es,
        )

    def out(entry_lines: Any) -> tuple[EntryLineOut, ...]:
        return tuple(
            EntryLineOut(account=ln.account_code, debit=ln.debit, credit=ln.credit)
            for ln in entry_lines
        )

    return DocumentDetail(
        row=listed,
        lines=lines,
        taxes=taxes,
        entry=out(plan.entry.lines),
        payment=out(plan.payment.entry.lines) if plan.payment else (),
        payment_note=plan.payment_note,
        rules=tuple(rule.help for rule in plan.rules),
    )


def set_selected(
    session: Session, job_id: int, flt: ReviewFilter, selected: bool, ids: tuple[int, ...] = ()
) -> int:
    """Select or unselect documents by id or by filter; only `new` ones can be selected."""
    job = load_job(session, job_id)
    if job.state not in ("staged",):
        raise ToolError(
            "trabajo_no_editable",
            f"La sincronización {job_id} está en «{job.state}»; ya no se puede cambiar.",
        )
    query = _filtered(update(StagedDocument), job_id, flt)
    if ids:
        query = query.where(col(StagedDocument.id).in_(ids))
    if selected:
        query = query.where(StagedDocument.status == NEW)
    result = session.execute(query.values(selected=selected))
    session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


class StagedContactRow(BaseModel):
    """A customer or supplier found by a job."""

    model_config = ConfigDict(frozen=True)

    id: int
    nit: str
    name: str
    is_customer: bool
    is_supplier: bool
    status: str
    contact_id: int | None


def review_contacts(
    session: Session, job_id: int, *, text: str = "", page: int = 1, page_size: int = 50
) -> tuple[StagedContactRow, ...]:
    """The contacts a job found (new or already in the books), by name."""
    load_job(session, job_id)
    query = select(StagedContact).where(StagedContact.job_id == job_id)
    if text.strip():
        pattern = f"%{text.strip()}%"
        query = query.where(
            or_(col(StagedContact.nit).ilike(pattern), col(StagedContact.name).ilike(pattern))
        )
    query = query.order_by(col(StagedContact.name)).offset((max(page, 1) - 1) * page_size)
    return tuple(
        StagedContactRow(
            id=row.id or 0,
            nit=row.nit,
            name=row.name,
            is_customer=row.is_customer,
            is_supplier=row.is_supplier,
            status=row.status,
            contact_id=row.contact_id,
        )
        for row in session.exec(query.limit(page_size))
    )
