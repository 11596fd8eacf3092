"""A company session cannot read or write another company's rows by any ORM path."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine, func, insert, update
from sqlalchemy.orm import selectinload
from sqlmodel import col, select

from ledger.db import admin_session, company_session
from ledger.errors import ForeignCompanyError
from ledger.models import (
    Account,
    Company,
    Contact,
    Document,
    JournalEntry,
    JournalLine,
    User,
    UserCompany,
)
from tests.utils.companies import new_company
from tests.utils.journal import post_journal

CAPITAL = "2025-01-15 Aporte de capital\n  111005  500000.00\n  311505      500000.00\n"


@pytest.fixture
def two_companies(engine: Engine) -> tuple[int, int]:
    ours, theirs = new_company(engine, "NUESTRA SAS"), new_company(engine, "AJENA SAS")
    for company_id in (ours, theirs):
        with company_session(engine, company_id) as session:
            post_journal(session, CAPITAL)
            session.add(Contact(company_id=company_id, id_number=str(company_id), name="Cliente"))
            session.commit()
    return ours, theirs


def _ids(engine: Engine, model: type, company_id: int) -> list[int]:
    with admin_session(engine) as admin:
        return list(admin.exec(select(model.id).where(model.company_id == company_id)))  # type: ignore[attr-defined]


def test_select_sees_only_own_rows(engine: Engine, two_companies: tuple[int, int]) -> None:
    ours, theirs = two_companies
    with company_session(engine, ours) as session:
        for model in (Account, JournalEntry, JournalLine, Contact):
            company_ids = set(session.exec(select(model.company_id)))  # type: ignore[attr-defined]
            assert company_ids == {ours}, model.__name__
        assert [c.id for c in session.exec(select(Company))] == [ours]
        # Explicitly asking for the other company's rows returns nothing.
        stmt = select(func.count()).select_from(Account).where(Account.company_id == theirs)
        assert session.exec(stmt).one() == 0


def test_get_of_a_foreign_row_returns_nothing(
    engine: Engine, two_companies: tuple[int, int]
) -> None:
    ours, theirs = two_companies
    foreign_entry = _ids(engine, JournalEntry, theirs)[0]
    foreign_account = _ids(engine, Account, theirs)[0]
    with company_session(engine, ours) as session:
        assert session.get(JournalEntry, foreign_entry) is None
        assert session.get(Account, foreign_account) is None
        assert session.get(Company, theirs) is None


def test_relationship_loads_are_filtered(engine: Engine, two_companies: tuple[int, int]) -> None:
    ours, theirs = two_companies
    foreign_contact = _ids(engine, Contact, theirs)[0]
    # A document of ours pointing at a foreign contact can only be forged behind the guards.
    with admin_session(engine) as admin:
        forged = Document(
            company_id=ours,
            kind="sales_invoice",
            side="sale",
            number="FORJADO-1",
            issue_date=date(2025, 1, 20),
            contact_id=foreign_contact,
        )
        admin.add(forged)
        admin.commit()
        document_id = forged.id
    with company_session(engine, ours) as session:
        document = session.get(Document, document_id)
        assert document is not None and document.contact_id == foreign_contact
        assert document.contact is None  # lazy load filtered
        entry = session.exec(
            select(JournalEntry).options(selectinload(JournalEntry.lines))  # type: ignore[arg-type]
        ).first()
        assert entry is not None and {ln.company_id for ln in entry.lines} == {ours}
        line = entry.lines[0]
        assert line.account is not None and line.account.company_id == ours


def test_writing_a_foreign_row_is_refused(engine: Engine, two_companies: tuple[int, int]) -> None:
    ours, theirs = two_companies
    with company_session(engine, ours) as session:
        session.add(Contact(company_id=theirs, id_number="1", name="Intruso"))
        with pytest.raises(ForeignCompanyError):
            session.flush()
        session.rollback()
        own = session.exec(select(Contact)).first()
        assert own is not None
        own.company_id = theirs
        session.add(own)
        with pytest.raises(ForeignCompanyError):
            session.flush()
        session.rollback()
        with pytest.raises(ForeignCompanyError):
            session.execute(
                insert(Contact), [{"company_id": theirs, "id_number": "2", "name": "X"}]
            )


def test_bulk_update_touches_only_own_rows(engine: Engine, two_companies: tuple[int, int]) -> None:
    ours, theirs = two_companies
    with company_session(engine, ours) as session:
        session.execute(update(Contact).values(name="Renombrado"))
        session.commit()
    with admin_session(engine) as admin:
        names = dict(
            admin.exec(
                select(Contact.company_id, Contact.name).where(
                    col(Contact.company_id).in_([ours, theirs])
                )
            ).all()
        )
    assert names == {ours: "Renombrado", theirs: "Cliente"}


def test_reports_never_mix_companies(engine: Engine, two_companies: tuple[int, int]) -> None:
    from ledger.reports import trial_balance

    ours, _ = two_companies
    with company_session(engine, ours) as session:
        rows = {row.code: row.closing for row in trial_balance(session, level=6)}
    assert rows == {"111005": Decimal("500000.00"), "311505": Decimal("-500000.00")}


def test_a_company_sees_only_its_own_users(engine: Engine, two_companies: tuple[int, int]) -> None:
    ours, theirs = two_companies
    with admin_session(engine) as admin:
        ana = User(email=f"ana{ours}@ferreteria.co", name="Ana")
        luis = User(email=f"luis{theirs}@ajena.co", name="Luis")
        admin.add_all([ana, luis])
        admin.flush()
        assert ana.id is not None and luis.id is not None
        admin.add(UserCompany(company_id=ours, user_id=ana.id, role="accountant"))
        admin.add(UserCompany(company_id=theirs, user_id=luis.id))
        admin.commit()
        luis_id = luis.id
    with company_session(engine, ours) as session:
        emails = session.exec(select(User.email)).all()
        assert emails == [f"ana{ours}@ferreteria.co"]
        assert session.get(User, luis_id) is None
