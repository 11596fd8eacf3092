"""A generated year (listing + AttachedDocuments) end to end, checked against the rules."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine, func
from sqlmodel import select

from ledger.companies import INITIAL_DATA_ITEM
from ledger.db import company_session
from ledger.models import Document, DocumentLine, Item, JournalLine, Payment
from ledger.reports import trial_balance, trial_balance_totals
from tests.tools.sync.docs import OURS
from tools.sync.generate import plan_year, write_year
from tools.sync.job import advance, commit_job, create_job
from tools.sync.ubl_writer import GenParty

COMPANY = GenParty(OURS.nit, OURS.dv, OURS.name)
AS_OF = date(2025, 1, 31)


def test_a_generated_year_imports_once_with_the_rules(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    year = write_year(tmp_path, COMPANY, 2024, 300)
    job_id = create_job(engine, company_id, files=[year.listing, year.documents], sync_date=AS_OF)
    assert advance(engine, company_id, job_id) == "staged"
    assert commit_job(engine, company_id, job_id) == "done"
    planned = {doc.number: doc for doc in plan_year(COMPANY, 2024, 300)}
    with company_session(engine, company_id) as session:
        documents = list(session.exec(select(Document)))
        assert len(documents) == 299  # the rejected one stays out; the repeat once
        assert year.rejected not in {d.number for d in documents}
        paid = {
            d.number
            for d in session.exec(
                select(Document).join(Payment, Payment.document_id == Document.id)
            )
        }
        for number, doc in planned.items():
            long_term = doc.due_date is not None and doc.due_date - doc.issue_date > timedelta(60)
            due = doc.root == "Invoice" and not long_term and number != year.rejected
            overdue = doc.due_date is not None and (AS_OF - doc.due_date).days > 60
            assert (number in paid) == (due and (doc.payment_form == "1" or overdue)), number
        item = session.exec(select(Item).where(Item.name == INITIAL_DATA_ITEM)).one()
        assert set(session.exec(select(DocumentLine.item_id))) == {item.id}
        codes = {row.code for row in trial_balance(session, level=6) if row.debit or row.credit}
        assert not any(code.startswith(("14", "61", "62")) for code in codes)
        assert "519595" in codes and "130505" in codes and "111005" in codes
        totals = trial_balance_totals(trial_balance(session, level=8))
        assert totals.debit == totals.credit
        assert session.exec(select(func.count()).select_from(JournalLine)).one() > 299 * 2
