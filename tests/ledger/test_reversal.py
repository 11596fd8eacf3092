"""Posted entries are immutable; a reversal writes the mirror entry and links both."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine, delete, update
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from ledger.db import admin_session, company_session
from ledger.errors import AlreadyReversedError, ClosedPeriodError, ImmutableEntryError
from ledger.models import AuditEvent, JournalEntry, JournalLine
from ledger.posting import close_books, reverse_entry
from ledger.reports import trial_balance
from tests.utils.companies import new_company
from tests.utils.journal import post_journal

SALE = """
2025-03-10 Venta de contado FE-101
  110505  119000.00
  413505            100000.00
  240805             19000.00
"""


def test_reversal_mirrors_and_links_both_entries(engine: Engine) -> None:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        (sale,) = post_journal(session, SALE)
        assert sale.id is not None
        reversal = reverse_entry(
            session, sale.id, on=date(2025, 3, 11), reason="cliente devolvió", actor="ana"
        )
        assert reversal.reverses_id == sale.id
        session.expire_all()
        original = session.get(JournalEntry, sale.id)
        assert original is not None and original.reversed_by_id == reversal.id
        mirrored = [
            (line.account.code, line.debit, line.credit) for line in reversal.lines if line.account
        ]
        assert mirrored == [
            ("110505", Decimal("0.00"), Decimal("119000.00")),
            ("413505", Decimal("100000.00"), Decimal("0.00")),
            ("240805", Decimal("19000.00"), Decimal("0.00")),
        ]
        assert "cliente devolvió" in reversal.description
        assert {row.code: row.closing for row in trial_balance(session)} == {
            "110505": Decimal("0.00"),
            "240805": Decimal("0.00"),
            "413505": Decimal("0.00"),
        }
        actions = session.exec(select(AuditEvent.action).order_by(AuditEvent.id)).all()
        assert actions[-2:] == ["entry.posted", "entry.reversed"]


def test_an_entry_is_reversed_only_once(engine: Engine) -> None:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        (sale,) = post_journal(session, SALE)
        assert sale.id is not None
        reverse_entry(session, sale.id, on=date(2025, 3, 11), reason="error", actor="ana")
        with pytest.raises(AlreadyReversedError):
            reverse_entry(session, sale.id, on=date(2025, 3, 12), reason="otra vez", actor="ana")


def test_reversal_in_a_closed_period_is_refused(engine: Engine) -> None:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        (sale,) = post_journal(session, SALE)
        assert sale.id is not None
        close_books(session, date(2025, 3, 31))
        with pytest.raises(ClosedPeriodError):
            reverse_entry(session, sale.id, on=date(2025, 3, 20), reason="tarde", actor="ana")
        session.expire_all()
        assert session.get(JournalEntry, sale.id).reversed_by_id is None  # type: ignore[union-attr]


def test_posted_lines_cannot_be_edited(engine: Engine) -> None:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        post_journal(session, SALE)
        line = session.exec(select(JournalLine)).first()
        assert line is not None
        line.debit = Decimal("1.00")
        session.add(line)
        with pytest.raises(ImmutableEntryError):
            session.commit()


@pytest.mark.parametrize("field", ["description", "date"])
def test_posted_entries_cannot_be_edited(engine: Engine, field: str) -> None:
    company_id = new_company(engine)
    with admin_session(engine) as admin, company_session(engine, company_id) as session:
        (sale,) = post_journal(session, SALE)
        entry = admin.get(JournalEntry, sale.id)
        assert entry is not None
        setattr(entry, field, date(2025, 1, 1) if field == "date" else "otra cosa")
        admin.add(entry)
        with pytest.raises(ImmutableEntryError):
            admin.commit()


def test_posted_entries_cannot_be_deleted(engine: Engine) -> None:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        (sale,) = post_journal(session, SALE)
        for line in sale.lines:
            session.delete(line)
        with pytest.raises(ImmutableEntryError):
            session.commit()


def test_bulk_update_and_delete_are_refused(engine: Engine) -> None:
    company_id = new_company(engine)
    with admin_session(engine) as session:
        with pytest.raises(ImmutableEntryError):
            session.execute(update(JournalLine).values(debit=Decimal(0)))
        with pytest.raises(ImmutableEntryError):
            session.execute(delete(JournalEntry).where(JournalEntry.company_id == company_id))


def test_the_database_itself_refuses_raw_changes(engine: Engine) -> None:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        (sale,) = post_journal(session, SALE)
        other = post_journal(session, SALE)[0]
        reversal = reverse_entry(
            session, other.id or 0, on=date(2025, 3, 11), reason="x", actor="a"
        )
    statements = (
        f"UPDATE journal_line SET debit = 0 WHERE entry_id = {sale.id}",
        f"DELETE FROM journal_line WHERE entry_id = {sale.id}",
        f"UPDATE journal_entry SET description = 'otra' WHERE id = {sale.id}",
        f"UPDATE journal_entry SET reversed_by_id = NULL WHERE id = {other.id}",
        f"DELETE FROM journal_entry WHERE id = {reversal.id}",
    )
    for statement in statements:
        with engine.connect() as conn, pytest.raises(DBAPIError):
            conn.exec_driver_sql(statement)
    with engine.connect() as conn:  # the one permitted change: linking a reversal, once
        conn.exec_driver_sql(
            f"UPDATE journal_entry SET reversed_by_id = {reversal.id} WHERE id = {sale.id}"
        )
        conn.rollback()
