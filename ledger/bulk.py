"""Bulk posting of many documents in one transaction (imports of a whole year).

Same rules as `ledger.posting.post_documents`, checked once per batch instead of once
per entry: every proposal passes `validate()`; the period must be open for every date;
every account must be an active leaf and every contact must belong to the company;
a CUFE already in the books (or twice in the batch) is refused. Rows are written with
multi-row INSERT ... RETURNING, which is what makes a year of documents take minutes,
not hours. Entry numbers continue the company's sequence under the books' write lock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from ledger.books import check_open_period, load_company, scoped_company_id
from ledger.drafts import DocumentDraft, PaymentDraft
from ledger.errors import AccountNotPostableError, DuplicateDocumentError, ForeignCompanyError
from ledger.models import (
    Account,
    AuditEvent,
    Contact,
    Document,
    DocumentLine,
    DocumentStatus,
    DocumentTax,
    JournalEntry,
    JournalLine,
    Payment,
)
from ledger.models.base import utcnow
from ledger.money import format_cop
from ledger.proposals import EntryProposal

Item = tuple[DocumentDraft, EntryProposal, PaymentDraft | None]


def _accounts(
    session: Session, company_id: int, proposals: Sequence[EntryProposal]
) -> dict[str, int]:
    codes = {line.account_code for proposal in proposals for line in proposal.lines}
    found = {
        account.code: account
        for account in session.exec(
            select(Account).where(Account.company_id == company_id, col(Account.code).in_(codes))
        )
    }
    for code in sorted(codes):
        account = found.get(code)
        if account is None:
            raise AccountNotPostableError(
                f"La cuenta {code} no existe en el plan de cuentas de esta empresa."
            )
        if not account.is_leaf or not account.active:
            raise AccountNotPostableError(
                f"La cuenta {account.code} {account.name} no admite movimientos "
                "(agrupa otras o está inactiva)."
            )
    return {code: account.id for code, account in found.items() if account.id is not None}


def _check_contacts(session: Session, company_id: int, items: Sequence[Item]) -> None:
    wanted = {d.contact_id for d, _e, _p in items if d.contact_id is not None}
    wanted |= {
        line.contact_id
        for _d, entry, payment in items
        for proposal in (entry, *((payment.entry,) if payment else ()))
        for line in proposal.lines
        if line.contact_id is not None
    }
    if not wanted:
        return
    found = set(
        session.exec(
            select(Contact.id).where(Contact.company_id == company_id, col(Contact.id).in_(wanted))
        )
    )
    missing = wanted - found
    if missing:
        raise ForeignCompanyError(
            f"El tercero {min(missing)} no existe en esta empresa.", code="tercero_ajeno"
        )


def _check_cufes(session: Session, company_id: int, items: Sequence[Item]) -> None:
    cufes = [d.cufe for d, _e, _p in items if d.cufe]
    if len(set(cufes)) != len(cufes):
        raise DuplicateDocumentError("El lote trae dos veces el mismo CUFE.")
    if not cufes:
        return
    existing = session.exec(
        select(Document.id, Document.number).where(
            Document.company_id == company_id,
            col(Document.cufe).in_(cufes),
            Document.status != DocumentStatus.VOIDED,
        )
    ).first()
    if existing is not None:
        raise DuplicateDocumentError(
            f"El documento {existing[1]} ya está registrado.", document_id=existing[0]
        )


def _insert(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> list[int]:
    """Multi-row insert; returns the new ids in the order of `rows`."""
    if not rows:
        return []
    result = session.execute(
        insert(model).returning(model.id, sort_by_parameter_order=True),
        rows,
    )
    return [row[0] for row in result]


def post_documents_bulk(
    session: Session,
    items: Sequence[Item],
    *,
    actor: str,
    batch_id: str | None = None,
    lock: Callable[[Session, int], None],
) -> list[int]:
    """Write documents, entries, payments and audit events; returns the document ids.

    Does not commit: the caller's transaction (which must already hold the books' write
    lock, `lock(session, company_id)`) commits or rolls back everything together.
    """
    company_id = scoped_company_id(session)
    if not items:
        return []
    proposals = [p for _d, e, pay in items for p in (e, *((pay.entry,) if pay else ()))]
    for proposal in proposals:
        proposal.validate()
    lock(session, company_id)
    company = load_company(session, company_id)
    for day in {min(p.date for p in proposals), max(p.date for p in proposals)}:
        check_open_period(company, day)
    accounts = _accounts(session, company_id, proposals)
    _check_contacts(session, company_id, items)
    _check_cufes(session, company_id, items)
    now = utcnow()
    document_ids = _insert(
        session, Document, [_document_row(company_id, d, now) for d, _e, _p in items]
    )
    lines = [
        {
            "company_id": company_id,
            "document_id": doc_id,
            "line_no": n,
            "description": ln.description,
            "item_id": ln.item_id,
            "account_code": ln.account_code,
            "quantity": ln.quantity,
            "unit_price": ln.unit_price,
            "line_total": ln.line_total,
        }
        for doc_id, (d, _e, _p) in zip(document_ids, items, strict=True)
        for n, ln in enumerate(d.lines, start=1)
    ]
    if lines:
        session.execute(insert(DocumentLine), lines)
    taxes = [
        {
            "company_id": company_id,
            "document_id": doc_id,
            "scheme": t.scheme,
            "is_withholding": t.is_withholding,
            "rate": t.rate,
            "base": t.base,
            "amount": t.amount,
        }
        for doc_id, (d, _e, _p) in zip(document_ids, items, strict=True)
        for t in d.taxes
    ]
    if taxes:
        session.execute(insert(DocumentTax), taxes)
    number = int(
        session.exec(
            select(func.max(JournalEntry.number)).where(JournalEntry.company_id == company_id)
        ).one()
        or 0
    )
    entries: list[tuple[int, EntryProposal]] = []
    for doc_id, (_d, entry, payment) in zip(document_ids, items, strict=True):
        entries.append((doc_id, entry))
        if payment is not None:
            entries.append((doc_id, payment.entry))
    entry_ids = _insert(
        session,
        JournalEntry,
        [
            {
                "company_id": company_id,
                "number": number + i,
                "date": p.date,
                "description": p.description.strip(),
                "source": p.source,
                "document_id": doc_id,
                "batch_id": batch_id,
                "created_by": actor,
                "created_at": now,
            }
            for i, (doc_id, p) in enumerate(entries, start=1)
        ],
    )
    session.execute(
        insert(JournalLine),
        [
            {
                "company_id": company_id,
                "entry_id": entry_id,
                "line_no": n,
                "account_id": accounts[ln.account_code],
                "debit": ln.debit,
                "credit": ln.credit,
                "contact_id": ln.contact_id,
                "cost_center_id": ln.cost_center_id,
                "description": ln.description,
            }
            for entry_id, (_doc, p) in zip(entry_ids, entries, strict=True)
            for n, ln in enumerate(p.lines, start=1)
        ],
    )
    payments = []
    position = 0
    for doc_id, (_d, _entry, payment) in zip(document_ids, items, strict=True):
        position += 1
        if payment is not None:
            payments.append(
                {
                    "company_id": company_id,
                    "document_id": doc_id,
                    "entry_id": entry_ids[position],
                    "bank_account_id": payment.bank_account_id,
                    "date": payment.date,
                    "amount": payment.amount,
                    "method": payment.method,
                    "reference": payment.reference,
                    "created_at": now,
                }
            )
            position += 1
    if payments:
        session.execute(insert(Payment), payments)
    session.execute(
        insert(AuditEvent),
        [
            {
                "company_id": company_id,
                "occurred_at": now,
                "actor": actor or "sistema",
                "action": "document.posted",
                "entity": "document",
                "entity_id": doc_id,
                "source": entry.source,
                "batch_id": batch_id,
                "summary": f"Documento {d.number} ({d.kind}) por {format_cop(d.total)}."[:500],
            }
            for doc_id, (d, entry, _p) in zip(document_ids, items, strict=True)
        ],
    )
    return document_ids


def _document_row(company_id: int, d: DocumentDraft, now: Any) -> dict[str, Any]:
    return {
        "company_id": company_id,
        "kind": d.kind,
        "side": d.side or "",
        "number": d.number,
        "cufe": d.cufe,
        "issue_date": d.issue_date,
        "due_date": d.due_date,
        "currency": d.currency,
        "payment_form": d.payment_form,
        "status": d.status,
        "contact_id": d.contact_id,
        "description": d.description,
        "subtotal": d.subtotal,
        "tax_total": d.tax_total,
        "withholding_total": d.withholding_total,
        "total": d.total,
        "created_at": now,
    }
