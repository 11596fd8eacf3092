"""The journal (libro diario): entries in order with their lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import selectinload
from sqlmodel import Session, col, select

from ledger.models import JournalEntry, JournalLine


@dataclass(frozen=True)
class JournalLineRow:
    """One line of an entry."""

    account_code: str
    account_name: str
    debit: Decimal
    credit: Decimal
    description: str


@dataclass(frozen=True)
class JournalEntryRow:
    """One entry with its lines; `reverses`/`reversed_by` are entry numbers."""

    entry_id: int
    number: int
    date: date
    description: str
    source: str
    lines: tuple[JournalLineRow, ...]
    reverses: int | None
    reversed_by: int | None


def journal(
    session: Session, *, start: date | None = None, end: date | None = None
) -> tuple[JournalEntryRow, ...]:
    """Entries between `start` and `end` (inclusive), by date and number."""
    statement = (
        select(JournalEntry)
        .options(
            selectinload(JournalEntry.lines).selectinload(JournalLine.account)  # type: ignore[arg-type]
        )
        .order_by(col(JournalEntry.date), col(JournalEntry.number))
    )
    if start:
        statement = statement.where(JournalEntry.date >= start)
    if end:
        statement = statement.where(JournalEntry.date <= end)
    entries = session.exec(statement).all()
    numbers = dict(session.exec(select(JournalEntry.id, JournalEntry.number)).all())
    return tuple(
        JournalEntryRow(
            entry_id=entry.id or 0,
            number=entry.number,
            date=entry.date,
            description=entry.description,
            source=entry.source,
            lines=tuple(
                JournalLineRow(
                    account_code=line.account.code if line.account else "",
                    account_name=line.account.name if line.account else "",
                    debit=line.debit,
                    credit=line.credit,
                    description=line.description,
                )
                for line in entry.lines
            ),
            reverses=numbers.get(entry.reverses_id) if entry.reverses_id else None,
            reversed_by=numbers.get(entry.reversed_by_id) if entry.reversed_by_id else None,
        )
        for entry in entries
    )
