"""The only way to write the books.

Every function checks the pure proposal first (`EntryProposal.validate()`), then the
database rules (`ledger.books`), and writes everything in one transaction: on any error
the session is rolled back and nothing is written. Posted entries are never edited or
deleted (see `ledger.guards`); `reverse_entry` writes the mirror entry instead.

All functions take a `company_session` and commit on success.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date

from sqlalchemy import func, text
from sqlmodel import Session, select

from ledger.audit import record
from ledger.books import (
    check_against_books,
    load_company,
    scoped_company_id,
)
from ledger.drafts import DocumentDraft, DocumentLineDraft, DocumentTaxDraft, PaymentDraft
from ledger.errors import (
    AlreadyReversedError,
    DuplicateDocumentError,
    ForeignCompanyError,
    LedgerError,
)
from ledger.models import (
    Company,
    Document,
    DocumentLine,
    DocumentTax,
    JournalEntry,
    JournalLine,
    Payment,
)
from ledger.money import format_cop, format_date
from ledger.proposals import EntryProposal, ProposedLine

__all__ = [
    "DocumentDraft",
    "DocumentLineDraft",
    "DocumentTaxDraft",
    "EntryProposal",
    "PaymentDraft",
    "ProposedLine",
    "close_books",
    "post_document",
    "post_documents",
    "post_entry",
    "reverse_entry",
]


@contextmanager
def _atomic(session: Session) -> Iterator[None]:
    """Commit what the block wrote, or roll all of it back."""
    try:
        yield
        session.commit()
    except BaseException:
        session.rollback()
        raise


def _lock_books(session: Session, company_id: int) -> None:
    """Serialize writers of one company's books (entry numbers, duplicate checks).

    PostgreSQL locks the company row; SQLite takes its single write lock now, before any
    read of this transaction, so a concurrent writer waits instead of failing later.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.exec(select(Company.id).where(Company.id == company_id).with_for_update()).one()
    else:
        session.connection().execute(
            text("UPDATE company SET id = id WHERE id = :id"), {"id": company_id}
        )


def _next_number(session: Session, company_id: int) -> int:
    last = session.exec(
        select(func.max(JournalEntry.number)).where(JournalEntry.company_id == company_id)
    ).one()
    return int(last or 0) + 1


def _write_entry(
    session: Session,
    company_id: int,
    proposal: EntryProposal,
    *,
    actor: str,
    batch_id: str | None,
    document_id: int | None = None,
    reverses_id: int | None = None,
) -> JournalEntry:
    proposal.validate()
    accounts = check_against_books(session, company_id, proposal)
    entry = JournalEntry(
        company_id=company_id,
        number=_next_number(session, company_id),
        date=proposal.date,
        description=proposal.description.strip(),
        source=proposal.source,
        document_id=document_id,
        reverses_id=reverses_id,
        batch_id=batch_id,
        created_by=actor,
    )
    session.add(entry)
    session.flush()
    assert entry.id is not None
    for number, line in enumerate(proposal.lines, start=1):
        account_id = accounts[line.account_code].id
        assert account_id is not None
        session.add(
            JournalLine(
                company_id=company_id,
                entry_id=entry.id,
                line_no=number,
                account_id=account_id,
                debit=line.debit,
                credit=line.credit,
                contact_id=line.contact_id,
                cost_center_id=line.cost_center_id,
                description=line.description,
            )
        )
    session.flush()
    return entry


def post_entry(
    session: Session, proposal: EntryProposal, *, actor: str, batch_id: str | None = None
) -> JournalEntry:
    """Post a balanced entry to the session's company; raises a `LedgerError` otherwise."""
    company_id = scoped_company_id(session)
    proposal.validate()
    with _atomic(session):
        _lock_books(session, company_id)
        entry = _write_entry(session, company_id, proposal, actor=actor, batch_id=batch_id)
        record(
            session,
            company_id=company_id,
            actor=actor,
            action="entry.posted",
            entity="journal_entry",
            entity_id=entry.id,
            source=proposal.source,
            batch_id=batch_id,
            summary=f"Asiento {entry.number} del {format_date(entry.date)}: "
            f"{entry.description} por {format_cop(proposal.total_debit)}.",
        )
    return entry


def _add_document(session: Session, company_id: int, draft: DocumentDraft) -> Document:
    if draft.cufe:
        existing = session.exec(
            select(Document.id).where(
                Document.company_id == company_id, Document.cufe == draft.cufe
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


def post_document(
    session: Session,
    document: DocumentDraft,
    entry: EntryProposal,
    payment: PaymentDraft | None = None,
    *,
    actor: str,
    batch_id: str | None = None,
) -> Document:
    """Record a document with its entry (and payment) in one transaction.

    A CUFE already in the books raises `DuplicateDocumentError` (imports can be replayed).
    """
    return post_documents(session, [(document, entry, payment)], actor=actor, batch_id=batch_id)[0]


def post_documents(
    session: Session,
    items: Sequence[tuple[DocumentDraft, EntryProposal, PaymentDraft | None]],
    *,
    actor: str,
    batch_id: str | None = None,
    on_written: Callable[[int, Document], None] | None = None,
) -> list[Document]:
    """Record many documents in one transaction (bulk imports): all of them or none.

    Each goes through the same checks as `post_document`. `on_written(index, document)`
    runs inside the transaction, so a caller's own bookkeeping (a staged row marked as
    committed) commits or rolls back together with the documents.
    """
    company_id = scoped_company_id(session)
    for _document, entry, payment in items:
        entry.validate()
        if payment is not None:
            payment.entry.validate()
    rows: list[Document] = []
    with _atomic(session):
        _lock_books(session, company_id)
        for index, (document, entry, payment) in enumerate(items):
            row = _write_document(
                session, company_id, document, entry, payment, actor=actor, batch_id=batch_id
            )
            if on_written is not None:
                on_written(index, row)
            rows.append(row)
    return rows


def _write_document(
    session: Session,
    company_id: int,
    document: DocumentDraft,
    entry: EntryProposal,
    payment: PaymentDraft | None,
    *,
    actor: str,
    batch_id: str | None,
) -> Document:
    if document.contact_id is not None:
        _check_contact(session, company_id, document.contact_id)
    row = _add_document(session, company_id, document)
    session.flush()
    journal = _write_entry(
        session, company_id, entry, actor=actor, batch_id=batch_id, document_id=row.id
    )
    if payment is not None:
        _add_payment(session, company_id, row, payment, actor=actor, batch_id=batch_id)
    record(
        session,
        company_id=company_id,
        actor=actor,
        action="document.posted",
        entity="document",
        entity_id=row.id,
        source=entry.source,
        batch_id=batch_id,
        summary=f"Documento {row.number} ({row.kind}) por {format_cop(row.total)}, "
        f"asiento {journal.number}.",
    )
    return row


def _check_contact(session: Session, company_id: int, contact_id: int) -> None:
    from ledger.models import Contact

    contact = session.get(Contact, contact_id)
    if contact is None or contact.company_id != company_id:
        raise ForeignCompanyError(
            f"El tercero {contact_id} no existe en esta empresa.", code="tercero_ajeno"
        )


def _add_payment(
    session: Session,
    company_id: int,
    document: Document,
    payment: PaymentDraft,
    *,
    actor: str,
    batch_id: str | None,
) -> Payment:
    journal = _write_entry(
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


def reverse_entry(
    session: Session,
    entry_id: int,
    *,
    on: date,
    reason: str,
    actor: str,
    batch_id: str | None = None,
) -> JournalEntry:
    """Write the mirror of a posted entry dated `on` and link both; returns the reversal."""
    company_id = scoped_company_id(session)
    if not reason.strip():
        raise LedgerError("Indica el motivo de la reversión.", code="sin_motivo")
    with _atomic(session):
        _lock_books(session, company_id)
        original = session.get(JournalEntry, entry_id, populate_existing=True)
        if original is None or original.company_id != company_id:
            raise ForeignCompanyError(f"El asiento {entry_id} no existe en esta empresa.")
        if original.reversed_by_id is not None:
            raise AlreadyReversedError(f"El asiento {original.number} ya fue reversado.")
        mirror = EntryProposal(
            date=on,
            description=f"Reversión del asiento {original.number}: {reason.strip()}",
            lines=tuple(line_proposal.mirrored() for line_proposal in _as_proposed(original)),
            source="reversal",
        )
        reversal = _write_entry(
            session,
            company_id,
            mirror,
            actor=actor,
            batch_id=batch_id,
            document_id=original.document_id,
            reverses_id=original.id,
        )
        original.reversed_by_id = reversal.id
        session.add(original)
        record(
            session,
            company_id=company_id,
            actor=actor,
            action="entry.reversed",
            entity="journal_entry",
            entity_id=original.id,
            source="reversal",
            batch_id=batch_id,
            summary=f"Asiento {original.number} reversado por el asiento {reversal.number}: "
            f"{reason.strip()}.",
        )
    return reversal


def _as_proposed(entry: JournalEntry) -> tuple[ProposedLine, ...]:
    return tuple(
        ProposedLine(
            account_code=line.account.code if line.account else "",
            debit=line.debit,
            credit=line.credit,
            contact_id=line.contact_id,
            cost_center_id=line.cost_center_id,
            description=line.description,
        )
        for line in entry.lines
    )


def close_books(session: Session, through: date, *, actor: str = "sistema") -> Company:
    """Close the books through `through`: no entry may be dated on or before it."""
    company_id = scoped_company_id(session)
    with _atomic(session):
        _lock_books(session, company_id)
        company = load_company(session, company_id)
        previous = company.books_closed_through
        company.books_closed_through = through
        session.add(company)
        record(
            session,
            company_id=company_id,
            actor=actor,
            action="books.closed",
            entity="company",
            entity_id=company_id,
            source="ledger",
            summary=f"Libros cerrados hasta el {format_date(through)}"
            + (f" (antes {format_date(previous)})." if previous else "."),
        )
    return company
