"""Writing a document's rows (header, lines, taxes) and its payments."""

from __future__ import annotations

from sqlmodel import Session, select

from ledger.drafts import DocumentDraft, PaymentDraft
from ledger.entry_writer import write_entry
from ledger.errors import DuplicateDocumentError, ForeignCompanyError
from ledger.models import (
    Contact,
    Document,
    DocumentLine,
    DocumentStatus,
    DocumentTax,
    Payment,
)


def add_document(session: Session, company_id: int, draft: DocumentDraft) -> Document:
    if draft.cufe:
        existing = session.exec(
            select(Document.id).where(
                Document.company_id == company_id,
                Document.cufe == draft.cufe,
                Document.status != DocumentStatus.VOIDED,
            )
        ).first()
        if existing is not None:
            raise DuplicateDocumentError(
                f"El documento {draft.number} (CUFE {draft.cufe[:12]}…) ya está registrado.",
                document_id=existing,
            )
    document = Document(
        company_id=company_id,
        kind=draft.kind,
        side=draft.side or "",
        number=draft.number,
        cufe=draft.cufe,
        issue_date=draft.issue_date,
        due_date=draft.due_date,
        currency=draft.currency,
        payment_form=draft.payment_form,
        status=draft.status,
        contact_id=draft.contact_id,
        description=draft.description,
        subtotal=draft.subtotal,
        tax_total=draft.tax_total,
        withholding_total=draft.withholding_total,
        total=draft.total,
    )
    session.add(document)
    session.flush()
    assert document.id is not None
    for number, line in enumerate(draft.lines, start=1):
        session.add(
            DocumentLine(
                company_id=company_id,
                document_id=document.id,
                line_no=number,
                description=line.description,
                item_id=line.item_id,
                account_code=line.account_code,
                quantity=line.quantity,
                unit_price=line.unit_price,
                line_total=line.line_total,
            )
        )
    for tax in draft.taxes:
        session.add(
            DocumentTax(
                company_id=company_id,
                document_id=document.id,
                scheme=tax.scheme,
                is_withholding=tax.is_withholding,
                rate=tax.rate,
                base=tax.base,
                amount=tax.amount,
            )
        )
    return document


def check_contact(session: Session, company_id: int, contact_id: int) -> None:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.company_id != company_id:
        raise ForeignCompanyError(
            f"El tercero {contact_id} no existe en esta empresa.", code="tercero_ajeno"
        )


def add_payment(
    session: Session,
    company_id: int,
    document: Document,
    payment: PaymentDraft,
    *,
    actor: str,
    batch_id: str | None,
) -> Payment:
    journal = write_entry(
        session,
        company_id,
        payment.entry,
        actor=actor,
        batch_id=batch_id,
        document_id=document.id,
    )
    assert journal.id is not None
    row = Payment(
        company_id=company_id,
        document_id=document.id,
        entry_id=journal.id,
        bank_account_id=payment.bank_account_id,
        date=payment.date,
        amount=payment.amount,
        method=payment.method,
        reference=payment.reference,
    )
    session.add(row)
    return row
