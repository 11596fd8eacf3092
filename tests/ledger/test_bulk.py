"""Bulk posting (imports): the same refusals as one-by-one posting, all or nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from ledger.bulk import post_documents_bulk
from ledger.db import company_session
from ledger.errors import AccountNotPostableError, DuplicateDocumentError, ForeignCompanyError
from ledger.models import AuditEvent, Document, DocumentKind, JournalEntry, Payment
from ledger.posting import DocumentDraft, EntryProposal, PaymentDraft, ProposedLine, close_books
from tests.utils.companies import new_company

ON = date(2025, 3, 10)


def _lock(session: Session, company_id: int) -> None:
    """Tests run alone: the caller's lock is a no-op here."""


def purchase(
    number: str,
    amount: str,
    *,
    cufe: str | None = None,
    account: str = "51959501",
    contact_id: int | None = None,
    paid: bool = False,
):  # type: ignore[no-untyped-def]
    total = Decimal(amount)
    draft = DocumentDraft(
        kind=DocumentKind.PURCHASE_INVOICE,
        number=number,
        issue_date=ON,
        total=total,
        cufe=cufe,
        contact_id=contact_id,
    )
    entry = EntryProposal(
        ON,
        f"Compra {number}",
        (ProposedLine(account, debit=total), ProposedLine("220505", credit=total)),
    )
    payment = None
    if paid:
        payment = PaymentDraft(
            ON,
            total,
            EntryProposal(
                ON,
                f"Pago {number}",
                (ProposedLine("220505", debit=total), ProposedLine("111005", credit=total)),
            ),
        )
    return draft, entry, payment


def _count(session: Session, model: type) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def test_bulk_writes_documents_entries_payments_and_history_in_sequence(engine: Engine) -> None:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        items = [purchase("A1", "1000", cufe="a1", paid=True), purchase("A2", "2500.50", cufe="a2")]
        ids = post_documents_bulk(session, items, actor="ana", batch_id="L-9", lock=_lock)
        session.commit()
        assert [session.get(Document, i).number for i in ids] == ["A1", "A2"]  # type: ignore[union-attr]
        numbers = list(session.exec(select(JournalEntry.number).order_by(JournalEntry.number)))
        assert numbers == [1, 2, 3]
        assert _count(session, Payment) == 1
        assert _count(session, AuditEvent) >= 2


@pytest.mark.parametrize(
    ("bad", "error"),
    [
        (purchase("B2", "10", cufe="dup"), DuplicateDocumentError),
        (purchase("B3", "10", account="5195"), AccountNotPostableError),
        (purchase("B4", "10", contact_id=999_999), ForeignCompanyError),
    ],
)
def test_one_bad_document_refuses_the_whole_batch(engine: Engine, bad, error) -> None:  # type: ignore[no-untyped-def]
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        with pytest.raises(error):
            post_documents_bulk(
                session, [purchase("B1", "10", cufe="dup"), bad], actor="ana", lock=_lock
            )
        session.rollback()
        assert _count(session, Document) == 0 and _count(session, JournalEntry) == 0


def test_bulk_respects_closed_periods(engine: Engine) -> None:
    from ledger.errors import ClosedPeriodError

    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        close_books(session, date(2025, 3, 31))
        with pytest.raises(ClosedPeriodError):
            post_documents_bulk(session, [purchase("C1", "10")], actor="ana", lock=_lock)
