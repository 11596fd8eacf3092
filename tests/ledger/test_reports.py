"""Reports: trial balance by level and period, account ledger, aging, documents by status."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine

from ledger.db import company_session
from ledger.errors import DuplicateDocumentError
from ledger.models import Contact, DocumentKind, PaymentForm
from ledger.posting import DocumentDraft, DocumentTaxDraft, PaymentDraft, post_document
from ledger.reports import (
    account_ledger,
    aging,
    documents_by_status,
    trial_balance,
    trial_balance_totals,
)
from tests.utils.companies import new_company
from tests.utils.journal import parse_journal, post_journal

D = Decimal

BOOKS = """
2025-01-02 Aporte de capital
  111005  5000000.00
  311505            5000000.00
2025-01-20 Compra de mercancía FV-88
  143505  1000000.00
  240810   190000.00
  220505            1190000.00
2025-02-05 Pago a proveedor FV-88
  220505  1190000.00
  111005            1190000.00
2025-02-10 Papelería
  519530    50000.00
  110505              50000.00
"""


@pytest.fixture
def books(engine: Engine) -> int:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        post_journal(session, BOOKS)
    return company_id


def test_trial_balance_rolls_up_by_level(engine: Engine, books: int) -> None:
    with company_session(engine, books) as session:
        by_class = {row.code: row.closing for row in trial_balance(session, level=1)}
        # VAT deductible (240810) is a debit inside class 2, not an asset.
        assert by_class == {
            "1": D("4760000.00"),
            "2": D("190000.00"),
            "3": D("-5000000.00"),
            "5": D("50000.00"),
        }
        by_group = {row.code: row.closing for row in trial_balance(session, level=2)}
        assert by_group["11"] == D("3760000.00") and by_group["24"] == D("190000.00")
        by_account = {row.code: row for row in trial_balance(session, level=4)}
        assert by_account["2205"].debit == by_account["2205"].credit == D("1190000.00")
        assert by_account["1110"].name == "Bancos"
        totals = trial_balance_totals(trial_balance(session, level=6))
        assert totals.balanced and totals.debit == D("7430000.00")


def test_trial_balance_period_has_opening_balances(engine: Engine, books: int) -> None:
    with company_session(engine, books) as session:
        rows = {
            row.code: row
            for row in trial_balance(session, start=date(2025, 2, 1), end=date(2025, 2, 28))
        }
    bank = rows["111005"]
    assert (bank.opening, bank.debit, bank.credit, bank.closing) == (
        D("5000000.00"),
        D("0.00"),
        D("1190000.00"),
        D("3810000.00"),
    )
    assert rows["143505"].opening == D("1000000.00") and rows["143505"].debit == 0


def test_account_ledger_running_balance(engine: Engine, books: int) -> None:
    with company_session(engine, books) as session:
        rows = account_ledger(session, account_code="2205")
        assert [(r.entry_number, r.credit, r.debit, r.balance) for r in rows] == [
            (2, D("1190000.00"), D("0.00"), D("1190000.00")),  # credit nature grows
            (3, D("0.00"), D("1190000.00"), D("0.00")),
        ]
        from_feb = account_ledger(session, account_code="111005", start=date(2025, 2, 1))
        assert from_feb[0].description == "Saldo inicial"
        assert [r.balance for r in from_feb] == [D("5000000.00"), D("3810000.00")]


def _sale(number: str, on: date, total: str, contact_id: int, cufe: str) -> DocumentDraft:
    return DocumentDraft(
        kind=DocumentKind.SALES_INVOICE,
        number=number,
        issue_date=on,
        due_date=on,
        total=D(total),
        subtotal=D(total) / D("1.19"),
        tax_total=D(total) - D(total) / D("1.19"),
        contact_id=contact_id,
        payment_form=PaymentForm.CREDIT,
        cufe=cufe,
        taxes=(DocumentTaxDraft(scheme="01", amount=D(total) - D(total) / D("1.19"), rate=D(19)),),
    )


def _sale_entry(on: date, total: str) -> str:
    net = (D(total) / D("1.19")).quantize(D("0.01"))
    return (
        f"{on} Venta\n  130505  {total}\n  413505        {net}\n  240805        {D(total) - net}\n"
    )


def test_post_document_aging_and_statuses(engine: Engine) -> None:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        client = Contact(
            company_id=company_id, id_number="900111222", name="CONSTRUCTORA ANDES SAS"
        )
        session.add(client)
        session.commit()
        assert client.id is not None
        old = date(2025, 1, 10)
        (entry,) = parse_journal(_sale_entry(old, "1190000.00"))
        (pay_entry,) = parse_journal(
            "2025-02-01 Abono\n  111005  190000.00\n  130505          190000.00\n"
        )
        payment = PaymentDraft(date=date(2025, 2, 1), amount=D("190000.00"), entry=pay_entry)
        document = post_document(
            session,
            _sale("FE-1", old, "1190000.00", client.id, "cufe-1"),
            entry,
            payment,
            actor="t",
        )
        assert document.id is not None and len(document.taxes) == 1
        recent = date(2025, 3, 25)
        (entry2,) = parse_journal(_sale_entry(recent, "595000.00"))
        post_document(
            session, _sale("FE-2", recent, "595000.00", client.id, "cufe-2"), entry2, actor="t"
        )
        with pytest.raises(DuplicateDocumentError):
            post_document(
                session, _sale("FE-2", recent, "595000.00", client.id, "cufe-2"), entry2, actor="t"
            )
        (row,) = aging(session, kind="receivable", as_of=date(2025, 3, 31))
        assert row.contact_name == "CONSTRUCTORA ANDES SAS"
        assert (row.days_0_30, row.days_31_60, row.days_61_90, row.over_90) == (
            D("595000.00"), D("0.00"), D("1000000.00"), D("0.00"),
        )  # fmt: skip
        assert aging(session, kind="payable", as_of=date(2025, 3, 31)) == ()
        (status,) = documents_by_status(session)
        assert (status.kind, status.status, status.count, status.total) == (
            "sales_invoice", "posted", 2, D("1785000.00"),
        )  # fmt: skip
        balances = {r.code: r.closing for r in trial_balance(session)}
        assert balances["130505"] == D("1595000.00")


def test_a_settling_payment_marks_the_document_paid(engine: Engine) -> None:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        on = date(2025, 6, 3)
        (entry,) = parse_journal(_sale_entry(on, "119000.00"))
        (pay,) = parse_journal(
            "2025-06-03 Pago de contado\n  111005  119000.00\n  130505          119000.00\n"
        )
        client = Contact(company_id=company_id, id_number="71234567", id_type="13", name="Rosa")
        session.add(client)
        session.commit()
        assert client.id is not None
        document = post_document(
            session,
            _sale("FE-9", on, "119000.00", client.id, "cufe-9"),
            entry,
            PaymentDraft(date=on, amount=D("119000.00"), entry=pay, method="efectivo"),
            actor="t",
        )
        assert document.status == "paid"
        assert aging(session, kind="receivable", as_of=on) == ()
