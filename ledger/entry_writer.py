"""Writing journal entries inside one transaction: the lock, the numbering, the rows.

Used only by `ledger.posting`, which checks proposals before calling these.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import func, text
from sqlmodel import Session, select

from ledger.books import check_against_books
from ledger.models import Company, JournalEntry, JournalLine
from ledger.proposals import EntryProposal, ProposedLine


@contextmanager
def atomic(session: Session) -> Iterator[None]:
    """Commit what the block wrote, or roll all of it back."""
    try:
        yield
        session.commit()
    except BaseException:
        session.rollback()
        raise


def lock_books(session: Session, company_id: int) -> None:
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


def next_number(session: Session, company_id: int) -> int:
    last = session.exec(
        select(func.max(JournalEntry.number)).where(JournalEntry.company_id == company_id)
    ).one()
    return int(last or 0) + 1


def write_entry(
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
        number=next_number(session, company_id),
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


def as_proposed(entry: JournalEntry) -> tuple[ProposedLine, ...]:
    """The lines of a posted entry as proposals (to mirror them in a reversal)."""
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
