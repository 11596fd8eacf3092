"""A hardware retailer (CUADRE DEMO S.A.S., CIIU 4752) on SQLite, and its received XML."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from ledger.companies import create_company
from ledger.db import admin_session, company_session
from ledger.models import Account, JournalEntry, JournalLine
from tests.fixtures.dian.build import DocSpec
from tests.fixtures.dian.containers import attached_document
from tests.tools.sync.docs import OURS

NOW = datetime(2024, 3, 16, 14, 0, tzinfo=UTC)  # 09:00 in Bogotá


@pytest.fixture
def company_id(engine: Engine) -> int:
    """CUADRE DEMO S.A.S. (830048145-8), a hardware retailer: buyer of the fixture invoices."""
    with admin_session(engine) as session:
        company = create_company(
            session, nit=f"{OURS.nit}-{OURS.dv}", name=OURS.name, ciiu_codes=("4752",)
        )
        assert company.id is not None
        return company.id


@pytest.fixture
def session(engine: Engine, company_id: int) -> Iterator[Session]:
    with company_session(engine, company_id) as session:
        yield session


def write_xml(folder: Path, doc: DocSpec) -> Path:
    """The AttachedDocument a supplier would send, as a file."""
    path = folder / f"{doc.number}.xml"
    path.write_text(attached_document(doc), encoding="utf-8")
    return path


def entry_lines(session: Session, entry: JournalEntry) -> list[tuple[str, str, str]]:
    """(account, debit, credit) of an entry, as text, in posting order."""
    rows = session.exec(
        select(Account.code, JournalLine.debit, JournalLine.credit)
        .join(Account, Account.id == JournalLine.account_id)  # type: ignore[arg-type]
        .where(JournalLine.entry_id == entry.id)
        .order_by(JournalLine.id)  # type: ignore[arg-type]
    ).all()
    return [(code, str(debit), str(credit)) for code, debit, credit in rows]
