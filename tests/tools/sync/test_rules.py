"""Each import rule of the sync, named after the rule (shared/domain/accounting.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.fixtures.dian.build import LineSpec
from tests.tools.sync.docs import OURS, D, read, sale, spec
from tools.dian import direction
from tools.sync.points import PAYMENTS, PURCHASES, SALES
from tools.sync.rules import CompanyProfile, plan_document

COMPANY = CompanyProfile(nit=OURS.nit, item_id=7, bank_account_id=3)
SYNC_DAY = date(2024, 12, 31)


def plan(doc_spec, company=COMPANY, on=SYNC_DAY):  # type: ignore[no-untyped-def]
    doc = read(doc_spec)
    return plan_document(doc, company, direction(doc, company.nit), contact_id=11, sync_date=on)


def by_account(entry) -> dict[str, tuple[Decimal, Decimal]]:  # type: ignore[no-untyped-def]
    out: dict[str, tuple[Decimal, Decimal]] = {}
    for line in entry.lines:
        debit, credit = out.get(line.account_code, (D(0), D(0)))
        out[line.account_code] = (debit + line.debit, credit + line.credit)
    return out


def test_every_line_uses_the_initial_data_item_with_the_original_text() -> None:
    result = plan(spec())
    assert [line.description for line in result.document.lines] == [
        "Tubería PVC 1/2",
        "Codo PVC 1/2",
    ]
    assert {line.item_id for line in result.document.lines} == {7}
    assert {line.account_code for line in result.document.lines} == {None}


def test_purchases_go_to_gastos_y_costos_por_datos_iniciales() -> None:
    # 10 x 10.000 + 20 x 1.500 = 130.000 base, VAT 19 % = 24.700, payable 154.700
    result = plan(spec())
    assert by_account(result.entry) == {
        "51959501": (D("130000.00"), D(0)),
        "240810": (D("24700.00"), D(0)),
        "220505": (D(0), D("154700.00")),
    }
    assert PURCHASES in result.rules
    assert result.document.kind == "purchase_invoice"


def test_purchase_vat_joins_the_expense_when_the_company_is_not_vat_responsible() -> None:
    company = CompanyProfile(nit=OURS.nit, vat_responsible=False)
    result = plan(spec(), company)
    assert by_account(result.entry) == {
        "51959501": (D("154700.00"), D(0)),
        "220505": (D(0), D("154700.00")),
    }


def test_purchase_withholdings_go_to_2365_2367_2368_and_suppliers_get_the_rest() -> None:
    lines = [
        LineSpec(
            "Mantenimiento", D(1), D("1000000"), withholdings=(("06", D("4")), ("07", D("0.966")))
        ),
    ]
    result = plan(spec(lines=lines))
    assert by_account(result.entry) == {
        "51959501": (D("1000000.00"), D(0)),
        "240810": (D("190000.00"), D(0)),
        "236540": (D(0), D("40000.00")),
        "236801": (D(0), D("9660.00")),
        "220505": (D(0), D("1140340.00")),
    }


def test_support_documents_go_to_gastos_y_costos_por_datos_iniciales() -> None:
    result = plan(spec(type_code="05", number="DS15", prefix="DS"))
    assert result.document.kind == "support_document"
    assert "51959501" in by_account(result.entry)


def test_sales_go_to_receivables_income_and_taxes_without_cost_of_sales() -> None:
    result = plan(
        sale(lines=[LineSpec("Cemento gris", D(2), D("30000"), withholdings=(("06", D("2.5")),))])
    )
    assert by_account(result.entry) == {
        "130505": (D("69900.00"), D(0)),
        "135515": (D("1500.00"), D(0)),
        "413505": (D(0), D("60000.00")),
        "240805": (D(0), D("11400.00")),
    }
    assert not any(code.startswith(("6", "14")) for code in by_account(result.entry))
    assert SALES in result.rules


def test_sales_credit_notes_are_the_mirror_on_returns_4175() -> None:
    note = sale(
        root="CreditNote",
        type_code="91",
        number="NC3",
        prefix="NC",
        billing_ref=("FV20", "abc", "2024-03-01"),
    )
    result = plan(note)
    assert by_account(result.entry) == {
        "417505": (D("130000.00"), D(0)),
        "240805": (D("24700.00"), D(0)),
        "130505": (D(0), D("154700.00")),
    }
    assert result.document.kind == "credit_note" and result.document.side == "sale"
    assert result.payment is None


def test_automatic_payment_for_cash_invoices() -> None:
    result = plan(spec(payment_form="1", due_date="2024-03-15"), on=date(2024, 3, 20))
    assert result.payment is not None
    assert result.payment.date == date(2024, 3, 15)
    assert by_account(result.payment.entry) == {
        "220505": (D("154700.00"), D(0)),
        "111005": (D(0), D("154700.00")),
    }
    assert PAYMENTS in result.rules


def test_automatic_payment_for_invoices_more_than_60_days_past_due() -> None:
    doc = spec(issue_date="2024-03-15", due_date="2024-04-14")  # 30-day term
    assert plan(doc, on=date(2024, 6, 13)).payment is None  # 60 days: not yet
    paid = plan(doc, on=date(2024, 6, 14))  # 61 days past due
    assert paid.payment is not None and paid.payment.date == date(2024, 4, 14)
    assert paid.document.status == "paid"


def test_automatic_payment_is_for_the_amount_still_payable_after_withholdings() -> None:
    lines = [LineSpec("Cemento", D(1), D("100000"), withholdings=(("06", D("2.5")),))]
    result = plan(sale(lines=lines, payment_form="1"))
    assert result.payment is not None and result.payment.amount == D("116500.00")
    assert by_account(result.payment.entry) == {
        "111005": (D("116500.00"), D(0)),
        "130505": (D(0), D("116500.00")),
    }


def test_no_automatic_payment_for_terms_over_60_days() -> None:
    doc = spec(issue_date="2024-01-10", due_date="2024-03-15")  # 65-day term, long overdue
    result = plan(doc, on=date(2024, 12, 31))
    assert result.payment is None
    assert "más de 60" in result.payment_note
    cash_long = plan(spec(payment_form="1", issue_date="2024-01-10", due_date="2024-03-15"))
    assert cash_long.payment is None


def test_no_automatic_payment_for_notes() -> None:
    note = spec(root="DebitNote", type_code="92", number="ND4", prefix="ND", payment_form="1")
    assert plan(note).payment is None


def test_every_plan_is_balanced() -> None:
    for doc in (spec(), sale(), spec(type_code="05"), sale(payment_form="1")):
        result = plan(doc)
        result.entry.validate()
        if result.payment:
            result.payment.entry.validate()
