"""The only way to write the books.

Every function checks the pure proposal first (`EntryProposal.validate()`), then the
database rules (`ledger.books`), and writes everything in one transaction: on any error
the session is rolled back and nothing is written. Posted entries are never edited or
deleted (see `ledger.guards`); `reverse_entry` writes the mirror entry instead.

All functions take a `company_session` and commit on success.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from sqlmodel import Session

from ledger.audit import record
from ledger.books import load_company, scoped_company_id
from ledger.document_writer import add_document, add_payment, check_contact
from ledger.drafts import DocumentDraft, DocumentLineDraft, DocumentTaxDraft, PaymentDraft
from ledger.entry_writer import as_proposed, atomic, lock_books, write_entry
from ledger.errors import AlreadyReversedError, ForeignCompanyError, LedgerError
from ledger.models import Company, Document, DocumentStatus, JournalEntry
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


def post_entry(
    session: Session, proposal: EntryProposal, *, actor: str, batch_id: str | None = None
) -> JournalEntry:
    """Post a balanced entry to the session's company; raises a `LedgerError` otherwise."""
    company_id = scoped_company_id(session)
    proposal.validate()
    with atomic(session):
        lock_books(session, company_id)
        entry = write_entry(session, company_id, proposal, actor=actor, batch_id=batch_id)
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

    A payment that settles what is owed (total minus withholdings) marks the document
    `paid` unless the draft chose another status than `posted`. A CUFE already in the
    books raises `DuplicateDocumentError` (imports can be replayed).
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
    with atomic(session):
        lock_books(session, company_id)
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
        check_contact(session, company_id, document.contact_id)
    row = add_document(session, company_id, document)
    session.flush()
    journal = write_entry(
        session, company_id, entry, actor=actor, batch_id=batch_id, document_id=row.id
    )
    if payment is not None:
        add_payment(session, company_id, row, payment, actor=actor, batch_id=batch_id)
        settled = payment.amount >= row.total - row.withholding_total
        if settled and document.status == DocumentStatus.POSTED:
            row.status = DocumentStatus.PAID
            session.add(row)
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
    with atomic(session):
        lock_books(session, company_id)
        original = session.get(JournalEntry, entry_id, populate_existing=True)
        if original is None or original.company_id != company_id:
            raise ForeignCompanyError(f"El asiento {entry_id} no existe en esta empresa.")
        if original.reversed_by_id is not None:
            raise AlreadyReversedError(f"El asiento {original.number} ya fue reversado.")
        mirror = EntryProposal(
            date=on,
            description=f"Reversión del asiento {original.number}: {reason.strip()}",
            lines=tuple(line_proposal.mirrored() for line_proposal in as_proposed(original)),
            source="reversal",
        )
        reversal = write_entry(
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


def close_books(session: Session, through: date, *, actor: str = "sistema") -> Company:
    """Close the books through `through`: no entry may be dated on or before it."""
    company_id = scoped_company_id(session)
    with atomic(session):
        lock_books(session, company_id)
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
